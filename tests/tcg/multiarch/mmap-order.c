/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mmap-order: which error mmap and mremap give when several apply, in the
 * kernel's order (found by the system-call fuzzer, issue 11): an occupied
 * MAP_FIXED_NOREPLACE range before the mapping type, the file's mode
 * before its kind, a growing shared or file mapping, an O_PATH descriptor,
 * a fixed mremap destination that overlaps before the old range's size;
 * and FIBMAP, an ioctl on a regular file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096

static void result(const char *what, void *p)
{
    printf("%-40s %s\n", what, p == MAP_FAILED ? strerrorname_np(errno) : "mapped");
    if (p != MAP_FAILED) {
        munmap(p, PAGE);
    }
}

/* Whether the page is writable, asked of the kernel without touching it:
   /proc/self/maps' permissions of the mapping holding it. */
static int page_writable(const void *page)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    unsigned long lo, hi;
    char perms[5];
    int writable = -1;

    while (maps && fscanf(maps, "%lx-%lx %4s%*[^\n]", &lo, &hi, perms) == 3) {
        if ((uintptr_t)page >= lo && (uintptr_t)page < hi) {
            writable = perms[1] == 'w';
        }
    }
    if (maps) {
        fclose(maps);
    }
    return writable;
}

int main(void)
{
    char path[] = "/tmp/mmap-order.XXXXXX";
    int fd = mkstemp(path), wronly, opath, pipefd[2], block = 0, r;
    char *area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);

    if (fd < 0 || ftruncate(fd, 4 * PAGE) || pipe(pipefd) || area == MAP_FAILED) {
        perror("setup");
        return 1;
    }
    wronly = open(path, O_WRONLY);
    opath = open(path, O_PATH);
    result("NOREPLACE over a mapping, bad type",
           mmap(area, PAGE, PROT_READ, MAP_FIXED_NOREPLACE | 0x9 | MAP_ANONYMOUS, -1, 0));
    result("NOREPLACE over a mapping, pipe",
           mmap(area, PAGE, PROT_READ, MAP_FIXED_NOREPLACE | MAP_PRIVATE, pipefd[0], 0));
    result("anonymous shared, growsdown",
           mmap(NULL, PAGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0));
    result("anonymous private, growsdown",
           mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0));
    result("anonymous shared_validate",
           mmap(NULL, PAGE, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0));
    result("file private, growsdown",
           mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN, fd, 0));
    result("pipe", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, pipefd[0], 0));
    result("write-only file shared",
           mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wronly, 0));
    result("O_PATH descriptor", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, opath, 0));
    result("O_PATH descriptor, zero length", mmap(NULL, 0, PROT_READ, MAP_PRIVATE, opath, 0));
    result("misaligned offset, bad descriptor",
           mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 1000, 1));

    errno = 0;
    result("mremap: fixed overlapping, huge old size",
           mremap(area, (size_t)-1 / 2, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, area));
    /* shrinking: the tail goes as munmap takes it, and past the address
       space that is munmap's EINVAL */
    result("mremap: shrink from a huge old size",
           mremap(area, (size_t)-PAGE, PAGE, MREMAP_MAYMOVE));

    /* mprotect over a hole: the part before it changes, then ENOMEM */
    munmap(area + 2 * PAGE, PAGE);
    r = mprotect(area, 4 * PAGE, PROT_READ) ? errno : 0;
    printf("%-40s %s, first page %s\n", "mprotect over a hole", r ? strerrorname_np(r) : "0",
           page_writable(area) ? "writable" : "read-only");

    r = ioctl(fd, 1 /* FIBMAP */, &block);
    printf("%-40s %s\n", "FIBMAP on a regular file", r == 0 ? "0" : strerrorname_np(errno));
    unlink(path);
    return 0;
}
