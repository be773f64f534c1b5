/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-madvise-remove: MADV_REMOVE frees the bytes of shared pages from the
 * file or shared memory behind them, which then reads as zeros there, in
 * the mapping, through another mapping and through read(); the pages
 * around keep theirs.  One 4 KiB page in the middle of a host page, a
 * run of whole pages, a shared anonymous mapping, and a mapping of a file
 * opened read-only (EACCES, nothing freed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096
#define PAGES 32

/* One letter per page: its first byte, '0' for a zero page, '?' for a
   page that is neither its pattern nor zero. */
static void show(const char *what, const unsigned char *p, int pages)
{
    printf("%-10s ", what);
    for (int i = 0; i < pages; i++) {
        const unsigned char *page = p + (size_t)i * PAGE;
        int zero = 1, pattern = 1;

        for (int j = 0; j < PAGE; j++) {
            zero &= page[j] == 0;
            pattern &= page[j] == (unsigned char)('a' + i % 26);
        }
        putchar(zero ? '0' : pattern ? page[0] : '?');
    }
    putchar('\n');
}

static void fill(unsigned char *p, int pages)
{
    for (int i = 0; i < pages; i++) {
        memset(p + (size_t)i * PAGE, 'a' + i % 26, PAGE);
    }
}

static void advise(void *p, size_t len)
{
    int r = madvise(p, len, MADV_REMOVE);

    printf("madvise(MADV_REMOVE, %zu pages) = %d%s%s\n", len / PAGE, r, r ? " " : "",
           r ? strerrorname_np(errno) : "");
}

int main(void)
{
    char path[] = "/tmp/mem-madvise-remove.XXXXXX";
    int fd = mkstemp(path), ro;
    static unsigned char buf[PAGES * PAGE];
    unsigned char *m, *other, *anon;

    if (fd < 0 || ftruncate(fd, PAGES * PAGE)) {
        perror("file");
        return 1;
    }
    m = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    other = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED || other == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    fill(m, PAGES);
    advise(m + 5 * PAGE, PAGE);
    advise(m + 16 * PAGE, 16 * PAGE);
    show("mapping", m, PAGES);
    show("other", other, PAGES);
    if (pread(fd, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf)) {
        perror("pread");
        return 1;
    }
    show("read", buf, PAGES);
    /* the pages written again come back */
    m[5 * PAGE] = 'f';
    printf("rewritten  %c %c\n", other[5 * PAGE], other[5 * PAGE + 1] ? '?' : '0');

    anon = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    fill(anon, 8);
    advise(anon + 3 * PAGE, 2 * PAGE);
    show("anonymous", anon, 8);

    ro = open(path, O_RDONLY);
    munmap(other, PAGES * PAGE);
    other = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_SHARED, ro, 0);
    advise(other + 2 * PAGE, PAGE);
    show("read-only", other, 8);
    unlink(path);
    return 0;
}
