/*
 * translate-sse.c: translation of the MMX, SSE, SSE2 and SSE3 instructions
 * of the 0F map, and disas_sse(), which the integer decoder calls for all
 * SIMD opcode space (the 0F 38 / 0F 3A tables are in
 * translate-sse-3byte.c).  One table per map, indexed by the opcode byte and
 * the mandatory prefix (none, 66, F3, F2), says for each instruction which
 * emitter handles its operand form and which helper or inline expansion
 * does the work.  Vector helpers get pointers into env: the destination
 * register and the source register, or env->xmm_t0 where a memory source is
 * staged first.  An entry's OP_REG_MM / OP_RM_MM flags say which of its
 * ModRM operands are mm registers (the x87 registers' significands) rather
 * than xmm; the same emitters serve both widths.
 */
#include "qemu/osdep.h"
#include "translate-sse.h"


/* ---- operands ---- */

static int mmx_offset(int reg)
{
    return offsetof(CPUX86State, fpregs[reg].mmx);
}

/* mm registers take the 3-bit fields alone: REX does not extend them. */
int reg_operand(DisasContext *s, const SSEOp *op, int modrm)
{
    return op->flags & OP_REG_MM ? mmx_offset((modrm >> 3) & 7)
                                 : xmm_offset(modrm_reg(s, modrm));
}

int rm_operand(DisasContext *s, const SSEOp *op, int modrm)
{
    return op->flags & OP_RM_MM ? mmx_offset(modrm & 7)
                                : xmm_offset(modrm_rm(s, modrm));
}

/* The size of the operand that which (OP_REG_MM or OP_RM_MM) describes. */
static int operand_bytes(const SSEOp *op, int which)
{
    return op->flags & which ? sizeof(MMXReg) : sizeof(XMMReg);
}

/*
 * After writing the register at offset: if it is an mm register, its x87
 * sign and exponent become all ones, as on hardware (so FNSAVE tags it
 * special and FLD of it is a NaN).
 */
void gen_vector_written(DisasContext *s, int offset)
{
    int first = offsetof(CPUX86State, fpregs[0]);
    int end = offsetof(CPUX86State, fpregs[7]) + sizeof(FPReg);

    if (offset >= first && offset < end) {
        tcg_gen_movi_i32(s->tmp2_i32, 0xffff);
        tcg_gen_st16_i32(s->tmp2_i32, cpu_env,
                         offset + offsetof(floatx80, high));
    }
}

TCGv_ptr env_ptr(TCGv_ptr p, int offset)
{
    tcg_gen_addi_ptr(p, cpu_env, offset);
    return p;
}

/* Effective address of the memory operand; imm_bytes follow the ModRM. */
void gen_operand_address(CPUX86State *env, DisasContext *s, int modrm,
                         int imm_bytes)
{
    s->rip_offset = imm_bytes;
    gen_lea_modrm(env, s, modrm);
    s->rip_offset = 0;
}

/* MemOp of the 1-, 2- and 4-byte memory operands */
static MemOp small_memop(int size)
{
    return size == 1 ? MO_UB : size == 2 ? MO_LEUW : MO_LEUL;
}

/* size bytes at s->A0 into env at offset (the rest of the 16 untouched) */
static void gen_load_env(DisasContext *s, int size, int offset)
{
    switch (size) {
    case 16:
        gen_ldo_env_A0(s, offset);
        break;
    case 8:
        gen_ldq_env_A0(s, offset);
        break;
    default:
        tcg_gen_qemu_ld_i32(s->tmp2_i32, s->A0, s->mem_index, small_memop(size));
        tcg_gen_st_i32(s->tmp2_i32, cpu_env, offset);
        break;
    }
}

void gen_store_env(DisasContext *s, int size, int offset)
{
    switch (size) {
    case 16:
        gen_sto_env_A0(s, offset);
        break;
    case 8:
        gen_stq_env_A0(s, offset);
        break;
    default:
        tcg_gen_ld_i32(s->tmp2_i32, cpu_env, offset);
        tcg_gen_qemu_st_i32(s->tmp2_i32, s->A0, s->mem_index, small_memop(size));
        break;
    }
}

/*
 * Legacy SSE instructions with a 16-byte memory operand fault (#GP, the
 * guest's SIGSEGV) when it is not 16-byte aligned, unless the instruction
 * is one of the unaligned ones.  Checked by a helper before the access, so
 * nothing is read or written.  AMD's MXCSR.MM lifts the rule for all but
 * the aligned moves (movaps, movapd, movdqa, movnt*) and fxsave/fxrstor
 * (measured on an EPYC): mm_relaxes says which kind this is.
 */
static void gen_check_alignment(DisasContext *s, const SSEOp *op, int size,
                                bool mm_relaxes)
{
    if (size == 16 && !(op->flags & OP_ANY_ALIGN)) {
        TCGv_i32 relaxed_by = tcg_const_i32(mm_relaxes ? MXCSR_MM : 0);

        gen_helper_sse_check_alignment(cpu_env, s->A0, relaxed_by);
        tcg_temp_free_i32(relaxed_by);
    }
}

void gen_load_operand_env(DisasContext *s, const SSEOp *op, int offset)
{
    gen_check_alignment(s, op, op->size, true);
    gen_load_env(s, op->size, offset);
}

void gen_copy_env(DisasContext *s, int size, int dst, int src)
{
    if (size == 4) {
        tcg_gen_ld_i32(s->tmp2_i32, cpu_env, src);
        tcg_gen_st_i32(s->tmp2_i32, cpu_env, dst);
        return;
    }
    for (int i = 0; i < size; i += 8) {
        tcg_gen_ld_i64(s->tmp1_i64, cpu_env, src + i);
        tcg_gen_st_i64(s->tmp1_i64, cpu_env, dst + i);
    }
}

/* Zero bytes [from, 16) of the register at offset (from is 4 or 8). */
static void gen_zero_upper(DisasContext *s, int offset, int from)
{
    TCGv_i64 zero = tcg_const_i64(0);

    if (from == 4) {
        tcg_gen_st32_i64(zero, cpu_env, offset + 4);
    }
    tcg_gen_st_i64(zero, cpu_env, offset + 8);
    tcg_temp_free_i64(zero);
}

/*
 * The env offset of the ModRM.rm source: a register, or the memory
 * operand (op->size bytes) staged in xmm_t0.
 */
int gen_source(CPUX86State *env, DisasContext *s, const SSEOp *op,
               int modrm, int imm_bytes)
{
    if (modrm_is_reg(modrm)) {
        return rm_operand(s, op, modrm);
    }
    gen_operand_address(env, s, modrm, imm_bytes);
    gen_load_operand_env(s, op, XMM_T0_OFFSET);
    return XMM_T0_OFFSET;
}

/* ---- emitters, one per operand form ---- */

bool emit_binop(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm)
{
    int src = gen_source(env, s, op, modrm, 0);
    int dst = reg_operand(s, op, modrm);

    op->gen.binop(cpu_env, env_ptr(s->ptr0, dst), env_ptr(s->ptr1, src));
    gen_vector_written(s, dst);
    return true;
}

bool emit_immop(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm)
{
    int src = gen_source(env, s, op, modrm, 1);
    int dst = reg_operand(s, op, modrm);

    tcg_gen_movi_i32(s->tmp2_i32, x86_ldub_code(env, s));
    op->gen.immop(cpu_env, env_ptr(s->ptr0, dst), env_ptr(s->ptr1, src),
                  s->tmp2_i32);
    gen_vector_written(s, dst);
    return true;
}

/* CMPPS/PD/SS/SD: one helper per predicate, chosen by the immediate. */
static bool emit_cmp(CPUX86State *env, DisasContext *s, const SSEOp *op,
                     int modrm)
{
    int src = gen_source(env, s, op, modrm, 1);
    int predicate = x86_ldub_code(env, s) & 7;

    op->gen.cmp_family[predicate](cpu_env,
        env_ptr(s->ptr0, xmm_offset(modrm_reg(s, modrm))),
        env_ptr(s->ptr1, src));
    return true;
}

/* Bitwise ops inline, 64 bits at a time. */
static bool emit_logic(CPUX86State *env, DisasContext *s, const SSEOp *op,
                       int modrm)
{
    int src = gen_source(env, s, op, modrm, 0);
    int dst = reg_operand(s, op, modrm);
    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();

    for (int i = 0; i < operand_bytes(op, OP_REG_MM); i += 8) {
        tcg_gen_ld_i64(a, cpu_env, dst + i);
        tcg_gen_ld_i64(b, cpu_env, src + i);
        op->gen.logic(a, a, b);
        tcg_gen_st_i64(a, cpu_env, dst + i);
    }
    tcg_temp_free_i64(a);
    tcg_temp_free_i64(b);
    gen_vector_written(s, dst);
    return true;
}

/*
 * PSHUFD inline: dword i of d is dword (imm >> 2i) & 3 of s.  Every lane is
 * loaded before any is stored, since d may be s.  (A helper call was 6.9%
 * of c-kernel-64's time: docs/devel/performance.md, lever 32.)
 */
static bool emit_pshufd(CPUX86State *env, DisasContext *s, const SSEOp *op,
                        int modrm)
{
    int src = gen_source(env, s, op, modrm, 1);
    int dst = reg_operand(s, op, modrm);
    int order = x86_ldub_code(env, s);
    TCGv_i32 lane[4];

    for (int i = 0; i < 4; i++) {
        lane[i] = tcg_temp_new_i32();
        tcg_gen_ld_i32(lane[i], cpu_env, src + 4 * ((order >> (2 * i)) & 3));
    }
    for (int i = 0; i < 4; i++) {
        tcg_gen_st_i32(lane[i], cpu_env, dst + 4 * i);
        tcg_temp_free_i32(lane[i]);
    }
    return true;
}

/* d = ~d & s */
static void gen_andn_i64(TCGv_i64 ret, TCGv_i64 d, TCGv_i64 s)
{
    tcg_gen_andc_i64(ret, s, d);
}

/* All plain moves: a lane of op->size bytes between reg and rm. */
bool emit_move(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm)
{
    int reg = reg_operand(s, op, modrm);
    int lane = reg + op->reg_lane;

    if (modrm_is_reg(modrm)) {
        int rm = rm_operand(s, op, modrm);
        int rm_lane = rm + op->rm_lane;
        int dst = op->dir == MOVE_LOAD ? reg : rm;

        if (op->flags & MOVE_MEM_ONLY) {
            return false;
        }
        if (op->dir == MOVE_LOAD) {
            gen_copy_env(s, op->size, lane, rm_lane);
        } else {
            gen_copy_env(s, op->size, rm_lane, lane);
        }
        if (op->flags & MOVE_ZERO_REG) {
            gen_zero_upper(s, dst, op->size);
        }
        gen_vector_written(s, dst);
        return true;
    }
    if (op->flags & MOVE_REG_ONLY) {
        return false;
    }
    gen_operand_address(env, s, modrm, 0);
    gen_check_alignment(s, op, op->size, false);
    if (op->dir == MOVE_LOAD) {
        gen_load_env(s, op->size, lane);
        if (op->flags & MOVE_ZERO_MEM) {
            gen_zero_upper(s, reg, op->size);
        }
        gen_vector_written(s, reg);
    } else {
        gen_store_env(s, op->size, lane);
    }
    return true;
}

/* A 32/64-bit integer from the ModRM.rm GPR or memory, zero-extended. */
static TCGv_i64 gen_int_source(CPUX86State *env, DisasContext *s, int modrm)
{
    TCGv_i64 v = tcg_temp_new_i64();
    int ot = gpr_size(s);

    if (modrm_is_reg(modrm)) {
        gen_op_mov_v_reg(s, ot, s->T0, modrm_rm(s, modrm));
        tcg_gen_extu_tl_i64(v, s->T0);
    } else {
        gen_operand_address(env, s, modrm, 0);
        tcg_gen_qemu_ld_i64(v, s->A0, s->mem_index, ot);
    }
    if (ot == OT_LONG) {
        tcg_gen_ext32u_i64(v, v);
    }
    return v;
}

/* (66) 0F 6E: MOVD/MOVQ mm/xmm, r/m32/64 (zero-extended) */
static bool emit_movd_to_vec(CPUX86State *env, DisasContext *s,
                             const SSEOp *op, int modrm)
{
    int reg = reg_operand(s, op, modrm);
    TCGv_i64 v = gen_int_source(env, s, modrm);

    tcg_gen_st_i64(v, cpu_env, reg);
    if (!(op->flags & OP_REG_MM)) {
        gen_zero_upper(s, reg, 8);
    }
    gen_vector_written(s, reg);
    tcg_temp_free_i64(v);
    return true;
}

/* (66) 0F 7E: MOVD/MOVQ r/m32/64, mm/xmm */
static bool emit_movd_from_vec(CPUX86State *env, DisasContext *s,
                               const SSEOp *op, int modrm)
{
    int reg = reg_operand(s, op, modrm);
    int ot = gpr_size(s);

    if (modrm_is_reg(modrm)) {
        if (ot == OT_LONG) {
            tcg_gen_ld32u_tl(s->T0, cpu_env, reg);
        } else {
            tcg_gen_ld_tl(s->T0, cpu_env, reg);
        }
        gen_op_mov_reg_v(s, ot, modrm_rm(s, modrm), s->T0);
    } else {
        gen_operand_address(env, s, modrm, 0);
        tcg_gen_ld_i64(s->tmp1_i64, cpu_env, reg);
        tcg_gen_qemu_st_i64(s->tmp1_i64, s->A0, s->mem_index, ot);
    }
    return true;
}

/* CVTSI2SS/SD xmm, r/m32/64 */
static bool emit_cvt_from_int(CPUX86State *env, DisasContext *s,
                              const SSEOp *op, int modrm)
{
    TCGv_i64 v = gen_int_source(env, s, modrm);
    TCGv_ptr dst = env_ptr(s->ptr0, xmm_offset(modrm_reg(s, modrm)));

#ifdef TARGET_X86_64
    if (s->rex_w) {
        op->gen.from_int.q(cpu_env, dst, v);
        tcg_temp_free_i64(v);
        return true;
    }
#endif
    tcg_gen_extrl_i64_i32(s->tmp2_i32, v);
    op->gen.from_int.l(cpu_env, dst, s->tmp2_i32);
    tcg_temp_free_i64(v);
    return true;
}

/* CVT(T)SS2SI/CVT(T)SD2SI r32/64, xmm/m */
static bool emit_cvt_to_int(CPUX86State *env, DisasContext *s,
                            const SSEOp *op, int modrm)
{
    int reg = modrm_reg(s, modrm);
    TCGv_ptr src = env_ptr(s->ptr1, gen_source(env, s, op, modrm, 0));

#ifdef TARGET_X86_64
    if (s->rex_w) {
        op->gen.to_int.q(s->T0, cpu_env, src);
        gen_op_mov_reg_v(s, OT_QUAD, reg, s->T0);
        return true;
    }
#endif
    op->gen.to_int.l(s->tmp2_i32, cpu_env, src);
    tcg_gen_extu_i32_tl(s->T0, s->tmp2_i32);
    gen_op_mov_reg_v(s, OT_LONG, reg, s->T0);
    return true;
}

/* (U)COMISS/SD, PTEST: ZF/PF/CF computed, the other arithmetic flags clear. */
bool emit_comis(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm)
{
    int src = gen_source(env, s, op, modrm, 0);

    op->gen.comis(s->tmp2_i32, cpu_env,
                  env_ptr(s->ptr0, xmm_offset(modrm_reg(s, modrm))),
                  env_ptr(s->ptr1, src));
    set_cc_op(s, CC_OP_EFLAGS);
    tcg_gen_extu_i32_tl(cpu_cc_src, s->tmp2_i32);
    return true;
}

/* PMOVMSKB/MOVMSKPS/MOVMSKPD r32, mm/xmm */
static bool emit_movmsk(CPUX86State *env, DisasContext *s, const SSEOp *op,
                        int modrm)
{
    if (!modrm_is_reg(modrm)) {
        return false;
    }
    op->gen.mask(s->tmp2_i32, cpu_env,
                 env_ptr(s->ptr1, rm_operand(s, op, modrm)));
    tcg_gen_extu_i32_tl(s->T0, s->tmp2_i32);
    gen_op_mov_reg_v(s, OT_LONG, modrm_reg(s, modrm), s->T0);
    return true;
}

/* (66) 0F 71..73: shifts by an immediate; the ModRM reg field picks the op. */
typedef void (*SSEGenByteShift)(TCGv_ptr env, TCGv_ptr d, TCGv_i32 count);
typedef struct SSEShiftImm {
    SSEGenBinop by_count;           /* the by-register helper, count in xmm_t0 */
    SSEGenByteShift by_bytes;       /* pslldq/psrldq */
} SSEShiftImm;

/* the word and doubleword groups, sfx: empty for xmm, _mmx for mm */
#define SHIFT_IMM_GROUP(lane, sfx) {                                      \
    [2] = { gen_helper_psrl##lane##sfx }, [4] = { gen_helper_psra##lane##sfx }, \
    [6] = { gen_helper_psll##lane##sfx } }
static const SSEShiftImm shift_imm_w[8] = SHIFT_IMM_GROUP(w, );
static const SSEShiftImm shift_imm_w_mmx[8] = SHIFT_IMM_GROUP(w, _mmx);
static const SSEShiftImm shift_imm_d[8] = SHIFT_IMM_GROUP(d, );
static const SSEShiftImm shift_imm_d_mmx[8] = SHIFT_IMM_GROUP(d, _mmx);
/* no psraq; the byte shifts exist for xmm only */
static const SSEShiftImm shift_imm_q[8] = {
    [2] = { gen_helper_psrlq }, [3] = { .by_bytes = gen_helper_psrldq },
    [6] = { gen_helper_psllq }, [7] = { .by_bytes = gen_helper_pslldq },
};
static const SSEShiftImm shift_imm_q_mmx[8] = {
    [2] = { gen_helper_psrlq_mmx }, [6] = { gen_helper_psllq_mmx },
};

static bool emit_shift_imm(CPUX86State *env, DisasContext *s, const SSEOp *op,
                           int modrm)
{
    const SSEShiftImm *shift = &op->gen.shift_group[(modrm >> 3) & 7];
    int count, dst;

    if (!modrm_is_reg(modrm) || (!shift->by_count && !shift->by_bytes)) {
        return false;
    }
    count = x86_ldub_code(env, s);
    dst = rm_operand(s, op, modrm);
    if (shift->by_bytes) {
        tcg_gen_movi_i32(s->tmp2_i32, count);
        shift->by_bytes(cpu_env, env_ptr(s->ptr0, dst), s->tmp2_i32);
    } else {
        tcg_gen_movi_i64(s->tmp1_i64, count);
        tcg_gen_st_i64(s->tmp1_i64, cpu_env, XMM_T0_OFFSET);
        shift->by_count(cpu_env, env_ptr(s->ptr0, dst),
                        env_ptr(s->ptr1, XMM_T0_OFFSET));
    }
    gen_vector_written(s, dst);
    return true;
}

/* The word lane an immediate selects: imm8 modulo the number of words. */
static int word_lane(CPUX86State *env, DisasContext *s, const SSEOp *op,
                     int which)
{
    return (x86_ldub_code(env, s) & (operand_bytes(op, which) / 2 - 1)) * 2;
}

/* (66) 0F C4: PINSRW mm/xmm, r32/m16, imm8 */
static bool emit_pinsrw(CPUX86State *env, DisasContext *s, const SSEOp *op,
                        int modrm)
{
    int reg = reg_operand(s, op, modrm);

    if (modrm_is_reg(modrm)) {
        gen_op_mov_v_reg(s, OT_LONG, s->T0, modrm_rm(s, modrm));
        tcg_gen_trunc_tl_i32(s->tmp2_i32, s->T0);
    } else {
        gen_operand_address(env, s, modrm, 1);
        tcg_gen_qemu_ld_i32(s->tmp2_i32, s->A0, s->mem_index, MO_LEUW);
    }
    tcg_gen_st16_i32(s->tmp2_i32, cpu_env, reg + word_lane(env, s, op, OP_REG_MM));
    gen_vector_written(s, reg);
    return true;
}

/* (66) 0F C5: PEXTRW r32, mm/xmm, imm8 */
static bool emit_pextrw(CPUX86State *env, DisasContext *s, const SSEOp *op,
                        int modrm)
{
    int rm;

    if (!modrm_is_reg(modrm)) {
        return false;
    }
    rm = rm_operand(s, op, modrm);
    tcg_gen_ld16u_tl(s->T0, cpu_env, rm + word_lane(env, s, op, OP_RM_MM));
    gen_op_mov_reg_v(s, OT_LONG, modrm_reg(s, modrm), s->T0);
    return true;
}

/* (66) 0F F7: MASKMOVQ / MASKMOVDQU to DS:rDI (segment overridable) */
static bool emit_maskmov(CPUX86State *env, DisasContext *s, const SSEOp *op,
                         int modrm)
{
    if (!modrm_is_reg(modrm)) {
        return false;
    }
    tcg_gen_mov_tl(s->A0, cpu_regs[R_EDI]);
    gen_lea_v_seg(s, s->aflag, s->A0, R_DS, s->override);
    op->gen.maskmov(cpu_env, env_ptr(s->ptr0, reg_operand(s, op, modrm)),
                    env_ptr(s->ptr1, rm_operand(s, op, modrm)), s->A0);
    return true;
}

/*
 * The conversions between mm and xmm (cvtpi2ps, cvtps2pi, cvtpd2pi, ...)
 * are the xmm conversions of the same lanes (cvtdq2ps, cvtps2dq,
 * cvtpd2dq, ...) on the source zero-extended in xmm_t0: zero lanes convert
 * exactly, so the MXCSR flags are those of the real lanes.  Then out_size
 * bytes of the result go to the reg operand.
 */
static bool emit_cvt_mmx(CPUX86State *env, DisasContext *s, const SSEOp *op,
                         int modrm)
{
    TCGv_ptr t0 = env_ptr(s->ptr1, XMM_T0_OFFSET);
    int dst = reg_operand(s, op, modrm);

    if (modrm_is_reg(modrm)) {
        gen_copy_env(s, op->size, XMM_T0_OFFSET, rm_operand(s, op, modrm));
    } else {
        gen_operand_address(env, s, modrm, 0);
        gen_load_operand_env(s, op, XMM_T0_OFFSET);
    }
    if (op->size < 16) {
        gen_zero_upper(s, XMM_T0_OFFSET, op->size);
    }
    op->gen.binop(cpu_env, t0, t0);
    gen_copy_env(s, op->out_size, dst, XMM_T0_OFFSET);
    gen_vector_written(s, dst);
    return true;
}

/* 0F 77: EMMS */
static bool emit_emms(CPUX86State *env, DisasContext *s, const SSEOp *op,
                      int modrm)
{
    gen_helper_emms(cpu_env);
    return true;
}

/* 0F C3: MOVNTI m32/64, r32/64 (the hint is irrelevant here) */
static bool emit_movnti(CPUX86State *env, DisasContext *s, const SSEOp *op,
                        int modrm)
{
    int ot = gpr_size(s);

    if (modrm_is_reg(modrm)) {
        return false;
    }
    gen_operand_address(env, s, modrm, 0);
    gen_op_mov_v_reg(s, ot, s->T0, modrm_reg(s, modrm));
    gen_op_st_v(s, ot, s->T0, s->A0);
    return true;
}

/*
 * 0F AE memory forms: FXSAVE, FXRSTOR (16-byte aligned image), LDMXCSR,
 * STMXCSR, XSAVE, XRSTOR, XSAVEOPT (xsave_helper.c: they check the 64-byte
 * alignment themselves), CLFLUSH (nothing to flush: guest memory is
 * ordinary host memory, but the line must be readable: a non-canonical or
 * unmapped address faults as a load would).  The register forms (the
 * fences) are no-ops the integer decoder handles itself.
 */
static bool emit_group_ae(CPUX86State *env, DisasContext *s, const SSEOp *op,
                          int modrm)
{
    static const uint8_t sub_feature[8] = {
        [4] = FEAT_XSAVE, [5] = FEAT_XSAVE, [6] = FEAT_XSAVEOPT,
    };
    int sub = (modrm >> 3) & 7;
    TCGv_i32 wide;

    if (modrm_is_reg(modrm) || !x86_feature_present(s, sub_feature[sub]) ||
        (sub >= 4 && !x86_feature_present(s, FEAT_XSAVE))) {
        return false;
    }
    gen_operand_address(env, s, modrm, 0);
    if (sub <= 1) {
        gen_check_alignment(s, op, 16, false);
    }
    /* REX.W: the 64-bit forms, whose x87 pointers are 64-bit offsets */
    wide = tcg_const_i32(s->dflag == MO_64);
    switch (sub) {
    case 0:
        gen_helper_fxsave(cpu_env, s->A0, wide);
        break;
    case 1:
        gen_helper_fxrstor(cpu_env, s->A0, wide);
        break;
    case 2:
        tcg_gen_qemu_ld_i32(s->tmp2_i32, s->A0, s->mem_index, MO_LEUL);
        gen_helper_ldmxcsr(cpu_env, s->tmp2_i32);
        break;
    case 3:
        tcg_gen_ld_i32(s->tmp2_i32, cpu_env, offsetof(CPUX86State, mxcsr));
        tcg_gen_qemu_st_i32(s->tmp2_i32, s->A0, s->mem_index, MO_LEUL);
        break;
    case 4:
        gen_helper_xsave(cpu_env, s->A0, wide);
        break;
    case 5:
        gen_helper_xrstor(cpu_env, s->A0, wide);
        break;
    case 6:
        gen_helper_xsaveopt(cpu_env, s->A0, wide);
        break;
    case 7:
        tcg_gen_qemu_ld_i32(s->tmp2_i32, s->A0, s->mem_index, MO_UB);
        break;
    }
    tcg_temp_free_i32(wide);
    return true;
}

/* ---- the table ---- */

#define CMP_GEN(n, pred, sfx) [n] = gen_helper_cmp##pred##sfx,
static const SSEGenBinop cmp_ps[8] = { SSE_CMP_PREDICATES(CMP_GEN, ps) };
static const SSEGenBinop cmp_pd[8] = { SSE_CMP_PREDICATES(CMP_GEN, pd) };
static const SSEGenBinop cmp_ss[8] = { SSE_CMP_PREDICATES(CMP_GEN, ss) };
static const SSEGenBinop cmp_sd[8] = { SSE_CMP_PREDICATES(CMP_GEN, sd) };

#define CMP(sfx, sz)   { emit_cmp, .gen.cmp_family = cmp_##sfx, .size = sz }
#define COMIS(h, sz)   { emit_comis, .gen.comis = gen_helper_##h, .size = sz }
#define MASK(h, fl)    { emit_movmsk, .gen.mask = gen_helper_##h, .flags = fl }
#define LOGIC(fn, sz, fl) { emit_logic, .gen.logic = fn, .size = sz, .flags = fl }
#define SPECIAL(fn, fl) { fn, .flags = fl }
#define SHIFT_IMM(group, fl) { emit_shift_imm, .gen.shift_group = group, .flags = fl }
/* h: the xmm conversion on the zero-extended source; sz: source bytes */
#define CVT_MMX(h, sz, out, fl) \
    { emit_cvt_mmx, .gen.binop = gen_helper_##h, .size = sz, .out_size = out, .flags = fl }
#ifdef TARGET_X86_64
#define CVT_TO_INT(h, sz) \
    { emit_cvt_to_int, .gen.to_int = { gen_helper_##h##_l, gen_helper_##h##_q }, .size = sz }
#define CVT_FROM_INT(h) \
    { emit_cvt_from_int, .gen.from_int = { gen_helper_##h##_l, gen_helper_##h##_q } }
#else
#define CVT_TO_INT(h, sz) \
    { emit_cvt_to_int, .gen.to_int = { gen_helper_##h##_l }, .size = sz }
#define CVT_FROM_INT(h) \
    { emit_cvt_from_int, .gen.from_int = { gen_helper_##h##_l } }
#endif

/* a row of ps, pd, ss, sd forms of one FP operation */
#define FP_ROW(op) { BINOP(op##ps, 16), BINOP(op##pd, 16), BINOP(op##ss, 4), BINOP(op##sd, 8) }
/* an integer op of both widths: mm (sz bytes of memory) and xmm (66) */
#define INT_ROW(h)     { MM_BINOP(h, 8), BINOP(h, 16) }
/* the low unpacks read only 32 bits of an mm operand from memory */
#define UNPACKL_ROW(h) { MM_BINOP(h, 4), BINOP(h, 16) }
#define LOGIC_ROW(fn)  { LOGIC(fn, 8, OP_MMX), LOGIC(fn, 16, 0) }

static const SSEOp sse_table[256][MP_COUNT] = {
    /* movups, movupd, movss, movsd */
    [0x10] = { LOAD(16, OP_ANY_ALIGN), LOAD(16, OP_ANY_ALIGN),
               LOAD(4, MOVE_ZERO_MEM), LOAD(8, MOVE_ZERO_MEM) },
    [0x11] = { STORE(16, OP_ANY_ALIGN), STORE(16, OP_ANY_ALIGN), STORE(4, 0), STORE(8, 0) },
    /* movlps / movhlps (register form takes the source's high half), movlpd;
       movsldup, movddup */
    [0x12] = { MOVE(MOVE_LOAD, 8, 0, 8, 0), LOAD(8, MOVE_MEM_ONLY),
               BINOP(movsldup, 16, .feature = FEAT_SSE3),
               BINOP(movddup, 8, .feature = FEAT_SSE3) },
    [0x13] = { STORE(8, MOVE_MEM_ONLY), STORE(8, MOVE_MEM_ONLY) },
    [0x14] = { BINOP(punpckldq, 16), BINOP(punpcklqdq, 16) },
    [0x15] = { BINOP(punpckhdq, 16), BINOP(punpckhqdq, 16) },
    /* movhps / movlhps, movhpd, movshdup */
    [0x16] = { MOVE(MOVE_LOAD, 8, 8, 0, 0), MOVE(MOVE_LOAD, 8, 8, 0, MOVE_MEM_ONLY),
               BINOP(movshdup, 16, .feature = FEAT_SSE3) },
    [0x17] = { MOVE(MOVE_STORE, 8, 8, 0, MOVE_MEM_ONLY),
               MOVE(MOVE_STORE, 8, 8, 0, MOVE_MEM_ONLY) },
    [0x28] = { LOAD(16, 0), LOAD(16, 0) },
    [0x29] = { STORE(16, 0), STORE(16, 0) },
    /* cvtpi2ps, cvtpi2pd: from memory they leave the x87 state alone */
    [0x2a] = { CVT_MMX(cvtdq2ps, 8, 8, OP_RM_MM), CVT_MMX(cvtdq2pd, 8, 16, OP_RM_MM),
               CVT_FROM_INT(cvtsi2ss), CVT_FROM_INT(cvtsi2sd) },
    [0x2b] = { STORE(16, MOVE_MEM_ONLY), STORE(16, MOVE_MEM_ONLY) },
    /* cvttps2pi, cvttpd2pi */
    [0x2c] = { CVT_MMX(cvttps2dq, 8, 8, OP_REG_MM), CVT_MMX(cvttpd2dq, 16, 8, OP_REG_MM),
               CVT_TO_INT(cvttss2si, 4), CVT_TO_INT(cvttsd2si, 8) },
    /* cvtps2pi, cvtpd2pi */
    [0x2d] = { CVT_MMX(cvtps2dq, 8, 8, OP_REG_MM), CVT_MMX(cvtpd2dq, 16, 8, OP_REG_MM),
               CVT_TO_INT(cvtss2si, 4), CVT_TO_INT(cvtsd2si, 8) },
    [0x2e] = { COMIS(ucomiss, 4), COMIS(ucomisd, 8) },
    [0x2f] = { COMIS(comiss, 4), COMIS(comisd, 8) },
    [0x50] = { MASK(movmskps, 0), MASK(movmskpd, 0) },
    [0x51] = FP_ROW(sqrt),
    /* the approximations: bit-exact with this host only (fpu-sse.md) */
    [0x52] = { BINOP(rsqrtps, 16), [MP_F3] = BINOP(rsqrtss, 4) },
    [0x53] = { BINOP(rcpps, 16), [MP_F3] = BINOP(rcpss, 4) },
    [0x54] = { LOGIC(tcg_gen_and_i64, 16, 0), LOGIC(tcg_gen_and_i64, 16, 0) },
    [0x55] = { LOGIC(gen_andn_i64, 16, 0), LOGIC(gen_andn_i64, 16, 0) },
    [0x56] = { LOGIC(tcg_gen_or_i64, 16, 0), LOGIC(tcg_gen_or_i64, 16, 0) },
    [0x57] = { LOGIC(tcg_gen_xor_i64, 16, 0), LOGIC(tcg_gen_xor_i64, 16, 0) },
    [0x58] = FP_ROW(add),
    [0x59] = FP_ROW(mul),
    [0x5a] = { BINOP(cvtps2pd, 8), BINOP(cvtpd2ps, 16),
               BINOP(cvtss2sd, 4), BINOP(cvtsd2ss, 8) },
    [0x5b] = { BINOP(cvtdq2ps, 16), BINOP(cvtps2dq, 16), BINOP(cvttps2dq, 16) },
    [0x5c] = FP_ROW(sub),
    [0x5d] = FP_ROW(min),
    [0x5e] = FP_ROW(div),
    [0x5f] = FP_ROW(max),
    [0x60] = UNPACKL_ROW(punpcklbw),
    [0x61] = UNPACKL_ROW(punpcklwd),
    [0x62] = UNPACKL_ROW(punpckldq),
    [0x63] = INT_ROW(packsswb),
    [0x64] = INT_ROW(pcmpgtb),
    [0x65] = INT_ROW(pcmpgtw),
    [0x66] = INT_ROW(pcmpgtd),
    [0x67] = INT_ROW(packuswb),
    [0x68] = INT_ROW(punpckhbw),
    [0x69] = INT_ROW(punpckhwd),
    [0x6a] = INT_ROW(punpckhdq),
    [0x6b] = INT_ROW(packssdw),
    [0x6c] = { [MP_66] = BINOP(punpcklqdq, 16) },
    [0x6d] = { [MP_66] = BINOP(punpckhqdq, 16) },
    [0x6e] = { SPECIAL(emit_movd_to_vec, OP_REG_MM), SPECIAL(emit_movd_to_vec, 0) },
    [0x6f] = { LOAD(8, OP_MMX), LOAD(16, 0), LOAD(16, OP_ANY_ALIGN) },
    [0x70] = { { emit_immop, .gen.immop = gen_helper_pshufw, .size = 8, .flags = OP_MMX },
               { emit_pshufd, .size = 16 }, IMMOP(pshufhw, 16), IMMOP(pshuflw, 16) },
    [0x71] = { SHIFT_IMM(shift_imm_w_mmx, OP_MMX), SHIFT_IMM(shift_imm_w, 0) },
    [0x72] = { SHIFT_IMM(shift_imm_d_mmx, OP_MMX), SHIFT_IMM(shift_imm_d, 0) },
    [0x73] = { SHIFT_IMM(shift_imm_q_mmx, OP_MMX), SHIFT_IMM(shift_imm_q, 0) },
    [0x74] = INT_ROW(pcmpeqb),
    [0x75] = INT_ROW(pcmpeqw),
    [0x76] = INT_ROW(pcmpeqd),
    [0x77] = { SPECIAL(emit_emms, OP_NO_MODRM) },
    [0x7e] = { SPECIAL(emit_movd_from_vec, OP_REG_MM), SPECIAL(emit_movd_from_vec, 0),
               LOAD(8, MOVE_ZERO_MEM | MOVE_ZERO_REG) },
    [0x7c] = { [MP_66] = BINOP(haddpd, 16, .feature = FEAT_SSE3),
               [MP_F2] = BINOP(haddps, 16, .feature = FEAT_SSE3) },
    [0x7d] = { [MP_66] = BINOP(hsubpd, 16, .feature = FEAT_SSE3),
               [MP_F2] = BINOP(hsubps, 16, .feature = FEAT_SSE3) },
    [0x7f] = { STORE(8, OP_MMX), STORE(16, 0), STORE(16, OP_ANY_ALIGN) },
    [0xae] = { SPECIAL(emit_group_ae, 0) },
    [0xc2] = { CMP(ps, 16), CMP(pd, 16), CMP(ss, 4), CMP(sd, 8) },
    [0xc3] = { SPECIAL(emit_movnti, 0) },
    [0xc4] = { SPECIAL(emit_pinsrw, OP_REG_MM), SPECIAL(emit_pinsrw, 0) },
    [0xc5] = { SPECIAL(emit_pextrw, OP_RM_MM), SPECIAL(emit_pextrw, 0) },
    [0xc6] = { IMMOP(shufps, 16), IMMOP(shufpd, 16) },
    [0xd0] = { [MP_66] = BINOP(addsubpd, 16, .feature = FEAT_SSE3),
               [MP_F2] = BINOP(addsubps, 16, .feature = FEAT_SSE3) },
    [0xd1] = INT_ROW(psrlw),
    [0xd2] = INT_ROW(psrld),
    [0xd3] = INT_ROW(psrlq),
    [0xd4] = INT_ROW(paddq),
    [0xd5] = INT_ROW(pmullw),
    /* movq xmm/m64, xmm; movq2dq xmm, mm; movdq2q mm, xmm */
    [0xd6] = { [MP_66] = STORE(8, MOVE_ZERO_REG),
               [MP_F3] = LOAD(8, MOVE_REG_ONLY | MOVE_ZERO_REG | OP_RM_MM),
               [MP_F2] = LOAD(8, MOVE_REG_ONLY | OP_REG_MM) },
    [0xd7] = { MASK(pmovmskb_mmx, OP_RM_MM), MASK(pmovmskb, 0) },
    [0xd8] = INT_ROW(psubusb),
    [0xd9] = INT_ROW(psubusw),
    [0xda] = INT_ROW(pminub),
    [0xdb] = LOGIC_ROW(tcg_gen_and_i64),
    [0xdc] = INT_ROW(paddusb),
    [0xdd] = INT_ROW(paddusw),
    [0xde] = INT_ROW(pmaxub),
    [0xdf] = LOGIC_ROW(gen_andn_i64),
    [0xe0] = INT_ROW(pavgb),
    [0xe1] = INT_ROW(psraw),
    [0xe2] = INT_ROW(psrad),
    [0xe3] = INT_ROW(pavgw),
    [0xe4] = INT_ROW(pmulhuw),
    [0xe5] = INT_ROW(pmulhw),
    [0xe6] = { [MP_66] = BINOP(cvttpd2dq, 16), [MP_F3] = BINOP(cvtdq2pd, 8),
               [MP_F2] = BINOP(cvtpd2dq, 16) },
    [0xe7] = { STORE(8, MOVE_MEM_ONLY | OP_MMX), STORE(16, MOVE_MEM_ONLY) },
    [0xe8] = INT_ROW(psubsb),
    [0xe9] = INT_ROW(psubsw),
    [0xea] = INT_ROW(pminsw),
    [0xeb] = LOGIC_ROW(tcg_gen_or_i64),
    [0xec] = INT_ROW(paddsb),
    [0xed] = INT_ROW(paddsw),
    [0xee] = INT_ROW(pmaxsw),
    [0xef] = LOGIC_ROW(tcg_gen_xor_i64),
    /* lddqu */
    [0xf0] = { [MP_F2] = LOAD(16, MOVE_MEM_ONLY | OP_ANY_ALIGN, .feature = FEAT_SSE3) },
    [0xf1] = INT_ROW(psllw),
    [0xf2] = INT_ROW(pslld),
    [0xf3] = INT_ROW(psllq),
    [0xf4] = INT_ROW(pmuludq),
    [0xf5] = INT_ROW(pmaddwd),
    [0xf6] = INT_ROW(psadbw),
    [0xf7] = { { emit_maskmov, .gen.maskmov = gen_helper_maskmov_mmx, .flags = OP_MMX },
               { emit_maskmov, .gen.maskmov = gen_helper_maskmov } },
    [0xf8] = INT_ROW(psubb),
    [0xf9] = INT_ROW(psubw),
    [0xfa] = INT_ROW(psubd),
    [0xfb] = INT_ROW(psubq),
    [0xfc] = INT_ROW(paddb),
    [0xfd] = INT_ROW(paddw),
    [0xfe] = INT_ROW(paddd),
};

/*
 * An instruction that names an mm register puts the x87 unit in MMX state
 * (cvtpi2ps/pd from memory, which name none, do not: checked on hardware).
 * Done after the emitter, so a faulting memory operand leaves it untouched.
 */
static bool names_mm_register(const SSEOp *op, int modrm)
{
    return (op->flags & OP_REG_MM) ||
           ((op->flags & OP_RM_MM) && modrm_is_reg(modrm));
}

/* The SSE tables by escape (b >> 8: 0F, 0F 38, 0F 3A). */
static const struct {
    int escape;
    const SSEOp (*table)[MP_COUNT];
} sse_maps[] = {
    { 0x1, sse_table },
    { 0x138, sse_0f38_table },
    { 0x13a, sse_0f3a_table },
};

static const SSEOp *sse_entry(DisasContext *s, int b)
{
    for (size_t i = 0; i < ARRAY_SIZE(sse_maps); i++) {
        if (sse_maps[i].escape == b >> 8) {
            return &sse_maps[i].table[b & 0xff][x86_mandatory_prefix(s)];
        }
    }
    return NULL;
}

bool disas_sse(CPUX86State *env, DisasContext *s, int b)
{
    const SSEOp *op;
    int modrm;

    if (s->prefix & (PREFIX_LOCK | PREFIX_VEX)) {
        return false;
    }
    op = sse_entry(s, b);
    if (!op || !op->emit || !x86_feature_present(s, op->feature)) {
        return false;
    }
    modrm = op->flags & OP_NO_MODRM ? 0 : x86_ldub_code(env, s);
    /* MMX instructions wait for a pending x87 exception, as x87 ones do */
    if (names_mm_register(op, modrm) || op->emit == emit_emms) {
        gen_helper_fwait(cpu_env);
    }
    if (!op->emit(env, s, op, modrm)) {
        return false;
    }
    if (names_mm_register(op, modrm)) {
        gen_helper_enter_mmx(cpu_env);
    }
    return true;
}
