/*
 * emit-muldiv.c: mul and imul (one-operand widening forms, and the two- and
 * three-operand truncating forms), div and idiv (helpers: they raise #DE).
 * For the MUL cc_ops, cc_src is non-zero exactly when the product did not
 * fit the destination (CF = OF = 1).
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

/* lo:hi = a * b on 32 bits, signed or not; lo and hi zero-extended. */
static void gen_mul32(TCGv lo, TCGv hi, TCGv a, TCGv b, bool sign)
{
    TCGv_i32 a32 = tcg_temp_new_i32(), b32 = tcg_temp_new_i32();
    TCGv_i32 lo32 = tcg_temp_new_i32(), hi32 = tcg_temp_new_i32();

    tcg_gen_trunc_tl_i32(a32, a);
    tcg_gen_trunc_tl_i32(b32, b);
    if (sign) {
        tcg_gen_muls2_i32(lo32, hi32, a32, b32);
    } else {
        tcg_gen_mulu2_i32(lo32, hi32, a32, b32);
    }
    tcg_gen_extu_i32_tl(lo, lo32);
    tcg_gen_extu_i32_tl(hi, hi32);
    tcg_temp_free_i32(a32);
    tcg_temp_free_i32(b32);
    tcg_temp_free_i32(lo32);
    tcg_temp_free_i32(hi32);
}

/* cc_src = hi - sign(lo): non-zero iff the signed product overflowed lo. */
static void gen_imul_overflow(DisasContext *s, MemOp ot, TCGv lo, TCGv hi)
{
    tcg_gen_mov_tl(s->tmp0, lo);
    gen_ext_tl(s->tmp0, s->tmp0, ot, true);
    tcg_gen_sari_tl(s->tmp0, s->tmp0, (8 << ot) - 1);
    if (ot == MO_32) {
        tcg_gen_ext32u_tl(s->tmp0, s->tmp0);
    }
    tcg_gen_sub_tl(cpu_cc_src, hi, s->tmp0);
}

/* Widening multiply of the accumulator by E (T0): AX, DX:AX, EDX:EAX, RDX:RAX. */
static void gen_widening_mul(DisasContext *s, MemOp ot, bool sign)
{
    gen_op_mov_v_reg(s, ot, s->T1, R_EAX);
    switch (ot) {
    case MO_8:
    case MO_16:
        gen_ext_tl(s->T0, s->T0, ot, sign);
        gen_ext_tl(s->T1, s->T1, ot, sign);
        tcg_gen_mul_tl(s->T0, s->T0, s->T1);
        gen_op_mov_reg_v(s, MO_16, R_EAX, s->T0);
        if (ot == MO_16) {
            tcg_gen_shri_tl(s->T1, s->T0, 16);
            gen_op_mov_reg_v(s, MO_16, R_EDX, s->T1);
        }
        tcg_gen_mov_tl(cpu_cc_dst, s->T0);
        if (sign) {
            /* product - sext(low half) */
            gen_ext_tl(s->tmp0, s->T0, ot, true);
            tcg_gen_sub_tl(cpu_cc_src, s->T0, s->tmp0);
        } else {
            tcg_gen_shri_tl(cpu_cc_src, s->T0, 8 << ot);
        }
        break;
    case MO_32:
        gen_mul32(s->T0, s->T1, s->T0, s->T1, sign);
        gen_op_mov_reg_v(s, MO_32, R_EAX, s->T0);
        gen_op_mov_reg_v(s, MO_32, R_EDX, s->T1);
        tcg_gen_mov_tl(cpu_cc_dst, s->T0);
        if (sign) {
            gen_imul_overflow(s, MO_32, s->T0, s->T1);
        } else {
            tcg_gen_mov_tl(cpu_cc_src, s->T1);
        }
        break;
    default:
#ifdef TARGET_X86_64
        if (sign) {
            tcg_gen_muls2_i64(s->T0, s->T1, s->T0, s->T1);
        } else {
            tcg_gen_mulu2_i64(s->T0, s->T1, s->T0, s->T1);
        }
        tcg_gen_mov_tl(cpu_regs[R_EAX], s->T0);
        tcg_gen_mov_tl(cpu_regs[R_EDX], s->T1);
        tcg_gen_mov_tl(cpu_cc_dst, s->T0);
        if (sign) {
            gen_imul_overflow(s, MO_64, s->T0, s->T1);
        } else {
            tcg_gen_mov_tl(cpu_cc_src, s->T1);
        }
#endif
        break;
    }
    set_cc_op(s, CC_OP_MULB + ot);
}

void emit_mul(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    gen_widening_mul(s, d->ot, false);
}

void emit_imul1(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    gen_widening_mul(s, d->ot, true);
}

/* imul Gv, Ev [, imm]: the product truncated to the operand size. */
void emit_imul(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;

    gen_load_operand(s, d, OPK_E, ot, s->T0);
    if (d->e->imm != IMM_NONE) {
        tcg_gen_movi_tl(s->T1, d->imm);
    } else {
        gen_op_mov_v_reg(s, ot, s->T1, d->reg);
    }
    switch (ot) {
    case MO_16:
        gen_ext_tl(s->T0, s->T0, ot, true);
        gen_ext_tl(s->T1, s->T1, ot, true);
        tcg_gen_mul_tl(s->T0, s->T0, s->T1);
        gen_op_mov_reg_v(s, ot, d->reg, s->T0);
        gen_ext_tl(s->tmp0, s->T0, ot, true);
        tcg_gen_sub_tl(cpu_cc_src, s->T0, s->tmp0);
        break;
    case MO_32:
        gen_mul32(s->T0, s->T1, s->T0, s->T1, true);
        gen_op_mov_reg_v(s, ot, d->reg, s->T0);
        gen_imul_overflow(s, ot, s->T0, s->T1);
        break;
    default:
#ifdef TARGET_X86_64
        tcg_gen_muls2_i64(s->T0, s->T1, s->T0, s->T1);
        gen_op_mov_reg_v(s, ot, d->reg, s->T0);
        gen_imul_overflow(s, ot, s->T0, s->T1);
#endif
        break;
    }
    tcg_gen_mov_tl(cpu_cc_dst, s->T0);
    set_cc_op(s, CC_OP_MULB + ot);
}

typedef void (*DivHelperGen)(TCGv_ptr env, TCGv divisor);

static const DivHelperGen div_helpers[2][4] = {
    { gen_helper_divb_AL, gen_helper_divw_AX, gen_helper_divl_EAX,
#ifdef TARGET_X86_64
      gen_helper_divq_EAX,
#endif
    },
    { gen_helper_idivb_AL, gen_helper_idivw_AX, gen_helper_idivl_EAX,
#ifdef TARGET_X86_64
      gen_helper_idivq_EAX,
#endif
    },
};

/* arg 0: div, 1: idiv.  Flags are undefined afterwards: left as they were. */
void emit_div(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    div_helpers[d->e->arg][d->ot](cpu_env, s->T0);
}
