/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-remap-shared-anon: mremap of MAP_SHARED|MAP_ANONYMOUS memory at 4 KiB
 * sizes and addresses that no large host page lines up with.  The memory
 * stays one object through every move: a second view made before
 * (mremap with old size 0), a child forked before, and the moved pages all
 * see each other's writes.  Moves with MREMAP_MAYMOVE, to a fixed
 * unaligned address, MREMAP_DONTUNMAP (the old range stays a view of the
 * same memory), a second view at an unaligned address; a shrink and a
 * regrow give back the object's bytes (shared memory keeps them), and a
 * regrow past the object's end is SIGBUS only past the host page that
 * holds its end.
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/wait.h>

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

static void report(const char *what, void *r, unsigned char *base)
{
    if (r == MAP_FAILED)
        printf("%-40s %s\n", what, strerrorname_np(errno));
    else if (base)
        printf("%-40s at %s\n", what, offset_text((uintptr_t)r, (uintptr_t)base));
    else
        printf("%-40s ok\n", what);
}

/* "LABEL: <first byte of each page>", '.' for an unmapped page and 'B'
   for SIGBUS (the tests write single bytes there: a..c fill the pages). */
static void print_marks(const char *label, unsigned char *p, unsigned npages)
{
    printf("%s: ", label);
    for (unsigned i = 0; i < npages; i++) {
        if (attempt(touch_read, p + i * PAGE))
            putchar(fault.sig == SIGBUS ? 'B' : '.');
        else
            putchar(p[i * PAGE] ? p[i * PAGE] : '0');
    }
    putchar('\n');
}

/* A 64 KiB-aligned region of 16 pages, the destination area: unmapped
   again, so that moves land on free pages between its kept neighbours. */
static unsigned char *area(void)
{
    unsigned char *t = map_aligned(16 * PAGE, PROT_READ | PROT_WRITE);

    fill_letters(t, 16);
    return t;
}

int main(void)
{
    int to_child[2], from_child[2];
    unsigned char *t = area();
    unsigned char *s = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char c;

    catch_faults();
    fill_letters(s, 3);
    /* a second view, where the kernel puts it */
    unsigned char *v = mremap(s, 0, 3 * PAGE, MREMAP_MAYMOVE);
    report("second view (old size 0)", v, NULL);
    if (v == MAP_FAILED)
        return 1;
    print_marks("second view", v, 3);

    /* a child that keeps the old address */
    pipe(to_child);
    pipe(from_child);
    pid_t pid = fork();
    if (pid == 0) {
        read(to_child[0], &c, 1);
        c = (char)s[PAGE];
        s[2 * PAGE] = 'C';
        write(from_child[1], &c, 1);
        _exit(0);
    }

    /* to a fixed address inside the area, one page past its start */
    munmap(t + PAGE, 3 * PAGE);
    unsigned char *m = mremap(s, 3 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t + PAGE);
    report("move to area+1 (MREMAP_FIXED)", m, t);
    print_marks("moved", m, 3);
    print_pages("area after the move", t, 6, 1);
    print_pages("old place", s, 3, 0);
    m[PAGE] = 'M';
    write(to_child[1], "x", 1);
    read(from_child[0], &c, 1);
    waitpid(pid, NULL, 0);
    printf("child read the moved write: %c\n", c);
    print_marks("moved, after the child wrote page 2", m, 3);
    print_marks("second view", v, 3);

    /* grow where the next page is taken: it moves */
    unsigned char *g = mremap(m, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
    report("grow by one page, moving", g, NULL);
    print_marks("grown (3 pages)", g, 3);
    g[0] = 'G';
    printf("second view sees the grown mapping's write: %c\n", v[0]);
    print_pages("area after it moved away", t, 6, 1);

    /* shrink, then grow back in place: the object kept its bytes */
    unsigned char *r = mremap(g, 4 * PAGE, PAGE, 0);
    report("shrink to one page", r, g);
    v[2 * PAGE] = 'z';
    r = mremap(g, PAGE, 3 * PAGE, 0);
    report("grow back in place", r, g);
    if (r != MAP_FAILED)
        print_marks("grown back", g, 3);

    /* MREMAP_DONTUNMAP: both ranges show the same memory */
    munmap(t + 8 * PAGE, 3 * PAGE);
    unsigned char *d = mremap(g, 3 * PAGE, 3 * PAGE,
                              MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, t + 8 * PAGE);
    report("MREMAP_DONTUNMAP to area+8", d, t);
    if (d != MAP_FAILED) {
        print_marks("new place", d, 3);
        print_marks("old place", g, 3);
        g[PAGE] = 'o';
        d[2 * PAGE] = 'n';
        print_marks("new place after writes", d, 3);
        print_marks("old place after writes", g, 3);
        print_marks("second view", v, 3);
    }

    /* a second view at a fixed unaligned address */
    munmap(t + 12 * PAGE, 3 * PAGE);
    unsigned char *w = mremap(v, 0, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t + 12 * PAGE);
    report("second view at area+12", w, t);
    if (w != MAP_FAILED) {
        w[0] = 'w';
        print_marks("view at area+12", w, 3);
        print_marks("first view", v, 3);
    }
    print_pages("area", t, 16, 1);
    return 0;
}
