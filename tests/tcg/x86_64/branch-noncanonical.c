/*
 * branch-noncanonical: a near jmp *, call * or ret to a non-canonical
 * address is a #GP at the branch itself (SIGSEGV, SI_KERNEL, rip at the
 * branch), before call pushes or ret pops.  Each branch site first runs
 * many times to a good target, so that an emulator chains it to that
 * target, then is given bad targets and the good one again.  Printed: the
 * signal's code, rip as an offset from the branch, rsp against the
 * branch's, and the stack word a call would have pushed to.  x86_64 only.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

/* Each site is entered by a call with the target in %rdi and a sentinel
   in the stack word below the return address; the good target returns to
   the site's caller.  ret_site pops a target that it pushed. */
extern char jmp_site[], jmp_branch[], call_site[], call_branch[],
    ret_site[], ret_branch[], good[];
__asm__(".text\n"
        "good: ret\n"
        "jmp_site: movq $0x5a5a, -8(%rsp)\n"
        "jmp_branch: jmp *%rdi\n"
        "call_site: movq $0x5a5a, -8(%rsp)\n"
        "call_branch: call *%rdi\n"
        "  ret\n"
        "ret_site: movq $0x5a5a, -16(%rsp)\n"
        "  push %rdi\n"
        "ret_branch: ret\n");

static sigjmp_buf jb;
static volatile uintptr_t got_rip, got_rsp, got_below;
static volatile int got_code;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    got_code = si->si_code;
    got_rip = uc->uc_mcontext.gregs[REG_RIP];
    got_rsp = uc->uc_mcontext.gregs[REG_RSP];
    got_below = *(uint64_t *)(got_rsp - 8);
    siglongjmp(jb, 1);
}

typedef struct Site {
    const char *name;
    char *entry, *branch;
    int pushed;     /* words the site has pushed at its branch */
} Site;

static const Site sites[] = {
    { "jmp *%rdi", jmp_site, jmp_branch, 0 },
    { "call *%rdi", call_site, call_branch, 0 },
    { "ret", ret_site, ret_branch, 1 },
};

static const uint64_t bad[] = {
    0x0000800000000000ULL, 0x8000000000001000ULL, 0xffff7fffffffffffULL,
    0x00ff000000400000ULL,
};

static void try(const Site *s, uint64_t target)
{
    void (*site)(uint64_t) = (void (*)(uint64_t))s->entry;
    volatile uintptr_t rsp_at_entry;

    got_code = -1;
    if (!sigsetjmp(jb, 1)) {
        __asm__ volatile("mov %%rsp, %0" : "=r"(rsp_at_entry));
        site(target);
        printf("  %#018llx: returned\n", (unsigned long long)target);
        return;
    }
    /* rsp at the branch: the caller's rsp at entry, less the return
       address of the call into the site and the site's own pushes; the
       compiler may have moved rsp between the read and the call, so only
       the difference from the other bad targets' is compared. */
    printf("  %#018llx: si_code %d, rip %+ld, rsp %+ld, below %#llx\n",
           (unsigned long long)target, got_code,
           (long)(got_rip - (uintptr_t)s->branch),
           (long)(got_rsp - rsp_at_entry + 8 + 8 * s->pushed),
           (unsigned long long)got_below);
}

int main(void)
{
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa;

    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    for (size_t i = 0; i < sizeof(sites) / sizeof(sites[0]); i++) {
        const Site *s = &sites[i];
        void (*site)(uint64_t) = (void (*)(uint64_t))s->entry;

        printf("%s\n", s->name);
        for (int n = 0; n < 1000; n++) {
            site((uintptr_t)good);
        }
        for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
            try(s, bad[b]);
            site((uintptr_t)good);
        }
    }
    return 0;
}
