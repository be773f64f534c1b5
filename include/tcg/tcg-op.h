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
struct RetSite;

/* ---- both widths (tcg-op-sized.h lists the names) ---- */
/* The name, handle type and integer types of the width TCG_SZ_BITS.  The
   name is pasted unexpanded: tcg_temp_free is itself a macro. */
#define TCG_SZ(name) glue(name ## _i, TCG_SZ_BITS)
#define TCGv_SZ TCG_SZ(TCGv)
#define TCG_SZ_INT glue(glue(int, TCG_SZ_BITS), _t)
#define TCG_SZ_UINT glue(glue(uint, TCG_SZ_BITS), _t)

#define TCG_SZ_BITS 32
#include "tcg/tcg-op-sized.h"
#undef TCG_SZ_BITS
#define TCG_SZ_BITS 64
#include "tcg/tcg-op-sized.h"
#undef TCG_SZ_BITS

/* ---- 64-bit only ---- */
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);

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
/* A patchable direct jump to the TB for the next pc; slot idx is 0 or 1
   (2: tcg_gen_ret_stubs).
   Must be followed by an update of eip and tcg_gen_exit_tb(tb, idx). */
void tcg_gen_goto_tb(unsigned idx);
/* Find the TB for env's current eip and jump to it without leaving
   generated code; leaves to cpu_exec when none is translated yet. */
void tcg_gen_lookup_and_goto_ptr(void);
/* The same for an exit that always leaves with one TB key but pc (an
   indirect jump of a TB that keeps its flags), given pc = env's new pc: the
   first pc seen there is chained to through goto_tb slot 0, which must be
   unused; other pcs are looked up.  Leaves through exit_tb(tb, 0) until
   cpu_exec has chained the slot.  env's new pc is also tb's cs_base plus
   the target_ulong at env offset eip_ofs, and flags is the exit's TB key
   but pc and cs_base, so that the lookup can read the jump cache without
   a call. */
void tcg_gen_lookup_and_goto_ptr_cached(const struct TranslationBlock *tb, TCGv pc,
                                        intptr_t eip_ofs, uint32_t flags);
/* Its two halves, for a translator that emits more on each path: branch
   to other unless pc is the site's chained pc (then goto_tb slot 0 may
   follow); at other, the lookup of env's pc for that site. */
target_ulong *tcg_gen_jump_site_test(TCGv pc, TCGLabel *other);
void tcg_gen_jump_site_lookup(target_ulong *site, intptr_t eip_ofs,
                              target_ulong cs_base, uint32_t flags);
/* The same for a ret that found the return record ret (struct RetSite, or
   0), which gets its key there (performance.md, 29). */
void tcg_gen_jump_site_lookup_ret(target_ulong *site, TCGv_ptr ret);
/*
 * Return-address prediction (performance.md, 29; struct RetSite): a call
 * that pushed its return pc to stack address sp records ret in the CPU's
 * ret_ring; a ret popping from sp peeks at the slot first (a local temp:
 * the record or 0); then, given its target pc (a local temp too) and its
 * exit's TB flags key, jumps to the record's stub when both match, else
 * looks pc up for its jump site (tcg_gen_jump_site_lookup_ret).
 */
void tcg_gen_ret_ring_push(TCGv sp, struct RetSite *ret);
TCGv_ptr tcg_gen_ret_ring_peek(TCGv sp);
void tcg_gen_ret_predicted(TCGv_ptr ret, TCGv pc, uint32_t key, target_ulong *site);
/* Jump to host code at code (a TB's, a stub's, or the epilogue). */
void tcg_gen_goto_ptr(TCGv_ptr code);
/* After the TB's exits, RET_SITE_STUBS stubs reached only by a goto_ptr to
   their addresses, which tcg_gen_code stores at code[]: stub i is goto_tb
   slot 1 + i (which must be unused), leaving through exit_tb(tb, 1 + i)
   until cpu_exec chains it to the TB for env's state then.  Once a TB. */
void tcg_gen_ret_stubs(const struct TranslationBlock *tb, const void **code);

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
#define tcg_gen_discard_tl TCG_TL(tcg_gen_discard)
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
#define tcg_gen_add2_tl TCG_TL(tcg_gen_add2)
#define tcg_gen_sub2_tl TCG_TL(tcg_gen_sub2)
#define tcg_gen_ld8u_tl TCG_TL(tcg_gen_ld8u)
#define tcg_gen_ld8s_tl TCG_TL(tcg_gen_ld8s)
#define tcg_gen_ld16u_tl TCG_TL(tcg_gen_ld16u)
#define tcg_gen_ld16s_tl TCG_TL(tcg_gen_ld16s)
#define tcg_gen_st8_tl TCG_TL(tcg_gen_st8)
#define tcg_gen_st16_tl TCG_TL(tcg_gen_st16)

#endif
