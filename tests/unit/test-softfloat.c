/*
 * test-softfloat.c: fpu/softfloat.c against this host's SSE unit.  Each
 * operation (add, sub, mul, div, sqrt in single and double precision, and
 * the two conversions between them) runs on every pair of edge-case
 * operands (zeros, denormals, the normal range's ends, values around 1,
 * infinities, quiet and signaling NaNs) and on random pairs (random bits,
 * and random significands with exponents near the ends of the range),
 * under the four rounding modes with and without DAZ and FTZ, in soft-float
 * and as the SSE instruction; the result bits and the six MXCSR flags must
 * be the same.
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

typedef struct Op {
    const char *name;
    bool double_in, double_out, unary;
    uint64_t (*soft)(uint64_t a, uint64_t b, FloatEnv *e);
    /* the SSE instruction on a in xmm0, b in xmm1, under mxcsr */
    uint64_t (*host)(uint64_t a, uint64_t b, uint32_t *mxcsr);
} Op;

#define HOST_OP(name, insn)                                               \
static uint64_t host_##name(uint64_t a, uint64_t b, uint32_t *mxcsr)      \
{                                                                         \
    uint64_t r;                                                           \
    __asm__ __volatile__("movq %2, %%xmm0\n\tmovq %3, %%xmm1\n\t"         \
                         "ldmxcsr %1\n\t" insn " %%xmm1, %%xmm0\n\t"      \
                         "stmxcsr %1\n\tmovq %%xmm0, %0"                  \
                         : "=r"(r), "+m"(*mxcsr) : "r"(a), "r"(b)         \
                         : "xmm0", "xmm1");                               \
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

HOST_OP(addss, "addss") HOST_OP(subss, "subss") HOST_OP(mulss, "mulss")
HOST_OP(divss, "divss") HOST_OP(sqrtss, "sqrtss")
HOST_OP(addsd, "addsd") HOST_OP(subsd, "subsd") HOST_OP(mulsd, "mulsd")
HOST_OP(divsd, "divsd") HOST_OP(sqrtsd, "sqrtsd")
HOST_OP(cvtss2sd, "cvtss2sd") HOST_OP(cvtsd2ss, "cvtsd2ss")

SOFT_BINARY(addss, float32_add, float32) SOFT_BINARY(subss, float32_sub, float32)
SOFT_BINARY(mulss, float32_mul, float32) SOFT_BINARY(divss, float32_div, float32)
SOFT_UNARY(sqrtss, float32_sqrt, float32)
SOFT_BINARY(addsd, float64_add, float64) SOFT_BINARY(subsd, float64_sub, float64)
SOFT_BINARY(mulsd, float64_mul, float64) SOFT_BINARY(divsd, float64_div, float64)
SOFT_UNARY(sqrtsd, float64_sqrt, float64)
SOFT_UNARY(cvtss2sd, float32_to_float64, float32)
SOFT_UNARY(cvtsd2ss, float64_to_float32, float64)

#define OP(name, din, dout, unary) \
    { #name, din, dout, unary, soft_##name, host_##name }
static const Op ops[] = {
    OP(addss, false, false, false), OP(subss, false, false, false),
    OP(mulss, false, false, false), OP(divss, false, false, false),
    OP(sqrtss, false, false, true),
    OP(addsd, true, true, false), OP(subsd, true, true, false),
    OP(mulsd, true, true, false), OP(divsd, true, true, false),
    OP(sqrtsd, true, true, true),
    OP(cvtss2sd, false, true, true), OP(cvtsd2ss, true, false, true),
};

static const uint32_t edges32[] = {
    0x00000000, 0x00000001, 0x00000003, 0x007fffff, 0x00400000, 0x00800000,
    0x00800001, 0x01000000, 0x0c000000, 0x1f800000, 0x33800000, 0x34000000,
    0x3eaaaaab, 0x3f000000, 0x3f7fffff, 0x3f800000, 0x3f800001, 0x3fc00000,
    0x40000000, 0x40400000, 0x4b000000, 0x4b7fffff, 0x5f000000, 0x7e800000,
    0x7f000000, 0x7f7ffffe, 0x7f7fffff, 0x7f800000, 0x7fc00000, 0x7fa00000,
    0x7f800001, 0x7fffffff,
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
    0x7ff4000000000000ull, 0x7ff0000000000001ull,
};

#define N_EDGES (2 * ARRAY_SIZE(edges32))

/* edge i (both signs) of the format */
static uint64_t edge(bool dbl, int i)
{
    uint64_t sign = dbl ? 1ull << 63 : 1u << 31;
    uint64_t v = dbl ? edges64[i / 2] : edges32[i / 2];

    return i & 1 ? v | sign : v;
}

/* random bits, or a random significand with an exponent near an end */
static uint64_t random_operand(bool dbl)
{
    uint64_t r = rng();
    int choice = rng() % 4;

    if (dbl) {
        if (choice == 0) {
            return r;
        }
        r &= 0x800fffffffffffffull;
        return r | (uint64_t)(choice == 1 ? rng() % 64 : choice == 2 ?
                              0x7ff - 1 - rng() % 64 : 0x3ff - 32 + rng() % 64) << 52;
    }
    r = (uint32_t)r;
    if (choice == 0) {
        return r;
    }
    r &= 0x807fffff;
    return r | (uint64_t)(choice == 1 ? rng() % 32 : choice == 2 ?
                          0xff - 1 - rng() % 32 : 0x7f - 16 + rng() % 32) << 23;
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

    if (!op->double_out) {
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
                        compare(op, edge(op->double_in, j),
                                edge(op->double_in, i), setting);
                    }
                }
                for (int n = 0; n < RANDOM_PAIRS; n++) {
                    compare(op, random_operand(op->double_in),
                            random_operand(op->double_in), setting);
                }
            }
        }
        printf("%s %s\n", failures == before ? "PASS" : "FAIL", op->name);
    }
    __asm__ __volatile__("ldmxcsr %0" : : "m"(saved));
    return failures != 0;
}
