/*
 * setjmp: non-local exits: longjmp out of deep recursion with values
 * (including 0, which setjmp must turn into 1), nested jump buffers, and
 * sigsetjmp/siglongjmp restoring the signal mask.  glibc mangles the saved
 * stack and frame pointers with a per-process guard read from the TCB (%gs
 * on i386, %fs on x86_64), so the emulator's TLS must be right.
 */
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>

static jmp_buf outer, inner;
static sigjmp_buf sj;
static volatile int depth_reached;

static void dive(int depth, int val)
{
    volatile char pad[64];
    pad[0] = (char)depth;
    depth_reached = depth + pad[0] - pad[0];
    if (depth == 50)
        longjmp(outer, val);
    dive(depth + 1, val);
}

static int nested(void)
{
    volatile int stage = 0;
    if (setjmp(inner) == 0) {
        stage = 1;
        longjmp(inner, 7);
    }
    stage += 10;
    return stage;
}

int main(void)
{
    for (volatile int v = -1; v <= 3; v++) {
        volatile int local = 100;
        int r = setjmp(outer);
        if (r == 0) {
            local = 200;
            dive(0, v);
            puts("not reached");
        }
        printf("longjmp(%d) -> setjmp returned %d, depth %d, local %d\n", v, r, depth_reached, local);
    }

    printf("nested stage %d\n", nested());

    sigset_t set, cur;
    sigemptyset(&set);
    if (sigsetjmp(sj, 1) == 0) {
        sigaddset(&set, SIGUSR2);
        sigprocmask(SIG_BLOCK, &set, NULL);
        sigprocmask(SIG_BLOCK, NULL, &cur);
        printf("blocked before siglongjmp: %d\n", sigismember(&cur, SIGUSR2));
        siglongjmp(sj, 5);
    }
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("blocked after siglongjmp: %d\n", sigismember(&cur, SIGUSR2));

    volatile int count = 0;
    jmp_buf loop;
    if (setjmp(loop) < 10) {
        count++;
        if (count < 10)
            longjmp(loop, count);
    }
    printf("loop count %d\n", count);
    return 0;
}
