/*
 * syscalls-6x: calls newer than Linux 6.1 that the emulator implements,
 * through raw syscall() with their numbers (the same for both guests), so
 * that neither libc nor the build host's headers decide: fchmodat2 (Linux
 * 6.6: AT_SYMLINK_NOFOLLOW on a file and on a link, bad flags, a bad path)
 * and cachestat (Linux 6.5: its argument checks in the kernel's order).
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "syscall-report.h"

#define NR_CACHESTAT 451
#define NR_FCHMODAT2 452

/* A pointer no program has mapped (the top of the 32-bit range). */
#define BAD_POINTER ((void *)(uintptr_t)0xfffff000u)

static void report_mode(const char *what, const char *path)
{
    struct stat st;

    if (lstat(path, &st) == 0) {
        printf("%s: %o\n", what, (unsigned)(st.st_mode & 07777));
    } else {
        report(what, -1);
    }
}

int main(void)
{
    char dir[] = "/tmp/syscalls-6x.XXXXXX", file[64], link[64];
    uint64_t range[2] = { 0, 0 }, stat_out[5];
    int fd;

    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(file, sizeof(file), "%s/file", dir);
    snprintf(link, sizeof(link), "%s/link", dir);
    fd = open(file, O_CREAT | O_RDWR, 0644);
    if (fd < 0 || write(fd, "data", 4) != 4 || symlink("file", link) != 0) {
        perror("setup");
        return 1;
    }

    report("fchmodat2 file 0600", syscall(NR_FCHMODAT2, AT_FDCWD, file, 0600, 0));
    report_mode("file mode", file);
    report("fchmodat2 file nofollow 0640",
           syscall(NR_FCHMODAT2, AT_FDCWD, file, 0640, AT_SYMLINK_NOFOLLOW));
    report_mode("file mode", file);
    report("fchmodat2 link nofollow",
           syscall(NR_FCHMODAT2, AT_FDCWD, link, 0600, AT_SYMLINK_NOFOLLOW));
    report("fchmodat2 link follow 0604", syscall(NR_FCHMODAT2, AT_FDCWD, link, 0604, 0));
    report_mode("file mode", file);
    report("fchmodat2 empty path", syscall(NR_FCHMODAT2, fd, "", 0600, AT_EMPTY_PATH));
    report_mode("file mode", file);
    report("fchmodat2 bad flags", syscall(NR_FCHMODAT2, AT_FDCWD, file, 0600, 0x1));
    report("fchmodat2 bad path", syscall(NR_FCHMODAT2, AT_FDCWD, BAD_POINTER, 0600, 0));

    report("cachestat", syscall(NR_CACHESTAT, fd, range, stat_out, 0));
    report("cachestat bad fd", syscall(NR_CACHESTAT, 999, range, stat_out, 0));
    report("cachestat bad fd, bad range", syscall(NR_CACHESTAT, 999, BAD_POINTER, stat_out, 0));
    report("cachestat bad range", syscall(NR_CACHESTAT, fd, BAD_POINTER, stat_out, 0));
    report("cachestat bad flags", syscall(NR_CACHESTAT, fd, range, stat_out, 1));
    report("cachestat bad out", syscall(NR_CACHESTAT, fd, range, BAD_POINTER, 0));

    close(fd);
    unlink(link);
    unlink(file);
    rmdir(dir);
    return 0;
}
