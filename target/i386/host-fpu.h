/*
 * host-fpu.h: how the SSE and x87 helpers borrow the host's floating point
 * unit.  The x86-64 host executes the very instruction the guest asked for,
 * so results, NaN propagation and exception flags are bit-exact; these
 * wrappers load the guest's rounding/precision/DAZ/FTZ settings into the
 * host with every exception masked, and fold the flags the host raised back
 * into the guest's MXCSR or FPU status word.
 *
 * Every FP helper brackets its work with one begin/end pair.  The pair is
 * made of volatile asm with memory clobbers: helpers must read their inputs
 * from memory (env, guest memory) after begin and write results to memory
 * (or pass them through host_fpu_fence) before end, so the compiler cannot
 * move the arithmetic outside the guest's settings.
 *
 * This ties the helpers to an x86-64 host; other hosts will use fpu/
 * soft-float instead (docs/devel/fpu-sse.md).
 */
#ifndef I386_HOST_FPU_H
#define I386_HOST_FPU_H

#include "cpu.h"

#if !defined(__x86_64__)
#error "the SSE/x87 helpers execute host x86 instructions: x86-64 host only"
#endif

/* MXCSR fields */
#define MXCSR_FLAGS     0x003f   /* IE DE ZE OE UE PE */
#define MXCSR_DAZ       0x0040
#define MXCSR_MASKS     0x1f80   /* all six exception masks */
#define MXCSR_RC        0x6000
#define MXCSR_FTZ       0x8000
#define MXCSR_WRITABLE  0xffff   /* MXCSR_MASK we report in FXSAVE */

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

/* Make the compiler treat v as produced here (orders pure ops vs the asm). */
#define host_fpu_fence(v) __asm__ __volatile__("" : "+g"(v))

static inline uint32_t sse_fp_begin(CPUX86State *env)
{
    uint32_t host, guest;

    guest = (env->mxcsr & (MXCSR_RC | MXCSR_DAZ | MXCSR_FTZ)) | MXCSR_MASKS;
    __asm__ __volatile__("stmxcsr %0\n\tldmxcsr %1"
                         : "=m"(host) : "m"(guest) : "memory");
    return host;
}

static inline void sse_fp_end(CPUX86State *env, uint32_t host)
{
    uint32_t raised;

    __asm__ __volatile__("stmxcsr %0\n\tldmxcsr %1"
                         : "=m"(raised) : "m"(host) : "memory");
    env->mxcsr |= raised & MXCSR_FLAGS;
}

static inline uint16_t x87_begin(CPUX86State *env)
{
    uint16_t host, guest;

    guest = (env->fpuc & FPUC_PC_RC) | FPUC_MASKS | 0x40;
    __asm__ __volatile__("fnstcw %0\n\tfldcw %1\n\tfnclex"
                         : "=m"(host) : "m"(guest) : "memory");
    return host;
}

/*
 * Fold the host's exception flags into the guest status word.  Condition
 * bits are set by the helpers themselves: the host's are unreliable here,
 * because the compiler's own x87 moves after the instruction change C1.
 */
static inline void x87_end(CPUX86State *env, uint16_t host)
{
    uint16_t sw;

    __asm__ __volatile__("fnstsw %0\n\tfldcw %1"
                         : "=m"(sw) : "m"(host) : "memory");
    env->fpus |= sw & FPUS_EXC;
    if (env->fpus & ~env->fpuc & FPUS_EXC) {
        env->fpus |= FPUS_ES | FPUS_B;
    }
}

#endif
