/*
 * sse_fp_helper.c: the SSE to SSE4.1 floating point helpers (arithmetic,
 * compares, conversions, MXCSR).  The SSE/SSE2 arithmetic and the
 * conversions between single and double compute lane by lane through
 * fpu/ soft-float (SSE_FP_SOFT_OPS, sse-fp.h).  The rest still executes
 * the same instruction on the host under the guest's MXCSR (host-fpu.h):
 * C float code would not do, because the compiler may commute the operands
 * of add/mul, which changes which NaN propagates, and C casts cannot give
 * the guest's rounding of cvtss2si.  The list of helpers is in
 * helper-sse.h.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "excp.h"
#include "host-fpu.h"

/*
 * d = op(d, s) lane by lane in soft-float: result lanes `to` (of which the
 * first `lanes` are computed, the others kept from d or, with clear_high,
 * the upper 64 bits zeroed), fn called with the operands given.
 */
#define SSE_SOFT_OP(name, to, lanes, clear_high, fn, ...)                 \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    SseSoft st = sse_soft_begin(env);                                     \
    XMMReg r = *d;                                                        \
                                                                          \
    if (clear_high) {                                                     \
        r._q[1] = 0;                                                      \
    }                                                                     \
    for (int i = 0; i < (lanes); i++) {                                   \
        r.to[i] = sse_lane(&st, fn(__VA_ARGS__, &st.fe));                 \
    }                                                                     \
    sse_soft_end(env, &st, GETPC());                                      \
    *d = r;                                                               \
}
#define BOTH_OPERANDS(lane) d->lane[i], s->lane[i]
#define SOURCE(lane) s->lane[i]
/* the ps, pd, ss and sd forms of op */
#define SSE_SOFT_ARITH(op, OPERANDS)                                      \
    SSE_SOFT_OP(op##ps, _l, 4, false, float32_##op, OPERANDS(_l))         \
    SSE_SOFT_OP(op##pd, _q, 2, false, float64_##op, OPERANDS(_q))         \
    SSE_SOFT_OP(op##ss, _l, 1, false, float32_##op, OPERANDS(_l))         \
    SSE_SOFT_OP(op##sd, _q, 1, false, float64_##op, OPERANDS(_q))

SSE_SOFT_ARITH(add, BOTH_OPERANDS)
SSE_SOFT_ARITH(sub, BOTH_OPERANDS)
SSE_SOFT_ARITH(mul, BOTH_OPERANDS)
SSE_SOFT_ARITH(div, BOTH_OPERANDS)
SSE_SOFT_ARITH(sqrt, SOURCE)
SSE_SOFT_OP(cvtps2pd, _q, 2, false, float32_to_float64, SOURCE(_l))
SSE_SOFT_OP(cvtpd2ps, _l, 2, true, float64_to_float32, SOURCE(_q))
SSE_SOFT_OP(cvtss2sd, _q, 1, false, float32_to_float64, SOURCE(_l))
SSE_SOFT_OP(cvtsd2ss, _l, 1, false, float64_to_float32, SOURCE(_q))

typedef uint64_t host_xmm __attribute__((vector_size(16)));

static inline host_xmm xmm_get(const XMMReg *r)
{
    host_xmm v;
    memcpy(&v, r, sizeof(v));
    return v;
}

static inline void xmm_set(XMMReg *r, host_xmm v)
{
    memcpy(r, &v, sizeof(v));
}

/* d = insn(d, s): the AT&T form "insn s, d" on host registers */
#define SSE_HOST_OP(name, insn)                                           \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)                 \
{                                                                         \
    host_xmm dv;                                                          \
    SSE_FP_RUN(env, GETPC(), {                                            \
        host_xmm sv = xmm_get(s);                                         \
        dv = xmm_get(d);                                                  \
        __asm__ __volatile__(insn " %1, %0" : "+x"(dv) : "x"(sv));        \
    });                                                                   \
    xmm_set(d, dv);                                                       \
}
SSE_FP_HOST_OPS(SSE_HOST_OP)

/* ZF/PF/CF as the host compare left them; OF, SF and AF are cleared. */
#define SSE_HOST_COMIS(name, insn)                                        \
uint32_t HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s)             \
{                                                                         \
    bool zf, pf, cf;                                                      \
    SSE_FP_RUN(env, GETPC(), {                                            \
        host_xmm dv = xmm_get(d), sv = xmm_get(s);                        \
        __asm__ __volatile__(insn " %4, %3"                               \
                             : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf)      \
                             : "x"(dv), "x"(sv));                         \
    });                                                                   \
    return (zf ? CC_Z : 0) | (pf ? CC_P : 0) | (cf ? CC_C : 0);           \
}
SSE_COMIS(SSE_HOST_COMIS)

/* Scalar to integer; out of range and NaN give the integer indefinite. */
#define SSE_HOST_CVT_TO(name, insn, suffix, T)                            \
T HELPER(glue(name, suffix))(CPUX86State *env, XMMReg *s)                 \
{                                                                         \
    T r;                                                                  \
    SSE_FP_RUN(env, GETPC(), {                                            \
        __asm__ __volatile__(insn " %1, %0" : "=r"(r) : "x"(xmm_get(s))); \
    });                                                                   \
    return r;                                                             \
}
/* Integer to scalar, merged into the low lane of d. */
#define SSE_HOST_CVT_FROM(name, insn, suffix, T, size)                    \
void HELPER(glue(name, suffix))(CPUX86State *env, XMMReg *d, T v)         \
{                                                                         \
    host_xmm dv;                                                          \
    SSE_FP_RUN(env, GETPC(), {                                            \
        dv = xmm_get(d);                                                  \
        __asm__ __volatile__(insn size " %1, %0" : "+x"(dv) : "r"(v));    \
    });                                                                   \
    xmm_set(d, dv);                                                       \
}

#ifdef TARGET_X86_64
#define SSE_CVT_TO(name, insn) \
    SSE_HOST_CVT_TO(name, insn, _l, uint32_t) SSE_HOST_CVT_TO(name, insn, _q, uint64_t)
#define SSE_CVT_FROM(name, insn) \
    SSE_HOST_CVT_FROM(name, insn, _l, uint32_t, "l") \
    SSE_HOST_CVT_FROM(name, insn, _q, uint64_t, "q")
#else
#define SSE_CVT_TO(name, insn) SSE_HOST_CVT_TO(name, insn, _l, uint32_t)
#define SSE_CVT_FROM(name, insn) SSE_HOST_CVT_FROM(name, insn, _l, uint32_t, "l")
#endif
SSE_CVT_TO_INT(SSE_CVT_TO)
SSE_CVT_FROM_INT(SSE_CVT_FROM)

/* A reserved MXCSR bit set is #GP, and MXCSR keeps its value. */
void HELPER(ldmxcsr)(CPUX86State *env, uint32_t val)
{
    if (val & ~MXCSR_WRITABLE) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->mxcsr = val;
}

/*
 * The immediate of dpps, dppd and round* is part of the host instruction,
 * so each helper switches over all 256 values to the instruction with that
 * constant.
 */
#define IMM_CASE(n, insn)                                                 \
    case n:                                                               \
        __asm__ __volatile__(insn " %2, %1, %0" : "+x"(dv) : "x"(sv), "i"(n)); \
        break;
#define IMM_CASES_4(n, insn) IMM_CASE(n, insn) IMM_CASE((n) + 1, insn) \
    IMM_CASE((n) + 2, insn) IMM_CASE((n) + 3, insn)
#define IMM_CASES_16(n, insn) IMM_CASES_4(n, insn) IMM_CASES_4((n) + 4, insn) \
    IMM_CASES_4((n) + 8, insn) IMM_CASES_4((n) + 12, insn)
#define IMM_CASES_64(n, insn) IMM_CASES_16(n, insn) IMM_CASES_16((n) + 16, insn) \
    IMM_CASES_16((n) + 32, insn) IMM_CASES_16((n) + 48, insn)
#define IMM_CASES_256(insn) IMM_CASES_64(0, insn) IMM_CASES_64(64, insn) \
    IMM_CASES_64(128, insn) IMM_CASES_64(192, insn)

#define SSE_HOST_IMMOP(name, insn)                                        \
void HELPER(name)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)   \
{                                                                         \
    host_xmm dv;                                                          \
    SSE_FP_RUN(env, GETPC(), {                                            \
        host_xmm sv = xmm_get(s);                                         \
        dv = xmm_get(d);                                                  \
        switch (imm & 0xff) {                                             \
        IMM_CASES_256(insn)                                               \
        }                                                                 \
    });                                                                   \
    xmm_set(d, dv);                                                       \
}
SSE_FP_IMMOPS(SSE_HOST_IMMOP)
