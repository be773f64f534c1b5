/*
 * sse-exceptions.c: SSE floating point exceptions the guest has unmasked in
 * MXCSR.  Each instruction runs on operands that raise one or several of
 * IE DE ZE OE UE PE (alone, in several lanes at once, with DAZ and FTZ), with
 * every exception masked and then with each one unmasked, and prints
 * whether SIGFPE came, its si_code, whether si_addr and the saved pc name
 * the instruction, MXCSR (from the signal frame when it trapped) and the
 * destination (register, EFLAGS of comis) as the frame holds it: a trapping
 * instruction must leave it unchanged.  A flag already set when its
 * exception is unmasked does not trap by itself, but chooses the si_code.
 * Compared with the host.
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include "fp-exceptions.h"

SSE_RUN(addss, "addss %%xmm1, %%xmm0")
SSE_RUN(addss_mem, "addss %[mem], %%xmm0")
SSE_RUN(addps, "addps %%xmm1, %%xmm0")
SSE_RUN(subsd, "subsd %%xmm1, %%xmm0")
SSE_RUN(mulss, "mulss %%xmm1, %%xmm0")
SSE_RUN(mulps, "mulps %%xmm1, %%xmm0")
SSE_RUN(mulpd, "mulpd %%xmm1, %%xmm0")
SSE_RUN(divss, "divss %%xmm1, %%xmm0")
SSE_RUN(divps, "divps %%xmm1, %%xmm0")
SSE_RUN(divpd_mem, "divpd %[mem], %%xmm0")
SSE_RUN(sqrtss, "sqrtss %%xmm1, %%xmm0")
SSE_RUN(sqrtpd, "sqrtpd %%xmm1, %%xmm0")
SSE_RUN(maxss, "maxss %%xmm1, %%xmm0")
SSE_RUN(minpd, "minpd %%xmm1, %%xmm0")
SSE_RUN(cmpltps, "cmpltps %%xmm1, %%xmm0")
SSE_RUN(cmpeqsd, "cmpeqsd %%xmm1, %%xmm0")
SSE_RUN(comiss, "comiss %%xmm1, %%xmm0")
SSE_RUN(ucomiss, "ucomiss %%xmm1, %%xmm0")
SSE_RUN(ucomisd, "ucomisd %%xmm1, %%xmm0")
SSE_RUN(cvtsd2ss, "cvtsd2ss %%xmm1, %%xmm0")
SSE_RUN(cvtpd2ps, "cvtpd2ps %%xmm1, %%xmm0")
SSE_RUN(cvtps2pd, "cvtps2pd %%xmm1, %%xmm0")
SSE_RUN(cvtss2si, "cvtss2si %%xmm1, %%eax")
SSE_RUN(cvttsd2si, "cvttsd2si %%xmm1, %%eax")
SSE_RUN(cvtsi2ss, "cvtsi2ss %%eax, %%xmm0")
SSE_RUN(cvtdq2ps, "cvtdq2ps %%xmm1, %%xmm0")
SSE_RUN(cvtps2dq, "cvtps2dq %%xmm1, %%xmm0")
SSE_RUN(addsubps, "addsubps %%xmm1, %%xmm0")
SSE_RUN(haddpd, "haddpd %%xmm1, %%xmm0")
SSE_RUN(roundss_0, "roundss $0, %%xmm1, %%xmm0")
SSE_RUN(roundss_8, "roundss $8, %%xmm1, %%xmm0")
SSE_RUN(dpps, "dpps $0xff, %%xmm1, %%xmm0")

static const SseCase cases[] = {
    { "mulss max*3 (OE PE)", mulss, SCALAR(S_MAX), SCALAR(S_THREE) },
    { "addss 1+3 (exact)", addss, SCALAR(S_ONE), SCALAR(S_THREE) },
    { "addss snan+1 (IE)", addss, SCALAR(S_SNAN), SCALAR(S_ONE) },
    { "addss den+1 (DE PE)", addss, SCALAR(S_ONE), SCALAR(S_DEN) },
    { "addss den+0 (DE)", addss, SCALAR(0), SCALAR(S_DEN) },
    { "addss mem 1+third (PE)", addss_mem, SCALAR(S_ONE), SCALAR(S_THIRD) },
    { "addps lanes OE/PE/IE/-", addps, L4(S_MAX, S_ONE, S_SNAN, S_ONE),
      L4(S_MAX, S_THIRD, S_ONE, S_ONE) },
    { "subsd 1-den (DE PE)", subsd, Q2(D_ONE, D_THREE), Q2(D_DEN, D_ONE) },
    { "mulss minn*half (exact tiny)", mulss, SCALAR(S_MINN), SCALAR(S_HALF) },
    { "mulss 1e-30*1e-10 (UE PE)", mulss, SCALAR(0x0da24260), SCALAR(0x2edbe6ff) },
    { "mulps lanes tiny/OE", mulps, L4(S_MINN, S_MAX, S_ONE, S_ONE),
      L4(S_HALF, S_THREE, S_ONE, S_ONE) },
    { "mulps lanes exact tiny/PE", mulps, L4(S_MINN, S_ONE, S_ONE, S_ONE),
      L4(S_HALF, S_THIRD, S_ONE, S_ONE) },
    { "mulpd minn*half, max*3", mulpd, Q2(D_MINN, D_MAX), Q2(D_HALF, D_THREE) },
    { "divss 1/0 (ZE)", divss, SCALAR(S_ONE), SCALAR(0) },
    { "divss 0/0 (IE)", divss, SCALAR(0), SCALAR(0) },
    { "divss 1/3 (PE)", divss, SCALAR(S_ONE), SCALAR(S_THREE) },
    { "divss den/0 (DE ZE)", divss, SCALAR(S_DEN), SCALAR(0) },
    { "divps lanes ZE/PE/OE/DE", divps, L4(S_ONE, S_ONE, S_MAX, S_DEN),
      L4(0, S_THREE, S_HALF, S_ONE) },
    { "divpd mem 1/0, 1/3", divpd_mem, Q2(D_ONE, D_ONE), Q2(0, D_THREE) },
    { "sqrtss -1 (IE)", sqrtss, SCALAR(S_ONE), SCALAR(S_NEG) },
    { "sqrtss den (DE PE)", sqrtss, SCALAR(S_ONE), SCALAR(S_DEN) },
    { "sqrtpd 3, -1", sqrtpd, Q2(0, 0), Q2(D_THREE, D_NEG) },
    { "maxss qnan (IE)", maxss, SCALAR(S_QNAN), SCALAR(S_ONE) },
    { "minpd 1, den", minpd, Q2(D_ONE, D_ONE), Q2(D_ONE, D_DEN) },
    { "cmpltps qnan (IE)", cmpltps, L4(S_ONE, S_QNAN, 0, 0), L4(S_ONE, 0, 0, 0) },
    { "cmpeqsd qnan (quiet)", cmpeqsd, Q2(D_QNAN, 0), Q2(D_ONE, 0) },
    { "cmpeqsd snan (IE)", cmpeqsd, Q2(D_SNAN, 0), Q2(D_ONE, 0) },
    { "comiss qnan (IE)", comiss, SCALAR(S_QNAN), SCALAR(S_ONE) },
    { "comiss den", comiss, SCALAR(S_DEN), SCALAR(S_ONE) },
    { "ucomiss qnan (quiet)", ucomiss, SCALAR(S_QNAN), SCALAR(S_ONE) },
    { "ucomisd snan (IE)", ucomisd, Q2(D_ONE, 0), Q2(D_SNAN, 0) },
    { "cvtsd2ss 1e300 (OE PE)", cvtsd2ss, SCALAR(S_ONE), Q2(D_1E300, 0) },
    { "cvtsd2ss 1e-300 (UE PE)", cvtsd2ss, SCALAR(S_ONE), Q2(D_1EM300, 0) },
    { "cvtsd2ss 0.1 (PE)", cvtsd2ss, SCALAR(S_ONE), Q2(D_TENTH, 0) },
    { "cvtpd2ps 1e300, snan", cvtpd2ps, SCALAR(S_ONE), Q2(D_1E300, D_SNAN) },
    { "cvtps2pd snan, den", cvtps2pd, Q2(0, 0), L4(S_SNAN, S_DEN, 0, 0) },
    { "cvtss2si 1e10 (IE)", cvtss2si, SCALAR(0), SCALAR(S_BIG) },
    { "cvtss2si 1.5 (PE)", cvtss2si, SCALAR(0), SCALAR(S_1_5) },
    { "cvttsd2si den (DE? PE)", cvttsd2si, SCALAR(0), Q2(D_DEN, 0) },
    { "cvtsi2ss 0x7fffffff (PE)", cvtsi2ss, SCALAR(S_ONE), SCALAR(0), 0x7fffffff },
    { "cvtdq2ps lanes", cvtdq2ps, SCALAR(0), L4(0x7fffffff, 3, 0x10000001, 5) },
    { "cvtps2dq big, 1.5", cvtps2dq, SCALAR(0), L4(S_BIG, S_1_5, 0, S_QNAN) },
    { "addsubps lanes", addsubps, L4(S_MAX, S_MAX, S_ONE, S_ONE),
      L4(S_NEG, S_MAX, S_THIRD, 0) },
    { "haddpd 1+den, max+max", haddpd, Q2(D_ONE, D_DEN), Q2(D_MAX, D_MAX) },
    { "roundss 1.5 imm 0 (PE)", roundss_0, SCALAR(S_ONE), SCALAR(S_1_5) },
    { "roundss 1.5 imm 8 (no PE)", roundss_8, SCALAR(S_ONE), SCALAR(S_1_5) },
    { "roundss snan imm 8 (IE)", roundss_8, SCALAR(S_ONE), SCALAR(S_SNAN) },
    { "dpps max, third", dpps, L4(S_MAX, S_ONE, S_ONE, S_ONE),
      L4(S_MAX, S_THIRD, S_ONE, S_ONE) },
};

int main(void)
{
    catch_sigfpe();
    run_sse_cases(cases, sizeof(cases) / sizeof(cases[0]));
    return 0;
}
