/*
 * proc-fd-meta: what a descriptor on the guest's own /proc files tells
 * about itself (the emulator makes their text up): fstat, fstatat with
 * AT_EMPTY_PATH, stat of /proc/self/fd/N, statx, fstatfs, the access
 * mode, readlink of /proc/self/fd/N, a write and lseek to the end, as
 * the kernel answers for its /proc files (stdio sizes its buffer by
 * st_blksize, 1024 there).
 *
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

static const char *const files[] = {
    "/proc/self/maps", "/proc/self/stat", "/proc/self/status", "/proc/self/cmdline",
    "/proc/self/auxv", "/proc/cpuinfo", "/proc/thread-self/maps",
};

/* The link's text with this process's pid and tid written as PID / TID. */
static void print_link(const char *text)
{
    char pid[16], tid[16];
    const char *p = text;

    snprintf(pid, sizeof(pid), "%d", getpid());
    snprintf(tid, sizeof(tid), "%d", gettid());
    while (*p) {
        if (strncmp(p, tid, strlen(tid)) == 0 && p > text && p[-1] == '/' && strstr(text, "/task/") && p > strstr(text, "/task/")) {
            fputs("TID", stdout);
            p += strlen(tid);
        } else if (strncmp(p, pid, strlen(pid)) == 0 && p > text && p[-1] == '/') {
            fputs("PID", stdout);
            p += strlen(pid);
        } else {
            putchar(*p++);
        }
    }
}

static void show(const char *path)
{
    struct stat st, at, via_link, by_path;
    struct statx sx;
    struct statfs sfs;
    char link[64], target[256];
    int fd = open(path, O_RDONLY);
    ssize_t n;

    printf("%s:", path);
    if (fd < 0) {
        printf(" open errno %d\n", errno);
        return;
    }
    if (fstat(fd, &st) != 0 || fstatat(fd, "", &at, AT_EMPTY_PATH) != 0
        || stat(path, &by_path) != 0) {
        printf(" fstat errno %d\n", errno);
        return;
    }
    printf(" mode %o size %lld blksize %ld blocks %lld nlink %lu same-as-path %d same-at %d",
           (unsigned)st.st_mode, (long long)st.st_size, (long)st.st_blksize,
           (long long)st.st_blocks, (unsigned long)st.st_nlink,
           st.st_ino == by_path.st_ino && st.st_dev == by_path.st_dev,
           at.st_ino == st.st_ino && at.st_dev == st.st_dev && at.st_blksize == st.st_blksize);
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    if (stat(link, &via_link) == 0) {
        printf(" via-link %d", via_link.st_ino == st.st_ino && via_link.st_dev == st.st_dev);
    }
    if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx) == 0) {
        printf(" statx blksize %u mode %o same %d", sx.stx_blksize, sx.stx_mode,
               sx.stx_ino == st.st_ino);
    }
    if (fstatfs(fd, &sfs) == 0) {
        printf(" fs %#lx", (unsigned long)sfs.f_type);
    }
    printf(" accmode %d", fcntl(fd, F_GETFL) & O_ACCMODE);
    n = readlink(link, target, sizeof(target) - 1);
    if (n > 0) {
        target[n] = 0;
        printf(" link ");
        print_link(target);
    }
    errno = 0;
    n = write(fd, "x", 1);
    printf(" write %zd errno %d", n, errno);
    errno = 0;
    off_t end = lseek(fd, 0, SEEK_END);
    printf(" seek-end %lld errno %d\n", (long long)end, errno);
    close(fd);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        show(files[i]);
    }
    return 0;
}
