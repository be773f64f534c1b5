/*
 * fpu-stack.h: the x87 register stack as the helpers see it.  ST(i) is
 * physical register (fpstt + i) & 7; fptags[] is 1 for an empty register.
 * Values are fpu/'s float80, which has floatx80's layout.  Also the
 * status word's fields and the bracket every x87 helper runs in
 * (x87_soft_begin/end).  Used by fpu_helper.c, fpu_state_helper.c and
 * fpu_except.c.
 */
#ifndef I386_FPU_STACK_H
#define I386_FPU_STACK_H

#include "cpu.h"
#include "fpu/softfloat.h"

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
/* x87 control word */
#define FPUC_PC_RC      0x0f00
#define FPUC_MASKS      0x003f
#define FPUC_DEFAULT    0x037f


/*
 * One x87 helper's work: x87_soft_begin(env, &b, &fe) ...
 * x87_soft_end(env, &b, &fe, dest).  An exception the guest has unmasked
 * does not trap here: it sets ES and B, and the next waiting instruction
 * delivers it (helper_fwait).  But one of IE, DE, ZE, or OE/UE of a store
 * to memory, suppresses the instruction: the stack and its registers are
 * as before (saved by x87_bracket_open when such an exception is
 * unmasked), nothing is stored and the instruction's pops are skipped;
 * x87_soft_end then returns false.
 */
typedef struct X87Bracket {
    uint16_t fpus;              /* the guest's status word before */
    /* saved when an exception that suppresses is unmasked: */
    unsigned int fpstt;
    uint8_t fptags[8];
    FPReg fpregs[8];
} X87Bracket;

#define FPUS_PRE        0x0007  /* IE DE ZE: found before computing */
#define FPUS_OE_UE      0x0018
enum { X87_TO_REG, X87_TO_MEMORY };

/* fpu_except.c: the unmasked part of the bracket */
void x87_save_stack(CPUX86State *env, X87Bracket *b);
bool x87_unmasked(CPUX86State *env, X87Bracket *b, int dest);

static inline void x87_bracket_open(CPUX86State *env, X87Bracket *b)
{
    b->fpus = env->fpus;
    if (~env->fpuc & (FPUS_PRE | FPUS_OE_UE)) {
        x87_save_stack(env, b);
    }
}

#define FLOATX80_BYTES 10
#define FLOATX80_EXP_MAX 0x7fff
#define FLOATX80_INT_BIT (1ULL << 63)

static inline int st_index(CPUX86State *env, int i)
{
    return (env->fpstt + i) & 7;
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

static inline void fpush80(CPUX86State *env, float80 v)
{
    fpush_raw(env, (floatx80){ v.low, v.high });
}

/*
 * One soft-float x87 helper's work: x87_soft_begin(env, &b, &fe) gives the
 * guest control word's rounding and precision as a FloatEnv (and, for an
 * unmasked overflow or underflow, the biased register result);
 * x87_soft_end(env, &b, &fe, dest) folds its flags and C1 (rounded up)
 * into the status word and returns false when an unmasked exception
 * suppresses the instruction.  The helper clears C1 first.
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
