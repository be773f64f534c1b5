/*
 * cputlb.c: the per-CPU software TLB (exec/cpu-tlb.h, exec/cputlb.h).
 *
 * Entries are filled only from the page map's answer (page_tlb_fill) and
 * only when an access misses; a miss that the page map refuses becomes the
 * guest fault it names, at the first refused byte.  The whole TLB is dropped
 * when page_map_generation moves (the execution loop checks before every
 * TB it enters from the loop; tlb_invalidate_all_cpus also makes running
 * CPUs leave generated code).
 *
 * Host accesses through an entry keep helper_retaddr set: an entry whose
 * page changed under it (another thread unmapped it, or code was
 * translated from it and the host page write-protected) faults on the host
 * and user-exec.c makes that the same precise guest fault or SMC retry.
 *
 * gdb's watchpoints: an entry never lets a data access to a watched page
 * through, so every such access comes here and is shown to gdb_watch_check
 * (linux-user/gdbstub-watch.c) with its length.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "exec/cputlb.h"
#include "exec/gdbstub.h"
#include "tcg/tcg.h"

void tlb_flush(CPUArchState *env)
{
    /* Read first: a change after this read moves the generation again. */
    uint64_t gen = __atomic_load_n(&page_map_generation, __ATOMIC_ACQUIRE);

    /* All ones: every tag TLB_INVALID. */
    memset(env->tlb, 0xff, sizeof(env->tlb));
    memset(env->tlb_victim, 0xff, sizeof(env->tlb_victim));
    /* Read by cpu_wait_tlb_generation in other threads. */
    __atomic_store_n(&env->tlb_generation, gen, __ATOMIC_RELEASE);
}

void tlb_invalidate_all_cpus(void)
{
    CPUArchState *cpu;

    __atomic_fetch_add(&page_map_generation, 1, __ATOMIC_RELEASE);
    cpu_list_lock();
    CPU_FOREACH(cpu) {
        cpu_exit(cpu);
    }
    cpu_list_unlock();
}

/* The page entry e caches, or TLB_INVALID. */
static uint64_t tlb_entry_page(const CPUTLBEntry *e)
{
    return e->addr_read != TLB_INVALID ? e->addr_read
           : e->addr_write != TLB_INVALID ? e->addr_write : e->addr_code;
}

bool tlb_host_to_guest(CPUArchState *env, uintptr_t host, target_ulong *addr)
{
    for (int i = 0; i < CPU_TLB_SIZE + CPU_VTLB_SIZE; i++) {
        const CPUTLBEntry *e = i < CPU_TLB_SIZE ? &env->tlb[i]
                               : &env->tlb_victim[i - CPU_TLB_SIZE];
        uint64_t page = tlb_entry_page(e);

        if (page != TLB_INVALID && host - (page + e->addend) < TARGET_PAGE_SIZE) {
            *addr = host - e->addend;
            return true;
        }
    }
    return false;
}

/*
 * A write from the block at retaddr is about to change code of page, whose
 * translations the fill just dropped.  x86 runs the new bytes from the next
 * instruction on; if the running block was made from that page, the rest of
 * it is stale: stop before the write, and run the writing instruction alone
 * (a one-instruction block may change itself: nothing of it runs after).
 */
static void stop_block_rewriting_itself(CPUArchState *env, target_ulong page,
                                        uintptr_t retaddr)
{
    TranslationBlock *tb = retaddr ? tb_find_by_host_pc(retaddr) : NULL;

    if (tb && tb->icount > 1 && tb_on_page(tb, page)) {
        env->cflags_next_tb = CF_CHECKED | CF_SINGLE_INSN;
        cpu_loop_exit_restore(env, retaddr);
    }
}

/* If the victim table holds addr's page for access, swap that entry into
   the main table. */
static bool tlb_victim_hit(CPUArchState *env, target_ulong addr, int access)
{
    target_ulong page = addr & TARGET_PAGE_MASK;

    for (int i = 0; i < CPU_VTLB_SIZE; i++) {
        CPUTLBEntry *v = &env->tlb_victim[i];

        if (tlb_tag(v, access) == page) {
            CPUTLBEntry *e = tlb_entry(env, addr);
            CPUTLBEntry evicted = *e;

            *e = *v;
            *v = evicted;
            return true;
        }
    }
    return false;
}

/* Ask the page map about addr's page; the entry caches every access the
   answer allows (but data accesses to a watched page).  Returns the host
   address of addr. */
static uint8_t *tlb_fill(CPUArchState *env, target_ulong addr, int access,
                         uintptr_t retaddr)
{
    CPUTLBEntry *e = tlb_entry(env, addr);
    target_ulong page = addr & TARGET_PAGE_MASK;
    bool writes_code = access == PAGE_WRITE && (page_get_flags(addr) & PAGE_CODE);
    uintptr_t addend;
    int prot;
    int kind = page_tlb_fill(addr, access, &addend, &prot);

    if (kind != PAGE_FAULT_NONE) {
        raise_guest_fault(env, addr, access, kind, retaddr);
    }
    if (!(prot & access)) {
        cpu_abort_msg("page_tlb_fill allowed " TARGET_FMT_lx
                      " without the access asked for", addr);
    }
    if (unlikely(gdb_watching) && gdb_watch_on_page(page)) {
        prot &= ~(PAGE_READ | PAGE_WRITE);
    }
    /* (a victim entry of the same page may be older than this answer:
       the fill can move the page's home) */
    for (int i = 0; i < CPU_VTLB_SIZE; i++) {
        if (tlb_entry_page(&env->tlb_victim[i]) == page) {
            memset(&env->tlb_victim[i], 0xff, sizeof(CPUTLBEntry));
        }
    }
    if (tlb_entry_page(e) != TLB_INVALID && tlb_entry_page(e) != page) {
        env->tlb_victim[env->tlb_victim_next++ % CPU_VTLB_SIZE] = *e;
    }
    e->addr_read = prot & PAGE_READ ? page : TLB_INVALID;
    e->addr_write = prot & PAGE_WRITE ? page : TLB_INVALID;
    e->addr_code = prot & PAGE_EXEC ? page : TLB_INVALID;
    e->addend = addend;
    if (writes_code) {
        stop_block_rewriting_itself(env, page, retaddr);
    }
    return (uint8_t *)(uintptr_t)addr + addend;
}

/* Host address of guest byte addr for an access of len bytes (at most to
   the end of its page; the rest of its page follows it on the host). */
static uint8_t *tlb_page_host(CPUArchState *env, target_ulong addr, int len,
                              int access, uintptr_t retaddr)
{
    void *p = tlb_hit(env, addr, 1, access);

    if (!p) {
        if (unlikely(gdb_watching)) {
            gdb_watch_check(env, addr, len, access, retaddr);
        }
        if (!tlb_victim_hit(env, addr, access)) {
            return tlb_fill(env, addr, access, retaddr);
        }
        p = tlb_hit(env, addr, 1, access);
    }
    return p;
}

void *tlb_probe(CPUArchState *env, target_ulong addr, int len, int access,
                uintptr_t retaddr)
{
    target_ulong to_end = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);
    uint8_t *first = tlb_page_host(env, addr, MIN((target_ulong)len, to_end),
                                   access, retaddr);

    if ((target_ulong)len <= to_end) {
        return first;
    }
    /* The next page (at 0 after the last one) must follow on the host. */
    return tlb_page_host(env, addr + to_end, len - to_end, access, retaddr)
           == first + to_end ? first : NULL;
}

void tlb_check_range(CPUArchState *env, target_ulong addr, target_ulong len,
                     int access, uintptr_t retaddr)
{
    target_ulong done = 0;

    while (done < len) {
        target_ulong a = addr + done;
        target_ulong n = MIN(len - done, TARGET_PAGE_SIZE - (a & ~TARGET_PAGE_MASK));

        tlb_page_host(env, a, n, access, retaddr);
        done += n;
    }
}

/*
 * Where the len bytes at addr are on the host: n[0] bytes at host[0] on
 * addr's page, the rest at host[1] on the next (both pages checked before
 * the caller touches any byte).
 */
typedef struct HostSpan {
    uint8_t *host[2];
    int n[2];
} HostSpan;

static HostSpan tlb_span(CPUArchState *env, target_ulong addr, int len,
                         int access, uintptr_t retaddr)
{
    HostSpan h;
    target_ulong to_end = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);

    h.n[0] = MIN((target_ulong)len, to_end);
    h.n[1] = len - h.n[0];
    h.host[0] = tlb_page_host(env, addr, h.n[0], access, retaddr);
    h.host[1] = h.n[1] ? tlb_page_host(env, addr + h.n[0], h.n[1], access, retaddr)
                       : NULL;
    return h;
}

void tlb_read_bytes(CPUArchState *env, target_ulong addr, void *buf,
                    size_t len, int access, uintptr_t retaddr)
{
    uint8_t *out = buf;

    while (len) {
        size_t n = MIN(len, TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK));
        const uint8_t *p = tlb_page_host(env, addr, n, access, retaddr);

        set_helper_retaddr(retaddr);
        memcpy(out, p, n);
        clear_helper_retaddr();
        out += n;
        addr += n;
        len -= n;
    }
}

/* One host access of the value's own size where the bytes are in one page,
   so that aligned accesses stay single-copy atomic for other threads. */
static uint64_t host_load(const uint8_t *p, int size)
{
    switch (size) {
    case 1:
        return *p;
    case 2:
        return *(const uint16_t *)p;
    case 4:
        return *(const uint32_t *)p;
    default:
        return *(const uint64_t *)p;
    }
}

static void host_store(uint8_t *p, uint64_t v, int size)
{
    switch (size) {
    case 1:
        *p = v;
        break;
    case 2:
        *(uint16_t *)p = v;
        break;
    case 4:
        *(uint32_t *)p = v;
        break;
    default:
        *(uint64_t *)p = v;
        break;
    }
}

static uint64_t memop_extend(uint64_t v, MemOp op)
{
    int bits = 8 << (op & MO_SIZE);

    if (bits == 64) {
        return v;
    }
    if (op & MO_SIGN) {
        return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return v & ((UINT64_C(1) << bits) - 1);
}

uint64_t helper_tlb_load(CPUArchState *env, target_ulong addr,
                         uint32_t memop, uintptr_t retaddr)
{
    int size = 1 << (memop & MO_SIZE);
    HostSpan h = tlb_span(env, addr, size, PAGE_READ, retaddr);
    uint64_t v = 0;

    set_helper_retaddr(retaddr);
    if (!h.n[1]) {
        v = host_load(h.host[0], size);
    } else {
        memcpy(&v, h.host[0], h.n[0]);
        memcpy((uint8_t *)&v + h.n[0], h.host[1], h.n[1]);
    }
    clear_helper_retaddr();
    return memop_extend(v, memop);
}

void helper_tlb_store(CPUArchState *env, target_ulong addr, uint64_t val,
                      uint32_t memop, uintptr_t retaddr)
{
    int size = 1 << (memop & MO_SIZE);
    int span = memop_span_bytes(memop);
    HostSpan h;

    if (span > size) {
        tlb_check_range(env, addr, span, PAGE_WRITE, retaddr);
    }
    h = tlb_span(env, addr, size, PAGE_WRITE, retaddr);
    set_helper_retaddr(retaddr);
    if (!h.n[1]) {
        host_store(h.host[0], val, size);
    } else {
        memcpy(h.host[0], &val, h.n[0]);
        memcpy(h.host[1], (uint8_t *)&val + h.n[0], h.n[1]);
    }
    clear_helper_retaddr();
}

void helper_space_fault(CPUArchState *env, target_ulong addr, uint32_t access,
                        uintptr_t retaddr)
{
    /* No guest page lies past the space: the fill raises the fault. */
    tlb_fill(env, addr, access, retaddr);
    cpu_abort_msg("guest page " TARGET_FMT_lx " past the end of the guest "
                  "space is mapped", addr);
}
