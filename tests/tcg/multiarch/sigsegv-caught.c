/*
 * sigsegv-caught: faults caught by a SA_SIGINFO handler.  Reads and writes
 * of an unmapped address, a write to a read-only page and an access to a
 * PROT_NONE page each raise SIGSEGV; the handler checks that si_addr is the
 * exact faulting address and si_code tells "not mapped" from "no access",
 * then siglongjmps out.  Afterwards mprotect makes the page writable and the
 * same store succeeds.  The emulator must turn a host fault inside generated
 * code into a precise guest signal.
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static void *volatile expected;
static volatile int hits;
static volatile int last_code;
static volatile int addr_ok;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    hits++;
    last_code = si->si_code;
    addr_ok = sig == SIGSEGV && si->si_signo == SIGSEGV && si->si_addr == expected;
    siglongjmp(env, 1);
}

static void try_access(const char *what, volatile char *p, int write)
{
    expected = (void *)p;
    addr_ok = 0;
    last_code = 0;
    if (sigsetjmp(env, 1) == 0) {
        if (write)
            *p = 42;
        else
            (void)*p;
        printf("%-28s no fault\n", what);
    } else {
        printf("%-28s fault, si_addr %s, si_code %s\n", what, addr_ok ? "exact" : "WRONG",
               last_code == SEGV_MAPERR ? "SEGV_MAPERR" :
               last_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other");
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);

    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 2; }
    strcpy(p + pg, "readable");
    munmap(p + 2 * pg, pg);                        /* a hole right after */
    mprotect(p + pg, pg, PROT_READ);

    try_access("read near NULL", (volatile char *)16, 0);
    try_access("write near NULL", (volatile char *)64, 1);
    try_access("read of unmapped page", p + 2 * pg + 123, 0);
    try_access("write to read-only page", p + pg + 5, 1);
    try_access("read of read-only page", p + pg + 5, 0);
    mprotect(p, pg, PROT_NONE);
    try_access("read of PROT_NONE page", p + 7, 0);
    try_access("write of PROT_NONE page", p + pg - 1, 1);
    mprotect(p + pg, pg, PROT_READ | PROT_WRITE);
    try_access("write after mprotect RW", p + pg + 5, 1);
    printf("page content now: %s\n", p + pg);
    printf("faults %d\n", hits);
    return 0;
}
