/*
 * rotate-carry: rcl and rcr of every operand size by every count from 0 to
 * width + 2, with CF clear and set, on a few bit patterns.  Prints the
 * result and CF (and OF for a count of 1, the only count that defines it).
 */
#include <stdio.h>
#include <stdint.h>

#define ROT(insn, suffix, type, reg)                                        \
static void insn##suffix(type v, unsigned count, int cf_in)                \
{                                                                           \
    type r = v;                                                             \
    unsigned char cf, of;                                                   \
    __asm__ volatile("bt $0, %k[cfin]\n\t"                                  \
                     #insn #suffix " %%cl, %" reg "[r]\n\t"                 \
                     "setc %[cf]\n\t"                                       \
                     "seto %[of]"                                           \
                     : [r] "+r"(r), [cf] "=q"(cf), [of] "=q"(of)            \
                     : "c"(count), [cfin] "r"(cf_in) : "cc");               \
    printf(#insn #suffix " %#llx,%u,cf=%d -> %#llx cf=%d", (unsigned long long)v, \
           count, cf_in, (unsigned long long)r, cf);                        \
    if ((count & (sizeof(type) == 8 ? 63 : 31)) == 1) {                     \
        printf(" of=%d", of);                                               \
    }                                                                       \
    putchar('\n');                                                          \
}
ROT(rcl, b, uint8_t, "b")
ROT(rcr, b, uint8_t, "b")
ROT(rcl, w, uint16_t, "w")
ROT(rcr, w, uint16_t, "w")
ROT(rcl, l, uint32_t, "k")
ROT(rcr, l, uint32_t, "k")
#ifdef __x86_64__
ROT(rcl, q, uint64_t, "q")
ROT(rcr, q, uint64_t, "q")
#endif

static const uint64_t patterns[] = {
    0, 1, 0x80, 0xa5c3, 0x80000001u, 0xdeadbeefcafef00dull, ~0ull,
};

int main(void)
{
    for (unsigned p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
        for (int cf = 0; cf < 2; cf++) {
            for (unsigned c = 0; c <= 66; c++) {
                if (c <= 10) {
                    rclb(patterns[p], c, cf);
                    rcrb(patterns[p], c, cf);
                }
                if (c <= 18) {
                    rclw(patterns[p], c, cf);
                    rcrw(patterns[p], c, cf);
                }
                if (c <= 34) {
                    rcll(patterns[p], c, cf);
                    rcrl(patterns[p], c, cf);
                }
#ifdef __x86_64__
                rclq(patterns[p], c, cf);
                rcrq(patterns[p], c, cf);
#endif
            }
        }
    }
    return 0;
}
