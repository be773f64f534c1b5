/*
 * helper-sse.h: the SSE/SSE2/SSE3 and MMX helpers, listed once (see
 * exec/helper-head.h).  Vector helpers take pointers to the destination and
 * source register (the guest register in env, or env->xmm_t0 holding a
 * memory operand).  An integer operation that exists for both widths is
 * one definition instantiated twice: NAME on XMMReg and NAME_mmx on MMXReg.
 * The X-macro families below are shared with the helper definitions
 * (sse_helper.c, sse_fp_helper.c) and the translator's tables.
 */

/* "xmm": a pointer to an XMMReg in env */
#ifndef dh_alias_xmm
#define dh_alias_xmm ptr
#define dh_ctype_xmm XMMReg *
#define dh_is_signed_xmm 0
/* "mmx": a pointer to an MMXReg in env (an x87 register's significand) */
#define dh_alias_mmx ptr
#define dh_ctype_mmx MMXReg *
#define dh_is_signed_mmx 0
#endif

#ifndef SSE_INT_BINOPS
/* Integer ops d = op(d, s) of both widths (mm: NAME_mmx): X(name) */
#define MMX_INT_BINOPS(X) \
    X(paddb) X(paddw) X(paddd) X(paddq) X(psubb) X(psubw) X(psubd) X(psubq) \
    X(paddsb) X(paddsw) X(paddusb) X(paddusw) \
    X(psubsb) X(psubsw) X(psubusb) X(psubusw) \
    X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) X(pcmpgtb) X(pcmpgtw) X(pcmpgtd) \
    X(pminub) X(pmaxub) X(pminsw) X(pmaxsw) \
    X(pmullw) X(pmulhw) X(pmulhuw) X(pmuludq) X(pmaddwd) X(psadbw) \
    X(pavgb) X(pavgw) \
    X(psllw) X(pslld) X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad) \
    X(punpcklbw) X(punpcklwd) X(punpckldq) \
    X(punpckhbw) X(punpckhwd) X(punpckhdq) \
    X(packsswb) X(packuswb) X(packssdw)
/* Integer ops d = op(d, s) on xmm: X(name) */
#define SSE_INT_BINOPS(X) MMX_INT_BINOPS(X) X(punpcklqdq) X(punpckhqdq)

/* Integer ops with an immediate d = op(d, s, imm): X(name) */
#define SSE_INT_IMMOPS(X) \
    X(pshuflw) X(pshufhw) X(shufps) X(shufpd)

/* Mask extraction r32 = op(s), both widths / xmm only: X(name) */
#define MMX_MASKOPS(X) X(pmovmskb)
#define SSE_MASKOPS(X) MMX_MASKOPS(X) X(movmskps) X(movmskpd)

/* FP ops d = op(d, s): X(name, the instruction) */
#define SSE_FP_ARITH(X, op) \
    X(op##ps, #op "ps") X(op##pd, #op "pd") X(op##ss, #op "ss") X(op##sd, #op "sd")
/* the eight compare predicates in imm8 order: Y(imm, name, arg) */
#define SSE_CMP_PREDICATES(Y, arg) \
    Y(0, eq, arg) Y(1, lt, arg) Y(2, le, arg) Y(3, unord, arg) \
    Y(4, neq, arg) Y(5, nlt, arg) Y(6, nle, arg) Y(7, ord, arg)
#define SSE_FP_CMP(n, pred, X) \
    X(cmp##pred##ps, "cmpps $" #n ",") X(cmp##pred##pd, "cmppd $" #n ",") \
    X(cmp##pred##ss, "cmpss $" #n ",") X(cmp##pred##sd, "cmpsd $" #n ",")
/* all computed by fpu/ soft-float (sse_fp_helper.c) */
#define SSE_FP_OPS(X) \
    SSE_FP_ARITH(X, add) SSE_FP_ARITH(X, sub) SSE_FP_ARITH(X, mul) \
    SSE_FP_ARITH(X, div) SSE_FP_ARITH(X, min) SSE_FP_ARITH(X, max) \
    SSE_FP_ARITH(X, sqrt) \
    X(addsubps, "addsubps") X(addsubpd, "addsubpd") X(haddps, "haddps") \
    X(haddpd, "haddpd") X(hsubps, "hsubps") X(hsubpd, "hsubpd") \
    X(cvtps2pd, "cvtps2pd") X(cvtpd2ps, "cvtpd2ps") \
    X(cvtss2sd, "cvtss2sd") X(cvtsd2ss, "cvtsd2ss") \
    X(cvtdq2ps, "cvtdq2ps") X(cvtps2dq, "cvtps2dq") X(cvttps2dq, "cvttps2dq") \
    X(cvtdq2pd, "cvtdq2pd") X(cvtpd2dq, "cvtpd2dq") X(cvttpd2dq, "cvttpd2dq") \
    X(rcpps, "rcpps") X(rcpss, "rcpss") X(rsqrtps, "rsqrtps") \
    X(rsqrtss, "rsqrtss") \
    SSE_CMP_PREDICATES(SSE_FP_CMP, X)

/* SSE4.1 FP ops with an immediate d = op(d, s, imm8), soft-float:
   X(name, insn) */
#define SSE_FP_IMMOPS(X) \
    X(dpps, "dpps") X(dppd, "dppd") X(roundps, "roundps") X(roundpd, "roundpd") \
    X(roundss, "roundss") X(roundsd, "roundsd")

/* Ordered/unordered compares returning ZF/PF/CF: X(name, host instruction) */
#define SSE_COMIS(X) \
    X(comiss, "comiss") X(ucomiss, "ucomiss") X(comisd, "comisd") X(ucomisd, "ucomisd")

/* Scalar FP -> int32 (and int64 on x86_64): X(name, host instruction) */
#define SSE_CVT_TO_INT(X) \
    X(cvtss2si, "cvtss2si") X(cvttss2si, "cvttss2si") \
    X(cvtsd2si, "cvtsd2si") X(cvttsd2si, "cvttsd2si")
/* int32/int64 -> scalar FP: X(name, host instruction) */
#define SSE_CVT_FROM_INT(X) X(cvtsi2ss, "cvtsi2ss") X(cvtsi2sd, "cvtsi2sd")
#endif

#define SSE_DEF_BINOP(name) \
    DEF_HELPER_FLAGS_3(name, TCG_CALL_NO_RWG, void, env, xmm, xmm)
#define MMX_DEF_BINOP(name) \
    DEF_HELPER_FLAGS_3(name##_mmx, TCG_CALL_NO_RWG, void, env, mmx, mmx)
#define SSE_DEF_IMMOP(name) \
    DEF_HELPER_FLAGS_4(name, TCG_CALL_NO_RWG, void, env, xmm, xmm, i32)
#define SSE_DEF_MASKOP(name) \
    DEF_HELPER_FLAGS_2(name, TCG_CALL_NO_RWG_SE, i32, env, xmm)
#define MMX_DEF_MASKOP(name) \
    DEF_HELPER_FLAGS_2(name##_mmx, TCG_CALL_NO_RWG_SE, i32, env, mmx)
/* The FP helpers may raise #XM: they read the globals (TCG_CALL_NO_WG). */
#define SSE_DEF_FPOP(name, insn) \
    DEF_HELPER_FLAGS_3(name, TCG_CALL_NO_WG, void, env, xmm, xmm)
#define SSE_DEF_FP_IMMOP(name, insn) \
    DEF_HELPER_FLAGS_4(name, TCG_CALL_NO_WG, void, env, xmm, xmm, i32)
#define SSE_DEF_COMIS(name, insn) \
    DEF_HELPER_FLAGS_3(name, TCG_CALL_NO_WG, i32, env, xmm, xmm)
#define SSE_DEF_CVT_TO_INT(name, insn) \
    DEF_HELPER_FLAGS_2(name##_l, TCG_CALL_NO_WG, i32, env, xmm) \
    SSE_DEF_CVT_TO_INT64(name)
#define SSE_DEF_CVT_FROM_INT(name, insn) \
    DEF_HELPER_FLAGS_3(name##_l, TCG_CALL_NO_WG, void, env, xmm, i32) \
    SSE_DEF_CVT_FROM_INT64(name)
#ifdef TARGET_X86_64
#define SSE_DEF_CVT_TO_INT64(name) \
    DEF_HELPER_FLAGS_2(name##_q, TCG_CALL_NO_WG, i64, env, xmm)
#define SSE_DEF_CVT_FROM_INT64(name) \
    DEF_HELPER_FLAGS_3(name##_q, TCG_CALL_NO_WG, void, env, xmm, i64)
#else
#define SSE_DEF_CVT_TO_INT64(name)
#define SSE_DEF_CVT_FROM_INT64(name)
#endif

SSE_INT_BINOPS(SSE_DEF_BINOP)
MMX_INT_BINOPS(MMX_DEF_BINOP)
SSE_INT_IMMOPS(SSE_DEF_IMMOP)
SSE_MASKOPS(SSE_DEF_MASKOP)
MMX_MASKOPS(MMX_DEF_MASKOP)
SSE_FP_OPS(SSE_DEF_FPOP)
SSE_FP_IMMOPS(SSE_DEF_FP_IMMOP)
SSE_COMIS(SSE_DEF_COMIS)
SSE_CVT_TO_INT(SSE_DEF_CVT_TO_INT)
SSE_CVT_FROM_INT(SSE_DEF_CVT_FROM_INT)

/* pshufw: the words of an mm register (pshuflw's rule on one half) */
DEF_HELPER_FLAGS_4(pshufw, TCG_CALL_NO_RWG, void, env, mmx, mmx, i32)
/* maskmovdqu / maskmovq: the bytes of d that mask selects, to guest memory */
DEF_HELPER_FLAGS_4(maskmov, TCG_CALL_NO_WG, void, env, xmm, xmm, tl)
DEF_HELPER_FLAGS_4(maskmov_mmx, TCG_CALL_NO_WG, void, env, mmx, mmx, tl)
/* byte shifts of the whole register (pslldq/psrldq) by imm */
DEF_HELPER_FLAGS_3(pslldq, TCG_CALL_NO_RWG, void, env, xmm, i32)
DEF_HELPER_FLAGS_3(psrldq, TCG_CALL_NO_RWG, void, env, xmm, i32)
/* SSE3 duplicating moves d = op(s) */
DEF_HELPER_FLAGS_3(movsldup, TCG_CALL_NO_RWG, void, env, xmm, xmm)
DEF_HELPER_FLAGS_3(movshdup, TCG_CALL_NO_RWG, void, env, xmm, xmm)
DEF_HELPER_FLAGS_3(movddup, TCG_CALL_NO_RWG, void, env, xmm, xmm)
/* #GP unless a legacy SSE 16-byte memory operand is aligned */
DEF_HELPER_FLAGS_3(sse_check_alignment, TCG_CALL_NO_WG, void, env, tl, i32)
/* MXCSR and the FXSAVE image */
DEF_HELPER_FLAGS_2(ldmxcsr, TCG_CALL_NO_WG, void, env, i32)
DEF_HELPER_FLAGS_3(fxsave, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(fxrstor, TCG_CALL_NO_WG, void, env, tl, i32)
/* xsave_helper.c: they read EDX:EAX (the requested components) from env;
   the i32 says REX.W (the 64-bit x87 pointer format) */
DEF_HELPER_FLAGS_3(xsave, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(xsaveopt, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(xsavec, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(xrstor, TCG_CALL_NO_WG, void, env, tl, i32)
/* xgetbv writes EDX:EAX */
DEF_HELPER_1(xgetbv, void, env)

#include "target/i386/helper-sse4.h"

#undef SSE_DEF_BINOP
#undef MMX_DEF_BINOP
#undef MMX_DEF_MASKOP
#undef SSE_DEF_IMMOP
#undef SSE_DEF_MASKOP
#undef SSE_DEF_FPOP
#undef SSE_DEF_FP_IMMOP
#undef SSE_DEF_COMIS
#undef SSE_DEF_CVT_TO_INT
#undef SSE_DEF_CVT_FROM_INT
#undef SSE_DEF_CVT_TO_INT64
#undef SSE_DEF_CVT_FROM_INT64
