/*
 * mmap-file-size.c: the guest's mappings follow their file's size.
 *
 * A 4 KiB kernel shows a mapped file page by page: a page wholly past end
 * of file gives SIGBUS, the rest of the page holding end of file reads as
 * zeros, and both move when ftruncate or a write changes the size.  A host
 * with H-byte pages does the same per host page, so after a guest syscall
 * that may have changed a file's size (syscall.c finds the file) the
 * in-bound mappings of that file catch up:
 *
 * - in the builds that keep file pages exact (exact_file_pages), the pages
 *   from the host page now holding end of file on move to a window
 *   (redirect_past_eof), whose TLB fills judge each page by the file's size
 *   from then on;
 * - otherwise, under -p, the host-page layer makes the host pages that held
 *   and now hold end of file read as a large-page kernel's would; a real
 *   large-page kernel does that by itself.
 *
 * Windows (incongruent mappings, pages past end of file at mmap time)
 * follow by themselves.  A size changed by another process is seen at this
 * process's next such call on the file.  With 4 KiB host pages the host
 * kernel does all of it but one thing: translated code of pages that a
 * shrinking file no longer holds is dropped (then only shrinking calls come
 * here, a write() costs no fstat).
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "qemu/hostpage.h"
#include "exec/exec-all.h"
#include "mmap-internal.h"
#include "vma-table.h"

typedef struct Resize {
    int fd;         /* the file as the syscall named it: maybe write-only, O_PATH */
    int map_fd;     /* the same file opened for mmap, -1 until needed */
    off_t size;     /* its size now */
} Resize;

/* A descriptor of the file that mmap accepts (-1 if none). */
static int mappable_fd(Resize *r)
{
    char link[64];

    if (r->map_fd < 0) {
        snprintf(link, sizeof(link), "/proc/self/fd/%d", r->fd);
        r->map_fd = open(link, O_RDWR | O_CLOEXEC);
        if (r->map_fd < 0) {
            r->map_fd = open(link, O_RDONLY | O_CLOEXEC);
        }
    }
    return r->map_fd;
}

/* The guest address of file offset off in v (congruent: any value). */
static int64_t guest_addr_of(const GuestVma *v, int64_t off)
{
    return (int64_t)v->start + (off - (int64_t)v->offset);
}

/*
 * Under -p: v's in-bound part of the host page holding file offset eof.
 * grown: eof is the old end of a file that grew.  A private host page
 * written since it was mapped is then left alone: it is a copy (the
 * large-page kernel's, copy_file_view in the page map), and the file does
 * not show through its zeros.  (When a file shrinks, the host drops the 4
 * KiB pieces of such a copy past the new end, as Linux's truncate drops
 * private copies past end of file; they read as zeros then.)
 */
static void follow_host_page(GuestVma *v, Resize *r, off_t eof, bool grown)
{
    int64_t h = guest_addr_of(v, eof) & (int64_t)qemu_host_page_mask;
    uint64_t lo = MAX((int64_t)v->start, h);
    uint64_t hi = MIN((int64_t)v->end, h + (int64_t)qemu_host_page_size);
    int fd;

    if (lo >= hi || (page_get_flags(lo) & (PAGE_SHADOWED | PAGE_REDIRECTED))) {
        return;
    }
    if (grown && !(v->flags & VMA_SHARED) && !(flags_union(lo, hi) & PAGE_FILE_VIEW)) {
        return;
    }
    fd = mappable_fd(r);
    if (fd >= 0) {
        hp_follow_file_size(g2h(lo), hi - lo, host_page_prot(h),
                            (v->flags & VMA_SHARED) ? MAP_SHARED : MAP_PRIVATE, fd,
                            v->offset + (lo - v->start), v->file_size, r->size);
    }
}

static void follow_mapping(GuestVma *v, void *opaque)
{
    Resize *r = opaque;
    bool congruent = ((v->offset - v->start) & ~qemu_host_page_mask) == 0;
    int64_t past_end = guest_addr_of(v, TARGET_PAGE_ALIGN(r->size));

    /* Code from pages the file does not hold must fault when run again
       (the size recorded may be stale: with 4 KiB host pages only
       shrinking calls are seen). */
    if (past_end < (int64_t)v->end) {
        tb_invalidate_phys_range(MAX(past_end, (int64_t)v->start), v->end);
    }
    if (v->file_size == r->size || !congruent) {
        v->file_size = r->size;
        return;
    }
    if (exact_file_pages()) {
        int64_t eof_page = guest_addr_of(v, r->size) & (int64_t)qemu_host_page_mask;
        int fd = mappable_fd(r);

        if (fd >= 0 && redirect_past_eof(v->start, v->end, page_get_flags(v->start) & PAGE_BITS,
                                         (v->flags & VMA_SHARED) ? MAP_SHARED : MAP_PRIVATE,
                                         fd, v->offset, false) == 0) {
            page_map_sync(MAX(eof_page, (int64_t)v->start), v->end);
        }
    } else {
        follow_host_page(v, r, v->file_size, r->size > v->file_size);
        if (((v->file_size ^ r->size) & qemu_host_page_mask) != 0) {
            follow_host_page(v, r, r->size, false);
        }
    }
    v->file_size = r->size;
}

void mmap_follow_file_size(int fd)
{
    Resize r = { .fd = fd, .map_fd = -1 };
    struct stat st;

    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return;
    }
    r.size = st.st_size;
    mmap_lock();
    vma_for_each_of_file(st.st_dev, st.st_ino, follow_mapping, &r);
    mmap_unlock();
    if (r.map_fd >= 0) {
        close(r.map_fd);
    }
}
