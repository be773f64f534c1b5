/*
 * simd-common.h: what the simd-*.c instruction tests share.  Each test runs
 * SSE3..SSE4.2, AES-NI and PCLMULQDQ instructions through inline asm on
 * pools of edge-case and pseudo-random operands, register and memory forms,
 * with xmm0 (the implicit operand of blendv and the string compares), rAX
 * and rDX (explicit string lengths) and MXCSR set, and prints for each
 * instruction form a hash of everything it produced: the destination,
 * xmm0, ECX, the arithmetic flags and MXCSR.  The emulated run must print
 * the same as the native one.  Built with -DSIMD_VERBOSE, a test prints
 * every result instead, to find the operands behind a differing hash.
 *
 * Instructions with an immediate run over its values through SWITCH_IMM,
 * one asm statement per value (the immediate is part of the instruction).
 */
#ifndef SIMD_COMMON_H
#define SIMD_COMMON_H

#pragma GCC target("sse4.2,aes,pclmul")

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "isa-common.h"

typedef union {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
    float s[4];
    double d[2];
} __attribute__((aligned(16))) V128;

/* What one instruction produced. */
typedef struct {
    V128 r, x0;
    uint32_t mxcsr;
    uint32_t flags;     /* lahf's AH (SF ZF AF PF CF) | OF << 11 */
    unsigned long ecx;
} Out;

/* The operands (globals, so the asm needs no address registers: i386 at
   -O0 has few), the inputs besides them, and the result. */
static V128 g_d, g_s;
static V128 g_x0;               /* xmm0 */
static V128 g_mem128;              /* the memory operand, 16-byte aligned */
static unsigned long g_rax, g_rdx;
static uint32_t g_mxcsr = 0x1f80;
static const uint32_t mxcsr_default = 0x1f80;
static Out g_out;

/*
 * One instruction: text names the destination %%xmm1, the source %%xmm2 or
 * %[mem], the immediate %[imm] (immval, a constant).  The flags start as
 * cmp of equal values leaves them (ZF, PF set), so those of instructions
 * that do not write them are defined too.
 */
#define SIMD_ASM(text, immval)                                            \
    do {                                                                  \
        unsigned long rax_ = g_rax;                                       \
        g_out.ecx = 0x5a5a5a5a;                                           \
        __asm__ volatile("ldmxcsr %[mi]\n\t"                              \
                         "movdqu %[x0], %%xmm0\n\t"                       \
                         "movdqu %[dv], %%xmm1\n\t"                       \
                         "movdqu %[sv], %%xmm2\n\t"                       \
                         "cmp %%eax, %%eax\n\t"                           \
                         text "\n\t"                                      \
                         "lahf\n\t"                                       \
                         "seto %%al\n\t"                                  \
                         "movzwl %%ax, %k[fl]\n\t"                        \
                         "stmxcsr %[mo]\n\t"                              \
                         "movdqu %%xmm1, %[r]\n\t"                        \
                         "movdqu %%xmm0, %[x0o]\n\t"                      \
                         "ldmxcsr %[mdefault]"                            \
                         : [r] "=m"(g_out.r), [x0o] "=m"(g_out.x0),       \
                           [mo] "=m"(g_out.mxcsr), [fl] "=&r"(g_out.flags), \
                           "+c"(g_out.ecx), "+a"(rax_)                    \
                         : [mi] "m"(g_mxcsr), [x0] "m"(g_x0),             \
                           [dv] "m"(g_d), [sv] "m"(g_s), [mem] "m"(g_mem128), \
                           "d"(g_rdx), [imm] "i"(immval),                 \
                           [mdefault] "m"(mxcsr_default)                  \
                         : "xmm0", "xmm1", "xmm2", "cc", "memory");       \
    } while (0)

/* The same with mm registers: %%mm1 destination, %%mm2 or %[mem] source. */
#define MMX_ASM(text, immval)                                             \
    do {                                                                  \
        memset(&g_out, 0, sizeof(g_out));                                 \
        __asm__ volatile("movq %[dv], %%mm1\n\t"                          \
                         "movq %[sv], %%mm2\n\t"                          \
                         text "\n\t"                                      \
                         "movq %%mm1, %[r]\n\t"                           \
                         "emms"                                           \
                         : [r] "=m"(g_out.r.q[0])                         \
                         : [dv] "m"(g_d.q[0]), [sv] "m"(g_s.q[0]),        \
                           [mem] "m"(g_mem128.q[0]), [imm] "i"(immval)       \
                         : "mm1", "mm2", "memory");                       \
    } while (0)

/* case n: BODY(n, text) for n in [0, 4), [0, 16), [0, 128) or [0, 256) */
#define CASE_1(BODY, n, text) case (n): BODY(text, n); break;
#define CASES_4(BODY, n, text) CASE_1(BODY, n, text) CASE_1(BODY, (n) + 1, text) \
    CASE_1(BODY, (n) + 2, text) CASE_1(BODY, (n) + 3, text)
#define CASES_16(BODY, n, text) CASES_4(BODY, n, text) CASES_4(BODY, (n) + 4, text) \
    CASES_4(BODY, (n) + 8, text) CASES_4(BODY, (n) + 12, text)
#define CASES_64(BODY, n, text) CASES_16(BODY, n, text) \
    CASES_16(BODY, (n) + 16, text) CASES_16(BODY, (n) + 32, text) \
    CASES_16(BODY, (n) + 48, text)
#define CASES_128(BODY, n, text) CASES_64(BODY, n, text) CASES_64(BODY, (n) + 64, text)
#define IMM_4(BODY, text) CASES_4(BODY, 0, text)
#define IMM_16(BODY, text) CASES_16(BODY, 0, text)
#define IMM_128(BODY, text) CASES_128(BODY, 0, text)
#define IMM_256(BODY, text) CASES_128(BODY, 0, text) CASES_128(BODY, 128, text)

/* An instruction form: run it on g_d, g_s (g_mem128) with imm into g_out. */
typedef void (*SimdFn)(int imm);

/*
 * NAME_reg and NAME_mem: "insn src, dst" with ASM (SIMD_ASM or MMX_ASM),
 * src the register reg or %[mem]; the _IMM form prefixes the immediate
 * over the values IMMS (IMM_16 ...) lists.
 */
#define OP_FORMS(name, ASM, insn, reg, dst)                               \
    static void name##_reg(int imm)                                       \
    {                                                                     \
        ASM(insn " " reg ", " dst, 0);                                    \
    }                                                                     \
    static void name##_mem(int imm)                                       \
    {                                                                     \
        ASM(insn " %[mem], " dst, 0);                                     \
    }
#define OP_FORMS_IMM(name, ASM, insn, reg, dst, IMMS)                     \
    static void name##_reg(int imm)                                       \
    {                                                                     \
        switch (imm) {                                                    \
        IMMS(ASM, insn " %[imm], " reg ", " dst)                          \
        }                                                                 \
    }                                                                     \
    static void name##_mem(int imm)                                       \
    {                                                                     \
        switch (imm) {                                                    \
        IMMS(ASM, insn " %[imm], %[mem], " dst)                           \
        }                                                                 \
    }
#define SIMD_OP(name, insn) OP_FORMS(name, SIMD_ASM, insn, "%%xmm2", "%%xmm1")
#define SIMD_IMM_OP(name, insn, IMMS) \
    OP_FORMS_IMM(name, SIMD_ASM, insn, "%%xmm2", "%%xmm1", IMMS)
#define MMX_OP(name, insn) OP_FORMS(name, MMX_ASM, insn, "%%mm2", "%%mm1")
#define MMX_IMM_OP(name, insn, IMMS) \
    OP_FORMS_IMM(name, MMX_ASM, insn, "%%mm2", "%%mm1", IMMS)

/* ---- operands ---- */

/* random operands: isa-common.h's fixed xorshift sequence */
#define rnd next_random

static V128 rnd_v128(void)
{
    V128 v;
    v.q[0] = rnd();
    v.q[1] = rnd();
    return v;
}

static V128 fill_bytes(uint8_t x)
{
    V128 v;
    memset(&v, x, sizeof(v));
    return v;
}

/* Integer operands: lane boundaries of every width, sequences, random. */
#define N_INT 24
static V128 int_pool[N_INT];

static void init_int_pool(void)
{
    static const uint8_t fills[] = { 0x00, 0xff, 0x80, 0x7f, 0x01, 0xfe };
    int n = 0;

    for (unsigned i = 0; i < sizeof(fills); i++) {
        int_pool[n++] = fill_bytes(fills[i]);
    }
    for (int i = 0; i < 16; i++) {
        int_pool[n].b[i] = i;
        int_pool[n + 1].b[i] = 15 - i;
        int_pool[n + 2].b[i] = i * 17 + 3;
    }
    n += 3;
    for (int i = 0; i < 8; i++) {
        int_pool[n].w[i] = i & 1 ? 0x8000 : 0x7fff;
        int_pool[n + 1].w[i] = i & 1 ? 0xffff : 0x0001;
    }
    n += 2;
    for (int i = 0; i < 4; i++) {
        int_pool[n].l[i] = i & 1 ? 0x80000000u : 0x7fffffffu;
    }
    n++;
    while (n < N_INT) {
        int_pool[n++] = rnd_v128();
    }
}

/* Floating point lanes: zeros, ones, denormals, extremes, infinities,
   quiet and signalling NaNs of both signs, random. */
static const uint32_t f32_specials[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x00000001,
    0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00001, 0x7f800001, 0xff812345, 0x40490fdb, 0x3eaaaaab,
    0x4b000001, 0xcb7fffff, 0x3f000000, 0xbf000000, 0x3fffffff, 0x00400000,
};
static const uint64_t f64_specials[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xbff0000000000000ull, 0x3ff8000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
    0xffefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0xfff8000000000001ull, 0x7ff0000000000001ull,
    0xfff0000012345678ull, 0x400921fb54442d18ull, 0x3fd5555555555555ull,
    0x4330000000000001ull, 0xc33fffffffffffffull, 0x3fe0000000000000ull,
    0xbfe0000000000000ull, 0x3fffffffffffffffull, 0x0008000000000000ull,
};
#define N_FSPECIAL (sizeof(f32_specials) / sizeof(f32_specials[0]))

#define N_FP 40
static V128 fp_pool[N_FP];

/* Lanes from the specials (or random ones near 1.0); single or double. */
static void init_fp_pool(int dbl)
{
    for (int n = 0; n < N_FP; n++) {
        for (int i = 0; i < (dbl ? 2 : 4); i++) {
            uint64_t k = rnd();
            if (k % 4 == 0) {
                if (dbl) {
                    fp_pool[n].q[i] = (rnd() & 0x800fffffffffffffull) |
                                      (uint64_t)(0x3f0 + rnd() % 32) << 52;
                } else {
                    fp_pool[n].l[i] = (rnd() & 0x807fffff) |
                                      (uint32_t)(0x70 + rnd() % 32) << 23;
                }
            } else if (dbl) {
                fp_pool[n].q[i] = f64_specials[(k >> 8) % N_FSPECIAL];
            } else {
                fp_pool[n].l[i] = f32_specials[(k >> 8) % N_FSPECIAL];
            }
        }
    }
}

/* ---- results ---- */

static uint64_t hash_state;

static void hash_bytes(const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i++) {
        hash_state = (hash_state ^ b[i]) * 0x100000001b3ull;
    }
}

static void hash_out(const char *name, const V128 *d, const V128 *s, int imm,
                     const Out *o)
{
    hash_bytes(&o->r, sizeof(o->r));
    hash_bytes(&o->x0, sizeof(o->x0));
    hash_bytes(&o->mxcsr, sizeof(o->mxcsr));
    hash_bytes(&o->flags, sizeof(o->flags));
    hash_bytes(&o->ecx, sizeof(o->ecx));
#ifdef SIMD_VERBOSE
    printf("%s imm=%02x mxcsr=%04x d=%016llx%016llx s=%016llx%016llx -> "
           "%016llx%016llx x0=%016llx%016llx mxcsr=%04x fl=%04x ecx=%lx\n",
           name, imm, g_mxcsr, (unsigned long long)d->q[1],
           (unsigned long long)d->q[0], (unsigned long long)s->q[1],
           (unsigned long long)s->q[0], (unsigned long long)o->r.q[1],
           (unsigned long long)o->r.q[0], (unsigned long long)o->x0.q[1],
           (unsigned long long)o->x0.q[0], o->mxcsr, o->flags, o->ecx);
#endif
}

/*
 * Run fn over all pairs of the pool (n operands), for each immediate in
 * imms (or just 0), and print one hash line for the form.
 */
static void run_pairs(const char *name, const char *form, SimdFn fn,
                      const V128 *pool, int n, const int *imms, int n_imms)
{
    hash_state = 0xcbf29ce484222325ull;
    for (int k = 0; k < (n_imms ? n_imms : 1); k++) {
        int imm = n_imms ? imms[k] : 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g_d = pool[i];
                g_s = g_mem128 = pool[j];
                fn(imm);
                hash_out(name, &pool[i], &pool[j], imm, &g_out);
            }
        }
    }
    printf("%-16s %-4s mxcsr=%04x %016llx\n", name, form, g_mxcsr,
           (unsigned long long)hash_state);
}

/* A table row: an instruction's register and memory forms. */
typedef struct {
    const char *name;
    SimdFn reg, mem;
} SimdInsn;
#define INSN(name) { #name, name##_reg, name##_mem }

static void run_table(const SimdInsn *t, int count, const V128 *pool, int n,
                      const int *imms, int n_imms)
{
    for (int i = 0; i < count; i++) {
        run_pairs(t[i].name, "reg", t[i].reg, pool, n, imms, n_imms);
        run_pairs(t[i].name, "mem", t[i].mem, pool, n, imms, n_imms);
    }
}

/* 0, 1, ..., n - 1 */
static int *imm_range(int n)
{
    static int imms[256];
    for (int i = 0; i < n; i++) {
        imms[i] = i;
    }
    return imms;
}

#endif
