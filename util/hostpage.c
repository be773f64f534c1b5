/*
 * hostpage.c: the host-page layer, the only code that asks the kernel to
 * map, unmap, protect, move or advise guest memory.
 *
 * It makes this machine behave like one whose page size is H (the real page
 * size, or a larger power of two chosen with -p): calls whose address,
 * length or file offset are not H-aligned are refused (a caller bug: abort
 * in debug builds), kernel-chosen addresses are H-aligned, and a file
 * mapping's last host page reads as zeros past end of file instead of
 * faulting, as on a kernel whose pages really are H bytes.
 * See docs/devel/memory.md.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/shm.h>
#include "qemu/hostpage.h"

#define HOSTPAGE_MAX_SIZE (64 * 1024)

/* Only x86-64 can ask the kernel for the low 2 GiB; elsewhere the flag is
   nothing (a guest's MAP_32BIT is served by the guest-space search). */
#ifndef MAP_32BIT
#define MAP_32BIT 0
#endif

uintptr_t qemu_host_page_size;
uintptr_t qemu_host_page_mask;
uintptr_t qemu_real_host_page_size;

/* The hp_* functions may run before main() chose H (e.g. in unit tests):
   until then H is the real page size. */
__attribute__((constructor)) static void hostpage_default(void)
{
    hostpage_init(0);
}

bool hostpage_init(uintptr_t size)
{
    uintptr_t real = sysconf(_SC_PAGESIZE);

    if (size == 0) {
        size = real;
    } else if (size < real || size > HOSTPAGE_MAX_SIZE || (size & (size - 1))) {
        return false;
    }
    qemu_real_host_page_size = real;
    qemu_host_page_size = size;
    qemu_host_page_mask = ~(size - 1);
    return true;
}

static bool simulating_large_pages(void)
{
    return qemu_host_page_size > qemu_real_host_page_size;
}

static bool is_host_aligned(uintptr_t v)
{
    return (v & (qemu_host_page_size - 1)) == 0;
}

/* Every entry point checks its arguments here; false means EINVAL. */
static bool arguments_aligned(const char *fn, const void *addr, size_t len,
                              off_t off)
{
    if (is_host_aligned((uintptr_t)addr) && is_host_aligned(len)
        && is_host_aligned((uintptr_t)off)) {
        return true;
    }
#ifdef CONFIG_DEBUG_TCG
    fprintf(stderr, "hostpage: %s(%p, 0x%zx, off 0x%jx) not aligned to 0x%lx\n",
            fn, addr, len, (intmax_t)off, (unsigned long)qemu_host_page_size);
    abort();
#endif
    errno = EINVAL;
    return false;
}

/*
 * An H-aligned free host range of len bytes, reserved PROT_NONE (near hint
 * if possible): the kernel only promises real-page alignment, so reserve H
 * more and trim both ends.
 */
static void *reserve_aligned(void *hint, size_t len, int extra_flags)
{
    size_t span = len + qemu_host_page_size;
    uint8_t *raw = mmap(hint, span, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | extra_flags,
                        -1, 0);
    uint8_t *aligned;

    if (raw == MAP_FAILED) {
        return MAP_FAILED;
    }
    aligned = (uint8_t *)QEMU_ALIGN_UP((uintptr_t)raw, qemu_host_page_size);
    if (aligned > raw) {
        munmap(raw, aligned - raw);
    }
    if (raw + span > aligned + len) {
        munmap(aligned + len, raw + span - (aligned + len));
    }
    return aligned;
}

/* The real pages of [base, base+len), at file offset off, that a
   large-page kernel shows as zeros while the file has size bytes: those of
   the host page holding end of file that lie wholly past it. */
static void zero_tail_pieces(uintptr_t base, size_t len, off_t off, off_t size,
                             uintptr_t *from, uintptr_t *to)
{
    uintptr_t first = QEMU_ALIGN_UP((uintptr_t)size, qemu_real_host_page_size);
    uintptr_t last = QEMU_ALIGN_UP((uintptr_t)size, qemu_host_page_size);

    *from = base + MIN(len, (uintptr_t)MAX(0, (off_t)first - off));
    *to = base + MIN(len, (uintptr_t)MAX(0, (off_t)last - off));
}

/*
 * A kernel with H-sized pages maps the whole host page that holds end of
 * file: the bytes past it read as zeros.  Ours maps 4 KiB pages, so the real
 * pages of that host page lying wholly past end of file would fault; cover
 * them with zero pages of the same protection.  Host pages wholly past end
 * of file keep faulting, as they would on the large-page kernel.
 */
static void zero_fill_past_eof(uint8_t *base, size_t len, int prot, int fd,
                               off_t off)
{
    struct stat st;
    uintptr_t from, to;

    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return;
    }
    zero_tail_pieces((uintptr_t)base, len, off, st.st_size, &from, &to);
    if (from < to) {
        mmap((void *)from, to - from, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    }
}

void hp_follow_file_size(void *base, size_t len, int prot, int flags, int fd,
                         off_t off, off_t old_size, off_t new_size)
{
    uintptr_t b = (uintptr_t)base, old_from, old_to, new_from, new_to;

    if (!simulating_large_pages() || old_size == new_size || old_size < 0
        || new_size < 0) {
        return;
    }
    zero_tail_pieces(b, len, off, old_size, &old_from, &old_to);
    zero_tail_pieces(b, len, off, new_size, &new_from, &new_to);
    /* Old zero pieces outside the new tail show the file again: its data,
       or a fault wholly past the new end, as the real kernel's would. */
    for (uintptr_t p = old_from; p < old_to; p += qemu_real_host_page_size) {
        if (p < new_from || p >= new_to) {
            mmap((void *)p, qemu_real_host_page_size, prot, flags | MAP_FIXED, fd,
                 off + (off_t)(p - b));
        }
    }
    /* File pieces that the new tail covers read as zeros. */
    for (uintptr_t p = new_from; p < new_to; p += qemu_real_host_page_size) {
        if (p < old_from || p >= old_to) {
            mmap((void *)p, qemu_real_host_page_size, prot,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        }
    }
}

void *hp_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    bool placed_by_caller = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    void *p;

    if (!arguments_aligned("hp_mmap", addr, len, (flags & MAP_ANONYMOUS) ? 0 : off)) {
        return MAP_FAILED;
    }
    if (placed_by_caller || !simulating_large_pages()) {
        p = mmap(addr, len, prot, flags, fd, off);
    } else {
        /* Map over an aligned reservation; MAP_32BIT must steer the
           reservation, not the final fixed mapping. */
        void *slot = reserve_aligned(addr, len, flags & MAP_32BIT);

        if (slot == MAP_FAILED) {
            return MAP_FAILED;
        }
        p = mmap(slot, len, prot, (flags & ~MAP_32BIT) | MAP_FIXED, fd, off);
        if (p == MAP_FAILED) {
            int saved = errno;
            munmap(slot, len);
            errno = saved;
        }
    }
    if (p != MAP_FAILED && !(flags & MAP_ANONYMOUS) && simulating_large_pages()) {
        zero_fill_past_eof(p, len, prot, fd, off);
    }
    return p;
}

int hp_munmap(void *addr, size_t len)
{
    if (!arguments_aligned("hp_munmap", addr, len, 0)) {
        return -1;
    }
    return munmap(addr, len);
}

int hp_mprotect(void *addr, size_t len, int prot)
{
    if (!arguments_aligned("hp_mprotect", addr, len, 0)) {
        return -1;
    }
    return mprotect(addr, len, prot);
}

void *hp_mremap(void *old, size_t old_len, size_t new_len, int flags, void *new_addr)
{
    void *slot;
    void *p;

    if (!arguments_aligned("hp_mremap", old, old_len, 0)
        || !arguments_aligned("hp_mremap", (flags & MREMAP_FIXED) ? new_addr : NULL,
                              new_len, 0)) {
        return MAP_FAILED;
    }
    if ((flags & MREMAP_FIXED) || !(flags & MREMAP_MAYMOVE)
        || !simulating_large_pages()) {
        return mremap(old, old_len, new_len, flags, new_addr);
    }
    /* Growing in place needs no new address; otherwise move it to an
       aligned slot of our choosing rather than the kernel's. */
    p = mremap(old, old_len, new_len, 0);
    if (p != MAP_FAILED) {
        return p;
    }
    slot = reserve_aligned(NULL, new_len, 0);
    if (slot == MAP_FAILED) {
        return MAP_FAILED;
    }
    p = mremap(old, old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, slot);
    if (p == MAP_FAILED) {
        int saved = errno;
        munmap(slot, new_len);
        errno = saved;
    }
    return p;
}

int hp_madvise(void *addr, size_t len, int advice)
{
    if (!arguments_aligned("hp_madvise", addr, len, 0)) {
        return -1;
    }
    return madvise(addr, len, advice);
}

int hp_msync(void *addr, size_t len, int flags)
{
    if (!arguments_aligned("hp_msync", addr, len, 0)) {
        return -1;
    }
    return msync(addr, len, flags);
}

int hp_mlock(void *addr, size_t len)
{
    if (!arguments_aligned("hp_mlock", addr, len, 0)) {
        return -1;
    }
    return mlock(addr, len);
}

int hp_munlock(void *addr, size_t len)
{
    if (!arguments_aligned("hp_munlock", addr, len, 0)) {
        return -1;
    }
    return munlock(addr, len);
}

int hp_mincore(void *addr, size_t len, unsigned char *vec)
{
    size_t per = qemu_host_page_size / qemu_real_host_page_size;
    size_t n = len / qemu_host_page_size;
    unsigned char *real;
    int ret;

    if (!arguments_aligned("hp_mincore", addr, len, 0)) {
        return -1;
    }
    if (per == 1) {
        return mincore(addr, len, vec);
    }
    real = malloc(n * per + 1);
    ret = mincore(addr, len, real);
    for (size_t i = 0; ret == 0 && i < n; i++) {
        vec[i] = 0;
        for (size_t j = 0; j < per; j++) {
            vec[i] |= real[i * per + j] & 1;
        }
    }
    free(real);
    return ret;
}

void *hp_shmat(int shmid, void *addr, int flags)
{
    struct shmid_ds ds;
    void *slot, *p;
    size_t len;

    if (!arguments_aligned("hp_shmat", addr, 0, 0)) {
        return (void *)-1;
    }
    if (addr || !simulating_large_pages()) {
        return shmat(shmid, addr, flags);
    }
    /* The kernel only promises real-page alignment: attach over an aligned
       reservation of whole host pages instead. */
    if (shmctl(shmid, IPC_STAT, &ds) != 0) {
        return (void *)-1;
    }
    len = HOST_PAGE_ALIGN(ds.shm_segsz);
    slot = reserve_aligned(NULL, len, 0);
    if (slot == MAP_FAILED) {
        return (void *)-1;
    }
    p = shmat(shmid, slot, flags | SHM_REMAP);
    if (p == (void *)-1) {
        int saved = errno;
        munmap(slot, len);
        errno = saved;
    }
    return p;
}

int hp_shmdt(void *addr)
{
    if (!arguments_aligned("hp_shmdt", addr, 0, 0)) {
        return -1;
    }
    return shmdt(addr);
}

void hp_private_copy(void *addr)
{
    size_t real = qemu_real_host_page_size;

    if (!simulating_large_pages()
        || !arguments_aligned("hp_private_copy", addr, 0, 0)) {
        return;
    }
    /* A write fault on each real page, without changing a byte (another
       thread may be writing it); a page wholly past end of file fails with
       EFAULT instead of SIGBUS.  Needs Linux 5.14: on an older host kernel
       (EINVAL) only the page written is copied, as before. */
    for (size_t off = 0; off < qemu_host_page_size; off += real) {
        madvise((uint8_t *)addr + off, real, MADV_POPULATE_WRITE);
    }
}

void hp_copy_readable(void *dst, const void *src, size_t len)
{
    size_t real = qemu_real_host_page_size;

    for (size_t off = 0; off < len; off += real) {
        size_t n = MIN(real, len - off);
        struct iovec local = { (uint8_t *)dst + off, n };
        struct iovec remote = { (uint8_t *)src + off, n };

        if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != (ssize_t)n) {
            memset((uint8_t *)dst + off, 0, n);
        }
    }
}
