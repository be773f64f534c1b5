/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-unmap: munmap and MAP_FIXED at 4 KiB inside regions that share one
 * 64 KiB page (issue 5, point 5).  A 4 KiB page unmapped in the middle of a
 * mapping gives SEGV_MAPERR at the exact address and MAP_FIXED_NOREPLACE
 * into the hole succeeds; the unmapped page just before a file mapping
 * faults; MAP_FIXED replaces any part of one or two mappings with anonymous
 * or file pages and leaves the rest alone; hint addresses are honoured when
 * free at 4 KiB and avoided when not.  Pages are shown with print_pages and
 * print_contents (see mem-test.h for the letters).
 */
#include "mem-test.h"
#include <errno.h>

#define NPAGES 32

static void show(const char *what, unsigned char *p, unsigned npages)
{
    char label[80];
    snprintf(label, sizeof(label), "%-28s prot", what);
    print_pages(label, p, npages, 1);
    snprintf(label, sizeof(label), "%-28s data", what);
    print_contents(label, p, npages);
}

static void unmap_one_page(void)
{
    unsigned char *m = map_aligned(NPAGES * PAGE, PROT_READ | PROT_WRITE);
    fill_letters(m, NPAGES);
    munmap(m + 5 * PAGE, PAGE);
    munmap(m + 17 * PAGE, 1);                        /* length rounds up to a page */
    printf("munmap unaligned address: %s\n", munmap(m + 9 * PAGE + 8, PAGE) ? strerror(errno) : "ok");
    munmap(m + 20 * PAGE, 3 * PAGE);
    munmap(m + 21 * PAGE, 4 * PAGE);                 /* partly unmapped already: fine */
    show("after munmaps", m, NPAGES);
    if (attempt(touch_read, m + 5 * PAGE + 0x123))
        printf("read in hole: %s\n", fault_text((uintptr_t)m));
    if (attempt(touch_write_same, m + 25 * PAGE - 1))
        printf("write in hole: %s\n", fault_text((uintptr_t)m));

    void *r = mmap(m + 5 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE into hole: %s\n", r == MAP_FAILED ? strerror(errno) : offset_text((uintptr_t)r, (uintptr_t)m));
    r = mmap(m + 16 * PAGE, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE half over a page: %s\n", r == MAP_FAILED ? strerror(errno) : offset_text((uintptr_t)r, (uintptr_t)m));
    r = mmap(m + 20 * PAGE, 5 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE into 5-page hole: %s\n", r == MAP_FAILED ? strerror(errno) : offset_text((uintptr_t)r, (uintptr_t)m));
    show("after refilling holes", m, NPAGES);
    munmap(m, NPAGES * PAGE);
}

/* The page just before a file mapping is unmapped while the rest of its
 * 64 KiB region is a PROT_NONE reservation.  Once with the file offset
 * congruent to the address modulo 64 KiB, once not. */
static void hole_before_file(int fd, unsigned at_page, off_t offset, int flags, const char *what)
{
    unsigned char *m = map_aligned(NPAGES * PAGE, PROT_NONE);
    void *f = mmap(m + at_page * PAGE, 3 * PAGE, PROT_READ, flags | MAP_FIXED, fd, offset);
    if (f == MAP_FAILED) {
        printf("%s: mmap %s\n", what, strerror(errno));
        munmap(m, NPAGES * PAGE);
        return;
    }
    munmap(m + (at_page - 1) * PAGE, PAGE);
    char label[80];
    snprintf(label, sizeof(label), "%s, pages %u-%u", what, at_page - 2, at_page + 3);
    show(label, m + (at_page - 2) * PAGE, 6);
    if (attempt(touch_read, m + at_page * PAGE - 1))
        printf("last byte before the file: %s\n", fault_text((uintptr_t)m));
    munmap(m, NPAGES * PAGE);
}

static void fixed_over_parts(int fd)
{
    unsigned char *m = map_aligned(NPAGES * PAGE, PROT_READ | PROT_WRITE);
    fill_letters(m, NPAGES);
    mprotect(m + 16 * PAGE, 16 * PAGE, PROT_READ);   /* two mappings now, 16 pages each */
    void *r[4];
    r[0] = mmap(m + 2 * PAGE, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    r[1] = mmap(m + 6 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 4 * PAGE);
    r[2] = mmap(m + 14 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    r[3] = mmap(m + 20 * PAGE, 3 * PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 1 * PAGE);
    for (int i = 0; i < 4; i++)
        printf("MAP_FIXED %d: %s\n", i, r[i] == MAP_FAILED ? strerror(errno) : offset_text((uintptr_t)r[i], (uintptr_t)m));
    show("MAP_FIXED over parts", m, NPAGES);
    munmap(m, NPAGES * PAGE);
}

static int overlaps(unsigned char *a, size_t alen, unsigned char *b, size_t blen)
{
    return a < b + blen && b < a + alen;
}

static void hints(void)
{
    unsigned char *m = map_aligned(NPAGES * PAGE, PROT_NONE);
    munmap(m + 8 * PAGE, 16 * PAGE);                 /* a free 64 KiB-straddling hole */
    /* Where a hint is taken, the 4 KiB kernel puts the mapping exactly there;
     * where it is not, where the mapping goes is policy: only "not over the
     * reservation" is printed (print_pages shows the reservation intact). */
    static const struct { const char *what; unsigned long off; size_t len; int free; } cases[] = {
        { "free, 4 KiB aligned", 0x9000, 2 * PAGE, 1 },
        { "free, not page aligned", 0xd800, PAGE, 1 },
        { "free, crossing 64 KiB", 0xf000, 3 * PAGE, 1 },
        { "over the reservation", 0x2000, PAGE, 0 },
        { "half over the reservation", 0x17000, 2 * PAGE, 0 },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        unsigned char *p = mmap(m + cases[i].off, cases[i].len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            printf("hint %s: %s\n", cases[i].what, strerror(errno));
            continue;
        }
        int inside = p >= m && p < m + NPAGES * PAGE;
        if (cases[i].free)
            printf("hint %s: %s\n", cases[i].what, inside ? offset_text((uintptr_t)p, (uintptr_t)m) : "elsewhere");
        else
            printf("hint %s: %s\n", cases[i].what,
                   overlaps(p, cases[i].len, m, 8 * PAGE) || overlaps(p, cases[i].len, m + 24 * PAGE, 8 * PAGE)
                       ? "over the reservation" : "not over it");
        munmap(p, cases[i].len);
    }
    print_pages("reservation after hints", m, NPAGES, 1);
    munmap(m, NPAGES * PAGE);
}

int main(void)
{
    catch_faults();
    int fd = make_file("unmap", 8 * PAGE);
    unmap_one_page();
    hole_before_file(fd, 0x11, PAGE, MAP_PRIVATE, "private, congruent");
    hole_before_file(fd, 0x13, 0, MAP_PRIVATE, "private, not congruent");
    hole_before_file(fd, 0x11, PAGE, MAP_SHARED, "shared, congruent");
    hole_before_file(fd, 0x13, 0, MAP_SHARED, "shared, not congruent");
    fixed_over_parts(fd);
    hints();
    return 0;
}
