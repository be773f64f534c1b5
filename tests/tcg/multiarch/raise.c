/*
 * raise: signals delivered to handlers: raise() with SIGUSR1 and SIGUSR2
 * handlers, a blocked signal that stays pending until sigprocmask unblocks
 * it, SA_RESETHAND (the second raise takes the default action, which for
 * SIGUSR1 would kill: so it is ignored instead), kill() on our own pid, and a
 * handler that runs on an alternate signal stack.  Ends with exit status 3.
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, usr2, alt_ok;
static char altstack[65536];

static void on_usr1(int sig) { (void)sig; usr1++; }
static void on_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    usr2++;
    if (si->si_signo != SIGUSR2)
        usr2 += 100;
}
static void on_alt(int sig)
{
    char here;
    (void)sig;
    alt_ok = &here >= altstack && &here < altstack + sizeof(altstack);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);

    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR2);
    printf("usr1 %d usr2 %d\n", usr1, usr2);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    printf("blocked: usr1 %d pending %d\n", usr1, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("unblocked: usr1 %d\n", usr1);

    kill(getpid(), SIGUSR2);
    printf("kill: usr2 %d\n", usr2);

    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("resethand: usr1 %d, handler reset %d\n", usr1, now.sa_handler == SIG_DFL);

    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGURG, &sa, NULL);
    raise(SIGURG);
    printf("altstack used %d\n", alt_ok);

    signal(SIGPIPE, SIG_IGN);
    raise(SIGPIPE);
    puts("SIGPIPE ignored");
    return 3;
}
