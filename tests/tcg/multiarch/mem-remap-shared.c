/*
 * mem-remap-shared: mremap of shared file mappings (a memfd, as a Wayland
 * shm pool is, and a regular file) at every 4 KiB offset of a 64 KiB host
 * page: grown where the pages after it are free (in place), grown where
 * they are taken (moved, MREMAP_MAYMOVE), and moved with MREMAP_FIXED to
 * a place whose 4 KiB offset differs from the file's.  Under a host page
 * larger than 4 KiB such a mapping shares its host pages with its
 * neighbours, so the host cannot move them; the bytes are the file's, and
 * every case prints what the mapping and the file show through each other
 * after it.  Last, a regular file whose descriptor the program closed.
 * check-tcg: word-size neutral
 */
#include "mem-test.h"
#include <errno.h>

static void show(const char *what, unsigned char *m, unsigned char *old, int fd, off_t off,
                 size_t len)
{
    unsigned char c = 0, d = 0;

    if (m == MAP_FAILED) {
        printf(" %s failed %d", what, errno);
        return;
    }
    m[len - PAGE + 7] = 'z';                /* the new last page, through the map */
    pread(fd, &c, 1, off + 5);
    pread(fd, &d, 1, off + len - PAGE + 7);
    printf(" %s %s %c%c%c", what, m == old ? "same" : "moved", m[5], c, d);
}

static void cases(const char *name, int fd)
{
    for (int page = 0; page < 16; page += 3) {
        off_t off = (off_t)page * PAGE;
        unsigned char *base = map_aligned(32 * PAGE, PROT_NONE);
        unsigned char *m, *g;

        printf("%s at %2d:", name, page);
        /* In place: the pages after it are free. */
        munmap(base, 32 * PAGE);
        m = mmap(base + page * PAGE, 3 * PAGE, PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_FIXED, fd, off);
        if (m == MAP_FAILED) {
            printf(" mmap failed %d\n", errno);
            continue;
        }
        m[5] = 'a' + page;
        g = mremap(m, 3 * PAGE, 7 * PAGE, 0);
        show("grow", g, m, fd, off, 7 * PAGE);
        if (g != MAP_FAILED) {
            munmap(g, 7 * PAGE);
        }
        /* Moved: the page after it is taken. */
        m = mmap(base + page * PAGE, 3 * PAGE, PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_FIXED, fd, off);
        mmap(m + 3 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        m[5] = 'A' + page;
        g = mremap(m, 3 * PAGE, 9 * PAGE, MREMAP_MAYMOVE);
        show("move", g, m, fd, off, 9 * PAGE);
        printf(" old %c", page_letter(m, 0));
        if (g != MAP_FAILED) {
            munmap(g, 9 * PAGE);
        }
        munmap(m + 3 * PAGE, PAGE);
        /* Fixed, to a 4 KiB offset one page further: shrunk to 2 pages. */
        m = mmap(base, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, off);
        mmap(base + 8 * PAGE, 16 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
             -1, 0);
        m[5] = '0' + page % 10;
        g = mremap(m, 4 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
                   base + (8 + page + 1) * PAGE);
        show("fixed", g, NULL, fd, off, 2 * PAGE);
        printf(" after %c\n", page_letter(base + (8 + page + 3) * PAGE, 0));
        munmap(base, 32 * PAGE);
    }
}

int main(void)
{
    int memfd = memfd_create("mem-remap-shared", 0);
    int file = make_file("remap-shared", 32 * PAGE);
    unsigned char *base, *m, *g;
    char path[64];

    setvbuf(stdout, NULL, _IONBF, 0);
    catch_faults();
    ftruncate(memfd, 32 * PAGE);
    cases("memfd", memfd);
    cases("file", file);

    /* The program's descriptor is gone; the file still has its name. */
    snprintf(path, sizeof(path), "/tmp/mem-remap-shared-%d", (int)getpid());
    file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(file, 16 * PAGE);
    base = map_aligned(16 * PAGE, PROT_NONE);
    m = mmap(base + 2 * PAGE, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, file,
             5 * PAGE);
    close(file);
    printf("closed descriptor:");
    if (m == MAP_FAILED) {
        printf(" mmap failed %d\n", errno);
        unlink(path);
        return 0;
    }
    m[5] = 'k';
    g = mremap(m, 3 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);
    if (g == MAP_FAILED) {
        printf(" failed %d\n", errno);
    } else {
        unsigned char c = 0;

        g[5 * PAGE] = 'e';
        file = open(path, O_RDONLY);
        pread(file, &c, 1, 10 * PAGE);
        printf(" %s %c%c\n", g == m ? "same" : "moved", g[5], c);
    }
    unlink(path);
    return 0;
}
