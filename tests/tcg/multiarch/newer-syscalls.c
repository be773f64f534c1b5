/*
 * newer-syscalls: the calls of Linux 5.x that libc and tools now use,
 * through raw syscall() so that libc decides nothing: pidfd_open,
 * pidfd_send_signal (with and without a siginfo), pidfd_getfd, clone3 as a
 * fork (with CLONE_PIDFD and CLONE_PARENT_SETTID) and its argument checks,
 * close_range (with CLOSE_RANGE_CLOEXEC), openat2 (struct open_how sizes,
 * RESOLVE_BENEATH), epoll_pwait2, membarrier, mknodat of a FIFO,
 * setreuid/setregid, faccessat2, statx and copy_file_range.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "syscall-report.h"
#include <sys/wait.h>
#include <linux/sched.h>


static volatile sig_atomic_t usr1_code, usr1_value;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    usr1_code = si->si_code;
    usr1_value = si->si_value.sival_int;
}

static void pidfds(void)
{
    struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
    siginfo_t si;
    int pfd, status, pipefd[2], stolen;
    pid_t child;
    char c = 0;

    sigaction(SIGUSR1, &sa, NULL);
    pfd = syscall(SYS_pidfd_open, getpid(), 0);
    report("pidfd_open self >= 0", pfd >= 0);
    report("pidfd_send_signal self", syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 0));
    printf("got SI_USER: %d\n", usr1_code == SI_USER);

    memset(&si, 0, sizeof(si));
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = 99;
    report("pidfd_send_signal siginfo", syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, &si, 0));
    printf("got SI_QUEUE: %d, value %d\n", usr1_code == SI_QUEUE, (int)usr1_value);
    si.si_signo = SIGUSR2;
    report("siginfo of another signal", syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, &si, 0));
    report("bad flags", syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 0x100));
    report("bad signal", syscall(SYS_pidfd_send_signal, pfd, 100, NULL, 0));
    report("not a pidfd", syscall(SYS_pidfd_send_signal, 0, SIGUSR1, NULL, 0));

    /* a child's pidfd: the child takes a descriptor of ours, then dies */
    pipe(pipefd);
    child = fork();
    if (child == 0) {
        read(pipefd[0], &c, 1);
        _exit(7);
    }
    close(pipefd[0]);
    int cfd = syscall(SYS_pidfd_open, child, 0);
    report("pidfd_open child >= 0", cfd >= 0);
    stolen = syscall(SYS_pidfd_getfd, cfd, pipefd[1], 0);
    report("pidfd_getfd >= 0", stolen >= 0);
    report("pidfd_getfd bad fd", syscall(SYS_pidfd_getfd, cfd, 999, 0));
    write(stolen, "x", 1);
    waitpid(child, &status, 0);
    printf("child exit %d\n", WEXITSTATUS(status));
    report("send to a dead child", syscall(SYS_pidfd_send_signal, cfd, SIGUSR1, NULL, 0));
    report("pidfd_open bad flags", syscall(SYS_pidfd_open, getpid(), 1));
    report("pidfd_open no such pid", syscall(SYS_pidfd_open, 0x3fffffff, 0));
    close(cfd);
    close(pfd);
    close(stolen);
    close(pipefd[1]);
}

static void clone3_fork(void)
{
    struct clone_args ca;
    int32_t pidfd = -1, ptid = 0;
    int status;
    long pid;

    memset(&ca, 0, sizeof(ca));
    ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
    ca.pidfd = (uintptr_t)&pidfd;
    ca.parent_tid = (uintptr_t)&ptid;
    ca.exit_signal = SIGCHLD;
    fflush(stdout);
    pid = syscall(SYS_clone3, &ca, sizeof(ca));
    if (pid == 0) {
        _exit(42);
    }
    printf("clone3 fork: parent_tid is the pid: %d, pidfd >= 0: %d\n", ptid == pid, pidfd >= 0);
    waitpid(pid, &status, 0);
    printf("clone3 child exit %d\n", WEXITSTATUS(status));
    close(pidfd);

    report("clone3 size too small", syscall(SYS_clone3, &ca, 32));
    report("clone3 size too big", syscall(SYS_clone3, &ca, 8192));
    report("clone3 bad pointer", syscall(SYS_clone3, (void *)16, sizeof(ca)));
    ca.exit_signal = 0x1000;
    report("clone3 bad exit signal", syscall(SYS_clone3, &ca, sizeof(ca)));
    ca.exit_signal = SIGCHLD;
    ca.stack_size = 4096;
    report("clone3 stack size without stack", syscall(SYS_clone3, &ca, sizeof(ca)));
    ca.stack_size = 0;
    ca.flags = SIGCHLD;
    report("clone3 signal in flags", syscall(SYS_clone3, &ca, sizeof(ca)));
    {
        /* bytes the kernel does not know must be zero */
        struct { struct clone_args a; uint64_t more; } big;
        memset(&big, 0, sizeof(big));
        big.a.exit_signal = SIGCHLD;
        big.more = 1;
        report("clone3 unknown bytes set", syscall(SYS_clone3, &big, sizeof(big)));
    }
}

static void close_ranges(void)
{
    int a = dup(1), b = dup(1), c = dup(1);

    report("close_range cloexec", syscall(SYS_close_range, b, c, 4 /* CLOSE_RANGE_CLOEXEC */));
    printf("cloexec set: %d %d, not on the one below: %d\n",
           fcntl(b, F_GETFD) == FD_CLOEXEC, fcntl(c, F_GETFD) == FD_CLOEXEC,
           fcntl(a, F_GETFD) == 0);
    report("close_range", syscall(SYS_close_range, a, ~0U, 0));
    printf("closed: %d %d %d\n", fcntl(a, F_GETFD) < 0, fcntl(b, F_GETFD) < 0,
           fcntl(c, F_GETFD) < 0);
    report("close_range first > last", syscall(SYS_close_range, 10, 5, 0));
    report("close_range bad flags", syscall(SYS_close_range, 10, 20, 0x100));
}

struct open_how_v0 { uint64_t flags, mode, resolve; };

static void openat2s(void)
{
    struct { struct open_how_v0 h; uint64_t more; } how = { { O_RDONLY, 0, 0 }, 0 };
    int dir = open("/etc", O_RDONLY | O_DIRECTORY), fd;

    fd = syscall(SYS_openat2, dir, "passwd", &how.h, sizeof(how.h));
    report("openat2 /etc passwd >= 0", fd >= 0);
    close(fd);
    fd = syscall(SYS_openat2, AT_FDCWD, "/etc/passwd", &how, sizeof(how));
    report("openat2 larger zeroed size >= 0", fd >= 0);
    close(fd);
    how.more = 1;
    report("openat2 unknown bytes set", syscall(SYS_openat2, AT_FDCWD, "/etc/passwd", &how, sizeof(how)));
    report("openat2 size 16", syscall(SYS_openat2, AT_FDCWD, "/etc/passwd", &how, 16));
    report("openat2 size 8192", syscall(SYS_openat2, AT_FDCWD, "/etc/passwd", &how, 8192));
    report("openat2 bad how", syscall(SYS_openat2, AT_FDCWD, "/etc/passwd", (void *)16, 24));
    how.h.resolve = 0x08; /* RESOLVE_BENEATH */
    report("openat2 beneath, absolute", syscall(SYS_openat2, dir, "/etc/passwd", &how.h, 24));
    report("openat2 beneath, ..", syscall(SYS_openat2, dir, "../etc/passwd", &how.h, 24));
    how.h.resolve = 0;
    how.h.mode = 0644;
    report("openat2 mode without O_CREAT", syscall(SYS_openat2, dir, "passwd", &how.h, 24));
    how.h.mode = 0;
    how.h.flags = 1ULL << 40;
    report("openat2 unknown flag", syscall(SYS_openat2, dir, "passwd", &how.h, 24));
    how.h.flags = O_RDONLY;
    report("openat2 missing file", syscall(SYS_openat2, dir, "no-such-file", &how.h, 24));
    close(dir);
}

static void epoll2(void)
{
    int ep = epoll_create1(0), p[2];
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL }, out[4];
    struct { int64_t tv_sec, tv_nsec; } ts = { 0, 10 * 1000 * 1000 };  /* __kernel_timespec */

    pipe(p);
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    report("epoll_pwait2 empty, 10ms", syscall(SYS_epoll_pwait2, ep, out, 4, &ts, NULL, 8));
    write(p[1], "y", 1);
    report("epoll_pwait2 ready", syscall(SYS_epoll_pwait2, ep, out, 4, NULL, NULL, 8));
    printf("data %llx events %x\n", (unsigned long long)out[0].data.u64, out[0].events);
    ts.tv_nsec = 2000000000;
    report("epoll_pwait2 bad timeout", syscall(SYS_epoll_pwait2, ep, out, 4, &ts, NULL, 8));
    report("epoll_pwait2 bad timeout pointer", syscall(SYS_epoll_pwait2, ep, out, 4, (void *)16, NULL, 8));
    report("epoll_pwait2 maxevents 0", syscall(SYS_epoll_pwait2, ep, out, 0, NULL, NULL, 8));
    close(ep);
    close(p[0]);
    close(p[1]);
}

static void files(void)
{
    char dir[] = "/tmp/newer-syscalls.XXXXXX", path[64], buf[16] = "";
    struct stat st;
    struct statx stx;
    int in, out;
    loff_t off_in = 2;

    mkdtemp(dir);
    snprintf(path, sizeof(path), "%s/fifo", dir);
    report("mknodat fifo", syscall(SYS_mknodat, AT_FDCWD, path, S_IFIFO | 0600, 0));
    stat(path, &st);
    printf("is a fifo: %d, mode %o\n", S_ISFIFO(st.st_mode), st.st_mode & 0777);
    report("mknodat again", syscall(SYS_mknodat, AT_FDCWD, path, S_IFIFO | 0600, 0));
    unlink(path);

    report("faccessat2 R_OK", syscall(SYS_faccessat2, AT_FDCWD, "/etc/passwd", R_OK, AT_EACCESS));
    report("faccessat2 bad flag", syscall(SYS_faccessat2, AT_FDCWD, "/etc/passwd", R_OK, 0x1));
    report("statx", syscall(SYS_statx, AT_FDCWD, dir, 0, STATX_TYPE | STATX_MODE, &stx));
    printf("statx dir: %d, mode %o\n", S_ISDIR(stx.stx_mode), stx.stx_mode & 0777);

    snprintf(path, sizeof(path), "%s/a", dir);
    in = open(path, O_RDWR | O_CREAT, 0600);
    write(in, "0123456789", 10);
    snprintf(path, sizeof(path), "%s/b", dir);
    out = open(path, O_RDWR | O_CREAT, 0600);
    report("copy_file_range", syscall(SYS_copy_file_range, in, &off_in, out, NULL, 5, 0));
    pread(out, buf, sizeof(buf) - 1, 0);
    printf("copied \"%s\", off_in now %lld\n", buf, (long long)off_in);
    report("copy_file_range bad flags", syscall(SYS_copy_file_range, in, NULL, out, NULL, 5, 1));
    close(in);
    close(out);
    unlink(path);
    snprintf(path, sizeof(path), "%s/a", dir);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    pidfds();
    clone3_fork();
    close_ranges();
    openat2s();
    epoll2();
    report("membarrier query", syscall(SYS_membarrier, 0 /* MEMBARRIER_CMD_QUERY */, 0, 0));
    report("membarrier bad command", syscall(SYS_membarrier, 12345, 0, 0));
    report("setreuid(-1, -1)", syscall(SYS_setreuid, -1, -1));
    report("setregid(-1, -1)", syscall(SYS_setregid, -1, -1));
    files();
    return 0;
}
