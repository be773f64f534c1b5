/*
 * mem-process-vm: process_vm_readv and process_vm_writev on the calling
 * process itself, around 4 KiB pages the guest may not access inside one
 * 64 KiB region (one host page under every -p).  The kernel copies up to
 * the first byte it cannot reach, in the remote or in the local iovecs,
 * and returns that count (EFAULT when it is 0); flags, a count above
 * UIO_MAXIOV and an unreadable iovec array are errors before any copy.
 * Each case prints the result, errno, and which bytes of the buffers
 * changed.
 * check-tcg: word-size neutral
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/uio.h>

/* The region: 16 pages, page 5 PROT_NONE, page 9 read-only, page 12
   unmapped; every page filled with its letter first. */
static unsigned char *r;
static unsigned char local[6 * PAGE];

static void reset(void)
{
    mprotect(r + 9 * PAGE, PAGE, PROT_READ | PROT_WRITE);
    for (unsigned i = 0; i < 16; i++) {
        if (i != 5 && i != 12) {
            memset(r + i * PAGE, 'a' + i, PAGE);
        }
    }
    mprotect(r + 9 * PAGE, PAGE, PROT_READ);
    memset(local, '.', sizeof(local));
}

/* Ranges of local[] (or of the region) no longer holding what reset()
   put there, as "[first,last]" offsets. */
static void print_local_changes(void)
{
    long first = -1, last = -1, sum = 0;

    for (long i = 0; i < (long)sizeof(local); i++) {
        if (local[i] != '.') {
            if (first < 0) {
                first = i;
            }
            last = i;
            sum += local[i];
        }
    }
    printf(" local changed [%ld,%ld] sum %ld\n", first, last, sum);
}

static void print_region_changes(void)
{
    long first = -1, last = -1;

    for (long i = 0; i < 16 * (long)PAGE; i++) {
        long page = i / PAGE;

        if (page != 5 && page != 12 && r[i] != 'a' + page) {
            if (first < 0) {
                first = i;
            }
            last = i;
        }
    }
    printf(" region changed [%ld,%ld]\n", first, last);
}

static void report(const char *name, long n)
{
    printf("%-26s %ld errno %d", name, n, n < 0 ? errno : 0);
}

static void readv_case(const char *name, const struct iovec *l, int nl,
                       const struct iovec *rem, int nr, unsigned long flags)
{
    long n;

    reset();
    errno = 0;
    n = process_vm_readv(getpid(), l, nl, rem, nr, flags);
    report(name, n);
    print_local_changes();
}

static void writev_case(const char *name, const struct iovec *l, int nl,
                        const struct iovec *rem, int nr)
{
    long n;

    reset();
    memset(local, 'Z', sizeof(local));
    errno = 0;
    n = process_vm_writev(getpid(), l, nl, rem, nr, 0);
    report(name, n);
    print_region_changes();
}

#define IOV(p, len) { (void *)(p), (len) }

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    r = map_aligned(16 * PAGE, PROT_READ | PROT_WRITE);
    munmap(r + 12 * PAGE, PAGE);
    mprotect(r + 5 * PAGE, PAGE, PROT_NONE);

    {
        struct iovec l[] = { IOV(local, 6 * PAGE) };
        struct iovec all[] = { IOV(r, 100), IOV(r + 2 * PAGE + 7, 3000), IOV(r + 6 * PAGE, 2 * PAGE) };
        struct iovec into_none[] = { IOV(r + 3 * PAGE + 10, 3 * PAGE) };
        struct iovec at_none[] = { IOV(r + 5 * PAGE, 100), IOV(r, 100) };
        struct iovec hole_second[] = { IOV(r + 10 * PAGE, 50), IOV(r + 11 * PAGE + 4000, 200) };
        struct iovec ro_ok[] = { IOV(r + 8 * PAGE + 1, PAGE) };
        struct iovec zero_len[] = { IOV(r + 5 * PAGE, 0), IOV(r + PAGE, 10) };

        readv_case("read all readable", l, 1, all, 3, 0);
        readv_case("read into none", l, 1, into_none, 1, 0);
        readv_case("read starting at none", l, 1, at_none, 2, 0);
        readv_case("read hole in second", l, 1, hole_second, 2, 0);
        readv_case("read ro page", l, 1, ro_ok, 1, 0);
        readv_case("read zero-length at none", l, 1, zero_len, 2, 0);
        readv_case("read flags 1", l, 1, all, 3, 1);
    }
    {
        /* The local side: readv writes local iovecs, which may reach a page
           the caller may not write. */
        struct iovec l_ro[] = { IOV(local, 100), IOV(r + 9 * PAGE - 50, 200) };
        struct iovec l_none[] = { IOV(r + 5 * PAGE, 10) };
        struct iovec rem[] = { IOV(r + PAGE, 2 * PAGE) };

        readv_case("read to local ro", l_ro, 2, rem, 1, 0);
        readv_case("read to local none", l_none, 1, rem, 1, 0);
    }
    {
        struct iovec l[] = { IOV(local, 6 * PAGE) };
        struct iovec ok[] = { IOV(r + 3, 10), IOV(r + 7 * PAGE + 4090, 20) };
        struct iovec into_ro[] = { IOV(r + 8 * PAGE + 4000, 300) };
        struct iovec into_none[] = { IOV(r + 4 * PAGE + 1000, 2 * PAGE) };
        struct iovec into_hole[] = { IOV(r + 11 * PAGE + 96, 8000) };

        writev_case("write ok", l, 1, ok, 2);
        writev_case("write into ro", l, 1, into_ro, 1);
        writev_case("write into none", l, 1, into_none, 1);
        writev_case("write into hole", l, 1, into_hole, 1);
    }
    {
        /* The local side of writev is read: a source page the caller may
           not read ends it. */
        struct iovec l_none[] = { IOV(r + 4 * PAGE + 4000, 500) };
        struct iovec rem[] = { IOV(r + 14 * PAGE, 2 * PAGE) };

        writev_case("write from local none", l_none, 1, rem, 1);
    }
    {
        static struct iovec many[1025];
        struct iovec l[] = { IOV(local, 10) };

        for (int i = 0; i < 1025; i++) {
            many[i] = (struct iovec)IOV(r, 1);
        }
        readv_case("read 1025 remote iovecs", l, 1, many, 1025, 0);
        readv_case("read iovec array in none", l, 1, (struct iovec *)(r + 5 * PAGE), 1, 0);
        readv_case("read local array in none", (struct iovec *)(r + 5 * PAGE), 1, many, 1, 0);
    }
    return 0;
}
