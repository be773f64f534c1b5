/*
 * tr-operand.c: operands of x86 instructions as IR: code fetch, ModRM
 * addressing (16-, 32- and 64-bit forms, RIP-relative, FS/GS bases),
 * register reads and writes with the x86 partial-register rules, guest
 * memory loads and stores, and the stack.  Shared by the integer emitters
 * and (through translate.h) the SSE and x87 translators.
 */
#include "qemu/osdep.h"
#include "decode.h"
#include "exec/helper-gen.h"

/* ---- instruction stream ---- */

uint8_t x86_ldub_code(CPUX86State *env, DisasContext *s)
{
    uint8_t v = translator_ldub(env, s->pc);
    s->pc += 1;
    return v;
}

uint16_t x86_lduw_code(CPUX86State *env, DisasContext *s)
{
    uint16_t v = translator_lduw(env, s->pc);
    s->pc += 2;
    return v;
}

uint32_t x86_ldl_code(CPUX86State *env, DisasContext *s)
{
    uint32_t v = translator_ldl(env, s->pc);
    s->pc += 4;
    return v;
}

uint64_t x86_ldq_code(CPUX86State *env, DisasContext *s)
{
    uint64_t v = translator_ldq(env, s->pc);
    s->pc += 8;
    return v;
}

/* ---- addressing ---- */

/* The eight 16-bit ModRM forms: [bx+si] [bx+di] [bp+si] [bp+di] [si] [di] [bp] [bx] */
static const int8_t modrm16_base[8] = {
    R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX
};
static const int8_t modrm16_index[8] = {
    R_ESI, R_EDI, R_ESI, R_EDI, ADDR_NONE, ADDR_NONE, ADDR_NONE, ADDR_NONE
};

static void decode_modrm16(CPUX86State *env, DisasContext *s, int mod, int rm,
                           X86Addr *a)
{
    if (mod == 0 && rm == 6) {
        a->disp = x86_lduw_code(env, s);
        return;
    }
    a->base = modrm16_base[rm];
    a->index = modrm16_index[rm];
    if (mod == 1) {
        a->disp = (int8_t)x86_ldub_code(env, s);
    } else if (mod == 2) {
        a->disp = (int16_t)x86_lduw_code(env, s);
    }
}

void decode_modrm_address(CPUX86State *env, DisasContext *s, int modrm,
                          X86Addr *a)
{
    int mod = modrm >> 6;
    int rm = modrm & 7;

    a->base = ADDR_NONE;
    a->index = ADDR_NONE;
    a->scale = 0;
    a->disp = 0;
    if (s->aflag == MO_16) {
        decode_modrm16(env, s, mod, rm, a);
        return;
    }
    if (rm == 4) {
        int sib = x86_ldub_code(env, s);
        int index = ((sib >> 3) & 7) | s->rex_x;
        int base = sib & 7;

        if (index != 4) {      /* 4 without REX.X means "no index" */
            a->index = index;
            a->scale = sib >> 6;
        }
        if (base == 5 && mod == 0) {
            a->disp = (int32_t)x86_ldl_code(env, s);
        } else {
            a->base = base | s->rex_b;
        }
    } else if (rm == 5 && mod == 0) {
        a->disp = (int32_t)x86_ldl_code(env, s);
        if (s->code64) {
            a->base = ADDR_RIP;
        }
    } else {
        a->base = rm | s->rex_b;
    }
    if (mod == 1) {
        a->disp = (int8_t)x86_ldub_code(env, s);
    } else if (mod == 2) {
        a->disp = (int32_t)x86_ldl_code(env, s);
    }
}

int addr_default_seg(const X86Addr *a)
{
    return a->base == R_ESP || a->base == R_EBP ? R_SS : R_DS;
}

void gen_lea_v_seg(DisasContext *s, int aflag, TCGv a0, int def_seg,
                   int ovr_seg)
{
    int seg = ovr_seg >= 0 ? ovr_seg : def_seg;

    if (aflag == MO_16) {
        tcg_gen_ext16u_tl(a0, a0);
    }
#ifdef TARGET_X86_64
    else if (aflag == MO_32) {
        tcg_gen_ext32u_tl(a0, a0);
    }
#endif
    /*
     * FS and GS may have a base in any mode; ES, CS, SS and DS only in
     * 32-bit code, when the guest loaded a selector of its own (LDT,
     * set_thread_area) into one of them (HF_ADDSEG): otherwise they are
     * flat, and no code is generated for them.
     */
    if (seg == R_FS || seg == R_GS ||
        (seg >= 0 && !s->code64 && (s->flags & HF_ADDSEG_MASK))) {
        tcg_gen_add_tl(a0, a0, cpu_seg_base[seg]);
    }
}

void gen_lea_addr(DisasContext *s, const X86Addr *a, bool with_seg)
{
    TCGv ea = s->A0;

    if (a->base == ADDR_RIP) {
        /* Relative to the end of the instruction (s->pc once fully fetched). */
        tcg_gen_movi_tl(ea, s->pc + s->rip_offset + a->disp);
    } else if (a->base >= 0 || a->index >= 0) {
        if (a->index >= 0) {
            tcg_gen_shli_tl(ea, cpu_regs[a->index], a->scale);
            if (a->base >= 0) {
                tcg_gen_add_tl(ea, ea, cpu_regs[a->base]);
            }
        } else {
            tcg_gen_mov_tl(ea, cpu_regs[a->base]);
        }
        if (a->disp) {
            tcg_gen_addi_tl(ea, ea, a->disp);
        }
    } else {
        tcg_gen_movi_tl(ea, a->disp);
    }
    gen_lea_v_seg(s, s->aflag, ea, with_seg ? addr_default_seg(a) : -1,
                  with_seg ? s->override : -1);
}

void gen_lea_modrm(CPUX86State *env, DisasContext *s, int modrm)
{
    X86Addr a;

    decode_modrm_address(env, s, modrm, &a);
    gen_lea_addr(s, &a, true);
}

/* ---- guest memory ---- */

void gen_op_ld_v(DisasContext *s, int ot, TCGv t, TCGv a0)
{
    tcg_gen_qemu_ld_tl(t, a0, s->mem_index, ot);
}

void gen_op_st_v(DisasContext *s, int ot, TCGv t, TCGv a0)
{
    tcg_gen_qemu_st_tl(t, a0, s->mem_index, ot);
}

void gen_ldq_env_A0(DisasContext *s, int ofs)
{
    tcg_gen_qemu_ld_i64(s->tmp1_i64, s->A0, s->mem_index, MO_LEQ);
    tcg_gen_st_i64(s->tmp1_i64, cpu_env, ofs);
}

void gen_stq_env_A0(DisasContext *s, int ofs)
{
    tcg_gen_ld_i64(s->tmp1_i64, cpu_env, ofs);
    tcg_gen_qemu_st_i64(s->tmp1_i64, s->A0, s->mem_index, MO_LEQ);
}

void gen_ldo_env_A0(DisasContext *s, int ofs)
{
    tcg_gen_qemu_ld_i64(s->tmp1_i64, s->A0, s->mem_index, MO_LEQ);
    tcg_gen_st_i64(s->tmp1_i64, cpu_env, ofs);
    tcg_gen_addi_tl(s->tmp0, s->A0, 8);
    tcg_gen_qemu_ld_i64(s->tmp1_i64, s->tmp0, s->mem_index, MO_LEQ);
    tcg_gen_st_i64(s->tmp1_i64, cpu_env, ofs + 8);
}

/* Two 8-byte stores; the first checks all 16 bytes (MO_SPAN) so that a
   store crossing into a page it may not write writes nothing. */
void gen_sto_env_A0(DisasContext *s, int ofs)
{
    tcg_gen_ld_i64(s->tmp1_i64, cpu_env, ofs);
    tcg_gen_qemu_st_i64(s->tmp1_i64, s->A0, s->mem_index,
                        MO_LEQ | MO_SPAN(16));
    tcg_gen_addi_tl(s->tmp0, s->A0, 8);
    tcg_gen_ld_i64(s->tmp1_i64, cpu_env, ofs + 8);
    tcg_gen_qemu_st_i64(s->tmp1_i64, s->tmp0, s->mem_index, MO_LEQ);
}

/* ---- registers ---- */

/* Byte registers 4..7 are AH, CH, DH, BH unless a REX prefix is present. */
static bool byte_reg_is_xH(DisasContext *s, int reg)
{
    return reg >= 4 && reg < 8 && !s->rex_present;
}

void gen_ext_tl(TCGv dst, TCGv src, MemOp ot, bool sign)
{
    switch (ot) {
    case MO_8:
        if (sign) {
            tcg_gen_ext8s_tl(dst, src);
        } else {
            tcg_gen_ext8u_tl(dst, src);
        }
        break;
    case MO_16:
        if (sign) {
            tcg_gen_ext16s_tl(dst, src);
        } else {
            tcg_gen_ext16u_tl(dst, src);
        }
        break;
#ifdef TARGET_X86_64
    case MO_32:
        if (sign) {
            tcg_gen_ext32s_tl(dst, src);
        } else {
            tcg_gen_ext32u_tl(dst, src);
        }
        break;
#endif
    default:
        tcg_gen_mov_tl(dst, src);
        break;
    }
}

/* Reads are zero-extended from the size: callers may rely on it. */
void gen_op_mov_v_reg(DisasContext *s, int ot, TCGv t0, int reg)
{
    if (ot == MO_8 && byte_reg_is_xH(s, reg)) {
        tcg_gen_extract_tl(t0, cpu_regs[reg - 4], 8, 8);
    } else {
        gen_ext_tl(t0, cpu_regs[reg], ot, false);
    }
}

/* 8- and 16-bit writes merge; 32-bit writes zero the upper half. */
void gen_op_mov_reg_v(DisasContext *s, int ot, int reg, TCGv t0)
{
    switch (ot) {
    case MO_8:
        if (byte_reg_is_xH(s, reg)) {
            tcg_gen_deposit_tl(cpu_regs[reg - 4], cpu_regs[reg - 4], t0, 8, 8);
        } else {
            tcg_gen_deposit_tl(cpu_regs[reg], cpu_regs[reg], t0, 0, 8);
        }
        break;
    case MO_16:
        tcg_gen_deposit_tl(cpu_regs[reg], cpu_regs[reg], t0, 0, 16);
        break;
    case MO_32:
        tcg_gen_ext32u_tl(cpu_regs[reg], t0);
        break;
    default:
        tcg_gen_mov_tl(cpu_regs[reg], t0);
        break;
    }
}

void gen_op_add_reg(DisasContext *s, MemOp size, int reg, TCGv t)
{
    tcg_gen_add_tl(s->tmp0, cpu_regs[reg], t);
    gen_op_mov_reg_v(s, size, reg, s->tmp0);
}

void gen_op_add_reg_im(DisasContext *s, MemOp size, int reg, int32_t val)
{
    tcg_gen_addi_tl(s->tmp0, cpu_regs[reg], val);
    gen_op_mov_reg_v(s, size, reg, s->tmp0);
}

/* ---- decoded operands ---- */

static int opcode_reg(DisasContext *s, X86Decoded *d)
{
    return (d->b & 7) | s->rex_b;
}

void gen_load_operand(DisasContext *s, X86Decoded *d, int kind, MemOp ot, TCGv t)
{
    switch (kind) {
    case OPK_E:
        if (d->mod == 3) {
            gen_op_mov_v_reg(s, ot, t, d->rm);
        } else {
            gen_op_ld_v(s, ot, t, s->A0);
            if (s->prefix & PREFIX_LOCK) {
                tcg_gen_st_tl(t, cpu_env, offsetof(CPUX86State, lock_expected));
            }
        }
        break;
    case OPK_G:
        gen_op_mov_v_reg(s, ot, t, d->reg);
        break;
    case OPK_A:
        gen_op_mov_v_reg(s, ot, t, R_EAX);
        break;
    case OPK_Z:
        gen_op_mov_v_reg(s, ot, t, opcode_reg(s, d));
        break;
    case OPK_I:
        tcg_gen_movi_tl(t, d->imm);
        break;
    case OPK_CL:
        gen_op_mov_v_reg(s, MO_8, t, R_ECX);
        break;
    case OPK_ONE:
        tcg_gen_movi_tl(t, 1);
        break;
    case OPK_B:
        gen_op_mov_v_reg(s, ot, t, d->vvvv);
        break;
    default:
        qemu_unreachable();
    }
}

/*
 * A memory E operand is read and written back, so that a fault on the
 * store comes before an instruction folds the lazy flags into cc_src: a
 * fault restores the cc_op of the instruction's start, which must still
 * describe cc_src.  tmp0 is clobbered.
 */
void gen_probe_store_e(DisasContext *s, X86Decoded *d, MemOp ot)
{
    if (d->mod != 3) {
        gen_op_ld_v(s, ot, s->tmp0, s->A0);
        gen_op_st_v(s, ot, s->tmp0, s->A0);
    }
}

void gen_store_operand(DisasContext *s, X86Decoded *d, int kind, MemOp ot, TCGv t)
{
    switch (kind) {
    case OPK_E:
        if (d->mod == 3) {
            gen_op_mov_reg_v(s, ot, d->rm, t);
        } else if (s->prefix & PREFIX_LOCK) {
            /* Atomic with the load above (atomic_helper.c): emitters of
               lockable instructions change no guest state before this
               store, so the helper may restart the instruction. */
            TCGv_i32 size = tcg_const_i32(ot);

            gen_helper_lock_store(cpu_env, s->A0, t, size);
            tcg_temp_free_i32(size);
        } else {
            gen_op_st_v(s, ot, t, s->A0);
        }
        break;
    case OPK_G:
        gen_op_mov_reg_v(s, ot, d->reg, t);
        break;
    case OPK_A:
        gen_op_mov_reg_v(s, ot, R_EAX, t);
        break;
    case OPK_Z:
        gen_op_mov_reg_v(s, ot, opcode_reg(s, d), t);
        break;
    case OPK_B:
        gen_op_mov_reg_v(s, ot, d->vvvv, t);
        break;
    default:
        qemu_unreachable();
    }
}

/* ---- stack ---- */

MemOp gen_stack_size(DisasContext *s)
{
    if (s->code64) {
        return MO_64;
    }
    return (s->flags & HF_SS32_MASK) ? MO_32 : MO_16;
}

/* Store first, then move ESP, so that a faulting push leaves ESP intact. */
void gen_push_v(DisasContext *s, MemOp ot, TCGv t)
{
    MemOp sp = gen_stack_size(s);

    tcg_gen_subi_tl(s->tmp4, cpu_regs[R_ESP], 1 << ot);
    tcg_gen_mov_tl(s->A0, s->tmp4);
    gen_lea_v_seg(s, sp, s->A0, R_SS, -1);
    gen_op_st_v(s, ot, t, s->A0);
    gen_op_mov_reg_v(s, sp, R_ESP, s->tmp4);
}

void gen_pop_load(DisasContext *s, MemOp ot, TCGv t)
{
    tcg_gen_mov_tl(s->A0, cpu_regs[R_ESP]);
    gen_lea_v_seg(s, gen_stack_size(s), s->A0, R_SS, -1);
    gen_op_ld_v(s, ot, t, s->A0);
}

void gen_pop_update(DisasContext *s, MemOp ot)
{
    gen_op_add_reg_im(s, gen_stack_size(s), R_ESP, 1 << ot);
}
