/*
 * isa-adx-movbe-crc.c: adcx and adox (one carry each, every other flag
 * kept), alone from every CF/OF state and interleaved in a multi-word
 * addition as they are meant to be used; movbe loads and stores at 16, 32
 * and 64 bits (the destination starts as garbage); crc32 with byte, word,
 * dword and qword sources, register and memory, chained.  Results and all
 * flags, compared with the host.
 */
#include "isa-common.h"

/* The carry-in states: neither, CF, OF, both, and all flags. */
static const unsigned long carry_states[] = {
    0, F_CF, F_OF, F_CF | F_OF, F_ALL, F_ALL & ~F_CF, F_ALL & ~F_OF,
};
#define N_CARRY (sizeof(carry_states) / sizeof(carry_states[0]))

/* fn(e, x, mem): x op= e (register or g_mem), the result returned. */
typedef unsigned long AdxFn(unsigned long e, unsigned long x, int mem);

#define ADX_OP(fn, insn, mod) \
static unsigned long fn(unsigned long e, unsigned long x, int mem) \
{ \
    if (mem) { \
        g_mem = e; \
        asm volatile(FLAGS_IN insn " %[e], %" mod "[x]" FLAGS_OUT \
                     : [x] "+r" (x), FO_OPERAND : [e] "m" (g_mem), FI_OPERAND \
                     : "cc"); \
    } else { \
        asm volatile(FLAGS_IN insn " %" mod "[e], %" mod "[x]" FLAGS_OUT \
                     : [x] "+r" (x), FO_OPERAND : [e] "r" (e), FI_OPERAND \
                     : "cc"); \
    } \
    return x; \
}
ADX_OP(adcx32, "adcx", "k")
ADX_OP(adox32, "adox", "k")
#ifdef __x86_64__
ADX_OP(adcx64, "adcx", "q")
ADX_OP(adox64, "adox", "q")
#endif

static const struct {
    const char *name;
    AdxFn *fn;
} adx_tests[] = {
    { "adcxl", adcx32 }, { "adoxl", adox32 },
#ifdef __x86_64__
    { "adcxq", adcx64 }, { "adoxq", adox64 },
#endif
};

static void test_adx(void)
{
    for (unsigned t = 0; t < sizeof(adx_tests) / sizeof(adx_tests[0]); t++) {
        for (unsigned i = 0; i < N_VALUES(6); i++) {
            for (unsigned j = 0; j < N_VALUES(2); j += 3) {
                unsigned long e = word(test_value(i)), x = word(edge_values[j % N_EDGE]);

                printf("%s %lx %lx:", adx_tests[t].name, e, x);
                for (unsigned c = 0; c < N_CARRY; c++) {
                    g_flags_in = carry_states[c];
                    printf(" %lx", adx_tests[t].fn(e, x, c & 1));
                    print_flags(g_flags_out, F_ALL);
                }
                printf("\n");
            }
        }
    }
}

#ifdef __x86_64__
#define RA "%%rax"
#define RD "%%rdx"
#else
#define RA "%%eax"
#define RD "%%edx"
#endif
#define CHAIN_WORD(k) \
    "mov %[a" #k "], " RA "\n\t" "mov %[a" #k "], " RD "\n\t" \
    "adcx %[b" #k "], " RA "\n\t" "adox %[c" #k "], " RD "\n\t" \
    "mov " RA ", %[b" #k "]\n\t" "mov " RD ", %[c" #k "]\n\t"

/* Two sums of four-word numbers at once: a + b through CF (adcx) and
   a + c through OF (adox), the instructions interleaved.  The words are
   globals: the asm runs below the stack pointer. */
static unsigned long a[4], b[4], c[4];

static void test_adx_chain(void)
{
    for (int n = 0; n < 24; n++) {
        for (int k = 0; k < 4; k++) {
            a[k] = word(n % 3 ? next_random() : ~0ull);
            b[k] = word(n % 4 ? next_random() : 1);
            c[k] = word(n % 5 ? next_random() : ~next_random() & 3);
        }
        g_flags_in = 0;
        asm volatile(FLAGS_IN CHAIN_WORD(0) CHAIN_WORD(1) CHAIN_WORD(2)
                     CHAIN_WORD(3)
                     FLAGS_OUT
                     : [b0] "+m" (b[0]), [b1] "+m" (b[1]), [b2] "+m" (b[2]),
                       [b3] "+m" (b[3]), [c0] "+m" (c[0]), [c1] "+m" (c[1]),
                       [c2] "+m" (c[2]), [c3] "+m" (c[3]), FO_OPERAND
                     : [a0] "m" (a[0]), [a1] "m" (a[1]), [a2] "m" (a[2]),
                       [a3] "m" (a[3]), FI_OPERAND
                     : "eax", "edx", "cc", "memory");
        printf("chain %d: %lx %lx %lx %lx / %lx %lx %lx %lx", n,
               b[3], b[2], b[1], b[0], c[3], c[2], c[1], c[0]);
        print_flags(g_flags_out, F_ALL);
        printf("\n");
    }
}

static void test_movbe(void)
{
    for (unsigned i = 0; i < N_VALUES(8); i++) {
        unsigned long v = word(test_value(i));
        unsigned long r16 = GARBAGE, r32 = GARBAGE, r64 = GARBAGE;
        unsigned long m16, m32, m64 = 0;

        g_mem = v;
        g_flags_in = i & 1 ? F_ALL : 0;
        asm volatile(FLAGS_IN "movbe %[m], %w[r16]\n\t"
                     "movbe %[m], %k[r32]" FLAGS_OUT
                     : [r16] "+r" (r16), [r32] "+r" (r32), FO_OPERAND
                     : [m] "m" (g_mem), FI_OPERAND : "cc");
#ifdef __x86_64__
        asm volatile("movbe %[m], %q[r64]" : [r64] "+r" (r64) : [m] "m" (g_mem));
#endif
        printf("movbe load %lx: %lx %lx %lx", v, r16, r32, r64);
        print_flags(g_flags_out, F_ALL);
        g_mem = GARBAGE;
        asm volatile("movbe %w[v], %[m]" : [m] "+m" (g_mem) : [v] "r" (v));
        m16 = g_mem;
        g_mem = GARBAGE;
        asm volatile("movbe %k[v], %[m]" : [m] "+m" (g_mem) : [v] "r" (v));
        m32 = g_mem;
#ifdef __x86_64__
        asm volatile("movbe %q[v], %[m]" : [m] "=m" (g_mem) : [v] "r" (v));
        m64 = g_mem;
#endif
        printf(" store %lx %lx %lx\n", m16, m32, m64);
    }
}

/* crc32 with a source of each size from register and memory, each
   continuing the previous CRC, starting from 0 and from all-ones. */
static void test_crc32(void)
{
    for (int start = 0; start < 2; start++) {
        unsigned long crc = start ? word(~0ull) : 0;

        for (unsigned i = 0; i < N_VALUES(20); i++) {
            unsigned long v = word(test_value(i));

            g_mem = ~v;
            g_flags_in = i & 1 ? F_ALL : 0;
            asm volatile(FLAGS_IN "crc32b %b[v], %k[c]\n\t"
                         "crc32w %w[v], %k[c]\n\t"
                         "crc32l %k[v], %k[c]\n\t"
                         "crc32b %[m], %k[c]\n\t"
                         "crc32w %[m], %k[c]\n\t"
                         "crc32l %[m], %k[c]" FLAGS_OUT
                         : [c] "+r" (crc), FO_OPERAND
                         : [v] "r" (v), [m] "m" (g_mem), FI_OPERAND : "cc");
            printf("crc32 %lx: %lx", v, crc);
#ifdef __x86_64__
            /* The 64-bit destination: the high half of the old value is
               ignored and the result zero-extended. */
            crc |= GARBAGE << 32;
            asm volatile("crc32q %q[v], %q[c]\n\t" "crc32q %[m], %q[c]"
                         : [c] "+r" (crc) : [v] "r" (v), [m] "m" (g_mem));
            printf(" %lx", crc);
#endif
            print_flags(g_flags_out, F_ALL);
            printf("\n");
        }
    }
}

int main(void)
{
    test_adx();
    test_adx_chain();
    test_movbe();
    test_crc32();
    return 0;
}
