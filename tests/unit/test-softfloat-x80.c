/*
 * test-softfloat-x80.c: fpu/softfloat-x80*.c against this host's x87.
 * Every operation the x87 helpers take from fpu/ (fadd, fsub, fsubr, fmul,
 * fdiv, fdivr on registers and on m32fp/m64fp/m16int/m32int operands,
 * fsqrt, frndint, fld and fild of every memory format, fst m32fp/m64fp,
 * fist and fisttp of every width, fcom, fucom, ficom and ftst, fprem,
 * fprem1, fscale, fxtract, the constants, fbld and fbstp, and the
 * transcendentals) runs on every pair of edge-case operands (zeros,
 * denormals, pseudo-denormals, unnormals, pseudo-NaNs and
 * pseudo-infinities, the ends of the extended, double and single ranges,
 * values around 1 and the integer limits, infinities, quiet and signaling
 * NaNs with payloads, both signs; packed BCD with and without non-decimal
 * digits) and on random pairs, under the four rounding modes and the three
 * precisions, in soft-float and as the x87 instruction with every
 * exception masked; the result bits, the six exception flags and C1 (for
 * compares C3 C2 C0, for fprem all four) must be the same.  The
 * transcendentals' results must be within TRANS_ULPS of the host's, their
 * flags but PE the same, C1 is not compared, and operands outside the
 * domain Intel defines are skipped; each prints how many results were the
 * host's very bits.
 */
#include "qemu/osdep.h"
#include "fpu/softfloat.h"

#define RANDOM_PAIRS 20000

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* what an operand is: an extended value, or a memory operand's format */
/* K_NONE: no second operand */
/* K_BCD: packed BCD, its digits valid or not */
typedef enum { K_F80, K_F32, K_F64, K_I16, K_I32, K_I64, K_BCD, K_NONE } Kind;


/* the status word bits compared: the flags and C1, or C3 C2 C0 */
#define SW_FLAGS 0x003f
#define SW_C1 0x0200
#define SW_RELATION 0x4500
#define SW_CC 0x4700
#define SW_C2 0x0400

typedef struct Op {
    const char *name;
    Kind a, b;
    uint16_t compared;          /* status bits besides the flags */
    /* returns the result; *sw: the status bits of softfloat's flags or the
       host's status word */
    float80 (*soft)(float80 a, float80 b, FloatEnv *e, uint16_t *sw);
    float80 (*host)(float80 a, float80 b, uint16_t cw, uint16_t *sw);
    /* the transcendentals: operands outside the domain the x87 defines
       are skipped (NULL: all operands) */
    bool (*defined)(float80 a, float80 b);
    bool approximate;           /* within TRANS_ULPS, C1 not compared */
} Op;

/* ---- the host: each op loads its operands, sets the control word with
   every exception masked, clears the flags, executes, reads the status ---- */

/* st0 = a, st1 = b: insn, then the result st0 as 80 bits */
#define HOST_REG(name, insn)                                              \
static float80 host_##name(float80 a, float80 b, uint16_t cw, uint16_t *sw) \
{                                                                         \
    float80 r = { 0, 0 };                                                 \
    __asm__ __volatile__("fldt %3\n\tfldt %2\n\tfldcw %4\n\tfnclex\n\t"   \
                         insn "\n\tfnstsw %1\n\tfstpt %0\n\tfstp %%st(0)" \
                         : "=m"(r), "=m"(*sw)                             \
                         : "m"(a), "m"(b), "m"(cw) : "memory", "st", "st(1)"); \
    return r;                                                             \
}
/* st0 = a, insn on memory b (its low bits) */
#define HOST_MEM(name, insn, T)                                           \
static float80 host_##name(float80 a, float80 b, uint16_t cw, uint16_t *sw) \
{                                                                         \
    float80 r = { 0, 0 };                                                 \
    T m = b.low;                                                          \
    __asm__ __volatile__("fldt %2\n\tfldcw %4\n\tfnclex\n\t" insn " %3\n\t" \
                         "fnstsw %1\n\tfstpt %0"                          \
                         : "=m"(r), "=m"(*sw) : "m"(a), "m"(m), "m"(cw)   \
                         : "memory", "st");                               \
    return r;                                                             \
}
/* a load from memory a (its low bits) */
#define HOST_LOAD(name, insn, T)                                          \
static float80 host_##name(float80 a, float80 b, uint16_t cw, uint16_t *sw) \
{                                                                         \
    float80 r = { 0, 0 };                                                 \
    T m = a.low;                                                          \
    __asm__ __volatile__("fldcw %3\n\tfnclex\n\t" insn " %2\n\t"          \
                         "fnstsw %1\n\tfstpt %0"                          \
                         : "=m"(r), "=m"(*sw) : "m"(m), "m"(cw)           \
                         : "memory", "st");                               \
    return r;                                                             \
}
/* a store of st0 = a; pops: the insn pops itself */
#define HOST_STORE(name, insn, T, after)                                   \
static float80 host_##name(float80 a, float80 b, uint16_t cw, uint16_t *sw) \
{                                                                         \
    T m = 0;                                                              \
    __asm__ __volatile__("fldt %2\n\tfldcw %3\n\tfnclex\n\t" insn " %0\n\t" \
                         "fnstsw %1\n\t" after                            \
                         : "=m"(m), "=m"(*sw) : "m"(a), "m"(cw)           \
                         : "memory", "st");                               \
    return (float80){ (uint64_t)m & (T)-1, 0 };                           \
}

HOST_REG(fadd, "fadd %%st(1), %%st")
HOST_REG(fsub, "fsub %%st(1), %%st")
HOST_REG(fsubr, "fsubr %%st(1), %%st")
HOST_REG(fmul, "fmul %%st(1), %%st")
HOST_REG(fdiv, "fdiv %%st(1), %%st")
HOST_REG(fdivr, "fdivr %%st(1), %%st")
HOST_REG(fsqrt, "fsqrt")
HOST_REG(frndint, "frndint")
HOST_REG(fcom, "fcom %%st(1)")
HOST_REG(fucom, "fucom %%st(1)")
HOST_REG(ftst, "ftst")

/* p: f or fi; sfx: the size suffix; T: the operand's C type */
#define HOST_ARITH_MEM(p, sfx, T)                                         \
    HOST_MEM(p##add##sfx, #p "add" #sfx, T)                               \
    HOST_MEM(p##sub##sfx, #p "sub" #sfx, T)                               \
    HOST_MEM(p##subr##sfx, #p "subr" #sfx, T)                             \
    HOST_MEM(p##mul##sfx, #p "mul" #sfx, T)                               \
    HOST_MEM(p##div##sfx, #p "div" #sfx, T)                               \
    HOST_MEM(p##divr##sfx, #p "divr" #sfx, T)                             \
    HOST_MEM(p##com##sfx, #p "com" #sfx, T)
HOST_ARITH_MEM(f, s, uint32_t)
HOST_ARITH_MEM(f, l, uint64_t)
HOST_ARITH_MEM(fi, s, uint16_t)
HOST_ARITH_MEM(fi, l, uint32_t)

HOST_LOAD(flds, "flds", uint32_t)
HOST_LOAD(fldl, "fldl", uint64_t)
HOST_LOAD(filds, "filds", uint16_t)
HOST_LOAD(fildl, "fildl", uint32_t)
HOST_LOAD(fildll, "fildll", uint64_t)

HOST_STORE(fsts, "fsts", uint32_t, "fstp %%st(0)")
HOST_STORE(fstl, "fstl", uint64_t, "fstp %%st(0)")
HOST_STORE(fists, "fists", uint16_t, "fstp %%st(0)")
HOST_STORE(fistl, "fistl", uint32_t, "fstp %%st(0)")
HOST_STORE(fistpll, "fistpll", uint64_t, "")
HOST_STORE(fisttps, "fisttps", uint16_t, "")
HOST_STORE(fisttpl, "fisttpl", uint32_t, "")
HOST_STORE(fisttpll, "fisttpll", uint64_t, "")

/* st0 = a, st1 = b, C0..C3 clear: insn, the result st0, then `pops` more
   pops */
#define HOST_REG_POPS(name, insn, pops)                                   \
static float80 host_##name(float80 a, float80 b, uint16_t cw, uint16_t *sw) \
{                                                                         \
    float80 r = { 0, 0 };                                                 \
    __asm__ __volatile__("fninit\n\tfldt %3\n\tfldt %2\n\tfldcw %4\n\t"   \
                         insn "\n\tfnstsw %1\n\tfstpt %0\n\t" pops         \
                         : "=m"(r), "=m"(*sw)                             \
                         : "m"(a), "m"(b), "m"(cw) : "memory", "st", "st(1)"); \
    return r;                                                             \
}
#define POP "fstp %%st(0)\n\t"
HOST_REG_POPS(fprem, "fprem", POP)
HOST_REG_POPS(fprem1, "fprem1", POP)
HOST_REG_POPS(fscale, "fscale", POP)
HOST_REG_POPS(fxtract_sig, "fxtract", POP POP)
HOST_REG_POPS(fxtract_exp, "fxtract\n\tfstp %%st(0)", POP)

HOST_REG_POPS(f2xm1, "f2xm1", POP)
HOST_REG_POPS(fyl2x, "fyl2x", "")
HOST_REG_POPS(fyl2xp1, "fyl2xp1", "")
HOST_REG_POPS(fpatan, "fpatan", "")
HOST_REG_POPS(fsin, "fsin", POP)
HOST_REG_POPS(fcos, "fcos", POP)
HOST_REG_POPS(fsincos_cos, "fsincos", POP POP)
HOST_REG_POPS(fsincos_sin, "fsincos\n\tfstp %%st(0)", POP)
HOST_REG_POPS(fptan_one, "fptan", POP POP)
HOST_REG_POPS(fptan_tan, "fptan\n\tfstp %%st(0)", POP)

/* a constant's load */
#define HOST_CONST(name)                                                  \
static float80 host_##name(float80 a, float80 b, uint16_t cw, uint16_t *sw) \
{                                                                         \
    float80 r = { 0, 0 };                                                 \
    __asm__ __volatile__("fldcw %2\n\tfnclex\n\t" #name "\n\t"          \
                         "fnstsw %1\n\tfstpt %0"                          \
                         : "=m"(r), "=m"(*sw) : "m"(cw) : "memory", "st"); \
    return r;                                                             \
}
HOST_CONST(fld1)
HOST_CONST(fldl2t)
HOST_CONST(fldl2e)
HOST_CONST(fldpi)
HOST_CONST(fldlg2)
HOST_CONST(fldln2)
HOST_CONST(fldz)

/* packed BCD: a is the 10 bytes of fbld, or the value fbstp stores */
static float80 host_fbld(float80 a, float80 b, uint16_t cw, uint16_t *sw)
{
    float80 r = { 0, 0 };
    __asm__ __volatile__("fldcw %3\n\tfnclex\n\tfbld %2\n\t"
                         "fnstsw %1\n\tfstpt %0"
                         : "=m"(r), "=m"(*sw) : "m"(a), "m"(cw)
                         : "memory", "st");
    return r;
}

static float80 host_fbstp(float80 a, float80 b, uint16_t cw, uint16_t *sw)
{
    float80 r = { 0, 0 };
    __asm__ __volatile__("fldt %2\n\tfldcw %3\n\tfnclex\n\tfbstp %0\n\t"
                         "fnstsw %1"
                         : "=m"(r), "=m"(*sw) : "m"(a), "m"(cw)
                         : "memory", "st");
    return r;
}

/* ---- soft-float: the same operations, the status bits from the flags ---- */

static uint16_t status_of(const FloatEnv *e)
{
    return (e->flags & SW_FLAGS) | (e->flags & FLOAT_ROUNDED_UP ? SW_C1 : 0);
}

#define SOFT_ARITH(name, op, src, reversed)                               \
static float80 soft_##name(float80 a, float80 b, FloatEnv *e, uint16_t *sw) \
{                                                                         \
    float80 r = float80_arith(op, a, b, src, reversed, e);                \
    *sw = status_of(e);                                                   \
    return r;                                                             \
}
/* the six arithmetic forms with a source format, named as the host's */
#define SOFT_ARITH_FORMS(p, sfx, src)                                     \
    SOFT_ARITH(p##add##sfx, FLOAT80_ADD, src, false)                      \
    SOFT_ARITH(p##sub##sfx, FLOAT80_SUB, src, false)                      \
    SOFT_ARITH(p##subr##sfx, FLOAT80_SUB, src, true)                      \
    SOFT_ARITH(p##mul##sfx, FLOAT80_MUL, src, false)                      \
    SOFT_ARITH(p##div##sfx, FLOAT80_DIV, src, false)                      \
    SOFT_ARITH(p##divr##sfx, FLOAT80_DIV, src, true)
SOFT_ARITH_FORMS(f, , FLOAT80_SRC_F80)
SOFT_ARITH_FORMS(f, s, FLOAT80_SRC_F32)
SOFT_ARITH_FORMS(f, l, FLOAT80_SRC_F64)
SOFT_ARITH_FORMS(fi, s, FLOAT80_SRC_I16)
SOFT_ARITH_FORMS(fi, l, FLOAT80_SRC_I32)

/* soft_NAME: the result of call (on a, b, e), the status of its flags */
#define SOFT_CALL(name, call)                                             \
static float80 soft_##name(float80 a, float80 b, FloatEnv *e, uint16_t *sw) \
{                                                                         \
    float80 r = call;                                                     \
    *sw = status_of(e);                                                   \
    return r;                                                             \
}
SOFT_CALL(fsqrt, float80_sqrt(a, e))
SOFT_CALL(frndint, float80_round_to_int(a, e))
SOFT_CALL(flds, float80_load(a, FLOAT80_SRC_F32, e))
SOFT_CALL(fldl, float80_load(a, FLOAT80_SRC_F64, e))
SOFT_CALL(filds, float80_load(a, FLOAT80_SRC_I16, e))
SOFT_CALL(fildl, float80_load(a, FLOAT80_SRC_I32, e))
SOFT_CALL(fildll, float80_load(a, FLOAT80_SRC_I64, e))

static float80 soft_fsts(float80 a, float80 b, FloatEnv *e, uint16_t *sw)
{
    float80 r = { float80_to_float32(a, e), 0 };
    *sw = status_of(e);
    return r;
}

static float80 soft_fstl(float80 a, float80 b, FloatEnv *e, uint16_t *sw)
{
    float80 r = { float80_to_float64(a, e), 0 };
    *sw = status_of(e);
    return r;
}

#define SOFT_TO_INT(name, width, truncate)                                \
static float80 soft_##name(float80 a, float80 b, FloatEnv *e, uint16_t *sw) \
{                                                                         \
    float80 r = { float80_to_int(a, width, truncate, e), 0 };             \
    *sw = status_of(e);                                                   \
    return r;                                                             \
}
SOFT_TO_INT(fists, 16, false)
SOFT_TO_INT(fistl, 32, false)
SOFT_TO_INT(fistpll, 64, false)
SOFT_TO_INT(fisttps, 16, true)
SOFT_TO_INT(fisttpl, 32, true)
SOFT_TO_INT(fisttpll, 64, true)

/* C3 C2 C0 of each relation */
static const uint16_t relation_sw[] = {
    [FLOAT_LESS] = 0x0100, [FLOAT_EQUAL] = 0x4000, [FLOAT_GREATER] = 0,
    [FLOAT_UNORDERED] = 0x4500,
};
#define SOFT_COMPARE(name, src, quiet)                                    \
static float80 soft_##name(float80 a, float80 b, FloatEnv *e, uint16_t *sw) \
{                                                                         \
    FloatRelation r = float80_compare(a, b, src, quiet, e);               \
    *sw = status_of(e) | relation_sw[r];                                  \
    return a;       /* the host reads back its unchanged st0 */           \
}
SOFT_COMPARE(fcom, FLOAT80_SRC_F80, false)
SOFT_COMPARE(fucom, FLOAT80_SRC_F80, true)
SOFT_COMPARE(fcoms, FLOAT80_SRC_F32, false)
SOFT_COMPARE(fcoml, FLOAT80_SRC_F64, false)
SOFT_COMPARE(ficoms, FLOAT80_SRC_I16, false)
SOFT_COMPARE(ficoml, FLOAT80_SRC_I32, false)

static float80 soft_ftst(float80 a, float80 b, FloatEnv *e, uint16_t *sw)
{
    return soft_fcom(a, (float80){ 0, 0 }, e, sw);
}

/* FPREM's quotient bits q2 q1 q0 in C0 C3 C1, C2 for a partial one */
static float80 remainder_of(float80 a, float80 b, bool nearest, FloatEnv *e,
                            uint16_t *sw)
{
    unsigned q;
    bool partial;
    float80 r = float80_remainder(a, b, nearest, &q, &partial, e);

    /* the host's C0..C3 are clear before: a NaN result leaves C0 C3 */
    q = q == FLOAT80_NO_QUOTIENT ? 0 : q;
    *sw = (e->flags & SW_FLAGS) | (q & 4 ? 0x0100 : 0) |
          (q & 2 ? 0x4000 : 0) | (q & 1 ? 0x0200 : 0) | (partial ? 0x0400 : 0);
    return r;
}

static float80 soft_fprem(float80 a, float80 b, FloatEnv *e, uint16_t *sw)
{
    return remainder_of(a, b, false, e, sw);
}

static float80 soft_fprem1(float80 a, float80 b, FloatEnv *e, uint16_t *sw)
{
    return remainder_of(a, b, true, e, sw);
}

SOFT_CALL(fscale, float80_scale(a, b, e))
SOFT_CALL(fxtract_sig, float80_extract(a, &(float80){ 0, 0 }, e))

static float80 soft_fxtract_exp(float80 a, float80 b, FloatEnv *e,
                                uint16_t *sw)
{
    float80 exp;

    float80_extract(a, &exp, e);
    *sw = status_of(e);
    return exp;
}

SOFT_CALL(fld1, float80_constant(FLOAT80_CONST_ONE, e))
SOFT_CALL(fldl2t, float80_constant(FLOAT80_CONST_L2T, e))
SOFT_CALL(fldl2e, float80_constant(FLOAT80_CONST_L2E, e))
SOFT_CALL(fldpi, float80_constant(FLOAT80_CONST_PI, e))
SOFT_CALL(fldlg2, float80_constant(FLOAT80_CONST_LG2, e))
SOFT_CALL(fldln2, float80_constant(FLOAT80_CONST_LN2, e))
SOFT_CALL(fldz, float80_constant(FLOAT80_CONST_ZERO, e))
SOFT_CALL(fbld, float80_from_bcd(a))
SOFT_CALL(fbstp, float80_to_bcd(a, e))
SOFT_CALL(f2xm1, float80_f2xm1(a, e))
SOFT_CALL(fyl2x, float80_yl2x(a, b, e))
SOFT_CALL(fyl2xp1, float80_yl2xp1(a, b, e))
SOFT_CALL(fpatan, float80_atan(a, b, e))

/* C2 for an operand out of range, which stays in st0 */
static float80 trig_result(bool done, float80 a, float80 r, FloatEnv *e,
                           uint16_t *sw)
{
    *sw = status_of(e) | (done ? 0 : 0x0400);
    return done ? r : a;
}

/* soft_NAME: fn, which leaves its results in s and c, then the result
   picked */
#define SOFT_TRIG(name, fn, picked)                                       \
static float80 soft_##name(float80 a, float80 b, FloatEnv *e, uint16_t *sw) \
{                                                                         \
    float80 s __attribute__((unused)), c __attribute__((unused));                                                       \
    bool done = fn;                                                       \
    return trig_result(done, a, picked, e, sw);                           \
}
SOFT_TRIG(fsin, float80_sincos(a, &s, NULL, e), s)
SOFT_TRIG(fcos, float80_sincos(a, NULL, &c, e), c)
SOFT_TRIG(fsincos_sin, float80_sincos(a, &s, &c, e), s)
SOFT_TRIG(fsincos_cos, float80_sincos(a, &s, &c, e), c)
SOFT_TRIG(fptan_tan, float80_tan(a, &s, &c, e), s)
SOFT_TRIG(fptan_one, float80_tan(a, &s, &c, e), c)

/* The domains: a finite a within -1..1 (f2xm1), of magnitude below
   1 - sqrt(2)/2 (fyl2xp1), below 2^63 for the results pushed second
   (with C2 the host pushes nothing); anything else is. */
static bool finite_below(float80 a, int exp, uint64_t sig)
{
    int e = a.high & 0x7fff;

    if (e == 0x7fff) {
        return true;
    }
    return e < exp || (e == exp && a.low <= sig);
}

static bool in_f2xm1_domain(float80 a, float80 b)
{
    return finite_below(a, 0x3fff, 0x8000000000000000ull);
}

static bool in_fyl2xp1_domain(float80 a, float80 b)
{
    return finite_below(a, 0x3ffd, 0x95f619980c4336f7ull);
}

static bool in_trig_range(float80 a, float80 b)
{
    return finite_below(a, 0x403d, 0xffffffffffffffffull);
}

#define OP(name, a, b, compared) { #name, a, b, compared, soft_##name, host_##name }
#define TRANS(name, a, b, compared, defined)                              \
    { #name, a, b, compared, soft_##name, host_##name, defined, true }
#define ARITH_ENTRIES(p, sfx, kind)                                       \
    OP(p##add##sfx, K_F80, kind, SW_C1), OP(p##sub##sfx, K_F80, kind, SW_C1), \
    OP(p##subr##sfx, K_F80, kind, SW_C1), OP(p##mul##sfx, K_F80, kind, SW_C1), \
    OP(p##div##sfx, K_F80, kind, SW_C1), OP(p##divr##sfx, K_F80, kind, SW_C1)
static const Op ops[] = {
    ARITH_ENTRIES(f, , K_F80), ARITH_ENTRIES(f, s, K_F32),
    ARITH_ENTRIES(f, l, K_F64), ARITH_ENTRIES(fi, s, K_I16),
    ARITH_ENTRIES(fi, l, K_I32),
    OP(fsqrt, K_F80, K_NONE, SW_C1), OP(frndint, K_F80, K_NONE, SW_C1),
    OP(flds, K_F32, K_NONE, SW_C1), OP(fldl, K_F64, K_NONE, SW_C1),
    OP(filds, K_I16, K_NONE, SW_C1), OP(fildl, K_I32, K_NONE, SW_C1),
    OP(fildll, K_I64, K_NONE, SW_C1),
    OP(fsts, K_F80, K_NONE, SW_C1), OP(fstl, K_F80, K_NONE, SW_C1),
    OP(fists, K_F80, K_NONE, SW_C1), OP(fistl, K_F80, K_NONE, SW_C1),
    OP(fistpll, K_F80, K_NONE, SW_C1), OP(fisttps, K_F80, K_NONE, SW_C1),
    OP(fisttpl, K_F80, K_NONE, SW_C1), OP(fisttpll, K_F80, K_NONE, SW_C1),
    OP(fcom, K_F80, K_F80, SW_RELATION), OP(fucom, K_F80, K_F80, SW_RELATION),
    OP(fcoms, K_F80, K_F32, SW_RELATION), OP(fcoml, K_F80, K_F64, SW_RELATION),
    OP(ficoms, K_F80, K_I16, SW_RELATION), OP(ficoml, K_F80, K_I32, SW_RELATION),
    OP(ftst, K_F80, K_NONE, SW_RELATION),
    OP(fprem, K_F80, K_F80, SW_CC), OP(fprem1, K_F80, K_F80, SW_CC),
    OP(fscale, K_F80, K_F80, SW_C1), OP(fxtract_sig, K_F80, K_NONE, SW_C1),
    OP(fxtract_exp, K_F80, K_NONE, SW_C1),
    OP(fld1, K_NONE, K_NONE, SW_C1), OP(fldl2t, K_NONE, K_NONE, SW_C1),
    OP(fldl2e, K_NONE, K_NONE, SW_C1), OP(fldpi, K_NONE, K_NONE, SW_C1),
    OP(fldlg2, K_NONE, K_NONE, SW_C1), OP(fldln2, K_NONE, K_NONE, SW_C1),
    OP(fldz, K_NONE, K_NONE, SW_C1),
    OP(fbld, K_BCD, K_NONE, SW_C1), OP(fbstp, K_F80, K_NONE, SW_C1),
    TRANS(f2xm1, K_F80, K_NONE, 0, in_f2xm1_domain),
    TRANS(fyl2x, K_F80, K_F80, 0, NULL),
    TRANS(fyl2xp1, K_F80, K_F80, 0, in_fyl2xp1_domain),
    TRANS(fpatan, K_F80, K_F80, 0, NULL),
    TRANS(fsin, K_F80, K_NONE, SW_C2, NULL),
    TRANS(fcos, K_F80, K_NONE, SW_C2, NULL),
    TRANS(fsincos_sin, K_F80, K_NONE, SW_C2, in_trig_range),
    TRANS(fsincos_cos, K_F80, K_NONE, SW_C2, NULL),
    TRANS(fptan_tan, K_F80, K_NONE, SW_C2, in_trig_range),
    TRANS(fptan_one, K_F80, K_NONE, SW_C2, NULL),
};

/* ---- operands ---- */

/* extended edges as sign+exponent, significand (the other sign too) */
static const float80 edges80[] = {
    { 0, 0 }, { 1, 0 }, { 0x7fffffffffffffffull, 0 },
    { 0x8000000000000000ull, 0 },               /* pseudo-denormals */
    { 0xc000000000000001ull, 0 }, { 0x0000000000000800ull, 0 },
    { 0x8000000000000000ull, 1 }, { 0x8000000000000001ull, 1 },
    { 0x8000000000000000ull, 0x3fff }, { 0x8000000000000001ull, 0x3fff },
    { 0xffffffffffffffffull, 0x3fff }, { 0xc000000000000000ull, 0x3fff },
    { 0xffffffffffffffffull, 0x3ffe }, { 0xaaaaaaaaaaaaaaabull, 0x3ffd },
    { 0xa000000000000000ull, 0x4000 }, { 0x8000000000000000ull, 0x3ffe },
    { 0xffffffffffffffffull, 0x7ffe }, { 0x8000000000000000ull, 0x7ffe },
    { 0x8000000000000000ull, 0x7fff },          /* infinity */
    { 0xc000000000000000ull, 0x7fff },          /* QNaN */
    { 0xc000000012345678ull, 0x7fff }, { 0xfff0000000000000ull, 0x7fff },
    { 0x8000000000000001ull, 0x7fff },          /* SNaN */
    { 0xa000000000000000ull, 0x7fff }, { 0x8000000012345678ull, 0x7fff },
    { 0, 0x7fff }, { 0x4000000000000000ull, 0x7fff }, /* pseudo inf, NaN */
    { 0x4000000000000000ull, 0x3fff }, { 0, 0x4000 }, /* unnormals */
    { 0x8000000000000000ull, 0x403e }, { 0xffffffffffffffffull, 0x403d },
    { 0xffffffffffffffffull, 0x403e }, { 0x8000000000000000ull, 0x403f },
    { 0xfffe000000000000ull, 0x400d }, { 0xffff000000000000ull, 0x400d },
    { 0xffffffff00000000ull, 0x401d }, { 0xffffffff80000000ull, 0x401d },
    { 0xffffff8000000000ull, 0x407e }, { 0xffffffc000000000ull, 0x407e },
    { 0x8000000000000000ull, 0x3f81 }, { 0xffffff0000000000ull, 0x3f80 },
    { 0x8000000000000000ull, 0x3f6a }, { 0xc000000000000000ull, 0x3f69 },
    { 0xfffffffffffff800ull, 0x43fe }, { 0xfffffffffffffc00ull, 0x43fe },
    { 0x8000000000000000ull, 0x3c01 }, { 0xfffffffffffff000ull, 0x3c00 },
    { 0x8000000000000000ull, 0x3bcd }, { 0xc000000000000000ull, 0x3bcc },
    { 0x8000000000000000ull, 0x2000 }, { 0xb504f333f9de6484ull, 0x5ffe },
    { 0x8000000000000400ull, 0x3fff }, { 0x8000000000000080ull, 0x3fff },
};

static const uint32_t edges32[] = {
    0x00000000, 0x00000001, 0x007fffff, 0x00800000, 0x3f800000, 0x3f800001,
    0x3fc00000, 0x7f7fffff, 0x7f800000, 0x7fc00000, 0x7fa00000, 0x7f800001,
    0x7fc12345, 0x4effffff, 0x4f000000, 0x2f800000,
};

static const uint64_t edges64[] = {
    0, 1, 0x000fffffffffffffull, 0x0010000000000000ull,
    0x3ff0000000000000ull, 0x3ff0000000000001ull, 0x7fefffffffffffffull,
    0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull,
    0x7ff0000000000001ull, 0x7ff8000012345678ull, 0x43e0000000000000ull,
    0x3fe0000000000000ull, 0x4330000000000001ull, 0x0000000012345678ull,
};

static const uint64_t edges_int[] = {
    0, 1, 2, 3, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0x00ffffff, 0x01000001,
    0x0020000000000001ull, 0x123456789abcdefull,
};

/* packed BCD: digits in low and the low byte of high */
static const float80 edges_bcd[] = {
    { 0, 0 }, { 1, 0 }, { 0x9999999999999999ull, 0x99 },
    { 0x1234567890123456ull, 0x78 }, { 0x000000000000000aull, 0 },
    { 0xffffffffffffffffull, 0xff }, { 0, 0x7f00 }, { 0x10, 0x0a },
    { 0xc000000000000000ull, 0x7fff },
};

#define N_EDGES(a) (2 * ARRAY_SIZE(a))

static int edge_count(Kind k)
{
    switch (k) {
    case K_NONE:
        return 1;
    case K_F80:
        return N_EDGES(edges80);
    case K_F32:
        return N_EDGES(edges32);
    case K_F64:
        return N_EDGES(edges64);
    case K_BCD:
        return N_EDGES(edges_bcd);
    default:
        return N_EDGES(edges_int);
    }
}

/* edge i (both signs or, for integers, negated) of the kind */
static float80 edge(Kind k, int i)
{
    bool neg = i & 1;
    float80 v;

    switch (k) {
    case K_NONE:
        return (float80){ 0, 0 };
    case K_F80:
        v = edges80[i / 2];
        v.high |= neg << 15;
        return v;
    case K_F32:
        return (float80){ edges32[i / 2] | (neg ? 1u << 31 : 0), 0 };
    case K_F64:
        return (float80){ edges64[i / 2] | (neg ? 1ull << 63 : 0), 0 };
    case K_BCD:
        v = edges_bcd[i / 2];
        v.high |= neg << 15;
        return v;
    default:
        return (float80){ neg ? -edges_int[i / 2] : edges_int[i / 2], 0 };
    }
}

/* random bits, or a random significand (integer bit set, mostly) with an
   exponent near an end of the range, near 1 or near the formats' ends */
static float80 random_operand(Kind k)
{
    static const int centres[] = { 0, 0x7ffe, 0x3fff, 0x3f81, 0x407e,
                                   0x3c01, 0x43fe, 0x3f6a, 0x3bcd, 0x403e };
    uint64_t r = rng();
    int choice = rng() % 8;
    float80 v = { r, rng() };

    switch (k) {
    case K_NONE:
        return (float80){ 0, 0 };
    case K_F80:
        if (choice == 0) {
            return v;
        }
        if (choice > 1) {
            v.low |= 1ull << 63;
        }
        v.high = (v.high & 0x8000) |
                 ((centres[rng() % ARRAY_SIZE(centres)] + rng() % 64 - 32) &
                  0x7fff);
        if (choice == 2) {
            v.low &= ~0ull << (rng() % 2 ? 40 : 11);  /* float, double */
        }
        return v;
    case K_F32:
        return (float80){ (uint32_t)r, 0 };
    case K_F64:
        return (float80){ r, 0 };
    case K_BCD:
        /* mostly decimal digits, and junk in the sign byte */
        if (choice > 1) {
            v.low = 0;
            for (int i = 0; i < 16; i++) {
                v.low = v.low << 4 | rng() % 10;
            }
            v.high = (v.high & 0xff00) | (rng() % 10) << 4 | rng() % 10;
        }
        return v;
    default:
        r >>= rng() % 64;
        return (float80){ choice & 1 ? -r : r, 0 };
    }
}

static int failures, op_failures;
static long comparisons;

/* the transcendentals' tolerance against the host, in units in the last
   place */
#define TRANS_ULPS 1

/* A value's place among those of its sign (denormals first). */
static unsigned __int128 ordinal(float80 v)
{
    return (unsigned __int128)(v.high & 0x7fff) << 63 | (v.low & ~(1ull << 63));
}

/* How many representable values apart a and b are (at most
   UINT64_MAX); a NaN matches only itself. */
static uint64_t ulps_apart(float80 a, float80 b)
{
    unsigned __int128 d;
    bool nan = (a.high & 0x7fff) == 0x7fff && a.low << 1;

    if (a.high == b.high && a.low == b.low) {
        return 0;
    }
    if (nan) {
        return UINT64_MAX;
    }
    if ((a.high & 0x8000) != (b.high & 0x8000)) {
        d = ordinal(a) + ordinal(b);
    } else {
        d = ordinal(a) > ordinal(b) ? ordinal(a) - ordinal(b)
                                    : ordinal(b) - ordinal(a);
    }
    return d > UINT64_MAX ? UINT64_MAX : (uint64_t)d;
}

static uint64_t max_ulps;
static long exact_matches, op_comparisons;

/* One comparison; prints an operation's first few differences. */
static void compare(const Op *op, float80 a, float80 b, uint16_t cw)
{
    FloatEnv e = {
        .round = (cw >> 10) & 3,
        .precision = (int[]){ 24, 0, 53, 64 }[(cw >> 8) & 3],
    };
    uint16_t mask = SW_FLAGS | op->compared, want_sw = 0, got_sw = 0;
    float80 want, got;
    uint64_t apart;
    bool differ;

    if (op->defined && !op->defined(a, b)) {
        return;
    }
    want = op->host(a, b, cw, &want_sw);
    got = op->soft(a, b, &e, &got_sw);
    comparisons++;
    op_comparisons++;
    apart = ulps_apart(want, got);
    if (op->approximate) {
        /* an approximation is inexact either way */
        mask &= ~0x0020;
        differ = apart > TRANS_ULPS;
        exact_matches += apart == 0;
        if (!differ && apart > max_ulps) {
            max_ulps = apart;
        }
    } else {
        differ = apart != 0 || want.high != got.high;
    }
    if (differ || (want_sw & mask) != (got_sw & mask)) {
        failures++;
        if (op_failures++ < 4) {
            printf("# %s %04x:%016" PRIx64 " %04x:%016" PRIx64 " cw %04x: "
                   "host %04x:%016" PRIx64 " sw %04x, soft %04x:%016" PRIx64
                   " sw %04x\n", op->name, a.high, a.low, b.high, b.low, cw,
                   want.high, want.low, want_sw & mask, got.high, got.low,
                   got_sw & mask);
        }
    }
}

int main(void)
{
    static const uint16_t precisions[] = { 0, 2, 3 };   /* PC: 24, 53, 64 */
    uint16_t saved;

    __asm__ __volatile__("fnstcw %0" : "=m"(saved));
    for (size_t o = 0; o < ARRAY_SIZE(ops); o++) {
        const Op *op = &ops[o];
        int before = failures;

        op_failures = 0;
        max_ulps = 0;
        exact_matches = op_comparisons = 0;
        for (uint16_t rc = 0; rc < 4; rc++) {
            for (size_t p = 0; p < ARRAY_SIZE(precisions); p++) {
                uint16_t cw = 0x3f | precisions[p] << 8 | rc << 10;

                for (int i = 0; i < edge_count(op->a); i++) {
                    for (int j = 0; j < edge_count(op->b); j++) {
                        compare(op, edge(op->a, i), edge(op->b, j), cw);
                    }
                }
                for (int n = 0; n < RANDOM_PAIRS; n++) {
                    compare(op, random_operand(op->a), random_operand(op->b),
                            cw);
                }
            }
        }
        if (op->approximate) {
            printf("# %s: %ld of %ld results the host's bits, the others "
                   "%" PRIu64 " ulp apart\n", op->name, exact_matches,
                   op_comparisons, max_ulps);
        }
        printf("%s %s\n", failures == before ? "PASS" : "FAIL", op->name);
    }
    __asm__ __volatile__("fldcw %0" : : "m"(saved));
    printf("# %ld comparisons\n", comparisons);
    return failures != 0;
}
