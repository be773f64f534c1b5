/*
 * memstream: a memory-bound loop.  Fills 64 MiB with a pattern (32-bit
 * stores), then sums it as 32-bit words, as bytes and as 64-bit words with
 * a stride, and copies half of it word by word; prints the sums.  Each
 * guest instruction does little besides its load or store, so this is the
 * program that shows what a checked memory access costs
 * (docs/devel/tlb.md measures -checked-mem against the direct path with it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BYTES (64u << 20)

int main(void)
{
    uint32_t *w = malloc(BYTES);
    volatile uint32_t *vw = w;
    uint64_t sum32 = 0, sum8 = 0, sum64 = 0, sumcopy = 0;
    size_t n = BYTES / 4;

    if (!w) {
        return 2;
    }
    for (size_t i = 0; i < n; i++) {
        vw[i] = (uint32_t)(i * 2654435761u);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            sum32 += vw[i] >> pass;
        }
    }
    {
        volatile uint8_t *b = (volatile uint8_t *)w;
        for (size_t i = 0; i < BYTES; i += 3) {
            sum8 += b[i];
        }
    }
    {
        volatile uint64_t *q = (volatile uint64_t *)w;
        for (size_t i = 0; i < BYTES / 8; i += 5) {
            sum64 ^= q[i] + i;
        }
    }
    for (size_t i = 0; i < n / 2; i++) {
        vw[i] = vw[i + n / 2] + 1;
    }
    for (size_t i = 0; i < n / 2; i += 7) {
        sumcopy += vw[i];
    }
    printf("sum32 %llu\nsum8 %llu\nsum64 %016llx\ncopy %llu\n",
           (unsigned long long)sum32, (unsigned long long)sum8,
           (unsigned long long)sum64, (unsigned long long)sumcopy);
    free(w);
    return 0;
}
