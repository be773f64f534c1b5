/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-syscall: system-call buffers checked at 4 KiB (issue 5, point 3).  In
 * one 64 KiB region lie a PROT_READ page, a PROT_NONE page, an unmapped page
 * and read-write pages next to them.  A syscall that must write into a page
 * the guest may not write, or read from one it may not read, fails with
 * EFAULT, or returns the part done before the bad page where the kernel does
 * (read/write of a file copy page by page); the same syscalls on the
 * read-write pages next door succeed and move the right bytes.  Syscalls go
 * through syscall() so that no vDSO or C-library copy stands between.
 * mem-syscall-partial.c builds this file with SHORT_TRANSFERS set: then it
 * checks only the transfers that stop short at a bad page.
 */
#include "mem-test.h"
#include <errno.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>

#ifndef SHORT_TRANSFERS
#define SHORT_TRANSFERS 0
#endif

static unsigned char *map, *ro, *none, *hole, *rw_next_to_ro, *rw_next_to_none;
static int fd, out_fd;

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%-44s -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%-44s %ld\n", what, r);
}

/* The file's bytes at OFF landed at P? */
static const char *same_as_file(const unsigned char *p, size_t off, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != file_byte(off + i))
            return "WRONG bytes";
    return "file bytes";
}

static void reads(void)
{
    report("read into PROT_READ", syscall(SYS_read, fd, ro + 0x10, 100));
    report("read into PROT_NONE", pread(fd, none, 100, 0));
    report("pread into unmapped", pread(fd, hole + 0xff0, 0x20, 0));
    report("pread into RW next to PROT_READ", pread(fd, rw_next_to_ro + 0x100, 3000, 5));
    printf("  %s\n", same_as_file(rw_next_to_ro + 0x100, 5, 3000));
    report("pread into RW next to PROT_NONE", pread(fd, rw_next_to_none + 0x800, 0x800, 0x1234));
    printf("  %s\n", same_as_file(rw_next_to_none + 0x800, 0x1234, 0x800));
}

static void writes(void)
{
    report("write from PROT_NONE", syscall(SYS_write, out_fd, none + 5, 10));
    report("pwrite from unmapped", pwrite(out_fd, hole, 10, 0));
    report("write from PROT_READ", syscall(SYS_write, out_fd, ro, 64));
    report("write from RW next to PROT_NONE", syscall(SYS_write, out_fd, rw_next_to_none + PAGE - 64, 64));
}

/* Where the kernel copies page by page, a bad page ends the transfer: the
 * bytes before it count. */
static void short_transfers(void)
{
    report("pread of 8 KiB into RW, then PROT_NONE", pread(fd, rw_next_to_none, 2 * PAGE, 0));
    printf("  %s\n", same_as_file(rw_next_to_none, 0, PAGE));
    report("pread of 8 KiB into RW, then PROT_READ", pread(fd, ro - PAGE, 2 * PAGE, PAGE));
    report("pread of 8 KiB from mid-RW into PROT_READ", pread(fd, ro - 100, 2 * PAGE, 0));
    printf("  %s\n", same_as_file(ro - 100, 0, 100));
    report("pwrite of 8 KiB from RW, then PROT_NONE", pwrite(out_fd, rw_next_to_none, 2 * PAGE, 0));
    unsigned char back[64];
    pread(out_fd, back, 64, 0);
    printf("  file got the RW bytes: %d\n", memcmp(back, rw_next_to_none, 64) == 0);

    struct iovec *iov = (struct iovec *)(rw_next_to_none + 0x100);
    iov[0].iov_base = rw_next_to_none + 0x200;
    iov[0].iov_len = 16;
    iov[1].iov_base = ro;
    iov[1].iov_len = 16;
    lseek(fd, 0, SEEK_SET);
    report("readv, second buffer PROT_READ", syscall(SYS_readv, fd, iov, 2));
}

static void structs(void)
{
    report("clock_gettime into PROT_READ", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, ro + 8));
    report("clock_gettime into RW next to it", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, ro - 16));
    report("gettimeofday into PROT_NONE", syscall(SYS_gettimeofday, none, NULL));
    report("uname into PROT_READ", syscall(SYS_uname, ro));
    report("uname across into PROT_NONE", syscall(SYS_uname, none - 100));
    report("uname into RW next to PROT_NONE", syscall(SYS_uname, none - sizeof(struct utsname)));
    report("getcwd into PROT_NONE", syscall(SYS_getcwd, none, 256));
    report("getcwd into unmapped", syscall(SYS_getcwd, hole, 256));
    report("pipe into PROT_READ", syscall(SYS_pipe, ro + 0x40));
    report("fstat into unmapped", syscall(SYS_fstat, fd, hole));

    /* Paths are read by the kernel: from PROT_NONE they are EFAULT. */
    strcpy((char *)rw_next_to_none + PAGE - 5, "/tmp");
    report("access(path next to PROT_NONE)", syscall(SYS_access, rw_next_to_none + PAGE - 5, F_OK));
    strcpy((char *)rw_next_to_none + PAGE - 3, "/t");        /* no NUL before the PROT_NONE page */
    rw_next_to_none[PAGE - 1] = 't';
    report("access(path running into PROT_NONE)", syscall(SYS_access, rw_next_to_none + PAGE - 3, F_OK));

    /* readv: the iovec array and each buffer are checked */
    struct iovec *iov = (struct iovec *)(rw_next_to_none + 0x100);
    iov[0].iov_base = rw_next_to_none + 0x200;
    iov[0].iov_len = 16;
    iov[1].iov_base = rw_next_to_ro;
    iov[1].iov_len = 16;
    report("readv, iovec array in PROT_NONE", syscall(SYS_readv, fd, none, 1));
    lseek(fd, 0, SEEK_SET);
    report("readv into RW buffers", syscall(SYS_readv, fd, iov, 2));
    printf("  %s\n", same_as_file(rw_next_to_ro, 16, 16));
}

int main(void)
{
    catch_faults();
    fd = make_file("sys", 4 * PAGE);
    out_fd = make_file("sysout", 0);
    map = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE);
    memset(map, 'q', BIG_PAGE);
    ro = map + 4 * PAGE;
    rw_next_to_ro = map + 5 * PAGE;
    rw_next_to_none = map + 6 * PAGE;
    none = map + 7 * PAGE;
    hole = map + 9 * PAGE;
    mprotect(ro, PAGE, PROT_READ);
    mprotect(none, PAGE, PROT_NONE);
    munmap(hole, PAGE);

    if (SHORT_TRANSFERS) {
        short_transfers();
    } else {
        reads();
        writes();
        structs();
    }
    print_pages("pages after", map, 16, 1);
    print_contents("data after", map, 16);
    return 0;
}
