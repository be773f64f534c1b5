/*
 * sieve: primes below two million with a byte sieve, then with a bit sieve
 * (odd numbers only, shifts and masks), which must agree; prints counts,
 * the largest primes, twin-prime pairs and a checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define LIMIT 2000000

int main(void)
{
    unsigned char *comp = calloc(LIMIT, 1);
    uint32_t *bits = calloc(LIMIT / 64 + 1, sizeof(uint32_t));
    if (!comp || !bits)
        return 2;

    for (unsigned i = 2; (unsigned long)i * i < LIMIT; i++)
        if (!comp[i])
            for (unsigned j = i * i; j < LIMIT; j += i)
                comp[j] = 1;

    /* bit k stands for the odd number 2k+1 */
    for (unsigned k = 1; (2 * k + 1) * (2 * k + 1) < LIMIT; k++)
        if (!(bits[k >> 5] & (1u << (k & 31))))
            for (unsigned m = (2 * k + 1) * (2 * k + 1); m < LIMIT; m += 2 * (2 * k + 1))
                bits[m >> 6] |= 1u << ((m >> 1) & 31);

    unsigned count = 0, twins = 0, last = 0, disagree = 0;
    uint64_t sum = 0;
    for (unsigned n = 2; n < LIMIT; n++) {
        int p1 = !comp[n];
        int p2 = n == 2 || ((n & 1) && n > 1 && !(bits[n >> 6] & (1u << ((n >> 1) & 31))));
        disagree += p1 != p2;
        if (p1) {
            count++;
            sum += n;
            if (last && n - last == 2)
                twins++;
            last = n;
        }
    }
    printf("primes below %d: %u, twins %u, sum %llu\n", LIMIT, count, twins, (unsigned long long)sum);
    printf("largest:");
    for (unsigned n = LIMIT - 1, k = 0; k < 5; n--)
        if (!comp[n]) { printf(" %u", n); k++; }
    printf("\nfirst:");
    for (unsigned n = 2, k = 0; k < 20; n++)
        if (!comp[n]) { printf(" %u", n); k++; }
    printf("\ndisagreements %u\n", disagree);
    free(comp);
    free(bits);
    return disagree != 0;
}
