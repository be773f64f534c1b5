/*
 * map-churn-shared: maps two pages of a memfd MAP_SHARED one page into a
 * 64 KiB-aligned region (redirected under a 16 or 64 KiB host page),
 * touches them and unmaps them, N times: issue 6's figure (c), the cost of
 * a mapping call that sets a redirect up or tears it down.
 * Usage: map-churn-shared N
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 2000;
    int fd = (int)syscall(SYS_memfd_create, "churn", 0);
    unsigned char *area = mmap(NULL, 3 << 16, PROT_NONE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    unsigned char *at = (unsigned char *)(((uintptr_t)area + 0xffff) & ~(uintptr_t)0xffff) + 4096;
    unsigned sum = 0;
    if (fd < 0 || ftruncate(fd, 4 * 4096))
        return 2;
    for (long i = 0; i < n; i++) {
        unsigned char *p = mmap(at, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
                                fd, 4096);
        if (p == MAP_FAILED) {
            perror("mmap");
            return 1;
        }
        p[0]++;
        sum += p[4096];
        munmap(p, 2 * 4096);
    }
    printf("%u\n", sum);
    return 0;
}
