/*
 * mremap.c: the guest's mremap.  A mapping that owns its host pages (it
 * starts on an H boundary and nothing else lives in its last host page) is
 * grown or moved by the host's mremap, keeping its backing.  A redirected
 * mapping (exec/shdwrt.h: shared, or private in the builds that redirect
 * those) is grown or moved by redirecting the new pages to the same object;
 * a private one's written pages carry their bytes along.  Another mapping that shares host pages with
 * others (only when H > 4 KiB) is grown by mapping anonymous memory after
 * it, or moved by copying; a shared file mapping there is grown or moved
 * by mapping the file again (remap_shared_file); file data beyond a
 * private mapping's old end reads as zeros (see docs/devel/memory.md).
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include "qemu/log.h"
#include "qemu/own-fd.h"
#include <sys/stat.h>
#include "exec/shdwrt.h"
#include "mmap-internal.h"
#include "vma-table.h"

/*
 * Whether [start, end) lies in what Linux would hold as one mapping (its
 * mremap moves or grows only that): valid throughout, one protection and
 * one kind of backing, and for a file, one record of the file.
 */
static bool one_mapping(uint64_t start, uint64_t end)
{
    const int kind = PAGE_VALID | PAGE_BITS | PAGE_ANON | PAGE_FILE_PRIV | PAGE_FILE_SHARED;
    int first = page_get_flags(start) & kind;

    for (uint64_t a = start, run_end; a < end; a = run_end) {
        if ((page_flags_run(a, end, &run_end) & kind) != first) {
            return false;
        }
    }
    return (first & PAGE_VALID)
           && (!(first & (PAGE_FILE_PRIV | PAGE_FILE_SHARED))
               || vma_find(start) == vma_find(end - 1));
}

/* Whether the host may move or grow the mapping's host pages as they are:
   it starts on an H boundary, nothing else lives in its last host page, and
   its bytes are in bound (no shadowed host page). */
static bool owns_host_pages(uint64_t start, uint64_t end)
{
    return (start & ~qemu_host_page_mask) == 0
           && !(flags_union(end, HOST_PAGE_ALIGN(end)) & PAGE_VALID)
           && !(flags_union(start, end) & PAGE_SHADOWED);
}

typedef struct RedirectedObject {
    int fd;             /* the window's own descriptor, or -1: memory at home */
    off_t offset;       /* of the first page */
    int map_flags;
    uint64_t start, end; /* fd -1: the guest pages showing the memory now */
} RedirectedObject;

static bool same_file(int a, int b)
{
    struct stat sa, sb;

    return fstat(a, &sa) == 0 && fstat(b, &sb) == 0
           && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether every page of [start, end) is redirected to one file (or memfd)
   at consecutive offsets; then o says which. */
static bool redirected_object(uint64_t start, uint64_t end, RedirectedObject *o)
{
    RedirectedObject page;

    if (!redirect_file_of(start, &o->fd, &o->offset, &o->map_flags) || o->fd < 0) {
        return false;
    }
    o->start = o->end = 0;
    for (uint64_t a = start + TARGET_PAGE_SIZE; a < end; a += TARGET_PAGE_SIZE) {
        if (!redirect_file_of(a, &page.fd, &page.offset, &page.map_flags)
            || page.offset != o->offset + (off_t)(a - start)
            || (page.fd != o->fd && !same_file(page.fd, o->fd))) {
            return false;
        }
    }
    return true;
}

/*
 * Whether [start, end) is shared anonymous memory without a file to map
 * again (in bound, or in windows of host memory): a second host mapping of
 * the bytes its pages live in is the same memory, wherever the guest wants
 * it (redirect_alias).  Not in --shdwrt=none, which makes no windows for
 * writable shared memory.
 */
static bool shared_memory(uint64_t start, uint64_t end, RedirectedObject *o)
{
    const int shared_anon = PAGE_VALID | PAGE_ANON | PAGE_FILE_SHARED;

    if (!shdwrt_enabled()) {
        return false;
    }
    for (uint64_t a = start, run_end; a < end; a = run_end) {
        if ((page_flags_run(a, end, &run_end) & shared_anon) != shared_anon) {
            return false;
        }
    }
    *o = (RedirectedObject){ .fd = -1, .map_flags = MAP_SHARED, .start = start, .end = end };
    return true;
}

/* Redirect [at, at + len) to the memory o's pages show from guest page
   from on, one window per run of pages whose homes are consecutive; pages
   past o's end continue its last page's memory (past the memory's end
   they give SIGBUS, as the kernel's growth of shared memory does). */
static int alias_again(uint64_t at, uint64_t len, const RedirectedObject *o, uint64_t from)
{
    uint64_t last = o->end - TARGET_PAGE_SIZE;

    for (uint64_t off = 0, run; off < len; off += run) {
        uint8_t *home = from + off <= last ? (uint8_t *)page_home(from + off)
                                           : (uint8_t *)page_home(last) + (from + off - last);
        int ret;

        for (run = TARGET_PAGE_SIZE; off + run < len; run += TARGET_PAGE_SIZE) {
            if (from + off + run >= o->end) {
                run = len - off;
                break;
            }
            if ((uint8_t *)page_home(from + off + run) != home + run) {
                break;
            }
        }
        ret = redirect_alias(at + off, at + off + run, home);
        if (ret) {
            return ret;
        }
    }
    return 0;
}

/* Redirect [at, at + len) to o from offset: the same shared memory seen at
   another place.  Shared anonymous memory (a memfd) grows with it, as the
   kernel's does; a file does not (pages past its end give SIGBUS). */
static int redirect_again(uint64_t at, uint64_t len, const RedirectedObject *o,
                          off_t offset, int flags)
{
    struct stat st;

    if (o->fd < 0) {
        return alias_again(at, len, o, o->start + (offset - o->offset));
    }
    if ((flags & PAGE_ANON) && fstat(o->fd, &st) == 0
        && st.st_size < offset + (off_t)len && ftruncate(o->fd, offset + len) != 0) {
        return -errno;
    }
    return redirect_map(at, at + len, flags & PAGE_BITS, o->map_flags, o->fd, offset);
}

static bool is_file(int fd, const GuestVma *v)
{
    struct stat st;

    return fstat(fd, &st) == 0 && st.st_dev == v->dev && st.st_ino == v->ino;
}

/*
 * A descriptor of the file a shared mapping shows, among the emulator's own
 * (close-on-exec, out of the guest's numbers): a guest descriptor of the
 * same file, dup'd, so that its access mode is the one the guest mapped
 * with; else the path the mapping was made from.  -1 when neither reaches
 * the file (the guest closed it and it has no name left).
 */
static int shared_file_fd(const GuestVma *v)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int fd = -1;

    while (d && fd < 0 && (e = readdir(d)) != NULL) {
        int n = atoi(e->d_name);

        if (e->d_name[0] != '.' && n != dirfd(d) && !own_fd_is(n) && is_file(n, v)) {
            fd = fcntl(n, F_DUPFD_CLOEXEC, OWN_FD_MIN);
        }
    }
    if (d) {
        closedir(d);
    }
    if (fd < 0 && v->path) {
        fd = open(v->path, O_RDWR | O_CLOEXEC);
        if (fd < 0) {
            fd = open(v->path, O_RDONLY | O_CLOEXEC);
        }
        if (fd >= 0 && !is_file(fd, v)) {
            close(fd);
            fd = -1;
        }
    }
    return fd;
}

/*
 * [start, start + len) mapped, MAP_FIXED when fixed (else anywhere), from
 * the shared file mapping at old_addr onwards: offset old_addr's plus skip.
 * The host cannot move or grow host pages that hold other mappings too, but
 * a shared mapping's bytes are the file's, so mapping the file again is
 * what the kernel's move or growth amounts to (do_mmap places it directly
 * or through the build's strategy).
 */
static abi_long remap_shared_file(uint64_t old_addr, uint64_t skip, uint64_t start,
                                  uint64_t len, bool fixed)
{
    const GuestVma *v = vma_find(old_addr);
    abi_long at;
    int fd;

    if (!v || (v->flags & (VMA_FILE | VMA_SHARED)) != (VMA_FILE | VMA_SHARED)
        || (fd = shared_file_fd(v)) < 0) {
        return -EINVAL;
    }
    at = do_mmap(start, len, page_get_flags(old_addr) & PAGE_BITS,
                 MAP_SHARED | (fixed ? MAP_FIXED : 0), fd,
                 v->offset + (old_addr - v->start) + skip);
    close(fd);
    return at;
}

/* Give the pages at to the flags of the pages at from. */
static void copy_page_flags(uint64_t from, uint64_t to, uint64_t len)
{
    for (uint64_t off = 0; off < len; off += TARGET_PAGE_SIZE) {
        page_set_flags(to + off, to + off + TARGET_PAGE_SIZE,
                       page_get_flags(from + off));
    }
}

/*
 * Pages between the old end and the old host end were part of the host
 * mapping but not of the guest's: a private anonymous mapping growing over
 * them must show zeros, not what an earlier munmap left there.  (Shared
 * memory shows its own bytes there again, as the kernel's growth does.)
 */
static int clear_stale_tail(uint64_t old_end, uint64_t new_end, int last_flags)
{
    uint64_t stale_end = MIN(new_end, HOST_PAGE_ALIGN(old_end));
    abi_long ret;

    if (stale_end <= old_end || (last_flags & (PAGE_ANON | PAGE_FILE_SHARED)) != PAGE_ANON) {
        return 0;
    }
    ret = do_mmap(old_end, stale_end - old_end, last_flags & PAGE_BITS,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return target_mmap_failed(ret) ? ret : 0;
}

/* The flags of [from, to), which the host's mremap grew a mapping by: its
   last page's.  The whole new host pages of a private file mapping show
   the file until their first write (file_view_flag), whether or not the
   last page's host page was written. */
static void set_grown_flags(uint64_t from, uint64_t to, int last_flags)
{
    uint64_t whole = HOST_PAGE_ALIGN(from);

    page_set_flags(from, to, last_flags);
    if ((last_flags & PAGE_FILE_PRIV) && whole < to) {
        page_set_flags(whole, to, last_flags | file_view_flag());
    }
}

static int grow_in_place(uint64_t addr, uint64_t old_size, uint64_t new_size)
{
    uint64_t old_end = addr + old_size, new_end = addr + new_size;
    uint64_t old_hend = HOST_PAGE_ALIGN(old_end), new_hend = HOST_PAGE_ALIGN(new_end);
    RedirectedObject o;
    int last_flags;
    abi_long ret;

    /* The grown pages take the flags of the last page. */
    last_flags = page_get_flags(old_end - TARGET_PAGE_SIZE);
    if (owns_host_pages(addr, old_end)
        && !(flags_union(new_end, new_hend) & PAGE_VALID)) {
        if (new_hend > old_hend) {
            /* The host grows a mapping in place only over unmapped space. */
            if (guest_window_reserved()) {
                hp_munmap(g2h(old_hend), new_hend - old_hend);
            }
            if (hp_mremap(g2h(addr), old_hend - addr, new_hend - addr, 0, NULL)
                == MAP_FAILED) {
                if (guest_window_reserved()) {
                    host_release(old_hend, new_hend);
                }
                return -ENOMEM;
            }
        }
        ret = clear_stale_tail(old_end, new_end, last_flags);
        if (ret) {
            return ret;
        }
        set_grown_flags(old_end, new_end, last_flags);
        return page_map_sync(old_end, new_end);
    }
    if (redirected_object(addr, old_end, &o) || shared_memory(addr, old_end, &o)) {
        if (claim_host_range(old_end, new_end) != 0
            || redirect_again(old_end, new_end - old_end, &o, o.offset + old_size,
                              last_flags) != 0) {
            return -ENOMEM;
        }
        page_set_flags(old_end, new_end, last_flags);
        return page_map_sync(old_end, new_end);
    }
    if ((last_flags & (PAGE_ANON | PAGE_FILE_SHARED)) == PAGE_FILE_SHARED) {
        ret = remap_shared_file(addr, old_size, old_end, new_end - old_end, true);
        return target_mmap_failed(ret) ? -ENOMEM : 0;
    }
    if ((last_flags & (PAGE_ANON | PAGE_FILE_SHARED)) != PAGE_ANON) {
        return -ENOMEM;
    }
    ret = do_mmap(old_end, new_end - old_end, last_flags & PAGE_BITS,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return target_mmap_failed(ret) ? ret : 0;
}

/* Move with the host's mremap; dest is 0 when we choose it. */
static abi_long move_host_pages(uint64_t old_addr, uint64_t old_size,
                                uint64_t new_size, uint64_t dest, int last_flags)
{
    uint64_t old_hlen = HOST_PAGE_ALIGN(old_addr + old_size) - old_addr;
    uint64_t new_hlen = HOST_PAGE_ALIGN(new_size);
    uint64_t moved = MIN(old_size, new_size);
    int ret;

    if (!dest) {
        dest = find_free_range(0, new_hlen, false);
        if (dest == (abi_ulong)-1) {
            return -ENOMEM;
        }
    } else if ((ret = claim_host_range(dest, dest + new_hlen)) != 0) {
        return ret;
    }
    if (hp_mremap(g2h(old_addr), old_hlen, new_hlen, MREMAP_MAYMOVE | MREMAP_FIXED,
                  g2h(dest)) == MAP_FAILED) {
        ret = -errno;
        host_release(dest, dest + new_hlen);
        return ret;
    }
    if (guest_window_reserved()) {
        host_release(old_addr, old_addr + old_hlen);
    }
    copy_page_flags(old_addr, dest, moved);
    page_set_flags(old_addr, old_addr + old_size, 0);
    if (new_size > old_size) {
        ret = clear_stale_tail(dest + old_size, dest + new_size, last_flags);
        if (ret) {
            return ret;
        }
        set_grown_flags(dest + old_size, dest + new_size, last_flags);
    }
    ret = page_map_sync(dest, dest + new_size);
    return ret ? ret : (abi_long)dest;
}

/* The pages of a private mapping written since mapped (they left the file
   for their copies) keep their bytes at the new place. */
static void carry_copies(uint64_t from, uint64_t to, uint64_t len)
{
    for (uint64_t off = 0; off < len; off += TARGET_PAGE_SIZE) {
        int old = page_get_flags(from + off);

        if ((old & (PAGE_REDIRECTED | PAGE_COPY_ON_WRITE)) == PAGE_REDIRECTED
            && (page_get_flags(to + off) & PAGE_COPY_ON_WRITE)) {
            redirect_copy_on_write(to + off);
            memcpy(page_home(to + off), page_home(from + off), TARGET_PAGE_SIZE);
        }
    }
}

/* Move a redirected mapping: the new place is redirected to the same
   object; dest is 0 when we choose it. */
static abi_long move_redirected(uint64_t old_addr, uint64_t old_size, uint64_t new_size,
                                uint64_t dest, int last_flags, const RedirectedObject *o)
{
    uint64_t moved = MIN(old_size, new_size);
    int ret;

    if (!dest) {
        dest = find_free_range(0, HOST_PAGE_ALIGN(new_size), false);
        if (dest == (abi_ulong)-1) {
            return -ENOMEM;
        }
    } else if ((ret = claim_host_range(dest, dest + new_size)) != 0) {
        return ret;
    }
    ret = redirect_again(dest, new_size, o, o->offset, last_flags);
    if (ret) {
        return ret;
    }
    copy_page_flags(old_addr, dest, moved);
    carry_copies(old_addr, dest, moved);
    if (new_size > old_size) {
        page_set_flags(dest + old_size, dest + new_size, last_flags);
    }
    ret = page_map_sync(dest, dest + new_size);
    if (ret) {
        return ret;
    }
    do_munmap(old_addr, old_size);
    return dest;
}

/* Move by copying into new anonymous memory; dest is 0 when we choose it. */
static abi_long move_by_copy(uint64_t old_addr, uint64_t old_size,
                             uint64_t new_size, uint64_t dest, int last_flags)
{
    uint64_t moved = MIN(old_size, new_size);
    abi_long at;

    if (flags_union(old_addr, old_addr + old_size) & PAGE_FILE_SHARED) {
        return -EINVAL;
    }
    at = do_mmap(dest, new_size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | (dest ? MAP_FIXED : 0), -1, 0);
    if (target_mmap_failed(at)) {
        return at;
    }
    copy_guest_pages(at, old_addr, moved);
    copy_page_flags(old_addr, at, moved);
    if (new_size > old_size) {
        page_set_flags(at + old_size, at + new_size, last_flags);
    }
    page_map_sync(old_addr, old_addr + old_size);
    page_map_sync(at, at + new_size);
    do_munmap(old_addr, old_size);
    return at;
}

static abi_long move_mapping(uint64_t old_addr, uint64_t old_size,
                             uint64_t new_size, uint64_t dest)
{
    uint64_t old_end = old_addr + old_size;
    RedirectedObject o;
    int last_flags;
    abi_long ret;

    /* The pages change address: translated code made from them goes. */
    last_flags = page_get_flags(old_end - TARGET_PAGE_SIZE);
    if (flags_union(old_addr, old_end) & PAGE_EXEC) {
        tb_invalidate_phys_range(old_addr, old_end);
    }
    if (dest) {
        do_munmap(dest, new_size);
    }
    if (redirected_object(old_addr, old_end, &o)) {
        return move_redirected(old_addr, old_size, new_size, dest, last_flags, &o);
    }
    if (owns_host_pages(old_addr, old_end)
        && (dest & ~qemu_host_page_mask) == 0
        && !(flags_union(dest + new_size, HOST_PAGE_ALIGN(dest + new_size)) & PAGE_VALID)) {
        ret = move_host_pages(old_addr, old_size, new_size, dest, last_flags);
        /* (EFAULT: the guest mapping is pieced together from several host
           mappings, as a MREMAP_DONTUNMAP leaves it; the host's mremap
           moves one only) */
        if (ret != -ENOMEM && ret != -EFAULT) {
            return ret;
        }
    }
    if (shared_memory(old_addr, old_end, &o)) {
        return move_redirected(old_addr, old_size, new_size, dest, last_flags, &o);
    }
    if ((last_flags & (PAGE_ANON | PAGE_FILE_SHARED)) == PAGE_FILE_SHARED) {
        ret = remap_shared_file(old_addr, 0, dest, new_size, dest != 0);
        if (!target_mmap_failed(ret)) {
            do_munmap(old_addr, old_size);
        }
        return ret;
    }
    return move_by_copy(old_addr, old_size, new_size, dest, last_flags);
}

static abi_long alias_shared(uint64_t old_addr, uint64_t size, unsigned long flags,
                             uint64_t dest);

/*
 * MREMAP_DONTUNMAP: the pages move, and the old range stays mapped with the
 * same protection.  Private anonymous memory reads as new zero pages there;
 * shared memory (Linux 5.13 on) is still itself there, so the move is a
 * second view of it.  Private file mappings (also 5.13 on) would need the
 * file to map the old range again: EINVAL, the older kernels' answer.
 */
static abi_long move_dont_unmap(uint64_t old_addr, uint64_t size, uint64_t dest)
{
    int *prot;
    abi_long at;

    if (flags_union(old_addr, old_addr + size) & PAGE_FILE_SHARED) {
        return alias_shared(old_addr, size, MREMAP_MAYMOVE | (dest ? MREMAP_FIXED : 0), dest);
    }
    prot = g_new(int, size / TARGET_PAGE_SIZE);
    for (uint64_t off = 0; off < size; off += TARGET_PAGE_SIZE) {
        int flags = page_get_flags(old_addr + off);

        if ((flags & (PAGE_ANON | PAGE_FILE_SHARED)) != PAGE_ANON) {
            g_free(prot);
            return -EINVAL;
        }
        prot[off / TARGET_PAGE_SIZE] = flags & PAGE_BITS;
    }
    at = move_mapping(old_addr, size, size, dest);
    for (uint64_t off = 0; !target_mmap_failed(at) && off < size; off += TARGET_PAGE_SIZE) {
        abi_long ret = do_mmap(old_addr + off, TARGET_PAGE_SIZE, prot[off / TARGET_PAGE_SIZE],
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

        if (target_mmap_failed(ret)) {
            at = ret;
        }
    }
    g_free(prot);
    return at;
}

/* Give back the host pages of [start, end) that hold no guest page (a
   claim_host_range the call could not use: the others keep their pages). */
static void release_free_host_pages(uint64_t start, uint64_t end)
{
    for (uint64_t h = start & qemu_host_page_mask; h < end; h += qemu_host_page_size) {
        if (!(flags_union(h, h + qemu_host_page_size) & PAGE_VALID)) {
            host_release(h, h + qemu_host_page_size);
        }
    }
}

/*
 * mremap with old size 0: a second mapping of the shared pages at old_addr.
 * The host makes it (the same shared memory, never a copy) in bound when
 * the pages are in bound and both addresses and the size are whole host
 * pages; elsewhere the new pages are redirected to the same object (a
 * file's window, or a second host mapping of shared anonymous memory:
 * shared_memory).  Other shared file pages get EINVAL.
 */
static abi_long alias_shared(uint64_t old_addr, uint64_t size, unsigned long flags,
                             uint64_t dest)
{
    uint64_t hsize = HOST_PAGE_ALIGN(size);
    int old_flags = page_get_flags(old_addr);
    RedirectedObject o;
    int ret;

    if (!(flags & MREMAP_MAYMOVE) || !(old_flags & PAGE_VALID)
        || !(old_flags & PAGE_FILE_SHARED)) {
        return -EINVAL;
    }
    if (!(flags & MREMAP_FIXED)) {
        dest = find_free_range(0, hsize, false);
        if (dest == (abi_ulong)-1) {
            return -ENOMEM;
        }
    } else {
        do_munmap(dest, size);
        ret = claim_host_range(dest, dest + hsize);
        if (ret) {
            return ret;
        }
    }
    if (!((old_addr | dest | size) & ~qemu_host_page_mask)
        && !(flags_union(old_addr, old_addr + hsize) & PAGE_SHADOWED)
        && hp_mremap(g2h(old_addr), 0, hsize, MREMAP_MAYMOVE | MREMAP_FIXED,
                     g2h(dest)) != MAP_FAILED) {
        /* in bound */
    } else if (redirected_object(old_addr, old_addr + size, &o)
               || shared_memory(old_addr, old_addr + size, &o)) {
        ret = redirect_again(dest, size, &o, o.offset, old_flags);
        if (ret) {
            release_free_host_pages(dest, dest + hsize);
            return ret;
        }
    } else {
        release_free_host_pages(dest, dest + hsize);
        return -EINVAL;
    }
    for (uint64_t off = 0; off < size; off += TARGET_PAGE_SIZE) {
        page_set_flags(dest + off, dest + off + TARGET_PAGE_SIZE,
                       page_get_flags(old_addr + off));
    }
    ret = page_map_sync(dest, dest + size);
    return ret ? ret : (abi_long)dest;
}

static abi_long do_mremap(uint64_t old_addr, uint64_t old_size, uint64_t new_size,
                          unsigned long flags, uint64_t new_addr)
{
    uint64_t old_end;

    if ((old_addr & ~TARGET_PAGE_MASK)
        || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        || ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE))
        || ((flags & MREMAP_DONTUNMAP) && old_size != new_size)) {
        return -EINVAL;
    }
    old_size = TARGET_PAGE_ALIGN(old_size);
    new_size = TARGET_PAGE_ALIGN(new_size);
    if (new_size == 0 || (old_size == 0 && (flags & MREMAP_DONTUNMAP))) {
        return -EINVAL;
    }
    /* A destination is judged before the old range is looked at
       (check_mremap_params): its alignment when one is given (MREMAP_FIXED,
       or MREMAP_DONTUNMAP's hint), and a fixed one's range and no overlap
       (in a form no size can wrap). */
    if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && (new_addr & ~TARGET_PAGE_MASK)) {
        return -EINVAL;
    }
    if ((flags & MREMAP_FIXED)
        && (new_size > guest_space_end()
            || new_addr > guest_space_end() - new_size
            || (new_addr >= old_addr ? new_addr - old_addr < old_size
                                     : old_addr - new_addr < new_size))) {
        return -EINVAL;
    }
    if (old_size == 0) {
        return alias_shared(old_addr, new_size, flags, new_addr);
    }
    if (!(page_get_flags(old_addr) & PAGE_VALID)) {
        return -EFAULT;
    }
    if (!(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && new_size <= old_size) {
        /* As Linux: only the first page need be mapped to shrink; the tail
           goes as munmap would take it, holes and all, and munmap's error
           (a tail past the address space) is mremap's. */
        int ret = new_size < old_size ? do_munmap(old_addr + new_size, old_size - new_size) : 0;

        return ret ? ret : (abi_long)old_addr;
    }
    old_end = old_addr + old_size;
    if (old_size > guest_space_end() || old_end > guest_space_end()
        || !one_mapping(old_addr, old_end)) {
        return -EFAULT;
    }
    if (flags & MREMAP_FIXED) {
        if (new_addr < mmap_min_addr) {
            return -EINVAL;
        }
        if (flags & MREMAP_DONTUNMAP) {
            return move_dont_unmap(old_addr, old_size, new_addr);
        }
        return move_mapping(old_addr, old_size, new_size, new_addr);
    }
    if (flags & MREMAP_DONTUNMAP) {
        /* new_addr is a hint, taken where it is free (get_unmapped_area) */
        bool hint_free = new_addr >= mmap_min_addr && new_addr <= guest_space_end() - new_size
                         && !(flags_union(new_addr, new_addr + new_size) & PAGE_VALID);

        return move_dont_unmap(old_addr, old_size, hint_free ? new_addr : 0);
    }
    if (old_addr + new_size <= guest_space_end()
        && !(flags_union(old_end, old_addr + new_size) & PAGE_VALID)
        && grow_in_place(old_addr, old_size, new_size) == 0) {
        return old_addr;
    }
    if (!(flags & MREMAP_MAYMOVE)) {
        return -ENOMEM;
    }
    return move_mapping(old_addr, old_size, new_size, 0);
}

abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size,
                       abi_ulong new_size, unsigned long flags,
                       abi_ulong new_addr)
{
    abi_long ret;

    mmap_lock();
    ret = do_mremap(old_addr, old_size, new_size, flags, new_addr);
    if (!target_mmap_failed(ret)) {
        vma_note_mremap(old_addr, old_size, new_size, (abi_ulong)ret);
    }
    mmap_unlock();
    qemu_log_mask(CPU_LOG_PAGE, "mremap: old=0x" TARGET_ABI_FMT_lx " old_size=0x"
                  TARGET_ABI_FMT_lx " new_size=0x" TARGET_ABI_FMT_lx
                  " flags=0x%lx new=0x" TARGET_ABI_FMT_lx " -> 0x" TARGET_ABI_FMT_lx "\n",
                  old_addr, old_size, new_size, flags, new_addr, (abi_ulong)ret);
    return ret;
}
