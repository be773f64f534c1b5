/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-rlimit: the guest's own RLIMIT_AS, RLIMIT_DATA and RLIMIT_STACK.
 * getrlimit shows what the guest set; with RLIMIT_AS a few 4 KiB pages
 * above what the process maps, mmap, mremap and brk get ENOMEM exactly
 * at the limit (the emulator's own memory and reservations do not
 * count); RLIMIT_DATA counts private writable mappings only (shared and
 * read-only ones pass); an impossible limit is EINVAL.  Nothing is
 * printed until the end: stdio's buffers would change what is mapped.
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define MAX_RESULTS 64
static char results[MAX_RESULTS][80];
static int nresults;
static char maps[1 << 16];

static void note(const char *what, int failed)
{
    snprintf(results[nresults++], sizeof(results[0]), "%-44s %s", what,
             failed ? strerrorname_np(errno) : "ok");
}

/* for calls that set no errno */
static void note_ok(const char *what, int ok)
{
    snprintf(results[nresults++], sizeof(results[0]), "%-44s %s", what, ok ? "ok" : "fails");
}

static void note_map(const char *what, void *p)
{
    note(what, p == MAP_FAILED);
}

/* The process's mapped bytes from /proc/self/maps (read raw: no stdio),
   all of them or the private writable ones outside the stack. */
static unsigned long mapped(int data_only)
{
    int fd = open("/proc/self/maps", O_RDONLY);
    ssize_t n, len = 0;
    unsigned long total = 0;

    while ((n = read(fd, maps + len, sizeof(maps) - 1 - len)) > 0)
        len += n;
    close(fd);
    maps[len] = 0;
    for (char *line = maps; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : 0) {
        unsigned long lo = strtoul(line, &line, 16), hi = strtoul(line + 1, &line, 16);
        char *perms = line + 1;
        char *end = strchr(line, '\n');
        int is_stack = end && end - 7 >= line && !strncmp(end - 7, "[stack]", 7);
        int is_vsyscall = end && end - 10 >= line && !strncmp(end - 10, "[vsyscall]", 10);

        if (is_vsyscall)
            continue;
        if (!data_only || (perms[1] == 'w' && perms[3] == 'p' && !is_stack))
            total += hi - lo;
    }
    return total;
}

static const char *limit_text(rlim_t v)
{
    static char b[2][32];
    static int k;
    char *t = b[k++ % 2];

    if (v == RLIM_INFINITY)
        return "infinity";
    snprintf(t, 32, "%lu KiB", (unsigned long)(v / 1024));
    return t;
}

int main(void)
{
    struct rlimit as0, data0, stack0, r;

    getrlimit(RLIMIT_AS, &as0);
    getrlimit(RLIMIT_DATA, &data0);
    getrlimit(RLIMIT_STACK, &stack0);
    printf("RLIMIT_AS %s/%s, RLIMIT_DATA %s/%s\n", limit_text(as0.rlim_cur), limit_text(as0.rlim_max),
           limit_text(data0.rlim_cur), limit_text(data0.rlim_max));
    printf("RLIMIT_STACK %s/%s\n", limit_text(stack0.rlim_cur), limit_text(stack0.rlim_max));
    fflush(stdout);

    /* the stack limit as set */
    r = stack0;
    r.rlim_cur = 1 << 20;
    note("setrlimit RLIMIT_STACK 1 MiB", setrlimit(RLIMIT_STACK, &r));
    getrlimit(RLIMIT_STACK, &r);
    snprintf(results[nresults++], sizeof(results[0]), "RLIMIT_STACK now %s", limit_text(r.rlim_cur));
    r.rlim_cur = 2 << 20;
    r.rlim_max = 1 << 20;
    note("setrlimit soft above hard", setrlimit(RLIMIT_STACK, &r));

    /* RLIMIT_AS: 8 pages above what is mapped now.  q: 6 pages, a hole
       of 2 that no mapping of 3 pages or more fits in, 1 page. */
    unsigned char *a = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *q = mmap(NULL, 9 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(q + 6 * PAGE, 2 * PAGE);
    r = as0;
    r.rlim_cur = mapped(0) + 8 * PAGE;
    note("setrlimit RLIMIT_AS mapped + 8 pages", setrlimit(RLIMIT_AS, &r));
    note_map("mmap 9 pages", mmap(NULL, 9 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note_map("MAP_FIXED over 6 mapped and 1 free page",
             mmap(q, 7 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    note_map("mmap 5 pages", mmap(NULL, 5 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note("mremap 4 pages to 7", mremap(a, 4 * PAGE, 7 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED);
    note("mremap 4 pages to 6", (a = mremap(a, 4 * PAGE, 6 * PAGE, MREMAP_MAYMOVE)) == MAP_FAILED);
    note_map("mmap 1 page", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note_map("MAP_FIXED over 2 mapped pages", mmap(q, 2 * PAGE, PROT_READ | PROT_WRITE,
                                                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    note_map("MAP_FIXED over 7 mapped and 1 free page",
             mmap(q, 8 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    note("mremap with MREMAP_DONTUNMAP", mremap(a, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0) == MAP_FAILED);
    munmap(q + 4 * PAGE, PAGE);
    note_map("mmap 1 page after munmap of 1", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note_ok("brk one page more", syscall(SYS_brk, 0) + PAGE == (unsigned long)syscall(SYS_brk, syscall(SYS_brk, 0) + PAGE));
    note_ok("malloc 1 MiB", malloc(1 << 20) != NULL);
    note("setrlimit RLIMIT_AS back", setrlimit(RLIMIT_AS, &as0));
    note_map("mmap 9 pages afterwards", mmap(NULL, 9 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));

    /* RLIMIT_DATA: private writable pages only */
    r = data0;
    r.rlim_cur = mapped(1) + 4 * PAGE;
    note("setrlimit RLIMIT_DATA data + 4 pages", setrlimit(RLIMIT_DATA, &r));
    note_map("private writable 5 pages", mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note_map("private read-only 5 pages", mmap(NULL, 5 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note_map("shared writable 5 pages", mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    note_map("private writable 4 pages", mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note_map("private writable 1 page more", mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    note_ok("brk one page more", syscall(SYS_brk, 0) + PAGE == (unsigned long)syscall(SYS_brk, syscall(SYS_brk, 0) + PAGE));
    note("setrlimit RLIMIT_DATA back", setrlimit(RLIMIT_DATA, &data0));
    note_map("private writable 1 page afterwards", mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));

    for (int i = 0; i < nresults; i++)
        puts(results[i]);
    return 0;
}
