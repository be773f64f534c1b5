/*
 * emit-move.c: data movement: mov, lea, movzx/movsx/movsxd, xchg, xadd,
 * cmpxchg (and cmpxchg8b/16b), cbw/cwd families, xlat, bswap, movbe,
 * cmovcc and setcc.  The locked forms are atomic through gen_store_operand.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

void emit_mov(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, d->e->op2, d->ot, s->T0);
    gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
}

/* The decoder left the address, without segment base, in A0. */
void emit_lea(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_op_mov_reg_v(s, d->ot, d->reg, s->A0);
}

/* arg: the source size (MO_8 / MO_16). */
void emit_movzx(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->e->arg, s->T0);
    gen_op_mov_reg_v(s, d->ot, d->reg, s->T0);
}

void emit_movsx(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->e->arg, s->T0);
    gen_ext_tl(s->T0, s->T0, d->e->arg, true);
    gen_op_mov_reg_v(s, d->ot, d->reg, s->T0);
}

/* 0x63 is movsxd in 64-bit mode, arpl in 32-bit mode (emit-misc.c). */
void emit_movsxd(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp src_ot = d->ot == MO_64 ? MO_32 : d->ot;

    if (!s->code64) {
        emit_arpl(env, s, d);
        return;
    }
    gen_load_operand(s, d, OPK_E, src_ot, s->T0);
    gen_ext_tl(s->T0, s->T0, src_ot, true);
    gen_op_mov_reg_v(s, d->ot, d->reg, s->T0);
}

/* Also 0x90..0x97; 0x90 itself (xchg with rAX, no REX.B) is nop / pause. */
void emit_xchg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    const X86OpEntry *e = d->e;

    if (e->op1 == OPK_Z && ((d->b & 7) | s->rex_b) == R_EAX) {
        return;
    }
    if (d->mod != 3 && e->op1 == OPK_E) {
        s->prefix |= PREFIX_LOCK;  /* xchg with memory is always locked */
    }
    gen_load_operand(s, d, e->op1, d->ot, s->T0);
    gen_load_operand(s, d, e->op2, d->ot, s->T1);
    gen_store_operand(s, d, e->op1, d->ot, s->T1);
    gen_store_operand(s, d, e->op2, d->ot, s->T0);
}

void emit_xadd(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;

    gen_load_operand(s, d, OPK_E, ot, s->T0);
    gen_load_operand(s, d, OPK_G, ot, s->T1);
    tcg_gen_add_tl(s->tmp4, s->T0, s->T1);
    /* Memory first (a fault changes nothing); with two registers the
       destination is written last, so xadd r, r leaves the sum. */
    if (d->mod != 3) {
        gen_store_operand(s, d, OPK_E, ot, s->tmp4);
        gen_store_operand(s, d, OPK_G, ot, s->T0);
    } else {
        gen_store_operand(s, d, OPK_G, ot, s->T0);
        gen_store_operand(s, d, OPK_E, ot, s->tmp4);
    }
    tcg_gen_mov_tl(cpu_cc_src, s->T1);
    tcg_gen_mov_tl(cpu_cc_dst, s->tmp4);
    set_cc_op(s, CC_OP_ADDB + ot);
}

/*
 * cmpxchg Ev, Gv: the accumulator compared with the destination (flags of
 * that cmp).  Equal: the destination gets the source.  Different: the
 * accumulator gets the destination.  A memory destination is written
 * either way (its own value on a mismatch), as the hardware does, which
 * also makes the locked form one read-modify-write.  A register is written
 * only when it is the one that changes, so a 32-bit register in 64-bit mode
 * keeps its upper half when it is not written.
 */
void emit_cmpxchg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;
    TCGLabel *mismatch = gen_new_label();
    TCGLabel *done = gen_new_label();

    gen_load_operand(s, d, OPK_E, ot, s->T0);
    gen_op_mov_v_reg(s, ot, s->tmp4, R_EAX);
    if (d->mod != 3) {
        gen_load_operand(s, d, OPK_G, ot, s->T1);
        tcg_gen_movcond_tl(TCG_COND_EQ, s->T1, s->T0, s->tmp4, s->T1, s->T0);
        gen_store_operand(s, d, OPK_E, ot, s->T1);
    }
    tcg_gen_mov_tl(cpu_cc_src, s->T0);
    tcg_gen_sub_tl(cpu_cc_dst, s->tmp4, s->T0);
    set_cc_op(s, CC_OP_SUBB + ot);
    /* Both operands are zero-extended: cc_dst is zero exactly on a match.
       Plain temps die at the branch; the globals carry the values. */
    tcg_gen_brcondi_tl(TCG_COND_NE, cpu_cc_dst, 0, mismatch);
    if (d->mod == 3) {
        gen_load_operand(s, d, OPK_G, ot, s->T1);
        gen_store_operand(s, d, OPK_E, ot, s->T1);
    }
    tcg_gen_br(done);
    gen_set_label(mismatch);
    gen_op_mov_reg_v(s, ot, R_EAX, cpu_cc_src);
    gen_set_label(done);
}

/* 0F C7 /1: cmpxchg8b m64, or cmpxchg16b m128 with REX.W. */
void emit_cmpxchg8b(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    /* The helper folds the flags itself, after its memory accesses. */
    gen_update_cc_op(s);
#ifdef TARGET_X86_64
    if (d->ot == MO_64) {
        if (!(s->cpuid_ext_features & CPUID_EXT_CX16)) {
            gen_illegal_opcode(s);
            return;
        }
        gen_helper_cmpxchg16b(cpu_env, s->A0);
        set_cc_op(s, CC_OP_EFLAGS);
        return;
    }
#endif
    gen_helper_cmpxchg8b(cpu_env, s->A0);
    set_cc_op(s, CC_OP_EFLAGS);
}

/* cbw / cwde / cdqe: the accumulator's lower half sign-extended. */
void emit_cbw(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp half = d->ot - 1;

    gen_op_mov_v_reg(s, half, s->T0, R_EAX);
    gen_ext_tl(s->T0, s->T0, half, true);
    gen_op_mov_reg_v(s, d->ot, R_EAX, s->T0);
}

/* cwd / cdq / cqo: rDX filled with the accumulator's sign. */
void emit_cwd(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_op_mov_v_reg(s, d->ot, s->T0, R_EAX);
    gen_ext_tl(s->T0, s->T0, d->ot, true);
    tcg_gen_sari_tl(s->T0, s->T0, (8 << d->ot) - 1);
    gen_op_mov_reg_v(s, d->ot, R_EDX, s->T0);
}

void emit_xlat(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_op_mov_v_reg(s, MO_8, s->T0, R_EAX);
    tcg_gen_add_tl(s->A0, cpu_regs[R_EBX], s->T0);
    gen_lea_v_seg(s, s->aflag, s->A0, R_DS, s->override);
    gen_op_ld_v(s, MO_8, s->T0, s->A0);
    gen_op_mov_reg_v(s, MO_8, R_EAX, s->T0);
}

/* t = t with its low 2, 4 or 8 bytes reversed, zero-extended. */
static void gen_byte_reverse(MemOp ot, TCGv t)
{
    switch (ot) {
    case MO_16:
        tcg_gen_bswap16_tl(t, t);
        break;
    case MO_32:
        tcg_gen_bswap32_tl(t, t);
        break;
    default:
#ifdef TARGET_X86_64
        tcg_gen_bswap64_i64(t, t);
#endif
        break;
    }
}

/* bswap r16 is undefined; current hardware clears the register's low word. */
void emit_bswap(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    if (d->ot == MO_16) {
        tcg_gen_movi_tl(s->T0, 0);
    } else {
        gen_load_operand(s, d, OPK_Z, d->ot, s->T0);
        gen_byte_reverse(d->ot, s->T0);
    }
    gen_store_operand(s, d, OPK_Z, d->ot, s->T0);
}

/* movbe Gv, Mv / movbe Mv, Gv: a move that reverses the byte order. */
void emit_movbe(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, d->e->op2, d->ot, s->T0);
    gen_byte_reverse(d->ot, s->T0);
    gen_store_operand(s, d, d->e->op1, d->ot, s->T0);
}

/* The source is read (and may fault) and the destination written (so a
   32-bit one is zero-extended) whether or not the condition holds. */
void emit_cmov(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_load_operand(s, d, OPK_E, d->ot, s->T0);
    gen_op_mov_v_reg(s, d->ot, s->T1, d->reg);
    gen_cmovcc1(s, d->b & 15, s->T1, s->T0, s->T1);
    gen_op_mov_reg_v(s, d->ot, d->reg, s->T1);
}

/* Computing the condition may fold the lazy flags: the store is probed
   first. */
void emit_setcc(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_probe_store_e(s, d, MO_8);
    gen_setcc1(s, d->b & 15, s->T0);
    gen_store_operand(s, d, OPK_E, MO_8, s->T0);
}
