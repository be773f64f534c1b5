/*
 * softfloat-x80.c: the x87's 80-bit extended arithmetic (softfloat.h):
 * add, sub, mul, div, sqrt, round to integer, compares, and the
 * conversions of the x87's loads and stores, under the x87's rounding and
 * precision control, NaN rules and exception flags.  Operands unpack to
 * the core's exact sig * 2^exp (softfloat-core.h); one round_to() rounds
 * for every destination, an extended register or a memory format.  The
 * other extended-format files use these pieces (softfloat-x80-internal.h).
 */
#include "qemu/osdep.h"
#include "fpu/softfloat.h"
#include "softfloat-core.h"
#include "softfloat-x80-internal.h"

const Range range80 = { 64, 1 - X80_BIAS, X80_BIAS };

static Range extended_range(const FloatEnv *e)
{
    return (Range){ e->precision ? e->precision : 64, range80.emin,
                    range80.emax };
}

static Range ieee_range(const FloatFormat *f)
{
    return (Range){ f->frac_bits + 1, 1 - bias(f), bias(f) };
}

/* sig >> shift rounded by the mode, with FLOAT_ROUNDED_UP; the result may
   have one bit more than sig >> shift when it carries. */
uint128 round_shifted(uint128 sig, int shift, bool sign, FloatRound mode,
                      bool *inexact, FloatEnv *e)
{
    uint128 truncated, kept;
    bool up;

    if (shift <= 0) {
        *inexact = false;
        return sig << -shift;
    }
    truncated = shift >= 128 ? 0 : sig >> shift;
    /* shift_round works in 64 bits: a carry out of bit 63 wraps to 0 */
    kept = shift_round(sig, shift, sign, mode, inexact);
    /* (only an inexact result differs; no branch on it, which the data
       would make unpredictable) */
    up = (uint64_t)kept != (uint64_t)truncated;
    e->flags |= up * FLOAT_ROUNDED_UP;
    if (up && (uint64_t)kept == 0) {
        kept = (uint128)1 << 64;
    }
    return kept;
}

/*
 * Round sig * 2^exp (sig != 0) to the range.  Tininess is judged after
 * rounding, as for SSE.  biased: an overflow or underflow delivers the
 * rounded significand with the exponent wrapped by X80_EXP_WRAP (the x87
 * with that exception unmasked), else the masked response.
 */
Rounded round_to(const Range *r, bool sign, int exp, uint128 sig,
                 bool biased, FloatEnv *e)
{
    int msb = msb128(sig), top = msb + exp;
    int shift = msb - (r->precision - 1);
    unsigned before = e->flags;
    bool inexact;
    uint128 kept = round_shifted(sig, shift, sign, e->round, &inexact, e);
    Rounded out = { .sign = sign };

    if (inexact) {
        e->flags |= FLOAT_INEXACT_UNBOUNDED;
    }
    if (kept >> r->precision) {
        kept >>= 1;
        top++;
    }
    out.sig = kept;
    out.exp = top - (r->precision - 1);
    if (top < r->emin) {
        e->flags |= FLOAT_TINY;
        /* unmasked, an underflow is any tiny result, exact or not */
        if (e->biased_underflow) {
            e->flags |= FLOAT_UNDERFLOW;
        }
        if (biased && e->biased_underflow) {
            e->flags |= inexact ? FLOAT_INEXACT : 0;
            out.exp += X80_EXP_WRAP;
            return out;
        }
        /* a denormal: the last place is that of emin's, and C1 says how
           that rounding went */
        e->flags = (e->flags & ~FLOAT_ROUNDED_UP) | (before & FLOAT_ROUNDED_UP);
        out.exp = r->emin - (r->precision - 1);
        out.sig = round_shifted(sig, out.exp - exp, sign, e->round,
                                &inexact, e);
        if (inexact) {
            e->flags |= FLOAT_UNDERFLOW | FLOAT_INEXACT;
        }
        return out;
    }
    if (top > r->emax) {
        e->flags |= FLOAT_OVERFLOW;
        if (biased && e->biased_overflow) {
            e->flags |= inexact ? FLOAT_INEXACT : 0;
            out.exp -= X80_EXP_WRAP;
            return out;
        }
        e->flags = (e->flags & ~FLOAT_ROUNDED_UP) | FLOAT_INEXACT;
        if (e->round == FLOAT_ROUND_TO_ZERO ||
            (e->round == FLOAT_ROUND_DOWN && !sign) ||
            (e->round == FLOAT_ROUND_UP && sign)) {
            out.sig = (1ull << (r->precision - 1) << 1) - 1;
            out.exp = r->emax - (r->precision - 1);
        } else {
            out.infinity = true;
            e->flags |= FLOAT_ROUNDED_UP;
        }
        return out;
    }
    if (inexact) {
        e->flags |= FLOAT_INEXACT;
    }
    return out;
}

float80 infinity80(bool sign)
{
    return (float80){ X80_INT_BIT, sign << 15 | X80_EXP_ALL_ONES };
}

float80 zero80(bool sign)
{
    return (float80){ 0, sign << 15 };
}

float80 indefinite80(FloatEnv *e)
{
    e->flags |= FLOAT_INVALID;
    return (float80){ X80_INT_BIT | X80_QUIET_BIT, 0x8000 | X80_EXP_ALL_ONES };
}

/* A rounded (or exact) value in the extended format; below the normal
   range it is a denormal, exponent field 0. */
float80 pack80(const Rounded *r)
{
    int msb, top;

    if (r->infinity) {
        return infinity80(r->sign);
    }
    if (!r->sig) {
        return zero80(r->sign);
    }
    msb = 63 - __builtin_clzll(r->sig);
    top = r->exp + msb;
    if (top < range80.emin) {
        return (float80){ r->sig << (r->exp - (range80.emin - 63)),
                          r->sign << 15 };
    }
    return (float80){ r->sig << (63 - msb), r->sign << 15 | (top + X80_BIAS) };
}

static uint64_t pack_ieee(const FloatFormat *f, const Rounded *r)
{
    int msb, top;

    if (r->infinity) {
        return infinity(f, r->sign);
    }
    if (!r->sig) {
        return sign_bit(f, r->sign);
    }
    msb = 63 - __builtin_clzll(r->sig);
    top = r->exp + msb;
    if (top < 1 - bias(f)) {
        return sign_bit(f, r->sign) |
               r->sig << (r->exp - (1 - bias(f) - f->frac_bits));
    }
    return sign_bit(f, r->sign) | (uint64_t)(top + bias(f)) << f->frac_bits |
           ((r->sig << (f->frac_bits - msb)) & ((1ull << f->frac_bits) - 1));
}

float80 round_pack80(bool sign, int exp, uint128 sig, FloatEnv *e)
{
    Range r = extended_range(e);
    Rounded out = round_to(&r, sign, exp, sig, true, e);

    return pack80(&out);
}

Unpacked unpack80(float80 a)
{
    int exp = a.high & X80_EXP_ALL_ONES;
    bool integer = a.low & X80_INT_BIT;
    Unpacked u = { .sign = a.high >> 15, .sig = a.low };

    if (exp == X80_EXP_ALL_ONES) {
        u.cls = !integer ? CLASS_UNSUPPORTED :
                a.low << 1 ? CLASS_NAN : CLASS_INF;
        u.snan = u.cls == CLASS_NAN && !(a.low & X80_QUIET_BIT);
    } else if (exp == 0) {
        /* denormals and pseudo-denormals: the same exponent */
        u.cls = a.low ? CLASS_FINITE : CLASS_ZERO;
        u.denormal = a.low != 0;
        u.exp = range80.emin - 63;
    } else {
        u.cls = integer ? CLASS_FINITE : CLASS_UNSUPPORTED;
        u.exp = exp - X80_BIAS - 63;
    }
    return u;
}

/* An operand in any of the x87's source formats; a NaN's significand is
   made the extended one (the fraction at the top, integer bit set). */
static Unpacked unpack_source(float80 v, Float80Source src)
{
    static const FloatFormat *const ieee[] = {
        [FLOAT80_SRC_F32] = &format32, [FLOAT80_SRC_F64] = &format64,
    };
    static const int int_width[] = {
        [FLOAT80_SRC_I16] = 16, [FLOAT80_SRC_I32] = 32, [FLOAT80_SRC_I64] = 64,
    };
    FloatEnv no_daz = { 0 };
    Unpacked u;
    int64_t i;

    switch (src) {
    case FLOAT80_SRC_F80:
        return unpack80(v);
    case FLOAT80_SRC_F32:
    case FLOAT80_SRC_F64:
        u = unpack(ieee[src], v.low, &no_daz);
        if (u.cls == CLASS_NAN) {
            u.sig = X80_INT_BIT |
                    v.low << (63 - ieee[src]->frac_bits) << 1 >> 1;
        }
        break;
    default:
        i = (int64_t)(v.low << (64 - int_width[src])) >> (64 - int_width[src]);
        u = (Unpacked){
            .sign = i < 0, .cls = i ? CLASS_FINITE : CLASS_ZERO,
            .sig = i < 0 ? -(uint64_t)i : (uint64_t)i,
        };
        break;
    }
    /* normalized like an extended value, for exact_sum's alignment */
    if (u.cls == CLASS_FINITE) {
        int shift = __builtin_clzll(u.sig);

        u.sig <<= shift;
        u.exp -= shift;
    }
    return u;
}

float80 quiet80(const Unpacked *u)
{
    return (float80){ u->sig | X80_QUIET_BIT, u->sign << 15 | X80_EXP_ALL_ONES };
}

/*
 * The x87's response to NaN and unsupported operands: IE for a signaling
 * NaN or an unsupported operand (which gives the indefinite); of two NaNs
 * a quiet one wins over a signaling one, then the larger significand, then
 * the positive sign.  True when *r is the result.
 */
bool nan_result80(const Unpacked *a, const Unpacked *b, float80 *r,
                  FloatEnv *e)
{
    const Unpacked *win;

    if (a->cls == CLASS_UNSUPPORTED || (b && b->cls == CLASS_UNSUPPORTED)) {
        *r = indefinite80(e);
        return true;
    }
    if (a->snan || (b && b->snan)) {
        e->flags |= FLOAT_INVALID;
    }
    if (!b || b->cls != CLASS_NAN) {
        win = a->cls == CLASS_NAN ? a : NULL;
    } else if (a->cls != CLASS_NAN) {
        win = b;
    } else if (a->snan != b->snan) {
        win = a->snan ? b : a;
    } else if ((a->sig << 1) != (b->sig << 1)) {
        win = (a->sig << 1) > (b->sig << 1) ? a : b;
    } else {
        win = a->sign ? b : a;
    }
    if (win) {
        *r = quiet80(win);
    }
    return win != NULL;
}

void note_denormal(const Unpacked *u, FloatEnv *e)
{
    if (u->denormal) {
        e->flags |= FLOAT_DENORMAL;
    }
}

static float80 add80(Unpacked *a, Unpacked *b, FloatEnv *e)
{
    Exact x;

    if (a->cls == CLASS_INF || b->cls == CLASS_INF) {
        if (a->cls == CLASS_INF && b->cls == CLASS_INF && a->sign != b->sign) {
            return indefinite80(e);
        }
        return infinity80(a->cls == CLASS_INF ? a->sign : b->sign);
    }
    if (a->cls == CLASS_ZERO && b->cls == CLASS_ZERO) {
        return zero80(a->sign == b->sign ? a->sign
                                         : e->round == FLOAT_ROUND_DOWN);
    }
    if (a->cls == CLASS_ZERO || b->cls == CLASS_ZERO) {
        Unpacked *v = a->cls == CLASS_ZERO ? b : a;
        return round_pack80(v->sign, v->exp, v->sig, e);
    }
    x = exact_sum(a, b, ADD_GUARD_X80);
    if (!x.sig) {
        return zero80(e->round == FLOAT_ROUND_DOWN);
    }
    return round_pack80(x.sign, x.exp, x.sig, e);
}

static float80 mul80(Unpacked *a, Unpacked *b, FloatEnv *e)
{
    bool sign = a->sign ^ b->sign;
    Exact x;

    if (a->cls == CLASS_INF || b->cls == CLASS_INF) {
        if (a->cls == CLASS_ZERO || b->cls == CLASS_ZERO) {
            return indefinite80(e);
        }
        return infinity80(sign);
    }
    if (a->cls == CLASS_ZERO || b->cls == CLASS_ZERO) {
        return zero80(sign);
    }
    x = exact_product(a, b);
    return round_pack80(x.sign, x.exp, x.sig, e);
}

/*
 * a / b, both finite and non-zero, to 128 bits: a 64-bit quotient would
 * leave no rounding bit below the extended precision (exact_quotient's is
 * enough for the IEEE formats only).
 */
static Exact quotient80(const Unpacked *a, const Unpacked *b)
{
    int ashift = __builtin_clzll(a->sig), bshift = __builtin_clzll(b->sig);
    uint64_t bn = b->sig << bshift;
    /* an / bn is in [1/2, 2): shifted by 63, the first quotient fits */
    uint128 num = (uint128)(a->sig << ashift) << 63;
    uint64_t high = num / bn;
    uint128 rem = ((num % bn) << 64);
    uint64_t low = rem / bn;

    return (Exact){ a->sign ^ b->sign,
                    a->exp - ashift - (b->exp - bshift) - 127,
                    ((uint128)high << 64 | low) | ((rem % bn) != 0) };
}

static float80 div80(Unpacked *a, Unpacked *b, FloatEnv *e)
{
    bool sign = a->sign ^ b->sign;
    Exact x;

    if (a->cls == CLASS_INF) {
        return b->cls == CLASS_INF ? indefinite80(e) : infinity80(sign);
    }
    if (b->cls == CLASS_ZERO) {
        return indefinite80(e);
    }
    if (a->cls == CLASS_ZERO || b->cls == CLASS_INF) {
        return zero80(sign);
    }
    x = quotient80(a, b);
    return round_pack80(x.sign, x.exp, x.sig, e);
}

float80 float80_arith(Float80Op op, float80 a, float80 b, Float80Source src,
                      bool reversed, FloatEnv *e)
{
    Unpacked ops[2] = { unpack80(a), unpack_source(b, src) };
    Unpacked *x = &ops[reversed], *y = &ops[!reversed];
    float80 r;

    if (nan_result80(x, y, &r, e)) {
        return r;
    }
    /* a finite dividend over zero is only that: no denormal flag */
    if (op == FLOAT80_DIV && y->cls == CLASS_ZERO && x->cls == CLASS_FINITE) {
        e->flags |= FLOAT_DIVBYZERO;
        return infinity80(x->sign ^ y->sign);
    }
    note_denormal(x, e);
    note_denormal(y, e);
    switch (op) {
    case FLOAT80_SUB:
        y->sign ^= 1;
        /* fall through */
    case FLOAT80_ADD:
        return add80(x, y, e);
    case FLOAT80_MUL:
        return mul80(x, y, e);
    default:
        return div80(x, y, e);
    }
}

/*
 * sqrt(a), a finite, positive and non-zero, with a rounding bit below 64
 * bits (exact_root's 60 are enough for the IEEE formats only): the
 * 64-bit root r of a 127- or 128-bit radicand X, then whether sqrt(X) is
 * past r + 1/2 (X - r^2 > r) and whether it is exact.
 */
static Exact root80(const Unpacked *a)
{
    /* the radicand's leading bit at 126 or 127, an even exponent left */
    int shift = 126 - (63 - __builtin_clzll(a->sig));
    uint128 x, rem;
    uint64_t r;
    bool exact;

    shift += (a->exp - shift) & 1;
    x = (uint128)a->sig << shift;
    r = isqrt128(x, &exact);
    rem = x - (uint128)r * r;
    return (Exact){ false, (a->exp - shift) / 2 - 2,
                    (uint128)r << 2 | (rem > r) << 1 | (rem != 0) };
}

float80 float80_sqrt(float80 a, FloatEnv *e)
{
    Unpacked u = unpack80(a);
    float80 r;
    Exact x;

    if (nan_result80(&u, NULL, &r, e)) {
        return r;
    }
    if (u.cls == CLASS_ZERO) {
        return a;
    }
    /* a negative operand is invalid only: no denormal flag */
    if (u.sign) {
        return indefinite80(e);
    }
    note_denormal(&u, e);
    if (u.cls == CLASS_INF) {
        return a;
    }
    x = root80(&u);
    return round_pack80(false, x.exp, x.sig, e);
}

float80 float80_round_to_int(float80 a, FloatEnv *e)
{
    Unpacked u = unpack80(a);
    Rounded out = { .sign = u.sign };
    float80 r;
    bool inexact;

    if (nan_result80(&u, NULL, &r, e)) {
        return r;
    }
    note_denormal(&u, e);
    if (u.cls != CLASS_FINITE || u.exp >= 0) {
        return a;
    }
    /* below 2^63: the integer fits in 64 bits */
    out.sig = round_shifted(u.sig, -u.exp, u.sign, e->round, &inexact, e);
    if (inexact) {
        e->flags |= FLOAT_INEXACT;
    }
    return pack80(&out);
}

float80 float80_load(float80 v, Float80Source src, FloatEnv *e)
{
    Unpacked u;
    Rounded exact;

    if (src == FLOAT80_SRC_F80) {
        return v;
    }
    u = unpack_source(v, src);
    switch (u.cls) {
    case CLASS_NAN:
        if (u.snan) {
            e->flags |= FLOAT_INVALID;
        }
        return quiet80(&u);
    case CLASS_INF:
        return infinity80(u.sign);
    case CLASS_ZERO:
        return zero80(u.sign);
    default:
        note_denormal(&u, e);
        exact = (Rounded){ .sign = u.sign, .exp = u.exp, .sig = u.sig };
        return pack80(&exact);
    }
}

/* FST to an IEEE format: NaNs keep their sign and top fraction bits; a
   denormal operand raises no flag of its own (as measured). */
static uint64_t to_ieee(const FloatFormat *f, float80 a, FloatEnv *e)
{
    Unpacked u = unpack80(a);
    Range r = ieee_range(f);
    Rounded out;
    float80 nan;

    if (nan_result80(&u, NULL, &nan, e)) {
        if (u.cls == CLASS_UNSUPPORTED) {
            return infinity(f, true) | quiet_bit(f);
        }
        return infinity(f, u.sign) | quiet_bit(f) |
               ((nan.low << 1) >> (64 - f->frac_bits));
    }
    /* stores raise no denormal flag */
    switch (u.cls) {
    case CLASS_INF:
        return infinity(f, u.sign);
    case CLASS_ZERO:
        return sign_bit(f, u.sign);
    default:
        out = round_to(&r, u.sign, u.exp, u.sig, false, e);
        return pack_ieee(f, &out);
    }
}

float32 float80_to_float32(float80 a, FloatEnv *e)
{
    return to_ieee(&format32, a, e);
}

float64 float80_to_float64(float80 a, FloatEnv *e)
{
    return to_ieee(&format64, a, e);
}

uint64_t float80_to_int(float80 a, int width, bool truncate, FloatEnv *e)
{
    Unpacked u = unpack80(a);
    uint64_t limit = 1ull << (width - 1), mask = limit * 2 - 1;
    uint128 magnitude;
    bool inexact;

    if (u.cls == CLASS_ZERO) {
        return 0;
    }
    if (u.cls != CLASS_FINITE || u.exp > 0) {
        e->flags |= FLOAT_INVALID;
        return limit;
    }
    magnitude = round_shifted(u.sig, -u.exp, u.sign,
                              truncate ? FLOAT_ROUND_TO_ZERO : e->round,
                              &inexact, e);
    if (magnitude > limit || (magnitude == limit && !u.sign)) {
        e->flags = (e->flags & ~FLOAT_ROUNDED_UP) | FLOAT_INVALID;
        return limit;
    }
    if (inexact) {
        e->flags |= FLOAT_INEXACT;
    }
    return (u.sign ? -(uint64_t)magnitude : (uint64_t)magnitude) & mask;
}

/* A finite non-zero value's place in the order of magnitudes. */
static uint128 magnitude_key(const Unpacked *u)
{
    int shift = __builtin_clzll(u->sig);

    return (uint128)(uint32_t)(u->exp - shift + (1 << 20)) << 64 |
           (u->sig << shift);
}

FloatRelation float80_compare(float80 a, float80 b, Float80Source src,
                              bool quiet, FloatEnv *e)
{
    Unpacked ops[2] = { unpack80(a), unpack_source(b, src) };
    uint128 ka, kb;
    bool less;
    float80 unused;

    if (nan_result80(&ops[0], &ops[1], &unused, e)) {
        if (!quiet) {
            e->flags |= FLOAT_INVALID;
        }
        return FLOAT_UNORDERED;
    }
    note_denormal(&ops[0], e);
    note_denormal(&ops[1], e);
    for (int i = 0; i < 2; i++) {
        if (ops[i].cls == CLASS_ZERO) {
            ops[i].sign = false;
        }
    }
    if (ops[0].sign != ops[1].sign) {
        return ops[0].sign ? FLOAT_LESS : FLOAT_GREATER;
    }
    /* same sign: compare magnitudes (zero < finite < infinity) */
    ka = ops[0].cls == CLASS_FINITE ? magnitude_key(&ops[0]) :
         ops[0].cls == CLASS_INF ? ~(uint128)0 : 0;
    kb = ops[1].cls == CLASS_FINITE ? magnitude_key(&ops[1]) :
         ops[1].cls == CLASS_INF ? ~(uint128)0 : 0;
    if (ka == kb) {
        return FLOAT_EQUAL;
    }
    less = (ka < kb) != ops[0].sign;
    return less ? FLOAT_LESS : FLOAT_GREATER;
}
