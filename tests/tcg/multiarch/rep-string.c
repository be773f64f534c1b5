/*
 * rep-string: rep movs and rep stos of every element size, forwards and
 * backwards (std), with counts 0, 1, odd and 1 MiB; overlapping copies
 * whose result depends on the element order (the dst = src + 1 "smear");
 * an FS/GS source override; and copies and fills that run into a page
 * they may not touch, where the SIGSEGV handler prints si_addr and the
 * rCX/rSI/rDI the ucontext shows (all relative to the buffers); and
 * copies and fills over code that has already run (self-modifying code).  The
 * emulator does these in chunks through host memmove/fill, so the output
 * checks that every observable detail is still the element-by-element one.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <signal.h>
#include <setjmp.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/ucontext.h>

#ifdef __x86_64__
#define REG_C REG_RCX
#define REG_S REG_RSI
#define REG_D REG_RDI
#else
#define REG_C REG_ECX
#define REG_S REG_ESI
#define REG_D REG_EDI
#endif

#define BIG (1ul << 20)
#define REGION (BIG + 4096)

typedef void movs_fn(char **d, char **s, unsigned long *c, int back);
typedef void stos_fn(char **d, unsigned long *c, unsigned long v, int back);

/* The direction flag is set only around the instruction: C code needs it clear. */
#define DEF_MOVS(insn)                                                       \
static void insn(char **d, char **s, unsigned long *c, int back)            \
{                                                                            \
    if (back)                                                                \
        __asm__ volatile("std\n\trep " #insn "\n\tcld"                        \
                         : "+D"(*d), "+S"(*s), "+c"(*c) :: "memory");        \
    else                                                                     \
        __asm__ volatile("rep " #insn                                         \
                         : "+D"(*d), "+S"(*s), "+c"(*c) :: "memory");        \
}
#define DEF_STOS(insn)                                                       \
static void insn(char **d, unsigned long *c, unsigned long v, int back)      \
{                                                                            \
    if (back)                                                                \
        __asm__ volatile("std\n\trep " #insn "\n\tcld"                        \
                         : "+D"(*d), "+c"(*c) : "a"(v) : "memory");          \
    else                                                                     \
        __asm__ volatile("rep " #insn                                         \
                         : "+D"(*d), "+c"(*c) : "a"(v) : "memory");          \
}
DEF_MOVS(movsb) DEF_MOVS(movsw) DEF_MOVS(movsl)
DEF_STOS(stosb) DEF_STOS(stosw) DEF_STOS(stosl)
#ifdef __x86_64__
DEF_MOVS(movsq) DEF_STOS(stosq)
#endif

static const struct {
    const char *name;
    int size;
    movs_fn *movs;
    stos_fn *stos;
} kinds[] = {
    { "b", 1, movsb, stosb }, { "w", 2, movsw, stosw }, { "l", 4, movsl, stosl },
#ifdef __x86_64__
    { "q", 8, movsq, stosq },
#endif
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static unsigned char *src, *dst;

static uint32_t hash(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;

    while (n--)
        h = (h ^ *p++) * 16777619u;
    return h;
}

static void fill_pattern(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 131 + (i >> 9) + 7);
}

/* Where the first element goes: the last one's address when going down. */
static size_t first_elem(int size, unsigned long count, int back)
{
    return 64 + (back && count ? (count - 1) * size : 0);
}

static void test_copy(int k, unsigned long count, int back)
{
    int size = kinds[k].size;
    char *d = (char *)dst + first_elem(size, count, back);
    char *s = (char *)src + 3 + first_elem(size, count, back);
    unsigned long c = count;

    memset(dst, 0xee, REGION);
    kinds[k].movs(&d, &s, &c, back);
    printf("movs%s %-7lu %s: dst %08x rcx %lu rsi %+ld rdi %+ld\n", kinds[k].name,
           count, back ? "down" : "up", (unsigned)hash(dst, REGION), c,
           (long)(s - (char *)src), (long)(d - (char *)dst));
}

static void test_fill(int k, unsigned long count, int back)
{
    int size = kinds[k].size;
    char *d = (char *)dst + 1 + first_elem(size, count, back);
    unsigned long c = count;

    memset(dst, 0xee, REGION);
    kinds[k].stos(&d, &c, (unsigned long)0x8877665544332211ull, back);
    printf("stos%s %-7lu %s: dst %08x rcx %lu rdi %+ld\n", kinds[k].name,
           count, back ? "down" : "up", (unsigned)hash(dst, REGION), c,
           (long)(d - (char *)dst));
}

/* Source and destination in one buffer, delta bytes apart. */
static void test_overlap(int k, long delta, unsigned long count, int back)
{
    int size = kinds[k].size;
    char *s = (char *)src + first_elem(size, count, back);
    char *d = s + delta;
    unsigned long c = count;

    fill_pattern(src, REGION);
    kinds[k].movs(&d, &s, &c, back);
    printf("overlap movs%s delta %+ld count %lu %s: %08x rcx %lu rsi %+ld rdi %+ld\n",
           kinds[k].name, delta, count, back ? "down" : "up",
           (unsigned)hash(src, REGION), c, (long)(s - (char *)src),
           (long)(d - (char *)src));
}

/* A source through FS (x86_64) or GS (i386): the thread's own TLS block,
   whose first word is its own address. */
static __thread char tls_buf[256];

static void test_seg_override(void)
{
    char *base, *d = (char *)dst;
    unsigned long c = sizeof(tls_buf);
    char *s;

    for (unsigned i = 0; i < sizeof(tls_buf); i++)
        tls_buf[i] = (char)(i ^ 0x5a);
#ifdef __x86_64__
    __asm__("mov %%fs:0, %0" : "=r"(base));
    s = (char *)(tls_buf - base);
    __asm__ volatile("rep movsb %%fs:(%%rsi), %%es:(%%rdi)"
                     : "+D"(d), "+S"(s), "+c"(c) :: "memory");
#else
    __asm__("mov %%gs:0, %0" : "=r"(base));
    s = (char *)(tls_buf - base);
    __asm__ volatile("rep movsb %%gs:(%%esi), %%es:(%%edi)"
                     : "+D"(d), "+S"(s), "+c"(c) :: "memory");
#endif
    printf("segment override: %s, rcx %lu, rsi advanced %ld\n",
           memcmp(dst, tls_buf, sizeof(tls_buf)) ? "WRONG" : "copied", c,
           (long)(s - (tls_buf - base)));
}

#ifdef __x86_64__
/* addr32: ECX/ESI/EDI count and address; writing them clears the upper
   halves of RCX/RSI/RDI. */
static void test_addr32(void)
{
    unsigned char *b = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    unsigned long d = (unsigned long)b + 4096, s = (unsigned long)b;
    unsigned long c = 1000 | (7ul << 32);

    if (b == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    fill_pattern(b, 4096);
    __asm__ volatile("addr32 rep movsl" : "+D"(d), "+S"(s), "+c"(c) :: "memory");
    printf("addr32 rep movsl: %s, rcx %#lx, rsi %+ld, rdi %+ld\n",
           memcmp(b, b + 4096, 4000) ? "WRONG" : "copied", c,
           (long)(s - (unsigned long)b), (long)(d - (unsigned long)b));
    munmap(b, 8192);
}
#endif

/* ---- faults ---- */

static sigjmp_buf jb;
static volatile uintptr_t fault_addr, fault_c, fault_s, fault_d;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    (void)sig;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    fault_c = uc->uc_mcontext.gregs[REG_C];
    fault_s = uc->uc_mcontext.gregs[REG_S];
    fault_d = uc->uc_mcontext.gregs[REG_D];
    siglongjmp(jb, 1);
}

/* The page the faulting copies run into; offsets are printed relative to
   it, and the 256 bytes before it are reset before each copy. */
static unsigned char *guard;
static long pg;

/* s: the first element's source (0 for stos), d: its destination. */
static void report(const char *what, int faulted, unsigned long c,
                   uintptr_t s, uintptr_t d)
{
    uintptr_t mid = (uintptr_t)guard;

    if (!faulted) {
        printf("%s: no fault, rcx %lu\n", what, c);
        return;
    }
    printf("%s: SIGSEGV %s at page%+ld, rcx %lu, ", what,
           fault_code == SEGV_ACCERR ? "ACCERR" : fault_code == SEGV_MAPERR ? "MAPERR" : "?",
           (long)(fault_addr - mid), (unsigned long)fault_c);
    if (s)
        printf("rsi %+ld, ", (long)(fault_s - s));
    printf("rdi %+ld, bytes before the page %08x\n", (long)(fault_d - d),
           (unsigned)hash(guard - 256, 256));
}

/* rep movs with the given element kind from s to d; prints where it stopped. */
static void fault_copy(const char *what, int k, char *d, char *s,
                       unsigned long count, int back)
{
    char *d0 = d, *s0 = s;
    unsigned long c = count;

    memset(guard - 256, 0x11, 256);
    if (sigsetjmp(jb, 1) == 0) {
        kinds[k].movs(&d, &s, &c, back);
        report(what, 0, c, 0, 0);
    } else {
        report(what, 1, 0, (uintptr_t)s0, (uintptr_t)d0);
    }
}

static void fault_fill(const char *what, int k, char *d, unsigned long count,
                       int back)
{
    char *d0 = d;
    unsigned long c = count;

    memset(guard - 256, 0x11, 256);
    if (sigsetjmp(jb, 1) == 0) {
        kinds[k].stos(&d, &c, 0xa5a5a5a5ul, back);
        report(what, 0, c, 0, 0);
    } else {
        report(what, 1, 0, 0, (uintptr_t)d0);
    }
}

static void test_faults(void)
{
    struct sigaction sa;
    unsigned char *pages;
    char *mid;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);

    pg = sysconf(_SC_PAGESIZE);
    pages = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    guard = pages + pg;
    mid = (char *)guard;
    fill_pattern(src, 4096);
    mprotect(mid, pg, PROT_NONE);

    fault_copy("movsb dst into PROT_NONE, up", 0, mid - 100, (char *)src, 300, 0);
    fault_copy("movsb dst into PROT_NONE, down", 0, mid + pg + 50, (char *)src + 1000, 300, 1);
    fault_copy("movsb src in PROT_NONE, up", 0, (char *)dst, mid - 100, 300, 0);
    fault_copy("movsl src in PROT_NONE, down", 2, (char *)dst + 64, mid + pg + 8, 10, 1);
    fault_copy("movsl dst straddles PROT_NONE", 2, mid - 10, (char *)src, 50, 0);
    fault_copy("movsb large dst into PROT_NONE", 0, (char *)pages, (char *)src, 5000, 0);
    fault_fill("stosl dst straddles PROT_NONE", 2, mid - 10, 50, 0);
    fault_fill("stosw dst into PROT_NONE, down", 1, mid + pg + 6, 100, 1);
    mprotect(mid, pg, PROT_READ);
    fault_fill("stosb into read-only page", 0, mid - 3000, 10000, 0);
    fault_copy("movsb from read-only page", 0, (char *)dst, mid, 300, 0);
    munmap(mid, pg);
    fault_copy("movsb dst into unmapped page", 0, mid - 7, (char *)src, 20, 0);
}

/* Code that returns a number, rewritten by rep movsb / rep stosb after it
   ran.  The last two copies write the code page and then fault: one on its
   destination (the page after the code is fine, the next one is PROT_NONE),
   one on its source, before the emulator has looked at the destination. */
static void test_smc(void)
{
    static const unsigned char ret1[] = { 0xb8, 1, 0, 0, 0, 0xc3 };  /* mov $1, %eax; ret */
    unsigned char *code = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int (*fn)(void) = (int (*)(void))code;
    char *d, *s;
    unsigned long c;
    int r1, r2, r3;

    if (code == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    memcpy(code, ret1, sizeof(ret1));
    r1 = fn();
    memcpy(src, ret1, sizeof(ret1));
    src[1] = 2;
    d = (char *)code, s = (char *)src, c = sizeof(ret1);
    movsb(&d, &s, &c, 0);
    r2 = fn();
    d = (char *)code + 1, c = 1;
    stosb(&d, &c, 3, 0);
    r3 = fn();
    printf("smc: %d %d %d\n", r1, r2, r3);

    guard = code + 2 * pg;
    mprotect(guard, pg, PROT_NONE);
    src[1] = 4;
    fault_copy("movsb over code, dst into PROT_NONE", 0, (char *)code, (char *)src,
               2 * pg + 10, 0);
    printf("smc after fault: %d\n", fn());
    memcpy(guard - 300, ret1, sizeof(ret1));
    guard[-299] = 5;
    fault_copy("movsb over code, src in PROT_NONE", 0, (char *)code,
               (char *)guard - 300, 310, 0);
    printf("smc after fault: %d\n", fn());
    munmap(code, 3 * pg);
}

int main(void)
{
    static const unsigned long counts[] = { 0, 1, 7, 4097 };

    src = malloc(REGION);
    dst = malloc(REGION);
    fill_pattern(src, REGION);
    for (unsigned k = 0; k < NKINDS; k++) {
        for (int back = 0; back < 2; back++) {
            for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
                test_copy(k, counts[i], back);
                test_fill(k, counts[i], back);
            }
            test_copy(k, BIG / kinds[k].size, back);
            test_fill(k, BIG / kinds[k].size + 1, back);
        }
    }

    /* dst after src going up, or below it going down: each element reads
       what an earlier one wrote. */
    test_overlap(0, 1, 1000, 0);
    test_overlap(0, 1, BIG - 128, 0);
    test_overlap(0, 3, BIG - 128, 0);
    test_overlap(1, 1, 1001, 0);
    test_overlap(1, 3, 5000, 0);
    test_overlap(2, 1, 1001, 0);
    test_overlap(2, 4, 1001, 0);
    test_overlap(2, 6, 100001, 0);
    test_overlap(0, -1, 1000, 1);
    test_overlap(2, -2, 1001, 1);
    test_overlap(2, -6, 1001, 1);
    /* The memmove-like directions. */
    test_overlap(0, -1, 1000, 0);
    test_overlap(2, -4, 100000, 0);
    test_overlap(0, 1, 1000, 1);
    test_overlap(2, 2, 1001, 1);
#ifdef __x86_64__
    test_overlap(3, 8, 1001, 0);
    test_overlap(3, 12, 1001, 0);
    test_overlap(3, 3, 1001, 0);
    test_overlap(3, -3, 1001, 1);
    test_addr32();
#endif
    test_seg_override();
    test_faults();
    test_smc();
    return 0;
}
