/*
 * fpu-stack.h: the x87 register stack as the helpers see it.  ST(i) is
 * physical register (fpstt + i) & 7; fptags[] is 1 for an empty register.
 * Values are fpu/'s float80 for soft-float, and for the helpers still on
 * the host FPU the host's 80-bit long double: both have the floatx80
 * layout, so conversion is a copy.
 * Used by fpu_helper.c and fpu_state_helper.c.
 */
#ifndef I386_FPU_STACK_H
#define I386_FPU_STACK_H

#include "cpu.h"
#include "host-fpu.h"
#include "fpu/softfloat.h"

#define FLOATX80_BYTES 10
#define FLOATX80_EXP_MAX 0x7fff
#define FLOATX80_INT_BIT (1ULL << 63)

static inline int st_index(CPUX86State *env, int i)
{
    return (env->fpstt + i) & 7;
}

static inline long double floatx80_to_ld(floatx80 f)
{
    long double v = 0;
    memcpy(&v, &f, FLOATX80_BYTES);
    return v;
}

static inline floatx80 ld_to_floatx80(long double v)
{
    floatx80 f;
    memcpy(&f, &v, FLOATX80_BYTES);
    return f;
}

/* The QNaN the x87 produces for invalid operations. */
static inline floatx80 floatx80_indefinite(void)
{
    return (floatx80){ .low = 0xc000000000000000ULL, .high = 0xffff };
}

/*
 * ST(i) as stored.  Reading an empty register is a stack underflow: the
 * masked response is to go on with the indefinite NaN.
 */
static inline floatx80 st_raw(CPUX86State *env, int i)
{
    int r = st_index(env, i);

    if (env->fptags[r]) {
        env->fpus = (env->fpus & ~FPUS_C1) | FPUS_IE | FPUS_SF;
        return floatx80_indefinite();
    }
    return env->fpregs[r].d;
}

static inline void st_set_raw(CPUX86State *env, int i, floatx80 f)
{
    int r = st_index(env, i);

    env->fpregs[r].d = f;
    env->fptags[r] = 0;
}

static inline long double st_get(CPUX86State *env, int i)
{
    return floatx80_to_ld(st_raw(env, i));
}

static inline void st_set(CPUX86State *env, int i, long double v)
{
    st_set_raw(env, i, ld_to_floatx80(v));
}

/* Push; a push into a full slot is a stack overflow (masked: indefinite). */
static inline void fpush_raw(CPUX86State *env, floatx80 f)
{
    env->fpstt = (env->fpstt - 1) & 7;
    if (!env->fptags[env->fpstt]) {
        env->fpus |= FPUS_IE | FPUS_SF | FPUS_C1;
        f = floatx80_indefinite();
    }
    st_set_raw(env, 0, f);
}

static inline void fpush(CPUX86State *env, long double v)
{
    fpush_raw(env, ld_to_floatx80(v));
}

static inline void fpop(CPUX86State *env)
{
    env->fptags[env->fpstt] = 1;
    env->fpstt = (env->fpstt + 1) & 7;
}

/* ST(i) for soft-float (the same layout). */
static inline float80 st_get80(CPUX86State *env, int i)
{
    floatx80 f = st_raw(env, i);

    return (float80){ f.low, f.high };
}

static inline void st_set80(CPUX86State *env, int i, float80 v)
{
    st_set_raw(env, i, (floatx80){ v.low, v.high });
}

/*
 * One soft-float x87 helper's work: x87_soft_begin(env, &b, &fe) gives the
 * guest control word's rounding and precision as a FloatEnv (and, for an
 * unmasked overflow or underflow, the biased register result);
 * x87_soft_end(env, &b, &fe, dest) folds its flags and C1 (rounded up)
 * into the status word and, like x87_end, returns false when an unmasked
 * exception suppresses the instruction.  The helper clears C1 first.
 */
#define FPUC_OM 0x0008
#define FPUC_UM 0x0010

static inline void x87_soft_begin(CPUX86State *env, X87Bracket *b,
                                  FloatEnv *fe)
{
    /* PC 01 is reserved: this host rounds to 64 bits there */
    static const int precision[4] = { 24, 64, 53, 64 };

    *fe = (FloatEnv){
        .round = (env->fpuc >> 10) & 3,
        .precision = precision[(env->fpuc >> 8) & 3],
        .biased_overflow = !(env->fpuc & FPUC_OM),
        .biased_underflow = !(env->fpuc & FPUC_UM),
    };
    x87_bracket_open(env, b);
}

static inline bool x87_soft_end(CPUX86State *env, X87Bracket *b,
                                const FloatEnv *fe, int dest)
{
    /* FLOAT_* flags have the status word's layout */
    env->fpus |= fe->flags & FPUS_EXC;
    if (fe->flags & FLOAT_ROUNDED_UP) {
        env->fpus |= FPUS_C1;
    }
    if (env->fpus & ~env->fpuc & FPUS_EXC) {
        return x87_unmasked(env, b, dest);
    }
    return true;
}

/* The 2-bit tag of FSTENV/FSAVE: valid, zero, special, empty. */
enum { TAG_VALID, TAG_ZERO, TAG_SPECIAL, TAG_EMPTY };

static inline int fpu_full_tag(CPUX86State *env, int phys)
{
    const floatx80 *f = &env->fpregs[phys].d;
    int exp = f->high & FLOATX80_EXP_MAX;

    if (env->fptags[phys]) {
        return TAG_EMPTY;
    }
    if (exp == 0 && f->low == 0) {
        return TAG_ZERO;
    }
    if (exp == 0 || exp == FLOATX80_EXP_MAX || !(f->low & FLOATX80_INT_BIT)) {
        return TAG_SPECIAL;
    }
    return TAG_VALID;
}

#endif
