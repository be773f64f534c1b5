/*
 * softfloat-x80-trans.c: the x87's transcendental instructions (F2XM1,
 * FYL2X, FYL2XP1, FPATAN, FSIN, FCOS, FSINCOS, FPTAN; softfloat.h).
 * Each computes in Wide, a 128-bit significand with an int exponent,
 * by series in reduced arguments (about 120 good bits), and rounds once to
 * the extended format by the rounding mode.  The special operands and the
 * invalid and divide-by-zero cases are the x87's (Intel SDM tables for
 * each instruction), and the trigonometric ones reduce their argument by
 * the x87's own 66-bit pi, so that large arguments give the hardware's
 * results rather than the true sines.
 */
#include "qemu/osdep.h"
#include "fpu/softfloat.h"
#include "softfloat-x80-internal.h"

/* sig * 2^(exp - 127): sig's bit 127 set, or sig 0 for a zero */
typedef struct Wide {
    bool sign;
    int exp;
    uint128 sig;
} Wide;

#define WIDE_BITS 128
/* a series stops where its terms fall this far below the sum: far below
   the 64 bits of a result, and the rounding still sees which side of the
   sum the rest lies (w_add's sticky bit) */
#define SERIES_BITS 100

static const Wide one = { false, 0, (uint128)1 << 127 };

static Wide w_norm(bool sign, int exp, uint128 sig)
{
    int shift;

    if (!sig) {
        return (Wide){ sign, 0, 0 };
    }
    shift = 127 - msb128(sig);
    return (Wide){ sign, exp - shift, sig << shift };
}

static Wide w_int(int64_t n)
{
    uint64_t magnitude = n < 0 ? -(uint64_t)n : (uint64_t)n;

    return w_norm(n < 0, 127, magnitude);
}

/* a finite operand, exactly */
static Wide w_unpacked(const Unpacked *u)
{
    return w_norm(u->sign, u->exp + 63, (uint128)u->sig << 64);
}

static Wide w_neg(Wide a)
{
    a.sign = !a.sign;
    return a;
}

/* the top 128 bits of the 256-bit product */
static uint128 mul_high(uint128 a, uint128 b)
{
    uint64_t ah = a >> 64, al = a, bh = b >> 64, bl = b;
    uint128 ll = (uint128)al * bl, lh = (uint128)al * bh;
    uint128 hl = (uint128)ah * bl, hh = (uint128)ah * bh;
    uint128 mid = (ll >> 64) + (uint64_t)lh + (uint64_t)hl;

    return hh + (lh >> 64) + (hl >> 64) + (mid >> 64);
}

static Wide w_mul(Wide a, Wide b)
{
    if (!a.sig || !b.sig) {
        return (Wide){ a.sign ^ b.sign, 0, 0 };
    }
    return w_norm(a.sign ^ b.sign, a.exp + b.exp + 1, mul_high(a.sig, b.sig));
}

static Wide w_add(Wide a, Wide b)
{
    uint128 x, y;
    int d;

    if (!b.sig) {
        return a;
    }
    if (!a.sig) {
        return b;
    }
    if (a.exp < b.exp) {
        Wide t = a;
        a = b;
        b = t;
    }
    d = a.exp - b.exp;
    /* one bit of headroom for the carry; b's lost bits a sticky bit, so a
       negligible term still says which side of a the sum is */
    x = a.sig >> 1;
    y = b.sig >> 1 | (b.sig & 1);
    y = d >= WIDE_BITS - 1 ? 1 : y >> d | ((y & (((uint128)1 << d) - 1)) != 0);
    if (a.sign == b.sign) {
        return w_norm(a.sign, a.exp + 1, x + y);
    }
    return x >= y ? w_norm(a.sign, a.exp + 1, x - y)
                  : w_norm(b.sign, a.exp + 1, y - x);
}

static Wide w_sub(Wide a, Wide b)
{
    return w_add(a, w_neg(b));
}

/*
 * a / b, b non-zero: a times 1/b, which one Newton step takes from the
 * 64 bits of a 128-by-64-bit division to about 124.
 */
static Wide w_div(Wide a, Wide b)
{
    /* 2^127 / b's top 64 bits: 1/b * 2^(64 + b.exp), 63 good bits */
    Wide x = w_norm(b.sign, 63 - b.exp,
                    ((uint128)1 << 127) / (uint64_t)(b.sig >> 64));
    Wide error = w_sub(one, w_mul(b, x));

    return w_mul(a, w_add(x, w_mul(x, error)));
}

/* 1/n for the n the series divide by, k(k + 1) of the sine's included
   (init_reciprocals) */
#define RECIPROCALS 1024
static Wide reciprocals[RECIPROCALS];

static void __attribute__((constructor)) init_reciprocals(void)
{
    for (int n = 1; n < RECIPROCALS; n++) {
        reciprocals[n] = w_div(one, w_int(n));
    }
}

/* a / n for a small positive n */
static Wide w_div_small(Wide a, unsigned n)
{
    return n < RECIPROCALS ? w_mul(a, reciprocals[n]) : w_div(a, w_int(n));
}

/* a * 2^n */
static Wide w_scale(Wide a, int n)
{
    a.exp += n;
    return a;
}

/* a term too small to change the sum any more */
static bool w_negligible(Wide term, Wide sum)
{
    return !term.sig || (sum.sig && term.exp < sum.exp - SERIES_BITS);
}

/*
 * The value in the extended format, rounded by the mode.  The x87 flags
 * every result of these instructions inexact, the exact ones too (3 from
 * fyl2x(8, 1)), and so a tiny one underflows (as measured).
 */
static float80 w_round(Wide a, FloatEnv *e)
{
    Rounded r;

    if (!a.sig) {
        return zero80(a.sign);
    }
    r = round_to(&range80, a.sign, a.exp - 127, a.sig, true, e);
    e->flags |= FLOAT_INEXACT;
    if (e->flags & FLOAT_TINY) {
        e->flags |= FLOAT_UNDERFLOW;
    }
    return pack80(&r);
}

/* 1 as a result: cos(0), FPTAN's push (no flag, as measured) */
static const float80 one80 = { X80_INT_BIT, X80_BIAS };

/* a constant of FLDPI and its kind to 128 bits (softfloat-x80-exact.c) */
static Wide w_constant(Float80Constant c)
{
    Wide w = { false, 0, 0 };

    float80_constant_bits(c, &w.sig, &w.exp);
    return w;
}

/* ---- the series ---- */

/* e^y - 1, |y| below 1 */
static Wide w_expm1(Wide y)
{
    Wide term = y, sum = y;

    for (unsigned k = 2; !w_negligible(term, sum); k++) {
        term = w_div_small(w_mul(term, y), k);
        sum = w_add(sum, term);
    }
    return sum;
}

/* ln((1 + s) / (1 - s)) = 2 atanh(s), |s| below 0.18 */
static Wide w_log_ratio(Wide s)
{
    Wide s2 = w_mul(s, s), power = s, sum = s, term = s;

    for (unsigned k = 3; !w_negligible(term, sum); k += 2) {
        power = w_mul(power, s2);
        term = w_div_small(power, k);
        sum = w_add(sum, term);
    }
    return w_scale(sum, 1);
}

/* sum of (-1)^k x^(2k + first) / (2k + first)!: sin (first 1), cos (0) */
static Wide w_sin_cos_series(Wide x, unsigned first)
{
    Wide x2 = w_mul(x, x), term = first ? x : one, sum = term;

    for (unsigned k = first + 1; !w_negligible(term, sum); k += 2) {
        term = w_neg(w_div_small(w_mul(term, x2), k * (k + 1)));
        sum = w_add(sum, term);
    }
    return sum;
}

/* atan(u), |u| below 1/16 */
static Wide w_atan_series(Wide u)
{
    Wide u2 = w_mul(u, u), power = u, sum = u, term = u;

    for (unsigned k = 3; !w_negligible(term, sum); k += 2) {
        power = w_neg(w_mul(power, u2));
        term = w_div_small(power, k);
        sum = w_add(sum, term);
    }
    return sum;
}

/* atan(j / 8), j = 1..8: the table the argument is reduced against */
static const struct {
    uint64_t high, low;
    int exp;
} atan_eighths[8] = {
    { 0xfeadd4d5617b6e32ull, 0xc897989f3e888ef8ull, -4 },
    { 0xfadbafc96406eb15ull, 0x6dc79ef5f7a217e6ull, -3 },
    { 0xb7b0ca0f26f78473ull, 0x8aa32122dcfe4483ull, -2 },
    { 0xed63382b0dda7b45ull, 0x6fe445ecbc3a8d03ull, -2 },
    { 0x8f005d5ef7f59f9bull, 0x5c835e1665c43748ull, -1 },
    { 0xa4bc7d1934f70924ull, 0x19a87f2a457dac9full, -1 },
    { 0xb8053e2bc2319e73ull, 0xcb2da55210a4443dull, -1 },
    { 0xc90fdaa22168c234ull, 0xc4c6628b80dc1cd1ull, -1 },
};

/* atan(t), 0 <= t <= 1: atan(c) + atan((t - c) / (1 + t c)), c = j / 8
   the nearest eighth */
static Wide w_atan(Wide t)
{
    Wide c, u;
    int j;

    /* t * 8 rounded: t's top bits at exponent t.exp */
    j = !t.sig || t.exp < -4 ? 0 :
        (int)((t.sig >> (127 - 4 - t.exp)) + 1) >> 1;
    if (!j) {
        return w_atan_series(t);
    }
    c = w_scale(w_int(j), -3);
    u = w_div(w_sub(t, c), w_add(one, w_mul(t, c)));
    return w_add((Wide){ false, atan_eighths[j - 1].exp,
                         (uint128)atan_eighths[j - 1].high << 64 |
                         atan_eighths[j - 1].low },
                 w_atan_series(u));
}

/* log2(v), v positive: v = 2^n m with m in [1/sqrt2, sqrt2) */
static Wide w_log2(Wide v)
{
    /* sqrt(2) as 128 bits' top: 0xb504f333... */
    const uint128 sqrt2_sig = (uint128)0xb504f333f9de6484ull << 64;
    int n = v.exp;
    Wide m = { false, 0, v.sig }, ln;

    if (m.sig >= sqrt2_sig) {
        m.exp = -1;
        n++;
    }
    ln = w_log_ratio(w_div(w_sub(m, one), w_add(m, one)));
    return w_add(w_int(n), w_mul(ln, w_constant(FLOAT80_CONST_L2E)));
}

/* ---- the instructions ---- */

float80 float80_f2xm1(float80 a, FloatEnv *e)
{
    Unpacked x = unpack80(a);
    Wide w;
    float80 r;

    if (nan_result80(&x, NULL, &r, e)) {
        return r;
    }
    if (x.cls == CLASS_ZERO) {
        return a;
    }
    if (x.cls == CLASS_INF) {
        return x.sign ? w_round(w_neg(one), e) : a;
    }
    note_denormal(&x, e);
    w = w_unpacked(&x);
    if (w.exp >= 0 && (w.exp > 0 || w.sig != one.sig)) {
        /* outside -1..1 the result is undefined; this host's (AMD) x87
           leaves the operand, with PE */
        e->flags |= FLOAT_INEXACT;
        return a;
    }
    return w_round(w_expm1(w_mul(w, w_constant(FLOAT80_CONST_LN2))), e);
}

/*
 * y * l for l a logarithm: the x87's rules for the product of y with an
 * infinity or a zero l (0 * inf is invalid), else rounded.
 */
static float80 times_log(const Unpacked *y, Wide l, bool l_inf, FloatEnv *e)
{
    if (l_inf) {
        if (y->cls == CLASS_ZERO) {
            return indefinite80(e);
        }
        return infinity80(y->sign ^ l.sign);
    }
    if (y->cls == CLASS_INF) {
        if (!l.sig) {
            return indefinite80(e);
        }
        return infinity80(y->sign ^ l.sign);
    }
    if (y->cls == CLASS_ZERO || !l.sig) {
        return zero80(y->sign ^ l.sign);
    }
    return w_round(w_mul(w_unpacked(y), l), e);
}

/* The invalid operands come first, then a zero x's ZE; DE only after. */
float80 float80_yl2x(float80 a, float80 b, FloatEnv *e)
{
    Unpacked x = unpack80(a), y = unpack80(b);
    float80 r;

    if (nan_result80(&x, &y, &r, e)) {
        return r;
    }
    if (x.sign && x.cls != CLASS_ZERO) {
        return indefinite80(e);
    }
    if (x.cls == CLASS_ZERO) {
        /* log2(0) = -inf: a finite y divides by zero */
        if (y.cls == CLASS_FINITE) {
            e->flags |= FLOAT_DIVBYZERO;
        }
        return times_log(&y, w_neg(one), true, e);
    }
    note_denormal(&x, e);
    note_denormal(&y, e);
    if (x.cls == CLASS_INF) {
        return times_log(&y, one, true, e);
    }
    return times_log(&y, w_log2(w_unpacked(&x)), false, e);
}

float80 float80_yl2xp1(float80 a, float80 b, FloatEnv *e)
{
    Unpacked x = unpack80(a), y = unpack80(b);
    Wide w, l;
    float80 r;

    if (nan_result80(&x, &y, &r, e)) {
        return r;
    }
    if (x.cls == CLASS_INF && x.sign) {
        return indefinite80(e);
    }
    note_denormal(&x, e);
    note_denormal(&y, e);
    if (x.cls == CLASS_INF) {
        return times_log(&y, one, true, e);
    }
    if (x.cls == CLASS_ZERO) {
        return times_log(&y, (Wide){ x.sign, 0, 0 }, false, e);
    }
    w = w_unpacked(&x);
    if (w.exp < -2) {
        /* |x| < 1/4: ln(1 + x) = 2 atanh(x / (2 + x)), no rounding of
           1 + x */
        l = w_mul(w_log_ratio(w_div(w, w_add(w_scale(one, 1), w))),
                  w_constant(FLOAT80_CONST_L2E));
    } else {
        /* up to 1 - sqrt(2)/2, and beyond, where the result is
           undefined: this host's x87 computes it there too, but for
           x <= -1, where it leaves x, with PE */
        w = w_add(w, one);
        if (w.sign || !w.sig) {
            e->flags |= FLOAT_INEXACT;
            return a;
        }
        l = w_log2(w);
    }
    return times_log(&y, l, false, e);
}

/* pi * num / 4, rounded, with the sign */
static float80 pi_quarters(bool sign, int num, FloatEnv *e)
{
    Wide v = w_scale(w_mul(w_constant(FLOAT80_CONST_PI), w_int(num)), -2);

    v.sign = sign;
    return w_round(v, e);
}

float80 float80_atan(float80 a, float80 b, FloatEnv *e)
{
    Unpacked x = unpack80(a), y = unpack80(b);
    Wide wx, wy, t, angle;
    bool swap;
    float80 r;

    if (nan_result80(&x, &y, &r, e)) {
        return r;
    }
    note_denormal(&x, e);
    note_denormal(&y, e);
    if (y.cls == CLASS_ZERO) {
        /* +-0 toward a positive x (or +0), +-pi toward a negative one */
        return x.sign ? pi_quarters(y.sign, 4, e) : zero80(y.sign);
    }
    if (y.cls == CLASS_INF) {
        return pi_quarters(y.sign, x.cls != CLASS_INF ? 2 : x.sign ? 3 : 1, e);
    }
    if (x.cls == CLASS_ZERO) {
        return pi_quarters(y.sign, 2, e);
    }
    if (x.cls == CLASS_INF) {
        return x.sign ? pi_quarters(y.sign, 4, e) : zero80(y.sign);
    }
    wx = w_unpacked(&x);
    wy = w_unpacked(&y);
    wx.sign = wy.sign = false;
    swap = wy.exp > wx.exp || (wy.exp == wx.exp && wy.sig > wx.sig);
    t = swap ? w_div(wx, wy) : w_div(wy, wx);
    angle = w_atan(t);
    if (swap) {
        angle = w_sub(w_scale(w_constant(FLOAT80_CONST_PI), -1), angle);
    }
    if (x.sign) {
        angle = w_sub(w_constant(FLOAT80_CONST_PI), angle);
    }
    angle.sign = y.sign;
    return w_round(angle, e);
}

/*
 * The x87's pi, 66 bits: 0xc90fdaa22168c234 and two more bits 11.  pi / 2
 * is PI66 * 2^-65.
 */
#define PI66 ((uint128)0xc90fdaa22168c234ull << 2 | 3)

/*
 * |a| = k * pi66 / 2 + r, |r| <= pi66 / 4, exact: r's value and the
 * quadrant k mod 4.  a finite, below 2^63.
 */
static Wide reduce(const Unpacked *a, unsigned *quadrant)
{
    int shift = a->exp + 65;
    uint128 n, rem;
    uint64_t k;
    bool negative = false;

    *quadrant = 0;
    if (shift < 0) {
        /* below 1/2: nothing to take off */
        Wide w = w_unpacked(a);
        w.sign = false;
        return w;
    }
    n = (uint128)a->sig << shift;
    k = n / PI66;
    rem = n % PI66;
    if (rem > PI66 / 2) {
        rem = PI66 - rem;
        k++;
        negative = true;
    }
    *quadrant = k & 3;
    return w_norm(negative, 127 - 65, rem);
}

/* the sine (want_sin) and cosine (want_cos) of quadrant * pi/2 + r: only
   the series wanted are summed */
static void sin_cos_of(Wide r, unsigned quadrant, Wide *sin, Wide *cos,
                       bool want_sin, bool want_cos)
{
    bool odd = quadrant & 1;
    bool negate = quadrant & 2;
    Wide zero = { 0 };
    Wide s = (want_sin && !odd) || (want_cos && odd) ?
             w_sin_cos_series(r, 1) : zero;
    Wide c = (want_sin && odd) || (want_cos && !odd) ?
             w_sin_cos_series(r, 0) : zero;

    /* quadrant 1: sin = cos r, cos = -sin r; 2 and 3 negate 0 and 1 */
    *sin = odd ? c : s;
    *cos = odd ? w_neg(s) : c;
    if (negate) {
        *sin = w_neg(*sin);
        *cos = w_neg(*cos);
    }
}

typedef enum { TRIG_OUT_OF_RANGE, TRIG_SPECIAL, TRIG_VALUES } TrigResult;

/*
 * a's sine and cosine (TRIG_VALUES; a NULL one is not computed); or
 * *special, the result of a NaN,
 * infinity or zero a (TRIG_SPECIAL); or nothing for |a| >= 2^63, which
 * the x87 leaves alone.
 */
static TrigResult trig(float80 a, Wide *sin, Wide *cos, float80 *special,
                       FloatEnv *e)
{
    Unpacked x = unpack80(a);
    Wide unwanted;
    unsigned quadrant;
    Wide r;

    if (nan_result80(&x, NULL, special, e)) {
        return TRIG_SPECIAL;
    }
    if (x.cls == CLASS_INF) {
        *special = indefinite80(e);
        return TRIG_SPECIAL;
    }
    if (x.cls == CLASS_FINITE && x.exp + 63 >= 63 && !x.denormal) {
        return TRIG_OUT_OF_RANGE;
    }
    note_denormal(&x, e);
    if (x.cls == CLASS_ZERO) {
        *special = a;
        return TRIG_SPECIAL;
    }
    r = reduce(&x, &quadrant);
    if (x.sign) {
        /* sin(-a) = -sin(a): -r in the quadrant of -a */
        r.sign = !r.sign;
        quadrant = (4 - quadrant) & 3;
    }
    sin_cos_of(r, quadrant, sin ? sin : &unwanted, cos ? cos : &unwanted,
               sin != NULL, cos != NULL);
    return TRIG_VALUES;
}

/* cos(+-0) = 1, exactly */
static float80 cos_of_special(float80 special)
{
    bool zero = !(special.high & X80_EXP_ALL_ONES) && !special.low;

    return zero ? one80 : special;
}

bool float80_sincos(float80 a, float80 *sin, float80 *cos, FloatEnv *e)
{
    Wide s, c;
    float80 special = { 0, 0 };

    switch (trig(a, sin ? &s : NULL, cos ? &c : NULL, &special, e)) {
    case TRIG_OUT_OF_RANGE:
        return false;
    case TRIG_SPECIAL:
        if (sin) {
            *sin = special;
        }
        if (cos) {
            *cos = cos_of_special(special);
        }
        return true;
    default:
        if (sin) {
            *sin = w_round(s, e);
        }
        if (cos) {
            *cos = w_round(c, e);
        }
        return true;
    }
}

/*
 * A power of two below 2^-32 (its cube no longer reaches the 64-bit
 * significand): this host's FPTAN gives it back unchanged, inexact, in
 * every rounding mode, where other tiny arguments round x + x^3/3 as
 * asked (measured from 2^-39 down to the smallest normal).  The quotient
 * below can come out a hair under x there, which rounding down would turn
 * into the largest denormal.
 */
static bool tan_is_argument(float80 a)
{
    int exp = a.high & X80_EXP_ALL_ONES;

    return exp < 0x3fff - 32 && a.low == 0x8000000000000000ULL;
}

/* *one: FPTAN's push, 1 but after a NaN result (the NaN again) */
bool float80_tan(float80 a, float80 *tan, float80 *one, FloatEnv *e)
{
    Wide s, c;
    float80 special = { 0, 0 };

    switch (trig(a, &s, &c, &special, e)) {
    case TRIG_OUT_OF_RANGE:
        return false;
    case TRIG_SPECIAL:
        *tan = special;
        *one = special.high & X80_EXP_ALL_ONES ? special : one80;
        return true;
    default:
        if (tan_is_argument(a)) {
            /* a pseudo-denormal's value is the smallest normal */
            *tan = (float80) { .high = a.high | (a.high & X80_EXP_ALL_ONES ? 0 : 1),
                               .low = a.low };
            e->flags |= FLOAT_INEXACT;
        } else {
            *tan = w_round(w_div(s, c), e);
        }
        *one = one80;
        return true;
    }
}
