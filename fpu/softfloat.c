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
#include "softfloat-core.h"

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

/*
 * The common case in 64-bit arithmetic: both operands normal and the
 * result normal, where no flag but inexact can arise and DAZ and FTZ do
 * nothing.  The rest (zero, denormal, infinite or NaN operands, results
 * that are tiny, overflow or cancel to fewer bits than rounding needs)
 * returns false, and the general path computes it from scratch.  A 64-bit
 * significand with its lost bits as a sticky bit rounds as the exact value
 * does, since the callers keep a guard bit and the sticky bit below the
 * last place (IEEE formats up to 53 bits of precision only).
 */
CORE bool normal_operand(const FloatFormat *f, uint64_t bits, int *exp,
                         uint64_t *sig)
{
    *exp = (bits >> f->frac_bits) & exp_all_ones(f);
    *sig = (bits & ((1ull << f->frac_bits) - 1)) | 1ull << f->frac_bits;
    return (unsigned)(*exp - 1) < (unsigned)(exp_all_ones(f) - 1);
}

/* sig * 2^exp (sig != 0, sticky in bit 0) to a normal result in *r */
CORE bool round_pack_normal(const FloatFormat *f, bool sign, int exp,
                            uint64_t sig, FloatEnv *e, uint64_t *r)
{
    int msb = 63 - __builtin_clzll(sig);
    int shift = msb - f->frac_bits;           /* bits below the last place */
    int top = msb + exp + bias(f);            /* biased, before rounding */
    uint64_t kept = sig >> shift, rem;

    if (shift < 2) {
        return false;
    }
    rem = sig & ((1ull << shift) - 1);
    /* without branches on the data: they would be mispredicted half the
       time */
    if (e->round == FLOAT_ROUND_NEAREST_EVEN) {
        bool round_bit = rem >> (shift - 1);
        bool below = rem & ((1ull << (shift - 1)) - 1);

        kept += round_bit & (below | (kept & 1));
    } else if (e->round != FLOAT_ROUND_TO_ZERO) {
        kept += (sign == (e->round == FLOAT_ROUND_DOWN)) & (rem != 0);
    }
    if (kept >> (f->frac_bits + 1)) {
        kept >>= 1;
        top++;
    }
    if (top < 1 || top >= exp_all_ones(f)) {
        return false;
    }
    if (rem) {
        e->flags |= FLOAT_INEXACT_UNBOUNDED | FLOAT_INEXACT;
    }
    *r = sign_bit(f, sign) | (uint64_t)top << f->frac_bits |
         (kept & ((1ull << f->frac_bits) - 1));
    return true;
}

/* The operands' significands with their leading bit at bit 62: bit 63
   takes a sum's carry, the bits below the last place the alignment. */
CORE bool add_sub_normal(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                         bool subtract, FloatEnv *e, uint64_t *r)
{
    int ea, eb, d;
    uint64_t sa, sb, big, small, sum;
    bool sign_a = abits >> (f->frac_bits + f->exp_bits) & 1;
    bool sign_b = (bbits >> (f->frac_bits + f->exp_bits) & 1) ^ subtract;
    bool swap;

    if (!normal_operand(f, abits, &ea, &sa) ||
        !normal_operand(f, bbits, &eb, &sb)) {
        return false;
    }
    sa <<= 62 - f->frac_bits;
    sb <<= 62 - f->frac_bits;
    /* the larger magnitude first (selects, not branches) */
    swap = ea < eb || (ea == eb && sa < sb);
    big = swap ? sb : sa;
    small = swap ? sa : sb;
    d = swap ? eb - ea : ea - eb;
    ea = swap ? eb : ea;
    small = d >= 63 ? 1 : small >> d | ((small & ((1ull << d) - 1)) != 0);
    sum = big + (sign_a == sign_b ? small : -small);
    if (!sum) {
        return false;
    }
    return round_pack_normal(f, swap ? sign_b : sign_a, ea - bias(f) - 62,
                             sum, e, r);
}

CORE bool mul_normal(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                     FloatEnv *e, uint64_t *r)
{
    /* the product has 2p - 1 or 2p bits; keep the top 64 of them */
    int down = 2 * (f->frac_bits + 1) > 64 ? 2 * (f->frac_bits + 1) - 64 : 0;
    int ea, eb;
    uint64_t sa, sb, sig;
    uint128 p;
    bool sign = (abits ^ bbits) >> (f->frac_bits + f->exp_bits) & 1;

    if (!normal_operand(f, abits, &ea, &sa) ||
        !normal_operand(f, bbits, &eb, &sb)) {
        return false;
    }
    p = (uint128)sa * sb;
    sig = (uint64_t)(p >> down) | ((p & (((uint128)1 << down) - 1)) != 0);
    return round_pack_normal(f, sign, ea + eb - 2 * (bias(f) + f->frac_bits) +
                             down, sig, e, r);
}

/* a + b or a - b, every case */
CORE uint64_t add_sub_any(const FloatFormat *f, uint64_t abits,
                          uint64_t bbits, bool subtract, FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };
    Unpacked *a = &ops[0], *b = &ops[1];
    uint64_t r;
    Exact x;
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
    x = exact_sum(a, b, ADD_GUARD);
    if (!x.sig) {
        return sign_bit(f, e->round == FLOAT_ROUND_DOWN);
    }
    return round_pack(f, x.sign, x.exp, x.sig, e);
}

/* a * b, every case */
CORE uint64_t mul_any(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                      FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };
    Unpacked *a = &ops[0], *b = &ops[1];
    bool sign = a->sign ^ b->sign;
    uint64_t r;
    Exact x;

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
    x = exact_product(a, b);
    return round_pack(f, x.sign, x.exp, x.sig, e);
}

CORE uint64_t divide(const FloatFormat *f, uint64_t abits, uint64_t bbits,
                       FloatEnv *e)
{
    Unpacked ops[2] = { unpack(f, abits, e), unpack(f, bbits, e) };
    Unpacked *a = &ops[0], *b = &ops[1];
    bool sign = a->sign ^ b->sign;
    uint64_t r;
    Exact x;

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
    x = exact_quotient(a, b);
    return round_pack(f, x.sign, x.exp, x.sig, e);
}

CORE uint64_t square_root(const FloatFormat *f, uint64_t abits, FloatEnv *e)
{
    Unpacked a = unpack(f, abits, e);
    uint64_t r;
    Exact x;

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
    x = exact_root(&a);
    return round_pack(f, false, x.exp, x.sig, e);
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

/*
 * The entry points of softfloat.h: one format each.  add, sub and mul try
 * the all-normal case first; everything else is in a function of its own,
 * so that the common case is a leaf that saves no registers.
 */
#define BINARY(T, name, fn, format)                                       \
    T name(T a, T b, FloatEnv *e) { return fn(&format, a, b, e); }
#define WITH_FAST_PATH(T, name, format, fast, any, ...)                   \
    static __attribute__((noinline)) T name##_any(T a, T b, FloatEnv *e)  \
    { return any(&format, a, b, __VA_ARGS__ e); }                         \
    T name(T a, T b, FloatEnv *e)                                         \
    {                                                                     \
        uint64_t r;                                                       \
        return fast(&format, a, b, __VA_ARGS__ e, &r) ? r                 \
                                                      : name##_any(a, b, e); \
    }
#define ADD_SUB(T, name, format, subtract)                                \
    WITH_FAST_PATH(T, name, format, add_sub_normal, add_sub_any, subtract,)
#define MUL(T, name, format)                                              \
    WITH_FAST_PATH(T, name, format, mul_normal, mul_any)

ADD_SUB(float32, float32_add, format32, false)
ADD_SUB(float32, float32_sub, format32, true)
MUL(float32, float32_mul, format32)
BINARY(float32, float32_div, divide, format32)
ADD_SUB(float64, float64_add, format64, false)
ADD_SUB(float64, float64_sub, format64, true)
MUL(float64, float64_mul, format64)
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

/* ROUNDSS/ROUNDSD: to an integral value by mode; quiet_inexact: imm8 bit
   3, no PE */
CORE uint64_t round_int(const FloatFormat *f, uint64_t bits, FloatRound mode,
                        bool quiet_inexact, FloatEnv *e)
{
    Unpacked u = unpack(f, bits, e);
    uint64_t r, kept;
    bool inexact;

    if (nan_result(f, &u, 1, &r, e)) {
        return r;
    }
    if (u.cls == CLASS_ZERO) {
        return sign_bit(f, u.sign);
    }
    if (u.cls == CLASS_INF || u.exp >= 0) {
        return bits;
    }
    kept = shift_round(u.sig, -u.exp, u.sign, mode, &inexact);
    if (inexact && !quiet_inexact) {
        e->flags |= FLOAT_INEXACT;
    }
    return kept ? round_pack(f, u.sign, 0, kept, e) : sign_bit(f, u.sign);
}

float32 float32_round_to_int(float32 a, FloatRound mode, bool quiet_inexact,
                             FloatEnv *e)
{
    return round_int(&format32, a, mode, quiet_inexact, e);
}

float64 float64_round_to_int(float64 a, FloatRound mode, bool quiet_inexact,
                             FloatEnv *e)
{
    return round_int(&format64, a, mode, quiet_inexact, e);
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
