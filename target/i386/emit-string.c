/*
 * emit-string.c: movs, cmps, stos, lods, scas and their rep forms.
 *
 * A rep instruction does part of its work per execution of its TB and then
 * jumps back to its own address (a chained goto_tb) while rCX is not zero,
 * so the loop can be interrupted in between and a fault leaves rCX/rSI/rDI
 * exact.  rep movs and rep stos, the bulk copies and fills of memcpy and
 * memset, do a chunk of elements in a helper (string_helper.c); the others
 * do one element in IR, since every element sets the flags that may end the
 * loop.  Their exit path is emitted first, while the lazy-flags state is
 * still that of the instruction's start; every branch to it flushes cc_op.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

/* Source DS:rSI (segment overridable), destination ES:rDI (never). */
static void gen_src_addr(DisasContext *s)
{
    tcg_gen_mov_tl(s->A0, cpu_regs[R_ESI]);
    gen_lea_v_seg(s, s->aflag, s->A0, R_DS, s->override);
}

static void gen_dst_addr(DisasContext *s)
{
    tcg_gen_mov_tl(s->A0, cpu_regs[R_EDI]);
    gen_lea_v_seg(s, s->aflag, s->A0, R_ES, -1);
}

/* tmp4 = the pointer step: +-size by DF. */
static void gen_step(DisasContext *s, MemOp ot)
{
    tcg_gen_ld32s_tl(s->tmp4, cpu_env, offsetof(CPUX86State, df));
    tcg_gen_shli_tl(s->tmp4, s->tmp4, ot);
}

static void gen_string_element(DisasContext *s, int op, MemOp ot)
{
    switch (op) {
    case STR_MOVS:
        gen_src_addr(s);
        gen_op_ld_v(s, ot, s->T0, s->A0);
        gen_dst_addr(s);
        gen_op_st_v(s, ot, s->T0, s->A0);
        break;
    case STR_STOS:
        gen_op_mov_v_reg(s, ot, s->T0, R_EAX);
        gen_dst_addr(s);
        gen_op_st_v(s, ot, s->T0, s->A0);
        break;
    case STR_LODS:
        gen_src_addr(s);
        gen_op_ld_v(s, ot, s->T0, s->A0);
        gen_op_mov_reg_v(s, ot, R_EAX, s->T0);
        break;
    case STR_SCAS:
        gen_op_mov_v_reg(s, ot, s->T0, R_EAX);
        gen_dst_addr(s);
        gen_op_ld_v(s, ot, s->T1, s->A0);
        break;
    default:    /* STR_CMPS */
        gen_src_addr(s);
        gen_op_ld_v(s, ot, s->T0, s->A0);
        gen_dst_addr(s);
        gen_op_ld_v(s, ot, s->T1, s->A0);
        break;
    }
    if (op == STR_SCAS || op == STR_CMPS) {
        tcg_gen_mov_tl(cpu_cc_src, s->T1);
        tcg_gen_sub_tl(cpu_cc_dst, s->T0, s->T1);
        set_cc_op(s, CC_OP_SUBB + ot);
    }
    gen_step(s, ot);
    if (op != STR_STOS && op != STR_SCAS) {
        gen_op_add_reg(s, s->aflag, R_ESI, s->tmp4);
    }
    if (op != STR_LODS) {
        gen_op_add_reg(s, s->aflag, R_EDI, s->tmp4);
    }
}

/* Branch to l when rCX (at the address size) is zero. */
static void gen_jz_ecx(DisasContext *s, TCGLabel *l)
{
    gen_ext_tl(s->tmp0, cpu_regs[R_ECX], s->aflag, false);
    tcg_gen_brcondi_tl(TCG_COND_EQ, s->tmp0, 0, l);
}

/* The flags are untouched, so the exit may follow the helper call. */
static void gen_rep_chunk(DisasContext *s, int op, MemOp ot)
{
    TCGv_i32 size = tcg_const_i32(ot);
    TCGv_i32 aflag = tcg_const_i32(s->aflag);
    TCGLabel *exit = gen_new_label();

    gen_update_cc_op(s);
    if (op == STR_MOVS) {
        TCGv_i32 seg = tcg_const_i32(s->override);

        gen_helper_rep_movs(cpu_env, size, aflag, seg);
        tcg_temp_free_i32(seg);
    } else {
        gen_helper_rep_stos(cpu_env, size, aflag);
    }
    tcg_temp_free_i32(aflag);
    tcg_temp_free_i32(size);
    gen_jz_ecx(s, exit);
    gen_jmp_tb(s, insn_eip(s), 0);
    gen_set_label(exit);
    gen_jmp_tb(s, insn_next_eip(s), 1);
}

/* arg: STR_*. */
void emit_string(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int op = d->e->arg;
    TCGLabel *exit, *body;

    if (!(s->prefix & (PREFIX_REPZ | PREFIX_REPNZ))) {
        gen_string_element(s, op, d->ot);
        return;
    }
    /* One instruction a block (a single step: TF, gdb, -singlestep) also
       steps a rep instruction an element at a time, as the CPU's TF does.
       The chunk helper knows FS/GS overrides only, not ES/DS bases. */
    if ((op == STR_MOVS || op == STR_STOS) && s->base.max_insns != 1 &&
        !(s->flags & HF_ADDSEG_MASK)) {
        gen_rep_chunk(s, op, d->ot);
        return;
    }
    exit = gen_new_label();
    body = gen_new_label();
    gen_update_cc_op(s);
    gen_ext_tl(s->tmp0, cpu_regs[R_ECX], s->aflag, false);
    tcg_gen_brcondi_tl(TCG_COND_NE, s->tmp0, 0, body);
    if (op == STR_SCAS || op == STR_CMPS) {
        /* Nothing compared: the cc_op is still the previous instruction's,
           not the compare's that the loop leaves, so this way out may not
           share the loop's chained exit (a TB's key holds its entry cc_op:
           the next TB would read these flags as a compare's). */
        gen_jmp_im(s, insn_next_eip(s));
        gen_eob(s);
    }
    gen_set_label(exit);
    gen_jmp_tb(s, insn_next_eip(s), 1);
    gen_set_label(body);

    gen_string_element(s, op, d->ot);
    gen_op_add_reg_im(s, s->aflag, R_ECX, -1);
    if (op == STR_SCAS || op == STR_CMPS) {
        /* repz stops when ZF is clear, repnz when it is set. */
        gen_jcc1(s, (JCC_Z << 1) | !!(s->prefix & PREFIX_REPZ), exit);
    }
    gen_update_cc_op(s);
    gen_jz_ecx(s, exit);
    gen_jmp_tb(s, insn_eip(s), 0);
}
