/*
 * test-softfloat.c: fpu/softfloat.c against this host's SSE unit.  Each
 * operation (add, sub, mul, div, sqrt, min, max, the eight cmpss
 * predicates and (u)comis in single and double precision, the conversions
 * between them and to and from 32- and 64-bit integers, rounded and
 * truncated) runs on every pair of edge-case operands (zeros, denormals,
 * the normal range's ends, values around 1 and the integer limits,
 * infinities, quiet and signaling NaNs; for integers the ends of both
 * widths and the precision limits of float and double) and on random
 * pairs (random bits, and random significands with exponents near the
 * ends of the range), under the four rounding modes with and without DAZ
 * and FTZ, in soft-float and as the SSE instruction; the result bits (for
 * comis: ZF, PF, CF) and the six MXCSR flags must be the same.
 */
#include "qemu/osdep.h"
#include "fpu/softfloat.h"

#define RANDOM_PAIRS 40000

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* what an operand is */
typedef enum { IN_F32, IN_F64, IN_I32, IN_I64 } OperandKind;

typedef struct Op {
    const char *name;
    OperandKind in;
    bool out64, unary;
    uint64_t (*soft)(uint64_t a, uint64_t b, FloatEnv *e);
    /* the SSE instruction on a (xmm0) and b (xmm1 or an integer
       register), under mxcsr */
    uint64_t (*host)(uint64_t a, uint64_t b, uint32_t *mxcsr);
} Op;

#define HOST_ASM(text, out, in)                                           \
    __asm__ __volatile__("movq %2, %%xmm0\n\tmovq %3, %%xmm1\n\t"         \
                         "ldmxcsr %1\n\t" text "\n\tstmxcsr %1"           \
                         : out, "+m"(*mxcsr) : "r"(a), in                 \
                         : "xmm0", "xmm1", "cc")
/* xmm0 = insn(xmm0, xmm1) */
#define HOST_OP(name, insn)                                               \
static uint64_t host_##name(uint64_t a, uint64_t b, uint32_t *mxcsr)      \
{                                                                         \
    uint64_t r;                                                           \
    HOST_ASM(insn " %%xmm1, %%xmm0\n\tmovq %%xmm0, %0", "=&r"(r), "r"(b)); \
    return r;                                                             \
}
/* ZF, PF, CF of comparing xmm0 with xmm1, as bits 2, 1, 0 */
#define HOST_COMIS(name, insn)                                            \
static uint64_t host_##name(uint64_t a, uint64_t b, uint32_t *mxcsr)      \
{                                                                         \
    uint64_t r;                                                           \
    HOST_ASM(insn " %%xmm1, %%xmm0\n\tpushf\n\tpop %0", "=&r"(r), "r"(b)); \
    return (r >> 6 & 1) << 2 | (r >> 2 & 1) << 1 | (r & 1);               \
}
/* an integer register (reg: %k0 or %q0) = insn(xmm1) */
#define HOST_TO_INT(name, insn, reg)                                      \
static uint64_t host_##name(uint64_t a, uint64_t b, uint32_t *mxcsr)      \
{                                                                         \
    uint64_t r;                                                           \
    HOST_ASM(insn " %%xmm1, " reg, "=&r"(r), "r"(b));                     \
    return r;                                                             \
}
/* xmm0's low lane = insn(b, an integer register: %k3 or %q3) */
#define HOST_FROM_INT(name, insn, reg)                                    \
static uint64_t host_##name(uint64_t a, uint64_t b, uint32_t *mxcsr)      \
{                                                                         \
    uint64_t r;                                                           \
    HOST_ASM(insn " " reg ", %%xmm0\n\tmovq %%xmm0, %0", "=&r"(r), "r"(b)); \
    return r;                                                             \
}

#define SOFT_BINARY(name, fn, T)                                          \
static uint64_t soft_##name(uint64_t a, uint64_t b, FloatEnv *e)          \
{                                                                         \
    return fn((T)a, (T)b, e);                                             \
}
/* unary: the operand is the source, b (the host's xmm1) */
#define SOFT_UNARY(name, fn, T)                                           \
static uint64_t soft_##name(uint64_t unused, uint64_t b, FloatEnv *e)     \
{                                                                         \
    return fn((T)b, e);                                                   \
}
/* cmpss/cmpsd: a mask of the result's width */
#define SOFT_CMP(name, fn, T, predicate)                                  \
static uint64_t soft_##name(uint64_t a, uint64_t b, FloatEnv *e)          \
{                                                                         \
    return fn((T)a, (T)b, predicate, e) ? (T)-1 : 0;                      \
}
/* the flags comis sets for each relation, as HOST_COMIS gives them */
static const uint64_t comis_flags[] = {
    [FLOAT_LESS] = 1, [FLOAT_EQUAL] = 4, [FLOAT_GREATER] = 0,
    [FLOAT_UNORDERED] = 7,
};
#define SOFT_COMIS(name, fn, T, signaling)                                \
static uint64_t soft_##name(uint64_t a, uint64_t b, FloatEnv *e)          \
{                                                                         \
    return comis_flags[fn((T)a, (T)b, signaling, e)];                     \
}
#define SOFT_TO_INT(name, fn, T, truncate, IT)                            \
static uint64_t soft_##name(uint64_t unused, uint64_t b, FloatEnv *e)     \
{                                                                         \
    return (IT)fn((T)b, truncate, e);                                     \
}
/* the low lane of a with the integer b converted */
#define SOFT_FROM_INT(name, fn, T, IT)                                    \
static uint64_t soft_##name(uint64_t a, uint64_t b, FloatEnv *e)          \
{                                                                         \
    T r = fn((IT)b, e);                                                   \
    return sizeof(T) == 8 ? r : (a & ~0xffffffffull) | r;                 \
}

HOST_OP(addss, "addss") HOST_OP(subss, "subss") HOST_OP(mulss, "mulss")
HOST_OP(divss, "divss") HOST_OP(sqrtss, "sqrtss")
HOST_OP(addsd, "addsd") HOST_OP(subsd, "subsd") HOST_OP(mulsd, "mulsd")
HOST_OP(divsd, "divsd") HOST_OP(sqrtsd, "sqrtsd")
HOST_OP(cvtss2sd, "cvtss2sd") HOST_OP(cvtsd2ss, "cvtsd2ss")
HOST_OP(minss, "minss") HOST_OP(maxss, "maxss")
HOST_OP(minsd, "minsd") HOST_OP(maxsd, "maxsd")
HOST_COMIS(comiss, "comiss") HOST_COMIS(ucomiss, "ucomiss")
HOST_COMIS(comisd, "comisd") HOST_COMIS(ucomisd, "ucomisd")
HOST_TO_INT(cvtss2si_l, "cvtss2si", "%k0") HOST_TO_INT(cvtss2si_q, "cvtss2si", "%q0")
HOST_TO_INT(cvttss2si_l, "cvttss2si", "%k0") HOST_TO_INT(cvttss2si_q, "cvttss2si", "%q0")
HOST_TO_INT(cvtsd2si_l, "cvtsd2si", "%k0") HOST_TO_INT(cvtsd2si_q, "cvtsd2si", "%q0")
HOST_TO_INT(cvttsd2si_l, "cvttsd2si", "%k0") HOST_TO_INT(cvttsd2si_q, "cvttsd2si", "%q0")
HOST_FROM_INT(cvtsi2ss_l, "cvtsi2ssl", "%k3") HOST_FROM_INT(cvtsi2ss_q, "cvtsi2ssq", "%q3")
HOST_FROM_INT(cvtsi2sd_l, "cvtsi2sdl", "%k3") HOST_FROM_INT(cvtsi2sd_q, "cvtsi2sdq", "%q3")

SOFT_BINARY(addss, float32_add, float32) SOFT_BINARY(subss, float32_sub, float32)
SOFT_BINARY(mulss, float32_mul, float32) SOFT_BINARY(divss, float32_div, float32)
SOFT_UNARY(sqrtss, float32_sqrt, float32)
SOFT_BINARY(addsd, float64_add, float64) SOFT_BINARY(subsd, float64_sub, float64)
SOFT_BINARY(mulsd, float64_mul, float64) SOFT_BINARY(divsd, float64_div, float64)
SOFT_UNARY(sqrtsd, float64_sqrt, float64)
SOFT_UNARY(cvtss2sd, float32_to_float64, float32)
SOFT_UNARY(cvtsd2ss, float64_to_float32, float64)
SOFT_BINARY(minss, float32_min, float32) SOFT_BINARY(maxss, float32_max, float32)
SOFT_BINARY(minsd, float64_min, float64) SOFT_BINARY(maxsd, float64_max, float64)
SOFT_COMIS(comiss, float32_compare, float32, true)
SOFT_COMIS(ucomiss, float32_compare, float32, false)
SOFT_COMIS(comisd, float64_compare, float64, true)
SOFT_COMIS(ucomisd, float64_compare, float64, false)
SOFT_TO_INT(cvtss2si_l, float32_to_int32, float32, false, uint32_t)
SOFT_TO_INT(cvtss2si_q, float32_to_int64, float32, false, uint64_t)
SOFT_TO_INT(cvttss2si_l, float32_to_int32, float32, true, uint32_t)
SOFT_TO_INT(cvttss2si_q, float32_to_int64, float32, true, uint64_t)
SOFT_TO_INT(cvtsd2si_l, float64_to_int32, float64, false, uint32_t)
SOFT_TO_INT(cvtsd2si_q, float64_to_int64, float64, false, uint64_t)
SOFT_TO_INT(cvttsd2si_l, float64_to_int32, float64, true, uint32_t)
SOFT_TO_INT(cvttsd2si_q, float64_to_int64, float64, true, uint64_t)
SOFT_FROM_INT(cvtsi2ss_l, int64_to_float32, float32, int32_t)
SOFT_FROM_INT(cvtsi2ss_q, int64_to_float32, float32, int64_t)
SOFT_FROM_INT(cvtsi2sd_l, int64_to_float64, float64, int32_t)
SOFT_FROM_INT(cvtsi2sd_q, int64_to_float64, float64, int64_t)

/* the eight predicates of cmpss and cmpsd */
#define CMP_OPS(n, pred)                                                  \
    HOST_OP(cmp##pred##ss, "cmpss $" #n ",")                              \
    HOST_OP(cmp##pred##sd, "cmpsd $" #n ",")                              \
    SOFT_CMP(cmp##pred##ss, float32_cmp, float32, n)                      \
    SOFT_CMP(cmp##pred##sd, float64_cmp, float64, n)
CMP_OPS(0, eq) CMP_OPS(1, lt) CMP_OPS(2, le) CMP_OPS(3, unord)
CMP_OPS(4, neq) CMP_OPS(5, nlt) CMP_OPS(6, nle) CMP_OPS(7, ord)

#define OP(name, in, out64, unary) \
    { #name, in, out64, unary, soft_##name, host_##name }
#define CMP_ENTRIES(pred) \
    OP(cmp##pred##ss, IN_F32, false, false), OP(cmp##pred##sd, IN_F64, true, false)
static const Op ops[] = {
    OP(addss, IN_F32, false, false), OP(subss, IN_F32, false, false),
    OP(mulss, IN_F32, false, false), OP(divss, IN_F32, false, false),
    OP(sqrtss, IN_F32, false, true),
    OP(addsd, IN_F64, true, false), OP(subsd, IN_F64, true, false),
    OP(mulsd, IN_F64, true, false), OP(divsd, IN_F64, true, false),
    OP(sqrtsd, IN_F64, true, true),
    OP(cvtss2sd, IN_F32, true, true), OP(cvtsd2ss, IN_F64, false, true),
    OP(minss, IN_F32, false, false), OP(maxss, IN_F32, false, false),
    OP(minsd, IN_F64, true, false), OP(maxsd, IN_F64, true, false),
    CMP_ENTRIES(eq), CMP_ENTRIES(lt), CMP_ENTRIES(le), CMP_ENTRIES(unord),
    CMP_ENTRIES(neq), CMP_ENTRIES(nlt), CMP_ENTRIES(nle), CMP_ENTRIES(ord),
    OP(comiss, IN_F32, false, false), OP(ucomiss, IN_F32, false, false),
    OP(comisd, IN_F64, false, false), OP(ucomisd, IN_F64, false, false),
    OP(cvtss2si_l, IN_F32, false, true), OP(cvtss2si_q, IN_F32, true, true),
    OP(cvttss2si_l, IN_F32, false, true), OP(cvttss2si_q, IN_F32, true, true),
    OP(cvtsd2si_l, IN_F64, false, true), OP(cvtsd2si_q, IN_F64, true, true),
    OP(cvttsd2si_l, IN_F64, false, true), OP(cvttsd2si_q, IN_F64, true, true),
    OP(cvtsi2ss_l, IN_I32, true, false), OP(cvtsi2ss_q, IN_I64, true, false),
    OP(cvtsi2sd_l, IN_I32, true, false), OP(cvtsi2sd_q, IN_I64, true, false),
};

static const uint32_t edges32[] = {
    0x00000000, 0x00000001, 0x00000003, 0x007fffff, 0x00400000, 0x00800000,
    0x00800001, 0x01000000, 0x0c000000, 0x1f800000, 0x33800000, 0x34000000,
    0x3eaaaaab, 0x3f000000, 0x3f7fffff, 0x3f800000, 0x3f800001, 0x3fc00000,
    0x40000000, 0x40400000, 0x4b000000, 0x4b7fffff, 0x5f000000, 0x7e800000,
    0x7f000000, 0x7f7ffffe, 0x7f7fffff, 0x7f800000, 0x7fc00000, 0x7fa00000,
    0x7f800001, 0x7fffffff, 0x40200000, 0x4effffff, 0x4f000000, 0x5effffff,
};

static const uint64_t edges64[] = {
    0x0000000000000000ull, 0x0000000000000001ull, 0x0000000000000005ull,
    0x000fffffffffffffull, 0x0008000000000000ull, 0x0010000000000000ull,
    0x0010000000000001ull, 0x0020000000000000ull, 0x1ff0000000000000ull,
    0x3690000000000000ull, 0x36a0000000000000ull, 0x3ca0000000000000ull,
    0x3fd5555555555555ull, 0x3fe0000000000000ull, 0x3fefffffffffffffull,
    0x3ff0000000000000ull, 0x3ff0000000000001ull, 0x3ff8000000000000ull,
    0x4000000000000000ull, 0x4008000000000000ull, 0x4330000000000000ull,
    0x47efffffe0000000ull, 0x47f0000000000000ull, 0x380fffffe0000000ull,
    0x3810000000000000ull, 0x36a0000000000001ull, 0x7fe0000000000000ull,
    0x7fefffffffffffffull, 0x7ff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff4000000000000ull, 0x7ff0000000000001ull, 0x41dfffffffe00000ull,
    0x41e0000000000000ull, 0x43dfffffffffffffull, 0x43e0000000000000ull,
};

/* integers: the ends of both widths, around float's and double's
   precision, small ones */
static const uint64_t edges_int[] = {
    0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 0x00ffffff, 0x01000001,
    0x7fffffc0, 0x7fffffbf, 0x001fffffffffffffull, 0x0020000000000001ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0x7ffffe0000000000ull,
    0x7fffff8000000001ull, 0x4000004000000000ull, 0x4000004000000001ull,
    0x4000000000000400ull, 0x4000000000000c00ull, 0x1234567812345678ull,
    0x0000000100000000ull, 0x00000000deadbeefull, 0x123456789abcdefull,
    0x8000000000000001ull, 0x80000000000003ffull, 0x0000000001000003ull,
    0x00000000feedfaceull, 0x0000000080000001ull, 0x0fffffffffffffffull,
    0xfffffffffffffff0ull, 0xffffff80ull, 0x7ffffffffffffc00ull, 0xfffffeull,
    0x40000000ull,
};
_Static_assert(ARRAY_SIZE(edges32) == ARRAY_SIZE(edges64) &&
               ARRAY_SIZE(edges32) == ARRAY_SIZE(edges_int), "edge counts");

#define N_EDGES (2 * ARRAY_SIZE(edges32))

/* edge i (both signs or, for integers, negated) of the kind */
static uint64_t edge(OperandKind in, int i)
{
    switch (in) {
    case IN_F32:
        return edges32[i / 2] | (i & 1 ? 1u << 31 : 0);
    case IN_F64:
        return edges64[i / 2] | (i & 1 ? 1ull << 63 : 0);
    default:
        return i & 1 ? -edges_int[i / 2] : edges_int[i / 2];
    }
}

/* random bits, or a random significand with an exponent near an end (or
   near 1, and the integers' range); integers of random magnitude */
static uint64_t random_operand(OperandKind in)
{
    uint64_t r = rng();
    int choice = rng() % 4;

    switch (in) {
    case IN_F64:
        if (choice == 0) {
            return r;
        }
        r &= 0x800fffffffffffffull;
        return r | (uint64_t)(choice == 1 ? rng() % 64 : choice == 2 ?
                              0x7ff - 1 - rng() % 64 : 0x3ff - 32 + rng() % 64) << 52;
    case IN_F32:
        r = (uint32_t)r;
        if (choice == 0) {
            return r;
        }
        r &= 0x807fffff;
        return r | (uint64_t)(choice == 1 ? rng() % 32 : choice == 2 ?
                              0xff - 1 - rng() % 32 : 0x7f - 16 + rng() % 32) << 23;
    default:
        r >>= rng() % 64;
        return choice & 1 ? -r : r;
    }
}

static int failures;

/* One comparison; prints the first few differences. */
static void compare(const Op *op, uint64_t a, uint64_t b, uint32_t setting)
{
    FloatEnv e = {
        .round = (setting >> 13) & 3,
        .daz = setting & 0x40,
        .ftz = setting & 0x8000,
    };
    uint32_t mxcsr = setting | 0x1f80;
    uint64_t want = op->host(a, b, &mxcsr), got = op->soft(a, b, &e);

    if (!op->out64) {
        want = (uint32_t)want;
    }
    if (want != got || (mxcsr & 0x3f) != (e.flags & 0x3f)) {
        if (failures++ < 20) {
            printf("# %s %016" PRIx64 " %016" PRIx64 " mxcsr %04x: host %016"
                   PRIx64 " flags %02x, soft %016" PRIx64 " flags %02x\n",
                   op->name, a, b, setting, want, mxcsr & 0x3f, got,
                   e.flags & 0x3f);
        }
    }
}

int main(void)
{
    static const uint32_t settings[] = { 0, 0x40, 0x8000, 0x8040 };
    uint32_t saved;

    __asm__ __volatile__("stmxcsr %0" : "=m"(saved));
    for (size_t o = 0; o < ARRAY_SIZE(ops); o++) {
        const Op *op = &ops[o];
        int before = failures;

        for (uint32_t rc = 0; rc < 4; rc++) {
            for (size_t s = 0; s < ARRAY_SIZE(settings); s++) {
                uint32_t setting = settings[s] | rc << 13;

                for (size_t i = 0; i < N_EDGES; i++) {
                    for (size_t j = 0; j < (op->unary ? 1 : N_EDGES); j++) {
                        compare(op, edge(op->in, j), edge(op->in, i), setting);
                    }
                }
                for (int n = 0; n < RANDOM_PAIRS; n++) {
                    compare(op, random_operand(op->in), random_operand(op->in),
                            setting);
                }
            }
        }
        printf("%s %s\n", failures == before ? "PASS" : "FAIL", op->name);
    }
    __asm__ __volatile__("ldmxcsr %0" : : "m"(saved));
    return failures != 0;
}
