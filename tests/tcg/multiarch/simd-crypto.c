/*
 * simd-crypto.c: AES-NI (aesenc, aesenclast, aesdec, aesdeclast, aesimc,
 * aeskeygenassist over every round constant) and PCLMULQDQ (the four
 * quadword selections, and immediates whose other bits must be ignored),
 * register and memory forms, on the integer operand pool; and a whole
 * AES-128 key expansion and encryption of the FIPS-197 example, printed in
 * full.  Compared with the host.
 */
#include "simd-common.h"

SIMD_OP(aesenc, "aesenc")
SIMD_OP(aesenclast, "aesenclast")
SIMD_OP(aesdec, "aesdec")
SIMD_OP(aesdeclast, "aesdeclast")
SIMD_OP(aesimc, "aesimc")
SIMD_IMM_OP(aeskeygenassist, "aeskeygenassist", IMM_256)
SIMD_IMM_OP(pclmulqdq, "pclmulqdq", IMM_256)

static const SimdInsn ops[] = {
    INSN(aesenc), INSN(aesenclast), INSN(aesdec), INSN(aesdeclast), INSN(aesimc),
};
static const SimdInsn imm_ops[] = { INSN(aeskeygenassist), INSN(pclmulqdq) };

static void print_v(const char *what, const V128 *v)
{
    printf("%s", what);
    for (int i = 0; i < 16; i++) {
        printf(" %02x", v->b[i]);
    }
    printf("\n");
}

/* One step of the AES-128 key schedule, round constant rcon. */
#define EXPAND(rcon)                                                      \
    __asm__ volatile("aeskeygenassist %1, %%xmm1, %%xmm2\n\t"             \
                     "pshufd $0xff, %%xmm2, %%xmm2\n\t"                   \
                     "movdqa %%xmm1, %%xmm3\n\tpslldq $4, %%xmm3\n\t"     \
                     "pxor %%xmm3, %%xmm1\n\tpslldq $4, %%xmm3\n\t"       \
                     "pxor %%xmm3, %%xmm1\n\tpslldq $4, %%xmm3\n\t"       \
                     "pxor %%xmm3, %%xmm1\n\tpxor %%xmm2, %%xmm1\n\t"     \
                     "movdqu %%xmm1, %0"                                  \
                     : "=m"(keys[k + 1]) : "i"(rcon)                      \
                     : "xmm2", "xmm3"); k++;

static void test_fips197(void)
{
    static const uint8_t key[16] = {
        0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
        0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
    };
    static const uint8_t plain[16] = {
        0x32, 0x43, 0xf6, 0xa8, 0x88, 0x5a, 0x30, 0x8d,
        0x31, 0x31, 0x98, 0xa2, 0xe0, 0x37, 0x07, 0x34,
    };
    V128 keys[11], block, back;
    int k = 0;

    memcpy(&keys[0], key, 16);
    __asm__ volatile("movdqu %0, %%xmm1" : : "m"(keys[0]) : "xmm1");
    EXPAND(0x01) EXPAND(0x02) EXPAND(0x04) EXPAND(0x08) EXPAND(0x10)
    EXPAND(0x20) EXPAND(0x40) EXPAND(0x80) EXPAND(0x1b) EXPAND(0x36)
    print_v("round key 10:", &keys[10]);
    memcpy(&block, plain, 16);
    for (int r = 0; r <= 10; r++) {
        V128 *key_r = &keys[r];
        if (r == 0) {
            for (int i = 0; i < 2; i++) {
                block.q[i] ^= key_r->q[i];
            }
        } else if (r < 10) {
            __asm__ volatile("movdqu %0, %%xmm1\n\taesenc %1, %%xmm1\n\tmovdqu %%xmm1, %0"
                             : "+m"(block) : "m"(*key_r) : "xmm1");
        } else {
            __asm__ volatile("movdqu %0, %%xmm1\n\taesenclast %1, %%xmm1\n\tmovdqu %%xmm1, %0"
                             : "+m"(block) : "m"(*key_r) : "xmm1");
        }
    }
    print_v("ciphertext:", &block);
    /* decrypt with the equivalent inverse cipher (aesimc'd round keys) */
    back = block;
    for (int i = 0; i < 2; i++) {
        back.q[i] ^= keys[10].q[i];
    }
    for (int r = 9; r >= 1; r--) {
        V128 dk;
        __asm__ volatile("aesimc %1, %%xmm2\n\tmovdqu %%xmm2, %0"
                         : "=m"(dk) : "m"(keys[r]) : "xmm2");
        __asm__ volatile("movdqu %0, %%xmm1\n\taesdec %1, %%xmm1\n\tmovdqu %%xmm1, %0"
                         : "+m"(back) : "m"(dk) : "xmm1");
    }
    __asm__ volatile("movdqu %0, %%xmm1\n\taesdeclast %1, %%xmm1\n\tmovdqu %%xmm1, %0"
                     : "+m"(back) : "m"(keys[0]) : "xmm1");
    print_v("decrypted:", &back);
}

int main(void)
{
    init_int_pool();
    run_table(ops, 5, int_pool, N_INT, NULL, 0);
    run_table(imm_ops, 2, int_pool, 8, imm_range(256), 256);
    test_fips197();
    return 0;
}
