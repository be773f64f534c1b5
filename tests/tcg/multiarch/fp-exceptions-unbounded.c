/*
 * fp-exceptions-unbounded.c: unmasked overflow and underflow, where the
 * hardware's answer depends on the result rounded as if the exponent were
 * unbounded.  SSE: the precision flag a trapping overflow or underflow
 * raises is that rounding's (max + max and the smallest normal times 1/3
 * are exact there, so they trap without PE).  x87: a register result of an
 * unmasked overflow is stored with its exponent biased by 2^-24576.
 * Compared with the host; expected to fail until soft-float computes that
 * rounding (tests/tcg/known-failures.txt, issue 8).
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include "fp-exceptions.h"

SSE_RUN(addss, "addss %%xmm1, %%xmm0")
SSE_RUN(mulss, "mulss %%xmm1, %%xmm0")

static const SseCase sse_cases[] = {
    { "addss max+max (OE)", addss, SCALAR(S_MAX), SCALAR(S_MAX) },
    { "mulss minn*third (UE)", mulss, SCALAR(S_MINN), SCALAR(S_THIRD) },
};

/* 2 * dmax squared three times is 2^8200: squaring it overflows */
X87_RUN(oe_reg_fwait,
        "fldl %[dmax]\n\tfld1\n\tfadd %%st(0), %%st\n\tfmulp\n\t"
        "fld %%st(0)\n\tfmulp\n\tfld %%st(0)\n\tfmulp\n\t"
        "fld %%st(0)\n\tfmulp\n\tfld %%st(0)",
        "fmulp", "fwait")

static const X87Case x87_cases[] = {
    { "fmulp 2^8200^2 OM=0, fwait", oe_reg_fwait, 0x377 },
};

int main(void)
{
    catch_sigfpe();
    run_sse_cases(sse_cases, sizeof(sse_cases) / sizeof(sse_cases[0]));
    run_x87_cases(x87_cases, sizeof(x87_cases) / sizeof(x87_cases[0]));
    return 0;
}
