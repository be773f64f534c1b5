/*
 * stack-noncanonical: a non-canonical address is #SS when the access goes
 * through SS (push, pop, call, memory operands based on rSP or rBP; the
 * ES/CS/SS/DS overrides change nothing in 64-bit mode) and #GP otherwise; Linux reports #SS as SIGBUS and #GP as
 * SIGSEGV, both SI_KERNEL without an address (issue 11).  x86_64 only:
 * there are no non-canonical addresses in 32-bit mode.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile unsigned long got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (unsigned long)si->si_addr;
    siglongjmp(jb, 1);
}

#define NC "%0"     /* a non-canonical address in a register */
#define CASE(name, ...) do { \
    got_sig = got_code = 0; got_addr = 1; \
    if (sigsetjmp(jb, 1) == 0) { \
        __asm__ volatile(__VA_ARGS__); \
    } \
    printf("%-14s sig %d code %d addr %#lx\n", name, got_sig, got_code, got_addr); \
} while (0)
/* rSP switched to the non-canonical value around the instruction; the
   handler runs on the alternate stack and siglongjmp restores rSP. */
#define ON_NC_STACK(insn) "mov %%rsp, %%r12; mov " NC ", %%rsp; " insn "; mov %%r12, %%rsp"

int main(void)
{
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    unsigned long nc = 0x8000000000001000ul;

    setvbuf(stdout, NULL, _IONBF, 0);
    sigaltstack(&ss, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    CASE("push", ON_NC_STACK("push %%rax") : : "r"(nc) : "r12", "memory");
    CASE("pop", ON_NC_STACK("pop %%rax") : : "r"(nc) : "r12", "rax", "memory");
    CASE("pushf", ON_NC_STACK("pushfq") : : "r"(nc) : "r12", "memory");
    CASE("call", ON_NC_STACK("call 1f; 1:") : : "r"(nc) : "r12", "memory");
    CASE("push-mem", ON_NC_STACK("push (%%r12)") : : "r"(nc) : "r12", "memory");
    CASE("pop-mem", ON_NC_STACK("pop (%%r12)") : : "r"(nc) : "r12", "memory");
    CASE("push-r13", ON_NC_STACK("push %%r13") : : "r"(nc) : "r12", "memory");
    CASE("mov-rsp", ON_NC_STACK("mov 8(%%rsp), %%rax") : : "r"(nc) : "r12", "rax", "memory");
    CASE("inc-nc-both", ON_NC_STACK("incq (" NC ")") : : "r"(nc) : "r12", "memory");
    CASE("push-nc-mem", "push (" NC ")" : : "r"(nc) : "memory");
    CASE("mov-rbp", "push %%rbp; mov " NC ", %%rbp; mov 16(%%rbp), %%rax; pop %%rbp"
         : : "r"(nc) : "rax", "memory");
    CASE("mov-r13", "mov (%0), %%rax" : : "r"(nc) : "rax", "memory");
    CASE("mov-r13-idx", "mov (%%rsp, %0), %%rax" : : "r"(nc) : "rax", "memory");
    CASE("mov-rbp-idx", "mov (%0, %%rbp), %%rax" : : "r"(nc) : "rax", "memory");
    CASE("ss-override", "mov %%ss:(%0), %%rax" : : "r"(nc) : "rax", "memory");
    CASE("ds-rbp", "push %%rbp; mov " NC ", %%rbp; mov %%ds:0(%%rbp), %%rax; pop %%rbp"
         : : "r"(nc) : "rax", "memory");
    CASE("add-rbp", "push %%rbp; mov " NC ", %%rbp; addl $1, 8(%%rbp); pop %%rbp"
         : : "r"(nc) : "memory");
    CASE("r13-rex-rbp", "mov " NC ", %%r13; mov 0(%%r13), %%rax" : : "r"(nc) : "r13", "rax", "memory");
    CASE("fs-rbp", "push %%rbp; mov " NC ", %%rbp; mov %%fs:0(%%rbp), %%rax; pop %%rbp"
         : : "r"(nc) : "rax", "memory");
    CASE("movsq", "mov " NC ", %%rsi; lea -8(%%rsp), %%rdi; movsq" : : "r"(nc) : "rsi", "rdi", "memory");
    return 0;
}
