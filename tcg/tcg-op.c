/*
 * tcg-op.c: the IR builders of tcg-op.h.  Most map one-to-one onto an op of
 * tcg-opc.h; the rest (immediate forms, andc, deposit, extract, ctpop,
 * concat, ...) expand into several ops here so that the op table and the
 * backends stay small.  Immediates become interned constant temps, which
 * the backend turns back into immediate operands.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "tcg/tcg-op.h"
#include "tcg-internal.h"
#include "exec/helper-gen.h"

/* ---- raw op emission ---- */

static TCGArg ta32(TCGv_i32 v)
{
    tcg_check_temp(tcgv_i32_temp(v));
    return temp_arg(tcgv_i32_temp(v));
}

static TCGArg ta64(TCGv_i64 v)
{
    tcg_check_temp(tcgv_i64_temp(v));
    return temp_arg(tcgv_i64_temp(v));
}

static TCGArg taptr(TCGv_ptr v)
{
    tcg_check_temp(tcgv_ptr_temp(v));
    return temp_arg(tcgv_ptr_temp(v));
}

static void gen_op1(TCGOpcode opc, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
}

static void gen_op2(TCGOpcode opc, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
}

static void gen_op3(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
}

static void gen_op4(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
}

static void gen_op6(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4,
                    TCGArg a5, TCGArg a6)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
}

#define C32(v) tcg_constant_i32(v)
#define C64(v) tcg_constant_i64(v)

/* ---- 32-bit ---- */

void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 arg)
{
    if (ret != arg) {
        gen_op2(INDEX_op_mov_i32, ta32(ret), ta32(arg));
    }
}

void tcg_gen_movi_i32(TCGv_i32 ret, int32_t arg)
{
    gen_op2(INDEX_op_movi_i32, ta32(ret), (uint32_t)arg);
}

#define BINOP_32(name) \
void tcg_gen_ ## name ## _i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b) \
{ gen_op3(INDEX_op_ ## name ## _i32, ta32(ret), ta32(a), ta32(b)); }
#define BINOP_64(name) \
void tcg_gen_ ## name ## _i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b) \
{ gen_op3(INDEX_op_ ## name ## _i64, ta64(ret), ta64(a), ta64(b)); }
#define UNOP_32(name) \
void tcg_gen_ ## name ## _i32(TCGv_i32 ret, TCGv_i32 a) \
{ gen_op2(INDEX_op_ ## name ## _i32, ta32(ret), ta32(a)); }
#define UNOP_64(name) \
void tcg_gen_ ## name ## _i64(TCGv_i64 ret, TCGv_i64 a) \
{ gen_op2(INDEX_op_ ## name ## _i64, ta64(ret), ta64(a)); }

BINOP_32(add) BINOP_32(sub) BINOP_32(mul) BINOP_32(and) BINOP_32(or)
BINOP_32(xor) BINOP_32(shl) BINOP_32(shr) BINOP_32(sar) BINOP_32(rotl)
BINOP_32(rotr) BINOP_32(clz) BINOP_32(ctz)
UNOP_32(neg) UNOP_32(not) UNOP_32(ext8s) UNOP_32(ext8u) UNOP_32(ext16s)
UNOP_32(ext16u) UNOP_32(bswap16) UNOP_32(bswap32)

BINOP_64(add) BINOP_64(sub) BINOP_64(mul) BINOP_64(and) BINOP_64(or)
BINOP_64(xor) BINOP_64(shl) BINOP_64(shr) BINOP_64(sar) BINOP_64(rotl)
BINOP_64(rotr) BINOP_64(clz) BINOP_64(ctz)
UNOP_64(neg) UNOP_64(not) UNOP_64(ext8s) UNOP_64(ext8u) UNOP_64(ext16s)
UNOP_64(ext16u) UNOP_64(ext32s) UNOP_64(ext32u) UNOP_64(bswap16)
UNOP_64(bswap32) UNOP_64(bswap64)

void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else {
        tcg_gen_add_i32(ret, a, C32(b));
    }
}

void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else {
        tcg_gen_sub_i32(ret, a, C32(b));
    }
}

void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t a, TCGv_i32 b)
{
    if (a == 0) {
        tcg_gen_neg_i32(ret, b);
    } else {
        tcg_gen_sub_i32(ret, C32(a), b);
    }
}

void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_movi_i32(ret, 0);
    } else if (b == 1) {
        tcg_gen_mov_i32(ret, a);
    } else {
        tcg_gen_mul_i32(ret, a, C32(b));
    }
}

void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_movi_i32(ret, 0);
    } else if (b == -1) {
        tcg_gen_mov_i32(ret, a);
    } else if (b == 0xff) {
        tcg_gen_ext8u_i32(ret, a);
    } else if (b == 0xffff) {
        tcg_gen_ext16u_i32(ret, a);
    } else {
        tcg_gen_and_i32(ret, a, C32(b));
    }
}

void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == -1) {
        tcg_gen_movi_i32(ret, -1);
    } else if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else {
        tcg_gen_or_i32(ret, a, C32(b));
    }
}

void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else if (b == -1) {
        tcg_gen_not_i32(ret, a);
    } else {
        tcg_gen_xor_i32(ret, a, C32(b));
    }
}

void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_not_i32(t, b);
    tcg_gen_and_i32(ret, a, t);
    tcg_temp_free_i32(t);
}

#define SHIFTI(name, bits) \
void tcg_gen_ ## name ## i_i ## bits(TCGv_i ## bits ret, TCGv_i ## bits a,  \
                                     unsigned b)                            \
{                                                                           \
    if (b >= bits) {                                                        \
        cpu_abort_msg("tcg: " #name "i_i" #bits " by %u", b);               \
    }                                                                       \
    if (b == 0) {                                                           \
        tcg_gen_mov_i ## bits(ret, a);                                      \
    } else {                                                                \
        tcg_gen_ ## name ## _i ## bits(ret, a, C ## bits(b));               \
    }                                                                       \
}
SHIFTI(shl, 32) SHIFTI(shr, 32) SHIFTI(sar, 32)
SHIFTI(rotl, 32) SHIFTI(rotr, 32)
SHIFTI(shl, 64) SHIFTI(shr, 64) SHIFTI(sar, 64)
SHIFTI(rotl, 64) SHIFTI(rotr, 64)

void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b)
{
    tcg_gen_clz_i32(ret, a, C32(b));
}

void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b)
{
    tcg_gen_ctz_i32(ret, a, C32(b));
}

/* Population count by the usual SWAR reduction (no op for it). */
void tcg_gen_ctpop_i32(TCGv_i32 ret, TCGv_i32 a)
{
    TCGv_i32 x = tcg_temp_new_i32(), t = tcg_temp_new_i32();

    tcg_gen_shri_i32(t, a, 1);
    tcg_gen_andi_i32(t, t, 0x55555555);
    tcg_gen_sub_i32(x, a, t);
    tcg_gen_shri_i32(t, x, 2);
    tcg_gen_andi_i32(t, t, 0x33333333);
    tcg_gen_andi_i32(x, x, 0x33333333);
    tcg_gen_add_i32(x, x, t);
    tcg_gen_shri_i32(t, x, 4);
    tcg_gen_add_i32(x, x, t);
    tcg_gen_andi_i32(x, x, 0x0f0f0f0f);
    tcg_gen_muli_i32(x, x, 0x01010101);
    tcg_gen_shri_i32(ret, x, 24);
    tcg_temp_free_i32(x);
    tcg_temp_free_i32(t);
}

void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs,
                         unsigned len)
{
    uint32_t mask;
    TCGv_i32 t;

    if (len == 0 || ofs + len > 32) {
        cpu_abort_msg("tcg: deposit_i32 ofs %u len %u", ofs, len);
    }
    if (len == 32) {
        tcg_gen_mov_i32(ret, b);
        return;
    }
    mask = (1u << len) - 1;
    t = tcg_temp_new_i32();
    tcg_gen_andi_i32(t, b, mask);
    tcg_gen_shli_i32(t, t, ofs);
    tcg_gen_andi_i32(ret, a, ~(mask << ofs));
    tcg_gen_or_i32(ret, ret, t);
    tcg_temp_free_i32(t);
}

void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    if (len == 0 || ofs + len > 32) {
        cpu_abort_msg("tcg: extract_i32 ofs %u len %u", ofs, len);
    }
    if (ofs + len == 32) {
        tcg_gen_shri_i32(ret, a, ofs);
    } else if (ofs == 0) {
        tcg_gen_andi_i32(ret, a, (1u << len) - 1);
    } else {
        tcg_gen_shri_i32(ret, a, ofs);
        tcg_gen_andi_i32(ret, ret, (1u << len) - 1);
    }
}

void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    if (len == 0 || ofs + len > 32) {
        cpu_abort_msg("tcg: sextract_i32 ofs %u len %u", ofs, len);
    }
    if (ofs == 0 && len == 8) {
        tcg_gen_ext8s_i32(ret, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_ext16s_i32(ret, a);
    } else {
        tcg_gen_shli_i32(ret, a, 32 - len - ofs);
        tcg_gen_sari_i32(ret, ret, 32 - len);
    }
}

void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    gen_op4(INDEX_op_setcond_i32, ta32(ret), ta32(a), ta32(b), cond);
}

void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_setcond_i32(cond, ret, a, C32(b));
}

void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2,
                         TCGv_i32 v1, TCGv_i32 v2)
{
    gen_op6(INDEX_op_movcond_i32, ta32(ret), ta32(c1), ta32(c2), ta32(v1),
            ta32(v2), cond);
}

void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        gen_op4(INDEX_op_brcond_i32, ta32(a), ta32(b), cond, label_arg(l));
    }
}

void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l)
{
    tcg_gen_brcond_i32(cond, a, C32(b), l);
}

void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    gen_op4(INDEX_op_mulu2_i32, ta32(rl), ta32(rh), ta32(a), ta32(b));
}

void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    gen_op4(INDEX_op_muls2_i32, ta32(rl), ta32(rh), ta32(a), ta32(b));
}

#define LDST_32(name) \
void tcg_gen_ ## name ## _i32(TCGv_i32 v, TCGv_ptr base, intptr_t ofs) \
{ gen_op3(INDEX_op_ ## name ## _i32, ta32(v), taptr(base), ofs); }
#define LDST_64(name) \
void tcg_gen_ ## name ## _i64(TCGv_i64 v, TCGv_ptr base, intptr_t ofs) \
{ gen_op3(INDEX_op_ ## name ## _i64, ta64(v), taptr(base), ofs); }
LDST_32(ld8u) LDST_32(ld8s) LDST_32(ld16u) LDST_32(ld16s) LDST_32(ld)
LDST_32(st8) LDST_32(st16) LDST_32(st)
LDST_64(ld8u) LDST_64(ld8s) LDST_64(ld16u) LDST_64(ld16s) LDST_64(ld32u)
LDST_64(ld32s) LDST_64(ld) LDST_64(st8) LDST_64(st16) LDST_64(st32) LDST_64(st)

/* ---- 64-bit ---- */

void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 arg)
{
    if (ret != arg) {
        gen_op2(INDEX_op_mov_i64, ta64(ret), ta64(arg));
    }
}

void tcg_gen_movi_i64(TCGv_i64 ret, int64_t arg)
{
    gen_op2(INDEX_op_movi_i64, ta64(ret), arg);
}

void tcg_gen_addi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else {
        tcg_gen_add_i64(ret, a, C64(b));
    }
}

void tcg_gen_subi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else {
        tcg_gen_sub_i64(ret, a, C64(b));
    }
}

void tcg_gen_subfi_i64(TCGv_i64 ret, int64_t a, TCGv_i64 b)
{
    if (a == 0) {
        tcg_gen_neg_i64(ret, b);
    } else {
        tcg_gen_sub_i64(ret, C64(a), b);
    }
}

void tcg_gen_muli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_movi_i64(ret, 0);
    } else if (b == 1) {
        tcg_gen_mov_i64(ret, a);
    } else {
        tcg_gen_mul_i64(ret, a, C64(b));
    }
}

void tcg_gen_andi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_movi_i64(ret, 0);
    } else if (b == -1) {
        tcg_gen_mov_i64(ret, a);
    } else if (b == 0xff) {
        tcg_gen_ext8u_i64(ret, a);
    } else if (b == 0xffff) {
        tcg_gen_ext16u_i64(ret, a);
    } else if (b == 0xffffffff) {
        tcg_gen_ext32u_i64(ret, a);
    } else {
        tcg_gen_and_i64(ret, a, C64(b));
    }
}

void tcg_gen_ori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == -1) {
        tcg_gen_movi_i64(ret, -1);
    } else if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else {
        tcg_gen_or_i64(ret, a, C64(b));
    }
}

void tcg_gen_xori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else if (b == -1) {
        tcg_gen_not_i64(ret, a);
    } else {
        tcg_gen_xor_i64(ret, a, C64(b));
    }
}

void tcg_gen_andc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_not_i64(t, b);
    tcg_gen_and_i64(ret, a, t);
    tcg_temp_free_i64(t);
}

void tcg_gen_clzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b)
{
    tcg_gen_clz_i64(ret, a, C64(b));
}

void tcg_gen_ctzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b)
{
    tcg_gen_ctz_i64(ret, a, C64(b));
}

void tcg_gen_ctpop_i64(TCGv_i64 ret, TCGv_i64 a)
{
    TCGv_i64 x = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    tcg_gen_shri_i64(t, a, 1);
    tcg_gen_andi_i64(t, t, 0x5555555555555555ull);
    tcg_gen_sub_i64(x, a, t);
    tcg_gen_shri_i64(t, x, 2);
    tcg_gen_andi_i64(t, t, 0x3333333333333333ull);
    tcg_gen_andi_i64(x, x, 0x3333333333333333ull);
    tcg_gen_add_i64(x, x, t);
    tcg_gen_shri_i64(t, x, 4);
    tcg_gen_add_i64(x, x, t);
    tcg_gen_andi_i64(x, x, 0x0f0f0f0f0f0f0f0full);
    tcg_gen_muli_i64(x, x, 0x0101010101010101ull);
    tcg_gen_shri_i64(ret, x, 56);
    tcg_temp_free_i64(x);
    tcg_temp_free_i64(t);
}

void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b, unsigned ofs,
                         unsigned len)
{
    uint64_t mask;
    TCGv_i64 t;

    if (len == 0 || ofs + len > 64) {
        cpu_abort_msg("tcg: deposit_i64 ofs %u len %u", ofs, len);
    }
    if (len == 64) {
        tcg_gen_mov_i64(ret, b);
        return;
    }
    mask = (1ull << len) - 1;
    t = tcg_temp_new_i64();
    tcg_gen_andi_i64(t, b, mask);
    tcg_gen_shli_i64(t, t, ofs);
    tcg_gen_andi_i64(ret, a, ~(mask << ofs));
    tcg_gen_or_i64(ret, ret, t);
    tcg_temp_free_i64(t);
}

void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len)
{
    if (len == 0 || ofs + len > 64) {
        cpu_abort_msg("tcg: extract_i64 ofs %u len %u", ofs, len);
    }
    if (ofs + len == 64) {
        tcg_gen_shri_i64(ret, a, ofs);
    } else if (ofs == 0) {
        tcg_gen_andi_i64(ret, a, (1ull << len) - 1);
    } else {
        tcg_gen_shri_i64(ret, a, ofs);
        tcg_gen_andi_i64(ret, ret, (1ull << len) - 1);
    }
}

void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len)
{
    if (len == 0 || ofs + len > 64) {
        cpu_abort_msg("tcg: sextract_i64 ofs %u len %u", ofs, len);
    }
    if (ofs == 0 && len == 8) {
        tcg_gen_ext8s_i64(ret, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_ext16s_i64(ret, a);
    } else if (ofs == 0 && len == 32) {
        tcg_gen_ext32s_i64(ret, a);
    } else {
        tcg_gen_shli_i64(ret, a, 64 - len - ofs);
        tcg_gen_sari_i64(ret, ret, 64 - len);
    }
}

void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    gen_op4(INDEX_op_setcond_i64, ta64(ret), ta64(a), ta64(b), cond);
}

void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_setcond_i64(cond, ret, a, C64(b));
}

void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2,
                         TCGv_i64 v1, TCGv_i64 v2)
{
    gen_op6(INDEX_op_movcond_i64, ta64(ret), ta64(c1), ta64(c2), ta64(v1),
            ta64(v2), cond);
}

void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        gen_op4(INDEX_op_brcond_i64, ta64(a), ta64(b), cond, label_arg(l));
    }
}

void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l)
{
    tcg_gen_brcond_i64(cond, a, C64(b), l);
}

void tcg_gen_mulu2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b)
{
    gen_op4(INDEX_op_mulu2_i64, ta64(rl), ta64(rh), ta64(a), ta64(b));
}

void tcg_gen_muls2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b)
{
    gen_op4(INDEX_op_muls2_i64, ta64(rl), ta64(rh), ta64(a), ta64(b));
}

/* ---- between sizes ---- */

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    gen_op2(INDEX_op_extu_i32_i64, ta64(ret), ta32(a));
}

void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    gen_op2(INDEX_op_ext_i32_i64, ta64(ret), ta32(a));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    gen_op2(INDEX_op_extrl_i64_i32, ta32(ret), ta64(a));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    gen_op2(INDEX_op_extrh_i64_i32, ta32(ret), ta64(a));
}

void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_extu_i32_i64(t, hi);
    tcg_gen_shli_i64(t, t, 32);
    tcg_gen_extu_i32_i64(ret, lo);
    tcg_gen_or_i64(ret, ret, t);
    tcg_temp_free_i64(t);
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    tcg_gen_extrl_i64_i32(lo, a);
    tcg_gen_extrh_i64_i32(hi, a);
}

/* ---- pointers ---- */

void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_ld_i64((TCGv_i64)ret, base, ofs);
}

void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b)
{
    tcg_gen_addi_i64((TCGv_i64)ret, (TCGv_i64)a, b);
}

void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a)
{
    tcg_gen_ext_i32_i64((TCGv_i64)ret, a);
}

/* ---- control ---- */

void gen_set_label(TCGLabel *l)
{
    gen_op1(INDEX_op_set_label, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    gen_op1(INDEX_op_br, label_arg(l));
}

void tcg_gen_insn_start(target_ulong pc, target_ulong cc_op)
{
    gen_op2(INDEX_op_insn_start, pc, cc_op);
}

void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned idx)
{
    gen_op1(INDEX_op_exit_tb, (uintptr_t)tb + idx);
}

void tcg_gen_goto_tb(unsigned idx)
{
    if (idx > 1) {
        cpu_abort_msg("tcg: goto_tb slot %u", idx);
    }
    gen_op1(INDEX_op_goto_tb, idx);
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGv_ptr ptr = tcg_temp_new_ptr();

    gen_helper_lookup_tb_ptr(ptr, cpu_env);
    gen_op1(INDEX_op_goto_ptr, taptr(ptr));
    tcg_temp_free_ptr(ptr);
}

/* ---- guest memory ---- */

#if TARGET_LONG_BITS == 64
#define ta_tl ta64
#else
#define ta_tl ta32
#endif

/* Sign does not matter for stores, nor for a load filling the whole value. */
static MemOp canonical_memop(MemOp op, bool is64, bool is_store)
{
    if (is_store || (op & MO_SIZE) == (is64 ? MO_64 : MO_32)) {
        op &= ~MO_SIGN;
    }
    if (!is64 && (op & MO_SIZE) == MO_64) {
        cpu_abort_msg("tcg: 64-bit guest access on a 32-bit value");
    }
    return op;
}

void tcg_gen_qemu_ld_i32(TCGv_i32 val, TCGv addr, int mem_index, MemOp memop)
{
    memop = canonical_memop(memop, false, false);
    gen_op3(INDEX_op_qemu_ld_i32, ta32(val), ta_tl(addr),
            make_memop_idx(memop, mem_index));
}

void tcg_gen_qemu_st_i32(TCGv_i32 val, TCGv addr, int mem_index, MemOp memop)
{
    memop = canonical_memop(memop, false, true);
    gen_op3(INDEX_op_qemu_st_i32, ta32(val), ta_tl(addr),
            make_memop_idx(memop, mem_index));
}

void tcg_gen_qemu_ld_i64(TCGv_i64 val, TCGv addr, int mem_index, MemOp memop)
{
    memop = canonical_memop(memop, true, false);
    gen_op3(INDEX_op_qemu_ld_i64, ta64(val), ta_tl(addr),
            make_memop_idx(memop, mem_index));
}

void tcg_gen_qemu_st_i64(TCGv_i64 val, TCGv addr, int mem_index, MemOp memop)
{
    memop = canonical_memop(memop, true, true);
    gen_op3(INDEX_op_qemu_st_i64, ta64(val), ta_tl(addr),
            make_memop_idx(memop, mem_index));
}
