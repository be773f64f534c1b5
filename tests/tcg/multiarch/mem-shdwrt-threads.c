/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-shdwrt-threads: redirected shared memory while other threads change
 * the mappings around it (issue 6, point 5).  In one 64 KiB-aligned region:
 * a shared memfd page that 3 workers increment (LOCK'd adds), a private page
 * they also count in, and a page that a fifth thread keeps mapping (shared,
 * at a page offset) and unmapping, with writes through it checked against
 * the file each time.  Under a large host page every one of those mappings
 * changes the host page the workers are using (redirects set up and torn
 * down, private pages moved out of bound and back).  No update may be lost
 * and every check must hold.
 */
#include "mem-test.h"
#include <errno.h>
#include <pthread.h>
#include <sys/syscall.h>

#define WORKERS 3
#define ROUNDS 50000
#define CHURNS 40

static unsigned char *region;
static volatile unsigned *shared_counter, *private_counter;
static int churn_fd;
static volatile int churn_errors, churn_done;

/* Counts until the churner is done (and at least ROUNDS times). */
static void *worker(void *count)
{
    unsigned long n = 0;
    while (n < ROUNDS || !churn_done) {
        __atomic_fetch_add(shared_counter, 1, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(private_counter, 1, __ATOMIC_SEQ_CST);
        n++;
    }
    *(unsigned long *)count = n;
    return NULL;
}

static void *churner(void *unused)
{
    (void)unused;
    for (int i = 0; i < CHURNS; i++) {
        unsigned char *p = mmap(region + 9 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                                MAP_SHARED | MAP_FIXED, churn_fd, 2 * PAGE);
        if (p == MAP_FAILED) {
            churn_errors++;
            continue;
        }
        p[i % PAGE] = (unsigned char)i;
        unsigned char back = 0;
        pread(churn_fd, &back, 1, 2 * PAGE + i % PAGE);
        churn_errors += back != (unsigned char)i;
        munmap(p, PAGE);
        /* leave a private page there in between */
        p = mmap(region + 9 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        churn_errors += p == MAP_FAILED || p[0] != 0;
    }
    churn_done = 1;
    return NULL;
}

int main(void)
{
    region = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE);
    int fd = (int)syscall(SYS_memfd_create, "counter", 0);
    churn_fd = (int)syscall(SYS_memfd_create, "churn", 0);
    if (fd < 0 || churn_fd < 0 || ftruncate(fd, 4 * PAGE) || ftruncate(churn_fd, 4 * PAGE)) {
        perror("memfd");
        return 2;
    }
    unsigned char *s = mmap(region + 3 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_FIXED, fd, PAGE);
    if (s == MAP_FAILED) {
        printf("mmap: %s\n", strerror(errno));
        return 1;
    }
    shared_counter = (volatile unsigned *)(s + 128);
    private_counter = (volatile unsigned *)(region + 5 * PAGE + 64);
    pthread_t t[WORKERS + 1];
    unsigned long counts[WORKERS], total = 0;
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, &counts[i]);
    pthread_create(&t[WORKERS], NULL, churner, NULL);
    for (int i = 0; i <= WORKERS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < WORKERS; i++)
        total += counts[i];
    unsigned in_file = 0;
    pread(fd, &in_file, sizeof(in_file), PAGE + 128);
    printf("shared counter %s, private counter %s, file agrees %d, churn errors %d\n",
           *shared_counter == (unsigned)total ? "exact" : "lost updates",
           *private_counter == (unsigned)total ? "exact" : "lost updates",
           in_file == *shared_counter, churn_errors);
    return 0;
}
