/*
 * shdwrt.h: guest mappings redirected out of bound (accel/tcg/shdwrt/).
 *
 * A file or shared-memory mapping whose guest address and offset disagree
 * modulo the host page H, or that shares a host page with other mappings,
 * cannot be placed in bound by the host kernel.  Instead the object itself
 * is mapped out of bound at an H-aligned offset (a "window": never a copy),
 * the in-bound host pages become shadowed (exec/page-map.h) and each guest
 * page's home is its place in the window (PAGE_REDIRECTED).  Checked
 * accesses (software TLB) reach it there; what a direct access does when it
 * faults on such a page is the build's strategy (configure --shdwrt=):
 *
 * - break (and none): the faulting block is retranslated with checked
 *   accesses; when the last redirected page of a host page goes away, its
 *   private pages return in bound and broken blocks are dropped.
 * - interp: the faulting instruction alone runs checked; nothing is
 *   restored.
 * - vtlb: every block is checked from the start, so nothing faults.
 *
 * With --shdwrt=none, shared *writable* mappings that need a window are
 * refused with EINVAL as QEMU does; read-only ones are redirected in every
 * build, so that they stay coherent with the file.
 *
 * Everything here expects mmap_lock held unless it says otherwise.
 * See docs/devel/shdwrt.md.
 */
#ifndef EXEC_SHDWRT_H
#define EXEC_SHDWRT_H

#include "exec/exec-all.h"

/* Whether this build redirects shared writable mappings (not --shdwrt=none). */
bool shdwrt_enabled(void);

/*
 * Map [start, end) (4 KiB aligned, inside claimed guest space) to the file
 * fd at offset, or to new shared anonymous memory when fd < 0, through a
 * window: map_flags' MAP_TYPE says shared or private (a private one's
 * pages are PAGE_COPY_ON_WRITE until written).  The guest pages are
 * then redirected; the caller sets their flags (page_set_flags) and syncs.
 */
int redirect_map(uint64_t start, uint64_t end, int prot, int map_flags,
                 int fd, off_t offset);
/* The same for an attached SysV segment: host is where hp_shmat put it
   (out of bound), len its H-rounded size. */
int redirect_shm(uint64_t start, uint64_t end, void *host, size_t len);
/* The same for shared memory without a file that the host shows at
   consecutive addresses from home (in bound, or in a window): the window
   is a second host mapping of it (mremap with old size 0), so it is the
   same memory; pages past the memory's end give SIGBUS. */
int redirect_alias(uint64_t start, uint64_t end, void *home);
/* The guest pages [start, end) stop being redirected (unmapped, or about to
   be mapped over); windows nobody uses any more are released. */
void redirect_unmap(uint64_t start, uint64_t end);
/* Whether the host page at h holds a redirected guest page. */
bool host_page_redirected(uint64_t h);
/* Whether it holds one redirected into a shared object (a file mapped
   shared, shared memory, a SysV segment), not a private file mapping's
   view or copies; mmap_lock held. */
bool host_page_holds_shared(uint64_t h);
/* The window of redirected page addr, seen from the file: its fd (-1 for
   memory without a file) and the offset of addr.  False if none. */
bool redirect_file_of(target_ulong addr, int *fd, off_t *offset, int *map_flags);
/* A write is about to reach the PAGE_COPY_ON_WRITE page at page (its first
   since mapped or discarded): it gets its private copy of the file's bytes. */
void redirect_copy_on_write(target_ulong page);
/* MADV_DONTNEED of a redirected private file page: its copy goes and it
   shows the file again.  False if page is no such page. */
bool redirect_discard_copy(target_ulong page);
/* A file a window maps may have changed size (after a guest syscall that
   can do that): the next fill of each window asks the file again.
   Lock-free. */
void redirect_note_file_sizes(void);
/* page_tlb_fill's extra question for a redirected page (no lock needed):
   PAGE_FAULT_SIGBUS for a file page wholly past end of file, as a 4 KiB
   kernel says; else PAGE_FAULT_NONE. */
int redirect_fill_check(target_ulong addr);

/* The strategy's answer to a direct access that faulted on a shadowed host
   page (cpu_exec, mmap_lock held): tb is the faulting block (NULL if a
   helper faulted), pc the faulting instruction. */
void shdwrt_direct_fault(CPUArchState *env, TranslationBlock *tb, target_ulong pc);
/* The last redirected page of the host page at h went away. */
void shdwrt_host_page_released(uint64_t h);
/* Whether every block is translated with checked accesses (vtlb). */
bool shdwrt_all_checked(void);

/*
 * Events.  Counted in every build (-d shdwrt prints the counts at exit);
 * with --enable-shdwrt-dbgmsg each one is also written to the -D log with
 * the guest address and the thread.  Without the switch the log call is
 * not compiled at all.
 */
typedef enum ShdwrtEvent {
    SHDWRT_EV_REDIRECT,         /* a window set up */
    SHDWRT_EV_RELEASE,          /* a window released */
    SHDWRT_EV_BREAK,            /* a block broken into checked accesses */
    SHDWRT_EV_INTERP,           /* one instruction run checked */
    SHDWRT_EV_RESTORE,          /* a host page's private pages back in bound */
    SHDWRT_EV_REFILL,           /* a TLB fill of a redirected page */
    SHDWRT_EV_SIGBUS,           /* an access past end of file made SIGBUS */
    SHDWRT_EV_COPY,             /* a private file page copied at its first write */
    SHDWRT_EV_COUNT
} ShdwrtEvent;

extern uint64_t shdwrt_event_counts[SHDWRT_EV_COUNT];
void shdwrt_log_event(ShdwrtEvent ev, uint64_t guest_addr);
/* -d shdwrt: the counts, at exit. */
void shdwrt_print_summary(void);

#ifdef CONFIG_SHDWRT_DBGMSG
#define shdwrt_event(ev, addr)                                              \
    do {                                                                    \
        __atomic_fetch_add(&shdwrt_event_counts[ev], 1, __ATOMIC_RELAXED);  \
        shdwrt_log_event(ev, addr);                                         \
    } while (0)
#else
#define shdwrt_event(ev, addr)                                              \
    ((void)(addr), __atomic_fetch_add(&shdwrt_event_counts[ev], 1, __ATOMIC_RELAXED))
#endif

#endif
