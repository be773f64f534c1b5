/*
 * emit-stack.c: push and pop (registers, immediates, memory, segment
 * registers), pushf/popf, enter/leave, pusha/popa.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

/* push Z / imm / Ev: the value is read before rSP moves (push rsp pushes
   the old value). */
void emit_push(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, d->e->op1, d->ot, s->T0);
    gen_push_v(s, d->ot, s->T0);
}

/*
 * pop Z / Ev.  rSP moves before the destination is written, so pop rsp
 * keeps the popped value, and a memory destination's address is computed
 * with the new rSP (the entry has OPF_NOLEA for that).
 */
void emit_pop(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv old_sp;

    gen_pop_load(s, d->ot, s->T0);
    if (d->e->op1 != OPK_E || d->mod == 3) {
        gen_pop_update(s, d->ot);
        gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
        return;
    }
    /* rSP moves for the address only: a store that faults leaves it
       unchanged, as the CPU does. */
    old_sp = tcg_temp_new();
    tcg_gen_mov_tl(old_sp, cpu_regs[R_ESP]);
    gen_pop_update(s, d->ot);
    gen_lea_addr(s, &d->addr, true);
    tcg_gen_mov_tl(cpu_regs[R_ESP], old_sp);
    tcg_temp_free(old_sp);
    gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
    gen_pop_update(s, d->ot);
}

void emit_pushf(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_update_cc_op(s);
    gen_helper_read_eflags(s->T0, cpu_env);
    gen_push_v(s, d->ot, s->T0);
}

/* At CPL 3 with IOPL 0, popf changes the arithmetic flags, DF, TF, NT, AC
   and ID; IF and IOPL are silently kept. */
void emit_popf(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    uint32_t mask = TF_MASK | AC_MASK | ID_MASK | NT_MASK;
    TCGv_i32 mask32;

    if (d->ot == MO_16) {
        mask &= 0xffff;
    }
    mask32 = tcg_const_i32(mask);
    gen_pop_load(s, d->ot, s->T0);
    gen_helper_write_eflags(cpu_env, s->T0, mask32);
    tcg_temp_free_i32(mask32);
    gen_pop_update(s, d->ot);
    set_cc_op(s, CC_OP_EFLAGS);
    /* TF may have changed: cpu_exec decides per block whether to trap */
    gen_jmp_im(s, insn_next_eip(s));
    gen_eob(s);
}

/* enter imm16, imm8: push rBP, copy level-1 frame pointers from the old
   frame, push the new frame pointer, then reserve imm16 bytes.  The SDM
   says a write at the final rSP that would fault faults; the AMD CPU this
   was checked on (tests/tcg/multiarch/enter-fault.c) makes the pushes
   first, then probes the final rSP, and a fault in either leaves rSP and
   rBP as they were but the pushed words written.  The probe reads and
   writes back the slot at the final rSP. */
void emit_enter(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;
    MemOp sp = gen_stack_size(s);
    int size = 1 << ot;
    int level = d->imm2 & 31;
    int i;

    /* T1: the new frame pointer, where rBP is pushed. */
    tcg_gen_subi_tl(s->T1, cpu_regs[R_ESP], size);
    tcg_gen_mov_tl(s->A0, s->T1);
    gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
    gen_op_st_v(s, ot, cpu_regs[R_EBP], s->A0);
    if (level) {
        for (i = 1; i < level; i++) {
            tcg_gen_subi_tl(s->A0, cpu_regs[R_EBP], size * i);
            gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
            gen_op_ld_v(s, ot, s->T0, s->A0);
            tcg_gen_subi_tl(s->A0, s->T1, size * i);
            gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
            gen_op_st_v(s, ot, s->T0, s->A0);
        }
        tcg_gen_subi_tl(s->A0, s->T1, size * level);
        gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
        gen_op_st_v(s, ot, s->T1, s->A0);
    }
    if (d->imm) {
        tcg_gen_subi_tl(s->A0, s->T1, d->imm + size * level);
        gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
        gen_op_ld_v(s, ot, s->T0, s->A0);
        gen_op_st_v(s, ot, s->T0, s->A0);
    }
    gen_op_mov_reg_v(s, sp, R_EBP, s->T1);
    tcg_gen_subi_tl(s->T1, s->T1, d->imm + size * level);
    gen_op_mov_reg_v(s, sp, R_ESP, s->T1);
}

/* leave: rSP = rBP, pop rBP (loaded before anything changes). */
void emit_leave(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp sp = gen_stack_size(s);

    tcg_gen_mov_tl(s->A0, cpu_regs[R_EBP]);
    gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
    gen_op_ld_v(s, d->ot, s->T0, s->A0);
    tcg_gen_addi_tl(s->T1, cpu_regs[R_EBP], 1 << d->ot);
    gen_op_mov_reg_v(s, d->ot, R_EBP, s->T0);
    gen_op_mov_reg_v(s, sp, R_ESP, s->T1);
}

/* pusha: eAX, eCX, eDX, eBX, original eSP, eBP, eSI, eDI, stored from
   the highest slot (eAX) down, as the CPU does: a block that reaches a
   read-only page below faults at the first slot there, with the slots
   above it written and eSP unchanged (tests/tcg/i386/pusha-fault, run
   natively on an AMD EPYC; QEMU 7.2 stores the lowest slot first). */
void emit_pusha(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;
    MemOp sp = gen_stack_size(s);
    int size = 1 << ot;
    int i;

    for (i = 0; i < 8; i++) {
        tcg_gen_subi_tl(s->A0, cpu_regs[R_ESP], (i + 1) * size);
        gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
        gen_op_st_v(s, ot, cpu_regs[i], s->A0);
    }
    gen_op_add_reg_im(s, sp, R_ESP, -8 * size);
}

/* popa: the reverse, skipping the saved eSP. */
void emit_popa(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;
    MemOp sp = gen_stack_size(s);
    int size = 1 << ot;
    int i;

    for (i = 0; i < 8; i++) {
        if (7 - i == R_ESP) {
            continue;
        }
        tcg_gen_addi_tl(s->A0, cpu_regs[R_ESP], i * size);
        gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
        gen_op_ld_v(s, ot, s->T0, s->A0);
        gen_op_mov_reg_v(s, ot, 7 - i, s->T0);
    }
    gen_op_add_reg_im(s, sp, R_ESP, 8 * size);
}

/* arg: the segment register. */
void emit_push_seg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    tcg_gen_ld32u_tl(s->T0, cpu_env,
                     offsetof(CPUX86State, segs[d->e->arg].selector));
    gen_push_v(s, d->ot, s->T0);
}

void emit_pop_seg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 seg = tcg_const_i32(d->e->arg);

    gen_pop_load(s, d->ot, s->T0);
    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T0);
    tcg_gen_andi_i32(s->tmp2_i32, s->tmp2_i32, 0xffff);
    gen_helper_load_seg(cpu_env, seg, s->tmp2_i32);
    tcg_temp_free_i32(seg);
    gen_pop_update(s, d->ot);
    gen_seg_load_done(s, d->e->arg);
}
