/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-maps: /proc/self/maps at 4 KiB (issue 5, point 5).  A 64 KiB-aligned
 * 64 KiB mapping, with an unmapped page on each side so that the kernel
 * cannot merge it with a neighbour, is carved with mprotect, munmap and a
 * MAP_FIXED file mapping at 4 KiB; the lines of /proc/self/maps inside it
 * are printed with addresses relative to its start, the permissions, the
 * file offset, and "file" or "anon" for the name.
 */
#include "mem-test.h"
#include <inttypes.h>

static void print_maps(const char *when, unsigned char *base, size_t len)
{
    printf("%s:\n", when);
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) {
        printf("  cannot open /proc/self/maps\n");
        return;
    }
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        uint64_t lo, hi, off;
        char perms[8];
        int name_at = 0;
        if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %*s %*s %n", &lo, &hi, perms, &off, &name_at) < 4)
            continue;
        if (hi <= (uintptr_t)base || lo >= (uintptr_t)base + len)
            continue;
        const char *name = name_at && line[name_at] && line[name_at] != '\n' ? "file" : "anon";
        printf("  %s-%s %s %08" PRIx64 " %s\n", offset_text(lo, (uintptr_t)base), offset_text(hi, (uintptr_t)base),
               perms, off, name);
    }
    fclose(f);
}

int main(void)
{
    int fd = make_file("maps", 4 * PAGE);
    unsigned char *outer = map_aligned(3 * BIG_PAGE, PROT_READ | PROT_WRITE);
    unsigned char *m = outer + BIG_PAGE;
    munmap(m - PAGE, PAGE);
    munmap(m + BIG_PAGE, PAGE);
    print_maps("whole", m, BIG_PAGE);

    mprotect(m + 2 * PAGE, PAGE, PROT_READ);
    mprotect(m + 3 * PAGE, 2 * PAGE, PROT_NONE);
    mprotect(m + 9 * PAGE, PAGE, PROT_READ | PROT_EXEC);
    munmap(m + 6 * PAGE, PAGE);
    mmap(m + 11 * PAGE, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, PAGE);
    print_maps("carved", m, BIG_PAGE);

    /* Putting the protections back merges the anonymous pieces again. */
    mprotect(m, 6 * PAGE, PROT_READ | PROT_WRITE);
    mprotect(m + 9 * PAGE, PAGE, PROT_READ | PROT_WRITE);
    print_maps("mended", m, BIG_PAGE);
    return 0;
}
