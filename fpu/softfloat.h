/*
 * softfloat.h: IEEE 754 single and double precision arithmetic in portable
 * C, with the x86 SSE conventions: the four MXCSR rounding modes,
 * exception flags in MXCSR's layout, DAZ and FTZ, tininess detected after
 * rounding, and x86's NaN rules (the first NaN operand wins, quieted;
 * invalid operations without a NaN operand give the negative default QNaN).
 * Values are their IEEE bit patterns.  It is the start of the soft-float
 * that is to replace the host FPU in target/i386's helpers on hosts that
 * are not x86 (docs/devel/fpu-sse.md); tests/unit/test-softfloat.c checks
 * it against this host's SSE unit.
 */
#ifndef FPU_SOFTFLOAT_H
#define FPU_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

/* MXCSR.RC order */
typedef enum {
    FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_DOWN, FLOAT_ROUND_UP,
    FLOAT_ROUND_TO_ZERO,
} FloatRound;

/* Flags, in MXCSR's layout. */
enum {
    FLOAT_INVALID = 0x01,
    FLOAT_DENORMAL = 0x02,       /* a denormal operand (not with DAZ) */
    FLOAT_DIVBYZERO = 0x04,
    FLOAT_OVERFLOW = 0x08,
    FLOAT_UNDERFLOW = 0x10,      /* tiny and inexact, or tiny under FTZ */
    FLOAT_INEXACT = 0x20,
    /* not an MXCSR flag: the result would be inexact even with an
       unbounded exponent (what unmasked overflow/underflow report as PE) */
    FLOAT_INEXACT_UNBOUNDED = 0x100,
    /* not an MXCSR flag: the result is tiny, exact or not (what an
       unmasked underflow traps on) */
    FLOAT_TINY = 0x200,
    /* not an MXCSR flag: the result was rounded up in magnitude (the
       x87's C1; extended-precision operations only) */
    FLOAT_ROUNDED_UP = 0x400,
};

typedef struct FloatEnv {
    FloatRound round;
    bool daz;                    /* denormal operands read as zero */
    bool ftz;                    /* tiny results flush to zero */
    unsigned flags;              /* accumulated FLOAT_* */
    /* extended precision only (the x87): */
    int precision;               /* precision control: 24, 53, 64 (0: 64) */
    bool biased_overflow;        /* OE unmasked: results keep their */
    bool biased_underflow;       /* bits, exponent -/+ 24576 */
} FloatEnv;

typedef uint32_t float32;
typedef uint64_t float64;

float32 float32_add(float32 a, float32 b, FloatEnv *e);
float32 float32_sub(float32 a, float32 b, FloatEnv *e);
float32 float32_mul(float32 a, float32 b, FloatEnv *e);
float32 float32_div(float32 a, float32 b, FloatEnv *e);
float32 float32_sqrt(float32 a, FloatEnv *e);
/* SSE's rcp and rsqrt with the bits of this project's reference host (an
   AMD Zen; sse-approx.c): they raise no flag and ignore e's settings. */
float32 float32_rcp_approx(float32 a, FloatEnv *e);
float32 float32_rsqrt_approx(float32 a, FloatEnv *e);
float64 float64_add(float64 a, float64 b, FloatEnv *e);
float64 float64_sub(float64 a, float64 b, FloatEnv *e);
float64 float64_mul(float64 a, float64 b, FloatEnv *e);
float64 float64_div(float64 a, float64 b, FloatEnv *e);
float64 float64_sqrt(float64 a, FloatEnv *e);
float64 float32_to_float64(float32 a, FloatEnv *e);
/* ROUNDSS/ROUNDSD: to an integral value by mode (the instruction's own or
   MXCSR's); quiet_inexact: no inexact flag (imm8 bit 3) */
float32 float32_round_to_int(float32 a, FloatRound mode, bool quiet_inexact,
                             FloatEnv *e);
float64 float64_round_to_int(float64 a, FloatRound mode, bool quiet_inexact,
                             FloatEnv *e);
float32 float64_to_float32(float64 a, FloatEnv *e);

/* MINSS/MAXSS: b when either is a NaN (IE, even for a quiet one) or both
   are zeros, else the smaller/larger. */
float32 float32_min(float32 a, float32 b, FloatEnv *e);
float32 float32_max(float32 a, float32 b, FloatEnv *e);
float64 float64_min(float64 a, float64 b, FloatEnv *e);
float64 float64_max(float64 a, float64 b, FloatEnv *e);

typedef enum {
    FLOAT_LESS, FLOAT_EQUAL, FLOAT_GREATER, FLOAT_UNORDERED,
} FloatRelation;

/* a against b; IE for a signaling NaN, or any NaN when signaling (COMISS;
   UCOMISS is the quiet one). */
FloatRelation float32_compare(float32 a, float32 b, bool signaling,
                              FloatEnv *e);
FloatRelation float64_compare(float64 a, float64 b, bool signaling,
                              FloatEnv *e);
/* CMPSS's predicate imm8 & 7 (eq lt le unord neq nlt nle ord) on a, b */
bool float32_cmp(float32 a, float32 b, int predicate, FloatEnv *e);
bool float64_cmp(float64 a, float64 b, int predicate, FloatEnv *e);

/* To integers, rounded by the mode or (truncate) toward zero; NaN and out
   of range give the integer indefinite (the most negative value), IE. */
int32_t float32_to_int32(float32 a, bool truncate, FloatEnv *e);
int64_t float32_to_int64(float32 a, bool truncate, FloatEnv *e);
int32_t float64_to_int32(float64 a, bool truncate, FloatEnv *e);
int64_t float64_to_int64(float64 a, bool truncate, FloatEnv *e);
float32 int64_to_float32(int64_t v, FloatEnv *e);
float64 int64_to_float64(int64_t v, FloatEnv *e);


/*
 * The x87's 80-bit extended format: sign and 15-bit exponent in high, a
 * 64-bit significand with an explicit integer bit in low (the layout of
 * target/i386's floatx80).  Arithmetic rounds to FloatEnv.precision bits
 * with the extended exponent range, as the x87's precision control does;
 * NaN rules are the x87's (of two NaNs of the same kind the one with the
 * larger significand wins, a quiet one over a signaling one; invalid
 * operations give the negative QNaN indefinite); unnormals,
 * pseudo-NaNs and pseudo-infinities are invalid operands; pseudo-denormals
 * are read as denormals.  FLOAT_ROUNDED_UP is the x87's C1.
 * softfloat-x80.c.
 */
typedef struct float80 {
    uint64_t low;
    uint16_t high;
} float80;

/* How an x87 instruction reads an operand: the memory formats, in the
   order of target/i386's X87_FMT_* (0..3 as D8..DF encode them).  The
   value's bits are in float80.low, but for FLOAT80_SRC_F80. */
typedef enum {
    FLOAT80_SRC_F32, FLOAT80_SRC_I32, FLOAT80_SRC_F64, FLOAT80_SRC_I16,
    FLOAT80_SRC_F80, FLOAT80_SRC_I64,
} Float80Source;

typedef enum { FLOAT80_ADD, FLOAT80_SUB, FLOAT80_MUL, FLOAT80_DIV } Float80Op;

/* a op b, b read as src says (FADD m32fp, FIMUL m16int, ...); reversed:
   b op a (FSUBR, FDIVR). */
float80 float80_arith(Float80Op op, float80 a, float80 b, Float80Source src,
                      bool reversed, FloatEnv *e);
float80 float80_sqrt(float80 a, FloatEnv *e);
/* FRNDINT: to an integral value by the rounding mode */
float80 float80_round_to_int(float80 a, FloatEnv *e);
/* FLD / FILD: exact; IE for a signaling NaN (quieted), DE for a
   denormal.  An 80-bit operand is loaded as it is. */
float80 float80_load(float80 v, Float80Source src, FloatEnv *e);
/* FST m32fp / m64fp: rounded to the format by the mode (precision control
   does not apply) */
float32 float80_to_float32(float80 a, FloatEnv *e);
float64 float80_to_float64(float80 a, FloatEnv *e);
/* FIST (or, truncating, FISTTP) to `width` bits: 16, 32, 64; NaN and out
   of range give the integer indefinite (the most negative value), IE. */
uint64_t float80_to_int(float80 a, int width, bool truncate, FloatEnv *e);
/* FCOM (quiet: FUCOM, where only a signaling NaN is invalid), FICOM,
   FTST: a against b read as src says */
FloatRelation float80_compare(float80 a, float80 b, Float80Source src,
                              bool quiet, FloatEnv *e);

/*
 * The x87's other exact operations (softfloat-x80-exact.c).
 * FPREM (nearest false: the quotient truncated) and FPREM1 (nearest: to
 * the nearest, even on a tie): a's remainder by b.  Where the exponents
 * are 64 or more apart the reduction is partial (*partial, the x87's C2):
 * by b * 2^(d - N), N = 32 + d % 32.  *quotient: the quotient's last
 * three bits (the x87's C0 C3 C1), 0 when partial, FLOAT80_NO_QUOTIENT
 * for a NaN result.
 */
#define FLOAT80_NO_QUOTIENT 8u
float80 float80_remainder(float80 a, float80 b, bool nearest,
                          unsigned *quotient, bool *partial, FloatEnv *e);
/* FSCALE: a * 2^trunc(b), rounded to the precision control */
float80 float80_scale(float80 a, float80 b, FloatEnv *e);
/* FXTRACT: a's significand (exponent 0); *exponent its unbiased exponent */
float80 float80_extract(float80 a, float80 *exponent, FloatEnv *e);

/* FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ: D9 E8..EE's order */
typedef enum {
    FLOAT80_CONST_ONE, FLOAT80_CONST_L2T, FLOAT80_CONST_L2E, FLOAT80_CONST_PI,
    FLOAT80_CONST_LG2, FLOAT80_CONST_LN2, FLOAT80_CONST_ZERO,
} Float80Constant;
/* the constant as the x87 loads it: its 66-bit internal value rounded to
   64 bits by the rounding mode, no flag */
float80 float80_constant(Float80Constant c, FloatEnv *e);

/* Packed BCD in the 80-bit layout: 18 digits, 16 in low and 2 in bits
   0..7 of high, the sign in bit 15 of high.  FBLD: exact, each nibble taken at its value (A..F too);
   FBSTP: rounded to an integer by the mode, IE and the BCD indefinite
   (high 0xffff, low 0xc000000000000000) when it has more than 18 digits
   or is no number. */
float80 float80_from_bcd(float80 bcd);
float80 float80_to_bcd(float80 a, FloatEnv *e);

/*
 * The transcendental instructions (softfloat-x80-trans.c), computed with
 * about 120 bits and rounded to 64 by the rounding mode (precision control
 * does not apply): within one unit in the last place of the x87's own
 * results, which are not correctly rounded either.  NaN, infinity, zero
 * and denormal operands, and the invalid and divide-by-zero cases, are the
 * x87's.
 */
/* F2XM1: 2^a - 1 (the x87 defines it for -1 <= a <= 1) */
float80 float80_f2xm1(float80 a, FloatEnv *e);
/* FYL2X: y * log2(x); FYL2XP1: y * log2(x + 1) */
float80 float80_yl2x(float80 x, float80 y, FloatEnv *e);
float80 float80_yl2xp1(float80 x, float80 y, FloatEnv *e);
/* FPATAN: the angle of (x, y), atan(y / x) in the quadrant of x, y */
float80 float80_atan(float80 x, float80 y, FloatEnv *e);
/* FSIN, FCOS, FSINCOS (either result pointer may be NULL) and FPTAN
   (*one: the 1 it pushes, or the NaN): false, and nothing computed, for
   |a| >= 2^63, which the x87 leaves alone (its C2). */
bool float80_sincos(float80 a, float80 *sin, float80 *cos, FloatEnv *e);
bool float80_tan(float80 a, float80 *tan, float80 *one, FloatEnv *e);

#endif
