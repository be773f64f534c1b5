/*
 * uaccess.h: how the syscall layer reaches guest memory.  Nothing in it
 * assumes that a guest page lives at g2h(addr) or that the host page
 * around it allows what the guest's 4 KiB page allows: every access asks
 * the page map (page_tlb_fill, page_host_allows in exec/cpu-all.h).
 * docs/devel/linux-user.md, "Guest memory", says when to use which part.
 *
 * - The emulator's own copies (copy_from_user, copy_to_user, get_user,
 *   put_user, strings): page by page through page_tlb_fill's addend, under
 *   mmap_lock so that no other thread unmaps a page in the middle.  Like
 *   the kernel's, they copy up to the first page the guest may not access
 *   and then fail with -TARGET_EFAULT.
 * - Buffers handed to a host system call (GuestBuf, GuestIov): in place
 *   when the host memory of the whole range allows the access as it is,
 *   otherwise through a bounce buffer.  A bounce holds the bytes of the
 *   pages the guest may access and is followed by a host page that nobody
 *   may access where the guest's first inaccessible page is, so that the
 *   host kernel meets the fault at the same byte as it would natively and
 *   decides itself between a short count, EFAULT, or another error first.
 */
#ifndef LINUX_USER_UACCESS_H
#define LINUX_USER_UACCESS_H

#include <sys/uio.h>

/* What a system call does with guest memory (combinable). */
#define GUEST_READ   PAGE_READ      /* reads it: write()'s buffer, an input struct */
#define GUEST_WRITE  PAGE_WRITE     /* writes it: read()'s buffer, an output struct */

/* The kernel's access_ok(): whether [addr, addr+len) lies in the range a
   user pointer may take.  Says nothing about what is mapped there. */
bool guest_range_ok(abi_ulong addr, abi_ulong len);

/* How many bytes from addr on (at most len) lie in pages the guest may
   access with access (GUEST_READ and/or GUEST_WRITE). */
abi_ulong guest_accessible_len(abi_ulong addr, abi_ulong len, int access);

/* Copy between guest and host memory: 0, or -TARGET_EFAULT after copying
   the bytes before the first page the guest may not access. */
abi_long copy_from_user(void *dst, abi_ulong src, size_t len);
abi_long copy_to_user(abi_ulong dst, const void *src, size_t len);
/* Zero guest memory, the same way. */
abi_long clear_user(abi_ulong dst, size_t len);

/* One value of a C type: 0 or -TARGET_EFAULT. */
#define get_user(x, gaddr, type) \
    ({ type v_; abi_long e_ = copy_from_user(&v_, gaddr, sizeof(type)); \
       if (!e_) { (x) = v_; } e_; })
#define put_user(x, gaddr, type) \
    ({ type v_ = (x); copy_to_user(gaddr, &v_, sizeof(type)); })
#define get_user_ual(x, gaddr) get_user(x, gaddr, abi_ulong)
#define put_user_ual(x, gaddr) put_user(x, gaddr, abi_ulong)

/*
 * Strings, as the kernel's strncpy_from_user: copies at most size bytes of
 * the NUL-terminated string at src to dst; returns its length when the NUL
 * came within size bytes (dst is then terminated), size when it did not,
 * -TARGET_EFAULT when a page the guest may not read came first.
 */
abi_long strncpy_from_user(char *dst, abi_ulong src, size_t size);
/* A path argument, as the kernel's getname: 0, -TARGET_EFAULT, or
   -TARGET_ENAMETOOLONG when it does not fit PATH_MAX bytes. */
abi_long path_from_user(char *dst, abi_ulong src);
/* A string of any length up to max bytes with its NUL, malloc'ed; NULL
   with *err set (-TARGET_EFAULT, or too_long when it is longer). */
char *strdup_from_user(abi_ulong src, size_t max, abi_long too_long, abi_long *err);

/* The path argument gaddr as the local char array var[PATH_MAX]; the
   enclosing handler returns the error if it cannot be read. */
#define PATH_FROM_USER(var, gaddr)                               \
    char var[PATH_MAX];                                          \
    do {                                                         \
        abi_long path_err_ = path_from_user(var, gaddr);         \
        if (path_err_) {                                         \
            return path_err_;                                    \
        }                                                        \
    } while (0)

/*
 * A guest buffer handed to a host system call, between guest_buf_begin
 * and guest_buf_end.  The host call gets host and len (len may be shorter
 * than the guest's when the range reaches pages the guest may not access:
 * the host kernel faults before it gets there).  access says what the call
 * does with the buffer: GUEST_READ ones are filled from the guest before
 * the call, GUEST_WRITE ones copied back after it, only the bytes the call
 * reports written.
 */
typedef struct GuestBuf {
    void *host;             /* what the host call gets */
    size_t len;             /* the length the host call gets */
    abi_ulong gaddr;
    size_t reach;           /* bounced: bytes in pages the guest may access */
    void *bounce;           /* NULL when the host call works in place */
    size_t map_len;         /* a mapped bounce (with its guard); 0: malloc'ed */
} GuestBuf;

/* 0, or -TARGET_ENOMEM.  A range that fails guest_range_ok gets a host
   address the host kernel rejects in the same way, so that its other
   checks still come first; a NULL gaddr stays NULL unless the guest has
   memory there that the host call can use in place. */
abi_long guest_buf_begin(GuestBuf *b, abi_ulong gaddr, abi_ulong len, int access);
/* Copy back len bytes at offset off of a GUEST_WRITE buffer (none when
   in place), for calls that write scattered fields. */
void guest_buf_copy_back(GuestBuf *b, size_t off, size_t len);
/* Copy back the first written bytes (nothing if written <= 0) and free. */
void guest_buf_end(GuestBuf *b, abi_long written);

/*
 * A guest iovec array as host iovecs for readv/writev/sendmsg/recvmsg:
 * the host call gets iov and count, and makes the kernel's own checks
 * (count above UIO_MAXIOV, negative lengths, ranges, MAX_RW_COUNT) on
 * them: an unreadable guest array becomes a host address the host cannot
 * read either, a negative guest length stays negative.
 */
typedef struct GuestIov {
    struct iovec *iov;      /* what the host call gets */
    abi_ulong count;
    GuestBuf *bufs;
    abi_ulong nbufs;        /* begun, for guest_iov_end */
} GuestIov;

/* 0, or -TARGET_ENOMEM. */
abi_long guest_iov_begin(GuestIov *v, abi_ulong giov, abi_ulong count, int access);
/* Copy back the first written bytes over the segments in order, and free. */
void guest_iov_end(GuestIov *v, abi_long written);

/*
 * The host address of the 32-bit futex word at gaddr: where its bytes
 * really are (page_tlb_fill), so that every thread waiting or waking on
 * that guest word names the same host word.  For a word the guest may not
 * read, a host address the host kernel faults on, at the same offset in
 * its page (a private FUTEX_WAKE never reads the word and still succeeds,
 * as natively).
 */
uint32_t *guest_futex_word(abi_ulong gaddr);

#endif
