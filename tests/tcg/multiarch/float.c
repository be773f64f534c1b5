/*
 * float: floating point basics.  On x86_64 gcc uses SSE2 scalar ops; on
 * i386 it uses the x87 stack (80-bit registers, rounding on stores), so the
 * same source checks both units.  Add/sub/mul/div/sqrt, int<->double and
 * float<->double conversions with every rounding case, comparisons with
 * NaN, long double, and a few libm functions printed to 12 digits.
 */
#include <stdio.h>
#include <math.h>
#include <float.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>
#include <fenv.h>

static volatile double vals[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 1e10,
                                   -1e10, 1e-10, 123456789.987, 0.1, 1.0 / 3.0, 4e9, -3e9 };
#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

int main(void)
{
    for (unsigned i = 0; i < N(vals); i++) {
        double a = vals[i], b = vals[(i * 7 + 3) % N(vals)];
        printf("%-14.6g %-14.6g: + %.17g - %.17g * %.17g", a, b, a + b, a - b, a * b);
        if (b != 0)
            printf(" / %.17g", a / b);
        printf(" sqrt %.17g bits %016llx", sqrt(fabs(a)), (unsigned long long)bits(a * b));
        printf(" < %d == %d\n", a < b, a == b);
    }

    puts("conversions:");
    for (unsigned i = 0; i < N(vals); i++) {
        double d = vals[i];
        float f = (float)d;
        int in = (d > INT_MIN && d < INT_MAX) ? (int)d : 0;
        long long ll = (long long)d;
        unsigned u = d >= 0 && d < 4294967296.0 ? (unsigned)d : 0;
        printf("%.17g -> f %.9g (%08x) i %d ll %lld u %u rint %g floor %g ceil %g trunc %g round %g lrint %ld\n",
               d, f, fbits(f), in, ll, u, rint(d), floor(d), ceil(d), trunc(d),
               round(d), lrint(d));
    }
    for (int i = -5; i <= 5; i++) {
        long long big = (1LL << 53) + i;
        printf("%lld -> %.1f -> %lld | %u -> %.1f\n", big, (double)big, (long long)(double)big,
               0xffffffffu - (unsigned)(i + 5), (double)(0xffffffffu - (unsigned)(i + 5)));
    }

    puts("rounding modes:");
    static const int modes[] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };
    for (unsigned m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double x = 1.0, y = 3.0;
        printf("mode %u: %.17g %.17g %ld %ld\n", m, x / y, -x / y, lrint(2.5), lrint(-3.5));
    }
    fesetround(FE_TONEAREST);

    puts("special values:");
    volatile double zero = 0.0, inf = INFINITY, nan = NAN;
    printf("1/0 %g -1/0 %g 0/0 nan? %d inf-inf nan? %d\n", 1.0 / zero, -1.0 / zero, isnan(zero / zero),
           isnan(inf - inf));
    printf("nan compares: %d %d %d %d\n", nan < 1.0, nan > 1.0, nan == nan, nan != nan);
    printf("min subnormal %g, *0.5 = %g, max*2 = %g\n", DBL_MIN * DBL_EPSILON, DBL_MIN * DBL_EPSILON * 0.5,
           DBL_MAX * 2);
    printf("signbit(-0.0) %d copysign %g fmax %g fmin %g\n", signbit(-zero), copysign(3.0, -zero),
           fmax(nan, 2.0), fmin(-1.0, 2.0));

    puts("float:");
    volatile float fa = 16777216.0f, fb = 1.0f;
    printf("%.9g %.9g %.9g %.9g\n", fa + fb, fa - fb, fa * 1.5f, sqrtf(2.0f));

    puts("long double:");
    volatile long double la = 1.0L, lb = 3.0L;
    printf("%.21Lg %.21Lg %.21Lg\n", la / lb, sqrtl(2.0L), (long double)LLONG_MAX + 1.0L);
    printf("%d %d\n", (int)sizeof(long double), LDBL_MANT_DIG);

    puts("libm:");
    for (double x = -2.0; x <= 2.0; x += 0.75)
        printf("%g: exp %.12g log1p %.12g sin %.12g cos %.12g atan %.12g pow %.12g fmod %.12g\n", x, exp(x),
               x > -1 ? log1p(x) : 0.0, sin(x), cos(x), atan(x), pow(2.0, x), fmod(x, 0.7));

    double acc = 0;
    for (int i = 1; i <= 100000; i++)
        acc += 1.0 / ((double)i * i);
    printf("basel %.15f pi %.15f\n", acc, sqrt(acc * 6));
    return 0;
}
