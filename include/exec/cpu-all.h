/*
 * cpu-all.h: guest <-> host address translation and the guest page flags.
 * In user mode guest address A lives at host address guest_base + A.
 */
#ifndef EXEC_CPU_ALL_H
#define EXEC_CPU_ALL_H

#include "exec/cpu-defs.h"

extern uintptr_t guest_base;
extern bool have_guest_base;
extern unsigned long reserved_va;
/* The end of a 64-bit guest's address space, 0 for a 32-bit guest (its
   addresses cannot leave its space): generated code sends direct accesses
   at or past it to the slow path, so that a wild guest pointer faults
   rather than reach the emulator's own memory.  Copied into each CPU's
   env for the generated code's compare. */
extern uint64_t guest_addr_end;
/* How far past guest_addr_end (above: the reserved guard after the window)
   and below address 0 (below: the top of the host's space, the kernel's,
   when guest_base is 0) a direct access still faults on the host; 0 where
   nothing is known.  An access this near one that passed the check needs
   none (MO_NEAR_CHECKED, tcg/optimize.c). */
extern uint64_t guest_addr_slack_above, guest_addr_slack_below;

#define g2h(x) ((void *)((uintptr_t)(abi_ulong)(x) + guest_base))
#define h2g_valid(x) ((uintptr_t)(x) - guest_base <= (uintptr_t)GUEST_ADDR_MAX)
#define h2g_nocheck(x) ((abi_ulong)((uintptr_t)(x) - guest_base))
#define h2g(x) h2g_nocheck(x)

#ifdef TARGET_X86_64
#define GUEST_ADDR_MAX 0x00007fffffffffffULL
#else
#define GUEST_ADDR_MAX 0xffffffffULL
#endif

#include "exec/page-map.h"

/*
 * Resolve a checked access (access: PAGE_READ, PAGE_WRITE or PAGE_EXEC) to
 * the guest page holding addr, for a TLB entry.  On success returns
 * PAGE_FAULT_NONE, *addend (host address = guest address + *addend, valid
 * for the whole 4 KiB page) and *tlb_prot: the accesses an entry may let
 * through without asking again (at least access; may be less than the
 * guest's protection, e.g. no PAGE_WRITE on a page with translated code so
 * that every write comes back here to be checked for self-modifying code).
 * Otherwise the guest fault to raise; nothing changed.  May take mmap_lock:
 * not for signal handlers.
 */
int page_tlb_fill(target_ulong addr, int access, uintptr_t *addend, int *tlb_prot);

/* Whether the in-bound host memory of every guest page in [addr, addr+len)
   allows access (PAGE_READ and/or PAGE_WRITE) as it is, so that the kernel
   (a syscall given g2h(addr)) or a plain memcpy can use it.  False where the
   guest's own protection forbids it, and where the guest allows it but the
   bytes live elsewhere or the host page is protected more strictly (precise
   protection, shared-writable redirects, SMC write protection): those go
   through page_tlb_fill's addend or a bounce buffer. */
bool page_host_allows(target_ulong addr, target_ulong len, int access);

#endif
