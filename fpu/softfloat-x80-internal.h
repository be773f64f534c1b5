/*
 * softfloat-x80-internal.h: what softfloat-x80.c lends the other files of
 * the extended format (softfloat-x80-exact.c: remainder, scale, extract,
 * constants, BCD; softfloat-x80-trans.c: the transcendentals): unpacking,
 * the x87's NaN response, and rounding and packing a result.  Internal to
 * fpu/.
 */
#ifndef FPU_SOFTFLOAT_X80_INTERNAL_H
#define FPU_SOFTFLOAT_X80_INTERNAL_H

#include "softfloat-core.h"

#define X80_BIAS 16383
#define X80_EXP_ALL_ONES 0x7fff
#define X80_INT_BIT (1ull << 63)
#define X80_QUIET_BIT (1ull << 62)
/* what an unmasked overflow or underflow takes off or adds to the
   exponent of the result it delivers */
#define X80_EXP_WRAP 24576

/* The precision and exponent range a result is rounded to. */
typedef struct Range {
    int precision;              /* significand bits */
    int emin, emax;             /* exponents of the leading bit, normal */
} Range;

/* A rounded result: sig * 2^exp, or an infinity. */
typedef struct Rounded {
    bool sign;
    bool infinity;
    int exp;
    uint64_t sig;
} Rounded;

/* the extended format's own range: 64 bits, exponents -16382..16383 */
extern const Range range80;

/* sig >> shift rounded by the mode, FLOAT_ROUNDED_UP when it went up;
   one bit more than sig >> shift when it carries */
uint128 round_shifted(uint128 sig, int shift, bool sign, FloatRound mode,
                      bool *inexact, FloatEnv *e);
/* sig * 2^exp (sig != 0) rounded to the range, with the flags; biased:
   the unmasked overflow/underflow response may apply */
Rounded round_to(const Range *r, bool sign, int exp, uint128 sig,
                 bool biased, FloatEnv *e);
/* sig * 2^exp rounded to the precision control's bits */
float80 round_pack80(bool sign, int exp, uint128 sig, FloatEnv *e);
/* a rounded or exact value, denormal below the normal range */
float80 pack80(const Rounded *r);
float80 infinity80(bool sign);
float80 zero80(bool sign);
/* the QNaN indefinite, with IE */
float80 indefinite80(FloatEnv *e);
float80 quiet80(const Unpacked *u);
/* an extended operand; denormals keep exponent emin - 63 */
Unpacked unpack80(float80 a);
/* NaN and unsupported operands (b may be NULL): true when *r is the
   result */
bool nan_result80(const Unpacked *a, const Unpacked *b, float80 *r,
                  FloatEnv *e);
/* softfloat-x80-exact.c: the constant c's first 128 bits, and the
   exponent of the first */
void float80_constant_bits(Float80Constant c, uint128 *sig, int *exp);
/* DE for a denormal operand */
void note_denormal(const Unpacked *u, FloatEnv *e);

#endif
