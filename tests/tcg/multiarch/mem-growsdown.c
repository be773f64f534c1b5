/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-growsdown: a MAP_GROWSDOWN mapping at 4 KiB.  A fault below it grows
 * it down to the faulting page (one vma in /proc/self/maps, zeros in the
 * new pages), unless an accessible mapping lies within the stack guard gap
 * (256 pages) under the new start (a PROT_NONE one does not count); then
 * the access gets SIGSEGV (SEGV_MAPERR).  (RLIMIT_STACK bounds it too: not
 * tested, the emulator keeps the host's limit when the guest sets it.)  mprotect with PROT_GROWSDOWN reaches down to the
 * mapping's start, and is EINVAL on another mapping.  All inside a region
 * the test reserves, at 4 KiB offsets from 64 KiB boundaries.
 */
#include "mem-test.h"
#include <errno.h>

#define REGION_PAGES 640

static unsigned char *region;

/* Writes one byte at page index i of the region: what happened. */
static void touch(const char *what, int i)
{
    unsigned char *p = region + (size_t)i * PAGE + 100;

    if (attempt(touch_write_same, p)) {
        printf("%s (page %d): %s\n", what, i, fault_text((uintptr_t)region));
    } else {
        printf("%s (page %d): written, it read %d\n", what, i, *p);
    }
}

int main(void)
{
    unsigned char *g;

    catch_faults();
    region = map_aligned(REGION_PAGES * PAGE, PROT_NONE);
    munmap(region, REGION_PAGES * PAGE);

    /* 2 pages at 600-601, 4 KiB into a 64 KiB page. */
    g = mmap(region + 600 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED, -1, 0);
    printf("MAP_GROWSDOWN: %s\n", g == region + 600 * PAGE ? "mapped" : "failed");
    touch("just below", 599);
    touch("10 pages below", 590);
    print_vmas("grown to 590", region, REGION_PAGES);

    /* An accessible page at 300: the gap under a new start must be 256
       pages, so the mapping grows to 557 and no further. */
    mmap(region + 300 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    touch("to 557 (gap 256 above 301)", 557);
    touch("to 556 (gap 255)", 556);
    /* A PROT_NONE one does not count. */
    mprotect(region + 300 * PAGE, PAGE, PROT_NONE);
    touch("to 400, the neighbour PROT_NONE", 400);
    print_vmas("grown to 400", region, REGION_PAGES);
    print_pages("pages 398-403", region + 398 * PAGE, 6, 1);

    touch("to 382", 382);

    /* PROT_GROWSDOWN reaches the mapping's start from any page of it. */
    printf("mprotect PROT_GROWSDOWN from 600: %d\n",
           mprotect(region + 600 * PAGE, PAGE, PROT_READ | PROT_GROWSDOWN));
    print_pages("pages 381-386", region + 381 * PAGE, 6, 1);
    print_pages("pages 599-602", region + 599 * PAGE, 4, 1);
    errno = 0;
    printf("mprotect PROT_GROWSDOWN on another mapping: %s\n",
           mprotect(region + 300 * PAGE, PAGE, PROT_READ | PROT_GROWSDOWN) ? strerrorname_np(errno)
                                                                            : "0");
    print_vmas("at the end", region, REGION_PAGES);
    return 0;
}
