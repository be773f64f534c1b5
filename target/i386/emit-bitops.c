/*
 * emit-bitops.c: bit test and modify (bt, bts, btr, btc), bit scans (bsf,
 * bsr) and bit counts (tzcnt, lzcnt, popcnt: the F3-prefixed forms of
 * 0F BC, BD, B8).
 */
#include "qemu/osdep.h"
#include "decode.h"

/* arg: BT_*.  op2 is the bit offset: G (memory forms address a bit string
   around A0) or an imm8. */
void emit_bt(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;
    int op = d->e->arg;

    gen_load_operand(s, d, d->e->op2, ot, s->T1);
    if (d->mod != 3 && d->e->op2 == OPK_G) {
        /* The signed offset selects an operand-sized word first. */
        gen_ext_tl(s->tmp0, s->T1, ot, true);
        tcg_gen_sari_tl(s->tmp0, s->tmp0, 3 + ot);
        tcg_gen_shli_tl(s->tmp0, s->tmp0, ot);
        tcg_gen_add_tl(s->A0, s->A0, s->tmp0);
    }
    tcg_gen_andi_tl(s->T1, s->T1, (8 << ot) - 1);
    gen_load_operand(s, d, OPK_E, ot, s->T0);
    tcg_gen_shr_tl(s->tmp4, s->T0, s->T1);
    tcg_gen_andi_tl(s->tmp4, s->tmp4, 1);
    if (op != BT_TEST) {
        tcg_gen_movi_tl(s->tmp0, 1);
        tcg_gen_shl_tl(s->tmp0, s->tmp0, s->T1);
        if (op == BT_SET) {
            tcg_gen_or_tl(s->T0, s->T0, s->tmp0);
        } else if (op == BT_RESET) {
            tcg_gen_andc_tl(s->T0, s->T0, s->tmp0);
        } else {
            tcg_gen_xor_tl(s->T0, s->T0, s->tmp0);
        }
        gen_store_operand(s, d, OPK_E, ot, s->T0);
    }
    /* Only CF changes (the others are undefined; they keep their values). */
    gen_compute_eflags(s);
    tcg_gen_deposit_tl(cpu_cc_src, cpu_cc_src, s->tmp4, 0, 1);
}

/*
 * A zero source sets ZF and leaves the destination as it was; otherwise
 * ZF is clear.  cc_dst = source under a LOGIC cc_op gives exactly that ZF.
 */
static void gen_bit_scan(DisasContext *s, X86Decoded *d, bool reverse)
{
    MemOp ot = d->ot;
    TCGv zero = tcg_const_tl(0);

    gen_load_operand(s, d, OPK_E, ot, s->T0);
    if (ot == MO_16) {
        gen_op_mov_v_reg(s, ot, s->T1, d->reg);
    }
    if (reverse) {
        /* Index of the top set bit: (TL bits - 1) - clz. */
        tcg_gen_clzi_tl(s->tmp4, s->T0, TARGET_LONG_BITS - 1);
        tcg_gen_xori_tl(s->tmp4, s->tmp4, TARGET_LONG_BITS - 1);
    } else {
        tcg_gen_ctzi_tl(s->tmp4, s->T0, 0);
    }
    if (ot == MO_16) {
        tcg_gen_movcond_tl(TCG_COND_EQ, s->tmp4, s->T0, zero, s->T1, s->tmp4);
        gen_op_mov_reg_v(s, ot, d->reg, s->tmp4);
    } else {
        /* Untouched means untouched: no zero-extension of a 32-bit dest. */
        tcg_gen_movcond_tl(TCG_COND_EQ, cpu_regs[d->reg], s->T0, zero,
                           cpu_regs[d->reg], s->tmp4);
    }
    tcg_temp_free(zero);
    tcg_gen_mov_tl(cpu_cc_dst, s->T0);
    set_cc_op(s, CC_OP_LOGICB + ot);
}

void emit_bsf(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_bit_scan(s, d, false);
}

void emit_bsr(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_bit_scan(s, d, true);
}

/*
 * tzcnt / lzcnt: the count of trailing / leading zero bits at the operand
 * size, the size itself for a zero source.  CF: the source was zero; ZF:
 * the count is zero (the BMILG cc_op with the source as cc_src).  A CPU
 * without the feature ignores the F3 prefix and scans (compilers emit
 * "rep bsf" as a tzcnt that runs everywhere).
 */
static void gen_bit_count(DisasContext *s, X86Decoded *d, bool leading,
                          int feature)
{
    int bits = 8 << d->ot;

    if (!x86_feature_present(s, feature)) {
        gen_bit_scan(s, d, leading);
        return;
    }

    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    if (leading) {
        /* The zero-extended source has TL bits - size extra leading zeros. */
        tcg_gen_clzi_tl(s->T1, s->T0, TARGET_LONG_BITS);
        tcg_gen_subi_tl(s->T1, s->T1, TARGET_LONG_BITS - bits);
    } else {
        tcg_gen_ctzi_tl(s->T1, s->T0, bits);
    }
    gen_store_operand(s, d, OPK_G, d->ot, s->T1);
    tcg_gen_mov_tl(cpu_cc_src, s->T0);
    tcg_gen_mov_tl(cpu_cc_dst, s->T1);
    set_cc_op(s, CC_OP_BMILGB + d->ot);
}

void emit_tzcnt(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_bit_count(s, d, false, FEAT_BMI1);
}

void emit_lzcnt(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_bit_count(s, d, true, FEAT_LZCNT);
}

/* ZF: the source was zero; every other arithmetic flag clear. */
void emit_popcnt(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    tcg_gen_ctpop_tl(s->T0, s->T0);
    gen_store_operand(s, d, OPK_G, d->ot, s->T0);
    tcg_gen_mov_tl(cpu_cc_src, s->T0);
    set_cc_op(s, CC_OP_POPCNT);
}
