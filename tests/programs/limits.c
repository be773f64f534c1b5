/*
 * limits.c: a guest that runs into the machine's limits, for
 * tests/programs/run-check-limits.sh, which runs each case natively and
 * under the emulator and compares what it prints and how it ends.
 *
 *   limits alloc         allocate 16 MiB blocks (malloc, touched) until
 *                        the allocation fails: run under "ulimit -v"
 *   limits alloc-huge    one anonymous mapping each of 1 GiB to 128 TiB:
 *                        which ones the kernel's overcommit check refuses
 *   limits argv          execve itself with argument and environment
 *                        lists around the kernel's limits (E2BIG)
 *   limits recurse       recursion until the stack limit: SIGSEGV, seen
 *                        by a handler on an alternate stack
 *   limits threads N     N threads created and joined, 200 alive at once
 *   limits child ARGS... (what argv execs: prints its argument count)
 *
 * Everything printed is the same on every run of a correct machine: no
 * addresses, no counts that depend on the memory free.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int alloc_until_failure(void)
{
    size_t block = 16 << 20, total = 0;
    void *p;

    while ((p = malloc(block)) != NULL) {
        memset(p, 1, block);        /* the kernel's answer, not a lazy one */
        total += block;
        if (total > ((size_t)64 << 30)) {
            printf("alloc: no limit within 64 GiB\n");
            return 1;
        }
    }
    printf("alloc: malloc failed (errno %s) after at least 16 MiB: %s\n",
           strerrorname_np(errno), total >= block ? "yes" : "no");
    return 0;
}

static int alloc_huge(void)
{
    for (unsigned shift = 30; shift <= 47; shift++) {
        size_t len = (size_t)1 << shift;
        void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        if (p == MAP_FAILED) {
            /* The overcommit check refuses every larger one as well. */
            printf("mmap 2^%u: %s\n", shift, strerrorname_np(errno));
            return 0;
        }
        printf("mmap 2^%u: ok\n", shift);
        munmap(p, len);
    }
    return 0;
}

/* execve of this program with n strings of len bytes as arguments (or as
   environment): what the kernel answers. */
static void exec_with(const char *self, const char *what, size_t n, size_t len, bool as_env)
{
    char **list = calloc(n + 3, sizeof(char *));
    char *s = malloc(len + 1);
    char *argv_small[] = { (char *)self, "child", NULL };
    pid_t pid;
    int status;

    memset(s, 'a', len);
    s[len] = 0;
    printf("%s: ", what);
    list[0] = (char *)self;
    list[1] = "child";
    for (size_t i = 0; i < n; i++) {
        list[i + 2] = s;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        if (as_env) {
            execve(self, argv_small, list + 2);
        } else {
            execve(self, list, (char *[]){ NULL });
        }
        printf("%s\n", strerrorname_np(errno));
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, &status, 0);
    free(s);
    free(list);
}

static int argv_limits(const char *self)
{
    /* One string of MAX_ARG_STRLEN (32 pages, NUL included) is too long;
       one byte shorter is not.  The whole list may take a quarter of the
       stack limit (8 MiB here: 2 MiB). */
    exec_with(self, "one argument of 131071 bytes", 1, 131071, false);
    exec_with(self, "one argument of 131072 bytes", 1, 131072, false);
    exec_with(self, "one variable of 131072 bytes", 1, 131072, true);
    exec_with(self, "1 MiB of arguments", 16, 65536, false);
    exec_with(self, "4 MiB of arguments", 64, 65536, false);
    exec_with(self, "4 MiB of environment", 64, 65536, true);
    exec_with(self, "100000 empty arguments", 100000, 0, false);
    exec_with(self, "3000000 empty arguments", 3000000, 0, false);
    return 0;
}

static void on_segv(int sig, siginfo_t *info, void *uc)
{
    char line[64];
    int len;

    (void)uc;
    len = snprintf(line, sizeof(line), "recurse: signal %d, si_code %d\n", sig, info->si_code);
    if (write(1, line, len) != len) {
        _exit(2);
    }
    _exit(0);
}

/* Deeper than any stack: the bound only keeps the compiler from calling
   the recursion infinite. */
static unsigned long recurse(volatile char *previous, unsigned long depth)
{
    volatile char frame[1024];

    frame[0] = previous ? previous[0] + 1 : 0;
    return depth > (1UL << 40) ? 0 : recurse(frame, depth + 1) + frame[1];
}

static int recurse_to_limit(void)
{
    static char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    pid_t pid;
    int status;

    /* Without a handler the child dies of SIGSEGV; with one on an
       alternate stack the fault is caught. */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        recurse(NULL, 0);
        _exit(1);
    }
    waitpid(pid, &status, 0);
    printf("recurse without handler: %s %d\n", WIFSIGNALED(status) ? "signal" : "exit",
           WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    fflush(stdout);
    sigaltstack(&ss, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    recurse(NULL, 0);
    return 1;
}

static void *thread_body(void *arg)
{
    return (void *)((uintptr_t)arg * 2);
}

static int threads(long n)
{
    enum { ALIVE = 200 };
    pthread_t t[ALIVE];
    pthread_attr_t attr;
    long created = 0, joined = 0;
    uintptr_t sum = 0, want = 0;

    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    while (created < n) {
        long batch = n - created < ALIVE ? n - created : ALIVE;

        for (long i = 0; i < batch; i++) {
            int err = pthread_create(&t[i], &attr, thread_body, (void *)(uintptr_t)(created + i));

            if (err) {
                printf("threads: pthread_create %ld: %s\n", created + i, strerrorname_np(err));
                return 1;
            }
            want += (created + i) * 2;
        }
        for (long i = 0; i < batch; i++) {
            void *ret;

            pthread_join(t[i], &ret);
            sum += (uintptr_t)ret;
            joined++;
        }
        created += batch;
    }
    printf("threads: %ld created, %ld joined, results %s\n", created, joined,
           sum == want ? "right" : "wrong");
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("child: %d arguments\n", argc);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "alloc") == 0) {
        return alloc_until_failure();
    }
    if (argc > 1 && strcmp(argv[1], "alloc-huge") == 0) {
        return alloc_huge();
    }
    if (argc > 1 && strcmp(argv[1], "argv") == 0) {
        return argv_limits(argv[0]);
    }
    if (argc > 1 && strcmp(argv[1], "recurse") == 0) {
        return recurse_to_limit();
    }
    if (argc > 2 && strcmp(argv[1], "threads") == 0) {
        return threads(atol(argv[2]));
    }
    fprintf(stderr, "usage: limits alloc|alloc-huge|argv|recurse|threads N\n");
    return 2;
}
