/*
 * faults: CPU exceptions turned into signals and caught: ud2 (SIGILL,
 * ILL_ILLOPN, si_addr at the instruction), integer divide by zero (SIGFPE,
 * FPE_INTDIV), int3 (SIGTRAP), hlt in user mode (SIGSEGV, as the CPU raises
 * #GP), and an access to a non-canonical or kernel address.  Each handler
 * records what it saw and siglongjmps back.
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>

static sigjmp_buf env;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(env, 1);
}

extern char ud2_here[];
static volatile int divisor;

/* noinline: the label must exist exactly once */
__attribute__((noinline, noclone)) static void do_ud2(void) { __asm__ volatile("ud2_here: ud2"); }
static void do_div(void) { volatile int x = 100 / divisor; (void)x; }
static void do_int3(void) { __asm__ volatile("int3"); }
static void do_hlt(void) { __asm__ volatile("hlt"); }
static void do_kernel(void)
{
#ifdef __x86_64__
    volatile int *p = (volatile int *)0xffff800000001000ull;
#else
    volatile int *p = (volatile int *)0xfffff000u;  /* above TASK_SIZE of a 32-bit process */
#endif
    (void)*p;
}

static void attempt(const char *name, void (*fn)(void))
{
    got_sig = 0;
    if (sigsetjmp(env, 1) == 0) {
        fn();
        printf("%-7s no signal\n", name);
    } else {
        printf("%-7s %s", name, strsignal(got_sig));
        if (got_sig == SIGILL)
            printf(" code %s addr %s", got_code == ILL_ILLOPN ? "ILL_ILLOPN" : "other",
                   got_addr == (void *)ud2_here ? "exact" : "WRONG");
        if (got_sig == SIGFPE)
            printf(" code %s", got_code == FPE_INTDIV ? "FPE_INTDIV" : "other");
        putchar('\n');
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    attempt("ud2", do_ud2);
    attempt("div0", do_div);
    attempt("int3", do_int3);
    attempt("hlt", do_hlt);
    attempt("kernel", do_kernel);
    attempt("ud2", do_ud2);                 /* the handler works a second time */
    return 0;
}
