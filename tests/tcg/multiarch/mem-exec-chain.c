/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-exec-chain: direct jumps from one page into code on the next, run
 * often enough that an emulator links them straight to the translated
 * target (issue 7: chaining across pages).  Once the target page's code is
 * rewritten, its protection drops, it is unmapped or mapped afresh, the
 * same jumps must run the new code or fault at the target, exactly as they
 * do on the first run.  Three kinds of jump leave page A for page B: jmp
 * rel32, a taken je rel32, and falling off the end of A into B.
 */
#include "mem-test.h"

#define RUNS 3   /* the first run links the jump, the later ones take it */

static unsigned char *map, *page_a, *page_b;

/* Opcode bytes then a rel32 reaching to. */
static void put_jump(unsigned char *at, const unsigned char *opcode, int len,
                     unsigned char *to)
{
    int32_t rel = (int32_t)(to - (at + len + 4));
    memcpy(at, opcode, len);
    memcpy(at + len, &rel, 4);
}

static const struct entry {
    const char *name;
    unsigned a_off;     /* where the caller enters page A */
    unsigned b_off;     /* where the code on page B is */
} entries[] = {
    { "jmp", 0x10, 0x100 },
    { "je", 0x20, 0x200 },
    { "fall through", PAGE - 16, 0 },
};
#define NENTRIES (sizeof(entries) / sizeof(entries[0]))

static void write_page_a(void)
{
    static const unsigned char jmp[] = { 0xe9 };
    static const unsigned char xor_je[] = { 0x31, 0xc0, 0x0f, 0x84 }; /* xor eax,eax; je */

    put_jump(page_a + entries[0].a_off, jmp, sizeof(jmp), page_b + entries[0].b_off);
    put_jump(page_a + entries[1].a_off, xor_je, sizeof(xor_je), page_b + entries[1].b_off);
    page_a[entries[1].a_off + sizeof(xor_je) + 4] = 0xc3;     /* not taken: ret */
    memset(page_a + entries[2].a_off, 0x90, 16);                /* nops to the end of A */
}

/* Page B's code for the jumps, written at b (page B or another mapping of
   its memory): entry i returns base + i. */
static void write_code(unsigned char *b, unsigned base)
{
    for (unsigned i = 0; i < NENTRIES; i++)
        put_code(b + entries[i].b_off, base + i);
}

static unsigned char *target;
static volatile unsigned result;
static void call_target(void *unused)
{
    (void)unused;
    result = ((unsigned (*)(void))(uintptr_t)target)();
}

/* Each jump RUNS times; what the last run did. */
static void run_jumps(const char *what)
{
    for (unsigned i = 0; i < NENTRIES; i++) {
        int faulted = 0;
        target = page_a + entries[i].a_off;
        for (int r = 0; r < RUNS; r++) {
            result = 0;
            faulted = attempt(call_target, NULL);
        }
        printf("%-28s %-13s ", what, entries[i].name);
        if (faulted)
            printf("%s, pc %s\n", fault_text((uintptr_t)map), offset_text(fault.pc, (uintptr_t)map));
        else
            printf("returned 0x%x\n", result);
    }
}

/* New private RWX memory at page B (MAP_FIXED). */
static void map_fresh_b(void)
{
    if (mmap(page_b, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != page_b) {
        perror("mmap");
        exit(2);
    }
}

int main(void)
{
    catch_faults();
    map = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
    page_a = map + 3 * PAGE;
    page_b = map + 4 * PAGE;
    write_page_a();
    write_code(page_b, 0x100);
    run_jumps("B written");

    /* Rewritten by a store while the jumps into it are linked. */
    write_code(page_b, 0x200);
    run_jumps("B rewritten");

    mprotect(page_b, PAGE, PROT_READ | PROT_WRITE);
    run_jumps("B made RW");
    mprotect(page_b, PAGE, PROT_READ | PROT_EXEC);
    run_jumps("B made RX");
    mprotect(page_b, PAGE, PROT_NONE);
    run_jumps("B made PROT_NONE");
    mprotect(page_b, PAGE, PROT_READ | PROT_EXEC);
    run_jumps("B made RX again");

    munmap(page_b, PAGE);
    run_jumps("B unmapped");
    map_fresh_b();
    write_code(page_b, 0x300);
    run_jumps("B mapped again");

    /* Replaced in place by a new mapping, without an unmap first. */
    map_fresh_b();
    write_code(page_b, 0x400);
    run_jumps("B replaced by MAP_FIXED");

    /* B shows shared memory, read-only, and is rewritten through a second,
       writable mapping of it. */
    int fd = memfd_create("mem-exec-chain", 0);
    if (fd < 0 || ftruncate(fd, PAGE) != 0) {
        perror("memfd");
        return 2;
    }
    unsigned char *writer = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (writer == MAP_FAILED
        || mmap(page_b, PAGE, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0) != page_b) {
        perror("mmap");
        return 2;
    }
    write_code(writer, 0x500);
    run_jumps("B shared, written");
    write_code(writer, 0x600);
    run_jumps("B shared, rewritten");
    return 0;
}
