/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-sigframe: signal frames written and read at 4 KiB protection (issue 5,
 * point 3).  The alternate signal stack is three read-write pages in a
 * 64 KiB region whose other pages are PROT_NONE: a signal is delivered on
 * it and returns.  In child processes: an alternate stack made PROT_READ
 * cannot take the frame, so the process dies of SIGSEGV; a handler that
 * makes its own stack PROT_READ still returns (sigreturn only reads the
 * frame); one that makes it PROT_NONE dies of SIGSEGV at sigreturn.
 */
#include "mem-test.h"
#include <sys/wait.h>

#define STACK_PAGES 3

static unsigned char *region, *stack;
static volatile int ran_on_stack;
static volatile int prot_at_return = PROT_READ | PROT_WRITE;

static void on_usr1(int sig)
{
    (void)sig;
    unsigned char local;
    ran_on_stack = &local >= stack && &local < stack + STACK_PAGES * PAGE;
    mprotect(stack, STACK_PAGES * PAGE, prot_at_return);
}

static void use_stack(unsigned char *sp, size_t len)
{
    stack_t ss = { .ss_sp = sp, .ss_size = len, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
}

static void deliver(const char *what)
{
    ran_on_stack = 0;
    raise(SIGUSR1);
    printf("%s: handler returned, ran on the alternate stack %d\n", what, ran_on_stack);
}

/* in_child: runs fn in a child and says how the child ended. */
static void in_child(const char *what, void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st))
        printf("%s: child killed by %s\n", what, sigabbrev_np(WTERMSIG(st)));
    else
        printf("%s: child exit %d\n", what, WEXITSTATUS(st));
}

static void stack_read_only(void)
{
    mprotect(stack, STACK_PAGES * PAGE, PROT_READ);
    deliver("alternate stack PROT_READ");
}

static void handler_protects_read(void)
{
    prot_at_return = PROT_READ;
    deliver("handler made its stack PROT_READ");
}

static void handler_protects_none(void)
{
    prot_at_return = PROT_NONE;
    deliver("handler made its stack PROT_NONE");
}

int main(void)
{
    region = map_aligned(BIG_PAGE, PROT_NONE);
    stack = region + 6 * PAGE;
    mprotect(stack, STACK_PAGES * PAGE, PROT_READ | PROT_WRITE);
    use_stack(stack, STACK_PAGES * PAGE);

    deliver("between PROT_NONE pages");
    deliver("again");
    /* The frame is gone after return: the stack pages hold no live data. */
    memset(stack, 0, STACK_PAGES * PAGE);
    deliver("after clearing the stack");

    in_child("frame into PROT_READ", stack_read_only);
    in_child("sigreturn from PROT_READ", handler_protects_read);
    in_child("sigreturn from PROT_NONE", handler_protects_none);
    catch_faults();
    print_pages("region", region, 16, 1);
    return 0;
}
