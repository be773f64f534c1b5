/*
 * sigqueue-rt: queued signals as the kernel keeps them.  1,000 sigqueue()
 * of one real-time signal while it is blocked are all accepted and all
 * delivered on unblock, one handler run each, values in order; with
 * RLIMIT_SIGPENDING lowered, sigqueue fails with EAGAIN once the limit is
 * reached.  Standard signals merge; on unblock, pending signals come
 * lowest number first; sigpending shows what is blocked and pending;
 * sigtimedwait takes queued instances in order with their values, times
 * out with EAGAIN, and takes a blocked SIGCHLD whose default is to ignore.
 * check-tcg: word-size neutral
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SENT 1000

static volatile int received, out_of_order, order_len;
static volatile int order[8];

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    if (si->si_value.sival_int != received || si->si_code != SI_QUEUE) {
        out_of_order++;
    }
    received++;
}

static void note_order(int sig)
{
    if (order_len < 8) {
        order[order_len++] = sig;
    }
}

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

static void mask(int how, int sig)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(how, &set, NULL);
}

/* Queue up to n instances of sig with values 0..n-1: how many were
   accepted, and the errno of the first refusal in *err (0 if none). */
static int queue_many(int sig, int n, int *err)
{
    union sigval v;
    int i;

    *err = 0;
    for (i = 0; i < n; i++) {
        v.sival_int = i;
        if (sigqueue(getpid(), sig, v) != 0) {
            *err = errno;
            break;
        }
    }
    return i;
}

static void queue_and_deliver(void)
{
    int rt = SIGRTMIN + 1, err, accepted;
    sigset_t pend;

    set_handler(rt, on_rt);
    mask(SIG_BLOCK, rt);
    accepted = queue_many(rt, SENT, &err);
    sigpending(&pend);
    printf("queued %d of %d (errno %d), pending %d, delivered so far %d\n",
           accepted, SENT, err, sigismember(&pend, rt), received);
    mask(SIG_UNBLOCK, rt);
    printf("after unblock: delivered %d, out of order %d\n", received, out_of_order);
}

static void queue_past_limit(void)
{
    int rt = SIGRTMIN + 2, err, accepted, limit = 64;
    struct rlimit old, low;

    getrlimit(RLIMIT_SIGPENDING, &old);
    low.rlim_cur = limit;
    low.rlim_max = old.rlim_max;
    setrlimit(RLIMIT_SIGPENDING, &low);
    set_handler(rt, on_rt);
    mask(SIG_BLOCK, rt);
    received = 0;
    accepted = queue_many(rt, SENT, &err);
    /* The limit counts every pending signal of this user, system-wide: a
       few may belong to other processes. */
    printf("limit %d: refused %s, accepted within limit %d, near it %d\n", limit,
           err == EAGAIN ? "with EAGAIN" : strerror(err),
           accepted <= limit, accepted >= limit - 16);
    mask(SIG_UNBLOCK, rt);
    printf("limit: all accepted delivered %d, out of order %d\n",
           received == accepted, out_of_order);
    setrlimit(RLIMIT_SIGPENDING, &old);
}

static void on_ordered(int sig, siginfo_t *si, void *uc)
{
    (void)si; (void)uc;
    note_order(sig);
}

static void merge_and_order(void)
{
    int rt = SIGRTMIN + 3;
    sigset_t set, pend;

    set_handler(SIGUSR1, on_ordered);
    set_handler(SIGUSR2, on_ordered);
    set_handler(rt, on_ordered);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, rt);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), rt);
    kill(getpid(), rt);
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    sigpending(&pend);
    printf("pending: usr1 %d usr2 %d rt %d term %d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGUSR2), sigismember(&pend, rt),
           sigismember(&pend, SIGTERM));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("delivered in order:");
    for (int i = 0; i < order_len; i++) {
        printf(" %s", order[i] == SIGUSR1 ? "usr1" : order[i] == SIGUSR2 ? "usr2"
                      : order[i] == rt ? "rt" : "?");
    }
    printf("\n");
}

static void timed_wait(void)
{
    int rt = SIGRTMIN + 4, err;
    struct timespec zero = { 0, 0 }, short_wait = { 0, 20000000 };
    sigset_t set;
    siginfo_t si;
    pid_t child;

    mask(SIG_BLOCK, rt);
    printf("sigtimedwait queued %d\n", queue_many(rt, 5, &err));
    sigemptyset(&set);
    sigaddset(&set, rt);
    for (int i = 0; i < 5; i++) {
        int sig = sigtimedwait(&set, &si, &zero);

        printf(" took %s value %d\n", sig == rt ? "rt" : "?", si.si_value.sival_int);
    }
    errno = 0;
    err = sigtimedwait(&set, &si, &short_wait);
    printf("empty: %d errno %s\n", err, errno == EAGAIN ? "EAGAIN" : strerror(errno));

    signal(SIGCHLD, SIG_DFL);
    mask(SIG_BLOCK, SIGCHLD);
    child = fork();
    if (child == 0) {
        _exit(7);
    }
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    printf("blocked SIGCHLD taken: %d", sigwaitinfo(&set, &si) == SIGCHLD);
    printf(" code exited %d status %d\n", si.si_code == CLD_EXITED, si.si_status);
    waitpid(child, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    queue_and_deliver();
    queue_past_limit();
    merge_and_order();
    timed_wait();
    return 0;
}
