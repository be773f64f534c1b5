/*
 * emit-shift.c: shifts and rotates (group 2) and shld/shrd.
 *
 * The count is masked to 5 bits (6 for 64-bit operands); a masked count of
 * zero leaves every flag alone.  With a constant count that is decided
 * here; with CL the new lazy-flag state is selected at run time (movcond),
 * leaving cc_op dynamic.  rcl/rcr and shld/shrd are helpers working on
 * materialised EFLAGS.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

static int count_mask(MemOp ot)
{
    return ot == MO_64 ? 0x3f : 0x1f;
}

/* res = val shifted by count, last = by count - 1 (sar works signed). */
static void gen_shift_value(int op, MemOp ot, TCGv res, TCGv last, TCGv val,
                            TCGv count_minus_1, TCGv count)
{
    switch (op) {
    case SHIFT_SHL:
    case SHIFT_SAL:
        tcg_gen_shl_tl(last, val, count_minus_1);
        tcg_gen_shl_tl(res, val, count);
        break;
    case SHIFT_SHR:
        tcg_gen_shr_tl(last, val, count_minus_1);
        tcg_gen_shr_tl(res, val, count);
        break;
    default:
        gen_ext_tl(val, val, ot, true);
        tcg_gen_sar_tl(last, val, count_minus_1);
        tcg_gen_sar_tl(res, val, count);
        break;
    }
}

/* The same with a constant count (1..63). */
static void gen_shift_value_imm(int op, MemOp ot, TCGv res, TCGv last,
                                TCGv val, int count)
{
    switch (op) {
    case SHIFT_SHL:
    case SHIFT_SAL:
        tcg_gen_shli_tl(last, val, count - 1);
        tcg_gen_shli_tl(res, val, count);
        break;
    case SHIFT_SHR:
        tcg_gen_shri_tl(last, val, count - 1);
        tcg_gen_shri_tl(res, val, count);
        break;
    default:
        gen_ext_tl(val, val, ot, true);
        tcg_gen_sari_tl(last, val, count - 1);
        tcg_gen_sari_tl(res, val, count);
        break;
    }
}

static CCOp shift_cc_op(int op, MemOp ot)
{
    return (op == SHIFT_SHL || op == SHIFT_SAL ? CC_OP_SHLB : CC_OP_SARB) + ot;
}

/* shl/shr/sar: T0 = value, T1 = masked count. */
static void gen_shift(DisasContext *s, X86Decoded *d, int op, bool const_count,
                      int count)
{
    MemOp ot = d->ot;
    TCGv_i32 new_op, old_op, count32, zero32;
    TCGv zero;
    /* The value shifted by count - 1, whose edge bit is CF.  A constant
       count into a register cannot fault, so it goes to cc_src at once:
       cc_src = value, for a count of 1, is then stored from the value's
       own register. */
    TCGv last = const_count && d->mod == 3 ? cpu_cc_src : s->tmp4;

    if (const_count) {
        if (count == 0) {
            gen_store_operand(s, d, OPK_E, ot, s->T0);
            return;
        }
        gen_shift_value_imm(op, ot, s->T0, last, s->T0, count);
    } else {
        tcg_gen_subi_tl(s->tmp0, s->T1, 1);
        gen_shift_value(op, ot, s->T0, s->tmp4, s->T0, s->tmp0, s->T1);
    }
    gen_store_operand(s, d, OPK_E, ot, s->T0);

    if (const_count) {
        tcg_gen_mov_tl(cpu_cc_src, last);
        tcg_gen_mov_tl(cpu_cc_dst, s->T0);
        set_cc_op(s, shift_cc_op(op, ot));
        return;
    }
    /* Count 0 at run time: keep the previous lazy state, cc_op included. */
    zero = tcg_const_tl(0);
    tcg_gen_movcond_tl(TCG_COND_NE, cpu_cc_dst, s->T1, zero, s->T0, cpu_cc_dst);
    tcg_gen_movcond_tl(TCG_COND_NE, cpu_cc_src, s->T1, zero, s->tmp4, cpu_cc_src);
    tcg_temp_free(zero);
    new_op = tcg_const_i32(shift_cc_op(op, ot));
    old_op = s->cc_op == CC_OP_DYNAMIC ? cpu_cc_op : tcg_const_i32(s->cc_op);
    count32 = tcg_temp_new_i32();
    zero32 = tcg_const_i32(0);
    tcg_gen_trunc_tl_i32(count32, s->T1);
    tcg_gen_movcond_i32(TCG_COND_NE, cpu_cc_op, count32, zero32,
                        new_op, old_op);
    tcg_temp_free_i32(zero32);
    tcg_temp_free_i32(count32);
    tcg_temp_free_i32(new_op);
    if (old_op != cpu_cc_op) {
        tcg_temp_free_i32(old_op);
    }
    /* cc_op now lives in env, written by the movcond. */
    set_cc_op(s, CC_OP_DYNAMIC);
}

/* Rotate T0 (zero-extended, size ot) by T1 (any value) in place.  Narrow
   values are replicated across 32 bits, so a 32-bit rotate does it. */
static void gen_rotate_value(DisasContext *s, MemOp ot, bool right)
{
#ifdef TARGET_X86_64
    if (ot == MO_64) {
        if (right) {
            tcg_gen_rotr_tl(s->T0, s->T0, s->T1);
        } else {
            tcg_gen_rotl_tl(s->T0, s->T0, s->T1);
        }
        return;
    }
#endif
    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T0);
    tcg_gen_trunc_tl_i32(s->tmp3_i32, s->T1);
    if (ot == MO_8) {
        tcg_gen_muli_i32(s->tmp2_i32, s->tmp2_i32, 0x01010101);
    } else if (ot == MO_16) {
        tcg_gen_deposit_i32(s->tmp2_i32, s->tmp2_i32, s->tmp2_i32, 16, 16);
    }
    if (right) {
        tcg_gen_rotr_i32(s->tmp2_i32, s->tmp2_i32, s->tmp3_i32);
    } else {
        tcg_gen_rotl_i32(s->tmp2_i32, s->tmp2_i32, s->tmp3_i32);
    }
    tcg_gen_extu_i32_tl(s->T0, s->tmp2_i32);
    gen_ext_tl(s->T0, s->T0, ot, false);
}

/* dst = EFLAGS (in cc_src) with CF and OF of a rotate whose result is T0.
   rol: CF = bit 0, OF = CF ^ MSB; ror: CF = MSB, OF = MSB ^ next bit. */
static void gen_rotate_flags(DisasContext *s, MemOp ot, bool right, TCGv dst)
{
    int msb = (8 << ot) - 1;

    tcg_gen_extract_tl(s->tmp4, s->T0, right ? msb : 0, 1);
    tcg_gen_extract_tl(s->tmp0, s->T0, right ? msb - 1 : msb, 1);
    tcg_gen_xor_tl(s->tmp0, s->tmp0, s->tmp4);
    tcg_gen_shli_tl(s->tmp0, s->tmp0, 11);          /* onto OF */
    tcg_gen_or_tl(s->tmp4, s->tmp4, s->tmp0);
    tcg_gen_andi_tl(dst, cpu_cc_src, ~(target_ulong)(CC_O | CC_C));
    tcg_gen_or_tl(dst, dst, s->tmp4);
}

static void gen_rotate(DisasContext *s, X86Decoded *d, bool right,
                       bool const_count, int count)
{
    MemOp ot = d->ot;
    TCGv zero;

    if (const_count && count == 0) {
        gen_store_operand(s, d, OPK_E, ot, s->T0);
        return;
    }
    gen_rotate_value(s, ot, right);
    gen_store_operand(s, d, OPK_E, ot, s->T0);
    gen_compute_eflags(s);
    if (const_count) {
        gen_rotate_flags(s, ot, right, cpu_cc_src);
        return;
    }
    /* A0 is free once the result is stored. */
    gen_rotate_flags(s, ot, right, s->A0);
    zero = tcg_const_tl(0);
    tcg_gen_movcond_tl(TCG_COND_NE, cpu_cc_src, s->T1, zero, s->A0, cpu_cc_src);
    tcg_temp_free(zero);
}

/* Group 2: op2 is the count (1, CL or imm8). */
void emit_shift(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int op = d->e->arg;
    MemOp ot = d->ot;
    bool const_count = d->e->op2 != OPK_CL;
    int count = 0;
    TCGv_i32 size;

    gen_load_operand(s, d, OPK_E, ot, s->T0);
    if (const_count) {
        count = (d->e->op2 == OPK_ONE ? 1 : d->imm) & count_mask(ot);
        tcg_gen_movi_tl(s->T1, count);
    } else {
        gen_load_operand(s, d, OPK_CL, ot, s->T1);
        tcg_gen_andi_tl(s->T1, s->T1, count_mask(ot));
    }
    switch (op) {
    case SHIFT_ROL:
    case SHIFT_ROR:
        gen_rotate(s, d, op == SHIFT_ROR, const_count, count);
        break;
    case SHIFT_RCL:
    case SHIFT_RCR:
        gen_probe_store_e(s, d, ot);    /* before the flags are folded */
        gen_compute_eflags(s);
        size = tcg_const_i32(ot);
        if (op == SHIFT_RCL) {
            gen_helper_rcl(s->T0, cpu_env, s->T0, s->T1, size);
        } else {
            gen_helper_rcr(s->T0, cpu_env, s->T0, s->T1, size);
        }
        tcg_temp_free_i32(size);
        gen_store_operand(s, d, OPK_E, ot, s->T0);
        break;
    default:
        gen_shift(s, d, op, const_count, count);
        break;
    }
}

/* shld (arg 0) / shrd (arg 1) Ev, Gv, Ib|CL. */
void emit_shxd(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 size = tcg_const_i32(d->ot);

    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    gen_load_operand(s, d, OPK_G, d->ot, s->T1);
    if (d->e->imm == IMM_UB) {
        tcg_gen_movi_tl(s->tmp4, d->imm);
    } else {
        gen_op_mov_v_reg(s, MO_8, s->tmp4, R_ECX);
    }
    gen_probe_store_e(s, d, d->ot);     /* before the flags are folded */
    gen_compute_eflags(s);
    if (d->e->arg) {
        gen_helper_shrd(s->T0, cpu_env, s->T0, s->T1, s->tmp4, size);
    } else {
        gen_helper_shld(s->T0, cpu_env, s->T0, s->T1, s->tmp4, size);
    }
    tcg_temp_free_i32(size);
    gen_store_operand(s, d, OPK_E, d->ot, s->T0);
}
