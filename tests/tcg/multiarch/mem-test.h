/*
 * mem-test.h: what the mem-* guest programs share.
 *
 * They check guest memory at 4 KiB granularity against what a 4 KiB Linux
 * kernel does, so they provoke SIGSEGV and SIGBUS on purpose and carry on
 * after each one: attempt() runs a function with a handler installed that
 * records the signal, si_code, si_addr and the interrupted pc and registers,
 * then siglongjmps back.
 *
 * The output never shows a raw address: addresses are printed as offsets from
 * a base the test owns.  It must not depend on the word size either: the run
 * of the i386 build is compared with the x86_64 native output of the same
 * source, since the test host may not run 32-bit programs.
 */
#ifndef MEM_TEST_H
#define MEM_TEST_H

#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>

/* Each program uses some of the helpers below. */
#pragma GCC diagnostic ignored "-Wunused-function"

#define PAGE 4096u
/* The largest host page the emulator simulates: a region of this size and
 * alignment shares one host page under every -p. */
#define BIG_PAGE 65536u

#ifdef __x86_64__
#define REG_PC REG_RIP
#else
#define REG_PC REG_EIP
#endif

/* On i386 the programs are built without -msse, where gcc refuses xmm
 * clobbers; it does not keep anything in xmm registers there either. */
#ifdef __SSE2__
#define XMM0_CLOBBER "xmm0",
#else
#define XMM0_CLOBBER
#endif

struct fault {
    int sig, code;
    uintptr_t addr, pc;
    greg_t regs[NGREG];
};
static volatile struct fault fault;
static sigjmp_buf fault_jmp;
static volatile int fault_expected;

/* A fault outside attempt() is a bug of the program (or of the emulator):
 * the handler then steps aside and the fault kills the process. */
static void on_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    if (!fault_expected) {
        signal(sig, SIG_DFL);
        return;
    }
    fault_expected = 0;
    fault.sig = sig;
    fault.code = si->si_code;
    fault.addr = (uintptr_t)si->si_addr;
    fault.pc = (uintptr_t)uc->uc_mcontext.gregs[REG_PC];
    for (int i = 0; i < NGREG; i++)
        fault.regs[i] = uc->uc_mcontext.gregs[i];
    siglongjmp(fault_jmp, 1);
}

static void catch_faults(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

/* attempt: runs fn(arg); 1 if it faulted (then `fault` says how), else 0.
 * The x87 stack is reset afterwards: a faulting x87 store leaves its operand
 * pushed, and the handler's FPU state is not the interrupted one. */
static int attempt(void (*fn)(void *), void *arg)
{
    fault.sig = 0;
    int faulted = sigsetjmp(fault_jmp, 1);
    if (!faulted) {
        fault_expected = 1;
        fn(arg);
        fault_expected = 0;
    }
    __asm__ volatile("fninit");
    return faulted;
}

static const char *code_name(int sig, int code)
{
    static const struct { int sig, code; const char *name; } names[] = {
        { SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR" },
        { SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR" },
        { SIGBUS, BUS_ADRALN, "BUS_ADRALN" },
        { SIGBUS, BUS_ADRERR, "BUS_ADRERR" },
        { SIGBUS, BUS_OBJERR, "BUS_OBJERR" },
        { SIGSEGV, SI_KERNEL, "SI_KERNEL" },
        { SIGBUS, SI_KERNEL, "SI_KERNEL" },
    };
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].sig == sig && names[i].code == code)
            return names[i].name;
    return "code?";
}

/* offset_text: ADDR as "+0x..." or "-0x..." from BASE, in a static buffer
 * (one of four, so a printf may hold several). */
static const char *offset_text(uintptr_t addr, uintptr_t base)
{
    static char bufs[4][24];
    static unsigned next;
    char *b = bufs[next++ % 4];
    if (addr >= base)
        snprintf(b, sizeof(bufs[0]), "+0x%lx", (unsigned long)(addr - base));
    else
        snprintf(b, sizeof(bufs[0]), "-0x%lx", (unsigned long)(base - addr));
    return b;
}

/* fault_text: the last fault as "SIGSEGV SEGV_ACCERR at <offset from base>". */
static const char *fault_text(uintptr_t base)
{
    static char b[80];
    snprintf(b, sizeof(b), "%s %s at %s", fault.sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
             code_name(fault.sig, fault.code), offset_text(fault.addr, base));
    return b;
}

/* put_code: "mov $VALUE, %eax; ret" at AT, byte by byte (the same code in
 * 32- and 64-bit mode), for the tests that run code they write. */
static void put_code(volatile unsigned char *at, unsigned value)
{
    at[0] = 0xb8;
    at[1] = (unsigned char)value;
    at[2] = (unsigned char)(value >> 8);
    at[3] = (unsigned char)(value >> 16);
    at[4] = (unsigned char)(value >> 24);
    at[5] = 0xc3;
}

/* map_aligned: LEN bytes of private anonymous memory starting on a BIG_PAGE
 * boundary, so its pages share host pages however large the emulator's are. */
static unsigned char *map_aligned(size_t len, int prot)
{
    size_t span = len + BIG_PAGE;
    unsigned char *p = mmap(NULL, span, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    uintptr_t start = ((uintptr_t)p + BIG_PAGE - 1) & ~(uintptr_t)(BIG_PAGE - 1);
    size_t head = start - (uintptr_t)p;
    if (head)
        munmap(p, head);
    if (span - head - len)
        munmap((unsigned char *)start + len, span - head - len);
    return (unsigned char *)start;
}

/* map_fault_pages: a BIG_PAGE mapping whose 4 KiB pages 3, 6 and 9 are
   read-only, inaccessible and unmapped (the register tests' faults). */
struct fault_pages { unsigned char *map, *ro, *none, *hole; };
static struct fault_pages map_fault_pages(void)
{
    struct fault_pages f;

    f.map = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE);
    f.ro = f.map + 3 * PAGE;
    f.none = f.map + 6 * PAGE;
    f.hole = f.map + 9 * PAGE;
    mprotect(f.ro, PAGE, PROT_READ);
    mprotect(f.none, PAGE, PROT_NONE);
    munmap(f.hole, PAGE);
    return f;
}

static void touch_read(void *p) { (void)*(volatile unsigned char *)p; }
static void touch_write_same(void *p)
{
    volatile unsigned char *b = p;
    *b = *b;
}

/* page_letter: what one page allows, probed by a read and, when
 * PROBE_WRITE, by writing the byte just read back (which makes a private
 * file page a private copy: pass 0 where that matters).
 *   w writable   r readable only (or not probed for writing)
 *   n PROT_NONE (SEGV_ACCERR)   . unmapped (SEGV_MAPERR)   B SIGBUS
 *   ? anything else */
static char page_letter(unsigned char *p, int probe_write)
{
    if (attempt(touch_read, p)) {
        if (fault.sig == SIGBUS)
            return 'B';
        if (fault.code == SEGV_MAPERR)
            return '.';
        return fault.code == SEGV_ACCERR ? 'n' : '?';
    }
    if (!probe_write)
        return 'r';
    if (attempt(touch_write_same, p))
        return fault.sig == SIGSEGV && fault.code == SEGV_ACCERR ? 'r' : '?';
    return 'w';
}

/* print_pages: "LABEL: <one letter per page>" over NPAGES pages from P. */
static void print_pages(const char *label, unsigned char *p, unsigned npages, int probe_write)
{
    printf("%s: ", label);
    for (unsigned i = 0; i < npages; i++)
        putchar(page_letter(p + i * PAGE, probe_write));
    putchar('\n');
}

/* The test files' content: a byte that differs from one offset to the next
 * and from one page to the next, so a page shows which file page it holds. */
static unsigned char file_byte(size_t off)
{
    return (unsigned char)(off * 7 + (off >> 12) * 29 + 1);
}

/* make_file: an unlinked file of SIZE bytes of file_byte(), open read-write. */
static int make_file(const char *tag, size_t size)
{
    char path[64];
    snprintf(path, sizeof(path), "/tmp/mem-%s-%d", tag, (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        perror(path);
        exit(2);
    }
    unlink(path);
    unsigned char chunk[PAGE];
    for (size_t done = 0; done < size; done += PAGE) {
        size_t n = size - done < PAGE ? size - done : PAGE;
        for (size_t i = 0; i < n; i++)
            chunk[i] = file_byte(done + i);
        if (pwrite(fd, chunk, n, done) != (ssize_t)n) {
            perror("pwrite");
            exit(2);
        }
    }
    return fd;
}

/* content_letter: what a readable page holds.
 *   0 all zero   a..z every byte that letter (tests fill anonymous pages so)
 *   A..Z page 0..25 of a make_file() file   * anything else */
static char content_letter(const unsigned char *p)
{
    int zero = 1, uniform = 1;
    for (unsigned i = 0; i < PAGE; i++) {
        zero &= p[i] == 0;
        uniform &= p[i] == p[0];
    }
    if (zero)
        return '0';
    if (uniform && p[0] >= 'a' && p[0] <= 'z')
        return (char)p[0];
    for (unsigned k = 0; k < 26; k++) {
        unsigned i = 0;
        while (i < PAGE && p[i] == file_byte(k * PAGE + i))
            i++;
        if (i == PAGE)
            return (char)('A' + k);
    }
    return '*';
}

/* fill_letters: page i of P gets 'a' + i (mod 26) in every byte. */
static void fill_letters(unsigned char *p, unsigned npages)
{
    for (unsigned i = 0; i < npages; i++)
        memset(p + i * PAGE, 'a' + i % 26, PAGE);
}

/* print_contents: "LABEL: <content_letter per page>", a blank for a page that
 * cannot be read (whatever the reason: print_pages says it). */
static void print_contents(const char *label, unsigned char *p, unsigned npages)
{
    printf("%s: ", label);
    for (unsigned i = 0; i < npages; i++)
        putchar(attempt(touch_read, p + i * PAGE) ? ' ' : content_letter(p + i * PAGE));
    putchar('\n');
}

/* print_vmas: "vmas WHEN:" and the /proc/self/maps lines meeting the NPAGES
 * pages from BASE, clipped to them, as page ranges from BASE with their
 * permissions: the kernel's vmas there. */
static void print_vmas(const char *when, unsigned char *base, unsigned npages)
{
    FILE *f = fopen("/proc/self/maps", "r");
    uintptr_t lo_end = (uintptr_t)base, hi_end = (uintptr_t)base + (uintptr_t)npages * PAGE;
    char line[512];

    printf("vmas %s:", when);
    while (f && fgets(line, sizeof(line), f)) {
        unsigned long lo, hi;

        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo < hi_end && hi > lo_end) {
            lo = lo < lo_end ? lo_end : lo;
            hi = hi > hi_end ? hi_end : hi;
            printf(" %lu-%lu %.4s", (unsigned long)((lo - lo_end) / PAGE),
                   (unsigned long)((hi - lo_end) / PAGE), strchr(line, ' ') + 1);
        }
    }
    if (f)
        fclose(f);
    printf("\n");
}

#endif
