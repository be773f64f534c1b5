/*
 * thread-target.c: the multi-threaded program run-check-gdbstub.sh
 * debugs (threads.gdb).  main makes two workers and calls
 * threads_started() before it lets them go on (all three meet); then
 * worker 2 calls stop_here() while worker 1 spins inside worker(),
 * counting, until stop_here has run, and main waits inside main(): where
 * every thread is at that stop is known, and the count says whether
 * worker 1 ran while gdb had the process stopped.  The exit status says that
 * stop_here ran as often as it should.  With the argument "both" both
 * workers call stop_here() at once (two threads stopping together:
 * both.gdb); with "spin" the workers spin for ever and main waits for
 * them, for gdb to interrupt (interrupt.py).
 */
#include <pthread.h>
#include <string.h>

static pthread_barrier_t met, done;
static int both;
volatile long total, spins;

__attribute__((noinline)) void threads_started(void)
{
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) long stop_here(long id)
{
    return __atomic_add_fetch(&total, id, __ATOMIC_SEQ_CST);
}

static void *worker(void *arg)
{
    long id = (long)arg;

    pthread_barrier_wait(&met);
    if (id == 2 || both) {
        stop_here(id);
    }
    while (total == 0) {
        spins++;
    }
    pthread_barrier_wait(&done);
    return arg;
}

static void *spin(void *unused)
{
    for (;;) {
        spins++;
    }
}

int main(int argc, char **argv)
{
    pthread_t threads[2];
    int made = 0;

    if (argc > 1 && strcmp(argv[1], "spin") == 0) {
        for (int i = 0; i < 2; i++) {
            made += pthread_create(&threads[i], NULL, spin, NULL) == 0;
        }
        return made ? pthread_join(threads[0], NULL) : 1;
    }

    both = argc > 1 && strcmp(argv[1], "both") == 0;
    pthread_barrier_init(&met, NULL, 3);
    pthread_barrier_init(&done, NULL, 2);
    for (long id = 1; id <= 2; id++) {
        if (pthread_create(&threads[id - 1], NULL, worker, (void *)id) == 0) {
            made++;
        }
    }
    threads_started();
    if (made == 2) {
        pthread_barrier_wait(&met);
    }
    for (int i = 0; i < made; i++) {
        pthread_join(threads[i], NULL);
    }
    threads_started();
    return made == 2 && total == (both ? 3 : 2) ? 0 : 1;
}
