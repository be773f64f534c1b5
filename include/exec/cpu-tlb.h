/*
 * cpu-tlb.h: the per-CPU software TLB that checked guest accesses go
 * through (generated code of TBs translated with CF_CHECKED, helpers, the
 * translator's code fetch when the in-bound host page cannot be used).
 *
 * An entry caches, for one 4 KiB guest page, where its bytes are on the
 * host (host address = guest address + addend: in bound, guest_base, or an
 * out-of-bound redirect) and which accesses may use that address without
 * asking the page map again.  A tag is the guest page address when the
 * access is allowed, TLB_INVALID otherwise, so that the inline probe is a
 * single compare.  The page map (page_tlb_fill) is the only source of
 * entries; page_map_generation tells a CPU that its entries may be stale.
 */
#ifndef EXEC_CPU_TLB_H
#define EXEC_CPU_TLB_H

#define CPU_TLB_BITS 8
#define CPU_TLB_SIZE (1 << CPU_TLB_BITS)
/* Entries pushed out of the direct-mapped table wait in a small victim
   table: two pages whose numbers share an index (a loop copying from one to
   the other) would otherwise ask the page map at every access. */
#define CPU_VTLB_SIZE 8
#define CPU_TLB_ENTRY_BITS 5
#define TLB_INVALID ((uint64_t)-1)

typedef struct CPUTLBEntry {
    uint64_t addr_read;     /* guest page address, or TLB_INVALID */
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;       /* host address - guest address */
} CPUTLBEntry;

_Static_assert(sizeof(CPUTLBEntry) == 1 << CPU_TLB_ENTRY_BITS,
               "the inline TLB probe indexes entries by shifting");

/* Incremented (with release order) by every page-map change that may
   invalidate a cached entry. */
extern uint64_t page_map_generation;

/* What page_tlb_fill and the fault path report (guest signal to raise). */
typedef enum PageFault {
    PAGE_FAULT_NONE = 0,
    PAGE_FAULT_MAPERR,      /* SIGSEGV, SEGV_MAPERR: nothing mapped */
    PAGE_FAULT_ACCERR,      /* SIGSEGV, SEGV_ACCERR: protection forbids */
    PAGE_FAULT_SIGBUS,      /* SIGBUS, BUS_ADRERR: file page past end of file */
    PAGE_FAULT_GP,          /* SIGSEGV, SI_KERNEL: #GP (a non-canonical address) */
} PageFault;

#endif
