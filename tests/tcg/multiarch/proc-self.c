/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * proc-self: the files of /proc/self that describe the program itself
 * (issue 9 point 5) agree with what the program knows: cmdline is its
 * argv, stat's pid, comm and address fields are its own (start of code,
 * initial stack, argument and environment strings, break), status names
 * it, auxv is its auxiliary vector, exe is its file, and the same files
 * read through /proc/<pid>/ and /proc/thread-self/ say the same.
 * A program run under an emulator sees the emulator in each of them unless
 * the emulator makes them up.  Addresses are never printed, only whether
 * they agree; the program name is printed, which is the same for the
 * i386 and x86_64 builds.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

/* The whole file in a static buffer (no allocation, so that reading the
   maps twice sees the same memory); its length, or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    long len = 0, n;

    if (fd < 0)
        return -1;
    while ((n = read(fd, buf + len, size - 1 - len)) > 0)
        len += n;
    close(fd);
    buf[len] = 0;
    return len;
}

static const char *yes(int ok)
{
    return ok ? "yes" : "no";
}

/* Field n (1-based, as proc(5) numbers them) of a stat line, as a number;
   the comm field (2) goes to comm. */
static unsigned long long stat_field(const char *line, int n, char *comm)
{
    const char *open = strchr(line, '('), *close = strrchr(line, ')');
    const char *p = close + 2;

    if (comm) {
        memcpy(comm, open + 1, close - open - 1);
        comm[close - open - 1] = 0;
    }
    if (n == 1)
        return strtoull(line, NULL, 10);
    for (int i = 3; i < n; i++)
        p = strchr(p, ' ') + 1;
    return strtoull(p, NULL, 10);
}

static void check_cmdline(int argc, char **argv)
{
    static char buf[8192], want[8192];
    char path[64];
    long len = 0, got = slurp("/proc/self/cmdline", buf, sizeof(buf));

    for (int i = 0; i < argc; i++) {
        strcpy(want + len, argv[i]);
        len += strlen(argv[i]) + 1;
    }
    printf("cmdline is argv: %s\n", yes(got == len && memcmp(buf, want, len) == 0));
    printf("cmdline after argv[0]:");
    for (long i = strlen(buf) + 1; i < got; i += strlen(buf + i) + 1)
        printf(" [%s]", buf + i);
    printf("\n");

    snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)getpid());
    got = slurp(path, want, sizeof(want));
    printf("/proc/<pid>/cmdline the same: %s\n", yes(got == len && memcmp(buf, want, len) == 0));
    got = slurp("/proc/thread-self/cmdline", want, sizeof(want));
    printf("/proc/thread-self/cmdline the same: %s\n", yes(got == len && memcmp(buf, want, len) == 0));
}

int main(int argc, char **argv);

static void check_stat(int argc, char **argv)
{
    static char line[4096], status[8192];
    char comm[64], want[64], *name = strrchr(argv[0], '/');
    char **env_last = environ;

    slurp("/proc/self/stat", line, sizeof(line));
    stat_field(line, 1, comm);
    snprintf(want, 16, "%s", name ? name + 1 : argv[0]);
    printf("stat comm: %s (the program's name: %s)\n", comm, yes(strcmp(comm, want) == 0));
    printf("stat pid, ppid: %s\n",
           yes(stat_field(line, 1, NULL) == (unsigned long long)getpid()
               && stat_field(line, 4, NULL) == (unsigned long long)getppid()));

    uintptr_t code = (uintptr_t)main;
    printf("main within startcode..endcode: %s\n",
           yes(stat_field(line, 26, NULL) <= code && code < stat_field(line, 27, NULL)));
    /* The initial stack pointer points at argc, right below argv[]. */
    printf("startstack is where argc was: %s\n",
           yes(stat_field(line, 28, NULL) + sizeof(long) == (uintptr_t)argv));
    while (env_last[0] && env_last[1])
        env_last++;
    printf("arg_start, arg_end: %s\n",
           yes(stat_field(line, 48, NULL) == (uintptr_t)argv[0]
               && stat_field(line, 49, NULL) == (uintptr_t)argv[argc - 1] + strlen(argv[argc - 1]) + 1));
    printf("env_start, env_end: %s\n",
           yes(!environ[0] || (stat_field(line, 50, NULL) == (uintptr_t)environ[0]
               && stat_field(line, 51, NULL) == (uintptr_t)env_last[0] + strlen(env_last[0]) + 1)));
    printf("start_brk <= break: %s\n", yes(stat_field(line, 47, NULL) <= (uintptr_t)sbrk(0)));

    slurp("/proc/self/status", status, sizeof(status));
    char name_line[80];
    snprintf(name_line, sizeof(name_line), "Name:\t%s\n", comm);
    printf("status names it: %s\n", yes(strncmp(status, name_line, strlen(name_line)) == 0));

    prctl(PR_SET_NAME, "renamed-by-prctl");
    slurp("/proc/self/stat", line, sizeof(line));
    stat_field(line, 1, comm);
    slurp("/proc/self/comm", status, sizeof(status));
    printf("after PR_SET_NAME: stat says %s, comm says %s", comm, status);
}

/* The entries every x86 kernel gives whose value glibc keeps as it is
   (it rewrites AT_HWCAP). */
static const unsigned long auxv_types[] = {
    AT_PAGESZ, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_ENTRY, AT_UID, AT_EUID,
    AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_CLKTCK,
};

static void check_auxv(void)
{
    static char buf[4096];
    long len = slurp("/proc/self/auxv", buf, sizeof(buf));
    unsigned long *v = (unsigned long *)buf;
    long n = len / (long)sizeof(*v);
    int agree = 1, found = 0, ends = 0;

    for (long i = 0; i + 1 < n && !ends; i += 2) {
        ends = v[i] == AT_NULL && i + 2 == n;
        for (unsigned k = 0; k < sizeof(auxv_types) / sizeof(auxv_types[0]); k++) {
            if (v[i] == auxv_types[k]) {
                found++;
                agree &= getauxval(v[i]) == v[i + 1];
            }
        }
    }
    printf("auxv: %d of %d entries, agreeing with getauxval: %s; ends with AT_NULL: %s\n",
           found, (int)(sizeof(auxv_types) / sizeof(auxv_types[0])), yes(agree), yes(ends));
}

static void check_exe(char **argv)
{
    char want[PATH_MAX], got[PATH_MAX], path[64];
    unsigned char ident[EI_NIDENT];
    ssize_t n;
    int fd, same = realpath(argv[0], want) != NULL;

    n = readlink("/proc/self/exe", got, sizeof(got) - 1);
    same = same && n > 0 && (got[n] = 0, strcmp(got, want) == 0);
    snprintf(path, sizeof(path), "/proc/%d/exe", (int)getpid());
    n = readlink(path, got, sizeof(got) - 1);
    same = same && n > 0 && (got[n] = 0, strcmp(got, want) == 0);
    printf("exe links to the program: %s\n", yes(same));

    fd = open("/proc/self/exe", O_RDONLY);
    n = fd >= 0 ? read(fd, ident, sizeof(ident)) : -1;
    printf("exe opens the program: %s\n",
           yes(n == EI_NIDENT && ident[EI_CLASS] == (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32)));
    if (fd >= 0)
        close(fd);
}

static void check_maps_aliases(void)
{
    static char self[65536], other[65536];
    char path[64];
    long len = slurp("/proc/self/maps", self, sizeof(self));

    snprintf(path, sizeof(path), "/proc/%d/maps", (int)getpid());
    printf("/proc/<pid>/maps the same: %s\n", yes(len > 0 && slurp(path, other, sizeof(other)) == len
                                                 && memcmp(self, other, len) == 0));
    printf("/proc/thread-self/maps the same: %s\n",
           yes(slurp("/proc/thread-self/maps", other, sizeof(other)) == len && memcmp(self, other, len) == 0));
}

static void *thread_stat(void *arg)
{
    static char line[4096];
    char path[64];

    slurp("/proc/thread-self/stat", line, sizeof(line));
    *(int *)arg = stat_field(line, 1, NULL) == (unsigned long long)syscall(SYS_gettid);
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)syscall(SYS_gettid));
    slurp(path, line, sizeof(line));
    *(int *)arg &= stat_field(line, 1, NULL) == (unsigned long long)syscall(SYS_gettid);
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t;
    int thread_ok = 0;

    check_cmdline(argc, argv);
    check_auxv();
    check_exe(argv);
    check_maps_aliases();
    pthread_create(&t, NULL, thread_stat, &thread_ok);
    pthread_join(t, NULL);
    printf("a thread's thread-self and task/<tid> stat are its own: %s\n", yes(thread_ok));
    check_stat(argc, argv);
    return 0;
}
