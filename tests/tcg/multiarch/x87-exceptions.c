/*
 * x87-exceptions.c: x87 exceptions the guest has unmasked in the control
 * word.  An x87 instruction that raises one does not trap itself: it sets
 * ES and B in the status word, and the next x87 instruction that waits
 * (FWAIT, most x87 instructions, MMX instructions) delivers SIGFPE before
 * it executes; the FN* control instructions do not wait.  Each case runs
 * a setup, the instruction that raises, and one following instruction,
 * and prints whether SIGFPE came, its si_code, which instruction si_addr
 * and the saved pc name, and the FPU state (control and status words,
 * abridged tags, the top registers, the memory operand) as the signal
 * frame holds it or, without a trap, as FXSAVE finds it afterwards.
 * Compared with the host.
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include "fp-exceptions.h"

/* exceptions raised by op; next: fwait */
X87_RUN(ze_fwait, "fld1\n\tfldz", "fdivrp", "fwait")
X87_RUN(ie_sqrt_fwait, "fld1\n\tflds %[neg]", "fsqrt", "fwait")
X87_RUN(ie_snan_fwait, "fld1", "flds %[snan]", "fwait")
X87_RUN(de_fwait, "fld1", "fmuls %[den]", "fwait")
/* 1/7 rounds down: C1 on round-up is not reproduced yet (fpu-sse.md) */
X87_RUN(pe_fwait, "fld1", "fdivs %[seven]", "fwait")
X87_RUN(oe_fwait, "fldl %[dmax]", "fstps %[mem]", "fwait")
X87_RUN(ie_fist_fwait, "fldl %[dmax]", "fistpl %[mem]", "fwait")
X87_RUN(sf_fwait, "fld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1",
        "fld1", "fwait")
/* which instructions wait */
X87_RUN(ze_fld1, "fld1\n\tfldz", "fdivrp", "fld1")
X87_RUN(ze_fstp, "fld1\n\tfldz", "fdivrp", "fstps %[mem]")
X87_RUN(ze_fnstsw, "fld1\n\tfldz", "fdivrp", "fnstsw %[mem]")
X87_RUN(ze_fnstcw, "fld1\n\tfldz", "fdivrp", "fnstcw %[mem]")
X87_RUN(ze_fnclex, "fld1\n\tfldz", "fdivrp", "fnclex\n\tfld1")
X87_RUN(ze_fninit, "fld1\n\tfldz", "fdivrp", "fninit\n\tfld1")
X87_RUN(ze_fldcw, "fld1\n\tfldz", "fdivrp", "fldcw %[cw]")
X87_RUN(ze_fnop, "fld1\n\tfldz", "fdivrp", "fnop")
X87_RUN(ze_fxch, "fld1\n\tfldz", "fdivrp", "fxch")
X87_RUN(ze_ffree, "fld1\n\tfldz", "fdivrp", "ffree %%st(3)")
X87_RUN(ze_fcomi, "fld1\n\tfldz", "fdivrp", "fcomi %%st(1), %%st")
X87_RUN(ze_fild, "fld1\n\tfldz", "fdivrp", "fildl %[mem]")
X87_RUN(ze_paddb, "fld1\n\tfldz", "fdivrp", "paddb %%mm0, %%mm0")
X87_RUN(ze_emms, "fld1\n\tfldz", "fdivrp", "emms")
X87_RUN(ze_sse, "fld1\n\tfldz", "fdivrp", "xorps %%xmm0, %%xmm0\n\tfwait")
/* a flag set while masked, then unmasked by FLDCW */
X87_RUN(pending_fldcw, "fld1\n\tfldz\n\tfdivrp\n\tmovw $0x37b, %[mem]",
        "fldcw %[mem]", "fld1")
X87_RUN(pending_fldcw_fwait, "fld1\n\tfldz\n\tfdivrp\n\tmovw $0x37b, %[mem]",
        "fldcw %[mem]", "fwait")

static const X87Case cases[] = {
    { "fdivrp 1/0 ZM=0, fwait", ze_fwait, 0x37b },
    { "fdivrp 1/0 masked, fwait", ze_fwait, 0x37f },
    { "fdivrp 1/0 all unmasked, fwait", ze_fwait, 0x340 },
    { "fsqrt -1 IM=0, fwait", ie_sqrt_fwait, 0x37e },
    { "flds snan IM=0, fwait", ie_snan_fwait, 0x37e },
    { "fmuls den DM=0, fwait", de_fwait, 0x37d },
    { "fdivs 7 PM=0, fwait", pe_fwait, 0x35f },
    { "fstps dmax OM=0, fwait", oe_fwait, 0x377 },
    { "fstps dmax OM=0 PM=0, fwait", oe_fwait, 0x357 },
    { "fistpl dmax IM=0, fwait", ie_fist_fwait, 0x37e },
    { "fld1 x9 IM=0, fwait", sf_fwait, 0x37e },
    { "fld1 x9 masked, fwait", sf_fwait, 0x37f },
    { "ZE then fld1", ze_fld1, 0x37b },
    { "ZE then fstps", ze_fstp, 0x37b },
    { "ZE then fnstsw", ze_fnstsw, 0x37b },
    { "ZE then fnstcw", ze_fnstcw, 0x37b },
    { "ZE then fnclex, fld1", ze_fnclex, 0x37b },
    { "ZE then fninit, fld1", ze_fninit, 0x37b },
    { "ZE then fldcw", ze_fldcw, 0x37b },
    { "ZE then fnop", ze_fnop, 0x37b },
    { "ZE then fxch", ze_fxch, 0x37b },
    { "ZE then ffree", ze_ffree, 0x37b },
    { "ZE then fcomi", ze_fcomi, 0x37b },
    { "ZE then fildl", ze_fild, 0x37b },
    { "ZE then paddb mm", ze_paddb, 0x37b },
    { "ZE then emms", ze_emms, 0x37b },
    { "ZE then xorps, fwait", ze_sse, 0x37b },
    { "ZE masked, fldcw ZM=0, fld1", pending_fldcw, 0x37f },
    { "ZE masked, fldcw ZM=0, fwait", pending_fldcw_fwait, 0x37f },
};

int main(void)
{
    catch_sigfpe();
    run_x87_cases(cases, sizeof(cases) / sizeof(cases[0]));
    return 0;
}
