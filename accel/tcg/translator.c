/*
 * translator.c: the generic translation loop (see exec/translator.h) and the
 * guest code fetch it uses.  Every TB starts with a check of exit_request so
 * that a signal can stop a guest spinning in chained TBs.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/translator.h"
#include <glib.h>
#include "exec/cpu_ldst.h"
#include "tcg/tcg-op.h"
#include "disas/disas.h"

/* Exit-request check at TB entry; returns the label of its exit path. */
static TCGLabel *gen_tb_start(void)
{
    TCGLabel *exit_label = gen_new_label();
    TCGv_i32 flag = tcg_temp_new_i32();

    tcg_gen_ld_i32(flag, cpu_env, offsetof(CPUArchState, exit_request));
    tcg_gen_brcondi_i32(TCG_COND_NE, flag, 0, exit_label);
    tcg_temp_free_i32(flag);
    return exit_label;
}

static void gen_tb_end(TranslationBlock *tb, TCGLabel *exit_label)
{
    gen_set_label(exit_label);
    tcg_gen_exit_tb(tb, TB_EXIT_REQUESTED);
}

static int guest_code_bits(const TranslationBlock *tb)
{
#ifdef TARGET_X86_64
    if (tb->flags & HF_CS64_MASK) {
        return 64;
    }
#endif
    return tb->flags & HF_CS32_MASK ? 32 : 16;
}

void translator_loop(const TranslatorOps *ops, DisasContextBase *db,
                     CPUArchState *env, TranslationBlock *tb, int max_insns)
{
    TCGLabel *exit_label;

    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    db->singlestep_enabled = singlestep;

    ops->init_disas_context(db, env);
    exit_label = gen_tb_start();
    ops->tb_start(db, env);

    for (;;) {
        db->num_insns++;
        ops->insn_start(db, env);
        ops->translate_insn(db, env);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns || tcg_op_buf_full()) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, env);
    gen_tb_end(tb, exit_label);

    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;

    if (qemu_loglevel_mask_at(CPU_LOG_TB_IN_ASM, db->pc_first)) {
        qemu_log("----------------\n");
        qemu_log("IN: %s\n", lookup_symbol(db->pc_first));
        if (ops->disas_log) {
            ops->disas_log(db, env);
        } else {
            uint8_t *code = g_malloc(tb->size);

            tlb_read_bytes(env, db->pc_first, code, tb->size, PAGE_EXEC, 0);
            disas_guest(code, db->pc_first, tb->size, guest_code_bits(tb));
            g_free(code);
        }
        qemu_log("\n");
        qemu_log_flush();
    }
}

/*
 * Code fetch, through the TLB's addr_code (PAGE_EXEC): the bytes come from
 * wherever the page map says the page lives.  The translator ends a TB
 * before an insn that could cross into another page, so only a TB's first
 * insn can reach an unmapped or non-executable page: raising the guest
 * fault here (env is precise at a TB start) loses no IR.  The same holds for
 * a host fault while reading (a file page past end of file gives SIGBUS):
 * HELPER_RETADDR_CODE_FETCH tells the fault handler.
 */
#define TRANSLATOR_LD(name, type)                                    \
type translator_##name(CPUArchState *env, target_ulong pc)           \
{                                                                    \
    type v;                                                          \
    tlb_read_bytes(env, pc, &v, sizeof(type), PAGE_EXEC,             \
                   HELPER_RETADDR_CODE_FETCH);                       \
    return v;                                                        \
}
TRANSLATOR_LD(ldub, uint8_t)
TRANSLATOR_LD(lduw, uint16_t)
TRANSLATOR_LD(ldl, uint32_t)
TRANSLATOR_LD(ldq, uint64_t)
