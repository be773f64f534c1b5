/*
 * shadow.h: what page-map.c and shadow.c share (accel/tcg only).
 */
#ifndef ACCEL_TCG_SHADOW_H
#define ACCEL_TCG_SHADOW_H

/* page-map.c */
/* Guest page addr's bytes are at host (mmap_lock held). */
void page_set_home(target_ulong addr, void *host);
/* Set (on) or clear a PAGE_MAP_OWNED bit on every guest page of host page h. */
void host_page_mark(uint64_t h, int bit, bool on);

/* Whether the host page at h must stay shadowed for the page map's own
   reasons (under CONFIG_PRECISE_PROT: guest pages of different validity or
   protection). */
bool host_page_needs_shadow(uint64_t h);

/* shadow.c */
/* hp_mmap(NULL, ...) for memory out of bound: placed where guest mappings
   do not go, even where the guest space is the whole host space. */
void *oob_mmap(size_t len, int prot, int flags, int fd, off_t off);
/* Move the bytes of every guest page of the host page at h out of bound
   and make the in-bound host page inaccessible.  0 or -errno. */
int shadow_host_page(uint64_t h);
/* The opposite, when nothing needs the shadow any more (no redirected or
   shared page, host_page_needs_shadow false): the guest pages' bytes move
   back in bound.  0, or -EBUSY when the host page must stay shadowed. */
int shadow_restore(uint64_t h);

#endif
