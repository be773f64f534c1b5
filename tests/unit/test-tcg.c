/*
 * test-tcg.c: unit tests of the IR engine and the x86-64 backend.  Each test
 * builds IR by hand on globals bound to fields of a private CPUX86State,
 * generates host code, runs it through the prologue and compares the result
 * with the same computation in C.  Covers every arithmetic/logic op on both
 * sizes over edge values (register, immediate and constant-folded forms),
 * conditions, mul2, clz/ctz, bswap, deposit/extract, guest loads/stores,
 * the optimiser, dead-code removal, helper calls, spilling, local temps,
 * goto_tb chaining, goto_ptr and the per-insn records.
 * Prints "PASS name" / "FAIL name"; exits non-zero on any failure.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "tcg/tcg-op.h"
#include "tcg-internal.h"

static CPUX86State test_env;
static TranslationBlock test_tb;
static TCGv_i64 g64[8];
static TCGv_i32 g32[8];
static int failures;
static bool cur_ok;

#define R64(i) test_env.regs[i]
#define R32(i) test_env.xmm_regs[(i) / 4]._l[(i) % 4]

static void check(bool cond, const char *what, uint64_t got, uint64_t want)
{
    if (!cond && cur_ok) {
        printf("  mismatch in %s: got %#" PRIx64 " want %#" PRIx64 "\n",
               what, got, want);
    }
    cur_ok &= cond;
}
#define CHECK_EQ(what, got, want) \
    check((uint64_t)(got) == (uint64_t)(want), what, got, want)

static void report(const char *name)
{
    printf("%s %s\n", cur_ok ? "PASS" : "FAIL", name);
    failures += !cur_ok;
    cur_ok = true;
}

static void begin(void)
{
    tcg_func_start(tcg_ctx);
}

/* Generate the current IR as a TB and return its host code. */
static void *finish(TranslationBlock *tb)
{
    int size;

    tb->tc.ptr = tcg_code_gen_ptr();
    size = tcg_gen_code(tcg_ctx, tb);
    if (size < 0) {
        tcg_code_buffer_flush();
        printf("  code buffer full\n");
        exit(1);
    }
    tb->tc.size = size;
    tcg_code_gen_advance(size);
    return tb->tc.ptr;
}

static uintptr_t run(void *code)
{
    return tcg_qemu_tb_exec(&test_env, code);
}

static uintptr_t finish_and_run(void)
{
    return run(finish(&test_tb));
}

static void setup_globals(void)
{
    static char names[16][8];
    int i;

    for (i = 0; i < 8; i++) {
        snprintf(names[i], 8, "r%d", i);
        g64[i] = tcg_global_mem_new_i64(cpu_env,
                                        offsetof(CPUX86State, regs[i]), names[i]);
        snprintf(names[8 + i], 8, "w%d", i);
        g32[i] = tcg_global_mem_new_i32(cpu_env,
            offsetof(CPUX86State, xmm_regs[i / 4]._l[i % 4]), names[8 + i]);
    }
}

static const uint64_t edge64[] = {
    0, 1, 2, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0x123456789abcdef0ull, 0xfedcba9876543210ull, 0xfffffffffffffffeull,
};

/* ---- binary ops: register, immediate and folded forms ---- */

typedef struct BinOp {
    const char *name;
    void (*gen64)(TCGv_i64, TCGv_i64, TCGv_i64);
    uint64_t (*ref64)(uint64_t, uint64_t);
    void (*gen32)(TCGv_i32, TCGv_i32, TCGv_i32);
    uint32_t (*ref32)(uint32_t, uint32_t);
    bool shift;            /* count reduced mod width */
} BinOp;

#define REF(name, expr64, expr32) \
static uint64_t r64_ ## name(uint64_t a, uint64_t b) { return expr64; } \
static uint32_t r32_ ## name(uint32_t a, uint32_t b) { return expr32; }
REF(add, a + b, a + b)
REF(sub, a - b, a - b)
REF(mul, a * b, a * b)
REF(and, a & b, a & b)
REF(or, a | b, a | b)
REF(xor, a ^ b, a ^ b)
REF(andc, a & ~b, a & ~b)
REF(shl, a << b, a << b)
REF(shr, a >> b, a >> b)
REF(sar, (uint64_t)((int64_t)a >> b), (uint32_t)((int32_t)a >> b))
REF(rotl, b ? a << b | a >> (64 - b) : a, b ? a << b | a >> (32 - b) : a)
REF(rotr, b ? a >> b | a << (64 - b) : a, b ? a >> b | a << (32 - b) : a)
REF(clz, a ? (uint64_t)__builtin_clzll(a) : b, a ? (uint32_t)__builtin_clz(a) : b)
REF(ctz, a ? (uint64_t)__builtin_ctzll(a) : b, a ? (uint32_t)__builtin_ctz(a) : b)

#define BIN(name, shift) \
    { #name, tcg_gen_ ## name ## _i64, r64_ ## name, \
      tcg_gen_ ## name ## _i32, r32_ ## name, shift }
static const BinOp bin_ops[] = {
    BIN(add, false), BIN(sub, false), BIN(mul, false), BIN(and, false),
    BIN(or, false), BIN(xor, false), BIN(andc, false), BIN(shl, true),
    BIN(shr, true), BIN(sar, true), BIN(rotl, true), BIN(rotr, true),
    BIN(clz, false), BIN(ctz, false),
};

/* form 0: both in globals; 1: b a constant temp; 2: both constants */
static void run_bin64(const BinOp *op, uint64_t a, uint64_t b, int form)
{
    char what[64];
    TCGv_i64 ta, tb;

    begin();
    ta = form == 2 ? tcg_const_i64(a) : g64[0];
    tb = form >= 1 ? tcg_const_i64(b) : g64[1];
    op->gen64(g64[2], ta, tb);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = a;
    R64(1) = b;
    R64(2) = 0xdeadbeef;
    finish_and_run();
    snprintf(what, sizeof(what), "%s_i64 form %d (%#" PRIx64 ", %#" PRIx64 ")",
             op->name, form, a, b);
    CHECK_EQ(what, R64(2), op->ref64(a, b));
}

static void run_bin32(const BinOp *op, uint32_t a, uint32_t b, int form)
{
    char what[64];
    TCGv_i32 ta, tb;

    begin();
    ta = form == 2 ? tcg_const_i32(a) : g32[0];
    tb = form >= 1 ? tcg_const_i32(b) : g32[1];
    op->gen32(g32[2], ta, tb);
    tcg_gen_exit_tb(NULL, 0);
    R32(0) = a;
    R32(1) = b;
    R32(2) = 0xdeadbeef;
    finish_and_run();
    snprintf(what, sizeof(what), "%s_i32 form %d (%#x, %#x)",
             op->name, form, a, b);
    CHECK_EQ(what, R32(2), op->ref32(a, b));
}

static void test_binops(void)
{
    size_t o, i, j;
    int form;

    for (o = 0; o < ARRAY_SIZE(bin_ops); o++) {
        const BinOp *op = &bin_ops[o];
        for (i = 0; i < ARRAY_SIZE(edge64); i++) {
            for (j = 0; j < ARRAY_SIZE(edge64); j++) {
                uint64_t a = edge64[i], b = edge64[j];
                for (form = 0; form < 3; form++) {
                    run_bin64(op, a, op->shift ? b & 63 : b, form);
                    run_bin32(op, a, op->shift ? b & 31 : b, form);
                }
            }
        }
        {
            char name[32];
            snprintf(name, sizeof(name), "binop_%s", op->name);
            report(name);
        }
    }
}

/* ---- unary ops ---- */

typedef struct UnOp {
    const char *name;
    void (*gen64)(TCGv_i64, TCGv_i64);
    uint64_t (*ref64)(uint64_t);
    void (*gen32)(TCGv_i32, TCGv_i32);
    uint32_t (*ref32)(uint32_t);
} UnOp;

#define UREF(name, expr64, expr32) \
static uint64_t u64_ ## name(uint64_t a) { return expr64; } \
static uint32_t u32_ ## name(uint32_t a) { return expr32; }
UREF(neg, -a, -a)
UREF(not, ~a, ~a)
UREF(ext8s, (int8_t)a, (int8_t)a)
UREF(ext8u, (uint8_t)a, (uint8_t)a)
UREF(ext16s, (int16_t)a, (int16_t)a)
UREF(ext16u, (uint16_t)a, (uint16_t)a)
UREF(bswap16, __builtin_bswap16(a), __builtin_bswap16(a))
UREF(bswap32, __builtin_bswap32(a), __builtin_bswap32(a))
UREF(ctpop, __builtin_popcountll(a), __builtin_popcount(a))

#define UN(name) { #name, tcg_gen_ ## name ## _i64, u64_ ## name, \
                   tcg_gen_ ## name ## _i32, u32_ ## name }
static const UnOp un_ops[] = {
    UN(neg), UN(not), UN(ext8s), UN(ext8u), UN(ext16s), UN(ext16u),
    UN(bswap16), UN(bswap32), UN(ctpop),
};

static uint64_t u64_ext32s(uint64_t a) { return (int32_t)a; }
static uint64_t u64_ext32u(uint64_t a) { return (uint32_t)a; }
static uint64_t u64_bswap64(uint64_t a) { return __builtin_bswap64(a); }
static const struct {
    const char *name;
    void (*gen64)(TCGv_i64, TCGv_i64);
    uint64_t (*ref64)(uint64_t);
} un64_ops[] = {
    { "ext32s", tcg_gen_ext32s_i64, u64_ext32s },
    { "ext32u", tcg_gen_ext32u_i64, u64_ext32u },
    { "bswap64", tcg_gen_bswap64_i64, u64_bswap64 },
};

static void test_unops(void)
{
    size_t o, i;
    int folded;
    char what[64];

    for (o = 0; o < ARRAY_SIZE(un_ops); o++) {
        const UnOp *op = &un_ops[o];
        for (i = 0; i < ARRAY_SIZE(edge64); i++) {
            uint64_t a = edge64[i];
            /* operands kept to the swapped width here; test-tcg-fuzz checks
               that high input bits are ignored, as tcg/README says */
            if (!strcmp(op->name, "bswap16")) {
                a = (uint16_t)a;
            } else if (!strcmp(op->name, "bswap32")) {
                a = (uint32_t)a;
            }
            for (folded = 0; folded < 2; folded++) {
                begin();
                op->gen64(g64[2], folded ? tcg_const_i64(a) : g64[0]);
                op->gen32(g32[2], folded ? tcg_const_i32(a) : g32[0]);
                tcg_gen_exit_tb(NULL, 0);
                R64(0) = a;
                R32(0) = a;
                finish_and_run();
                snprintf(what, sizeof(what), "%s_i64(%#" PRIx64 ")", op->name, a);
                CHECK_EQ(what, R64(2), op->ref64(a));
                snprintf(what, sizeof(what), "%s_i32(%#x)", op->name, (uint32_t)a);
                CHECK_EQ(what, R32(2), op->ref32(a));
            }
        }
        snprintf(what, sizeof(what), "unop_%s", op->name);
        report(what);
    }
    for (o = 0; o < ARRAY_SIZE(un64_ops); o++) {
        for (i = 0; i < ARRAY_SIZE(edge64); i++) {
            uint64_t a = edge64[i];
            for (folded = 0; folded < 2; folded++) {
                begin();
                un64_ops[o].gen64(g64[2], folded ? tcg_const_i64(a) : g64[0]);
                tcg_gen_exit_tb(NULL, 0);
                R64(0) = a;
                finish_and_run();
                snprintf(what, sizeof(what), "%s(%#" PRIx64 ")",
                         un64_ops[o].name, a);
                CHECK_EQ(what, R64(2), un64_ops[o].ref64(a));
            }
        }
        snprintf(what, sizeof(what), "unop_%s", un64_ops[o].name);
        report(what);
    }
}

/* ---- conversions between sizes ---- */

static void test_conversions(void)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(edge64); i++) {
        uint64_t a = edge64[i];
        begin();
        tcg_gen_extu_i32_i64(g64[2], g32[0]);
        tcg_gen_ext_i32_i64(g64[3], g32[0]);
        tcg_gen_extrl_i64_i32(g32[2], g64[0]);
        tcg_gen_extrh_i64_i32(g32[3], g64[0]);
        tcg_gen_concat_i32_i64(g64[4], g32[0], g32[1]);
        tcg_gen_extr_i64_i32(g32[4], g32[5], g64[0]);
        tcg_gen_exit_tb(NULL, 0);
        R64(0) = a;
        R32(0) = a;
        R32(1) = ~a;
        finish_and_run();
        CHECK_EQ("extu_i32_i64", R64(2), (uint32_t)a);
        CHECK_EQ("ext_i32_i64", R64(3), (uint64_t)(int64_t)(int32_t)a);
        CHECK_EQ("extrl", R32(2), (uint32_t)a);
        CHECK_EQ("extrh", R32(3), (uint32_t)(a >> 32));
        CHECK_EQ("concat", R64(4), (uint32_t)a | (uint64_t)(uint32_t)~a << 32);
        CHECK_EQ("extr lo", R32(4), (uint32_t)a);
        CHECK_EQ("extr hi", R32(5), (uint32_t)(a >> 32));
    }
    report("conversions");
}

/* ---- conditions ---- */

static const TCGCond all_conds[] = {
    TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT,
    TCG_COND_GE, TCG_COND_LE, TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU,
    TCG_COND_LEU, TCG_COND_GTU,
};

static bool ref_cond(TCGCond c, uint64_t a, uint64_t b, bool is64)
{
    int64_t sa = is64 ? (int64_t)a : (int32_t)a, sb = is64 ? (int64_t)b : (int32_t)b;
    uint64_t ua = is64 ? a : (uint32_t)a, ub = is64 ? b : (uint32_t)b;

    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    }
    return false;
}

static const uint64_t cond_vals[] = {
    0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0x100000001ull,
};

static void gen_brcond_result64(TCGCond c, TCGv_i64 a, TCGv_i64 b, TCGv_i64 out)
{
    TCGLabel *taken = gen_new_label(), *done = gen_new_label();

    tcg_gen_brcond_i64(c, a, b, taken);
    tcg_gen_movi_i64(out, 0);
    tcg_gen_br(done);
    gen_set_label(taken);
    tcg_gen_movi_i64(out, 1);
    gen_set_label(done);
}

static void gen_brcond_result32(TCGCond c, TCGv_i32 a, TCGv_i32 b, TCGv_i32 out)
{
    TCGLabel *taken = gen_new_label(), *done = gen_new_label();

    tcg_gen_brcond_i32(c, a, b, taken);
    tcg_gen_movi_i32(out, 0);
    tcg_gen_br(done);
    gen_set_label(taken);
    tcg_gen_movi_i32(out, 1);
    gen_set_label(done);
}

static void test_conditions(void)
{
    size_t c, i, j;
    int form;
    char what[96];

    for (c = 0; c < ARRAY_SIZE(all_conds); c++) {
        TCGCond cond = all_conds[c];
        for (i = 0; i < ARRAY_SIZE(cond_vals); i++) {
            for (j = 0; j < ARRAY_SIZE(cond_vals); j++) {
                uint64_t a = cond_vals[i], b = cond_vals[j];
                for (form = 0; form < 3; form++) {
                    TCGv_i64 a64, b64;
                    TCGv_i32 a32, b32;

                    begin();
                    /* local: the second brcond comes after labels */
                    a64 = form == 2 ? tcg_const_local_i64(a) : g64[0];
                    b64 = form >= 1 ? tcg_const_local_i64(b) : g64[1];
                    a32 = form == 2 ? tcg_const_local_i32(a) : g32[0];
                    b32 = form >= 1 ? tcg_const_local_i32(b) : g32[1];
                    tcg_gen_setcond_i64(cond, g64[2], a64, b64);
                    tcg_gen_setcond_i32(cond, g32[2], a32, b32);
                    tcg_gen_movcond_i64(cond, g64[3], a64, b64, g64[6], g64[7]);
                    tcg_gen_movcond_i32(cond, g32[3], a32, b32, g32[6], g32[7]);
                    gen_brcond_result64(cond, a64, b64, g64[4]);
                    gen_brcond_result32(cond, a32, b32, g32[4]);
                    tcg_gen_exit_tb(NULL, 0);
                    R64(0) = a; R64(1) = b; R32(0) = a; R32(1) = b;
                    R64(6) = 0x1111; R64(7) = 0x2222;
                    R32(6) = 0x3333; R32(7) = 0x4444;
                    finish_and_run();
                    snprintf(what, sizeof(what), "cond %d form %d (%#" PRIx64
                             ", %#" PRIx64 ")", cond, form, a, b);
                    CHECK_EQ(what, R64(2), ref_cond(cond, a, b, true));
                    CHECK_EQ(what, R32(2), ref_cond(cond, a, b, false));
                    CHECK_EQ(what, R64(3), ref_cond(cond, a, b, true) ? 0x1111 : 0x2222);
                    CHECK_EQ(what, R32(3), ref_cond(cond, a, b, false) ? 0x3333 : 0x4444);
                    CHECK_EQ(what, R64(4), ref_cond(cond, a, b, true));
                    CHECK_EQ(what, R32(4), ref_cond(cond, a, b, false));
                }
            }
        }
    }
    report("setcond_movcond_brcond");
}

/*
 * A comparison right after an add: the x86 backend takes an LTU/GEU of the
 * sum and the added register from the add's carry, with no cmp; the other
 * conditions, and the other operand orders, still compare.  Every
 * condition, all three comparing ops, both sizes, sums that carry and not.
 */
static void test_add_carry(void)
{
    static const TCGCond conds[] = {
        TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU, TCG_COND_EQ,
        TCG_COND_NE, TCG_COND_LT, TCG_COND_GE,
    };
    size_t c, i, j;
    int form, swap;
    char what[112];

    for (c = 0; c < ARRAY_SIZE(conds); c++) {
        for (i = 0; i < ARRAY_SIZE(edge64); i++) {
            for (j = 0; j < ARRAY_SIZE(edge64); j++) {
                uint64_t a = edge64[i], b = edge64[j];
                uint32_t a32 = a, b32 = b;

                for (form = 0; form < 3; form++) {
                    for (swap = 0; swap < 2; swap++) {
                        TCGv_i64 s64, o64;
                        TCGv_i32 s32, o32;
                        bool want64, want32;

                        begin();
                        s64 = tcg_temp_new_i64();
                        tcg_gen_add_i64(s64, g64[0], g64[1]);
                        o64 = swap ? g64[0] : g64[1];
                        if (form == 0) {
                            tcg_gen_setcond_i64(conds[c], g64[2], s64, o64);
                        } else if (form == 1) {
                            tcg_gen_movcond_i64(conds[c], g64[2], s64, o64,
                                                g64[6], g64[7]);
                        } else {
                            gen_brcond_result64(conds[c], s64, o64, g64[2]);
                        }
                        s32 = tcg_temp_new_i32();
                        tcg_gen_add_i32(s32, g32[0], g32[1]);
                        o32 = swap ? g32[0] : g32[1];
                        if (form == 0) {
                            tcg_gen_setcond_i32(conds[c], g32[2], s32, o32);
                        } else if (form == 1) {
                            tcg_gen_movcond_i32(conds[c], g32[2], s32, o32,
                                                g32[6], g32[7]);
                        } else {
                            gen_brcond_result32(conds[c], s32, o32, g32[2]);
                        }
                        tcg_gen_exit_tb(NULL, 0);
                        R64(0) = a; R64(1) = b; R32(0) = a32; R32(1) = b32;
                        R64(6) = 1; R64(7) = 0; R32(6) = 1; R32(7) = 0;
                        finish_and_run();
                        want64 = ref_cond(conds[c], a + b, swap ? a : b, true);
                        want32 = ref_cond(conds[c], (uint32_t)(a32 + b32),
                                          swap ? a32 : b32, false);
                        snprintf(what, sizeof(what), "cond %d form %d swap %d"
                                 " (%#" PRIx64 " + %#" PRIx64 ")",
                                 conds[c], form, swap, a, b);
                        CHECK_EQ(what, R64(2), want64);
                        CHECK_EQ(what, R32(2), want32);
                    }
                }
            }
        }
    }
    report("add_then_compare");
}

/* ---- mulu2 / muls2 ---- */

static void test_mul2(void)
{
    size_t i, j;

    for (i = 0; i < ARRAY_SIZE(edge64); i++) {
        for (j = 0; j < ARRAY_SIZE(edge64); j++) {
            uint64_t a = edge64[i], b = edge64[j];
            unsigned __int128 pu = (unsigned __int128)a * b;
            __int128 ps = (__int128)(int64_t)a * (int64_t)b;
            uint64_t pu32 = (uint64_t)(uint32_t)a * (uint32_t)b;
            int64_t ps32 = (int64_t)(int32_t)a * (int32_t)b;

            begin();
            tcg_gen_mulu2_i64(g64[2], g64[3], g64[0], g64[1]);
            tcg_gen_muls2_i64(g64[4], g64[5], g64[0], g64[1]);
            tcg_gen_mulu2_i32(g32[2], g32[3], g32[0], g32[1]);
            tcg_gen_muls2_i32(g32[4], g32[5], g32[0], g32[1]);
            /* the inputs stay live after the op: rax/rdx must be spilled */
            tcg_gen_add_i64(g64[6], g64[0], g64[1]);
            tcg_gen_add_i32(g32[6], g32[0], g32[1]);
            tcg_gen_exit_tb(NULL, 0);
            R64(0) = a; R64(1) = b; R32(0) = a; R32(1) = b;
            finish_and_run();
            CHECK_EQ("mulu2_i64 lo", R64(2), (uint64_t)pu);
            CHECK_EQ("mulu2_i64 hi", R64(3), (uint64_t)(pu >> 64));
            CHECK_EQ("muls2_i64 lo", R64(4), (uint64_t)ps);
            CHECK_EQ("muls2_i64 hi", R64(5), (uint64_t)((unsigned __int128)ps >> 64));
            CHECK_EQ("mulu2_i32 lo", R32(2), (uint32_t)pu32);
            CHECK_EQ("mulu2_i32 hi", R32(3), (uint32_t)(pu32 >> 32));
            CHECK_EQ("muls2_i32 lo", R32(4), (uint32_t)ps32);
            CHECK_EQ("muls2_i32 hi", R32(5), (uint32_t)((uint64_t)ps32 >> 32));
            CHECK_EQ("mul2 input kept", R64(6), a + b);
            CHECK_EQ("mul2 input kept 32", R32(6), (uint32_t)(a + b));
        }
    }
    report("mulu2_muls2");
}

/* ---- deposit / extract / sextract ---- */

/* ---- add2 / sub2: double-word add and subtract ---- */

static void ref_addsub2(bool sub, bool is64, uint64_t al, uint64_t ah,
                        uint64_t bl, uint64_t bh, uint64_t *lo, uint64_t *hi)
{
    if (is64) {
        unsigned __int128 a = (unsigned __int128)ah << 64 | al;
        unsigned __int128 b = (unsigned __int128)bh << 64 | bl;
        unsigned __int128 r = sub ? a - b : a + b;
        *lo = (uint64_t)r;
        *hi = (uint64_t)(r >> 64);
    } else {
        uint64_t a = (uint64_t)(uint32_t)ah << 32 | (uint32_t)al;
        uint64_t b = (uint64_t)(uint32_t)bh << 32 | (uint32_t)bl;
        uint64_t r = sub ? a - b : a + b;
        *lo = (uint32_t)r;
        *hi = (uint32_t)(r >> 32);
    }
}

/*
 * Every pair of edge values as the low halves, others as the high ones, in
 * the shapes the backends must get right: four distinct inputs that stay
 * live; the high addend in the low result's register (the same temp as the
 * low input, dying there); constant high halves (immediates); a carry
 * chain of two (the translator's adcx/adox link); and four known inputs,
 * which the optimiser folds into two movi.
 */
static void test_addsub2(void)
{
    size_t i, j, n = ARRAY_SIZE(edge64);
    int sub;

    for (sub = 0; sub < 2; sub++) {
        void (*gen64)(TCGv_i64, TCGv_i64, TCGv_i64, TCGv_i64, TCGv_i64,
                      TCGv_i64) = sub ? tcg_gen_sub2_i64 : tcg_gen_add2_i64;
        void (*gen32)(TCGv_i32, TCGv_i32, TCGv_i32, TCGv_i32, TCGv_i32,
                      TCGv_i32) = sub ? tcg_gen_sub2_i32 : tcg_gen_add2_i32;

        for (i = 0; i < n; i++) {
            for (j = 0; j < n; j++) {
                uint64_t al = edge64[i], bl = edge64[j];
                uint64_t ah = edge64[(i + 3) % n], bh = edge64[(j + 5) % n];
                uint64_t lo, hi, lo2, hi2, c;
                TCGv_i64 x, k64;
                TCGv_i32 y, k32;

                begin();
                x = tcg_temp_new_i64();
                y = tcg_temp_new_i32();
                gen64(g64[4], g64[5], g64[0], g64[1], g64[2], g64[3]);
                gen32(g32[4], g32[5], g32[0], g32[1], g32[2], g32[3]);
                /* the inputs stay live */
                tcg_gen_xor_i64(g64[6], g64[0], g64[1]);
                tcg_gen_xor_i64(g64[6], g64[6], g64[2]);
                tcg_gen_xor_i64(g64[6], g64[6], g64[3]);
                /* bh is al's temp (a computed one: no copy to propagate),
                   dead after the op */
                tcg_gen_not_i64(x, g64[0]);
                gen64(g64[7], g64[1], x, g64[1], g64[2], x);
                tcg_gen_not_i32(y, g32[0]);
                gen32(g32[6], g32[7], y, g32[1], g32[2], y);
                tcg_gen_exit_tb(NULL, 0);
                R64(0) = al; R64(1) = ah; R64(2) = bl; R64(3) = bh;
                R32(0) = al; R32(1) = ah; R32(2) = bl; R32(3) = bh;
                finish_and_run();
                ref_addsub2(sub, true, al, ah, bl, bh, &lo, &hi);
                CHECK_EQ("add2/sub2_i64 lo", R64(4), lo);
                CHECK_EQ("add2/sub2_i64 hi", R64(5), hi);
                CHECK_EQ("add2/sub2 inputs kept", R64(6), al ^ ah ^ bl ^ bh);
                ref_addsub2(sub, true, ~al, ah, bl, ~al, &lo, &hi);
                CHECK_EQ("add2/sub2_i64 bh = al, lo", R64(7), lo);
                CHECK_EQ("add2/sub2_i64 bh = al, hi", R64(1), hi);
                ref_addsub2(sub, false, al, ah, bl, bh, &lo, &hi);
                CHECK_EQ("add2/sub2_i32 lo", R32(4), lo);
                CHECK_EQ("add2/sub2_i32 hi", R32(5), hi);
                ref_addsub2(sub, false, ~al, ah, bl, ~al, &lo, &hi);
                CHECK_EQ("add2/sub2_i32 bh = al, lo", R32(6), lo);
                CHECK_EQ("add2/sub2_i32 bh = al, hi", R32(7), hi);

                /* constant high halves; then a chain: (a + b) + carry in */
                begin();
                k64 = tcg_const_i64(bh);
                k32 = tcg_const_i32(bh);
                gen64(g64[4], g64[5], g64[0], g64[1], g64[2], k64);
                gen32(g32[4], g32[5], g32[0], g32[1], g32[2], k32);
                tcg_temp_free_i64(k64);
                tcg_temp_free_i32(k32);
                k64 = tcg_const_i64(0);
                gen64(g64[6], g64[7], g64[0], k64, g64[2], k64);
                gen64(g64[6], g64[7], g64[6], g64[7], g64[3], k64);
                tcg_gen_exit_tb(NULL, 0);
                R64(0) = al; R64(1) = ah; R64(2) = bl; R64(3) = bh & 1;
                R32(0) = al; R32(1) = ah; R32(2) = bl;
                finish_and_run();
                ref_addsub2(sub, true, al, ah, bl, bh, &lo, &hi);
                CHECK_EQ("add2/sub2_i64 constant bh, lo", R64(4), lo);
                CHECK_EQ("add2/sub2_i64 constant bh, hi", R64(5), hi);
                ref_addsub2(sub, false, al, ah, bl, bh, &lo, &hi);
                CHECK_EQ("add2/sub2_i32 constant bh, lo", R32(4), lo);
                CHECK_EQ("add2/sub2_i32 constant bh, hi", R32(5), hi);
                ref_addsub2(sub, true, al, 0, bl, 0, &lo, &hi);
                ref_addsub2(sub, true, lo, hi, bh & 1, 0, &lo2, &hi2);
                CHECK_EQ("add2/sub2 chain, lo", R64(6), lo2);
                CHECK_EQ("add2/sub2 chain, carry", R64(7), hi2);

                /* four known halves fold: movi hi, movi lo, exit_tb */
                begin();
                gen64(g64[4], g64[5], tcg_const_i64(al), tcg_const_i64(ah),
                      tcg_const_i64(bl), tcg_const_i64(bh));
                tcg_gen_exit_tb(NULL, 0);
                finish_and_run();
                ref_addsub2(sub, true, al, ah, bl, bh, &lo, &hi);
                CHECK_EQ("add2/sub2 folded, lo", R64(4), lo);
                CHECK_EQ("add2/sub2 folded, hi", R64(5), hi);
                c = tcg_op_count();
                CHECK_EQ("add2/sub2 folded, ops", c, 3);
            }
        }
    }
    report("add2_sub2");
}

static void test_bitfields(void)
{
    static const struct { unsigned ofs, len; } fields[] = {
        { 0, 1 }, { 0, 8 }, { 8, 8 }, { 0, 16 }, { 16, 16 }, { 3, 5 },
        { 31, 1 }, { 0, 31 }, { 1, 31 }, { 0, 32 }, { 32, 32 }, { 13, 40 },
        { 63, 1 }, { 0, 64 }, { 0, 63 },
    };
    size_t f, i;

    for (f = 0; f < ARRAY_SIZE(fields); f++) {
        unsigned ofs = fields[f].ofs, len = fields[f].len;
        bool fits32 = ofs + len <= 32;
        for (i = 0; i < ARRAY_SIZE(edge64); i++) {
            uint64_t a = edge64[i], b = ~edge64[(i + 5) % ARRAY_SIZE(edge64)];
            uint64_t m64 = len == 64 ? ~0ull : ((1ull << len) - 1);
            uint64_t ext = (a >> ofs) & m64;
            int64_t sext = (int64_t)(a << (64 - ofs - len)) >> (64 - len);
            uint64_t dep = (a & ~(m64 << ofs)) | ((b & m64) << ofs);
            uint32_t a32 = a, b32 = b, m32 = len >= 32 ? ~0u : ((1u << len) - 1);

            begin();
            tcg_gen_extract_i64(g64[2], g64[0], ofs, len);
            tcg_gen_sextract_i64(g64[3], g64[0], ofs, len);
            tcg_gen_deposit_i64(g64[4], g64[0], g64[1], ofs, len);
            if (fits32) {
                tcg_gen_extract_i32(g32[2], g32[0], ofs, len);
                tcg_gen_sextract_i32(g32[3], g32[0], ofs, len);
                tcg_gen_deposit_i32(g32[4], g32[0], g32[1], ofs, len);
            }
            tcg_gen_exit_tb(NULL, 0);
            R64(0) = a; R64(1) = b; R32(0) = a32; R32(1) = b32;
            finish_and_run();
            CHECK_EQ("extract_i64", R64(2), ext);
            CHECK_EQ("sextract_i64", R64(3), sext);
            CHECK_EQ("deposit_i64", R64(4), dep);
            if (fits32) {
                CHECK_EQ("extract_i32", R32(2), (a32 >> ofs) & m32);
                CHECK_EQ("sextract_i32", R32(3),
                         (uint32_t)((int32_t)(a32 << (32 - ofs - len)) >> (32 - len)));
                CHECK_EQ("deposit_i32", R32(4),
                         (a32 & ~(m32 << ofs)) | ((b32 & m32) << ofs));
            }
        }
    }
    report("deposit_extract");
}

/* ---- host ld/st relative to env, guest qemu_ld/st ---- */

static void test_memory(void)
{
    static uint8_t guest_buf[64] __attribute__((aligned(16)));
    static const struct { MemOp op; } ops[] = {
        { MO_UB }, { MO_SB }, { MO_UW }, { MO_SW }, { MO_UL }, { MO_SL }, { MO_Q },
    };
    size_t i;

    for (i = 0; i < sizeof(guest_buf); i++) {
        guest_buf[i] = 0x80 + i * 7;
    }
    for (i = 0; i < ARRAY_SIZE(ops); i++) {
        MemOp op = ops[i].op;
        int size = 1 << (op & MO_SIZE);
        uint64_t raw = 0, want;
        TCGv_i64 addr;
        TCGv_i32 v32;

        memcpy(&raw, guest_buf + 3, size);
        want = raw;
        if (op & MO_SIGN) {
            want = (int64_t)(raw << (64 - 8 * size)) >> (64 - 8 * size);
        }
        begin();
        addr = tcg_temp_new_i64();
        tcg_gen_addi_i64(addr, g64[0], 3);
        tcg_gen_qemu_ld_i64(g64[2], addr, 0, op);
        if (size < 8) {
            v32 = tcg_temp_new_i32();
            tcg_gen_qemu_ld_i32(v32, addr, 0, op);
            tcg_gen_mov_i32(g32[2], v32);
        }
        tcg_gen_addi_i64(addr, g64[0], 32);
        tcg_gen_qemu_st_i64(g64[1], addr, 0, op);
        tcg_gen_exit_tb(NULL, 0);
        R64(0) = (uintptr_t)guest_buf;    /* guest_base is 0 here */
        R64(1) = 0x0123456789abcdefull;
        finish_and_run();
        CHECK_EQ("qemu_ld_i64", R64(2), want);
        if (size < 8) {
            CHECK_EQ("qemu_ld_i32", R32(2), (uint32_t)want);
        }
        raw = 0;
        memcpy(&raw, guest_buf + 32, size);
        CHECK_EQ("qemu_st_i64", raw,
                 size == 8 ? 0x0123456789abcdefull
                           : 0x0123456789abcdefull & ((1ull << (8 * size)) - 1));
    }

    begin();
    {
        TCGv_i64 t = tcg_temp_new_i64();
        TCGv_i32 u = tcg_temp_new_i32();
        intptr_t base = offsetof(CPUX86State, xmm_t0);

        tcg_gen_st_i64(g64[0], cpu_env, base);
        tcg_gen_ld8s_i64(g64[2], cpu_env, base + 7);
        tcg_gen_ld16u_i64(g64[3], cpu_env, base + 6);
        tcg_gen_ld32s_i64(g64[4], cpu_env, base + 4);
        tcg_gen_ld8u_i32(g32[2], cpu_env, base + 7);
        tcg_gen_ld16s_i32(g32[3], cpu_env, base + 6);
        tcg_gen_movi_i64(t, 0x55aa);
        tcg_gen_st8_i64(t, cpu_env, base + 8);
        tcg_gen_movi_i32(u, 0x1234);
        tcg_gen_st16_i32(u, cpu_env, base + 10);
        tcg_gen_st32_i64(g64[0], cpu_env, base + 12);
        tcg_temp_free_i64(t);
        tcg_temp_free_i32(u);
    }
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = 0x8123456789abcdefull;
    finish_and_run();
    CHECK_EQ("ld8s_i64", R64(2), (uint64_t)(int8_t)0x81);
    CHECK_EQ("ld16u_i64", R64(3), 0x8123);
    CHECK_EQ("ld32s_i64", R64(4), (uint64_t)(int32_t)0x81234567);
    CHECK_EQ("ld8u_i32", R32(2), 0x81);
    CHECK_EQ("ld16s_i32", R32(3), 0xffff8123);
    CHECK_EQ("st8", test_env.xmm_t0._b[8], 0xaa);
    CHECK_EQ("st16", test_env.xmm_t0._w[5], 0x1234);
    CHECK_EQ("st32", test_env.xmm_t0._l[3], 0x89abcdef);
    report("memory_ops");
}

/* ---- optimiser and dead code ---- */

static int pure_calls;
static uint64_t pure_helper(uint64_t a)
{
    pure_calls++;
    return a + 1;
}
static const TCGHelperInfo pure_info = {
    .func = pure_helper, .name = "pure", .flags = TCG_CALL_NO_RWG_SE,
    .sizemask = 1 | 1 << 2,
};

static void test_optimizer(void)
{
    TCGv_i64 t0, t1, t2, dead;
    TCGv_i32 u;
    TCGLabel *l;
    void *args[1];

    /* constants fold through a chain down to one movi */
    begin();
    t0 = tcg_const_i64(5);
    t1 = tcg_const_i64(7);
    t2 = tcg_temp_new_i64();
    tcg_gen_add_i64(t2, t0, t1);
    tcg_gen_muli_i64(t2, t2, 3);
    tcg_gen_shli_i64(t2, t2, 4);
    tcg_gen_xor_i64(t2, t2, t1);
    tcg_gen_sub_i64(g64[2], t2, t0);
    /* identities on an unknown value */
    tcg_gen_addi_i64(t1, g64[0], 0);
    tcg_gen_muli_i64(t1, t1, 1);
    tcg_gen_andi_i64(t1, t1, -1);
    tcg_gen_ori_i64(t1, t1, 0);
    tcg_gen_mov_i64(g64[3], t1);
    tcg_gen_xor_i64(g64[4], g64[0], g64[0]);
    tcg_gen_sub_i64(g64[5], g64[0], g64[0]);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = 1234;
    finish_and_run();
    CHECK_EQ("folded chain", R64(2), ((((5 + 7) * 3) << 4) ^ 7) - 5);
    CHECK_EQ("identities", R64(3), 1234);
    CHECK_EQ("x^x", R64(4), 0);
    CHECK_EQ("x-x", R64(5), 0);
    /* left: movi r2, mov r3, movi r4, movi r5, exit_tb */
    CHECK_EQ("ops after folding", tcg_op_count(), 5);
    report("optimizer_folding");

    /* unused results, a pure helper with unused result, unreachable code
       and branches on known values all disappear */
    begin();
    dead = tcg_temp_new_i64();
    tcg_gen_add_i64(dead, g64[0], g64[1]);
    tcg_gen_mul_i64(dead, dead, dead);
    args[0] = g64[0];
    tcg_gen_callN(pure_helper, dead, 1, args);
    u = tcg_const_i32(3);
    l = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_EQ, u, 4, l);   /* never taken: removed */
    tcg_gen_brcondi_i32(TCG_COND_EQ, u, 3, l);   /* always: becomes br */
    tcg_gen_movi_i64(g64[2], 99);                /* unreachable */
    gen_set_label(l);
    tcg_gen_movi_i64(g64[3], 42);
    tcg_gen_exit_tb(NULL, 0);
    tcg_gen_movi_i64(g64[4], 1);                 /* unreachable */
    pure_calls = 0;
    R64(2) = 0;
    finish_and_run();
    CHECK_EQ("pure helper removed", pure_calls, 0);
    CHECK_EQ("unreachable store skipped", R64(2), 0);
    CHECK_EQ("after label", R64(3), 42);
    /* left: br, set_label, movi r3, exit_tb */
    CHECK_EQ("ops after dead code removal", tcg_op_count(), 4);
    report("dead_code");

    /* copy propagation keeps values exact across reuse of the source */
    begin();
    t0 = tcg_temp_new_i64();
    tcg_gen_mov_i64(t0, g64[0]);
    tcg_gen_addi_i64(g64[0], g64[0], 1);         /* source changes */
    tcg_gen_add_i64(g64[2], t0, g64[0]);         /* old + new */
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = 10;
    finish_and_run();
    CHECK_EQ("copy invalidated by write", R64(2), 21);
    report("copy_propagation");
}

/* ---- helper calls ---- */

static uint64_t helper6(uint64_t a, uint32_t b, uint64_t c, int32_t d,
                        uint64_t e, CPUX86State *env)
{
    env->regs[7] = 42;             /* helpers may write globals */
    return a * 3 + (uint64_t)b * 5 + c * 7 + (int64_t)d * 11 + e * 13 + env->regs[6];
}
static const TCGHelperInfo helper6_info = {
    .func = helper6, .name = "helper6", .flags = 0,
    /* ret i64; args i64, i32, i64, s32, i64, ptr */
    .sizemask = 1 | 1 << 2 | 0 << 4 | 1 << 6 | 2 << 8 | 1 << 10 | 1 << 12,
};

static void test_calls(void)
{
    TCGv_i64 ret;
    void *args[6];

    begin();
    ret = tcg_temp_new_i64();
    tcg_gen_movi_i64(g64[6], 1000);  /* must reach env before the call */
    tcg_gen_movi_i64(g64[7], 1);     /* must be reloaded after it */
    tcg_gen_addi_i64(g64[1], g64[1], 0);
    args[0] = g64[0];
    args[1] = g32[0];
    args[2] = tcg_const_i64(0x100000000ull);
    args[3] = g32[1];
    args[4] = g64[1];
    args[5] = cpu_env;
    tcg_gen_callN(helper6, ret, 6, args);
    tcg_gen_mov_i64(g64[2], ret);
    tcg_gen_addi_i64(g64[3], g64[7], 1);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = 2;
    R64(1) = 4;
    R32(0) = 0xffffffff;
    R32(1) = -3;
    finish_and_run();
    CHECK_EQ("helper6 result", R64(2),
             2 * 3 + 0xffffffffull * 5 + 0x100000000ull * 7 - 33 + 4 * 13 + 1000);
    CHECK_EQ("global written by helper", R64(3), 43);
    report("helper_call_6_args");
}

/* Zero-extensions of values whose upper bits are known zero become moves;
   the others stay.  Each case: the value, the extension, the result. */
static int count_ops(TCGOpcode a, TCGOpcode b)
{
    int i, n = 0;

    for (i = 0; i < tcg_ctx->nb_ops; i++) {
        n += !tcg_ctx->ops[i].removed
             && (tcg_ctx->ops[i].opc == a || tcg_ctx->ops[i].opc == b);
    }
    return n;
}

static void test_known_widths(void)
{
    static uint8_t bytes[16] = { 0x80, 0xff, 0x7f, 0x01, 0xfe, 0x12, 0x34, 0x56 };
    TCGv_i32 v, w;
    TCGv_i64 x;

    /* dropped: after an unsigned byte load, a masked or, a shift right */
    begin();
    v = tcg_temp_new_i32();
    w = tcg_temp_new_i32();
    tcg_gen_qemu_ld_i32(v, g64[0], 0, MO_UB);
    tcg_gen_ext8u_i32(g32[2], v);
    tcg_gen_andi_i32(w, g32[1], 0x7f);
    tcg_gen_or_i32(w, w, v);
    tcg_gen_ext8u_i32(g32[3], w);
    tcg_gen_shri_i32(w, g32[1], 20);
    tcg_gen_ext16u_i32(g32[4], w);
    x = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(x, g64[0], 0, MO_UW);
    tcg_gen_ext16u_i64(g64[2], x);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = (uintptr_t)bytes;
    R32(1) = 0xfedcba98;
    finish_and_run();
    CHECK_EQ("ld ub, ext8u", R32(2), 0x80);
    CHECK_EQ("or of bytes, ext8u", R32(3), 0x98);
    CHECK_EQ("shr 20, ext16u", R32(4), 0xfed);
    CHECK_EQ("ld uw, ext16u", R64(2), 0xff80);
    CHECK_EQ("extensions left", count_ops(INDEX_op_ext8u_i32, INDEX_op_ext16u_i32)
             + count_ops(INDEX_op_ext16u_i64, INDEX_op_ext16u_i64), 0);

    /* kept: after a signed load, a wider or, a shorter shift, a 16-bit
       load extended to 8 bits */
    begin();
    v = tcg_temp_new_i32();
    w = tcg_temp_new_i32();
    tcg_gen_qemu_ld_i32(v, g64[0], 0, MO_SB);
    tcg_gen_ext8u_i32(g32[2], v);
    tcg_gen_andi_i32(w, g32[1], 0x1ff);
    tcg_gen_ext8u_i32(g32[3], w);
    tcg_gen_shri_i32(w, g32[1], 15);
    tcg_gen_ext16u_i32(g32[4], w);
    tcg_gen_qemu_ld_i32(v, g64[0], 0, MO_UW);
    tcg_gen_ext8u_i32(g32[5], v);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = (uintptr_t)bytes;
    R32(1) = 0xfedcba98;
    finish_and_run();
    CHECK_EQ("ld sb, ext8u", R32(2), 0x80);
    CHECK_EQ("and 0x1ff, ext8u", R32(3), 0x98);
    CHECK_EQ("shr 15, ext16u", R32(4), 0xfdb9);
    CHECK_EQ("ld uw, ext8u", R32(5), 0x80);
    CHECK_EQ("extensions kept", count_ops(INDEX_op_ext8u_i32, INDEX_op_ext16u_i32), 4);
    report("optimizer_known_widths");
}

/* An extension of an extension at least as wide reads the inner one's
   input, and one made twice of the same value is made once; neither after
   the value was written in between. */
static void test_extensions(void)
{
    TCGv_i64 a, b;

    begin();
    a = tcg_temp_new_i64();
    b = tcg_temp_new_i64();
    tcg_gen_ext32u_i64(a, g64[0]);              /* movslq of a 32-bit read */
    tcg_gen_ext32s_i64(g64[1], a);
    tcg_gen_ext32u_i64(a, g64[0]);              /* test r32, r32 */
    tcg_gen_ext32u_i64(b, g64[0]);
    tcg_gen_and_i64(g64[2], a, b);
    tcg_gen_ext16u_i64(a, g64[0]);              /* 8 bits of a 16-bit one */
    tcg_gen_ext8s_i64(g64[3], a);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = 0x0123456789ab80f7ull;
    finish_and_run();
    CHECK_EQ("ext32s of ext32u", R64(1), 0xffffffff89ab80f7ull);
    CHECK_EQ("and of two ext32u", R64(2), 0x89ab80f7);
    CHECK_EQ("ext8s of ext16u", R64(3), 0xfffffffffffffff7ull);
    CHECK_EQ("ext32u left", count_ops(INDEX_op_ext32u_i64, INDEX_op_ext32u_i64), 1);
    CHECK_EQ("ext16u left", count_ops(INDEX_op_ext16u_i64, INDEX_op_ext16u_i64), 0);
    CHECK_EQ("ands left", count_ops(INDEX_op_and_i64, INDEX_op_and_i64), 0);

    /* kept: a narrower inner extension, a source written in between */
    begin();
    a = tcg_temp_new_i64();
    b = tcg_temp_new_i64();
    tcg_gen_ext8s_i64(a, g64[0]);
    tcg_gen_ext16u_i64(g64[1], a);
    tcg_gen_ext32u_i64(a, g64[0]);
    tcg_gen_addi_i64(g64[0], g64[0], 0x80000000);
    tcg_gen_ext32s_i64(g64[2], a);
    tcg_gen_ext32u_i64(b, g64[0]);
    tcg_gen_sub_i64(g64[3], a, b);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = 0x0123456789ab80f7ull;
    finish_and_run();
    CHECK_EQ("ext16u of ext8s", R64(1), 0xfff7);
    CHECK_EQ("ext32s of ext32u of the old value", R64(2), 0xffffffff89ab80f7ull);
    CHECK_EQ("ext32u of old and new value", R64(3), 0x80000000);
    CHECK_EQ("ext32u kept", count_ops(INDEX_op_ext32u_i64, INDEX_op_ext32u_i64), 2);
    report("optimizer_extensions");
}

/*
 * Direct accesses of a 64-bit guest near one that passed the space check
 * earlier in the basic block skip theirs (MO_NEAR_CHECKED, optimize.c).
 * Each case builds accesses through r0 (a buffer here, under the end set
 * for the test) and lists, in order, which kept their check ('c') and
 * which were marked near ('n'); the values loaded must not change.
 */
static char space_flags[16];

static void collect_space_flags(void)
{
    int i, n = 0;

    for (i = 0; i < tcg_ctx->nb_ops && n < 15; i++) {
        const TCGOp *op = &tcg_ctx->ops[i];

        if (op->removed || (op->opc != INDEX_op_qemu_ld_i64
                            && op->opc != INDEX_op_qemu_st_i64)) {
            continue;
        }
        space_flags[n++] = get_memop(op->args[2]) & MO_NEAR_CHECKED ? 'n' : 'c';
    }
    space_flags[n] = 0;
}

/* r_dst = guest load at r0 + off */
static void gen_ld_at(int dst, int64_t off)
{
    TCGv_i64 a = tcg_temp_new_i64();

    tcg_gen_addi_i64(a, g64[0], off);
    tcg_gen_qemu_ld_i64(g64[dst], a, 0, MO_Q);
    tcg_temp_free_i64(a);
}

/* A push: r0 -= 8, then a store of r1 at r0. */
static void gen_push(void)
{
    TCGv_i64 a = tcg_temp_new_i64();

    tcg_gen_subi_i64(a, g64[0], 8);
    tcg_gen_qemu_st_i64(g64[1], a, 0, MO_Q);
    tcg_gen_mov_i64(g64[0], a);
    tcg_temp_free_i64(a);
}

static void gen_label_here(void)
{
    TCGLabel *l = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_EQ, g64[7], 12345, l);
    gen_set_label(l);
}

static void gen_call_writing_globals(void)
{
    void *args[6] = { g64[6], NULL, g64[6], NULL, g64[6], cpu_env };
    TCGv_i32 z = tcg_const_i32(0);

    args[1] = z;
    args[3] = z;
    tcg_gen_callN(helper6, g64[7], 6, args);
    tcg_temp_free_i32(z);
}

static void test_space_checks(void)
{
    static uint64_t buf[0x5000] __attribute__((aligned(16)));
    uint64_t saved[3] = { guest_addr_end, guest_addr_slack_above,
                          guest_addr_slack_below };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(buf); i++) {
        buf[i] = i * 0x0101010101010101ull;
    }
    /* Everything of this process lies below the end set here. */
    guest_addr_end = test_env.guest_addr_end = 1ull << 62;
    guest_addr_slack_above = 0x10000;
    guest_addr_slack_below = 0x10000;

    /* several fields of one pointer: the first access checks */
    begin();
    gen_ld_at(2, 0x800);
    gen_ld_at(3, 0x808);
    gen_ld_at(4, 0x800 - 0x10000);       /* exactly slack_below under */
    gen_ld_at(5, 0x800 + 0x10000 - 8);   /* its last byte at slack_above */
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = (uintptr_t)buf + 0x10000;
    finish_and_run();
    collect_space_flags();
    CHECK_EQ("r0+0x808", R64(3), buf[0x2101]);
    CHECK_EQ("near, lowest", R64(4), buf[0x100]);
    CHECK_EQ("near, highest", R64(5), buf[0x40ff]);
    check(!strcmp(space_flags, "cnnn"), space_flags, 0, 0);

    /* one byte further either way: checked again */
    for (i = 0; i < 2; i++) {
        begin();
        gen_ld_at(2, 0x808);
        gen_ld_at(3, i ? 0x808 - 0x10000 - 1 : 0x808 + 0x10000 - 7);
        tcg_gen_exit_tb(NULL, 0);
        R64(0) = (uintptr_t)buf + 0x10000;
        finish_and_run();
        collect_space_flags();
        check(!strcmp(space_flags, "cc"), space_flags, 0, 0);
    }

    /* pushes: each new r0 is the old one minus 8 */
    begin();
    gen_push();
    gen_push();
    gen_push();
    gen_ld_at(2, 16);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = (uintptr_t)&buf[0x100];
    R64(1) = 0x77;
    finish_and_run();
    collect_space_flags();
    CHECK_EQ("pushes", R64(0), (uintptr_t)&buf[0xfd]);
    CHECK_EQ("pushed", buf[0xff] + buf[0xfd] + R64(2), 3 * 0x77);
    check(!strcmp(space_flags, "cnnn"), space_flags, 0, 0);

    /* r0 moved by a constant, through a temp or in place: the address
       checked stays known relative to the new value */
    for (i = 0; i < 2; i++) {
        TCGv_i64 t;

        begin();
        t = tcg_temp_new_i64();
        gen_ld_at(2, 0);
        if (i) {
            tcg_gen_addi_i64(g64[0], g64[0], 0xc000);
        } else {
            tcg_gen_addi_i64(t, g64[0], 0xc000);
            tcg_gen_mov_i64(g64[0], t);
        }
        gen_ld_at(3, 8 - 0xc000);
        gen_ld_at(4, 0xc000);
        tcg_gen_exit_tb(NULL, 0);
        tcg_temp_free_i64(t);
        R64(0) = (uintptr_t)buf;
        finish_and_run();
        collect_space_flags();
        CHECK_EQ("moved r0", R64(4), buf[0x3000]);
        check(!strcmp(space_flags, "cnc"), space_flags, 0, 0);
    }

    /* r0 loaded through a temp that is then reused (mov r0, t; t = ...) */
    begin();
    {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_qemu_ld_i64(t, g64[1], 0, MO_Q);
        tcg_gen_mov_i64(g64[0], t);
        gen_ld_at(2, 0);
        tcg_gen_addi_i64(t, g64[1], 8);
        tcg_gen_qemu_ld_i64(t, t, 0, MO_Q);
        tcg_gen_mov_i64(g64[3], t);
        gen_ld_at(4, 8);
        tcg_temp_free_i64(t);
    }
    tcg_gen_exit_tb(NULL, 0);
    buf[0] = (uintptr_t)&buf[0x10];
    R64(1) = (uintptr_t)buf;
    finish_and_run();
    collect_space_flags();
    CHECK_EQ("through the temp", R64(4), buf[0x11]);
    check(!strcmp(space_flags, "ccnn"), space_flags, 0, 0);
    buf[0] = 0;

    /* r0 written with another value, a label, a helper that may write
       globals: what was checked is forgotten */
    begin();
    gen_ld_at(2, 0);
    tcg_gen_mov_i64(g64[0], g64[6]);
    gen_ld_at(3, 0);
    gen_label_here();
    gen_ld_at(4, 8);
    gen_call_writing_globals();
    gen_ld_at(5, 8);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = (uintptr_t)&buf[1];
    R64(6) = (uintptr_t)&buf[2];
    finish_and_run();
    collect_space_flags();
    CHECK_EQ("after the write", R64(3), buf[2]);
    check(!strcmp(space_flags, "cccc"), space_flags, 0, 0);

    /* no space below 0 where guest_base is not 0 */
    guest_addr_slack_below = 0;
    begin();
    gen_ld_at(2, 8);
    gen_ld_at(3, 0);
    gen_ld_at(4, 16);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = (uintptr_t)buf;
    finish_and_run();
    collect_space_flags();
    check(!strcmp(space_flags, "ccn"), space_flags, 0, 0);

    guest_addr_end = test_env.guest_addr_end = saved[0];
    guest_addr_slack_above = saved[1];
    guest_addr_slack_below = saved[2];
    report("optimizer_space_checks");
}

/* ---- register pressure ---- */

static void test_spills(void)
{
    enum { N = 24 };
    TCGv_i64 t[N];
    uint64_t ref[N], sum = 0, x = 0x9e3779b97f4a7c15ull;
    int i;

    begin();
    for (i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], g64[0], i + 3);
        tcg_gen_addi_i64(t[i], t[i], i);
        ref[i] = x * (i + 3) + i;
    }
    /* every temp is live here; combine in an order that keeps them so */
    for (i = 0; i < N; i++) {
        tcg_gen_xor_i64(g64[2], i ? g64[2] : t[N - 1], t[i]);
        sum = i ? sum ^ ref[i] : ref[N - 1] ^ ref[i];
    }
    for (i = N - 1; i >= 0; i--) {
        tcg_gen_add_i64(g64[3], i == N - 1 ? t[0] : g64[3], t[i]);
        tcg_temp_free_i64(t[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = x;
    finish_and_run();
    CHECK_EQ("xor of 24 live temps", R64(2), sum);
    {
        uint64_t s = ref[0];
        for (i = N - 1; i >= 0; i--) {
            s += ref[i];
        }
        CHECK_EQ("sum of 24 live temps", R64(3), s);
    }
    report("register_pressure");
}

/* ---- local temps across branches, a loop ---- */

static void test_locals(void)
{
    TCGv_i64 loc, acc;
    TCGLabel *skip, *loop;
    int taken;

    for (taken = 0; taken < 2; taken++) {
        begin();
        loc = tcg_temp_local_new_i64();
        skip = gen_new_label();
        tcg_gen_addi_i64(loc, g64[0], 1);
        tcg_gen_brcondi_i64(TCG_COND_EQ, g64[1], 0, skip);
        tcg_gen_muli_i64(loc, loc, 2);
        gen_set_label(skip);
        tcg_gen_addi_i64(g64[2], loc, 3);
        tcg_gen_exit_tb(NULL, 0);
        R64(0) = 10;
        R64(1) = taken ? 0 : 1;
        finish_and_run();
        CHECK_EQ("local across branch", R64(2), taken ? 14 : 25);
    }

    /* sum 1..n with a local counter and accumulator */
    begin();
    loc = tcg_temp_local_new_i64();
    acc = tcg_temp_local_new_i64();
    loop = gen_new_label();
    skip = gen_new_label();
    tcg_gen_mov_i64(loc, g64[0]);
    tcg_gen_movi_i64(acc, 0);
    tcg_gen_brcondi_i64(TCG_COND_EQ, loc, 0, skip);
    gen_set_label(loop);
    tcg_gen_add_i64(acc, acc, loc);
    tcg_gen_subi_i64(loc, loc, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, loc, 0, loop);
    gen_set_label(skip);
    tcg_gen_mov_i64(g64[2], acc);
    tcg_gen_exit_tb(NULL, 0);
    R64(0) = 100;
    finish_and_run();
    CHECK_EQ("loop sum", R64(2), 5050);
    report("local_temps");
}

/* ---- TB exits, chaining, per-insn records ---- */

static void test_exits(void)
{
    static TranslationBlock tb_a, tb_b;
    void *code_a, *code_b;
    uintptr_t ret;
    int i;

    /* B: r2 = 77, exit with a value */
    begin();
    tcg_gen_movi_i64(g64[2], 77);
    tcg_gen_exit_tb(&tb_b, 1);
    code_b = finish(&tb_b);

    /* A: insn records, goto_tb 0 falling through to an exit */
    begin();
    tcg_gen_insn_start(0x401000, 1);
    tcg_gen_addi_i64(g64[0], g64[0], 5);
    tcg_gen_insn_start(0x401004, 2);
    tcg_gen_movi_i64(g64[1], 0x401009);
    tcg_gen_goto_tb(0);
    tcg_gen_movi_i64(g64[3], 5);
    tcg_gen_exit_tb(&tb_a, 0);
    code_a = finish(&tb_a);
    CHECK_EQ("insn count", tcg_gen_insn_count(), 2);
    CHECK_EQ("insn 0 pc", tcg_gen_insn_data(0, 0), 0x401000);
    CHECK_EQ("insn 0 cc_op", tcg_gen_insn_data(0, 1), 1);
    CHECK_EQ("insn 1 pc", tcg_gen_insn_data(1, 0), 0x401004);
    check(tcg_gen_insn_end_off(0) > 0
          && tcg_gen_insn_end_off(0) <= tcg_gen_insn_end_off(1),
          "insn end offsets ordered", tcg_gen_insn_end_off(0),
          tcg_gen_insn_end_off(1));
    CHECK_EQ("last insn ends at TB end", tcg_gen_insn_end_off(1), tb_a.tc.size);
    CHECK_EQ("jmp rel32 aligned",
             (tb_a.jmp_insn_offset[0] + (uintptr_t)tb_a.tc.ptr) & 3, 0);

    R64(0) = 1;
    R64(3) = 0;
    ret = run(code_a);
    CHECK_EQ("unchained exit value", ret, (uintptr_t)&tb_a);
    CHECK_EQ("unchained fallthrough", R64(3), 5);
    CHECK_EQ("globals saved before goto_tb", R64(0), 6);

    tb_target_set_jmp_target((uintptr_t)tb_a.tc.ptr + tb_a.jmp_insn_offset[0],
                             (uintptr_t)code_b);
    R64(2) = 0;
    R64(3) = 0;
    ret = run(code_a);
    CHECK_EQ("chained exit value", ret, (uintptr_t)&tb_b + 1);
    CHECK_EQ("chained target ran", R64(2), 77);
    CHECK_EQ("chained skipped fallthrough", R64(3), 0);
    CHECK_EQ("chained pc", R64(1), 0x401009);

    tb_target_set_jmp_target((uintptr_t)tb_a.tc.ptr + tb_a.jmp_insn_offset[0],
                             (uintptr_t)tb_a.tc.ptr + tb_a.jmp_reset_offset[0]);
    ret = run(code_a);
    CHECK_EQ("reset jump", ret, (uintptr_t)&tb_a);

    /* goto_ptr to another TB's code, and to the epilogue (returns 0) */
    for (i = 0; i < 2; i++) {
        TCGv_ptr p;
        begin();
        p = tcg_const_ptr(i ? tcg_code_gen_epilogue : code_b);
        tcg_emit_op(INDEX_op_goto_ptr)->args[0] = temp_arg(tcgv_ptr_temp(p));
        tcg_temp_free_ptr(p);
        R64(2) = 0;
        ret = finish_and_run();
        CHECK_EQ("goto_ptr", ret, i ? 0 : (uintptr_t)&tb_b + 1);
    }
    report("tb_exits_and_chaining");
}

int main(int argc, char **argv)
{
    cur_ok = true;
    tcg_context_init(0);
    tcg_register_helper(&pure_info);
    tcg_register_helper(&helper6_info);
    setup_globals();
    tcg_prologue_init();

    test_binops();
    test_unops();
    test_conversions();
    test_conditions();
    test_add_carry();
    test_mul2();
    test_addsub2();
    test_bitfields();
    test_memory();
    test_optimizer();
    test_known_widths();
    test_extensions();
    test_space_checks();
    test_calls();
    test_spills();
    test_locals();
    test_exits();
    return failures ? 1 : 0;
}
