/*
 * softfloat.c: single and double precision IEEE arithmetic with x86 SSE
 * conventions (softfloat.h).  Every operation is written once over a
 * FloatFormat: operands are unpacked into sign, class and an exact value
 * sig * 2^exp, the result is computed exactly or with a sticky bit far
 * below the last place, and round_pack() rounds it to the format once,
 * raising underflow, overflow and inexact.
 */
#include "qemu/osdep.h"
#include "fpu/softfloat.h"

typedef unsigned __int128 uint128;

/*
 * The format-generic core is inlined into each entry point, which is then
 * compiled for its constant format: about 40% fewer instructions per
 * operation than shared out-of-line code (measured on float64 mul + add).
 */
#define CORE static inline __attribute__((always_inline))

typedef struct FloatFormat {
    int frac_bits;              /* stored fraction bits: 23, 52 */
    int exp_bits;               /* 8, 11 */
} FloatFormat;

static const FloatFormat format32 = { 23, 8 };
static const FloatFormat format64 = { 52, 11 };

typedef enum { CLASS_ZERO, CLASS_FINITE, CLASS_INF, CLASS_NAN } FloatClass;

typedef struct Unpacked {
    uint64_t bits;              /* as given: a NaN result is made from it */
    bool sign;
    FloatClass cls;
    bool snan;
    bool denormal;              /* a denormal operand, DAZ not applied */
    int exp;                    /* CLASS_FINITE: the value is sig * 2^exp */
    uint64_t sig;
} Unpacked;

static int bias(const FloatFormat *f)
{
    return (1 << (f->exp_bits - 1)) - 1;
}

static int exp_all_ones(const FloatFormat *f)
{
    return (1 << f->exp_bits) - 1;
}

static uint64_t sign_bit(const FloatFormat *f, bool sign)
{
    return (uint64_t)sign << (f->frac_bits + f->exp_bits);
}

static uint64_t quiet_bit(const FloatFormat *f)
{
    return 1ull << (f->frac_bits - 1);
}

static uint64_t infinity(const FloatFormat *f, bool sign)
{
    return sign_bit(f, sign) | (uint64_t)exp_all_ones(f) << f->frac_bits;
}

/* The largest finite value. */
static uint64_t max_finite(const FloatFormat *f, bool sign)
{
    return infinity(f, sign) - 1;
}

/* x86's QNaN indefinite: negative, only the quiet bit set. */
static uint64_t default_nan(const FloatFormat *f, FloatEnv *e)
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

/* NaN operands win: the first one given, quieted; a signaling one is
   invalid.  True when *r is the result. */
CORE bool nan_result(const FloatFormat *f, const Unpacked *ops, int n,
                       uint64_t *r, FloatEnv *e)
{
    const Unpacked *nan = NULL;

    for (int i = 0; i < n; i++) {
        if (ops[i].snan) {
            e->flags |= FLOAT_INVALID;
        }
        if (ops[i].cls == CLASS_NAN && !nan) {
            nan = &ops[i];
        }
    }
    if (nan) {
        *r = nan->bits | quiet_bit(f);
    }
    return nan != NULL;
}

CORE void note_denormals(const Unpacked *ops, int n, FloatEnv *e)
{
    for (int i = 0; i < n; i++) {
        if (ops[i].denormal) {
            e->flags |= FLOAT_DENORMAL;
        }
    }
}

/* NaN operands, then denormal ones (the usual order). */
CORE bool nan_or_denormal(const FloatFormat *f, const Unpacked *ops, int n,
                            uint64_t *r, FloatEnv *e)
{
    if (nan_result(f, ops, n, r, e)) {
        return true;
    }
    note_denormals(ops, n, e);
    return false;
}

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
            if (rem > half || (rem == half && (kept & 1))) {
                kept++;
            }
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

/* Overflow's result: infinity, or the largest finite value when the mode
   rounds toward zero from this sign. */
CORE uint64_t overflow(const FloatFormat *f, bool sign, FloatEnv *e)
{
    bool to_max = e->round == FLOAT_ROUND_TO_ZERO ||
                  (e->round == FLOAT_ROUND_DOWN && !sign) ||
                  (e->round == FLOAT_ROUND_UP && sign);

    e->flags |= FLOAT_OVERFLOW | FLOAT_INEXACT;
    return to_max ? max_finite(f, sign) : infinity(f, sign);
}

/*
 * Round sig * 2^exp (sig != 0; any sticky bit far below the last place)
 * to the format.  Tininess is judged after rounding, as x86 does: on the
 * result rounded to the format's precision with an unbounded exponent.
 */
CORE uint64_t round_pack(const FloatFormat *f, bool sign, int exp,
                           uint128 sig, FloatEnv *e)
{
    int precision = f->frac_bits + 1;
    int msb = msb128(sig);
    int top = msb + exp;                      /* exponent of the leading bit */
    int emin = 1 - bias(f);
    int shift = msb - (precision - 1);
    bool inexact;
    uint64_t kept = shift_round(sig, shift, sign, e->round, &inexact);

    if (inexact) {
        e->flags |= FLOAT_INEXACT_UNBOUNDED;
    }
    if (kept >> precision) {
        kept >>= 1;
        top++;
    }
    if (top < emin) {
        e->flags |= FLOAT_TINY;
        if (e->ftz) {
            e->flags |= FLOAT_UNDERFLOW | FLOAT_INEXACT;
            return sign_bit(f, sign);
        }
        /* a denormal: the last place is that of emin's */
        top = msb + exp;
        kept = shift_round(sig, shift + emin - top, sign, e->round, &inexact);
        if (inexact) {
            e->flags |= FLOAT_UNDERFLOW | FLOAT_INEXACT;
        }
        /* a carry into the implicit bit makes the smallest normal: the
           encoding is the same sum */
        return sign_bit(f, sign) | kept;
    }
    if (top > bias(f)) {
        return overflow(f, sign, e);
    }
    if (inexact) {
        e->flags |= FLOAT_INEXACT;
    }
    return sign_bit(f, sign) | (uint64_t)(top + bias(f)) << f->frac_bits |
           (kept & ((1ull << f->frac_bits) - 1));
}

/* Guard bits kept below the larger addend's last place. */
#define ADD_GUARD 64

/* sig with ADD_GUARD guard bits, shifted right by d: lost bits become a
   sticky bit. */
CORE uint128 align(uint64_t sig, int d)
{
    uint128 v = (uint128)sig << ADD_GUARD;

    if (d >= 120) {
        return 1;
    }
    return (v >> d) | ((v & (((uint128)1 << d) - 1)) != 0);
}

CORE uint64_t add_sub(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                        bool subtract, FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };
    Unpacked *a = &ops[0], *b = &ops[1];
    uint64_t r;
    int top_exp;
    uint128 x, y, sum;
    bool sign;

    if (nan_or_denormal(f, ops, 2, &r, e)) {
        return r;
    }
    b->sign ^= subtract;
    if (a->cls == CLASS_INF || b->cls == CLASS_INF) {
        if (a->cls == CLASS_INF && b->cls == CLASS_INF && a->sign != b->sign) {
            return default_nan(f, e);
        }
        return infinity(f, a->cls == CLASS_INF ? a->sign : b->sign);
    }
    if (a->cls == CLASS_ZERO && b->cls == CLASS_ZERO) {
        sign = a->sign == b->sign ? a->sign : e->round == FLOAT_ROUND_DOWN;
        return sign_bit(f, sign);
    }
    if (a->cls == CLASS_ZERO) {
        return round_pack(f, b->sign, b->exp, b->sig, e);
    }
    if (b->cls == CLASS_ZERO) {
        return round_pack(f, a->sign, a->exp, a->sig, e);
    }
    /* both finite: align on the larger exponent, the smaller addend's
       lost bits folded into a sticky bit */
    top_exp = a->exp > b->exp ? a->exp : b->exp;
    x = align(a->sig, top_exp - a->exp);
    y = align(b->sig, top_exp - b->exp);
    if (a->sign == b->sign) {
        sum = x + y;
        sign = a->sign;
    } else if (x >= y) {
        sum = x - y;
        sign = a->sign;
    } else {
        sum = y - x;
        sign = b->sign;
    }
    if (!sum) {
        return sign_bit(f, e->round == FLOAT_ROUND_DOWN);
    }
    return round_pack(f, sign, top_exp - ADD_GUARD, sum, e);
}

CORE uint64_t mul(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                    FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };
    Unpacked *a = &ops[0], *b = &ops[1];
    bool sign = a->sign ^ b->sign;
    uint64_t r;

    if (nan_or_denormal(f, ops, 2, &r, e)) {
        return r;
    }
    if (a->cls == CLASS_INF || b->cls == CLASS_INF) {
        if (a->cls == CLASS_ZERO || b->cls == CLASS_ZERO) {
            return default_nan(f, e);
        }
        return infinity(f, sign);
    }
    if (a->cls == CLASS_ZERO || b->cls == CLASS_ZERO) {
        return sign_bit(f, sign);
    }
    return round_pack(f, sign, a->exp + b->exp, (uint128)a->sig * b->sig, e);
}

CORE uint64_t divide(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                       FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };
    Unpacked *a = &ops[0], *b = &ops[1];
    bool sign = a->sign ^ b->sign;
    uint64_t r, an, bn;
    int ashift, bshift;
    uint128 q, num;

    if (nan_result(f, ops, 2, &r, e)) {
        return r;
    }
    /* a finite dividend over zero is only that: no denormal flag (as
       measured on the host) */
    if (b->cls == CLASS_ZERO && a->cls == CLASS_FINITE) {
        e->flags |= FLOAT_DIVBYZERO;
        return infinity(f, sign);
    }
    note_denormals(ops, 2, e);
    if (a->cls == CLASS_INF) {
        return b->cls == CLASS_INF ? default_nan(f, e) : infinity(f, sign);
    }
    if (b->cls == CLASS_ZERO) {
        return default_nan(f, e);
    }
    if (a->cls == CLASS_ZERO || b->cls == CLASS_INF) {
        return sign_bit(f, sign);
    }
    /* both significands to bit 63: the quotient has 64 or 65 bits */
    ashift = __builtin_clzll(a->sig);
    bshift = __builtin_clzll(b->sig);
    an = a->sig << ashift;
    bn = b->sig << bshift;
    num = (uint128)an << 64;
    q = num / bn;
    q |= (num % bn) != 0;
    return round_pack(f, sign, a->exp - ashift - (b->exp - bshift) - 64, q, e);
}

/* floor(sqrt(x)), and whether it is exact */
static uint64_t isqrt128(uint128 x, bool *exact)
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

CORE uint64_t square_root(const FloatFormat *f, uint64_t abits, FloatEnv *e)
{
    Unpacked a = unpack(f, abits, e);
    uint64_t r;
    uint128 sig;
    int exp, scale;
    bool exact;

    if (nan_result(f, &a, 1, &r, e)) {
        return r;
    }
    if (a.cls == CLASS_ZERO) {
        return sign_bit(f, a.sign);
    }
    /* a negative operand is invalid only: no denormal flag (the host) */
    if (a.sign) {
        return default_nan(f, e);
    }
    note_denormals(&a, 1, e);
    if (a.cls == CLASS_INF) {
        return infinity(f, false);
    }
    /* an even exponent, and about 120 bits so the root has about 60 */
    scale = (120 - (63 - __builtin_clzll(a.sig))) & ~1;
    exp = a.exp - scale;
    sig = (uint128)a.sig << scale;
    if (exp & 1) {
        sig <<= 1;
        exp--;
    }
    r = isqrt128(sig, &exact);
    return round_pack(f, false, exp / 2 - 1, ((uint128)r << 1) | !exact, e);
}

/* A NaN converted to another format: sign and the top fraction bits kept,
   quieted. */
CORE uint64_t convert_nan(const FloatFormat *to, const FloatFormat *from,
                            const Unpacked *a)
{
    uint64_t frac = a->bits & ((1ull << from->frac_bits) - 1);
    int shift = to->frac_bits - from->frac_bits;

    frac = shift >= 0 ? frac << shift : frac >> -shift;
    return infinity(to, a->sign) | quiet_bit(to) | frac;
}

CORE uint64_t convert(const FloatFormat *to, const FloatFormat *from,
                        uint64_t bits, FloatEnv *e)
{
    Unpacked a = unpack(from, bits, e);
    uint64_t r;

    if (nan_or_denormal(from, &a, 1, &r, e)) {
        return convert_nan(to, from, &a);
    }
    switch (a.cls) {
    case CLASS_ZERO:
        return sign_bit(to, a.sign);
    case CLASS_INF:
        return infinity(to, a.sign);
    default:
        return round_pack(to, a.sign, a.exp, a.sig, e);
    }
}

/* Non-NaN operands as integers in their order: -0 = +0, DAZ applied. */
static int64_t order_key(const FloatFormat *f, const Unpacked *u)
{
    int64_t magnitude = u->cls == CLASS_ZERO ? 0 : u->bits & ~sign_bit(f, 1);

    return u->sign ? -magnitude : magnitude;
}

CORE FloatRelation compare_unpacked(const FloatFormat *f, Unpacked *ops,
                                      bool signaling, FloatEnv *e)
{
    int64_t a, b;
    uint64_t unused;

    if (nan_result(f, ops, 2, &unused, e)) {
        if (signaling) {
            e->flags |= FLOAT_INVALID;
        }
        return FLOAT_UNORDERED;
    }
    note_denormals(ops, 2, e);
    a = order_key(f, &ops[0]);
    b = order_key(f, &ops[1]);
    return a < b ? FLOAT_LESS : a > b ? FLOAT_GREATER : FLOAT_EQUAL;
}

CORE FloatRelation compare(const FloatFormat *f, uint64_t abits,
                             uint64_t bbits, bool signaling, FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };

    return compare_unpacked(f, ops, signaling, e);
}

/* CMPSS's predicates 0-3 as sets of relations; 4-7 are their complements,
   and lt/le (nlt/nle) are the signaling ones. */
CORE bool cmp_predicate(const FloatFormat *f, uint64_t a, uint64_t b,
                          int predicate, FloatEnv *e)
{
    static const uint8_t holds[4] = {
        1 << FLOAT_EQUAL, 1 << FLOAT_LESS, 1 << FLOAT_LESS | 1 << FLOAT_EQUAL,
        1 << FLOAT_UNORDERED,
    };
    int base = predicate & 3;
    FloatRelation r = compare(f, a, b, base == 1 || base == 2, e);
    bool result = (holds[base] >> r) & 1;

    return predicate & 4 ? !result : result;
}

/* An operand as the instruction read it: a zero under DAZ. */
static uint64_t as_read(const FloatFormat *f, const Unpacked *u)
{
    return u->cls == CLASS_ZERO ? sign_bit(f, u->sign) : u->bits;
}

CORE uint64_t min_max(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                        bool max, FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };
    FloatRelation r = compare_unpacked(f, ops, true, e);

    if (r == FLOAT_UNORDERED || r == FLOAT_EQUAL) {
        return as_read(f, &ops[1]);
    }
    return as_read(f, &ops[(r == FLOAT_GREATER) != max]);
}

/* To a signed integer of `width` bits (32, 64). */
CORE uint64_t to_int(const FloatFormat *f, uint64_t bits, bool truncate,
                       int width, FloatEnv *e)
{
    Unpacked a = unpack(f, bits, e);
    uint64_t limit = 1ull << (width - 1), magnitude;
    bool inexact;

    if (a.cls == CLASS_ZERO) {
        return 0;
    }
    if (a.cls != CLASS_FINITE || a.exp >= width) {
        e->flags |= FLOAT_INVALID;
        return limit;
    }
    magnitude = shift_round(a.sig, -a.exp, a.sign,
                            truncate ? FLOAT_ROUND_TO_ZERO : e->round,
                            &inexact);
    if (magnitude > limit || (magnitude == limit && !a.sign) ||
        (a.exp > 0 && magnitude >> a.exp != a.sig)) {
        e->flags |= FLOAT_INVALID;
        return limit;
    }
    if (inexact) {
        e->flags |= FLOAT_INEXACT;
    }
    return a.sign ? -magnitude : magnitude;
}

CORE uint64_t from_int(const FloatFormat *f, int64_t v, FloatEnv *e)
{
    bool sign = v < 0;

    if (!v) {
        return 0;
    }
    return round_pack(f, sign, 0, sign ? -(uint64_t)v : (uint64_t)v, e);
}

/* the entry points of softfloat.h: one format each */
#define BINARY(T, name, fn, format)                                       \
    T name(T a, T b, FloatEnv *e) { return fn(&format, a, b, e); }
#define ADD_SUB(T, name, format, subtract)                                \
    T name(T a, T b, FloatEnv *e) { return add_sub(&format, a, b, subtract, e); }

ADD_SUB(float32, float32_add, format32, false)
ADD_SUB(float32, float32_sub, format32, true)
BINARY(float32, float32_mul, mul, format32)
BINARY(float32, float32_div, divide, format32)
ADD_SUB(float64, float64_add, format64, false)
ADD_SUB(float64, float64_sub, format64, true)
BINARY(float64, float64_mul, mul, format64)
BINARY(float64, float64_div, divide, format64)

float32 float32_sqrt(float32 a, FloatEnv *e)
{
    return square_root(&format32, a, e);
}

float64 float64_sqrt(float64 a, FloatEnv *e)
{
    return square_root(&format64, a, e);
}

float64 float32_to_float64(float32 a, FloatEnv *e)
{
    return convert(&format64, &format32, a, e);
}

float32 float64_to_float32(float64 a, FloatEnv *e)
{
    return convert(&format32, &format64, a, e);
}

#define MIN_MAX(T, name, format, max)                                     \
    T name(T a, T b, FloatEnv *e) { return min_max(&format, a, b, max, e); }
MIN_MAX(float32, float32_min, format32, false)
MIN_MAX(float32, float32_max, format32, true)
MIN_MAX(float64, float64_min, format64, false)
MIN_MAX(float64, float64_max, format64, true)

FloatRelation float32_compare(float32 a, float32 b, bool signaling,
                              FloatEnv *e)
{
    return compare(&format32, a, b, signaling, e);
}

FloatRelation float64_compare(float64 a, float64 b, bool signaling,
                              FloatEnv *e)
{
    return compare(&format64, a, b, signaling, e);
}

bool float32_cmp(float32 a, float32 b, int predicate, FloatEnv *e)
{
    return cmp_predicate(&format32, a, b, predicate, e);
}

bool float64_cmp(float64 a, float64 b, int predicate, FloatEnv *e)
{
    return cmp_predicate(&format64, a, b, predicate, e);
}

#define TO_INT(T, name, FT, format, width)                                \
    T name(FT a, bool truncate, FloatEnv *e)                              \
    { return to_int(&format, a, truncate, width, e); }
TO_INT(int32_t, float32_to_int32, float32, format32, 32)
TO_INT(int64_t, float32_to_int64, float32, format32, 64)
TO_INT(int32_t, float64_to_int32, float64, format64, 32)
TO_INT(int64_t, float64_to_int64, float64, format64, 64)

float32 int64_to_float32(int64_t v, FloatEnv *e)
{
    return from_int(&format32, v, e);
}

float64 int64_to_float64(int64_t v, FloatEnv *e)
{
    return from_int(&format64, v, e);
}
