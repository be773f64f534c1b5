/* check-tcg: word-size neutral */
/*
 * rep-cmps-ccop: repe cmpsb / repne scasb leave the flags of their last
 * compare, or, with rCX 0, those of the instruction before (here an add,
 * whose carry differs from a compare's for the same values).  Counts of 1
 * (one compare) and 0 (none) alternate, many times over, and CF and ZF are
 * read in the next block: a translation that chained both ways out to one
 * next block (keyed by one of the two lazy-flag states) read the other's
 * flags wrongly.
 */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
    static const char a[8] = "abcdefg", b[8] = "abcdefg";
    uint64_t sum = 0;

    for (int i = 0; i < 3000; i++) {
        unsigned long count = i % 3 == 0;
        unsigned long x = ~0ul, y = (i & 4) ? 1 : 0;
        const char *s = a, *d = b;
        unsigned char cf, zf;

        __asm__ volatile("add %[y], %[x]\n\t"
                         "repe cmpsb\n\t"
                         "setc %[cf]\n\t"
                         "setz %[zf]"
                         : [cf] "=q"(cf), [zf] "=q"(zf), "+S"(s), "+D"(d), "+c"(count),
                           [x] "+r"(x)
                         : [y] "r"(y) : "cc", "memory");
        sum = sum * 7 + cf * 2 + zf;
        count = i % 3 == 0;
        x = ~0ul;
        d = b;
        __asm__ volatile("add %[y], %[x]\n\t"
                         "repne scasb\n\t"
                         "setc %[cf]\n\t"
                         "setz %[zf]"
                         : [cf] "=q"(cf), [zf] "=q"(zf), "+D"(d), "+c"(count), [x] "+r"(x)
                         : [y] "r"(y), "a"('c') : "cc", "memory");
        sum = sum * 7 + cf * 2 + zf;
        if (i < 9) {
            printf("%d: cf %d zf %d\n", i, cf, zf);
        }
    }
    printf("sum %llx\n", (unsigned long long)sum);
    return 0;
}
