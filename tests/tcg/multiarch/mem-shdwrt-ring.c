/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-shdwrt-ring: shared memory mapped where a large-page host cannot put
 * it (issue 6, points 1-3), used the way real programs use it:
 * - a "magic ring buffer": one memfd of 4 pages mapped twice back to back,
 *   so that a record crossing the end continues at the start; 100 MB are
 *   streamed through it with REP MOVS and checked;
 * - counters in a shared file mapping at a page offset, incremented with
 *   LOCK-prefixed instructions, XCHG and CMPXCHG by 8 threads and a forked
 *   child at once: no update may be lost;
 * - a PTHREAD_PROCESS_SHARED mutex and condition variable in that mapping,
 *   used by the parent and the child (futex on a redirected page);
 * - system calls whose buffers lie on redirected pages.
 */
#include "mem-test.h"
#include <errno.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#define RING (4 * PAGE)

static unsigned char *arena;

static int new_memfd(const char *name, size_t len)
{
    int fd = (int)syscall(SYS_memfd_create, name, 0);
    if (fd < 0 || ftruncate(fd, len)) {
        perror("memfd");
        exit(2);
    }
    return fd;
}

static void *map_fixed(void *at, size_t len, int fd, off_t off)
{
    void *p = mmap(at, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, off);
    if (p == MAP_FAILED) {
        printf("mmap: %s\n", strerror(errno));
        exit(1);
    }
    return p;
}

static void copy_rep_movs(void *dst, const void *src, size_t n)
{
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

/* The ring sits one page into a BIG_PAGE-aligned region, so its two views
 * and the memfd's offsets never agree with a large host page. */
static void magic_ring(void)
{
    int fd = new_memfd("ring", RING);
    unsigned char *ring = arena + PAGE;
    map_fixed(ring, RING, fd, 0);
    map_fixed(ring + RING, RING, fd, 0);
    unsigned char rec[1000], out[1000];
    unsigned long long sum_in = 0, sum_out = 0, bad = 0;
    size_t head = 0;
    for (size_t done = 0; done < 100u * 1000 * 1000; done += sizeof(rec)) {
        for (unsigned i = 0; i < sizeof(rec); i += 50)
            rec[i] = (unsigned char)(done / sizeof(rec) + i);
        copy_rep_movs(ring + head, rec, sizeof(rec));
        copy_rep_movs(out, ring + head, sizeof(rec));
        for (unsigned i = 0; i < sizeof(rec); i += 50) {
            sum_in += rec[i];
            sum_out += out[i];
        }
        /* the same bytes seen through the first view */
        bad += ring[(head + sizeof(rec) - 1) % RING] != rec[sizeof(rec) - 1];
        head = (head + sizeof(rec)) % RING;
    }
    printf("ring: 100 MB streamed, sums %s, %llu mismatches between the views\n",
           sum_in == sum_out ? "equal" : "differ", bad);
    close(fd);
}

struct shared {
    unsigned int lock_add;
    unsigned long xadd, cmpxchg;
    unsigned long xchg_spins;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    int stage;
};

static struct shared *sh;
#define ROUNDS 20000

static void *hammer(void *unused)
{
    (void)unused;
    for (int i = 0; i < ROUNDS; i++) {
        __asm__ volatile("lock addl $1, %0" : "+m"(sh->lock_add));
        __atomic_fetch_add(&sh->xadd, 1, __ATOMIC_SEQ_CST);
        unsigned long old = __atomic_load_n(&sh->cmpxchg, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&sh->cmpxchg, &old, old + 1, 0,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            ;
    }
    return NULL;
}

static void counters_and_futex(void)
{
    int fd = new_memfd("counters", 4 * PAGE);
    /* offset 3 pages at an address 5 pages into a big page */
    sh = map_fixed(arena + 16 * PAGE + 5 * PAGE, PAGE, fd, 3 * PAGE);
    pthread_mutexattr_t ma;
    pthread_condattr_t ca;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_condattr_init(&ca);
    pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&sh->mutex, &ma);
    pthread_cond_init(&sh->cond, &ca);

    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(&sh->mutex);
        while (sh->stage != 1)
            pthread_cond_wait(&sh->cond, &sh->mutex);
        pthread_mutex_unlock(&sh->mutex);
        hammer(NULL);
        pthread_mutex_lock(&sh->mutex);
        sh->stage = 2;
        pthread_cond_signal(&sh->cond);
        pthread_mutex_unlock(&sh->mutex);
        _exit(0);
    }
    pthread_t t[8];
    pthread_mutex_lock(&sh->mutex);
    sh->stage = 1;
    pthread_cond_broadcast(&sh->cond);
    pthread_mutex_unlock(&sh->mutex);
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, hammer, NULL);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_lock(&sh->mutex);
    while (sh->stage != 2)
        pthread_cond_wait(&sh->cond, &sh->mutex);
    pthread_mutex_unlock(&sh->mutex);
    int status;
    waitpid(pid, &status, 0);
    unsigned long want = 9ul * ROUNDS;
    printf("counters: lock add %s, xadd %s, cmpxchg %s (of %lu)\n",
           sh->lock_add == want ? "exact" : "lost updates",
           sh->xadd == want ? "exact" : "lost updates",
           sh->cmpxchg == want ? "exact" : "lost updates", want);
    unsigned long disk[3];
    pread(fd, disk, sizeof(disk), 3 * PAGE);
    printf("counters: the memfd holds them too: %s\n",
           disk[1] == sh->xadd && disk[2] == sh->cmpxchg ? "yes" : "no");
    close(fd);
}

/* Buffers of system calls on redirected pages. */
static void syscalls(void)
{
    int fd = new_memfd("buffers", 8 * PAGE);
    unsigned char *p = map_fixed(arena + 32 * PAGE + 3 * PAGE, 4 * PAGE, fd, PAGE);
    int pipefd[2];
    if (pipe(pipefd)) {
        perror("pipe");
        exit(2);
    }
    /* a buffer crossing two redirected pages */
    memcpy(p + PAGE - 6, "hello, world", 12);
    printf("write: %zd\n", write(pipefd[1], p + PAGE - 6, 12));
    printf("read: %zd\n", read(pipefd[0], p + 2 * PAGE - 3, 12));
    printf("read data: %.12s\n", p + 2 * PAGE - 3);
    struct iovec iov[2] = { { p + 3 * PAGE - 2, 4 }, { p + 10, 3 } };
    memcpy(p + 3 * PAGE - 2, "abcd", 4);
    memcpy(p + 10, "xyz", 3);
    printf("writev: %zd\n", writev(pipefd[1], iov, 2));
    char got[8] = { 0 };
    read(pipefd[0], got, 7);
    printf("writev data: %s\n", got);
    printf("pread into the mapping: %zd\n", pread(fd, p + 3 * PAGE, 5, PAGE + 10));
    printf("pread saw the mapping's own bytes: %.3s\n", p + 3 * PAGE);
    close(pipefd[0]);
    close(pipefd[1]);
    close(fd);
}

int main(void)
{
    arena = map_aligned(64 * PAGE, PROT_NONE);
    magic_ring();
    counters_and_futex();
    syscalls();
    return 0;
}
