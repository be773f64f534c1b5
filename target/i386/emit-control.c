/*
 * emit-control.c: control transfer: jcc, jmp, call, ret, loop/jrcxz, and
 * the instructions that leave generated code for cpu_loop (int3, int n,
 * syscall, privileged instructions).  The decoder has already turned
 * relative displacements into target eips in d->imm.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

void emit_jcc(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGLabel *taken = gen_new_label();

    gen_jcc_to_exits(s, d->b & 15, taken);
    gen_jmp_tb(s, insn_next_eip(s), 1);
    gen_set_label(taken);
    gen_jmp_tb(s, d->imm, 0);
}

void emit_jmp(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_jmp_tb(s, d->imm, 0);
}

/*
 * Copies a near branch's target (in T0) to a local temp, which lives across
 * the check's branch: a 64-bit target that is not canonical is a #GP at
 * the branch itself, before it changes the stack, as on the CPU.
 */
static TCGv gen_checked_target(DisasContext *s, MemOp ot)
{
    TCGv target = tcg_temp_local_new();

    tcg_gen_mov_tl(target, s->T0);
    if (ot == MO_64) {
        gen_gp_unless_canonical(s, target);
    }
    return target;
}

/* What a near indirect branch does to the stack besides jumping. */
typedef void BranchEffect(DisasContext *s, X86Decoded *d);

static void no_effect(DisasContext *s, X86Decoded *d)
{
}

/*
 * Return-address prediction (performance.md, 29).  cc1 returns to many
 * callers from each ret, so most of its lookups were rets.  A 64-bit call
 * that chains gets a return record (struct RetSite) and a stub after its
 * TB's exits, and puts the record in the ring slot of the stack address
 * it pushed its return pc to; a ret whose target is not its own jump
 * site's chained pc reads the slot of the address it pops from, and jumps
 * to a stub when the record is for its target and that stub's key is its
 * exit's TB flags (tcg_gen_ret_predicted).  The stub's goto_tb was chained
 * by cpu_exec for that key, and unlinked like any chain when the target
 * goes stale; a stale or foreign record fails a compare and takes the
 * lookup.
 */
static bool predicts_returns(DisasContext *s, X86Decoded *d)
{
    return d->ot == MO_64 && !s->base.tb->cs_base && jmp_reg_chains(s)
           && tb_predicts_returns();
}

static void start_call(DisasContext *s, X86Decoded *d)
{
    s->ret_site = predicts_returns(s, d) ? tb_new_ret_site(insn_next_eip(s)) : NULL;
}

static void end_call(DisasContext *s)
{
    if (s->ret_site) {
        tcg_gen_ret_stubs(s->base.tb, s->ret_site->code);
    }
}

/* call pushes its return address. */
static void push_return(DisasContext *s, X86Decoded *d)
{
    tcg_gen_movi_tl(s->T1, insn_next_eip(s));
    gen_push_v(s, d->ot, s->T1);
    if (s->ret_site) {
        tcg_gen_ret_ring_push(cpu_regs[R_ESP], s->ret_site);
    }
}

/* ret / ret imm16 (imm is 0 without one) releases its slot and imm bytes. */
static void release_slot(DisasContext *s, X86Decoded *d)
{
    gen_op_add_reg_im(s, gen_stack_size(s), R_ESP, (1 << d->ot) + d->imm);
}

/* A ret's other path, after the check: its call's stub if predicted, else
   the lookup.  The slot is read before the ret moves rsp off it. */
static void gen_ret_other(DisasContext *s, X86Decoded *d, target_ulong *site)
{
    TCGv_ptr ret = tcg_gen_ret_ring_peek(cpu_regs[R_ESP]);
    TCGv target = tcg_temp_local_new();

    tcg_gen_ld_tl(target, cpu_env, offsetof(CPUX86State, eip));
    release_slot(s, d);
    gen_update_cc_op(s);        /* for the lookup, and the stub's way out */
    tcg_gen_ret_predicted(ret, target, exit_tb_flags(s), site);
    tcg_temp_free(target);
    tcg_temp_free_ptr(ret);
}

/*
 * A near indirect branch to the target in T0 (read before any effect).  A
 * 64-bit one that chains (gen_jmp_reg) compares the target with its jump
 * site's chained pc first: that pc was canonical when it was looked up
 * (only the other path fills the slot, after the check; the empty slot's
 * -1 is canonical too), so the path that takes the chain skips the check,
 * and the target need not live across a branch (it is in env->eip).  Each
 * path then does the branch's effect, after the check on the other one,
 * as on the CPU.  A ret that predicts tries its call's prediction first
 * on the other path (gen_ret_other; its effect is release_slot).
 */
static void gen_branch_ind(DisasContext *s, X86Decoded *d, BranchEffect *effect,
                           bool predicted_ret)
{
    TCGLabel *other;
    target_ulong *site;
    TCGv target;
    bool cc_op_dirty;

    if (d->ot != MO_64 || s->base.tb->cs_base || !jmp_reg_chains(s)) {
        target = gen_checked_target(s, d->ot);
        effect(s, d);
        gen_jmp_reg(s, d->ot, target);
        tcg_temp_free(target);
        return;
    }
    tcg_gen_st_tl(s->T0, cpu_env, offsetof(CPUX86State, eip));
    cc_op_dirty = s->cc_op_dirty;
    other = gen_new_label();
    site = tcg_gen_jump_site_test(s->T0, other);
    effect(s, d);
    tcg_gen_goto_tb(0);
    gen_update_cc_op(s);        /* as gen_jmp_tb: only the way out stores it */
    tcg_gen_exit_tb(s->base.tb, 0);
    s->cc_op_dirty = cc_op_dirty;
    gen_set_label(other);
    tcg_gen_ld_tl(s->T0, cpu_env, offsetof(CPUX86State, eip));
    gen_gp_unless_canonical(s, s->T0);
    if (predicted_ret) {
        gen_ret_other(s, d, site);
    } else {
        effect(s, d);
        gen_update_cc_op(s);
        tcg_gen_jump_site_lookup(site, offsetof(CPUX86State, eip), 0, exit_tb_flags(s));
    }
    s->base.is_jmp = DISAS_NORETURN;
}

void emit_jmp_ind(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    gen_branch_ind(s, d, no_effect, false);
}

void emit_call(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    start_call(s, d);
    push_return(s, d);
    gen_jmp_tb(s, d->imm, 0);
    end_call(s);
}

/* The target is read before the return address is pushed. */
void emit_call_ind(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    start_call(s, d);
    gen_branch_ind(s, d, push_return, false);
    end_call(s);
}

void emit_ret(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_pop_load(s, d->ot, s->T0);
    gen_branch_ind(s, d, release_slot, predicts_returns(s, d));
}

/*
 * loopne / loope / loop / jrcxz (arg LOOP_*).  The whole condition is
 * computed before the single branch: no flag computation may happen on
 * only one path.
 */
void emit_loop(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGLabel *taken = gen_new_label();
    int op = d->e->arg;

    if (op == LOOP_JCXZ) {
        gen_ext_tl(s->T0, cpu_regs[R_ECX], s->aflag, false);
        tcg_gen_setcondi_tl(TCG_COND_EQ, s->T0, s->T0, 0);
    } else {
        if (op != LOOP_ALWAYS) {
            gen_setcc1(s, (JCC_Z << 1) | (op == LOOP_NE), s->T1);
        }
        gen_op_add_reg_im(s, s->aflag, R_ECX, -1);
        gen_ext_tl(s->T0, cpu_regs[R_ECX], s->aflag, false);
        tcg_gen_setcondi_tl(TCG_COND_NE, s->T0, s->T0, 0);
        if (op != LOOP_ALWAYS) {
            tcg_gen_and_tl(s->T0, s->T0, s->T1);
        }
    }
    /* both ways are exits, each storing the cc_op if it leaves */
    tcg_gen_brcondi_tl(TCG_COND_NE, s->T0, 0, taken);
    gen_jmp_tb(s, insn_next_eip(s), 1);
    gen_set_label(taken);
    gen_jmp_tb(s, d->imm, 0);
}

/* Leave for cpu_loop with a software interrupt; the helper decides, as the
   kernel's IDT would, between the vector itself and #GP. */
static void gen_interrupt(DisasContext *s, int intno)
{
    TCGv_i32 vec = tcg_const_i32(intno);
    TCGv_i32 len = tcg_const_i32(s->pc - s->pc_start);

    gen_update_cc_op(s);
    gen_jmp_im(s, insn_eip(s));
    gen_helper_raise_interrupt(cpu_env, vec, len);
    tcg_temp_free_i32(vec);
    tcg_temp_free_i32(len);
    s->base.is_jmp = DISAS_NORETURN;
}

void emit_int3(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_interrupt(s, EXCP03_INT3);
}

/* int1 (icebp, F1): a #DB trap the kernel reports as a breakpoint, with
   eip past the instruction. */
void emit_int1(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_exception(s, EXCP01_DB, insn_next_eip(s));
}

/* into: the #OF trap when OF is set, else nothing. */
void emit_into(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGLabel *no_overflow = gen_new_label();

    gen_setcc1(s, JCC_O << 1, s->T0);
    gen_update_cc_op(s);
    tcg_gen_brcondi_tl(TCG_COND_EQ, s->T0, 0, no_overflow);
    gen_interrupt(s, EXCP04_INTO);
    gen_set_label(no_overflow);
    s->base.is_jmp = DISAS_NEXT;
}

/* bound Gv, Ma: #BR (a fault) unless lower <= Gv <= upper, signed.  One
   branch, all computed before it (temps do not live across branches). */
void emit_bound(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGLabel *in_range = gen_new_label();
    MemOp sign = d->ot | MO_SIGN;

    gen_update_cc_op(s);
    gen_op_ld_v(s, sign, s->T0, s->A0);
    tcg_gen_addi_tl(s->A0, s->A0, 1 << d->ot);
    gen_op_ld_v(s, sign, s->T1, s->A0);
    gen_op_mov_v_reg(s, d->ot, s->tmp0, d->reg);
    gen_ext_tl(s->tmp0, s->tmp0, d->ot, true);
    tcg_gen_setcond_tl(TCG_COND_LT, s->T0, s->tmp0, s->T0);
    tcg_gen_setcond_tl(TCG_COND_GT, s->T1, s->tmp0, s->T1);
    tcg_gen_or_tl(s->T0, s->T0, s->T1);
    tcg_gen_brcondi_tl(TCG_COND_EQ, s->T0, 0, in_range);
    gen_exception(s, EXCP05_BOUND, insn_eip(s));
    gen_set_label(in_range);
    s->base.is_jmp = DISAS_NEXT;
}

void emit_int(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_interrupt(s, d->imm);
}

void emit_syscall(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 len = tcg_const_i32(s->pc - s->pc_start);

    gen_update_cc_op(s);
    gen_jmp_im(s, insn_eip(s));
    gen_helper_syscall(cpu_env, len);
    tcg_temp_free_i32(len);
    s->base.is_jmp = DISAS_NORETURN;
}

/*
 * mov to or from CRn (0f 20, 0f 22) or DRn (0f 21, 0f 23): a register that
 * does not exist is #UD, checked before the privilege; the others (CR0,
 * CR2-CR4, CR8, DR0-DR7) are #GP at CPL 3.  Measured on the CPU.
 */
void emit_mov_crdr(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    static const uint16_t existing[2] = { 0x011d, 0x00ff };  /* CRn, DRn */

    if ((existing[d->b & 1] >> d->reg) & 1) {
        gen_exception(s, EXCP0D_GPF, insn_eip(s));
    } else {
        gen_illegal_opcode(s);
    }
}

/* hlt, cli, sti, in, out...: #GP at CPL 3, which Linux reports as SIGSEGV. */
void emit_privileged(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_exception(s, EXCP0D_GPF, insn_eip(s));
}

/* sysexit at CPL 3: #GP or #UD, as on this host (host-quirks.c). */
void emit_sysexit(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    if (x86_host_quirks.sysexit_gp) {
        emit_privileged(env, s, d);
    } else {
        gen_illegal_opcode(s);
    }
}
