/*
 * fp-unbounded-sse.c: unmasked SSE overflow and underflow, where the
 * precision flag of the trap is that of the result rounded as if the
 * exponent were unbounded: max + max and the smallest normal times 1/2
 * are exact there, so they trap without PE, while 1e-300 squared is not.
 * Packed forms mix such a lane with an ordinary inexact one, whose PE
 * joins the trap's flags.  Each case runs under every MXCSR setting of
 * fp-exceptions.h and is compared with the host.
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include "fp-exceptions.h"

SSE_RUN(addss, "addss %%xmm1, %%xmm0")
SSE_RUN(mulss, "mulss %%xmm1, %%xmm0")
SSE_RUN(divss, "divss %%xmm1, %%xmm0")
SSE_RUN(mulps, "mulps %%xmm1, %%xmm0")
SSE_RUN(subsd, "subsd %%xmm1, %%xmm0")
SSE_RUN(mulsd, "mulsd %%xmm1, %%xmm0")
SSE_RUN(divpd, "divpd %%xmm1, %%xmm0")
SSE_RUN(cvtsd2ss, "cvtsd2ss %%xmm1, %%xmm0")
SSE_RUN(cvtpd2ps, "cvtpd2ps %%xmm1, %%xmm0")

#define D_NEG_MAX 0xffefffffffffffffull
#define D_2P128   0x47f0000000000000ull     /* 2^128: above float's max */
#define D_MINN_S  0x3810000000000000ull     /* 2^-126, float's MINN */
#define D_TINY_S  0x3690000000000000ull     /* 2^-150: float rounds it */

static const SseCase sse_cases[] = {
    { "addss max+max (OE)", addss, SCALAR(S_MAX), SCALAR(S_MAX) },
    { "mulss minn*third (UE)", mulss, SCALAR(S_MINN), SCALAR(S_THIRD) },
    { "mulss minn*half (UE)", mulss, SCALAR(S_MINN), SCALAR(S_HALF) },
    { "mulss big*big (OE PE)", mulss, SCALAR(S_MAX), SCALAR(S_1_5) },
    { "divss max/half (OE)", divss, SCALAR(S_MAX), SCALAR(S_HALF) },
    { "mulps ovf, third*3", mulps, L4(S_MAX, S_THIRD, S_ONE, S_ONE),
      L4(S_BIG, S_THREE, S_ONE, S_ONE) },
    { "mulps exact ovf, exact", mulps, L4(S_ONE, S_MAX, S_ONE, S_MINN),
      L4(S_ONE, S_THREE, S_ONE, S_HALF) },
    { "subsd -max-max (OE)", subsd, Q2(D_NEG_MAX, 0), Q2(D_MAX, 0) },
    { "mulsd minn*half (UE)", mulsd, Q2(D_MINN, 0), Q2(D_HALF, 0) },
    { "mulsd 1e-300^2 (UE PE)", mulsd, Q2(D_1EM300, 0), Q2(D_1EM300, 0) },
    { "divpd max/half, 1/1e300", divpd, Q2(D_MAX, D_ONE), Q2(D_HALF, D_1E300) },
    { "cvtsd2ss 2^128 (OE)", cvtsd2ss, Q2(0, 0), Q2(D_2P128, 0) },
    { "cvtsd2ss dmax (OE PE)", cvtsd2ss, Q2(0, 0), Q2(D_MAX, 0) },
    { "cvtpd2ps 2^-150, minn", cvtpd2ps, Q2(0, 0), Q2(D_TINY_S, D_MINN_S) },
    { "cvtpd2ps tenth, 2^128", cvtpd2ps, Q2(0, 0), Q2(D_TENTH, D_2P128) },
};

int main(void)
{
    catch_sigfpe();
    run_sse_cases(sse_cases, sizeof(sse_cases) / sizeof(sse_cases[0]));
    return 0;
}
