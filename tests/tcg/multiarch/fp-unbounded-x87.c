/*
 * fp-unbounded-x87.c: an unmasked x87 overflow whose register result is
 * stored with its exponent biased by 2^-24576, the value rounded as if the
 * exponent were unbounded.  Compared with the host; expected to fail until
 * the x87 computes in soft-float (tests/tcg/known-failures.txt, issue 8).
 * The SSE side of the same rule is fp-unbounded-sse.c.
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include "fp-exceptions.h"

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
    run_x87_cases(x87_cases, sizeof(x87_cases) / sizeof(x87_cases[0]));
    return 0;
}
