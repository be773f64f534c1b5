/*
 * int64: 64-bit arithmetic on 32- and 64-bit guests.  On i386 gcc calls
 * libgcc's __udivdi3/__divdi3/__umoddi3/__moddi3 and emits add/adc,
 * shld/shrd pairs for these, so they exercise carries across register pairs.
 */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static volatile int64_t svals[] = {
    0, 1, -1, 2, -3, 10, -10, 1000000007, -1000000007,
    INT64_C(0x100000000), -INT64_C(0x100000000), INT64_C(0x123456789abcdef),
    INT64_MAX, INT64_MIN + 1, INT64_C(0x7fffffff), INT64_C(0x80000000),
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    uint64_t r = 0;
    a %= m;
    while (b) {
        if (b & 1)
            r = (r + a) % m;
        a = (a * 2) % m;
        b >>= 1;
    }
    return r;
}

int main(void)
{
    uint64_t h = 0;
    for (unsigned i = 0; i < N(svals); i++) {
        for (unsigned j = 0; j < N(svals); j++) {
            int64_t a = svals[i], b = svals[j];
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            printf("%" PRId64 " %" PRId64 ": + %" PRId64 " - %" PRId64 " * %" PRId64,
                   a, b, a + b, a - b, (int64_t)(ua * ub));
            if (b != 0) {
                printf(" / %" PRId64 " %% %" PRId64 " u/ %" PRIu64 " u%% %" PRIu64,
                       a / b, a % b, ua / ub, ua % ub);
                h = h * 1099511628211u + (uint64_t)(a / b) + ua % ub;
            }
            printf(" cmp %d%d%d\n", a < b, ua < ub, a == b);
        }
    }

    for (volatile int n = 0; n < 64; n += 5) {
        int64_t a = svals[n % N(svals)];
        printf("shift %d: %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n", n,
               (uint64_t)a << n, (uint64_t)(a >> n), (uint64_t)a >> n);
    }

    printf("mulmod %" PRIu64 "\n", mulmod(UINT64_C(123456789123456789), UINT64_C(987654321987654321),
                                          UINT64_C(1000000000000000003)));
    uint64_t f = 1;
    for (int i = 1; i <= 20; i++)
        f *= (uint64_t)i;
    printf("20! = %" PRIu64 "\n", f);
    printf("conv %lld %llu %d %u\n", (long long)(int32_t)-5, (unsigned long long)(uint32_t)-5,
           (int)(int64_t)svals[11], (unsigned)(uint64_t)svals[11]);
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
