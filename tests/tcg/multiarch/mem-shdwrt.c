/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-shdwrt: shared writable file mappings at any 4 KiB address and offset
 * (issue 6, points 1-4).  Under a large host page most of these mappings
 * cannot be placed by the host kernel (address and offset disagree modulo
 * the host page, or one host page holds several mappings): the emulator
 * redirects them, and they must behave exactly as on a 4 KiB kernel:
 * coherent with read/write, with a second mapping, with a forked child;
 * exact protection; SIGBUS past end of file, following ftruncate.
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/wait.h>

static int fd;
static unsigned char *arena;

static unsigned char *map_at(size_t at, size_t len, int prot, off_t off)
{
    void *p = mmap(arena + at, len, prot, MAP_SHARED | MAP_FIXED, fd, off);
    if (p == MAP_FAILED) {
        printf("mmap at +0x%zx len 0x%zx off 0x%jx: %s\n", at, len, (intmax_t)off,
               strerror(errno));
        return NULL;
    }
    return p;
}

static char read_byte(off_t off)
{
    char c = '?';
    if (pread(fd, &c, 1, off) != 1)
        return '!';
    return c;
}

/* Address and offset disagree modulo every large page size. */
static void non_congruent(void)
{
    unsigned char *p = map_at(PAGE, 3 * PAGE, PROT_READ | PROT_WRITE, 2 * PAGE);
    if (!p)
        return;
    printf("non-congruent: reads %c%c%c\n", content_letter(p), content_letter(p + PAGE),
           content_letter(p + 2 * PAGE));
    p[10] = 'X';
    p[PAGE + 11] = 'Y';
    printf("non-congruent: file sees %c %c\n", read_byte(2 * PAGE + 10), read_byte(3 * PAGE + 11));
    if (pwrite(fd, "Z", 1, 4 * PAGE + 5) != 1)
        perror("pwrite");
    printf("non-congruent: mapping sees pwrite %c\n", p[2 * PAGE + 5]);
    /* a page-crossing store with both halves redirected */
    memcpy(p + PAGE - 3, "crossing", 8);
    char back[9] = { 0 };
    pread(fd, back, 8, 3 * PAGE - 3);
    printf("non-congruent: crossing store %s\n", back);
}

/* A second mapping of the same file pages at another address. */
static void second_mapping(void)
{
    unsigned char *a = map_at(8 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, 5 * PAGE);
    unsigned char *b = map_at(21 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, 5 * PAGE);
    if (!a || !b)
        return;
    a[100] = 'Q';
    b[PAGE + 7] = 'R';
    printf("second mapping: %c %c\n", b[100], a[PAGE + 7]);
}

/* A forked child writes; the parent sees it. */
static void forked_child(void)
{
    unsigned char *p = map_at(33 * PAGE, PAGE, PROT_READ | PROT_WRITE, PAGE);
    if (!p)
        return;
    p[0] = 'p';
    pid_t pid = fork();
    if (pid == 0) {
        p[1] = 'c';
        p[0] = (unsigned char)(p[0] + 1);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("fork: parent sees %c%c\n", p[0], p[1]);
}

/* Part of a redirected range made read-only, part unmapped. */
static void protect_and_unmap(void)
{
    unsigned char *p = map_at(41 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE, 3 * PAGE);
    if (!p)
        return;
    mprotect(p + PAGE, PAGE, PROT_READ);
    munmap(p + 2 * PAGE, PAGE);
    if (attempt(touch_write_same, p + PAGE))
        printf("read-only page: %s\n", fault_text((uintptr_t)p));
    if (attempt(touch_read, p + 2 * PAGE))
        printf("unmapped page: %s\n", fault_text((uintptr_t)p));
    p[3 * PAGE] = 'W';
    printf("after: last page writable, file sees %c\n", read_byte(6 * PAGE));
    print_pages("pages", p, 4, 1);
}

/* Pages wholly past end of file give SIGBUS until the file grows. */
static void past_eof(void)
{
    close(fd);
    fd = make_file("shdwrt-eof", PAGE + PAGE / 2);
    unsigned char *p = map_at(49 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE, 0);
    if (!p)
        return;
    print_pages("eof 1.5 pages", p, 4, 0);
    printf("tail of the last page: %d\n", p[PAGE + PAGE / 2 + 1]);
    if (ftruncate(fd, 3 * PAGE))
        perror("ftruncate");
    print_pages("eof grown to 3 pages", p, 4, 1);
    p[2 * PAGE + 1] = 'G';
    printf("write past the old end reaches the file: %c\n", read_byte(2 * PAGE + 1));
    if (ftruncate(fd, PAGE))
        perror("ftruncate");
    print_pages("eof shrunk to 1 page", p, 4, 0);
}

/* One host page holding the shared mapping, private memory and a hole. */
static void mixed_host_page(void)
{
    close(fd);
    fd = make_file("shdwrt-mixed", 16 * PAGE);
    unsigned char *priv = mmap(arena + 64 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    priv[0] = 'v';
    unsigned char *p = map_at(65 * PAGE, PAGE, PROT_READ | PROT_WRITE, 7 * PAGE);
    if (!p)
        return;
    munmap(arena + 66 * PAGE, PAGE);
    p[9] = 'M';
    printf("mixed: private %c, shared %c, file %c\n", priv[0], p[9], read_byte(7 * PAGE + 9));
    print_pages("mixed", arena + 64 * PAGE, 3, 1);
}

/* mremap of redirected shared memory: grow, move, and a second view. */
static void remap(void)
{
    unsigned char *p = map_at(70 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, 3 * PAGE);
    if (!p)
        return;
    p[5] = 'r';
    munmap(arena + 72 * PAGE, PAGE);        /* room to grow into */
    unsigned char *g = mremap(p, 2 * PAGE, 3 * PAGE, 0);
    if (g == MAP_FAILED) {
        printf("mremap grow in place: %s\n", strerror(errno));
        return;
    }
    g[2 * PAGE + 1] = 'g';
    printf("mremap grow in place: same address %d, file sees %c %c\n", g == p,
           read_byte(3 * PAGE + 5), read_byte(5 * PAGE + 1));
    unsigned char *m = mremap(p, 3 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
                              arena + 81 * PAGE);
    if (m == MAP_FAILED) {
        printf("mremap move: %s\n", strerror(errno));
        return;
    }
    m[PAGE] = 'm';
    printf("mremap move: at the address asked %d, old place %s, file sees %c, keeps %c%c\n",
           m == arena + 81 * PAGE, page_letter(p, 0) == '.' ? "unmapped" : "still there",
           read_byte(4 * PAGE), m[5], m[2 * PAGE + 1]);

    unsigned char *anon = mmap(arena + 90 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
                               MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    unsigned char *view = mremap(anon, 0, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
                                 arena + 99 * PAGE);
    if (anon == MAP_FAILED || view == MAP_FAILED) {
        printf("shared anonymous alias: %s\n", strerror(errno));
        return;
    }
    anon[PAGE + 3] = 'a';
    view[7] = 'v';
    printf("shared anonymous alias: %c %c\n", view[PAGE + 3], anon[7]);
    pid_t pid = fork();
    if (pid == 0) {
        anon[8] = 'c';
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("shared anonymous after fork: %c\n", view[8]);
}

int main(void)
{
    fd = make_file("shdwrt", 32 * PAGE);
    arena = map_aligned(128 * PAGE, PROT_NONE);
    catch_faults();
    non_congruent();
    second_mapping();
    forked_child();
    protect_and_unmap();
    past_eof();
    mixed_host_page();
    remap();
    return 0;
}
