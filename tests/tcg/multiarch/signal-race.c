/*
 * signal-race: a signal that arrives just before a blocking system call
 * enters the kernel still ends the call's wait (issue 9, point 1).  An
 * emulator looks at its pending signals, then makes the host call; a
 * signal caught in between must not leave the call blocked.
 *
 * Each round arms a one-shot POSIX timer that sends SIGUSR1 to the
 * thread after a delay that varies round by round (0 to 20 us), then makes
 * the call, so that the signal lands before, in and after the emulator's
 * window in different rounds.  Natively no round can block:
 * - read: the handler (SA_RESTART) writes the byte the read waits for,
 *   whether it runs before the call or interrupts it;
 * - futex wait: the handler changes the word the wait expects (EAGAIN);
 * - ppoll and sigsuspend: SIGUSR1 is blocked outside the call and let
 *   through by the call's mask, so it is taken atomically with the wait
 *   (EINTR).
 * A watchdog thread reports a round whose call has not returned after some
 * seconds, and the program exits 1.  First, ppoll, pselect and epoll_pwait
 * with a mask and no signal at all must time out (0), not take their own
 * mask change for a signal.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 2000
#define MAX_DELAY_NS 20000
#define LOST_AFTER_SECONDS 8

enum mode { MODE_READ, MODE_FUTEX, MODE_PPOLL, MODE_SIGSUSPEND, MODE_COUNT };
static const char *const mode_names[] = { "read", "futex", "ppoll", "sigsuspend" };

static int pipe_fd[2];
/* The round under way and the last one ended; MASKED_WAITS for the first
   part (masked_waits_time_out). */
#define MASKED_WAITS (-2)
static volatile int current_round = -1, ended_round = -1;
static volatile int handled, futex_word;

static void on_usr1(int sig)
{
    char byte = 1;

    (void)sig;
    handled++;
    futex_word = 1;
    if (write(pipe_fd[1], &byte, 1) != 1) {
        _exit(3);
    }
}

/* The watchdog: a round that does not end in time lost its signal. */
static void *watchdog(void *unused)
{
    int seen = -3, still = 0;

    (void)unused;
    for (;;) {
        struct timespec tick = { 0, 100 * 1000 * 1000 };
        int round = current_round;

        nanosleep(&tick, NULL);
        still = round == seen && ended_round != round ? still + 1 : 0;
        seen = round;
        if (still == LOST_AFTER_SECONDS * 10) {
            if (round == MASKED_WAITS) {
                printf("a wait with a mask and no signal did not time out\n");
            } else {
                printf("%s: round %d: the call is still blocked: the signal was lost\n",
                       mode_names[round / ROUNDS], round % ROUNDS);
            }
            fflush(stdout);
            _exit(1);
        }
    }
    return NULL;
}

static void drain_byte(void)
{
    char byte;

    if (read(pipe_fd[0], &byte, 1) != 1) {
        printf("the handler's byte is missing\n");
        exit(2);
    }
}

/* One round's call; true when it ended as the mode requires. */
static int run_call(enum mode mode, const sigset_t *unblocked)
{
    struct pollfd pfd = { .fd = pipe_fd[0], .events = POLLIN };
    char byte;

    switch (mode) {
    case MODE_READ:
        return read(pipe_fd[0], &byte, 1) == 1;
    case MODE_FUTEX:
        if (syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL) == -1 &&
            errno == EAGAIN) {
            drain_byte();
            return 1;
        }
        return 0;
    case MODE_PPOLL:
        if (ppoll(&pfd, 1, NULL, unblocked) == -1 && errno == EINTR) {
            drain_byte();
            return 1;
        }
        return 0;
    default:
        if (sigsuspend(unblocked) == -1 && errno == EINTR) {
            drain_byte();
            return 1;
        }
        return 0;
    }
}

static void masked_waits_time_out(const sigset_t *unblocked)
{
    struct pollfd pfd = { .fd = pipe_fd[0], .events = POLLIN };
    struct epoll_event ev = { .events = EPOLLIN };
    struct timespec wait = { 0, 20 * 1000 * 1000 };
    int epfd = epoll_create1(0);
    fd_set readable;

    current_round = MASKED_WAITS;
    printf("ppoll with a mask, no signal: %d\n", ppoll(&pfd, 1, &wait, unblocked));
    FD_ZERO(&readable);
    FD_SET(pipe_fd[0], &readable);
    printf("pselect with a mask, no signal: %d\n",
           pselect(pipe_fd[0] + 1, &readable, NULL, NULL, &wait, unblocked));
    epoll_ctl(epfd, EPOLL_CTL_ADD, pipe_fd[0], &ev);
    printf("epoll_pwait with a mask, no signal: %d\n", epoll_pwait(epfd, &ev, 1, 20, unblocked));
    close(epfd);
    ended_round = MASKED_WAITS;
}

int main(void)
{
    struct sigevent sev;
    struct sigaction sa;
    sigset_t usr1, unblocked;
    pthread_t thread;
    timer_t timer;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_SETMASK, NULL, &unblocked);
    sigdelset(&unblocked, SIGUSR1);
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGUSR1;
    sev._sigev_un._tid = syscall(SYS_gettid);
    if (pipe(pipe_fd) != 0 || timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0) {
        perror("pipe or timer_create");
        return 2;
    }
    /* The watchdog takes no SIGUSR1: the timer's go to this thread only. */
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    if (pthread_create(&thread, NULL, watchdog, NULL) != 0) {
        printf("pthread_create failed\n");
        return 2;
    }
    masked_waits_time_out(&unblocked);
    for (int mode = 0; mode < MODE_COUNT; mode++) {
        int ok = 0, before = handled;

        /* ppoll and sigsuspend take the signal only inside the call. */
        sigprocmask(mode < MODE_PPOLL ? SIG_UNBLOCK : SIG_BLOCK, &usr1, NULL);
        for (int round = 0; round < ROUNDS; round++) {
            struct itimerspec when = { .it_value.tv_nsec =
                                       1 + (round * 7919L) % MAX_DELAY_NS };

            current_round = mode * ROUNDS + round;
            futex_word = 0;
            timer_settime(timer, 0, &when, NULL);
            ok += run_call(mode, &unblocked);
            ended_round = mode * ROUNDS + round;
        }
        printf("%s: %d rounds, %d ended as they should, %d signals handled\n",
               mode_names[mode], ROUNDS, ok, handled - before);
    }
    return 0;
}
