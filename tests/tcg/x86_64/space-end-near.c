/*
 * space-end-near: accesses just past the end of the guest's address space
 * and just under its lowest mappable page, each right after an access
 * through the same register that succeeded (issue 7).  The emulator's
 * optimiser lets such a second access skip the space check when it lies
 * within the reserved guard past the end (or below 0) of the first one
 * (MO_NEAR_CHECKED, docs/devel/translator.md); the host must then fault
 * there, at the same address a 4 KiB kernel reports.  The top page is
 * 2^46 - 4 KiB, the last page of the emulator's default x86_64 space on
 * x86-64 hosts; natively it is an ordinary address with a hole above it.
 * Addresses are printed relative to the page, so that a space with another
 * end (a mapping elsewhere) prints the same.  x86_64 only.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <sys/mman.h>

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

/* A load through base, then one at base + off in the same block. */
#define PROBE(page, off) do { \
    unsigned long v = 0; \
    got_sig = got_code = 0; got_addr = 0; \
    if (sigsetjmp(jb, 1) == 0) { \
        __asm__ volatile("mov (%1), %0; add %0, %0; mov " #off "(%1), %0" \
                         : "=&r"(v) : "r"(page) : "memory"); \
    } \
    if (got_sig) { \
        printf("%-12s %-10s sig %d code %d at page%+ld\n", #page, #off, got_sig, \
               got_code, (long)(got_addr - (unsigned long)(page))); \
    } else { \
        printf("%-12s %-10s read %#lx\n", #page, #off, v); \
    } \
} while (0)

/* A writable page with nothing mapped in the 2 GiB above it: at hint,
   else the first page of a 2 GiB reservation. */
static char *page_below_hole(unsigned long hint)
{
    char *p = mmap((void *)hint, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

    if (p == MAP_FAILED) {
        p = mmap(NULL, 1ul << 31, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED || munmap(p + 4096, (1ul << 31) - 4096) != 0
            || mprotect(p, 4096, PROT_READ | PROT_WRITE) != 0) {
            perror("mmap");
            return NULL;
        }
    }
    p[0xff8] = 0x5a;
    return p;
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    char *top = page_below_hole((1ul << 46) - 4096);
    char *low;

    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    if (!top) {
        return 1;
    }
    PROBE(top, 0xff8);
    PROBE(top, 0x1000);       /* past the end: the host's guard */
    PROBE(top, 0xfff8);       /* the guard's last 8 bytes */
    PROBE(top, 0x10000);      /* past the guard: the space check */
    PROBE(top, 0x10ff8);
    PROBE(top, 0x7ffffff8);

    /* The lowest page a process may map (vm.mmap_min_addr, 64 KiB on
       Debian); accesses below it, down to 0, fault there. */
    low = mmap((void *)0x10000, 4096, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (low == MAP_FAILED) {
        printf("no page at 0x10000\n");
        return 0;
    }
    low[8] = 0x11;
    PROBE(low, 8);
    PROBE(low, -8);
    PROBE(low, -0x10000);     /* address 0 */
    PROBE(low, -0x10008);     /* wraps to the top of the address space */
    PROBE(low, -0x20000);
    return 0;
}
