/*
 * host-fpu.h: how the helpers not yet in soft-float (SSE's rcp/rsqrt, whose
 * bits are the vendor's) borrow the host's floating point unit.
 * The x86-64 host executes the very instruction the guest asked for, so
 * results, NaN propagation and exception flags are bit-exact; this
 * wrapper loads the guest's rounding/DAZ/FTZ settings into the host with
 * every exception masked, and folds the flags the host raised back into
 * the guest's MXCSR.
 *
 * Every host-executed FP helper brackets its work with one begin/end pair.
 * The pair is made of volatile asm with memory clobbers: helpers must read
 * their inputs from memory (env, guest memory) after begin and write
 * results to memory before end, so the compiler cannot move the
 * arithmetic outside the guest's settings.  (Everything else computes in
 * fpu/: sse-fp.h's and fpu-stack.h's brackets.)
 *
 * This ties the helpers to an x86-64 host; other hosts will use fpu/
 * soft-float instead (docs/devel/fpu-sse.md).
 */
#ifndef I386_HOST_FPU_H
#define I386_HOST_FPU_H

#include "cpu.h"
#include "sse-fp.h"

#if !defined(__x86_64__)
#error "the SSE rcp/rsqrt helpers execute host x86 instructions: x86-64 host only"
#endif

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

#endif
