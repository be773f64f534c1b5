/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * tb-hash-threads: many blocks translated by several threads at once while
 * the others keep looking blocks up.  Each thread writes thousands of tiny
 * functions (mov $k, %eax; ret) into its own executable buffer and calls
 * each of them, again and again through a function pointer (an indirect
 * call and a ret: lookups without a lock).  Tens of thousands of blocks
 * make the emulator's block hash table grow several times while other
 * threads walk it (accel/tcg/translate-all.c, tb_hash_grow); a lookup that
 * returned a wrong block or never ended would show in the sums or hang.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define THREADS 4
#define FUNCS 6000
#define STRIDE 16           /* bytes per function: blocks land apart */
#define ROUNDS 3

typedef unsigned (*fn)(void);

static unsigned char *code[THREADS];
static unsigned long long sums[THREADS];
static pthread_barrier_t ready;

static unsigned value(int t, int i)
{
    return (unsigned)(t * 1000003 + i * 7919);
}

static void *worker(void *arg)
{
    int t = (int)(intptr_t)arg;
    unsigned char *p = code[t];

    for (int i = 0; i < FUNCS; i++) {
        unsigned v = value(t, i);
        unsigned char *f = p + i * STRIDE;

        f[0] = 0xb8;                    /* mov $v, %eax */
        memcpy(f + 1, &v, 4);
        f[5] = 0xc3;                    /* ret */
    }
    __builtin___clear_cache((char *)p, (char *)p + FUNCS * STRIDE);
    pthread_barrier_wait(&ready);
    /* The first round translates (thread by thread in an order that
       interleaves with the others' lookups), the later ones look up. */
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < FUNCS; i++) {
            int k = (i * 2927 + r * 131) % FUNCS;     /* not in address order */
            fn f = (fn)(uintptr_t)(p + k * STRIDE);

            sums[t] += f();
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t th[THREADS];
    int bad = 0;

    pthread_barrier_init(&ready, NULL, THREADS);
    for (int t = 0; t < THREADS; t++) {
        code[t] = mmap(NULL, FUNCS * STRIDE, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (code[t] == MAP_FAILED) {
            perror("mmap");
            return 1;
        }
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t);
    }
    for (int t = 0; t < THREADS; t++) {
        unsigned long long want = 0;

        pthread_join(th[t], NULL);
        for (int i = 0; i < FUNCS; i++) {
            want += value(t, i);
        }
        want *= ROUNDS;
        printf("thread %d: %llu calls summed to %llu (%s)\n", t,
               (unsigned long long)FUNCS * ROUNDS, sums[t],
               sums[t] == want ? "right" : "WRONG");
        bad |= sums[t] != want;
    }
    return bad;
}
