/*
 * isa-bitcount.c: popcnt, lzcnt, tzcnt, bsf and bsr at every operand size,
 * register and memory source, over edge-case and random values, from both
 * flag states: the result (the destination starts as garbage, so partial
 * and zero-extending writes show) and the flags the SDM defines.  A zero
 * source leaves bsf/bsr's destination as it was, as Intel and AMD CPUs do.
 */
#include "isa-common.h"

typedef void CountFn(unsigned long src, int mem, unsigned long *dst);

#define COUNT_OP(fn, insn, mod) \
static void fn(unsigned long src, int mem, unsigned long *dst) \
{ \
    unsigned long d = GARBAGE; \
    if (mem) { \
        g_mem = src; \
        asm volatile(FLAGS_IN insn " %[s], %" mod "[d]" FLAGS_OUT \
                     : [d] "+r" (d), FO_OPERAND \
                     : [s] "m" (g_mem), FI_OPERAND : "cc"); \
    } else { \
        asm volatile(FLAGS_IN insn " %" mod "[s], %" mod "[d]" FLAGS_OUT \
                     : [d] "+r" (d), FO_OPERAND \
                     : [s] "r" (src), FI_OPERAND : "cc"); \
    } \
    *dst = d; \
}

#define COUNT_SIZES(name) \
    COUNT_OP(name##16, #name, "w") \
    COUNT_OP(name##32, #name, "k")
COUNT_SIZES(popcnt)
COUNT_SIZES(lzcnt)
COUNT_SIZES(tzcnt)
COUNT_SIZES(bsf)
COUNT_SIZES(bsr)
#ifdef __x86_64__
COUNT_OP(popcnt64, "popcnt", "q")
COUNT_OP(lzcnt64, "lzcnt", "q")
COUNT_OP(tzcnt64, "tzcnt", "q")
COUNT_OP(bsf64, "bsf", "q")
COUNT_OP(bsr64, "bsr", "q")
#endif

static const struct {
    const char *name;
    CountFn *fn;
    unsigned long defined_flags;
} tests[] = {
    { "popcntw", popcnt16, F_ALL }, { "popcntl", popcnt32, F_ALL },
    { "lzcntw", lzcnt16, F_CF | F_ZF }, { "lzcntl", lzcnt32, F_CF | F_ZF },
    { "tzcntw", tzcnt16, F_CF | F_ZF }, { "tzcntl", tzcnt32, F_CF | F_ZF },
    { "bsfw", bsf16, F_ZF }, { "bsfl", bsf32, F_ZF },
    { "bsrw", bsr16, F_ZF }, { "bsrl", bsr32, F_ZF },
#ifdef __x86_64__
    { "popcntq", popcnt64, F_ALL }, { "lzcntq", lzcnt64, F_CF | F_ZF },
    { "tzcntq", tzcnt64, F_CF | F_ZF }, { "bsfq", bsf64, F_ZF },
    { "bsrq", bsr64, F_ZF },
#endif
};

int main(void)
{
    for (unsigned t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        for (unsigned i = 0; i < N_VALUES(24); i++) {
            unsigned long src = word(test_value(i));

            printf("%-8s %0*lx:", tests[t].name, WORD_BITS / 4, src);
            for (int f = 0; f < 2; f++) {
                for (int mem = 0; mem < 2; mem++) {
                    unsigned long dst;

                    g_flags_in = flags_in[f];
                    tests[t].fn(src, mem, &dst);
                    printf(" %lx", dst);
                    print_flags(g_flags_out, tests[t].defined_flags);
                }
            }
            printf("\n");
        }
    }
    return 0;
}
