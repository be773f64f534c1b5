/*
 * sysroot-paths: the guest program of run-check-sysroot.sh.  Its first
 * argument is a prefix it puts before every absolute path it uses:
 * natively the sysroot's directory, under the emulator "" with -L naming
 * that directory.  Both runs must print the same: what the program finds
 * at its paths (open, stat, lstat, readlink, access, statfs, a library
 * loaded by the dynamic linker, a program run by execve), that a path
 * missing from the sysroot is the host's, and that /dev and /proc are
 * never the sysroot's (whose dev/zero is a text file).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *prefix;

static const char *at(const char *path)
{
    static char bufs[4][4096];
    static unsigned next;
    char *b = bufs[next++ % 4];

    snprintf(b, sizeof(bufs[0]), "%s%s", prefix, path);
    return b;
}

static void show_file(const char *path)
{
    char buf[256];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

    if (n < 0) {
        printf("  %s: %s\n", path + strlen(prefix), strerror(errno));
    } else {
        buf[n] = 0;
        buf[strcspn(buf, "\n")] = 0;
        printf("  %s: \"%s\"\n", path + strlen(prefix), buf);
    }
    if (fd >= 0)
        close(fd);
}

int main(int argc, char **argv)
{
    struct stat st;
    struct statfs sfs;
    char link[256];
    ssize_t n;

    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("  the child runs, argv[0] %s\n", argv[0]);
        return 7;
    }
    prefix = argc > 1 ? argv[1] : "";

    printf("files:\n");
    show_file(at("/etc/sysroot-marker"));
    show_file(at("/etc/sysroot-link"));
    printf("stat size %lld, lstat is a link: %d\n",
           stat(at("/etc/sysroot-marker"), &st) == 0 ? (long long)st.st_size : -1LL,
           lstat(at("/etc/sysroot-link"), &st) == 0 && S_ISLNK(st.st_mode));
    n = readlink(at("/etc/sysroot-link"), link, sizeof(link) - 1);
    link[n > 0 ? n : 0] = 0;
    printf("readlink: %s\n", link);
    printf("access: %d, statfs: %d\n", access(at("/etc/sysroot-marker"), R_OK),
           statfs(at("/etc/sysroot-marker"), &sfs));

    /* Missing from the sysroot: the host's own (the emulator falls back to
       it; natively the program does). */
    printf("a host file: %s\n", stat(at("/bin/sh"), &st) == 0 || stat("/bin/sh", &st) == 0
           ? "found" : "missing");
    /* Never the sysroot's. */
    int zero = open("/dev/zero", O_RDONLY);
    char z[4] = "xyz";
    printf("/dev/zero reads zeros: %d\n", read(zero, z, 4) == 4 && !z[0] && !z[3]);
    printf("/proc/self/exe is a link: %d\n", lstat("/proc/self/exe", &st) == 0 && S_ISLNK(st.st_mode));

    void *lib = dlopen(at("/usr/lib/sysroot-test/libsysroot.so"), RTLD_NOW);
    const char *(*who)(void) = lib ? (const char *(*)(void))dlsym(lib, "sysroot_library") : NULL;
    printf("library: %s\n", who ? who() : "not loaded");

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl(at("/bin/sysroot-child"), "sysroot-child", "child", (char *)NULL);
        printf("  execl: %s\n", strerror(errno));
        _exit(1);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
