/*
 * softfloat-core.h: what the IEEE formats (softfloat.c) and the x87's
 * extended format (softfloat-x80.c) share: an operand unpacked to sign,
 * class and an exact sig * 2^exp, and the exact integer steps (rounding a
 * shifted significand, aligning addends, the integer square root) that
 * both round from.  Internal to fpu/.
 */
#ifndef FPU_SOFTFLOAT_CORE_H
#define FPU_SOFTFLOAT_CORE_H

#include "fpu/softfloat.h"

typedef unsigned __int128 uint128;

/*
 * The format-generic core is inlined into each entry point, which is then
 * compiled for its constant format: about 40% fewer instructions per
 * operation than shared out-of-line code (measured on float64 mul + add).
 */
#define CORE static inline __attribute__((always_inline))

/* CLASS_UNSUPPORTED: an extended encoding the x87 rejects (unnormal,
   pseudo-NaN, pseudo-infinity) */
typedef enum {
    CLASS_ZERO, CLASS_FINITE, CLASS_INF, CLASS_NAN, CLASS_UNSUPPORTED,
} FloatClass;

typedef struct Unpacked {
    uint64_t bits;              /* as given: a NaN result is made from it */
    bool sign;
    FloatClass cls;
    bool snan;
    bool denormal;              /* a denormal operand, DAZ not applied */
    int exp;                    /* CLASS_FINITE: the value is sig * 2^exp */
    uint64_t sig;
} Unpacked;

CORE int msb128(uint128 x)
{
    uint64_t hi = x >> 64;

    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)x);
}

/*
 * sig >> shift rounded by the mode (shift may be 0 or negative: exact).
 * *inexact: whether bits were lost.
 */
CORE uint64_t shift_round(uint128 sig, int shift, bool sign, FloatRound mode,
                            bool *inexact)
{
    uint128 kept, rem;

    if (shift <= 0) {
        *inexact = false;
        return (uint64_t)(sig << -shift);
    }
    kept = shift < 128 ? sig >> shift : 0;
    rem = shift < 128 ? sig & (((uint128)1 << shift) - 1) : sig;
    *inexact = rem != 0;
    if (!rem) {
        return kept;
    }
    switch (mode) {
    case FLOAT_ROUND_NEAREST_EVEN:
        if (shift <= 128) {
            uint128 half = (uint128)1 << (shift - 1);

            /* no branch on the data: it would be mispredicted half the
               time */
            kept += (rem > half) | ((rem == half) & (bool)(kept & 1));
        }
        break;
    case FLOAT_ROUND_DOWN:
        kept += sign;
        break;
    case FLOAT_ROUND_UP:
        kept += !sign;
        break;
    case FLOAT_ROUND_TO_ZERO:
        break;
    }
    return kept;
}

/* Guard bits kept below the larger addend's last place: 64 for the IEEE
   formats; 62 for the extended one, whose 64-bit significands must leave
   room for the carry. */
#define ADD_GUARD 64
#define ADD_GUARD_X80 62

/* sig with guard bits, shifted right by d: lost bits become a sticky
   bit. */
CORE uint128 align(uint64_t sig, int d, int guard)
{
    uint128 v = (uint128)sig << guard;

    if (d >= 120) {
        return 1;
    }
    return (v >> d) | ((v & (((uint128)1 << d) - 1)) != 0);
}

/* floor(sqrt(x)), and whether it is exact */
static inline uint64_t isqrt128(uint128 x, bool *exact)
{
    uint128 r = 0, bit = (uint128)1 << 126;

    while (bit > x) {
        bit >>= 2;
    }
    while (bit) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    *exact = x == 0;
    return (uint64_t)r;
}

typedef struct FloatFormat {
    int frac_bits;              /* stored fraction bits: 23, 52 */
    int exp_bits;               /* 8, 11 */
} FloatFormat;

static const FloatFormat format32 = { 23, 8 };
static const FloatFormat format64 = { 52, 11 };

static inline int bias(const FloatFormat *f)
{
    return (1 << (f->exp_bits - 1)) - 1;
}

static inline int exp_all_ones(const FloatFormat *f)
{
    return (1 << f->exp_bits) - 1;
}

static inline uint64_t sign_bit(const FloatFormat *f, bool sign)
{
    return (uint64_t)sign << (f->frac_bits + f->exp_bits);
}

static inline uint64_t quiet_bit(const FloatFormat *f)
{
    return 1ull << (f->frac_bits - 1);
}

static inline uint64_t infinity(const FloatFormat *f, bool sign)
{
    return sign_bit(f, sign) | (uint64_t)exp_all_ones(f) << f->frac_bits;
}

/* The largest finite value. */
static inline uint64_t max_finite(const FloatFormat *f, bool sign)
{
    return infinity(f, sign) - 1;
}

/* x86's QNaN indefinite: negative, only the quiet bit set. */
static inline uint64_t default_nan(const FloatFormat *f, FloatEnv *e)
{
    e->flags |= FLOAT_INVALID;
    return infinity(f, true) | quiet_bit(f);
}

CORE Unpacked unpack(const FloatFormat *f, uint64_t bits, FloatEnv *e)
{
    uint64_t frac = bits & ((1ull << f->frac_bits) - 1);
    int exp = (bits >> f->frac_bits) & exp_all_ones(f);
    Unpacked u = { .bits = bits };

    u.sign = (bits >> (f->frac_bits + f->exp_bits)) & 1;
    if (exp == exp_all_ones(f)) {
        u.cls = frac ? CLASS_NAN : CLASS_INF;
        u.snan = frac && !(frac & quiet_bit(f));
    } else if (exp == 0) {
        u.cls = frac && !e->daz ? CLASS_FINITE : CLASS_ZERO;
        u.denormal = u.cls == CLASS_FINITE;
        u.exp = 1 - bias(f) - f->frac_bits;
        u.sig = frac;
    } else {
        u.cls = CLASS_FINITE;
        u.exp = exp - bias(f) - f->frac_bits;
        u.sig = frac | 1ull << f->frac_bits;
    }
    return u;
}


/* A finite result before rounding: sig * 2^exp, sig with a sticky bit
   far below the last place of any format. */
typedef struct Exact {
    bool sign;
    int exp;
    uint128 sig;
} Exact;

/* a + b, both finite and non-zero (b's sign already that of the
   operation; an operand with the larger exponent normalized): aligned on
   the larger exponent, the smaller addend's lost bits folded into a sticky
   bit.  sig is 0 for an exact cancellation. */
CORE Exact exact_sum(const Unpacked *a, const Unpacked *b, int guard)
{
    int top_exp = a->exp > b->exp ? a->exp : b->exp;
    uint128 x = align(a->sig, top_exp - a->exp, guard);
    uint128 y = align(b->sig, top_exp - b->exp, guard);
    Exact r = { a->sign, top_exp - guard, 0 };

    if (a->sign == b->sign) {
        r.sig = x + y;
    } else if (x >= y) {
        r.sig = x - y;
    } else {
        r.sig = y - x;
        r.sign = b->sign;
    }
    return r;
}

CORE Exact exact_product(const Unpacked *a, const Unpacked *b)
{
    return (Exact){ a->sign ^ b->sign, a->exp + b->exp,
                    (uint128)a->sig * b->sig };
}

/* a / b, both finite and non-zero */
CORE Exact exact_quotient(const Unpacked *a, const Unpacked *b)
{
    /* both significands to bit 63: the quotient has 64 or 65 bits */
    int ashift = __builtin_clzll(a->sig), bshift = __builtin_clzll(b->sig);
    uint64_t bn = b->sig << bshift;
    uint128 num = (uint128)(a->sig << ashift) << 64;
    uint128 q = num / bn;

    return (Exact){ a->sign ^ b->sign,
                    a->exp - ashift - (b->exp - bshift) - 64,
                    q | ((num % bn) != 0) };
}

/* sqrt(a), a finite, positive and non-zero */
CORE Exact exact_root(const Unpacked *a)
{
    /* an even exponent, and about 120 bits so the root has about 60 */
    int scale = (120 - (63 - __builtin_clzll(a->sig))) & ~1;
    int exp = a->exp - scale;
    uint128 sig = (uint128)a->sig << scale;
    uint64_t r;
    bool exact;

    if (exp & 1) {
        sig <<= 1;
        exp--;
    }
    r = isqrt128(sig, &exact);
    return (Exact){ false, exp / 2 - 1, ((uint128)r << 1) | !exact };
}

#endif
