/*
 * threads-tls: thread-local storage (initialised and zeroed __thread
 * variables) in four threads, a mutex-protected counter incremented
 * 100000 times by each, a condition-variable ping-pong, pthread_exit with
 * a value from a nested call, and finally exit(3) from a thread while the
 * main thread and two others are blocked: the process must end with
 * status 3.  Everything printed is independent of scheduling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <pthread.h>

#define NT 4
#define PER 100000
#define ROUNDS 1000

static __thread int tls_init = 42;
static __thread long tls_zero;
static __thread char tls_name[16] = "main";

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void __attribute__((noinline)) finish(int id)
{
    /* pthread_exit from below the start routine, with a value. */
    pthread_exit((void *)(intptr_t)(id * 7 + tls_init));
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;

    if (tls_init != 42 || tls_zero != 0 || tls_name[0] != 'm') {
        return (void *)-1;      /* a new thread sees the initial image */
    }
    tls_init += id;
    snprintf(tls_name, sizeof(tls_name), "worker%d", id);
    for (int i = 0; i < PER; i++) {
        tls_zero++;
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    if (tls_zero != PER || tls_name[6] != '0' + id) {
        return (void *)-2;
    }
    finish(id);
    return NULL;
}

/* Ping-pong: each side waits for its turn, hands it to the other. */
static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int turn;                 /* 0: main's, 1: the partner's */
static int pp_count;

static void *partner(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&pp_lock);
        while (turn != 1) {
            pthread_cond_wait(&pp_cond, &pp_lock);
        }
        pp_count++;
        turn = 0;
        pthread_cond_signal(&pp_cond);
        pthread_mutex_unlock(&pp_lock);
    }
    return NULL;
}

/* The end: blockers wait forever; the exiter ends the process once they
   are all waiting. */
static pthread_mutex_t end_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t end_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int blocked;

static void *blocker(void *arg)
{
    pthread_mutex_lock(&end_lock);
    blocked++;
    pthread_cond_broadcast(&end_cond);
    for (;;) {
        pthread_cond_wait(&never, &end_lock);
    }
    return NULL;
}

static void *exiter(void *arg)
{
    pthread_mutex_lock(&end_lock);
    while (blocked < 2) {
        pthread_cond_wait(&end_cond, &end_lock);
    }
    pthread_mutex_unlock(&end_lock);
    printf("exiter: %d threads blocked, calling exit(3)\n", blocked);
    exit(3);
}

int main(void)
{
    pthread_t th[NT], pp, bl[2], ex;

    for (int i = 0; i < NT; i++) {
        pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
    }
    for (int i = 0; i < NT; i++) {
        void *ret;

        pthread_join(th[i], &ret);
        printf("worker %d returned %ld\n", i, (long)(intptr_t)ret);
    }
    printf("counter %ld (expected %ld)\n", counter, (long)NT * PER);
    printf("main tls: %d %ld %s\n", tls_init, tls_zero, tls_name);

    pthread_create(&pp, NULL, partner, NULL);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&pp_lock);
        turn = 1;
        pthread_cond_signal(&pp_cond);
        while (turn != 0) {
            pthread_cond_wait(&pp_cond, &pp_lock);
        }
        pthread_mutex_unlock(&pp_lock);
    }
    pthread_join(pp, NULL);
    printf("ping-pong rounds %d\n", pp_count);
    fflush(stdout);

    pthread_create(&bl[0], NULL, blocker, NULL);
    pthread_create(&bl[1], NULL, blocker, NULL);
    pthread_create(&ex, NULL, exiter, NULL);
    pthread_join(bl[0], NULL);  /* never returns: exit(3) ends us all */
    printf("not reached\n");
    return 0;
}
