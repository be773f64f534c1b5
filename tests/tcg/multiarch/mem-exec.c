/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-exec: instruction fetch against 4 KiB PROT_EXEC (issue 5, points 1
 * and 3: fetch by the translator).  In one 64 KiB region, pages that are
 * RWX, RW, RX, R and unmapped lie side by side.  Calls into a page without
 * PROT_EXEC give SIGSEGV at the called address with the pc there; an
 * instruction that starts on an executable page and straddles into one
 * that is not faults at the start of the second page with the pc at the
 * instruction; code that was run once stops running when mprotect takes
 * PROT_EXEC away and runs again when it is given back.
 */
#include "mem-test.h"

static unsigned char *map;
static unsigned char *target;
static volatile unsigned result;
static void call_target(void *unused)
{
    (void)unused;
    result = ((unsigned (*)(void))(uintptr_t)target)();
}

static void call(const char *what, unsigned char *at)
{
    target = at;
    result = 0;
    printf("%-40s ", what);
    if (attempt(call_target, NULL))
        printf("%s, pc %s\n", fault_text((uintptr_t)map), offset_text(fault.pc, (uintptr_t)map));
    else
        printf("returned %u\n", result);
}

int main(void)
{
    catch_faults();
    map = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
    unsigned char *rwx = map + 3 * PAGE, *rw = map + 4 * PAGE, *rx = map + 5 * PAGE;
    unsigned char *r = map + 6 * PAGE, *hole = map + 7 * PAGE;

    put_code(rwx + 0x100, 1);
    put_code(rw + 0x200, 2);
    put_code(r + 0x300, 3);
    put_code(rx + 0x400, 4);
    /* an instruction whose first byte is the last of the RWX page */
    put_code(rw - 1, 5);
    /* a run of nops up to the end of the RX page, then mov/ret on the R page */
    memset(rx + PAGE - 16, 0x90, 16);
    put_code(r, 7);
    mprotect(rw, PAGE, PROT_READ | PROT_WRITE);
    mprotect(r, PAGE, PROT_READ);
    mprotect(rx, PAGE, PROT_READ | PROT_EXEC);
    munmap(hole, PAGE);

    call("RWX page", rwx + 0x100);
    call("RW page", rw + 0x200);
    call("R page", r + 0x300);
    call("RX page", rx + 0x400);
    call("unmapped page", hole + 0x10);
    call("mov straddling RWX into RW", rw - 1);
    call("nops on RX page, then ret on R page", rx + PAGE - 16);

    /* The R page's code is all there: it runs once executable. */
    mprotect(r, PAGE, PROT_READ | PROT_EXEC);
    call("R page made RX", r + 0x300);
    call("nops on RX page, then R page made RX", rx + PAGE - 16);

    /* Taking PROT_EXEC away from code already run, then giving it back. */
    mprotect(rx, PAGE, PROT_READ);
    call("RX page made R", rx + 0x400);
    mprotect(rx, PAGE, PROT_READ | PROT_EXEC);
    call("and RX again", rx + 0x400);
    mprotect(rwx, PAGE, PROT_NONE);
    call("RWX page made PROT_NONE", rwx + 0x100);
    mprotect(rwx, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
    call("and RWX again", rwx + 0x100);

    /* The data accesses of the neighbours are unaffected. */
    print_pages("pages", map + 2 * PAGE, 7, 1);
    return 0;
}
