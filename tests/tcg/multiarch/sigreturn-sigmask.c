/*
 * sigreturn-sigmask: the blocked set around handlers and waits.  A handler
 * returns with the mask its frame saved (a signal blocked before stays
 * blocked, so a process-directed signal another thread sends waits for
 * sigwait instead of being lost); a handler that edits uc_sigmask in its
 * ucontext changes the mask it returns to, in both directions, and a
 * signal that edit unblocks is delivered at once; sigsuspend and pselect
 * unblock for the wait only, and a pending signal their mask unblocks
 * ends them at once.  Every wait has a time limit, so a lost signal shows
 * as output rather than a hang.
 * check-tcg: word-size neutral
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static volatile int events[16], n_events;

static void note(int sig)
{
    if (n_events < 16) {
        events[n_events++] = sig;
    }
}

static void on_signal(int sig)
{
    note(sig);
}

/* SIGUSR1's handler: blocks SIGUSR2 and unblocks SIGHUP for the code it
   returns to. */
static void on_usr1_edit(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)si;
    note(sig);
    sigaddset(&uc->uc_sigmask, SIGUSR2);
    sigdelset(&uc->uc_sigmask, SIGHUP);
}

static void set_handler(int sig, void (*fn)(int))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sigaction(sig, &sa, NULL);
}

static void show_events(const char *what)
{
    printf("%s:", what);
    for (int i = 0; i < n_events; i++) {
        printf(" %s", strsignal(events[i]));
    }
    printf("\n");
    n_events = 0;
}

static void show_mask(const char *what)
{
    sigset_t now;

    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("%s: usr1 %d usr2 %d hup %d\n", what, sigismember(&now, SIGUSR1),
           sigismember(&now, SIGUSR2), sigismember(&now, SIGHUP));
}

static void *send_to_process(void *arg)
{
    usleep(*(int *)arg);
    kill(getpid(), SIGUSR2);
    return NULL;
}

static void blocked_stays_blocked(void)
{
    struct timespec limit = { 5, 0 };
    pthread_t thread;
    sigset_t set;
    int delay = 0, sig;

    set_handler(SIGUSR1, on_signal);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGUSR1);
    show_events("after SIGUSR1");
    show_mask("mask after sigreturn");
    pthread_create(&thread, NULL, send_to_process, &delay);
    pthread_join(thread, NULL);
    sig = sigtimedwait(&set, NULL, &limit);
    printf("sigwait after the thread's kill: %s\n", sig > 0 ? strsignal(sig) : strerror(errno));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void handler_edits_mask(void)
{
    struct sigaction sa;
    sigset_t set;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr1_edit;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    set_handler(SIGHUP, on_signal);
    set_handler(SIGUSR2, on_signal);
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGHUP);
    show_events("SIGHUP blocked and raised");
    raise(SIGUSR1);
    show_events("SIGUSR1 handler unblocked SIGHUP");
    show_mask("mask after the edited sigreturn");
    raise(SIGUSR2);
    show_events("SIGUSR2 raised");
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    show_events("SIGUSR2 unblocked");
}

static void waits_with_mask(void)
{
    struct timespec limit = { 5, 0 };
    pthread_t thread;
    sigset_t block, wait_mask;
    int delay = 50000, ret;

    set_handler(SIGUSR1, on_signal);
    set_handler(SIGUSR2, on_signal);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, NULL);
    sigemptyset(&wait_mask);

    pthread_create(&thread, NULL, send_to_process, &delay);
    ret = sigsuspend(&wait_mask);
    printf("sigsuspend: %d %s\n", ret, ret < 0 ? strerror(errno) : "");
    pthread_join(thread, NULL);
    show_events("during sigsuspend");
    show_mask("mask after sigsuspend");

    raise(SIGUSR1);
    ret = pselect(0, NULL, NULL, NULL, &limit, &wait_mask);
    printf("pselect with SIGUSR1 pending: %d %s\n", ret, ret < 0 ? strerror(errno) : "");
    show_events("during pselect");
    show_mask("mask after pselect");
    sigprocmask(SIG_UNBLOCK, &block, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    blocked_stays_blocked();
    handler_edits_mask();
    waits_with_mask();
    return 0;
}
