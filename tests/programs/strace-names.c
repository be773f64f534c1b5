/*
 * strace-names: system calls whose arguments -strace spells out by name
 * (access modes, lseek whence, fcntl commands, ioctl requests, open and
 * mmap flags, signals and sigprocmask's how, clock ids, futex operations,
 * unlinkat's flags; a file offset, and fstatat's flags, in hex), for
 * run-check-options.sh to compare with QEMU's -strace.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    struct winsize ws;
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC), n;

    access("/", R_OK | X_OK);
    access("/no/such/file", F_OK);
    lseek(fd, 0, SEEK_END);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_DUPFD_CLOEXEC, 10);
    ioctl(fd, TIOCGWINSZ, &ws);
    ioctl(fd, FIONREAD, &n);
    mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    struct stat st;
    mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, self, 4096);
    fstatat(self, "", &st, AT_EMPTY_PATH);
    struct sigaction sa = { .sa_handler = SIG_IGN };
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    clock_getres(CLOCK_BOOTTIME, &ts);
    syscall(SYS_futex, &n, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    syscall(SYS_futex, &n, FUTEX_WAKE_BITSET | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0);
    unlinkat(AT_FDCWD, "/no/such/dir", AT_REMOVEDIR);
    unlinkat(AT_FDCWD, "/no/such/file", 0);
    dup3(fd, 20, O_CLOEXEC);
    return 0;
}
