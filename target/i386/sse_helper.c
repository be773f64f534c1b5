/*
 * sse_helper.c: the SSE2 and MMX integer helpers (packed arithmetic,
 * compares, shifts, shuffles, packs and unpacks, mask extraction, masked
 * stores, the SSE3 duplicating moves, the alignment check of 16-byte
 * operands).  They are plain portable C on register lanes (vec-lanes.h);
 * the list of them is in helper-sse.h.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "excp.h"
#include "vec-lanes.h"

LANEWISE(paddb, _b, uint8_t, a + b)
LANEWISE(paddw, _w, uint16_t, a + b)
LANEWISE(paddd, _l, uint32_t, a + b)
LANEWISE(paddq, _q, uint64_t, a + b)
LANEWISE(psubb, _b, uint8_t, a - b)
LANEWISE(psubw, _w, uint16_t, a - b)
LANEWISE(psubd, _l, uint32_t, a - b)
LANEWISE(psubq, _q, uint64_t, a - b)
LANEWISE(paddsb, _b, int8_t, clamp(a + b, INT8_MIN, INT8_MAX))
LANEWISE(paddsw, _w, int16_t, clamp(a + b, INT16_MIN, INT16_MAX))
LANEWISE(paddusb, _b, uint8_t, clamp(a + b, 0, UINT8_MAX))
LANEWISE(paddusw, _w, uint16_t, clamp(a + b, 0, UINT16_MAX))
LANEWISE(psubsb, _b, int8_t, clamp(a - b, INT8_MIN, INT8_MAX))
LANEWISE(psubsw, _w, int16_t, clamp(a - b, INT16_MIN, INT16_MAX))
LANEWISE(psubusb, _b, uint8_t, clamp(a - b, 0, UINT8_MAX))
LANEWISE(psubusw, _w, uint16_t, clamp(a - b, 0, UINT16_MAX))
LANEWISE(pcmpeqb, _b, uint8_t, a == b ? -1 : 0)
LANEWISE(pcmpeqw, _w, uint16_t, a == b ? -1 : 0)
LANEWISE(pcmpeqd, _l, uint32_t, a == b ? -1 : 0)
LANEWISE(pcmpgtb, _b, int8_t, a > b ? -1 : 0)
LANEWISE(pcmpgtw, _w, int16_t, a > b ? -1 : 0)
LANEWISE(pcmpgtd, _l, int32_t, a > b ? -1 : 0)
LANEWISE(pminub, _b, uint8_t, MIN(a, b))
LANEWISE(pmaxub, _b, uint8_t, MAX(a, b))
LANEWISE(pminsw, _w, int16_t, MIN(a, b))
LANEWISE(pmaxsw, _w, int16_t, MAX(a, b))
/* widen to 32 bits unsigned so that 0xffff * 0xffff does not overflow int */
LANEWISE(pmullw, _w, uint32_t, a * b)
LANEWISE(pmulhw, _w, int16_t, (a * b) >> 16)
LANEWISE(pmulhuw, _w, uint32_t, (a * b) >> 16)
LANEWISE(pavgb, _b, uint8_t, (a + b + 1) >> 1)
LANEWISE(pavgw, _w, uint16_t, (a + b + 1) >> 1)

/* Shifts by the 64-bit count in s; counts past the lane width saturate. */
#define SHIFT_BY_COUNT_DEF(name, Reg, lane, T, expr)                      \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    uint64_t count = s->_q[0];                                            \
    const unsigned bits = sizeof(T) * 8;                                  \
    for (int i = 0; i < LANES(d, lane); i++) {                            \
        T a = d->lane[i];                                                 \
        d->lane[i] = (expr);                                              \
    }                                                                     \
}
#define SHIFT_BY_COUNT(name, lane, T, expr) \
    BOTH_WIDTHS(SHIFT_BY_COUNT_DEF, name, lane, T, expr)

SHIFT_BY_COUNT(psllw, _w, uint16_t, count >= bits ? 0 : a << count)
SHIFT_BY_COUNT(pslld, _l, uint32_t, count >= bits ? 0 : a << count)
SHIFT_BY_COUNT(psllq, _q, uint64_t, count >= bits ? 0 : a << count)
SHIFT_BY_COUNT(psrlw, _w, uint16_t, count >= bits ? 0 : a >> count)
SHIFT_BY_COUNT(psrld, _l, uint32_t, count >= bits ? 0 : a >> count)
SHIFT_BY_COUNT(psrlq, _q, uint64_t, count >= bits ? 0 : a >> count)
SHIFT_BY_COUNT(psraw, _w, int16_t, a >> MIN(count, bits - 1))
SHIFT_BY_COUNT(psrad, _l, int32_t, a >> MIN(count, bits - 1))

/* The even doublewords, multiplied into quadwords. */
#define PMULUDQ_DEF(name, Reg)                                    \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    for (int i = 0; i < LANES(d, _q); i++) {                              \
        d->_q[i] = (uint64_t)d->_l[2 * i] * s->_l[2 * i];                 \
    }                                                                     \
}
BOTH_WIDTHS(PMULUDQ_DEF, pmuludq)

#define PMADDWD_DEF(name, Reg)                                    \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    for (int i = 0; i < LANES(d, _l); i++) {                              \
        /* -32768 * -32768 * 2 wraps to 0x80000000, as on hardware */     \
        uint32_t lo = (int16_t)d->_w[2 * i] * (int16_t)s->_w[2 * i];      \
        uint32_t hi = (int16_t)d->_w[2 * i + 1] * (int16_t)s->_w[2 * i + 1]; \
        d->_l[i] = lo + hi;                                               \
    }                                                                     \
}
BOTH_WIDTHS(PMADDWD_DEF, pmaddwd)

/* One sum of absolute differences per group of eight bytes. */
#define PSADBW_DEF(name, Reg)                                     \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    for (int q = 0; q < LANES(d, _q); q++) {                              \
        unsigned sum = 0;                                                 \
        for (int i = q * 8; i < q * 8 + 8; i++) {                         \
            sum += abs(d->_b[i] - s->_b[i]);                              \
        }                                                                 \
        d->_q[q] = sum;                                                   \
    }                                                                     \
}
BOTH_WIDTHS(PSADBW_DEF, psadbw)

/* Interleave the low (half 0) or high (half 1) lanes of d and s. */
#define UNPACK_DEF(name, Reg, lane, half)                                 \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    const int n = LANES(d, lane);                                         \
    Reg r;                                                                \
    for (int i = 0; i < n / 2; i++) {                                     \
        r.lane[2 * i] = d->lane[i + (half) * n / 2];                      \
        r.lane[2 * i + 1] = s->lane[i + (half) * n / 2];                  \
    }                                                                     \
    *d = r;                                                               \
}
#define UNPACK(name, lane, half) BOTH_WIDTHS(UNPACK_DEF, name, lane, half)

UNPACK(punpcklbw, _b, 0)
UNPACK(punpcklwd, _w, 0)
UNPACK(punpckldq, _l, 0)
UNPACK_DEF(punpcklqdq, XMMReg, _q, 0)
UNPACK(punpckhbw, _b, 1)
UNPACK(punpckhwd, _w, 1)
UNPACK(punpckhdq, _l, 1)
UNPACK_DEF(punpckhqdq, XMMReg, _q, 1)

/* Narrow d's lanes then s's lanes, each read as signed From, saturating. */
#define PACK_DEF(name, Reg, from, From, to, lo, hi)                       \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s)                       \
{                                                                         \
    const int n = LANES(d, from);                                         \
    Reg r;                                                                \
    for (int i = 0; i < n; i++) {                                         \
        r.to[i] = clamp((From)d->from[i], lo, hi);                        \
        r.to[i + n] = clamp((From)s->from[i], lo, hi);                    \
    }                                                                     \
    *d = r;                                                               \
}
#define PACK(name, from, From, to, lo, hi) \
    BOTH_WIDTHS(PACK_DEF, name, from, From, to, lo, hi)

PACK(packsswb, _w, int16_t, _b, INT8_MIN, INT8_MAX)
PACK(packuswb, _w, int16_t, _b, 0, UINT8_MAX)
PACK(packssdw, _l, int32_t, _w, INT16_MIN, INT16_MAX)

/*
 * Shuffle the four words of one 64-bit half, copy the rest: pshuflw and
 * pshufhw on xmm; on mm, whose only half is the low one, it is pshufw.
 */
#define PSHUF_HALF(name, Reg, half)                                       \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *s, uint32_t order)       \
{                                                                         \
    Reg r = *s;                                                           \
    for (int i = 0; i < 4; i++) {                                         \
        r._w[(half) * 4 + i] = s->_w[(half) * 4 + ((order >> (2 * i)) & 3)]; \
    }                                                                     \
    *d = r;                                                               \
}

PSHUF_HALF(pshuflw, XMMReg, 0)
PSHUF_HALF(pshufhw, XMMReg, 1)
PSHUF_HALF(pshufw, MMXReg, 0)

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
#define MOVEMASK(name, Reg, lane, top)                                    \
uint32_t HELPER(name)(CPUX86State *env, Reg *s)                           \
{                                                                         \
    uint32_t mask = 0;                                                    \
    for (int i = 0; i < LANES(s, lane); i++) {                            \
        mask |= (uint32_t)((s->lane[i] >> (top)) & 1) << i;               \
    }                                                                     \
    return mask;                                                          \
}

/*
 * pmovmskb, the byte case (strlen and memchr run it on every 16 bytes):
 * eight bytes at a time, each top bit moved to bit 0 of its byte and the
 * eight gathered by one multiply, whose partial products never overlap
 * (byte i's bit lands at bit 56 + i).
 */
static inline uint32_t byte_signs(uint64_t v)
{
    return ((v >> 7) & 0x0101010101010101ull) * 0x0102040810204080ull >> 56;
}

uint32_t HELPER(pmovmskb)(CPUX86State *env, XMMReg *s)
{
    return byte_signs(s->_q[0]) | byte_signs(s->_q[1]) << 8;
}

uint32_t HELPER(pmovmskb_mmx)(CPUX86State *env, MMXReg *s)
{
    return byte_signs(s->_q[0]);
}
MOVEMASK(movmskps, XMMReg, _l, 31)
MOVEMASK(movmskpd, XMMReg, _q, 63)

/*
 * maskmovdqu / maskmovq: store the bytes of d whose mask byte has its top
 * bit set; addr is DS:rDI, already truncated to the address size.  The
 * whole destination must be writable, whatever the mask (this host faults
 * on its first unwritable byte even with a zero mask), and is checked
 * before the first byte is written.
 */
#define MASKMOV(name, Reg)                                        \
void HELPER(name)(CPUX86State *env, Reg *d, Reg *mask, target_ulong addr) \
{                                                                         \
    tlb_check_range(env, addr, LANES(d, _b), PAGE_WRITE, GETPC());        \
    for (int i = 0; i < LANES(d, _b); i++) {                              \
        if (mask->_b[i] & 0x80) {                                         \
            cpu_stub_data_ra(env, addr + i, d->_b[i], GETPC());            \
        }                                                                 \
    }                                                                     \
}
BOTH_WIDTHS(MASKMOV, maskmov)

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

/* movsldup / movshdup: the even (odd) doublewords, each twice */
#define MOVE_DUP_DWORDS(name, odd)                                        \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    XMMReg r;                                                             \
    for (int i = 0; i < 4; i++) {                                         \
        r._l[i] = s->_l[(i & ~1) + (odd)];                                \
    }                                                                     \
    *d = r;                                                               \
}
MOVE_DUP_DWORDS(movsldup, 0)
MOVE_DUP_DWORDS(movshdup, 1)

void HELPER(movddup)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    uint64_t low = s->_q[0];

    d->_q[0] = d->_q[1] = low;
}

void HELPER(sse_check_alignment)(CPUX86State *env, target_ulong addr,
                                 uint32_t relaxed_by)
{
    if ((addr & 15) && !(env->mxcsr & relaxed_by)) {
        raise_exception_ra(env, EXCP0D_GPF, GETPC());
    }
}
