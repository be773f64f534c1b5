/*
 * cputlb.h: the operations on the per-CPU software TLB (exec/cpu-tlb.h),
 * implemented in accel/tcg/cputlb.c.  Users: the execution loop (flush),
 * the page map (tlb_invalidate_all_cpus), the out-of-line half of every
 * checked access in generated code (helper_tlb_load/store), helpers that
 * reach guest memory (exec/cpu_ldst.h) and the translator's code fetch.
 *
 * Every function that can fault takes retaddr: the return address of a
 * helper called from generated code (GETPC()), or for the slow path of
 * generated code a host address just past the guest instruction's access;
 * 0 when env already holds precise guest state.  The fault raised is the
 * page map's kind at the first guest byte of the access that is refused.
 */
#ifndef EXEC_CPUTLB_H
#define EXEC_CPUTLB_H

#include "exec/cpu-all.h"
#include "exec/cpu-tlb.h"
#include "cpu.h"

/* -checked-mem (linux-user/main.c): every TB is translated with CF_CHECKED,
   so that the whole guest runs on the checked path (accel/tcg/cpu-exec.c). */
extern bool checked_mem;

/* Forget every entry of env's TLB and adopt the current page map. */
void tlb_flush(CPUArchState *env);
/* For the page map, after a change that may make cached entries wrong:
   every CPU flushes before it runs its next TB. */
void tlb_invalidate_all_cpus(void);

/* The guest address that env's TLB maps to host address host (out of
   bound: a shadowed or redirected page's home), for the fault handler:
   async-signal-safe.  False if no entry does. */
bool tlb_host_to_guest(CPUArchState *env, uintptr_t host, target_ulong *addr);

/* The entry that caches guest page addr. */
static inline CPUTLBEntry *tlb_entry(CPUArchState *env, target_ulong addr)
{
    return &env->tlb[(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
}

/* The tag of entry e for access (PAGE_READ, PAGE_WRITE or PAGE_EXEC). */
static inline uint64_t tlb_tag(const CPUTLBEntry *e, int access)
{
    return access == PAGE_READ ? e->addr_read
         : access == PAGE_WRITE ? e->addr_write : e->addr_code;
}

/* Host address of the size bytes at addr when the TLB lets access through
   without asking the page map and they lie in one page; NULL otherwise. */
static inline void *tlb_hit(CPUArchState *env, target_ulong addr, int size,
                            int access)
{
    const CPUTLBEntry *e = tlb_entry(env, addr);
    target_ulong last_page = (addr + size - 1) & TARGET_PAGE_MASK;

    if (likely(tlb_tag(e, access) == last_page)) {
        return (void *)((uintptr_t)addr + e->addend);
    }
    return NULL;
}

/* Host address of the len bytes at addr (1 <= len <= TARGET_PAGE_SIZE) for
   access, filling entries as needed; raises the guest fault if a byte is
   refused.  NULL when the bytes cross into a page that is not next to the
   first one on the host (a redirected page): use byte-wise accesses then. */
void *tlb_probe(CPUArchState *env, target_ulong addr, int len, int access,
                uintptr_t retaddr);
/* Raise the guest fault for the first byte of [addr, addr + len) that
   access is refused, if any (for instructions that store several parts:
   all or nothing). */
void tlb_check_range(CPUArchState *env, target_ulong addr, target_ulong len,
                     int access, uintptr_t retaddr);
/* Copy len bytes from guest memory through the TLB (access: PAGE_READ, or
   PAGE_EXEC for the translator's code fetch). */
void tlb_read_bytes(CPUArchState *env, target_ulong addr, void *buf,
                    size_t len, int access, uintptr_t retaddr);

/* The out-of-line half of a checked access (size and sign from memop, a
   MemOp of tcg/tcg.h): loads return the value extended to 64 bits. */
uint64_t helper_tlb_load(CPUArchState *env, target_ulong addr,
                         uint32_t memop, uintptr_t retaddr);
void helper_tlb_store(CPUArchState *env, target_ulong addr, uint64_t val,
                      uint32_t memop, uintptr_t retaddr);
/* A direct access of a 64-bit guest at or past the end of its space (the
   backends' space check, exec/cpu-all.h guest_addr_end): raises the guest
   fault (access: PAGE_READ or PAGE_WRITE), as the access would have. */
QEMU_NORETURN void helper_space_fault(CPUArchState *env, target_ulong addr,
                                      uint32_t access, uintptr_t retaddr);

#endif
