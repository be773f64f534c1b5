/*
 * fpu_helper.c: the x87 computational helpers: loads and stores in every
 * memory format, the arithmetic, compares, the D9 E0..FF specials and the
 * register-stack moves.  Everything computes in fpu/ soft-float
 * (softfloat-x80*.c) under the guest's control word (x87_soft_begin/end,
 * fpu-stack.h): bit-exact with the hardware, the transcendentals within
 * one unit in the last place (docs/devel/fpu-sse.md).
 * translate-fpu.c decodes D8..DF and calls these (list in helper-fpu.h).
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "fpu-stack.h"
#include "fpu-ops.h"

/* ---- memory formats (X87_FMT_* in fpu-ops.h) ---- */

/* Raw operand bits; only the 80-bit format uses .high. */
static floatx80 x87_mem_read(CPUX86State *env, target_ulong addr, int size,
                             uintptr_t ra)
{
    floatx80 raw = { 0, 0 };

    switch (size) {
    case 2:
        raw.low = cpu_lduw_data_ra(env, addr, ra);
        break;
    case 4:
        raw.low = cpu_ldl_data_ra(env, addr, ra);
        break;
    default:
        raw.low = cpu_ldq_data_ra(env, addr, ra);
        if (size == FLOATX80_BYTES) {
            raw.high = cpu_lduw_data_ra(env, addr + 8, ra);
        }
        break;
    }
    return raw;
}

/* The 80-bit format is stored in two parts: all or nothing. */
static void x87_mem_write(CPUX86State *env, target_ulong addr, int size,
                          floatx80 raw, uintptr_t ra)
{
    if (size == FLOATX80_BYTES) {
        tlb_check_range(env, addr, size, PAGE_WRITE, ra);
    }
    switch (size) {
    case 2:
        cpu_stuw_data_ra(env, addr, raw.low, ra);
        break;
    case 4:
        cpu_stl_data_ra(env, addr, raw.low, ra);
        break;
    default:
        cpu_stq_data_ra(env, addr, raw.low, ra);
        if (size == FLOATX80_BYTES) {
            cpu_stuw_data_ra(env, addr + 8, raw.high, ra);
        }
        break;
    }
}

/* Stores in each format, in soft-float: raw bits in .low (.high for F80). */
static floatx80 store_f32(float80 v, FloatEnv *e)
{
    return (floatx80){ .low = float80_to_float32(v, e) };
}

static floatx80 store_f64(float80 v, FloatEnv *e)
{
    return (floatx80){ .low = float80_to_float64(v, e) };
}

static floatx80 store_f80(float80 v, FloatEnv *e)
{
    return (floatx80){ v.low, v.high };
}

static floatx80 store_bcd(float80 v, FloatEnv *e)
{
    return store_f80(float80_to_bcd(v, e), e);
}

/* FIST rounds with the control word, FISTTP (T*) truncates */
#define STORE_INT(name, width, truncate)                                  \
static floatx80 name(float80 v, FloatEnv *e)                              \
{                                                                         \
    return (floatx80){ .low = float80_to_int(v, width, truncate, e) };    \
}
STORE_INT(store_i16, 16, false)
STORE_INT(store_i32, 32, false)
STORE_INT(store_i64, 64, false)
STORE_INT(store_t16, 16, true)
STORE_INT(store_t32, 32, true)
STORE_INT(store_t64, 64, true)

typedef struct X87MemFormat {
    int size;
    floatx80 (*store)(float80 v, FloatEnv *e);
} X87MemFormat;

/* The loadable ones (F32..I64) are read as Float80Source, the same order. */
static const X87MemFormat x87_formats[] = {
    [X87_FMT_F32] = { 4, store_f32 },
    [X87_FMT_I32] = { 4, store_i32 },
    [X87_FMT_F64] = { 8, store_f64 },
    [X87_FMT_I16] = { 2, store_i16 },
    [X87_FMT_F80] = { FLOATX80_BYTES, store_f80 },
    [X87_FMT_I64] = { 8, store_i64 },
    [X87_FMT_BCD] = { FLOATX80_BYTES, store_bcd },
    [X87_FMT_T16] = { 2, store_t16 },
    [X87_FMT_T32] = { 4, store_t32 },
    [X87_FMT_T64] = { 8, store_t64 },
};

static float80 to_float80(floatx80 raw)
{
    return (float80){ raw.low, raw.high };
}

void HELPER(fld_mem)(CPUX86State *env, target_ulong addr, uint32_t fmt)
{
    floatx80 raw = x87_mem_read(env, addr, x87_formats[fmt].size, GETPC());
    X87Bracket b;
    FloatEnv fe;
    float80 v;

    x87_soft_begin(env, &b, &fe);
    env->fpus &= ~FPUS_C1;
    v = fmt == X87_FMT_BCD ? float80_from_bcd(to_float80(raw)) :
        float80_load(to_float80(raw), fmt, &fe);
    fpush_raw(env, (floatx80){ v.low, v.high });
    x87_soft_end(env, &b, &fe, X87_TO_REG);
}

void HELPER(fst_mem)(CPUX86State *env, target_ulong addr, uint32_t fmt)
{
    const X87MemFormat *f = &x87_formats[fmt];
    X87Bracket b;
    FloatEnv fe;
    floatx80 raw;
    bool store;

    /* A store that faults changes no x87 state (no pop, no status bits). */
    tlb_check_range(env, addr, f->size, PAGE_WRITE, GETPC());
    x87_soft_begin(env, &b, &fe);
    env->fpus &= ~FPUS_C1;
    raw = f->store(st_get80(env, 0), &fe);
    store = x87_soft_end(env, &b, &fe, X87_TO_MEMORY);
    if (store) {
        x87_mem_write(env, addr, f->size, raw, GETPC());
    }
}

/* ---- arithmetic: op is the ModRM reg field of D8 (2, 3: compares) ---- */

static const struct {
    Float80Op op;
    bool reversed;
} x87_arith[8] = {
    [X87_OP_ADD] = { FLOAT80_ADD, false }, [X87_OP_MUL] = { FLOAT80_MUL, false },
    [X87_OP_SUB] = { FLOAT80_SUB, false }, [X87_OP_SUBR] = { FLOAT80_SUB, true },
    [X87_OP_DIV] = { FLOAT80_DIV, false }, [X87_OP_DIVR] = { FLOAT80_DIV, true },
};

/* C3 C2 C0 of each relation */
static const uint16_t x87_relation_cc[] = {
    [FLOAT_LESS] = FPUS_C0, [FLOAT_EQUAL] = FPUS_C3, [FLOAT_GREATER] = 0,
    [FLOAT_UNORDERED] = FPUS_C3 | FPUS_C2 | FPUS_C0,
};

/* The condition bits of a compare; C1 cleared. */
static void x87_set_cc(CPUX86State *env, uint16_t cc)
{
    env->fpus = (env->fpus & ~FPUS_CC) | cc;
}

/* ST(dst) = ST(dst) op src, src read as its format says */
static void x87_arith_op(CPUX86State *env, int dst, float80 src,
                         Float80Source fmt, uint32_t op)
{
    X87Bracket b;
    FloatEnv fe;
    float80 x;

    x87_soft_begin(env, &b, &fe);
    x = st_get80(env, dst);
    env->fpus &= ~FPUS_C1;
    st_set80(env, dst, float80_arith(x87_arith[op].op, x, src, fmt,
                                     x87_arith[op].reversed, &fe));
    x87_soft_end(env, &b, &fe, X87_TO_REG);
}

/* ST0 against src; quiet: FUCOM.  False when suppressed. */
static bool x87_compare(CPUX86State *env, float80 src, Float80Source fmt,
                        bool quiet, uint16_t *cc)
{
    X87Bracket b;
    FloatEnv fe;

    x87_soft_begin(env, &b, &fe);
    *cc = x87_relation_cc[float80_compare(st_get80(env, 0), src, fmt, quiet,
                                          &fe)];
    return x87_soft_end(env, &b, &fe, X87_TO_REG);
}

/*
 * Memory operands go to soft-float in their own format, not converted
 * first: the instruction lets a NaN operand win over a denormal one's DE.
 */
void HELPER(farith_mem)(CPUX86State *env, target_ulong addr, uint32_t fmt,
                        uint32_t op)
{
    floatx80 raw = x87_mem_read(env, addr, x87_formats[fmt].size, GETPC());
    uint16_t cc;

    if (op == X87_OP_COM || op == X87_OP_COMP) {
        if (x87_compare(env, to_float80(raw), fmt, false, &cc)) {
            x87_set_cc(env, cc);
        }
        return;
    }
    x87_arith_op(env, 0, to_float80(raw), fmt, op);
}

/* ST(dst) = ST(dst) op ST(src); the compares have their own helpers */
void HELPER(farith_reg)(CPUX86State *env, uint32_t dst, uint32_t src,
                        uint32_t op)
{
    x87_arith_op(env, dst, st_get80(env, src), FLOAT80_SRC_F80, op);
}

void HELPER(fcom)(CPUX86State *env, uint32_t sti, uint32_t quiet)
{
    uint16_t cc;

    if (x87_compare(env, st_get80(env, sti), FLOAT80_SRC_F80, quiet, &cc)) {
        x87_set_cc(env, cc);
    }
}

/*
 * FCOMI: ZF, PF, CF from C3, C2, C0; OF, SF, AF cleared.  Suppressed by an
 * unmasked invalid operation, it leaves EFLAGS as they were (the
 * translator has cc_op up to date).
 */
uint32_t HELPER(fcomi)(CPUX86State *env, uint32_t sti, uint32_t quiet)
{
    uint16_t cc;

    if (!x87_compare(env, st_get80(env, sti), FLOAT80_SRC_F80, quiet, &cc)) {
        return cpu_cc_compute_all(env, env->cc_op);
    }
    env->fpus &= ~FPUS_C1;
    return (cc & FPUS_C3 ? CC_Z : 0) | (cc & FPUS_C2 ? CC_P : 0) |
           (cc & FPUS_C0 ? CC_C : 0);
}

/* ---- register stack moves (no arithmetic: raw copies) ---- */

/* Bracketed for its stack faults only: an unmasked one suppresses it. */
void HELPER(fld_sti)(CPUX86State *env, uint32_t sti)
{
    X87Bracket b;
    FloatEnv fe;

    x87_soft_begin(env, &b, &fe);
    env->fpus &= ~FPUS_C1;
    fpush_raw(env, st_raw(env, sti));
    x87_soft_end(env, &b, &fe, X87_TO_REG);
}

/* An empty ST0 is a stack underflow; unmasked, it suppresses the store
   and FSTP's pop. */
void HELPER(fst_sti)(CPUX86State *env, uint32_t sti)
{
    X87Bracket b;
    FloatEnv fe;

    x87_soft_begin(env, &b, &fe);
    env->fpus &= ~FPUS_C1;
    st_set_raw(env, sti, st_raw(env, 0));
    x87_soft_end(env, &b, &fe, X87_TO_REG);
}

/*
 * D9 D8+i, the undocumented FSTP ST(i) alias: AMD processors copy ST0's
 * value and tag without a stack check, so an empty ST0 empties ST(i) and
 * raises nothing (Intel's FSTP1 is an ordinary FSTP).
 */
void HELPER(fst_sti_nocheck)(CPUX86State *env, uint32_t sti)
{
    int src = st_index(env, 0), dst = st_index(env, sti);

    env->fpregs[dst] = env->fpregs[src];
    env->fptags[dst] = env->fptags[src];
}

void HELPER(fxch)(CPUX86State *env, uint32_t sti)
{
    floatx80 a = st_raw(env, 0), b = st_raw(env, sti);

    st_set_raw(env, 0, b);
    st_set_raw(env, sti, a);
    env->fpus &= ~FPUS_C1;
}

void HELPER(ffree)(CPUX86State *env, uint32_t sti)
{
    env->fptags[st_index(env, sti)] = 1;
}

void HELPER(fpop)(CPUX86State *env)
{
    if (env->x87_suppressed) {
        return;
    }
    fpop(env);
}

/*
 * FCMOVcc: cond bits 0-1 pick B, E, BE, U; bit 2 negates (the DB forms).
 * Both registers are checked whether or not the move is taken: an empty
 * one is a stack underflow, ST0 becoming the indefinite NaN (masked) or
 * left as it was (unmasked).
 */
void HELPER(fcmov)(CPUX86State *env, uint32_t sti, uint32_t cond)
{
    static const uint32_t cond_flags[4] = { CC_C, CC_Z, CC_C | CC_Z, CC_P };
    bool taken = (cpu_cc_compute_all(env, env->cc_op) & cond_flags[cond & 3]) != 0;
    X87Bracket b;
    FloatEnv fe;

    x87_soft_begin(env, &b, &fe);
    if (env->fptags[st_index(env, 0)] || env->fptags[st_index(env, sti)]) {
        st_raw(env, env->fptags[st_index(env, 0)] ? 0 : sti);
        st_set_raw(env, 0, floatx80_indefinite());
    } else if (taken != ((cond & 4) != 0)) {
        st_set_raw(env, 0, st_raw(env, sti));
    }
    x87_soft_end(env, &b, &fe, X87_TO_REG);
}

/* ---- D9 E0..FF: the operand-less instructions, by ModRM - 0xe0 ---- */

/* D9 E8..EE push the constants in Float80Constant's order. */
#define X87_CONST(name, c)                                                \
static void name(CPUX86State *env, FloatEnv *fe)                          \
{                                                                         \
    fpush80(env, float80_constant(c, fe));                                \
}
X87_CONST(x87_fld1, FLOAT80_CONST_ONE)
X87_CONST(x87_fldl2t, FLOAT80_CONST_L2T)
X87_CONST(x87_fldl2e, FLOAT80_CONST_L2E)
X87_CONST(x87_fldpi, FLOAT80_CONST_PI)
X87_CONST(x87_fldlg2, FLOAT80_CONST_LG2)
X87_CONST(x87_fldln2, FLOAT80_CONST_LN2)
X87_CONST(x87_fldz, FLOAT80_CONST_ZERO)

/* ST1 = fn(ST0, ST1), pop (fyl2x, fyl2xp1, fpatan). */
#define X87_INTO_ST1(name, fn)                                            \
static void name(CPUX86State *env, FloatEnv *fe)                          \
{                                                                         \
    float80 x = st_get80(env, 0);                                         \
    st_set80(env, 1, fn(x, st_get80(env, 1), fe));                        \
    fpop(env);                                                            \
}
X87_INTO_ST1(x87_fyl2x, float80_yl2x)
X87_INTO_ST1(x87_fyl2xp1, float80_yl2xp1)
X87_INTO_ST1(x87_fpatan, float80_atan)

static void x87_f2xm1(CPUX86State *env, FloatEnv *fe)
{
    st_set80(env, 0, float80_f2xm1(st_get80(env, 0), fe));
}

static void x87_fscale(CPUX86State *env, FloatEnv *fe)
{
    float80 x = st_get80(env, 0);

    st_set80(env, 0, float80_scale(x, st_get80(env, 1), fe));
}

/*
 * FPREM/FPREM1: C0 C3 C1 the quotient's last three bits, C2 a partial
 * reduction; a NaN result clears C1 and C2 and leaves C0 and C3 (as
 * measured).
 */
static void x87_remainder(CPUX86State *env, FloatEnv *fe, bool nearest)
{
    float80 x = st_get80(env, 0);
    unsigned q;
    bool partial;

    st_set80(env, 0, float80_remainder(x, st_get80(env, 1), nearest, &q,
                                       &partial, fe));
    env->fpus &= ~FPUS_C2;
    if (q != FLOAT80_NO_QUOTIENT) {
        x87_set_cc(env, (q & 4 ? FPUS_C0 : 0) | (q & 2 ? FPUS_C3 : 0) |
                        (q & 1 ? FPUS_C1 : 0) | (partial ? FPUS_C2 : 0));
    }
}

static void x87_fprem(CPUX86State *env, FloatEnv *fe)
{
    x87_remainder(env, fe, false);
}

static void x87_fprem1(CPUX86State *env, FloatEnv *fe)
{
    x87_remainder(env, fe, true);
}

/*
 * The trigonometric instructions leave a finite ST0 with |ST0| >= 2^63
 * alone and set C2 (softfloat's functions return false then).
 */
static void x87_trig_range(CPUX86State *env, bool in_range)
{
    env->fpus &= ~FPUS_C2;
    if (!in_range) {
        env->fpus |= FPUS_C2;
    }
}

/* FSIN, FCOS, FSINCOS: ST0 = the sine or the cosine; FSINCOS ST0 = sin,
   then push cos */
static void x87_sin_cos(CPUX86State *env, FloatEnv *fe, bool sine,
                        bool cosine)
{
    float80 sin, cos;
    bool done = float80_sincos(st_get80(env, 0), sine ? &sin : NULL,
                               cosine ? &cos : NULL, fe);

    x87_trig_range(env, done);
    if (done) {
        st_set80(env, 0, sine ? sin : cos);
        if (sine && cosine) {
            fpush80(env, cos);
        }
    }
}

static void x87_fsin(CPUX86State *env, FloatEnv *fe)
{
    x87_sin_cos(env, fe, true, false);
}

static void x87_fcos(CPUX86State *env, FloatEnv *fe)
{
    x87_sin_cos(env, fe, false, true);
}

static void x87_fsincos(CPUX86State *env, FloatEnv *fe)
{
    x87_sin_cos(env, fe, true, true);
}

/* ST0 = tan, then push 1 (a NaN result pushes the NaN again) */
static void x87_fptan(CPUX86State *env, FloatEnv *fe)
{
    float80 tan, one;
    bool done = float80_tan(st_get80(env, 0), &tan, &one, fe);

    x87_trig_range(env, done);
    if (done) {
        st_set80(env, 0, tan);
        fpush80(env, one);
    }
}

/* ST0 = exponent, then push the significand. */
static void x87_fxtract(CPUX86State *env, FloatEnv *fe)
{
    float80 exp, sig = float80_extract(st_get80(env, 0), &exp, fe);

    st_set80(env, 0, exp);
    fpush80(env, sig);
}

/* FXAM class codes in C3 C2 C0; C1 is the sign. */
static void x87_fxam(CPUX86State *env, FloatEnv *fe)
{
    int r = st_index(env, 0);
    const floatx80 *f = &env->fpregs[r].d;
    int exp = f->high & FLOATX80_EXP_MAX;
    bool integer_bit = f->low & FLOATX80_INT_BIT;
    uint16_t cc;

    if (env->fptags[r]) {
        cc = FPUS_C3 | FPUS_C0;                       /* empty */
    } else if (exp == 0) {
        cc = f->low ? FPUS_C3 | FPUS_C2 : FPUS_C3;    /* denormal, zero */
    } else if (!integer_bit) {
        cc = 0;                                       /* unsupported */
    } else if (exp == FLOATX80_EXP_MAX) {
        cc = f->low << 1 ? FPUS_C0 : FPUS_C2 | FPUS_C0; /* NaN, infinity */
    } else {
        cc = FPUS_C2;                                 /* normal */
    }
    if (f->high & 0x8000) {
        cc |= FPUS_C1;
    }
    x87_set_cc(env, cc);
}

static void x87_fdecstp(CPUX86State *env, FloatEnv *fe)
{
    env->fpstt = (env->fpstt - 1) & 7;
    env->fpus &= ~FPUS_C1;
}

static void x87_fincstp(CPUX86State *env, FloatEnv *fe)
{
    env->fpstt = (env->fpstt + 1) & 7;
    env->fpus &= ~FPUS_C1;
}

/* FCHS and FABS: on an empty ST0 the result is the indefinite NaN as
   the underflow gives it, its sign untouched. */
static void x87_sign_op(CPUX86State *env, uint16_t keep, uint16_t flip)
{
    bool empty = env->fptags[st_index(env, 0)];
    float80 v = st_get80(env, 0);

    if (!empty) {
        v.high = (v.high & keep) ^ flip;
    }
    st_set80(env, 0, v);
}

static void x87_fchs(CPUX86State *env, FloatEnv *fe)
{
    x87_sign_op(env, 0xffff, 0x8000);
}

static void x87_fabs(CPUX86State *env, FloatEnv *fe)
{
    x87_sign_op(env, 0x7fff, 0);
}

static void x87_fsqrt(CPUX86State *env, FloatEnv *fe)
{
    st_set80(env, 0, float80_sqrt(st_get80(env, 0), fe));
}

static void x87_frndint(CPUX86State *env, FloatEnv *fe)
{
    st_set80(env, 0, float80_round_to_int(st_get80(env, 0), fe));
}

static void x87_ftst(CPUX86State *env, FloatEnv *fe)
{
    FloatRelation r = float80_compare(st_get80(env, 0), (float80){ 0, 0 },
                                      FLOAT80_SRC_F80, false, fe);

    x87_set_cc(env, x87_relation_cc[r]);
}

/*
 * Indexed by ModRM - 0xe0; X87_SPECIAL_VALID in fpu-ops.h marks the
 * entries.
 */
static void (*const x87_specials[32])(CPUX86State *env, FloatEnv *fe) = {
    [0x00] = x87_fchs, [0x01] = x87_fabs, [0x04] = x87_ftst,
    [0x05] = x87_fxam,
    [0x08] = x87_fld1, [0x09] = x87_fldl2t, [0x0a] = x87_fldl2e,
    [0x0b] = x87_fldpi, [0x0c] = x87_fldlg2, [0x0d] = x87_fldln2,
    [0x0e] = x87_fldz,
    [0x10] = x87_f2xm1, [0x11] = x87_fyl2x, [0x12] = x87_fptan,
    [0x13] = x87_fpatan, [0x14] = x87_fxtract, [0x15] = x87_fprem1,
    [0x16] = x87_fdecstp, [0x17] = x87_fincstp, [0x18] = x87_fprem,
    [0x19] = x87_fyl2xp1, [0x1a] = x87_fsqrt, [0x1b] = x87_fsincos,
    [0x1c] = x87_frndint, [0x1d] = x87_fscale, [0x1e] = x87_fsin,
    [0x1f] = x87_fcos,
};

/* C1 is cleared first: the ones that round set it when they rounded up. */
void HELPER(fpu_special)(CPUX86State *env, uint32_t index)
{
    X87Bracket b;
    FloatEnv fe;

    x87_soft_begin(env, &b, &fe);
    env->fpus &= ~FPUS_C1;
    x87_specials[index](env, &fe);
    x87_soft_end(env, &b, &fe, X87_TO_REG);
}
