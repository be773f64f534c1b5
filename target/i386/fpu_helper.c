/*
 * fpu_helper.c: the x87 computational helpers: loads and stores in every
 * memory format, the arithmetic, compares, the D9 E0..FF specials and the
 * register-stack moves.  Arithmetic is the host's x87 on long double under
 * the guest's control word (host-fpu.h), so results are bit-exact; the
 * transcendental instructions are the host's own, through inline asm.
 * translate-fpu.c decodes D8..DF and calls these (list in helper-fpu.h).
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "fpu-stack.h"
#include "fpu-ops.h"

/* ---- memory formats (X87_FMT_* in fpu-ops.h) ---- */

/* Raw operand bits; only the 80-bit format uses .high. */
static floatx80 x87_mem_read(CPUX86State *env, target_ulong addr, int size,
                             uintptr_t ra)
{
    floatx80 raw = { 0, 0 };

    switch (size) {
    case 2:
        raw.low = cpu_lduw_data_ra(env, addr, ra);
        break;
    case 4:
        raw.low = cpu_ldl_data_ra(env, addr, ra);
        break;
    default:
        raw.low = cpu_ldq_data_ra(env, addr, ra);
        if (size == FLOATX80_BYTES) {
            raw.high = cpu_lduw_data_ra(env, addr + 8, ra);
        }
        break;
    }
    return raw;
}

/* The 80-bit format is stored in two parts: all or nothing. */
static void x87_mem_write(CPUX86State *env, target_ulong addr, int size,
                          floatx80 raw, uintptr_t ra)
{
    if (size == FLOATX80_BYTES) {
        tlb_check_range(env, addr, size, PAGE_WRITE, ra);
    }
    switch (size) {
    case 2:
        cpu_stuw_data_ra(env, addr, raw.low, ra);
        break;
    case 4:
        cpu_stl_data_ra(env, addr, raw.low, ra);
        break;
    default:
        cpu_stq_data_ra(env, addr, raw.low, ra);
        if (size == FLOATX80_BYTES) {
            cpu_stuw_data_ra(env, addr + 8, raw.high, ra);
        }
        break;
    }
}

/* Conversions run between x87_begin/x87_end: they round like the guest. */
static long double f32_to_ld(floatx80 raw)
{
    uint32_t bits = raw.low;
    float f;
    memcpy(&f, &bits, sizeof(f));
    return f;
}

static long double f64_to_ld(floatx80 raw)
{
    double d;
    memcpy(&d, &raw.low, sizeof(d));
    return d;
}

static long double i16_to_ld(floatx80 raw) { return (int16_t)raw.low; }
static long double i32_to_ld(floatx80 raw) { return (int32_t)raw.low; }
static long double i64_to_ld(floatx80 raw) { return (int64_t)raw.low; }
static long double f80_to_ld(floatx80 raw) { return floatx80_to_ld(raw); }

static floatx80 ld_to_f32(long double v)
{
    float f = v;
    uint32_t bits;
    memcpy(&bits, &f, sizeof(bits));
    return (floatx80){ .low = bits };
}

static floatx80 ld_to_f64(long double v)
{
    double d = v;
    floatx80 raw = { 0, 0 };
    memcpy(&raw.low, &d, sizeof(d));
    return raw;
}

/* FIST rounds with the control word; overflow gives the integer indefinite. */
static floatx80 ld_to_i16(long double v)
{
    int16_t i;
    __asm__ __volatile__("fists %0" : "=m"(i) : "t"(v));
    return (floatx80){ .low = (uint16_t)i };
}

static floatx80 ld_to_i32(long double v)
{
    int32_t i;
    __asm__ __volatile__("fistl %0" : "=m"(i) : "t"(v));
    return (floatx80){ .low = (uint32_t)i };
}

static floatx80 ld_to_i64(long double v)
{
    int64_t i;
    __asm__ __volatile__("fistpll %0" : "=m"(i) : "t"(v) : "st");
    return (floatx80){ .low = i };
}

/* FISTTP truncates; out of range and NaN give the integer indefinite. */
static floatx80 ld_to_t16(long double v)
{
    int16_t i;
    __asm__ __volatile__("fisttps %0" : "=m"(i) : "t"(v) : "st");
    return (floatx80){ .low = (uint16_t)i };
}

static floatx80 ld_to_t32(long double v)
{
    int32_t i;
    __asm__ __volatile__("fisttpl %0" : "=m"(i) : "t"(v) : "st");
    return (floatx80){ .low = (uint32_t)i };
}

static floatx80 ld_to_t64(long double v)
{
    int64_t i;
    __asm__ __volatile__("fisttpll %0" : "=m"(i) : "t"(v) : "st");
    return (floatx80){ .low = i };
}

static floatx80 ld_to_f80(long double v) { return ld_to_floatx80(v); }

/*
 * Packed BCD (18 digits and a sign byte, in floatx80's 10-byte layout):
 * the host's FBLD/FBSTP, so rounding, the invalid response (the BCD
 * indefinite FFFF C000 0000 0000 0000 on overflow, NaN or an empty ST0) and
 * whatever FBLD makes of non-decimal digits are the hardware's own.
 */
static long double bcd_to_ld(floatx80 raw)
{
    long double v;
    __asm__ __volatile__("fbld %1" : "=t"(v) : "m"(raw));
    return v;
}

static floatx80 ld_to_bcd(long double v)
{
    floatx80 raw;
    __asm__ __volatile__("fbstp %0" : "=m"(raw) : "t"(v) : "st");
    return raw;
}

typedef struct X87MemFormat {
    int size;
    long double (*to_ld)(floatx80 raw);
    floatx80 (*from_ld)(long double v);
} X87MemFormat;

static const X87MemFormat x87_formats[] = {
    [X87_FMT_F32] = { 4, f32_to_ld, ld_to_f32 },
    [X87_FMT_I32] = { 4, i32_to_ld, ld_to_i32 },
    [X87_FMT_F64] = { 8, f64_to_ld, ld_to_f64 },
    [X87_FMT_I16] = { 2, i16_to_ld, ld_to_i16 },
    [X87_FMT_F80] = { FLOATX80_BYTES, f80_to_ld, ld_to_f80 },
    [X87_FMT_I64] = { 8, i64_to_ld, ld_to_i64 },
    [X87_FMT_BCD] = { FLOATX80_BYTES, bcd_to_ld, ld_to_bcd },
    [X87_FMT_T16] = { 2, NULL, ld_to_t16 },
    [X87_FMT_T32] = { 4, NULL, ld_to_t32 },
    [X87_FMT_T64] = { 8, NULL, ld_to_t64 },
};

/*
 * Guest memory is touched outside the begin/end bracket, so that a fault
 * does not leave the host running with the guest's control word; the
 * fences keep the conversion inside it.
 */
static long double x87_convert_in(const X87MemFormat *f, floatx80 raw)
{
    host_fpu_fence(raw.low);
    host_fpu_fence(raw.high);
    return f->to_ld(raw);
}

void HELPER(fld_mem)(CPUX86State *env, target_ulong addr, uint32_t fmt)
{
    const X87MemFormat *f = &x87_formats[fmt];
    floatx80 raw = x87_mem_read(env, addr, f->size, GETPC());
    X87Bracket b;

    x87_begin(env, &b);
    fpush(env, x87_convert_in(f, raw));
    x87_end(env, &b, X87_TO_REG);
}

void HELPER(fst_mem)(CPUX86State *env, target_ulong addr, uint32_t fmt)
{
    const X87MemFormat *f = &x87_formats[fmt];
    X87Bracket b;
    floatx80 raw;

    /* A store that faults changes no x87 state (no pop, no status bits). */
    tlb_check_range(env, addr, f->size, PAGE_WRITE, GETPC());
    x87_begin(env, &b);
    raw = f->from_ld(st_get(env, 0));
    host_fpu_fence(raw.low);
    host_fpu_fence(raw.high);
    if (x87_end(env, &b, X87_TO_MEMORY)) {
        x87_mem_write(env, addr, f->size, raw, GETPC());
    }
}

/* ---- arithmetic: op is the ModRM reg field of D8 (2, 3: compares) ---- */

static long double x87_add(long double a, long double b) { return a + b; }
static long double x87_mul(long double a, long double b) { return a * b; }
static long double x87_sub(long double a, long double b) { return a - b; }
static long double x87_subr(long double a, long double b) { return b - a; }
static long double x87_div(long double a, long double b) { return a / b; }
static long double x87_divr(long double a, long double b) { return b / a; }

static long double (*const x87_arith[8])(long double, long double) = {
    [X87_OP_ADD] = x87_add, [X87_OP_MUL] = x87_mul,
    [X87_OP_SUB] = x87_sub, [X87_OP_SUBR] = x87_subr,
    [X87_OP_DIV] = x87_div, [X87_OP_DIVR] = x87_divr,
};

/* C3 C2 C0 of comparing a with b; quiet: only SNaN raises invalid. */
static uint16_t x87_compare(long double a, long double b, bool quiet)
{
    uint16_t sw;

    if (quiet) {
        __asm__ __volatile__("fucom %%st(1)\n\tfnstsw %0"
                             : "=a"(sw) : "t"(a), "u"(b));
    } else {
        __asm__ __volatile__("fcom %%st(1)\n\tfnstsw %0"
                             : "=a"(sw) : "t"(a), "u"(b));
    }
    return sw & (FPUS_C0 | FPUS_C2 | FPUS_C3);
}

static void x87_set_cc(CPUX86State *env, uint16_t cc)
{
    env->fpus = (env->fpus & ~FPUS_CC) | cc;
}

/*
 * Memory operands are used by the host instruction of the same format
 * (fadds, fiaddl, ...), not converted first: a separate load would raise
 * the denormal flag where the real instruction lets a NaN operand win.
 */
#define X87_MEM_ARITH(name, insn, T)                                      static long double name(long double a, floatx80 raw)                      {                                                                             T v = raw.low;                                                            __asm__ __volatile__(insn " %1" : "+t"(a) : "m"(v));                      return a;                                                             }
#define X87_MEM_COMPARE(name, insn, T)                                    static uint16_t name(long double a, floatx80 raw)                         {                                                                             T v = raw.low;                                                            uint16_t sw;                                                              __asm__ __volatile__(insn " %2\n\tfnstsw %0" : "=a"(sw) : "t"(a), "m"(v));     return sw & (FPUS_C0 | FPUS_C2 | FPUS_C3);                            }
/* p: f or fi; sfx: the AT&T size suffix; T: the operand's C type */
#define X87_MEM_FORMAT(p, sfx, T)                                             X87_MEM_ARITH(p##add##sfx, #p "add" #sfx, T)                              X87_MEM_ARITH(p##mul##sfx, #p "mul" #sfx, T)                              X87_MEM_ARITH(p##sub##sfx, #p "sub" #sfx, T)                              X87_MEM_ARITH(p##subr##sfx, #p "subr" #sfx, T)                            X87_MEM_ARITH(p##div##sfx, #p "div" #sfx, T)                              X87_MEM_ARITH(p##divr##sfx, #p "divr" #sfx, T)                            X87_MEM_COMPARE(p##com##sfx, #p "com" #sfx, T)
X87_MEM_FORMAT(f, s, uint32_t)
X87_MEM_FORMAT(fi, l, uint32_t)
X87_MEM_FORMAT(f, l, uint64_t)
X87_MEM_FORMAT(fi, s, uint16_t)

typedef struct X87MemArith {
    long double (*arith[8])(long double st0, floatx80 raw);
    uint16_t (*compare)(long double st0, floatx80 raw);
} X87MemArith;

#define X87_MEM_ENTRY(p, sfx) {                                               .arith = { [X87_OP_ADD] = p##add##sfx, [X87_OP_MUL] = p##mul##sfx,                  [X87_OP_SUB] = p##sub##sfx, [X87_OP_SUBR] = p##subr##sfx,                [X87_OP_DIV] = p##div##sfx, [X87_OP_DIVR] = p##divr##sfx },     .compare = p##com##sfx }

static const X87MemArith x87_mem_arith[4] = {
    [X87_FMT_F32] = X87_MEM_ENTRY(f, s),
    [X87_FMT_I32] = X87_MEM_ENTRY(fi, l),
    [X87_FMT_F64] = X87_MEM_ENTRY(f, l),
    [X87_FMT_I16] = X87_MEM_ENTRY(fi, s),
};

void HELPER(farith_mem)(CPUX86State *env, target_ulong addr, uint32_t fmt,
                        uint32_t op)
{
    const X87MemArith *ops = &x87_mem_arith[fmt];
    floatx80 raw = x87_mem_read(env, addr, x87_formats[fmt].size, GETPC());
    X87Bracket b;
    long double st0;

    x87_begin(env, &b);
    st0 = st_get(env, 0);

    if (op == X87_OP_COM || op == X87_OP_COMP) {
        x87_set_cc(env, ops->compare(st0, raw));
    } else {
        env->fpus &= ~FPUS_C1;
        st_set(env, 0, ops->arith[op](st0, raw));
    }
    x87_end(env, &b, X87_TO_REG);
}

/* ST(dst) = ST(dst) op ST(src); the compares have their own helpers */
void HELPER(farith_reg)(CPUX86State *env, uint32_t dst, uint32_t src,
                        uint32_t op)
{
    X87Bracket b;
    long double x, y;

    x87_begin(env, &b);
    x = st_get(env, dst);
    y = st_get(env, src);
    env->fpus &= ~FPUS_C1;
    st_set(env, dst, x87_arith[op](x, y));
    x87_end(env, &b, X87_TO_REG);
}

void HELPER(fcom)(CPUX86State *env, uint32_t sti, uint32_t quiet)
{
    X87Bracket b;

    x87_begin(env, &b);
    x87_set_cc(env, x87_compare(st_get(env, 0), st_get(env, sti), quiet));
    x87_end(env, &b, X87_TO_REG);
}

/*
 * FCOMI: ZF, PF, CF from C3, C2, C0; OF, SF, AF cleared.  Suppressed by an
 * unmasked invalid operation, it leaves EFLAGS as they were (the
 * translator has cc_op up to date).
 */
uint32_t HELPER(fcomi)(CPUX86State *env, uint32_t sti, uint32_t quiet)
{
    X87Bracket b;
    uint16_t cc;

    x87_begin(env, &b);
    cc = x87_compare(st_get(env, 0), st_get(env, sti), quiet);
    if (!x87_end(env, &b, X87_TO_REG)) {
        return cpu_cc_compute_all(env, env->cc_op);
    }
    env->fpus &= ~FPUS_C1;
    return (cc & FPUS_C3 ? CC_Z : 0) | (cc & FPUS_C2 ? CC_P : 0) |
           (cc & FPUS_C0 ? CC_C : 0);
}

/* ---- register stack moves (no arithmetic: raw copies) ---- */

/* Bracketed for its stack faults only: an unmasked one suppresses it. */
void HELPER(fld_sti)(CPUX86State *env, uint32_t sti)
{
    X87Bracket b;

    x87_begin(env, &b);
    fpush_raw(env, st_raw(env, sti));
    x87_end(env, &b, X87_TO_REG);
}

void HELPER(fst_sti)(CPUX86State *env, uint32_t sti)
{
    st_set_raw(env, sti, st_raw(env, 0));
}

void HELPER(fxch)(CPUX86State *env, uint32_t sti)
{
    floatx80 a = st_raw(env, 0), b = st_raw(env, sti);

    st_set_raw(env, 0, b);
    st_set_raw(env, sti, a);
    env->fpus &= ~FPUS_C1;
}

void HELPER(ffree)(CPUX86State *env, uint32_t sti)
{
    env->fptags[st_index(env, sti)] = 1;
}

void HELPER(fpop)(CPUX86State *env)
{
    if (env->x87_suppressed) {
        return;
    }
    fpop(env);
}

/* FCMOVcc: cond bits 0-1 pick B, E, BE, U; bit 2 negates (the DB forms). */
void HELPER(fcmov)(CPUX86State *env, uint32_t sti, uint32_t cond)
{
    static const uint32_t cond_flags[4] = { CC_C, CC_Z, CC_C | CC_Z, CC_P };
    bool taken = (cpu_cc_compute_all(env, env->cc_op) & cond_flags[cond & 3]) != 0;

    if (taken != ((cond & 4) != 0)) {
        st_set_raw(env, 0, st_raw(env, sti));
    }
}

/* ---- D9 E0..FF: the operand-less instructions, by ModRM - 0xe0 ---- */

/* Apply a host instruction to ST0 in place. */
#define X87_ON_ST0(name, insn)                                            \
static void name(CPUX86State *env)                                        \
{                                                                         \
    long double v = st_get(env, 0);                                       \
    __asm__ __volatile__(insn : "+t"(v));                                 \
    env->fpus &= ~FPUS_C1;                                                \
    st_set(env, 0, v);                                                    \
}
X87_ON_ST0(x87_fchs, "fchs")
X87_ON_ST0(x87_fabs, "fabs")
X87_ON_ST0(x87_f2xm1, "f2xm1")
X87_ON_ST0(x87_fsqrt, "fsqrt")
X87_ON_ST0(x87_frndint, "frndint")

/* Push a constant; the host rounds it with the guest's rounding mode. */
#define X87_CONST(name, insn)                                             \
static void name(CPUX86State *env)                                        \
{                                                                         \
    long double v;                                                        \
    __asm__ __volatile__(insn : "=t"(v));                                 \
    fpush(env, v);                                                        \
}
X87_CONST(x87_fld1, "fld1")
X87_CONST(x87_fldl2t, "fldl2t")
X87_CONST(x87_fldl2e, "fldl2e")
X87_CONST(x87_fldpi, "fldpi")
X87_CONST(x87_fldlg2, "fldlg2")
X87_CONST(x87_fldln2, "fldln2")
X87_CONST(x87_fldz, "fldz")

/* ST1 = insn(ST0, ST1), pop (fyl2x, fyl2xp1, fpatan). */
#define X87_INTO_ST1(name, insn)                                          \
static void name(CPUX86State *env)                                        \
{                                                                         \
    long double x = st_get(env, 0), y = st_get(env, 1), r;                \
    __asm__ __volatile__(insn : "=t"(r) : "0"(x), "u"(y) : "st(1)");      \
    env->fpus &= ~FPUS_C1;                                                \
    st_set(env, 1, r);                                                    \
    fpop(env);                                                            \
}
X87_INTO_ST1(x87_fyl2x, "fyl2x")
X87_INTO_ST1(x87_fyl2xp1, "fyl2xp1")
X87_INTO_ST1(x87_fpatan, "fpatan")

static void x87_fscale(CPUX86State *env)
{
    long double x = st_get(env, 0), y = st_get(env, 1);

    __asm__ __volatile__("fscale" : "+t"(x) : "u"(y));
    env->fpus &= ~FPUS_C1;
    st_set(env, 0, x);
}

/* FPREM/FPREM1 define all four condition bits (quotient bits, C2 partial). */
#define X87_REMAINDER(name, insn)                                         \
static void name(CPUX86State *env)                                        \
{                                                                         \
    long double x = st_get(env, 0), y = st_get(env, 1);                   \
    uint16_t sw;                                                          \
    __asm__ __volatile__(insn "\n\tfnstsw %1" : "+t"(x), "=a"(sw) : "u"(y)); \
    x87_set_cc(env, sw & FPUS_CC);                                        \
    st_set(env, 0, x);                                                    \
}
X87_REMAINDER(x87_fprem, "fprem")
X87_REMAINDER(x87_fprem1, "fprem1")

/*
 * The trigonometric instructions leave a finite ST0 with |ST0| >= 2^63
 * alone and set C2; checking first keeps the asm's stack effect fixed.
 * Unnormals are not finite numbers: the host rejects them (invalid).
 */
static bool x87_trig_reduced(CPUX86State *env)
{
    floatx80 f = st_raw(env, 0);
    int exp = f.high & FLOATX80_EXP_MAX;

    env->fpus &= ~(FPUS_C1 | FPUS_C2);
    if (exp != FLOATX80_EXP_MAX && exp >= 0x3fff + 63 &&
        (f.low & FLOATX80_INT_BIT)) {
        env->fpus |= FPUS_C2;
        return false;
    }
    return true;
}

#define X87_TRIG(name, insn)                                              \
static void name(CPUX86State *env)                                        \
{                                                                         \
    long double v = st_get(env, 0);                                       \
    if (x87_trig_reduced(env)) {                                          \
        __asm__ __volatile__(insn : "+t"(v));                             \
        st_set(env, 0, v);                                                \
    }                                                                     \
}
X87_TRIG(x87_fsin, "fsin")
X87_TRIG(x87_fcos, "fcos")

/* ST0 = first result, then push the second (fptan: 1.0, fsincos: cos). */
#define X87_TRIG_PUSH(name, insn)                                         \
static void name(CPUX86State *env)                                        \
{                                                                         \
    long double v = st_get(env, 0), top, below;                           \
    if (x87_trig_reduced(env)) {                                          \
        __asm__ __volatile__(insn : "=t"(top), "=u"(below) : "0"(v));     \
        st_set(env, 0, below);                                            \
        fpush(env, top);                                                  \
    }                                                                     \
}
X87_TRIG_PUSH(x87_fptan, "fptan")
X87_TRIG_PUSH(x87_fsincos, "fsincos")

/* ST0 = exponent, then push the significand. */
static void x87_fxtract(CPUX86State *env)
{
    long double v = st_get(env, 0), sig, exp;

    __asm__ __volatile__("fxtract" : "=t"(sig), "=u"(exp) : "0"(v));
    env->fpus &= ~FPUS_C1;
    st_set(env, 0, exp);
    fpush(env, sig);
}

static void x87_ftst(CPUX86State *env)
{
    x87_set_cc(env, x87_compare(st_get(env, 0), 0.0L, false));
}

/* FXAM class codes in C3 C2 C0; C1 is the sign. */
static void x87_fxam(CPUX86State *env)
{
    int r = st_index(env, 0);
    const floatx80 *f = &env->fpregs[r].d;
    int exp = f->high & FLOATX80_EXP_MAX;
    bool integer_bit = f->low & FLOATX80_INT_BIT;
    uint16_t cc;

    if (env->fptags[r]) {
        cc = FPUS_C3 | FPUS_C0;                       /* empty */
    } else if (exp == 0) {
        cc = f->low ? FPUS_C3 | FPUS_C2 : FPUS_C3;    /* denormal, zero */
    } else if (!integer_bit) {
        cc = 0;                                       /* unsupported */
    } else if (exp == FLOATX80_EXP_MAX) {
        cc = f->low << 1 ? FPUS_C0 : FPUS_C2 | FPUS_C0; /* NaN, infinity */
    } else {
        cc = FPUS_C2;                                 /* normal */
    }
    if (f->high & 0x8000) {
        cc |= FPUS_C1;
    }
    x87_set_cc(env, cc);
}

static void x87_fdecstp(CPUX86State *env)
{
    env->fpstt = (env->fpstt - 1) & 7;
    env->fpus &= ~FPUS_C1;
}

static void x87_fincstp(CPUX86State *env)
{
    env->fpstt = (env->fpstt + 1) & 7;
    env->fpus &= ~FPUS_C1;
}

/* Indexed by ModRM - 0xe0; X87_SPECIAL_VALID in fpu-ops.h marks the entries. */
static void (*const x87_specials[32])(CPUX86State *env) = {
    [0x00] = x87_fchs, [0x01] = x87_fabs, [0x04] = x87_ftst, [0x05] = x87_fxam,
    [0x08] = x87_fld1, [0x09] = x87_fldl2t, [0x0a] = x87_fldl2e,
    [0x0b] = x87_fldpi, [0x0c] = x87_fldlg2, [0x0d] = x87_fldln2,
    [0x0e] = x87_fldz,
    [0x10] = x87_f2xm1, [0x11] = x87_fyl2x, [0x12] = x87_fptan,
    [0x13] = x87_fpatan, [0x14] = x87_fxtract, [0x15] = x87_fprem1,
    [0x16] = x87_fdecstp, [0x17] = x87_fincstp, [0x18] = x87_fprem,
    [0x19] = x87_fyl2xp1, [0x1a] = x87_fsqrt, [0x1b] = x87_fsincos,
    [0x1c] = x87_frndint, [0x1d] = x87_fscale, [0x1e] = x87_fsin,
    [0x1f] = x87_fcos,
};

void HELPER(fpu_special)(CPUX86State *env, uint32_t index)
{
    X87Bracket b;

    x87_begin(env, &b);
    x87_specials[index](env);
    x87_end(env, &b, X87_TO_REG);
}
