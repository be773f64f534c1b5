/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-eof-resize: a file mapped whole, whose end of file lies on a 64 KiB
 * boundary when mapped (so no page of it is past end of file then), shrinks
 * into the middle of a host page and grows again (ftruncate, and a pwrite
 * past the end).  A 4 KiB kernel moves SIGBUS/BUS_ADRERR with the end page
 * by page, zeros the rest of the page holding it, and shows new bytes; code
 * on a page the file no longer holds faults when called again (issue 5,
 * point 6).  Shared read-write, private read-only and private executable
 * mappings, at the kernel's choice of address.
 */
#include "mem-test.h"

#define FILE_LEN (3 * BIG_PAGE)
#define MAP_PAGES (FILE_LEN / PAGE)
#define CODE_PAGE 20u

static unsigned char *shared_map, *private_map, *code_map;

static void call(void *fn)
{
    ((void (*)(void))fn)();
}

/* The bytes [from, to) of the shared mapping: "zeros" or not. */
static const char *tail_text(size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (shared_map[i])
            return "NOT zero";
    return "zeros";
}

static void show(const char *when, size_t size)
{
    char label[80];
    snprintf(label, sizeof(label), "%-16s shared ", when);
    print_pages(label, shared_map, MAP_PAGES, 1);
    snprintf(label, sizeof(label), "%-16s private", when);
    print_pages(label, private_map, MAP_PAGES, 0);
    snprintf(label, sizeof(label), "%-16s content", when);
    print_contents(label, shared_map, MAP_PAGES);
    if (size % PAGE)
        printf("%-16s bytes past the end in its page: %s\n", when,
               tail_text(size, (size + PAGE - 1) / PAGE * PAGE));
    unsigned char *target = code_map + CODE_PAGE * PAGE;
    if (attempt(call, target))
        printf("%-16s call page %u: %s, pc at the target %d\n", when, CODE_PAGE,
               fault_text((uintptr_t)code_map), fault.pc == (uintptr_t)target);
    else
        printf("%-16s call page %u: returned\n", when, CODE_PAGE);
}

static void resize(int fd, size_t size)
{
    if (ftruncate(fd, size) != 0) {
        perror("ftruncate");
        exit(2);
    }
}

int main(void)
{
    static const unsigned char ret = 0xc3;
    int fd = make_file("eof-resize", FILE_LEN);
    char when[32];

    pwrite(fd, &ret, 1, CODE_PAGE * PAGE);
    shared_map = mmap(NULL, FILE_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    private_map = mmap(NULL, FILE_LEN, PROT_READ, MAP_PRIVATE, fd, 0);
    code_map = mmap(NULL, FILE_LEN, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    if (shared_map == MAP_FAILED || private_map == MAP_FAILED || code_map == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    catch_faults();
    show("whole file", FILE_LEN);

    /* Into the middle of the second 64 KiB, then of the first. */
    static const size_t shrink_to[] = { BIG_PAGE + 4464, 5 * PAGE + 100, 0 };
    for (unsigned i = 0; i < sizeof(shrink_to) / sizeof(shrink_to[0]); i++) {
        resize(fd, shrink_to[i]);
        snprintf(when, sizeof(when), "shrunk to %zu", shrink_to[i]);
        show(when, shrink_to[i]);
    }

    /* Grow: zeros first, then what is written there; the code comes back. */
    resize(fd, 2 * BIG_PAGE + 300);
    pwrite(fd, &ret, 1, CODE_PAGE * PAGE);
    show("grown (trunc)", 2 * BIG_PAGE + 300);
    static const char word[] = "grown";
    size_t at = 2 * BIG_PAGE + 9000;
    pwrite(fd, word, sizeof(word), at);
    printf("pwrite at %zu seen: shared %d, private %d\n", at,
           memcmp(shared_map + at, word, sizeof(word)) == 0,
           memcmp(private_map + at, word, sizeof(word)) == 0);
    show("grown (pwrite)", at + sizeof(word));
    return 0;
}
