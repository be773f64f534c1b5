/*
 * vma-table.h: what a Linux kernel's vma would know about each guest
 * mapping that the page map does not (vma-table.c), for /proc/self/maps:
 *
 * - the file a file mapping came from and the offset of each page.  The
 *   host mapping no longer tells: under a host page larger than 4 KiB a
 *   private file mapping may be copied into anonymous memory or shadowed
 *   (its bytes out of bound), and the host then shows anonymous memory;
 * - the vma flags that keep a kernel from merging neighbours with the same
 *   protection: VM_ACCOUNT (a private mapping that was ever writable, such
 *   as a library's data segment after its RELRO part is made read-only)
 *   and VM_NORESERVE; and those madvise sets that a fork obeys,
 *   VM_WIPEONFORK and VM_DONTCOPY.
 *
 * The mapping code reports each successful guest mmap, munmap, mprotect and
 * mremap (linux-user/mmap.c, mremap.c); everything expects mmap_lock held.
 */
#ifndef LINUX_USER_VMA_TABLE_H
#define LINUX_USER_VMA_TABLE_H

#include "qemu.h"

#define VMA_FILE      1         /* mapped from a file */
#define VMA_SHARED    2         /* MAP_SHARED */
#define VMA_ACCOUNT   4         /* the kernel's VM_ACCOUNT */
#define VMA_NORESERVE 8         /* MAP_NORESERVE */
#define VMA_WIPEONFORK 16       /* MADV_WIPEONFORK: a forked child reads zeros */
#define VMA_DONTFORK  32        /* MADV_DONTFORK: a forked child has no such pages */
#define VMA_GROWSDOWN 64        /* MAP_GROWSDOWN (growsdown.c) */

/* One guest range made by one mmap (or what is left of it). */
typedef struct GuestVma {
    uint64_t start, end;        /* guest range, 4 KiB aligned */
    uint64_t offset;            /* file offset of start (VMA_FILE) */
    dev_t dev;
    ino_t ino;
    off_t file_size;            /* the file's size as the mapping last saw it */
    int flags;                  /* VMA_* */
    char *path;                 /* as /proc/self/fd named the file */
} GuestVma;

/* After a successful guest mmap of [start, start+len) (fd: the file, for
   a mapping without MAP_ANONYMOUS).  flags are the guest's, as target_mmap
   takes them (TARGET_MAP_NORESERVE: ppc64 hosts number it otherwise). */
void vma_note_mmap(uint64_t start, uint64_t len, int prot, int flags, int fd,
                   uint64_t offset);
void vma_note_munmap(uint64_t start, uint64_t len);
void vma_note_mprotect(uint64_t start, uint64_t len, int prot);
/* The records move with the pages; pages grown after a mapping continue
   it (in the file too), as the kernel's vma does. */
void vma_note_mremap(uint64_t old_addr, uint64_t old_size, uint64_t new_size,
                     uint64_t new_addr);
/* After a successful madvise that sets (set) or clears flag (VMA_WIPEONFORK
   or VMA_DONTFORK) on [start, end): pages mapped without mmap (the break,
   the loader's) get a record of their own to carry it. */
void vma_note_fork_advice(uint64_t start, uint64_t end, int flag, bool set);
/* The ranges of the records with flag, as {start, end} pairs in a new
   array (*ranges, to free); how many. */
size_t vma_ranges_with(int flag, uint64_t (**ranges)[2]);
/* The MAP_GROWSDOWN record starting at start now starts at new_start
   (growsdown.c mapped the pages between). */
void vma_note_grown_down(uint64_t start, uint64_t new_start);
/* The record holding guest address addr, or NULL (memory mapped without
   mmap, such as SysV shared memory). */
const GuestVma *vma_find(uint64_t addr);
/* Call fn on every record mapping the file dev/ino (mmap_lock held; fn may
   change the record's file_size, nothing else of the table). */
void vma_for_each_of_file(dev_t dev, ino_t ino, void (*fn)(GuestVma *v, void *opaque),
                          void *opaque);
/* The page map's PageAliasFinder (exec/page-map.h): the other MAP_SHARED
   mappings of the file page that guest page addr shows. */
int vma_shared_aliases(target_ulong addr, target_ulong *out, int max);

#endif
