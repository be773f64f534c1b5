/*
 * isa-cmpxchg.c: cmpxchg at 8, 16, 32 and 64 bits with a register
 * destination, the accumulator as destination, and a memory destination
 * (plain and locked), on a match and a mismatch: the accumulator, the
 * destination and all flags after it.  Registers start with garbage in
 * the bits outside the operand, so which register is written (and
 * zero-extended, for 32 bits in 64-bit mode) shows.
 */
#include "isa-common.h"

static unsigned long g_acc, g_dst, g_src;

/* One form: g_acc, g_dst (register or g_mem) and g_src in, out again. */
#define CMPXCHG_REG(fn, mod) \
static void fn(void) \
{ \
    unsigned long acc = g_acc, dst = g_dst; \
    asm volatile(FLAGS_IN "cmpxchg %" mod "[s], %" mod "[d]" FLAGS_OUT \
                 : "+a" (acc), [d] "+q" (dst), FO_OPERAND \
                 : [s] "q" (g_src), FI_OPERAND : "cc"); \
    g_acc = acc; \
    g_dst = dst; \
}
/* cmpxchg src, accumulator: always a match. */
#define CMPXCHG_ACC(fn, mod) \
static void fn(void) \
{ \
    unsigned long acc = g_acc; \
    asm volatile(FLAGS_IN "cmpxchg %" mod "[s], %" mod "[a]" FLAGS_OUT \
                 : [a] "+a" (acc), FO_OPERAND \
                 : [s] "q" (g_src), FI_OPERAND : "cc"); \
    g_acc = acc; \
    g_dst = 0; \
}
#define CMPXCHG_MEM(fn, lock, mod) \
static void fn(void) \
{ \
    unsigned long acc = g_acc; \
    g_mem = g_dst; \
    asm volatile(FLAGS_IN lock "cmpxchg %" mod "[s], %[m]" FLAGS_OUT \
                 : "+a" (acc), [m] "+m" (g_mem), FO_OPERAND \
                 : [s] "q" (g_src), FI_OPERAND : "cc"); \
    g_acc = acc; \
    g_dst = g_mem; \
}
#define CMPXCHG_SIZE(sz, mod) \
    CMPXCHG_REG(reg##sz, mod) \
    CMPXCHG_ACC(acc##sz, mod) \
    CMPXCHG_MEM(mem##sz, "", mod) \
    CMPXCHG_MEM(lock##sz, "lock ", mod)
CMPXCHG_SIZE(8, "b")
CMPXCHG_SIZE(16, "w")
CMPXCHG_SIZE(32, "k")
#ifdef __x86_64__
CMPXCHG_SIZE(64, "q")
#endif

#define FORMS(sz) \
    { "reg" #sz, reg##sz, sz }, { "acc" #sz, acc##sz, sz }, \
    { "mem" #sz, mem##sz, sz }, { "lock" #sz, lock##sz, sz }

static const struct {
    const char *name;
    void (*fn)(void);
    int bits;
} forms[] = {
    FORMS(8), FORMS(16), FORMS(32),
#ifdef __x86_64__
    FORMS(64),
#endif
};

/* The low bits of v replaced by those of low, at the operand size. */
static unsigned long with_low(unsigned long v, uint64_t low, int bits)
{
    unsigned long mask = bits == WORD_BITS ? ~0ul : (1ul << bits) - 1;

    return (v & ~mask) | (word(low) & mask);
}

int main(void)
{
    for (unsigned f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
        for (unsigned i = 0; i < N_VALUES(8); i++) {
            for (int match = 0; match < 2; match++) {
                uint64_t v = test_value(i);
                uint64_t other = match ? v : v ^ next_random();
                int bits = forms[f].bits;

                g_acc = with_low(0x1111111111111111ull, v, bits);
                g_dst = with_low(GARBAGE, other, bits);
                g_src = with_low(0x2222222222222222ull, next_random(), bits);
                g_flags_in = flags_in[i & 1];
                printf("%-6s a=%lx d=%lx s=%lx ->", forms[f].name, g_acc,
                       g_dst, g_src);
                forms[f].fn();
                printf(" a=%lx d=%lx", g_acc, g_dst);
                print_flags(g_flags_out, F_ALL);
                printf("\n");
            }
        }
    }
    return 0;
}
