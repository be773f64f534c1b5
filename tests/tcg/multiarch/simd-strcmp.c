/*
 * simd-strcmp.c: the SSE4.2 string compares PCMPESTRI, PCMPESTRM,
 * PCMPISTRI and PCMPISTRM over every control byte (bits 0-6: element
 * format, aggregation, polarity, index/mask form), register and memory
 * operands (unaligned ones too), on strings with terminators at every
 * position, shared substrings and character ranges, with explicit lengths
 * in and out of range (negative ones are taken by absolute value; on
 * x86_64 also the REX.W forms with 64-bit lengths).  Prints a hash of ECX,
 * xmm0 and the flags per form; compared with the host.
 */
#include "simd-common.h"

SIMD_IMM_OP(pcmpistri, "pcmpistri", IMM_128)
SIMD_IMM_OP(pcmpistrm, "pcmpistrm", IMM_128)
SIMD_IMM_OP(pcmpestri, "pcmpestri", IMM_128)
SIMD_IMM_OP(pcmpestrm, "pcmpestrm", IMM_128)
#ifdef __x86_64__
/* the REX.W forms: lengths in RAX and RDX; xmm2, xmm1 */
#define REXW_BODY(text, n) SIMD_ASM(".byte " text ", 0xca, %c[imm]", n)
static void pcmpestri64_reg(int imm)
{
    switch (imm) {
    IMM_128(REXW_BODY, "0x66, 0x48, 0x0f, 0x3a, 0x61")
    }
}
static void pcmpestrm64_reg(int imm)
{
    switch (imm) {
    IMM_128(REXW_BODY, "0x66, 0x48, 0x0f, 0x3a, 0x60")
    }
}
#endif

#define N_STR 16
static V128 str_pool[N_STR];

static void init_strings(void)
{
    static const char *const text[] = {
        "", "a", "hello, world!!!!", "hello", "world", "az09AZ", "ll",
        "lo, w", "AAAAAAAAAAAAAAAA", "\x80\xff\x7f\x01", "o", "xyz\x80",
    };
    int n = 0;

    for (unsigned i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
        memset(&str_pool[n], 0, sizeof(V128));
        memcpy(&str_pool[n], text[i], strlen(text[i]));
        /* past the terminator: garbage that must not count */
        if (strlen(text[i]) < 14) {
            str_pool[n].b[strlen(text[i]) + 1] = 'l';
        }
        n++;
    }
    while (n < N_STR) {
        str_pool[n] = rnd_v128();
        str_pool[n].b[rnd() % 16] &= n & 1 ? 0xff : 0;
        n++;
    }
}

static const SimdInsn implicit[] = { INSN(pcmpistri), INSN(pcmpistrm) };
static const SimdInsn explicit[] = { INSN(pcmpestri), INSN(pcmpestrm) };

int main(void)
{
    static const long lengths[][2] = {
        { 16, 16 }, { 0, 5 }, { 3, 16 }, { 17, 8 }, { -5, -16 }, { 1, -100 },
        { (long)0x80000000ul, 7 }, { 9, 0x7fffffff },
    };
    init_strings();
    init_int_pool();
    run_table(implicit, 2, str_pool, N_STR, imm_range(128), 128);
    run_table(implicit, 2, int_pool, 8, imm_range(128), 128);
    for (unsigned k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
        g_rax = lengths[k][0];
        g_rdx = lengths[k][1];
        printf("lengths %ld %ld\n", lengths[k][0], lengths[k][1]);
        run_table(explicit, 2, str_pool, 10, imm_range(128), 128);
#ifdef __x86_64__
        g_rax |= (uint64_t)k << 32;     /* only REX.W reads the high half */
        run_pairs("pcmpestri64", "reg", pcmpestri64_reg, str_pool, 6, imm_range(128), 128);
        run_pairs("pcmpestrm64", "reg", pcmpestrm64_reg, str_pool, 6, imm_range(128), 128);
        run_pairs("pcmpestri", "reg", pcmpestri_reg, str_pool, 6, imm_range(128), 128);
#endif
    }
    return 0;
}
