/*
 * mmap-internal.h: what guest-space.c, mmap.c, mremap.c and mmap-file-size.c
 * share.  Guest
 * ranges are [start, end) in uint64_t so that the end of the 4 GiB i386
 * space (2^32) is representable.  Everything here expects mmap_lock held.
 */
#ifndef LINUX_USER_MMAP_INTERNAL_H
#define LINUX_USER_MMAP_INTERNAL_H

#include "qemu.h"

/* guest-space.c */
/* Searches for free ranges leave [start, end) alone (MAP_FIXED may still
   map there), as Linux leaves its stack guard gap. */
void guest_space_keep_free(uint64_t start, uint64_t end);
/* Whether [start, end) overlaps what searches leave alone. */
bool guest_space_kept_free(uint64_t start, uint64_t end);
/* Whether the whole guest space is reserved on the host (else guest ranges
   are taken from the host as they are mapped). */
bool guest_window_reserved(void);
/* A free H-aligned guest range of size bytes (a multiple of H) at or above
   start, below 2 GiB when low32; (abi_ulong)-1 if none.  Outside a
   reserved window the range comes back reserved PROT_NONE on the host. */
abi_ulong find_free_range(uint64_t start, uint64_t size, bool low32);
/* Give the H-aligned host pages of [start, end) back (to the reservation
   in a reserved window, to the kernel otherwise). */
void host_release(uint64_t start, uint64_t end);
/* Outside a reserved window a MAP_FIXED must not replace the emulator's
   own memory: take the host pages of [start, end) that hold no guest page,
   failing with -ENOMEM if the host already uses any of them. */
int claim_host_range(uint64_t start, uint64_t end);

/* mmap.c */
/* OR of the flags of the guest pages in [start, end). */
int flags_union(uint64_t start, uint64_t end);
/* Replace the bits clear by set in every valid page of [start, end). */
void update_valid_flags(uint64_t start, uint64_t end, int clear, int set);
/* Copy the bytes of the len bytes of guest pages at src to those at dest
   (wherever each page lives); dest's pages are valid and take private
   content.  The caller syncs the host protection of dest afterwards. */
void copy_guest_pages(uint64_t dest, uint64_t src, uint64_t len);
abi_long do_mmap(uint64_t start, uint64_t len, int prot, int flags, int fd,
                 off_t offset);
int do_munmap(uint64_t start, uint64_t len);
/* Whether file pages are kept exact at 4 KiB (precise protection, or every
   access checked anyway): end of file and private copies then live in
   windows where the host page cannot give them. */
bool exact_file_pages(void);
/* The flag that pages of a private file mapping mapped straight from their
   file take with PAGE_FILE_PRIV: PAGE_FILE_VIEW where the host would copy
   less than a host page at their first write (under -p, unless
   exact_file_pages), else 0. */
int file_view_flag(void);
/* In the builds that keep file pages exact: redirect the pages of the file
   mapping [start, end) (offset: of start) that its file's end leaves to the
   emulator's judgment, from the host page holding end of file up to the
   first page already redirected; copied: [start, end) holds copies, only
   its pages wholly past end of file move.  0 or -errno. */
int redirect_past_eof(uint64_t start, uint64_t end, int prot, int flags,
                      int fd, off_t offset, bool copied);
int do_mprotect(uint64_t start, uint64_t len, int prot, uint64_t *changed_end);

#endif
