/*
 * malloc: allocator churn: thousands of blocks of varying sizes (small bins,
 * large mmap'd chunks), each filled with a pattern derived from its index,
 * freed and reallocated in pseudo-random order, grown and shrunk with
 * realloc, and checked before every free.  Exercises brk and mmap/munmap
 * (and mremap for the large reallocs) in the emulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define SLOTS 2000
static unsigned char *blk[SLOTS];
static size_t sz[SLOTS];
static unsigned char tag[SLOTS];
static unsigned seed = 99;

static unsigned rnd(void) { seed = seed * 1664525u + 1013904223u; return seed >> 8; }

static size_t pick_size(void)
{
    unsigned r = rnd() % 100;
    if (r < 70) return 1 + rnd() % 128;
    if (r < 95) return 128 + rnd() % 4096;
    return 100000 + rnd() % 300000;     /* above the mmap threshold */
}

static int verify(int i)
{
    for (size_t k = 0; k < sz[i]; k += (sz[i] > 4096 ? 97 : 1))
        if (blk[i][k] != (unsigned char)(tag[i] + k))
            return 0;
    return sz[i] == 0 || blk[i][sz[i] - 1] == (unsigned char)(tag[i] + sz[i] - 1);
}

static void fill(int i)
{
    for (size_t k = 0; k < sz[i]; k++)
        blk[i][k] = (unsigned char)(tag[i] + k);
}

int main(void)
{
    int bad = 0;
    unsigned long allocs = 0, reallocs = 0, frees = 0;

    for (int round = 0; round < 20000; round++) {
        int i = rnd() % SLOTS;
        unsigned op = rnd() % 10;
        if (blk[i] && !verify(i)) {
            printf("corrupt block %d in round %d\n", i, round);
            bad++;
        }
        if (!blk[i]) {
            sz[i] = pick_size();
            tag[i] = (unsigned char)rnd();
            blk[i] = (op & 1) ? calloc(1, sz[i]) : malloc(sz[i]);
            if (!blk[i]) { puts("out of memory"); return 2; }
            if ((op & 1) && sz[i] && blk[i][sz[i] - 1] != 0) bad++;
            fill(i);
            allocs++;
        } else if (op < 4) {
            size_t nsz = pick_size(), keep = nsz < sz[i] ? nsz : sz[i];
            unsigned char *p = realloc(blk[i], nsz);
            if (!p) { puts("out of memory"); return 2; }
            for (size_t k = 0; k < keep; k++)
                if (p[k] != (unsigned char)(tag[i] + k)) { bad++; break; }
            blk[i] = p;
            sz[i] = nsz;
            fill(i);
            reallocs++;
        } else {
            free(blk[i]);
            blk[i] = NULL;
            frees++;
        }
    }
    unsigned long live = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (blk[i]) {
            if (!verify(i)) bad++;
            live += sz[i];
            free(blk[i]);
        }
    }

    /* Alignment guarantees. */
    void *a = aligned_alloc(4096, 8192), *b = NULL;
    int pm = posix_memalign(&b, 256, 1000);
    printf("aligned %d %d %d\n", ((uintptr_t)a & 4095) == 0, pm, ((uintptr_t)b & 255) == 0);
    free(a);
    free(b);

    printf("allocs %lu reallocs %lu frees %lu live bytes %lu bad %d\n", allocs, reallocs, frees, live, bad);
    return bad ? 1 : 0;
}
