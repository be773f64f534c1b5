/*
 * sse_helper.c: the SSE2 integer helpers (packed arithmetic, compares,
 * shifts, shuffles, packs and unpacks, mask extraction).  They are plain
 * portable C on XMMReg lanes; the list of them is in helper-sse.h.  The
 * translator (translate-sse.c) stages a memory operand in env->xmm_t0, so
 * s may equal d: helpers that mix lanes build the result aside first.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"

static inline int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* d.lane[i] = expr(a = d.lane[i], b = s.lane[i]) with a, b of type T */
#define LANEWISE(name, lane, T, n, expr)                                  \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    for (int i = 0; i < (n); i++) {                                       \
        T a = d->lane[i], b = s->lane[i];                                 \
        d->lane[i] = (expr);                                              \
    }                                                                     \
}

LANEWISE(paddb, _b, uint8_t, 16, a + b)
LANEWISE(paddw, _w, uint16_t, 8, a + b)
LANEWISE(paddd, _l, uint32_t, 4, a + b)
LANEWISE(paddq, _q, uint64_t, 2, a + b)
LANEWISE(psubb, _b, uint8_t, 16, a - b)
LANEWISE(psubw, _w, uint16_t, 8, a - b)
LANEWISE(psubd, _l, uint32_t, 4, a - b)
LANEWISE(psubq, _q, uint64_t, 2, a - b)
LANEWISE(paddsb, _b, int8_t, 16, clamp(a + b, INT8_MIN, INT8_MAX))
LANEWISE(paddsw, _w, int16_t, 8, clamp(a + b, INT16_MIN, INT16_MAX))
LANEWISE(paddusb, _b, uint8_t, 16, clamp(a + b, 0, UINT8_MAX))
LANEWISE(paddusw, _w, uint16_t, 8, clamp(a + b, 0, UINT16_MAX))
LANEWISE(psubsb, _b, int8_t, 16, clamp(a - b, INT8_MIN, INT8_MAX))
LANEWISE(psubsw, _w, int16_t, 8, clamp(a - b, INT16_MIN, INT16_MAX))
LANEWISE(psubusb, _b, uint8_t, 16, clamp(a - b, 0, UINT8_MAX))
LANEWISE(psubusw, _w, uint16_t, 8, clamp(a - b, 0, UINT16_MAX))
LANEWISE(pcmpeqb, _b, uint8_t, 16, a == b ? -1 : 0)
LANEWISE(pcmpeqw, _w, uint16_t, 8, a == b ? -1 : 0)
LANEWISE(pcmpeqd, _l, uint32_t, 4, a == b ? -1 : 0)
LANEWISE(pcmpgtb, _b, int8_t, 16, a > b ? -1 : 0)
LANEWISE(pcmpgtw, _w, int16_t, 8, a > b ? -1 : 0)
LANEWISE(pcmpgtd, _l, int32_t, 4, a > b ? -1 : 0)
LANEWISE(pminub, _b, uint8_t, 16, MIN(a, b))
LANEWISE(pmaxub, _b, uint8_t, 16, MAX(a, b))
LANEWISE(pminsw, _w, int16_t, 8, MIN(a, b))
LANEWISE(pmaxsw, _w, int16_t, 8, MAX(a, b))
/* widen to 32 bits unsigned so that 0xffff * 0xffff does not overflow int */
LANEWISE(pmullw, _w, uint32_t, 8, a * b)
LANEWISE(pmulhw, _w, int16_t, 8, (a * b) >> 16)
LANEWISE(pmulhuw, _w, uint32_t, 8, (a * b) >> 16)
LANEWISE(pavgb, _b, uint8_t, 16, (a + b + 1) >> 1)
LANEWISE(pavgw, _w, uint16_t, 8, (a + b + 1) >> 1)

/* Shifts by the 64-bit count in s; counts past the lane width saturate. */
#define SHIFT_BY_COUNT(name, lane, T, n, expr)                            \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    uint64_t count = s->_q[0];                                            \
    const unsigned bits = sizeof(T) * 8;                                  \
    for (int i = 0; i < (n); i++) {                                       \
        T a = d->lane[i];                                                 \
        d->lane[i] = (expr);                                              \
    }                                                                     \
}

SHIFT_BY_COUNT(psllw, _w, uint16_t, 8, count >= bits ? 0 : a << count)
SHIFT_BY_COUNT(pslld, _l, uint32_t, 4, count >= bits ? 0 : a << count)
SHIFT_BY_COUNT(psllq, _q, uint64_t, 2, count >= bits ? 0 : a << count)
SHIFT_BY_COUNT(psrlw, _w, uint16_t, 8, count >= bits ? 0 : a >> count)
SHIFT_BY_COUNT(psrld, _l, uint32_t, 4, count >= bits ? 0 : a >> count)
SHIFT_BY_COUNT(psrlq, _q, uint64_t, 2, count >= bits ? 0 : a >> count)
SHIFT_BY_COUNT(psraw, _w, int16_t, 8, a >> MIN(count, bits - 1))
SHIFT_BY_COUNT(psrad, _l, int32_t, 4, a >> MIN(count, bits - 1))

void HELPER(pmuludq)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    for (int i = 0; i < 2; i++) {
        d->_q[i] = (uint64_t)d->_l[2 * i] * s->_l[2 * i];
    }
}

void HELPER(pmaddwd)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    for (int i = 0; i < 4; i++) {
        /* -32768 * -32768 * 2 wraps to 0x80000000, as on hardware */
        uint32_t lo = (int16_t)d->_w[2 * i] * (int16_t)s->_w[2 * i];
        uint32_t hi = (int16_t)d->_w[2 * i + 1] * (int16_t)s->_w[2 * i + 1];
        d->_l[i] = lo + hi;
    }
}

void HELPER(psadbw)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    for (int half = 0; half < 2; half++) {
        unsigned sum = 0;
        for (int i = half * 8; i < half * 8 + 8; i++) {
            sum += abs(d->_b[i] - s->_b[i]);
        }
        d->_q[half] = sum;
    }
}

/* Interleave the low (half 0) or high (half 1) lanes of d and s. */
#define UNPACK(name, lane, n, half)                                       \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    XMMReg r;                                                             \
    for (int i = 0; i < (n) / 2; i++) {                                   \
        r.lane[2 * i] = d->lane[i + (half) * (n) / 2];                    \
        r.lane[2 * i + 1] = s->lane[i + (half) * (n) / 2];                \
    }                                                                     \
    *d = r;                                                               \
}

UNPACK(punpcklbw, _b, 16, 0)
UNPACK(punpcklwd, _w, 8, 0)
UNPACK(punpckldq, _l, 4, 0)
UNPACK(punpcklqdq, _q, 2, 0)
UNPACK(punpckhbw, _b, 16, 1)
UNPACK(punpckhwd, _w, 8, 1)
UNPACK(punpckhdq, _l, 4, 1)
UNPACK(punpckhqdq, _q, 2, 1)

/* Narrow d's lanes then s's lanes, each read as signed From, saturating. */
#define PACK(name, from, From, to, n, lo, hi)                             \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    XMMReg r;                                                             \
    for (int i = 0; i < (n); i++) {                                       \
        r.to[i] = clamp((From)d->from[i], lo, hi);                        \
        r.to[i + (n)] = clamp((From)s->from[i], lo, hi);                  \
    }                                                                     \
    *d = r;                                                               \
}

PACK(packsswb, _w, int16_t, _b, 8, INT8_MIN, INT8_MAX)
PACK(packuswb, _w, int16_t, _b, 8, 0, UINT8_MAX)
PACK(packssdw, _l, int32_t, _w, 4, INT16_MIN, INT16_MAX)

void HELPER(pshufd)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t order)
{
    XMMReg r;
    for (int i = 0; i < 4; i++) {
        r._l[i] = s->_l[(order >> (2 * i)) & 3];
    }
    *d = r;
}

/* pshuflw/pshufhw: shuffle the words of one half, copy the other half. */
#define PSHUF_HALF(name, half)                                            \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t order) \
{                                                                         \
    XMMReg r = *s;                                                        \
    for (int i = 0; i < 4; i++) {                                         \
        r._w[(half) * 4 + i] = s->_w[(half) * 4 + ((order >> (2 * i)) & 3)]; \
    }                                                                     \
    *d = r;                                                               \
}

PSHUF_HALF(pshuflw, 0)
PSHUF_HALF(pshufhw, 1)

void HELPER(shufps)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t order)
{
    XMMReg r;
    r._l[0] = d->_l[order & 3];
    r._l[1] = d->_l[(order >> 2) & 3];
    r._l[2] = s->_l[(order >> 4) & 3];
    r._l[3] = s->_l[(order >> 6) & 3];
    *d = r;
}

void HELPER(shufpd)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t order)
{
    XMMReg r;
    r._q[0] = d->_q[order & 1];
    r._q[1] = s->_q[(order >> 1) & 1];
    *d = r;
}

/* Collect the top bit of each lane of s into the low bits of a GPR. */
#define MOVEMASK(name, lane, n, top)                                      \
uint32_t HELPER(name)(CPUX86State *env, XMMReg *s)                        \
{                                                                         \
    uint32_t mask = 0;                                                    \
    for (int i = 0; i < (n); i++) {                                       \
        mask |= (uint32_t)((s->lane[i] >> (top)) & 1) << i;               \
    }                                                                     \
    return mask;                                                          \
}

MOVEMASK(pmovmskb, _b, 16, 7)
MOVEMASK(movmskps, _l, 4, 31)
MOVEMASK(movmskpd, _q, 2, 63)

void HELPER(pslldq)(CPUX86State *env, XMMReg *d, uint32_t count)
{
    XMMReg r = { ._q = { 0, 0 } };
    for (int i = count; i < 16; i++) {
        r._b[i] = d->_b[i - count];
    }
    *d = r;
}

void HELPER(psrldq)(CPUX86State *env, XMMReg *d, uint32_t count)
{
    XMMReg r = { ._q = { 0, 0 } };
    for (int i = 0; i + count < 16; i++) {
        r._b[i] = d->_b[i + count];
    }
    *d = r;
}
