/*
 * growsdown.c: a MAP_GROWSDOWN mapping grows down to a fault below it, as
 * the kernel's expand_stack does: to the faulting page, if the mapping
 * then stays within the guest's RLIMIT_STACK and no accessible mapping lies within
 * the stack guard gap under the new start (STACK_GUARD_GAP).  The guest
 * page map gets the new pages (anonymous, the protection of the
 * mapping's lowest page), its vma record starts lower; the instruction
 * that faulted runs again.  A system call handed a buffer below such a
 * mapping is not grown into (EFAULT, where the kernel would grow).
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <sys/resource.h>
#include "qemu.h"
#include "exec/page-map.h"
#include "mmap-internal.h"
#include "vma-table.h"

static bool within_stack_limit(uint64_t size)
{
    return size <= guest_rlimit_cur(RLIMIT_STACK);
}

bool grow_down_to(abi_ulong addr)
{
    uint64_t page = addr & TARGET_PAGE_MASK, above;
    const GuestVma *v;
    bool grown = false;

    mmap_lock();
    above = page_find_flags(page, guest_space_end(), PAGE_VALID);
    v = above < guest_space_end() ? vma_find(above) : NULL;
    if (v && (v->flags & VMA_GROWSDOWN) && v->start == above && page >= mmap_min_addr
        && within_stack_limit(v->end - page)
        /* invalid pages carry no protection bits: any bit is an accessible mapping */
        && !(flags_union(page > STACK_GUARD_GAP ? page - STACK_GUARD_GAP : 0, page) & PAGE_BITS)) {
        int prot = page_get_flags(above) & PAGE_BITS;
        int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN;

        if (!target_mmap_failed(do_mmap(page, above - page, prot, flags | MAP_FIXED, -1, 0))) {
            vma_note_grown_down(above, page);
            grown = true;
        }
    }
    mmap_unlock();
    return grown;
}
