/*
 * page-map.c: the state of every 4 KiB guest page and the host protection
 * derived from it (see exec/page-map.h for the contract).
 *
 * Storage: a three-level radix table of uint32_t flags, leaves of 1024
 * pages, allocated on first write, never freed, published with release
 * stores so that lookups need no lock.  A leaf gets an array of addends
 * (host address - guest address) when one of its pages first lives out of
 * bound.
 *
 * Invariants (mmap_lock held to change any of them):
 * - A host page is shadowed or not as a whole: PAGE_SHADOWED is set on all
 *   of its guest pages or none, and then the in-bound host page is
 *   PROT_NONE and every page's bytes are at its addend (shadow.c).
 * - Otherwise its bytes are in bound and host_page_prot() says how the host
 *   page is protected; with CONFIG_PRECISE_PROT that is only allowed when
 *   all its guest pages are valid with one protection, so the host enforces
 *   the guest's protection exactly.
 * - PAGE_CODE: translated code exists for the page.  A guest-writable page
 *   with code makes its in-bound host page read-only (SMC detection), and
 *   TLB entries never cache write permission for it.
 * - PAGE_FILE_VIEW on a valid page keeps its in-bound host page without
 *   write until the first write copies the whole host page (copy_file_view);
 *   TLB entries of such a page never cache write permission either.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "qemu/log.h"
#include "qemu/hostpage.h"
#include "exec/exec-all.h"
#include "exec/cputlb.h"
#include "exec/shdwrt.h"
#include "shadow.h"

#ifdef TARGET_X86_64
#define GUEST_ADDR_BITS 47
#else
#define GUEST_ADDR_BITS 32
#endif
#define PAGE_NUMBER_BITS (GUEST_ADDR_BITS - TARGET_PAGE_BITS)
#define LEAF_BITS 10
#define LEAF_PAGES (1 << LEAF_BITS)
#define MID_BITS  ((PAGE_NUMBER_BITS - LEAF_BITS) / 2)
#define TOP_BITS  (PAGE_NUMBER_BITS - LEAF_BITS - MID_BITS)

typedef struct PageLeaf {
    uint32_t flags[LEAF_PAGES];
    uintptr_t *addend;          /* per page, once a page is out of bound */
} PageLeaf;

/*
 * A leaf slot holds a PageLeaf, or (bit 0 set) the one flags value of all
 * its pages: a uniform leaf.  An empty slot is uniform 0.  So a huge
 * mapping costs a word per 4 MiB, and the walks below step over it a leaf
 * at a time.  A uniform leaf becomes a real one when one of its pages
 * changes alone; real leaves stay (lock-free readers may hold them).  Pages
 * that live out of bound need their addend: their leaf is always real.
 */
typedef uintptr_t LeafSlot;
#define SLOT_UNIFORM 1
#define PAGE_NEEDS_LEAF (PAGE_SHADOWED | PAGE_REDIRECTED | PAGE_COPY_ON_WRITE)

typedef struct PageMid {
    LeafSlot leaves[1 << MID_BITS];
} PageMid;

static PageMid *page_top[1 << TOP_BITS];

/* Starts above the 0 of a new CPU's zero-filled TLB. */
uint64_t page_map_generation = 1;

static uint64_t page_number(uint64_t addr)
{
    return (uint64_t)addr >> TARGET_PAGE_BITS;
}

static bool in_guest_space(uint64_t addr)
{
    return addr <= GUEST_ADDR_MAX;
}

static PageMid *mid_lookup(uint64_t pn)
{
    return __atomic_load_n(&page_top[pn >> (LEAF_BITS + MID_BITS)], __ATOMIC_ACQUIRE);
}

static unsigned mid_index(uint64_t pn)
{
    return (pn >> LEAF_BITS) & ((1 << MID_BITS) - 1);
}

/* The first page number after pn's leaf (or mid). */
static uint64_t leaf_end_pn(uint64_t pn)
{
    return (pn | (LEAF_PAGES - 1)) + 1;
}

static uint64_t mid_end_pn(uint64_t pn)
{
    return (pn | ((1ULL << (LEAF_BITS + MID_BITS)) - 1)) + 1;
}

static LeafSlot slot_load(uint64_t pn)
{
    PageMid *mid = mid_lookup(pn);

    return mid ? __atomic_load_n(&mid->leaves[mid_index(pn)], __ATOMIC_ACQUIRE) : 0;
}

static PageLeaf *slot_leaf(LeafSlot slot)
{
    return slot & SLOT_UNIFORM ? NULL : (PageLeaf *)slot;
}

/* The flags of every page of a slot that has no PageLeaf. */
static int slot_uniform_flags(LeafSlot slot)
{
    return slot >> 1;
}

static void *zalloc_or_die(size_t size)
{
    void *p = calloc(1, size);

    if (!p) {
        cpu_abort_msg("page map: out of memory");
    }
    return p;
}

static LeafSlot *slot_for_write(uint64_t pn)
{
    PageMid **midp = &page_top[pn >> (LEAF_BITS + MID_BITS)];

    if (!*midp) {
        __atomic_store_n(midp, zalloc_or_die(sizeof(PageMid)), __ATOMIC_RELEASE);
    }
    return &(*midp)->leaves[mid_index(pn)];
}

/* The real leaf of page pn, made from its uniform value if need be. */
static PageLeaf *leaf_materialise(uint64_t pn)
{
    LeafSlot *slotp = slot_for_write(pn);
    PageLeaf *leaf = slot_leaf(*slotp);

    if (!leaf) {
        int flags = slot_uniform_flags(*slotp);

        leaf = zalloc_or_die(sizeof(PageLeaf));
        for (unsigned i = 0; flags && i < LEAF_PAGES; i++) {
            leaf->flags[i] = flags;
        }
        __atomic_store_n(slotp, (LeafSlot)leaf, __ATOMIC_RELEASE);
    }
    return leaf;
}

/* Give every page of pn's leaf, which has no PageLeaf, the flags. */
static void leaf_set_uniform(uint64_t pn, int flags)
{
    assert(!(flags & PAGE_NEEDS_LEAF) && !slot_leaf(slot_load(pn)));
    if (slot_uniform_flags(slot_load(pn)) != flags) {
        __atomic_store_n(slot_for_write(pn), ((LeafSlot)flags << 1) | SLOT_UNIFORM,
                         __ATOMIC_RELEASE);
    }
}

static unsigned leaf_index(uint64_t pn)
{
    return pn & (LEAF_PAGES - 1);
}

static int page_number_flags(uint64_t pn)
{
    LeafSlot slot = slot_load(pn);
    PageLeaf *leaf = slot_leaf(slot);

    return leaf ? __atomic_load_n(&leaf->flags[leaf_index(pn)], __ATOMIC_RELAXED)
                : slot_uniform_flags(slot);
}

int page_get_flags(target_ulong address)
{
    return in_guest_space(address) ? page_number_flags(page_number(address)) : 0;
}

int page_flags_run(uint64_t addr, uint64_t end, uint64_t *run_end)
{
    uint64_t pn = page_number(addr);
    uint64_t last = page_number(MIN(end, (uint64_t)GUEST_ADDR_MAX + 1) + TARGET_PAGE_SIZE - 1);
    int flags;

    if (!in_guest_space(addr)) {
        *run_end = end;
        return 0;
    }
    flags = page_number_flags(pn);
    while (pn < last) {
        LeafSlot slot;
        PageLeaf *leaf;

        if (!mid_lookup(pn)) {
            if (flags) {
                break;
            }
            pn = mid_end_pn(pn);
            continue;
        }
        slot = slot_load(pn);
        leaf = slot_leaf(slot);
        if (!leaf) {
            if (slot_uniform_flags(slot) != flags) {
                break;
            }
            pn = leaf_end_pn(pn);
            continue;
        }
        for (uint64_t stop = MIN(leaf_end_pn(pn), last); pn < stop; pn++) {
            if (__atomic_load_n(&leaf->flags[leaf_index(pn)], __ATOMIC_RELAXED) != flags) {
                goto done;
            }
        }
    }
done:
    *run_end = MIN(pn << TARGET_PAGE_BITS, end);
    return flags;
}

uint64_t page_find_flags(uint64_t start, uint64_t end, int bits)
{
    uint64_t run_end;

    for (uint64_t a = start; a < end; a = run_end) {
        if (page_get_flags(a) & bits) {
            return a;
        }
        page_flags_run(a, end, &run_end);
    }
    return end;
}

/* Replace the flags of one page (mmap_lock held). */
static void page_store_flags(target_ulong addr, int flags)
{
    uint64_t pn = page_number(addr);
    LeafSlot slot = slot_load(pn);

    if (slot_leaf(slot) || slot_uniform_flags(slot) != flags) {
        __atomic_store_n(&leaf_materialise(pn)->flags[leaf_index(pn)], flags,
                         __ATOMIC_RELEASE);
    }
}

/* Translated code made from a page goes stale when the page stops being
   executable or valid. */
static bool loses_code(int old_flags, int new_flags)
{
    return (old_flags & PAGE_CODE)
           && (!(new_flags & PAGE_VALID) || !(new_flags & PAGE_EXEC));
}

void page_set_flags(target_ulong start, target_ulong end, int flags)
{
    /* end - 1 in target_ulong arithmetic: end == 0 means the top of a
       32-bit space. */
    target_ulong last_addr = end - 1;
    bool stale_code = false;

    if (end == start) {
        return;
    }
    assert(last_addr >= start && in_guest_space(last_addr));
    flags &= ~PAGE_MAP_OWNED;
    if (!(flags & PAGE_VALID)) {
        flags = 0;
    }
    for (uint64_t pn = page_number(start); pn <= page_number(last_addr); ) {
        target_ulong addr = pn << TARGET_PAGE_BITS;
        LeafSlot slot = slot_load(pn);
        int old = page_number_flags(pn);
        int keep = old & PAGE_MAP_OWNED;

        if (loses_code(old, flags)) {
            stale_code = true;
            keep &= ~PAGE_CODE;
        }
        if (!mid_lookup(pn) && !flags) {
            pn = mid_end_pn(pn);
        } else if (!slot_leaf(slot) && leaf_index(pn) == 0
                   && leaf_end_pn(pn) - 1 <= page_number(last_addr)) {
            leaf_set_uniform(pn, flags | keep);
            pn = leaf_end_pn(pn);
        } else {
            page_store_flags(addr, flags | keep);
            pn++;
        }
    }
    if (stale_code) {
        tb_invalidate_phys_range(start, end);
    }
    tlb_invalidate_all_cpus();
}

int page_check_range(target_ulong start, target_ulong len, int flags)
{
    uint64_t end = (uint64_t)start + len;

    if (len == 0) {
        return 0;
    }
    if (end < start || !in_guest_space(end - 1)) {
        return -1;
    }
    for (uint64_t addr = start & TARGET_PAGE_MASK, run_end; addr < end; addr = run_end) {
        int page = page_flags_run(addr, end, &run_end);

        if (!(page & PAGE_VALID) || (page & flags & PAGE_BITS) != (flags & PAGE_BITS)) {
            return -1;
        }
    }
    return 0;
}

/* ---- host protection ---- */

/* Whether the host page at h holds guest pages of different validity or
   protection (it then cannot enforce each page's protection itself). */
static QEMU_UNUSED bool host_page_is_mixed(uint64_t h)
{
    int first = page_get_flags(h) & (PAGE_VALID | PAGE_BITS);

    for (uint64_t a = h + TARGET_PAGE_SIZE; a < h + qemu_host_page_size;
         a += TARGET_PAGE_SIZE) {
        if ((page_get_flags(a) & (PAGE_VALID | PAGE_BITS)) != first) {
            return true;
        }
    }
    return false;
}

/* The host protection for a guest page with these flags: its guest
   protection, less write when it has code (SMC detection) or its host page
   waits for its first write to be copied (PAGE_FILE_VIEW). */
static int page_host_prot(int flags)
{
    int prot = flags & PAGE_VALID ? flags & PAGE_BITS : 0;

    if (flags & PAGE_SHADOWED) {
        return PROT_NONE;
    }
    return (flags & (PAGE_CODE | PAGE_WRITE)) == (PAGE_CODE | PAGE_WRITE)
           || (flags & PAGE_FILE_VIEW) ? prot & ~PROT_WRITE : prot;
}

/* host_page_prot but for PAGE_FILE_VIEW; *view: whether a valid page of
   the host page has it (the host page is then without write too). */
static int host_page_prot_but_view(uint64_t h, bool *view)
{
    int prot = 0;
    bool code_written = false;

    *view = false;
    if (page_get_flags(h) & PAGE_SHADOWED) {
        return PROT_NONE;
    }
    /* Without shadowing, the union of the valid pages' protections: a page
       may then be more accessible than the guest asked (QEMU's behaviour,
       documented in docs/user/options.md); CONFIG_PRECISE_PROT shadows every
       host page where that would happen. */
    for (uint64_t a = h; a < h + qemu_host_page_size; a += TARGET_PAGE_SIZE) {
        int flags = page_get_flags(a);

        if (flags & PAGE_VALID) {
            prot |= flags & PAGE_BITS;
            code_written |= (flags & (PAGE_CODE | PAGE_WRITE)) == (PAGE_CODE | PAGE_WRITE);
            *view |= flags & PAGE_FILE_VIEW;
        }
    }
    return code_written ? prot & ~PROT_WRITE : prot;
}

int host_page_prot(uint64_t h)
{
    bool view;
    int prot = host_page_prot_but_view(h, &view);

    return view ? prot & ~PROT_WRITE : prot;
}

/* Whether the host page at h lacks write only because it still shows its
   private file (PAGE_FILE_VIEW): a write there is the first one. */
static bool host_page_awaits_copy(uint64_t h)
{
    bool view;
    int prot = host_page_prot_but_view(h, &view);

    return view && (prot & PROT_WRITE);
}

static bool host_page_has_valid(uint64_t h)
{
    for (uint64_t a = h; a < h + qemu_host_page_size; a += TARGET_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_VALID) {
            return true;
        }
    }
    return false;
}

bool host_page_needs_shadow(uint64_t h)
{
#ifdef CONFIG_PRECISE_PROT
    return host_page_is_mixed(h);
#else
    (void)h;
    return false;
#endif
}

/*
 * The host pages from h on (at most to end) that host page h is like for
 * page_map_sync: when a run of guest pages with one flags value covers
 * whole host pages, all of them (*prot from those flags, none mixed);
 * otherwise h's host page alone.  *prot is -2 for host pages without a
 * valid guest page.
 */
static uint64_t host_run_end(uint64_t h, uint64_t end, int *prot)
{
    uint64_t run_end;
    int flags = page_flags_run(h, end, &run_end);
    uint64_t whole = (run_end - h) & qemu_host_page_mask;

    if (whole) {
        *prot = flags & PAGE_VALID ? page_host_prot(flags) : -2;
        return h + whole;
    }
    if (!(page_get_flags(h) & PAGE_SHADOWED) && host_page_needs_shadow(h)) {
        *prot = -3;
    } else {
        *prot = host_page_has_valid(h) ? host_page_prot(h) : -2;
    }
    return h + qemu_host_page_size;
}

int page_map_sync(uint64_t start, uint64_t end)
{
    uint64_t run = start & qemu_host_page_mask;
    uint64_t hend = HOST_PAGE_ALIGN(end);
    int run_prot = -1;

    for (uint64_t h = run, next; h < hend; h = next) {
        int prot;

        next = host_run_end(h, hend, &prot);
        if (prot == -3) {
            int ret = shadow_host_page(h);

            if (ret) {
                return ret;
            }
        }
    }
    /* One host call per run of host pages needing the same protection.
       Host pages without a valid guest page are left alone: they went back
       to the reservation or to the kernel (host_release). */
    for (uint64_t h = run, next; ; h = next) {
        int prot = -1;

        next = h < hend ? host_run_end(h, hend, &prot) : h;
        if (prot != run_prot) {
            if (run_prot >= 0 && hp_mprotect(g2h(run), h - run, run_prot) != 0) {
                return -errno;
            }
            run = h;
            run_prot = prot;
        }
        if (h >= hend) {
            return 0;
        }
    }
}

/* ---- where the bytes are ---- */

void page_set_home(target_ulong addr, void *host)
{
    uint64_t pn = page_number(addr);
    PageLeaf *leaf = leaf_materialise(pn);

    if (!leaf->addend) {
        __atomic_store_n(&leaf->addend,
                         zalloc_or_die(sizeof(uintptr_t) * LEAF_PAGES),
                         __ATOMIC_RELEASE);
    }
    __atomic_store_n(&leaf->addend[leaf_index(pn)], (uintptr_t)host - addr,
                     __ATOMIC_RELEASE);
}

/* host - guest for a shadowed page. */
static uintptr_t shadowed_addend(target_ulong addr)
{
    uint64_t pn = page_number(addr);
    PageLeaf *leaf = slot_leaf(slot_load(pn));
    uintptr_t *addend = leaf ? __atomic_load_n(&leaf->addend, __ATOMIC_ACQUIRE) : NULL;

    assert(addend);
    return __atomic_load_n(&addend[leaf_index(pn)], __ATOMIC_ACQUIRE);
}

void *page_home(target_ulong addr)
{
    if (page_get_flags(addr) & PAGE_SHADOWED) {
        return (void *)((uintptr_t)addr + shadowed_addend(addr));
    }
    return g2h(addr);
}

int page_shadow(uint64_t h)
{
    return (page_get_flags(h) & PAGE_SHADOWED) ? 0 : shadow_host_page(h);
}

void page_redirect(target_ulong addr, void *home, bool copy_on_write)
{
    int flags = (page_get_flags(addr) | PAGE_REDIRECTED) & ~PAGE_COPY_ON_WRITE;

    page_set_home(addr, home);
    page_store_flags(addr, flags | (copy_on_write ? PAGE_COPY_ON_WRITE : 0));
    tlb_invalidate_all_cpus();
}

void page_unredirect(target_ulong addr)
{
    page_store_flags(addr, page_get_flags(addr) & ~(PAGE_REDIRECTED | PAGE_COPY_ON_WRITE));
    page_make_private_home(addr);
    tlb_invalidate_all_cpus();
}

/* Set or clear the map's own bit on every guest page of the host page h. */
void host_page_mark(uint64_t h, int bit, bool on)
{
    for (uint64_t a = h; a < h + qemu_host_page_size; a += TARGET_PAGE_SIZE) {
        int flags = page_get_flags(a);

        page_store_flags(a, on ? flags | bit : flags & ~bit);
    }
    tlb_invalidate_all_cpus();
}

/* ---- translated code ---- */

static PageAliasFinder *alias_finder;

void page_set_alias_finder(PageAliasFinder *fn)
{
    alias_finder = fn;
}

#define MAX_CODE_ALIASES 16

/* The other guest pages showing the same shared memory as page. */
static int code_aliases(target_ulong page, target_ulong *out)
{
    if (!alias_finder || !(page_get_flags(page) & PAGE_FILE_SHARED)) {
        return 0;
    }
    return alias_finder(page, out, MAX_CODE_ALIASES);
}

/* page_note_code for one guest page. */
static bool note_code_one(target_ulong page_addr)
{
    int flags = page_get_flags(page_addr);
    uint64_t h = page_addr & qemu_host_page_mask;

    if ((flags & PAGE_CODE) || !(flags & PAGE_VALID)) {
        return false;
    }
    page_store_flags(page_addr, flags | PAGE_CODE);
    if (!(flags & PAGE_WRITE)) {
        return false;
    }
    /* TLB entries may cache write permission; the in-bound host page
       loses it until the code is dropped. */
    tlb_invalidate_all_cpus();
    if (!(flags & PAGE_SHADOWED)) {
        hp_mprotect(g2h(h), qemu_host_page_size, host_page_prot(h));
        qemu_log_mask(CPU_LOG_PAGE, "smc: write-protect host page "
                      TARGET_FMT_lx "\n", (target_ulong)h);
    }
    return true;
}

/*
 * Code made from a page of shared memory can be rewritten through every
 * other mapping of that memory: those pages count as code too (a write to
 * any of them drops the code of all).
 */
bool page_note_code(target_ulong page_addr)
{
    target_ulong aliases[MAX_CODE_ALIASES];
    int n = code_aliases(page_addr, aliases);
    bool wait = note_code_one(page_addr);

    for (int i = 0; i < n; i++) {
        wait |= note_code_one(aliases[i]);
    }
    return wait;
}

/* drop_code_of_page for one guest page. */
static void drop_code_one(target_ulong page)
{
    tb_invalidate_phys_range(page, page + TARGET_PAGE_SIZE);
    page_store_flags(page, page_get_flags(page) & ~PAGE_CODE);
    tlb_invalidate_all_cpus();
    qemu_log_mask(CPU_LOG_PAGE, "smc: code of page " TARGET_FMT_lx " dropped\n",
                  page);
}

/* The guest writes to a page with translated code: drop that page's code
   (only that 4 KiB page's: other pages of the host page keep theirs), and
   that of the other mappings of the same shared memory, whose host pages
   become writable again where nothing else keeps them protected. */
static void drop_code_of_page(target_ulong page)
{
    target_ulong aliases[MAX_CODE_ALIASES];
    int n = code_aliases(page, aliases);

    drop_code_one(page);
    for (int i = 0; i < n; i++) {
        if (page_get_flags(aliases[i]) & PAGE_CODE) {
            uint64_t h = aliases[i] & qemu_host_page_mask;

            drop_code_one(aliases[i]);
            page_map_sync(h, h + qemu_host_page_size);
        }
    }
}

/* How many guest-writable pages of the host page at h have code. */
static int writable_code_pages(uint64_t h)
{
    int n = 0;

    for (uint64_t a = h; a < h + qemu_host_page_size; a += TARGET_PAGE_SIZE) {
        n += (page_get_flags(a) & (PAGE_CODE | PAGE_WRITE)) == (PAGE_CODE | PAGE_WRITE);
    }
    return n;
}

/*
 * A direct write to page, in the in-bound host page at h that is
 * write-protected because guest-writable pages in it have code.  When the
 * written page is the only one, its code goes and the host page becomes
 * writable.  Otherwise unprotecting the host page would hide writes to the
 * other code pages, and dropping all their code would cost every write to
 * data next to code a retranslation: the host page is shadowed instead, so
 * that checked writes drop the code of exactly the 4 KiB page written.
 */
static void resolve_code_write(uint64_t h, target_ulong page)
{
    int flags = page_get_flags(page);

    if ((flags & PAGE_CODE) && writable_code_pages(h) == 1) {
        drop_code_of_page(page);
        hp_mprotect(g2h(h), qemu_host_page_size, host_page_prot(h));
    } else {
        shadow_host_page(h);
    }
}

/* ---- faults and checked accesses ---- */

static int judge(int flags, int access)
{
    if (!(flags & PAGE_VALID)) {
        return PAGE_FAULT_MAPERR;
    }
    return (flags & access) ? PAGE_FAULT_NONE : PAGE_FAULT_ACCERR;
}

int page_judge_fault(target_ulong addr, int access)
{
    int fault = judge(page_get_flags(addr), access);

    /* Without precise protection the host page lets a write to a read-only
       page through when another page of it is writable (host_page_prot):
       so does the first write that copies it. */
    if (fault == PAGE_FAULT_ACCERR && access == PAGE_WRITE
        && host_page_awaits_copy(addr & qemu_host_page_mask)) {
        return PAGE_FAULT_NONE;
    }
    return fault;
}

/*
 * The first write to the host page at h, which still shows its private
 * file (PAGE_FILE_VIEW): a kernel with H-byte pages copies all of it, so
 * that none of its pages sees later changes to the file; the host here
 * would copy only the 4 KiB written.  The host page gets write and the
 * layer copies every real page of it.
 */
static void copy_file_view(uint64_t h)
{
    for (uint64_t a = h; a < h + qemu_host_page_size; a += TARGET_PAGE_SIZE) {
        int flags = page_get_flags(a);

        if (flags & PAGE_FILE_VIEW) {
            page_store_flags(a, flags & ~PAGE_FILE_VIEW);
        }
    }
    tlb_invalidate_all_cpus();
    hp_mprotect(g2h(h), qemu_host_page_size, host_page_prot(h));
    hp_private_copy(g2h(h));
    qemu_log_mask(CPU_LOG_PAGE, "file view: host page " TARGET_FMT_lx
                  " copied at its first write\n", (target_ulong)h);
}

/* page_resolve_access with mmap_lock held; returns the page's flags after. */
static int resolve_access_locked(target_ulong page, int access)
{
    uint64_t h = page & qemu_host_page_mask;
    int flags = page_get_flags(page);
    bool view;

    if (access == PAGE_WRITE && (flags & PAGE_WRITE)) {
        if (!(flags & PAGE_SHADOWED)
            && !(host_page_prot_but_view(h, &view) & PROT_WRITE)) {
            resolve_code_write(h, page);
            flags = page_get_flags(page);
        }
        /* (resolve_code_write may have shadowed the host page, keeping
           the page's code: the write is about to happen anyway.) */
        if ((flags & PAGE_SHADOWED) && (flags & PAGE_CODE)) {
            drop_code_of_page(page);
        }
    }
    /* (after the code's write protection went, or the shadow copied it) */
    if (access == PAGE_WRITE && host_page_awaits_copy(h)) {
        copy_file_view(h);
    }
    return page_get_flags(page);
}

bool page_resolve_access(target_ulong addr, int access)
{
    int flags;

    mmap_lock();
    flags = resolve_access_locked(addr & TARGET_PAGE_MASK, access);
    mmap_unlock();
    return !(flags & PAGE_SHADOWED);
}

int page_tlb_fill(target_ulong addr, int access, uintptr_t *addend, int *tlb_prot)
{
    int flags = page_get_flags(addr);
    int fault = judge(flags, access);

    if (fault) {
        return fault;
    }
    if (access == PAGE_WRITE
        && ((flags & PAGE_CODE) || host_page_awaits_copy(addr & qemu_host_page_mask))) {
        /* Under the lock: another CPU may translate from the page again as
           soon as it is released (it then waits for this TLB to flush). */
        mmap_lock();
        flags = resolve_access_locked(addr & TARGET_PAGE_MASK, access);
        mmap_unlock();
        fault = judge(flags, access);
        if (fault) {
            return fault;
        }
    }
    if (flags & PAGE_REDIRECTED) {
        fault = redirect_fill_check(addr);
        if (fault) {
            return fault;
        }
    }
    if (access == PAGE_WRITE && (flags & PAGE_COPY_ON_WRITE)) {
        mmap_lock();
        redirect_copy_on_write(addr & TARGET_PAGE_MASK);
        mmap_unlock();
        flags = page_get_flags(addr);
    }
    *addend = (flags & PAGE_SHADOWED) ? shadowed_addend(addr) : guest_base;
    *tlb_prot = flags & PAGE_BITS;
    if (flags & (PAGE_CODE | PAGE_COPY_ON_WRITE | PAGE_FILE_VIEW)) {
        /* (a write must come back here first) */
        *tlb_prot &= ~PAGE_WRITE;
    }
    return PAGE_FAULT_NONE;
}

bool page_host_allows(target_ulong addr, target_ulong len, int access)
{
    uint64_t end = (uint64_t)addr + len;

    if (page_check_range(addr, len, access) != 0) {
        return false;
    }
    for (uint64_t h = addr & qemu_host_page_mask; h < end; h += qemu_host_page_size) {
        if ((host_page_prot(h) & access) != access) {
            return false;
        }
    }
    return true;
}
