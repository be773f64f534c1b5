/*
 * robust-noncanonical: an access to a non-canonical address is #GP on the
 * CPU, not a page fault: the kernel sends SIGSEGV with si_code SI_KERNEL
 * and no address.  Loads, stores and a pop to memory (whose store goes
 * through a different path in the emulator) at several such addresses,
 * with a canonical unmapped one for contrast; on x86_64 clflush too.
 * i386 has no such addresses: it prints only the contrast case.
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(jb, 1);
}

static void report(const char *what, uintptr_t a)
{
    printf("%-7s %#18llx: sig %d code %d addr %s\n", what, (unsigned long long)a,
           got_sig, got_code,
           got_addr == 0 ? "0" : (uintptr_t)got_addr == a ? "the address" : "other");
}

static void try_address(uintptr_t a)
{
    volatile int *p = (volatile int *)a;

    got_sig = got_code = 0;
    if (sigsetjmp(jb, 1) == 0) {
        (void)*p;
    }
    report("load", a);
    got_sig = got_code = 0;
    if (sigsetjmp(jb, 1) == 0) {
        *p = 1;
    }
    report("store", a);
    got_sig = got_code = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("push %0; pop (%0)" : : "r"(a) : "memory");
    }
    report("pop", a);
#ifdef __x86_64__
    /* clflush faults as a load would (Debian's qemu-i386, the i386
       reference, treats it as a no-op) */
    got_sig = got_code = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("clflush (%0)" : : "r"(a) : "memory");
    }
    report("clflush", a);
#endif
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
#ifdef __x86_64__
    try_address(0x8000000000000000ull);
    try_address(0x0000800000000000ull);
    try_address(0xffff7ffffffff000ull);
    try_address(0x123456789abcdef0ull);
#endif
    try_address(0x1000);
    return 0;
}
