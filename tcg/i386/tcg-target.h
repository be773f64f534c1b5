/*
 * tcg-target.h: the x86-64 host as the register allocator sees it: register
 * numbers (hardware encoding), the fixed registers and the stack frame that
 * the prologue builds.  The emitters are in tcg-target.c.inc.
 */
#ifndef TCG_TARGET_H
#define TCG_TARGET_H

#define TCG_TARGET_NB_REGS 16

typedef enum {
    TCG_REG_RAX, TCG_REG_RCX, TCG_REG_RDX, TCG_REG_RBX,
    TCG_REG_RSP, TCG_REG_RBP, TCG_REG_RSI, TCG_REG_RDI,
    TCG_REG_R8, TCG_REG_R9, TCG_REG_R10, TCG_REG_R11,
    TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
} TCGReg;

/* env lives in a callee-saved register for the whole of generated code. */
#define TCG_AREG0          TCG_REG_RBP
#define TCG_REG_CALL_STACK TCG_REG_RSP
/* guest_base, when it does not fit a 32-bit displacement. */
#define TCG_REG_GUEST_BASE TCG_REG_R14
/* Scratch for the emitters (zero-extended guest addresses, wide constants):
   never allocated, so any emitter may clobber it. */
#define TCG_REG_TMP        TCG_REG_R11

/* Second scratch, for the inline TLB probe of checked accesses: reserved
   only while a CF_CHECKED TB is generated (tcg.c). */
#define TCG_REG_TMP2       TCG_REG_R10
#define TCG_TARGET_PROBE_REGS (1u << TCG_REG_TMP2)

/* Guest accesses leave changed globals in host registers, which the
   fault handler reads from the signal context (tcg.c, "Access maps"). */
#define TCG_TARGET_HAS_ACCESS_MAP 1

/* Indirect jumps read the jump cache in generated code; a miss jumps to
   tcg_code_gen_lookup_miss, which the prologue makes. */
#define TCG_TARGET_HAS_LOOKUP_MISS 1

/* A brcond_i32 of a loaded word against a constant is one cmp with a
   memory operand (the exit-request check opening every TB). */
#define TCG_TARGET_HAS_BRCOND_MEM 1

/* Spill slots sit at the bottom of the frame, addressed from %rsp. */
#define TCG_FRAME_OFFSET   0

#endif
