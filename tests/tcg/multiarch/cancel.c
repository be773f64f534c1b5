/*
 * cancel: the first real-time signals, which glibc keeps for itself, and the
 * queueing of real-time signals.  pthread_cancel reaches a thread blocked in
 * read() on a pipe through SIGCANCEL (signal 32): its cleanup handler runs
 * and pthread_join reports PTHREAD_CANCELED.  A thread with deferred
 * cancellation notices it at pthread_testcancel.  Three SIGRTMIN+1 sent with
 * pthread_sigqueue to a thread that blocks it, and three sent with sigqueue
 * to the whole (by then single-threaded) process, are all delivered, in
 * order, once unblocked, lower signal numbers first; three blocked SIGUSR1
 * merge into one.  kill(getpid(), SIGRTMIN) runs a handler.  An emulator
 * whose own glibc reserves host signals 32 and 33 must carry the guest's 32
 * and 33 on other host signals for any of this to work.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int pipefd[2];
static volatile int poller_started;

static void cleanup(void *what)
{
    printf("cleanup handler of the %s thread\n", (const char *)what);
}

static void *reader(void *arg)
{
    char c;

    (void)arg;
    pthread_cleanup_push(cleanup, "reader");
    if (read(pipefd[0], &c, 1) >= 0) {
        puts("reader: read returned");
    }
    pthread_cleanup_pop(0);
    return NULL;
}

static void *poller(void *arg)
{
    (void)arg;
    pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, NULL);
    pthread_cleanup_push(cleanup, "poller");
    poller_started = 1;
    for (;;) {
        pthread_testcancel();
    }
    pthread_cleanup_pop(0);
    return NULL;
}

static void cancel_and_join(void *(*fn)(void *), const char *name)
{
    pthread_t th;
    void *ret;

    pthread_create(&th, NULL, fn, NULL);
    while (fn == poller && !poller_started) {
        sched_yield();
    }
    usleep(100000);                 /* let the reader block in read() */
    pthread_cancel(th);
    pthread_join(th, &ret);
    printf("%s joined, %s\n", name,
           ret == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "not canceled");
}

/* What the handlers saw, in the order they ran. */
static char seen[256];
static size_t seen_len;

static void record(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    seen_len += snprintf(seen + seen_len, sizeof(seen) - seen_len, " %s%d:%d",
                         sig >= SIGRTMIN ? "RTMIN+" : "sig",
                         sig >= SIGRTMIN ? sig - SIGRTMIN : sig,
                         si->si_code == SI_QUEUE ? si->si_value.sival_int : -1);
}

static void print_seen(const char *what)
{
    printf("%s:%s\n", what, seen);
    seen_len = 0;
    seen[0] = 0;
}

static void block(int how, int sig1, int sig2)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, sig1);
    sigaddset(&set, sig2);
    pthread_sigmask(how, &set, NULL);
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int sent;

/* Inherits SIGRTMIN+1 blocked; unblocks it once main has queued to it. */
static void *receiver(void *arg)
{
    sigset_t pending;

    (void)arg;
    pthread_mutex_lock(&lock);
    while (!sent) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    sigpending(&pending);
    printf("receiver: pending %d, nothing delivered yet %d\n",
           sigismember(&pending, SIGRTMIN + 1), seen_len == 0);
    block(SIG_UNBLOCK, SIGRTMIN + 1, SIGRTMIN + 1);
    print_seen("receiver got");
    return NULL;
}

static void queue_to_thread(void)
{
    pthread_t th;

    block(SIG_BLOCK, SIGRTMIN + 1, SIGRTMIN + 1);
    pthread_create(&th, NULL, receiver, NULL);
    for (int v = 1; v <= 3; v++) {
        pthread_sigqueue(th, SIGRTMIN + 1, (union sigval){ .sival_int = v * 11 });
    }
    pthread_mutex_lock(&lock);
    sent = 1;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    pthread_join(th, NULL);
    block(SIG_UNBLOCK, SIGRTMIN + 1, SIGRTMIN + 1);
}

static void queue_to_process(void)
{
    block(SIG_BLOCK, SIGRTMIN + 1, SIGRTMIN);
    for (int v = 1; v <= 3; v++) {
        sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = v * 100 });
    }
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 7 });
    block(SIG_UNBLOCK, SIGRTMIN + 1, SIGRTMIN);
    print_seen("process got");

    block(SIG_BLOCK, SIGUSR1, SIGUSR1);
    for (int i = 0; i < 3; i++) {
        kill(getpid(), SIGUSR1);
    }
    block(SIG_UNBLOCK, SIGUSR1, SIGUSR1);
    print_seen("three SIGUSR1 while blocked");
}

int main(void)
{
    struct sigaction sa;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (pipe(pipefd)) {
        return 1;
    }
    cancel_and_join(reader, "reader");
    cancel_and_join(poller, "poller");

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = record;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);

    queue_to_thread();
    queue_to_process();

    kill(getpid(), SIGRTMIN);
    print_seen("kill SIGRTMIN");
    return 0;
}
