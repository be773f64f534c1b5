/*
 * sse_fp_helper.c: the SSE to SSE4.1 floating point helpers (arithmetic,
 * compares, conversions, MXCSR).  All of SSE/SSE2/SSE3 floating point
 * and SSE4.1's dpps, dppd and round* compute lane by lane in fpu/
 * soft-float (SSE_FP_OPS, the compares, the integer conversions;
 * sse-fp.h); rcp/rsqrt, whose bits are the vendor's, with the tables of
 * fpu/sse-approx.c.  The list of helpers is in helper-sse.h.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "excp.h"
#include "sse-fp.h"

/*
 * d = op(d, s) lane by lane in soft-float: result lanes `to` (of which the
 * first `lanes` are computed, the others kept from d or, with clear_high,
 * the upper 64 bits zeroed), fn called with the operands given.  d is read
 * and written a lane at a time, never as a whole: generated code has just
 * stored it in 64-bit halves, and a 16-byte load of those two stores (a
 * copy of d, or of a local result array) waits for them to reach the cache
 * instead of taking their data from the store buffer; that wait was most
 * of mulpd's and addpd's cost in a matrix product.
 */
#define SSE_SOFT_OP(name, to, lanes, clear_high, fn, ...)                 \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    SseSoft st = sse_soft_begin(env);                                     \
    typeof(d->to[0]) r[lanes];                                            \
                                                                          \
    _Pragma("GCC unroll 4")                                               \
    for (int i = 0; i < (lanes); i++) {                                   \
        r[i] = sse_lane(&st, fn(__VA_ARGS__, &st.fe));                    \
    }                                                                     \
    sse_soft_end(env, &st, GETPC());                                      \
    if (clear_high) {                                                     \
        d->_q[1] = 0;                                                     \
    }                                                                     \
    for (int i = 0; i < (lanes); i++) {                                   \
        d->to[i] = r[i];                                                  \
    }                                                                     \
}
#define BOTH_OPERANDS(lane) d->lane[i], s->lane[i]
#define SOURCE(lane) s->lane[i]
/* the ps, pd, ss and sd forms; extra arguments follow the operands */
#define SSE_SOFT_FORMS(op, fn32, fn64, OPERANDS, ...)                     \
    SSE_SOFT_OP(op##ps, _l, 4, false, fn32, OPERANDS(_l) __VA_ARGS__)     \
    SSE_SOFT_OP(op##pd, _q, 2, false, fn64, OPERANDS(_q) __VA_ARGS__)     \
    SSE_SOFT_OP(op##ss, _l, 1, false, fn32, OPERANDS(_l) __VA_ARGS__)     \
    SSE_SOFT_OP(op##sd, _q, 1, false, fn64, OPERANDS(_q) __VA_ARGS__)
#define SSE_SOFT_ARITH(op, OPERANDS)                                      \
    SSE_SOFT_FORMS(op, float32_##op, float64_##op, OPERANDS)

SSE_SOFT_ARITH(add, BOTH_OPERANDS)
SSE_SOFT_ARITH(sub, BOTH_OPERANDS)
SSE_SOFT_ARITH(mul, BOTH_OPERANDS)
SSE_SOFT_ARITH(div, BOTH_OPERANDS)
SSE_SOFT_ARITH(min, BOTH_OPERANDS)
SSE_SOFT_ARITH(max, BOTH_OPERANDS)
SSE_SOFT_ARITH(sqrt, SOURCE)

/* cmpps & co: a lane of ones where the predicate holds */
static inline uint32_t cmp_mask32(uint32_t a, uint32_t b, int predicate,
                                  FloatEnv *e)
{
    return float32_cmp(a, b, predicate, e) ? UINT32_MAX : 0;
}

static inline uint64_t cmp_mask64(uint64_t a, uint64_t b, int predicate,
                                  FloatEnv *e)
{
    return float64_cmp(a, b, predicate, e) ? UINT64_MAX : 0;
}

#define SSE_SOFT_CMP(n, pred, unused)                                     \
    SSE_SOFT_FORMS(cmp##pred, cmp_mask32, cmp_mask64, BOTH_OPERANDS, , n)
SSE_CMP_PREDICATES(SSE_SOFT_CMP, )

/*
 * SSE3's pairwise forms: lane i of the result is fn(x[2j], x[2j + 1])
 * where the low half of the lanes take their pairs from d, the high half
 * from s; addsub subtracts in even lanes and adds in odd ones.
 */
#define PAIR(lane, n) (i < (n) / 2 ? d : s)->lane[2 * i % (n)], \
                      (i < (n) / 2 ? d : s)->lane[2 * i % (n) + 1]
static inline uint32_t addsub32(uint32_t a, uint32_t b, int i, FloatEnv *e)
{
    return i & 1 ? float32_add(a, b, e) : float32_sub(a, b, e);
}

static inline uint64_t addsub64(uint64_t a, uint64_t b, int i, FloatEnv *e)
{
    return i & 1 ? float64_add(a, b, e) : float64_sub(a, b, e);
}

SSE_SOFT_OP(haddps, _l, 4, false, float32_add, PAIR(_l, 4))
SSE_SOFT_OP(haddpd, _q, 2, false, float64_add, PAIR(_q, 2))
SSE_SOFT_OP(hsubps, _l, 4, false, float32_sub, PAIR(_l, 4))
SSE_SOFT_OP(hsubpd, _q, 2, false, float64_sub, PAIR(_q, 2))
SSE_SOFT_OP(addsubps, _l, 4, false, addsub32, BOTH_OPERANDS(_l), i)
SSE_SOFT_OP(addsubpd, _q, 2, false, addsub64, BOTH_OPERANDS(_q), i)

/* conversions: an int32 lane is read signed */
static inline float32 int32_to_float32(uint32_t v, FloatEnv *e)
{
    return int64_to_float32((int32_t)v, e);
}

static inline float64 int32_to_float64(uint32_t v, FloatEnv *e)
{
    return int64_to_float64((int32_t)v, e);
}

SSE_SOFT_OP(cvtps2pd, _q, 2, false, float32_to_float64, SOURCE(_l))
SSE_SOFT_OP(cvtpd2ps, _l, 2, true, float64_to_float32, SOURCE(_q))
SSE_SOFT_OP(cvtss2sd, _q, 1, false, float32_to_float64, SOURCE(_l))
SSE_SOFT_OP(cvtsd2ss, _l, 1, false, float64_to_float32, SOURCE(_q))
SSE_SOFT_OP(cvtdq2ps, _l, 4, false, int32_to_float32, SOURCE(_l))
SSE_SOFT_OP(cvtdq2pd, _q, 2, false, int32_to_float64, SOURCE(_l))
SSE_SOFT_OP(cvtps2dq, _l, 4, false, float32_to_int32, SOURCE(_l), false)
SSE_SOFT_OP(cvttps2dq, _l, 4, false, float32_to_int32, SOURCE(_l), true)
SSE_SOFT_OP(cvtpd2dq, _l, 2, true, float64_to_int32, SOURCE(_q), false)
SSE_SOFT_OP(cvttpd2dq, _l, 2, true, float64_to_int32, SOURCE(_q), true)

/* (u)comis: ZF/PF/CF of the relation; OF, SF and AF are cleared */
#define SSE_SOFT_COMIS(name, fn, lane, signaling)                         \
uint32_t HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)             \
{                                                                         \
    static const uint32_t eflags[] = {                                    \
        [FLOAT_LESS] = CC_C, [FLOAT_EQUAL] = CC_Z, [FLOAT_GREATER] = 0,   \
        [FLOAT_UNORDERED] = CC_Z | CC_P | CC_C,                           \
    };                                                                    \
    SseSoft st = sse_soft_begin(env);                                     \
    FloatRelation r = sse_lane(&st, fn(d->lane[0], s->lane[0], signaling, \
                                       &st.fe));                          \
                                                                          \
    sse_soft_end(env, &st, GETPC());                                      \
    return eflags[r];                                                     \
}
SSE_SOFT_COMIS(comiss, float32_compare, _l, true)
SSE_SOFT_COMIS(ucomiss, float32_compare, _l, false)
SSE_SOFT_COMIS(comisd, float64_compare, _q, true)
SSE_SOFT_COMIS(ucomisd, float64_compare, _q, false)

/* The low lane to an integer register; NaN and out of range give the
   integer indefinite. */
#define SSE_SOFT_TO_INT(name, T, fn, lane, truncate)                      \
T HELPER(name)(CPUX86State *env, XMMReg *s)                               \
{                                                                         \
    SseSoft st = sse_soft_begin(env);                                     \
    T r = sse_lane(&st, fn(s->lane[0], truncate, &st.fe));                \
                                                                          \
    sse_soft_end(env, &st, GETPC());                                      \
    return r;                                                             \
}
/* An integer register, read as the signed ST, to the low lane of d. */
#define SSE_SOFT_FROM_INT(name, T, ST, fn, lane)                          \
void HELPER(name)(CPUX86State *env, XMMReg *d, T v)                       \
{                                                                         \
    SseSoft st = sse_soft_begin(env);                                     \
    XMMReg r = *d;                                                        \
                                                                          \
    r.lane[0] = sse_lane(&st, fn((ST)v, &st.fe));                         \
    sse_soft_end(env, &st, GETPC());                                      \
    *d = r;                                                               \
}
/* IT: the helper's integer type, ST: its signed reading */
#define SSE_SOFT_CVT_INT(suffix, IT, ST, from32, from64)                  \
    SSE_SOFT_TO_INT(cvtss2si##suffix, IT, from32, _l, false)              \
    SSE_SOFT_TO_INT(cvttss2si##suffix, IT, from32, _l, true)              \
    SSE_SOFT_TO_INT(cvtsd2si##suffix, IT, from64, _q, false)              \
    SSE_SOFT_TO_INT(cvttsd2si##suffix, IT, from64, _q, true)              \
    SSE_SOFT_FROM_INT(cvtsi2ss##suffix, IT, ST, int64_to_float32, _l)     \
    SSE_SOFT_FROM_INT(cvtsi2sd##suffix, IT, ST, int64_to_float64, _q)
SSE_SOFT_CVT_INT(_l, uint32_t, int32_t, float32_to_int32, float64_to_int32)
#ifdef TARGET_X86_64
SSE_SOFT_CVT_INT(_q, uint64_t, int64_t, float32_to_int64, float64_to_int64)
#endif

/* approximations with the bits of the project's reference host (fpu/) */
SSE_SOFT_OP(rcpps, _l, 4, false, float32_rcp_approx, SOURCE(_l))
SSE_SOFT_OP(rcpss, _l, 1, false, float32_rcp_approx, SOURCE(_l))
SSE_SOFT_OP(rsqrtps, _l, 4, false, float32_rsqrt_approx, SOURCE(_l))
SSE_SOFT_OP(rsqrtss, _l, 1, false, float32_rsqrt_approx, SOURCE(_l))

/* A reserved MXCSR bit set is #GP, and MXCSR keeps its value. */
void HELPER(ldmxcsr)(CPUX86State *env, uint32_t val)
{
    if (val & ~mxcsr_writable(env)) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->mxcsr = val;
}

/*
 * SSE4.1's round*: imm8 bits 0-1 the rounding mode (MXCSR.RC's order),
 * bit 2 MXCSR's instead, bit 3 no PE.  The ps/pd forms round every lane
 * of s, the ss/sd forms the low one into d.
 */
#define SSE_SOFT_ROUND(name, lane, lanes, fn)                             \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)   \
{                                                                         \
    SseSoft st = sse_soft_begin(env);                                     \
    FloatRound mode = imm & 4 ? st.fe.round : (FloatRound)(imm & 3);      \
    XMMReg r = *d;                                                        \
                                                                          \
    for (int i = 0; i < (lanes); i++) {                                   \
        r.lane[i] = sse_lane(&st, fn(s->lane[i], mode, imm & 8, &st.fe)); \
    }                                                                     \
    sse_soft_end(env, &st, GETPC());                                      \
    *d = r;                                                               \
}
SSE_SOFT_ROUND(roundps, _l, 4, float32_round_to_int)
SSE_SOFT_ROUND(roundpd, _q, 2, float64_round_to_int)
SSE_SOFT_ROUND(roundss, _l, 1, float32_round_to_int)
SSE_SOFT_ROUND(roundsd, _q, 1, float64_round_to_int)

/*
 * DPPS/DPPD as the SDM writes them: the products of the lanes imm8's bits
 * 4.. select (the others +0), each rounded; then the sum of the products'
 * pairs, each rounded, and (dpps) of the two pair sums; then the lanes
 * bits 0.. select get the sum, the others +0.  A denormal product entering
 * a sum is a denormal operand of that addition (DE), as on the hardware.
 */
#define SSE_SOFT_DP(name, lane, lanes, mul, add)                          \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)   \
{                                                                         \
    SseSoft st = sse_soft_begin(env);                                     \
    uint64_t part[4] = { 0 }, sum;                                        \
    XMMReg r;                                                             \
                                                                          \
    for (int i = 0; i < (lanes); i++) {                                   \
        if (imm & (0x10 << i)) {                                          \
            part[i] = sse_lane(&st, mul(d->lane[i], s->lane[i], &st.fe)); \
        }                                                                 \
    }                                                                     \
    for (int width = 1; width < (lanes); width *= 2) {                    \
        for (int i = 0; i < (lanes); i += 2 * width) {                    \
            part[i] = sse_lane(&st, add(part[i], part[i + width], &st.fe)); \
        }                                                                 \
    }                                                                     \
    sum = part[0];                                                        \
    for (int i = 0; i < (lanes); i++) {                                   \
        r.lane[i] = imm & (1 << i) ? sum : 0;                             \
    }                                                                     \
    sse_soft_end(env, &st, GETPC());                                      \
    *d = r;                                                               \
}
SSE_SOFT_DP(dpps, _l, 4, float32_mul, float32_add)
SSE_SOFT_DP(dppd, _q, 2, float64_mul, float64_add)
