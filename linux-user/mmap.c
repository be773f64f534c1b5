/*
 * mmap.c: the guest's mmap, munmap and mprotect, with Linux semantics at
 * the 4 KiB guest page, over host pages of H bytes (qemu/hostpage.h).
 *
 * When H > 4 KiB one host page may hold guest pages of several mappings: a
 * fragment.  As in QEMU, a fragment's private content is materialised (file
 * data read in, anonymous data zeroed), in the host page or, when the page
 * map shadowed it, at the pages' out-of-bound homes; the page map derives
 * the host protection (page_map_sync, exec/page-map.h).  Shared data that
 * cannot be mapped at its place (address and offset disagree modulo H, or
 * the host page is shared with another mapping) is redirected: the object
 * is mapped out of bound and the guest pages live there (exec/shdwrt.h).
 * With --shdwrt=none that is done only for read-only mappings; writable
 * ones are refused with EINVAL, as QEMU does.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "qemu/log.h"
#include "mmap-internal.h"
#include "vma-table.h"
#include "exec/shdwrt.h"
#include "exec/cputlb.h"

_Static_assert(PROT_READ == PAGE_READ && PROT_WRITE == PAGE_WRITE
               && PROT_EXEC == PAGE_EXEC, "guest prot bits are PROT_* bits");

#define GUEST_PROT_BITS (PROT_READ | PROT_WRITE | PROT_EXEC)

int flags_union(uint64_t start, uint64_t end)
{
    int flags = 0;

    for (uint64_t a = start, run_end; a < end; a = run_end) {
        flags |= page_flags_run(a, end, &run_end);
    }
    return flags;
}

/* The first guest page in [start, end) that is not valid, or end. */
static uint64_t first_invalid_page(uint64_t start, uint64_t end)
{
    for (uint64_t a = start, run_end; a < end; a = run_end) {
        if (!(page_flags_run(a, end, &run_end) & PAGE_VALID)) {
            return a;
        }
    }
    return end;
}

void update_valid_flags(uint64_t start, uint64_t end, int clear, int set)
{
    for (uint64_t a = start, run_end; a < end; a = run_end) {
        int flags = page_flags_run(a, end, &run_end);

        if (flags & PAGE_VALID) {
            page_set_flags(a, run_end, (flags & ~clear) | set);
        }
    }
}

/* Forget the shadows of the host pages in [start, end) (host-page
   aligned), which are about to be replaced or released whole. */
static void unshadow_host_pages(uint64_t start, uint64_t end)
{
    for (uint64_t a = page_find_flags(start, end, PAGE_SHADOWED); a < end;
         a = page_find_flags((a & qemu_host_page_mask) + qemu_host_page_size, end,
                             PAGE_SHADOWED)) {
        page_unshadow(a & qemu_host_page_mask);
    }
}

int file_view_flag(void)
{
    return qemu_host_page_size > qemu_real_host_page_size && !exact_file_pages()
           ? PAGE_FILE_VIEW : 0;
}

/* How the guest pages of a new mapping are backed.  A private file
   mapping's pages that the host maps straight from the file wait for their
   host page's first write (file_view_flag); those of it copied into a
   fragment get the flag too, which costs them one needless fault. */
static int backing_flags(int flags)
{
    if (flags & MAP_ANONYMOUS) {
        /* (MAP_POPULATE and MAP_LOCKED fault every page in at once) */
        int touched = flags & (MAP_POPULATE | TARGET_MAP_LOCKED) ? 0 : PAGE_UNTOUCHED;

        return (flags & MAP_TYPE) == MAP_PRIVATE ? PAGE_ANON | touched
                                                 : PAGE_ANON | PAGE_FILE_SHARED | touched;
    }
    return (flags & MAP_TYPE) == MAP_PRIVATE ? PAGE_FILE_PRIV | file_view_flag()
                                             : PAGE_FILE_SHARED;
}

/* The guest's flags that the host numbers its own way. */
static const struct {
    int guest, host;
} renumbered_map_flags[] = {
    { TARGET_MAP_LOCKED, MAP_LOCKED },
    { TARGET_MAP_NORESERVE, MAP_NORESERVE },
};

/* The guest's flags as the host mapping takes them: the placement is ours,
   and a host mapping must not grow or need huge pages on its own. */
static int host_map_flags(int flags)
{
    int host = flags & ~(MAP_FIXED_NOREPLACE | TARGET_MAP_32BIT | MAP_GROWSDOWN | MAP_HUGETLB
                         | (MAP_HUGE_MASK << MAP_HUGE_SHIFT));

    for (size_t i = 0; i < ARRAY_SIZE(renumbered_map_flags); i++) {
        host &= ~renumbered_map_flags[i].guest;
    }
    for (size_t i = 0; i < ARRAY_SIZE(renumbered_map_flags); i++) {
        if (flags & renumbered_map_flags[i].guest) {
            host |= renumbered_map_flags[i].host;
        }
    }
    return host | MAP_FIXED;
}

/* Read len bytes of fd at offset into dst; past end of file reads zeros
   (Linux would raise SIGBUS on pages wholly past it: see memory.md). */
static int read_file_into(uint8_t *dst, size_t len, int fd, off_t offset)
{
    if (fd < 0) {
        memset(dst, 0, len);
        return 0;
    }
    while (len > 0) {
        ssize_t n = pread(fd, dst, len, offset);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            memset(dst, 0, len);
            return 0;
        }
        dst += n;
        len -= n;
        offset += n;
    }
    return 0;
}

/*
 * Give the guest pages [start, end) new private content: zeros (fd < 0) or
 * the file's bytes from offset.  A shadowed host page takes it at the
 * pages' private homes; otherwise the in-bound host page is made writable
 * for us, and the caller's page_map_sync gives it its protection back.
 */
static int fill_guest_pages(uint64_t start, uint64_t end, int fd, off_t offset)
{
    for (uint64_t h = start & qemu_host_page_mask; h < end; h += qemu_host_page_size) {
        uint64_t lo = MAX(start, h), hi = MIN(end, h + qemu_host_page_size);
        int ret = 0;

        if (page_get_flags(h) & PAGE_SHADOWED) {
            for (uint64_t a = lo; a < hi && ret == 0; a += TARGET_PAGE_SIZE) {
                page_make_private_home(a);
                ret = read_file_into(page_home(a), TARGET_PAGE_SIZE, fd,
                                     offset + (a - start));
            }
        } else {
            int prot = host_page_prot(h);

            if ((prot & (PROT_READ | PROT_WRITE)) != (PROT_READ | PROT_WRITE)
                && hp_mprotect(g2h(h), qemu_host_page_size,
                               prot | PROT_READ | PROT_WRITE) != 0) {
                return -errno;
            }
            ret = read_file_into(g2h(lo), hi - lo, fd, offset + (lo - start));
        }
        if (ret) {
            return ret;
        }
    }
    return 0;
}

void copy_guest_pages(uint64_t dest, uint64_t src, uint64_t len)
{
    for (uint64_t off = 0; off < len; off += TARGET_PAGE_SIZE) {
        uint64_t h = (src + off) & qemu_host_page_mask;

        if (!(host_page_prot(h) & PROT_READ) && !(page_get_flags(h) & PAGE_SHADOWED)) {
            hp_mprotect(g2h(h), qemu_host_page_size, PROT_READ);
        }
        fill_guest_pages(dest + off, dest + off + TARGET_PAGE_SIZE, -1, 0);
        memcpy(page_home(dest + off), page_home(src + off), TARGET_PAGE_SIZE);
    }
}

/*
 * The host page holds pages of a file mapping (private, or read-only
 * shared): replace it by private anonymous memory with the same content so
 * that other content can be written into it (bytes the file cannot give,
 * past its end, read as zeros).  Those pages stop seeing later changes to
 * the file.
 */
static int privatise_host_page(uint64_t h)
{
    size_t size = qemu_host_page_size;
    uint8_t *copy = malloc(size);
    void *host = g2h(h);
    int ret = 0;

    if (!copy) {
        return -ENOMEM;
    }
    hp_copy_readable(copy, host, size);
    if (hp_mmap(host, size, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
        ret = -errno;
    } else {
        memcpy(host, copy, size);
        update_valid_flags(h, h + size, PAGE_FILE_SHARED | PAGE_FILE_VIEW, PAGE_FILE_PRIV);
    }
    free(copy);
    return ret;
}

/* Whether the host page at h keeps guest pages outside [start, end). */
static bool host_page_keeps_others(uint64_t h, uint64_t start, uint64_t end)
{
    uint64_t h_end = h + qemu_host_page_size;

    return (flags_union(h, MIN(start, h_end)) | flags_union(MAX(end, h), h_end))
           & PAGE_VALID;
}

/* Shared data that cannot sit in bound: redirected out of bound, if this
   build does that for writable mappings (exec/shdwrt.h). */
static int redirect_shared(uint64_t start, uint64_t end, int prot, int flags,
                           int fd, off_t offset)
{
    if ((prot & PROT_WRITE) && !shdwrt_enabled()) {
        return -EINVAL;
    }
    return redirect_map(start, end, prot, flags, fd, offset);
}

/*
 * Map [start, end), which lies inside the single host page at h, with the
 * file offset of start being offset.  The guest pages of h outside the
 * range ("others") keep their content.
 */
static int mmap_frag(uint64_t h, uint64_t start, uint64_t end, int prot,
                     int flags, int fd, off_t offset)
{
    uint64_t size = qemu_host_page_size;
    int others = flags_union(h, start) | flags_union(end, h + size);
    bool anon = flags & MAP_ANONYMOUS;
    void *host = g2h(h);
    int ret;

    if (!(others & PAGE_VALID)) {
        /* Nobody else lives here: map the host page whole, straight from
           the file when its start has a file offset. */
        off_t page_offset = offset - (off_t)(start - h);

        page_unshadow(h);
        if (anon || page_offset >= 0) {
            return hp_mmap(host, size, prot, host_map_flags(flags),
                           anon ? -1 : fd, anon ? 0 : page_offset) == MAP_FAILED
                   ? -errno : 0;
        }
        if (hp_mmap(host, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                    -1, 0) == MAP_FAILED) {
            return -errno;
        }
        others = 0;
    }
    if (!anon && (flags & MAP_TYPE) != MAP_PRIVATE) {
        return redirect_shared(start, end, prot, flags, fd, offset);
    }
    if ((others & PAGE_FILE_SHARED) && (others & PAGE_WRITE)
        && !(page_get_flags(h) & PAGE_SHADOWED)) {
        /* Our content cannot go in the shared object: keep the others'
           pages where they are by shadowing the host page. */
        if (!shdwrt_enabled()) {
            return -EINVAL;
        }
        ret = page_shadow(h);
        if (ret) {
            return ret;
        }
    }
    /* A file under the host page may not take our writes where it ends: a
       host page wholly past end of file raises SIGBUS, as on a large-page
       kernel.  The others' content moves to anonymous memory first. */
    if ((others & (PAGE_FILE_SHARED | PAGE_FILE_PRIV)) && !(page_get_flags(h) & PAGE_SHADOWED)) {
        ret = privatise_host_page(h);
        if (ret) {
            return ret;
        }
    }
    return fill_guest_pages(start, end, anon ? -1 : fd, offset);
}

/* A MAP_FIXED mapping whose file offset and address agree modulo H: the
   whole host pages are mapped from the file, the ends as fragments. */
static int map_fixed_congruent(uint64_t start, uint64_t end, int prot, int flags,
                               int fd, off_t offset)
{
    uint64_t size = qemu_host_page_size;
    uint64_t first = start & qemu_host_page_mask;
    uint64_t last = (end - 1) & qemu_host_page_mask;
    uint64_t whole_start = start, whole_end = end;
    bool anon = flags & MAP_ANONYMOUS;
    int ret;

    if (start != first) {
        ret = mmap_frag(first, start, MIN(end, first + size), prot, flags, fd, offset);
        if (ret) {
            return ret;
        }
        whole_start = first + size;
    }
    if (end != last + size && last >= whole_start) {
        ret = mmap_frag(last, last, end, prot, flags, fd, offset + (last - start));
        if (ret) {
            return ret;
        }
        whole_end = last;
    }
    unshadow_host_pages(whole_start, whole_end);
    if (whole_start < whole_end
        && hp_mmap(g2h(whole_start), whole_end - whole_start, prot,
                   host_map_flags(flags), anon ? -1 : fd,
                   anon ? 0 : offset + (whole_start - start)) == MAP_FAILED) {
        return -errno;
    }
    return 0;
}

/* Whether this build asks for a 4 KiB kernel's answers about file pages
   (end of file, page-cache sharing) where they cost checked accesses:
   precise protection, or every access checked anyway (-checked-mem, the
   vtlb strategy). */
bool exact_file_pages(void)
{
#ifdef CONFIG_PRECISE_PROT
    return true;
#else
    return checked_mem;
#endif
}

/*
 * Whether a private file mapping lives in a window (exec/shdwrt.h) rather
 * than in bound: all of them when exact_file_pages and H > 4 KiB.  A 4 KiB
 * kernel shows each page of a private file mapping from the page cache
 * until that page is written.  In bound, the host copies a whole host page
 * at its first write, so the neighbours written by nobody stop seeing the
 * file; shadowing the host page (one page made PROT_NONE, a page of code
 * written) copies all of its pages; and a mapping placed where its offset
 * disagrees with its address is a copy from the start.  A window copies 4
 * KiB at a time, at the first write, whatever happens around the page.
 */
static bool private_needs_window(int flags)
{
    return exact_file_pages() && qemu_host_page_size > TARGET_PAGE_SIZE
           && (flags & (MAP_TYPE | MAP_ANONYMOUS)) == MAP_PRIVATE;
}

/*
 * Precise protection: a file page wholly past end of file gives SIGBUS at
 * 4 KiB.  Whole host pages past it do so on the host, but not the rest of
 * the host page that holds end of file, a last host page the mapping shares
 * (it would be shadowed, and a shadow copy holds zeros), nor copied private
 * data: those pages of [start, end), from the host page holding end of file
 * on, are redirected to a window of the file, whose TLB
 * fills judge each page by the file's current size (exec/shdwrt.h), so
 * they follow ftruncate too.  copied: [start, end) was copied, not mapped
 * (only its pages past end of file move).  When every access is checked
 * anyway (-checked-mem, the vtlb strategy) the same costs nothing more, so
 * it is done too.  Otherwise such pages read as zeros, as a large-page
 * kernel gives them.
 */
int redirect_past_eof(uint64_t start, uint64_t end, int prot, int flags,
                      int fd, off_t offset, bool copied)
{
    struct stat st;
    uint64_t eof, lo, hi;

    if (!exact_file_pages() || fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return 0;
    }
    eof = st.st_size <= offset ? start
          : start + TARGET_PAGE_ALIGN((uint64_t)(st.st_size - offset));
    /* Whole host pages past end of file fault on the host by themselves. */
    if (eof >= end || (!copied && !((eof | end) & ~qemu_host_page_mask))) {
        return 0;
    }
    lo = copied ? eof : MAX(start, eof & qemu_host_page_mask);
    /* Pages already redirected (a file that changed size since it was
       mapped, mmap-file-size.c) follow the file by themselves. */
    for (hi = lo; hi < end && !(page_get_flags(hi) & PAGE_REDIRECTED); hi += TARGET_PAGE_SIZE) {
    }
    return lo < hi ? redirect_map(lo, hi, prot, flags, fd, offset + (off_t)(lo - start)) : 0;
}

/* Private file data that cannot sit at its place in the host page is
   copied into private anonymous memory. */
static int map_fixed_copied(uint64_t start, uint64_t end, int prot, int flags,
                            int fd, off_t offset)
{
    abi_long ret = do_mmap(start, end - start, prot,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (target_mmap_failed(ret)) {
        return ret;
    }
    ret = fill_guest_pages(start, end, fd, offset);
    return ret ? ret : redirect_past_eof(start, end, prot, flags, fd, offset, true);
}

/*
 * Linux's checks of the file against the mapping asked for, in do_mmap's
 * order: a shared mapping to write needs a file open for writing, any
 * needs it open for reading; a file that cannot be mapped (no mmap
 * operation: a directory, pipe, socket...) is ENODEV; a growing mapping of
 * a file EINVAL.
 */
static int check_file(int fd, int prot, int flags)
{
    struct stat st;
    int mode = fcntl(fd, F_GETFL) & O_ACCMODE;

    if (fstat(fd, &st) != 0) {
        return -EBADF;
    }
    if (((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE) && mode != O_RDWR)
        || mode == O_WRONLY) {
        return -EACCES;
    }
    if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)) {
        return -ENODEV;
    }
    return flags & MAP_GROWSDOWN ? -EINVAL : 0;
}

static abi_long map_anywhere(uint64_t hint, uint64_t len, int prot, int flags,
                             int fd, off_t offset)
{
    bool anon = flags & MAP_ANONYMOUS;
    /* Place the mapping so that its offset agrees with its address modulo
       H: then the file maps directly, with no fragment. */
    uint64_t lead = anon ? 0 : offset & ~qemu_host_page_mask;
    uint64_t host_len = HOST_PAGE_ALIGN(lead + len);
    abi_ulong at = find_free_range(hint, host_len, flags & TARGET_MAP_32BIT);
    int ret;

    if (at == (abi_ulong)-1) {
        return -ENOMEM;
    }
    if (private_needs_window(flags)) {
        ret = redirect_map(at + lead, at + lead + len, prot, flags, fd, offset);
    } else if (hp_mmap(g2h(at), host_len, prot, host_map_flags(flags), anon ? -1 : fd,
                       anon ? 0 : offset - lead) == MAP_FAILED) {
        ret = -errno;
    } else {
        ret = anon ? 0 : redirect_past_eof(at + lead, at + lead + len, prot, flags, fd,
                                           offset, false);
    }
    if (ret) {
        host_release(at, at + host_len);
        return ret;
    }
    page_set_flags(at + lead, at + lead + len, PAGE_VALID | prot | backing_flags(flags));
    ret = page_map_sync(at, at + host_len);
    return ret ? ret : at + lead;
}

/*
 * Whether shared memory for [start, end) must live in a window as a whole:
 * a file mapping whose offset disagrees with its address modulo H, or
 * shared anonymous memory that shares a host page with other mappings (the
 * window is then the one object all its pages are).
 */
static bool shared_needs_window(uint64_t start, uint64_t end, int flags,
                                bool congruent)
{
    uint64_t first = start & qemu_host_page_mask;
    uint64_t last = (end - 1) & qemu_host_page_mask;

    if ((flags & MAP_TYPE) == MAP_PRIVATE) {
        return false;
    }
    if (!(flags & MAP_ANONYMOUS)) {
        return !congruent;
    }
    if (!shdwrt_enabled()) {
        return false;   /* QEMU's fragments: zeroed private memory */
    }
    return (start != first && host_page_keeps_others(first, start, end))
           || (end != last + qemu_host_page_size
               && host_page_keeps_others(last, start, end));
}

static abi_long map_fixed(uint64_t start, uint64_t len, int prot, int flags,
                          int fd, off_t offset)
{
    uint64_t end = start + len;
    bool congruent = (flags & MAP_ANONYMOUS)
                     || ((offset - start) & ~qemu_host_page_mask) == 0;
    int backing = backing_flags(flags);
    int ret;

    ret = claim_host_range(start, end);
    if (ret) {
        return (flags & MAP_FIXED_NOREPLACE) ? -EEXIST : ret;
    }
    if (flags_union(start, end) & PAGE_EXEC) {
        tb_invalidate_phys_range(start, end);
    }
    redirect_unmap(start, end);
    if (shared_needs_window(start, end, flags, congruent)
        || private_needs_window(flags)) {
        /* The old pages are gone: shadowing their host pages must not keep
           them (an old shared page would want its alias). */
        page_set_flags(start, end, 0);
        ret = (flags & MAP_TYPE) == MAP_PRIVATE
              ? redirect_map(start, end, prot, flags, fd, offset)
              : redirect_shared(start, end, prot, flags, fd, offset);
    } else if (!congruent) {
        ret = map_fixed_copied(start, end, prot, flags, fd, offset);
        backing = PAGE_FILE_PRIV;
    } else {
        ret = map_fixed_congruent(start, end, prot, flags, fd, offset);
        if (ret == 0 && !(flags & MAP_ANONYMOUS)) {
            ret = redirect_past_eof(start, end, prot, flags, fd, offset, false);
        }
    }
    if (ret) {
        return ret;
    }
    page_set_flags(start, end, PAGE_VALID | prot | backing);
    ret = page_map_sync(start, end);
    return ret ? ret : start;
}

/*
 * The checks in the kernel's order (sys_mmap, ksys_mmap_pgoff, do_mmap):
 * the offset's alignment, the descriptor (an O_PATH one is not a file
 * here), the length, a fixed address's alignment, range and
 * mmap_min_addr, an occupied MAP_FIXED_NOREPLACE range, and only then the
 * mapping type and the file's kind and mode.
 */
static int mmap_arguments_error(uint64_t start, uint64_t len, int prot, int flags, int fd,
                                off_t offset)
{
    int type = flags & MAP_TYPE;
    int mode = flags & MAP_ANONYMOUS ? 0 : fcntl(fd, F_GETFL);

    if (offset & ~TARGET_PAGE_MASK) {
        return -EINVAL;
    }
    if (mode < 0 || (mode & O_PATH)) {
        return -EBADF;
    }
    if (len == 0) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    if (len == 0 || len > guest_space_end()) {
        return -ENOMEM;
    }
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (start & ~TARGET_PAGE_MASK) {
            return -EINVAL;
        }
        if (start + len > guest_space_end()) {
            return -ENOMEM;
        }
        if (start < mmap_min_addr) {
            return -EPERM;
        }
        if ((flags & MAP_FIXED_NOREPLACE) && (flags_union(start, start + len) & PAGE_VALID)) {
            return -EEXIST;
        }
    }
    if (!(flags & MAP_ANONYMOUS)) {
        return type == MAP_PRIVATE || type == MAP_SHARED || type == MAP_SHARED_VALIDATE
               ? check_file(fd, prot, flags) : -EINVAL;
    }
    /* Shared anonymous memory cannot grow, and has no validating form. */
    return type == MAP_PRIVATE || (type == MAP_SHARED && !(flags & MAP_GROWSDOWN))
           ? 0 : -EINVAL;
}

abi_long do_mmap(uint64_t start, uint64_t len, int prot, int flags, int fd,
                 off_t offset)
{
    int ret = mmap_arguments_error(start, len, prot, flags, fd, offset);

    if (ret) {
        return ret;
    }
    prot &= GUEST_PROT_BITS;
    len = TARGET_PAGE_ALIGN(len);
    if (flags & MAP_ANONYMOUS) {
        fd = -1;
        offset = 0;
    }
    if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
        /* As Linux: a hint whose 4 KiB pages are free is taken as it is,
           even if its host pages hold other mappings. */
        uint64_t hint = start & TARGET_PAGE_MASK;

        if (hint >= mmap_min_addr && hint + len <= guest_space_end()
            && !(flags_union(hint, hint + len) & PAGE_VALID)
            && !guest_space_kept_free(hint, hint + len)) {
            abi_long at = map_fixed(hint, len, prot, flags | MAP_FIXED_NOREPLACE, fd, offset);

            if (!target_mmap_failed(at)) {
                return at;
            }
        }
        return map_anywhere(hint, len, prot, flags, fd, offset);
    }
    return map_fixed(start, len, prot, flags, fd, offset);
}

static void prot_string(int prot, char *buf)
{
    buf[0] = prot & PROT_READ ? 'r' : '-';
    buf[1] = prot & PROT_WRITE ? 'w' : '-';
    buf[2] = prot & PROT_EXEC ? 'x' : '-';
    buf[3] = 0;
}

/*
 * As the kernel's TLB shootdown: when munmap, mprotect or a MAP_FIXED mmap
 * returns, no other thread may still reach the pages through an entry of
 * its software TLB that allowed more.  Threads in generated code pass a
 * block boundary (where they flush) within a block's time; the others
 * flush before they run guest code again.
 */
static void wait_other_tlbs(bool shadowed)
{
    /* An in-bound page's host mapping changes under every thread at once;
       only out-of-bound homes (shadowed host pages) outlive a change. */
    if (shadowed && thread_cpu && first_cpu && first_cpu->next_cpu) {
        cpu_wait_tlb_generation(thread_cpu,
                                __atomic_load_n(&page_map_generation, __ATOMIC_ACQUIRE));
    }
}

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags,
                     int fd, off_t offset)
{
    bool shadowed;
    abi_long ret;

    mmap_lock();
    /* What MAP_FIXED replaces is gone when mmap returns. */
    shadowed = (flags & MAP_FIXED) && page_map_has_shadows();
    ret = do_mmap(start, len, prot, flags, fd, offset);
    if (!target_mmap_failed(ret)) {
        /* (as an address: an i386 guest's above 2 GiB is a negative abi_long) */
        vma_note_mmap((abi_ulong)ret, len, prot, flags, fd, offset);
    }
    mmap_unlock();
    wait_other_tlbs(shadowed);
    if (qemu_loglevel_mask(CPU_LOG_PAGE)) {
        char p[4];

        prot_string(prot, p);
        qemu_log("mmap: start=0x" TARGET_ABI_FMT_lx " len=0x" TARGET_ABI_FMT_lx
                 " prot=%s flags=0x%x fd=%d offset=0x%jx -> 0x" TARGET_ABI_FMT_lx
                 "\n", start, len, p, flags, fd, (intmax_t)offset, (abi_ulong)ret);
    }
    return ret;
}

int do_munmap(uint64_t start, uint64_t len)
{
    uint64_t end, first, last, release_start, release_end;

    if ((start & ~TARGET_PAGE_MASK) || len == 0) {
        return -EINVAL;
    }
    /* As Linux: a length reaching past the address space (or wrapping
       around it) is EINVAL. */
    if (len > guest_space_end() || start > guest_space_end() - len) {
        return -EINVAL;
    }
    end = start + TARGET_PAGE_ALIGN(len);
    if (end > guest_space_end()) {
        return -EINVAL;
    }
    if (!(flags_union(start, end) & PAGE_VALID)) {
        return 0;
    }
    first = start & qemu_host_page_mask;
    last = (end - 1) & qemu_host_page_mask;
    release_start = host_page_keeps_others(first, start, end)
                    ? first + qemu_host_page_size : first;
    release_end = host_page_keeps_others(last, start, end)
                  ? last : last + qemu_host_page_size;
    page_set_flags(start, end, 0);
    redirect_unmap(start, end);
    unshadow_host_pages(release_start, release_end);
    host_release(release_start, release_end);
    /* A kept host page no longer needs what the unmapped pages asked. */
    return page_map_sync(start, end);
}

int target_munmap(abi_ulong start, abi_ulong len)
{
    bool shadowed;
    int ret;

    mmap_lock();
    shadowed = page_map_has_shadows();
    ret = do_munmap(start, len);
    if (ret == 0) {
        vma_note_munmap(start, len);
    }
    mmap_unlock();
    wait_other_tlbs(shadowed);
    qemu_log_mask(CPU_LOG_PAGE, "munmap: start=0x" TARGET_ABI_FMT_lx
                  " len=0x" TARGET_ABI_FMT_lx " -> %d\n", start, len, ret);
    return ret;
}

/*
 * As Linux's mprotect: the mappings from start up to the first hole (or the
 * end of the address space) change, even when the call then fails with
 * ENOMEM for that hole; *changed_end says how far they did.
 */
int do_mprotect(uint64_t start, uint64_t len, int prot, uint64_t *changed_end)
{
    uint64_t end, hole;
    int ret;

    *changed_end = start;

    if ((start & ~TARGET_PAGE_MASK)
        || (prot & ~(GUEST_PROT_BITS | PROT_GROWSDOWN | PROT_GROWSUP))) {
        return -EINVAL;
    }
    prot &= GUEST_PROT_BITS;
    if (len == 0) {
        return 0;
    }
    /* A length that wraps around, even once rounded up, is ENOMEM, as
       Linux's end <= start check gives. */
    len = TARGET_PAGE_ALIGN(len);
    end = start + len;
    if (len == 0 || end <= start || start >= guest_space_end()) {
        return -ENOMEM;
    }
    hole = first_invalid_page(start, MIN(end, guest_space_end()));
    if (hole > start) {
        update_valid_flags(start, hole, PAGE_BITS, prot);
        ret = page_map_sync(start, hole);
        if (ret) {
            return ret;
        }
        *changed_end = hole;
    }
    return hole == end ? 0 : -ENOMEM;
}

int target_mprotect(abi_ulong start, abi_ulong len, int prot)
{
    uint64_t changed_end;
    bool shadowed;
    int ret;

    mmap_lock();
    shadowed = page_map_has_shadows();
    ret = do_mprotect(start, len, prot, &changed_end);
    if (changed_end > start) {
        vma_note_mprotect(start, changed_end - start, prot);
    }
    mmap_unlock();
    wait_other_tlbs(shadowed);
    if (qemu_loglevel_mask(CPU_LOG_PAGE)) {
        char p[4];

        prot_string(prot, p);
        qemu_log("mprotect: start=0x" TARGET_ABI_FMT_lx " len=0x" TARGET_ABI_FMT_lx
                 " prot=%s -> %d\n", start, len, p, ret);
    }
    return ret;
}
