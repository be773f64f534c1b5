/*
 * uaccess.c: the syscall layer's way to guest memory (uaccess.h): copies
 * page by page through the page map, strings, buffers handed to host
 * system calls (in place or bounced), iovec arrays and futex words.
 *
 * Why bounce rather than hand g2h(addr) to the kernel: with exact 4 KiB
 * protection a guest page the guest may write can sit in a host page the
 * host protects more strictly, or its bytes can live out of bound; and a
 * guest page the guest may not touch can sit in a host page the host lets
 * everyone touch.  The host kernel sees only host pages, so it would
 * either fail where the guest is allowed or succeed where the guest is
 * not.  A bounce rebuilds the guest's view in host memory: the accessible
 * bytes, then an inaccessible host region where the guest's first
 * inaccessible page begins, at the same offset within a 4 KiB page.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "qemu.h"

#ifdef TARGET_X86_64
/* The bound the x86-64 kernel's access_ok() checks (TASK_SIZE_MAX with
   4-level page tables): a range ending above it is EFAULT at once. */
#define GUEST_USER_END 0x7ffffffff000ULL
#else
/* A 32-bit process on an x86-64 kernel: access_ok() checks against the
   64-bit bound, which no 32-bit pointer plus 32-bit length reaches. */
#define GUEST_USER_END (1ULL << 33)
#endif

/* UIO_MAXIOV: the most segments an iovec array may have. */
#define GUEST_UIO_MAXIOV 1024

/* A bounce's inaccessible tail extends this far past the accessible bytes
   (less if the guest asked for less), so that the host call gets the
   guest's length up to where no length check of the kernel looks
   (MAX_RW_COUNT, INT_MAX); the tail is address space only. */
#define BOUNCE_GUARD_MAX (1ULL << 31)

/* Where a host call is sent for a range outside guest_range_ok: kernel
   memory on every 64-bit Linux host, so the host kernel rejects it as it
   rejected the guest's, after the checks it makes first (EBADF...). */
#define HOST_FAULTING_ADDR ((void *)~(uintptr_t)0xfff)

bool guest_range_ok(abi_ulong addr, abi_ulong len)
{
    return (uint64_t)len <= GUEST_USER_END
           && (uint64_t)addr <= GUEST_USER_END - len;
}

/* Where the guest page holding addr keeps its bytes for access (a single
   GUEST_READ or GUEST_WRITE), or NULL if the guest may not access it.
   mmap_lock must be held for as long as the address is used. */
static uint8_t *guest_page_host(uint64_t addr, int access)
{
    uintptr_t addend;
    int tlb_prot;

    if (addr > GUEST_ADDR_MAX
        || page_tlb_fill(addr, access, &addend, &tlb_prot) != PAGE_FAULT_NONE) {
        return NULL;
    }
    return (uint8_t *)(uintptr_t)(addr + addend);
}

/* The bytes from addr to the end of its guest page, at most len. */
static size_t page_chunk(uint64_t addr, size_t len)
{
    return MIN(len, TARGET_PAGE_SIZE - (addr & ~(uint64_t)TARGET_PAGE_MASK));
}

abi_ulong guest_accessible_len(abi_ulong addr, abi_ulong len, int access)
{
    abi_ulong done = 0;

    mmap_lock();
    while (done < len) {
        uint64_t a = (uint64_t)addr + done;

        if (((access & GUEST_READ) && !guest_page_host(a, GUEST_READ))
            || ((access & GUEST_WRITE) && !guest_page_host(a, GUEST_WRITE))) {
            break;
        }
        done += page_chunk(a, len - done);
    }
    mmap_unlock();
    return done;
}

/*
 * The one loop behind every copy: len bytes between host memory and the
 * guest at gaddr, direction by access (GUEST_READ: guest to host), each
 * page where page_tlb_fill says its bytes are.  zero: write zeros instead
 * of host bytes.  Returns how many bytes were copied: all, or those before
 * the first page the guest may not access.
 */
static size_t guest_copy(abi_ulong gaddr, void *host, size_t len, int access,
                         bool zero)
{
    size_t done = 0;

    mmap_lock();
    while (done < len) {
        uint64_t a = (uint64_t)gaddr + done;
        size_t n = page_chunk(a, len - done);
        uint8_t *g = guest_page_host(a, access);

        if (!g) {
            break;
        }
        if (access == GUEST_READ) {
            memcpy((uint8_t *)host + done, g, n);
        } else if (zero) {
            memset(g, 0, n);
        } else {
            memcpy(g, (const uint8_t *)host + done, n);
        }
        done += n;
    }
    mmap_unlock();
    return done;
}

abi_long copy_from_user(void *dst, abi_ulong src, size_t len)
{
    return guest_copy(src, dst, len, GUEST_READ, false) == len ? 0 : -TARGET_EFAULT;
}

abi_long copy_to_user(abi_ulong dst, const void *src, size_t len)
{
    return guest_copy(dst, (void *)src, len, GUEST_WRITE, false) == len
           ? 0 : -TARGET_EFAULT;
}

abi_long clear_user(abi_ulong dst, size_t len)
{
    return guest_copy(dst, NULL, len, GUEST_WRITE, true) == len ? 0 : -TARGET_EFAULT;
}

abi_long strncpy_from_user(char *dst, abi_ulong src, size_t size)
{
    size_t done = 0;
    abi_long ret = -TARGET_EFAULT;

    mmap_lock();
    while (done < size) {
        uint64_t a = (uint64_t)src + done;
        size_t n = page_chunk(a, size - done);
        const uint8_t *g = guest_page_host(a, GUEST_READ);
        const uint8_t *nul;

        if (!g) {
            break;
        }
        nul = memchr(g, 0, n);
        if (nul) {
            memcpy(dst + done, g, nul - g + 1);
            ret = done + (nul - g);
            break;
        }
        memcpy(dst + done, g, n);
        done += n;
    }
    mmap_unlock();
    return done == size ? (abi_long)size : ret;
}

abi_long path_from_user(char *dst, abi_ulong src)
{
    abi_long len = strncpy_from_user(dst, src, PATH_MAX);

    if (len == PATH_MAX) {
        return -TARGET_ENAMETOOLONG;
    }
    return len < 0 ? len : 0;
}

char *strdup_from_user(abi_ulong src, size_t max, abi_long too_long, abi_long *err)
{
    size_t cap = MIN(max, (size_t)256);

    for (;;) {
        char *s = malloc(cap);
        abi_long len = s ? strncpy_from_user(s, src, cap) : -TARGET_ENOMEM;

        if (len >= 0 && (size_t)len < cap) {
            return s;
        }
        free(s);
        if (len < 0 || cap == max) {
            *err = len < 0 ? len : too_long;
            return NULL;
        }
        cap = MIN(max, cap * 16);
    }
}

/*
 * A bounce whose first reach bytes mirror the guest's accessible pages
 * and are followed by an inaccessible tail of guard bytes.  The accessible
 * part ends on a host page boundary, so the data starts at the guest
 * address's offset within its 4 KiB page, as the host kernel would
 * meet it natively.
 */
static abi_long map_guarded_bounce(GuestBuf *b, size_t guard)
{
    size_t rw = HOST_PAGE_ALIGN(b->reach);
    uint8_t *map;

    guard = HOST_PAGE_ALIGN(guard);
    map = hp_mmap(NULL, rw + guard, PROT_NONE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED && guard > qemu_host_page_size) {
        /* address space is limited (RLIMIT_AS): a short tail will do */
        guard = qemu_host_page_size;
        map = hp_mmap(NULL, rw + guard, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (map == MAP_FAILED) {
        return -TARGET_ENOMEM;
    }
    if (rw && hp_mprotect(map, rw, PROT_READ | PROT_WRITE) != 0) {
        hp_munmap(map, rw + guard);
        return -TARGET_ENOMEM;
    }
    b->bounce = map;
    b->map_len = rw + guard;
    b->host = map + rw - b->reach;
    b->len = MIN(b->len, b->reach + guard);
    return 0;
}

abi_long guest_buf_begin(GuestBuf *b, abi_ulong gaddr, abi_ulong len, int access)
{
    memset(b, 0, sizeof(*b));
    b->gaddr = gaddr;
    b->len = len;
    if (!guest_range_ok(gaddr, len)) {
        b->host = HOST_FAULTING_ADDR;
        return 0;
    }
    if (len && page_host_allows(gaddr, len, access)) {
        b->host = g2h(gaddr);
        return 0;
    }
    if (len == 0) {
        b->host = gaddr ? g2h(gaddr) : NULL;    /* never dereferenced */
        return 0;
    }
    if (gaddr == 0) {
        b->host = NULL;     /* for the calls where NULL means "none" */
        return 0;
    }
    b->reach = guest_accessible_len(gaddr, len, access);
    if (b->reach < len) {
        abi_long err = map_guarded_bounce(b, MIN(len - b->reach, BOUNCE_GUARD_MAX));

        if (err) {
            return err;
        }
    } else {
        b->host = b->bounce = malloc(len);
        if (!b->bounce) {
            return -TARGET_ENOMEM;
        }
    }
    if (access & GUEST_READ) {
        guest_copy(gaddr, b->host, b->reach, GUEST_READ, false);
    }
    return 0;
}

void guest_buf_copy_back(GuestBuf *b, size_t off, size_t len)
{
    if (b->bounce && off < b->reach) {
        len = MIN(len, b->reach - off);
        guest_copy(b->gaddr + off, (uint8_t *)b->host + off, len, GUEST_WRITE, false);
    }
}

void guest_buf_end(GuestBuf *b, abi_long written)
{
    if (written > 0) {
        guest_buf_copy_back(b, 0, written);
    }
    if (b->map_len) {
        hp_munmap(b->bounce, b->map_len);
    } else {
        free(b->bounce);
    }
    b->bounce = NULL;
    b->map_len = 0;
}

abi_long guest_iov_begin(GuestIov *v, abi_ulong giov, abi_ulong count, int access)
{
    struct target_iovec *t;
    abi_long err = 0;

    memset(v, 0, sizeof(*v));
    v->count = count;
    if (count > GUEST_UIO_MAXIOV) {
        v->iov = HOST_FAULTING_ADDR;    /* the host says EINVAL */
        return 0;
    }
    t = calloc(count + 1, sizeof(*t));
    v->bufs = calloc(count + 1, sizeof(*v->bufs));
    v->iov = calloc(count + 1, sizeof(*v->iov));
    if (!t || !v->bufs || !v->iov) {
        err = -TARGET_ENOMEM;
    } else if (copy_from_user(t, giov, count * sizeof(*t))) {
        /* read as a whole by the kernel too: any fault is EFAULT */
        free(v->iov);
        v->iov = HOST_FAULTING_ADDR;
        count = 0;
    }
    for (abi_ulong i = 0; !err && i < count; i++) {
        abi_long len = t[i].iov_len;

        v->nbufs = i + 1;
        if (len < 0) {
            /* a negative guest ssize_t stays negative: EINVAL */
            v->iov[i].iov_len = (ssize_t)len;
            continue;
        }
        err = guest_buf_begin(&v->bufs[i], t[i].iov_base, len, access);
        v->iov[i].iov_base = v->bufs[i].host;
        v->iov[i].iov_len = v->bufs[i].len;
    }
    free(t);
    if (err) {
        guest_iov_end(v, 0);
    }
    return err;
}

void guest_iov_end(GuestIov *v, abi_long written)
{
    for (abi_ulong i = 0; i < v->nbufs; i++) {
        abi_long seg = MIN(MAX(written, 0), (abi_long)v->bufs[i].len);

        guest_buf_end(&v->bufs[i], seg);
        written -= seg;
    }
    if (v->iov != HOST_FAULTING_ADDR) {
        free(v->iov);
    }
    free(v->bufs);
    memset(v, 0, sizeof(*v));
}

uint32_t *guest_futex_word(abi_ulong gaddr)
{
    uint8_t *h;

    mmap_lock();
    h = guest_page_host(gaddr, GUEST_READ);
    mmap_unlock();
    if (!h) {
        /* keep the offset: a misaligned word is EINVAL before anything */
        h = (uint8_t *)HOST_FAULTING_ADDR + (gaddr & ~TARGET_PAGE_MASK);
    }
    return (uint32_t *)h;
}
