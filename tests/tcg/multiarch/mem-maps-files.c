/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-maps-files: /proc/self/maps for file and shared mappings at 4 KiB
 * (issue 5 point 5, issue 9 point 5).  Each scene builds mappings inside a
 * BIG_PAGE-aligned region with an unmapped page on each side, so that the
 * kernel merges nothing across its edges, and prints the maps lines inside
 * it: addresses relative to its start, permissions, file offset, and the
 * name as "file" (the test's file), "file (deleted)", "anon", or as the
 * kernel wrote it when it holds no pid ("[heap]", "/dev/zero (deleted)").
 * The inode is printed as "ino=file" when it is the test file's.
 */
#include "mem-test.h"
#include <inttypes.h>
#include <sys/stat.h>

static char file_path[64];
static ino_t file_ino;

static const char *name_class(const char *name)
{
    static char b[300];
    size_t n = strlen(file_path);

    if (!*name)
        return "anon";
    if (strncmp(name, file_path, n) == 0)
        return name[n] ? "file (deleted)" : "file";
    snprintf(b, sizeof(b), "%s", name);
    return b;
}

static void print_maps(const char *when, uintptr_t base, size_t len)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];

    printf("%s:\n", when);
    if (!f) {
        printf("  cannot open /proc/self/maps\n");
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        uint64_t lo, hi, off, ino;
        char perms[8];
        int name_at = 0;
        line[strcspn(line, "\n")] = 0;
        if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %*s %" SCNu64 " %n",
                   &lo, &hi, perms, &off, &ino, &name_at) < 5)
            continue;
        if (hi <= base || lo >= base + len)
            continue;
        printf("  %s-%s %s %08" PRIx64 " %s%s\n", offset_text(lo, base), offset_text(hi, base),
               perms, off, name_class(name_at ? line + name_at : ""),
               ino == file_ino ? " ino=file" : ino ? " ino=other" : "");
    }
    fclose(f);
}

/* A region of npages with the pages around it unmapped. */
static unsigned char *region(unsigned npages)
{
    unsigned char *outer = map_aligned(BIG_PAGE + npages * PAGE + PAGE, PROT_READ | PROT_WRITE);
    unsigned char *m = outer + BIG_PAGE;
    munmap(m - PAGE, PAGE);
    munmap(m + npages * PAGE, PAGE);
    return m;
}

static void map_at(unsigned char *at, size_t len, int prot, int flags, int fd, off_t off)
{
    if (mmap(at, len, prot, flags | MAP_FIXED, fd, off) != at) {
        perror("mmap");
        exit(2);
    }
}

/* Neighbouring mmaps of one file with contiguous offsets are one vma; a
   protection change splits it; writable private, shared and anonymous
   mappings stay apart. */
static void scene_files(int fd)
{
    unsigned char *m = region(16);

    map_at(m, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    map_at(m + 4 * PAGE, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 4 * PAGE);
    map_at(m + 8 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PAGE);
    map_at(m + 12 * PAGE, PAGE, PROT_READ, MAP_SHARED, fd, 3 * PAGE);
    m[8 * PAGE] = 1;
    print_maps("files", (uintptr_t)m, 16 * PAGE);

    mprotect(m + 2 * PAGE, PAGE, PROT_NONE);
    mprotect(m + 9 * PAGE, PAGE, PROT_READ);
    print_maps("files carved", (uintptr_t)m, 16 * PAGE);

    /* The writable mapping stays apart from the read-only one after it is
       made read-only: it was accounted as writable. */
    mprotect(m + 2 * PAGE, PAGE, PROT_READ);
    mprotect(m + 8 * PAGE, PAGE, PROT_READ);
    print_maps("files mended", (uintptr_t)m, 16 * PAGE);
    munmap(m, 16 * PAGE);
}

/* mremap moves the file with the pages, continues it when grown. */
static void scene_remap(int fd)
{
    unsigned char *m = region(8);

    map_at(m, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
    unsigned char *g = mremap(m, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
    if (g == MAP_FAILED) {
        perror("mremap");
        exit(2);
    }
    print_maps("grown", (uintptr_t)g, 4 * PAGE);
    unsigned char *s = mremap(g, 4 * PAGE, PAGE, 0);
    print_maps("shrunk", (uintptr_t)s, 4 * PAGE);
    munmap(s, PAGE);
    munmap(m, 8 * PAGE);
}

/* Shared anonymous memory is a deleted /dev/zero; after the file's name is
   gone its mappings say "(deleted)". */
static void scene_shared(int fd)
{
    unsigned char *a = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    mprotect(a + PAGE, PAGE, PROT_READ);
    print_maps("shared anonymous", (uintptr_t)a, 3 * PAGE);

    unsigned char *m = region(4);
    map_at(m, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    unlink(file_path);
    print_maps("unlinked", (uintptr_t)m, 4 * PAGE);
}

/* The brk area is [heap] once it has grown; the initial stack is [stack]. */
static void scene_heap_stack(void)
{
    char *brk0 = sbrk(0);
    int on_stack;
    char line[512];
    int heap = 0, stack = 0;

    sbrk(3 * PAGE);
    FILE *f = fopen("/proc/self/maps", "r");
    while (f && fgets(line, sizeof(line), f)) {
        uint64_t lo, hi;
        if (sscanf(line, "%" SCNx64 "-%" SCNx64, &lo, &hi) != 2)
            continue;
        if (lo <= (uintptr_t)brk0 && (uintptr_t)brk0 < hi)
            heap = strstr(line, " [heap]\n") != NULL;
        if (lo <= (uintptr_t)&on_stack && (uintptr_t)&on_stack < hi)
            stack = strstr(line, " [stack]\n") != NULL;
    }
    if (f)
        fclose(f);
    printf("break in [heap]: %s, stack in [stack]: %s\n", heap ? "yes" : "no", stack ? "yes" : "no");
}

int main(void)
{
    struct stat st;

    snprintf(file_path, sizeof(file_path), "/tmp/mem-maps-files-%d", (int)getpid());
    int fd = open(file_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 16 * PAGE) != 0 || fstat(fd, &st) != 0) {
        perror(file_path);
        return 2;
    }
    file_ino = st.st_ino;
    scene_files(fd);
    scene_remap(fd);
    scene_shared(fd);
    scene_heap_stack();
    return 0;
}
