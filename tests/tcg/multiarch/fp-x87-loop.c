/*
 * fp-x87-loop.c: long double arithmetic, the x87 code of ordinary numeric
 * programs (fld/fstp m80, fadd, fmul, fdiv, fsqrt, fild, fistp, fcomi),
 * as a recurrence under each rounding mode and precision control; prints
 * every result's bits.  With an argument N it runs N steps once under the
 * default control word: docs/devel/fpu-sse.md times it that way (native vs
 * emulated).
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_cw(uint16_t cw)
{
    __asm__ __volatile__("fldcw %0" : : "m"(cw));
}

/* fsqrt itself, not a library call */
static long double root(long double v)
{
    __asm__("fsqrt" : "+t"(v));
    return v;
}

/* n steps of a recurrence that keeps its values in range; a hash of the
   bits of every step's result */
static uint64_t run(long n, long double *out)
{
    long double x = 0.1L, y = 3.0L, s = 0;
    uint64_t hash = 0;

    for (long i = 0; i < n; i++) {
        long long k;
        uint64_t bits;

        x = x * 1.0000001L + y / (i + 7);
        y = root(y * y + 1) - (y > x ? 0.25L : -0.125L);
        k = (long long)(x * 1024);
        s += x / y - k / 1024.0L;
        if (x > 1e6L) {
            x /= 3;
        }
        memcpy(&bits, &s, sizeof(bits));
        hash = (hash ^ bits) * 0x100000001b3ull;
    }
    *out = s;
    return hash;
}

int main(int argc, char **argv)
{
    static const uint16_t precision[] = { 0x000, 0x200, 0x300 };
    long double s;

    if (argc > 1) {
        run(atol(argv[1]), &s);
        printf("%.10Lg\n", s);
        return 0;
    }
    for (int rc = 0; rc < 4; rc++) {
        for (int p = 0; p < 3; p++) {
            uint16_t cw = 0x3f | 0x40 | precision[p] | rc << 10;
            uint64_t hash, bits;
            uint16_t top;

            set_cw(cw);
            hash = run(2000, &s);
            set_cw(0x37f);
            memcpy(&bits, &s, 8);
            memcpy(&top, (char *)&s + 8, 2);
            printf("cw %04x: hash %016llx s %04x:%016llx\n", cw,
                   (unsigned long long)hash, top, (unsigned long long)bits);
        }
    }
    return 0;
}
