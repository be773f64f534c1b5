/*
 * sse-approx.c: SSE's approximate reciprocal and reciprocal square root
 * (RCPSS/RCPPS, RSQRTSS/RSQRTPS) as the project's reference host, an AMD
 * Zen, computes them.  Their bits are not architectural (only a relative
 * error of at most 1.5 * 2^-12 is), so they come from tables measured on
 * that host by tests/unit/gen-sse-approx.c: the result's 12 significand
 * bits as a function of the top 12 bits of the input's (and, for rsqrt,
 * of the exponent's parity).  The rest was measured too and is checked
 * against the host by tests/unit/test-sse-fpu.c: no flag is ever raised
 * (not even IE for a signaling NaN), MXCSR's rounding, DAZ and FTZ change
 * nothing, a denormal input counts as a zero of its sign, and a reciprocal
 * below the smallest normal is a zero of its sign.
 */
#include "softfloat.h"

#include "sse-approx-tables.c.inc"

#define SIGN 0x80000000u
#define EXPONENT 0x7f800000u
#define FRACTION 0x007fffffu
#define QUIET_BIT 0x00400000u
#define DEFAULT_NAN 0xffc00000u
#define BIAS 127
/* the table's index: the top 12 fraction bits */
#define TABLE_SHIFT 11
/* a table entry's exponent (the results lie in [0.5, 1)) */
#define TABLE_EXPONENT (BIAS - 1)

/* What the two share: NaN quieted, a zero or denormal gives infinity. */
static bool approx_special(float32 a, float32 *r)
{
    uint32_t exponent = a & EXPONENT;

    if (exponent == EXPONENT && (a & FRACTION)) {
        *r = a | QUIET_BIT;
        return true;
    }
    if (exponent == 0) {
        *r = (a & SIGN) | EXPONENT;
        return true;
    }
    return false;
}

float32 float32_rcp_approx(float32 a, FloatEnv *e)
{
    int exponent = (a & EXPONENT) >> 23;
    int result_exponent = TABLE_EXPONENT - (exponent - BIAS);
    float32 r;

    if (approx_special(a, &r)) {
        return r;
    }
    if (exponent == 0xff || result_exponent <= 0) {
        return a & SIGN;
    }
    return (a & SIGN) | (uint32_t)result_exponent << 23 |
           (uint32_t)sse_rcp_table[0][(a & FRACTION) >> TABLE_SHIFT]
               << TABLE_SHIFT;
}

float32 float32_rsqrt_approx(float32 a, FloatEnv *e)
{
    int unbiased = (int)((a & EXPONENT) >> 23) - BIAS;
    int odd = unbiased & 1;
    float32 r;

    if (approx_special(a, &r)) {
        return r;
    }
    if (a & SIGN) {
        return DEFAULT_NAN;
    }
    if ((a & EXPONENT) == EXPONENT) {
        return 0;
    }
    /* a = (1.m * 2^odd) * 2^(unbiased - odd), an even power */
    return (uint32_t)(TABLE_EXPONENT - (unbiased - odd) / 2) << 23 |
           (uint32_t)sse_rsqrt_table[odd][(a & FRACTION) >> TABLE_SHIFT]
               << TABLE_SHIFT;
}
