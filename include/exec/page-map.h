/*
 * page-map.h: the one owner of guest-page state (accel/tcg/page-map.c).
 *
 * Per 4 KiB guest page it knows: valid, the guest's protection, how the
 * page is backed, whether translated code was made from it, and where its
 * bytes are (in bound at g2h(addr), or out of bound when its host page is
 * shadowed).  From those facts alone it derives the protection of each host
 * page of H bytes.  mmap/munmap/mprotect (linux-user), the TB cache (SMC),
 * the host fault handler, the software TLB and the syscall layer all ask
 * it; none of them protects guest memory on its own.
 *
 * Reads are lock-free (signal handlers use them); every change holds
 * mmap_lock.  See docs/devel/memory.md.
 */
#ifndef EXEC_PAGE_MAP_H
#define EXEC_PAGE_MAP_H

/* The guest's view (the page_set_flags caller decides these). */
#define PAGE_READ       0x0001
#define PAGE_WRITE      0x0002
#define PAGE_EXEC       0x0004
#define PAGE_BITS       (PAGE_READ | PAGE_WRITE | PAGE_EXEC)
#define PAGE_VALID      0x0008
/* How the page is backed. */
#define PAGE_ANON       0x0020
#define PAGE_FILE_PRIV  0x0040
#define PAGE_FILE_SHARED 0x0080
/*
 * A private file page mapped straight from its file while the layer
 * simulates a large host page (-p; not where file pages are kept exact,
 * linux-user/mmap.c): its host page still shows the page cache.  A kernel
 * with H-byte pages copies the whole host page at the first write to any
 * byte of it, the host here only the 4 KiB written; so the host page is
 * kept without write until that first write, and the page map then copies
 * all of it and clears the bit on its pages.  Set by the caller of
 * page_set_flags with PAGE_FILE_PRIV (kept by mprotect, moved by mremap).
 */
#define PAGE_FILE_VIEW  0x1000
/*
 * An anonymous page not seen written since it was mapped or discarded
 * (MADV_DONTNEED): a 4 KiB kernel has nothing resident there yet.  A host
 * page of H bytes is resident as soon as any of its guest pages is
 * touched, so mincore tells such a page apart by its bytes
 * (linux-user/syscall_mem.c).  Set by the caller of page_set_flags with
 * PAGE_ANON; cleared by mlock, MADV_POPULATE_* and by mincore itself once
 * the page no longer reads as zeros.
 */
#define PAGE_UNTOUCHED  0x2000
/* The page map's own facts, kept across page_set_flags: */
/* Translated code was made from this page (writes must drop it). */
#define PAGE_CODE       0x0100
/* The page's host page is shadowed: every guest page of it lives out of
   bound and the in-bound host page is inaccessible. */
#define PAGE_SHADOWED   0x0200
/* The page's home is a window onto its file or shared memory, out of
   bound (exec/shdwrt.h); its host page is shadowed. */
#define PAGE_REDIRECTED 0x0400
/* A redirected page of a private file mapping whose home is still the
   file itself: its first write gives it a private copy first. */
#define PAGE_COPY_ON_WRITE 0x0800
#define PAGE_MAP_OWNED  (PAGE_CODE | PAGE_SHADOWED | PAGE_REDIRECTED | PAGE_COPY_ON_WRITE)

int page_get_flags(target_ulong address);
/* The first page in [start, end) with any of the flags bits (start itself
   when that page has them), or end; uniform stretches of the map are
   skipped without looking at their pages. */
uint64_t page_find_flags(uint64_t start, uint64_t end, int bits);
/* The flags of the page at addr (< end); *run_end is the end of the run of
   pages from there with the same flags, at most end.  Stretches the map
   holds as uniform (huge mappings) cost one step per 4 MiB or more. */
int page_flags_run(uint64_t addr, uint64_t end, uint64_t *run_end);
/* Set the guest's facts (valid, protection, backing) of [start, end);
   PAGE_MAP_OWNED bits in flags are ignored.  Drops translated code that
   goes stale.  The host protection is not touched: call page_map_sync. */
void page_set_flags(target_ulong start, target_ulong end, int flags);
/* 0 if every page in [addr, addr+len) is valid and the guest's protection
   has all of flags. */
int page_check_range(target_ulong start, target_ulong len, int flags);

/*
 * Make the host pages meeting [start, end) agree with the flags of their
 * guest pages: shadow those that need it (under CONFIG_PRECISE_PROT, host
 * pages whose guest pages differ in validity or protection) and give each
 * the protection derived from its guest pages.  mmap_lock held.
 */
int page_map_sync(uint64_t start, uint64_t end);
/* The protection the host page at h gets (the one definition). */
int host_page_prot(uint64_t h);
/* Where the bytes of guest page addr are on the host (in bound or out of
   bound).  mmap_lock held or a TLB entry's lifetime. */
void *page_home(target_ulong addr);
/* Guest page addr of a shadowed host page is getting private content
   (a new private mapping): its home becomes the private region. */
void page_make_private_home(target_ulong addr);
/* Guest page addr (its host page shadowed) lives at home in a window:
   PAGE_REDIRECTED, and PAGE_COPY_ON_WRITE if copy_on_write.  Called again
   to move it within its window.  page_unredirect gives it its private home
   back. */
void page_redirect(target_ulong addr, void *home, bool copy_on_write);
void page_unredirect(target_ulong addr);
/* Whether any host page is shadowed (some guest page lives out of bound,
   where a software TLB entry can outlive a mapping change).  Lock-free. */
bool page_map_has_shadows(void);
/* Shadow the host page at h now, whatever its pages (their content moves
   out of bound with them).  0 or -errno.  mmap_lock held. */
int page_shadow(uint64_t h);
/* The host page at h is about to be replaced whole by a new host mapping:
   forget its shadow. mmap_lock held. */
void page_unshadow(uint64_t h);

/*
 * Who else shows a page of shared memory (linux-user's vma table knows):
 * fills out with the other guest pages mapping the same file page as the
 * MAP_SHARED page addr, at most max of them; returns how many.  mmap_lock
 * held.  Code translated from one of them is code in all (SMC through a
 * second mapping).
 */
typedef int PageAliasFinder(target_ulong addr, target_ulong *out, int max);
void page_set_alias_finder(PageAliasFinder *fn);

/*
 * TB cache: code is about to be translated from the guest page at
 * page_addr, whose bytes are read only after this returns (then any later
 * write reaches the SMC path).  True when the page is writable and was not
 * code yet: another CPU may still write it through a TLB entry filled
 * before, so the bytes may be read only once every CPU has flushed
 * (cpu_wait_tlb_generation).  mmap_lock held.
 */
bool page_note_code(target_ulong page_addr);

/*
 * The host fault handler's question, lock-free: a host fault by an access
 * (PAGE_READ/WRITE/EXEC) at guest address addr.  PAGE_FAULT_NONE means the
 * guest's protection allows it, or the host page would let it through but
 * for the emulator's own protection (code, shadowing, a private file host
 * page not yet copied: PAGE_FILE_VIEW), and page_resolve_access, called
 * outside the signal context, makes the retry succeed.  Otherwise the guest
 * fault.
 */
int page_judge_fault(target_ulong addr, int access);
/* Outside signal context: make an access the guest is allowed work again
   (drop translated code on a written code page, ...).  Returns true when
   direct (guest_base + addr) accesses to the page can work now, false when
   the page is shadowed and only checked accesses reach it. */
bool page_resolve_access(target_ulong addr, int access);

#endif
