/*
 * emit-system.c: the system instructions a CPL 3 program may run (0F 00,
 * 0F 01 /4, 0F 02, 0F 03): sldt, str and smsw store what the kernel keeps
 * in LDTR, TR and CR0 (cpu.h); lar, lsl, verr and verw ask the descriptor
 * table (seg_helper.c).  lldt, ltr, lmsw are #GP (decode-tables.c).
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

static const target_ulong user_sysreg_value[] = {
    [SYSREG_LDTR] = X86_USER_LDTR,
    [SYSREG_TR] = X86_USER_TR,
    [SYSREG_CR0] = X86_USER_CR0,
};

/* sldt/str/smsw Ev (arg: SYSREG_*): a register gets the operand size,
   memory 16 bits, as for mov from a segment register.  Where the host's
   kernel answers them (UMIP, host-quirks.c), a 64-bit program's register
   gets 32 bits and keeps the rest, but for smsw's 64-bit form. */
void emit_store_sysreg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    if (x86_host_quirks.sysreg_store == HOST_SYSREG_FAULTS) {
        emit_privileged(env, s, d);
        return;
    }
    tcg_gen_movi_tl(s->T0, user_sysreg_value[d->e->arg]);
    if (x86_host_quirks.sysreg_store == HOST_SYSREG_KERNEL && s->code64
        && d->mod == 3 && d->ot != MO_16
        && !(d->ot == MO_64 && d->e->arg == SYSREG_CR0)) {
        tcg_gen_deposit_tl(cpu_regs[d->rm], cpu_regs[d->rm], s->T0, 0, 32);
        return;
    }
    gen_store_operand(s, d, OPK_E, d->mod == 3 ? d->ot : MO_16, s->T0);
}

static TCGv gen_desc_query(DisasContext *s, X86Decoded *d, int query)
{
    TCGv_i32 query32 = tcg_const_i32(query);

    gen_load_operand(s, d, OPK_E, MO_16, s->T0);
    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T0);
    gen_compute_eflags(s);
    gen_helper_desc_query(s->T0, cpu_env, s->tmp2_i32, query32);
    tcg_temp_free_i32(query32);
    return s->T0;
}

/* lar/lsl Gv, Ew (arg: DESC_QUERY_LAR or _LSL): Gv is written only when
   ZF says the selector was valid; otherwise it keeps all its bits.  The
   result crosses a branch, so it lives in a local temporary. */
void emit_lar_lsl(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGLabel *invalid = gen_new_label();
    TCGv result = tcg_temp_local_new();
    TCGv zf = tcg_temp_local_new();

    tcg_gen_mov_tl(result, gen_desc_query(s, d, d->e->arg));
    tcg_gen_andi_tl(zf, cpu_cc_src, CC_Z);
    tcg_gen_brcondi_tl(TCG_COND_EQ, zf, 0, invalid);
    gen_op_mov_reg_v(s, d->ot, d->reg, result);
    gen_set_label(invalid);
    tcg_temp_free(zf);
    tcg_temp_free(result);
}

/* verr/verw Ew (arg: DESC_QUERY_VERR or _VERW): only ZF. */
void emit_verify(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_desc_query(s, d, d->e->arg);
}
