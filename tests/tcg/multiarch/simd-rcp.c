/*
 * simd-rcp.c: RCPPS/RCPSS/RSQRTPS/RSQRTSS over every sign, exponent and
 * top 12 significand bits (the bits the emulator's tables are indexed by,
 * fpu/sse-approx.c), with pseudo-random low bits; and a sixteenth of them
 * under other MXCSR settings, every exception unmasked among them (these
 * instructions raise none).  The x86_64 build prints a hash of every result: its bits are
 * the vendor's, so it matches only a host of the vendor the tables were
 * measured on (docs/devel/fpu-sse.md).  Both builds print how many results
 * break the architectural bound, |relative error| <= 1.5 * 2^-12, for
 * normal inputs with normal results: the i386 reference (Debian's
 * qemu-i386 where the kernel cannot run 32-bit programs) computes other
 * bits within that bound.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* xmm registers in the asm's clobbers: the i386 build needs SSE enabled */
#pragma GCC target("sse")

#define LOW_BITS 11
#define INPUTS (1u << (32 - LOW_BITS))

/* the first mode takes every input, the others every 16th group of 4 */
static const struct {
    const char *name;
    uint32_t mxcsr;
    uint32_t step;
} modes[] = {
    { "nearest", 0x1f80, 4 },
    { "ftz+daz", 0x9fc0, 64 },
    { "toward-zero", 0x7f80, 64 },
    { "all-unmasked", 0x0000, 64 },
};

typedef struct Results {
    uint32_t rcpps[4], rsqrtps[4], rcpss[4], rsqrtss[4];
} Results;

/* the ss forms write lane 0 of a register holding `keep` */
static void run(const uint32_t in[4], const uint32_t keep[4], uint32_t mxcsr,
                Results *r)
{
    uint32_t saved;

    __asm__ volatile("stmxcsr %[saved]\n\tldmxcsr %[m]\n\t"
                     "movups %[in], %%xmm0\n\t"
                     "rcpps %%xmm0, %%xmm1\n\tmovups %%xmm1, %[rcpps]\n\t"
                     "rsqrtps %%xmm0, %%xmm1\n\tmovups %%xmm1, %[rsqrtps]\n\t"
                     "movups %[keep], %%xmm1\n\trcpss %[in], %%xmm1\n\t"
                     "movups %%xmm1, %[rcpss]\n\t"
                     "movups %[keep], %%xmm1\n\trsqrtss %%xmm0, %%xmm1\n\t"
                     "movups %%xmm1, %[rsqrtss]\n\t"
                     "ldmxcsr %[saved]"
                     : [rcpps] "=m"(r->rcpps), [rsqrtps] "=m"(r->rsqrtps),
                       [rcpss] "=m"(r->rcpss), [rsqrtss] "=m"(r->rsqrtss),
                       [saved] "=m"(saved)
                     : [in] "m"(*(const uint32_t(*)[4])in),
                       [keep] "m"(*(const uint32_t(*)[4])keep),
                       [m] "m"(mxcsr)
                     : "xmm0", "xmm1");
}

static float as_float(uint32_t bits)
{
    float f;

    memcpy(&f, &bits, sizeof(f));
    return f;
}

static int normal(uint32_t bits)
{
    uint32_t exponent = bits >> 23 & 0xff;

    return exponent != 0 && exponent != 0xff;
}

/* 1: r is outside the bound around 1/x (rsqrt: around 1/sqrt(x), that
   is r*r*x further than (1 + bound)^2 - 1 from 1) */
static int out_of_bound(uint32_t x, uint32_t r, int square_root)
{
    const double bound = 1.5 / 4096;
    double product = (double)as_float(r) * as_float(x);
    double limit = bound;

    if (!normal(x) || !normal(r) || (square_root && (x >> 31))) {
        return 0;
    }
    if (square_root) {
        product *= as_float(r);
        limit = 2 * bound + bound * bound;
    }
    return product - 1 > limit || 1 - product > limit;
}

static void hash_in(uint64_t *h, const uint32_t *v, int n)
{
    for (int i = 0; i < n; i++) {
        *h = (*h ^ v[i]) * 0x100000001b3ull;
    }
}

int main(void)
{
    for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
        uint64_t hash = 0xcbf29ce484222325ull;
        uint32_t low = 12345, outside = 0, count = 0;

        for (uint32_t high = 0; high < INPUTS; high += modes[m].step) {
            uint32_t in[4], keep[4];
            Results r;

            for (int i = 0; i < 4; i++) {
                low = low * 1103515245 + 12345;
                in[i] = (high + i) << LOW_BITS | (low >> 16 & 0x7ff);
                keep[i] = ~in[i];
            }
            run(in, keep, modes[m].mxcsr, &r);
            hash_in(&hash, (const uint32_t *)&r, sizeof(r) / 4);
            count += 4;
            for (int i = 0; i < 4; i++) {
                outside += out_of_bound(in[i], r.rcpps[i], 0) +
                           out_of_bound(in[i], r.rsqrtps[i], 1);
            }
        }
        printf("%s: %u inputs, %u results outside 1.5*2^-12\n",
               modes[m].name, count, outside);
#ifdef __x86_64__
        printf("%s: hash of the results %016llx\n", modes[m].name,
               (unsigned long long)hash);
#endif
    }
    return 0;
}
