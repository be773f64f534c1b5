/*
 * test-tcg-fuzz.c: differential fuzzing of the whole IR pipeline (optimiser,
 * liveness, register allocator, x86-64 backend).
 *
 * A generator makes random but valid IR programs and records each one as a
 * list of small instructions (Insn).  The list is then
 *  - emitted through the tcg-op.h builders, compiled by tcg_gen_code and run
 *    on a private CPUX86State (test_env), and
 *  - interpreted here, with the semantics of tcg/README, on a second state
 *    (ref_env);
 * the env fields the program can reach (globals, scratch for ld/st, guest
 * memory for qemu_ld/st) must then agree.  Seeds are fixed, so a failure is
 * reproducible: "test-tcg-fuzz STYLE SEED" lists that program and its
 * -d op_opt dump; "test-tcg-fuzz N" runs N times as many programs.  Each
 * program style prints one "PASS/FAIL fuzz_STYLE".
 *
 * Validity rules the generator keeps (tcg/README sections 1, 4): plain temps
 * are read only in the basic block that defined them; locals are read only
 * where every path has written them (definedness is joined at labels); shift
 * counts are in range (masked by an explicit andi or set by movi); branches
 * go forward, except the back edge of a counted loop.
 */
#include "qemu/osdep.h"
#include <signal.h>
#include "cpu.h"
#include "exec/exec-all.h"
#include "qemu/log.h"
#include "tcg/tcg-op.h"

/* ---- the two machines ---- */

enum {
    NG64 = 8, NG32 = 8, NGLOBALS = NG64 + NG32,
    ENV_VAR = NGLOBALS,     /* cpu_env, readable as an i64 value */
    FIRST_DYN = ENV_VAR + 1,
    NVARS = 256,            /* vars per program; indices are never reused */
    MAX_INSNS = 4096,
    MAX_LABELS = 256,
    AREA_SIZE = 64,         /* bytes of scratch (ld/st) and of guest memory */
    MAX_STEPS = 200000,     /* interpreter guard against a generator bug */
};

#define SCRATCH_OFS offsetof(CPUX86State, xmm_regs[8])
#define GUEST_OFS offsetof(CPUX86State, xmm_regs[12])
/* Everything a program may change: regs[] and xmm_regs[0..15]. */
#define STATE_WORDS (NG64 + 2 * 16)

static CPUX86State test_env, ref_env, init_env;
static TranslationBlock test_tb;

static size_t global_ofs(int v)
{
    return v < NG64 ? offsetof(CPUX86State, regs[v])
                    : offsetof(CPUX86State, xmm_regs[(v - NG64) / 4]._l[(v - NG64) % 4]);
}

/* ---- variables and recorded instructions ---- */

typedef enum { VK_FIXED, VK_GLOBAL, VK_LOCAL, VK_TEMP } VarKind;

typedef struct Var {
    bool is64;
    VarKind kind;
    union { TCGv_i32 v32; TCGv_i64 v64; } h;   /* valid while emitting */
} Var;

typedef struct Insn {
    uint8_t op;          /* OpId */
    bool is64;           /* width of the op */
    uint8_t cond;        /* TCGCond */
    int16_t label;
    int16_t v[8];        /* vars: outputs, then inputs */
    int64_t imm[2];
} Insn;

static Var vars[NVARS];
static int nb_vars;
static Insn prog[MAX_INSNS];
static int nb_insns;
static int nb_labels;

/* ---- helpers the programs call ---- */

static uint64_t helper_fuzz_pure(uint64_t a, uint32_t b)
{
    return (a ^ (a >> 29)) * 0x9e3779b97f4a7c15ull + b;
}

/* Reads r6 and writes r7 behind the allocator's back: globals must be
   stored before the call and reloaded after it. */
static uint64_t helper_fuzz_env(CPUX86State *env, uint64_t a)
{
    uint64_t r6 = env->regs[6];

    env->regs[7] = a ^ r6;
    return a * 3 + r6;
}

/* Reads a global: it must be in env, though it may stay in a register.
   Registered as returning i32; the wider C type leaves garbage in the high
   half of %rax, as the ABI allows and as no i32 use may depend on. */
static uint64_t helper_fuzz_nowg(CPUX86State *env, uint32_t a)
{
    return (uint64_t)~a << 32 | (uint32_t)(a + (uint32_t)env->regs[6] * 5);
}

/* Every argument register, a signed 32-bit argument among them. */
static uint64_t helper_fuzz_six(uint64_t a, uint32_t b, int32_t c, uint64_t d,
                                uint32_t e, uint64_t f)
{
    return a * 3 + b * 5 + (int64_t)c * 7 + d * 11 + e * 13 + f * 17;
}

/* sizemask: bit 2n set when value n (0 = result) is 64-bit */
static const TCGHelperInfo pure_info = {
    .func = helper_fuzz_pure, .name = "fuzz_pure",
    .flags = TCG_CALL_NO_RWG_SE, .sizemask = 1 | 1 << 2,
};
static const TCGHelperInfo env_info = {
    .func = helper_fuzz_env, .name = "fuzz_env",
    .flags = 0, .sizemask = 1 | 1 << 2 | 1 << 4,
};
static const TCGHelperInfo nowg_info = {
    .func = helper_fuzz_nowg, .name = "fuzz_nowg",
    .flags = TCG_CALL_NO_WG_SE, .sizemask = 1 << 2,
};
static const TCGHelperInfo six_info = {
    .func = helper_fuzz_six, .name = "fuzz_six", .flags = TCG_CALL_NO_RWG,
    .sizemask = 1 | 1 << 2 | 2 << 6 | 1 << 8 | 1 << 12,
};

/* ---- reference semantics (tcg/README section 4) ---- */

/* r: results; x: input values, then imm[0]; the rest comes from in. */
typedef void Eval(uint64_t *r, const uint64_t *x, const Insn *in,
                  CPUX86State *env);

#define A x[0]
#define B x[1]
#define BITS (in->is64 ? 64 : 32)

static uint64_t sext(uint64_t v, int bits)
{
    return bits == 64 ? v : (uint64_t)(int64_t)(int32_t)v;
}

static uint64_t low_mask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

static bool cond_holds(TCGCond c, uint64_t a, uint64_t b, int bits)
{
    int64_t sa = sext(a, bits), sb = sext(b, bits);

    a &= low_mask(bits);
    b &= low_mask(bits);
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    abort();
}

/* Results are masked to the output's width by the interpreter. */
#define EV(name, expr) \
static void ev_ ## name(uint64_t *r, const uint64_t *x, const Insn *in, \
                        CPUX86State *env) { r[0] = (expr); }
EV(mov, A)
EV(add, A + B)
EV(sub, A - B)
EV(subfi, B - A)
EV(mul, A * B)
EV(and, A & B)
EV(or, A | B)
EV(xor, A ^ B)
EV(andc, A & ~B)
EV(shl, A << B)
EV(shr, A >> B)
EV(sar, (uint64_t)((int64_t)sext(A, BITS) >> B))
EV(rotl, B ? A << B | A >> (BITS - B) : A)
EV(rotr, B ? A >> B | A << (BITS - B) : A)
EV(clz, A ? (uint64_t)__builtin_clzll(A) - (64 - BITS) : B)
EV(ctz, A ? (uint64_t)__builtin_ctzll(A) : B)
EV(neg, -A)
EV(not, ~A)
EV(ext8s, (uint64_t)(int8_t)A)
EV(ext8u, (uint8_t)A)
EV(ext16s, (uint64_t)(int16_t)A)
EV(ext16u, (uint16_t)A)
EV(ext32s, (uint64_t)(int32_t)A)
EV(ext32u, (uint32_t)A)
EV(bswap16, __builtin_bswap16(A))
EV(bswap32, __builtin_bswap32(A))
EV(bswap64, __builtin_bswap64(A))
EV(ctpop, __builtin_popcountll(A))
EV(extrh, A >> 32)
EV(concat, A | B << 32)
EV(extract, (A >> in->imm[0]) & low_mask(in->imm[1]))
EV(sextract, (uint64_t)((int64_t)(A << (64 - in->imm[0] - in->imm[1]))
                        >> (64 - in->imm[1])))
EV(deposit, (A & ~(low_mask(in->imm[1]) << in->imm[0]))
            | (B & low_mask(in->imm[1])) << in->imm[0])
EV(setcond, cond_holds(in->cond, A, B, BITS))
EV(movcond, cond_holds(in->cond, A, B, BITS) ? x[2] : x[3])
EV(call_pure, helper_fuzz_pure(A, B))
EV(call_env, helper_fuzz_env(env, A))
EV(call_nowg, helper_fuzz_nowg(env, A))
EV(call_six, helper_fuzz_six(A, B, x[2], x[3], x[4], x[5]))

static void ev_mulu2(uint64_t *r, const uint64_t *x, const Insn *in,
                     CPUX86State *env)
{
    unsigned __int128 p = (unsigned __int128)A * B;

    r[0] = p;
    r[1] = BITS == 64 ? (uint64_t)(p >> 64) : (uint64_t)p >> 32;
}

static void ev_muls2(uint64_t *r, const uint64_t *x, const Insn *in,
                     CPUX86State *env)
{
    __int128 p = (__int128)(int64_t)sext(A, BITS) * (int64_t)sext(B, BITS);

    r[0] = p;
    r[1] = BITS == 64 ? (uint64_t)(p >> 64) : (uint64_t)p >> 32;
}

/* (r1:r0) = (x1:x0) +/- (x3:x2), double width */
static void ev_addsub2(uint64_t *r, const uint64_t *x, const Insn *in,
                       bool sub)
{
    unsigned __int128 a, b, d;

    if (BITS == 64) {
        a = (unsigned __int128)x[1] << 64 | x[0];
        b = (unsigned __int128)x[3] << 64 | x[2];
    } else {
        a = (uint64_t)(uint32_t)x[1] << 32 | (uint32_t)x[0];
        b = (uint64_t)(uint32_t)x[3] << 32 | (uint32_t)x[2];
    }
    d = sub ? a - b : a + b;
    r[0] = (uint64_t)d;
    r[1] = BITS == 64 ? (uint64_t)(d >> 64) : (uint64_t)d >> 32;
}

static void ev_add2(uint64_t *r, const uint64_t *x, const Insn *in,
                    CPUX86State *env)
{
    ev_addsub2(r, x, in, false);
}

static void ev_sub2(uint64_t *r, const uint64_t *x, const Insn *in,
                    CPUX86State *env)
{
    ev_addsub2(r, x, in, true);
}

static void ev_extr(uint64_t *r, const uint64_t *x, const Insn *in,
                    CPUX86State *env)
{
    r[0] = A;
    r[1] = A >> 32;
}

#undef A
#undef B

/* ---- the op table ---- */

typedef enum {
    SH_NEW, SH_FREE, SH_MOVI, SH_UN, SH_BIN, SH_BINI, SH_SUBFI, SH_SHIFTI,
    SH_CLZI, SH_FIELD, SH_DEPOSIT, SH_SETCOND, SH_SETCONDI, SH_MOVCOND,
    SH_MUL2, SH_ADD2, SH_TO64, SH_TO32, SH_CONCAT, SH_EXTR, SH_LD, SH_ST, SH_QLD,
    SH_QST, SH_CALL, SH_LABEL, SH_BR, SH_BRCOND, SH_BRCONDI, SH_EXIT,
    SH_INSN_START,
} Shape;

typedef enum {
    OP_NEW, OP_CONST, OP_FREE, OP_MOVI,
    OP_MOV, OP_NEG, OP_NOT, OP_EXT8S, OP_EXT8U, OP_EXT16S, OP_EXT16U,
    OP_EXT32S, OP_EXT32U, OP_BSWAP16, OP_BSWAP32, OP_BSWAP64, OP_CTPOP,
    OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_OR, OP_XOR, OP_ANDC, OP_CLZ, OP_CTZ,
    OP_SHL, OP_SHR, OP_SAR, OP_ROTL, OP_ROTR,
    OP_ADDI, OP_SUBI, OP_MULI, OP_ANDI, OP_ORI, OP_XORI, OP_SUBFI,
    OP_SHLI, OP_SHRI, OP_SARI, OP_ROTLI, OP_ROTRI, OP_CLZI, OP_CTZI,
    OP_EXTRACT, OP_SEXTRACT, OP_DEPOSIT, OP_SETCOND, OP_SETCONDI, OP_MOVCOND,
    OP_MULU2, OP_MULS2, OP_ADD2, OP_SUB2, OP_EXT_I32_I64, OP_EXTU_I32_I64, OP_EXTRL, OP_EXTRH,
    OP_CONCAT, OP_EXTR,
    OP_LD8U, OP_LD8S, OP_LD16U, OP_LD16S, OP_LD, OP_LD32U, OP_LD32S,
    OP_ST8, OP_ST16, OP_ST, OP_ST32, OP_QEMU_LD, OP_QEMU_ST,
    OP_CALL_PURE, OP_CALL_ENV, OP_CALL_NOWG, OP_CALL_SIX,
    OP_LABEL, OP_BR, OP_BRCOND, OP_BRCONDI, OP_EXIT, OP_INSN_START,
    NB_FUZZ_OPS
} OpId;

enum { W32 = 1, W64 = 2, WBOTH = 3 };

typedef struct OpDesc {
    const char *name;
    Shape shape;
    uint8_t widths;
    uint8_t n_out;
    /* type of each var operand, outputs first: w the op's width,
       4 i32, 8 i64 */
    const char *types;
    uint8_t weight;       /* how often the generator picks it freely */
    bool count;           /* input 2 is a shift count: must be < width */
    uint8_t msize;        /* ld/st: access bytes, 0 = the op's width */
    bool msign;
    Eval *ev;
    void (*un32)(TCGv_i32, TCGv_i32);
    void (*un64)(TCGv_i64, TCGv_i64);
    void (*bin32)(TCGv_i32, TCGv_i32, TCGv_i32);
    void (*bin64)(TCGv_i64, TCGv_i64, TCGv_i64);
    void (*bini32)(TCGv_i32, TCGv_i32, int32_t);
    void (*bini64)(TCGv_i64, TCGv_i64, int64_t);
    void (*shi32)(TCGv_i32, TCGv_i32, unsigned);
    void (*shi64)(TCGv_i64, TCGv_i64, unsigned);
    void (*clzi32)(TCGv_i32, TCGv_i32, uint32_t);
    void (*clzi64)(TCGv_i64, TCGv_i64, uint64_t);
    void (*field32)(TCGv_i32, TCGv_i32, unsigned, unsigned);
    void (*field64)(TCGv_i64, TCGv_i64, unsigned, unsigned);
    void (*mul2_32)(TCGv_i32, TCGv_i32, TCGv_i32, TCGv_i32);
    void (*mul2_64)(TCGv_i64, TCGv_i64, TCGv_i64, TCGv_i64);
    void (*add2_32)(TCGv_i32, TCGv_i32, TCGv_i32, TCGv_i32, TCGv_i32,
                    TCGv_i32);
    void (*add2_64)(TCGv_i64, TCGv_i64, TCGv_i64, TCGv_i64, TCGv_i64,
                    TCGv_i64);
    void (*to64)(TCGv_i64, TCGv_i32);
    void (*to32)(TCGv_i32, TCGv_i64);
    void (*ldst32)(TCGv_i32, TCGv_ptr, intptr_t);
    void (*ldst64)(TCGv_i64, TCGv_ptr, intptr_t);
    const TCGHelperInfo *helper;
    bool env_arg;         /* the helper's first argument is env */
} OpDesc;

#define BUILD(kind, name) \
    .kind ## 32 = tcg_gen_ ## name ## _i32, .kind ## 64 = tcg_gen_ ## name ## _i64
#define UN(id, name, w) [id] = { #name, SH_UN, WBOTH, 1, "ww", w, \
    .ev = ev_ ## name, BUILD(un, name) }
#define UN64(id, name, w) [id] = { #name, SH_UN, W64, 1, "ww", w, \
    .ev = ev_ ## name, .un64 = tcg_gen_ ## name ## _i64 }
#define BIN(id, name, w) [id] = { #name, SH_BIN, WBOTH, 1, "www", w, \
    .ev = ev_ ## name, BUILD(bin, name) }
#define SHIFT(id, name, w) [id] = { #name, SH_BIN, WBOTH, 1, "www", w, \
    .count = true, .ev = ev_ ## name, BUILD(bin, name) }
#define BINI(id, name, ev_name, w) [id] = { #name "i", SH_BINI, WBOTH, 1, "ww", \
    w, .ev = ev_ ## ev_name, BUILD(bini, name ## i) }
#define SHIFTI(id, name, w) [id] = { #name "i", SH_SHIFTI, WBOTH, 1, "ww", w, \
    .ev = ev_ ## name, BUILD(shi, name ## i) }
#define CLZI(id, name, w) [id] = { #name "i", SH_CLZI, WBOTH, 1, "ww", w, \
    .ev = ev_ ## name, BUILD(clzi, name ## i) }
#define FIELD(id, name, w) [id] = { #name, SH_FIELD, WBOTH, 1, "ww", w, \
    .ev = ev_ ## name, BUILD(field, name) }
#define MUL2(id, name, w) [id] = { #name, SH_MUL2, WBOTH, 2, "wwww", w, \
    .ev = ev_ ## name, .mul2_32 = tcg_gen_ ## name ## _i32, \
    .mul2_64 = tcg_gen_ ## name ## _i64 }
#define ADD2(id, name, w) [id] = { #name, SH_ADD2, WBOTH, 2, "wwwwww", w, \
    .ev = ev_ ## name, .add2_32 = tcg_gen_ ## name ## _i32, \
    .add2_64 = tcg_gen_ ## name ## _i64 }
#define LD(id, name, widths, size, sign) [id] = { #name, SH_LD, widths, 1, "w8", \
    6, .msize = size, .msign = sign, BUILD(ldst, name) }
#define LD64(id, name, size, sign) [id] = { #name, SH_LD, W64, 1, "w8", 4, \
    .msize = size, .msign = sign, .ldst64 = tcg_gen_ ## name ## _i64 }
#define ST(id, name, size) [id] = { #name, SH_ST, WBOTH, 0, "w8", 6, \
    .msize = size, BUILD(ldst, name) }
#define CALL(id, name, types, info, env) [id] = { #name, SH_CALL, W64, 1, \
    types, 3, .ev = ev_ ## name, .helper = &info, .env_arg = env }

static const OpDesc op_table[NB_FUZZ_OPS] = {
    [OP_NEW] = { "new", SH_NEW, WBOTH, 1, "w" },
    [OP_CONST] = { "const", SH_NEW, WBOTH, 1, "w" },
    [OP_FREE] = { "free", SH_FREE, WBOTH, 0, "w" },
    [OP_MOVI] = { "movi", SH_MOVI, WBOTH, 1, "w", 10, .ev = ev_mov },
    UN(OP_MOV, mov, 10), UN(OP_NEG, neg, 4), UN(OP_NOT, not, 4),
    UN(OP_EXT8S, ext8s, 3), UN(OP_EXT8U, ext8u, 3), UN(OP_EXT16S, ext16s, 3),
    UN(OP_EXT16U, ext16u, 3), UN64(OP_EXT32S, ext32s, 4),
    UN64(OP_EXT32U, ext32u, 4), UN(OP_BSWAP16, bswap16, 3),
    UN(OP_BSWAP32, bswap32, 3), UN64(OP_BSWAP64, bswap64, 3),
    UN(OP_CTPOP, ctpop, 2),
    BIN(OP_ADD, add, 14), BIN(OP_SUB, sub, 12), BIN(OP_MUL, mul, 6),
    BIN(OP_AND, and, 8), BIN(OP_OR, or, 8), BIN(OP_XOR, xor, 8),
    BIN(OP_ANDC, andc, 4), BIN(OP_CLZ, clz, 4), BIN(OP_CTZ, ctz, 4),
    SHIFT(OP_SHL, shl, 8), SHIFT(OP_SHR, shr, 8), SHIFT(OP_SAR, sar, 8),
    SHIFT(OP_ROTL, rotl, 6), SHIFT(OP_ROTR, rotr, 6),
    BINI(OP_ADDI, add, add, 10), BINI(OP_SUBI, sub, sub, 4),
    BINI(OP_MULI, mul, mul, 4), BINI(OP_ANDI, and, and, 8),
    BINI(OP_ORI, or, or, 4), BINI(OP_XORI, xor, xor, 4),
    [OP_SUBFI] = { "subfi", SH_SUBFI, WBOTH, 1, "ww", 3, .ev = ev_subfi },
    SHIFTI(OP_SHLI, shl, 6), SHIFTI(OP_SHRI, shr, 6), SHIFTI(OP_SARI, sar, 6),
    SHIFTI(OP_ROTLI, rotl, 3), SHIFTI(OP_ROTRI, rotr, 3),
    CLZI(OP_CLZI, clz, 2), CLZI(OP_CTZI, ctz, 2),
    FIELD(OP_EXTRACT, extract, 4), FIELD(OP_SEXTRACT, sextract, 4),
    [OP_DEPOSIT] = { "deposit", SH_DEPOSIT, WBOTH, 1, "www", 4,
                     .ev = ev_deposit },
    [OP_SETCOND] = { "setcond", SH_SETCOND, WBOTH, 1, "www", 6,
                     .ev = ev_setcond },
    [OP_SETCONDI] = { "setcondi", SH_SETCONDI, WBOTH, 1, "ww", 4,
                      .ev = ev_setcond },
    [OP_MOVCOND] = { "movcond", SH_MOVCOND, WBOTH, 1, "wwwww", 6,
                     .ev = ev_movcond },
    MUL2(OP_MULU2, mulu2, 4), MUL2(OP_MULS2, muls2, 4),
    ADD2(OP_ADD2, add2, 4), ADD2(OP_SUB2, sub2, 4),
    [OP_EXT_I32_I64] = { "ext_i32_i64", SH_TO64, W64, 1, "84", 4,
                         .ev = ev_ext32s, .to64 = tcg_gen_ext_i32_i64 },
    [OP_EXTU_I32_I64] = { "extu_i32_i64", SH_TO64, W64, 1, "84", 4,
                          .ev = ev_ext32u, .to64 = tcg_gen_extu_i32_i64 },
    [OP_EXTRL] = { "extrl_i64_i32", SH_TO32, W32, 1, "48", 4,
                   .ev = ev_mov, .to32 = tcg_gen_extrl_i64_i32 },
    [OP_EXTRH] = { "extrh_i64_i32", SH_TO32, W32, 1, "48", 4,
                   .ev = ev_extrh, .to32 = tcg_gen_extrh_i64_i32 },
    [OP_CONCAT] = { "concat_i32_i64", SH_CONCAT, W64, 1, "844", 3,
                    .ev = ev_concat },
    [OP_EXTR] = { "extr_i64_i32", SH_EXTR, W32, 2, "448", 3, .ev = ev_extr },
    LD(OP_LD8U, ld8u, WBOTH, 1, false), LD(OP_LD8S, ld8s, WBOTH, 1, true),
    LD(OP_LD16U, ld16u, WBOTH, 2, false), LD(OP_LD16S, ld16s, WBOTH, 2, true),
    LD(OP_LD, ld, WBOTH, 0, false),
    LD64(OP_LD32U, ld32u, 4, false), LD64(OP_LD32S, ld32s, 4, true),
    ST(OP_ST8, st8, 1), ST(OP_ST16, st16, 2), ST(OP_ST, st, 0),
    [OP_ST32] = { "st32", SH_ST, W64, 0, "w8", 4, .msize = 4,
                  .ldst64 = tcg_gen_st32_i64 },
    /* weight 0: gen_guest_access pairs them with an address it builds */
    [OP_QEMU_LD] = { "qemu_ld", SH_QLD, WBOTH, 1, "w8", 0 },
    [OP_QEMU_ST] = { "qemu_st", SH_QST, WBOTH, 0, "w8", 0 },
    CALL(OP_CALL_PURE, call_pure, "884", pure_info, false),
    CALL(OP_CALL_ENV, call_env, "88", env_info, true),
    CALL(OP_CALL_NOWG, call_nowg, "44", nowg_info, true),
    CALL(OP_CALL_SIX, call_six, "8844848", six_info, false),
    [OP_LABEL] = { "set_label", SH_LABEL, 0, 0, "" },
    [OP_BR] = { "br", SH_BR, 0, 0, "" },
    [OP_BRCOND] = { "brcond", SH_BRCOND, WBOTH, 0, "ww" },
    [OP_BRCONDI] = { "brcondi", SH_BRCONDI, WBOTH, 0, "w" },
    [OP_EXIT] = { "exit_tb", SH_EXIT, 0, 0, "" },
    [OP_INSN_START] = { "insn_start", SH_INSN_START, 0, 0, "" },
};

static int nb_operands(const OpDesc *d)
{
    return strlen(d->types);
}

static bool operand_is64(const OpDesc *d, int k, bool op_is64)
{
    return d->types[k] == 'w' ? op_is64 : d->types[k] == '8';
}

/* ---- the interpreter ---- */

typedef struct Machine {
    CPUX86State *env;
    uint64_t val[NVARS];      /* non-global vars; globals live in env */
    uintptr_t exit_value;
} Machine;

/* exit insns: imm[0] 0 is exit_tb(NULL, 0); n > 0 is goto_tb(n - 1)
   followed by exit_tb(&test_tb, n - 1), which returns tb | slot while the
   jump is not chained. */
static uintptr_t exit_value(const Insn *in)
{
    return in->imm[0] ? (uintptr_t)&test_tb + in->imm[0] - 1 : 0;
}

static uint64_t var_mask(int v)
{
    return vars[v].is64 ? ~0ull : 0xffffffffull;
}

static uint64_t read_var(const Machine *m, int v)
{
    uint8_t *p;

    if (vars[v].kind == VK_FIXED) {
        return (uintptr_t)&test_env;    /* what the generated code sees */
    }
    if (vars[v].kind != VK_GLOBAL) {
        return m->val[v];
    }
    p = (uint8_t *)m->env + global_ofs(v);
    return vars[v].is64 ? *(uint64_t *)p : *(uint32_t *)p;
}

static void write_var(Machine *m, int v, uint64_t x)
{
    uint8_t *p = (uint8_t *)m->env + global_ofs(v);

    x &= var_mask(v);
    if (vars[v].kind != VK_GLOBAL) {
        m->val[v] = x;
    } else if (vars[v].is64) {
        *(uint64_t *)p = x;
    } else {
        *(uint32_t *)p = x;
    }
}

static uint64_t mem_load(const uint8_t *p, int size, bool sign)
{
    uint64_t x = 0;

    memcpy(&x, p, size);
    return sign ? (uint64_t)((int64_t)(x << (64 - 8 * size)) >> (64 - 8 * size)) : x;
}

/* Addresses in the program (guest memory, ld/st pointers) point into
   test_env; the interpreter's memory is the same place in ref_env. */
static uint8_t *ref_addr(uint64_t addr)
{
    return (uint8_t *)&ref_env + (addr - (uintptr_t)&test_env);
}

static int access_size(const OpDesc *d, const Insn *in)
{
    return d->msize ? d->msize : in->is64 ? 8 : 4;
}

/* Returns false if the program does not end within MAX_STEPS. */
static bool interpret(Machine *m)
{
    static int label_pos[MAX_LABELS];
    int pc, steps, i, k;

    for (i = 0; i < nb_insns; i++) {
        if (prog[i].op == OP_LABEL) {
            label_pos[prog[i].label] = i;
        }
    }
    for (pc = 0, steps = 0; pc < nb_insns && steps < MAX_STEPS; pc++, steps++) {
        const Insn *in = &prog[pc];
        const OpDesc *d = &op_table[in->op];
        int nops = nb_operands(d), bits = in->is64 ? 64 : 32;
        uint64_t x[8], r[2];
        uint8_t *mem;

        for (k = d->n_out; k < nops; k++) {
            x[k - d->n_out] = read_var(m, in->v[k]);
        }
        x[nops - d->n_out] = in->imm[0];

        switch (d->shape) {
        case SH_NEW:
            if (in->op == OP_CONST) {
                write_var(m, in->v[0], in->imm[0]);
            }
            break;
        case SH_FREE:
        case SH_LABEL:
        case SH_INSN_START:
            break;
        case SH_EXIT:
            m->exit_value = exit_value(in);
            return true;
        case SH_BR:
            pc = label_pos[in->label];
            break;
        case SH_BRCOND:
        case SH_BRCONDI:
            if (cond_holds(in->cond, x[0], x[1], bits)) {
                pc = label_pos[in->label];
            }
            break;
        case SH_LD:
            mem = ref_addr(x[0] + in->imm[0]);
            write_var(m, in->v[0], mem_load(mem, access_size(d, in), d->msign));
            break;
        case SH_ST:
            memcpy(ref_addr(x[1] + in->imm[0]), &x[0], access_size(d, in));
            break;
        case SH_QLD:
            write_var(m, in->v[0], mem_load(ref_addr(x[0]), 1 << (in->imm[0] & MO_SIZE),
                                            in->imm[0] & MO_SIGN));
            break;
        case SH_QST:
            memcpy(ref_addr(x[1]), &x[0], 1 << (in->imm[0] & MO_SIZE));
            break;
        default:
            d->ev(r, x, in, m->env);
            for (k = 0; k < d->n_out; k++) {
                write_var(m, in->v[k], r[k]);
            }
            break;
        }
    }
    return steps < MAX_STEPS;
}

/* ---- emission through the builders ---- */

static TCGLabel *label_handles[MAX_LABELS];

static TCGLabel *label_of(const Insn *in)
{
    if (!label_handles[in->label]) {
        label_handles[in->label] = gen_new_label();
    }
    return label_handles[in->label];
}

static void emit_new(const Insn *in)
{
    Var *v = &vars[in->v[0]];
    bool local = v->kind == VK_LOCAL;

    if (in->op == OP_CONST) {
        if (v->is64) {
            v->h.v64 = local ? tcg_const_local_i64(in->imm[0]) : tcg_const_i64(in->imm[0]);
        } else {
            v->h.v32 = local ? tcg_const_local_i32(in->imm[0]) : tcg_const_i32(in->imm[0]);
        }
    } else if (v->is64) {
        v->h.v64 = local ? tcg_temp_local_new_i64() : tcg_temp_new_i64();
    } else {
        v->h.v32 = local ? tcg_temp_local_new_i32() : tcg_temp_new_i32();
    }
}

static void *handle(int v)
{
    return vars[v].is64 ? (void *)vars[v].h.v64 : (void *)vars[v].h.v32;
}

static void emit_call(const Insn *in)
{
    const OpDesc *d = &op_table[in->op];
    void *args[6];           /* the most a helper takes (README 6) */
    int n = 0, k;

    if (d->env_arg) {
        args[n++] = cpu_env;
    }
    for (k = 1; k < nb_operands(d); k++) {
        args[n++] = handle(in->v[k]);
    }
    tcg_gen_callN(d->helper->func, handle(in->v[0]), n, args);
}

#define L(k) vars[in->v[k]].h.v32
#define Q(k) vars[in->v[k]].h.v64

static void emit_insn(const Insn *in)
{
    const OpDesc *d = &op_table[in->op];
    bool w = in->is64;
    int64_t i0 = in->imm[0], i1 = in->imm[1];

    switch (d->shape) {
    case SH_NEW: emit_new(in); break;
    case SH_FREE: w ? tcg_temp_free_i64(Q(0)) : tcg_temp_free_i32(L(0)); break;
    case SH_MOVI: w ? tcg_gen_movi_i64(Q(0), i0) : tcg_gen_movi_i32(L(0), i0); break;
    case SH_UN: w ? d->un64(Q(0), Q(1)) : d->un32(L(0), L(1)); break;
    case SH_BIN: w ? d->bin64(Q(0), Q(1), Q(2)) : d->bin32(L(0), L(1), L(2)); break;
    case SH_BINI: w ? d->bini64(Q(0), Q(1), i0) : d->bini32(L(0), L(1), i0); break;
    case SH_SUBFI:
        w ? tcg_gen_subfi_i64(Q(0), i0, Q(1)) : tcg_gen_subfi_i32(L(0), i0, L(1));
        break;
    case SH_SHIFTI: w ? d->shi64(Q(0), Q(1), i0) : d->shi32(L(0), L(1), i0); break;
    case SH_CLZI: w ? d->clzi64(Q(0), Q(1), i0) : d->clzi32(L(0), L(1), i0); break;
    case SH_FIELD:
        w ? d->field64(Q(0), Q(1), i0, i1) : d->field32(L(0), L(1), i0, i1);
        break;
    case SH_DEPOSIT:
        w ? tcg_gen_deposit_i64(Q(0), Q(1), Q(2), i0, i1)
          : tcg_gen_deposit_i32(L(0), L(1), L(2), i0, i1);
        break;
    case SH_SETCOND:
        w ? tcg_gen_setcond_i64(in->cond, Q(0), Q(1), Q(2))
          : tcg_gen_setcond_i32(in->cond, L(0), L(1), L(2));
        break;
    case SH_SETCONDI:
        w ? tcg_gen_setcondi_i64(in->cond, Q(0), Q(1), i0)
          : tcg_gen_setcondi_i32(in->cond, L(0), L(1), i0);
        break;
    case SH_MOVCOND:
        w ? tcg_gen_movcond_i64(in->cond, Q(0), Q(1), Q(2), Q(3), Q(4))
          : tcg_gen_movcond_i32(in->cond, L(0), L(1), L(2), L(3), L(4));
        break;
    case SH_MUL2:
        w ? d->mul2_64(Q(0), Q(1), Q(2), Q(3)) : d->mul2_32(L(0), L(1), L(2), L(3));
        break;
    case SH_ADD2:
        w ? d->add2_64(Q(0), Q(1), Q(2), Q(3), Q(4), Q(5))
          : d->add2_32(L(0), L(1), L(2), L(3), L(4), L(5));
        break;
    case SH_TO64: d->to64(Q(0), L(1)); break;
    case SH_TO32: d->to32(L(0), Q(1)); break;
    case SH_CONCAT: tcg_gen_concat_i32_i64(Q(0), L(1), L(2)); break;
    case SH_EXTR: tcg_gen_extr_i64_i32(L(0), L(1), Q(2)); break;
    case SH_LD:
    case SH_ST:
        w ? d->ldst64(Q(0), (TCGv_ptr)Q(1), i0) : d->ldst32(L(0), (TCGv_ptr)Q(1), i0);
        break;
    case SH_QLD:
        w ? tcg_gen_qemu_ld_i64(Q(0), Q(1), 0, i0) : tcg_gen_qemu_ld_i32(L(0), Q(1), 0, i0);
        break;
    case SH_QST:
        w ? tcg_gen_qemu_st_i64(Q(0), Q(1), 0, i0) : tcg_gen_qemu_st_i32(L(0), Q(1), 0, i0);
        break;
    case SH_CALL: emit_call(in); break;
    case SH_LABEL: gen_set_label(label_of(in)); break;
    case SH_BR: tcg_gen_br(label_of(in)); break;
    case SH_BRCOND:
        w ? tcg_gen_brcond_i64(in->cond, Q(0), Q(1), label_of(in))
          : tcg_gen_brcond_i32(in->cond, L(0), L(1), label_of(in));
        break;
    case SH_BRCONDI:
        w ? tcg_gen_brcondi_i64(in->cond, Q(0), i0, label_of(in))
          : tcg_gen_brcondi_i32(in->cond, L(0), i0, label_of(in));
        break;
    case SH_EXIT:
        if (i0) {
            tcg_gen_goto_tb(i0 - 1);
            tcg_gen_exit_tb(&test_tb, i0 - 1);
        } else {
            tcg_gen_exit_tb(NULL, 0);
        }
        break;
    case SH_INSN_START: tcg_gen_insn_start(i0, i1); break;
    }
}

#undef L
#undef Q

/* Builds the recorded program as IR and compiles it; returns the code. */
static void *compile(void)
{
    int i;

    tcg_func_start(tcg_ctx);
    memset(label_handles, 0, sizeof(label_handles));
    for (i = 0; i < nb_insns; i++) {
        emit_insn(&prog[i]);
    }
    /* Each program reuses the same stretch of the code buffer. */
    test_tb.tc.ptr = tcg_code_gen_ptr();
    if (tcg_gen_code(tcg_ctx, &test_tb) < 0) {
        printf("FAIL fuzz: code buffer full\n");
        exit(1);
    }
    return test_tb.tc.ptr;
}

/* ---- listing ---- */

static const char *const cond_names[16] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne", [TCG_COND_LT] = "lt",
    [TCG_COND_GE] = "ge", [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu", [TCG_COND_LEU] = "leu",
    [TCG_COND_GTU] = "gtu",
};

static void print_var(int v)
{
    static const char kind_letter[] = { [VK_LOCAL] = 'l', [VK_TEMP] = 't' };

    if (v == ENV_VAR) {
        printf("env");
    } else if (v < NG64) {
        printf("r%d", v);
    } else if (v < NGLOBALS) {
        printf("w%d", v - NG64);
    } else {
        printf("%c%d", kind_letter[vars[v].kind], v);
    }
}

static void print_insn(int pc, const Insn *in)
{
    const OpDesc *d = &op_table[in->op];
    const char *sep = nb_operands(d) ? ", " : " ";
    int k;

    printf("  %4d: %s", pc, d->name);
    if (d->shape == SH_NEW) {
        printf(" %s i%d", vars[in->v[0]].kind == VK_LOCAL ? "local" : "temp",
               vars[in->v[0]].is64 ? 64 : 32);
    } else if (d->widths == WBOTH) {
        printf("_i%d", in->is64 ? 64 : 32);
    }
    for (k = 0; k < nb_operands(d); k++) {
        printf(k ? ", " : " ");
        print_var(in->v[k]);
    }
    switch (d->shape) {
    case SH_MOVI: case SH_BINI: case SH_SUBFI: case SH_SHIFTI: case SH_CLZI:
    case SH_SETCONDI: case SH_BRCONDI: case SH_LD: case SH_ST: case SH_QLD:
    case SH_QST:
        printf("%s$%#" PRIx64, sep, in->imm[0]);
        break;
    case SH_NEW:
        if (in->op == OP_CONST) {
            printf(" = $%#" PRIx64, in->imm[0]);
        }
        break;
    case SH_EXIT:
        if (in->imm[0]) {
            printf(" via goto_tb %" PRId64, in->imm[0] - 1);
        }
        break;
    case SH_FIELD: case SH_DEPOSIT: case SH_INSN_START:
        printf("%s$%" PRId64 ", $%" PRId64, sep, in->imm[0], in->imm[1]);
        break;
    default:
        break;
    }
    if (d->shape == SH_SETCOND || d->shape == SH_SETCONDI || d->shape == SH_MOVCOND
        || d->shape == SH_BRCOND || d->shape == SH_BRCONDI) {
        printf(", %s", cond_names[in->cond]);
    }
    if (d->shape == SH_LABEL || d->shape == SH_BR || d->shape == SH_BRCOND
        || d->shape == SH_BRCONDI) {
        printf("%sL%d", sep, in->label);
    }
    printf("\n");
}

static void print_program(void)
{
    int i;

    for (i = 0; i < nb_insns; i++) {
        print_insn(i, &prog[i]);
    }
}

/* ---- the generator ---- */

typedef struct VarSet {
    uint64_t w[NVARS / 64];
} VarSet;

static bool vs_has(const VarSet *s, int v) { return s->w[v / 64] >> (v % 64) & 1; }
static void vs_add(VarSet *s, int v) { s->w[v / 64] |= 1ull << (v % 64); }
static void vs_del(VarSet *s, int v) { s->w[v / 64] &= ~(1ull << (v % 64)); }

static void vs_and(VarSet *s, const VarSet *t)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(s->w); i++) {
        s->w[i] &= t->w[i];
    }
}

/* How a program style shapes the random choices (all per mille but the
   counts). */
typedef struct Style {
    const char *name;
    int programs;
    int min_steps, max_steps;
    int max_live;       /* dynamic vars allocated at once */
    int p_new;          /* output goes to a new var */
    int p_alias;        /* operand repeats an operand of the same insn */
    int p_branch, p_label, p_jump, p_loop, p_free, p_mem;
} Style;

typedef struct Label {
    bool set;
    bool targeted;      /* by a branch on a reachable path */
    int loop;           /* loop that must set it, 0: none */
    VarSet def, small;
} Label;

typedef struct Gen {
    uint64_t rng;
    const Style *st;
    VarSet alive;       /* allocated and not freed */
    VarSet def;         /* holds a value on every path to here */
    VarSet small;       /* holds a value below its width (a shift count) */
    bool reachable;
    int live;           /* dynamic vars alive */
    int loop, nb_loops; /* current loop id (0: none) */
    int loop_counter, loop_head, loop_left;
    Label labels[MAX_LABELS];
} Gen;

static uint64_t rnd(Gen *g)
{
    /* xorshift64* */
    g->rng ^= g->rng >> 12;
    g->rng ^= g->rng << 25;
    g->rng ^= g->rng >> 27;
    return g->rng * 0x2545f4914f6cdd1dull;
}

static unsigned below(Gen *g, unsigned n)
{
    return (rnd(g) >> 11) % n;
}

static bool chance(Gen *g, int permille)
{
    return below(g, 1000) < (unsigned)permille;
}

static const uint64_t edge_values[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff,
    0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffff80000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
};

static uint64_t rnd_value(Gen *g)
{
    switch (below(g, 5)) {
    case 0: return edge_values[below(g, ARRAY_SIZE(edge_values))];
    case 1: return (int64_t)below(g, 33) - 16;
    case 2: return (uint64_t)(int64_t)(int32_t)rnd(g);
    case 3: return (1ull << below(g, 64)) + below(g, 3) - 1;
    default: return rnd(g);
    }
}

static Insn *add_insn(OpId op, bool is64)
{
    Insn *in = &prog[nb_insns++];

    memset(in, 0, sizeof(*in));
    in->op = op;
    in->is64 = is64;
    return in;
}

static bool writable(Gen *g, int v)
{
    return vs_has(&g->alive, v) && v != g->loop_counter && vars[v].kind != VK_FIXED;
}

static int new_var(Gen *g, bool is64, VarKind kind, bool with_const)
{
    int v = nb_vars++;
    Insn *in = add_insn(with_const ? OP_CONST : OP_NEW, is64);

    vars[v].is64 = is64;
    vars[v].kind = kind;
    in->v[0] = v;
    vs_add(&g->alive, v);
    g->live++;
    if (with_const) {
        in->imm[0] = rnd_value(g);
        vs_add(&g->def, v);
    }
    return v;
}

static bool can_alloc(Gen *g)
{
    /* keep room for the vars a loop or a guest access needs */
    return g->live < g->st->max_live && nb_vars < NVARS - 4;
}

/* A random var of the type among those in set (and writable if asked);
   -1 if there is none. */
static int pick_from(Gen *g, const VarSet *set, bool is64, bool for_write)
{
    int cand[NVARS], n = 0, v;

    for (v = 0; v < nb_vars; v++) {
        if (vars[v].is64 == is64 && vs_has(set, v)
            && (!for_write || writable(g, v))) {
            cand[n++] = v;
        }
    }
    return n ? cand[below(g, n)] : -1;
}

/* A random operand of this insn in v[from..to) of the type (writable if
   asked, never avoid); -1 if there is none. */
static int pick_alias(Gen *g, const Insn *in, int from, int to, bool is64,
                      bool for_write, int avoid)
{
    int cand[8], n = 0, k;

    for (k = from; k < to; k++) {
        int v = in->v[k];
        if (vars[v].is64 == is64 && v != avoid && (!for_write || writable(g, v))) {
            cand[n++] = v;
        }
    }
    return n ? cand[below(g, n)] : -1;
}

/* Input k: usually any defined var, sometimes an input already chosen for
   this insn (the same temp twice), sometimes a fresh tcg_const temp. */
static int pick_in(Gen *g, const Insn *in, int first, int k, bool is64)
{
    int v = chance(g, g->st->p_alias) ? pick_alias(g, in, first, k, is64, false, -1)
                                      : -1;

    if (v < 0 && can_alloc(g) && chance(g, 40)) {
        v = new_var(g, is64, chance(g, 300) ? VK_LOCAL : VK_TEMP, true);
    }
    /* globals are always defined, so there is a candidate */
    return v >= 0 ? v : pick_from(g, &g->def, is64, false);
}

/* An output: one of the inputs v[first..nops) (output = input), a new var,
   or any writable var; never avoid (the other output of a pair). */
static int pick_out(Gen *g, const Insn *in, int first, int nops, bool is64,
                    int avoid)
{
    int v = chance(g, g->st->p_alias) ? pick_alias(g, in, first, nops, is64, true, avoid)
                                      : -1;

    if (v < 0 && can_alloc(g) && chance(g, g->st->p_new)) {
        v = new_var(g, is64, chance(g, 250) ? VK_LOCAL : VK_TEMP, false);
    }
    while (v < 0 || v == avoid) {
        v = pick_from(g, &g->alive, is64, true);
    }
    return v;
}

static TCGCond rnd_cond(Gen *g)
{
    static const TCGCond conds[] = {
        TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE,
        TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT, TCG_COND_LTU,
        TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
    };
    return conds[below(g, ARRAY_SIZE(conds))];
}

/* Appends in (after any insns its operand choices emitted). */
static void commit(Gen *g, const Insn *in)
{
    int k;

    prog[nb_insns++] = *in;
    for (k = 0; k < op_table[in->op].n_out; k++) {
        vs_add(&g->def, in->v[k]);
        vs_del(&g->small, in->v[k]);
    }
}

/* A shift count: dst = src & (width - 1), or dst = a constant below the
   width.  It stays usable as a count until dst is written again. */
static int gen_count(Gen *g, bool is64)
{
    int bits = is64 ? 64 : 32;
    Insn in = { .op = OP_ANDI, .is64 = is64, .imm = { bits - 1 } };

    if (chance(g, 200)) {
        in.op = OP_MOVI;
        in.imm[0] = below(g, bits);
        in.v[0] = pick_out(g, &in, 1, 1, is64, -1);
    } else {
        in.v[1] = pick_from(g, &g->def, is64, false);
        in.v[0] = pick_out(g, &in, 1, 2, is64, -1);
    }
    commit(g, &in);
    vs_add(&g->small, in.v[0]);
    return in.v[0];
}

static uint64_t rnd_imm(Gen *g, bool is64)
{
    return is64 ? rnd_value(g) : (uint64_t)(int32_t)rnd_value(g);
}

static void gen_immediates(Gen *g, Insn *in, const OpDesc *d)
{
    int bits = in->is64 ? 64 : 32;
    unsigned len;

    switch (d->shape) {
    case SH_MOVI: case SH_BINI: case SH_SUBFI: case SH_SETCONDI:
        in->imm[0] = rnd_imm(g, in->is64);
        break;
    case SH_SHIFTI:
        in->imm[0] = below(g, bits);
        break;
    case SH_CLZI:
        in->imm[0] = chance(g, 500) ? (uint64_t)bits : rnd_value(g) & low_mask(bits);
        break;
    case SH_FIELD: case SH_DEPOSIT:
        len = 1 + below(g, bits);
        in->imm[1] = len;
        in->imm[0] = below(g, bits - len + 1);
        break;
    default:
        break;
    }
    in->cond = rnd_cond(g);
}

static const OpDesc *pick_op(Gen *g)
{
    static int total;
    int i, r;

    if (!total) {
        for (i = 0; i < NB_FUZZ_OPS; i++) {
            total += op_table[i].weight;
        }
    }
    r = below(g, total);
    for (i = 0; r >= op_table[i].weight; i++) {
        r -= op_table[i].weight;
    }
    return &op_table[i];
}

/* ld/st on the scratch area: from env with the area's offset, or from a
   pointer p = (src & 15) + env + adj with the offset that takes p back into
   the area, so that bases sit in any register and displacements are zero,
   8-bit or 32-bit. */
static void gen_host_access(Gen *g, Insn *acc)
{
    const OpDesc *d = &op_table[acc->op];
    int size = access_size(d, acc);

    if (chance(g, 500)) {
        acc->v[1] = ENV_VAR;
        acc->imm[0] = SCRATCH_OFS + below(g, AREA_SIZE - size + 1);
    } else {
        int64_t adj = chance(g, 700) ? (int64_t)below(g, 49) : (int64_t)below(g, 600) - 300;
        Insn mask = { .op = OP_ANDI, .is64 = true, .imm = { 15 } };
        Insn add = { .op = OP_ADD, .is64 = true };
        Insn addi = { .op = OP_ADDI, .is64 = true, .imm = { SCRATCH_OFS + adj } };
        bool env_first = chance(g, 500);

        mask.v[1] = pick_from(g, &g->def, true, false);
        mask.v[0] = pick_out(g, &mask, 1, 2, true, -1);
        commit(g, &mask);
        add.v[0] = add.v[1] = add.v[2] = mask.v[0];
        add.v[env_first ? 1 : 2] = ENV_VAR;
        commit(g, &add);
        addi.v[0] = addi.v[1] = mask.v[0];
        commit(g, &addi);
        acc->v[1] = mask.v[0];
        acc->imm[0] = (int64_t)below(g, AREA_SIZE - 15 - size + 1) - adj;
    }
    if (d->shape == SH_LD) {
        acc->v[0] = pick_out(g, acc, 1, 2, acc->is64, -1);
    } else {
        acc->v[0] = pick_in(g, acc, 1, 2, acc->is64);
    }
    commit(g, acc);
}

/* One op with outputs, drawn from the table. */
static void gen_value_op(Gen *g)
{
    const OpDesc *d;
    int nops, k, count = -1;
    Insn in = { 0 };

    do {
        d = pick_op(g);
    } while (d->shape == SH_CALL && !chance(g, g->st->p_mem));
    nops = nb_operands(d);
    in.op = d - op_table;
    in.is64 = d->widths == W64 || (d->widths == WBOTH && chance(g, 500));
    if (d->shape == SH_LD || d->shape == SH_ST) {
        gen_host_access(g, &in);
        return;
    }
    if (d->count) {
        count = chance(g, 500) ? pick_from(g, &g->small, in.is64, false) : -1;
        if (count < 0) {
            count = gen_count(g, in.is64);
        }
    }
    for (k = d->n_out; k < nops; k++) {
        in.v[k] = d->count && k == 2 ? count
                  : pick_in(g, &in, d->n_out, k, operand_is64(d, k, in.is64));
    }
    for (k = 0; k < d->n_out; k++) {
        in.v[k] = pick_out(g, &in, d->n_out, nops, operand_is64(d, k, in.is64),
                           k ? in.v[0] : -1);
    }
    gen_immediates(g, &in, d);
    commit(g, &in);
    if (in.op == OP_CALL_ENV) {
        vs_del(&g->small, 7);   /* the helper writes r7 */
    }
}

/* addr = (src & 31) + the guest memory, then a qemu_ld or qemu_st through
   it.  Never env: a global need not be in env at a guest access (it may
   stay in a host register the access map names, README 5), and no guest
   address reaches env in the emulator. */
static void gen_guest_access(Gen *g)
{
    bool is64 = chance(g, 500), load = chance(g, 500);
    size_t area = GUEST_OFS;
    Insn mask = { .op = OP_ANDI, .is64 = true, .imm = { AREA_SIZE / 2 - 1 } };
    Insn add = { .op = OP_ADDI, .is64 = true,
                 .imm = { (uintptr_t)&test_env + area } };
    Insn acc = { .op = OP_QEMU_LD, .is64 = is64 };

    mask.v[1] = pick_from(g, &g->def, true, false);
    mask.v[0] = pick_out(g, &mask, 1, 2, true, -1);
    commit(g, &mask);
    add.v[0] = add.v[1] = mask.v[0];
    commit(g, &add);
    acc.imm[0] = below(g, is64 ? 4 : 3) | (chance(g, 500) ? MO_SIGN : 0);
    if (load) {
        acc.v[1] = add.v[0];
        acc.v[0] = pick_out(g, &acc, 1, 2, is64, -1);
    } else {
        acc.op = OP_QEMU_ST;
        acc.v[0] = pick_in(g, &acc, 0, 0, is64);
        acc.v[1] = add.v[0];
    }
    commit(g, &acc);
}

/* A label not set yet; settable: one this point may set (labels made in a
   loop are set inside it).  -1 if there is none. */
static int pending_label(Gen *g, bool settable)
{
    int cand[MAX_LABELS], n = 0, l;

    for (l = 0; l < nb_labels; l++) {
        if (!g->labels[l].set && (!settable || g->labels[l].loop == g->loop)) {
            cand[n++] = l;
        }
    }
    return n ? cand[below(g, n)] : -1;
}

static int new_label(Gen *g)
{
    Label *lab = &g->labels[nb_labels];

    memset(lab, 0, sizeof(*lab));
    memset(&lab->def, 0xff, sizeof(lab->def));
    memset(&lab->small, 0xff, sizeof(lab->small));
    lab->loop = g->loop;
    return nb_labels++;
}

/* A forward branch target; -1 when out of labels. */
static int target_label(Gen *g)
{
    int l = chance(g, 500) ? pending_label(g, false) : -1;

    if (l < 0 && nb_labels < MAX_LABELS - 2) {
        l = new_label(g);
    }
    return l;
}

/* What is defined at the label is what is defined on every edge to it. */
static void add_edge(Gen *g, int l)
{
    if (g->reachable) {
        vs_and(&g->labels[l].def, &g->def);
        vs_and(&g->labels[l].small, &g->small);
        g->labels[l].targeted = true;
    }
}

/* Plain temps die at every block boundary. */
static void end_block(Gen *g)
{
    int v;

    for (v = FIRST_DYN; v < nb_vars; v++) {
        if (vars[v].kind == VK_TEMP) {
            vs_del(&g->def, v);
            vs_del(&g->small, v);
        }
    }
}

static void gen_brcond(Gen *g)
{
    bool imm = chance(g, 400);
    Insn in = { .op = imm ? OP_BRCONDI : OP_BRCOND, .is64 = chance(g, 500),
                .cond = rnd_cond(g) };

    in.label = target_label(g);
    if (in.label < 0) {
        return;
    }
    in.v[0] = pick_in(g, &in, 0, 0, in.is64);
    if (imm) {
        in.imm[0] = rnd_imm(g, in.is64);
    } else {
        in.v[1] = pick_in(g, &in, 0, 1, in.is64);
    }
    commit(g, &in);
    add_edge(g, in.label);
    if (in.cond == TCG_COND_ALWAYS) {
        g->reachable = false;   /* the builder emits br */
    }
    end_block(g);
}

static void set_label(Gen *g, int l)
{
    Label *lab = &g->labels[l];
    Insn in = { .op = OP_LABEL, .label = l };

    commit(g, &in);
    if (g->reachable) {
        vs_and(&g->def, &lab->def);
        vs_and(&g->small, &lab->small);
    } else if (lab->targeted) {
        g->def = lab->def;
        g->small = lab->small;
    }
    vs_and(&g->def, &g->alive);
    vs_and(&g->small, &g->def);
    end_block(g);
    lab->set = true;
    g->reachable |= lab->targeted;
}

/* br or exit_tb; only when a label can follow that makes code reachable. */
static void gen_jump(Gen *g)
{
    Insn in = { .op = OP_EXIT, .imm = { below(g, 3) } };

    if (!g->reachable || pending_label(g, true) < 0) {
        return;
    }
    if (chance(g, 700)) {
        in.op = OP_BR;
        in.label = target_label(g);
        if (in.label < 0) {
            return;
        }
        add_edge(g, in.label);
    }
    commit(g, &in);
    g->reachable = false;
    end_block(g);
}

/* cnt = 1..3; head: body; cnt -= 1; brcond cnt != 0, head.  The body never
   writes cnt nor frees anything, so what was defined at head stays
   defined on the back edge. */
static void begin_loop(Gen *g)
{
    bool is64 = chance(g, 500);
    Insn init = { .op = OP_MOVI, .is64 = is64, .imm = { 1 + below(g, 3) } };

    if (g->loop || !g->reachable || nb_labels >= MAX_LABELS - 2
        || nb_vars >= NVARS - 2) {
        return;
    }
    init.v[0] = new_var(g, is64, VK_LOCAL, false);
    commit(g, &init);
    g->loop = ++g->nb_loops;
    g->loop_counter = init.v[0];
    g->loop_head = new_label(g);
    g->loop_left = 5 + below(g, 60);
    set_label(g, g->loop_head);
    /* a count made in the body may be overwritten later in the body */
    memset(&g->small, 0, sizeof(g->small));
}

static void end_loop(Gen *g)
{
    int cnt = g->loop_counter, l;
    bool is64 = vars[cnt].is64;
    Insn dec = { .op = OP_SUBI, .is64 = is64, .v = { cnt, cnt }, .imm = { 1 } };
    Insn back = { .op = OP_BRCONDI, .is64 = is64, .cond = TCG_COND_NE,
                  .label = g->loop_head, .v = { cnt } };

    while ((l = pending_label(g, true)) >= 0) {
        set_label(g, l);
    }
    commit(g, &dec);
    commit(g, &back);
    end_block(g);
    g->loop = 0;
    g->loop_counter = -1;
}

static void gen_free(Gen *g)
{
    int v = FIRST_DYN + below(g, nb_vars - FIRST_DYN + 1);
    Insn in = { .op = OP_FREE };

    if (g->loop || v >= nb_vars || !writable(g, v)) {
        return;
    }
    in.is64 = vars[v].is64;
    in.v[0] = v;
    commit(g, &in);
    vs_del(&g->alive, v);
    vs_del(&g->def, v);
    vs_del(&g->small, v);
    g->live--;
}

/* g ^= v for a defined temp or local v, so its value reaches env. */
static void gen_sink(Gen *g)
{
    Insn in = { .op = OP_XOR, .is64 = chance(g, 500) };
    int tries;

    for (tries = 0; tries < 8; tries++) {
        in.v[2] = pick_from(g, &g->def, in.is64, false);
        if (in.v[2] >= NGLOBALS) {
            in.v[0] = in.v[1] = in.is64 ? below(g, NG64) : NG64 + below(g, NG32);
            commit(g, &in);
            return;
        }
    }
}

static void gen_step(Gen *g)
{
    const Style *st = g->st;
    int r = below(g, 1000), acc = 0;
    int l;

    if (g->loop && --g->loop_left <= 0) {
        end_loop(g);
    } else if (r < (acc += st->p_branch)) {
        gen_brcond(g);
    } else if (r < (acc += st->p_label)) {
        if ((l = pending_label(g, true)) >= 0) {
            set_label(g, l);
        }
    } else if (r < (acc += st->p_jump)) {
        gen_jump(g);
    } else if (r < (acc += st->p_loop)) {
        begin_loop(g);
    } else if (r < (acc += st->p_free)) {
        gen_free(g);
    } else if (r < (acc += st->p_mem)) {
        gen_guest_access(g);
    } else if (r < (acc += 40)) {
        gen_sink(g);
    } else if (r < (acc += 5)) {
        Insn in = { .op = OP_INSN_START, .imm = { rnd(g), below(g, 64) } };
        commit(g, &in);
    } else {
        gen_value_op(g);
    }
}

static void gen_program(const Style *st, uint64_t seed)
{
    static Gen g;
    int steps, i, l;

    memset(&g, 0, sizeof(g));
    g.rng = seed * 0x9e3779b97f4a7c15ull + 0x1234567;
    g.st = st;
    g.reachable = true;
    g.loop_counter = -1;
    nb_insns = 0;
    nb_labels = 0;
    nb_vars = FIRST_DYN;
    for (i = 0; i < FIRST_DYN; i++) {
        vs_add(&g.alive, i);
        vs_add(&g.def, i);
    }
    for (i = 0; i < NG64; i++) {
        init_env.regs[i] = rnd_value(&g);
    }
    for (i = 0; i < 16; i++) {
        init_env.xmm_regs[i]._q[0] = rnd_value(&g);
        init_env.xmm_regs[i]._q[1] = rnd(&g);
    }

    steps = st->min_steps + below(&g, st->max_steps - st->min_steps + 1);
    for (i = 0; i < steps && nb_insns < MAX_INSNS - 3 * MAX_LABELS; i++) {
        gen_step(&g);
    }
    if (g.loop) {
        end_loop(&g);
    }
    while ((l = pending_label(&g, true)) >= 0) {
        set_label(&g, l);
    }
    for (i = below(&g, 6); i > 0; i--) {
        gen_sink(&g);
    }
    {
        Insn in = { .op = OP_EXIT, .imm = { below(&g, 3) } };
        commit(&g, &in);
    }
}

/* ---- running and comparing ---- */

typedef struct Word {
    const char *name;
    int index;
    size_t ofs;
} Word;

static int state_words(Word *w)
{
    int n = 0, i, j;

    for (i = 0; i < NG64; i++) {
        w[n++] = (Word){ "regs", i, offsetof(CPUX86State, regs[i]) };
    }
    for (i = 0; i < 16; i++) {
        for (j = 0; j < 2; j++) {
            w[n++] = (Word){ "xmm_regs._q", 2 * i + j,
                             offsetof(CPUX86State, xmm_regs[i]._q[j]) };
        }
    }
    return n;
}

static const Style *cur_style;
static uint64_t cur_seed;

static void dump_failure(const char *why)
{
    printf("FAIL fuzz_%s: %s in program seed %" PRIu64
           " (rerun: test-tcg-fuzz %s %" PRIu64 ")\n",
           cur_style->name, why, cur_seed, cur_style->name, cur_seed);
    print_program();
    fflush(stdout);
}

/* Compiles the current program again with -d op_opt. */
static void dump_op_opt(void)
{
    fflush(stdout);
    qemu_set_log(CPU_LOG_TB_OP_OPT);
    compile();
    qemu_log_flush();
    qemu_set_log(0);
}

static void crash_handler(int sig)
{
    char why[32];

    snprintf(why, sizeof(why), "signal %d", sig);
    dump_failure(why);
    _exit(1);
}

/* Runs one program both ways; true if the states agree. */
static bool run_program(const Style *st, uint64_t seed, bool verbose)
{
    Machine m = { .env = &ref_env };
    Word words[STATE_WORDS];
    int n = state_words(words), i;
    bool ok = true;
    uintptr_t ret;

    cur_style = st;
    cur_seed = seed;
    gen_program(st, seed);
    if (verbose) {
        print_program();
        dump_op_opt();
    }
    test_env = init_env;
    ref_env = init_env;
    if (!interpret(&m)) {
        dump_failure("interpreter step limit (generator bug)");
        return false;
    }
    alarm(10);
    ret = tcg_qemu_tb_exec(&test_env, compile());
    alarm(0);
    for (i = 0; i < n; i++) {
        uint64_t got, want;

        memcpy(&got, (uint8_t *)&test_env + words[i].ofs, 8);
        memcpy(&want, (uint8_t *)&ref_env + words[i].ofs, 8);
        if (got != want) {
            if (ok) {
                dump_failure("state mismatch");
            }
            printf("  %s[%d]: got %#" PRIx64 " want %#" PRIx64 "\n",
                   words[i].name, words[i].index, got, want);
            ok = false;
        }
    }
    if (ret != m.exit_value) {
        if (ok) {
            dump_failure("exit value");
        }
        printf("  exit value: got %#" PRIxPTR " want %#" PRIxPTR "\n",
               ret, m.exit_value);
        ok = false;
    }
    if (!ok) {
        dump_op_opt();
    }
    return ok;
}

/* name, programs, steps min/max, max live vars, then per mille: new
   output, aliasing, brcond, label, br/exit, loop, free, guest access and
   helper calls */
static const Style styles[] = {
    { "straight", 30000, 5, 120, 12, 150, 250, 0, 0, 0, 0, 20, 0 },
    { "pressure", 10000, 100, 400, 48, 450, 120, 0, 0, 0, 0, 3, 0 },
    { "branches", 25000, 20, 250, 20, 150, 200, 60, 50, 15, 0, 15, 0 },
    { "loops", 15000, 20, 250, 20, 150, 200, 40, 40, 10, 25, 0, 0 },
    { "memory_calls", 20000, 10, 200, 20, 150, 200, 30, 30, 5, 5, 10, 80 },
    { "pressure_calls", 8000, 100, 400, 48, 450, 150, 20, 20, 5, 10, 3, 80 },
};

static void install_crash_handler(void)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGALRM };
    struct sigaction sa = { .sa_handler = crash_handler, .sa_flags = SA_RESETHAND };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(sigs); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
}

int main(int argc, char **argv)
{
    static char names[NGLOBALS][8];
    long total_programs = 0, total_insns = 0;
    int failures = 0, scale = 1, i;
    size_t s;

    tcg_context_init(0);
    tcg_register_helper(&pure_info);
    tcg_register_helper(&env_info);
    tcg_register_helper(&nowg_info);
    tcg_register_helper(&six_info);
    for (i = 0; i < NGLOBALS; i++) {
        vars[i].kind = VK_GLOBAL;
        vars[i].is64 = i < NG64;
        snprintf(names[i], sizeof(names[i]), i < NG64 ? "r%d" : "w%d",
                 i < NG64 ? i : i - NG64);
        if (vars[i].is64) {
            vars[i].h.v64 = tcg_global_mem_new_i64(cpu_env, global_ofs(i), names[i]);
        } else {
            vars[i].h.v32 = tcg_global_mem_new_i32(cpu_env, global_ofs(i), names[i]);
        }
    }
    /* Some globals of each width live in host registers between blocks
       and TBs, as the guest's busiest do (tcg.c, "Pinned globals"). */
    for (i = 0; i < NGLOBALS; i += 3) {
        if (vars[i].is64) {
            tcg_global_pin_i64(vars[i].h.v64);
        } else {
            tcg_global_pin_i32(vars[i].h.v32);
        }
    }
    tcg_prologue_init();
    vars[ENV_VAR].kind = VK_FIXED;
    vars[ENV_VAR].is64 = true;
    vars[ENV_VAR].h.v64 = (TCGv_i64)cpu_env;
    install_crash_handler();

    if (argc == 2) {
        scale = atoi(argv[1]);
    } else if (argc == 3) {
        for (s = 0; s < ARRAY_SIZE(styles); s++) {
            if (!strcmp(argv[1], styles[s].name)) {
                bool ok = run_program(&styles[s], strtoull(argv[2], NULL, 0), true);
                printf("%s fuzz_%s seed %s\n", ok ? "PASS" : "FAIL", argv[1], argv[2]);
                return !ok;
            }
        }
        fprintf(stderr, "usage: %s [SCALE | STYLE SEED]\n", argv[0]);
        return 2;
    }

    for (s = 0; s < ARRAY_SIZE(styles); s++) {
        const Style *st = &styles[s];
        long insns = 0;
        int bad = 0, p;

        for (p = 1; p <= st->programs * scale && bad < 3; p++) {
            bad += !run_program(st, p, false);
            insns += nb_insns;
        }
        printf("%s fuzz_%s (%d programs, %ld IR instructions)\n",
               bad ? "FAIL" : "PASS", st->name, p - 1, insns);
        failures += bad > 0;
        total_programs += p - 1;
        total_insns += insns;
    }
    printf("# %ld programs, %ld IR instructions\n", total_programs, total_insns);
    return failures ? 1 : 0;
}
