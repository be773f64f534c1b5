/*
 * threads32: 32 threads meeting at barriers, counting under a mutex and
 * handing a token round through a condition variable (issue 9 point 9).
 * The output is deterministic, so a native and an emulated run compare.
 */
#include <pthread.h>
#include <stdio.h>

#define THREADS 32
#define ROUNDS 200

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static long counter, token_sum;
static int turn;

static void *worker(void *arg)
{
    long id = (long)arg;

    for (int r = 0; r < ROUNDS; r++) {
        pthread_mutex_lock(&lock);
        counter += id + r;
        pthread_mutex_unlock(&lock);
        pthread_barrier_wait(&barrier);
    }
    /* the token goes round in thread order, twice */
    for (int lap = 0; lap < 2; lap++) {
        pthread_mutex_lock(&lock);
        while (turn % THREADS != id) {
            pthread_cond_wait(&turn_changed, &lock);
        }
        token_sum = token_sum * 3 + id;
        turn++;
        pthread_cond_broadcast(&turn_changed);
        pthread_mutex_unlock(&lock);
    }
    return (void *)(id * id);
}

int main(void)
{
    pthread_t t[THREADS];
    long joined = 0;

    pthread_barrier_init(&barrier, NULL, THREADS);
    for (long i = 0; i < THREADS; i++) {
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < THREADS; i++) {
        void *ret;

        pthread_join(t[i], &ret);
        joined += (long)ret;
    }
    printf("counter %ld, token %ld, joined %ld\n", counter, token_sum, joined);
    return 0;
}
