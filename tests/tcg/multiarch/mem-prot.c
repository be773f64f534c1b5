/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-prot: 4 KiB protection inside a larger read-write mapping (issue 5,
 * points 1 and 3).  One page P of a 64 KiB-aligned 64 KiB mapping is made
 * PROT_READ, PROT_NONE or read-write without exec, and loads, stores and a
 * read-modify-write of every width (1, 2, 4 bytes, 8 and 16 through SSE,
 * 10 through x87) are made inside P (aligned and not), across into P from
 * the page below, across out of P into the page above, and just below P.
 * For each: the access works or gives SIGSEGV with the si_code and si_addr
 * printed (relative to P), the interrupted pc is the faulting instruction,
 * a load gives the bytes in memory, and a store that faults writes nothing
 * anywhere (the whole mapping is compared afterwards).
 */
#include "mem-test.h"

#define MAP_LEN BIG_PAGE
#define P_OFF (5 * PAGE)

/* Every access is one instruction with a global label, in a function that
 * is never inlined or cloned, so the label marks the only copy.  Each takes
 * the guest address and a buffer (the load's destination, the store's
 * source). */
#define ACCESS(name, body, ...)                                               \
    extern char name##_insn[];                                                \
    __attribute__((noinline, noclone)) static void name(void *mem, void *buf) \
    {                                                                         \
        __asm__ volatile(body : : "r"(mem), "r"(buf) : __VA_ARGS__);          \
    }

#define AT(name) ".globl " #name "_insn\n" #name "_insn: "

ACCESS(ld1, AT(ld1) "movb (%0), %%al\n movb %%al, (%1)", "eax", "memory")
ACCESS(ld2, AT(ld2) "movw (%0), %%ax\n movw %%ax, (%1)", "eax", "memory")
ACCESS(ld4, AT(ld4) "movl (%0), %%eax\n movl %%eax, (%1)", "eax", "memory")
ACCESS(ld8, AT(ld8) "movq (%0), %%xmm0\n movq %%xmm0, (%1)", XMM0_CLOBBER "memory")
ACCESS(ld10, AT(ld10) "fldt (%0)\n fstpt (%1)", "st", "memory")
ACCESS(ld16, AT(ld16) "movdqu (%0), %%xmm0\n movdqu %%xmm0, (%1)", XMM0_CLOBBER "memory")
ACCESS(ld16a, AT(ld16a) "movdqa (%0), %%xmm0\n movdqu %%xmm0, (%1)", XMM0_CLOBBER "memory")
ACCESS(st1, "movb (%1), %%al\n" AT(st1) "movb %%al, (%0)", "eax", "memory")
ACCESS(st2, "movw (%1), %%ax\n" AT(st2) "movw %%ax, (%0)", "eax", "memory")
ACCESS(st4, "movl (%1), %%eax\n" AT(st4) "movl %%eax, (%0)", "eax", "memory")
ACCESS(st8, "movq (%1), %%xmm0\n" AT(st8) "movq %%xmm0, (%0)", XMM0_CLOBBER "memory")
ACCESS(st10, "fldt (%1)\n" AT(st10) "fstpt (%0)", "st", "memory")
ACCESS(st16, "movdqu (%1), %%xmm0\n" AT(st16) "movdqu %%xmm0, (%0)", XMM0_CLOBBER "memory")
ACCESS(st16a, "movdqu (%1), %%xmm0\n" AT(st16a) "movdqa %%xmm0, (%0)", XMM0_CLOBBER "memory")
/* read-modify-write: adds each byte of the buffer's first word */
ACCESS(rmw4, "movl (%1), %%eax\n" AT(rmw4) "addl %%eax, (%0)", "eax", "cc", "memory")

enum kind { LOAD, STORE, RMW };
static const struct access {
    const char *name;
    void (*fn)(void *, void *);
    const char *insn;
    unsigned width;
    enum kind kind;
    int aligned_only;       /* movdqa: any other address is #GP, not tested here */
} accesses[] = {
    { "ld1", ld1, ld1_insn, 1, LOAD, 0 },      { "ld2", ld2, ld2_insn, 2, LOAD, 0 },
    { "ld4", ld4, ld4_insn, 4, LOAD, 0 },      { "ld8", ld8, ld8_insn, 8, LOAD, 0 },
    { "ld10", ld10, ld10_insn, 10, LOAD, 0 },  { "ld16", ld16, ld16_insn, 16, LOAD, 0 },
    { "ld16a", ld16a, ld16a_insn, 16, LOAD, 1 },
    { "st1", st1, st1_insn, 1, STORE, 0 },     { "st2", st2, st2_insn, 2, STORE, 0 },
    { "st4", st4, st4_insn, 4, STORE, 0 },     { "st8", st8, st8_insn, 8, STORE, 0 },
    { "st10", st10, st10_insn, 10, STORE, 0 }, { "st16", st16, st16_insn, 16, STORE, 0 },
    { "st16a", st16a, st16a_insn, 16, STORE, 1 },
    { "rmw4", rmw4, rmw4_insn, 4, RMW, 0 },
};

/* Where the access starts, relative to P, for an access of width W. */
struct place {
    const char *name;
    long (*offset)(unsigned w);
    int aligned;            /* a 16-byte aligned address */
    int crossing;           /* meaningless for width 1 */
};
static long at_start(unsigned w) { (void)w; return 0; }
static long in_middle(unsigned w) { (void)w; return 0x801; }
static long across_in(unsigned w) { return -(long)w / 2; }
static long across_out(unsigned w) { return PAGE - w / 2; }
static long just_below(unsigned w) { return -(long)w; }
static long last_below(unsigned w) { (void)w; return -16; }
static const struct place places[] = {
    { "start", at_start, 1, 0 },          { "middle", in_middle, 0, 0 },
    { "across-in", across_in, 0, 1 },     { "across-out", across_out, 0, 1 },
    { "just-below", just_below, 0, 0 },   { "below-16", last_below, 1, 0 },
};

static const struct prot {
    const char *name;
    int prot;
} prots[] = {
    { "PROT_READ", PROT_READ },
    { "PROT_NONE", PROT_NONE },
    { "RW-noexec", PROT_READ | PROT_WRITE },
};

static unsigned char *map;
static unsigned char expect[MAP_LEN];
static unsigned char buf[16] __attribute__((aligned(16)));

static const struct access *cur;
static unsigned char *cur_addr;
static void run_access(void *unused) { (void)unused; cur->fn(cur_addr, buf); }

static void fill(void)
{
    for (unsigned i = 0; i < MAP_LEN; i++)
        expect[i] = (unsigned char)(i * 7 + (i >> 8));
    memcpy(map, expect, MAP_LEN);
}

static void test(const struct prot *pr, const struct access *a, const struct place *pl)
{
    unsigned char *p = map + P_OFF;
    long off = pl->offset(a->width);
    unsigned char *addr = p + off;

    mprotect(map, MAP_LEN, PROT_READ | PROT_WRITE);
    fill();
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(0xc0 + i);
    mprotect(p, PAGE, pr->prot);

    cur = a;
    cur_addr = addr;
    int faulted = attempt(run_access, NULL);
    mprotect(map, MAP_LEN, PROT_READ | PROT_WRITE);

    printf("%-9s %-5s %-10s %s: ", pr->name, a->name, pl->name, offset_text((uintptr_t)addr, (uintptr_t)p));
    if (faulted) {
        printf("%s, pc %s", fault_text((uintptr_t)p), fault.pc == (uintptr_t)a->insn ? "exact" : "WRONG");
    } else if (a->kind == LOAD) {
        printf("ok, value %s", memcmp(buf, addr, a->width) == 0 ? "right" : "WRONG");
    } else {
        printf("ok");
        if (a->kind == STORE)
            memcpy(expect + (addr - map), buf, a->width);
        else
            for (unsigned i = 0, carry = 0; i < 4; i++) {
                unsigned s = expect[addr - map + i] + buf[i] + carry;
                expect[addr - map + i] = (unsigned char)s;
                carry = s >> 8;
            }
    }
    printf(", memory %s\n", memcmp(map, expect, MAP_LEN) == 0 ? "as expected" : "CORRUPTED");
}

int main(void)
{
    catch_faults();
    map = map_aligned(MAP_LEN, PROT_READ | PROT_WRITE);
    for (unsigned i = 0; i < sizeof(prots) / sizeof(prots[0]); i++)
        for (unsigned j = 0; j < sizeof(accesses) / sizeof(accesses[0]); j++)
            for (unsigned k = 0; k < sizeof(places) / sizeof(places[0]); k++)
                if ((places[k].aligned || !accesses[j].aligned_only) &&
                    (accesses[j].width > 1 || !places[k].crossing))
                    test(&prots[i], &accesses[j], &places[k]);

    /* The neighbours of a protected page stay fully usable. */
    mprotect(map + P_OFF, PAGE, PROT_NONE);
    print_pages("pages with P PROT_NONE", map, MAP_LEN / PAGE, 1);
    mprotect(map + P_OFF, PAGE, PROT_READ);
    print_pages("pages with P PROT_READ", map, MAP_LEN / PAGE, 1);
    return 0;
}
