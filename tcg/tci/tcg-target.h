/*
 * tcg-target.h (interpreter): the virtual machine the register allocator
 * sees when the "host" is tcg/tci/interp.c.  Sixteen 64-bit registers, all
 * alike; the fixed ones hold env, the spill frame and the allocator's
 * scratch.  docs/devel/tci.md describes the bytecode.
 */
#ifndef TCG_TARGET_H
#define TCG_TARGET_H

#define TCG_TARGET_NB_REGS 16

typedef enum {
    TCG_REG_R0, TCG_REG_R1, TCG_REG_R2, TCG_REG_R3,
    TCG_REG_R4, TCG_REG_R5, TCG_REG_R6, TCG_REG_R7,
    TCG_REG_R8, TCG_REG_R9, TCG_REG_R10, TCG_REG_R11,
    TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
} TCGReg;

#define TCG_AREG0          TCG_REG_R14
/* Points at the interpreter's spill frame (TCG_FRAME_SLOTS words). */
#define TCG_REG_CALL_STACK TCG_REG_R15
/* The allocator's scratch (constants on their way to memory). */
#define TCG_REG_TMP        TCG_REG_R13
/* The interpreter adds guest_base itself: no register carries it, so the
   name falls on one that is reserved anyway. */
#define TCG_REG_GUEST_BASE TCG_REG_TMP
/* Checked accesses probe the TLB inside the interpreter: no scratch. */
#define TCG_TARGET_PROBE_REGS 0u

#define TCG_FRAME_OFFSET   0

/* Globals are stored before each guest access: the interpreter's
   registers are not in the signal context for the fault handler to read
   (tcg.c, "Access maps"). */
#define TCG_TARGET_HAS_ACCESS_MAP 0

/* Indirect jumps call the lookup helper: reading the jump cache in ops
   would cost more than the helper's one call op. */
#define TCG_TARGET_HAS_LOOKUP_MISS 0

/* The interpreter's ops read registers only. */
#define TCG_TARGET_HAS_BRCOND_MEM 0

/* A call's arguments are in R0..R5 (tcg_target_call_iarg_regs), its
   result comes back in R0: the interpreter reads and writes them there. */
#define TCG_TARGET_CALL_RET_REG TCG_REG_R0

/* Generated code is bytecode, entered through tcg/tci/interp.c's
   tcg_qemu_tb_exec rather than a host-code prologue. */
#define TCG_TARGET_INTERPRETER 1

#endif
