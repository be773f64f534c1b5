/*
 * far-return-stack: which stack slot a far return faults on when the
 * slots above the return address are not mapped.  IRET in 64-bit mode
 * always pops RSP and SS, and this host reads SS's slot first, before it
 * looks at the code selector.  LRET reads the SS and RSP slots of a return
 * to an outer level (above its imm16 release) when the selector's RPL is
 * not 3, before the #GP for the selector (issue 11; found by the random
 * sequence fuzzer).  With the whole frame unmapped, LRET faults on the
 * selector's slot, not the return address's, and IRET on EFLAGS's.  Each
 * case prints the signal, si_code, the fault
 * address relative to the end of the mapped page and whether rSP moved.
 * x86_64 only: the 64-bit slots and iretq.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_sp;

static void handler(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_sp = ((ucontext_t *)uc)->uc_mcontext.gregs[REG_RSP];
    siglongjmp(jb, 1);
}

enum { LRET, LRET_IMM, IRET };
static const char *const kind_names[] = { "lret", "lret $16", "iret" };

/* Runs one far return with its frame at sp (it never comes back: the
   handler's siglongjmp restores rsp). */
#define FAR_RETURN(insn) \
    __asm__ volatile("mov %0, %%rsp; " insn : : "r"(sp) : "memory")

static void far_return(int kind, int size, char *sp)
{
    switch (kind << 4 | size) {
    case LRET << 4 | 2:     FAR_RETURN("lretw"); break;
    case LRET << 4 | 4:     FAR_RETURN("lretl"); break;
    case LRET << 4 | 8:     FAR_RETURN("lretq"); break;
    case LRET_IMM << 4 | 2: FAR_RETURN("lretw $16"); break;
    case LRET_IMM << 4 | 4: FAR_RETURN("lretl $16"); break;
    case LRET_IMM << 4 | 8: FAR_RETURN("lretq $16"); break;
    case IRET << 4 | 2:     FAR_RETURN("iretw"); break;
    case IRET << 4 | 4:     FAR_RETURN("iretl"); break;
    case IRET << 4 | 8:     FAR_RETURN("iretq"); break;
    }
}

/* One far return with the frame's first slots mapped (ip, cs, and flags
   for iret) and what follows the imm16 release not; or (unmapped) with the
   whole frame past the end of the page. */
static void run_case(int kind, int size, uint16_t sel, char *end, int unmapped)
{
    int slots = kind == IRET ? 3 : 2;
    int release = kind == LRET_IMM ? 16 : 0;
    char *volatile sp = unmapped ? end : end - slots * size - release;
    uint64_t flags = 0x202;

    if (!unmapped) {
        memset(sp, 0, slots * size);
        memcpy(sp + size, &sel, 2);
        if (kind == IRET) {
            memcpy(sp + 2 * size, &flags, size);
        }
    }
    got_sig = got_code = 0;
    got_addr = got_sp = 0;
    if (sigsetjmp(jb, 1) == 0) {
        far_return(kind, size, sp);
    }
    printf("%-8s %d %#6x: sig %d code %d addr ", kind_names[kind], size, sel,
           got_sig, got_code);
    if (got_addr) {
        printf("end%+ld", (long)(got_addr - (uintptr_t)end));
    } else {
        printf("0");
    }
    printf(" rsp %s\n", got_sp == (uintptr_t)sp ? "unchanged" : "moved");
}

int main(void)
{
    /* RPL 0 to 3 with bad indexes, null selectors, kernel code and data,
       user data with each RPL (not 0x23: the GDT model has it, this host
       does not; docs/devel/fuzzing.md) */
    static const uint16_t sels[] = {
        0x1234, 0x1235, 0x1236, 0x1237, 0, 3, 0x10, 0x13, 0x18, 0x2b, 0x2a, 0x29,
    };
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa;
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    munmap(page + 4096, 4096);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaltstack(&ss, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    for (int kind = LRET; kind <= IRET; kind++) {
        for (int size = 2; size <= 8; size *= 2) {
            for (unsigned i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
                run_case(kind, size, sels[i], page + 4096, 0);
            }
            /* every slot unmapped: the far returns read cs's slot first */
            run_case(kind, size, 0, page + 4096, 1);
        }
    }
    return 0;
}
