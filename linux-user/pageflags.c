/*
 * pageflags.c: the flags of every 4 KiB guest page (valid, guest
 * protection, backing, SMC write protection; see exec/cpu-all.h).
 *
 * A three-level radix table of uint16_t, allocated on first write, serves
 * both the 4 GiB i386 space and the 47-bit x86_64 space.  Tables are never
 * freed and are published with release stores, so lookups need no lock and
 * are safe from signal handlers; writers hold mmap_lock.
 */
#include "qemu/osdep.h"
#include "qemu.h"

#ifdef TARGET_X86_64
#define GUEST_ADDR_BITS 47
#else
#define GUEST_ADDR_BITS 32
#endif
#define PAGE_NUMBER_BITS (GUEST_ADDR_BITS - TARGET_PAGE_BITS)
#define LEAF_BITS 10
#define MID_BITS  ((PAGE_NUMBER_BITS - LEAF_BITS) / 2)
#define TOP_BITS  (PAGE_NUMBER_BITS - LEAF_BITS - MID_BITS)

typedef struct FlagLeaf {
    uint16_t flags[1 << LEAF_BITS];
} FlagLeaf;

typedef struct FlagMid {
    FlagLeaf *leaves[1 << MID_BITS];
} FlagMid;

static FlagMid *flag_top[1 << TOP_BITS];

static uint64_t page_number(target_ulong addr)
{
    return (uint64_t)addr >> TARGET_PAGE_BITS;
}

static bool in_guest_space(uint64_t addr)
{
    return addr <= GUEST_ADDR_MAX;
}

/* The leaf holding page pn, or NULL when none was ever written. */
static FlagLeaf *leaf_lookup(uint64_t pn)
{
    FlagMid *mid = __atomic_load_n(&flag_top[pn >> (LEAF_BITS + MID_BITS)],
                                   __ATOMIC_ACQUIRE);

    if (!mid) {
        return NULL;
    }
    return __atomic_load_n(&mid->leaves[(pn >> LEAF_BITS) & ((1 << MID_BITS) - 1)],
                           __ATOMIC_ACQUIRE);
}

static void *zalloc_or_die(size_t size)
{
    void *p = calloc(1, size);

    if (!p) {
        cpu_abort_msg("page flags: out of memory");
    }
    return p;
}

static FlagLeaf *leaf_alloc(uint64_t pn)
{
    FlagMid **midp = &flag_top[pn >> (LEAF_BITS + MID_BITS)];
    FlagLeaf **leafp;

    if (!*midp) {
        __atomic_store_n(midp, zalloc_or_die(sizeof(FlagMid)), __ATOMIC_RELEASE);
    }
    leafp = &(*midp)->leaves[(pn >> LEAF_BITS) & ((1 << MID_BITS) - 1)];
    if (!*leafp) {
        __atomic_store_n(leafp, zalloc_or_die(sizeof(FlagLeaf)), __ATOMIC_RELEASE);
    }
    return *leafp;
}

int page_get_flags(target_ulong address)
{
    FlagLeaf *leaf;

    if (!in_guest_space(address)) {
        return 0;
    }
    leaf = leaf_lookup(page_number(address));
    return leaf ? leaf->flags[page_number(address) & ((1 << LEAF_BITS) - 1)] : 0;
}

/* Translated code made from a page goes stale when the page stops being
   executable or stops existing, or becomes writable without the SMC write
   protection that tb_protect_page() gives writable code pages. */
static bool loses_code(int old_flags, int new_flags)
{
    bool gains_write = (new_flags & PAGE_WRITE)
                       && !(old_flags & (PAGE_WRITE | PAGE_WRITE_ORG));

    return (old_flags & PAGE_EXEC)
           && (!(new_flags & PAGE_VALID) || !(new_flags & PAGE_EXEC)
               || gains_write);
}

void page_set_flags(target_ulong start, target_ulong end, int flags)
{
    /* end - 1 in target_ulong arithmetic: end == 0 means the top of a
       32-bit space. */
    target_ulong last_addr = end - 1;
    uint64_t first = page_number(start);
    uint64_t last = page_number(last_addr);
    bool stale_code = false;

    if (end == start) {
        return;
    }
    assert(last_addr >= start && in_guest_space(last_addr));
    if (!(flags & PAGE_VALID)) {
        flags = 0;
    }
    for (uint64_t pn = first; pn <= last; pn++) {
        FlagLeaf *leaf = flags ? leaf_alloc(pn) : leaf_lookup(pn);
        uint16_t *slot;

        if (!leaf) {
            /* Nothing recorded in this leaf: every page in it is already 0. */
            pn |= (1 << LEAF_BITS) - 1;
            continue;
        }
        slot = &leaf->flags[pn & ((1 << LEAF_BITS) - 1)];
        stale_code |= loses_code(*slot, flags);
        *slot = flags;
    }
    if (stale_code) {
        tb_invalidate_phys_range(start, end);
    }
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
    for (uint64_t addr = start & TARGET_PAGE_MASK; addr < end;
         addr += TARGET_PAGE_SIZE) {
        int page = page_get_flags(addr);

        if (!(page & PAGE_VALID)) {
            return -1;
        }
        if ((flags & PAGE_READ) && !(page & PAGE_READ)) {
            return -1;
        }
        if ((flags & PAGE_EXEC) && !(page & PAGE_EXEC)) {
            return -1;
        }
        if ((flags & PAGE_WRITE) && !(page & PAGE_WRITE)) {
            /* Write-protected only because code was translated from it:
               the syscall layer may write once the TBs are dropped. */
            if (!(page & PAGE_WRITE_ORG) || !page_unprotect(addr, 0)) {
                return -1;
            }
        }
    }
    return 0;
}

uint64_t page_map_generation;

int page_tlb_fill(target_ulong addr, int access, uintptr_t *addend, int *tlb_prot)
{
    int flags = page_get_flags(addr);

    if (!(flags & PAGE_VALID)) {
        return PAGE_FAULT_MAPERR;
    }
    if (access == PAGE_WRITE && (flags & PAGE_WRITE_ORG)) {
        page_unprotect(addr, 0);
        flags = page_get_flags(addr);
    }
    if (!(flags & access)) {
        return PAGE_FAULT_ACCERR;
    }
    *addend = guest_base;
    *tlb_prot = flags & PAGE_BITS;
    return PAGE_FAULT_NONE;
}

bool page_host_allows(target_ulong addr, target_ulong len, int access)
{
    return page_check_range(addr, len, access) == 0;
}
