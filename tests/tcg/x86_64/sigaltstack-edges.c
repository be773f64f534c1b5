/*
 * sigaltstack-edges: where a signal's frame goes when the interrupted
 * stack pointer is at the edges of the alternate stack.  Linux counts a
 * pointer as on the stack when it is above the base and at most at the
 * top, and on x86_64 makes that test below the 128-byte red zone, which
 * then does not count once on the alternate stack: a pointer just above
 * the base switches to the top.  Found by the instruction fuzzer (a
 * sequence that left the stack pointer at an alternate stack's base got
 * no handler under the emulator).  The handler reports whether it runs on
 * the alternate stack and what uc_stack's flags say.  x86_64 only: with
 * no red zone, an i386 process's frame below a pointer just above the base
 * overflows the stack, and Linux kills it.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>

#define ALT_SIZE 65536

static char *alt;

static void on_ill(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    char here;

    (void)sig;
    (void)si;
    printf(" handler on the alternate stack: %s, uc_stack flags %d\n",
           &here >= alt && &here < alt + ALT_SIZE ? "yes" : "no", uc->uc_stack.ss_flags);
    uc->uc_mcontext.gregs[REG_RIP] += 2;
}

/* ud2 with the stack pointer at sp, then the old one back. */
static void trap_at(const char *what, uintptr_t sp)
{
    printf("%s:", what);
    fflush(stdout);
    __asm__ volatile("mov %%rsp, %%r12\n\tmov %0, %%rsp\n\tud2\n\tmov %%r12, %%rsp"
                     : : "r"(sp) : "r12", "memory");
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_ill, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    stack_t ss;

    /* a guard page on each side: a frame placed outside the stack faults */
    alt = mmap(NULL, ALT_SIZE + 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (alt == MAP_FAILED || mprotect(alt + 4096, ALT_SIZE, PROT_READ | PROT_WRITE)) {
        perror("mmap");
        return 1;
    }
    alt += 4096;
    ss.ss_sp = alt;
    ss.ss_size = ALT_SIZE;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    sigaction(SIGILL, &sa, NULL);
    trap_at("at the base", (uintptr_t)alt);
    trap_at("at the top", (uintptr_t)alt + ALT_SIZE);
    trap_at("just above the base", (uintptr_t)alt + 16);
    trap_at("in the middle", (uintptr_t)alt + ALT_SIZE / 2);
    return 0;
}
