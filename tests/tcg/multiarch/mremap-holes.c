/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mremap-holes: what Linux asks of the old range.  Shrinking (or keeping
 * the size) needs only its first page mapped: the tail is unmapped as
 * munmap would, holes and all.  Growing needs the whole old range in one
 * mapping (EFAULT across a hole or a protection change).  Found by the
 * system-call fuzzer (issue 11): the emulator refused a shrink over a hole.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#define P 4096

static void show(const char *what, void *r)
{
    printf("%s: %s\n", what, r == MAP_FAILED ? strerror(errno) : "ok");
}

static char *map_pages(int n)
{
    return mmap(NULL, n * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

int main(void)
{
    char *a = map_pages(8), *b = map_pages(8), *c = map_pages(8);

    munmap(a + 2 * P, P);
    show("shrink over a hole", mremap(a, 4 * P, P, 0));
    printf("page after the hole unmapped: %d\n", mprotect(a + 3 * P, P, PROT_READ) != 0);

    munmap(b, P);
    show("shrink from a hole", mremap(b, 4 * P, P, 0));
    printf("range kept: %d\n", mprotect(b + 2 * P, P, PROT_READ) == 0);
    show("same size", mremap(b + P, 7 * P, 7 * P, 0));
    munmap(b + 3 * P, P);
    show("same size over a hole", mremap(b + P, 6 * P, 6 * P, 0));
    show("grow over a hole", mremap(b + P, 6 * P, 9 * P, MREMAP_MAYMOVE));

    mprotect(c + 2 * P, P, PROT_READ);
    show("grow across two mappings", mremap(c, 4 * P, 5 * P, MREMAP_MAYMOVE));
    show("grow into the next mapping", mremap(c, P, 2 * P, 0));
    show("shrink across two mappings", mremap(c, 6 * P, P, 0));
    printf("tail unmapped: %d\n", mprotect(c + 2 * P, P, PROT_READ) != 0);
    return 0;
}
