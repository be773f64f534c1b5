/*
 * x87-special.c: the x87 instructions beyond the arithmetic: the constants
 * under each rounding mode, FPREM/FPREM1 (quotient bits, partial
 * reduction), FSCALE, FXTRACT, FBLD of non-decimal digits, and the
 * transcendentals (F2XM1, FYL2X, FYL2XP1, FPATAN, FSIN, FCOS, FSINCOS,
 * FPTAN) on special operands and over a sweep of ordinary ones.  Exact
 * instructions print all 80 bits and the status word; a transcendental's
 * finite result is printed rounded to 48 bits, as the x87's are only
 * within one unit in the last place of the true value (so are the
 * emulator's, docs/devel/fpu-sse.md), and C1 (rounded up) is left out.
 * With an argument N it runs N rounds of a transcendental loop once: the
 * benchmark of docs/devel/fpu-sse.md.
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct X80 {
    uint64_t sig;
    uint16_t se;
} X80;

static long double x80(uint16_t se, uint64_t sig)
{
    long double v = 0;

    memcpy(&v, &sig, 8);
    memcpy((char *)&v + 8, &se, 2);
    return v;
}

static X80 bits(long double v)
{
    X80 b;

    memcpy(&b.sig, &v, 8);
    memcpy(&b.se, (char *)&v + 8, 2);
    return b;
}

static void print_exact(const char *what, long double v, uint16_t sw)
{
    X80 b = bits(v);

    printf("%s = %04x:%016llx sw %04x\n", what, b.se,
           (unsigned long long)b.sig, sw & 0x477f);
}

/* NaNs, infinities, zeros and denormals exactly; other values to 48 bits */
static void print_approx(const char *what, long double v, uint16_t sw)
{
    X80 b = bits(v);
    int exp = b.se & 0x7fff;

    if (exp == 0 || exp == 0x7fff) {
        printf("%s = %04x:%016llx", what, b.se, (unsigned long long)b.sig);
    } else {
        /* to nearest; a carry out is the next binade's 1 */
        uint64_t rounded = (b.sig >> 16) + ((b.sig >> 15) & 1);
        int carry = rounded >> 48;

        printf("%s ~ %04x:%012llx", what, b.se + carry,
               (unsigned long long)(rounded >> carry));
    }
    printf(" sw %04x\n", sw & 0x047f);
}

static const uint16_t modes[] = { 0x037f, 0x077f, 0x0b7f, 0x0f7f };

static void test_constants(void)
{
    for (int m = 0; m < 4; m++) {
        long double v[7];
        uint16_t sw;
        char what[32];

#define CONST(i, insn)                                                    \
        __asm__ volatile("fninit\n\tfldcw %2\n\t" insn "\n\tfnstsw %1\n\t" \
                         "fstpt %0" : "=m"(v[i]), "=m"(sw) : "m"(modes[m])); \
        snprintf(what, sizeof(what), "%s cw %04x", insn, modes[m]);       \
        print_exact(what, v[i], sw);
        CONST(0, "fld1")
        CONST(1, "fldl2t")
        CONST(2, "fldl2e")
        CONST(3, "fldpi")
        CONST(4, "fldlg2")
        CONST(5, "fldln2")
        CONST(6, "fldz")
#undef CONST
    }
    /* single precision control does not apply to constants */
    {
        static const uint16_t single = 0x007f;
        long double v;
        uint16_t sw;

        __asm__ volatile("fninit\n\tfldcw %2\n\tfldpi\n\tfnstsw %1\n\t"
                         "fstpt %0" : "=m"(v), "=m"(sw) : "m"(single));
        print_exact("fldpi cw 007f", v, sw);
    }
}

/* operand pairs: st0, st1 */
static const struct {
    uint16_t se0;
    uint64_t sig0;
    uint16_t se1;
    uint64_t sig1;
} pair_bits[] = {
    { 0x4002, 0xa000000000000000ull, 0x4000, 0xc000000000000000ull },
    { 0x4002, 0xe000000000000000ull, 0x4000, 0x8000000000000000ull },
    { 0xc002, 0xe000000000000000ull, 0x4000, 0x8000000000000000ull },
    { 0x4002, 0xa000000000000000ull, 0xc000, 0x8000000000000000ull },
    { 0x4001, 0xa000000000000000ull, 0x4000, 0x8000000000000000ull },
    { 0x3fff, 0xc000000000000000ull, 0x4000, 0x8000000000000000ull },
    { 0x4100, 0xd1cf79abc9e3b398ull, 0x4000, 0xc90fdaa22168c235ull },
    { 0x4500, 0x8000000000000001ull, 0x3fff, 0xb504f333f9de6484ull },
    { 0x7ffe, 0xffffffffffffffffull, 0x0001, 0x8000000000000000ull },
    { 0x0000, 0x0000000000012345ull, 0x0000, 0x0000000000000007ull },
    { 0x3fff, 0x8000000000000000ull, 0x0000, 0x0000000000000000ull },
    { 0x7fff, 0x8000000000000000ull, 0x3fff, 0x8000000000000000ull },
    { 0x3fff, 0x8000000000000000ull, 0x7fff, 0x8000000000000000ull },
    { 0x0000, 0x0000000000000000ull, 0x3fff, 0x8000000000000000ull },
    { 0x7fff, 0xc000000000001234ull, 0x3fff, 0x8000000000000000ull },
    { 0x3fff, 0x8000000000000000ull, 0x7fff, 0xa000000000000000ull },
    { 0x3ffe, 0xffffffffffffffffull, 0x4000, 0x8000000000000000ull },
    { 0x4010, 0x8000000000000000ull, 0x400a, 0xa000000000000000ull },
    { 0x3fff, 0x8000000000000000ull, 0xc00a, 0xc000000000000000ull },
    { 0x3fff, 0x8000000000000000ull, 0x400f, 0xffff000000000000ull },
    { 0x0000, 0x0000000000000001ull, 0x3ffe, 0x8000000000000000ull },
    { 0x7fff, 0x8000000000000000ull, 0xffff, 0x8000000000000000ull },
    { 0x0000, 0x0000000000000000ull, 0x7fff, 0x8000000000000000ull },
    { 0x3ffd, 0xc000000000000000ull, 0xbffe, 0x9000000000000000ull },
    { 0x3fff, 0xb8aa3b295c17f0bcull, 0x4002, 0xa000000000000000ull },
};

#define N_PAIRS (sizeof(pair_bits) / sizeof(pair_bits[0]))

static long double st0_of(unsigned i)
{
    return x80(pair_bits[i].se0, pair_bits[i].sig0);
}

static long double st1_of(unsigned i)
{
    return x80(pair_bits[i].se1, pair_bits[i].sig1);
}

/* st0 = a, st1 = b under cw: insn, st0 and the status word after */
#define TWO_OPERANDS(name, insn, pops)                                    \
static long double name(long double a, long double b, uint16_t cw,        \
                        uint16_t *sw)                                     \
{                                                                         \
    long double r;                                                        \
    __asm__ volatile("fninit\n\tfldcw %4\n\tfldt %3\n\tfldt %2\n\t"       \
                     insn "\n\tfnstsw %1\n\tfstpt %0\n\t" pops            \
                     : "=m"(r), "=m"(*sw) : "m"(a), "m"(b), "m"(cw));     \
    return r;                                                             \
}
TWO_OPERANDS(do_fprem, "fprem", "fninit")
TWO_OPERANDS(do_fprem1, "fprem1", "fninit")
TWO_OPERANDS(do_fscale, "fscale", "fninit")
TWO_OPERANDS(do_fxtract_sig, "fxtract", "fninit")
TWO_OPERANDS(do_fxtract_exp, "fxtract\n\tfstp %%st(0)", "fninit")
TWO_OPERANDS(do_f2xm1, "f2xm1", "fninit")
TWO_OPERANDS(do_fyl2x, "fyl2x", "fninit")
TWO_OPERANDS(do_fyl2xp1, "fyl2xp1", "fninit")
TWO_OPERANDS(do_fpatan, "fpatan", "fninit")
TWO_OPERANDS(do_fsin, "fsin", "fninit")
TWO_OPERANDS(do_fcos, "fcos", "fninit")
TWO_OPERANDS(do_fsincos_cos, "fsincos", "fninit")
TWO_OPERANDS(do_fsincos_sin, "fsincos\n\tfstp %%st(0)", "fninit")
TWO_OPERANDS(do_fptan_one, "fptan", "fninit")
TWO_OPERANDS(do_fptan_tan, "fptan\n\tfstp %%st(0)", "fninit")

typedef long double (*TwoOperands)(long double, long double, uint16_t,
                                   uint16_t *);

static void test_exact(void)
{
    static const struct {
        const char *name;
        TwoOperands fn;
    } ops[] = {
        { "fprem", do_fprem }, { "fprem1", do_fprem1 },
        { "fscale", do_fscale }, { "fxtract sig", do_fxtract_sig },
        { "fxtract exp", do_fxtract_exp },
    };

    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < N_PAIRS; i++) {
            for (int m = 0; m < 4; m++) {
                uint16_t sw;
                long double r = ops[o].fn(st0_of(i), st1_of(i), modes[m], &sw);
                char what[48];

                snprintf(what, sizeof(what), "%s %u cw %04x", ops[o].name, i,
                         modes[m]);
                print_exact(what, r, sw);
            }
        }
    }
}

/* FPREM as programs use it: again while C2 says the reduction is partial */
static void test_fprem_loop(void)
{
    for (unsigned i = 0; i < N_PAIRS; i++) {
        long double a = st0_of(i), b = st1_of(i);
        uint16_t sw;
        int rounds = 0;
        char what[48];

        do {
            a = do_fprem(a, b, 0x37f, &sw);
            rounds++;
        } while ((sw & 0x0400) && rounds < 2000);
        snprintf(what, sizeof(what), "fprem loop %u after %d", i, rounds);
        print_exact(what, a, sw);
    }
}

static void test_fbld(void)
{
    static const uint8_t bcds[][10] = {
        { 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
        { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
        { 0x9a, 0xfb, 0x12, 0, 0, 0, 0, 0, 0xf0, 0x85 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 },
    };

    for (unsigned i = 0; i < sizeof(bcds) / sizeof(bcds[0]); i++) {
        long double v;
        uint16_t sw;
        char what[16];

        __asm__ volatile("fninit\n\tfbld %2\n\tfnstsw %1\n\tfstpt %0"
                         : "=m"(v), "=m"(sw) : "m"(bcds[i]));
        snprintf(what, sizeof(what), "fbld %u", i);
        print_exact(what, v, sw);
    }
}

static void test_transcendental_specials(void)
{
    static const struct {
        const char *name;
        TwoOperands fn;
    } ops[] = {
        { "f2xm1", do_f2xm1 }, { "fyl2x", do_fyl2x },
        { "fyl2xp1", do_fyl2xp1 }, { "fpatan", do_fpatan },
        { "fsin", do_fsin }, { "fcos", do_fcos },
        { "fsincos cos", do_fsincos_cos }, { "fsincos sin", do_fsincos_sin },
        { "fptan one", do_fptan_one }, { "fptan tan", do_fptan_tan },
    };

    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < N_PAIRS; i++) {
            uint16_t sw;
            long double r, a = st0_of(i), magnitude = a < 0 ? -a : a;
            char what[32];

            /* Intel defines f2xm1 for |st0| <= 1 and fyl2xp1 for |st0| <
               1 - sqrt(2)/2 only (or NaN, infinity: not less, not more) */
            if ((ops[o].fn == do_f2xm1 && magnitude > 1.0L) ||
                (ops[o].fn == do_fyl2xp1 && magnitude >= 0.29289L &&
                 magnitude == magnitude && magnitude < 1.0L / 0.0L)) {
                continue;
            }
            r = ops[o].fn(a, st1_of(i), 0x37f, &sw);

            snprintf(what, sizeof(what), "%s %u", ops[o].name, i);
            print_approx(what, r, sw);
        }
    }
}

/* a sweep over each instruction's ordinary domain, every rounding mode */
static void test_transcendental_sweep(void)
{
    for (int m = 0; m < 4; m++) {
        for (int i = -40; i <= 40; i++) {
            long double x = i / 40.0L, big = i * 1.0e17L + 0.5L;
            long double t = x * 0.29L, y = 3.0L - i / 17.0L, r;
            uint16_t sw;
            char what[48];

#define SWEEP(name, fn, a, b)                                             \
            snprintf(what, sizeof(what), name " %d cw %04x", i, modes[m]); \
            r = fn(a, b, modes[m], &sw);                                  \
            print_approx(what, r, sw);
            SWEEP("f2xm1", do_f2xm1, x, 0.0L)
            SWEEP("fyl2x", do_fyl2x, x * x * 1e4L + 1e-3L, y)
            SWEEP("fyl2xp1", do_fyl2xp1, t, y)
            SWEEP("fpatan", do_fpatan, x, y - 3.0L)
            SWEEP("fsin", do_fsin, x * 4, 0.0L)
            SWEEP("fcos", do_fcos, x * 100, 0.0L)
            SWEEP("fsin big", do_fsin, big, 0.0L)
            SWEEP("fsincos cos", do_fsincos_cos, y * 7, 0.0L)
            SWEEP("fsincos sin", do_fsincos_sin, y * 7, 0.0L)
            SWEEP("fptan", do_fptan_tan, x * 1.5L, 0.0L)
#undef SWEEP
        }
    }
}

/* fsin, fcos, fpatan, fyl2x, f2xm1 on a thousand arguments in turn (no
   recurrence, so that one ulp here or there stays one ulp): the
   benchmark */
static long double bench(long n)
{
    long double s = 0;

    for (long i = 0; i < n; i++) {
        long double x = 0.1L + (i % 1000) * 0.0007L, a, b, c, d, f;

        __asm__("fsin" : "=t"(a) : "0"(x));
        __asm__("fcos" : "=t"(b) : "0"(x));
        __asm__("fpatan" : "=t"(c) : "0"(b), "u"(a) : "st(1)");
        __asm__("fyl2x" : "=t"(d) : "0"(1.5L + b * b), "u"(c) : "st(1)");
        __asm__("f2xm1" : "=t"(f) : "0"(a * 0.5L));
        s += a + b + c + d + f;
    }
    return s;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        printf("%.10Lg\n", bench(atol(argv[1])));
        return 0;
    }
    test_constants();
    test_exact();
    test_fprem_loop();
    test_fbld();
    test_transcendental_specials();
    test_transcendental_sweep();
    return 0;
}
