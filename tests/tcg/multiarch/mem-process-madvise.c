/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-process-madvise: process_madvise (440) on the caller itself, and
 * madvise's MADV_COLD, MADV_PAGEOUT, MADV_FREE and MADV_POPULATE_* on
 * 4 KiB ranges inside one large host page.  process_madvise gives the
 * advice range by range and returns the bytes advised, stopping at the
 * first range that fails (its error when it is the first); unknown flags
 * are EINVAL, a descriptor that is no pidfd EBADF.  The hints leave every
 * byte as it was; MADV_FREE'd pages written again keep the new bytes;
 * MADV_POPULATE_WRITE gives a private file page its own copy (a later
 * change to the file does not show there) and is EINVAL on a read-only
 * page, where MADV_POPULATE_READ is fine.  (Only the advice every kernel
 * takes through process_madvise is asked that way: older kernels, 6.1 and
 * 6.12 of the large-page VMs among them, refuse MADV_POPULATE_* there with
 * EINVAL even on the caller itself, and the emulator passes the kernel's
 * answer on.)
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#ifndef SYS_process_madvise
#define SYS_process_madvise 440
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%-44s %s\n", what, strerrorname_np(errno));
    else
        printf("%-44s %ld\n", what, r);
}

static long pmadvise(int pidfd, struct iovec *iov, unsigned n, int advice, unsigned flags)
{
    return syscall(SYS_process_madvise, pidfd, iov, (unsigned long)n, advice, flags);
}

int main(void)
{
    int self = syscall(SYS_pidfd_open, getpid(), 0);
    unsigned char *m = map_aligned(16 * PAGE, PROT_READ | PROT_WRITE);
    struct iovec iov[3] = {
        { m + PAGE, PAGE }, { m + 3 * PAGE, 2 * PAGE }, { m + 9 * PAGE, PAGE },
    };

    catch_faults();
    fill_letters(m, 16);
    report("process_madvise MADV_COLD, 3 ranges", pmadvise(self, iov, 3, MADV_COLD, 0));
    report("process_madvise MADV_PAGEOUT, 3 ranges", pmadvise(self, iov, 3, MADV_PAGEOUT, 0));
    report("process_madvise MADV_WILLNEED, 2 ranges", pmadvise(self, iov, 2, MADV_WILLNEED, 0));
    print_contents("after the hints", m, 16);
    report("process_madvise no range", pmadvise(self, iov, 0, MADV_COLD, 0));
    report("process_madvise flags 1", pmadvise(self, iov, 1, MADV_COLD, 1));
    report("process_madvise unknown advice", pmadvise(self, iov, 1, 77, 0));
    report("process_madvise not a pidfd", pmadvise(1, iov, 1, MADV_COLD, 0));
    report("process_madvise bad iovec", pmadvise(self, (struct iovec *)16, 1, MADV_COLD, 0));

    /* a range that fails stops the walk: the bytes before it count */
    munmap(m + 10 * PAGE, PAGE);
    struct iovec holes[3] = {
        { m + 2 * PAGE, PAGE }, { m + 9 * PAGE, 2 * PAGE }, { m + 12 * PAGE, PAGE },
    };
    report("process_madvise, hole in the 2nd range", pmadvise(self, holes, 3, MADV_COLD, 0));
    report("process_madvise, hole in the 1st range", pmadvise(self, holes + 1, 2, MADV_COLD, 0));
    struct iovec unaligned[2] = { { m + 2 * PAGE, PAGE }, { m + 3 * PAGE + 1, PAGE } };
    report("process_madvise, 2nd range unaligned", pmadvise(self, unaligned, 2, MADV_PAGEOUT, 0));

    /* madvise's hints on 4 KiB inside the host page */
    report("MADV_COLD page 5", madvise(m + 5 * PAGE, PAGE, MADV_COLD));
    report("MADV_PAGEOUT pages 6-7", madvise(m + 6 * PAGE, 2 * PAGE, MADV_PAGEOUT));
    report("MADV_FREE page 8", madvise(m + 8 * PAGE, PAGE, MADV_FREE));
    memset(m + 8 * PAGE, 'y', PAGE);
    report("MADV_POPULATE_READ pages 11-12", madvise(m + 11 * PAGE, 2 * PAGE, MADV_POPULATE_READ));
    report("MADV_POPULATE_WRITE pages 13-15", madvise(m + 13 * PAGE, 3 * PAGE, MADV_POPULATE_WRITE));
    report("MADV_PAGEOUT over the hole", madvise(m + 9 * PAGE, 3 * PAGE, MADV_PAGEOUT));
    mprotect(m + 14 * PAGE, PAGE, PROT_READ);
    report("MADV_POPULATE_WRITE read-only page", madvise(m + 14 * PAGE, PAGE, MADV_POPULATE_WRITE));
    report("MADV_POPULATE_READ read-only page", madvise(m + 14 * PAGE, PAGE, MADV_POPULATE_READ));
    print_contents("after madvise, pages 0-9", m, 10);
    print_contents("pages 11-15", m + 11 * PAGE, 5);

    /* MADV_POPULATE_WRITE on a private file mapping: that page is a copy */
    int fd = make_file("pmadvise", 8 * PAGE);
    unsigned char *f = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    /* (another mapping: a large-page kernel copies a whole host page at
       its first write, the pages beside page 2 too) */
    unsigned char *g = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    report("MADV_POPULATE_WRITE private file page 2", madvise(f + 2 * PAGE, PAGE, MADV_POPULATE_WRITE));
    report("MADV_POPULATE_READ private file page 5", madvise(g + 5 * PAGE, PAGE, MADV_POPULATE_READ));
    static unsigned char zeros[PAGE];
    pwrite(fd, zeros, PAGE, 2 * PAGE);
    pwrite(fd, zeros, PAGE, 5 * PAGE);
    printf("populated for writing: %c, for reading: %c\n", content_letter(f + 2 * PAGE),
           content_letter(g + 5 * PAGE));
    return 0;
}
