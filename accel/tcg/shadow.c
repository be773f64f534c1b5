/*
 * shadow.c: shadowing a host page.  When one host page of H bytes must
 * behave as several 4 KiB guest pages that the host cannot tell apart (each
 * with its own protection under CONFIG_PRECISE_PROT, or a written code page
 * next to other code pages), the bytes of all its guest pages move out of
 * bound and the in-bound host page becomes PROT_NONE.  Direct accesses then
 * fault; the fault path breaks the faulting block into one whose accesses
 * are checked (software TLB, exec/cpu-tlb.h), and checked accesses reach
 * each page at its home with its own 4 KiB permissions.
 *
 * Out of bound, a shadowed host page has:
 * - a private anonymous region of H bytes: the home of its private pages
 *   (copied in when shadowing) and of pages mapped later;
 * - for shared pages, an alias of the in-bound shared mapping (the same
 *   file or shared memory, made by mremap with old size 0), so that the
 *   pages stay the shared object itself, never a copy.
 * Retired regions are replaced by PROT_NONE reservations instead of being
 * unmapped: a CPU whose TLB still points there faults (and retries with a
 * fresh TLB) rather than reaching memory that was reused.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <sys/uio.h>
#include <glib.h>
#include "qemu/log.h"
#include "qemu/hostpage.h"
#include "exec/exec-all.h"
#include "exec/shdwrt.h"
#include "shadow.h"

typedef struct Shadow {
    uint8_t *priv;      /* home of private pages */
    uint8_t *alias;     /* the in-bound shared mapping, seen out of bound */
} Shadow;

/* Host page address -> Shadow, under mmap_lock. */
static GHashTable *shadows;
/* How many there are (read without the lock). */
static unsigned n_shadows;

bool page_map_has_shadows(void)
{
    return __atomic_load_n(&n_shadows, __ATOMIC_ACQUIRE) != 0;
}

static Shadow *shadow_lookup(uint64_t h)
{
    return shadows ? g_hash_table_lookup(shadows, (gpointer)(uintptr_t)h) : NULL;
}

/*
 * Out of bound, on the host: where the guest's own mappings do not go.
 * When the guest space covers the host's (an x86_64 guest at guest_base
 * 0), the kernel's choice would be the area guest mmaps come from, and a
 * hole the guest unmapped could hold our region when the guest maps there
 * again; so ask for addresses from 32 TiB up, far from both the guest's
 * mappings (top down from below its stack) and its break.  The kernel
 * goes elsewhere when that is taken.
 */
void *oob_mmap(size_t len, int prot, int flags, int fd, off_t off)
{
    static uintptr_t cursor = (uintptr_t)1 << 45;
    void *hint = NULL;
    void *p;

    if (h2g_valid(cursor)) {
        hint = (void *)cursor;
    }
    p = hp_mmap(hint, len, prot, flags, fd, off);
    if (p != MAP_FAILED && p == hint) {
        cursor += len;
    }
    return p;
}

/* Copy a page that may fault (a file page past end of file on a 4 KiB host
   reads as SIGBUS): the kernel copies it for us and reports EFAULT instead,
   leaving the destination zero. */
static void copy_page_safely(void *dst, const void *src)
{
    struct iovec local = { dst, TARGET_PAGE_SIZE };
    struct iovec remote = { (void *)src, TARGET_PAGE_SIZE };

    if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != TARGET_PAGE_SIZE) {
        memset(dst, 0, TARGET_PAGE_SIZE);
    }
}

/* A second view of the shared mapping holding the host page at in. */
static uint8_t *alias_shared(uint8_t *in)
{
    uint8_t *alias = hp_mremap(in, 0, qemu_host_page_size, MREMAP_MAYMOVE, NULL);

    if (alias == MAP_FAILED) {
        return NULL;
    }
    /* Writable if the file allows; the TLB grants write only where the
       guest's protection has it. */
    if (hp_mprotect(alias, qemu_host_page_size, PROT_READ | PROT_WRITE) != 0) {
        hp_mprotect(alias, qemu_host_page_size, PROT_READ);
    }
    return alias;
}

/* Whether the host page at host was never touched: anonymous memory the
   kernel has not given a page yet reads as zeros, so copying it (and
   faulting fresh pages in at the destination) would only cost. */
static bool host_page_untouched(uint8_t *host)
{
    unsigned char resident = 1;

    return hp_mincore(host, qemu_host_page_size, &resident) == 0 && !(resident & 1);
}

static void retire(uint8_t *region)
{
    if (region) {
        hp_mmap(region, qemu_host_page_size, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    }
}

int shadow_host_page(uint64_t h)
{
    size_t size = qemu_host_page_size;
    uint8_t *in = g2h(h);
    Shadow *sh = g_new0(Shadow, 1);
    bool shared = false, file = false, untouched;

    for (uint64_t a = h; a < h + size; a += TARGET_PAGE_SIZE) {
        int flags = page_get_flags(a);
        shared |= (flags & (PAGE_VALID | PAGE_FILE_SHARED)) == (PAGE_VALID | PAGE_FILE_SHARED);
        file |= (flags & (PAGE_VALID | PAGE_FILE_PRIV)) == (PAGE_VALID | PAGE_FILE_PRIV);
    }
    /* (A private file page not yet read in is no zero page.) */
    untouched = !file && host_page_untouched(in);
    sh->priv = oob_mmap(size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sh->priv == MAP_FAILED) {
        g_free(sh);
        return -ENOMEM;
    }
    if (shared && !(sh->alias = alias_shared(in))) {
        retire(sh->priv);
        g_free(sh);
        return -ENOMEM;
    }
    /* Writers (other threads in direct code) fault from here on and wait
       for mmap_lock; nothing they write can be lost after the copy. */
    hp_mprotect(in, size, PROT_READ);
    for (uint64_t a = h; a < h + size; a += TARGET_PAGE_SIZE) {
        int flags = page_get_flags(a);
        size_t off = a - h;

        if ((flags & PAGE_VALID) && (flags & PAGE_FILE_SHARED)) {
            page_set_home(a, sh->alias + off);
            continue;
        }
        if ((flags & PAGE_VALID) && !untouched) {
            copy_page_safely(sh->priv + off, in + off);
        }
        page_set_home(a, sh->priv + off);
    }
    host_page_mark(h, PAGE_SHADOWED, true);
    /* (its private pages are copies now: none waits for a first write) */
    host_page_mark(h, PAGE_FILE_VIEW, false);
    hp_mmap(in, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
            -1, 0);
    if (!shadows) {
        shadows = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    g_hash_table_insert(shadows, (gpointer)(uintptr_t)h, sh);
    __atomic_store_n(&n_shadows, g_hash_table_size(shadows), __ATOMIC_RELEASE);
    qemu_log_mask(CPU_LOG_PAGE, "shadow: host page " TARGET_FMT_lx " -> %p%s\n",
                  (target_ulong)h, sh->priv, shared ? " (+ shared alias)" : "");
    return 0;
}

void page_unshadow(uint64_t h)
{
    Shadow *sh = shadow_lookup(h);

    if (!sh) {
        return;
    }
    host_page_mark(h, PAGE_SHADOWED, false);
    retire(sh->priv);
    retire(sh->alias);
    g_hash_table_remove(shadows, (gpointer)(uintptr_t)h);
    __atomic_store_n(&n_shadows, g_hash_table_size(shadows), __ATOMIC_RELEASE);
    g_free(sh);
    qemu_log_mask(CPU_LOG_PAGE, "shadow: host page " TARGET_FMT_lx " released\n",
                  (target_ulong)h);
}

int shadow_restore(uint64_t h)
{
    size_t size = qemu_host_page_size;
    Shadow *sh = shadow_lookup(h);
    uint8_t *in = g2h(h);
    bool untouched;

    if (!sh || sh->alias || host_page_redirected(h) || host_page_needs_shadow(h)) {
        return -EBUSY;
    }
    /* Writers through stale TLB entries fault from here on and wait for
       mmap_lock; nothing they write can be lost after the copy. */
    hp_mprotect(sh->priv, size, PROT_READ);
    untouched = host_page_untouched(sh->priv);
    if (hp_mmap(in, size, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
        hp_mprotect(sh->priv, size, PROT_READ | PROT_WRITE);
        return -EBUSY;
    }
    for (uint64_t a = h; a < h + size && !untouched; a += TARGET_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_VALID) {
            memcpy(in + (a - h), sh->priv + (a - h), TARGET_PAGE_SIZE);
        }
    }
    page_unshadow(h);
    page_map_sync(h, h + size);
    qemu_log_mask(CPU_LOG_PAGE, "shadow: host page " TARGET_FMT_lx " back in bound\n",
                  (target_ulong)h);
    return 0;
}

void page_make_private_home(target_ulong addr)
{
    uint64_t h = addr & qemu_host_page_mask;
    Shadow *sh = shadow_lookup(h);

    if (sh) {
        page_set_home(addr, sh->priv + (addr - h));
    }
}
