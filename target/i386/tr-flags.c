/*
 * tr-flags.c: lazy condition codes in the translator.  The cc_op in force is
 * tracked at translation time (s->cc_op) and written to env only when it
 * must be (gen_update_cc_op).  Conditions for jcc/setcc/cmovcc are computed
 * straight from cc_dst/cc_src when the cc_op makes that cheap (the compare
 * after a SUB, ZF/SF from a result) and through the cc_compute_* helpers
 * otherwise.  The meaning of cc_dst/cc_src/cc_src2 per cc_op is in cpu.h.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

void set_cc_op(DisasContext *s, CCOp op)
{
    if (s->cc_op == op) {
        return;
    }
    /* DYNAMIC means env->cc_op is already right: the caller wrote it. */
    s->cc_op_dirty = op != CC_OP_DYNAMIC;
    s->cc_op = op;
}

void gen_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi_i32(cpu_cc_op, s->cc_op);
        s->cc_op_dirty = false;
    }
}

enum { USES_DST = 1, USES_SRC = 2, USES_SRC2 = 4 };

/* Which of cc_dst, cc_src and cc_src2 hold something under each cc_op
   (cpu.h); the compute helpers read no other. */
static const uint8_t cc_op_uses[CC_OP_NB] = {
    [CC_OP_DYNAMIC] = USES_DST | USES_SRC | USES_SRC2,
    [CC_OP_EFLAGS] = USES_SRC,
    [CC_OP_MULB ... CC_OP_MULQ] = USES_DST | USES_SRC,
    [CC_OP_ADDB ... CC_OP_ADDQ] = USES_DST | USES_SRC,
    [CC_OP_ADCB ... CC_OP_ADCQ] = USES_DST | USES_SRC | USES_SRC2,
    [CC_OP_SUBB ... CC_OP_SUBQ] = USES_DST | USES_SRC,
    [CC_OP_SBBB ... CC_OP_SBBQ] = USES_DST | USES_SRC | USES_SRC2,
    [CC_OP_LOGICB ... CC_OP_LOGICQ] = USES_DST,
    [CC_OP_INCB ... CC_OP_DECQ] = USES_DST | USES_SRC,
    [CC_OP_SHLB ... CC_OP_SARQ] = USES_DST | USES_SRC,
    [CC_OP_BMILGB ... CC_OP_BMILGQ] = USES_DST | USES_SRC,
    [CC_OP_CLR] = 0,
    [CC_OP_POPCNT] = USES_SRC,
    [CC_OP_ADCX] = USES_DST | USES_SRC,
    [CC_OP_ADOX] = USES_SRC | USES_SRC2,
    [CC_OP_ADCOX] = USES_DST | USES_SRC | USES_SRC2,
    [CC_OP_ADCOX_INC] = USES_DST | USES_SRC | USES_SRC2,
    [CC_OP_ADCOX_DEC] = USES_DST | USES_SRC | USES_SRC2,
};

/*
 * At an instruction boundary the cc globals the cc_op in force does not use
 * are dead: a fault in this instruction restores that cc_op, and a helper
 * given them ignores them.  Saying so lets liveness drop the flag
 * computations nothing reads, e.g. the compute_all of each `ror` in a
 * hash's round, whose CF and OF the next `xor` overwrites.
 */
void gen_discard_unused_cc(DisasContext *s)
{
    unsigned unused = ~cc_op_uses[s->cc_op];

    if (unused & USES_DST) {
        tcg_gen_discard_tl(cpu_cc_dst);
    }
    if (unused & USES_SRC) {
        tcg_gen_discard_tl(cpu_cc_src);
    }
    if (unused & USES_SRC2) {
        tcg_gen_discard_tl(cpu_cc_src2);
    }
}

static bool cc_op_has_size(CCOp op)
{
    return op >= CC_OP_MULB && op <= CC_OP_BMILGQ;
}

/* The operand size of a sized cc_op (the B/W/L/Q quadruples). */
static MemOp cc_op_size(CCOp op)
{
    return (op - CC_OP_MULB) & 3;
}

/* The adcx/adox chains that keep both carries apart as 0 or 1. */
static bool cc_op_is_adcox(CCOp op)
{
    return op == CC_OP_ADCOX || op == CC_OP_ADCOX_INC || op == CC_OP_ADCOX_DEC;
}

static bool cc_op_is_sub(CCOp op)
{
    return op >= CC_OP_SUBB && op <= CC_OP_SUBQ;
}

/* The cc_op as an IR value, for the helpers. */
static TCGv_i32 cc_op_value(DisasContext *s)
{
    return s->cc_op == CC_OP_DYNAMIC ? cpu_cc_op : tcg_const_i32(s->cc_op);
}

static void cc_op_value_free(DisasContext *s, TCGv_i32 op)
{
    if (s->cc_op != CC_OP_DYNAMIC) {
        tcg_temp_free_i32(op);
    }
}

/* The arithmetic flags that the cc_op does not keep in cc_src in EFLAGS
   form (all of them for the computed cc_ops). */
static target_ulong flags_outside_cc_src(CCOp op)
{
    switch (op) {
    case CC_OP_EFLAGS:
        return 0;
    case CC_OP_ADCX:
        return CC_C;
    case CC_OP_ADOX:
        return CC_O;
    case CC_OP_ADCOX:
        return CC_C | CC_O;
    default:
        return CC_ALL;
    }
}

void gen_compute_eflags(DisasContext *s)
{
    TCGv_i32 op;

    if (s->cc_op == CC_OP_EFLAGS) {
        return;
    }
    if (s->cc_op == CC_OP_CLR) {
        tcg_gen_movi_tl(cpu_cc_src, CC_Z | CC_P);
        set_cc_op(s, CC_OP_EFLAGS);
        return;
    }
    if (flags_outside_cc_src(s->cc_op) != CC_ALL) {
        /* An adcx/adox chain: put its 0/1 flags back in place. */
        if (flags_outside_cc_src(s->cc_op) & CC_C) {
            tcg_gen_deposit_tl(cpu_cc_src, cpu_cc_src, cpu_cc_dst, 0, 1);
        }
        if (flags_outside_cc_src(s->cc_op) & CC_O) {
            tcg_gen_deposit_tl(cpu_cc_src, cpu_cc_src, cpu_cc_src2, 11, 1);
        }
        set_cc_op(s, CC_OP_EFLAGS);
        return;
    }
    op = cc_op_value(s);
    gen_helper_cc_compute_all(cpu_cc_src, cpu_cc_dst, cpu_cc_src, cpu_cc_src2, op);
    cc_op_value_free(s, op);
    set_cc_op(s, CC_OP_EFLAGS);
}

/* A condition as "cond((reg & mask), reg2 or imm)". */
typedef struct CCPrepare {
    TCGCond cond;
    TCGv reg;
    TCGv reg2;              /* NULL: compare with imm */
    target_ulong imm;
    target_ulong mask;      /* (target_ulong)-1: no masking */
} CCPrepare;

static CCPrepare cc_test(TCGCond cond, TCGv reg, target_ulong mask)
{
    return (CCPrepare){ .cond = cond, .reg = reg, .mask = mask };
}

static CCPrepare cc_cmp(TCGCond cond, TCGv a, TCGv b)
{
    return (CCPrepare){ .cond = cond, .reg = a, .reg2 = b, .mask = -1 };
}

static CCPrepare cc_eflags_bit(DisasContext *s, target_ulong bits)
{
    if (flags_outside_cc_src(s->cc_op) & bits) {
        gen_compute_eflags(s);
    }
    return cc_test(TCG_COND_NE, cpu_cc_src, bits);
}

/*
 * The preparers may use reg and s->tmp0 as scratch; reg must not be tmp0
 * nor a global.
 */
static CCPrepare prepare_c(DisasContext *s, TCGv reg)
{
    CCOp op = s->cc_op;
    MemOp size = cc_op_size(op);
    TCGv_i32 opv;
    TCGv le, zero;

    switch (op) {
    case CC_OP_SUBB ... CC_OP_SUBQ:
        /* CF: minuend (dst + src) below subtrahend (src) */
        gen_ext_tl(s->tmp0, cpu_cc_src, size, false);
        tcg_gen_add_tl(reg, cpu_cc_dst, cpu_cc_src);
        gen_ext_tl(reg, reg, size, false);
        return cc_cmp(TCG_COND_LTU, reg, s->tmp0);
    case CC_OP_ADDB ... CC_OP_ADDQ:
        gen_ext_tl(s->tmp0, cpu_cc_src, size, false);
        gen_ext_tl(reg, cpu_cc_dst, size, false);
        return cc_cmp(TCG_COND_LTU, reg, s->tmp0);
    case CC_OP_ADCB ... CC_OP_ADCQ:
    case CC_OP_SBBB ... CC_OP_SBBQ:
        /* Bignum adc/sbb chains: no helper.  With a carry in, the sum
           (adc: result against src1) or the minuend (sbb: against the
           subtrahend) may also be equal. */
        gen_ext_tl(s->tmp0, cpu_cc_src, size, false);
        if (op >= CC_OP_SBBB) {
            tcg_gen_add_tl(reg, cpu_cc_dst, cpu_cc_src);
            tcg_gen_add_tl(reg, reg, cpu_cc_src2);
            gen_ext_tl(reg, reg, size, false);
        } else {
            gen_ext_tl(reg, cpu_cc_dst, size, false);
        }
        le = tcg_temp_new();
        zero = tcg_const_tl(0);
        tcg_gen_setcond_tl(TCG_COND_LEU, le, reg, s->tmp0);
        tcg_gen_setcond_tl(TCG_COND_LTU, reg, reg, s->tmp0);
        tcg_gen_movcond_tl(TCG_COND_NE, reg, cpu_cc_src2, zero, le, reg);
        tcg_temp_free(zero);
        tcg_temp_free(le);
        return cc_test(TCG_COND_NE, reg, -1);
    case CC_OP_LOGICB ... CC_OP_LOGICQ:
    case CC_OP_CLR:
    case CC_OP_POPCNT:
        return cc_test(TCG_COND_NEVER, cpu_cc_src, -1);
    case CC_OP_INCB ... CC_OP_DECQ:
    case CC_OP_MULB ... CC_OP_MULQ:
        return cc_test(TCG_COND_NE, cpu_cc_src, -1);
    case CC_OP_SHLB ... CC_OP_SHLQ:
        return cc_test(TCG_COND_NE, cpu_cc_src,
                       (target_ulong)1 << ((8 << size) - 1));
    case CC_OP_SARB ... CC_OP_SARQ:
        return cc_test(TCG_COND_NE, cpu_cc_src, 1);
    case CC_OP_BMILGB ... CC_OP_BMILGQ:
        return (CCPrepare){ .cond = TCG_COND_EQ, .reg = cpu_cc_src, .mask = -1 };
    case CC_OP_ADCX:
    case CC_OP_ADCOX ... CC_OP_ADCOX_DEC:
        return cc_test(TCG_COND_NE, cpu_cc_dst, -1);
    case CC_OP_EFLAGS:
    case CC_OP_ADOX:
        return cc_test(TCG_COND_NE, cpu_cc_src, CC_C);
    default:
        opv = cc_op_value(s);
        gen_helper_cc_compute_c(reg, cpu_cc_dst, cpu_cc_src, cpu_cc_src2, opv);
        cc_op_value_free(s, opv);
        return cc_test(TCG_COND_NE, reg, -1);
    }
}

static CCPrepare prepare_s(DisasContext *s, TCGv reg)
{
    CCOp op = s->cc_op;

    if (op == CC_OP_CLR || op == CC_OP_POPCNT) {
        return cc_test(TCG_COND_NEVER, cpu_cc_src, -1);
    }
    if (cc_op_has_size(op)) {
        gen_ext_tl(reg, cpu_cc_dst, cc_op_size(op), true);
        return (CCPrepare){ .cond = TCG_COND_LT, .reg = reg, .imm = 0, .mask = -1 };
    }
    return cc_eflags_bit(s, CC_S);
}

static CCPrepare prepare_z(DisasContext *s, TCGv reg)
{
    CCOp op = s->cc_op;

    if (op == CC_OP_CLR) {
        return cc_test(TCG_COND_ALWAYS, cpu_cc_src, -1);
    }
    if (op == CC_OP_POPCNT) {
        return (CCPrepare){ .cond = TCG_COND_EQ, .reg = cpu_cc_src, .mask = -1 };
    }
    if (cc_op_has_size(op)) {
        gen_ext_tl(reg, cpu_cc_dst, cc_op_size(op), false);
        return (CCPrepare){ .cond = TCG_COND_EQ, .reg = reg, .imm = 0, .mask = -1 };
    }
    return cc_eflags_bit(s, CC_Z);
}

static CCPrepare prepare_o(DisasContext *s, TCGv reg)
{
    if (s->cc_op == CC_OP_CLR || s->cc_op == CC_OP_POPCNT ||
        (s->cc_op >= CC_OP_LOGICB && s->cc_op <= CC_OP_LOGICQ) ||
        (s->cc_op >= CC_OP_BMILGB && s->cc_op <= CC_OP_BMILGQ)) {
        return cc_test(TCG_COND_NEVER, cpu_cc_src, -1);
    }
    if (s->cc_op == CC_OP_ADOX || cc_op_is_adcox(s->cc_op)) {
        return cc_test(TCG_COND_NE, cpu_cc_src2, -1);
    }
    return cc_eflags_bit(s, CC_O);
}

/* Condition nibble cond (0..15, as in jcc) into a CCPrepare. */
static CCPrepare prepare_cc(DisasContext *s, int cond, TCGv reg)
{
    int jcc_op = (cond >> 1) & 7;
    CCOp op = s->cc_op;
    CCPrepare cc;

    if (cc_op_is_sub(op) && (jcc_op == JCC_BE || jcc_op == JCC_L ||
                             jcc_op == JCC_LE)) {
        /* Compare the original operands: minuend dst+src, subtrahend src. */
        MemOp size = cc_op_size(op);
        bool sign = jcc_op != JCC_BE;

        gen_ext_tl(s->tmp0, cpu_cc_src, size, sign);
        tcg_gen_add_tl(reg, cpu_cc_dst, cpu_cc_src);
        gen_ext_tl(reg, reg, size, sign);
        cc = cc_cmp(jcc_op == JCC_BE ? TCG_COND_LEU :
                    jcc_op == JCC_L ? TCG_COND_LT : TCG_COND_LE, reg, s->tmp0);
    } else if (op >= CC_OP_LOGICB && op <= CC_OP_LOGICQ &&
               (jcc_op == JCC_L || jcc_op == JCC_LE)) {
        /* OF is clear: L is SF, LE is ZF|SF, i.e. the signed result <(=) 0. */
        gen_ext_tl(reg, cpu_cc_dst, cc_op_size(op), true);
        cc = (CCPrepare){ .cond = jcc_op == JCC_L ? TCG_COND_LT : TCG_COND_LE,
                          .reg = reg, .imm = 0, .mask = -1 };
    } else {
        switch (jcc_op) {
        case JCC_O:
            cc = prepare_o(s, reg);
            break;
        case JCC_B:
            cc = prepare_c(s, reg);
            break;
        case JCC_Z:
            cc = prepare_z(s, reg);
            break;
        case JCC_S:
            cc = prepare_s(s, reg);
            break;
        case JCC_P:
            cc = cc_eflags_bit(s, CC_P);
            break;
        case JCC_BE:
            cc = cc_eflags_bit(s, CC_Z | CC_C);
            break;
        default:
            /* SF != OF: OF (bit 11) shifted onto SF (bit 7); ZF too for LE.
               Bit 10 (DF) is never part of cc_src, so ZF survives the xor. */
            gen_compute_eflags(s);
            tcg_gen_shri_tl(reg, cpu_cc_src, 4);
            tcg_gen_xor_tl(reg, reg, cpu_cc_src);
            cc = cc_test(TCG_COND_NE, reg,
                         jcc_op == JCC_L ? CC_S : CC_S | CC_Z);
            break;
        }
    }
    if (cond & 1) {
        cc.cond = tcg_invert_cond(cc.cond);
    }
    return cc;
}

static void gen_setcc_prepared(CCPrepare cc, TCGv reg)
{
    TCGv a = cc.reg;

    if (cc.cond == TCG_COND_NEVER || cc.cond == TCG_COND_ALWAYS) {
        tcg_gen_movi_tl(reg, cc.cond == TCG_COND_ALWAYS);
        return;
    }
    if (cc.mask != (target_ulong)-1) {
        tcg_gen_andi_tl(reg, cc.reg, cc.mask);
        a = reg;
    }
    if (cc.reg2) {
        tcg_gen_setcond_tl(cc.cond, reg, a, cc.reg2);
    } else {
        tcg_gen_setcondi_tl(cc.cond, reg, a, cc.imm);
    }
}

void gen_compute_eflags_c(DisasContext *s, TCGv reg)
{
    gen_setcc_prepared(prepare_c(s, reg), reg);
}

void gen_setcc1(DisasContext *s, int cond, TCGv reg)
{
    gen_setcc_prepared(prepare_cc(s, cond, reg), reg);
}

/* The first operand of a prepared condition other than NEVER or ALWAYS:
   cc.reg, masked into s->tmp4 when there is a mask. */
static TCGv cc_masked_reg(DisasContext *s, CCPrepare cc)
{
    if (cc.mask == (target_ulong)-1) {
        return cc.reg;
    }
    tcg_gen_andi_tl(s->tmp4, cc.reg, cc.mask);
    return s->tmp4;
}

/* A branch to l on condition cond.  store_cc_op: env's cc_op is made
   current first, for a label that other paths reach with it stored. */
static void gen_jcc_common(DisasContext *s, int cond, TCGLabel *l,
                           bool store_cc_op)
{
    CCPrepare cc = prepare_cc(s, cond, s->tmp4);
    TCGv a;

    if (store_cc_op) {
        gen_update_cc_op(s);
    }
    if (cc.cond == TCG_COND_NEVER) {
        return;
    }
    if (cc.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
        return;
    }
    a = cc_masked_reg(s, cc);
    if (cc.reg2) {
        tcg_gen_brcond_tl(cc.cond, a, cc.reg2, l);
    } else {
        tcg_gen_brcondi_tl(cc.cond, a, cc.imm, l);
    }
}

void gen_jcc1(DisasContext *s, int cond, TCGLabel *l)
{
    gen_jcc_common(s, cond, l, true);
}

void gen_jcc_to_exits(DisasContext *s, int cond, TCGLabel *l)
{
    gen_jcc_common(s, cond, l, false);
}

/* The condition is the movcond's own comparison, not a setcond's 0/1
   compared with zero: one host compare and a cmov. */
void gen_cmovcc1(DisasContext *s, int cond, TCGv dest, TCGv t, TCGv f)
{
    CCPrepare cc = prepare_cc(s, cond, s->tmp4);
    TCGv a, b;

    if (cc.cond == TCG_COND_NEVER || cc.cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_tl(dest, cc.cond == TCG_COND_ALWAYS ? t : f);
        return;
    }
    a = cc_masked_reg(s, cc);
    b = cc.reg2 ? cc.reg2 : tcg_const_tl(cc.imm);
    tcg_gen_movcond_tl(cc.cond, dest, a, b, t, f);
    if (!cc.reg2) {
        tcg_temp_free(b);
    }
}

/*
 * EFLAGS after an inc, dec or logic op, computed in line into cc_src, for
 * an adcx/adox chain that starts after one (a narrower loop counter than
 * gen_adx_enter_after_incdec takes, or the xor that clears CF and OF):
 * there a helper call cost as much as the chain.
 */
static bool gen_compute_eflags_inline(DisasContext *s)
{
    CCOp op = s->cc_op;
    bool inc = op >= CC_OP_INCB && op <= CC_OP_INCQ;
    bool dec = op >= CC_OP_DECB && op <= CC_OP_DECQ;
    MemOp size = cc_op_size(op);
    target_ulong sign = (target_ulong)1 << ((8 << size) - 1);
    TCGv res, t, f;

    if (!inc && !dec && !(op >= CC_OP_LOGICB && op <= CC_OP_LOGICQ)) {
        return false;
    }
    res = tcg_temp_new();
    t = tcg_temp_new();
    f = tcg_temp_new();
    gen_ext_tl(res, cpu_cc_dst, size, false);
    /* PF: bit n of 0x9669 says whether nibble n has even parity. */
    tcg_gen_shri_tl(t, res, 4);
    tcg_gen_xor_tl(t, t, res);
    tcg_gen_andi_tl(t, t, 0xf);
    tcg_gen_movi_tl(f, 0x9669 * CC_P);
    tcg_gen_shr_tl(f, f, t);
    tcg_gen_andi_tl(f, f, CC_P);
    tcg_gen_setcondi_tl(TCG_COND_EQ, t, res, 0);
    tcg_gen_shli_tl(t, t, 6);                   /* ZF */
    tcg_gen_or_tl(f, f, t);
    tcg_gen_shri_tl(t, res, (8 << size) - 8);
    tcg_gen_andi_tl(t, t, CC_S);
    tcg_gen_or_tl(f, f, t);
    if (inc || dec) {
        /* AF: bit 4 changed by the +-1; OF: the result just crossed the
           sign boundary; CF: kept, in cc_src. */
        tcg_gen_addi_tl(t, res, inc ? -1 : 1);
        tcg_gen_xor_tl(t, t, res);
        tcg_gen_andi_tl(t, t, CC_A);
        tcg_gen_or_tl(f, f, t);
        tcg_gen_setcondi_tl(TCG_COND_EQ, t, res, inc ? sign : sign - 1);
        tcg_gen_shli_tl(t, t, 11);
        tcg_gen_or_tl(f, f, t);
        tcg_gen_setcondi_tl(TCG_COND_NE, t, cpu_cc_src, 0);
        tcg_gen_or_tl(f, f, t);
    }
    tcg_gen_mov_tl(cpu_cc_src, f);
    tcg_temp_free(f);
    tcg_temp_free(t);
    tcg_temp_free(res);
    set_cc_op(s, CC_OP_EFLAGS);
    return true;
}

/*
 * A chain right after a full-width inc or dec (the loop counter of every
 * iteration of a bignum loop) keeps that result in cc_src as its other
 * flags (CC_OP_ADCOX_INC/DEC): the inc's CF and OF become the chain's two
 * carries, and EFLAGS is never assembled unless something reads it.
 */
static bool gen_adx_enter_after_incdec(DisasContext *s)
{
    int full = TARGET_LONG_BITS == 64 ? MO_64 : MO_32;
    bool dec = s->cc_op == CC_OP_DECB + full;
    target_ulong sign = (target_ulong)1 << (TARGET_LONG_BITS - 1);
    TCGv res;

    if (!dec && s->cc_op != CC_OP_INCB + full) {
        return false;
    }
    res = tcg_temp_new();
    tcg_gen_mov_tl(res, cpu_cc_dst);
    tcg_gen_mov_tl(cpu_cc_dst, cpu_cc_src);     /* CF, 0 or 1 */
    tcg_gen_setcondi_tl(TCG_COND_EQ, cpu_cc_src2, res, dec ? sign - 1 : sign);
    tcg_gen_mov_tl(cpu_cc_src, res);
    tcg_temp_free(res);
    set_cc_op(s, dec ? CC_OP_ADCOX_DEC : CC_OP_ADCOX_INC);
    return true;
}

/*
 * adcx (of false) and adox (of true) chain through one flag each, kept as
 * 0 or 1 in cc_dst (CF) or cc_src2 (OF) while the other flags stay in
 * cc_src (CC_OP_ADCX, ADOX, ADCOX; ADCOX_INC/DEC above), so that a chain of
 * them neither calls a helper nor merges bits.  gen_adx_flag_in() gives
 * the flag the instruction reads, as 0 or 1; gen_adx_flag_out() records
 * its result.
 */
TCGv gen_adx_flag_in(DisasContext *s, bool of)
{
    CCOp own = of ? CC_OP_ADOX : CC_OP_ADCX;

    if (s->cc_op == own || cc_op_is_adcox(s->cc_op) ||
        gen_adx_enter_after_incdec(s)) {
        return of ? cpu_cc_src2 : cpu_cc_dst;
    }
    if (flags_outside_cc_src(s->cc_op) == CC_ALL &&
        !gen_compute_eflags_inline(s)) {
        gen_compute_eflags(s);
    }
    /* cc_src holds this flag in EFLAGS form: it is not the one kept apart. */
    tcg_gen_extract_tl(s->tmp4, cpu_cc_src, of ? 11 : 0, 1);
    return s->tmp4;
}

void gen_adx_flag_out(DisasContext *s, bool of, TCGv flag)
{
    CCOp own = of ? CC_OP_ADOX : CC_OP_ADCX;

    tcg_gen_mov_tl(of ? cpu_cc_src2 : cpu_cc_dst, flag);
    if (cc_op_is_adcox(s->cc_op)) {
        return;
    }
    set_cc_op(s, s->cc_op == own || s->cc_op == CC_OP_EFLAGS ? own
                                                             : CC_OP_ADCOX);
}
