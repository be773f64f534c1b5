/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * maps-brk: the bss and the brk area in /proc/self/maps.  The kernel keeps
 * the anonymous end of the bss and the brk area in vmas of their own, also
 * where they meet (a static program's brk area starts at the page after
 * its bss unless the break is randomized), and names only the vma that
 * overlaps [start_brk, brk) "[heap]".  The lines are found by what they
 * hold (the last byte of the bss, the byte below the break) and compared
 * with start_brk of /proc/self/stat: no address is printed, so that a
 * randomized break prints the same.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE 4096u

/* 64 KiB of bss: its end is anonymous whatever the data before it. */
static char bss_block[65536];
extern char end[];

typedef struct MapsEntry {
    uintptr_t lo, hi;
    char name[64];
} MapsEntry;

/* The line of /proc/self/maps holding address a, or lo == hi == 0. */
static MapsEntry line_holding(uintptr_t a)
{
    MapsEntry e = { 0 };
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");

    while (f && fgets(line, sizeof(line), f)) {
        unsigned long lo, hi;
        int name_at = 0;

        if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi, &name_at) >= 2
            && lo <= a && a < hi) {
            e.lo = lo;
            e.hi = hi;
            /* (a file's name is the build's: only its kind is printed) */
            if (name_at && line[name_at] == '/') {
                strcpy(e.name, "a file");
            } else if (name_at) {
                snprintf(e.name, sizeof(e.name), "%.*s", (int)strcspn(line + name_at, "\n"),
                         line + name_at);
            }
        }
    }
    if (f) {
        fclose(f);
    }
    return e;
}

/* Field 47 of /proc/self/stat: where the brk area starts. */
static uintptr_t stat_start_brk(void)
{
    char buf[2048], *field;
    FILE *f = fopen("/proc/self/stat", "r");
    uintptr_t value = 0;

    if (f && fgets(buf, sizeof(buf), f) && (field = strrchr(buf, ')'))) {
        field = strtok(field + 2, " ");
        for (int n = 3; field && n < 47; n++) {
            field = strtok(NULL, " ");
        }
        value = field ? strtoul(field, NULL, 10) : 0;
    }
    if (f) {
        fclose(f);
    }
    return value;
}

int main(void)
{
    uintptr_t bss_last = (uintptr_t)end - 1;
    uintptr_t start_brk = stat_start_brk();
    char *grown;

    bss_block[sizeof(bss_block) - 1] = 1;
    printf("start_brk page aligned: %d\n", start_brk % PAGE == 0);
    printf("bss ends before start_brk: %d\n", (uintptr_t)end <= start_brk);

    /* Past what the C library took from the break at start-up. */
    grown = sbrk(3 * PAGE);
    if (grown == (void *)-1) {
        printf("sbrk failed\n");
        return 1;
    }
    memset(grown, 1, 3 * PAGE);
    uintptr_t brk_now = (uintptr_t)sbrk(0);
    MapsEntry bss = line_holding(bss_last), heap = line_holding(brk_now - 1);

    /* Whether the bss's line reaches start_brk depends on randomization: not printed. */
    printf("bss line ends at or before start_brk: %d, name '%s'\n", bss.hi <= start_brk,
           bss.name);
    printf("heap line starts at start_brk: %d, ends past the break: %d, name '%s'\n",
           heap.lo == start_brk, heap.hi >= brk_now && heap.hi - brk_now < PAGE, heap.name);

    /* Give the pages back: the line ends at the break again. */
    sbrk(-2 * (intptr_t)PAGE);
    brk_now = (uintptr_t)sbrk(0);
    heap = line_holding(brk_now - 1);
    printf("after shrinking: starts at start_brk %d, ends past the break %d, name '%s'\n",
           heap.lo == start_brk, heap.hi >= brk_now && heap.hi - brk_now < PAGE, heap.name);
    return 0;
}
