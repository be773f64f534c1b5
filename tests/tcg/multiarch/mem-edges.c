/*
 * mem-edges.c: guest loads and stores at the edges of pages the program may
 * not touch.  Every width (1, 2, 4 bytes signed and unsigned, 8 through SSE
 * movq, 10 through x87 fldt/fstpt, 16 through movdqu and movups, and a C
 * 64-bit value, which i386 splits in two instructions), aligned, unaligned
 * and crossing pages, next to a PROT_NONE, a PROT_READ and an unmapped
 * page; also rep stos/movs, lock cmpxchg and cmpxchg8b crossing into a
 * read-only page.  For each access it prints the value read or the signal
 * (si_code, si_addr relative to the page boundary) and whether any byte of
 * the buffer changed: a store that faults must write nothing.
 *
 * The boundaries are 64 KiB aligned, so that the program means the same
 * under -p 65536 (whose host pages would otherwise merge protections).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define BIG 0x10000u            /* 64 KiB: the largest host page -p allows */
#define PAGE 0x1000u

/* i386 builds default to no SSE; the host CPU has it. */
#pragma GCC target("sse2")

static sigjmp_buf env;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;
static volatile unsigned long got_count;   /* rCX when the fault came */

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
#ifdef __x86_64__
    got_count = uc->uc_mcontext.gregs[REG_RCX];
#else
    got_count = uc->uc_mcontext.gregs[REG_ECX];
#endif
    siglongjmp(env, 1);
}

/* The area: lo (RW) | edge | hi (RW), each BIG; edge's protection varies. */
static uint8_t *lo, *edge, *hi;
static uint8_t shadow[3 * BIG];

/* The pattern, made once: the area is reset to it before every access. */
static void make_shadow(void)
{
    for (unsigned i = 0; i < 3 * BIG; i++) {
        shadow[i] = (uint8_t)(i * 7 + 3);
    }
}

static void fill(void)
{
    mprotect(edge, BIG, PROT_READ | PROT_WRITE);
    memcpy(lo, shadow, 3 * BIG);
}

/*
 * The first (dir 1) or last (dir -1) byte of the area that differs from the
 * pattern; there is one.  Blocks that agree are passed over with memcmp,
 * the block that does not is scanned byte by byte.  (The program runs
 * several hundred accesses, each followed by this: under a slow emulator a
 * byte scan of the whole area each time would be most of its run time.)
 */
#define BLOCK 256u

static long find_change(int dir)
{
    long b = dir > 0 ? 0 : 3 * BIG / BLOCK - 1;
    long i;

    while (memcmp(lo + b * BLOCK, shadow + b * BLOCK, BLOCK) == 0) {
        b += dir;
    }
    i = dir > 0 ? b * (long)BLOCK : b * (long)BLOCK + BLOCK - 1;
    while (lo[i] == shadow[i]) {
        i += dir;
    }
    return i;
}

/* Which of the 3 * BIG bytes differ from the pattern, as a range. */
static void report_changes(void)
{
    mprotect(edge, BIG, PROT_READ);
    if (memcmp(lo, shadow, 3 * BIG) == 0) {
        printf(" intact\n");
    } else {
        printf(" wrote [edge%+ld, edge%+ld]\n", find_change(1) - (long)BIG,
               find_change(-1) - (long)BIG);
    }
}

typedef enum { LOAD, STORE } Dir;

typedef struct Access {
    const char *name;
    int size;
    Dir dir;
    void (*run)(uint8_t *p, uint64_t *out);
    bool one_insn_in_parts;     /* emulators tend to store it in parts */
} Access;

static void ld_u8(uint8_t *p, uint64_t *o) { *o = *(volatile uint8_t *)p; }
static void ld_s8(uint8_t *p, uint64_t *o) { *o = (int64_t)*(volatile int8_t *)p; }
static void ld_u16(uint8_t *p, uint64_t *o) { *o = *(volatile uint16_t *)p; }
static void ld_s16(uint8_t *p, uint64_t *o) { *o = (int64_t)*(volatile int16_t *)p; }
static void ld_u32(uint8_t *p, uint64_t *o) { *o = *(volatile uint32_t *)p; }
static void ld_s32(uint8_t *p, uint64_t *o) { *o = (int64_t)*(volatile int32_t *)p; }
static void ld_c64(uint8_t *p, uint64_t *o) { *o = *(volatile uint64_t *)p; }
static void st_8(uint8_t *p, uint64_t *o) { *(volatile uint8_t *)p = 0xa5; }
static void st_16(uint8_t *p, uint64_t *o) { *(volatile uint16_t *)p = 0xa5a6; }
static void st_32(uint8_t *p, uint64_t *o) { *(volatile uint32_t *)p = 0xa5a6a7a8; }
static void st_c64(uint8_t *p, uint64_t *o)
{
    *(volatile uint64_t *)p = 0xa5a6a7a8a9aaabacull;
}

static void ld_movq(uint8_t *p, uint64_t *o)
{
    __asm__ volatile("movq (%1), %%xmm0\n\tmovq %%xmm0, (%0)"
                     :: "r"(o), "r"(p) : "xmm0", "memory");
}

static void st_movq(uint8_t *p, uint64_t *o)
{
    static const uint64_t v = 0x1122334455667788ull;
    __asm__ volatile("movq (%0), %%xmm0\n\tmovq %%xmm0, (%1)"
                     :: "r"(&v), "r"(p) : "xmm0", "memory");
}

/* 16 bytes folded into 8 for printing. */
static void ld_movdqu(uint8_t *p, uint64_t *o)
{
    uint64_t t[2];
    __asm__ volatile("movdqu (%1), %%xmm0\n\tmovdqu %%xmm0, (%0)"
                     :: "r"(t), "r"(p) : "xmm0", "memory");
    *o = t[0] ^ (t[1] * 3);
}

static void st_movdqu(uint8_t *p, uint64_t *o)
{
    static const uint64_t v[2] = { 0x0102030405060708ull, 0x1112131415161718ull };
    __asm__ volatile("movdqu (%0), %%xmm0\n\tmovdqu %%xmm0, (%1)"
                     :: "r"(v), "r"(p) : "xmm0", "memory");
}

static void st_movups(uint8_t *p, uint64_t *o)
{
    static const uint64_t v[2] = { 0x2122232425262728ull, 0x3132333435363738ull };
    __asm__ volatile("movups (%0), %%xmm1\n\tmovups %%xmm1, (%1)"
                     :: "r"(v), "r"(p) : "xmm1", "memory");
}

/* 80-bit: loaded with fldt and stored back into a buffer with fstpt. */
static void ld_fldt(uint8_t *p, uint64_t *o)
{
    uint8_t t[10];
    uint16_t hi16;
    __asm__ volatile("fninit\n\tfldt (%1)\n\tfstpt (%0)" :: "r"(t), "r"(p) : "memory");
    memcpy(o, t, 8);
    memcpy(&hi16, t + 8, 2);
    *o ^= hi16;
}

static void st_fstpt(uint8_t *p, uint64_t *o)
{
    __asm__ volatile("fninit\n\tfldpi\n\tfstpt (%0)" :: "r"(p) : "memory");
}

static const Access accesses[] = {
    { "ld u8", 1, LOAD, ld_u8 }, { "ld s8", 1, LOAD, ld_s8 },
    { "ld u16", 2, LOAD, ld_u16 }, { "ld s16", 2, LOAD, ld_s16 },
    { "ld u32", 4, LOAD, ld_u32 }, { "ld s32", 4, LOAD, ld_s32 },
    { "ld c64", 8, LOAD, ld_c64 }, { "ld movq", 8, LOAD, ld_movq },
    { "ld fldt", 10, LOAD, ld_fldt }, { "ld movdqu", 16, LOAD, ld_movdqu },
    { "st 8", 1, STORE, st_8 }, { "st 16", 2, STORE, st_16 },
    { "st 32", 4, STORE, st_32 }, { "st c64", 8, STORE, st_c64 },
    { "st movq", 8, STORE, st_movq },
    { "st fstpt", 10, STORE, st_fstpt, true },
    { "st movdqu", 16, STORE, st_movdqu, true },
    { "st movups", 16, STORE, st_movups, true },
};

/* Where an access starts, relative to a boundary: well before it, ending
   just before it, crossing it by one byte, crossing it by all but one,
   starting on it, and unaligned inside. */
static long starts(int size, int k)
{
    const long at[] = { -64, -size, -size + 1, -1, 0, 3 };
    return k < 6 ? at[k] : 0;
}

static void print_signal(void)
{
    printf(" sig %d code %d addr edge%+ld", got_sig, got_code,
           (long)(got_addr - (uintptr_t)edge));
}

/*
 * On a kernel without 32-bit support the i386 reference is Debian's
 * qemu-i386 (7.2), which writes the first 8 bytes of these before the
 * fault: for i386 the bytes they leave after a fault are not printed.  The
 * x86_64 build checks them against the hardware.
 */
#ifdef __i386__
#define REFERENCE_SPLITS_STORES 1
#else
#define REFERENCE_SPLITS_STORES 0
#endif

static void run_access(const Access *a, uint8_t *p, int edge_prot)
{
    uint64_t v = 0;

    fill();
    mprotect(edge, BIG, edge_prot);
    got_sig = 0;
    if (sigsetjmp(env, 1) == 0) {
        a->run(p, &v);
        if (a->dir == LOAD) {
            printf(" value %016llx", (unsigned long long)v);
        } else {
            printf(" ok");
        }
    } else {
        print_signal();
        if (REFERENCE_SPLITS_STORES && a->one_insn_in_parts) {
            printf(" (bytes left not compared)\n");
            return;
        }
    }
    report_changes();
}

static const struct { const char *name; int prot; } edge_prots[] = {
    { "none", PROT_NONE }, { "read", PROT_READ },
};

static void sweep_widths(void)
{
    for (unsigned e = 0; e < sizeof(edge_prots) / sizeof(edge_prots[0]); e++) {
        for (unsigned i = 0; i < sizeof(accesses) / sizeof(accesses[0]); i++) {
            const Access *a = &accesses[i];

            for (int k = 0; k < 6; k++) {
                /* into the edge from below, then out of it into hi */
                long into = starts(a->size, k), out = BIG + starts(a->size, k);

                printf("%-10s edge=%s at edge%+ld:", a->name, edge_prots[e].name,
                       into);
                run_access(a, edge + into, edge_prots[e].prot);
                printf("%-10s edge=%s at edge%+ld:", a->name, edge_prots[e].name,
                       out);
                run_access(a, edge + out, edge_prots[e].prot);
            }
        }
    }
}

/* rep stosb / movsb from lo running into a read-only edge: the bytes below
   the edge are written, rCX counts the rest. */
static void sweep_strings(void)
{
    static const long lens[] = { 1, 7, 4096 + 5 };

    for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        uint8_t *d = edge - 3;
        unsigned long n = lens[i];

        fill();
        mprotect(edge, BIG, PROT_READ);
        got_sig = 0;
        printf("rep stosb len %ld at edge-3:", lens[i]);
        if (sigsetjmp(env, 1) == 0) {
            __asm__ volatile("cld\n\trep stosb" : "+D"(d), "+c"(n) : "a"(0x5a)
                             : "memory");
            printf(" ok");
        } else {
            print_signal();
            printf(" rcx %lu", got_count);
        }
        report_changes();

        d = edge - 3;
        n = lens[i];
        fill();
        mprotect(edge, BIG, PROT_READ);
        got_sig = 0;
        printf("rep movsb len %ld at edge-3:", lens[i]);
        if (sigsetjmp(env, 1) == 0) {
            const uint8_t *s = hi + 100;
            __asm__ volatile("cld\n\trep movsb" : "+D"(d), "+S"(s), "+c"(n)
                             :: "memory");
            printf(" ok");
        } else {
            print_signal();
            printf(" rcx %lu", got_count);
        }
        report_changes();
    }
}

/* Locked read-modify-writes crossing into a read-only edge. */
static void sweep_locked(void)
{
    for (long at = -3; at <= -1; at++) {
        uint8_t *p = edge + at;

        fill();
        mprotect(edge, BIG, PROT_READ);
        got_sig = 0;
        printf("lock cmpxchg32 at edge%+ld:", at);
        if (sigsetjmp(env, 1) == 0) {
            uint32_t expect = *(uint32_t *)p;
            __asm__ volatile("lock cmpxchgl %2, (%1)" : "+a"(expect)
                             : "r"(p), "r"(0x55aa55aau) : "memory");
            printf(" ok");
        } else {
            print_signal();
        }
        report_changes();

        p = edge + at - 4;
        fill();
        mprotect(edge, BIG, PROT_READ);
        got_sig = 0;
        printf("cmpxchg8b at edge%+ld:", at - 4);
        if (sigsetjmp(env, 1) == 0) {
            uint32_t lo32, hi32;
            memcpy(&lo32, p, 4);
            memcpy(&hi32, p + 4, 4);
            __asm__ volatile("lock cmpxchg8b (%2)" : "+a"(lo32), "+d"(hi32)
                             : "r"(p), "b"(1), "c"(2) : "memory");
            printf(" ok");
        } else {
            print_signal();
        }
        report_changes();
    }
}

/* An unmapped page: SEGV_MAPERR at the first byte not mapped. */
static void sweep_unmapped(void)
{
    for (unsigned i = 0; i < sizeof(accesses) / sizeof(accesses[0]); i++) {
        const Access *a = &accesses[i];
        uint64_t v = 0;

        fill();
        munmap(hi, BIG);
        got_sig = 0;
        printf("%-10s unmapped at edge+%ld:", a->name, (long)BIG - 1);
        if (sigsetjmp(env, 1) == 0) {
            a->run(edge + BIG - 1, &v);
            printf(" no fault\n");
        } else {
            print_signal();
            printf("\n");
        }
        if (mmap(hi, BIG, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != hi) {
            printf("cannot map hi again\n");
            return;
        }
    }
}

int main(void)
{
    struct sigaction sa;
    uint8_t *area = mmap(NULL, 5 * BIG, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (area == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    lo = (uint8_t *)(((uintptr_t)area + BIG - 1) & ~(uintptr_t)(BIG - 1));
    edge = lo + BIG;
    hi = edge + BIG;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    setvbuf(stdout, NULL, _IOLBF, 0);
    make_shadow();
    sweep_widths();
    sweep_strings();
    sweep_locked();
    sweep_unmapped();
    return 0;
}
