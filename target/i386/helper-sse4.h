/*
 * helper-sse4.h: the SSSE3, SSE4.1, SSE4.2 (integer), AES-NI and
 * PCLMULQDQ helpers, listed once (see exec/helper-head.h).  helper-sse.h
 * includes this list, which uses its "xmm" and "mmx" argument types and
 * its definition macros.  Definitions: ssse3_helper.c,
 * sse41_helper.c, sse42_helper.c, crypto_helper.c; the FP ones of SSE4.1
 * (dpps, round...) are in helper-sse.h's SSE_FP_IMMOPS.
 */

#ifndef SSSE3_BINOPS
/* SSSE3 ops d = op(d, s) of both widths (mm: NAME_mmx): X(name) */
#define SSSE3_BINOPS(X) \
    X(pshufb) X(phaddw) X(phaddd) X(phaddsw) X(phsubw) X(phsubd) X(phsubsw) \
    X(pmaddubsw) X(pmulhrsw) X(psignb) X(psignw) X(psignd) \
    X(pabsb) X(pabsw) X(pabsd)
/* SSE4.1/4.2 integer and AES ops d = op(d, s) on xmm: X(name) */
#define SSE41_BINOPS(X) \
    X(pcmpeqq) X(pcmpgtq) X(pminsb) X(pmaxsb) X(pminuw) X(pmaxuw) \
    X(pminsd) X(pmaxsd) X(pminud) X(pmaxud) X(pmulld) X(pmuldq) X(packusdw) \
    X(pmovsxbw) X(pmovsxbd) X(pmovsxbq) X(pmovsxwd) X(pmovsxwq) X(pmovsxdq) \
    X(pmovzxbw) X(pmovzxbd) X(pmovzxbq) X(pmovzxwd) X(pmovzxwq) X(pmovzxdq) \
    X(blendvps) X(blendvpd) X(pblendvb) X(phminposuw) \
    X(aesenc) X(aesenclast) X(aesdec) X(aesdeclast) X(aesimc)
/* ops with an immediate d = op(d, s, imm8) on xmm: X(name) */
#define SSE41_IMMOPS(X) \
    X(blendps) X(blendpd) X(pblendw) X(mpsadbw) X(insertps) \
    X(aeskeygenassist) X(pclmulqdq)
#endif

SSSE3_BINOPS(SSE_DEF_BINOP)
SSSE3_BINOPS(MMX_DEF_BINOP)
SSE41_BINOPS(SSE_DEF_BINOP)
SSE41_IMMOPS(SSE_DEF_IMMOP)

/* ptest: ZF and CF */
DEF_HELPER_FLAGS_3(ptest, TCG_CALL_NO_RWG_SE, i32, env, xmm, xmm)
/* the string compares: flags | index << 16 (the m forms write xmm0);
   the explicit lengths are rAX and rDX, sign-extended */
DEF_HELPER_FLAGS_6(pcmpestri, TCG_CALL_NO_RWG, i32, env, xmm, xmm, i32, tl, tl)
DEF_HELPER_FLAGS_6(pcmpestrm, TCG_CALL_NO_RWG, i32, env, xmm, xmm, i32, tl, tl)
DEF_HELPER_FLAGS_4(pcmpistri, TCG_CALL_NO_RWG, i32, env, xmm, xmm, i32)
DEF_HELPER_FLAGS_4(pcmpistrm, TCG_CALL_NO_RWG, i32, env, xmm, xmm, i32)
