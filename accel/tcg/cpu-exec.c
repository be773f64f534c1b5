/*
 * cpu-exec.c: the execution loop.  Finds the TB for the current guest pc
 * (per-CPU jump cache, then the hash table, else translate), chains it to
 * the TB we came from, runs it, and returns to cpu_loop when the guest
 * raises an exception (syscall, fault) or something asks it to stop.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "exec/cputlb.h"
#include "exec/cpu_ldst.h"
#include "exec/shdwrt.h"
#include "exec/gdbstub.h"
#include "tcg/tcg.h"
#include "tcg/tci.h"

int singlestep;
bool checked_mem;
__thread CPUArchState *thread_cpu;

static int tb_cflags(void)
{
    return (singlestep ? CF_SINGLE_INSN : 0)
           | (checked_mem || gdb_watching ? CF_CHECKED : 0);
}

/*
 * The jump cache's slot for (pc, cs_base, flags) if it holds that TB, or
 * NULL.  It holds only TBs of the usual cflags (tb_cflags()), so a hit
 * needs no cflags compare, and no invalid TB (tb_jmp_cache_set), so none
 * of the TB is read.  Other threads empty slots concurrently, hence the
 * atomic load of tb.
 */
static inline struct TBJmpCacheEntry *tb_jmp_cache_get(CPUArchState *env,
                                                        target_ulong pc,
                                                        target_ulong cs_base,
                                                        uint32_t flags)
{
    struct TBJmpCacheEntry *e = &env->tb_jmp_cache[tb_jmp_cache_hash_func(pc, flags)];

    if (likely(__atomic_load_n(&e->tb, __ATOMIC_ACQUIRE) && e->pc == pc
               && e->cs_base == cs_base && e->flags == flags)) {
        return e;
    }
    return NULL;
}

/*
 * Invalidation (tb_phys_invalidate) marks the TB invalid and then empties
 * the slots holding it, both sequentially consistent; so does this in the
 * other order.  Either it sees our slot or we see its mark: no slot keeps
 * an invalid TB.
 */
static void tb_jmp_cache_set(CPUArchState *env, TranslationBlock *tb)
{
    struct TBJmpCacheEntry *e = &env->tb_jmp_cache[tb_jmp_cache_hash_func(tb->pc, tb->flags)];
    e->pc = tb->pc;
    e->cs_base = tb->cs_base;
    e->flags = tb->flags;
    e->code = tb->tc.ptr;
    __atomic_store_n(&e->tb, tb, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&tb->invalid, __ATOMIC_SEQ_CST)) {
        tb_jmp_cache_empty(e, tb);
    }
}

/*
 * The TB for env's current state with cflags (usual: cflags is
 * tb_cflags(), the jump cache may serve it), translating it if needed
 * under mmap_lock; NULL when the code buffer is full.
 */
static TranslationBlock *tb_lookup(CPUArchState *env, int cflags, bool usual)
{
    target_ulong pc, cs_base;
    uint32_t flags;
    TranslationBlock *tb;

    cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
    if (usual) {
        struct TBJmpCacheEntry *e = tb_jmp_cache_get(env, pc, cs_base, flags);

        if (e) {
            return e->tb;
        }
    }
    tb = tb_htable_lookup(env, pc, cs_base, flags, cflags);
    while (!tb) {
        uint64_t wait_generation = 0;

        mmap_lock();
        /* Another thread may have translated it since we looked. */
        tb = tb_htable_lookup(env, pc, cs_base, flags, cflags);
        if (!tb) {
            tb = tb_gen_code(env, pc, cs_base, flags, cflags, &wait_generation);
        }
        mmap_unlock();
        if (!tb && !wait_generation) {
            return NULL;
        }
        if (!tb) {
            cpu_wait_tlb_generation(env, wait_generation);
        }
    }
    if (usual) {
        tb_jmp_cache_set(env, tb);
    }
    return tb;
}

/* The code buffer is full: emptying it frees code that other threads may
   be running, so they are kept out of generated code meanwhile. */
static void flush_code_buffer(CPUArchState *env)
{
    cpu_exec_end(env);
    start_exclusive();
    tb_flush();
    end_exclusive();
    cpu_exec_start(env);
}

/* -d exec's line for a lookup_tb_ptr hit; returns what the helper does. */
static void * __attribute__((noinline)) log_chain(TranslationBlock *tb)
{
    if (qemu_log_in_addr_range(tb->pc)) {
        qemu_log("Chain %p [" TARGET_FMT_lx "]\n", tb->tc.ptr, tb->pc);
    }
    return tb->tc.ptr;
}

/* The host code a lookup helper returns for tb: its code, or the epilogue
   (back to cpu_exec, which translates) when there is none. */
static inline void *chain_ptr(TranslationBlock *tb)
{
    if (unlikely(!tb)) {
        return (void *)tcg_code_gen_epilogue;
    }
    if (unlikely(qemu_loglevel & CPU_LOG_EXEC)) {
        return log_chain(tb);
    }
    return tb->tc.ptr;
}

/* The lookup past the jump cache: the hash table, never translation. */
static TranslationBlock * __attribute__((noinline)) tb_for_env_slow(CPUArchState *env,
                                                                    target_ulong pc,
                                                                    target_ulong cs_base,
                                                                    uint32_t flags)
{
    TranslationBlock *tb = tb_htable_lookup(env, pc, cs_base, flags, tb_cflags());

    tb_note_lookup_miss();
    if (tb) {
        tb_jmp_cache_set(env, tb);
    }
    return tb;
}

/*
 * The host code for env's current state: the translated TB's, or the
 * epilogue.  The jump cache hit reads one slot and makes no call, so the
 * helpers below save no registers for it (issue 7: they run at every
 * indirect jump).
 */
static inline void *code_for_env(CPUArchState *env)
{
    target_ulong pc, cs_base;
    uint32_t flags;
    struct TBJmpCacheEntry *e;

    cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
    e = tb_jmp_cache_get(env, pc, cs_base, flags);
    if (unlikely(!e)) {
        return chain_ptr(tb_for_env_slow(env, pc, cs_base, flags));
    }
    if (unlikely(qemu_loglevel & CPU_LOG_EXEC)) {
        return chain_ptr(e->tb);
    }
    return (void *)e->code;
}

/* Generated code calls this for indirect jumps: stay in generated code when
   the target is already translated, else leave through the epilogue. */
void *HELPER(lookup_tb_ptr)(CPUArchState *env)
{
    return code_for_env(env);
}

/* The same for an indirect jump whose chained pc (site, see
   tcg_gen_lookup_and_goto_ptr_cached) is not this one: the first pc looked
   up from there becomes its chained pc for good. */
void *HELPER(lookup_tb_ptr_site)(CPUArchState *env, void *site)
{
    target_ulong *chained_pc = site;
    target_ulong empty = JUMP_SITE_EMPTY;

    if (unlikely(__atomic_load_n(chained_pc, __ATOMIC_RELAXED) == empty)) {
        __atomic_compare_exchange_n(chained_pc, &empty, env->segs[R_CS].base + env->eip,
                                    false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
    }
    return code_for_env(env);
}

/* The same for a ret (tcg_gen_ret_predicted): the first keys its record
   sees are those its stubs are chained for. */
void *HELPER(lookup_tb_ptr_ret)(CPUArchState *env, void *site, void *ret)
{
    struct RetSite *r = ret;
    target_ulong pc, cs_base;
    uint32_t flags;

    cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
    for (int i = 0; r && r->pc == pc && i < RET_SITE_STUBS; i++) {
        uint32_t key = RET_SITE_NO_KEY;

        if (__atomic_compare_exchange_n(&r->key[i], &key, flags, false,
                                        __ATOMIC_RELAXED, __ATOMIC_RELAXED)
            || key == flags) {
            break;
        }
    }
    return HELPER(lookup_tb_ptr_site)(env, site);
}

static void log_exec(CPUArchState *env, TranslationBlock *tb)
{
    if (!qemu_log_in_addr_range(tb->pc)) {
        return;
    }
    if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
        qemu_log("Trace 0: %p [" TARGET_FMT_lx "/" TARGET_FMT_lx "/%08x/%08x] \n",
                 tb->tc.ptr, tb->cs_base, tb->pc, tb->flags, tb->cflags);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_CPU)) {
        int flags = CPU_DUMP_CCOP;

        if (qemu_loglevel_mask(CPU_LOG_TB_FPU)) {
            flags |= CPU_DUMP_FPU;
        }
        x86_cpu_dump_state(env, qemu_logfile ? qemu_logfile : stderr, flags);
    }
}

static void log_exception(CPUArchState *env, int excp)
{
    qemu_log_mask(CPU_LOG_INT, "exception 0x%x (%s) at pc=" TARGET_FMT_lx
                  " err=%d cr2=" TARGET_FMT_lx "\n",
                  excp, x86_exception_name(excp), env->eip, env->error_code,
                  env->cr2);
}

/* The instruction a retry ran on its own (cflags_next_tb) completed. */
static __thread bool retry_progress;
/* That block's cflags while it runs, for a helper that starts its
   instruction over (cpu_exec). */
static __thread uint32_t once_running;

/*
 * A fault the guest's protection allows (user-exec.c): the emulator
 * protected the memory itself.  Resolve that outside the signal context,
 * then run the faulting instruction again.  A block whose direct accesses
 * cannot reach the page (its host page is shadowed) is broken: translated
 * again with checked accesses.  The same fault over and over while the page
 * map does not change would be an emulator bug, not a guest's: say so
 * rather than spin.
 */
static void retry_access(CPUArchState *env)
{
    static __thread target_ulong last_pc, last_addr;
    static __thread uint64_t last_generation;
    static __thread unsigned repeats;
    uint64_t generation = __atomic_load_n(&page_map_generation, __ATOMIC_ACQUIRE);
    int access = (env->error_code & 2) ? PAGE_WRITE : PAGE_READ;
    target_ulong pc, cs_base;
    TranslationBlock *tb;
    uint32_t flags;
    bool writes_own_code;

    cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
    repeats = (pc == last_pc && env->cr2 == last_addr && generation == last_generation
               && !retry_progress) ? repeats + 1 : 0;
    retry_progress = false;
    last_pc = pc;
    last_addr = env->cr2;
    last_generation = generation;
    if (repeats > 64) {
        cpu_abort_msg("access to guest address " TARGET_FMT_lx " at pc " TARGET_FMT_lx
                      " keeps faulting although the guest may make it", env->cr2, pc);
    }
    tb = env->retry_host_pc ? tb_find_by_host_pc(env->retry_host_pc) : NULL;
    /* A TLB entry led here only from checked code or a helper. */
    if (!tb || (tb->cflags & CF_CHECKED) || env->tlb_generation != generation) {
        tlb_flush(env);
    }
    writes_own_code = access == PAGE_WRITE && tb
                      && tb_on_page(tb, env->cr2 & TARGET_PAGE_MASK)
                      && (page_get_flags(env->cr2) & PAGE_CODE);
    if (!page_resolve_access(env->cr2, access) && tb) {
        mmap_lock();
        shdwrt_direct_fault(env, tb, pc);
        mmap_unlock();
    } else if (writes_own_code) {
        /* A block made from the page it writes: translated again from the
           writing instruction, it would protect the page again and fault
           for ever, and its later instructions may be the ones changed.
           The write runs alone, checked (cputlb.c lets it through). */
        env->cflags_next_tb = CF_CHECKED | CF_SINGLE_INSN;
    }
}

/* Runs TBs until an exception or exit request; returns its index. */
static int __attribute__((noinline)) cpu_exec_loop(CPUArchState *env)
{
    TranslationBlock *last_tb = NULL;
    int tb_exit = 0;

    for (;;) {
        TranslationBlock *tb;
        uintptr_t ret;
        int cflags;
        bool next_tb_once;
        bool usual;
        bool tracing;

        if (env->exception_index >= 0) {
            int excp = env->exception_index;

            env->exception_index = -1;
            if (excp == EXCP_RETRY_ACCESS) {
                retry_access(env);
                last_tb = NULL;
                continue;
            }
            /* An instruction that hit a watchpoint and then faulted did
               not complete: natively no watchpoint trap follows. */
            gdb_watch_stepping = false;
            log_exception(env, excp);
            return excp;
        }
        if (env->exit_request) {
            env->exit_request = 0;
            return EXCP_INTERRUPT;
        }
        if (unlikely(env->tlb_generation
                     != __atomic_load_n(&page_map_generation,
                                        __ATOMIC_ACQUIRE))) {
            tlb_flush(env);
        }

        cflags = tb_cflags();
        usual = true;
        tracing = cpu_trace_flag(env);
        if (unlikely(env->singlestep_enabled || tracing)) {
            /* gdb steps, or the guest's trap flag: one insn, then stop or
               trap (below) */
            cflags = (cflags & ~CF_COUNT_MASK) | CF_SINGLE_INSN;
            usual = false;
            env->ss_shadow = false;
        }
        next_tb_once = env->cflags_next_tb != 0;
        if (unlikely(next_tb_once)) {
            /* Used up here: a fault out of that block is decided afresh. */
            cflags = env->cflags_next_tb;
            env->cflags_next_tb = 0;
            usual = false;
            last_tb = NULL;
        }
        tb = tb_lookup(env, cflags, usual);
        if (unlikely(!tb)) {
            flush_code_buffer(env);
            last_tb = NULL;
            continue;
        }
        if (last_tb) {
            tb_add_jump(last_tb, tb_exit, tb);
        }
        if (unlikely(qemu_loglevel & (CPU_LOG_EXEC | CPU_LOG_TB_CPU))) {
            log_exec(env, tb);
        }

        if (unlikely(next_tb_once)) {
            once_running = cflags;
        }
        ret = tcg_qemu_tb_exec(env, tb->tc.ptr);
        last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        tb_exit = ret & TB_EXIT_MASK;
        if (unlikely(next_tb_once)) {
            once_running = 0;
            if (tb_exit == TB_EXIT_REQUESTED && last_tb == tb) {
                /* It left at its entry (the exit request of a TLB
                   invalidation): nothing ran, it is due again. */
                env->cflags_next_tb = cflags;
            } else {
                retry_progress = true;
            }
        }
        if (tb_exit == TB_EXIT_REQUESTED) {
            /* Left at a TB entry before running any of it: the pc and
               the rest of the key are the TB's own (a chained predecessor
               did not store them). */
            restore_state_to_tb_entry(env, last_tb);
            last_tb = NULL;
        } else if (unlikely(env->singlestep_enabled || gdb_watch_stepping)) {
            /* a gdb step, or the insn that hit a watchpoint, is done */
            gdb_watch_stepping = false;
            return EXCP_DEBUG;
        } else if (unlikely(tracing) && !env->ss_shadow) {
            /* The instruction (or one iteration of a rep one) completed
               with TF set at its start; one that left through an
               exception (a fault, int3, a system call) traps no further,
               as on the CPU. */
            return EXCP_TRACE;
        }
    }
}

int cpu_exec(CPUArchState *env)
{
    int excp;

    thread_cpu = env;
    cpu_exec_start(env);
    gdb_wait_while_held(env);
    /* cpu_loop_exit lands here with precise guest state in env; the loop
       then returns the exception it recorded. */
    if (sigsetjmp(env->jmp_env, 0) != 0) {
        /* A guest fault while fetching code to translate leaves the lock
           tb_lookup took. */
        while (have_mmap_lock()) {
            mmap_unlock();
        }
        /* A helper of the block cflags_next_tb asked for started its
           instruction over without an exception (a locked instruction's
           compare-and-swap lost to another thread): that block is due
           again.  Else the direct block would run the instruction, fault
           where the retry had sent it around, and count as no progress:
           under contention, 64 times in a row (docs/devel/shdwrt.md). */
        if (once_running) {
            if (env->exception_index < 0 && !env->cflags_next_tb) {
                env->cflags_next_tb = once_running;
            }
            once_running = 0;
        }
    }
    excp = cpu_exec_loop(env);
    cpu_exec_end(env);
    return excp;
}

void cpu_loop_exit(CPUArchState *env)
{
    clear_helper_retaddr();     /* whatever access was under way is over */
    tci_forget_call_site();
    siglongjmp(env->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUArchState *env, uintptr_t host_pc)
{
    if (host_pc > HELPER_RETADDR_CODE_FETCH) {
        /* host_pc is a return address: step back into the call insn so it
           maps to the guest instruction that made the call. */
        cpu_restore_state(env, host_pc - 1);
    }
    cpu_loop_exit(env);
}

void cpu_exit(CPUArchState *env)
{
    if (env) {
        env->exit_request = 1;
    }
}
