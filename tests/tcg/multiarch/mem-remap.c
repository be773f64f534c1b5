/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-remap: mremap at 4 KiB (issue 5, point 5).  Inside a reservation the
 * test controls, a 3-page mapping starting 12 KiB into a 64 KiB page grows
 * in place into room made for it, cannot grow in place without room, moves
 * when allowed, shrinks, moves to a fixed 4 KiB address (MREMAP_FIXED) and
 * is copied with MREMAP_DONTUNMAP (the old range stays, empty; without
 * MREMAP_FIXED its address is a hint, EINVAL unaligned).  A private
 * file mapping grows into more of the file; a shared anonymous mapping is
 * duplicated with old_size 0 and both views see each other's stores.
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/syscall.h>

#define NPAGES 48

static unsigned char *region;

static void show(const char *what)
{
    char label[80];
    snprintf(label, sizeof(label), "%-26s prot", what);
    print_pages(label, region, NPAGES, 1);
    snprintf(label, sizeof(label), "%-26s data", what);
    print_contents(label, region, NPAGES);
}

static void result(const char *what, void *r)
{
    if (r == MAP_FAILED)
        printf("%s: %s\n", what, strerrorname_np(errno));
    else if ((unsigned char *)r >= region && (unsigned char *)r < region + NPAGES * PAGE)
        printf("%s: %s\n", what, offset_text((uintptr_t)r, (uintptr_t)region));
    else
        printf("%s: outside the region\n", what);
}

static void anonymous(void)
{
    unsigned char *a = mmap(region + 3 * PAGE, 3 * PAGE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    fill_letters(a, 3);
    munmap(region + 6 * PAGE, 3 * PAGE);            /* room to grow by 3 */
    show("3 pages, room for 3");

    void *r = mremap(a, 3 * PAGE, 6 * PAGE, 0);
    result("grow in place to 6", r);
    a[5 * PAGE] = 'f';
    r = mremap(a, 6 * PAGE, 8 * PAGE, 0);
    result("grow to 8 without room", r);
    show("grown");
    r = mremap(a, 6 * PAGE, 4 * PAGE, 0);
    result("shrink to 4", r);
    show("shrunk");

    r = mremap(a, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, region + 0x11000);
    result("MREMAP_FIXED to +0x11000", r);
    show("moved");
    a = r;
    r = mremap(a, 4 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, region + 0x1d000);
    result("MREMAP_FIXED across 64 KiB, shrinking", r);
    a = r;
    r = mremap(a, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED, region + 0x23000);
    result("MREMAP_DONTUNMAP to +0x23000", r);
    show("after MREMAP_DONTUNMAP");
    if (r != MAP_FAILED)
        a = r;
    /* Without MREMAP_FIXED its new address is a hint, taken where it is
       free; an unaligned one is EINVAL (glibc's wrapper passes whatever is
       in the register then: the raw call says what is meant). */
    munmap(region + 0x2b000, PAGE);
    errno = 0;
    r = (void *)syscall(SYS_mremap, a, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
                        region + 0x2b000 + 1);
    result("MREMAP_DONTUNMAP, unaligned hint", r);
    r = (void *)syscall(SYS_mremap, a, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
                        region + 0x2b000);
    result("MREMAP_DONTUNMAP, a free hint", r);
    show("after the hinted one");

    r = mremap(a, 2 * PAGE, 12 * PAGE, MREMAP_MAYMOVE);
    result("grow to 12, may move", r);
    if (r != MAP_FAILED) {
        unsigned char *m = r;
        printf("moved data kept %c%c, new pages zero %d\n", m[0], m[PAGE], m[12 * PAGE - 1] == 0);
        munmap(r, 12 * PAGE);
    }
    r = mremap(region + 0x11001, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
    result("unaligned old address", r);
    munmap(region + 0x2f000, PAGE);
    r = mremap(region + 0x2f000, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
    result("unmapped old address", r);
    show("at the end");
}

static void file_mapping(void)
{
    int fd = make_file("remap", 8 * PAGE);
    unsigned char *f = mmap(region + 0x25000, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, PAGE);
    f[0] = 'x';
    munmap(f + 2 * PAGE, 3 * PAGE);
    void *r = mremap(f, 2 * PAGE, 5 * PAGE, 0);
    result("private file grow in place", r);
    if (r != MAP_FAILED) {
        print_contents("file pages 1-5, page 1 written", f, 5);
        pwrite(fd, "new", 3, 5 * PAGE);
        printf("grown page sees pwrite: %d\n", memcmp(f + 4 * PAGE, "new", 3) == 0);
    }
    close(fd);
}

static void shared_alias(void)
{
    /* (in the region: left to the kernel, it could take one of the holes) */
    unsigned char *s = mmap(region + 0x2c000, 2 * PAGE, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    unsigned char *alias = mremap(s + PAGE, 0, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, region + 0x2b000);
    result("shared alias of page 1", alias);
    if (alias == MAP_FAILED)
        return;
    s[PAGE + 7] = 'p';
    alias[9] = 'q';
    printf("alias sees store %c, original sees store %c\n", alias[7], s[PAGE + 9]);
}

int main(void)
{
    catch_faults();
    region = map_aligned(NPAGES * PAGE, PROT_NONE);
    anonymous();
    file_mapping();
    shared_alias();
    show("finally");
    return 0;
}
