/*
 * posix-timers: timer_create and family with each notification (none, a
 * signal to the process, a signal to one thread, a thread started by libc,
 * the default SIGALRM), the siginfo of a timer signal (SI_TIMER, timer id,
 * value, overrun), overruns counted while the signal is blocked instead of
 * queued again, the settime/gettime values, and the errors of the raw
 * calls.  Times vary from run to run, so only their sanity is printed.
 * Timer ids are printed: the kernel numbers them per process from 0, and
 * the emulated program must see the same ones.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "syscall-report.h"

static volatile sig_atomic_t got_signo, got_code, got_timerid, got_overrun, got_value;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    got_signo = sig;
    got_code = si->si_code;
    got_timerid = si->si_timerid;
    got_overrun = si->si_overrun;
    got_value = si->si_value.sival_int;
}

static int kernel_id(timer_t t)
{
    return (int)(long)t;
}

static void arm(timer_t t, long value_ns, long interval_ns)
{
    struct itimerspec its = {
        .it_value = { value_ns / 1000000000, value_ns % 1000000000 },
        .it_interval = { interval_ns / 1000000000, interval_ns % 1000000000 },
    };
    if (timer_settime(t, 0, &its, NULL) != 0) {
        perror("timer_settime");
    }
}

static void sigev_none(void)
{
    struct sigevent sev = { .sigev_notify = SIGEV_NONE };
    struct itimerspec its = { .it_value = { 10, 0 }, .it_interval = { 2, 500 } }, old, cur;
    timer_t t;

    printf("SIGEV_NONE create: %d\n", timer_create(CLOCK_MONOTONIC, &sev, &t));
    printf("first timer id: %d\n", kernel_id(t));
    timer_settime(t, 0, &its, NULL);
    timer_gettime(t, &cur);
    printf("remaining in (9s, 10s]: %d, interval 2.000000500: %d\n",
           cur.it_value.tv_sec == 9 || (cur.it_value.tv_sec == 10 && cur.it_value.tv_nsec == 0),
           cur.it_interval.tv_sec == 2 && cur.it_interval.tv_nsec == 500);
    memset(&its, 0, sizeof(its));
    printf("disarm returns old value: %d", timer_settime(t, 0, &its, &old));
    printf(" %d\n", old.it_value.tv_sec >= 9 && old.it_interval.tv_sec == 2);

    /* absolute expiry in the past: expires at once, reads zero */
    clock_gettime(CLOCK_MONOTONIC, &its.it_value);
    its.it_value.tv_sec -= 1;
    printf("TIMER_ABSTIME in the past: %d", timer_settime(t, TIMER_ABSTIME, &its, NULL));
    timer_gettime(t, &cur);
    printf(" expired: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    printf("delete: %d\n", timer_delete(t));
}

static void sigev_signal(void)
{
    struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
    struct sigevent sev = {
        .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN + 1,
        .sigev_value.sival_int = 4242,
    };
    sigset_t block, old;
    timer_t t;

    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &block, &old);
    printf("SIGEV_SIGNAL create: %d", timer_create(CLOCK_MONOTONIC, &sev, &t));
    printf(", id %d\n", kernel_id(t));
    arm(t, 5 * 1000 * 1000, 0);
    sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("signal SIGRTMIN+1: %d, SI_TIMER: %d, timerid matches: %d, value %d, overrun %d\n",
           got_signo == SIGRTMIN + 1, got_code == SI_TIMER, got_timerid == kernel_id(t),
           (int)got_value, (int)got_overrun);
    printf("getoverrun: %d\n", timer_getoverrun(t));
    timer_delete(t);
}

/* A periodic timer whose blocked signal is taken late: one signal that
   counts the missed expiries, not one signal each. */
static void overruns(void)
{
    struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN + 2 };
    struct timespec nap = { 0, 200 * 1000 * 1000 }, zero = { 0, 0 };
    sigset_t set;
    siginfo_t si;
    timer_t t;
    int extra = 0, sig;

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    timer_create(CLOCK_MONOTONIC, &sev, &t);
    arm(t, 5 * 1000 * 1000, 5 * 1000 * 1000);
    nanosleep(&nap, NULL);
    sig = sigwaitinfo(&set, &si);
    printf("overrun signal: %d, SI_TIMER: %d, si_overrun >= 20: %d\n",
           sig == SIGRTMIN + 2, si.si_code == SI_TIMER, si.si_overrun >= 20);
    printf("getoverrun is si_overrun: %d\n", timer_getoverrun(t) == si.si_overrun);
    timer_delete(t);
    while (sigtimedwait(&set, &si, &zero) > 0) {
        extra++;
    }
    printf("instances queued besides: at most 1: %d\n", extra <= 1);
}

static volatile int thread_tid;
static sem_t thread_ready;

static void *waiter(void *arg)
{
    sigset_t set;
    siginfo_t si;
    int sig;

    (void)arg;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 3);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    thread_tid = syscall(SYS_gettid);
    sem_post(&thread_ready);
    sig = sigwaitinfo(&set, &si);
    printf("thread got it: %d, SI_TIMER: %d, value %d\n",
           sig == SIGRTMIN + 3, si.si_code == SI_TIMER, si.si_value.sival_int);
    return NULL;
}

static void sigev_thread_id(void)
{
    struct sigevent sev = {
        .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGRTMIN + 3,
        .sigev_value.sival_int = 77,
    };
    sigset_t set;
    pthread_t th;
    timer_t t;

    /* the main thread blocks it too: only the target thread may take it */
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 3);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    sem_init(&thread_ready, 0, 0);
    pthread_create(&th, NULL, waiter, NULL);
    sem_wait(&thread_ready);
    sev._sigev_un._tid = thread_tid;
    printf("SIGEV_THREAD_ID create: %d\n", timer_create(CLOCK_MONOTONIC, &sev, &t));
    arm(t, 5 * 1000 * 1000, 0);
    pthread_join(th, NULL);
    sigpending(&set);
    printf("main thread has none pending: %d\n", !sigismember(&set, SIGRTMIN + 3));
    timer_delete(t);
}

static sem_t callback_done;
static int callback_value;

static void callback(union sigval v)
{
    callback_value = *(int *)v.sival_ptr;
    sem_post(&callback_done);
}

static void sigev_thread(void)
{
    static int payload = 1234;
    struct sigevent sev = {
        .sigev_notify = SIGEV_THREAD, .sigev_notify_function = callback,
        .sigev_value.sival_ptr = &payload,
    };
    struct timespec deadline;
    timer_t t;

    sem_init(&callback_done, 0, 0);
    printf("SIGEV_THREAD create: %d\n", timer_create(CLOCK_MONOTONIC, &sev, &t));
    arm(t, 5 * 1000 * 1000, 0);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 5;
    printf("callback ran: %d", sem_timedwait(&callback_done, &deadline) == 0);
    printf(", value %d\n", callback_value);
    printf("delete: %d\n", timer_delete(t));
}

/* The kernel's timer_create(NULL): SIGALRM, value = the timer id (libc's
   own wrapper fills a sigevent of its own). */
static void default_event(void)
{
    struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
    sigset_t block, old;
    int id = -1;
    timer_t t;

    sigaction(SIGALRM, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    printf("NULL sigevent create: %ld", syscall(SYS_timer_create, CLOCK_REALTIME, NULL, &id));
    printf(", id %d\n", id);
    t = (timer_t)(long)id;
    arm(t, 5 * 1000 * 1000, 0);
    sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("SIGALRM: %d, SI_TIMER: %d, value is the id: %d\n",
           got_signo == SIGALRM, got_code == SI_TIMER, got_value == kernel_id(t));
    timer_delete(t);
}


/* The raw calls, so that libc's wrappers judge nothing. */
static void errors(void)
{
    struct { long value; int signo, notify, tid, pad[11]; } sev = { 0 };
    struct itimerspec its = { { 0, 0 }, { 1, 0 } };
    int id = -1;
    void *bad = (void *)16;

    sev.notify = SIGEV_SIGNAL;
    sev.signo = 0;
    report("signal 0", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev.signo = 65;
    report("signal 65", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev.notify = 99;
    sev.signo = SIGUSR1;
    report("notify 99", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev.notify = SIGEV_THREAD_ID;
    sev.tid = 1;
    report("THREAD_ID of another process", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev.notify = SIGEV_NONE;
    report("bad clock", syscall(SYS_timer_create, 1000, &sev, &id));
    report("bad sigevent", syscall(SYS_timer_create, CLOCK_MONOTONIC, bad, &id));
    report("bad id pointer", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, bad));
    report("create", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    printf("id after a failed create: %d\n", id);
    report("settime NULL", syscall(SYS_timer_settime, id, 0, NULL, NULL));
    report("settime bad pointer", syscall(SYS_timer_settime, id, 0, bad, NULL));
    its.it_value.tv_nsec = 1000000000;
    report("settime nsec too big", timer_settime((timer_t)(long)id, 0, &its, NULL));
    report("gettime bad pointer", syscall(SYS_timer_gettime, id, bad));
    report("delete", syscall(SYS_timer_delete, id));
    report("gettime deleted", syscall(SYS_timer_gettime, id, &its));
    report("getoverrun deleted", syscall(SYS_timer_getoverrun, id));
    report("delete again", syscall(SYS_timer_delete, id));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a hang shows where it stopped */
    sigev_none();
    sigev_signal();
    overruns();
    default_event();
    /* Threads from here on: the process-directed signals above must come
       before them, for the emulator leaves a signal pending on a thread
       that blocks it (docs/devel/linux-user.md, known gaps). */
    sigev_thread_id();
    sigev_thread();
    errors();
    return 0;
}
