/*
 * signalfd: blocked signals read as struct signalfd_siginfo records.  An
 * empty non-blocking signalfd says EAGAIN; poll sees a pending signal;
 * records come lowest number first, queued real-time instances one each
 * with their values, a child's exit as SIGCHLD with its status, a signal
 * another thread sends to the process; the set can be changed; a blocking
 * read waits for a signal; bad arguments fail as the kernel says.
 * check-tcg: word-size neutral (Debian's qemu-i386 skips the size check)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void show_read(int fd)
{
    struct signalfd_siginfo rec[4];
    ssize_t n = read(fd, rec, sizeof(rec));

    if (n < 0) {
        printf(" read: %s\n", strerror(errno));
        return;
    }
    for (size_t i = 0; i < n / sizeof(rec[0]); i++) {
        printf(" %s code %d int %d from self %d", strsignal(rec[i].ssi_signo),
               rec[i].ssi_code, rec[i].ssi_int, rec[i].ssi_pid == (uint32_t)getpid());
        if (rec[i].ssi_signo == SIGCHLD) {
            printf(" status %d", rec[i].ssi_status);
        }
        printf(";");
    }
    printf(" (%zd bytes)\n", n);
}

static void *send_later(void *arg)
{
    (void)arg;
    usleep(50000);
    kill(getpid(), SIGUSR2);
    return NULL;
}

int main(void)
{
    int rt = SIGRTMIN + 1, fd, fd2, flags;
    union sigval v;
    struct pollfd pfd;
    sigset_t set;
    pthread_t thread;
    pid_t child;
    long n;

    setvbuf(stdout, NULL, _IONBF, 0);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, rt);
    sigprocmask(SIG_BLOCK, &set, NULL);

    fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    flags = fcntl(fd, F_GETFL);
    printf("signalfd: ok %d nonblock %d cloexec %d\n", fd >= 0, !!(flags & O_NONBLOCK),
           fcntl(fd, F_GETFD) == FD_CLOEXEC);
    printf("empty:");
    show_read(fd);

    v.sival_int = 11;
    sigqueue(getpid(), rt, v);
    v.sival_int = 22;
    sigqueue(getpid(), rt, v);
    kill(getpid(), SIGUSR1);
    pfd.fd = fd;
    pfd.events = POLLIN;
    n = poll(&pfd, 1, 1000);
    printf("poll: %d revents %#x\n", n, pfd.revents);
    printf("three pending:");
    show_read(fd);

    child = fork();
    if (child == 0) {
        _exit(5);
    }
    waitid(P_PID, child, NULL, WEXITED | WNOWAIT);
    printf("child:");
    show_read(fd);
    waitpid(child, NULL, 0);

    /* Only SIGUSR1 now: SIGUSR2 stays pending for sigpending to see. */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    printf("change set: same fd %d\n", signalfd(fd, &set, 0) == fd);
    kill(getpid(), SIGUSR2);
    printf("SIGUSR2 outside the set:");
    show_read(fd);
    sigpending(&set);
    printf("SIGUSR2 still pending %d\n", sigismember(&set, SIGUSR2));
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    signalfd(fd, &set, 0);
    printf("after adding it:");
    show_read(fd);

    fd2 = signalfd(-1, &set, 0);
    pthread_create(&thread, NULL, send_later, NULL);
    printf("blocking read of a thread's kill:");
    show_read(fd2);
    pthread_join(thread, NULL);

    n = syscall(SYS_signalfd4, -1, &set, 4, 0);
    printf("bad size: %ld %s\n", n, strerror(errno));
    n = syscall(SYS_signalfd4, -1, (void *)8, 8, 0);
    printf("bad set: %ld %s\n", n, strerror(errno));
    n = syscall(SYS_signalfd4, -1, &set, 8, 1);
    printf("bad flags: %ld %s\n", n, strerror(errno));
    n = signalfd(0, &set, 0);
    printf("not a signalfd: %ld %s\n", n, strerror(errno));
    n = read(fd, &flags, sizeof(flags));
    printf("short read: %ld %s\n", n, strerror(errno));
    return 0;
}
