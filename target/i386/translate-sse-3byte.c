/*
 * translate-sse-3byte.c: the SIMD instructions of the three-byte opcode
 * maps 0F 38 and 0F 3A (SDM volume 2, tables ): SSSE3 (mm and
 * xmm forms), SSE4.1, SSE4.2, AES-NI and PCLMULQDQ.  disas_sse()
 * (translate-sse.c) looks entries up here by opcode and mandatory prefix;
 * each names its CPUID feature, so a model without it gets #UD.  The
 * integer rows F0-FF of these maps (movbe, crc32, adcx/adox) are the
 * integer decoder's.  Emitters of operand forms only these maps have
 * (pextr*, pinsr*, insertps, the string compares) are here.
 */
#include "qemu/osdep.h"
#include "translate-sse.h"

/* A MemOp for size bytes */
static MemOp size_memop(int size)
{
    return size == 1 ? MO_UB : size == 2 ? MO_LEUW : size == 4 ? MO_LEUL : MO_LEQ;
}

/* pextrd/pinsrd with REX.W are pextrq/pinsrq: the lane size */
static int lane_size(DisasContext *s, const SSEOp *op)
{
    return (op->flags & OP_REX_W_QUAD) && s->rex_w ? 8 : op->size;
}

/* The byte offset of the lane imm8 selects (modulo the lane count). */
static int lane_offset(CPUX86State *env, DisasContext *s, int size)
{
    return (x86_ldub_code(env, s) & (16 / size - 1)) * size;
}

/*
 * 66 0F 3A 14..17: PEXTRB/W/D/Q and EXTRACTPS r/m, xmm, imm8: a lane of
 * the ModRM.reg xmm register into a general register (zero-extended) or
 * memory (the lane's size).
 */
static bool emit_pextr(CPUX86State *env, DisasContext *s, const SSEOp *op,
                       int modrm)
{
    int size = lane_size(s, op);
    int src = xmm_offset(modrm_reg(s, modrm));

    if (modrm_is_reg(modrm)) {
        src += lane_offset(env, s, size);
        switch (size) {
        case 1:
            tcg_gen_ld8u_tl(s->T0, cpu_env, src);
            break;
        case 2:
            tcg_gen_ld16u_tl(s->T0, cpu_env, src);
            break;
        case 4:
            tcg_gen_ld32u_tl(s->T0, cpu_env, src);
            break;
        default:
            tcg_gen_ld_tl(s->T0, cpu_env, src);
            break;
        }
        gen_op_mov_reg_v(s, size == 8 ? OT_QUAD : OT_LONG, modrm_rm(s, modrm), s->T0);
        return true;
    }
    gen_operand_address(env, s, modrm, 1);
    src += lane_offset(env, s, size);
    if (size == 8) {
        tcg_gen_ld_i64(s->tmp1_i64, cpu_env, src);
        tcg_gen_qemu_st_i64(s->tmp1_i64, s->A0, s->mem_index, MO_LEQ);
    } else {
        tcg_gen_ld_i32(s->tmp2_i32, cpu_env, src);
        tcg_gen_qemu_st_i32(s->tmp2_i32, s->A0, s->mem_index, size_memop(size));
    }
    return true;
}

/*
 * 66 0F 3A 20, 22: PINSRB/D/Q xmm, r32/r64/m, imm8: a general register's
 * low bytes or memory into the lane imm8 selects.
 */
static bool emit_pinsr(CPUX86State *env, DisasContext *s, const SSEOp *op,
                       int modrm)
{
    int size = lane_size(s, op);
    int dst = xmm_offset(modrm_reg(s, modrm));

    if (modrm_is_reg(modrm)) {
        gen_op_mov_v_reg(s, size == 8 ? OT_QUAD : OT_LONG, s->T0, modrm_rm(s, modrm));
    } else {
        gen_operand_address(env, s, modrm, 1);
        gen_op_ld_v(s, size_memop(size), s->T0, s->A0);
    }
    dst += lane_offset(env, s, size);
    switch (size) {
    case 1:
        tcg_gen_st8_tl(s->T0, cpu_env, dst);
        break;
    case 4:
        tcg_gen_st32_tl(s->T0, cpu_env, dst);
        break;
    default:
        tcg_gen_st_tl(s->T0, cpu_env, dst);
        break;
    }
    return true;
}

/*
 * 0F 3A 0F: PALIGNR inline, mm (op->size 8) or xmm (16): the concatenation
 * d:s shifted right by imm bytes, its low half kept.  With v the quadwords
 * of s then d (zero past them), quadword k of the result is v at byte
 * offset imm + 8k: one quadword, or two joined by shifts.  Everything is
 * loaded before d is written (s may be d).  (A helper call was 2.4% of
 * c-kernel-64's time: docs/devel/performance.md, lever 32.)
 */
static bool emit_palignr(CPUX86State *env, DisasContext *s, const SSEOp *op,
                         int modrm)
{
    int src = gen_source(env, s, op, modrm, 1);
    int dst = reg_operand(s, op, modrm);
    int n = op->size / 8, imm = x86_ldub_code(env, s);
    TCGv_i64 v[4], r[2];

    for (int q = 0; q < 2 * n; q++) {
        v[q] = tcg_temp_new_i64();
        tcg_gen_ld_i64(v[q], cpu_env, (q < n ? src : dst) + 8 * (q % n));
    }
    for (int k = 0; k < n; k++) {
        int q = (imm + 8 * k) / 8, bits = (imm + 8 * k) % 8 * 8;

        r[k] = tcg_temp_new_i64();
        if (q >= 2 * n) {
            tcg_gen_movi_i64(r[k], 0);
        } else if (bits == 0) {
            tcg_gen_mov_i64(r[k], v[q]);
        } else {
            tcg_gen_shri_i64(r[k], v[q], bits);
            if (q + 1 < 2 * n) {
                TCGv_i64 hi = tcg_temp_new_i64();
                tcg_gen_shli_i64(hi, v[q + 1], 64 - bits);
                tcg_gen_or_i64(r[k], r[k], hi);
                tcg_temp_free_i64(hi);
            }
        }
    }
    for (int k = 0; k < n; k++) {
        tcg_gen_st_i64(r[k], cpu_env, dst + 8 * k);
        tcg_temp_free_i64(r[k]);
    }
    for (int q = 0; q < 2 * n; q++) {
        tcg_temp_free_i64(v[q]);
    }
    gen_vector_written(s, dst);
    return true;
}

/* 66 0F 3A 21: INSERTPS: from memory, the one doubleword (imm[7:6] = 0). */
static bool emit_insertps(CPUX86State *env, DisasContext *s, const SSEOp *op,
                          int modrm)
{
    int src = gen_source(env, s, op, modrm, 1);
    int imm = x86_ldub_code(env, s);

    tcg_gen_movi_i32(s->tmp2_i32, modrm_is_reg(modrm) ? imm : imm & 0x3f);
    gen_helper_insertps(cpu_env, env_ptr(s->ptr0, xmm_offset(modrm_reg(s, modrm))),
                        env_ptr(s->ptr1, src), s->tmp2_i32);
    return true;
}

/*
 * The string compares: PCMPESTRM/PCMPESTRI (66 0F 3A 60, 61: lengths in
 * rAX, rDX) and PCMPISTRM/PCMPISTRI (62, 63: zero-terminated).  The
 * helper returns the flags and, for the index forms (op->dir set), the
 * index for ECX.
 */
static void gen_string_result(DisasContext *s, const SSEOp *op, TCGv_i32 ret)
{
    if (op->dir) {
        tcg_gen_shri_i32(s->tmp3_i32, ret, 16);
        tcg_gen_extu_i32_tl(s->T0, s->tmp3_i32);
        gen_op_mov_reg_v(s, OT_LONG, R_ECX, s->T0);
    }
    tcg_gen_andi_i32(ret, ret, 0xffff);
    set_cc_op(s, CC_OP_EFLAGS);
    tcg_gen_extu_i32_tl(cpu_cc_src, ret);
}

/* rAX or rDX as an explicit length: 32-bit signed unless REX.W */
static TCGv gen_explicit_length(DisasContext *s, int reg)
{
    TCGv len = tcg_temp_new();

    if (s->rex_w) {
        tcg_gen_mov_tl(len, cpu_regs[reg]);
    } else {
        tcg_gen_ext32s_tl(len, cpu_regs[reg]);
    }
    return len;
}

static bool emit_pcmpestr(CPUX86State *env, DisasContext *s, const SSEOp *op,
                          int modrm)
{
    int src = gen_source(env, s, op, modrm, 1);
    TCGv la = gen_explicit_length(s, R_EAX), ld = gen_explicit_length(s, R_EDX);

    tcg_gen_movi_i32(s->tmp3_i32, x86_ldub_code(env, s));
    op->gen.strcmp(s->tmp2_i32, cpu_env,
                   env_ptr(s->ptr0, xmm_offset(modrm_reg(s, modrm))),
                   env_ptr(s->ptr1, src), s->tmp3_i32, la, ld);
    tcg_temp_free(la);
    tcg_temp_free(ld);
    gen_string_result(s, op, s->tmp2_i32);
    return true;
}

static bool emit_pcmpistr(CPUX86State *env, DisasContext *s, const SSEOp *op,
                          int modrm)
{
    int src = gen_source(env, s, op, modrm, 1);

    tcg_gen_movi_i32(s->tmp3_i32, x86_ldub_code(env, s));
    op->gen.strcmp_implicit(s->tmp2_i32, cpu_env,
                            env_ptr(s->ptr0, xmm_offset(modrm_reg(s, modrm))),
                            env_ptr(s->ptr1, src), s->tmp3_i32);
    gen_string_result(s, op, s->tmp2_i32);
    return true;
}

/* ---- the tables ---- */

#define F_SSSE3 .feature = FEAT_SSSE3
#define F_SSE41 .feature = FEAT_SSE41
#define F_SSE42 .feature = FEAT_SSE42

/* an SSSE3 op: mm form without prefix, xmm form with 66 */
#define SSSE3_ROW(h) { MM_BINOP(h, 8, F_SSSE3), BINOP(h, 16, F_SSSE3) }
/* an xmm op with 66 only */
#define XMM_ROW(h, sz, feat) { [MP_66] = BINOP(h, sz, .feature = feat) }
#define XMM_IMM_ROW(h, sz, feat) { [MP_66] = IMMOP(h, sz, .feature = feat) }
#define SPECIAL_ROW(fn, sz, fl, feat) \
    { [MP_66] = { fn, .size = sz, .flags = fl, .feature = feat } }
/* the string compares: explicit (gen.strcmp) or implicit lengths; the
   index to ECX (dir = 1) or the mask to xmm0; any alignment */
#define STRCMP_ROW(emit, member, h, index) \
    { [MP_66] = { emit, .gen.member = gen_helper_##h, .size = 16, \
                  .dir = index, .flags = OP_ANY_ALIGN, .feature = FEAT_SSE42 } }

const SSEOp sse_0f38_table[256][MP_COUNT] = {
    [0x00] = SSSE3_ROW(pshufb),
    [0x01] = SSSE3_ROW(phaddw),
    [0x02] = SSSE3_ROW(phaddd),
    [0x03] = SSSE3_ROW(phaddsw),
    [0x04] = SSSE3_ROW(pmaddubsw),
    [0x05] = SSSE3_ROW(phsubw),
    [0x06] = SSSE3_ROW(phsubd),
    [0x07] = SSSE3_ROW(phsubsw),
    [0x08] = SSSE3_ROW(psignb),
    [0x09] = SSSE3_ROW(psignw),
    [0x0a] = SSSE3_ROW(psignd),
    [0x0b] = SSSE3_ROW(pmulhrsw),
    [0x10] = XMM_ROW(pblendvb, 16, FEAT_SSE41),
    [0x14] = XMM_ROW(blendvps, 16, FEAT_SSE41),
    [0x15] = XMM_ROW(blendvpd, 16, FEAT_SSE41),
    [0x17] = { [MP_66] = { emit_comis, .gen.comis = gen_helper_ptest, .size = 16,
                           F_SSE41 } },
    [0x1c] = SSSE3_ROW(pabsb),
    [0x1d] = SSSE3_ROW(pabsw),
    [0x1e] = SSSE3_ROW(pabsd),
    /* the memory operand is the source lanes widened: 8, 4 or 2 bytes */
    [0x20] = XMM_ROW(pmovsxbw, 8, FEAT_SSE41),
    [0x21] = XMM_ROW(pmovsxbd, 4, FEAT_SSE41),
    [0x22] = XMM_ROW(pmovsxbq, 2, FEAT_SSE41),
    [0x23] = XMM_ROW(pmovsxwd, 8, FEAT_SSE41),
    [0x24] = XMM_ROW(pmovsxwq, 4, FEAT_SSE41),
    [0x25] = XMM_ROW(pmovsxdq, 8, FEAT_SSE41),
    [0x28] = XMM_ROW(pmuldq, 16, FEAT_SSE41),
    [0x29] = XMM_ROW(pcmpeqq, 16, FEAT_SSE41),
    /* movntdqa: an aligned load */
    [0x2a] = { [MP_66] = LOAD(16, MOVE_MEM_ONLY, F_SSE41) },
    [0x2b] = XMM_ROW(packusdw, 16, FEAT_SSE41),
    [0x30] = XMM_ROW(pmovzxbw, 8, FEAT_SSE41),
    [0x31] = XMM_ROW(pmovzxbd, 4, FEAT_SSE41),
    [0x32] = XMM_ROW(pmovzxbq, 2, FEAT_SSE41),
    [0x33] = XMM_ROW(pmovzxwd, 8, FEAT_SSE41),
    [0x34] = XMM_ROW(pmovzxwq, 4, FEAT_SSE41),
    [0x35] = XMM_ROW(pmovzxdq, 8, FEAT_SSE41),
    [0x37] = XMM_ROW(pcmpgtq, 16, FEAT_SSE42),
    [0x38] = XMM_ROW(pminsb, 16, FEAT_SSE41),
    [0x39] = XMM_ROW(pminsd, 16, FEAT_SSE41),
    [0x3a] = XMM_ROW(pminuw, 16, FEAT_SSE41),
    [0x3b] = XMM_ROW(pminud, 16, FEAT_SSE41),
    [0x3c] = XMM_ROW(pmaxsb, 16, FEAT_SSE41),
    [0x3d] = XMM_ROW(pmaxsd, 16, FEAT_SSE41),
    [0x3e] = XMM_ROW(pmaxuw, 16, FEAT_SSE41),
    [0x3f] = XMM_ROW(pmaxud, 16, FEAT_SSE41),
    [0x40] = XMM_ROW(pmulld, 16, FEAT_SSE41),
    [0x41] = XMM_ROW(phminposuw, 16, FEAT_SSE41),
    [0xdb] = XMM_ROW(aesimc, 16, FEAT_AES),
    [0xdc] = XMM_ROW(aesenc, 16, FEAT_AES),
    [0xdd] = XMM_ROW(aesenclast, 16, FEAT_AES),
    [0xde] = XMM_ROW(aesdec, 16, FEAT_AES),
    [0xdf] = XMM_ROW(aesdeclast, 16, FEAT_AES),
};

const SSEOp sse_0f3a_table[256][MP_COUNT] = {
    [0x08] = XMM_IMM_ROW(roundps, 16, FEAT_SSE41),
    [0x09] = XMM_IMM_ROW(roundpd, 16, FEAT_SSE41),
    [0x0a] = XMM_IMM_ROW(roundss, 4, FEAT_SSE41),
    [0x0b] = XMM_IMM_ROW(roundsd, 8, FEAT_SSE41),
    [0x0c] = XMM_IMM_ROW(blendps, 16, FEAT_SSE41),
    [0x0d] = XMM_IMM_ROW(blendpd, 16, FEAT_SSE41),
    [0x0e] = XMM_IMM_ROW(pblendw, 16, FEAT_SSE41),
    [0x0f] = { { emit_palignr, .size = 8, .flags = OP_MMX, F_SSSE3 },
               { emit_palignr, .size = 16, F_SSSE3 } },
    [0x14] = SPECIAL_ROW(emit_pextr, 1, 0, FEAT_SSE41),
    [0x15] = SPECIAL_ROW(emit_pextr, 2, 0, FEAT_SSE41),
    [0x16] = SPECIAL_ROW(emit_pextr, 4, OP_REX_W_QUAD, FEAT_SSE41),
    /* extractps: pextrd that REX.W does not widen */
    [0x17] = SPECIAL_ROW(emit_pextr, 4, 0, FEAT_SSE41),
    [0x20] = SPECIAL_ROW(emit_pinsr, 1, 0, FEAT_SSE41),
    [0x21] = SPECIAL_ROW(emit_insertps, 4, 0, FEAT_SSE41),
    [0x22] = SPECIAL_ROW(emit_pinsr, 4, OP_REX_W_QUAD, FEAT_SSE41),
    [0x40] = XMM_IMM_ROW(dpps, 16, FEAT_SSE41),
    [0x41] = XMM_IMM_ROW(dppd, 16, FEAT_SSE41),
    [0x42] = XMM_IMM_ROW(mpsadbw, 16, FEAT_SSE41),
    [0x44] = XMM_IMM_ROW(pclmulqdq, 16, FEAT_PCLMUL),
    [0x60] = STRCMP_ROW(emit_pcmpestr, strcmp, pcmpestrm, 0),
    [0x61] = STRCMP_ROW(emit_pcmpestr, strcmp, pcmpestri, 1),
    [0x62] = STRCMP_ROW(emit_pcmpistr, strcmp_implicit, pcmpistrm, 0),
    [0x63] = STRCMP_ROW(emit_pcmpistr, strcmp_implicit, pcmpistri, 1),
    [0xdf] = XMM_IMM_ROW(aeskeygenassist, 16, FEAT_AES),
};
