/*
 * enter-fault: enter (with nesting levels 0 to 4 and a frame of 2 slots)
 * whose pushes or final stack pointer reach a read-only page below.  The
 * CPU pushes the frame pointers one by one, then checks that the final
 * rSP can be written; a fault in either leaves rSP and rBP unchanged but
 * the words pushed before it written (issue 11).  Each case prints the
 * signal, si_code, the fault address and the interrupted rSP in stack
 * slots from the page boundary, and which slots above it were written.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/mman.h>

#ifdef __x86_64__
#define REG_SP REG_RSP
#define REG_FP REG_RBP
#define SP "%%rsp"
#define BP "%%rbp"
#define SAVE "%%rsi"
#else
#define REG_SP REG_ESP
#define REG_FP REG_EBP
#define SP "%%esp"
#define BP "%%ebp"
#define SAVE "%%esi"
#endif

#define SLOT ((long)sizeof(void *))
#define SLOTS_SHOWN 6
#define FILL 0xaa

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_sp, got_fp;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_sp = uc->uc_mcontext.gregs[REG_SP];
    got_fp = uc->uc_mcontext.gregs[REG_FP];
    siglongjmp(jb, 1);
}

/* enter $2 slots, $level on the stack at sp with rBP = bp */
#define ENTER(level) \
    __asm__ volatile("push " BP "; mov " SP ", " SAVE "; mov %0, " SP "; mov %1, " BP "\n" \
                     "enter %2, $" #level "\n" \
                     "mov " SAVE ", " SP "; pop " BP \
                     : : "r"(sp), "r"(bp), "i"(2 * sizeof(void *)) : "esi", "memory")

static void run(int level, char *sp, void **bp)
{
    switch (level) {
    case 0: ENTER(0); break;
    case 1: ENTER(1); break;
    case 2: ENTER(2); break;
    case 3: ENTER(3); break;
    default: ENTER(4); break;
    }
}

/* What a slot above the boundary holds: untouched (.), a frame pointer
   (f: an address in the old frame or the new one), or a copied word. */
static char slot_kind(const char *p, void **bp)
{
    uintptr_t v;

    memcpy(&v, p, sizeof(v));
    if (memcmp(p, (char[sizeof(v)]){ [0 ... sizeof(v) - 1] = FILL }, sizeof(v)) == 0) {
        return '.';
    }
    if (v == (uintptr_t)bp || (v >= (uintptr_t)p - 64 && v <= (uintptr_t)p + 64)) {
        return 'f';
    }
    return v >= 0x1000 && v < 0x1000 + 16 ? (char)('0' + v - 0x1000) : '?';
}

int main(void)
{
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *top = page + 4096;    /* the boundary: read-only below */

    setvbuf(stdout, NULL, _IONBF, 0);
    sigaltstack(&ss, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    mprotect(page, 4096, PROT_READ);
    for (volatile int level = 0; level <= 4; level++) {
        for (volatile int above = 0; above <= 4; above++) {
            void **bp = (void **)(top + 0x800);
            char *sp = top + above * SLOT;

            memset(top, FILL, 4096);
            for (int i = 1; i <= 8; i++) {
                bp[-i] = (void *)(uintptr_t)(0x1000 + i - 1);
            }
            got_sig = 0;
            if (sigsetjmp(jb, 1) == 0) {
                run(level, sp, bp);
                printf("level %d sp %+d: no signal\n", level, above);
                continue;
            }
            printf("level %d sp %+d: sig %d code %d addr %+ld sp %+ld bp %s slots ",
                   level, above, got_sig, got_code,
                   ((long)got_addr - (long)top) / SLOT, ((long)got_sp - (long)top) / SLOT,
                   got_fp == (uintptr_t)bp ? "same" : "changed");
            for (int i = 0; i < SLOTS_SHOWN; i++) {
                putchar(slot_kind(top + i * SLOT, bp));
            }
            putchar('\n');
        }
    }
    return 0;
}
