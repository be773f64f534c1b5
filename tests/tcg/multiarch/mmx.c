/*
 * mmx.c: every MMX instruction (and the SSE/SSE2 ones that use mm
 * registers) on fixed data, register and memory forms, with the results
 * printed in hex; then what MMX use does to the x87 state (TOP, tags,
 * exponents) and what EMMS undoes.  Judged against the host (x86_64) or the
 * i386 reference.  The i386 reference may be Debian's qemu-i386, which does
 * not model every detail of the x87 aliasing (the exponent MMX writes set,
 * TOP after EMMS, cvtpi2ps from memory leaving the x87 state alone), so
 * those are printed only in the 64-bit build, whose reference is the host.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* the asm names mm and xmm registers, which -m32's default ISA lacks */
#pragma GCC target("mmx,sse2")

static const uint64_t data[] = {
    0x0000000000000000ULL, 0xffffffffffffffffULL, 0x8000800080008000ULL,
    0x7fff7fff7fff7fffULL, 0x0123456789abcdefULL, 0xfedcba9876543210ULL,
    0x80017ffe00ff0100ULL, 0x000000050000001fULL,
};
#define NDATA (sizeof(data) / sizeof(data[0]))

/* d = op(d, s) with s in mm1, and again with s in memory */
#define BINOP(name)                                                       \
static void test_##name(void)                                             \
{                                                                         \
    for (unsigned i = 0; i < NDATA; i++) {                                \
        for (unsigned j = 0; j < NDATA; j += 3) {                         \
            uint64_t a = data[i], b = data[j], r, m;                      \
            __asm__ volatile("movq %2, %%mm0\n\tmovq %3, %%mm1\n\t"      \
                             #name " %%mm1, %%mm0\n\tmovq %%mm0, %0\n\t"  \
                             "movq %2, %%mm2\n\t" #name " %3, %%mm2\n\t"  \
                             "movq %%mm2, %1\n\temms"                     \
                             : "=m"(r), "=m"(m) : "m"(a), "m"(b)          \
                             : "mm0", "mm1", "mm2");                      \
            printf("%-9s %016llx %016llx = %016llx %016llx\n", #name,     \
                   (unsigned long long)a, (unsigned long long)b,          \
                   (unsigned long long)r, (unsigned long long)m);         \
        }                                                                 \
    }                                                                     \
}
#define BINOPS(X) \
    X(paddb) X(paddw) X(paddd) X(paddq) X(psubb) X(psubw) X(psubd) X(psubq) \
    X(paddsb) X(paddsw) X(paddusb) X(paddusw) \
    X(psubsb) X(psubsw) X(psubusb) X(psubusw) \
    X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) X(pcmpgtb) X(pcmpgtw) X(pcmpgtd) \
    X(pminub) X(pmaxub) X(pminsw) X(pmaxsw) \
    X(pmullw) X(pmulhw) X(pmulhuw) X(pmuludq) X(pmaddwd) X(psadbw) \
    X(pavgb) X(pavgw) \
    X(psllw) X(pslld) X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad) \
    X(punpcklbw) X(punpcklwd) X(punpckldq) \
    X(punpckhbw) X(punpckhwd) X(punpckhdq) \
    X(packsswb) X(packuswb) X(packssdw) \
    X(pand) X(pandn) X(por) X(pxor)
BINOPS(BINOP)

/* shifts by an immediate (groups 0F 71..73) */
#define SHIFT_IMM(name, imm)                                              \
    for (unsigned i = 0; i < NDATA; i++) {                                \
        uint64_t a = data[i], r;                                          \
        __asm__ volatile("movq %1, %%mm3\n\t" #name " $" #imm ", %%mm3\n\t" \
                         "movq %%mm3, %0\n\temms"                         \
                         : "=m"(r) : "m"(a) : "mm3");                     \
        printf("%-6s $%-2d %016llx = %016llx\n", #name, imm,              \
               (unsigned long long)a, (unsigned long long)r);             \
    }
#define SHIFT_COUNTS(X, name) X(name, 0) X(name, 1) X(name, 7) X(name, 15) \
    X(name, 16) X(name, 31) X(name, 32) X(name, 63) X(name, 64) X(name, 255)

static void test_shift_imm(void)
{
    SHIFT_COUNTS(SHIFT_IMM, psllw) SHIFT_COUNTS(SHIFT_IMM, pslld)
    SHIFT_COUNTS(SHIFT_IMM, psllq) SHIFT_COUNTS(SHIFT_IMM, psrlw)
    SHIFT_COUNTS(SHIFT_IMM, psrld) SHIFT_COUNTS(SHIFT_IMM, psrlq)
    SHIFT_COUNTS(SHIFT_IMM, psraw) SHIFT_COUNTS(SHIFT_IMM, psrad)
}

#define PSHUFW(imm)                                                       \
    {                                                                     \
        uint64_t r, m;                                                    \
        __asm__ volatile("movq %2, %%mm4\n\tpshufw $" #imm ", %%mm4, %%mm5\n\t" \
                         "movq %%mm5, %0\n\tpshufw $" #imm ", %2, %%mm6\n\t" \
                         "movq %%mm6, %1\n\temms"                         \
                         : "=m"(r), "=m"(m) : "m"(data[4]) : "mm4", "mm5", "mm6"); \
        printf("pshufw $%-3d = %016llx %016llx\n", imm,                   \
               (unsigned long long)r, (unsigned long long)m);             \
    }
#define WORD_INDEX(imm)                                                   \
    {                                                                     \
        uint64_t r = data[5];                                             \
        uint32_t x = 0xdeadbeef, w;                                       \
        uint16_t h = 0x1234;                                              \
        __asm__ volatile("movq %0, %%mm7\n\tpinsrw $" #imm ", %2, %%mm7\n\t" \
                         "pinsrw $" #imm "+1, %3, %%mm7\n\t"              \
                         "pextrw $" #imm ", %%mm7, %1\n\tmovq %%mm7, %0\n\temms" \
                         : "+m"(r), "=&r"(w) : "r"(x), "m"(h) : "mm7");     \
        printf("pinsrw/pextrw $%d = %016llx %08x\n", imm,                 \
               (unsigned long long)r, w);                                 \
    }

static void test_words(void)
{
    PSHUFW(0) PSHUFW(27) PSHUFW(78) PSHUFW(177) PSHUFW(228) PSHUFW(255)
    WORD_INDEX(0) WORD_INDEX(1) WORD_INDEX(2) WORD_INDEX(3) WORD_INDEX(6)
    for (unsigned i = 0; i < NDATA; i++) {
        uint32_t mask;
        __asm__ volatile("movq %1, %%mm2\n\tpmovmskb %%mm2, %0\n\temms"
                         : "=r"(mask) : "m"(data[i]) : "mm2");
        printf("pmovmskb %016llx = %02x\n", (unsigned long long)data[i], mask);
    }
}

static void test_moves(void)
{
    uint8_t buf[24];

    for (unsigned i = 0; i < NDATA; i++) {
        uint64_t q, nt;
        uint32_t v = (uint32_t)(data[i] >> 8), m = (uint32_t)data[i], lo, m32;
        __asm__ volatile("movq %[a], %%mm0\n\tmovd %[v], %%mm0\n\tmovq %%mm0, %[q]\n\t"
                         "movd %%mm0, %[lo]\n\tmovd %[m], %%mm1\n\tmovd %%mm1, %[m32]\n\t"
                         "movq %[a], %%mm2\n\tmovq %%mm2, %%mm3\n\tmovntq %%mm3, %[nt]\n\temms"
                         : [q] "=m"(q), [lo] "=&r"(lo), [m32] "=m"(m32), [nt] "=m"(nt)
                         : [a] "m"(data[i]), [v] "r"(v), [m] "m"(m)
                         : "mm0", "mm1", "mm2", "mm3");
        printf("movd %08x = %016llx %08x %08x movntq %016llx\n", v,
               (unsigned long long)q, lo, m32, (unsigned long long)nt);
    }
#ifdef __x86_64__
    for (unsigned i = 0; i < NDATA; i++) {
        uint64_t r;
        __asm__ volatile("movq %1, %%mm0\n\tpaddd %%mm0, %%mm0\n\tmovq %%mm0, %0\n\temms"
                         : "=r"(r) : "r"(data[i]) : "mm0");
        printf("movq r64 %016llx = %016llx\n", (unsigned long long)data[i],
               (unsigned long long)r);
    }
#endif
    for (unsigned i = 0; i < NDATA; i++) {
        memset(buf, 0xaa, sizeof(buf));
        __asm__ volatile("movq %0, %%mm0\n\tmovq %1, %%mm1\n\tmaskmovq %%mm1, %%mm0\n\temms"
                         : : "m"(data[4]), "m"(data[i]), "D"(buf + 8)
                         : "mm0", "mm1", "memory");
        printf("maskmovq %016llx =", (unsigned long long)data[i]);
        for (unsigned k = 0; k < sizeof(buf); k++) {
            printf(" %02x", buf[k]);
        }
        printf("\n");
    }
}

/* the conversions between mm and xmm, with the MXCSR flags they raise */
static const float floats[][4] = {
    { 1.5f, -2.5f, 9.0f, 9.0f }, { 3e9f, -3e9f, 9.0f, 9.0f },
    { 0.49999997f, -0.5f, 9.0f, 9.0f }, { 1e-40f, 2147483520.0f, 9.0f, 9.0f },
};
static const double doubles[][2] = {
    { 1.5, -2.5 }, { 3e9, -2147483648.4 }, { 0.5000001, -1e300 }, { 5e-324, 7.0 },
};
static const int32_t ints[][2] = {
    { 1, -1 }, { 16777217, -16777219 }, { 2147483647, -2147483647 - 1 }, { 0, 3 },
};

#define MXCSR_RUN(insn, out, in, dst)                                     \
    __asm__ volatile("ldmxcsr %[mx]\n\t" insn "\n\tstmxcsr %[mx]\n\temms" \
                     : [mx] "+m"(mxcsr), [o] "=m"(out)                     \
                     : [i] "m"(in), [d] "m"(dst)                            \
                     : "mm0", "xmm0", "memory")

static void test_conversions(void)
{
    static const uint32_t modes[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80 };
    static const float fill[4] = { -7.0f, -7.0f, -7.0f, -7.0f };

    for (unsigned m = 0; m < 4; m++) {
        for (unsigned i = 0; i < 4; i++) {
            uint32_t mxcsr = modes[m];
            uint64_t r;
            uint32_t x[4];
            uint64_t y[2];

            MXCSR_RUN("movups %[i], %%xmm0\n\tcvtps2pi %%xmm0, %%mm0\n\tmovq %%mm0, %[o]",
                      r, floats[i], fill);
            printf("cvtps2pi  %04x %016llx\n", mxcsr, (unsigned long long)r);
            mxcsr = modes[m];
            MXCSR_RUN("cvttps2pi %[i], %%mm0\n\tmovq %%mm0, %[o]", r, floats[i], fill);
            printf("cvttps2pi %04x %016llx\n", mxcsr, (unsigned long long)r);
            mxcsr = modes[m];
            MXCSR_RUN("movupd %[i], %%xmm0\n\tcvtpd2pi %%xmm0, %%mm0\n\tmovq %%mm0, %[o]",
                      r, doubles[i], fill);
            printf("cvtpd2pi  %04x %016llx\n", mxcsr, (unsigned long long)r);
            mxcsr = modes[m];
            MXCSR_RUN("cvttpd2pi %[i], %%mm0\n\tmovq %%mm0, %[o]", r, doubles[i], fill);
            printf("cvttpd2pi %04x %016llx\n", mxcsr, (unsigned long long)r);
            mxcsr = modes[m];
            MXCSR_RUN("movups %[d], %%xmm0\n\tmovq %[i], %%mm0\n\tcvtpi2ps %%mm0, %%xmm0\n\t"
                      "movups %%xmm0, %[o]", x, ints[i], fill);
            printf("cvtpi2ps  %04x %08x %08x %08x %08x\n", mxcsr, x[0], x[1], x[2], x[3]);
            mxcsr = modes[m];
            MXCSR_RUN("movups %[d], %%xmm0\n\tcvtpi2ps %[i], %%xmm0\n\tmovups %%xmm0, %[o]",
                      x, ints[i], fill);
            printf("cvtpi2ps  %04x %08x %08x %08x %08x\n", mxcsr, x[0], x[1], x[2], x[3]);
            mxcsr = modes[m];
            MXCSR_RUN("movq %[i], %%mm0\n\tcvtpi2pd %%mm0, %%xmm0\n\tmovupd %%xmm0, %[o]",
                      y, ints[i], fill);
            printf("cvtpi2pd  %04x %016llx %016llx\n", mxcsr,
                   (unsigned long long)y[0], (unsigned long long)y[1]);
            mxcsr = modes[m];
            MXCSR_RUN("cvtpi2pd %[i], %%xmm0\n\tmovupd %%xmm0, %[o]", y, ints[i], fill);
            printf("cvtpi2pd  %04x %016llx %016llx\n", mxcsr,
                   (unsigned long long)y[0], (unsigned long long)y[1]);
        }
    }
    for (unsigned i = 0; i < NDATA; i++) {
        uint64_t x[2], q;
        __asm__ volatile("movups %2, %%xmm0\n\tmovq %3, %%mm0\n\tmovq2dq %%mm0, %%xmm0\n\t"
                         "movups %%xmm0, %0\n\tmovups %2, %%xmm1\n\tmovdq2q %%xmm1, %%mm1\n\t"
                         "movq %%mm1, %1\n\temms"
                         : "=m"(x), "=m"(q) : "m"(fill), "m"(data[i])
                         : "mm0", "mm1", "xmm0", "xmm1");
        printf("movq2dq %016llx %016llx movdq2q %016llx\n", (unsigned long long)x[0],
               (unsigned long long)x[1], (unsigned long long)q);
    }
}

/* ---- the x87 state around MMX ---- */

static uint8_t fx[512] __attribute__((aligned(16)));
static uint8_t fs[108];

/*
 * After fninit and two pushes (TOP = 6), insn, then FXSAVE and FNSAVE:
 * print TOP, the abridged tag byte and, in the 64-bit build, the full tag
 * word and the sign/exponent word of every register.
 */
#define X87_STATE(insn)                                                   \
    __asm__ volatile("fninit\n\tfld1\n\tfldpi\n\t" insn "\n\t"            \
                     "fxsave %0\n\tfnsave %1\n\temms"                     \
                     : "=m"(fx), "=m"(fs) : "m"(data[4]), "D"(fx + 256)   \
                     : "mm0", "mm6", "mm7", "xmm0", "memory");             \
    print_x87_state(insn)

static void print_x87_state(const char *what)
{
    uint16_t fsw, ftw;

    memcpy(&fsw, fx + 2, 2);
    printf("%-34s TOP=%d abridged=%02x", what, (fsw >> 11) & 7, fx[4]);
#ifdef __x86_64__
    memcpy(&ftw, fs + 8, 2);
    printf(" ftw=%04x exp:", ftw);
    for (int i = 0; i < 8; i++) {
        uint16_t e;
        memcpy(&e, fx + 32 + 16 * i + 8, 2);
        printf(" %04x", e);
    }
#else
    (void)ftw;
#endif
    printf("\n");
}

static void test_x87_state(void)
{
    X87_STATE("nop");
    X87_STATE("paddb %2, %%mm7");
    X87_STATE("movq %2, %%mm0");
    X87_STATE("movq %%mm6, %%mm6");
    X87_STATE("psrlq $3, %%mm6");
    X87_STATE("movq %%mm7, 8(%3)");
    X87_STATE("movd %%mm7, %%eax");
    X87_STATE("pmovmskb %%mm6, %%eax");
    X87_STATE("pextrw $1, %%mm6, %%eax");
    X87_STATE("pinsrw $1, %%eax, %%mm6");
    X87_STATE("maskmovq %%mm6, %%mm7");
    X87_STATE("cvtpi2ps %%mm7, %%xmm0");
    X87_STATE("cvtps2pi %%xmm0, %%mm6");
    X87_STATE("movq2dq %%mm7, %%xmm0");
    X87_STATE("movdq2q %%xmm0, %%mm0");
    X87_STATE("paddb %2, %%mm7; emms");
    X87_STATE("pxor %%mm6, %%mm6; fld1");
#ifdef __x86_64__
    X87_STATE("emms");
    X87_STATE("emms; fld1");
    X87_STATE("cvtpi2ps %2, %%xmm0");
    X87_STATE("cvtpi2pd %2, %%xmm0");
#endif
}

int main(void)
{
#define CALL(name) test_##name();
    BINOPS(CALL)
    test_shift_imm();
    test_words();
    test_moves();
    test_conversions();
    test_x87_state();
    return 0;
}
