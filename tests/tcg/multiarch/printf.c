/*
 * printf: every conversion with widths, precisions and flags.  The floating
 * conversions go through glibc's multi-precision printing (lots of 64-bit
 * multiply and divide), and long double through the x87 on both guests.
 */
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <float.h>
#include <math.h>

static volatile double dv[] = { 0.0, -0.0, 1.0, -1.5, 3.14159265358979, 1e-300, 6.02214076e23,
                                 123456.789, 0.1, 2.5, 1e100, 5e-324 };

int main(void)
{
    int n1 = 0, n2 = 0;

    printf("[%d] [%i] [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%8.3d]\n", 42, -42, 42, 42, 42, 42, 42, 7, -7);
    printf("[%d] [%d] [%u] [%u]\n", INT_MAX, INT_MIN, UINT_MAX, 0u);
    printf("[%o] [%#o] [%x] [%#x] [%X] [%#X] [%#08x] [%.0x]\n", 511, 511, 0xbeef, 0xbeef, 0xbeef, 0xbeef, 0xbeef, 0);
    printf("[%ld] [%lu] [%lx] [%lld] [%llu] [%llx]\n", -123456789L, 123456789UL, 0xabcdefUL,
           LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
    printf("[%hhd] [%hhu] [%hd] [%hu] [%hhx]\n", (signed char)-100, (unsigned char)200, (short)-30000,
           (unsigned short)60000, (unsigned char)0xab);
    printf("[%zu] [%zd] [%td] [%jd] [%ju]\n", (size_t)12345, (ptrdiff_t)-5, (ptrdiff_t)77,
           (intmax_t)-99, (uintmax_t)99);
    printf("[%c] [%3c] [%-3c] [%s] [%10s] [%-10s] [%.3s] [%*s] [%-*.*s]\n", 'x', 'y', 'z', "str",
           "right", "left", "truncate", 6, "star", 8, 2, "precision");
    printf("[%p] [%p] [%%] [100%%]\n", (void *)0x1234, (void *)0);

    for (unsigned i = 0; i < sizeof(dv) / sizeof(dv[0]); i++) {
        double d = dv[i];
        printf("%g: [%f] [%.2f] [%10.3f] [%-10.1f] [%+.0f] [%e] [%.3E] [%g] [%G] [%.10g] [%#g] [%a] [%A] [%.3a]\n",
               d, d, d, d, d, d, d, d, d, d, d, d, d, d, d);
    }
    printf("[%f] [%f] [%F] [%e] [%g] [%5.1f]\n", HUGE_VAL, -HUGE_VAL, HUGE_VAL, NAN, -NAN, INFINITY);
    printf("[%.20f] [%.17g] [%.0e] [%#.0f] [%08.2f] [% .3f]\n", 0.1, 1.0 / 3.0, 12345.0, 3.0, -3.14159, 2.0);
    printf("[%g] [%g] [%g] [%g]\n", DBL_MAX, DBL_MIN, DBL_EPSILON, 1e-5);
    printf("[%Lf] [%.15Le] [%Lg] [%La]\n", 1.0L / 3.0L, 2.0L / 7.0L, LDBL_MAX, 1.5L);
    printf("[%.30Lf]\n", 0.1L);

    printf("abc%ndef%n\n", &n1, &n2);
    printf("n: %d %d\n", n1, n2);
    int len = printf("%s=%d;", "len", 1234);
    printf(" printed %d\n", len);
    printf("[%2$s %1$s] [%3$d]\n", "world", "hello", 3);
    fprintf(stdout, "fprintf %s\n", "ok");
    fputs("fputs ok\n", stdout);
    putchar('!');
    putchar('\n');
    return 0;
}
