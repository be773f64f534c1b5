/*
 * convert: text to numbers and back: sprintf/snprintf (truncation and the
 * returned length), sscanf with most conversions, strtol/strtoul/strtoll
 * in several bases with end pointers and errno, strtod on decimal, hex,
 * inf/nan and denormal input, and atoi/atol.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

int main(void)
{
    char buf[64];
    int r;

    r = sprintf(buf, "%d-%s-%.2f", 12, "ab", 3.14159);
    printf("sprintf %d [%s]\n", r, buf);
    for (int n = 0; n <= 12; n += 4) {
        memset(buf, '#', sizeof(buf));
        r = snprintf(buf, n, "%s %d", "hello", 123456);
        printf("snprintf n=%d ret=%d [%s] tail=%c\n", n, r, n ? buf : "", buf[n]);
    }

    int i1, i2, cnt;
    unsigned u;
    long l;
    long long ll;
    double d;
    float f;
    char word[16], rest[32], c;
    r = sscanf("  42 -17 0x1f 077 3.5e2 hello! z", "%d %i %x %lo %lf %15[a-z]%c %c", &i1, &i2, &u, &l, &d, word, &c, &c);
    printf("sscanf %d: %d %d %u %ld %g %s %c\n", r, i1, i2, u, l, d, word, c);
    r = sscanf("12abc 9999999999 -1.25", "%2d%s %lld %f%n", &i1, rest, &ll, &f, &cnt);
    printf("sscanf %d: %d %s %lld %g n=%d\n", r, i1, rest, ll, f, cnt);
    r = sscanf("nothing", "%d", &i1);
    printf("sscanf no match %d, eof %d\n", r, sscanf("", "%d", &i1));
    r = sscanf("key = value ; 5", "%15s = %15[^ ;] ; %d", word, rest, &i1);
    printf("sscanf %d: [%s] [%s] %d\n", r, word, rest, i1);

    static const char *nums[] = { "0", "123", "-123", "+77xyz", "  0x1A", "0755", "z", "2147483647",
                                  "2147483648", "-9223372036854775808", "9223372036854775808",
                                  "18446744073709551615", "1010", "" };
    static const int bases[] = { 10, 0, 16, 2, 36 };
    for (unsigned i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
        printf("[%s]", nums[i]);
        for (unsigned b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
            char *end;
            errno = 0;
            long long v = strtoll(nums[i], &end, bases[b]);
            int e1 = errno;
            errno = 0;
            unsigned long long uv = strtoull(nums[i], NULL, bases[b]);
            int e2 = errno;
            errno = 0;
            long lv = strtol(nums[i], NULL, bases[b]);
            int e3 = errno;
            printf(" b%d:%lld/%llu/%ld,+%d,e%d%d%d", bases[b], v, uv, lv, (int)(end - nums[i]),
                   e1 == ERANGE, e2 == ERANGE, e3 == ERANGE);
        }
        printf(" atoi %d atol %ld\n", atoi(nums[i]), atol(nums[i]));
    }

    static const char *dnums[] = { "3.14159", "-2.5e-3", "1e308", "1e309", "4.9e-324", "1e-400", "0x1.8p3",
                                   "inf", "-Infinity", "nan", "  .5", "5.", "1,5", "abc", "0.1" };
    for (unsigned i = 0; i < sizeof(dnums) / sizeof(dnums[0]); i++) {
        char *end;
        errno = 0;
        double v = strtod(dnums[i], &end);
        int e = errno;
        float fv = strtof(dnums[i], NULL);
        long double lv = strtold(dnums[i], NULL);
        printf("strtod [%s] %.17g %a used %d erange %d f %.9g ld %.21Lg\n", dnums[i], v, v,
               (int)(end - dnums[i]), e == ERANGE, fv, lv);
    }
    printf("atof %g\n", atof("  -12.75e1"));
    return 0;
}
