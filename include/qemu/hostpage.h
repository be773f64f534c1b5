/*
 * hostpage.h: the host-page layer.  Every host mmap/mprotect/munmap/mremap/
 * madvise on guest memory goes through here.  It knows H, the host page size
 * (the real one, or a larger power of two set with -p / QEMU_PAGESIZE, up to
 * 64 KiB), refuses calls not aligned to H (abort in debug builds, EINVAL
 * otherwise) and returns only H-aligned addresses, so that a 4 KiB machine
 * behaves as a 16/64 KiB one would.  See docs/devel/memory.md.
 */
#ifndef QEMU_HOSTPAGE_H
#define QEMU_HOSTPAGE_H

extern uintptr_t qemu_host_page_size;   /* H */
extern uintptr_t qemu_host_page_mask;   /* ~(H - 1) */
extern uintptr_t qemu_real_host_page_size;

#define HOST_PAGE_ALIGN(a) (((a) + qemu_host_page_size - 1) & qemu_host_page_mask)

/* Set H (0: the real page size).  Returns false if size is not a power of
   two between the real page size and 64 KiB. */
bool hostpage_init(uintptr_t size);

/* Same contracts as the syscalls, plus H alignment; they return MAP_FAILED
   or -1 with errno set on failure. */
void *hp_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
/*
 * The file mapped at base (file offset off, both 4 KiB aligned and
 * congruent modulo H, len a multiple of 4 KiB) changed size from old_size
 * to new_size bytes: under -p, make its pages show what a kernel with H-byte
 * pages would, the host page holding end of file reading zeros past it and
 * pages wholly past that host page faulting.  A real large-page kernel
 * needs nothing, nor does an unsimulated H: then it does nothing.  The
 * caller leaves out a private host page already copied (hp_private_copy)
 * when the file grows: the copy keeps its zeros.
 */
void hp_follow_file_size(void *base, size_t len, int prot, int flags, int fd,
                         off_t off, off_t old_size, off_t new_size);
int hp_munmap(void *addr, size_t len);
int hp_mprotect(void *addr, size_t len, int prot);
void *hp_mremap(void *old, size_t old_len, size_t new_len, int flags, void *new_addr);
int hp_madvise(void *addr, size_t len, int advice);
int hp_msync(void *addr, size_t len, int flags);
int hp_mlock(void *addr, size_t len);
int hp_munlock(void *addr, size_t len);
/* One byte per H page in vec: bit 0 set if the page is resident (under -p,
   if any real page of it is: a large-page kernel has the whole page or
   none of it). */
int hp_mincore(void *addr, size_t len, unsigned char *vec);
/*
 * SysV shared memory.  hp_shmat attaches segment shmid at addr, which must
 * be H-aligned, or where the layer chooses when addr is NULL: then, as on a
 * kernel with H-byte pages, the segment takes whole host pages (the rest of
 * its last host page stays reserved, inaccessible).  The result is H-aligned,
 * or (void *)-1 with errno set.  hp_shmdt detaches the segment attached at
 * the H-aligned addr; the caller releases the rest of the last host page
 * (hp_munmap of the H-rounded size) where it wants it back.
 */
void *hp_shmat(int shmid, void *addr, int flags);
int hp_shmdt(void *addr);

/*
 * The host page at addr (H-aligned, writable) belongs to a private file
 * mapping: give every real page of it its private copy now, as a kernel
 * with H-byte pages does at the first write to any byte of it (from then
 * on none of it sees the file change).  Real pages the kernel cannot copy
 * (wholly past end of file) are left: they keep raising SIGBUS.  Nothing
 * to do unless H is simulated.
 */
void hp_private_copy(void *addr);

/* Copy len bytes of mapped memory that the host may refuse to read (a file
   page wholly past end of file raises SIGBUS; a PROT_NONE page faults): the
   kernel copies for us, and what it cannot read comes out as zeros. */
void hp_copy_readable(void *dst, const void *src, size_t len);

#endif
