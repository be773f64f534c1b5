/*
 * host-fpu.h: how the helpers not yet in soft-float (the x87 specials and
 * BCD in fpu_helper.c; SSE's rcp/rsqrt, dpps/dppd/round*) borrow the
 * host's floating point unit.
 * The x86-64 host executes the very instruction the guest asked for, so
 * results, NaN propagation and exception flags are bit-exact; these
 * wrappers load the guest's rounding/precision/DAZ/FTZ settings into the
 * host with every exception masked, and fold the flags the host raised back
 * into the guest's MXCSR or FPU status word.
 *
 * Every host-executed FP helper brackets its work with one begin/end pair.
 * The pair is made of volatile asm with memory clobbers: helpers must read
 * their inputs from memory (env, guest memory) after begin and write
 * results to memory before end, so the compiler cannot move the
 * arithmetic outside the guest's settings.  (The x87 helpers that compute
 * in fpu/ use fpu-stack.h's soft bracket instead.)
 *
 * This ties the helpers to an x86-64 host; other hosts will use fpu/
 * soft-float instead (docs/devel/fpu-sse.md).
 */
#ifndef I386_HOST_FPU_H
#define I386_HOST_FPU_H

#include "cpu.h"
#include "sse-fp.h"

#if !defined(__x86_64__)
#error "the SSE/x87 helpers execute host x86 instructions: x86-64 host only"
#endif

/* x87 status word fields */
#define FPUS_EXC        0x003f   /* IE DE ZE OE UE PE */
#define FPUS_IE         0x0001
#define FPUS_ZE         0x0004
#define FPUS_SF         0x0040
#define FPUS_ES         0x0080
#define FPUS_C0         0x0100
#define FPUS_C1         0x0200
#define FPUS_C2         0x0400
#define FPUS_TOP        0x3800
#define FPUS_C3         0x4000
#define FPUS_B          0x8000
#define FPUS_CC         (FPUS_C0 | FPUS_C1 | FPUS_C2 | FPUS_C3)
/* x87 control word: precision and rounding are what the host must copy */
#define FPUC_PC_RC      0x0f00
#define FPUC_MASKS      0x003f
#define FPUC_DEFAULT    0x037f

/*
 * One SSE helper's work: SSE_FP_RUN(env, ra, body...) runs body under the
 * guest's MXCSR and folds the flags it raised into the guest's.  When the
 * guest has unmasked an exception the body may run twice, and the helper's
 * results must reach guest state only after SSE_FP_RUN: an unmasked
 * exception leaves through #XM from inside it (fpu_except.c), with the
 * destination untouched as on hardware.
 */
typedef struct SseFpPass {
    uint32_t host_mxcsr;    /* the host's own, restored after each pass */
    uint32_t raised;        /* flags of the first pass */
    int number;             /* 0, or 1: the FTZ pass (fpu_except.c) */
} SseFpPass;

static inline void sse_fp_pass_begin(CPUX86State *env, SseFpPass *p)
{
    uint32_t guest = (env->mxcsr & (MXCSR_RC | MXCSR_DAZ | MXCSR_FTZ)) |
                     MXCSR_MASKS;

    /* FTZ acts only while UE is masked; the second pass flushes to find
       tiny results that are exact. */
    if (!(env->mxcsr & MXCSR_UM)) {
        guest = p->number ? guest | MXCSR_FTZ : guest & ~MXCSR_FTZ;
    }
    __asm__ __volatile__("stmxcsr %0\n\tldmxcsr %1"
                         : "=m"(p->host_mxcsr) : "m"(guest) : "memory");
}

/* true: run the body again (SseFpPass.number says how) */
bool sse_fp_unmasked(CPUX86State *env, SseFpPass *p, uint32_t raised,
                     uintptr_t ra);

static inline bool sse_fp_pass_end(CPUX86State *env, SseFpPass *p,
                                   uintptr_t ra)
{
    uint32_t raised;

    __asm__ __volatile__("stmxcsr %0\n\tldmxcsr %1"
                         : "=m"(raised) : "m"(p->host_mxcsr) : "memory");
    raised &= MXCSR_FLAGS;
    if ((env->mxcsr & MXCSR_MASKS) == MXCSR_MASKS) {
        env->mxcsr |= raised;
        return false;
    }
    return sse_fp_unmasked(env, p, raised, ra);
}

#define SSE_FP_RUN(env, ra, ...)                                          \
    do {                                                                  \
        SseFpPass pass_ = { 0 };                                          \
        do {                                                              \
            sse_fp_pass_begin(env, &pass_);                               \
            __VA_ARGS__                                                   \
        } while (sse_fp_pass_end(env, &pass_, ra));                       \
    } while (0)

/*
 * One x87 helper's work: x87_begin(env, &b) ... x87_end(env, &b, dest).
 * An exception the guest has unmasked does not trap here: it sets ES and B,
 * and the next waiting instruction delivers it (helper_fwait).  But one of
 * IE, DE, ZE, or OE/UE of a store to memory, suppresses the instruction: the
 * stack and its registers are as before (saved by x87_begin when such an
 * exception is unmasked), nothing is stored and the instruction's pops are
 * skipped; x87_end then returns false.
 */
typedef struct X87Bracket {
    uint16_t host_cw;
    uint16_t fpus;              /* the guest's status word before */
    /* saved when an exception that suppresses is unmasked: */
    unsigned int fpstt;
    uint8_t fptags[8];
    FPReg fpregs[8];
} X87Bracket;

#define FPUS_PRE        0x0007  /* IE DE ZE: found before computing */
#define FPUS_OE_UE      0x0018
enum { X87_TO_REG, X87_TO_MEMORY };

/* fpu_except.c: the unmasked part of x87_begin and x87_end */
void x87_save_stack(CPUX86State *env, X87Bracket *b);
bool x87_unmasked(CPUX86State *env, X87Bracket *b, int dest);

/* What every x87 bracket (also the soft-float one, fpu-stack.h) keeps. */
static inline void x87_bracket_open(CPUX86State *env, X87Bracket *b)
{
    b->fpus = env->fpus;
    if (~env->fpuc & (FPUS_PRE | FPUS_OE_UE)) {
        x87_save_stack(env, b);
    }
}

static inline void x87_begin(CPUX86State *env, X87Bracket *b)
{
    uint16_t guest = (env->fpuc & FPUC_PC_RC) | FPUC_MASKS | 0x40;

    __asm__ __volatile__("fnstcw %0\n\tfldcw %1\n\tfnclex"
                         : "=m"(b->host_cw) : "m"(guest) : "memory");
    x87_bracket_open(env, b);
}

/*
 * Fold the host's exception flags into the guest status word.  Condition
 * bits are set by the helpers themselves: the host's are unreliable here,
 * because the compiler's own x87 moves after the instruction change C1.
 */
static inline bool x87_end(CPUX86State *env, X87Bracket *b, int dest)
{
    uint16_t sw;

    __asm__ __volatile__("fnstsw %0\n\tfldcw %1"
                         : "=m"(sw) : "m"(b->host_cw) : "memory");
    env->fpus |= sw & FPUS_EXC;
    if (env->fpus & ~env->fpuc & FPUS_EXC) {
        return x87_unmasked(env, b, dest);
    }
    return true;
}

#endif
