/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * madvise-kinds: the advice Linux refuses for some kinds of mapping
 * (issue 11, found by the syscall fuzzer): MADV_REMOVE needs a shared
 * writable mapping (EINVAL for private anonymous memory, EACCES for a
 * private or read-only file), MADV_FREE and MADV_WIPEONFORK private
 * anonymous memory (EINVAL otherwise); a refusing mapping beats a hole
 * (ENOMEM) in the same range.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define PAGE 4096

static void advise(const char *what, void *p, size_t len, int advice, const char *name)
{
    int r = madvise(p, len, advice);

    printf("%-28s %-16s %s\n", what, name, r == 0 ? "0" : strerror(errno));
}

#define ADVISE(what, p, len, a) advise(what, p, len, a, #a)

static void each_advice(const char *what, void *p, size_t len)
{
    ADVISE(what, p, len, MADV_REMOVE);
    ADVISE(what, p, len, MADV_FREE);
    ADVISE(what, p, len, MADV_WIPEONFORK);
    ADVISE(what, p, len, MADV_DONTNEED);
}

int main(void)
{
    char path[] = "/tmp/madvise-kinds-XXXXXX";
    int fd = mkstemp(path);
    char *anon, *shared, *file_priv, *file_ro, *file_rw, *holed;

    if (fd < 0 || ftruncate(fd, 4 * PAGE) != 0) {
        perror("temporary file");
        return 1;
    }
    unlink(path);
    anon = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    file_priv = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    file_ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
    file_rw = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PAGE);
    holed = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (anon == MAP_FAILED || shared == MAP_FAILED || file_priv == MAP_FAILED
        || file_ro == MAP_FAILED || file_rw == MAP_FAILED || holed == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    munmap(holed, PAGE);
    each_advice("private anonymous", anon, 2 * PAGE);
    each_advice("shared anonymous", shared, 2 * PAGE);
    each_advice("private file", file_priv, 2 * PAGE);
    each_advice("shared read-only file", file_ro, 2 * PAGE);
    each_advice("shared writable file", file_rw, 2 * PAGE);
    each_advice("hole, then private anonymous", holed, 3 * PAGE);
    return 0;
}
