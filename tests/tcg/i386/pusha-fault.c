/*
 * pusha-fault: pusha whose eight slots reach down into a read-only page
 * (issue 11): the CPU stores from the top down, so it faults at the first
 * slot inside that page with the slots above it written and ESP unchanged;
 * where it fits, the slots hold EAX, ECX, EDX, EBX, the original ESP, EBP,
 * ESI, EDI from the top down.  i386 only (pusha does not exist in 64-bit
 * mode).  Where this host cannot run it, the reference is Debian's
 * qemu-i386, which stores the lowest slot first and so faults with nothing
 * written (known-failures.txt).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/mman.h>

#define FILL 0xaaaaaaaau

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_sp;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_sp = uc->uc_mcontext.gregs[REG_ESP];
    siglongjmp(jb, 1);
}

int main(void)
{
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *top = page + 4096;

    setvbuf(stdout, NULL, _IONBF, 0);
    sigaltstack(&ss, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    mprotect(page, 4096, PROT_READ);
    for (volatile int above = 0; above <= 36; above += 4) {
        char *sp = top + above;
        uint32_t slot[8];

        memset(top, 0xaa, 64);
        got_sig = 0;
        if (sigsetjmp(jb, 1) == 0) {
            __asm__ volatile("push %%ebp; mov %%esp, %%edi; mov %0, %%esp\n"
                             "mov $0x11, %%eax; mov $0x22, %%ecx; mov $0x33, %%edx\n"
                             "mov $0x55, %%ebp; mov $0x66, %%esi\n"
                             "pusha\n"
                             "mov %%edi, %%esp; pop %%ebp"
                             : : "b"(sp) : "eax", "ecx", "edx", "esi", "edi", "memory");
            memcpy(slot, sp - 32, 32);
            printf("sp %+3d: no signal:", above);
            /* EBX and the saved ESP are sp (printed as "sp"); EDI, the
               caller's ESP, is left out */
            for (int i = 7; i >= 1; i--) {
                if (slot[i] == (uint32_t)(uintptr_t)sp) {
                    printf(" sp");
                } else {
                    printf(" %#x", slot[i]);
                }
            }
            putchar('\n');
            continue;
        }
        printf("sp %+3d: sig %d code %d addr %+ld sp %+ld written", above, got_sig, got_code,
               (long)got_addr - (long)top, (long)got_sp - (long)top);
        for (int i = 0; i < 40; i += 4) {
            uint32_t v;

            memcpy(&v, top + i, 4);
            putchar(v == FILL ? '.' : 'w');
        }
        putchar('\n');
    }
    return 0;
}
