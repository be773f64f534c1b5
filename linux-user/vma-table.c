/*
 * vma-table.c: the guest's mappings as a kernel's vmas would describe them
 * (see vma-table.h): a sorted array of non-overlapping GuestVma ranges,
 * split where munmap, mprotect or a new mapping cut one.  Neighbours are
 * not merged here: /proc/self/maps compares their attributes, as the
 * kernel's vma_merge does.  A process has at most a few thousand mappings,
 * so an array with memmove is enough; lookups are binary searches.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <sys/stat.h>
#include "vma-table.h"

static GuestVma *vmas;
static size_t n_vmas, vmas_cap;

/* Index of the first record ending after addr (n_vmas if none). */
static size_t first_ending_after(uint64_t addr)
{
    size_t lo = 0, hi = n_vmas;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (vmas[mid].end <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Insert v at index i; false when out of memory (the record is lost:
   /proc/self/maps then shows those pages as plain anonymous memory). */
static bool insert_at(size_t i, const GuestVma *v)
{
    if (n_vmas == vmas_cap) {
        size_t cap = vmas_cap ? 2 * vmas_cap : 64;
        GuestVma *grown = realloc(vmas, cap * sizeof(*vmas));

        if (!grown) {
            free(v->path);
            return false;
        }
        vmas = grown;
        vmas_cap = cap;
    }
    memmove(&vmas[i + 1], &vmas[i], (n_vmas - i) * sizeof(*vmas));
    vmas[i] = *v;
    n_vmas++;
    return true;
}

static void delete_at(size_t i)
{
    free(vmas[i].path);
    memmove(&vmas[i], &vmas[i + 1], (n_vmas - i - 1) * sizeof(*vmas));
    n_vmas--;
}

/* The part of v at or above addr (addr inside v). */
static void cut_below(GuestVma *v, uint64_t addr)
{
    v->offset += addr - v->start;
    v->start = addr;
}

/* A copy of v whose path the copy owns; false when out of memory. */
static bool copy_vma(GuestVma *copy, const GuestVma *v)
{
    *copy = *v;
    copy->path = v->path ? strdup(v->path) : NULL;
    return !v->path || copy->path;
}

/* Make addr a boundary between records. */
static void split_at(uint64_t addr)
{
    size_t i = first_ending_after(addr);
    GuestVma upper;

    if (i < n_vmas && vmas[i].start < addr && copy_vma(&upper, &vmas[i])) {
        vmas[i].end = addr;
        cut_below(&upper, addr);
        insert_at(i + 1, &upper);
    }
}

static void remove_range(uint64_t start, uint64_t end)
{
    size_t i;

    split_at(start);
    split_at(end);
    i = first_ending_after(start);
    while (i < n_vmas && vmas[i].start < end) {
        delete_at(i);
    }
}

static void insert(const GuestVma *v)
{
    insert_at(first_ending_after(v->start), v);
}

/* The name the kernel gives the file behind fd. */
static char *fd_path(int fd)
{
    char link[64], target[PATH_MAX];
    ssize_t n;

    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    n = readlink(link, target, sizeof(target) - 1);
    if (n < 0) {
        return NULL;
    }
    target[n] = 0;
    return strdup(target);
}

/* The kernel's accountable_mapping(): private memory that may be written
   is charged against the commit limit, and keeps VM_ACCOUNT for good. */
static int account_flag(int prot, int vma_flags)
{
    return (prot & PROT_WRITE) && !(vma_flags & (VMA_SHARED | VMA_NORESERVE))
           ? VMA_ACCOUNT : 0;
}

void vma_note_mmap(uint64_t start, uint64_t len, int prot, int flags, int fd,
                   uint64_t offset)
{
    GuestVma v = {
        .start = start, .end = start + TARGET_PAGE_ALIGN(len),
        .flags = ((flags & MAP_TYPE) != MAP_PRIVATE ? VMA_SHARED : 0)
                 | (flags & TARGET_MAP_NORESERVE ? VMA_NORESERVE : 0)
                 | (flags & MAP_GROWSDOWN ? VMA_GROWSDOWN : 0),
    };
    struct stat st;

    remove_range(v.start, v.end);
    v.flags |= account_flag(prot, v.flags);
    if (!(flags & MAP_ANONYMOUS) && fstat(fd, &st) == 0) {
        v.path = fd_path(fd);
        if (v.path) {
            v.flags |= VMA_FILE;
            v.offset = offset;
            v.dev = st.st_dev;
            v.ino = st.st_ino;
            v.file_size = st.st_size;
        }
    }
    insert(&v);
}

void vma_note_munmap(uint64_t start, uint64_t len)
{
    remove_range(start, start + TARGET_PAGE_ALIGN(len));
}

void vma_note_mprotect(uint64_t start, uint64_t len, int prot)
{
    uint64_t end = start + TARGET_PAGE_ALIGN(len);

    split_at(start);
    split_at(end);
    for (size_t i = first_ending_after(start); i < n_vmas && vmas[i].start < end; i++) {
        vmas[i].flags |= account_flag(prot, vmas[i].flags);
    }
}

void vma_note_fork_advice(uint64_t start, uint64_t end, int flag, bool set)
{
    uint64_t a = start;

    split_at(start);
    split_at(end);
    for (size_t i = first_ending_after(start); a < end; i++) {
        uint64_t next = i < n_vmas ? MIN(vmas[i].start, end) : end;

        if (set && a < next) {
            GuestVma gap = { .start = a, .end = next, .flags = flag };

            if (insert_at(i, &gap)) {
                i++;
            }
        }
        if (next == end) {
            break;
        }
        vmas[i].flags = set ? vmas[i].flags | flag : vmas[i].flags & ~flag;
        a = vmas[i].end;
    }
}

void vma_note_grown_down(uint64_t start, uint64_t new_start)
{
    size_t i = first_ending_after(start);

    if (i < n_vmas && vmas[i].start == start) {
        remove_range(new_start, start);
        vmas[first_ending_after(start)].start = new_start;
    }
}

size_t vma_ranges_with(int flag, uint64_t (**ranges)[2])
{
    size_t n = 0;

    *ranges = malloc((n_vmas + 1) * sizeof(**ranges));
    for (size_t i = 0; *ranges && i < n_vmas; i++) {
        if (vmas[i].flags & flag) {
            (*ranges)[n][0] = vmas[i].start;
            (*ranges)[n][1] = vmas[i].end;
            n++;
        }
    }
    return n;
}

void vma_note_mremap(uint64_t old_addr, uint64_t old_size, uint64_t new_size,
                     uint64_t new_addr)
{
    uint64_t old_end = old_addr + TARGET_PAGE_ALIGN(old_size);
    uint64_t new_end = new_addr + TARGET_PAGE_ALIGN(new_size);
    uint64_t kept_end = old_addr + MIN(old_end - old_addr, new_end - new_addr);
    size_t first = first_ending_after(old_addr), n_moved = 0;
    GuestVma *moved = calloc(n_vmas - first + 1, sizeof(*moved));

    /* Copies of the records that move, clipped to what survives. */
    for (size_t i = first; moved && i < n_vmas && vmas[i].start < kept_end; i++) {
        GuestVma v;

        if (!copy_vma(&v, &vmas[i])) {
            continue;
        }
        if (v.start < old_addr) {
            cut_below(&v, old_addr);
        }
        v.end = MIN(v.end, kept_end) + (new_addr - old_addr);
        v.start += new_addr - old_addr;
        moved[n_moved++] = v;
    }
    if (n_moved && new_end - new_addr > old_end - old_addr
        && moved[n_moved - 1].end == new_addr + (old_end - old_addr)) {
        moved[n_moved - 1].end = new_end;
    }
    remove_range(old_addr, old_end);
    remove_range(new_addr, new_end);
    for (size_t i = 0; i < n_moved; i++) {
        insert(&moved[i]);
    }
    free(moved);
}

const GuestVma *vma_find(uint64_t addr)
{
    size_t i = first_ending_after(addr);

    return i < n_vmas && vmas[i].start <= addr ? &vmas[i] : NULL;
}

void vma_for_each_of_file(dev_t dev, ino_t ino, void (*fn)(GuestVma *v, void *opaque),
                          void *opaque)
{
    for (size_t i = 0; i < n_vmas; i++) {
        if ((vmas[i].flags & VMA_FILE) && vmas[i].dev == dev && vmas[i].ino == ino) {
            fn(&vmas[i], opaque);
        }
    }
}

int vma_shared_aliases(target_ulong addr, target_ulong *out, int max)
{
    const GuestVma *v = vma_find(addr);
    uint64_t off;
    int n = 0;

    if (!v || (v->flags & (VMA_FILE | VMA_SHARED)) != (VMA_FILE | VMA_SHARED)) {
        return 0;
    }
    off = v->offset + ((addr & TARGET_PAGE_MASK) - v->start);
    for (size_t i = 0; i < n_vmas && n < max; i++) {
        const GuestVma *w = &vmas[i];

        if (w != v && (w->flags & (VMA_FILE | VMA_SHARED)) == (VMA_FILE | VMA_SHARED)
            && w->dev == v->dev && w->ino == v->ino
            && off >= w->offset && off - w->offset < w->end - w->start) {
            out[n++] = w->start + (off - w->offset);
        }
    }
    return n;
}
