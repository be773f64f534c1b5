/*
 * test-sse-fpu.c: the SSE and x87 helpers against the host itself.  Each
 * case runs a helper on a CPUX86State and the same instruction natively
 * (inline asm, same inputs, same MXCSR / control word), then compares the
 * bit patterns of the results and the exception flags.  x87 cases compare
 * the whole FNSAVE image (registers, tags, TOP, status flags), so stack
 * effects are checked too, and MMX cases compare the FXSAVE image as well
 * (TOP, tags and the exponents MMX writes set).  Guest addresses are host
 * addresses here (guest_base is 0 in a program that never starts a guest);
 * helpers reach memory through the software TLB, so the stack that holds
 * their memory operands is made guest pages.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/cpu-all.h"
#include "exec/cputlb.h"
#include "exec/helper-proto.h"
#include "fpu-ops.h"

#ifdef TARGET_X86_64
typedef uint64_t host_xmm __attribute__((vector_size(16)));

static CPUX86State env;
static int failures;

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Print one PASS/FAIL line per test group; details of the first miss. */
static bool group_ok;
static const char *group_name;

static void group_begin(const char *name)
{
    group_name = name;
    group_ok = true;
}

static void group_end(void)
{
    printf("%s %s\n", group_ok ? "PASS" : "FAIL", group_name);
    failures += !group_ok;
}

static void mismatch(const char *what, const void *got, const void *want,
                     size_t n)
{
    if (!group_ok) {
        return;
    }
    group_ok = false;
    printf("# %s: %s differs\n#  got :", group_name, what);
    for (size_t i = 0; i < n; i++) {
        printf(" %02x", ((const uint8_t *)got)[i]);
    }
    printf("\n#  want:");
    for (size_t i = 0; i < n; i++) {
        printf(" %02x", ((const uint8_t *)want)[i]);
    }
    printf("\n");
}

static void compare(const char *what, const void *got, const void *want,
                    size_t n)
{
    if (memcmp(got, want, n)) {
        mismatch(what, got, want, n);
    }
}

/* ---- SSE integer ops: every helper of SSE_INT_BINOPS on random data ---- */

#define NATIVE_INT_BINOP(name)                                            \
static void native_##name(XMMReg *d, const XMMReg *s)                     \
{                                                                         \
    host_xmm dv, sv;                                                      \
    memcpy(&dv, d, 16);                                                   \
    memcpy(&sv, s, 16);                                                   \
    __asm__(#name " %1, %0" : "+x"(dv) : "x"(sv));                        \
    memcpy(d, &dv, 16);                                                   \
}
SSE_INT_BINOPS(NATIVE_INT_BINOP)

static const struct {
    const char *name;
    void (*helper)(CPUX86State *, XMMReg *, XMMReg *);
    void (*native)(XMMReg *, const XMMReg *);
} int_binops[] = {
#define INT_BINOP_ENTRY(name) { #name, helper_##name, native_##name },
    SSE_INT_BINOPS(INT_BINOP_ENTRY)
};

static void random_xmm(XMMReg *r)
{
    static const uint8_t edge_bytes[] = { 0, 1, 0x7f, 0x80, 0xff, 0xfe };

    for (int i = 0; i < 16; i++) {
        uint64_t v = rng();
        r->_b[i] = v & 0x100 ? edge_bytes[v % sizeof(edge_bytes)] : v >> 16;
    }
}

/* the shifts, whose source is a count: ps* but psadbw and psub* */
static bool is_shift(const char *name)
{
    return !strncmp(name, "ps", 2) && strcmp(name, "psadbw") &&
           strncmp(name, "psub", 4);
}

static void test_sse_int(void)
{
    for (size_t k = 0; k < ARRAY_SIZE(int_binops); k++) {
        bool shift = is_shift(int_binops[k].name);
        group_begin(int_binops[k].name);
        for (int n = 0; n < 2000; n++) {
            XMMReg d, s, want;
            random_xmm(&d);
            random_xmm(&s);
            if (shift) {
                s._q[0] = rng() % 70;
            }
            want = d;
            int_binops[k].native(&want, &s);
            int_binops[k].helper(&env, &d, &s);
            compare("result", &d, &want, 16);
            /* op x, x: one register is both operands */
            if (!shift) {
                want = s;
                int_binops[k].native(&want, &s);
                int_binops[k].helper(&env, &s, &s);
                compare("result of x, x", &s, &want, 16);
            }
        }
        group_end();
    }
}

/* Immediate forms and the whole-register byte shifts, per immediate. */
#define IMM_LIST(Y, name) Y(name, 0x00) Y(name, 0x1b) Y(name, 0x4e) \
    Y(name, 0x93) Y(name, 0xe4) Y(name, 0xff) Y(name, 0x03) Y(name, 0x11)
#define IMM_CASE(name, imm) \
    case imm: __asm__(#name " $" #imm ", %1, %0" : "+x"(dv) : "x"(sv)); break;
#define NATIVE_IMMOP(name)                                                \
static void native_##name(XMMReg *d, const XMMReg *s, int imm)            \
{                                                                         \
    host_xmm dv, sv;                                                      \
    memcpy(&dv, d, 16);                                                   \
    memcpy(&sv, s, 16);                                                   \
    switch (imm) { IMM_LIST(IMM_CASE, name) }                             \
    memcpy(d, &dv, 16);                                                   \
}
SSE_INT_IMMOPS(NATIVE_IMMOP)

static const int imm_values[] = { 0x00, 0x1b, 0x4e, 0x93, 0xe4, 0xff, 0x03, 0x11 };

static const struct {
    const char *name;
    void (*helper)(CPUX86State *, XMMReg *, XMMReg *, uint32_t);
    void (*native)(XMMReg *, const XMMReg *, int);
} imm_ops[] = {
#define IMMOP_ENTRY(name) { #name, helper_##name, native_##name },
    SSE_INT_IMMOPS(IMMOP_ENTRY)
};

#define BYTE_SHIFT_CASE(name, imm) \
    case imm: __asm__(#name " $" #imm ", %0" : "+x"(dv)); break;
#define NATIVE_BYTE_SHIFT(name)                                           \
static void native_##name(XMMReg *d, int imm)                             \
{                                                                         \
    host_xmm dv;                                                          \
    memcpy(&dv, d, 16);                                                   \
    switch (imm) { IMM_LIST(BYTE_SHIFT_CASE, name) }                      \
    memcpy(d, &dv, 16);                                                   \
}
NATIVE_BYTE_SHIFT(pslldq)
NATIVE_BYTE_SHIFT(psrldq)

static void test_sse_imm(void)
{
    for (size_t k = 0; k < ARRAY_SIZE(imm_ops); k++) {
        group_begin(imm_ops[k].name);
        for (int n = 0; n < 200; n++) {
            XMMReg d, s, want;
            int imm = imm_values[n % ARRAY_SIZE(imm_values)];
            random_xmm(&d);
            random_xmm(&s);
            want = d;
            imm_ops[k].native(&want, &s, imm);
            imm_ops[k].helper(&env, &d, &s, imm);
            compare("result", &d, &want, 16);
        }
        group_end();
    }
    group_begin("pslldq/psrldq");
    for (int n = 0; n < 200; n++) {
        XMMReg d, want;
        int imm = imm_values[n % ARRAY_SIZE(imm_values)];
        random_xmm(&d);
        want = d;
        native_pslldq(&want, imm);
        helper_pslldq(&env, &d, imm);
        compare("pslldq", &d, &want, 16);
        random_xmm(&d);
        want = d;
        native_psrldq(&want, imm);
        helper_psrldq(&env, &d, imm);
        compare("psrldq", &d, &want, 16);
    }
    group_end();
}

#define NATIVE_MASK(name)                                                 \
static uint32_t native_##name(const XMMReg *s)                            \
{                                                                         \
    host_xmm sv;                                                          \
    uint32_t r;                                                           \
    memcpy(&sv, s, 16);                                                   \
    __asm__(#name " %1, %0" : "=r"(r) : "x"(sv));                         \
    return r;                                                             \
}
SSE_MASKOPS(NATIVE_MASK)

static void test_sse_mask(void)
{
    static const struct {
        const char *name;
        uint32_t (*helper)(CPUX86State *, XMMReg *);
        uint32_t (*native)(const XMMReg *);
    } ops[] = {
#define MASK_ENTRY(name) { #name, helper_##name, native_##name },
        SSE_MASKOPS(MASK_ENTRY)
    };

    for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
        group_begin(ops[k].name);
        for (int n = 0; n < 500; n++) {
            XMMReg s;
            random_xmm(&s);
            uint32_t got = ops[k].helper(&env, &s), want = ops[k].native(&s);
            compare("mask", &got, &want, 4);
        }
        group_end();
    }
}

/* ---- MMX: the _mmx instances on random data, native MMX alongside ---- */

/* the host's MMX state is left by EMMS, as the x87 code around expects */
#define NATIVE_MMX_BINOP(name)                                            \
static void native_##name##_mmx(MMXReg *d, const MMXReg *s)               \
{                                                                         \
    __asm__("movq %0, %%mm0\n\t" #name " %1, %%mm0\n\tmovq %%mm0, %0\n\temms" \
            : "+m"(*d) : "m"(*s) : "mm0");                                \
}
MMX_INT_BINOPS(NATIVE_MMX_BINOP)

static void random_mmx(MMXReg *r)
{
    XMMReg x;

    random_xmm(&x);
    memcpy(r, &x, sizeof(*r));
}

static void test_mmx_int(void)
{
    static const struct {
        const char *name;
        void (*helper)(CPUX86State *, MMXReg *, MMXReg *);
        void (*native)(MMXReg *, const MMXReg *);
    } ops[] = {
#define MMX_BINOP_ENTRY(name) { #name "_mmx", helper_##name##_mmx, native_##name##_mmx },
        MMX_INT_BINOPS(MMX_BINOP_ENTRY)
    };

    for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
        bool shift = is_shift(ops[k].name);
        group_begin(ops[k].name);
        for (int n = 0; n < 2000; n++) {
            MMXReg d, s, want;
            random_mmx(&d);
            random_mmx(&s);
            if (shift) {
                s._q[0] = rng() % 70;
            }
            want = d;
            ops[k].native(&want, &s);
            ops[k].helper(&env, &d, &s);
            compare("result", &d, &want, 8);
        }
        group_end();
    }
}

#define PSHUFW_CASE(name, imm) \
    case imm: __asm__("pshufw $" #imm ", %1, %%mm0\n\tmovq %%mm0, %0\n\temms" \
                      : "=m"(*d) : "m"(*s) : "mm0"); break;

static void native_pshufw(MMXReg *d, const MMXReg *s, int imm)
{
    switch (imm) { IMM_LIST(PSHUFW_CASE, pshufw) }
}

static uint32_t native_pmovmskb_mmx(const MMXReg *s)
{
    uint32_t r;
    __asm__("movq %1, %%mm0\n\tpmovmskb %%mm0, %0\n\temms" : "=r"(r) : "m"(*s) : "mm0");
    return r;
}

static void native_maskmovq(const MMXReg *d, const MMXReg *mask, uint8_t *mem)
{
    __asm__ __volatile__("movq %0, %%mm0\n\tmovq %1, %%mm1\n\t"
                         "maskmovq %%mm1, %%mm0\n\temms"
                         : : "m"(*d), "m"(*mask), "D"(mem) : "mm0", "mm1", "memory");
}

static void native_maskmovdqu(const XMMReg *d, const XMMReg *mask, uint8_t *mem)
{
    host_xmm dv, mv;
    memcpy(&dv, d, 16);
    memcpy(&mv, mask, 16);
    __asm__ __volatile__("maskmovdqu %1, %0" : : "x"(dv), "x"(mv), "D"(mem) : "memory");
}

static void test_mmx_other(void)
{
    static const int imms[] = { 0x00, 0x1b, 0x4e, 0x93, 0xe4, 0xff, 0x03, 0x11 };

    group_begin("pshufw/pmovmskb_mmx");
    for (int n = 0; n < 400; n++) {
        int imm = imms[n % ARRAY_SIZE(imms)];
        MMXReg d, s, want;
        random_mmx(&d);
        random_mmx(&s);
        want = d;
        native_pshufw(&want, &s, imm);
        helper_pshufw(&env, &d, &s, imm);
        compare("pshufw", &d, &want, 8);
        uint32_t got = helper_pmovmskb_mmx(&env, &s), mask = native_pmovmskb_mmx(&s);
        compare("pmovmskb", &got, &mask, 4);
    }
    group_end();

    group_begin("maskmovq/maskmovdqu");
    for (int n = 0; n < 400; n++) {
        uint8_t got[32], want[32];
        XMMReg d, mask;
        random_xmm(&d);
        random_xmm(&mask);
        memset(got, n, sizeof(got));
        memset(want, n, sizeof(want));
        native_maskmovq((MMXReg *)&d, (MMXReg *)&mask, want + 8);
        helper_maskmov_mmx(&env, (MMXReg *)&d, (MMXReg *)&mask, (uintptr_t)(got + 8));
        compare("maskmovq", got, want, sizeof(got));
        native_maskmovdqu(&d, &mask, want + 8);
        helper_maskmov(&env, &d, &mask, (uintptr_t)(got + 8));
        compare("maskmovdqu", got, want, sizeof(got));
    }
    group_end();
}

/* ---- SSE floating point, under every MXCSR rounding / DAZ / FTZ ---- */

static const uint32_t mxcsr_modes[] = {
    0x1f80, 0x3f80, 0x5f80, 0x7f80,     /* nearest, down, up, toward zero */
    0x1f80 | 0x8040,                    /* FTZ + DAZ */
};

static const uint64_t double_specials[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
    0xbff0000000000000, 0x3fd5555555555555, 0x4008000000000000,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
    0x7ff4000000000000, 0xfff8000000000001, 0x0000000000000001,
    0x800fffffffffffff, 0x7fefffffffffffff, 0x41e0000000000000,
    0xc1e0000000000000, 0x43e0000000000000, 0x4037000000000001,
    0x3ff8000000000000, 0xc004000000000000, 0x0010000000000000,
};

static const uint32_t float_specials[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3eaaaaab, 0x40400000,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0xffc00001, 0x00000001,
    0x807fffff, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x3fc00000, 0xc0200000,
    0x00800000, 0x5f000000, 0x40b80001,
};

static void special_xmm(XMMReg *r)
{
    if (rng() & 1) {
        for (int i = 0; i < 2; i++) {
            r->_q[i] = rng() & 3 ? double_specials[rng() % ARRAY_SIZE(double_specials)]
                                 : rng();
        }
    } else {
        for (int i = 0; i < 4; i++) {
            r->_l[i] = rng() & 3 ? float_specials[rng() % ARRAY_SIZE(float_specials)]
                                 : (uint32_t)rng();
        }
    }
}

#define NATIVE_FP(name, insn)                                             \
static uint32_t native_##name(uint32_t mxcsr, XMMReg *d, const XMMReg *s) \
{                                                                         \
    host_xmm dv, sv;                                                      \
    uint32_t out, saved;                                                  \
    memcpy(&dv, d, 16);                                                   \
    memcpy(&sv, s, 16);                                                   \
    __asm__ __volatile__("stmxcsr %[saved]\n\tldmxcsr %[m]\n\t"           \
                         insn " %[s], %[d]\n\t"                           \
                         "stmxcsr %[out]\n\tldmxcsr %[saved]"             \
                         : [d] "+x"(dv), [out] "=m"(out), [saved] "=m"(saved) \
                         : [s] "x"(sv), [m] "m"(mxcsr));                  \
    memcpy(d, &dv, 16);                                                   \
    return out;                                                           \
}
SSE_FP_OPS(NATIVE_FP)

/* a helper d = op(d, s) and the host instruction it stands for */
typedef struct FpOp {
    const char *name;
    void (*helper)(CPUX86State *, XMMReg *, XMMReg *);
    uint32_t (*native)(uint32_t, XMMReg *, const XMMReg *);
} FpOp;

/* op on d and s, under MXCSR mode: the helper against the host */
static void check_fp_op(const FpOp *op, uint32_t mode, XMMReg d, XMMReg s)
{
    XMMReg want = d;
    uint32_t want_mxcsr = op->native(mode, &want, &s);

    env.mxcsr = mode;
    op->helper(&env, &d, &s);
    compare("result", &d, &want, 16);
    compare("mxcsr", &env.mxcsr, &want_mxcsr, 4);
}

static void test_sse_fp(void)
{
    static const FpOp ops[] = {
#define FP_ENTRY(name, insn) { #name, helper_##name, native_##name },
        SSE_FP_OPS(FP_ENTRY)
    };

    for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
        group_begin(ops[k].name);
        for (int n = 0; n < 400; n++) {
            uint32_t mode = mxcsr_modes[n % ARRAY_SIZE(mxcsr_modes)];
            XMMReg d, s;
            special_xmm(&d);
            special_xmm(&s);
            check_fp_op(&ops[k], mode, d, s);
        }
        group_end();
    }
}

/*
 * rcp and rsqrt come from tables of this host's results (fpu/sse-approx.c),
 * whose rules for exponents, signs, denormals and NaNs are checked here:
 * every sign, exponent and top 12 significand bits (what the tables are
 * indexed by) with random low bits, under each MXCSR mode and with every
 * exception unmasked.  TEST_SSE_APPROX_ALL=1 in the environment takes all
 * the low bits instead: every one of the 2^32 inputs (2 minutes here).
 */
static void test_sse_approx(void)
{
    static const FpOp ops[] = {
        { "rcpps: every sign, exponent and top 12 bits", helper_rcpps,
          native_rcpps },
        { "rsqrtps: every sign, exponent and top 12 bits", helper_rsqrtps,
          native_rsqrtps },
    };
    const uint32_t all_unmasked = 0;
    const int low_bits = 11;
    uint32_t lows = getenv("TEST_SSE_APPROX_ALL") ? 1u << low_bits : 1;

    for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
        group_begin(ops[k].name);
        for (uint32_t high = 0; high < 1u << (32 - low_bits); high += 4) {
            for (uint32_t low = 0; low < lows; low++) {
                size_t n = high / 4 % (ARRAY_SIZE(mxcsr_modes) + 1);
                uint32_t mode = n < ARRAY_SIZE(mxcsr_modes) ? mxcsr_modes[n]
                                                            : all_unmasked;
                XMMReg s;

                for (int i = 0; i < 4; i++) {
                    s._l[i] = (high + i) << low_bits |
                              (lows > 1 ? low : rng() & ((1u << low_bits) - 1));
                }
                check_fp_op(&ops[k], mode, s, s);
            }
        }
        group_end();
    }
}

/*
 * SSE4.1's dpps, dppd and round*, for every immediate: the host
 * instruction needs its immediate as a constant, hence one case each.
 */
#define FP_IMM(n, insn)                                                   \
    case n:                                                               \
        __asm__ __volatile__(insn " %[imm], %[s], %[d]"                   \
                             : [d] "+x"(dv) : [s] "x"(sv), [imm] "i"(n)); \
        break;
#define FP_IMM_4(n, insn) FP_IMM(n, insn) FP_IMM((n) + 1, insn) \
    FP_IMM((n) + 2, insn) FP_IMM((n) + 3, insn)
#define FP_IMM_16(n, insn) FP_IMM_4(n, insn) FP_IMM_4((n) + 4, insn) \
    FP_IMM_4((n) + 8, insn) FP_IMM_4((n) + 12, insn)
#define FP_IMM_64(n, insn) FP_IMM_16(n, insn) FP_IMM_16((n) + 16, insn) \
    FP_IMM_16((n) + 32, insn) FP_IMM_16((n) + 48, insn)
#define NATIVE_FP_IMMOP(name, insn)                                       \
static uint32_t native_##name(uint32_t mxcsr, XMMReg *d, const XMMReg *s, \
                              int imm)                                    \
{                                                                         \
    host_xmm dv, sv;                                                      \
    uint32_t out, saved;                                                  \
    memcpy(&dv, d, 16);                                                   \
    memcpy(&sv, s, 16);                                                   \
    __asm__ __volatile__("stmxcsr %0\n\tldmxcsr %1" : "=m"(saved)        \
                         : "m"(mxcsr) : "memory");                        \
    switch (imm) {                                                        \
    FP_IMM_64(0, insn) FP_IMM_64(64, insn)                                \
    FP_IMM_64(128, insn) FP_IMM_64(192, insn)                             \
    }                                                                     \
    __asm__ __volatile__("stmxcsr %0\n\tldmxcsr %1" : "=m"(out)          \
                         : "m"(saved) : "memory");                        \
    memcpy(d, &dv, 16);                                                   \
    return out;                                                           \
}
SSE_FP_IMMOPS(NATIVE_FP_IMMOP)

static void test_sse_fp_imm(void)
{
    static const struct {
        const char *name;
        void (*helper)(CPUX86State *, XMMReg *, XMMReg *, uint32_t);
        uint32_t (*native)(uint32_t, XMMReg *, const XMMReg *, int);
    } ops[] = {
#define FP_IMM_ENTRY(name, insn) { #name, helper_##name, native_##name },
        SSE_FP_IMMOPS(FP_IMM_ENTRY)
    };

    for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
        group_begin(ops[k].name);
        for (int n = 0; n < 256 * 40; n++) {
            uint32_t mode = mxcsr_modes[n / 256 % ARRAY_SIZE(mxcsr_modes)];
            XMMReg d, s, want;
            special_xmm(&d);
            special_xmm(&s);
            want = d;
            uint32_t want_mxcsr = ops[k].native(mode, &want, &s, n % 256);
            env.mxcsr = mode;
            ops[k].helper(&env, &d, &s, n % 256);
            compare("result", &d, &want, 16);
            compare("mxcsr", &env.mxcsr, &want_mxcsr, 4);
        }
        group_end();
    }
}

#define NATIVE_COMIS(name, insn)                                          \
static uint32_t native_##name(uint32_t *mxcsr, const XMMReg *d,           \
                              const XMMReg *s)                            \
{                                                                         \
    host_xmm dv, sv;                                                      \
    uint32_t saved;                                                       \
    bool zf, pf, cf;                                                      \
    memcpy(&dv, d, 16);                                                   \
    memcpy(&sv, s, 16);                                                   \
    __asm__ __volatile__("stmxcsr %[saved]\n\tldmxcsr %[m]\n\t"           \
                         insn " %[s], %[d]\n\t"                           \
                         : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf),         \
                           [saved] "=m"(saved)                            \
                         : [d] "x"(dv), [s] "x"(sv), [m] "m"(*mxcsr));    \
    __asm__ __volatile__("stmxcsr %0\n\tldmxcsr %1"                       \
                         : "=m"(*mxcsr) : "m"(saved));                    \
    return (zf ? CC_Z : 0) | (pf ? CC_P : 0) | (cf ? CC_C : 0);           \
}
SSE_COMIS(NATIVE_COMIS)

static void test_sse_comis(void)
{
    static const struct {
        const char *name;
        uint32_t (*helper)(CPUX86State *, XMMReg *, XMMReg *);
        uint32_t (*native)(uint32_t *, const XMMReg *, const XMMReg *);
    } ops[] = {
#define COMIS_ENTRY(name, insn) { #name, helper_##name, native_##name },
        SSE_COMIS(COMIS_ENTRY)
    };

    for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
        group_begin(ops[k].name);
        for (int n = 0; n < 400; n++) {
            uint32_t mode = mxcsr_modes[n % ARRAY_SIZE(mxcsr_modes)];
            uint32_t want_mxcsr = mode;
            XMMReg d, s;
            special_xmm(&d);
            special_xmm(&s);
            uint32_t want = ops[k].native(&want_mxcsr, &d, &s);
            env.mxcsr = mode;
            uint32_t got = ops[k].helper(&env, &d, &s);
            compare("flags", &got, &want, 4);
            compare("mxcsr", &env.mxcsr, &want_mxcsr, 4);
        }
        group_end();
    }
}

/* conversions between scalar FP and 32/64-bit integers */
#define NATIVE_CVT_TO(name, insn)                                         \
static uint64_t native_##name(uint32_t *mxcsr, const XMMReg *s, bool q)   \
{                                                                         \
    host_xmm sv;                                                          \
    uint32_t saved;                                                       \
    uint32_t r32;                                                         \
    uint64_t r64;                                                         \
    memcpy(&sv, s, 16);                                                   \
    __asm__ __volatile__("stmxcsr %[saved]\n\tldmxcsr %[m]\n\t"           \
                         insn " %[s], %[r32]\n\t" insn " %[s], %[r64]\n\t" \
                         "stmxcsr %[m]\n\tldmxcsr %[saved]"               \
                         : [r32] "=&r"(r32), [r64] "=&r"(r64),            \
                           [saved] "=m"(saved), [m] "+m"(*mxcsr)          \
                         : [s] "x"(sv));                                  \
    return q ? r64 : r32;                                                 \
}
SSE_CVT_TO_INT(NATIVE_CVT_TO)

static void test_sse_cvt(void)
{
    static const struct {
        const char *name;
        uint32_t (*helper_l)(CPUX86State *, XMMReg *);
        uint64_t (*helper_q)(CPUX86State *, XMMReg *);
        uint64_t (*native)(uint32_t *, const XMMReg *, bool);
    } to_ops[] = {
#define CVT_TO_ENTRY(name, insn) \
        { #name, helper_##name##_l, helper_##name##_q, native_##name },
        SSE_CVT_TO_INT(CVT_TO_ENTRY)
    };

    for (size_t k = 0; k < ARRAY_SIZE(to_ops); k++) {
        group_begin(to_ops[k].name);
        for (int n = 0; n < 400; n++) {
            uint32_t mode = mxcsr_modes[n % ARRAY_SIZE(mxcsr_modes)];
            uint32_t m32 = mode, m64 = mode;
            XMMReg s;
            special_xmm(&s);
            /* the two natives run in one asm: flags are their union */
            uint64_t want32 = (uint32_t)to_ops[k].native(&m32, &s, false);
            uint64_t want64 = to_ops[k].native(&m64, &s, true);
            env.mxcsr = mode;
            uint64_t got32 = to_ops[k].helper_l(&env, &s);
            uint64_t got64 = to_ops[k].helper_q(&env, &s);
            compare("int32", &got32, &want32, 8);
            compare("int64", &got64, &want64, 8);
            compare("mxcsr", &env.mxcsr, &m64, 4);
        }
        group_end();
    }

    group_begin("cvtsi2sd/cvtsi2ss");
    for (int n = 0; n < 400; n++) {
        uint32_t mode = mxcsr_modes[n % ARRAY_SIZE(mxcsr_modes)];
        uint64_t v = rng() >> (rng() % 64);
        host_xmm dv;
        XMMReg d, want[4];
        uint32_t want_mxcsr[4], saved;
        random_xmm(&d);
        for (int i = 0; i < 4; i++) {
            memcpy(&dv, &d, 16);
            want_mxcsr[i] = mode;
            switch (i) {
            case 0:
                __asm__ __volatile__("stmxcsr %1\n\tldmxcsr %2\n\tcvtsi2sdl %3, %0\n\t"
                                     "stmxcsr %2\n\tldmxcsr %1"
                                     : "+x"(dv), "=m"(saved), "+m"(want_mxcsr[i])
                                     : "r"((uint32_t)v));
                break;
            case 1:
                __asm__ __volatile__("stmxcsr %1\n\tldmxcsr %2\n\tcvtsi2sdq %3, %0\n\t"
                                     "stmxcsr %2\n\tldmxcsr %1"
                                     : "+x"(dv), "=m"(saved), "+m"(want_mxcsr[i])
                                     : "r"(v));
                break;
            case 2:
                __asm__ __volatile__("stmxcsr %1\n\tldmxcsr %2\n\tcvtsi2ssl %3, %0\n\t"
                                     "stmxcsr %2\n\tldmxcsr %1"
                                     : "+x"(dv), "=m"(saved), "+m"(want_mxcsr[i])
                                     : "r"((uint32_t)v));
                break;
            default:
                __asm__ __volatile__("stmxcsr %1\n\tldmxcsr %2\n\tcvtsi2ssq %3, %0\n\t"
                                     "stmxcsr %2\n\tldmxcsr %1"
                                     : "+x"(dv), "=m"(saved), "+m"(want_mxcsr[i])
                                     : "r"(v));
                break;
            }
            memcpy(&want[i], &dv, 16);
        }
        for (int i = 0; i < 4; i++) {
            XMMReg got = d;
            env.mxcsr = mode;
            switch (i) {
            case 0:
                helper_cvtsi2sd_l(&env, &got, v);
                break;
            case 1:
                helper_cvtsi2sd_q(&env, &got, v);
                break;
            case 2:
                helper_cvtsi2ss_l(&env, &got, v);
                break;
            default:
                helper_cvtsi2ss_q(&env, &got, v);
                break;
            }
            compare("result", &got, &want[i], 16);
            compare("mxcsr", &env.mxcsr, &want_mxcsr[i], 4);
        }
    }
    group_end();
}

/* A few fixed expectations, independent of the host-vs-host comparison. */
static void test_sse_known_values(void)
{
    XMMReg a = { ._d = { 1e300, 0 } }, b = { ._d = { -1.0 / 0.0, 0 } };
    uint32_t flags;

    group_begin("sse known values");
    env.mxcsr = 0x1f80;
    a._d[0] = 1e10;
    uint32_t i = helper_cvttsd2si_l(&env, &a);
    compare("cvttsd2si overflow", &i, &(uint32_t){ 0x80000000 }, 4);
    if (!(env.mxcsr & 1)) {
        mismatch("cvttsd2si IE", &env.mxcsr, &(uint32_t){ 0x1f81 }, 4);
    }
    env.mxcsr = 0x1f80;
    a._q[0] = 0x7ff8000000000000ULL;
    flags = helper_comisd(&env, &a, &b);
    compare("comisd NaN flags", &flags, &(uint32_t){ CC_Z | CC_P | CC_C }, 4);
    compare("comisd NaN IE", &env.mxcsr, &(uint32_t){ 0x1f81 }, 4);
    env.mxcsr = 0x1f80;
    flags = helper_ucomisd(&env, &a, &b);
    compare("ucomisd QNaN no IE", &env.mxcsr, &(uint32_t){ 0x1f80 }, 4);
    env.mxcsr = 0x3f80;    /* round down */
    a._d[0] = 1.0;
    b._d[0] = 3.0;
    helper_divsd(&env, &a, &b);
    compare("divsd round down", &a._q[0], &(uint64_t){ 0x3fd5555555555555ULL }, 8);
    env.mxcsr = 0x5f80;    /* round up */
    a._d[0] = 1.0;
    helper_divsd(&env, &a, &b);
    compare("divsd round up", &a._q[0], &(uint64_t){ 0x3fd5555555555556ULL }, 8);
    group_end();
}

/* ---- x87: whole FNSAVE images after the same sequence ---- */

#define FNSAVE_BYTES 108
#define FXSAVE_BYTES 512
#define FSW_NO_CC 0xb8ff       /* arithmetic leaves C0..C3 ill-defined */
#define FSW_ALL 0xffff

static void compare_fnsave(const char *what, const uint8_t *got,
                           const uint8_t *want, uint16_t fsw_mask)
{
    uint16_t g, w;

    compare("FCW", got, want, 2);
    memcpy(&g, got + 4, 2);
    memcpy(&w, want + 4, 2);
    g &= fsw_mask;
    w &= fsw_mask;
    compare("FSW", &g, &w, 2);
    compare("FTW", got + 8, want + 8, 2);
    compare(what, got + 28, want + 28, FNSAVE_BYTES - 28);
}

/*
 * The FXSAVE fields an emulated image must match: FCW, FSW (masked like
 * FNSAVE's), the abridged tags, and the ten bytes of each register.  The
 * last-instruction pointers are the translator's (gen_x87_pointers), not
 * the helpers' (tests/tcg/multiarch/x87-pointers.c checks them).
 */
static void compare_fxsave(const uint8_t *got, const uint8_t *want,
                           uint16_t fsw_mask)
{
    uint16_t g, w;

    compare("FXSAVE FCW", got, want, 2);
    memcpy(&g, got + 2, 2);
    memcpy(&w, want + 2, 2);
    g &= fsw_mask;
    w &= fsw_mask;
    compare("FXSAVE FSW", &g, &w, 2);
    compare("FXSAVE abridged FTW", got + 4, want + 4, 1);
    for (int i = 0; i < 8; i++) {
        compare("FXSAVE register", got + 32 + 16 * i, want + 32 + 16 * i, 10);
    }
}

/*
 * native: zero all eight registers (the images hold empty ones too, whose
 * contents earlier tests left); fninit; fldcw; push b; push a; insn;
 * fxsave; fnsave.  insn may use %[mem] (16 bytes, read and written), and
 * mm registers: FNSAVE's reinitialisation leaves the host's x87 stack
 * empty again.
 */
#define X87_NATIVE(fn, insn)                                              \
static void fn(uint16_t cw, const floatx80 *a, const floatx80 *b,         \
               void *mem, uint8_t *save, uint8_t *fxsave)                 \
{                                                                         \
    __asm__ __volatile__("fninit\n\t" ".rept 8\n\tfldz\n\t.endr\n\t"        \
                         "fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\t"         \
                         "fldt %[a]\n\t" insn "\n\tfxsave %[fx]\n\t"       \
                         "fnsave %[save]"                                 \
                         : [save] "=m"(*(uint8_t (*)[FNSAVE_BYTES])save), \
                           [fx] "=m"(*(uint8_t (*)[FXSAVE_BYTES])fxsave), \
                           [mem] "+m"(*(uint8_t (*)[16])mem)              \
                         : [cw] "m"(cw), [a] "m"(*a), [b] "m"(*b)         \
                         : "st", "st(1)", "st(2)", "st(3)", "st(4)",      \
                           "st(5)", "st(6)", "st(7)");                    \
}

static void x87_helper_run(uint16_t cw, const floatx80 *a, const floatx80 *b,
                           void (*op)(CPUX86State *, void *), void *mem,
                           uint8_t *save, uint8_t *fxsave)
{
    cpu_x86_fpu_reset(&env);
    memset(env.fpregs, 0, sizeof(env.fpregs));
    env.fpuc = cw;
    helper_fld_mem(&env, (uintptr_t)b, X87_FMT_F80);
    helper_fld_mem(&env, (uintptr_t)a, X87_FMT_F80);
    op(&env, mem);
    helper_fxsave(&env, (uintptr_t)fxsave, 0);
    helper_fnsave(&env, (uintptr_t)save, 1);
}

/*
 * What the translator adds around an MMX helper: the MMX state, and all
 * ones in the sign and exponent of the register it writes.
 */
static MMXReg *mmx_write(CPUX86State *e, int reg)
{
    helper_enter_mmx(e);
    e->fpregs[reg].d.high = 0xffff;
    return &e->fpregs[reg].mmx;
}

/*
 * (name, native instruction(s), helper call on e/mem, FSW compare mask).
 * Not the transcendentals, whose results are within one unit in the last
 * place of the host's only, and undefined outside their domain:
 * test-softfloat-x80.c compares them with the host to that tolerance,
 * tests/tcg/multiarch/x87-special.c their whole instructions.
 */
#define X87_CASES(X) \
    X(fadd, "fadd %%st(1), %%st", helper_farith_reg(e, 0, 1, X87_OP_ADD), FSW_NO_CC) \
    X(fsub, "fsub %%st(1), %%st", helper_farith_reg(e, 0, 1, X87_OP_SUB), FSW_NO_CC) \
    X(fsubr, "fsubr %%st(1), %%st", helper_farith_reg(e, 0, 1, X87_OP_SUBR), FSW_NO_CC) \
    X(fmul, "fmul %%st(1), %%st", helper_farith_reg(e, 0, 1, X87_OP_MUL), FSW_NO_CC) \
    X(fdiv, "fdiv %%st(1), %%st", helper_farith_reg(e, 0, 1, X87_OP_DIV), FSW_NO_CC) \
    X(fdivr, "fdivr %%st(1), %%st", helper_farith_reg(e, 0, 1, X87_OP_DIVR), FSW_NO_CC) \
    X(fdivp_sti, ".byte 0xde, 0xf9", \
      (helper_farith_reg(e, 1, 0, X87_OP_DIV), helper_fpop(e)), FSW_NO_CC) \
    X(fsubrp_sti, ".byte 0xde, 0xe1", \
      (helper_farith_reg(e, 1, 0, X87_OP_SUBR), helper_fpop(e)), FSW_NO_CC) \
    X(fcom, "fcom %%st(1)", helper_fcom(e, 1, 0), FSW_ALL) \
    X(fucompp, "fucompp", (helper_fcom(e, 1, 1), helper_fpop(e), helper_fpop(e)), FSW_ALL) \
    X(fxch, "fxch %%st(1)", helper_fxch(e, 1), FSW_ALL) \
    X(fld_st1, "fld %%st(1)", helper_fld_sti(e, 1), FSW_ALL) \
    X(fstp_st1, "fstp %%st(1)", (helper_fst_sti(e, 1), helper_fpop(e)), FSW_ALL) \
    X(fchs, "fchs", helper_fpu_special(e, 0x00), FSW_NO_CC) \
    X(fabs, "fabs", helper_fpu_special(e, 0x01), FSW_NO_CC) \
    X(ftst, "ftst", helper_fpu_special(e, 0x04), FSW_ALL) \
    X(fxam, "fxam", helper_fpu_special(e, 0x05), FSW_ALL) \
    X(fldpi, "fldpi", helper_fpu_special(e, 0x0b), FSW_NO_CC) \
    X(fldl2e, "fldl2e", helper_fpu_special(e, 0x0a), FSW_NO_CC) \
    X(fxtract, "fxtract", helper_fpu_special(e, 0x14), FSW_NO_CC) \
    X(fprem1, "fprem1", helper_fpu_special(e, 0x15), FSW_ALL) \
    X(fprem, "fprem", helper_fpu_special(e, 0x18), FSW_ALL) \
    X(fsqrt, "fsqrt", helper_fpu_special(e, 0x1a), FSW_NO_CC) \
    X(frndint, "frndint", helper_fpu_special(e, 0x1c), FSW_NO_CC) \
    X(fscale, "fscale", helper_fpu_special(e, 0x1d), FSW_NO_CC) \
    /* memory formats: loads push a third value, stores write mem */ \
    X(flds, "flds %[mem]", helper_fld_mem(e, (uintptr_t)mem, X87_FMT_F32), FSW_NO_CC) \
    X(fldl, "fldl %[mem]", helper_fld_mem(e, (uintptr_t)mem, X87_FMT_F64), FSW_NO_CC) \
    X(fldt, "fldt %[mem]", helper_fld_mem(e, (uintptr_t)mem, X87_FMT_F80), FSW_NO_CC) \
    X(filds, "filds %[mem]", helper_fld_mem(e, (uintptr_t)mem, X87_FMT_I16), FSW_NO_CC) \
    X(fildl, "fildl %[mem]", helper_fld_mem(e, (uintptr_t)mem, X87_FMT_I32), FSW_NO_CC) \
    X(fildll, "fildll %[mem]", helper_fld_mem(e, (uintptr_t)mem, X87_FMT_I64), FSW_NO_CC) \
    X(fsts, "fsts %[mem]", helper_fst_mem(e, (uintptr_t)mem, X87_FMT_F32), FSW_NO_CC) \
    X(fstpl, "fstpl %[mem]", \
      (helper_fst_mem(e, (uintptr_t)mem, X87_FMT_F64), helper_fpop(e)), FSW_NO_CC) \
    X(fstpt, "fstpt %[mem]", \
      (helper_fst_mem(e, (uintptr_t)mem, X87_FMT_F80), helper_fpop(e)), FSW_NO_CC) \
    X(fists, "fists %[mem]", helper_fst_mem(e, (uintptr_t)mem, X87_FMT_I16), FSW_NO_CC) \
    X(fistpl, "fistpl %[mem]", \
      (helper_fst_mem(e, (uintptr_t)mem, X87_FMT_I32), helper_fpop(e)), FSW_NO_CC) \
    X(fistpll, "fistpll %[mem]", \
      (helper_fst_mem(e, (uintptr_t)mem, X87_FMT_I64), helper_fpop(e)), FSW_NO_CC) \
    X(fadds, "fadds %[mem]", helper_farith_mem(e, (uintptr_t)mem, X87_FMT_F32, X87_OP_ADD), FSW_NO_CC) \
    X(fdivrl, "fdivrl %[mem]", helper_farith_mem(e, (uintptr_t)mem, X87_FMT_F64, X87_OP_DIVR), FSW_NO_CC) \
    X(fimull, "fimull %[mem]", helper_farith_mem(e, (uintptr_t)mem, X87_FMT_I32, X87_OP_MUL), FSW_NO_CC) \
    X(fisubs, "fisubs %[mem]", helper_farith_mem(e, (uintptr_t)mem, X87_FMT_I16, X87_OP_SUB), FSW_NO_CC) \
    X(fcompl, "fcompl %[mem]", \
      (helper_farith_mem(e, (uintptr_t)mem, X87_FMT_F64, X87_OP_COMP), helper_fpop(e)), FSW_ALL) \
    X(fbld, "fbld %[mem]", helper_fld_mem(e, (uintptr_t)mem, X87_FMT_BCD), FSW_NO_CC) \
    X(fbstp, "fbstp %[mem]", \
      (helper_fst_mem(e, (uintptr_t)mem, X87_FMT_BCD), helper_fpop(e)), FSW_NO_CC) \
    /* the undocumented register-form aliases, as their documented twins */ \
    X(fstp1, ".byte 0xd9, 0xd9", (helper_fst_sti(e, 1), helper_fpop(e)), FSW_ALL) \
    X(fstp8, ".byte 0xdf, 0xd3", (helper_fst_sti(e, 3), helper_fpop(e)), FSW_ALL) \
    X(fstp9, ".byte 0xdf, 0xd9", (helper_fst_sti(e, 1), helper_fpop(e)), FSW_ALL) \
    X(fxch4, ".byte 0xdd, 0xc9", helper_fxch(e, 1), FSW_ALL) \
    X(fxch7, ".byte 0xdf, 0xcb", helper_fxch(e, 3), FSW_ALL) \
    X(fcom2, ".byte 0xdc, 0xd1", helper_fcom(e, 1, 0), FSW_ALL) \
    X(fcomp3, ".byte 0xdc, 0xd9", (helper_fcom(e, 1, 0), helper_fpop(e)), FSW_ALL) \
    X(fcomp5, ".byte 0xde, 0xd2", (helper_fcom(e, 2, 0), helper_fpop(e)), FSW_ALL) \
    /* MMX over the x87 registers (mm6 = a, mm7 = b), and EMMS */ \
    X(mmx_paddb, "paddb %[mem], %%mm6", \
      helper_paddb_mmx(e, mmx_write(e, 6), mem), FSW_ALL) \
    X(mmx_psrlq, "psrlq %[mem], %%mm7", \
      helper_psrlq_mmx(e, mmx_write(e, 7), mem), FSW_ALL) \
    X(mmx_pcmpeqb, "pcmpeqb %%mm6, %%mm6", \
      helper_pcmpeqb_mmx(e, mmx_write(e, 6), &e->fpregs[6].mmx), FSW_ALL) \
    X(mmx_load, "movq %[mem], %%mm0", memcpy(mmx_write(e, 0), mem, 8), FSW_ALL) \
    X(mmx_store, "movq %%mm7, %[mem]", \
      (helper_enter_mmx(e), memcpy(mem, &e->fpregs[7].mmx, 8)), FSW_ALL) \
    X(emms, "emms", helper_emms(e), FSW_ALL) \
    X(mmx_emms, "paddb %[mem], %%mm6\n\temms", \
      (helper_paddb_mmx(e, mmx_write(e, 6), mem), helper_emms(e)), FSW_ALL) \
    X(mmx_fld1, "pcmpeqb %%mm6, %%mm6\n\tfld1", \
      (helper_pcmpeqb_mmx(e, mmx_write(e, 6), &e->fpregs[6].mmx), \
       helper_fpu_special(e, 0x08)), FSW_ALL)

#define X87_NATIVE_CASE(name, insn, call, mask) X87_NATIVE(native_##name, insn)
X87_CASES(X87_NATIVE_CASE)

#define X87_HELPER_CASE(name, insn, call, mask) \
static void helper_case_##name(CPUX86State *e, void *mem) { call; }
X87_CASES(X87_HELPER_CASE)

static const struct {
    const char *name;
    void (*native)(uint16_t, const floatx80 *, const floatx80 *, void *, uint8_t *,
                   uint8_t *);
    void (*helper)(CPUX86State *, void *);
    uint16_t fsw_mask;
} x87_cases[] = {
#define X87_ENTRY(name, insn, call, mask) \
    { #name, native_##name, helper_case_##name, mask },
    X87_CASES(X87_ENTRY)
};

static const floatx80 x87_specials[] = {
    { 0, 0 }, { 0, 0x8000 },                                   /* +-0 */
    { 0x8000000000000000ULL, 0x3fff }, { 0x8000000000000000ULL, 0xbfff },
    { 0xaaaaaaaaaaaaaaabULL, 0x3ffd },                         /* 1/3 */
    { 0xc90fdaa22168c235ULL, 0x4000 },                         /* ~pi */
    { 0xc000000000000000ULL, 0x4000 },                         /* 3 */
    { 0xa000000000000000ULL, 0x4001 },                         /* 5 */
    { 0xc000000000000000ULL, 0x3fff },                         /* 1.5 */
    { 0xa000000000000000ULL, 0xc000 },                         /* -2.5 */
    { 0x8000000000000000ULL, 0x7fff }, { 0x8000000000000000ULL, 0xffff },
    { 0xc000000000000000ULL, 0x7fff }, { 0xc000000000000001ULL, 0xffff },
    { 0x8000000000000001ULL, 0x7fff },                         /* SNaN */
    { 0x0000000000001234ULL, 0x0000 },                         /* denormal */
    { 0xffffffffffffffffULL, 0x7ffe },                         /* max */
    { 0x8000000000000000ULL, 0x0001 },                         /* min normal */
    { 0x8000000000000000ULL, 0x403e + 8 },                     /* 2^71 */
    { 0xffffffff00000000ULL, 0x401e },                         /* 2^32-1 */
    { 0x8000000000000000ULL, 0x401e },                         /* 2^31 */
    { 0xfffe000000000000ULL, 0x400d },                         /* 32767 */
    { 0xd6bf94d5e57a42bcULL, 0x3ffe },                         /* 0.8388 */
    { 0xb17217f7d1cf79abULL, 0x3ffe },                         /* ln 2 */
};

static void random_floatx80(floatx80 *f)
{
    if (rng() & 3) {
        *f = x87_specials[rng() % ARRAY_SIZE(x87_specials)];
    } else {
        f->low = rng() | 1ULL << 63;
        f->high = 0x3fc0 + rng() % 0x80 + (rng() & 0x8000);
    }
}

static void test_x87(void)
{
    for (size_t k = 0; k < ARRAY_SIZE(x87_cases); k++) {
        group_begin(x87_cases[k].name);
        for (int n = 0; n < 800; n++) {
            /* every rounding mode, extended and double precision */
            uint16_t cw = 0x7f | ((n & 1) ? 0x200 : 0x300) | ((n >> 1) & 3) << 10;
            floatx80 a, b;
            uint8_t mem_native[16], mem_helper[16];
            uint8_t want[FNSAVE_BYTES], got[FNSAVE_BYTES];
            uint8_t fx_want[FXSAVE_BYTES] __attribute__((aligned(16)));
            uint8_t fx_got[FXSAVE_BYTES] __attribute__((aligned(16)));
            random_floatx80(&a);
            random_floatx80(&b);
            for (int i = 0; i < 16; i += 8) {
                uint64_t v = rng();
                if (rng() & 1) {
                    /* small integers and specials for the memory forms */
                    v = (int64_t)(rng() % 70000) - 35000;
                }
                memcpy(mem_native + i, &v, 8);
            }
            memcpy(mem_helper, mem_native, 16);
            x87_cases[k].native(cw, &a, &b, mem_native, want, fx_want);
            x87_helper_run(cw, &a, &b, x87_cases[k].helper, mem_helper, got, fx_got);
            compare_fnsave("registers", got, want, x87_cases[k].fsw_mask);
            compare_fxsave(fx_got, fx_want, x87_cases[k].fsw_mask);
            compare("memory", mem_helper, mem_native, 16);
        }
        group_end();
    }
}

/* FXSAVE/FXRSTOR and FNSTENV/FLDENV round trips through guest memory. */
static void test_state_images(void)
{
    uint8_t image[512] __attribute__((aligned(16)));
    CPUX86State saved;

    group_begin("fxsave/fxrstor");
    cpu_x86_fpu_reset(&env);
    for (int i = 0; i < 3; i++) {
        floatx80 f = x87_specials[i + 4];
        helper_fld_mem(&env, (uintptr_t)&f, X87_FMT_F80);
    }
    for (int i = 0; i < CPU_NB_REGS; i++) {
        random_xmm(&env.xmm_regs[i].xmm);
    }
    env.mxcsr = 0x3fa1;
    env.fpuc = 0x27f;
    saved = env;
    helper_fxsave(&env, (uintptr_t)image, 1);
    cpu_x86_fpu_reset(&env);
    helper_fxrstor(&env, (uintptr_t)image, 1);
    compare("mxcsr", &env.mxcsr, &saved.mxcsr, 4);
    compare("fpuc", &env.fpuc, &saved.fpuc, 2);
    compare("fpstt", &env.fpstt, &saved.fpstt, sizeof(env.fpstt));
    compare("tags", env.fptags, saved.fptags, 8);
    compare("xmm", env.xmm_regs, saved.xmm_regs, sizeof(env.xmm_regs));
    for (int i = 0; i < 8; i++) {
        if (!env.fptags[i]) {
            compare("st", &env.fpregs[i].d, &saved.fpregs[i].d, 10);
        }
    }
    group_end();

    group_begin("fnsave/frstor");
    env = saved;
    helper_fnsave(&env, (uintptr_t)image, 1);
    compare("fninit after fnsave", &env.fpuc, &(uint16_t){ 0x37f }, 2);
    helper_frstor(&env, (uintptr_t)image, 1);
    compare("fpuc", &env.fpuc, &saved.fpuc, 2);
    compare("fpstt", &env.fpstt, &saved.fpstt, sizeof(env.fpstt));
    compare("tags", env.fptags, saved.fptags, 8);
    for (int i = 0; i < 8; i++) {
        if (!env.fptags[i]) {
            compare("st", &env.fpregs[i].d, &saved.fpregs[i].d, 10);
        }
    }
    group_end();
}

int main(void)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

    guest_base = 0;
    page_set_flags((sp - (1 << 20)) & TARGET_PAGE_MASK,
                   TARGET_PAGE_ALIGN(sp + 4096),
                   PAGE_VALID | PAGE_READ | PAGE_WRITE);
    tlb_flush(&env);
    cpu_x86_fpu_reset(&env);
    test_sse_int();
    test_sse_imm();
    test_sse_mask();
    test_mmx_int();
    test_mmx_other();
    test_sse_fp();
    test_sse_approx();
    test_sse_fp_imm();
    test_sse_comis();
    test_sse_cvt();
    test_sse_known_values();
    test_x87();
    test_state_images();
    return failures ? 1 : 0;
}
#else
/* Built with the i386 target's flags, guest addresses are 32 bits and
   cannot carry the host pointers these tests use. */
int main(void)
{
    printf("PASS sse-fpu not run: needs the x86_64 target's build\n");
    return 0;
}
#endif
