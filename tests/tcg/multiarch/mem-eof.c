/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-eof: end of file as a 4 KiB kernel shows it (issue 5, point 6).  A
 * 5000-byte file is mapped for 64 KiB, shared and private, at a place the
 * kernel chooses, at a file offset, and with MAP_FIXED at an address not
 * congruent to the offset modulo 64 KiB.  Bytes 5000..8191 read as zeros;
 * any access to a page wholly past end of file gives SIGBUS/BUS_ADRERR at
 * the exact address.  Then the file grows (ftruncate, pwrite) and shrinks:
 * the pages it covers become readable and hold the file's bytes, those it
 * no longer covers fault again, private copies included.
 */
#include "mem-test.h"
#include <errno.h>

#define FILE_LEN 5000
#define MAP_PAGES 16

static unsigned char *shared_map, *private_map;

/* zero_after: "zeros" when every byte of [from, to) reads as zero. */
static const char *zero_after(unsigned char *map, unsigned from, unsigned to)
{
    for (unsigned i = from; i < to; i++)
        if (map[i])
            return "NOT zero";
    return "zeros";
}

static void show(const char *when)
{
    char label[80];
    snprintf(label, sizeof(label), "%-22s shared ", when);
    print_pages(label, shared_map, MAP_PAGES, 1);
    snprintf(label, sizeof(label), "%-22s private", when);
    print_pages(label, private_map, MAP_PAGES, 0);
}

static void fault_at(const char *what, void (*fn)(void *), unsigned char *map, unsigned off)
{
    printf("%s +0x%x: ", what, off);
    if (attempt(fn, map + off))
        printf("%s\n", fault_text((uintptr_t)map));
    else
        printf("no fault\n");
}

static void other_placements(int fd)
{
    ftruncate(fd, FILE_LEN);
    unsigned char *at_offset = mmap(NULL, MAP_PAGES * PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
    printf("offset 4096: bytes 904..4095 %s\n", zero_after(at_offset, FILE_LEN - PAGE, PAGE));
    print_pages("offset 4096", at_offset, MAP_PAGES, 0);
    fault_at("offset 4096 read", touch_read, at_offset, PAGE + 0x42);
    munmap(at_offset, MAP_PAGES * PAGE);

    unsigned char *region = map_aligned(2 * BIG_PAGE, PROT_NONE);
    static const int kinds[] = { MAP_SHARED, MAP_PRIVATE };
    for (unsigned i = 0; i < 2; i++) {
        unsigned char *m = mmap(region + 3 * PAGE, MAP_PAGES * PAGE, PROT_READ, kinds[i] | MAP_FIXED, fd, 0);
        if (m == MAP_FAILED) {
            printf("MAP_FIXED at +0x3000: %s\n", strerror(errno));
            continue;
        }
        const char *kind = i ? "private" : "shared";
        printf("MAP_FIXED %s at +0x3000: bytes 5000..8191 %s\n", kind, zero_after(m, FILE_LEN, 2 * PAGE));
        print_pages(kind, m, MAP_PAGES, 0);
        fault_at("read", touch_read, m, 0x2000);
        fault_at("read", touch_read, m, MAP_PAGES * PAGE - 1);
    }
    munmap(region, 2 * BIG_PAGE);
}

int main(void)
{
    catch_faults();
    int fd = make_file("eof", FILE_LEN);
    shared_map = mmap(NULL, MAP_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    private_map = mmap(NULL, MAP_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (shared_map == MAP_FAILED || private_map == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    printf("bytes 5000..8191: shared %s, private %s\n", zero_after(shared_map, FILE_LEN, 2 * PAGE),
           zero_after(private_map, FILE_LEN, 2 * PAGE));
    show("5000 bytes");
    fault_at("shared read", touch_read, shared_map, 2 * PAGE);
    fault_at("shared write", touch_write_same, shared_map, 5 * PAGE + 0x123);
    fault_at("private read", touch_read, private_map, MAP_PAGES * PAGE - 1);
    fault_at("private write", touch_write_same, private_map, 3 * PAGE + 0xfff);

    /* Grow: the new bytes read as zeros, then as what pwrite puts there. */
    ftruncate(fd, 20000);
    printf("grown to 20000: bytes 5000..19999 shared %s, private %s\n",
           zero_after(shared_map, FILE_LEN, 20000), zero_after(private_map, FILE_LEN, 20000));
    show("20000 bytes");
    pwrite(fd, "grown", 5, 12000);
    printf("pwrite at 12000 seen: shared %d, private %d\n", memcmp(shared_map + 12000, "grown", 5) == 0,
           memcmp(private_map + 12000, "grown", 5) == 0);
    pwrite(fd, "end", 3, 30000);                    /* grows the file by writing */
    printf("pwrite at 30000 seen: shared %d, private %d\n", memcmp(shared_map + 30000, "end", 3) == 0,
           memcmp(private_map + 30000, "end", 3) == 0);
    show("30003 bytes");

    /* Private copies of pages 0 and 3, then shrink below page 1. */
    private_map[10] = 'x';
    private_map[3 * PAGE + 10] = 'y';
    ftruncate(fd, 3000);
    printf("shrunk to 3000: bytes 3000..4095 shared %s, private %s; private copy kept %d\n",
           zero_after(shared_map, 3000, PAGE), zero_after(private_map, 3000, PAGE), private_map[10] == 'x');
    show("3000 bytes");
    fault_at("shared read", touch_read, shared_map, PAGE);
    fault_at("private read of copied page", touch_read, private_map, 3 * PAGE + 10);

    other_placements(fd);
    return 0;
}
