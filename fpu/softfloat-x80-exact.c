/*
 * softfloat-x80-exact.c: the x87 operations besides the arithmetic whose
 * results Intel defines exactly (softfloat.h): FPREM and FPREM1, FSCALE,
 * FXTRACT, the constants of D9 E8..EE and the packed BCD conversions of
 * FBLD/FBSTP.  They reuse softfloat-x80.c's unpacking, NaN response and
 * rounding (softfloat-x80-internal.h).
 */
#include "qemu/osdep.h"
#include "fpu/softfloat.h"
#include "softfloat-x80-internal.h"

/* A finite operand with its integer bit at 63 (denormals shifted up). */
static void normalize(Unpacked *u)
{
    int shift = __builtin_clzll(u->sig);

    u->sig <<= shift;
    u->exp -= shift;
}

/*
 * An exact sig * 2^exp (sig < 2^64).  A value of the denormal range may
 * come with its exponent below the last denormal place; its low bits are
 * then zero.
 */
static float80 pack_exact(bool sign, int exp, uint64_t sig)
{
    int lowest = range80.emin - 63;
    Rounded r = { .sign = sign, .exp = exp, .sig = sig };

    if (exp < lowest) {
        r.sig >>= lowest - exp;
        r.exp = lowest;
    }
    return pack80(&r);
}

float80 float80_remainder(float80 a, float80 b, bool nearest,
                          unsigned *quotient, bool *partial, FloatEnv *e)
{
    Unpacked x = unpack80(a), y = unpack80(b);
    uint128 dividend, divisor, q, rem;
    int d, shift, exp;
    bool sign = x.sign;
    float80 r;

    *quotient = FLOAT80_NO_QUOTIENT;
    *partial = false;
    if (nan_result80(&x, &y, &r, e)) {
        return r;
    }
    if (x.cls == CLASS_INF || y.cls == CLASS_ZERO) {
        return indefinite80(e);
    }
    *quotient = 0;
    note_denormal(&x, e);
    note_denormal(&y, e);
    if (x.cls == CLASS_ZERO) {
        return a;
    }
    normalize(&x);
    normalize(&y);
    d = y.cls == CLASS_INF ? INT_MIN : x.exp - y.exp;
    if (d < -1) {
        /* |a| < |b| / 2: the quotient is 0 either way */
        return pack_exact(x.sign, x.exp, x.sig);
    }
    shift = d;
    if (d >= 64) {
        shift = 32 + d % 32;
        *partial = true;
    }
    if (shift >= 0) {
        dividend = (uint128)x.sig << shift;
        divisor = y.sig;
        exp = x.exp - shift;
    } else {
        dividend = x.sig;
        divisor = (uint128)y.sig << 1;
        exp = x.exp;
    }
    q = dividend / divisor;
    rem = dividend % divisor;
    if (nearest && !*partial &&
        (2 * rem > divisor || (2 * rem == divisor && (q & 1)))) {
        q++;
        rem = divisor - rem;
        sign = !sign;
    }
    /* a partial reduction leaves the quotient bits clear */
    *quotient = *partial ? 0 : q & 7;
    if (!rem) {
        return zero80(x.sign);
    }
    return pack_exact(sign, exp, rem);
}

/* trunc(b) for b finite; beyond +-2^17 any scale leaves the range */
static int scale_count(const Unpacked *b)
{
    int n;

    if (b->cls == CLASS_ZERO || b->exp <= -64) {
        return 0;
    }
    n = b->exp >= 17 - 63 ? 1 << 17 : (int)(b->sig >> -b->exp);
    return b->sign ? -n : n;
}

float80 float80_scale(float80 a, float80 b, FloatEnv *e)
{
    Unpacked x = unpack80(a), y = unpack80(b);
    Rounded out;
    float80 r;

    if (nan_result80(&x, &y, &r, e)) {
        return r;
    }
    note_denormal(&x, e);
    note_denormal(&y, e);
    if (y.cls == CLASS_INF) {
        /* 0 * 2^+inf and inf * 2^-inf have no value */
        if (x.cls == (y.sign ? CLASS_INF : CLASS_ZERO)) {
            return indefinite80(e);
        }
        if (x.cls == CLASS_FINITE) {
            return y.sign ? zero80(x.sign) : infinity80(x.sign);
        }
        return a;
    }
    if (x.cls != CLASS_FINITE) {
        return a;
    }
    /* precision control does not apply */
    out = round_to(&range80, x.sign, x.exp + scale_count(&y), x.sig, true, e);
    return pack80(&out);
}

float80 float80_extract(float80 a, float80 *exponent, FloatEnv *e)
{
    Unpacked x = unpack80(a);
    Rounded exp;
    float80 r;

    if (nan_result80(&x, NULL, &r, e)) {
        *exponent = r;
        return r;
    }
    if (x.cls == CLASS_ZERO) {
        e->flags |= FLOAT_DIVBYZERO;
        *exponent = infinity80(true);
        return a;
    }
    if (x.cls == CLASS_INF) {
        *exponent = infinity80(false);
        return a;
    }
    note_denormal(&x, e);
    normalize(&x);
    exp = (Rounded){ .sign = x.exp + 63 < 0, .sig = abs(x.exp + 63) };
    *exponent = pack80(&exp);
    return (float80){ x.sig, x.sign << 15 | X80_BIAS };
}

/* Each constant's first 128 bits, and its exponent (an empty entry is
   zero). */
static const struct {
    uint64_t high, low;
    int exp;
} constants[] = {
    [FLOAT80_CONST_ONE] = { X80_INT_BIT, 0, 0 },
    [FLOAT80_CONST_L2T] = { 0xd49a784bcd1b8afeull, 0x492bf6ff4dafdb4cull, 1 },
    [FLOAT80_CONST_L2E] = { 0xb8aa3b295c17f0bbull, 0xbe87fed0691d3e88ull, 0 },
    [FLOAT80_CONST_PI] = { 0xc90fdaa22168c234ull, 0xc4c6628b80dc1cd1ull, 1 },
    [FLOAT80_CONST_LG2] = { 0x9a209a84fbcff798ull, 0x8f8959ac0b7c9178ull, -2 },
    [FLOAT80_CONST_LN2] = { 0xb17217f7d1cf79abull, 0xc9e3b39803f2f6afull, -1 },
    [FLOAT80_CONST_ZERO] = { 0, 0, 0 },
};

void float80_constant_bits(Float80Constant c, uint128 *sig, int *exp)
{
    *sig = (uint128)constants[c].high << 64 | constants[c].low;
    *exp = constants[c].exp;
}

/*
 * The x87 rounds a 66-bit constant; none of these has its 65th and 66th
 * bits both zero, so that rounds as the exact value does.  No flag, and
 * C1 stays clear even when it rounds up (as measured).
 */
float80 float80_constant(Float80Constant c, FloatEnv *e)
{
    uint128 value = (uint128)constants[c].high << 64 | constants[c].low;
    Rounded r = { .exp = constants[c].exp - 63 };
    FloatEnv scratch = { .round = e->round };
    bool inexact;

    if (!value) {
        return zero80(false);
    }
    value = round_shifted(value, 64, false, e->round, &inexact, &scratch);
    if (value >> 64) {
        value >>= 1;
        r.exp++;
    }
    r.sig = value;
    return pack80(&r);
}

#define BCD_DIGITS 18

/* 18 digits in 72 bits: 16 in low, 2 in the low byte of high */
float80 float80_from_bcd(float80 bcd)
{
    uint128 digits = (uint128)(bcd.high & 0xff) << 64 | bcd.low;
    Rounded r = { .sign = bcd.high >> 15 };

    for (int i = BCD_DIGITS - 1; i >= 0; i--) {
        r.sig = r.sig * 10 + (uint64_t)((digits >> (4 * i)) & 15);
    }
    return r.sig ? pack80(&r) : zero80(r.sign);
}

float80 float80_to_bcd(float80 a, FloatEnv *e)
{
    static const float80 bcd_indefinite = { 0xc000000000000000ull, 0xffff };
    const uint64_t largest = 999999999999999999ull;
    Unpacked x = unpack80(a);
    uint128 digits = 0;
    uint64_t magnitude;
    bool inexact;

    if (x.cls == CLASS_ZERO) {
        return zero80(x.sign);
    }
    if (x.cls != CLASS_FINITE || x.exp > 0) {
        e->flags |= FLOAT_INVALID;
        return bcd_indefinite;
    }
    /* a denormal operand raises no DE here (as measured) */
    magnitude = round_shifted(x.sig, -x.exp, x.sign, e->round, &inexact, e);
    if (magnitude > largest) {
        e->flags = (e->flags & ~FLOAT_ROUNDED_UP) | FLOAT_INVALID;
        return bcd_indefinite;
    }
    if (inexact) {
        e->flags |= FLOAT_INEXACT;
    }
    for (int i = 0; i < BCD_DIGITS; i++) {
        digits |= (uint128)(magnitude % 10) << (4 * i);
        magnitude /= 10;
    }
    return (float80){ (uint64_t)digits, x.sign << 15 | (uint16_t)(digits >> 64) };
}
