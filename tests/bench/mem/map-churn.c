/*
 * map-churn.c: the cost of the mmap family at 4 KiB (issue 5, point 10).
 * Each round maps 8 pages, protects one page in the middle PROT_NONE and
 * another read-only, unmaps one page, maps it again MAP_FIXED, and unmaps
 * all: 6 calls.  Prints the number of calls made.
 */
#include <stdio.h>
#include <sys/mman.h>

#define ROUNDS 20000
#define PAGE 4096

int main(void)
{
    long calls = 0;

    for (int r = 0; r < ROUNDS; r++) {
        char *p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        if (p == MAP_FAILED
            || mprotect(p + 3 * PAGE, PAGE, PROT_NONE) != 0
            || mprotect(p + 5 * PAGE, PAGE, PROT_READ) != 0
            || munmap(p + 6 * PAGE, PAGE) != 0
            || mmap(p + 6 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED
            || munmap(p, 8 * PAGE) != 0) {
            perror("round");
            return 1;
        }
        calls += 6;
    }
    printf("%ld calls\n", calls);
    return 0;
}
