/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * stack-guard-gap: a mapping the kernel places (a hint, no MAP_FIXED) never
 * goes into the gap Linux keeps under the stack (stack_guard_gap, 256
 * pages), so that running off the stack faults rather than landing in it;
 * MAP_FIXED may still map there.  Issue 11: the emulator's stack has no
 * guard page of its own, so this gap is all that keeps a stack overflow a
 * SEGV_MAPERR.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

#define GAP (256UL * 4096)

static uintptr_t stack_start(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long lo, hi;

    while (f && fgets(line, sizeof(line), f)) {
        if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &lo, &hi) == 2) {
            fclose(f);
            return lo;
        }
    }
    return 0;
}

int main(void)
{
    uintptr_t lo = stack_start();
    static const unsigned long below[] = { 4096, 65536, GAP - 4096 };

    if (!lo) {
        printf("no [stack] line\n");
        return 1;
    }
    for (unsigned i = 0; i < sizeof(below) / sizeof(below[0]); i++) {
        char *p = mmap((void *)(lo - below[i]), 4096, PROT_READ,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        int in_gap = p != MAP_FAILED && (uintptr_t)p < lo && (uintptr_t)p >= lo - GAP;

        printf("hint %lu KiB under the stack: %s\n", below[i] / 1024,
               p == MAP_FAILED ? "failed" : in_gap ? "placed in the gap" : "placed elsewhere");
        if (p != MAP_FAILED) {
            munmap(p, 4096);
        }
    }
    {
        char *p = mmap((void *)(lo - 65536), 4096, PROT_READ,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

        printf("MAP_FIXED 64 KiB under the stack: %s\n",
               p == (char *)(lo - 65536) ? "placed there" : "not placed there");
    }
    return 0;
}
