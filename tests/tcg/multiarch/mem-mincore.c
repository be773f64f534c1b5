/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-mincore: mincore at 4 KiB inside one large host page.  A 4 KiB kernel
 * counts a private anonymous page resident once it was written, and not
 * any more after MADV_DONTNEED, whatever its neighbours in the same 64 KiB
 * did; mlock, MADV_POPULATE_WRITE and MAP_POPULATE bring pages in; a
 * private file page stays resident after MADV_DONTNEED (the page cache
 * holds it); shared anonymous memory is resident once any process wrote
 * it and stays so after MADV_DONTNEED.  The vector gets one byte per
 * 4 KiB page of the rounded-up length and nothing more; an unaligned
 * start is EINVAL; a range meeting a hole is ENOMEM, with the vector
 * written up to the hole when the range starts mapped; a bad vector is
 * EFAULT.
 *
 * (A page only read since it was mapped is resident for the kernel too;
 * that case is left out: see docs/devel/memory.md.)
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/wait.h>

#define NPAGES 16
#define UNWRITTEN 0xee

static unsigned char vec[NPAGES + 4];

/* "LABEL: RESULT <one char per vector byte>": 0/1 for bit 0 of a byte
   mincore wrote, '-' for a byte it left alone. */
static void show(const char *label, void *addr, size_t len, unsigned nshow)
{
    memset(vec, UNWRITTEN, sizeof(vec));
    int r = mincore(addr, len, vec);
    printf("%-34s %-7s ", label, r ? strerrorname_np(errno) : "0");
    for (unsigned i = 0; i < nshow; i++)
        putchar(vec[i] == UNWRITTEN ? '-' : '0' + (vec[i] & 1));
    putchar('\n');
}

static void private_anonymous(void)
{
    unsigned char *m = map_aligned(NPAGES * PAGE, PROT_READ | PROT_WRITE);

    show("fresh", m, NPAGES * PAGE, NPAGES);
    m[0] = 1;
    m[2 * PAGE + 100] = 2;
    m[5 * PAGE + PAGE - 1] = 3;
    memset(m + 11 * PAGE, 'x', PAGE);
    show("pages 0 2 5 11 written", m, NPAGES * PAGE, NPAGES);
    madvise(m + 2 * PAGE, PAGE, MADV_DONTNEED);
    show("MADV_DONTNEED 2", m, NPAGES * PAGE, NPAGES);
    madvise(m + 4 * PAGE, 8 * PAGE, MADV_DONTNEED);
    show("MADV_DONTNEED 4-11", m, NPAGES * PAGE, NPAGES);
    m[2 * PAGE] = 4;
    show("page 2 written again", m, NPAGES * PAGE, NPAGES);
    mlock(m + 7 * PAGE, 2 * PAGE);
    show("mlock 7-8", m, NPAGES * PAGE, NPAGES);
    munlock(m + 7 * PAGE, 2 * PAGE);
    madvise(m + 13 * PAGE, PAGE, MADV_POPULATE_WRITE);
    show("MADV_POPULATE_WRITE 13", m, NPAGES * PAGE, NPAGES);
    madvise(m, NPAGES * PAGE, MADV_DONTNEED);
    show("MADV_DONTNEED all", m, NPAGES * PAGE, NPAGES);
    m[9 * PAGE] = 5;
    show("page 9 written", m, NPAGES * PAGE, NPAGES);

    /* The vector: one byte per page of the length rounded up. */
    show("3 pages and a byte from 8", m + 8 * PAGE, 3 * PAGE + 1, 6);
    show("one byte of page 9", m + 9 * PAGE, 1, 3);
    show("length 0", m, 0, 2);
    show("unaligned start", m + 9 * PAGE + 8, PAGE, 2);
    printf("%-34s %s\n", "NULL vector", mincore(m, PAGE, NULL) ? strerrorname_np(errno) : "0");

    /* Holes: ENOMEM; the part before a hole is written first. */
    munmap(m + 12 * PAGE, PAGE);
    show("9-15, hole at 12", m + 9 * PAGE, 7 * PAGE, 8);
    show("from the hole at 12", m + 12 * PAGE, 2 * PAGE, 3);
    show("hole page alone, one byte", m + 12 * PAGE, 1, 2);
    show("11 and a byte of the hole", m + 11 * PAGE, PAGE + 1, 3);
    munmap(m, NPAGES * PAGE);
    show("after munmap", m, PAGE, 2);
}

static void populated(void)
{
    unsigned char *m = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE);
    unsigned char *p = mmap(m + 4 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0);

    m[0] = 1;
    show("MAP_POPULATE 4-7 beside page 0", m, 10 * PAGE, 10);
    munmap(m, BIG_PAGE);
    (void)p;
}

static void private_file(void)
{
    int fd = make_file("mincore", 8 * PAGE);
    unsigned char *m = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE);
    unsigned char *f = mmap(m + 2 * PAGE, 8 * PAGE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_FIXED, fd, 0);

    f[PAGE] = 'w';
    f[3 * PAGE] = 'w';
    madvise(f + PAGE, 2 * PAGE, MADV_DONTNEED);
    show("private file, DONTNEED 1-2", f, 8 * PAGE, 8);
    munmap(m, BIG_PAGE);
    close(fd);
}

static void shared_anonymous(void)
{
    unsigned char *s = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    s[PAGE] = 1;
    show("shared anon, page 1 written", s, 8 * PAGE, 8);
    pid_t pid = fork();
    if (pid == 0) {
        s[4 * PAGE] = 2;
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    show("page 4 written by a child", s, 8 * PAGE, 8);
    madvise(s + PAGE, PAGE, MADV_DONTNEED);
    show("shared anon, DONTNEED 1", s, 8 * PAGE, 8);
    munmap(s, 8 * PAGE);
}

int main(void)
{
    private_anonymous();
    populated();
    private_file();
    shared_anonymous();
    return 0;
}
