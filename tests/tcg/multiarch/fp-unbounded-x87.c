/*
 * fp-unbounded-x87.c: unmasked x87 overflow and underflow whose register
 * result is stored with its exponent biased by -/+ 24576, the value
 * rounded (to the precision control's bits) as if the exponent were
 * unbounded; an exact tiny result, which raises underflow only when it is
 * unmasked; a store to memory, which the exception suppresses instead.
 * Compared with the host.  The SSE side of the same rule is
 * fp-unbounded-sse.c.
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

/* den = 2^-149 squared six times is 2^-9536: squaring it underflows */
#define SQUARE "fld %%st(0)\n\tfmulp\n\t"
#define TINY_SETUP "flds %[den]\n\t" SQUARE SQUARE SQUARE SQUARE SQUARE SQUARE
X87_RUN(ue_exact_fwait, TINY_SETUP "fld %%st(0)", "fmulp", "fwait")
X87_RUN(ue_inexact_fwait, TINY_SETUP "fdivs %[seven]\n\tfld %%st(0)", "fmulp",
        "fwait")
/* 2^-149, exact as a float denormal */
X87_RUN(ue_store_fwait, "flds %[den]", "fsts %[mem]", "fwait")

static const X87Case x87_cases[] = {
    { "fmulp 2^8200^2 OM=0, fwait", oe_reg_fwait, 0x377 },
    { "fmulp 2^8200^2 OM=0 PC=53", oe_reg_fwait, 0x277 },
    { "fmulp 2^8200^2 OM=0 PC=24", oe_reg_fwait, 0x077 },
    { "fmulp 2^-9536^2 UM=0", ue_exact_fwait, 0x36f },
    { "fmulp 2^-9536^2 UM=1", ue_exact_fwait, 0x37f },
    { "fmulp (2^-9536/7)^2 UM=0", ue_inexact_fwait, 0x36f },
    { "fmulp (2^-9536/7)^2 UM=0 PC=24", ue_inexact_fwait, 0x06f },
    { "fsts 2^-149 UM=0", ue_store_fwait, 0x36f },
    { "fsts 2^-149 UM=1", ue_store_fwait, 0x37f },
};

int main(void)
{
    catch_sigfpe();
    run_x87_cases(x87_cases, sizeof(x87_cases) / sizeof(x87_cases[0]));
    return 0;
}
