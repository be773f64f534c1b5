/*
 * maskmov-fault: MASKMOVQ and MASKMOVDQU whose destination reaches a page
 * that cannot be written, with masks that select none, some or all of the
 * bytes there.  This host faults on the first unwritable byte whatever the
 * mask (found by the random-sequence fuzzer).  Each case prints the signal,
 * si_code, the fault address relative to the second page, and whether the
 * bytes on the writable page changed.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#pragma GCC target("sse2")

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

static char *pages;

/* width 8: maskmovq, 16: maskmovdqu; the destination starts off bytes
   before the second page, whose protection is prot. */
static void run_case(int width, uint64_t mask_lo, int off, int prot)
{
    static const uint64_t data[2] = { 0x1122334455667788ull, 0x99aabbccddeeff00ull };
    uint64_t mask[2] = { mask_lo, mask_lo };
    char *volatile dst = pages + 4096 - off;
    int changed;

    memset(pages + 4096 - 16, 0x5a, 16);
    mprotect(pages + 4096, 4096, prot);
    got_sig = got_code = 0;
    got_addr = 0;
    if (sigsetjmp(jb, 1) == 0) {
        if (width == 8) {
            __asm__ volatile("movq %0, %%mm0; movq %1, %%mm1; maskmovq %%mm1, %%mm0; emms"
                             : : "m"(data[0]), "m"(mask[0]), "D"(dst) : "memory");
        } else {
            __asm__ volatile("movdqu %0, %%xmm0; movdqu %1, %%xmm1; maskmovdqu %%xmm1, %%xmm0"
                             : : "m"(data), "m"(mask), "D"(dst) : "xmm0", "xmm1", "memory");
        }
    }
    __asm__ volatile("emms");
    changed = 0;
    for (int i = 0; i < 16; i++) {
        changed |= pages[4096 - 16 + i] != 0x5a;
    }
    printf("%-10s mask %016llx off %2d prot %d: sig %d code %d addr ",
           width == 8 ? "maskmovq" : "maskmovdqu", (unsigned long long)mask_lo, off, prot,
           got_sig, got_code);
    if (got_addr) {
        printf("page2%+ld", (long)(got_addr - (uintptr_t)pages - 4096));
    } else {
        printf("0");
    }
    printf(" first page %s\n", changed ? "written" : "unchanged");
}

int main(void)
{
    static const uint64_t masks[] = { 0, 0x80, 0x8000000000000000ull, 0x8080808080808080ull };
    static const int prots[] = { PROT_NONE, PROT_READ };
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int width = 8; width <= 16; width *= 2) {
        for (unsigned m = 0; m < sizeof(masks) / sizeof(masks[0]); m++) {
            for (unsigned p = 0; p < sizeof(prots) / sizeof(prots[0]); p++) {
                run_case(width, masks[m], 4, prots[p]);
                run_case(width, masks[m], 0, prots[p]);
            }
        }
    }
    return 0;
}
