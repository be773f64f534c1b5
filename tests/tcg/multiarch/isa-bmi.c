/*
 * isa-bmi.c: the BMI1 (andn, bextr, blsi, blsmsk, blsr) and BMI2 (bzhi,
 * mulx, pdep, pext, rorx, sarx, shlx, shrx) instructions at 32 and 64 bits,
 * register and memory forms, over pairs of edge-case and random operands
 * and the control values that matter (start/length/index/count 0, 31, 32,
 * 63, 64 and past), from both flag states: results (destinations start as
 * garbage) and the flags the SDM defines.  The BMI2 ones must leave every
 * flag alone.
 */
#include "isa-common.h"

/* e: the operand ModRM.rm names (register, or g_mem); x: the other source.
   Returns how many results it left in dst[]. */
typedef int BmiFn(unsigned long e, unsigned long x, int mem, unsigned long *dst);

/* tmpl names the operands [e], [x] and the destination [d]. */
#define BMI_OP(fn, tmpl) \
static int fn(unsigned long e, unsigned long x, int mem, unsigned long *dst) \
{ \
    unsigned long d = GARBAGE; \
    if (mem) { \
        g_mem = e; \
        asm volatile(FLAGS_IN tmpl FLAGS_OUT : [d] "+r" (d), FO_OPERAND \
                     : [e] "m" (g_mem), [x] "r" (x), FI_OPERAND : "cc"); \
    } else { \
        asm volatile(FLAGS_IN tmpl FLAGS_OUT : [d] "+r" (d), FO_OPERAND \
                     : [e] "r" (e), [x] "r" (x), FI_OPERAND : "cc"); \
    } \
    dst[0] = d; \
    return 1; \
}

/* mulx: rDX * e, high half to [d], low half to [x]. */
#define MULX_OP(fn, mod) \
static int fn(unsigned long e, unsigned long x, int mem, unsigned long *dst) \
{ \
    unsigned long hi = GARBAGE, lo = ~GARBAGE; \
    if (mem) { \
        g_mem = e; \
        asm volatile(FLAGS_IN "mulx %[e], %" mod "[lo], %" mod "[hi]" FLAGS_OUT \
                     : [hi] "+r" (hi), [lo] "+r" (lo), FO_OPERAND \
                     : [e] "m" (g_mem), "d" (x), FI_OPERAND : "cc"); \
    } else { \
        asm volatile(FLAGS_IN "mulx %" mod "[e], %" mod "[lo], %" mod "[hi]" FLAGS_OUT \
                     : [hi] "+r" (hi), [lo] "+r" (lo), FO_OPERAND \
                     : [e] "r" (e), "d" (x), FI_OPERAND : "cc"); \
    } \
    dst[0] = hi; \
    dst[1] = lo; \
    return 2; \
}

/* AT&T operand orders: "E first" (andn, pdep, pext: insn E, X, D),
   "E middle" (bextr, bzhi, shifts: insn X, E, D), one source (bls*),
   immediate (rorx). */
#define E_FIRST(insn, m) insn " %" m "[e], %" m "[x], %" m "[d]"
#define E_MIDDLE(insn, m) insn " %" m "[x], %" m "[e], %" m "[d]"
#define E_ONLY(insn, m) insn " %" m "[e], %" m "[d]"
#define E_IMM(insn, imm, m) insn " $" #imm ", %" m "[e], %" m "[d]"

#define BMI_SIZE(sz, m) \
    BMI_OP(andn##sz, E_FIRST("andn", m)) \
    BMI_OP(bextr##sz, E_MIDDLE("bextr", m)) \
    BMI_OP(blsi##sz, E_ONLY("blsi", m)) \
    BMI_OP(blsmsk##sz, E_ONLY("blsmsk", m)) \
    BMI_OP(blsr##sz, E_ONLY("blsr", m)) \
    BMI_OP(bzhi##sz, E_MIDDLE("bzhi", m)) \
    BMI_OP(pdep##sz, E_FIRST("pdep", m)) \
    BMI_OP(pext##sz, E_FIRST("pext", m)) \
    BMI_OP(sarx##sz, E_MIDDLE("sarx", m)) \
    BMI_OP(shlx##sz, E_MIDDLE("shlx", m)) \
    BMI_OP(shrx##sz, E_MIDDLE("shrx", m)) \
    BMI_OP(rorx0_##sz, E_IMM("rorx", 0, m)) \
    BMI_OP(rorx13_##sz, E_IMM("rorx", 13, m)) \
    BMI_OP(rorx31_##sz, E_IMM("rorx", 31, m)) \
    BMI_OP(rorx33_##sz, E_IMM("rorx", 33, m)) \
    BMI_OP(rorx255_##sz, E_IMM("rorx", 255, m)) \
    MULX_OP(mulx##sz, m)

BMI_SIZE(32, "k")
#ifdef __x86_64__
BMI_SIZE(64, "q")
#endif

#define LOGIC_FLAGS (F_CF | F_ZF | F_SF | F_OF)
/* qemu-i386 7.2, the reference for i386 where this kernel cannot run
   32-bit code, has blsi's CF inverted; the x86_64 run checks the same
   32-bit operation natively. */
#ifdef __x86_64__
#define BLSI_FLAGS LOGIC_FLAGS
#else
#define BLSI_FLAGS (LOGIC_FLAGS & ~F_CF)
#endif
#define NO_FLAGS F_ALL      /* flags unchanged: all must come out as they went in */

#define BMI_TESTS(sz) \
    { "andn" #sz, andn##sz, LOGIC_FLAGS }, \
    { "bextr" #sz, bextr##sz, F_CF | F_ZF | F_OF }, \
    { "blsi" #sz, blsi##sz, BLSI_FLAGS }, \
    { "blsmsk" #sz, blsmsk##sz, LOGIC_FLAGS }, \
    { "blsr" #sz, blsr##sz, LOGIC_FLAGS }, \
    { "bzhi" #sz, bzhi##sz, LOGIC_FLAGS }, \
    { "pdep" #sz, pdep##sz, NO_FLAGS }, \
    { "pext" #sz, pext##sz, NO_FLAGS }, \
    { "sarx" #sz, sarx##sz, NO_FLAGS }, \
    { "shlx" #sz, shlx##sz, NO_FLAGS }, \
    { "shrx" #sz, shrx##sz, NO_FLAGS }, \
    { "rorx0_" #sz, rorx0_##sz, NO_FLAGS }, \
    { "rorx13_" #sz, rorx13_##sz, NO_FLAGS }, \
    { "rorx31_" #sz, rorx31_##sz, NO_FLAGS }, \
    { "rorx33_" #sz, rorx33_##sz, NO_FLAGS }, \
    { "rorx255_" #sz, rorx255_##sz, NO_FLAGS }, \
    { "mulx" #sz, mulx##sz, NO_FLAGS }

static const struct {
    const char *name;
    BmiFn *fn;
    unsigned long defined_flags;
} tests[] = {
    BMI_TESTS(32),
#ifdef __x86_64__
    BMI_TESTS(64),
#endif
};

/* Second operands: counts, indexes and start/length pairs around the
   operand sizes, then masks and random values. */
static const uint64_t second_operands[] = {
    0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256 + 5,
    0x0800, 0x1008, 0x2010, 0x2000, 0x1f01, 0x201f, 0x4000, 0x3f01, 0x0140,
    0xff00, 0xffff, 0x8000000000001020ull, 0xffffffffffffffffull,
    0x00ff00ff00ff00ffull, 0xf0f0f0f0f0f0f0f0ull, 0x8000000000000001ull,
};
#define N_SECOND (sizeof(second_operands) / sizeof(second_operands[0]))

int main(void)
{
    uint64_t values[N_VALUES(10)];

    for (unsigned i = 0; i < N_VALUES(10); i++) {
        values[i] = test_value(i);
    }
    for (unsigned t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        for (unsigned i = 0; i < N_VALUES(10); i++) {
            for (unsigned j = 0; j < N_SECOND + 2; j++) {
                unsigned long e = word(values[i]);
                unsigned long x = word(j < N_SECOND ? second_operands[j]
                                                    : next_random());

                printf("%s %lx %lx:", tests[t].name, e, x);
                for (int f = 0; f < 2; f++) {
                    for (int mem = 0; mem < 2; mem++) {
                        unsigned long d[2];
                        int n;

                        g_flags_in = flags_in[f];
                        n = tests[t].fn(e, x, mem, d);
                        printf(" %lx", d[0]);
                        if (n > 1) {
                            printf(",%lx", d[1]);
                        }
                        print_flags(g_flags_out, tests[t].defined_flags);
                    }
                }
                printf("\n");
            }
        }
    }
    return 0;
}
