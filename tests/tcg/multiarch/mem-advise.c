/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-advise: madvise, mincore, mlock, msync and brk at 4 KiB (issue 5,
 * point 5).  MADV_DONTNEED zeroes exactly the pages asked in private
 * anonymous memory, brings back the file's current bytes in a private file
 * mapping (code made from the discarded bytes goes with them) and leaves
 * shared anonymous memory alone; MADV_FREE leaves pages
 * usable.  mincore reports touched pages resident and refuses a range with
 * a hole; mlock/munlock and msync work on 4 KiB ranges and refuse holes and
 * unaligned addresses; brk grows and shrinks by pages, a page given back
 * faults, and memory given back and taken again reads as zeros.
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/syscall.h>

#define NPAGES 16

static void report(const char *what, int r)
{
    printf("%-36s %s\n", what, r ? strerrorname_np(errno) : "0");
}

static void dontneed(int fd)
{
    unsigned char *m = map_aligned(NPAGES * PAGE, PROT_READ | PROT_WRITE);
    fill_letters(m, NPAGES);
    report("MADV_DONTNEED page 3", madvise(m + 3 * PAGE, PAGE, MADV_DONTNEED));
    report("MADV_DONTNEED pages 5-6", madvise(m + 5 * PAGE, 2 * PAGE, MADV_DONTNEED));
    report("MADV_DONTNEED unaligned", madvise(m + 9 * PAGE + 1, PAGE, MADV_DONTNEED));
    print_contents("private anonymous", m, NPAGES);

    unsigned char *f = mmap(m, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0);
    for (unsigned i = 1; i < 5; i++)
        memset(f + i * PAGE, 'p' + i, PAGE);
    pwrite(fd, "changed", 7, PAGE + 100);
    report("MADV_DONTNEED file pages 1-2", madvise(f + PAGE, 2 * PAGE, MADV_DONTNEED));
    print_contents("private file, pages 1-4 written", f, 8);
    printf("file page 1 reads the file's change: %d\n", memcmp(f + PAGE + 100, "changed", 7) == 0);

    unsigned char *s = mmap(m + 8 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    fill_letters(s, 4);
    report("MADV_DONTNEED shared anon page 1", madvise(s + PAGE, PAGE, MADV_DONTNEED));
    print_contents("whole region", m, NPAGES);

    /* MADV_FREE: the kernel may drop the pages or not; either way they
     * read as their old bytes or zeros, and stay writable. */
    unsigned char *a = m + 12 * PAGE;
    fill_letters(a, 4);
    report("MADV_FREE pages 13-14", madvise(a + PAGE, 2 * PAGE, MADV_FREE));
    int ok = 1;
    for (unsigned i = 1; i < 3; i++) {
        char c = content_letter(a + i * PAGE);
        ok &= c == '0' || c == 'a' + (char)i;
        a[i * PAGE] = 'z';
    }
    printf("after MADV_FREE: old bytes or zeros %d, neighbours kept %c%c, writable %c\n", ok, a[0], a[3 * PAGE], a[PAGE]);
    munmap(m, NPAGES * PAGE);
}

/* A private file page of code, rewritten in memory, runs the file's code
   again once MADV_DONTNEED has dropped the rewrite. */
static void dontneed_code(void)
{
    static const unsigned char mov1_ret[] = { 0xb8, 1, 0, 0, 0, 0xc3 };
    int fd = make_file("advise-code", PAGE);
    pwrite(fd, mov1_ret, sizeof(mov1_ret), 0);
    unsigned char *c = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE, fd, 0);
    unsigned (*fn)(void) = (unsigned (*)(void))(uintptr_t)c;
    unsigned before = fn();
    c[1] = 2;
    unsigned rewritten = fn();
    madvise(c, PAGE, MADV_DONTNEED);
    printf("code page: file %u, rewritten %u, after MADV_DONTNEED %u\n", before, rewritten, fn());
    munmap(c, PAGE);
    close(fd);
}

static void mincore_mlock_msync(int fd)
{
    unsigned char *m = map_aligned(NPAGES * PAGE, PROT_READ | PROT_WRITE);
    m[0] = m[2 * PAGE + 5] = m[7 * PAGE] = 1;
    unsigned char vec[NPAGES];
    report("mincore", mincore(m, NPAGES * PAGE, vec));
    printf("touched pages resident: %d %d %d\n", vec[0] & 1, vec[2] & 1, vec[7] & 1);
    munmap(m + 10 * PAGE, PAGE);
    report("mincore over a hole", mincore(m, NPAGES * PAGE, vec));
    report("mincore unaligned", mincore(m + 8, PAGE, vec));
    report("mlock pages 3-4", mlock(m + 3 * PAGE, 2 * PAGE));
    report("mincore after mlock", mincore(m + 3 * PAGE, 2 * PAGE, vec));
    printf("locked pages resident: %d %d\n", vec[0] & 1, vec[1] & 1);
    report("munlock pages 3-4", munlock(m + 3 * PAGE, 2 * PAGE));
    report("mlock over a hole", mlock(m + 9 * PAGE, 3 * PAGE));
    report("munlock over a hole", munlock(m + 9 * PAGE, 3 * PAGE));

    /* (placed by the kernel: a shared writable file mapping inside another
     * mapping's 64 KiB page is the shared-writable work, not this test's) */
    unsigned char *s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PAGE);
    memcpy(s + PAGE + 10, "synced", 6);
    report("msync MS_SYNC one page", msync(s + PAGE, PAGE, MS_SYNC));
    char back[6];
    pread(fd, back, 6, 3 * PAGE + 10);
    printf("file after msync: %.6s\n", back);
    report("msync MS_ASYNC whole region", msync(m, 10 * PAGE, MS_ASYNC));
    report("msync over a hole", msync(m + 9 * PAGE, 2 * PAGE, MS_SYNC));
    report("msync unaligned", msync(s + 8, PAGE, MS_SYNC));
    munmap(s, 2 * PAGE);
    munmap(m, NPAGES * PAGE);
}

static void brk_pages(void)
{
    /* Raw brk: no C library allocation may move the break meanwhile, so
     * nothing is printed until the break is back where it started. */
    uintptr_t b0 = syscall(SYS_brk, 0);
    uintptr_t page_end = (b0 + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    uintptr_t grown = syscall(SYS_brk, b0 + 5 * PAGE + 17);
    memset((void *)b0, 0xaa, 5 * PAGE + 17);
    uintptr_t shrunk = syscall(SYS_brk, page_end + PAGE);
    int beyond = attempt(touch_read, (void *)(page_end + 2 * PAGE));
    int beyond_code = fault.code;
    int kept = *(unsigned char *)(page_end + PAGE - 1) == 0xaa;
    uintptr_t back = syscall(SYS_brk, b0 + 5 * PAGE);
    int zero = 1;
    for (uintptr_t p = page_end + PAGE; p < b0 + 5 * PAGE; p++)
        zero &= *(unsigned char *)p == 0;
    int tail_kept = b0 == page_end || *(unsigned char *)(page_end - 1) == 0xaa;
    uintptr_t end = syscall(SYS_brk, b0);

    printf("brk grow: %s\n", grown == b0 + 5 * PAGE + 17 ? "to the asked break" : "WRONG");
    printf("brk shrink: %s, page past the break: %s\n", shrunk == page_end + PAGE ? "to the asked break" : "WRONG",
           beyond ? code_name(SIGSEGV, beyond_code) : "still mapped");
    printf("page below the break kept its bytes: %d\n", kept);
    printf("brk grow again: %s, pages given back read zero %d, partial first page kept %d\n",
           back == b0 + 5 * PAGE ? "to the asked break" : "WRONG", zero, tail_kept);
    printf("brk back to the start: %d\n", end == b0);
}

/* MADV_POPULATE_READ/_WRITE need pages the access may touch (EINVAL
   otherwise, the first refusing page stops the walk); a hole is ENOMEM
   after the mapped parts.  mlock2 takes MLOCK_ONFAULT only. */
static void populate_mlock2(void)
{
    unsigned char *a = map_aligned(4 * PAGE, PROT_READ | PROT_WRITE);

    mprotect(a + 2 * PAGE, PAGE, PROT_NONE);
    mprotect(a + 3 * PAGE, PAGE, PROT_READ);
    report("MADV_POPULATE_WRITE read-write", madvise(a, 2 * PAGE, MADV_POPULATE_WRITE));
    report("MADV_POPULATE_WRITE PROT_NONE", madvise(a + 2 * PAGE, PAGE, MADV_POPULATE_WRITE));
    report("MADV_POPULATE_READ PROT_NONE", madvise(a + 2 * PAGE, PAGE, MADV_POPULATE_READ));
    report("MADV_POPULATE_WRITE read-only", madvise(a + 3 * PAGE, PAGE, MADV_POPULATE_WRITE));
    report("MADV_POPULATE_READ read-only", madvise(a + 3 * PAGE, PAGE, MADV_POPULATE_READ));
    munmap(a + PAGE, PAGE);
    report("MADV_POPULATE_READ over a hole", madvise(a, 2 * PAGE, MADV_POPULATE_READ));
    report("mlock2 MLOCK_ONFAULT", syscall(SYS_mlock2, a, PAGE, MLOCK_ONFAULT));
    report("mlock2 flags 2", syscall(SYS_mlock2, a, PAGE, 2));
    report("mlock2 over a hole", syscall(SYS_mlock2, a, 2 * PAGE, 0));
    munlock(a, PAGE);
    munmap(a, 4 * PAGE);
}

int main(void)
{
    catch_faults();
    int fd = make_file("advise", 8 * PAGE);
    printf("(a line first, so stdout has its buffer before brk is moved)\n");
    dontneed(fd);
    dontneed_code();
    mincore_mlock_msync(fd);
    brk_pages();
    populate_mlock2();
    return 0;
}
