/*
 * procfs-maps.c: the guest's /proc/self/maps, as a 4 KiB Linux kernel
 * would print it for the guest's address space.
 *
 * The page map says, per 4 KiB guest page, whether it is mapped, with which
 * protection and how it is backed; the file each file mapping came from,
 * and the vma flags that keep neighbours apart, are in vma-table.c
 * (recorded at mmap time: under a large host page the host mapping may be
 * a private copy).  The host's own
 * /proc/self/maps serves twice: its ranges bound the walk over the page
 * map (guest pages live only where the host has a mapping), and it names
 * what the guest shares with the host kernel and has no record of (SysV
 * shared memory, shared anonymous memory), found at the address where the
 * page's bytes really are (page_home).
 *
 * Consecutive pages become one line when a kernel would keep them in one
 * vma: same protection, same sharing, same vma flags, same file with
 * contiguous offsets (or both anonymous).  Nothing of the emulator's own memory is shown.
 */
#include "qemu/osdep.h"
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "vma-table.h"
#include "procfs.h"

/* One line of the host's /proc/self/maps. */
typedef struct HostMap {
    uint64_t start, end, offset, ino;
    unsigned major, minor;
    char *name;                 /* "" for none */
} HostMap;

typedef struct HostMaps {
    HostMap *lines;
    size_t n;
} HostMaps;

/* What the kernel would print for a run of guest pages. */
typedef struct MapsLine {
    uint64_t start, end, offset, ino;
    unsigned major, minor;
    int prot;
    bool shared;
    int vma_flags;              /* those that keep the kernel from merging vmas */
    const GuestVma *record;     /* the file's record, or NULL */
    const HostMap *host;        /* or the host mapping naming it, or NULL */
} MapsLine;

static bool read_host_maps(HostMaps *hm)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char *line = NULL;
    size_t line_cap = 0, cap = 0;

    hm->lines = NULL;
    hm->n = 0;
    if (!f) {
        return false;
    }
    while (getline(&line, &line_cap, f) > 0) {
        HostMap m;
        int name_at = 0;

        if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %*s %" SCNx64 " %x:%x %" SCNu64 " %n",
                   &m.start, &m.end, &m.offset, &m.major, &m.minor, &m.ino,
                   &name_at) < 6 || !name_at) {
            continue;
        }
        line[strcspn(line, "\n")] = 0;
        if (hm->n == cap) {
            HostMap *grown = realloc(hm->lines, (cap = cap ? 2 * cap : 256) * sizeof(m));

            if (!grown) {
                break;
            }
            hm->lines = grown;
        }
        m.name = strdup(line + name_at);
        if (!m.name) {
            break;
        }
        hm->lines[hm->n++] = m;
    }
    free(line);
    fclose(f);
    return true;
}

static void free_host_maps(HostMaps *hm)
{
    for (size_t i = 0; i < hm->n; i++) {
        free(hm->lines[i].name);
    }
    free(hm->lines);
}

static const HostMap *host_map_at(const HostMaps *hm, uint64_t addr)
{
    size_t lo = 0, hi = hm->n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (hm->lines[mid].end <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < hm->n && hm->lines[lo].start <= addr ? &hm->lines[lo] : NULL;
}

/*
 * The guest page at addr (valid, with flags) as a line, stretched over the
 * pages after it up to run_end (which have the same flags) as far as they
 * are described alike without looking at each: to the end of the record,
 * for pages described from their record.  (So a huge mapping costs a line,
 * not a step per page.)
 */
static MapsLine describe_pages(const HostMaps *hm, uint64_t addr, int flags,
                               uint64_t run_end)
{
    const GuestVma *vma = vma_find(addr);
    MapsLine l = {
        .start = addr, .end = vma ? MIN(run_end, vma->end) : addr + TARGET_PAGE_SIZE,
        .prot = flags & PAGE_BITS, .shared = flags & PAGE_FILE_SHARED,
        .vma_flags = vma ? vma->flags & (VMA_ACCOUNT | VMA_NORESERVE | VMA_WIPEONFORK
                                         | VMA_DONTFORK | VMA_GROWSDOWN) : 0,
    };

    if (vma && (vma->flags & VMA_FILE) && !(flags & PAGE_ANON)) {
        l.record = vma;
        l.shared = vma->flags & VMA_SHARED;
        l.offset = vma->offset + (addr - vma->start);
        l.major = major(vma->dev);
        l.minor = minor(vma->dev);
        l.ino = vma->ino;
    } else if (flags & (PAGE_FILE_PRIV | PAGE_FILE_SHARED)) {
        /* Shared memory the host kernel keeps (or a file we have no
           record of): the host mapping where the bytes are names it. */
        uintptr_t home = (uintptr_t)page_home(addr);
        const HostMap *h = host_map_at(hm, home);

        l.end = addr + TARGET_PAGE_SIZE;
        if (h && h->ino) {
            l.host = h;
            l.offset = h->offset + (home - h->start);
            l.major = h->major;
            l.minor = h->minor;
            l.ino = h->ino;
        }
    }
    return l;
}

/* Whether a kernel would keep page p in the same vma as run r before it.
   The brk area is a vma of its own, also where it meets the bss. */
static bool continues(const MapsLine *r, const MapsLine *p)
{
    abi_ulong start_brk, brk;

    target_brk_range(&start_brk, &brk);
    return r->end == p->start && p->start != start_brk
           && r->prot == p->prot && r->shared == p->shared
           && r->vma_flags == p->vma_flags
           && r->ino == p->ino && r->major == p->major && r->minor == p->minor
           && (!r->ino || r->offset + (r->end - r->start) == p->offset);
}

/* The file name of a run: the host's current name for the file when the
   host maps it anywhere (it follows renames and deletion), else the name
   recorded at mmap time, marked deleted when that name is gone. */
static void print_file_name(FILE *out, const HostMaps *hm, const MapsLine *l)
{
    const char *name = l->host ? l->host->name : NULL;
    bool deleted = false;

    for (size_t i = 0; !name && i < hm->n; i++) {
        const HostMap *h = &hm->lines[i];

        if (h->ino == l->ino && h->major == l->major && h->minor == l->minor
            && *h->name) {
            name = h->name;
        }
    }
    if (!name) {
        struct stat st;
        const char *suffix = " (deleted)";
        size_t len = strlen(l->record->path), slen = strlen(suffix);

        name = l->record->path;
        deleted = (len < slen || strcmp(name + len - slen, suffix) != 0)
                  && (stat(name, &st) != 0 || st.st_ino != l->record->ino
                      || st.st_dev != l->record->dev);
    }
    /* seq_file_path escapes newlines */
    for (; *name; name++) {
        if (*name == '\n') {
            fputs("\\012", out);
        } else {
            fputc(*name, out);
        }
    }
    if (deleted) {
        fputs(" (deleted)", out);
    }
}

/* The kernel's names for anonymous vmas: the one overlapping the brk
   area (not the bss that ends where it starts: vma_is_initial_heap), the
   one holding the initial stack pointer, and x86_64's vsyscall page. */
static const char *anon_name(const MapsLine *l)
{
    abi_ulong start_brk, brk;
    TaskState *ts = thread_cpu->opaque;

#ifdef TARGET_VSYSCALL_PAGE
    if (l->start == TARGET_VSYSCALL_PAGE) {
        return "[vsyscall]";
    }
#endif
    target_brk_range(&start_brk, &brk);
    if (l->start < brk && l->end > start_brk) {
        return "[heap]";
    }
    if (l->start <= ts->info->start_stack && l->end >= ts->info->start_stack) {
        return "[stack]";
    }
    return NULL;
}

/*
 * One line in the kernel's format (fs/proc/task_mmu.c): addresses and
 * offset in at least 8 hex digits, device in 2, the inode in decimal, then
 * a space; a name is padded to start in column 73.
 */
static void print_line(FILE *out, const HostMaps *hm, const MapsLine *l)
{
    const char *special = l->ino ? NULL : anon_name(l);
    int len = fprintf(out, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64
                      " %02x:%02x %" PRIu64 " ", l->start, l->end,
                      l->prot & PAGE_READ ? 'r' : '-', l->prot & PAGE_WRITE ? 'w' : '-',
                      l->prot & PAGE_EXEC ? 'x' : '-', l->shared ? 's' : 'p',
                      l->ino ? l->offset : 0, l->major, l->minor, l->ino);

    if (l->ino || special) {
        fprintf(out, "%*s", MAX(72 - len, 0) + 1, "");
        if (special) {
            fputs(special, out);
        } else {
            print_file_name(out, hm, l);
        }
    }
    fputc('\n', out);
}

void procfs_write_maps(FILE *out)
{
    uint64_t window_end = guest_space_end();
    MapsLine run = { 0 };
    bool have_run = false;
    HostMaps hm;

    mmap_lock();
    if (read_host_maps(&hm)) {
        for (size_t i = 0; i < hm.n; i++) {
            const HostMap *h = &hm.lines[i];
            uint64_t start, end;

            if (h->end <= guest_base) {
                continue;
            }
            start = MAX(h->start, guest_base) - guest_base;
            end = MIN(h->end - guest_base, window_end);
            /* (the reserved window is one host line: skip its holes) */
            for (uint64_t a = page_find_flags(start, end, PAGE_VALID), run_end; a < end;
                 a = page_find_flags(run_end, end, PAGE_VALID)) {
                int flags = page_flags_run(a, end, &run_end);
                MapsLine page = describe_pages(&hm, a, flags, run_end);

                run_end = page.end;
                if (have_run && continues(&run, &page)) {
                    run.end = page.end;
                    continue;
                }
                if (have_run) {
                    print_line(out, &hm, &run);
                }
                run = page;
                have_run = true;
            }
        }
        if (have_run) {
            print_line(out, &hm, &run);
        }
#ifdef TARGET_VSYSCALL_PAGE
        {
            const MapsLine vsyscall = {
                .start = TARGET_VSYSCALL_PAGE, .end = TARGET_VSYSCALL_PAGE + TARGET_PAGE_SIZE,
                .prot = PAGE_EXEC,
            };
            print_line(out, &hm, &vsyscall);
        }
#endif
        free_host_maps(&hm);
    }
    mmap_unlock();
}
