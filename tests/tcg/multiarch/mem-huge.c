/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-huge: reservations far larger than memory, as JVM heaps, V8 cages
 * and sanitizer shadows make them (PROT_NONE, MAP_NORESERVE), and a huge
 * MAP_NORESERVE read-write mapping touched at its ends and discarded
 * whole with MADV_DONTNEED; /proc/self/maps shows each as one line.  The
 * kernel does these at once, whatever their size; the emulator must too (its page map
 * once spent time and memory per 4 KiB page: a 1 TiB reservation took 45 s
 * and 1 GiB).  A single page changed in the middle keeps its neighbours'
 * protection; after munmap the range is free again.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf env;

static void on_segv(int sig)
{
    siglongjmp(env, sig);
}

/* Whether reading (or writing) the byte at p faults. */
static int faults(volatile char *p, int write)
{
    if (sigsetjmp(env, 1)) {
        return 1;
    }
    if (write) {
        *p = 1;
    } else {
        (void)*p;
    }
    return 0;
}

/* How many lines of /proc/self/maps meet [p, p + len). */
static int maps_lines(char *p, size_t len)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long lo, hi;
    int n = 0;

    while (f && fgets(line, sizeof(line), f)) {
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo < (uintptr_t)p + len
            && hi > (uintptr_t)p) {
            n++;
        }
    }
    if (f) {
        fclose(f);
    }
    return n;
}

int main(void)
{
    /* 4 TiB on x86_64; on i386, 1 GiB (what a 32-bit process can get). */
    size_t len = sizeof(void *) == 8 ? (size_t)4 << 40 : (size_t)1 << 30;
    size_t page = 4096;
    char *res, *mid, *rw, *again;

    signal(SIGSEGV, on_segv);
    res = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (res == MAP_FAILED) {
        perror("mmap reservation");
        return 1;
    }
    mid = res + len / 2 + 3 * page;
    printf("reserved: start faults %d, end faults %d\n", faults(res, 0),
           faults(res + len - 1, 0));
    printf("mprotect one page: %d\n", mprotect(mid, page, PROT_READ | PROT_WRITE));
    printf("page written: faults %d; neighbours: below %d, above %d\n",
           faults(mid + 17, 1), faults(mid - 1, 0), faults(mid + page, 0));
    printf("mprotect all read-only: %d\n", mprotect(res, len, PROT_READ));
    printf("byte kept: %d; write faults %d; start read faults %d\n", mid[17],
           faults(mid, 1), faults(res, 0));

    rw = mmap(NULL, len / 2, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (rw == MAP_FAILED) {
        perror("mmap read-write");
        return 1;
    }
    rw[0] = 1;
    rw[len / 2 - 1] = 2;
    printf("read-write ends: %d %d, middle %d\n", rw[0], rw[len / 2 - 1], rw[len / 4]);
    printf("MADV_DONTNEED: %d; ", madvise(rw, len / 2, MADV_DONTNEED));
    printf("ends read %d %d\n", rw[0], rw[len / 2 - 1]);

    printf("maps lines: reservation %d, read-write %d\n", maps_lines(res, len),
           maps_lines(rw, len / 2));
    printf("munmap: %d %d\n", munmap(res, len), munmap(rw, len / 2));
    printf("unmapped: faults %d\n", faults(mid, 0));
    again = mmap(res, len, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    printf("range free again: %d\n", again == res);
    return 0;
}
