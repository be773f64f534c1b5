/*
 * emit-arith.c: the ALU family (add, or, adc, sbb, and, sub, xor, cmp),
 * test, inc/dec, not, neg, adcx/adox.  Results are stored before the lazy-flag
 * variables change, so a faulting store leaves the flags of the previous
 * instruction intact.
 */
#include "qemu/osdep.h"
#include "decode.h"

static void set_cc_sub(DisasContext *s, MemOp ot, TCGv result, TCGv subtrahend)
{
    tcg_gen_mov_tl(cpu_cc_src, subtrahend);
    tcg_gen_mov_tl(cpu_cc_dst, result);
    set_cc_op(s, CC_OP_SUBB + ot);
}

void emit_alu(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    const X86OpEntry *e = d->e;
    MemOp ot = d->ot;
    int op = e->arg;

    /* xor r, r (Ev,Gv or Gv,Ev forms): the zeroing idiom reads nothing. */
    if (op == ALU_XOR && (e->op1 == OPK_G || e->op2 == OPK_G) &&
        d->mod == 3 && d->rm == d->reg) {
        tcg_gen_movi_tl(s->T0, 0);
        gen_store_operand(s, d, e->op1, ot, s->T0);
        set_cc_op(s, CC_OP_CLR);
        return;
    }

    gen_load_operand(s, d, e->op1, ot, s->T0);
    gen_load_operand(s, d, e->op2, ot, s->T1);
    switch (op) {
    case ALU_ADD:
        tcg_gen_add_tl(s->T0, s->T0, s->T1);
        gen_store_operand(s, d, e->op1, ot, s->T0);
        tcg_gen_mov_tl(cpu_cc_src, s->T1);
        tcg_gen_mov_tl(cpu_cc_dst, s->T0);
        set_cc_op(s, CC_OP_ADDB + ot);
        break;
    case ALU_ADC:
    case ALU_SBB:
        gen_compute_eflags_c(s, s->tmp4);
        if (op == ALU_ADC) {
            tcg_gen_add_tl(s->T0, s->T0, s->T1);
            tcg_gen_add_tl(s->T0, s->T0, s->tmp4);
        } else {
            tcg_gen_sub_tl(s->T0, s->T0, s->T1);
            tcg_gen_sub_tl(s->T0, s->T0, s->tmp4);
        }
        gen_store_operand(s, d, e->op1, ot, s->T0);
        tcg_gen_mov_tl(cpu_cc_src, s->T1);
        tcg_gen_mov_tl(cpu_cc_src2, s->tmp4);
        tcg_gen_mov_tl(cpu_cc_dst, s->T0);
        set_cc_op(s, (op == ALU_ADC ? CC_OP_ADCB : CC_OP_SBBB) + ot);
        break;
    case ALU_SUB:
        tcg_gen_sub_tl(s->T0, s->T0, s->T1);
        gen_store_operand(s, d, e->op1, ot, s->T0);
        set_cc_sub(s, ot, s->T0, s->T1);
        break;
    case ALU_CMP:
        tcg_gen_sub_tl(s->T0, s->T0, s->T1);
        set_cc_sub(s, ot, s->T0, s->T1);
        break;
    default:
        if (op == ALU_AND) {
            tcg_gen_and_tl(s->T0, s->T0, s->T1);
        } else if (op == ALU_OR) {
            tcg_gen_or_tl(s->T0, s->T0, s->T1);
        } else {
            tcg_gen_xor_tl(s->T0, s->T0, s->T1);
        }
        gen_store_operand(s, d, e->op1, ot, s->T0);
        tcg_gen_mov_tl(cpu_cc_dst, s->T0);
        set_cc_op(s, CC_OP_LOGICB + ot);
        break;
    }
}

void emit_test(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, d->e->op1, d->ot, s->T0);
    gen_load_operand(s, d, d->e->op2, d->ot, s->T1);
    tcg_gen_and_tl(cpu_cc_dst, s->T0, s->T1);
    set_cc_op(s, CC_OP_LOGICB + d->ot);
}

/* arg 0: inc, 1: dec.  CF is kept: the old one rides in cc_src. */
void emit_incdec(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    bool dec = d->e->arg;

    gen_load_operand(s, d, d->e->op1, d->ot, s->T0);
    gen_compute_eflags_c(s, s->tmp4);
    tcg_gen_addi_tl(s->T0, s->T0, dec ? -1 : 1);
    gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
    tcg_gen_mov_tl(cpu_cc_src, s->tmp4);
    tcg_gen_mov_tl(cpu_cc_dst, s->T0);
    set_cc_op(s, (dec ? CC_OP_DECB : CC_OP_INCB) + d->ot);
}

void emit_not(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    tcg_gen_not_tl(s->T0, s->T0);
    gen_store_operand(s, d, OPK_E, d->ot, s->T0);
}

/* neg is 0 - x: flags of a SUB with subtrahend x. */
void emit_neg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T1);
    tcg_gen_neg_tl(s->T0, s->T1);
    gen_store_operand(s, d, OPK_E, d->ot, s->T0);
    set_cc_sub(s, d->ot, s->T0, s->T1);
}

/*
 * arg ADX_CARRY: adcx Gy, Ey (carry in and out through CF); ADX_OVERFLOW:
 * adox (through OF).  No other flag changes, so two carry chains can
 * interleave; tr-flags.c keeps each chain's flag apart (CC_OP_ADCX/ADOX).
 */
void emit_adx(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    bool of = d->e->arg == ADX_OVERFLOW;
    MemOp ot = d->ot;
    TCGv carry_in, carry = tcg_temp_new();

    gen_load_operand(s, d, OPK_E, ot, s->T1);
    gen_load_operand(s, d, OPK_G, ot, s->T0);
    carry_in = gen_adx_flag_in(s, of);
#ifdef TARGET_X86_64
    if (ot == MO_32) {
        /* The 33-bit sum fits: its carry is bit 32. */
        tcg_gen_ext32u_tl(s->T0, s->T0);
        tcg_gen_ext32u_tl(s->T1, s->T1);
        tcg_gen_add_tl(s->T0, s->T0, s->T1);
        tcg_gen_add_tl(s->T0, s->T0, carry_in);
        tcg_gen_shri_tl(carry, s->T0, 32);
    } else
#endif
    {
        /*
         * Double-word adds (host add/adc): the operands first, then the
         * chain's carry, so that the carry's path through the link is one
         * add and one adc.  Both cannot carry: the sum is at most
         * 2 * (2^n - 1) + 1.
         */
        TCGv zero = tcg_const_tl(0);

        tcg_gen_add2_tl(s->T0, carry, s->T0, zero, s->T1, zero);
        tcg_gen_add2_tl(s->T0, carry, s->T0, carry, carry_in, zero);
        tcg_temp_free(zero);
    }
    gen_store_operand(s, d, OPK_G, ot, s->T0);
    gen_adx_flag_out(s, of, carry);
    tcg_temp_free(carry);
}
