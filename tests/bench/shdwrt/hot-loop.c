/*
 * hot-loop: N read-modify-writes over one 4 KiB page, which is either
 * private anonymous memory ("private") or a page of a memfd mapped MAP_SHARED
 * one page into a 64 KiB-aligned region ("redirected": under a host page of
 * 16 or 64 KiB the emulator must redirect it).  The cost per access of the
 * second against the first is issue 6's figure (b).
 * Usage: hot-loop private|redirected N
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    long n = atol(argv[2]);
    unsigned char *area = mmap(NULL, 3 << 16, PROT_NONE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    unsigned char *at = (unsigned char *)(((uintptr_t)area + 0xffff) & ~(uintptr_t)0xffff) + 4096;
    void *p;
    if (strcmp(argv[1], "redirected") == 0) {
        int fd = (int)syscall(SYS_memfd_create, "hot", 0);
        if (fd < 0 || ftruncate(fd, 2 * 4096))
            return 2;
        p = mmap(at, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
    } else {
        p = mmap(at, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    }
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    volatile unsigned *w = p;
    for (long i = 0; i < n; i++)
        w[i & 1023] += (unsigned)i;
    printf("%u\n", w[5]);
    return 0;
}
