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
};

typedef struct FloatEnv {
    FloatRound round;
    bool daz;                    /* denormal operands read as zero */
    bool ftz;                    /* tiny results flush to zero */
    unsigned flags;              /* accumulated FLOAT_* */
} FloatEnv;

typedef uint32_t float32;
typedef uint64_t float64;

float32 float32_add(float32 a, float32 b, FloatEnv *e);
float32 float32_sub(float32 a, float32 b, FloatEnv *e);
float32 float32_mul(float32 a, float32 b, FloatEnv *e);
float32 float32_div(float32 a, float32 b, FloatEnv *e);
float32 float32_sqrt(float32 a, FloatEnv *e);
float64 float64_add(float64 a, float64 b, FloatEnv *e);
float64 float64_sub(float64 a, float64 b, FloatEnv *e);
float64 float64_mul(float64 a, float64 b, FloatEnv *e);
float64 float64_div(float64 a, float64 b, FloatEnv *e);
float64 float64_sqrt(float64 a, FloatEnv *e);
float64 float32_to_float64(float32 a, FloatEnv *e);
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

#endif
