/*
 * emit-bmi.c: the BMI1 and BMI2 instructions, VEX-encoded operations on
 * general registers: andn, bextr, blsi/blsmsk/blsr, bzhi (flags as the SDM
 * gives them, through the LOGIC and BMILG cc_ops) and mulx, pdep/pext,
 * rorx, sarx/shlx/shrx (flags untouched).  Operands are 32 or 64 bits by
 * VEX.W; the entry's op1 is the destination, op2 and op3 the sources in
 * the SDM's operand order.  Sources are read before anything is written,
 * so a faulting memory operand changes nothing.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

/* op2 into T0, op3 into T1, zero-extended from the operand size. */
static void load_sources(DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, d->e->op2, d->ot, s->T0);
    gen_load_operand(s, d, d->e->op3, d->ot, s->T1);
}

/* SF, ZF (and PF) from the result; CF and OF clear. */
static void store_with_logic_flags(DisasContext *s, X86Decoded *d, TCGv res)
{
    gen_store_operand(s, d, d->e->op1, d->ot, res);
    tcg_gen_mov_tl(cpu_cc_dst, res);
    set_cc_op(s, CC_OP_LOGICB + d->ot);
}

/* As above, but CF is set exactly when cf_clear is zero. */
static void store_with_bmilg_flags(DisasContext *s, X86Decoded *d, TCGv res,
                                   TCGv cf_clear)
{
    gen_store_operand(s, d, d->e->op1, d->ot, res);
    tcg_gen_mov_tl(cpu_cc_src, cf_clear);
    tcg_gen_mov_tl(cpu_cc_dst, res);
    set_cc_op(s, CC_OP_BMILGB + d->ot);
}

static int operand_bits(X86Decoded *d)
{
    return 8 << d->ot;
}

/* andn Gy, By, Ey: Gy = ~By & Ey. */
void emit_andn(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    load_sources(s, d);
    tcg_gen_andc_tl(s->T0, s->T1, s->T0);
    store_with_logic_flags(s, d, s->T0);
}

/* bextr Gy, Ey, By: By[7:0] is the start bit, By[15:8] the length; bits
   past the operand's top read as zero. */
void emit_bextr(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv bits = tcg_const_tl(operand_bits(d));
    TCGv zero = tcg_const_tl(0);
    TCGv ones = tcg_const_tl(-1);
    TCGv start = tcg_temp_new();
    TCGv len = tcg_temp_new();

    load_sources(s, d);
    tcg_gen_ext8u_tl(start, s->T1);
    tcg_gen_extract_tl(len, s->T1, 8, 8);
    /* Shift counts of the operand size or more would be undefined in IR. */
    tcg_gen_movcond_tl(TCG_COND_GEU, s->tmp4, start, bits, zero, start);
    tcg_gen_shr_tl(s->T0, s->T0, s->tmp4);
    tcg_gen_movcond_tl(TCG_COND_GEU, s->T0, start, bits, zero, s->T0);
    tcg_gen_movcond_tl(TCG_COND_GEU, s->tmp4, len, bits, zero, len);
    tcg_gen_shl_tl(s->tmp4, ones, s->tmp4);
    tcg_gen_movcond_tl(TCG_COND_GEU, s->tmp4, len, bits, zero, s->tmp4);
    tcg_gen_andc_tl(s->T0, s->T0, s->tmp4);
    store_with_logic_flags(s, d, s->T0);
    tcg_temp_free(len);
    tcg_temp_free(start);
    tcg_temp_free(ones);
    tcg_temp_free(zero);
    tcg_temp_free(bits);
}

/* arg BLS_*: blsr By, Ey (lowest set bit cleared), blsmsk (mask up to it),
   blsi (it alone).  CF: source zero for blsr/blsmsk, non-zero for blsi. */
void emit_blsx(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, d->e->op2, d->ot, s->T0);
    switch (d->e->arg) {
    case BLS_R:
        tcg_gen_subi_tl(s->T1, s->T0, 1);
        tcg_gen_and_tl(s->T1, s->T0, s->T1);
        break;
    case BLS_MSK:
        tcg_gen_subi_tl(s->T1, s->T0, 1);
        tcg_gen_xor_tl(s->T1, s->T0, s->T1);
        break;
    default:
        tcg_gen_neg_tl(s->T1, s->T0);
        tcg_gen_and_tl(s->T1, s->T0, s->T1);
        tcg_gen_setcondi_tl(TCG_COND_EQ, s->T0, s->T0, 0);
        break;
    }
    store_with_bmilg_flags(s, d, s->T1, s->T0);
}

/* bzhi Gy, Ey, By: Ey with the bits from index By[7:0] up cleared; CF when
   the index is past the operand's top bit. */
void emit_bzhi(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv bits = tcg_const_tl(operand_bits(d));
    TCGv zero = tcg_const_tl(0);
    TCGv index = tcg_temp_new();

    load_sources(s, d);
    tcg_gen_ext8u_tl(index, s->T1);
    tcg_gen_movcond_tl(TCG_COND_GEU, s->tmp4, index, bits, zero, index);
    tcg_gen_movi_tl(s->T1, -1);
    tcg_gen_shl_tl(s->tmp4, s->T1, s->tmp4);
    tcg_gen_andc_tl(s->tmp4, s->T0, s->tmp4);
    tcg_gen_movcond_tl(TCG_COND_GEU, s->T0, index, bits, s->T0, s->tmp4);
    tcg_gen_setcond_tl(TCG_COND_LTU, index, index, bits);
    store_with_bmilg_flags(s, d, s->T0, index);
    tcg_temp_free(index);
    tcg_temp_free(zero);
    tcg_temp_free(bits);
}

/* mulx Gy, By, Ey: Gy:By = rDX * Ey unsigned.  The low half is written
   first, so with Gy = By the register holds the high half, as the SDM
   says. */
void emit_mulx(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, d->e->op3, d->ot, s->T1);
    gen_op_mov_v_reg(s, d->ot, s->T0, R_EDX);
#ifdef TARGET_X86_64
    if (d->ot == MO_32) {
        /* Both factors fit in 32 bits: one 64-bit product holds it all. */
        tcg_gen_mul_tl(s->T0, s->T0, s->T1);
        tcg_gen_shri_tl(s->T1, s->T0, 32);
    } else
#endif
    {
        tcg_gen_mulu2_tl(s->T0, s->T1, s->T0, s->T1);
    }
    gen_store_operand(s, d, d->e->op2, d->ot, s->T0);
    gen_store_operand(s, d, d->e->op1, d->ot, s->T1);
}

/* arg BITS_EXTRACT: pext Gy, By, Ey (By's bits under the mask Ey, packed);
   BITS_DEPOSIT: pdep (By's low bits spread to the mask's positions). */
void emit_pdep_pext(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    load_sources(s, d);
    if (d->e->arg == BITS_DEPOSIT) {
        gen_helper_pdep(s->T0, s->T0, s->T1);
    } else {
        gen_helper_pext(s->T0, s->T0, s->T1);
    }
    gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
}

/* rorx Gy, Ey, Ib: rotate right by the immediate modulo the size. */
void emit_rorx(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int count = d->imm & (operand_bits(d) - 1);

    gen_load_operand(s, d, d->e->op2, d->ot, s->T0);
    if (d->ot == MO_32) {
        tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T0);
        tcg_gen_rotri_i32(s->tmp2_i32, s->tmp2_i32, count);
        tcg_gen_extu_i32_tl(s->T0, s->tmp2_i32);
    } else {
        tcg_gen_rotri_tl(s->T0, s->T0, count);
    }
    gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
}

/* arg SHIFT_SHL / SHIFT_SHR / SHIFT_SAR: shlx, shrx, sarx Gy, Ey, By, the
   count By modulo the size. */
void emit_shiftx(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    load_sources(s, d);
    tcg_gen_andi_tl(s->T1, s->T1, operand_bits(d) - 1);
    switch (d->e->arg) {
    case SHIFT_SHL:
        tcg_gen_shl_tl(s->T0, s->T0, s->T1);
        break;
    case SHIFT_SHR:
        tcg_gen_shr_tl(s->T0, s->T0, s->T1);
        break;
    default:
        gen_ext_tl(s->T0, s->T0, d->ot, true);
        tcg_gen_sar_tl(s->T0, s->T0, s->T1);
        break;
    }
    gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
}
