/*
 * shared-writer: writes FILE through a shared mapping that a large-page host
 * cannot place (the file mapped one page into a 64 KiB-aligned region, at a
 * page offset), with stores of every width, then unmaps it.  The runner
 * (run-check-shared.sh) compares a native sha256sum of the file written
 * natively with one of the file written under the emulator.
 * Usage: shared-writer FILE
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096
#define LEN (256 * PAGE)

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, LEN + PAGE))
        return 2;
    unsigned char *area = mmap(NULL, LEN + 3 * 65536, PROT_NONE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    unsigned char *at = (unsigned char *)(((uintptr_t)area + 0xffff) & ~(uintptr_t)0xffff) + PAGE;
    unsigned char *p = mmap(at, LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, PAGE);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    uint32_t x = 12345;
    for (size_t i = 0; i + 16 <= LEN; i += 13) {
        x = x * 1103515245u + 12345u;
        switch (x >> 30) {
        case 0: p[i] = (unsigned char)x; break;
        case 1: memcpy(p + i, &x, 2); break;
        case 2: memcpy(p + i + 1, &x, 4); break;
        default: { uint64_t v = (uint64_t)x * x; memcpy(p + i + 3, &v, 8); }
        }
    }
    memcpy(p + LEN - 11, "end of file", 11);
    if (msync(p, LEN, MS_SYNC) || munmap(p, LEN))
        return 1;
    return close(fd);
}
