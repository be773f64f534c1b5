/*
 * far-rexw: the far forms that read a pointer from memory (ljmp, lcall,
 * lgs) with REX.W in 64-bit mode.  Intel reads m16:64 there; AMD
 * (this host, and the emulated CPU) ignores REX.W and reads m16:32, so the
 * selector comes from bytes 4-5, not 8-9.  The pointer below gives the two
 * readings different offsets and selectors: ljmp and lcall end in an
 * instruction-fetch SIGSEGV whose rip tells which offset was taken (and
 * lcall's pushes which operand size), lgs tells by the register and
 * the selector loaded.  x86_64 only.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile uintptr_t got_rip, got_rsp;
static volatile int got_sig;
static uint64_t stack_area[8];

/* Offset 0x5000 and selector 0x33 (user 64-bit code) as m16:32; as m16:64
   the offset is 0x0000003300005000 and the selector 0x2b (user data). */
static const uint16_t far_ptr[5] = { 0x5000, 0x0000, 0x0033, 0x0000, 0x002b };

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)si;
    got_sig = sig;
    got_rip = uc->uc_mcontext.gregs[REG_RIP];
    got_rsp = uc->uc_mcontext.gregs[REG_RSP];
    siglongjmp(jb, 1);
}

static void show_branch(const char *name)
{
    uint64_t *sp = &stack_area[4];

    printf("%-12s sig=%d rip=%#lx rsp%+ld", name, got_sig,
           (unsigned long)got_rip, (long)(got_rsp - (uintptr_t)sp));
    for (int j = 2; j < 5; j++) {
        printf(" %016llx", (unsigned long long)stack_area[j]);
    }
    printf("\n");
}

#define FAR_BRANCH(insn) \
    __asm__ volatile("mov %0, %%rsp; " insn \
                     : : "r"(&stack_area[4]), "r"(far_ptr) : "memory")

static void reset_stack(void)
{
    for (int j = 0; j < 8; j++) {
        stack_area[j] = 0x1111111111111111ULL * (j + 1);
    }
}

int main(void)
{
    struct sigaction sa;
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    uint64_t reg;
    uint16_t sel;

    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    reset_stack();
    if (!sigsetjmp(jb, 1)) {
        FAR_BRANCH("rex.w ljmp *(%1)");
    }
    show_branch("ljmp REX.W");
    reset_stack();
    if (!sigsetjmp(jb, 1)) {
        FAR_BRANCH("rex.w lcall *(%1)");
    }
    show_branch("lcall REX.W");
    reset_stack();
    if (!sigsetjmp(jb, 1)) {
        FAR_BRANCH("ljmp *(%1)");
    }
    show_branch("ljmp");
    reset_stack();
    if (!sigsetjmp(jb, 1)) {
        FAR_BRANCH("lcall *(%1)");
    }
    show_branch("lcall");

    /* rex.w lgs (%rdx), %rax, then gs back to the null selector */
    reg = 0x7777777777777777ULL;
    __asm__ volatile(".byte 0x48, 0x0f, 0xb5, 0x02; mov %%gs, %1; mov %3, %%gs"
                     : "+a"(reg), "=r"(sel) : "d"(far_ptr), "r"(0) : "memory");
    printf("lgs REX.W    reg=%016llx gs=%#x\n", (unsigned long long)reg, sel);
    return 0;
}
