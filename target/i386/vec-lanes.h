/*
 * vec-lanes.h: the building blocks of the integer vector helpers
 * (sse_helper.c, ssse3_helper.c, sse41_helper.c).  An operation that exists
 * for mm and xmm registers is written once over a register type Reg and
 * instantiated for both by BOTH_WIDTHS: NAME on XMMReg, NAME_mmx on MMXReg.
 * Lane counts come from the lane arrays, which MMXReg and XMMReg name
 * alike.  The translator stages a memory operand in env->xmm_t0, so s may
 * equal d: helpers that mix lanes build the result aside first.
 */
#ifndef I386_VEC_LANES_H
#define I386_VEC_LANES_H

#include "cpu.h"

static inline int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* DEFINE(helper name, register type, args...) for xmm, then for mm */
#define BOTH_WIDTHS(DEFINE, name, ...)                                    \
    DEFINE(name, XMMReg, ##__VA_ARGS__)                                   \
    DEFINE(name##_mmx, MMXReg, ##__VA_ARGS__)

#define LANES(r, lane) ((int)ARRAY_SIZE((r)->lane))

/* d.lane[i] = expr(a = d.lane[i], b = s.lane[i]) with a, b of type T
   (unary ops such as pabs use b alone).  The operands are read into
   locals first: with d and s possibly the same register, the compiler
   could not otherwise make the loop one host vector operation. */
#define LANEWISE_DEF(name, Reg, lane, T, expr)                            \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    Reg x = *d, y = *s;                                                   \
    for (int i = 0; i < LANES(d, lane); i++) {                            \
        T a __attribute__((unused)) = x.lane[i], b = y.lane[i];           \
        d->lane[i] = (expr);                                              \
    }                                                                     \
}
#define LANEWISE(name, lane, T, expr) \
    BOTH_WIDTHS(LANEWISE_DEF, name, lane, T, expr)

#endif
