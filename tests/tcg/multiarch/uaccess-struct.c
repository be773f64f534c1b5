/*
 * uaccess-struct: system calls that read or return a structure, a string
 * or an array through a pointer into a page the program may not write
 * (PROT_READ), may not touch (PROT_NONE), or that is not mapped, or that
 * crosses into one.  The kernel answers EFAULT, but only where it gets to
 * the memory: checks it makes first win, and some calls make their change
 * before they fail to report the old value, which is printed too.  Also
 * write(fd, NULL, 0), poll with more descriptors than RLIMIT_NOFILE and
 * stat(NULL).  Raw syscall() throughout: glibc would copy through its own
 * buffers, or answer from the vDSO.
 * check-tcg: word-size neutral (uaccess-test.h).
 */
#include "uaccess-test.h"
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

/* The kernel's struct sigaction for rt_sigaction (with native longs). */
struct kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

/* Where each call is pointed: its result lands across the end of a good
   page into a bad one, or in the bad page itself. */
static const struct {
    const char *name;
    int page;
    int back;           /* bytes before the page */
} targets[] = {
    { "PROT_READ", P_RO, 0 },
    { "PROT_NONE", P_NONE, 0 },
    { "unmapped", P_HOLE, 0 },
    /* 4 bytes: every structure here is at least 8 long on either ABI */
    { "crossing into PROT_NONE", P_NONE, 4 },
};

#define N_TARGETS (sizeof(targets) / sizeof(targets[0]))

static void struct_calls(void)
{
    char what[96];

    for (size_t i = 0; i < N_TARGETS; i++) {
        char *p = page(targets[i].page) - targets[i].back;

#define SHOW(call, text) \
    (snprintf(what, sizeof(what), text " %s", targets[i].name), show(what, call))
        SHOW(syscall(SYS_stat, "/", p), "stat into");
        SHOW(syscall(SYS_stat, "/no/such/file", p), "stat of a missing file into");
        SHOW(syscall(SYS_fstat, 0, p), "fstat into");
        SHOW(syscall(SYS_fstat, -1, p), "fstat of a bad fd into");
        SHOW(syscall(SYS_gettimeofday, p, NULL), "gettimeofday into");
        SHOW(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p), "clock_gettime into");
#ifdef SYS_ugetrlimit
        SHOW(syscall(SYS_ugetrlimit, RLIMIT_NOFILE, p), "getrlimit into");
#else
        SHOW(syscall(SYS_getrlimit, RLIMIT_NOFILE, p), "getrlimit into");
#endif
        SHOW(syscall(SYS_getrlimit, 9999, p), "getrlimit of a bad resource into");
        SHOW(syscall(SYS_uname, p), "uname into");
        SHOW(syscall(SYS_sysinfo, p), "sysinfo into");
        SHOW(syscall(SYS_getrusage, RUSAGE_SELF, p), "getrusage into");
        SHOW(syscall(SYS_pipe, p), "pipe into");
        SHOW(syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8), "sigaction from");
        SHOW(syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8), "sigprocmask from");
        SHOW(syscall(SYS_stat, p, page(P_DATA)), "stat of a path in");
#undef SHOW
    }
}

/* The old value is written after the change is made. */
static void change_then_fault(void)
{
    struct kernel_sigaction ign = { SIG_IGN, 0, NULL, 0 }, cur;
    uint64_t set = 1ULL << (SIGUSR2 - 1), now;

    show("sigaction, old one to unmapped",
         syscall(SYS_rt_sigaction, SIGUSR1, &ign, page(P_HOLE), 8));
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &cur, 8);
    show("  installed all the same", cur.handler == SIG_IGN);
    show("sigaction of a bad signal, old one to unmapped",
         syscall(SYS_rt_sigaction, 0, &ign, page(P_HOLE), 8));
    show("sigprocmask, old set to PROT_READ",
         syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, page(P_RO), 8));
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &now, 8);
    show("  blocked all the same", (now & set) != 0);
    show("sigprocmask, bad how, old set to PROT_READ",
         syscall(SYS_rt_sigprocmask, 99, &set, page(P_RO), 8));
    show("sigaltstack, old one to unmapped", syscall(SYS_sigaltstack, NULL, page(P_HOLE)));
}

/* Descriptors the kernel made are closed again when it cannot return them. */
static void descriptors_not_leaked(void)
{
    int before = dup(0), after, sv[2];

    close(before);
    show("pipe into PROT_READ", syscall(SYS_pipe, page(P_RO)));
    show("socketpair into PROT_READ", socketpair(AF_UNIX, SOCK_STREAM, 0,
                                                 (int *)page(P_RO)));
    after = dup(0);
    close(after);
    show("  no descriptor left behind", after == before);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    show("getsockname, address to PROT_READ",
         getsockname(sv[0], (void *)page(P_RO), &(socklen_t){ 16 }));
    show("getsockname, length in PROT_READ",
         getsockname(sv[0], (void *)page(P_DATA), (socklen_t *)page(P_RO)));
    show("getsockname, no room", getsockname(sv[0], (void *)page(P_RO),
                                             &(socklen_t){ 0 }));
    close(sv[0]);
    close(sv[1]);
}

static void wait_status(void)
{
    pid_t pid = fork();

    if (pid == 0) {
        _exit(3);
    }
    show("wait4, status to PROT_READ", syscall(SYS_wait4, pid, page(P_RO), 0, NULL) > 0);
    show("wait4 again: reaped all the same", syscall(SYS_wait4, pid, NULL, 0, NULL));
}

static void arrays(void)
{
    struct pollfd *fds = (struct pollfd *)(page(P_NONE) - sizeof(struct pollfd));
    fd_set *bad_set = (fd_set *)(page(P_NONE) - 4);

    fds->fd = 0;
    fds->events = POLLIN;
    show("poll, 2 fds, the second in PROT_NONE", syscall(SYS_poll, fds, 2, 0));
    show("poll, 1 fd before PROT_NONE", syscall(SYS_poll, fds, 1, 0));
    show("  revents", fds->revents);
    show("poll, more fds than RLIMIT_NOFILE", syscall(SYS_poll, NULL, 0x40000000, 0));
    show("poll, more fds than RLIMIT_NOFILE, bad array",
         syscall(SYS_poll, page(P_HOLE), 0x40000000, 0));
    show("poll, 0 fds, NULL", syscall(SYS_poll, NULL, 0, 0));
    show("select, read set crossing into PROT_NONE",
         select(64, bad_set, NULL, NULL, &(struct timeval){ 0, 0 }));
    show("select, read set in PROT_READ",
         select(1, (fd_set *)page(P_RO), NULL, NULL, &(struct timeval){ 0, 0 }));
}

static void strings(void)
{
    char *long_path = page(P_DATA);

    show("stat(NULL)", syscall(SYS_stat, NULL, page(P_DATA)));
    show("open(NULL)", syscall(SYS_open, NULL, O_RDONLY));
    page(P_MORE)[0] = 0;
    show("stat of \"\"", syscall(SYS_stat, page(P_MORE), page(P_DATA)));
    /* a path running into the PROT_NONE page without its NUL */
    memset(page(P_NONE) - 5, 'x', 5);
    show("stat of a path running into PROT_NONE",
         syscall(SYS_stat, page(P_NONE) - 5, page(P_MORE)));
    memset(long_path, '/', 2 * PAGE);
    long_path[PATH_MAX] = 0;
    show("stat of a path of PATH_MAX bytes", syscall(SYS_stat, long_path, page(P_MORE)));
    long_path[PATH_MAX - 1] = 0;
    show("stat of a path of PATH_MAX - 1", syscall(SYS_stat, long_path, page(P_MORE)));
}

int main(void)
{
    region_init();
    struct_calls();
    change_then_fault();
    descriptors_not_leaked();
    wait_status();
    arrays();
    strings();
    show("write(1, NULL, 0)", write(1, NULL, 0));
    show("write(-1, NULL, 0)", write(-1, NULL, 0));
    return 0;
}
