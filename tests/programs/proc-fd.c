/*
 * proc-fd.c: what a process finds of its descriptors through /proc: the
 * names listed by its fd and fdinfo directories (under self, the pid and
 * thread-self) and the numbers it can open, readlink and lstat there.  Run natively and under
 * the emulator with -D, whose log descriptor the guest must not find
 * (run-check-proc.sh).  The directory's own descriptor is left out: its
 * number depends on what else is open.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_number(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void list(const char *label, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int names[1024], n = 0;

    if (!d) {
        printf("%s: cannot open\n", label);
        return;
    }
    while ((e = readdir(d)) != NULL && n < 1024) {
        if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d)) {
            names[n++] = atoi(e->d_name);
        }
    }
    qsort(names, n, sizeof(names[0]), by_number);
    printf("%s:", label);
    for (int i = 0; i < n; i++) {
        printf(" %d", names[i]);
    }
    printf("\n");
    closedir(d);
}

int main(void)
{
    char path[64], dir[64];

    snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)getpid());
    list("self/fd", "/proc/self/fd");
    list("self/fdinfo", "/proc/self/fdinfo");
    list("thread-self/fd", "/proc/thread-self/fd");
    list("<pid>/fd", dir);
    printf("fdinfo/N that open:");
    for (int fd = 0; fd < 1024; fd++) {
        int got;

        snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
        got = open(path, O_RDONLY);
        if (got >= 0) {
            printf(" %d", fd);
            close(got);
        }
    }
    printf("\nfd/N that readlink and lstat find:");
    for (int fd = 0; fd < 1024; fd++) {
        char target[256];
        struct stat st;

        snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
        if (readlink(path, target, sizeof(target)) >= 0 && lstat(path, &st) == 0) {
            printf(" %d", fd);
        }
    }
    printf("\n");
    return 0;
}
