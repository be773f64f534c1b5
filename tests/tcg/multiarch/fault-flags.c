/*
 * fault-flags: the flags a signal handler sees when an instruction that
 * reads the flags faults on its memory operand: they must be those the
 * previous instruction left (issue 11: a setcc whose store faults used to
 * lose AF, the condition having folded the lazy flags).  Each case runs
 * an add chosen for its flags, then setcc / cmovcc / adc / sbb / rcl /
 * rcr / shld on a
 * read-only or unmapped page, and prints the handler's EFLAGS (the
 * arithmetic bits) and signal.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/mman.h>

#define ARITH_FLAGS 0x8d5   /* OF SF ZF AF PF CF */

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile unsigned long got_flags;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    got_sig = sig;
    got_code = si->si_code;
    got_flags = uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(jb, 1);
}

#define CASE(name, a, b, insn, addr) do { \
    got_sig = 0; \
    if (sigsetjmp(jb, 1) == 0) { \
        unsigned v = (a); \
        __asm__ volatile("add %1, %0\n" insn : "+r"(v) : "r"((unsigned)(b)), "r"(addr) \
                         : "ecx", "cc", "memory"); \
    } \
    printf("%-10s %#x+%#x sig %d code %d flags %#lx\n", name, (unsigned)(a), (unsigned)(b), \
           got_sig, got_code, got_flags & ARITH_FLAGS); \
} while (0)

int main(void)
{
    static const unsigned pairs[][2] = {
        { 0x0f, 1 }, { 0xffffffff, 1 }, { 0x7fffffff, 1 }, { 0x80000000, 0x80000000 }, { 3, 4 },
    };
    char *ro = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *none = ro + 4096;         /* unmapped below */
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };

    setvbuf(stdout, NULL, _IONBF, 0);
    sigaction(SIGSEGV, &sa, NULL);
    munmap(none, 4096);
    for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        unsigned a = pairs[i][0], b = pairs[i][1];

        CASE("setc ro", a, b, "setc (%2)", ro);
        CASE("setle ro", a, b, "setle (%2)", ro);
        CASE("seto none", a, b, "seto (%2)", none);
        CASE("setp ro", a, b, "setp (%2)", ro);
        CASE("cmovl none", a, b, "cmovl (%2), %%ecx", none);
        CASE("adc ro", a, b, "adcb $1, (%2)", ro);
        CASE("sbb ro", a, b, "sbbb %%cl, (%2)", ro);
        CASE("rcl ro", a, b, "rclb $1, (%2)", ro);
        CASE("rcr cl ro", a, b, "mov $3, %%ecx; rcrl %%cl, (%2)", ro);
        CASE("shld ro", a, b, "shldl $3, %%ecx, (%2)", ro);
    }
    return 0;
}
