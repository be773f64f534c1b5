/*
 * translate-all.c: the TB cache.  Owns every TranslationBlock: creation
 * (guest code -> IR -> host code), the hash table keyed by (pc, cs_base,
 * flags), lookup by host pc for precise faults, chaining of direct jumps,
 * invalidation when guest code changes or goes away, and the full flush when
 * the code buffer is exhausted.
 *
 * TBs live in one array in creation order.  Code is carved linearly from the
 * code buffer, so that order is also host-address order and a binary search
 * finds the TB holding any host pc.
 *
 * Threads: every change here holds mmap_lock.  Lookups from generated code
 * (tb_htable_lookup) take no lock, so a TB is complete before it is
 * linked into its hash chain with a release store, and an invalidated TB
 * stays in memory (only unlinked) until tb_flush, which runs with every
 * other CPU outside generated code.
 */
#include "qemu/osdep.h"
#include <glib.h>
#include "qemu/log.h"
#include "qemu/hostpage.h"
#include "exec/exec-all.h"
#include "exec/translator.h"
#include "exec/cputlb.h"
#include "tcg/tcg.h"
#include "disas/disas.h"
#include "exec/perfmap.h"
#include "translate.h"

/*
 * The hash table: its buckets double (tb_hash_grow) whenever there are
 * more TBs than buckets, so chains stay short whatever the program's size
 * (cc1 makes 145,000 TBs; a static hello a few hundred).  Lookups load the
 * table with acquire and walk without a lock.
 */
#define TB_HASH_MIN_BITS 12

struct TBHash {
    unsigned bits;
    TranslationBlock *bucket[];
};
static struct TBHash *tb_hash;

/* Searched without a lock by the fault handler (tb_find_by_host_pc): a
   grown array is published before the count that needs it.  The TB arrays
   and hash tables that were replaced (retired_arrays) stay readable until
   the next tb_flush. */
static TranslationBlock **tbs;
static size_t nb_tbs, cap_tbs;
static GPtrArray *retired_arrays;
/* A translation did not fit in the code buffer since the last flush. */
static bool code_buffer_full;

/* Guest pages that translated code came from, with the number of TBs on
   each, so that unmapping data never scans the TB array. */
static GHashTable *code_pages;

/* Guest pcs whose blocks touched shadowed pages: translated CF_CHECKED. */
static GHashTable *checked_pcs;

/*
 * The pcs that indirect-jump exits chain to (tb_new_jump_site) and the
 * calls' return records (tb_new_ret_site): carved from chunks that live
 * until tb_flush, like the code that holds their addresses.
 */
#define SITE_CHUNK_BYTES 8192
static GPtrArray *site_chunks;
static size_t site_chunk_left;

static unsigned tb_hash_func(target_ulong pc, uint32_t flags, unsigned bits)
{
    /* flags mixed in before the multiply: blocks of one pc that differ
       only in their entry cc_op (high flag bits) land apart. */
    uint64_t h = ((uint64_t)pc ^ (uint64_t)flags << 32) * 0x9e3779b97f4a7c15ull;
    return (unsigned)(h >> (64 - bits));
}

static struct TBHash *tb_hash_new(unsigned bits)
{
    struct TBHash *t = g_malloc0(sizeof(*t) + sizeof(t->bucket[0]) * ((size_t)1 << bits));

    t->bits = bits;
    return t;
}

static TranslationBlock **tb_hash_head(struct TBHash *t, target_ulong pc, uint32_t flags)
{
    return &t->bucket[tb_hash_func(pc, flags, t->bits)];
}

/*
 * Twice the buckets, every hashed TB relinked into its new chain (under
 * mmap_lock).  A lookup still walking an old chain may follow a relinked
 * TB into a new chain and miss: a lookup without the lock may miss, and
 * its callers then look again under the lock (tb_lookup) or leave to
 * cpu_exec, which does.  The walk still ends: a relinked TB links only to
 * TBs relinked before it, the others to their old successors.
 */
static void tb_hash_grow(void)
{
    struct TBHash *old = tb_hash, *grown = tb_hash_new(old->bits + 1);

    for (size_t i = 0; i < ((size_t)1 << old->bits); i++) {
        TranslationBlock *tb, *next;

        for (tb = old->bucket[i]; tb; tb = next) {
            TranslationBlock **head = tb_hash_head(grown, tb->pc, tb->flags);

            next = tb->hash_next;
            __atomic_store_n(&tb->hash_next, *head, __ATOMIC_RELEASE);
            *head = tb;
        }
    }
    __atomic_store_n(&tb_hash, grown, __ATOMIC_RELEASE);
    g_ptr_array_add(retired_arrays, old);
}

void tcg_exec_init(size_t code_buffer_size)
{
    tcg_context_init(code_buffer_size);
    tcg_x86_init();
    tcg_prologue_init();
    code_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
    retired_arrays = g_ptr_array_new_with_free_func(g_free);
    tb_hash = tb_hash_new(TB_HASH_MIN_BITS);
    site_chunks = g_ptr_array_new_with_free_func(g_free);
    checked_pcs = g_hash_table_new(g_direct_hash, g_direct_equal);
}

static void code_page_ref(target_ulong page, int delta)
{
    gpointer key = (gpointer)(uintptr_t)page;
    intptr_t n = (intptr_t)g_hash_table_lookup(code_pages, key) + delta;

    if (n > 0) {
        g_hash_table_insert(code_pages, key, (gpointer)n);
    } else {
        g_hash_table_remove(code_pages, key);
    }
}

static void tb_free(TranslationBlock *tb)
{
    g_free(tb->jmp_incoming);
    g_free(tb->insn);
    g_free(tb->access_maps);
    g_free(tb);
}

/* size bytes (a multiple of 8) that live until tb_flush. */
static void *site_alloc(size_t size)
{
    uint8_t *chunk;

    if (site_chunk_left < size) {
        g_ptr_array_add(site_chunks, g_malloc(SITE_CHUNK_BYTES));
        site_chunk_left = SITE_CHUNK_BYTES;
    }
    chunk = g_ptr_array_index(site_chunks, site_chunks->len - 1);
    site_chunk_left -= size;
    return chunk + SITE_CHUNK_BYTES - site_chunk_left - size;
}

target_ulong *tb_new_jump_site(void)
{
    target_ulong *site = site_alloc(sizeof(*site));

    *site = JUMP_SITE_EMPTY;
    return site;
}

/*
 * A ring slot store at every call pays only where returns would miss the
 * jump cache: cc1 misses it 0.85 times per TB translated by its 16,384th
 * TB (16 by its end), python's and perl's loops 0.2-0.4 times, and those
 * two ran 3% and 7% slower with every call predicting (performance.md,
 * 26).  From then on for good, and the code buffer is emptied then, so
 * that the TBs translated before predict too.
 */
#define RET_PREDICT_MIN_TBS TB_JMP_CACHE_SIZE
static uint64_t lookup_misses;
static bool returns_predicted;

void tb_note_lookup_miss(void)
{
    __atomic_fetch_add(&lookup_misses, 1, __ATOMIC_RELAXED);
}

bool tb_predicts_returns(void)
{
    return returns_predicted;
}

/* Whether returns are to be predicted from now on. */
static bool returns_turn_predicted(void)
{
    if (returns_predicted || nb_tbs < RET_PREDICT_MIN_TBS
        || __atomic_load_n(&lookup_misses, __ATOMIC_RELAXED) * 4 < nb_tbs * 3) {
        return false;
    }
    returns_predicted = true;
    return true;
}

struct RetSite *tb_new_ret_site(target_ulong pc)
{
    struct RetSite *site = site_alloc(sizeof(*site));

    site->pc = pc;
    for (int i = 0; i < RET_SITE_STUBS; i++) {
        site->key[i] = RET_SITE_NO_KEY;
        site->code[i] = NULL;
    }
    return site;
}

void tb_flush(void)
{
    CPUArchState *cpu;

    mmap_lock();
    /* Several CPUs may have found the buffer full: the first flush serves
       them all. */
    if (code_buffer_full) {
        for (size_t i = 0; i < nb_tbs; i++) {
            tb_free(tbs[i]);
        }
        nb_tbs = 0;
        g_ptr_array_set_size(retired_arrays, 0);
        memset(tb_hash->bucket, 0, sizeof(tb_hash->bucket[0]) << tb_hash->bits);
        g_hash_table_remove_all(code_pages);
        g_ptr_array_set_size(site_chunks, 0);
        site_chunk_left = 0;
        cpu_list_lock();
        CPU_FOREACH(cpu) {
            memset(cpu->tb_jmp_cache, 0, sizeof(cpu->tb_jmp_cache));
            memset(cpu->ret_ring, 0, sizeof(cpu->ret_ring));
        }
        cpu_list_unlock();
        tcg_code_buffer_flush();
        code_buffer_full = false;
        qemu_log_mask(CPU_LOG_TB_OUT_ASM | CPU_LOG_EXEC,
                      "tb_flush: code buffer reset\n");
    }
    mmap_unlock();
}

TranslationBlock *tb_htable_lookup(CPUArchState *env, target_ulong pc,
                                   target_ulong cs_base, uint32_t flags,
                                   uint32_t cf_mask)
{
    struct TBHash *t = __atomic_load_n(&tb_hash, __ATOMIC_ACQUIRE);
    TranslationBlock *tb = __atomic_load_n(tb_hash_head(t, pc, flags), __ATOMIC_ACQUIRE);

    /* A checked TB serves a request for a direct one too (tb_break leaves
       only the checked one for its pc); a request for checked accesses
       needs one. */
    for (; tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags
            && !((tb->cflags ^ cf_mask) & CF_COUNT_MASK)
            && (tb->cflags & CF_CHECKED) >= (cf_mask & CF_CHECKED)) {
            return tb;
        }
    }
    return NULL;
}

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    size_t lo = 0, hi = __atomic_load_n(&nb_tbs, __ATOMIC_ACQUIRE);
    TranslationBlock **all = __atomic_load_n(&tbs, __ATOMIC_ACQUIRE);

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        TranslationBlock *tb = all[mid];
        uintptr_t start = (uintptr_t)tb->tc.ptr;

        if (host_pc < start) {
            hi = mid;
        } else if (host_pc >= start + tb->tc.size) {
            lo = mid + 1;
        } else {
            return tb;
        }
    }
    return NULL;
}

static void log_tb_out_asm(TranslationBlock *tb)
{
    qemu_log("OUT: [size=%zu]\n", tb->tc.size);
    for (int i = 0; i < tb->icount; i++) {
        size_t start = i ? tb->insn[i - 1].end_off : 0;
        size_t end = tb->insn[i].end_off;

        qemu_log("  -- guest addr 0x" TARGET_FMT_lx "%s\n",
                 tb->pc + tb->insn[i].pc_off, i ? "" : " + tb prologue");
        disas_host((uint8_t *)tb->tc.ptr + start, end - start);
    }
    if (tb->icount) {
        size_t tail = tb->insn[tb->icount - 1].end_off;
        if (tail < tb->tc.size) {
            qemu_log("  -- tb slow paths + exits\n");
            disas_host((uint8_t *)tb->tc.ptr + tail, tb->tc.size - tail);
        }
    }
    qemu_log("\n");
    qemu_log_flush();
}

/* Record the per-insn restore data tcg_gen_code collected. */
QEMU_UNUSED static const char insn_words_check[TARGET_INSN_START_WORDS == 2 ? 1 : -1];

static void tb_save_insn_records(TranslationBlock *tb)
{
    int n = tcg_gen_insn_count();
    size_t maps_len;
    const uint8_t *maps = tcg_gen_access_maps(&maps_len);

    tb->icount = n;
    tb->insn = g_new(struct TBInsnRecord, n);
    for (int i = 0; i < n; i++) {
        target_ulong pc_off = (target_ulong)tcg_gen_insn_data(i, 0) - tb->pc;
        uint64_t word1 = tcg_gen_insn_data(i, 1);

        /* a TB spans two pages at most; a cc_op is below 64 */
        if (pc_off > UINT16_MAX || word1 > UINT16_MAX) {
            cpu_abort_msg("tb: insn record (pc +%#" PRIx64 ", %#" PRIx64 ") does not fit",
                          (uint64_t)pc_off, word1);
        }
        tb->insn[i].end_off = tcg_gen_insn_end_off(i);
        tb->insn[i].pc_off = pc_off;
        tb->insn[i].word1 = word1;
    }
    tb->access_maps = maps_len ? g_memdup2(maps, maps_len) : NULL;
    tb->access_maps_len = maps_len;
}

/* Insn i's insn_start words, for restore_state_to_opc. */
static void tb_insn_data(const TranslationBlock *tb, int i, target_ulong *data)
{
    data[0] = tb->pc + tb->insn[i].pc_off;
    data[1] = tb->insn[i].word1;
}

TranslationBlock *tb_gen_code(CPUArchState *env, target_ulong pc,
                              target_ulong cs_base, uint32_t flags, int cflags,
                              uint64_t *wait_generation)
{
    TranslationBlock *tb;
    int max_insns = cflags & CF_COUNT_MASK;
    target_ulong last_page;
    int size;

    *wait_generation = 0;
    if (page_note_code(pc & TARGET_PAGE_MASK)) {
        *wait_generation = page_map_generation;
        return NULL;
    }

    if (max_insns == 0) {
        max_insns = TCG_MAX_INSNS;
    }
    if (singlestep) {
        max_insns = 1;
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN)) {
        cflags |= CF_NOCHAIN;
    }
    if (g_hash_table_contains(checked_pcs, (gpointer)(uintptr_t)pc)) {
        cflags |= CF_CHECKED;
    }
    if (returns_turn_predicted()) {
        /* as if full: the caller empties it */
        code_buffer_full = true;
        return NULL;
    }

    tb = g_new0(TranslationBlock, 1);
    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->page_addr[0] = tb->page_addr[1] = -1;
    tb->tc.ptr = tcg_code_gen_ptr();

    tcg_func_start(tcg_ctx);
    gen_intermediate_code(env, tb, max_insns);
    size = tcg_gen_code(tcg_ctx, tb);
    if (size < 0) {
        tb_free(tb);
        code_buffer_full = true;
        return NULL;
    }
    /* The second page's bytes were read before it was noted: good only if
       it was code already. */
    tb->page_addr[0] = pc & TARGET_PAGE_MASK;
    last_page = (pc + tb->size - 1) & TARGET_PAGE_MASK;
    if (last_page != tb->page_addr[0]) {
        if (page_note_code(last_page)) {
            *wait_generation = page_map_generation;
            tb_free(tb);
            return NULL;
        }
        tb->page_addr[1] = last_page;
    }
    tb->tc.size = size;
    tb_save_insn_records(tb);
    tcg_code_gen_advance(QEMU_ALIGN_UP((size_t)size, 16));
    for (int i = 0; i < 2; i++) {
        if (tb->page_addr[i] != (target_ulong)-1) {
            code_page_ref(tb->page_addr[i], 1);
        }
    }

    if (nb_tbs == cap_tbs) {
        TranslationBlock **grown;

        cap_tbs = cap_tbs ? cap_tbs * 2 : 4096;
        grown = g_new(TranslationBlock *, cap_tbs);
        if (tbs) {
            memcpy(grown, tbs, nb_tbs * sizeof(*tbs));
            g_ptr_array_add(retired_arrays, tbs);
        }
        __atomic_store_n(&tbs, grown, __ATOMIC_RELEASE);
    }
    tbs[nb_tbs] = tb;
    __atomic_store_n(&nb_tbs, nb_tbs + 1, __ATOMIC_RELEASE);
    if (nb_tbs > ((size_t)1 << tb_hash->bits)) {
        tb_hash_grow();
    }
    {
        TranslationBlock **head = tb_hash_head(tb_hash, pc, flags);

        tb->hash_next = *head;
        __atomic_store_n(head, tb, __ATOMIC_RELEASE);
    }

    if (qemu_loglevel_mask_at(CPU_LOG_TB_OUT_ASM, tb->pc)) {
        log_tb_out_asm(tb);
    }
    if (perfmap_enabled()) {
        perfmap_note_tb(tb);
    }
    return tb;
}

static void tb_reset_jump(TranslationBlock *tb, int n)
{
    uintptr_t base = (uintptr_t)tb->tc.ptr;

    tb_target_set_jmp_target(base + tb->jmp_insn_offset[n],
                             base + tb->jmp_reset_offset[n]);
    tb->jmp_dest[n] = 0;
}

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next)
{
    uintptr_t base = (uintptr_t)tb->tc.ptr;

    if (tb->cflags & CF_NOCHAIN) {
        return;
    }
    mmap_lock();
    /* Another thread may have chained it, or invalidated either TB. */
    if (tb->jmp_dest[n] || tb->invalid || tb_next->invalid) {
        mmap_unlock();
        return;
    }
    tb_target_set_jmp_target(base + tb->jmp_insn_offset[n],
                             (uintptr_t)tb_next->tc.ptr);
    tb->jmp_dest[n] = (uintptr_t)tb_next;
    if (tb_next->n_jmp_incoming == tb_next->cap_jmp_incoming) {
        tb_next->cap_jmp_incoming = tb_next->cap_jmp_incoming * 2 + 4;
        tb_next->jmp_incoming = g_renew(uintptr_t, tb_next->jmp_incoming,
                                        tb_next->cap_jmp_incoming);
    }
    tb_next->jmp_incoming[tb_next->n_jmp_incoming++] = (uintptr_t)tb | n;
    qemu_log_mask(CPU_LOG_EXEC, "Linking TBs %p [" TARGET_FMT_lx "] index %d -> %p ["
                  TARGET_FMT_lx "]\n", tb->tc.ptr, tb->pc, n, tb_next->tc.ptr,
                  tb_next->pc);
    mmap_unlock();
}

/* Make tb unreachable: out of the hash, every CPU's jump cache and every
   chain.  A lookup walking the chain meanwhile still finds tb->hash_next. */
static void tb_phys_invalidate(TranslationBlock *tb)
{
    TranslationBlock **pp = tb_hash_head(tb_hash, tb->pc, tb->flags);
    unsigned h = tb_jmp_cache_hash_func(tb->pc, tb->flags);
    CPUArchState *cpu;

    /* Sequentially consistent with the slot emptying below: see
       tb_jmp_cache_set (cpu-exec.c). */
    __atomic_store_n(&tb->invalid, true, __ATOMIC_SEQ_CST);
    for (; *pp; pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
            break;
        }
    }
    cpu_list_lock();
    CPU_FOREACH(cpu) {
        tb_jmp_cache_empty(&cpu->tb_jmp_cache[h], tb);
    }
    cpu_list_unlock();
    for (unsigned i = 0; i < tb->n_jmp_incoming; i++) {
        TranslationBlock *src = (TranslationBlock *)(tb->jmp_incoming[i] & ~3);
        int n = tb->jmp_incoming[i] & 3;

        if (src->jmp_dest[n] == (uintptr_t)tb) {
            tb_reset_jump(src, n);
        }
    }
    tb->n_jmp_incoming = 0;
    for (int i = 0; i < 2; i++) {
        if (tb->page_addr[i] != (target_ulong)-1) {
            code_page_ref(tb->page_addr[i], -1);
        }
    }
}

void tb_break(TranslationBlock *tb, target_ulong cur_pc)
{
    g_hash_table_add(checked_pcs, (gpointer)(uintptr_t)tb->pc);
    g_hash_table_add(checked_pcs, (gpointer)(uintptr_t)cur_pc);
    if (!tb->invalid) {
        tb_phys_invalidate(tb);
    }
    qemu_log_mask(CPU_LOG_PAGE, "break: TB " TARGET_FMT_lx " retranslated with "
                  "checked accesses\n", tb->pc);
}

void tb_drop_broken(void)
{
    /* (Before tcg_exec_init, in unit tests of the page map, nothing is
       translated.) */
    if (checked_mem || !checked_pcs) {
        return;         /* every block is checked by choice, not broken */
    }
    g_hash_table_remove_all(checked_pcs);
    for (size_t i = 0; i < nb_tbs; i++) {
        if ((tbs[i]->cflags & CF_CHECKED) && !tbs[i]->invalid) {
            tb_phys_invalidate(tbs[i]);
        }
    }
    qemu_log_mask(CPU_LOG_PAGE, "break: broken blocks dropped\n");
}

void tb_invalidate_direct(void)
{
    mmap_lock();
    for (size_t i = 0; i < nb_tbs; i++) {
        if (!(tbs[i]->cflags & CF_CHECKED) && !tbs[i]->invalid) {
            tb_phys_invalidate(tbs[i]);
        }
    }
    mmap_unlock();
}

static bool range_has_code(target_ulong start, target_ulong end)
{
    /* Before tcg_exec_init (unit tests of the page map) there is no code. */
    guint n = code_pages ? g_hash_table_size(code_pages) : 0;

    if (n == 0) {
        return false;
    }
    if ((end - start) / TARGET_PAGE_SIZE <= n) {
        for (target_ulong p = start & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
            if (g_hash_table_contains(code_pages, (gpointer)(uintptr_t)p)) {
                return true;
            }
        }
        return false;
    }
    {
        GHashTableIter it;
        gpointer key;

        g_hash_table_iter_init(&it, code_pages);
        while (g_hash_table_iter_next(&it, &key, NULL)) {
            target_ulong p = (uintptr_t)key;
            if (p + TARGET_PAGE_SIZE > start && p < end) {
                return true;
            }
        }
    }
    return false;
}

void tb_invalidate_phys_range(target_ulong start, target_ulong end)
{
    mmap_lock();
    if (range_has_code(start, end)) {
        for (size_t i = 0; i < nb_tbs; i++) {
            TranslationBlock *tb = tbs[i];

            if (!tb->invalid && tb->pc < end && tb->pc + tb->size > start) {
                tb_phys_invalidate(tb);
            }
        }
    }
    mmap_unlock();
}

static void tb_restore_state(CPUArchState *env, TranslationBlock *tb,
                             uintptr_t off)
{
    target_ulong data[TARGET_INSN_START_WORDS];

    /* Past the last insn: the TB's exit code; the last insn's state holds. */
    for (int i = 0; i < tb->icount; i++) {
        if (off < tb->insn[i].end_off || i == tb->icount - 1) {
            tb_insn_data(tb, i, data);
            restore_state_to_opc(env, tb, data);
            return;
        }
    }
}

/* Lock-free: the host fault handler calls it. */
bool cpu_restore_state(CPUArchState *env, uintptr_t host_pc)
{
    TranslationBlock *tb = tb_find_by_host_pc(host_pc);

    if (!tb) {
        return false;
    }
    tb_restore_state(env, tb, host_pc - (uintptr_t)tb->tc.ptr);
    return true;
}

void cpu_restore_state_at_fault(CPUArchState *env, uintptr_t host_pc,
                                const ucontext_t *uc)
{
    TranslationBlock *tb = tb_find_by_host_pc(host_pc);
    uintptr_t off;

    if (tb) {
        off = host_pc - (uintptr_t)tb->tc.ptr;
        tcg_restore_access_globals(env, tb->access_maps, tb->access_maps_len,
                                   off, uc);
        tb_restore_state(env, tb, off);
    }
}
