/*
 * tcg-target.h: the AArch64 host as the register allocator sees it:
 * register numbers (the hardware's), the fixed registers and the stack
 * frame the prologue builds.  The emitters are in tcg-target.c.inc;
 * docs/devel/aarch64.md describes the register use and the memory order.
 */
#ifndef TCG_TARGET_H
#define TCG_TARGET_H

#define TCG_TARGET_NB_REGS 32

typedef enum {
    TCG_REG_X0, TCG_REG_X1, TCG_REG_X2, TCG_REG_X3,
    TCG_REG_X4, TCG_REG_X5, TCG_REG_X6, TCG_REG_X7,
    TCG_REG_X8, TCG_REG_X9, TCG_REG_X10, TCG_REG_X11,
    TCG_REG_X12, TCG_REG_X13, TCG_REG_X14, TCG_REG_X15,
    TCG_REG_X16, TCG_REG_X17, TCG_REG_X18, TCG_REG_X19,
    TCG_REG_X20, TCG_REG_X21, TCG_REG_X22, TCG_REG_X23,
    TCG_REG_X24, TCG_REG_X25, TCG_REG_X26, TCG_REG_X27,
    TCG_REG_X28, TCG_REG_X29, TCG_REG_X30,
    /* 31 is the stack pointer as a base or in add/sub immediate, the zero
       register elsewhere: the emitters know which. */
    TCG_REG_SP,
} TCGReg;
#define TCG_REG_XZR TCG_REG_SP

/* env lives in a callee-saved register for the whole of generated code. */
#define TCG_AREG0          TCG_REG_X19
#define TCG_REG_CALL_STACK TCG_REG_SP
/* guest_base, loaded by the prologue whatever its value (an AArch64 load
   has no 32-bit displacement to carry it). */
#define TCG_REG_GUEST_BASE TCG_REG_X28
/* Scratch registers of the emitters, never allocated: TMP for constants,
   call targets and the TLB addend, TMP2 for large offsets and the TLB
   entry, TMP3 for the TLB tag.  x16/x17 are the ABI's intra-procedure-call
   scratch, clobbered by any call anyway. */
#define TCG_REG_TMP        TCG_REG_X17
#define TCG_REG_TMP2       TCG_REG_X16
#define TCG_REG_TMP3       TCG_REG_X15
/* The probe's scratch registers are never allocated, so nothing more
   needs reserving in checked TBs. */
#define TCG_TARGET_PROBE_REGS 0u

/* Guest accesses leave changed globals in host registers, which the
   fault handler reads from the signal context (tcg.c, "Access maps"). */
#define TCG_TARGET_HAS_ACCESS_MAP 1

/* Indirect jumps read the jump cache in generated code; a miss jumps to
   tcg_code_gen_lookup_miss, which the prologue makes. */
#define TCG_TARGET_HAS_LOOKUP_MISS 1

/* No compare with a memory operand: ldr + cbnz is two instructions
   already. */
#define TCG_TARGET_HAS_BRCOND_MEM 0

/* Spill slots sit at the bottom of the frame, addressed from sp. */
#define TCG_FRAME_OFFSET   0

#endif
