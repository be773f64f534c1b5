/*
 * threads: POSIX threads: four workers each sum a slice of an array and
 * bump a mutex-protected counter and an atomic counter many times; the main
 * thread joins them and prints totals that do not depend on scheduling.
 * Also thread-local storage (each thread sees its own copy) and a
 * condition-variable handshake.  Exercises clone, futex and TLS setup
 * (set_thread_area on i386, arch_prctl on x86_64) in the emulator.
 */
#include <stdio.h>
#include <pthread.h>
#include <stdint.h>

#define NT 4
#define PER 100000

static int data[NT * 1000];
static long results[NT];
static long locked_counter;
static long atomic_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int tls_value = 5;
static int tls_seen[NT];

static pthread_mutex_t cv_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    long sum = 0;
    tls_value += id * 10;
    for (int i = id * 1000; i < (id + 1) * 1000; i++)
        sum += data[i];
    for (int i = 0; i < PER; i++) {
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
        if (i % 100 == 0) {
            pthread_mutex_lock(&lock);
            locked_counter++;
            pthread_mutex_unlock(&lock);
        }
    }
    results[id] = sum;
    tls_seen[id] = tls_value;

    pthread_mutex_lock(&cv_lock);
    ready++;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&cv_lock);
    return (void *)(intptr_t)(id + 100);
}

int main(void)
{
    pthread_t th[NT];
    for (int i = 0; i < NT * 1000; i++)
        data[i] = i * 3 - 500;
    for (int i = 0; i < NT; i++)
        pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);

    pthread_mutex_lock(&cv_lock);
    while (ready < NT)
        pthread_cond_wait(&cv, &cv_lock);
    pthread_mutex_unlock(&cv_lock);

    long total = 0;
    for (int i = 0; i < NT; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        printf("thread %d: sum %ld tls %d returned %d\n", i, results[i], tls_seen[i], (int)(intptr_t)ret);
        total += results[i];
    }
    printf("total %ld, atomic %ld, locked %ld, main tls %d\n", total, atomic_counter, locked_counter, tls_value);
    return atomic_counter == (long)NT * PER ? 0 : 1;
}
