/*
 * emit-misc.c: flag instructions (clc/stc/cmc/cld/std, lahf/sahf), nops
 * and hints, fences, decimal adjustments, cpuid, rdtsc/rdtscp, crc32, moves
 * to and from segment registers, arpl, salc, and the hand-off of the SSE/MMX and x87
 * opcode space to translate-sse.c and translate-fpu.c.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

/* arg: FLAGOP_*. */
void emit_flagop(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    switch (d->e->arg) {
    case FLAGOP_CLC:
        gen_compute_eflags(s);
        tcg_gen_andi_tl(cpu_cc_src, cpu_cc_src, ~(target_ulong)CC_C);
        break;
    case FLAGOP_STC:
        gen_compute_eflags(s);
        tcg_gen_ori_tl(cpu_cc_src, cpu_cc_src, CC_C);
        break;
    case FLAGOP_CMC:
        gen_compute_eflags(s);
        tcg_gen_xori_tl(cpu_cc_src, cpu_cc_src, CC_C);
        break;
    default:
        /* env->df is the string step direction: 1 or -1. */
        tcg_gen_movi_i32(s->tmp2_i32, d->e->arg == FLAGOP_STD ? -1 : 1);
        tcg_gen_st_i32(s->tmp2_i32, cpu_env, offsetof(CPUX86State, df));
        break;
    }
}

/* AH = SF:ZF:0:AF:0:PF:1:CF */
void emit_lahf(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_compute_eflags(s);
    tcg_gen_ori_tl(s->T0, cpu_cc_src, 0x02);
    tcg_gen_deposit_tl(cpu_regs[R_EAX], cpu_regs[R_EAX], s->T0, 8, 8);
}

void emit_sahf(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    tcg_gen_extract_tl(s->T0, cpu_regs[R_EAX], 8, 8);
    tcg_gen_andi_tl(s->T0, s->T0, CC_S | CC_Z | CC_A | CC_P | CC_C);
    gen_compute_eflags(s);
    tcg_gen_andi_tl(cpu_cc_src, cpu_cc_src, CC_O);
    tcg_gen_or_tl(cpu_cc_src, cpu_cc_src, s->T0);
}

/* nop, pause, hint nops (0F 18..1F, incl. endbr32/64), prefetches. */
void emit_nop(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
}

/* FWAIT: delivers a pending unmasked x87 exception (#MF). */
void emit_fwait(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_helper_fwait(cpu_env);
}

typedef void (*BCDHelperGen)(TCGv_ptr env);

static const BCDHelperGen bcd_helpers[] = {
    [BCD_DAA] = gen_helper_daa, [BCD_DAS] = gen_helper_das,
    [BCD_AAA] = gen_helper_aaa, [BCD_AAS] = gen_helper_aas,
};

/* arg: BCD_*.  The helpers read env->cc_op and leave CC_OP_EFLAGS. */
void emit_bcd(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int op = d->e->arg;
    TCGv_i32 base;

    if ((op == BCD_AAM) && d->imm == 0) {
        gen_exception(s, EXCP00_DIVZ, insn_eip(s));
        return;
    }
    gen_update_cc_op(s);
    if (op == BCD_AAM || op == BCD_AAD) {
        base = tcg_const_i32(d->imm);
        if (op == BCD_AAM) {
            gen_helper_aam(cpu_env, base);
        } else {
            gen_helper_aad(cpu_env, base);
        }
        tcg_temp_free_i32(base);
    } else {
        bcd_helpers[op](cpu_env);
    }
    set_cc_op(s, CC_OP_EFLAGS);
}

/*
 * The instructions that describe the machine rather than compute (cpuid,
 * rdtsc, rdtscp, xgetbv) end their TB, as the CPU serialises at cpuid: the
 * guest state logged by -d cpu at the next TB's entry then shows what they
 * returned before anything else uses it.  The lockstep checker
 * (tests/lockstep/) compares at TB entries and takes these results over
 * from the emulator.  They are rare enough that the cost does not show.
 */
static void end_tb_after(DisasContext *s)
{
    s->base.is_jmp = DISAS_TOO_MANY;
}

void emit_cpuid(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_helper_cpuid(cpu_env);
    end_tb_after(s);
}

void emit_rdtsc(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_helper_rdtsc(cpu_env);
    end_tb_after(s);
}

/* 0F 01 /7: invlpg with a memory operand (privileged); with a register,
   swapgs (64-bit mode, privileged), rdtscp, and extensions not provided. */
void emit_group7_7(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int rm = d->modrm & 7;

    if (d->mod != 3 || (rm == 0 && s->code64)) {
        emit_privileged(env, s, d);
    } else if (rm == 1) {
        gen_helper_rdtscp(cpu_env);
        end_tb_after(s);
    } else {
        gen_illegal_opcode(s);
    }
}

/* 0F 01 /2: lgdt with a memory operand (privileged); with a register,
   xgetbv (D0) and xsetbv (D1, privileged) where the model has XSAVE. */
void emit_group7_2(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int rm = d->modrm & 7;

    if (d->mod != 3 || (rm == 1 && x86_feature_present(s, FEAT_XSAVE))) {
        emit_privileged(env, s, d);
    } else if (rm == 0 && x86_feature_present(s, FEAT_XSAVE)) {
        gen_helper_xgetbv(cpu_env);
        end_tb_after(s);
    } else {
        gen_illegal_opcode(s);
    }
}

/* 0F C7 /4: xsavec m (xsave_helper.c checks the area); REX.W the 64-bit
   form. */
void emit_xsavec(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 wide = tcg_const_i32(s->dflag == MO_64);

    gen_helper_xsavec(cpu_env, s->A0, wide);
    tcg_temp_free_i32(wide);
}

/* crc32 Gy, Eb/Ev: CRC-32C (Castagnoli) of the source's bytes, continuing
   from the low 32 bits of Gy; the result is zero-extended. */
void emit_crc32(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv_i32 bytes = tcg_const_i32(1 << d->ot);

    gen_load_operand(s, d, OPK_E, d->ot, s->T1);
    gen_op_mov_v_reg(s, MO_32, s->T0, d->reg);
    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T0);
    gen_helper_crc32c(s->T0, s->tmp2_i32, s->T1, bytes);
    gen_op_mov_reg_v(s, MO_32, d->reg, s->T0);
    tcg_temp_free_i32(bytes);
}

/* mov Ev, Sw: a register gets the zero-extended selector, memory 16 bits. */
void emit_mov_from_seg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int seg = (d->modrm >> 3) & 7;

    if (seg > R_GS) {
        gen_illegal_opcode(s);
        return;
    }
    tcg_gen_ld32u_tl(s->T0, cpu_env, offsetof(CPUX86State, segs[seg].selector));
    gen_store_operand(s, d, OPK_E, d->mod == 3 ? d->ot : MO_16, s->T0);
}

/* mov Sw, Ew: the helper checks the selector and finds the base. */
void emit_mov_to_seg(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int seg = (d->modrm >> 3) & 7;
    TCGv_i32 seg32;

    if (seg > R_GS || seg == R_CS) {
        gen_illegal_opcode(s);
        return;
    }
    gen_load_operand(s, d, OPK_E, MO_16, s->T0);
    tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T0);
    seg32 = tcg_const_i32(seg);
    gen_helper_load_seg(cpu_env, seg32, s->tmp2_i32);
    tcg_temp_free_i32(seg32);
    gen_seg_load_done(s, seg);
}

/*
 * F3 0F AE /0../3, register forms in 64-bit mode: rdfsbase, rdgsbase,
 * wrfsbase, wrgsbase (FSGSBASE), 32 bits zero-extended or with REX.W 64; a
 * base that is not canonical is a #GP.
 */
static void gen_fsgsbase(DisasContext *s, int modrm)
{
    int reg = (modrm >> 3) & 7;
    int rm = (modrm & 7) | s->rex_b;
    MemOp ot = s->dflag == MO_64 ? MO_64 : MO_32;
    TCGv base = cpu_seg_base[reg & 1 ? R_GS : R_FS];

    if (reg < 2) {
        gen_op_mov_reg_v(s, ot, rm, base);
        return;
    }
    gen_op_mov_v_reg(s, ot, s->T0, rm);
    if (ot == MO_64) {
        gen_gp_unless_canonical(s, s->T0);
    }
    tcg_gen_mov_tl(base, s->T0);
}

static bool is_fsgsbase(DisasContext *s, int modrm)
{
    return (modrm >> 6) == 3 && ((modrm >> 3) & 7) < 4 && s->code64 &&
           (s->prefix & (PREFIX_REPZ | PREFIX_REPNZ | PREFIX_DATA)) == PREFIX_REPZ &&
           (s->cpuid_7_0_ebx_features & CPUID_7_0_EBX_FSGSBASE);
}

/*
 * 0F AE: the fences (register forms of /5 /6 /7, lfence, mfence, sfence)
 * and FSGSBASE are ours; the rest (fxsave, ldmxcsr...) is SSE's.  Generated code keeps
 * guest loads and stores in program order and the x86 host orders them as
 * the guest expects, except a store followed by a load, which only mfence
 * orders: that one is a host fence.  lfence and sfence (which matter for
 * non-temporal stores, done as plain ones here) need nothing.
 */
void emit_grp15(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    int modrm = translator_ldub(env, s->pc);
    int reg = (modrm >> 3) & 7;

    if ((modrm >> 6) == 3 && reg >= 5 &&
        !(s->prefix & (PREFIX_REPZ | PREFIX_REPNZ | PREFIX_DATA))) {
        s->pc++;
        if (reg == 6) {
            gen_helper_mfence();
        }
        return;
    }
    if (is_fsgsbase(s, modrm)) {
        s->pc++;
        gen_fsgsbase(s, modrm);
        return;
    }
    emit_sse(env, s, d);
}

/* s->pc is at the ModRM byte: translate-sse.c decodes from there. */
void emit_sse(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    if (!disas_sse(env, s, d->b)) {
        gen_illegal_opcode(s);
    }
}

void emit_fpu(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    if (!disas_fpu(env, s, d->b, d->modrm)) {
        gen_illegal_opcode(s);
    }
}

/* arpl Ew, Gw (32-bit mode): raise the destination selector's RPL to the
   source's, ZF = whether it was raised; the other flags are kept.  The
   destination is written back either way (without a branch). */
void emit_arpl(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    TCGv raised = tcg_temp_new();
    TCGv zero = tcg_const_tl(0);

    gen_compute_eflags(s);
    gen_load_operand(s, d, OPK_E, MO_16, s->T0);
    gen_op_mov_v_reg(s, MO_16, s->T1, d->reg);
    tcg_gen_andi_tl(s->T1, s->T1, 3);
    tcg_gen_andi_tl(s->tmp0, s->T0, 3);
    tcg_gen_setcond_tl(TCG_COND_LTU, raised, s->tmp0, s->T1);
    tcg_gen_andi_tl(s->tmp0, s->T0, ~(target_ulong)3);
    tcg_gen_or_tl(s->tmp0, s->tmp0, s->T1);
    tcg_gen_movcond_tl(TCG_COND_NE, s->T0, raised, zero, s->tmp0, s->T0);
    gen_store_operand(s, d, OPK_E, MO_16, s->T0);
    tcg_gen_andi_tl(cpu_cc_src, cpu_cc_src, ~(target_ulong)CC_Z);
    tcg_gen_shli_tl(raised, raised, 6);     /* CC_Z */
    tcg_gen_or_tl(cpu_cc_src, cpu_cc_src, raised);
    tcg_temp_free(raised);
    tcg_temp_free(zero);
}

/* salc (32-bit mode, undocumented): AL = CF ? 0xff : 0, flags kept. */
void emit_salc(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    gen_compute_eflags_c(s, s->T0);
    tcg_gen_neg_tl(s->T0, s->T0);
    gen_op_mov_reg_v(s, MO_8, R_EAX, s->T0);
}
