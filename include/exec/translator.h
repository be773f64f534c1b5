/*
 * translator.h: the generic per-instruction translation loop.  A target fills
 * a TranslatorOps table; translator_loop() drives it, emits insn_start
 * markers, honours -singlestep and the TB size limits, and does the logging.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include "exec/exec-all.h"
#include "tcg/tcg.h"

typedef enum DisasJumpType {
    DISAS_NEXT,        /* go on with the next instruction */
    DISAS_TOO_MANY,    /* TB limit reached: end with a jump to the next pc */
    DISAS_NORETURN,    /* the TB exit is already emitted */
    DISAS_TARGET_0,    /* target-specific values follow */
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    target_ulong pc_first;
    target_ulong pc_next;
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
    bool singlestep_enabled;
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUArchState *env);
    void (*tb_start)(DisasContextBase *db, CPUArchState *env);
    /* emit tcg_gen_insn_start(pc, cc_op) */
    void (*insn_start)(DisasContextBase *db, CPUArchState *env);
    /* translate one insn, advance db->pc_next, maybe set db->is_jmp */
    void (*translate_insn)(DisasContextBase *db, CPUArchState *env);
    /* emit the TB exit for is_jmp (DISAS_TOO_MANY / DISAS_NEXT / target) */
    void (*tb_stop)(DisasContextBase *db, CPUArchState *env);
    /* -d in_asm */
    void (*disas_log)(const DisasContextBase *db, CPUArchState *env);
} TranslatorOps;

void translator_loop(const TranslatorOps *ops, DisasContextBase *db,
                     CPUArchState *env, TranslationBlock *tb, int max_insns);

/* Guest code fetch for the translator (user mode: direct, via g2h). */
uint8_t translator_ldub(CPUArchState *env, target_ulong pc);
uint16_t translator_lduw(CPUArchState *env, target_ulong pc);
uint32_t translator_ldl(CPUArchState *env, target_ulong pc);
uint64_t translator_ldq(CPUArchState *env, target_ulong pc);

#endif
