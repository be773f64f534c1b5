/*
 * fpu_except.c: floating point exceptions the guest has unmasked.
 *
 * SSE (#XM, at the instruction).  As the hardware does, an unmasked
 * invalid, denormal or divide exception found before computing suppresses
 * the computation and flags only those three; otherwise an unmasked
 * overflow, underflow or precision exception traps with every flag raised.
 * In both cases the destination is untouched.  The helpers (all in
 * soft-float) come to sse_soft_trap() with each lane's flags already in
 * the hardware's unmasked form (sse-fp.h: PE from the rounding with an
 * unbounded exponent, UE for exact tiny results).
 *
 * x87 (#MF, at the next waiting instruction): the helpers set ES and B,
 * and an unmasked exception that the hardware would not complete the
 * instruction with restores the stack saved at x87_bracket_open.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "excp.h"
#include "sse-fp.h"
#include "fpu-stack.h"

/* MXCSR and the x87 status word share the layout of the six flags. */
#define FLAG_IE 0x01
#define FLAG_DE 0x02
#define FLAG_ZE 0x04
#define FLAG_OE 0x08
#define FLAG_UE 0x10
#define FLAG_PE 0x20
#define FLAGS_PRE (FLAG_IE | FLAG_DE | FLAG_ZE)

/* The helpers' flags come with the hardware's unmasked response per lane
   already (sse-fp.h): only the choice of IE/DE/ZE first is left. */
void sse_soft_trap(CPUX86State *env, uint32_t flags, uintptr_t ra)
{
    uint32_t unmasked = ~(env->mxcsr >> 7) & MXCSR_FLAGS;

    env->mxcsr |= flags & unmasked & FLAGS_PRE ? flags & FLAGS_PRE : flags;
    raise_exception_ra(env, EXCP13_XMM, ra);
}

void x87_save_stack(CPUX86State *env, X87Bracket *b)
{
    b->fpstt = env->fpstt;
    memcpy(b->fptags, env->fptags, sizeof(b->fptags));
    memcpy(b->fpregs, env->fpregs, sizeof(b->fpregs));
}

bool x87_unmasked(CPUX86State *env, X87Bracket *b, int dest)
{
    uint16_t raised = env->fpus & ~b->fpus & FPUS_EXC;
    uint16_t unmasked = raised & ~env->fpuc;
    uint16_t suppressing = FLAGS_PRE |
                           (dest == X87_TO_MEMORY ? FLAG_OE | FLAG_UE : 0);
    uint16_t cc = b->fpus & FPUS_CC;

    env->fpus |= FPUS_ES | FPUS_B;
    if (!(unmasked & suppressing)) {
        return true;
    }
    env->fpstt = b->fpstt;
    memcpy(env->fptags, b->fptags, sizeof(b->fptags));
    memcpy(env->fpregs, b->fpregs, sizeof(b->fpregs));
    /* A stack fault says in C1 whether it over- or underflowed. */
    if (raised & FLAG_IE && env->fpus & FPUS_SF) {
        cc = (cc & ~FPUS_C1) | (env->fpus & FPUS_C1);
    }
    raised &= unmasked & FLAGS_PRE ? FLAGS_PRE : FLAGS_PRE | FLAG_OE | FLAG_UE;
    env->fpus = (b->fpus & ~FPUS_CC) | cc | raised | (env->fpus & FPUS_SF) |
                FPUS_ES | FPUS_B;
    env->x87_suppressed = true;
    return false;
}

void HELPER(fwait)(CPUX86State *env)
{
    if (env->fpus & FPUS_ES) {
        raise_exception_ra(env, EXCP10_COPR, GETPC());
    }
    env->x87_suppressed = false;
}

int x86_fpu_exception_si_code(CPUX86State *env, int excp)
{
    static const struct {
        uint8_t flags;
        int si_code;
    } linux_order[] = {
        { FLAG_IE, FPE_FLTINV },
        { FLAG_ZE, FPE_FLTDIV },
        { FLAG_OE, FPE_FLTOVF },
        { FLAG_UE | FLAG_DE, FPE_FLTUND },
        { FLAG_PE, FPE_FLTRES },
    };
    uint32_t pending = excp == EXCP13_XMM ? env->mxcsr & ~(env->mxcsr >> 7)
                                          : env->fpus & ~env->fpuc;

    for (size_t i = 0; i < ARRAY_SIZE(linux_order); i++) {
        if (pending & linux_order[i].flags) {
            return linux_order[i].si_code;
        }
    }
    return 0;
}
