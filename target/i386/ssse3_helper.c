/*
 * ssse3_helper.c: the SSSE3 helpers (pshufb, horizontal add/subtract,
 * pmaddubsw, pmulhrsw, psign, pabs), each for xmm and mm registers
 * (vec-lanes.h), in portable C.  The list is in helper-sse4.h.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "vec-lanes.h"

/* Byte i of the result: byte s[i] & (n - 1) of d, or 0 when s[i] < 0. */
#define PSHUFB_DEF(name, Reg)                                             \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    const int n = LANES(d, _b);                                           \
    Reg r;                                                                \
    for (int i = 0; i < n; i++) {                                         \
        r._b[i] = s->_b[i] & 0x80 ? 0 : d->_b[s->_b[i] & (n - 1)];        \
    }                                                                     \
    *d = r;                                                               \
}
BOTH_WIDTHS(PSHUFB_DEF, pshufb)

/*
 * Horizontal ops: the low half of the result combines adjacent pairs of
 * d, the high half adjacent pairs of s; each pair as expr(a = even lane,
 * b = odd lane) of type T.
 */
#define HORIZONTAL_DEF(name, Reg, lane, T, expr)                          \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    const int half = LANES(d, lane) / 2;                                  \
    Reg r;                                                                \
    for (int i = 0; i < half; i++) {                                      \
        T a = d->lane[2 * i], b = d->lane[2 * i + 1];                     \
        r.lane[i] = (expr);                                               \
        a = s->lane[2 * i];                                               \
        b = s->lane[2 * i + 1];                                           \
        r.lane[half + i] = (expr);                                        \
    }                                                                     \
    *d = r;                                                               \
}
#define HORIZONTAL(name, lane, T, expr) \
    BOTH_WIDTHS(HORIZONTAL_DEF, name, lane, T, expr)

HORIZONTAL(phaddw, _w, uint16_t, a + b)
HORIZONTAL(phaddd, _l, uint32_t, a + b)
HORIZONTAL(phaddsw, _w, int16_t, clamp(a + b, INT16_MIN, INT16_MAX))
HORIZONTAL(phsubw, _w, uint16_t, a - b)
HORIZONTAL(phsubd, _l, uint32_t, a - b)
HORIZONTAL(phsubsw, _w, int16_t, clamp(a - b, INT16_MIN, INT16_MAX))

/* Unsigned bytes of d times signed bytes of s, pairs summed, saturated. */
#define PMADDUBSW_DEF(name, Reg)                                          \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    Reg r;                                                                \
    for (int i = 0; i < LANES(d, _w); i++) {                              \
        int sum = d->_b[2 * i] * (int8_t)s->_b[2 * i] +                   \
                  d->_b[2 * i + 1] * (int8_t)s->_b[2 * i + 1];            \
        r._w[i] = clamp(sum, INT16_MIN, INT16_MAX);                       \
    }                                                                     \
    *d = r;                                                               \
}
BOTH_WIDTHS(PMADDUBSW_DEF, pmaddubsw)

/* The high half of the doubled product, rounded: bits 30..15 plus bit 14. */
LANEWISE(pmulhrsw, _w, int16_t, (((int32_t)a * b >> 14) + 1) >> 1)

/* d negated, zeroed or kept as s is negative, zero or positive */
LANEWISE(psignb, _b, int8_t, b < 0 ? (uint8_t)-a : b ? a : 0)
LANEWISE(psignw, _w, int16_t, b < 0 ? (uint16_t)-a : b ? a : 0)
LANEWISE(psignd, _l, int32_t, b < 0 ? -(uint32_t)a : b ? a : 0)

/* |s| as an unsigned lane (|-128| = 0x80) */
LANEWISE(pabsb, _b, int8_t, b < 0 ? (uint8_t)-b : b)
LANEWISE(pabsw, _w, int16_t, b < 0 ? (uint16_t)-b : b)
LANEWISE(pabsd, _l, int32_t, b < 0 ? -(uint32_t)b : b)
