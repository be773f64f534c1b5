/*
 * arith: integer arithmetic on the edges: signed and unsigned division and
 * remainder with every sign combination, shifts by counts only known at run
 * time, rotations written as C idioms, and the overflow builtins.  The
 * values come through volatile variables so the compiler cannot fold them.
 * (INT_MIN / -1 traps on x86, so it is left out.)
 */
#include <limits.h>
#include <stdio.h>
#include <stdint.h>

static volatile int32_t svals[] = {
    0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, 12345, -12345,
    INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1,
};
static volatile uint32_t uvals[] = {
    0, 1, 2, 3, 7, 0x7fffffff, 0x80000000u, 0xffffffffu, 0xfffffffeu,
    12345, 0xdeadbeefu,
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t rotl32(uint32_t x, unsigned n) { return (x << (n & 31)) | (x >> (-n & 31)); }
static uint32_t rotr32(uint32_t x, unsigned n) { return (x >> (n & 31)) | (x << (-n & 31)); }
static uint16_t rotl16(uint16_t x, unsigned n) { return (uint16_t)((x << (n & 15)) | (x >> (-n & 15))); }
static uint8_t rotl8(uint8_t x, unsigned n) { return (uint8_t)((x << (n & 7)) | (x >> (-n & 7))); }

int main(void)
{
    uint32_t sum = 0;

    puts("signed div/mod:");
    for (unsigned i = 0; i < N(svals); i++) {
        for (unsigned j = 0; j < N(svals); j++) {
            int32_t a = svals[i], b = svals[j];
            if (b == 0 || (a == INT_MIN && b == -1))
                continue;
            printf(" %d/%d=%d,%d", a, b, a / b, a % b);
            sum = sum * 31 + (uint32_t)(a / b) + (uint32_t)(a % b);
        }
        putchar('\n');
    }

    puts("unsigned div/mod:");
    for (unsigned i = 0; i < N(uvals); i++) {
        for (unsigned j = 0; j < N(uvals); j++) {
            uint32_t a = uvals[i], b = uvals[j];
            if (b == 0)
                continue;
            printf(" %u/%u=%u,%u", a, b, a / b, a % b);
        }
        putchar('\n');
    }

    puts("8- and 16-bit:");
    for (unsigned i = 0; i < N(svals); i++) {
        int8_t c = (int8_t)svals[i];
        int16_t s = (int16_t)svals[i];
        uint8_t uc = (uint8_t)svals[i];
        uint16_t us = (uint16_t)svals[i];
        printf(" %d %d %u %u |", c, s, uc, us);
        printf(" %d %d", (int8_t)(c * 3), (int16_t)(s * 7));
        if (c != 0)
            printf(" %d", 100 / c);
        putchar('\n');
    }

    puts("shifts:");
    for (volatile unsigned n = 0; n < 32; n++) {
        int32_t a = svals[n % N(svals)];
        uint32_t u = uvals[n % N(uvals)];
        printf(" %u: %08x %08x %08x %08x %08x %08x %04x %02x\n", n,
               (uint32_t)(a << n), (uint32_t)(a >> n), u >> n, u << n,
               rotl32(u, n), rotr32(u, n), rotl16((uint16_t)u, n), rotl8((uint8_t)u, n));
        sum += rotl32(u, n) ^ (uint32_t)(a >> n);
    }

    puts("overflow builtins:");
    for (unsigned i = 0; i < N(svals); i++) {
        for (unsigned j = 0; j < N(svals); j += 3) {
            int32_t r1, r2, r3;
            uint32_t u1, u2;
            int o1 = __builtin_add_overflow(svals[i], svals[j], &r1);
            int o2 = __builtin_sub_overflow(svals[i], svals[j], &r2);
            int o3 = __builtin_mul_overflow(svals[i], svals[j], &r3);
            int o4 = __builtin_add_overflow((uint32_t)svals[i], (uint32_t)svals[j], &u1);
            int o5 = __builtin_mul_overflow((uint32_t)svals[i], (uint32_t)svals[j], &u2);
            printf(" %d%d%d%d%d:%d,%d,%d,%u,%u", o1, o2, o3, o4, o5, r1, r2, r3, u1, u2);
        }
        putchar('\n');
    }

    puts("wrapping and mixed:");
    volatile int32_t big = INT_MAX;
    volatile uint32_t ubig = 0xffffffffu;
    printf(" %d %u %d %d\n", big + 1, ubig + 1, -big, (int32_t)(ubig * ubig));
    printf(" %d %d %u\n", -7 >> 1, -7 / 2, (uint32_t)-7 >> 1);
    printf(" abs: %d %d %ld\n", __builtin_abs(svals[8]), __builtin_abs(svals[10]),
           __builtin_labs((long)svals[12]));

    printf("checksum %08x\n", sum);
    return 0;
}
