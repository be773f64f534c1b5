/*
 * tcg-op.h: the IR builders the translator calls.  Names and semantics follow
 * QEMU 4.1's tcg-op.h.  Builders that have no op of their own (deposit,
 * extract, andc, div by helper, ...) expand into ops here in tcg-op.c, so the
 * op table and the backends stay small.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"

struct TranslationBlock;

/* ---- 32-bit ---- */
void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_movi_i32(TCGv_i32 ret, int32_t arg);
void tcg_gen_add_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_sub_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t a, TCGv_i32 b);
void tcg_gen_mul_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_and_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_or_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_xor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shli_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_shr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shri_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_sar_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_sari_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_rotl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotli_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_rotr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotri_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_neg_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_not_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext8s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext8u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 a);
/* clz/ctz: result when a == 0 is b */
void tcg_gen_clz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b);
void tcg_gen_ctz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b);
void tcg_gen_ctpop_i32(TCGv_i32 ret, TCGv_i32 a);
/* deposit: ret = a with bits [ofs, ofs+len) replaced by the low len bits of b */
void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs, unsigned len);
void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b);
/* ret = cond(c1, c2) ? v1 : v2 */
void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2,
                         TCGv_i32 v1, TCGv_i32 v2);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l);
/* (rh:rl) = a * b, unsigned / signed */
void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
/* host loads/stores relative to a pointer (env fields) */
void tcg_gen_ld8u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld8s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st8_i32(TCGv_i32 val, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st16_i32(TCGv_i32 val, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_i32(TCGv_i32 val, TCGv_ptr base, intptr_t ofs);

/* ---- 64-bit ---- */
void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_movi_i64(TCGv_i64 ret, int64_t arg);
void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_addi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_sub_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_subi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_subfi_i64(TCGv_i64 ret, int64_t a, TCGv_i64 b);
void tcg_gen_mul_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_muli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_and_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_andi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_or_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_ori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_xor_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_xori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_andc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shli_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_shr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shri_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_sar_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_sari_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_rotl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rotli_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_rotr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rotri_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_neg_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_not_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext8s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext8u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext16s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext16u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap16_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap32_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_clz_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_clzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b);
void tcg_gen_ctz_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_ctzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b);
void tcg_gen_ctpop_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b, unsigned ofs, unsigned len);
void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len);
void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2,
                         TCGv_i64 v1, TCGv_i64 v2);
void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l);
void tcg_gen_mulu2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_muls2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_ld8u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld8s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st8_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st16_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);

/* ---- between sizes ---- */
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a);
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a);
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a);
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a);
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a);

/* ---- pointers (host-sized, = i64 on our 64-bit hosts) ---- */
void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b);
void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a);

/* ---- control ---- */
void gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
/* Record the start of a guest instruction: its pc and the cc_op in force. */
void tcg_gen_insn_start(target_ulong pc, target_ulong cc_op);
/* Leave generated code, returning (uintptr_t)tb + idx to cpu_exec
   (tb NULL, idx 0: plain exit). */
void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx);
/* A patchable direct jump to the TB for the next pc; slot idx is 0 or 1.
   Must be followed by an update of eip and tcg_gen_exit_tb(tb, idx). */
void tcg_gen_goto_tb(unsigned idx);
/* Find the TB for env's current eip and jump to it without leaving
   generated code; leaves to cpu_exec when none is translated yet. */
void tcg_gen_lookup_and_goto_ptr(void);

/* ---- guest memory ---- */
void tcg_gen_qemu_ld_i32(TCGv_i32 val, TCGv addr, int mem_index, MemOp memop);
void tcg_gen_qemu_st_i32(TCGv_i32 val, TCGv addr, int mem_index, MemOp memop);
void tcg_gen_qemu_ld_i64(TCGv_i64 val, TCGv addr, int mem_index, MemOp memop);
void tcg_gen_qemu_st_i64(TCGv_i64 val, TCGv addr, int mem_index, MemOp memop);

/* ---- target_ulong aliases ---- */
#if TARGET_LONG_BITS == 64
#define TCG_TL(name) name ## _i64
#define tcg_gen_qemu_ld_tl tcg_gen_qemu_ld_i64
#define tcg_gen_qemu_st_tl tcg_gen_qemu_st_i64
#define tcg_gen_ld_tl tcg_gen_ld_i64
#define tcg_gen_st_tl tcg_gen_st_i64
#define tcg_gen_ld32u_tl tcg_gen_ld32u_i64
#define tcg_gen_ld32s_tl tcg_gen_ld32s_i64
#define tcg_gen_st32_tl tcg_gen_st32_i64
#define tcg_gen_ext32u_tl tcg_gen_ext32u_i64
#define tcg_gen_ext32s_tl tcg_gen_ext32s_i64
#define tcg_gen_trunc_tl_i32 tcg_gen_extrl_i64_i32
#define tcg_gen_extu_i32_tl tcg_gen_extu_i32_i64
#define tcg_gen_ext_i32_tl tcg_gen_ext_i32_i64
#define tcg_gen_extu_tl_i64 tcg_gen_mov_i64
#define tcg_gen_trunc_i64_tl tcg_gen_mov_i64
#define tcg_gen_bswap64_tl tcg_gen_bswap64_i64
#else
#define TCG_TL(name) name ## _i32
#define tcg_gen_qemu_ld_tl tcg_gen_qemu_ld_i32
#define tcg_gen_qemu_st_tl tcg_gen_qemu_st_i32
#define tcg_gen_ld_tl tcg_gen_ld_i32
#define tcg_gen_st_tl tcg_gen_st_i32
#define tcg_gen_ld32u_tl tcg_gen_ld_i32
#define tcg_gen_ld32s_tl tcg_gen_ld_i32
#define tcg_gen_st32_tl tcg_gen_st_i32
#define tcg_gen_ext32u_tl tcg_gen_mov_i32
#define tcg_gen_ext32s_tl tcg_gen_mov_i32
#define tcg_gen_trunc_tl_i32 tcg_gen_mov_i32
#define tcg_gen_extu_i32_tl tcg_gen_mov_i32
#define tcg_gen_ext_i32_tl tcg_gen_mov_i32
#define tcg_gen_extu_tl_i64 tcg_gen_extu_i32_i64
#define tcg_gen_trunc_i64_tl tcg_gen_extrl_i64_i32
#endif
#define tcg_gen_mov_tl TCG_TL(tcg_gen_mov)
#define tcg_gen_movi_tl TCG_TL(tcg_gen_movi)
#define tcg_gen_add_tl TCG_TL(tcg_gen_add)
#define tcg_gen_addi_tl TCG_TL(tcg_gen_addi)
#define tcg_gen_sub_tl TCG_TL(tcg_gen_sub)
#define tcg_gen_subi_tl TCG_TL(tcg_gen_subi)
#define tcg_gen_subfi_tl TCG_TL(tcg_gen_subfi)
#define tcg_gen_mul_tl TCG_TL(tcg_gen_mul)
#define tcg_gen_muli_tl TCG_TL(tcg_gen_muli)
#define tcg_gen_and_tl TCG_TL(tcg_gen_and)
#define tcg_gen_andi_tl TCG_TL(tcg_gen_andi)
#define tcg_gen_or_tl TCG_TL(tcg_gen_or)
#define tcg_gen_ori_tl TCG_TL(tcg_gen_ori)
#define tcg_gen_xor_tl TCG_TL(tcg_gen_xor)
#define tcg_gen_xori_tl TCG_TL(tcg_gen_xori)
#define tcg_gen_andc_tl TCG_TL(tcg_gen_andc)
#define tcg_gen_shl_tl TCG_TL(tcg_gen_shl)
#define tcg_gen_shli_tl TCG_TL(tcg_gen_shli)
#define tcg_gen_shr_tl TCG_TL(tcg_gen_shr)
#define tcg_gen_shri_tl TCG_TL(tcg_gen_shri)
#define tcg_gen_sar_tl TCG_TL(tcg_gen_sar)
#define tcg_gen_sari_tl TCG_TL(tcg_gen_sari)
#define tcg_gen_rotl_tl TCG_TL(tcg_gen_rotl)
#define tcg_gen_rotli_tl TCG_TL(tcg_gen_rotli)
#define tcg_gen_rotr_tl TCG_TL(tcg_gen_rotr)
#define tcg_gen_rotri_tl TCG_TL(tcg_gen_rotri)
#define tcg_gen_neg_tl TCG_TL(tcg_gen_neg)
#define tcg_gen_not_tl TCG_TL(tcg_gen_not)
#define tcg_gen_ext8s_tl TCG_TL(tcg_gen_ext8s)
#define tcg_gen_ext8u_tl TCG_TL(tcg_gen_ext8u)
#define tcg_gen_ext16s_tl TCG_TL(tcg_gen_ext16s)
#define tcg_gen_ext16u_tl TCG_TL(tcg_gen_ext16u)
#define tcg_gen_bswap16_tl TCG_TL(tcg_gen_bswap16)
#define tcg_gen_bswap32_tl TCG_TL(tcg_gen_bswap32)
#define tcg_gen_clz_tl TCG_TL(tcg_gen_clz)
#define tcg_gen_clzi_tl TCG_TL(tcg_gen_clzi)
#define tcg_gen_ctz_tl TCG_TL(tcg_gen_ctz)
#define tcg_gen_ctzi_tl TCG_TL(tcg_gen_ctzi)
#define tcg_gen_ctpop_tl TCG_TL(tcg_gen_ctpop)
#define tcg_gen_deposit_tl TCG_TL(tcg_gen_deposit)
#define tcg_gen_extract_tl TCG_TL(tcg_gen_extract)
#define tcg_gen_sextract_tl TCG_TL(tcg_gen_sextract)
#define tcg_gen_setcond_tl TCG_TL(tcg_gen_setcond)
#define tcg_gen_setcondi_tl TCG_TL(tcg_gen_setcondi)
#define tcg_gen_movcond_tl TCG_TL(tcg_gen_movcond)
#define tcg_gen_brcond_tl TCG_TL(tcg_gen_brcond)
#define tcg_gen_brcondi_tl TCG_TL(tcg_gen_brcondi)
#define tcg_gen_mulu2_tl TCG_TL(tcg_gen_mulu2)
#define tcg_gen_muls2_tl TCG_TL(tcg_gen_muls2)
#define tcg_gen_ld8u_tl TCG_TL(tcg_gen_ld8u)
#define tcg_gen_ld8s_tl TCG_TL(tcg_gen_ld8s)
#define tcg_gen_ld16u_tl TCG_TL(tcg_gen_ld16u)
#define tcg_gen_ld16s_tl TCG_TL(tcg_gen_ld16s)
#define tcg_gen_st8_tl TCG_TL(tcg_gen_st8)
#define tcg_gen_st16_tl TCG_TL(tcg_gen_st16)

#endif
