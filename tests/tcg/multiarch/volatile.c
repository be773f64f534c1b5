/*
 * volatile: code whose shape differs most between -O0 and -O2.  Volatile
 * locals force every access through memory (at -O0 everything is like
 * that anyway), while the same loops on plain locals get vectorised,
 * unrolled or folded at -O2.  Both versions must compute the same values;
 * check-tcg builds this at -O0 and -O2, so the emulator sees both shapes.
 */
#include <stdio.h>
#include <stdint.h>

static volatile uint32_t vin[256];
static uint32_t plain[256];

int main(void)
{
    for (int i = 0; i < 256; i++) {
        vin[i] = (uint32_t)i * 2654435761u;
        plain[i] = vin[i];
    }

    volatile uint32_t vsum = 0, vxor = 0, vmax = 0;
    uint32_t psum = 0, pxor = 0, pmax = 0;
    for (int r = 0; r < 50; r++) {
        for (int i = 0; i < 256; i++) {
            vsum += vin[i] >> (r & 7);
            vxor ^= vin[i] + (uint32_t)r;
            if (vin[i] % 1000 > vmax)
                vmax = vin[i] % 1000;
        }
        for (int i = 0; i < 256; i++) {
            psum += plain[i] >> (r & 7);
            pxor ^= plain[i] + (uint32_t)r;
            if (plain[i] % 1000 > pmax)
                pmax = plain[i] % 1000;
        }
    }
    printf("volatile: %08x %08x %u\n", vsum, vxor, vmax);
    printf("plain:    %08x %08x %u\n", psum, pxor, pmax);

    /* Byte, word and dword volatile stores that overlap one location. */
    volatile union { uint64_t q; uint32_t d[2]; uint16_t w[4]; uint8_t b[8]; } u;
    u.q = 0;
    for (int i = 0; i < 8; i++)
        u.b[i] = (uint8_t)(0x11 * (i + 1));
    u.w[1] = 0xbeef;
    u.d[1] ^= 0xffffffffu;
    printf("union %016llx\n", (unsigned long long)u.q);

    /* A volatile loop counter the compiler must not remove. */
    volatile int spin = 0;
    while (spin < 100000)
        spin++;
    printf("spin %d\n", spin);

    /* Read-modify-write on volatile struct fields of several widths. */
    static volatile struct { int8_t a; int16_t b; int32_t c; int64_t d; } s;
    for (int i = 0; i < 1000; i++) {
        s.a += 3;
        s.b -= 7;
        s.c = s.c * 3 + i;
        s.d += s.c;
    }
    printf("fields %d %d %d %lld\n", s.a, s.b, s.c, (long long)s.d);
    return (vsum == psum && vxor == pxor && vmax == pmax) ? 0 : 1;
}
