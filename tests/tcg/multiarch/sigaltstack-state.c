/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * sigaltstack-state: what sigaltstack(2) reports and when it fails, in the
 * kernel's order: the state a process starts with, a stack set and read
 * back, the unchanged-stack shortcut (success even with a size that would
 * be ENOMEM, and EFAULT only from writing the old stack), EPERM while on
 * the stack, and SS_AUTODISARM (disabled inside the handler, back after
 * it returns); a new thread starts with SS_DISABLE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static char stack_mem[65536];

static void show(const char *what, int ret, const stack_t *st)
{
    printf("%-28s ret %d errno %-6s", what, ret, ret ? strerrorname_np(errno) : "-");
    if (st)
        printf(" sp %s size %zu flags %#x", st->ss_sp == stack_mem ? "mem" : st->ss_sp ? "other" : "0",
               st->ss_size, (unsigned)st->ss_flags);
    putchar('\n');
}

static void handler(int sig)
{
    stack_t cur, mine = { .ss_sp = stack_mem, .ss_size = sizeof(stack_mem) };
    int ret = sigaltstack(NULL, &cur);
    (void)sig;
    show("in handler", ret, &cur);
    show("set while on it", sigaltstack(&mine, NULL), NULL);
}

static void *thread_main(void *arg)
{
    stack_t cur;
    (void)arg;
    show("new thread", sigaltstack(NULL, &cur), &cur);
    return NULL;
}

int main(void)
{
    stack_t st, cur, zero = { 0 };
    struct sigaction sa;
    pthread_t t;

    show("at start", sigaltstack(NULL, &cur), &cur);
    show("same as at start", sigaltstack(&zero, NULL), NULL);
    show("same, old to a bad pointer", sigaltstack(&zero, (stack_t *)8), NULL);
    st = (stack_t) { .ss_sp = stack_mem, .ss_size = 100 };
    show("too small", sigaltstack(&st, NULL), NULL);
    st.ss_flags = 7;
    show("bad mode", sigaltstack(&st, NULL), NULL);
    st = (stack_t) { .ss_sp = stack_mem, .ss_size = sizeof(stack_mem), .ss_flags = SS_AUTODISARM };
    show("set autodisarm", sigaltstack(&st, NULL), NULL);
    show("read back", sigaltstack(NULL, &cur), &cur);

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    show("after the handler", sigaltstack(NULL, &cur), &cur);

    st.ss_flags = SS_DISABLE;
    show("disable", sigaltstack(&st, NULL), NULL);
    show("read back", sigaltstack(NULL, &cur), &cur);
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, NULL);
    return 0;
}
