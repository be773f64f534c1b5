/*
 * guard-stream.c: the cost of 4 KiB guard pages inside larger host pages
 * (issue 5, point 2).  64 MiB of anonymous memory; with "guard", the first
 * 4 KiB page of every 64 KiB is made PROT_NONE, as allocators and thread
 * stacks do.  Then it streams over the accessible pages PASSES times,
 * reading and writing every 8-byte word.  Run as "guard-stream plain" and
 * "guard-stream guard": on a 64 KiB-page host (-p 65536) with precise
 * protection the guard run must not be much slower than the plain one.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define AREA (64u << 20)
#define STRIDE (64u << 10)
#define PAGE 4096u
#define PASSES 8

int main(int argc, char **argv)
{
    int guard = argc > 1 && strcmp(argv[1], "guard") == 0;
    uint8_t *area = mmap(NULL, AREA, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t sum = 0;

    if (area == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (unsigned off = 0; guard && off < AREA; off += STRIDE) {
        if (mprotect(area + off, PAGE, PROT_NONE) != 0) {
            perror("mprotect");
            return 1;
        }
    }
    for (int pass = 0; pass < PASSES; pass++) {
        for (unsigned off = 0; off < AREA; off += PAGE) {
            uint64_t *p = (uint64_t *)(area + off);

            if (off % STRIDE == 0) {
                continue;       /* the guard page (skipped in both runs) */
            }
            for (unsigned i = 0; i < PAGE / 8; i++) {
                p[i] += i ^ pass;
                sum += p[i];
            }
        }
    }
    printf("%llu\n", (unsigned long long)sum);
    return 0;
}
