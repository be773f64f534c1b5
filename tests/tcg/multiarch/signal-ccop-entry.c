/* check-tcg: word-size neutral */
/*
 * signal-ccop-entry: a signal that arrives while the lazy flags of an add
 * are carried across block boundaries (add, jmp, jmp, setc) must see, and
 * give back after its handler, the add's flags.  An emulator that chains
 * blocks without storing the kind of lazy flags (the next block knows it
 * from its own key) has to recover it when it leaves at a block's entry
 * for the signal.  A profiling timer interrupts the loop 50 times (every
 * 200 us asked, a tick or so given); each carry and zero flag read is
 * checked against the sum computed in C.  Prints the number of wrong flags (0) and whether signals came.
 */
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t hits;

static void on_timer(int sig)
{
    (void)sig;
    hits++;
}

int main(void)
{
    struct sigaction sa;
    struct itimerval it = { { 0, 200 }, { 0, 200 } };
    unsigned long i, wrong = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_timer;
    sigaction(SIGPROF, &sa, NULL);
    setitimer(ITIMER_PROF, &it, NULL);
    for (i = 0; i < 4000000000ul && hits < 50; i++) {
        unsigned long x = i * 2654435761ul, k = ~0ul / 2 + (i & 3), sum = x + k;
        unsigned char cf, zf;

        __asm__ volatile("add %[k], %[x]\n\t"
                         "jmp 1f\n"
                         "1:\tjmp 2f\n"
                         "2:\tsetc %[cf]\n\t"
                         "setz %[zf]"
                         : [x] "+r"(x), [cf] "=q"(cf), [zf] "=q"(zf)
                         : [k] "r"(k) : "cc");
        wrong += cf != (sum < k) || zf != (sum == 0) || x != sum;
    }
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_PROF, &it, NULL);
    printf("wrong flags: %lu\n", wrong);
    printf("interrupted: %s\n", hits >= 50 ? "yes" : "no");
    return 0;
}
