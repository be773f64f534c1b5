/*
 * exec-all.h: translation blocks and the engine's entry points shared by
 * accel/tcg, the target translator and linux-user.
 */
#ifndef EXEC_EXEC_ALL_H
#define EXEC_EXEC_ALL_H

#include "exec/cpu-defs.h"
#include "exec/cpu-all.h"
#include "cpu.h"
#include "tcg/tcg.h"

/* Most guest instructions per TB (further limited by op buffer and page). */
#define TCG_MAX_INSNS 512

/* cflags */
#define CF_COUNT_MASK  0x000001ff  /* max insns in this TB, 0 = default */
#define CF_LAST_IO     0x00008000
#define CF_NOCHAIN     0x00010000  /* never chain into or out of this TB */
/* Guest memory accesses go through the software TLB (exec/cpu-tlb.h)
   instead of straight to guest_base + address. */
#define CF_CHECKED     0x00020000
#define CF_SINGLE_INSN 1           /* count value: one insn per TB (-singlestep) */

typedef struct TranslationBlock TranslationBlock;

struct TranslationBlock {
    target_ulong pc;       /* guest pc of the first instruction */
    target_ulong cs_base;
    uint32_t flags;        /* hflags at translation */
    uint32_t cflags;
    uint16_t size;         /* guest bytes */
    uint16_t icount;       /* guest instructions */
    bool invalid;          /* removed from lookup; do not chain to it */
    /* The translator refused the TB's last instruction (undefined opcode or
       overlong encoding): the TB raises #UD/#GP there instead of running it.
       Tells "decoded" from "rejected" without running the code (the
       decoder tests in tests/unit/target-decode.c rely on it). */
    bool insn_rejected;

    struct {
        void *ptr;         /* host code */
        size_t size;       /* host code bytes */
    } tc;

    /* Direct-jump chaining (goto_tb slots 0 and 1; a call's return stubs
       use 1 and 2, struct RetSite). */
    uint16_t jmp_reset_offset[3]; /* host offset to jump to when unchained */
    uint16_t jmp_insn_offset[3];  /* host offset of the patchable jump */
    uintptr_t jmp_dest[3];        /* TB we jump to (0: none) */
    /* TBs jumping into this one, for unchaining on invalidation:
       each entry is a TB pointer | slot. */
    uintptr_t *jmp_incoming;
    unsigned n_jmp_incoming, cap_jmp_incoming;

    TranslationBlock *hash_next;  /* TB hash chain */
    target_ulong page_addr[2];    /* guest pages holding its code; -1 none */

    /* Per-insn restore records: insn i's host code ends at offset
       insn[i].end_off, and its insn_start words are tb->pc + pc_off and
       word1 (x86: the cc_op); tb_insn_data() gives them back.  Six bytes an
       insn where whole words took 18: python's startup alone makes some
       200,000 (docs/devel/performance.md, "Peak RSS"). */
    struct TBInsnRecord {
        uint16_t end_off;
        uint16_t pc_off;
        uint16_t word1;
    } *insn;
    /* Which host registers hold which changed guest registers at each
       guest access instruction (tcg/tcg.c, "Access maps"); NULL if none. */
    uint8_t *access_maps;
    uint32_t access_maps_len;
};

/* Whether tb was made from the guest page at page. */
static inline bool tb_on_page(const TranslationBlock *tb, target_ulong page)
{
    return tb->page_addr[0] == page || tb->page_addr[1] == page;
}

/* The generic translator entry (target provides it). */
void gen_intermediate_code(CPUArchState *env, TranslationBlock *tb, int max_insns);
/* Restore env from a TB's per-insn record (target provides it). */
void restore_state_to_opc(CPUArchState *env, TranslationBlock *tb,
                          target_ulong *data);
/* Restore env for a TB left at its entry, before any of it ran (target
   provides it). */
void restore_state_to_tb_entry(CPUArchState *env, TranslationBlock *tb);

/* translate-all.c */
void tcg_exec_init(size_t code_buffer_size);
/*
 * Translate and publish a TB; mmap_lock held.  NULL when the code buffer
 * is full or is to be emptied because returns turn predicted
 * (tb_predicts_returns: the caller leaves generated code and calls
 * tb_flush), or when
 * *wait_generation is set: a page of the TB just became code while other
 * CPUs may still write it, so the caller drops mmap_lock, waits with
 * cpu_wait_tlb_generation and asks again.
 */
TranslationBlock *tb_gen_code(CPUArchState *env, target_ulong pc,
                              target_ulong cs_base, uint32_t flags, int cflags,
                              uint64_t *wait_generation);
/* Needs no lock: generated code calls it through helper_lookup_tb_ptr. */
TranslationBlock *tb_htable_lookup(CPUArchState *env, target_ulong pc,
                                   target_ulong cs_base, uint32_t flags,
                                   uint32_t cf_mask);
/* A new slot for the pc that one indirect jump of the TB being translated
   chains to (see tcg_gen_lookup_and_goto_ptr_cached); JUMP_SITE_EMPTY
   until the first lookup from there sets it, then fixed until tb_flush.
   mmap_lock held. */
#define JUMP_SITE_EMPTY ((target_ulong)-1)
target_ulong *tb_new_jump_site(void);
/*
 * Return-address prediction (docs/devel/performance.md, 29): a call's
 * record, pushed on the CPU's ret_ring when the call runs.  A ret to pc
 * whose exit key is key[i] jumps to code[i], one of the call TB's stubs
 * (goto_tb slots 1 and 2), chained by cpu_exec to the TB for (pc, key[i])
 * like a direct jump.  pc and code are fixed when the call is translated;
 * each key is RET_SITE_NO_KEY until a ret to pc with a key neither has
 * sets it through the lookup (helper_lookup_tb_ptr_ret), then fixed until
 * tb_flush frees the record.
 */
#define RET_SITE_NO_KEY UINT32_MAX
struct RetSite {
    target_ulong pc;
    uint32_t key[RET_SITE_STUBS];
    const void *code[RET_SITE_STUBS];
};
/* A record for a call returning to pc in the TB being translated; mmap_lock
   held. */
struct RetSite *tb_new_ret_site(target_ulong pc);
/* An indirect jump's lookup missed the jump cache (lock-free). */
void tb_note_lookup_miss(void);
/* Whether the TB being translated predicts returns: from when lookups
   have missed the jump cache about once for each TB translated, in a
   program of more TBs than the jump cache has slots (tb_gen_code then
   returns NULL once, for the code buffer to be emptied).  mmap_lock
   held. */
bool tb_predicts_returns(void);
/* The TB holding host code address host_pc, or NULL.  Lock-free. */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next);
/* Empty the TB cache and the code buffer if a translation found the buffer
   full since the last flush.  Frees code other CPUs could be running, so
   the caller is in an exclusive section. */
void tb_flush(void);
/* tb faulted on a guest page that direct accesses cannot reach (a shadowed
   host page): drop it, and translate it and the block starting at the
   faulting instruction cur_pc with CF_CHECKED from now on.  mmap_lock held. */
void tb_break(TranslationBlock *tb, target_ulong cur_pc);
/* Shadowed pages went back in bound: drop every broken TB (and forget
   which pcs were broken); those still needing checks break again.
   mmap_lock held. */
void tb_drop_broken(void);
/* Drop every TB that accesses guest memory directly (gdb watches memory:
   checked accesses from now on). */
void tb_invalidate_direct(void);
/* Drop every TB with code in guest range [start, end). */
void tb_invalidate_phys_range(target_ulong start, target_ulong end);
/* Restore guest state for a fault at host_pc inside generated code.
   Returns true if host_pc was in generated code. */
bool cpu_restore_state(CPUArchState *env, uintptr_t host_pc);
/* The same for a fault of generated code's own instruction at host_pc, with
   the signal context uc: also the guest registers that the access there
   left in host registers.  Lock-free, async-signal-safe. */
void cpu_restore_state_at_fault(CPUArchState *env, uintptr_t host_pc,
                                const ucontext_t *uc);

/* The direct-mapped per-CPU TB cache slot of a guest pc and its flags:
   the variants of one pc (one per entry cc_op, target/i386/cpu.h) get
   different slots instead of evicting each other. */
static inline unsigned tb_jmp_cache_hash_func(target_ulong pc, uint32_t flags)
{
    return (pc ^ (pc >> TB_JMP_CACHE_BITS) ^ (flags >> 16)) & (TB_JMP_CACHE_SIZE - 1);
}

/*
 * Empties slot e if it holds tb.  Its flags go first: generated code reads
 * no tb, only the key, and a key with flags 0 is no TB's (CPL 3); another
 * TB put there meanwhile just misses once.
 */
static inline void tb_jmp_cache_empty(struct TBJmpCacheEntry *e, struct TranslationBlock *tb)
{
    struct TranslationBlock *expected = tb;

    if (__atomic_load_n(&e->tb, __ATOMIC_SEQ_CST) == tb) {
        __atomic_store_n(&e->flags, 0, __ATOMIC_SEQ_CST);
        __atomic_compare_exchange_n(&e->tb, &expected, NULL, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
}

/*
 * The lock serialising every change to guest mappings, page flags and the
 * TB cache (linux-user/guest-space.c).  Recursive: the fault handler
 * resolving a self-modifying-code write takes it, possibly in a thread
 * that already holds it.  have_mmap_lock: whether this thread holds it.
 */
void mmap_lock(void);
void mmap_unlock(void);
bool have_mmap_lock(void);

/*
 * cpus-common.c: the CPUs of the process (one per guest thread) and
 * exclusive sections.  Walk the list with CPU_FOREACH under
 * cpu_list_lock.  cpu_exec brackets itself with cpu_exec_start/end;
 * start_exclusive returns when no other CPU is inside cpu_exec (the
 * running ones are asked to leave with cpu_exit) and keeps them out until
 * end_exclusive.  The caller must not be inside cpu_exec itself.
 */
extern CPUArchState *first_cpu;
#define CPU_FOREACH(cpu) for ((cpu) = first_cpu; (cpu); (cpu) = (cpu)->next_cpu)
void cpu_list_lock(void);
void cpu_list_unlock(void);
void cpu_list_add(CPUArchState *env);
/* Returns how many CPUs are left. */
int cpu_list_remove(CPUArchState *env);
/* In a forked child: self is the only CPU, and no lock is held. */
void cpu_list_fork_child(CPUArchState *self);
void cpu_exec_start(CPUArchState *env);
void cpu_exec_end(CPUArchState *env);
void start_exclusive(void);
void end_exclusive(void);
/* start_exclusive for self inside cpu_exec (a helper), which is counted
   outside while it waits, inside again once no other CPU is: true then.
   False, with no section open, if another section ran first (it may have
   emptied the code buffer) or the page map changed while self waited (its
   TLB is stale): self must not return into its TB but leave it with
   cpu_loop_exit, its guest state restored beforehand.  The section ends
   with end_exclusive.  self must hold no lock that a CPU inside cpu_exec
   may wait for (mmap_lock), and nothing in the section may leave it
   without end_exclusive (a host fault's cpu_loop_exit). */
bool start_exclusive_running(CPUArchState *self);
/* Returns when every other CPU is outside cpu_exec or has flushed its TLB
   at page map generation gen or later (so no stale TLB entry is in use).
   self is between TBs and flushes its own first; no mmap_lock held. */
void cpu_wait_tlb_generation(CPUArchState *self, uint64_t gen);
/* Whether no CPU but the caller's can still use a TLB entry older than
   generation gen (the same test, without waiting). */
bool cpus_flushed_since(uint64_t gen);

/* cpu-exec.c */
int cpu_exec(CPUArchState *env);
/* Leave generated code for the cpu_exec loop (env->exception_index set). */
QEMU_NORETURN void cpu_loop_exit(CPUArchState *env);
/* Same, first restoring precise state from the helper's return address. */
QEMU_NORETURN void cpu_loop_exit_restore(CPUArchState *env, uintptr_t host_pc);
/* Leave for cpu_loop with a guest page fault: kind (PageFault) at guest
   address addr by an access of kind access (PAGE_READ, PAGE_WRITE or
   PAGE_EXEC); guest state is restored from ra, a helper's return address
   into generated code (0: env is already precise). */
QEMU_NORETURN void raise_guest_fault(CPUArchState *env, target_ulong addr,
                                     int access, int kind, uintptr_t ra);
/* Ask the running CPU to leave generated code at the next TB boundary. */
void cpu_exit(CPUArchState *env);
extern int singlestep;

/* user-exec.c: a host SIGSEGV/SIGBUS.  Returns 1 when the fault was the
   emulator's own doing and is resolved (e.g. a write to a page protected for
   self-modifying-code detection): the access may be retried.  When the fault
   is the guest's, it does not return: guest state is made precise, the
   guest fault recorded (EXCP0E_PAGE, env->cr2, env->error_code bit 1 =
   write) and execution leaves for cpu_loop.  Returns 0 when the fault is
   not at a guest address nor in generated code or a helper (emulator bug). */
int handle_cpu_signal(uintptr_t host_pc, siginfo_t *info, int is_write,
                      ucontext_t *uc);
/* The CPU this host thread runs (for signal handlers). */
extern __thread CPUArchState *thread_cpu;

/* The return address of a helper, pointing into generated code (the
   interpreter's: just past the call instruction, tcg/tci.h). */
#ifdef CONFIG_TCG_INTERPRETER
#include "tcg/tci.h"
#define GETPC() tci_call_site
#else
#define GETPC() ((uintptr_t)__builtin_return_address(0))
#endif

#endif
