/*
 * simd-sse41.c: the SSE4.1 integer instructions and SSE4.2's pcmpgtq:
 * min/max, multiplies, packusdw, pcmpeqq/pcmpgtq, pmovsx/pmovzx (memory
 * forms read 2, 4 or 8 bytes), phminposuw, ptest (flags), the blends (by
 * every immediate, and by xmm0 for blendv), mpsadbw, insertps (every
 * immediate), pextr, pinsr and extractps on every lane with general registers
 * and memory, movntdqa.  One hash line per form (simd-common.h), compared
 * with the host.
 */
#include "simd-common.h"

#define SSE41_OPS(X) \
    X(pcmpeqq) X(pcmpgtq) X(pminsb) X(pmaxsb) X(pminuw) X(pmaxuw) \
    X(pminsd) X(pmaxsd) X(pminud) X(pmaxud) X(pmulld) X(pmuldq) X(packusdw) \
    X(pmovsxbw) X(pmovsxbd) X(pmovsxbq) X(pmovsxwd) X(pmovsxwq) X(pmovsxdq) \
    X(pmovzxbw) X(pmovzxbd) X(pmovzxbq) X(pmovzxwd) X(pmovzxwq) X(pmovzxdq) \
    X(phminposuw) X(ptest) X(pblendvb) X(blendvps) X(blendvpd)

#define DEFINE_XMM(name) SIMD_OP(name, #name)
SSE41_OPS(DEFINE_XMM)
/* movntdqa has only a memory form */
static void movntdqa_mem(int imm)
{
    SIMD_ASM("movntdqa %[mem], %%xmm1", 0);
}
SIMD_IMM_OP(blendps, "blendps", IMM_16)
SIMD_IMM_OP(blendpd, "blendpd", IMM_4)
SIMD_IMM_OP(pblendw, "pblendw", IMM_256)
SIMD_IMM_OP(mpsadbw, "mpsadbw", IMM_16)
SIMD_IMM_OP(insertps, "insertps", IMM_256)

#define ROW(name) INSN(name),
static const SimdInsn ops[] = { SSE41_OPS(ROW) };
static const SimdInsn blend16[] = { INSN(blendps), INSN(mpsadbw) };
static const SimdInsn blend4[] = { INSN(blendpd) };
static const SimdInsn imm256[] = { INSN(pblendw), INSN(insertps) };

static void test_movntdqa(void)
{
    hash_state = 0xcbf29ce484222325ull;
    for (int i = 0; i < N_INT; i++) {
        g_d = int_pool[(i + 1) % N_INT];
        g_mem128 = int_pool[i];
        movntdqa_mem(0);
        hash_out("movntdqa", &g_d, &g_mem128, 0, &g_out);
    }
    printf("movntdqa %016llx\n", (unsigned long long)hash_state);
}

/* pextrb/w/d (and q), extractps to a register and to memory; every lane */
#define PEXTR(insn, lane, reg)                                            \
    {                                                                     \
        unsigned long r = 0x5a5a5a5a;                                     \
        uint64_t m = 0x5a5a5a5a5a5a5a5aull;                               \
        __asm__ volatile("movdqu %2, %%xmm3\n\t" insn " %3, %%xmm3, " reg "\n\t" \
                         insn " %3, %%xmm3, %1"                           \
                         : "+r"(r), "+m"(m) : "m"(v), "i"(lane) : "xmm3"); \
        printf("%s %2d %016lx %016llx\n", insn, lane, r, (unsigned long long)m); \
    }
/* pinsrb/d (and q) from a register and from memory; every lane */
#define PINSR(insn, lane, reg)                                            \
    {                                                                     \
        V128 r1, r2;                                                      \
        __asm__ volatile("movdqu %3, %%xmm3\n\tmovdqu %3, %%xmm4\n\t"     \
                         insn " %5, %4, %%xmm3\n\t" insn " %5, %2, %%xmm4\n\t" \
                         "movdqu %%xmm3, %0\n\tmovdqu %%xmm4, %1"         \
                         : "=m"(r1), "=m"(r2) : "m"(val), "m"(v), reg(val), "i"(lane) \
                         : "xmm3", "xmm4");                               \
        printf("%s %2d %016llx%016llx %016llx%016llx\n", insn, lane,      \
               (unsigned long long)r1.q[1], (unsigned long long)r1.q[0],  \
               (unsigned long long)r2.q[1], (unsigned long long)r2.q[0]); \
    }
#define LANES_16(M, insn, reg) M(insn, 0, reg) M(insn, 1, reg) M(insn, 2, reg) \
    M(insn, 3, reg) M(insn, 4, reg) M(insn, 5, reg) M(insn, 6, reg) M(insn, 7, reg) \
    M(insn, 8, reg) M(insn, 9, reg) M(insn, 10, reg) M(insn, 11, reg) \
    M(insn, 12, reg) M(insn, 13, reg) M(insn, 14, reg) M(insn, 15, reg) \
    M(insn, 16, reg) M(insn, 255, reg)

static void test_extract_insert(void)
{
    V128 v;
    for (int i = 0; i < 16; i++) {
        v.b[i] = 0x80 + i * 9;
    }
    LANES_16(PEXTR, "pextrb", "%k0")
    LANES_16(PEXTR, "pextrw", "%k0")
    LANES_16(PEXTR, "pextrd", "%k0")
    LANES_16(PEXTR, "extractps", "%k0")
#ifdef __x86_64__
    LANES_16(PEXTR, "pextrq", "%q0")
    {
        uint64_t val = 0xf1e2d3c4b5a69788ull;
        LANES_16(PINSR, "pinsrq", "r")
    }
#endif
    {
        uint32_t val = 0x8badf00d;
        LANES_16(PINSR, "pinsrd", "r")
    }
    {
        uint32_t val = 0xc3;
        uint8_t val8 = 0xa5;
#define PINSRB(insn, lane, reg)                                           \
        {                                                                 \
            V128 r1, r2;                                                  \
            __asm__ volatile("movdqu %3, %%xmm3\n\tmovdqu %3, %%xmm4\n\t" \
                             insn " %5, %k4, %%xmm3\n\t" insn " %5, %2, %%xmm4\n\t" \
                             "movdqu %%xmm3, %0\n\tmovdqu %%xmm4, %1"     \
                             : "=m"(r1), "=m"(r2) : "m"(val8), "m"(v), "r"(val), \
                               "i"(lane) : "xmm3", "xmm4");               \
            printf("%s %2d %016llx%016llx %016llx%016llx\n", insn, lane,  \
                   (unsigned long long)r1.q[1], (unsigned long long)r1.q[0], \
                   (unsigned long long)r2.q[1], (unsigned long long)r2.q[0]); \
        }
        LANES_16(PINSRB, "pinsrb", 0)
    }
}

int main(void)
{
    init_int_pool();
    for (int k = 0; k < 3; k++) {
        /* blendv's selector and what the others leave in xmm0 */
        g_x0 = int_pool[k * 7 % N_INT];
        run_table(ops, sizeof(ops) / sizeof(ops[0]), int_pool, N_INT, NULL, 0);
    }
    run_table(blend16, 2, int_pool, 10, imm_range(16), 16);
    run_table(blend4, 1, int_pool, 10, imm_range(4), 4);
    run_table(imm256, 2, int_pool, 6, imm_range(256), 256);
    test_movntdqa();
    test_extract_insert();
    return 0;
}
