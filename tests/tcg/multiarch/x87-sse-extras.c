/*
 * x87-sse-extras.c: the less common instructions of the ISA we claim:
 * FBLD/FBSTP (packed BCD, with rounding, overflow and NaN), the
 * undocumented x87 register-form aliases, MASKMOVDQU, and the SSE
 * reciprocal approximations.  Judged against the host (x86_64) or the i386
 * reference.  Some results are printed only in the 64-bit build, whose
 * reference is this very host: RCPPS and friends differ between vendors
 * (Debian's qemu-i386 computes them exactly), and that qemu-i386 does not
 * model x87 stack underflow.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#pragma GCC target("sse2")

static void print_bytes(const char *what, const void *p, int n)
{
    printf("%s", what);
    for (int i = 0; i < n; i++) {
        printf(" %02x", ((const uint8_t *)p)[i]);
    }
    printf("\n");
}

static void test_bcd(void)
{
    static const long double values[] = {
        0.0L, -0.0L, 1.0L, -1.5L, 2.5L, 123456789012345678.0L,
        999999999999999999.4L, 1e18L, -1e18L, 1e30L, 0.49L, -7.5L,
    };
    static const uint16_t modes[] = { 0x37f, 0x77f, 0xb7f, 0xf7f };
    static const uint8_t bcds[][10] = {
        { 0x21, 0x43, 0x65, 0x87, 0x09, 0x21, 0x43, 0x65, 0x87, 0x00 },
        { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x80 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 },
        { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff },
    };

    for (unsigned m = 0; m < 4; m++) {
        for (unsigned i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
            uint8_t out[10];
            uint16_t sw;
            __asm__ volatile("fninit\n\tfldcw %2\n\tfldt %3\n\tfbstp %0\n\tfnstsw %1"
                             : "=m"(out), "=a"(sw) : "m"(modes[m]), "m"(values[i]));
            /* C1 (rounded up) is a known gap of every x87 store: fpu-sse.md */
            printf("fbstp cw=%04x sw=%04x", modes[m], sw & ~0x0200);
            print_bytes("", out, 10);
        }
    }
    for (unsigned i = 0; i < 4; i++) {
        long double v;
        uint16_t sw;
        __asm__ volatile("fninit\n\tfbld %2\n\tfstpt %0\n\tfnstsw %1"
                         : "=m"(v), "=a"(sw) : "m"(bcds[i]));
        printf("fbld sw=%04x", sw);
        print_bytes("", &v, 10);
    }
#ifdef __x86_64__
    {
        uint8_t out[10];
        uint16_t sw;
        __asm__ volatile("fninit\n\tfbstp %0\n\tfnstsw %1" : "=m"(out), "=a"(sw));
        printf("fbstp empty sw=%04x", sw);
        print_bytes("", out, 10);
    }
#endif
}

/* fninit; push 2, 1 (so ST0 = 1, ST1 = 2); insn; FNSTENV's status and tags */
#define ALIAS(insn)                                                       \
    {                                                                     \
        uint16_t env[14];                                                 \
        long double st0 = 0;                                              \
        __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfaddp\n\tfld1\n\t"    \
                         ".byte " insn "\n\tfnstenv %0\n\tfldt %1\n\t"    \
                         "fninit"                                         \
                         : "=m"(env), "+m"(st0));                         \
        printf("%-12s sw=%04x tw=%04x\n", insn, env[2], env[4]);          \
    }

static void test_aliases(void)
{
    ALIAS("0xd9, 0xd9")     /* fstp1 */
    ALIAS("0xdf, 0xd1")     /* fstp8 */
    ALIAS("0xdf, 0xd9")     /* fstp9 */
    ALIAS("0xdd, 0xc9")     /* fxch4 */
    ALIAS("0xdf, 0xc9")     /* fxch7 */
    ALIAS("0xdc, 0xd1")     /* fcom2 */
    ALIAS("0xdc, 0xd9")     /* fcomp3 */
    ALIAS("0xde, 0xd1")     /* fcomp5 */
#ifdef __x86_64__
    ALIAS("0xdd, 0xcb")     /* fxch4 with an empty register */
    ALIAS("0xdf, 0xd3")     /* fstp8 into an empty register */
#endif
}

static void test_maskmovdqu(void)
{
    static const uint8_t src[16] = "0123456789abcdef";
    static const uint8_t masks[][16] = {
        { 0x80, 0, 0xff, 0x7f, 0x80, 0x80, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x81 },
        { 0 },
    };

    for (unsigned i = 0; i < 2; i++) {
        uint8_t buf[20];
        memset(buf, '.', sizeof(buf));
        __asm__ volatile("movdqu %0, %%xmm0\n\tmovdqu %1, %%xmm1\n\tmaskmovdqu %%xmm1, %%xmm0"
                         : : "m"(src), "m"(masks[i]), "D"(buf + 2)
                         : "xmm0", "xmm1", "memory");
        printf("maskmovdqu %.20s\n", (char *)buf);
    }
}

static void test_reciprocals(void)
{
#ifdef __x86_64__
    static const float in[][4] = {
        { 1.0f, 3.0f, -0.1f, 1e-39f }, { 0.0f, -0.0f, 1e38f, 7.7e-20f },
        { 2.0f, 65504.0f, 0.333f, 1.5e-38f },
    };

    for (unsigned i = 0; i < 3; i++) {
        uint32_t r[4], s[4], rs[4], ss[4];
        __asm__ volatile("movups %4, %%xmm0\n\trcpps %%xmm0, %%xmm1\n\tmovups %%xmm1, %0\n\t"
                         "rsqrtps %%xmm0, %%xmm1\n\tmovups %%xmm1, %1\n\t"
                         "movaps %%xmm0, %%xmm1\n\trcpss %4, %%xmm1\n\tmovups %%xmm1, %2\n\t"
                         "movaps %%xmm0, %%xmm1\n\trsqrtss %%xmm0, %%xmm1\n\tmovups %%xmm1, %3"
                         : "=m"(r), "=m"(s), "=m"(rs), "=m"(ss) : "m"(in[i])
                         : "xmm0", "xmm1");
        printf("rcpps %08x %08x %08x %08x rsqrtps %08x %08x %08x %08x\n",
               r[0], r[1], r[2], r[3], s[0], s[1], s[2], s[3]);
        printf("rcpss %08x %08x rsqrtss %08x %08x\n", rs[0], rs[1], ss[0], ss[1]);
    }
#endif
}

int main(void)
{
    test_bcd();
    test_aliases();
    test_maskmovdqu();
    test_reciprocals();
    return 0;
}
