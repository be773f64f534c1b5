/*
 * translate.c: the x86 guest's side of the generic translator loop: the TCG
 * globals for guest state, per-TB DisasContext setup, where a TB must stop,
 * how control leaves a TB (chained goto_tb, lookup_and_goto_ptr, plain exit)
 * and exceptions raised from generated code.  Instructions themselves are
 * decoded in decode.c and emitted by emit-*.c.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"
#include "qemu/log.h"
#include "exec/gdbstub.h"

TCGv cpu_regs[CPU_NB_REGS];
TCGv cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
TCGv_i32 cpu_cc_op;
TCGv cpu_seg_base[6];

/* The names -d op prints. */
static const char *const reg_names[CPU_NB_REGS] = {
#ifdef TARGET_X86_64
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
#else
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
#endif
};
static const char *const seg_base_names[6] = {
    "es_base", "cs_base", "ss_base", "ds_base", "fs_base", "gs_base",
};

void tcg_x86_init(void)
{
    int i;

    cpu_cc_op = tcg_global_mem_new_i32(cpu_env, offsetof(CPUX86State, cc_op),
                                       "cc_op");
    cpu_cc_dst = tcg_global_mem_new(cpu_env, offsetof(CPUX86State, cc_dst),
                                    "cc_dst");
    cpu_cc_src = tcg_global_mem_new(cpu_env, offsetof(CPUX86State, cc_src),
                                    "cc_src");
    cpu_cc_src2 = tcg_global_mem_new(cpu_env, offsetof(CPUX86State, cc_src2),
                                     "cc_src2");
    for (i = 0; i < CPU_NB_REGS; i++) {
        cpu_regs[i] = tcg_global_mem_new(cpu_env,
                                         offsetof(CPUX86State, regs[i]),
                                         reg_names[i]);
    }
    for (i = 0; i < 6; i++) {
        cpu_seg_base[i] = tcg_global_mem_new(cpu_env,
                                             offsetof(CPUX86State, segs[i].base),
                                             seg_base_names[i]);
    }
    /* Most loaded and stored at block boundaries first (sampled over the
       bench workloads: docs/devel/performance.md, lever 31); the host
       takes as many as it has registers for.  32-bit code passes
       arguments on the stack and keeps frame pointers: esp and ebp lead
       there (busybox gzip: ebp 11% and esp 6% of its generated code's
       samples were their loads and stores). */
#ifdef TARGET_X86_64
    static TCGv *const pinned[] = {
        &cpu_regs[R_EAX], &cpu_regs[R_EDX], &cpu_cc_src, &cpu_cc_dst,
        &cpu_regs[R_ESI], &cpu_regs[R_EDI], &cpu_regs[R_ESP],
    };
#else
    static TCGv *const pinned[] = {
        &cpu_regs[R_ESP], &cpu_regs[R_EBP], &cpu_cc_src, &cpu_cc_dst,
        &cpu_regs[R_EAX], &cpu_regs[R_EBX], &cpu_regs[R_EDI],
    };
#endif
    for (i = 0; i < (int)ARRAY_SIZE(pinned); i++) {
        tcg_global_pin(*pinned[i]);
    }
}

/* ---- leaving the TB ---- */

/* -singlestep (one insn per TB) and CF_NOCHAIN TBs must come back to
   cpu_exec after every TB, so that it can log and look at them. */
static bool chaining_allowed(DisasContext *s)
{
    return !(s->base.tb->cflags & CF_NOCHAIN) && s->base.max_insns != 1;
}

void gen_jmp_im(DisasContext *s, target_ulong pc)
{
    tcg_gen_movi_tl(s->tmp0, pc);
    tcg_gen_st_tl(s->tmp0, cpu_env, offsetof(CPUX86State, eip));
}

void gen_eob(DisasContext *s)
{
    gen_update_cc_op(s);
    if (chaining_allowed(s)) {
        tcg_gen_lookup_and_goto_ptr();
    } else {
        tcg_gen_exit_tb(NULL, 0);
    }
    s->base.is_jmp = DISAS_NORETURN;
}

/*
 * A direct jump is chained wherever its target lies, in this TB's pages or
 * another's.  User mode has no address translation that could change under
 * a chain: a TB goes stale only through tb_phys_invalidate (its page written,
 * unmapped, made non-executable, replaced, a breakpoint set in it, a broken
 * block retranslated), and that unlinks every jump into it.  The jump then
 * leaves through its exit and cpu_exec translates the target afresh, which
 * faults if the page may no longer be executed.  (System-mode QEMU must stay
 * within the page; user-mode QEMU chains across pages too.)
 *
 * The target's key includes the cc_op at entry, so a chain is right only if
 * this exit always leaves the same one: not after an instruction whose
 * helper chose the cc_op at run time (CC_OP_DYNAMIC).  That exit looks the
 * target up by env->cc_op instead.  A chained jump does not store the cc_op
 * (the target knows it from its key): only the way out to cpu_exec does.
 * Code after this exit is reached by branches from before it, with the
 * state from before.
 */
void gen_jmp_tb(DisasContext *s, target_ulong eip, int n)
{
    bool cc_op_dirty = s->cc_op_dirty;

    if (chaining_allowed(s) && s->cc_op != CC_OP_DYNAMIC) {
        tcg_gen_goto_tb(n);
        gen_update_cc_op(s);
        gen_jmp_im(s, eip);
        tcg_gen_exit_tb(s->base.tb, n);
        s->base.is_jmp = DISAS_NORETURN;
    } else {
        gen_jmp_im(s, eip);
        gen_eob(s);
    }
    s->cc_op_dirty = cc_op_dirty;
}

uint32_t exit_tb_flags(DisasContext *s)
{
    return (s->base.tb->flags & ~TB_FLAGS_CC_OP_MASK)
           | ((uint32_t)s->cc_op << TB_FLAGS_CC_OP_SHIFT);
}

bool jmp_reg_chains(DisasContext *s)
{
    return chaining_allowed(s) && s->cc_op != CC_OP_DYNAMIC
        && !qemu_loglevel_mask(CPU_LOG_EXEC);
}

/*
 * A near indirect jump (jmp *, call *, ret).  Its exit leaves with the key
 * of this TB but the cc_op, as a direct jump does (gen_jmp_tb), so when the
 * cc_op is static it is chained to the first pc it takes
 * (tcg_gen_lookup_and_goto_ptr_cached); no goto_tb precedes it in the TB.
 * Not under -d exec, whose "Chain" lines come from the lookup helper.
 */
void gen_jmp_reg(DisasContext *s, MemOp ot, TCGv t)
{
    if (ot == MO_16) {
        tcg_gen_ext16u_tl(t, t);
    }
    tcg_gen_st_tl(t, cpu_env, offsetof(CPUX86State, eip));
    gen_update_cc_op(s);
    if (jmp_reg_chains(s)) {
        if (s->base.tb->cs_base) {
            tcg_gen_addi_tl(t, t, s->base.tb->cs_base);
        }
        tcg_gen_lookup_and_goto_ptr_cached(s->base.tb, t, offsetof(CPUX86State, eip),
                                           exit_tb_flags(s));
        s->base.is_jmp = DISAS_NORETURN;
    } else {
        gen_eob(s);
    }
}

/*
 * After a segment register load: in 32-bit code a load of ES, CS, SS or DS
 * may give it a base or another size (HF_ADDSEG, HF_CS32, HF_SS32 are in
 * the block's key), so the block ends and the next is looked up afresh.
 * FS and GS bases are read at run time; 64-bit code ignores the others.
 */
void gen_seg_load_done(DisasContext *s, int seg)
{
    if (!s->code64 && seg != R_FS && seg != R_GS) {
        gen_jmp_im(s, insn_next_eip(s));
        gen_eob(s);
    }
}

void gen_exception(DisasContext *s, int trapno, target_ulong cur_eip)
{
    TCGv_i32 t = tcg_const_i32(trapno);

    gen_update_cc_op(s);
    gen_jmp_im(s, cur_eip);
    gen_helper_raise_exception(cpu_env, t);
    tcg_temp_free_i32(t);
    s->base.is_jmp = DISAS_NORETURN;
}

/*
 * A #GP at the instruction unless v (a local temp or a global: it lives
 * across the branch) is canonical, bits 63..47 all equal; Linux reports it
 * as SIGSEGV, SI_KERNEL.  Only 64-bit guests have such addresses.
 */
void gen_gp_unless_canonical(DisasContext *s, TCGv v)
{
#ifdef TARGET_X86_64
    TCGLabel *canonical = gen_new_label();

    gen_update_cc_op(s);
    tcg_gen_shli_tl(s->tmp0, v, 16);
    tcg_gen_sari_tl(s->tmp0, s->tmp0, 16);
    tcg_gen_brcond_tl(TCG_COND_EQ, s->tmp0, v, canonical);
    gen_exception(s, EXCP0D_GPF, insn_eip(s));
    gen_set_label(canonical);
    s->base.is_jmp = DISAS_NEXT;
#endif
}

/*
 * An encoding the decoder refuses, as opposed to an instruction that decodes
 * and then faults: the TB says so (tb->insn_rejected) and -d unimp shows the
 * bytes, since a guest dying of SIGILL is most often an instruction we lack.
 */
static void gen_rejected_insn(DisasContext *s, int trapno)
{
    s->base.tb->insn_rejected = true;
    if (qemu_loglevel_mask(LOG_UNIMP)) {
        qemu_log("ILLOPC: " TARGET_FMT_lx ":", s->pc_start);
        for (target_ulong pc = s->pc_start; pc < s->pc; pc++) {
            qemu_log(" %02x", *(uint8_t *)g2h(pc));
        }
        qemu_log("\n");
    }
    gen_exception(s, trapno, insn_eip(s));
}

void gen_illegal_opcode(DisasContext *s)
{
    gen_rejected_insn(s, EXCP06_ILLOP);
}

void gen_overlong_insn(DisasContext *s)
{
    gen_rejected_insn(s, EXCP0D_GPF);
}

/* ---- the TranslatorOps hooks ---- */

static void i386_tr_init_disas_context(DisasContextBase *db, CPUX86State *env)
{
    DisasContext *s = container_of(db, DisasContext, base);

    s->flags = db->tb->flags;
    s->cs_base = db->tb->cs_base;
    s->code64 = (s->flags & HF_CS64_MASK) != 0;
    s->code32 = (s->flags & HF_CS32_MASK) != 0;
    s->amd = x86_cpu_is_amd(env);
    s->mem_index = 0;
    /* The key's cc_op.  A chained predecessor jumps here without storing it
       (gen_jmp_tb), so env may hold an older one: a static cc_op counts as
       not stored yet (cpu_exec restores it for the exit at entry). */
    s->cc_op = (s->flags & TB_FLAGS_CC_OP_MASK) >> TB_FLAGS_CC_OP_SHIFT;
    s->cc_op_dirty = s->cc_op != CC_OP_DYNAMIC;
    s->cpuid_features = env->cpuid_features;
    s->cpuid_ext_features = env->cpuid_ext_features;
    s->cpuid_ext2_features = env->cpuid_ext2_features;
    s->cpuid_ext3_features = env->cpuid_ext3_features;
    s->cpuid_7_0_ebx_features = env->cpuid_7_0_ebx_features;
    s->cpuid_xsave_features = env->cpuid_xsave_features;

    s->A0 = tcg_temp_new();
    s->T0 = tcg_temp_new();
    s->T1 = tcg_temp_new();
    s->tmp0 = tcg_temp_new();
    s->tmp4 = tcg_temp_new();
    s->tmp1_i64 = tcg_temp_new_i64();
    s->tmp2_i32 = tcg_temp_new_i32();
    s->tmp3_i32 = tcg_temp_new_i32();
    s->ptr0 = tcg_temp_new_ptr();
    s->ptr1 = tcg_temp_new_ptr();
}

/* Nothing x86-specific happens at TB entry; the generic loop does the rest. */
static void i386_tr_tb_start(DisasContextBase *db, CPUX86State *env)
{
}

/* Recorded per insn so a fault restores eip and the cc_op at insn start. */
static void i386_tr_insn_start(DisasContextBase *db, CPUX86State *env)
{
    DisasContext *s = container_of(db, DisasContext, base);

    tcg_gen_insn_start(db->pc_next, s->cc_op);
    gen_discard_unused_cc(s);
}

static void i386_tr_translate_insn(DisasContextBase *db, CPUX86State *env)
{
    DisasContext *s = container_of(db, DisasContext, base);
    target_ulong page_off;
    int ops_mark = tcg_op_mark();
    CCOp cc_op = s->cc_op;
    bool cc_op_dirty = s->cc_op_dirty;

    s->pc = db->pc_next;
    if (unlikely(gdb_breakpoint_at(db->pc_next))) {
        /* Stop before it; the byte counted in tb->size lets removing the
           breakpoint invalidate this TB. */
        gen_exception(s, EXCP_DEBUG, db->pc_next - db->tb->cs_base);
        db->pc_next++;
        return;
    }
    disas_insn(env, s);
    if (s->pc - s->pc_start > TARGET_MAX_INSN_SIZE) {
        /* The CPU raises #GP for an instruction over 15 bytes before it
           runs any of it; the decoder learns the length only while it
           emits, so what it emitted goes. */
        tcg_drop_ops_after(ops_mark);
        s->cc_op = cc_op;
        s->cc_op_dirty = cc_op_dirty;
        gen_overlong_insn(s);
    }
    db->pc_next = s->pc;
    if (db->is_jmp != DISAS_NEXT) {
        return;
    }
    /*
     * Only the first insn of a TB may cross a page: stop when the next one
     * is on another page than the TB start or could run past its page end.
     */
    page_off = db->pc_next & ~TARGET_PAGE_MASK;
    if ((db->pc_next & TARGET_PAGE_MASK) != (db->pc_first & TARGET_PAGE_MASK) ||
        page_off > TARGET_PAGE_SIZE - TARGET_MAX_INSN_SIZE) {
        db->is_jmp = DISAS_TOO_MANY;
    }
}

static void i386_tr_tb_stop(DisasContextBase *db, CPUX86State *env)
{
    DisasContext *s = container_of(db, DisasContext, base);

    if (db->is_jmp != DISAS_NORETURN) {
        gen_jmp_tb(s, db->pc_next, 0);
    }
}

static const TranslatorOps i386_tr_ops = {
    .init_disas_context = i386_tr_init_disas_context,
    .tb_start           = i386_tr_tb_start,
    .insn_start         = i386_tr_insn_start,
    .translate_insn     = i386_tr_translate_insn,
    .tb_stop            = i386_tr_tb_stop,
};

void gen_intermediate_code(CPUArchState *env, TranslationBlock *tb, int max_insns)
{
    DisasContext s;

    memset(&s, 0, sizeof(s));
    translator_loop(&i386_tr_ops, &s.base, env, tb, max_insns);
}

/* A TB left at its entry: its key's pc and cc_op (a chained predecessor
   stored neither). */
void restore_state_to_tb_entry(CPUArchState *env, TranslationBlock *tb)
{
    int cc_op = (tb->flags & TB_FLAGS_CC_OP_MASK) >> TB_FLAGS_CC_OP_SHIFT;

    env->eip = tb->pc - tb->cs_base;
    if (cc_op != CC_OP_DYNAMIC) {
        env->cc_op = cc_op;
    }
}

/* The pc recorded per instruction is linear. */
void restore_state_to_opc(CPUArchState *env, TranslationBlock *tb,
                          target_ulong *data)
{
    int cc_op = data[1];

    env->eip = data[0] - tb->cs_base;
    if (cc_op != CC_OP_DYNAMIC) {
        env->cc_op = cc_op;
    }
}
