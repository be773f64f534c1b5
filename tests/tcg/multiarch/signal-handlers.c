/*
 * signal-handlers.c: what real programs do in signal handlers (issue 9,
 * point 2): backtrace() from a handler run on a fault, across the signal
 * frame into the faulting function and its callers; a handler on an
 * alternate stack (it runs there, and SS_ONSTACK shows while it does); a
 * handler that edits the saved registers (the pc past a ud2, an integer
 * register) and returns into the edited state; sigwait() for SIGCHLD
 * whose action is SIG_DFL (blocked, so it is queued rather than
 * discarded).
 */
#define _GNU_SOURCE
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#ifdef __x86_64__
#define REG_PC REG_RIP
#define REG_ACC REG_RAX
#else
#define REG_PC REG_EIP
#define REG_ACC REG_EAX
#endif

/* Where level1 returns into main, level2 into level1 (each records its
   own), and the pc of the fault in level2 (from the handler's context):
   the frames a backtrace across the signal frame must show, in order. */
static void *ret_to_main, *ret_to_level1, *fault_pc;
static volatile int fault_target;

static const char *name_of(void *pc)
{
    return pc == fault_pc ? "level2(fault)" : pc == ret_to_level1 ? "level1"
           : pc == ret_to_main ? "main" : "?";
}

static void handler_bt(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    void *frames[64];
    int n;
    const char *last = "";

    (void)si;
    fault_pc = (void *)uc->uc_mcontext.gregs[REG_PC];
    n = backtrace(frames, 64);
    printf("backtrace from the handler of signal %d:", sig);
    for (int i = 0; i < n; i++) {
        const char *name = name_of(frames[i]);
        if (strcmp(name, last) != 0) {
            printf(" %s", name);
        }
        last = name;
    }
    printf("\n");
    fflush(stdout);
    _exit(0);
}

__attribute__((noinline)) void level2(void)
{
    ret_to_level1 = __builtin_return_address(0);
    *(volatile int *)(uintptr_t)fault_target = 1;   /* NULL: SIGSEGV */
    printf("level2 went on\n");
}

__attribute__((noinline)) void level1(void)
{
    ret_to_main = __builtin_return_address(0);
    level2();
    printf("level1 went on\n");
}

static char altstack[65536];

static void handler_alt(int sig)
{
    stack_t ss;
    char here;

    sigaltstack(NULL, &ss);
    printf("signal %d on the alternate stack: %d, SS_ONSTACK: %d\n", sig,
           &here >= altstack && &here < altstack + sizeof(altstack),
           !!(ss.ss_flags & SS_ONSTACK));
}

static void handler_edit(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    (void)si;
    printf("SIGILL %d: skipping the ud2, setting the accumulator\n", sig == SIGILL);
    uc->uc_mcontext.gregs[REG_PC] += 2;
    uc->uc_mcontext.gregs[REG_ACC] = 0x1234;
}

static void edited_registers(void)
{
    long acc;

    __asm__ volatile("mov $1, %0\n\tud2" : "=a"(acc));
    printf("after the handler: accumulator %#lx\n", acc);
}

static void sigwait_sigchld(void)
{
    sigset_t set;
    int sig, status;
    pid_t child;

    signal(SIGCHLD, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    child = fork();
    if (child == 0) {
        _exit(5);
    }
    if (sigwait(&set, &sig) == 0) {
        printf("sigwait: signal %d (SIGCHLD %d)\n", sig, sig == SIGCHLD);
    }
    waitpid(child, &status, 0);
    printf("child exit status %d\n", WEXITSTATUS(status));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
    struct sigaction sa;
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

    setvbuf(stdout, NULL, _IONBF, 0);
    sigwait_sigchld();

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler_edit;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    edited_registers();

    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler_bt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    level1();
    return 1;
}
