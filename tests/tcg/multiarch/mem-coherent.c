/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-coherent: file mappings stay coherent with the file at 4 KiB (issue
 * 5, point 5).  A private file mapping's pages that were only read, or not
 * touched at all, see later pwrite()s to the file; the pages it wrote keep
 * their own bytes.  A read-only MAP_SHARED mapping sees later pwrite()s,
 * also when MAP_FIXED puts it at an address not congruent to its file
 * offset modulo 64 KiB, and so does a private one placed so.  A read-only
 * private mapping (a library's text) keeps seeing the file when one of its
 * pages is made PROT_NONE, and when one is made writable and written (text
 * relocations): only that page stops.
 */
#include "mem-test.h"
#include <errno.h>

#define NPAGES 8

static void stamp(int fd, unsigned page, const char *what)
{
    pwrite(fd, what, strlen(what), page * PAGE + 40);
}

/* seen: for each page, 'y' if it shows what stamp() wrote, 'n' if not. */
static void seen(const char *label, unsigned char *m, const char *what)
{
    printf("%-36s ", label);
    for (unsigned i = 0; i < NPAGES; i++)
        putchar(memcmp(m + i * PAGE + 40, what, strlen(what)) == 0 ? 'y' : 'n');
    putchar('\n');
}

static void private_mapping(int fd, unsigned char *at, const char *label)
{
    int flags = MAP_PRIVATE | (at ? MAP_FIXED : 0);
    unsigned char *m = mmap(at, NPAGES * PAGE, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (m == MAP_FAILED) {
        printf("%s: %s\n", label, strerrorname_np(errno));
        return;
    }
    volatile unsigned char sink = m[3 * PAGE] + m[4 * PAGE];   /* pages 3, 4 only read */
    (void)sink;
    m[5 * PAGE] = 'w';                                         /* pages 5, 6 written */
    m[6 * PAGE + 4095] = 'w';
    for (unsigned i = 0; i < NPAGES; i++)
        stamp(fd, i, label);
    char line[80];
    snprintf(line, sizeof(line), "%s: read 3-4, wrote 5-6", label);
    seen(line, m, label);
    munmap(m, NPAGES * PAGE);
}

static void private_read_only(int fd, int prot, const char *label)
{
    unsigned char *m = mmap(NULL, NPAGES * PAGE, prot, MAP_PRIVATE, fd, 0);
    char line[80];
    if (m == MAP_FAILED) {
        printf("%s: %s\n", label, strerrorname_np(errno));
        return;
    }
    mprotect(m + PAGE, PAGE, PROT_NONE);
    for (unsigned i = 0; i < NPAGES; i++)
        stamp(fd, i, label);
    mprotect(m + PAGE, PAGE, PROT_READ);
    snprintf(line, sizeof(line), "%s: page 1 was PROT_NONE", label);
    seen(line, m, label);
    mprotect(m + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE);
    m[2 * PAGE] = 'w';
    mprotect(m + 2 * PAGE, PAGE, prot);
    for (unsigned i = 0; i < NPAGES; i++)
        stamp(fd, i, "again");
    snprintf(line, sizeof(line), "%s: page 2 written", label);
    seen(line, m, "again");
    munmap(m, NPAGES * PAGE);
}

static void shared_read_only(int fd, unsigned char *at, off_t offset, const char *label)
{
    int flags = MAP_SHARED | (at ? MAP_FIXED : 0);
    unsigned char *m = mmap(at, NPAGES * PAGE, PROT_READ, flags, fd, offset);
    if (m == MAP_FAILED) {
        printf("%s: %s\n", label, strerrorname_np(errno));
        return;
    }
    volatile unsigned char sink = m[0] + m[2 * PAGE];
    (void)sink;
    for (unsigned i = 0; i < NPAGES; i++)
        stamp(fd, offset / PAGE + i, label);
    seen(label, m, label);
    munmap(m, NPAGES * PAGE);
}

int main(void)
{
    catch_faults();
    int fd = make_file("coherent", 2 * NPAGES * PAGE);
    unsigned char *region = map_aligned(2 * BIG_PAGE, PROT_NONE);

    private_mapping(fd, NULL, "private");
    private_mapping(fd, region + 3 * PAGE, "private at +12K");
    private_read_only(fd, PROT_READ, "private read-only");
    private_read_only(fd, PROT_READ | PROT_EXEC, "private read-exec");
    shared_read_only(fd, NULL, 0, "shared read-only");
    shared_read_only(fd, region + 3 * PAGE, 0, "shared read-only at +12K");
    shared_read_only(fd, region + 0x11000, 2 * PAGE, "shared read-only at +68K, offset 8K");
    print_pages("region", region, 32, 0);
    return 0;
}
