/*
 * exec-all.h: translation blocks and the engine's entry points shared by
 * accel/tcg, the target translator and linux-user.
 */
#ifndef EXEC_EXEC_ALL_H
#define EXEC_EXEC_ALL_H

#include "exec/cpu-defs.h"
#include "exec/cpu-all.h"
#include "cpu.h"

/* Most guest instructions per TB (further limited by op buffer and page). */
#define TCG_MAX_INSNS 512

/* cflags */
#define CF_COUNT_MASK  0x000001ff  /* max insns in this TB, 0 = default */
#define CF_LAST_IO     0x00008000
#define CF_NOCHAIN     0x00010000  /* never chain into or out of this TB */
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

    struct {
        void *ptr;         /* host code */
        size_t size;       /* host code bytes */
    } tc;

    /* Direct-jump chaining (goto_tb slots 0 and 1). */
    uint16_t jmp_reset_offset[2]; /* host offset to jump to when unchained */
    uint16_t jmp_insn_offset[2];  /* host offset of the patchable jump */
    uintptr_t jmp_dest[2];        /* TB we jump to (0: none) */
    /* TBs jumping into this one, for unchaining on invalidation:
       each entry is a TB pointer | slot. */
    uintptr_t *jmp_incoming;
    unsigned n_jmp_incoming, cap_jmp_incoming;

    TranslationBlock *hash_next;  /* TB hash chain */
    target_ulong page_addr[2];    /* guest pages holding its code; -1 none */

    /* Per-insn restore records: insn i ends at host offset end_off[i] and
       starts with insn_data[i][0..TARGET_INSN_START_WORDS-1]. */
    uint16_t *insn_end_off;
    target_ulong (*insn_data)[2];
};

/* The generic translator entry (target provides it). */
void gen_intermediate_code(CPUArchState *env, TranslationBlock *tb, int max_insns);
/* Restore env from a TB's per-insn record (target provides it). */
void restore_state_to_opc(CPUArchState *env, TranslationBlock *tb,
                          target_ulong *data);

/* translate-all.c */
void tcg_exec_init(size_t code_buffer_size);
TranslationBlock *tb_gen_code(CPUArchState *env, target_ulong pc,
                              target_ulong cs_base, uint32_t flags, int cflags);
TranslationBlock *tb_htable_lookup(CPUArchState *env, target_ulong pc,
                                   target_ulong cs_base, uint32_t flags,
                                   uint32_t cf_mask);
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next);
void tb_flush(CPUArchState *env);
/* Drop every TB with code in guest range [start, end). */
void tb_invalidate_phys_range(target_ulong start, target_ulong end);
/* Restore guest state for a fault at host_pc inside generated code.
   Returns true if host_pc was in generated code. */
bool cpu_restore_state(CPUArchState *env, uintptr_t host_pc);

/* cpu-exec.c */
int cpu_exec(CPUArchState *env);
/* Leave generated code for the cpu_exec loop (env->exception_index set). */
QEMU_NORETURN void cpu_loop_exit(CPUArchState *env);
/* Same, first restoring precise state from the helper's return address. */
QEMU_NORETURN void cpu_loop_exit_restore(CPUArchState *env, uintptr_t host_pc);
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
                      sigset_t *old_set);
/* The CPU this host thread runs (for signal handlers). */
extern __thread CPUArchState *thread_cpu;

/* The return address of a helper, pointing into generated code. */
#define GETPC() ((uintptr_t)__builtin_return_address(0))

#endif
