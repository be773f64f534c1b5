/*
 * fp-matmul.c: a double precision matrix product, the SSE2 arithmetic of
 * ordinary numeric code (mulsd/addsd, or their packed forms where the
 * compiler vectorizes), under each rounding mode; prints a hash of every
 * result's bits.  With an argument N it multiplies N x N matrices once in
 * the default mode: docs/devel/fpu-sse.md times it that way (native vs
 * emulated).
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
/* i386 too computes in SSE2, not with the x87's double rounding */
#pragma GCC target("sse2,fpmath=sse")
#include <fenv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double *matrix(int n, uint64_t seed)
{
    double *m = malloc(sizeof(double) * n * n);

    for (int i = 0; i < n * n; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        /* values in (-1, 1) with every significand bit used */
        m[i] = (double)(int64_t)seed / 9223372036854775808.0;
    }
    return m;
}

static uint64_t product_hash(int n, const double *a, const double *b)
{
    uint64_t hash = 0;

    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            double sum = 0;
            uint64_t bits;

            for (int k = 0; k < n; k++) {
                sum += a[i * n + k] * b[k * n + j];
            }
            memcpy(&bits, &sum, sizeof(bits));
            hash = (hash ^ bits) * 0x100000001b3ull;
        }
    }
    return hash;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int mode;
    } modes[] = {
        { "nearest", FE_TONEAREST }, { "down", FE_DOWNWARD },
        { "up", FE_UPWARD }, { "zero", FE_TOWARDZERO },
    };
    int n = argc > 1 ? atoi(argv[1]) : 48;
    double *a = matrix(n, 1), *b = matrix(n, 2);

    if (argc > 1) {
        printf("%016llx\n", (unsigned long long)product_hash(n, a, b));
        return 0;
    }
    for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
        fesetround(modes[m].mode);
        printf("%-8s %016llx\n", modes[m].name,
               (unsigned long long)product_hash(n, a, b));
    }
    return 0;
}
