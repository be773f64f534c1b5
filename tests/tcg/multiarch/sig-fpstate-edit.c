/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * sig-fpstate-edit: a handler that edits the x87 state in its frame (the
 * control word's rounding, st(0)) and returns: the interrupted code goes
 * on with the edited state.  The handler edits what its word size's
 * ucontext shows: on x86_64 the FXSAVE image, on i386 the old FSAVE
 * header, which Linux folds into the x87 state at sigreturn
 * (convert_to_fxsr).  Both must print the same.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

static void on_ill(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    uint16_t two_point_five[5] = { 0, 0, 0, 0xa000, 0x4000 };    /* 2.5 */

    (void)sig;
    (void)si;
#ifdef __x86_64__
    uc->uc_mcontext.gregs[REG_RIP] += 2;                 /* past ud2 */
    uc->uc_mcontext.fpregs->cwd = (uc->uc_mcontext.fpregs->cwd & ~0x0c00) | 0x0400; /* round down */
    memcpy(&uc->uc_mcontext.fpregs->_st[0], two_point_five, 10);
#else
    uc->uc_mcontext.gregs[REG_EIP] += 2;
    uc->uc_mcontext.fpregs->cw = (uc->uc_mcontext.fpregs->cw & ~0x0c00) | 0x0400; /* round down */
    memcpy(&uc->uc_mcontext.fpregs->_st[0], two_point_five, 10);
#endif
}

int main(void)
{
    struct sigaction sa;
    double st0 = 0, third = 1.0 / 3.0;
    uint16_t cw = 0;
    float rounded = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_ill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    /* st(0) = 1, fault; then read st(0), the control word, and round 1/3
       to float under the control word the handler left. */
    __asm__ volatile("fld1\n\t"
                     "ud2\n\t"
                     "fstpl %0\n\t"
                     "fnstcw %1\n\t"
                     "fldl %3\n\t"
                     "fstps %2\n\t"
                     : "=m"(st0), "=m"(cw), "=m"(rounded)
                     : "m"(third));
    printf("st0 %g, rounding control %d, 1/3 as float %a\n", st0, (cw >> 10) & 3,
           (double)rounded);
    return 0;
}
