/*
 * simd-ssse3.c: the SSSE3 instructions (pshufb, phadd/phsub, pmaddubsw,
 * pmulhrsw, psign, pabs, palignr over every shift count that matters), xmm
 * and mm forms, register and memory operands, on the integer operand pool;
 * and the SSE3 integer moves (movsldup, movshdup, movddup, lddqu).  One hash
 * line per form (simd-common.h), compared with the host.
 */
#include "simd-common.h"

#define SSSE3_OPS(X) \
    X(pshufb) X(phaddw) X(phaddd) X(phaddsw) X(phsubw) X(phsubd) X(phsubsw) \
    X(pmaddubsw) X(pmulhrsw) X(psignb) X(psignw) X(psignd) \
    X(pabsb) X(pabsw) X(pabsd)

#define DEFINE_XMM(name) SIMD_OP(name, #name)
SSSE3_OPS(DEFINE_XMM)
#define DEFINE_MMX(name) MMX_OP(name##_mmx, #name)
SSSE3_OPS(DEFINE_MMX)
/* shift counts 0..31 and a few past the concatenation */
#define PALIGNR_IMMS(BODY, text) CASES_16(BODY, 0, text) CASES_16(BODY, 16, text) \
    CASE_1(BODY, 40, text) CASE_1(BODY, 64, text) CASE_1(BODY, 128, text) \
    CASE_1(BODY, 255, text)
SIMD_IMM_OP(palignr, "palignr", PALIGNR_IMMS)
MMX_IMM_OP(palignr_mmx, "palignr", PALIGNR_IMMS)
SIMD_OP(movsldup, "movsldup")
SIMD_OP(movshdup, "movshdup")
SIMD_OP(movddup, "movddup")

#define ROW(name) INSN(name),
#define ROW_MMX(name) INSN(name##_mmx),
static const SimdInsn xmm_ops[] = { SSSE3_OPS(ROW) INSN(movsldup), INSN(movshdup),
                                    INSN(movddup) };
static const SimdInsn mmx_ops[] = { SSSE3_OPS(ROW_MMX) };

/* lddqu from every misalignment of a buffer */
static void test_lddqu(void)
{
    static uint8_t buf[48] __attribute__((aligned(16)));
    V128 r;

    for (int i = 0; i < 48; i++) {
        buf[i] = i * 7 + 1;
    }
    for (int off = 0; off < 32; off++) {
        __asm__ volatile("lddqu %1, %%xmm3\n\tmovdqu %%xmm3, %0"
                         : "=m"(r) : "m"(*(const V128 *)(buf + off)) : "xmm3");
        printf("lddqu +%02d %016llx%016llx\n", off, (unsigned long long)r.q[1],
               (unsigned long long)r.q[0]);
    }
}

int main(void)
{
    static const SimdInsn palignr[] = { INSN(palignr) }, palignr_mmx[] = { INSN(palignr_mmx) };
    int n_imm = 36, *imms = imm_range(n_imm);

    init_int_pool();
    imms[32] = 40, imms[33] = 64, imms[34] = 128, imms[35] = 255;
    run_table(xmm_ops, sizeof(xmm_ops) / sizeof(xmm_ops[0]), int_pool, N_INT, NULL, 0);
    run_table(mmx_ops, sizeof(mmx_ops) / sizeof(mmx_ops[0]), int_pool, N_INT, NULL, 0);
    run_table(palignr, 1, int_pool, 12, imms, n_imm);
    run_table(palignr_mmx, 1, int_pool, 12, imms, n_imm);
    test_lddqu();
    return 0;
}
