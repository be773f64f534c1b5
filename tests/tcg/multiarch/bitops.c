/*
 * bitops: popcount, leading and trailing zero counts, byte swaps, parity,
 * and the classic bit tricks (lowest set bit, power-of-two rounding, bit
 * reversal, Gray code), for 32- and 64-bit words.  At -O2 gcc turns many of
 * these into bsf/bsr/bswap/rol/shld and setcc sequences.
 */
#include <stdio.h>
#include <stdint.h>

static uint32_t next32(uint32_t *s) { *s = *s * 1664525u + 1013904223u; return *s; }

static uint32_t reverse32(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(x);
}

static uint32_t round_pow2(uint32_t x)
{
    x--;
    x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16;
    return x + 1;
}

static int popcount_slow(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

int main(void)
{
    uint32_t seed = 12345;
    int mismatches = 0;

    for (int i = 0; i < 64; i++) {
        uint32_t a = next32(&seed) >> (i % 29);
        uint64_t b = ((uint64_t)next32(&seed) << 32 | next32(&seed)) >> (i % 61);
        printf("%08x %016llx: pop %d %d clz %d %d ctz %d %d ffs %d %d par %d %d\n",
               a, (unsigned long long)b,
               __builtin_popcount(a), __builtin_popcountll(b),
               a ? __builtin_clz(a) : 32, b ? __builtin_clzll(b) : 64,
               a ? __builtin_ctz(a) : 32, b ? __builtin_ctzll(b) : 64,
               __builtin_ffs((int)a), __builtin_ffsll((long long)b),
               __builtin_parity(a), __builtin_parityll(b));
        printf("  bswap %08x %016llx %04x rev %08x low %08x p2 %08x gray %08x\n",
               __builtin_bswap32(a), (unsigned long long)__builtin_bswap64(b),
               __builtin_bswap16((uint16_t)a), reverse32(a), a & -a,
               round_pow2(a & 0x7fffffff), a ^ (a >> 1));
        if (__builtin_popcountll(b) != popcount_slow(b))
            mismatches++;
    }

    /* Bit fields packed and unpacked through shifts and masks. */
    uint64_t packed = 0;
    for (int i = 0; i < 16; i++)
        packed |= (uint64_t)(i & 15) << (i * 4);
    printf("packed %016llx\n", (unsigned long long)packed);
    for (int i = 0; i < 16; i++)
        printf("%d", (int)((packed >> (60 - i * 4)) & 15));
    putchar('\n');

    struct { unsigned a : 3, b : 7, c : 1, d : 21; } bf;
    volatile unsigned v = 0xdeadbeef;
    bf.a = v; bf.b = v >> 3; bf.c = v >> 10; bf.d = v >> 11;
    printf("bitfield %u %u %u %u\n", bf.a, bf.b, bf.c, bf.d);

    printf("mismatches %d\n", mismatches);
    return mismatches;
}
