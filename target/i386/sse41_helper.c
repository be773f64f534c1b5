/*
 * sse41_helper.c: the SSE4.1 integer helpers (blends, min/max, sign and
 * zero extension, multiplies, mpsadbw, phminposuw, ptest, insertps) and
 * SSE4.2's pcmpgtq, in portable C on register lanes (vec-lanes.h).  The
 * variable blends read their selector from xmm0, as the instructions do.
 * The list is in helper-sse4.h.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "vec-lanes.h"

/* xmm: the 128-bit instantiation of LANEWISE */
#define LANEWISE_XMM(name, lane, T, expr) \
    LANEWISE_DEF(name, XMMReg, lane, T, expr)

LANEWISE_XMM(pcmpeqq, _q, uint64_t, a == b ? -1 : 0)
LANEWISE_XMM(pcmpgtq, _q, int64_t, a > b ? -1 : 0)
LANEWISE_XMM(pminsb, _b, int8_t, MIN(a, b))
LANEWISE_XMM(pmaxsb, _b, int8_t, MAX(a, b))
LANEWISE_XMM(pminuw, _w, uint16_t, MIN(a, b))
LANEWISE_XMM(pmaxuw, _w, uint16_t, MAX(a, b))
LANEWISE_XMM(pminsd, _l, int32_t, MIN(a, b))
LANEWISE_XMM(pmaxsd, _l, int32_t, MAX(a, b))
LANEWISE_XMM(pminud, _l, uint32_t, MIN(a, b))
LANEWISE_XMM(pmaxud, _l, uint32_t, MAX(a, b))
LANEWISE_XMM(pmulld, _l, uint32_t, a * b)

/* The even doublewords, signed, multiplied into quadwords. */
void HELPER(pmuldq)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    for (int i = 0; i < 2; i++) {
        d->_q[i] = (int64_t)(int32_t)d->_l[2 * i] * (int32_t)s->_l[2 * i];
    }
}

void HELPER(packusdw)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    XMMReg r;
    for (int i = 0; i < 4; i++) {
        r._w[i] = clamp((int32_t)d->_l[i], 0, UINT16_MAX);
        r._w[i + 4] = clamp((int32_t)s->_l[i], 0, UINT16_MAX);
    }
    *d = r;
}

/*
 * pmovsx / pmovzx: the low lanes of s, widened from type From to lane
 * to of d (s may hold only the bytes a memory operand supplied).
 */
#define PMOVX(name, From, to)                                             \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    From in[16 / sizeof(d->to[0])];                                       \
    memcpy(in, s, sizeof(in));                                            \
    for (int i = 0; i < LANES(d, to); i++) {                              \
        d->to[i] = in[i];                                                 \
    }                                                                     \
}
#define PMOVX_BOTH(sx, zx, bits, to)                                      \
    PMOVX(sx, int##bits##_t, to) PMOVX(zx, uint##bits##_t, to)

PMOVX_BOTH(pmovsxbw, pmovzxbw, 8, _w)
PMOVX_BOTH(pmovsxbd, pmovzxbd, 8, _l)
PMOVX_BOTH(pmovsxbq, pmovzxbq, 8, _q)
PMOVX_BOTH(pmovsxwd, pmovzxwd, 16, _l)
PMOVX_BOTH(pmovsxwq, pmovzxwq, 16, _q)
PMOVX_BOTH(pmovsxdq, pmovzxdq, 32, _q)

/* Each lane of s whose bit in the immediate is set replaces d's. */
#define BLEND_BY_IMM(name, lane)                                          \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)   \
{                                                                         \
    for (int i = 0; i < LANES(d, lane); i++) {                            \
        if ((imm >> i) & 1) {                                             \
            d->lane[i] = s->lane[i];                                      \
        }                                                                 \
    }                                                                     \
}
BLEND_BY_IMM(blendps, _l)
BLEND_BY_IMM(blendpd, _q)
BLEND_BY_IMM(pblendw, _w)

/* Each lane of s whose lane in xmm0 has its top bit set replaces d's. */
#define BLEND_BY_XMM0(name, lane, top)                                    \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    const XMMReg *select = &env->xmm_regs[0].xmm;                         \
    for (int i = 0; i < LANES(d, lane); i++) {                            \
        if (select->lane[i] >> (top)) {                                   \
            d->lane[i] = s->lane[i];                                      \
        }                                                                 \
    }                                                                     \
}
BLEND_BY_XMM0(blendvps, _l, 31)
BLEND_BY_XMM0(blendvpd, _q, 63)
BLEND_BY_XMM0(pblendvb, _b, 7)

/*
 * Eight sums of absolute differences: word i is that of d's bytes
 * [i + 4 * imm[2], +4) against s's doubleword imm[1:0].
 */
void HELPER(mpsadbw)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)
{
    int d_base = (imm & 4), s_base = (imm & 3) * 4;
    XMMReg r;

    for (int i = 0; i < 8; i++) {
        int sum = 0;
        for (int k = 0; k < 4; k++) {
            sum += abs(d->_b[d_base + i + k] - s->_b[s_base + k]);
        }
        r._w[i] = sum;
    }
    *d = r;
}

/* The smallest word of s (the first, on ties) and its index; rest zero. */
void HELPER(phminposuw)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    int index = 0;

    for (int i = 1; i < 8; i++) {
        if (s->_w[i] < s->_w[index]) {
            index = i;
        }
    }
    d->_q[1] = 0;
    d->_q[0] = s->_w[index] | (uint32_t)index << 16;
}

/* ZF: d & s is zero; CF: ~d & s is zero (the others are cleared). */
uint32_t HELPER(ptest)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    uint64_t and = (d->_q[0] & s->_q[0]) | (d->_q[1] & s->_q[1]);
    uint64_t andn = (~d->_q[0] & s->_q[0]) | (~d->_q[1] & s->_q[1]);

    return (and ? 0 : CC_Z) | (andn ? 0 : CC_C);
}

/*
 * insertps: doubleword imm[7:6] of s into lane imm[5:4] of d, then the
 * lanes imm[3:0] selects zeroed.  The translator clears imm[7:6] for a
 * memory source, whose doubleword is the only one.
 */
void HELPER(insertps)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)
{
    d->_l[(imm >> 4) & 3] = s->_l[(imm >> 6) & 3];
    for (int i = 0; i < 4; i++) {
        if ((imm >> i) & 1) {
            d->_l[i] = 0;
        }
    }
}
