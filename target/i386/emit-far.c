/*
 * emit-far.c: the instructions that take a selector with an offset: far
 * jmp/call/ret, iret, and les/lds/lss/lfs/lgs.  The selector checks and
 * the stack work are in seg_helper.c; the helpers read everything before
 * they change anything, so a fault leaves the registers as they were.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

/* Far transfers change eip in the helper: flush the lazy flags state
   first, leave for the TB at env->eip afterwards. */
static void gen_far_start(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_jmp_im(s, insn_eip(s));
}

/*
 * The offset size of a far pointer in memory for operand size ot: REX.W
 * makes it m16:64 on Intel; AMD (measured on an EPYC) ignores REX.W there
 * and reads m16:32, although a far call still pushes 64-bit slots.
 */
static MemOp far_offset_size(DisasContext *s, MemOp ot)
{
    return ot == MO_64 && s->amd ? MO_32 : ot;
}

/* T0 = the offset, T1 = the selector of the far pointer at A0 (offset
   first); returns the offset's size. */
static MemOp gen_far_pointer_mem(DisasContext *s, MemOp ot)
{
    MemOp off = far_offset_size(s, ot);

    gen_op_ld_v(s, off, s->T0, s->A0);
    tcg_gen_addi_tl(s->A0, s->A0, 1 << off);
    gen_op_ld_v(s, MO_16, s->T1, s->A0);
    return off;
}

/* T0 = the offset, T1 = the selector: from the instruction (ptr16:16/32)
   or from memory (m16:16/32/64). */
static void gen_far_pointer(DisasContext *s, X86Decoded *d)
{
    if (d->e->arg == FAR_DIRECT) {
        tcg_gen_movi_tl(s->T0, d->imm);
        tcg_gen_movi_tl(s->T1, d->imm2);
        return;
    }
    gen_far_pointer_mem(s, d->ot);
}

/* lret / lret imm16 */
void emit_lret(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 shift = tcg_const_i32(d->ot);
    TCGv_i32 release = tcg_const_i32(d->imm);

    gen_far_start(s);
    gen_helper_lret(cpu_env, shift, release);
    tcg_temp_free_i32(shift);
    tcg_temp_free_i32(release);
    gen_eob(s);
}

void emit_iret(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 shift = tcg_const_i32(d->ot);

    gen_far_start(s);
    gen_helper_iret(cpu_env, shift);
    tcg_temp_free_i32(shift);
    set_cc_op(s, CC_OP_DYNAMIC);    /* the helper loaded EFLAGS, cc_op */
    gen_eob(s);
}

void emit_ljmp(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_far_start(s);
    gen_far_pointer(s, d);
    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T1);
    gen_helper_ljmp(cpu_env, s->tmp2_i32, s->T0);
    gen_eob(s);
}

void emit_lcall(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 shift = tcg_const_i32(d->ot);
    TCGv next_eip = tcg_const_tl(insn_next_eip(s));

    gen_far_start(s);
    gen_far_pointer(s, d);
    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T1);
    gen_helper_lcall(cpu_env, s->tmp2_i32, s->T0, shift, next_eip);
    tcg_temp_free_i32(shift);
    tcg_temp_free(next_eip);
    gen_eob(s);
}

/* les/lds/lss/lfs/lgs Gv, Mp (arg: the segment register): the segment is
   loaded, and checked, before the general register is written. */
void emit_load_far_ptr(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 seg = tcg_const_i32(d->e->arg);
    MemOp off = gen_far_pointer_mem(s, d->ot);

    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T1);
    gen_helper_load_seg(cpu_env, seg, s->tmp2_i32);
    tcg_temp_free_i32(seg);
    gen_op_mov_reg_v(s, off, d->reg, s->T0);
    gen_seg_load_done(s, d->e->arg);
}
