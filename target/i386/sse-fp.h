/*
 * sse-fp.h: MXCSR's fields, and how an SSE floating point helper that
 * computes through fpu/ soft-float turns each lane's flags into the
 * guest's MXCSR or an #XM.  Nothing here needs an x86 host.
 *
 * A helper runs sse_soft_begin(), computes every lane into a local
 * register with SSE_LANE(), then sse_soft_end(): that either adds the
 * flags to MXCSR or leaves through #XM (fpu_except.c), so the helper
 * writes its destination only after it, as the hardware leaves the
 * destination untouched when it traps.
 */
#ifndef I386_SSE_FP_H
#define I386_SSE_FP_H

#include "cpu.h"
#include "fpu/softfloat.h"

#define MXCSR_FLAGS     0x003f   /* IE DE ZE OE UE PE */
#define MXCSR_OE        0x0008
#define MXCSR_UE        0x0010
#define MXCSR_PE        0x0020
#define MXCSR_DAZ       0x0040
#define MXCSR_MASKS     0x1f80   /* all six exception masks */
#define MXCSR_UM        0x0800
#define MXCSR_RC        0x6000
#define MXCSR_RC_SHIFT  13
#define MXCSR_FTZ       0x8000

/* The MXCSR bits the model lets software set (FXSAVE's MXCSR_MASK): MM
   with MisAlignSse, as on AMD parts since the K10. */
static inline uint32_t mxcsr_writable(const CPUX86State *env)
{
    return 0xffff | (env->cpuid_ext3_features & CPUID_EXT3_MISALIGNSSE ? MXCSR_MM : 0);
}

typedef struct SseSoft {
    FloatEnv fe;                /* one lane's operation */
    uint32_t unmasked;          /* the guest's unmasked exceptions */
    uint32_t flags;             /* MXCSR flags of the lanes so far */
} SseSoft;

/* FTZ acts only while underflow is masked (unmasked, tiny results trap). */
static inline SseSoft sse_soft_begin(CPUX86State *env)
{
    SseSoft st = {
        .fe = {
            .round = (env->mxcsr & MXCSR_RC) >> MXCSR_RC_SHIFT,
            .daz = env->mxcsr & MXCSR_DAZ,
            .ftz = (env->mxcsr & MXCSR_FTZ) && (env->mxcsr & MXCSR_UM),
        },
        .unmasked = ~(env->mxcsr >> 7) & MXCSR_FLAGS,
    };
    return st;
}

/*
 * One lane's result: its flags join the others'.  A lane whose overflow,
 * or tiny result (exact or not), will trap reports what the hardware does
 * then: OE or UE, and PE only when the result rounded with an unbounded
 * exponent is inexact.
 */
static inline uint64_t sse_lane(SseSoft *st, uint64_t result)
{
    unsigned f = st->fe.flags;
    uint32_t mxcsr_flags = f & MXCSR_FLAGS;

    if ((st->unmasked & MXCSR_OE && f & FLOAT_OVERFLOW) ||
        (st->unmasked & MXCSR_UE && f & FLOAT_TINY)) {
        mxcsr_flags &= ~MXCSR_PE;
        mxcsr_flags |= f & FLOAT_TINY ? MXCSR_UE : 0;
        mxcsr_flags |= f & FLOAT_INEXACT_UNBOUNDED ? MXCSR_PE : 0;
    }
    st->flags |= mxcsr_flags;
    st->fe.flags = 0;
    return result;
}

/* fpu_except.c: #XM, for flags of which one at least is unmasked */
QEMU_NORETURN void sse_soft_trap(CPUX86State *env, uint32_t flags,
                                 uintptr_t ra);

static inline void sse_soft_end(CPUX86State *env, SseSoft *st, uintptr_t ra)
{
    if (st->flags & st->unmasked) {
        sse_soft_trap(env, st->flags, ra);
    }
    env->mxcsr |= st->flags;
}

#endif
