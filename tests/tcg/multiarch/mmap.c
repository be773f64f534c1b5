/*
 * mmap: guest memory management: anonymous mappings of odd sizes, fixed
 * mappings over part of another, mprotect round trips, munmap of a middle
 * page, mremap growth (moving or not), private and shared file mappings
 * (a store through MAP_SHARED must be visible to read(), and a write() must
 * be visible through the mapping), reading past end of file within the last
 * page (zeros), and brk growth.  Addresses are never printed; only contents.
 */
#define _GNU_SOURCE                     /* mremap */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <stdint.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>

static uint32_t sum(const unsigned char *p, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s = s * 31 + p[i];
    return s;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);

    /* Anonymous memory is zeroed, of any length. */
    size_t lens[] = { 1, 100, 4095, 4096, 4097, 65536 + 5, 1 << 20 };
    for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        unsigned char *p = mmap(NULL, lens[i], PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) { printf("mmap %zu failed\n", lens[i]); return 2; }
        int zero = 1;
        for (size_t k = 0; k < lens[i]; k++)
            zero &= p[k] == 0;
        memset(p, 0xa5, lens[i]);
        printf("anon %zu: zeroed %d aligned %d sum %08x\n", lens[i], zero, ((uintptr_t)p % pg) == 0, sum(p, lens[i]));
        munmap(p, lens[i]);
    }

    /* MAP_FIXED over the middle of a larger mapping, then unmap a page. */
    unsigned char *big = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(big, 1, 8 * pg);
    unsigned char *mid = mmap(big + 2 * pg, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed at requested address %d, new pages zero %d, neighbours kept %d %d\n", mid == big + 2 * pg,
           mid[0] == 0 && mid[2 * pg - 1] == 0, big[2 * pg - 1] == 1, big[4 * pg] == 1);
    munmap(big + 5 * pg, pg);
    printf("pages around the hole: %d %d\n", big[4 * pg + 7], big[6 * pg + 7]);
    mprotect(big, pg, PROT_READ);
    mprotect(big, pg, PROT_READ | PROT_WRITE);
    big[0] = 9;
    printf("mprotect round trip ok %d\n", big[0] == 9);

    /* mremap: grow, contents kept, new tail zero. */
    unsigned char *g = mremap(big + 6 * pg, 2 * pg, 6 * pg, MREMAP_MAYMOVE);
    if (g == MAP_FAILED) { puts("mremap failed"); return 2; }
    printf("mremap kept %d %d tail zero %d\n", g[0], g[2 * pg - 1], g[5 * pg] == 0);
    munmap(g, 6 * pg);
    munmap(big, 5 * pg);

    /* A file: 10000 bytes, so the last page is partly past end of file. */
    char path[64];
    snprintf(path, sizeof(path), "/tmp/tcg-mmap-%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    unsigned char buf[10000];
    for (int i = 0; i < 10000; i++)
        buf[i] = (unsigned char)(i % 251);
    write(fd, buf, sizeof(buf));

    unsigned char *priv = mmap(NULL, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    unsigned char *shr = mmap(NULL, 10000, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("file maps same as file %d %d, past eof zero %d\n", memcmp(priv, buf, 10000) == 0,
           memcmp(shr, buf, 10000) == 0, priv[10000] == 0 && shr[3 * 4096 - 1] == 0);
    priv[0] = 0xee;                                  /* private: the file keeps its byte */
    shr[5000] = 0x77;                                /* shared: the file changes */
    unsigned char chk[2];
    pread(fd, &chk[0], 1, 0);
    pread(fd, &chk[1], 1, 5000);
    printf("after stores: file[0] %d file[5000] %d\n", chk[0], chk[1]);
    pwrite(fd, "\x42", 1, 6000);
    /* (Not printed: whether the untouched private page sees the write.  Linux
     * says yes on 4 KiB pages, but the answer depends on the host page size.) */
    printf("write() seen through shared map %d\n", shr[6000] == 0x42);

    /* A second shared mapping at an offset sees the same bytes. */
    unsigned char *shr2 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
    printf("offset map agrees %d\n", shr2[5000 - 4096] == 0x77 && shr2[6000 - 4096] == 0x42);
    msync(shr, 10000, MS_SYNC);
    munmap(priv, 10000);
    munmap(shr, 10000);
    munmap(shr2, 4096);
    close(fd);
    unlink(path);

    /* brk */
    char *b0 = sbrk(0);
    char *b1 = sbrk(3 * pg + 17);
    memset(b1, 7, 3 * pg + 17);
    char *b2 = sbrk(0);
    printf("sbrk grew by %ld, old break returned %d\n", (long)(b2 - b0), b1 == b0);
    sbrk(-(3 * pg + 17));
    printf("sbrk shrank back %d\n", sbrk(0) == b0);
    return 0;
}
