/*
 * int_helper.c: integer instructions done in C: div/idiv at every size
 * (raising #DE on a zero divisor or a quotient that does not fit),
 * rcl/rcr and shld/shrd.  The flag-producing ones work on
 * materialised EFLAGS in cc_src (the translator sets CC_OP_EFLAGS).
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "excp.h"
#include "cc_helper.h"
#include "exec/exec-all.h"
#include "tcg/tcg.h"
#include "exec/helper-proto.h"

/* ---- division ---- */

/* Replace the low 8 << size bits of a register (8/16-bit results merge). */
static void set_reg_low(CPUX86State *env, int reg, int size, target_ulong v)
{
    target_ulong mask = cc_size_mask(size);

    env->regs[reg] = (env->regs[reg] & ~mask) | (v & mask);
}

void helper_divb_AL(CPUX86State *env, target_ulong t0)
{
    unsigned num = env->regs[R_EAX] & 0xffff;
    unsigned den = t0 & 0xff;
    unsigned q;

    if (den == 0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q > 0xff) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    set_reg_low(env, R_EAX, MO_16, ((num % den) << 8) | q);
}

void helper_idivb_AL(CPUX86State *env, target_ulong t0)
{
    int num = (int16_t)env->regs[R_EAX];
    int den = (int8_t)t0;
    int q;

    if (den == 0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q != (int8_t)q) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    set_reg_low(env, R_EAX, MO_16, (((num % den) & 0xff) << 8) | (q & 0xff));
}

void helper_divw_AX(CPUX86State *env, target_ulong t0)
{
    uint32_t num = ((env->regs[R_EDX] & 0xffff) << 16) |
                   (env->regs[R_EAX] & 0xffff);
    uint32_t den = t0 & 0xffff;
    uint32_t q;

    if (den == 0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q > 0xffff) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    set_reg_low(env, R_EAX, MO_16, q);
    set_reg_low(env, R_EDX, MO_16, num % den);
}

void helper_idivw_AX(CPUX86State *env, target_ulong t0)
{
    /* 64-bit arithmetic: INT32_MIN / -1 must not trap the host. */
    int64_t num = (int32_t)(((env->regs[R_EDX] & 0xffff) << 16) |
                            (env->regs[R_EAX] & 0xffff));
    int64_t den = (int16_t)t0;
    int64_t q;

    if (den == 0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q != (int16_t)q) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    set_reg_low(env, R_EAX, MO_16, q);
    set_reg_low(env, R_EDX, MO_16, num % den);
}

/* 32-bit results zero-extend into the 64-bit registers. */
void helper_divl_EAX(CPUX86State *env, target_ulong t0)
{
    uint64_t num = ((uint64_t)(uint32_t)env->regs[R_EDX] << 32) |
                   (uint32_t)env->regs[R_EAX];
    uint64_t den = (uint32_t)t0;
    uint64_t q;

    if (den == 0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q > 0xffffffffu) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)q;
    env->regs[R_EDX] = (uint32_t)(num % den);
}

void helper_idivl_EAX(CPUX86State *env, target_ulong t0)
{
    int64_t num = ((uint64_t)(uint32_t)env->regs[R_EDX] << 32) |
                  (uint32_t)env->regs[R_EAX];
    int64_t den = (int32_t)t0;
    int64_t q;

    /* INT64_MIN / -1 would trap the host; its quotient does not fit in
       32 bits either. */
    if (den == 0 || (den == -1 && num == INT64_MIN)) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q != (int32_t)q) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)q;
    env->regs[R_EDX] = (uint32_t)(num % den);
}

#ifdef TARGET_X86_64
void helper_divq_EAX(CPUX86State *env, target_ulong t0)
{
    unsigned __int128 num = ((unsigned __int128)env->regs[R_EDX] << 64) |
                            env->regs[R_EAX];

    /* The quotient fits in 64 bits exactly when RDX < divisor. */
    if (t0 == 0 || env->regs[R_EDX] >= t0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    /* A 64-bit dividend, the common case, is one host division; the
       128-bit one is a libgcc call. */
    if (env->regs[R_EDX] == 0) {
        uint64_t n = env->regs[R_EAX];

        env->regs[R_EAX] = n / t0;
        env->regs[R_EDX] = n % t0;
        return;
    }
    env->regs[R_EAX] = num / t0;
    env->regs[R_EDX] = num % t0;
}

void helper_idivq_EAX(CPUX86State *env, target_ulong t0)
{
    __int128 num = (__int128)(((unsigned __int128)env->regs[R_EDX] << 64) |
                              env->regs[R_EAX]);
    int64_t den = t0;
    __int128 q;

    /* A 128-bit dividend of INT128_MIN by -1 would trap the host. */
    if (den == 0 || (den == -1 && num == (__int128)((unsigned __int128)1 << 127))) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    /* RDX the sign of RAX (cqo): one host division, but for INT64_MIN by
       -1, whose quotient 2^63 does not fit (the host would trap). */
    if (num == (int64_t)num) {
        int64_t n = num;

        if (den == -1 && n == INT64_MIN) {
            raise_exception_ra(env, EXCP00_DIVZ, GETPC());
        }
        env->regs[R_EAX] = n / den;
        env->regs[R_EDX] = n % den;
        return;
    }
    q = num / den;
    if (q != (int64_t)q) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = q;
    env->regs[R_EDX] = num % den;
}
#endif

/* ---- rotates through carry ---- */

static int count_of(target_ulong t, int size)
{
    return t & (size == MO_64 ? 0x3f : 0x1f);
}

/* OF of rcl/rcr as QEMU defines it for every count (the SDM only for 1):
   the top bit changed. */
static uint32_t rotate_flags(CPUX86State *env, uint64_t src, uint64_t res,
                             int size, int cf)
{
    uint32_t of = ((src ^ res) & cc_sign_bit(size)) ? CC_O : 0;

    return (env->cc_src & ~(CC_C | CC_O)) | cf | of;
}

/*
 * rcl and rcr rotate the (bits+1)-bit value CF:operand; a right rotation by
 * c is a left one by bits+1-c.  left_count is 1..bits.
 */
static target_ulong rotate_through_carry(CPUX86State *env, target_ulong t0,
                                         int size, int left_count)
{
    int bits = 8 << size;
    uint64_t src = t0 & cc_size_mask(size);
    unsigned __int128 value = ((unsigned __int128)(env->cc_src & CC_C) << bits) | src;
    unsigned __int128 rotated = (value << left_count) | (value >> (bits + 1 - left_count));
    uint64_t res = (uint64_t)rotated & cc_size_mask(size);

    env->cc_src = rotate_flags(env, src, res, size, (int)(rotated >> bits) & 1);
    return res;
}

/* The count, reduced mod bits+1 for the 8- and 16-bit forms. */
static int rotate_through_carry_count(target_ulong t1, int size)
{
    int bits = 8 << size;
    int count = count_of(t1, size);

    return bits < 32 ? count % (bits + 1) : count;
}

target_ulong helper_rcl(CPUX86State *env, target_ulong t0, target_ulong t1,
                        int size)
{
    int count = rotate_through_carry_count(t1, size);

    return count ? rotate_through_carry(env, t0, size, count) : t0;
}

target_ulong helper_rcr(CPUX86State *env, target_ulong t0, target_ulong t1,
                        int size)
{
    int count = rotate_through_carry_count(t1, size);

    return count ? rotate_through_carry(env, t0, size, (8 << size) + 1 - count) : t0;
}

/* ---- double shifts ---- */

/*
 * dst shifted by c (0 <= c <= 31, or 63 for 64 bits) with bits of src
 * coming in.  A 16-bit operand shifted by more than 16 takes its bits from
 * the window dst:src:fill: Intel hardware fills with dst; AMD (measured on
 * an EPYC, 200,000 random cases) with src, so the result is src rotated by
 * count - 16.
 */
static uint64_t shld_value(uint64_t dst, uint64_t src, uint64_t fill, int c,
                           int size)
{
    switch (size) {
    case MO_16:
        return (((dst << 32) | (src << 16) | fill) >> (32 - c)) & 0xffff;
    case MO_32:
        return (((dst << 32) | src) >> (32 - c)) & 0xffffffff;
    default:
        return c ? (dst << c) | (src >> (64 - c)) : dst;
    }
}

static uint64_t shrd_value(uint64_t dst, uint64_t src, uint64_t fill, int c,
                           int size)
{
    switch (size) {
    case MO_16:
        return ((dst | (src << 16) | (fill << 32)) >> c) & 0xffff;
    case MO_32:
        return ((dst | (src << 32)) >> c) & 0xffffffff;
    default:
        return c ? (dst >> c) | (src << (64 - c)) : dst;
    }
}

/*
 * Flags as for shl/shr: CF is the bit shifted out last, i.e. the edge bit
 * of the value shifted by count - 1 (AMD clears it for a 16-bit operand
 * shifted by more than 16); OF tells whether the sign changed on the last
 * step; AF is cleared.
 */
static target_ulong double_shift(CPUX86State *env, target_ulong t0,
                                 target_ulong t1, target_ulong t2, int size,
                                 bool right)
{
    int count = count_of(t2, size);
    uint64_t mask = cc_size_mask(size);
    uint64_t dst = t0 & mask, src = t1 & mask, res, prev;
    bool amd = x86_cpu_is_amd(env);
    uint64_t fill = amd ? src : dst;
    uint32_t cf;

    if (count == 0) {
        return t0;
    }
    if (right) {
        res = shrd_value(dst, src, fill, count, size);
        prev = shrd_value(dst, src, fill, count - 1, size);
        cf = prev & 1;
    } else {
        res = shld_value(dst, src, fill, count, size);
        prev = shld_value(dst, src, fill, count - 1, size);
        cf = (prev & cc_sign_bit(size)) ? CC_C : 0;
    }
    if (amd && size == MO_16 && count > 16) {
        cf = 0;
    }
    env->cc_src = cc_flags_szp(res, size) | cf |
                  (((prev ^ res) & cc_sign_bit(size)) ? CC_O : 0);
    return res;
}

target_ulong helper_shld(CPUX86State *env, target_ulong t0, target_ulong t1,
                         target_ulong t2, int size)
{
    return double_shift(env, t0, t1, t2, size, false);
}

target_ulong helper_shrd(CPUX86State *env, target_ulong t0, target_ulong t1,
                         target_ulong t2, int size)
{
    return double_shift(env, t0, t1, t2, size, true);
}
