/*
 * tcg-op-sized.h: the builders that exist for both value widths, declared
 * once.  tcg-op.h includes this file twice, with TCG_SZ_BITS 32 and 64; every
 * name below gets _i32 or _i64 appended (TCG_SZ), so there is no builder of one
 * width without its twin.  tcg/tcg-op-sized.c.inc defines them.  Generated:
 *   tcg_gen_{mov,discard,movi,add,addi,sub,subi,subfi,mul,muli,and,andi,or,ori,xor,
 *            xori,andc,shl,shli,shr,shri,sar,sari,rotl,rotli,rotr,rotri,neg,
 *            not,ext8s,ext8u,ext16s,ext16u,bswap16,bswap32,clz,clzi,ctz,ctzi,
 *            ctpop,deposit,extract,sextract,setcond,setcondi,movcond,brcond,
 *            brcondi,mulu2,muls2,add2,sub2,ld8u,ld8s,ld16u,ld16s,ld,st8,st16,st,
 *            qemu_ld,qemu_st}_i32
 *   and the same names with _i64.
 * No include guard: it is meant to be read once per width.
 */

void TCG_SZ(tcg_gen_mov)(TCGv_SZ ret, TCGv_SZ arg);
/* arg's value becomes undefined: liveness may drop the writes before it. */
void TCG_SZ(tcg_gen_discard)(TCGv_SZ arg);
void TCG_SZ(tcg_gen_movi)(TCGv_SZ ret, TCG_SZ_INT arg);
void TCG_SZ(tcg_gen_add)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_addi)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_INT b);
void TCG_SZ(tcg_gen_sub)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_subi)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_INT b);
void TCG_SZ(tcg_gen_subfi)(TCGv_SZ ret, TCG_SZ_INT a, TCGv_SZ b);
void TCG_SZ(tcg_gen_mul)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_muli)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_INT b);
void TCG_SZ(tcg_gen_and)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_andi)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_INT b);
void TCG_SZ(tcg_gen_or)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_ori)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_INT b);
void TCG_SZ(tcg_gen_xor)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_xori)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_INT b);
void TCG_SZ(tcg_gen_andc)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
/* Immediate shift counts must be below the width. */
void TCG_SZ(tcg_gen_shl)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_shli)(TCGv_SZ ret, TCGv_SZ a, unsigned b);
void TCG_SZ(tcg_gen_shr)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_shri)(TCGv_SZ ret, TCGv_SZ a, unsigned b);
void TCG_SZ(tcg_gen_sar)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_sari)(TCGv_SZ ret, TCGv_SZ a, unsigned b);
void TCG_SZ(tcg_gen_rotl)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_rotli)(TCGv_SZ ret, TCGv_SZ a, unsigned b);
void TCG_SZ(tcg_gen_rotr)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_rotri)(TCGv_SZ ret, TCGv_SZ a, unsigned b);
void TCG_SZ(tcg_gen_neg)(TCGv_SZ ret, TCGv_SZ a);
void TCG_SZ(tcg_gen_not)(TCGv_SZ ret, TCGv_SZ a);
void TCG_SZ(tcg_gen_ext8s)(TCGv_SZ ret, TCGv_SZ a);
void TCG_SZ(tcg_gen_ext8u)(TCGv_SZ ret, TCGv_SZ a);
void TCG_SZ(tcg_gen_ext16s)(TCGv_SZ ret, TCGv_SZ a);
void TCG_SZ(tcg_gen_ext16u)(TCGv_SZ ret, TCGv_SZ a);
void TCG_SZ(tcg_gen_bswap16)(TCGv_SZ ret, TCGv_SZ a);
void TCG_SZ(tcg_gen_bswap32)(TCGv_SZ ret, TCGv_SZ a);
/* clz/ctz: result when a == 0 is b */
void TCG_SZ(tcg_gen_clz)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_clzi)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_UINT b);
void TCG_SZ(tcg_gen_ctz)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_ctzi)(TCGv_SZ ret, TCGv_SZ a, TCG_SZ_UINT b);
void TCG_SZ(tcg_gen_ctpop)(TCGv_SZ ret, TCGv_SZ a);
/* deposit: ret = a with bits [ofs, ofs+len) replaced by the low len bits of b */
void TCG_SZ(tcg_gen_deposit)(TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b, unsigned ofs,
                             unsigned len);
void TCG_SZ(tcg_gen_extract)(TCGv_SZ ret, TCGv_SZ a, unsigned ofs, unsigned len);
void TCG_SZ(tcg_gen_sextract)(TCGv_SZ ret, TCGv_SZ a, unsigned ofs, unsigned len);
void TCG_SZ(tcg_gen_setcond)(TCGCond cond, TCGv_SZ ret, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_setcondi)(TCGCond cond, TCGv_SZ ret, TCGv_SZ a, TCG_SZ_INT b);
/* ret = cond(c1, c2) ? v1 : v2 */
void TCG_SZ(tcg_gen_movcond)(TCGCond cond, TCGv_SZ ret, TCGv_SZ c1, TCGv_SZ c2,
                             TCGv_SZ v1, TCGv_SZ v2);
void TCG_SZ(tcg_gen_brcond)(TCGCond cond, TCGv_SZ a, TCGv_SZ b, TCGLabel *l);
void TCG_SZ(tcg_gen_brcondi)(TCGCond cond, TCGv_SZ a, TCG_SZ_INT b, TCGLabel *l);
/* (rh:rl) = a * b, unsigned / signed */
void TCG_SZ(tcg_gen_mulu2)(TCGv_SZ rl, TCGv_SZ rh, TCGv_SZ a, TCGv_SZ b);
void TCG_SZ(tcg_gen_muls2)(TCGv_SZ rl, TCGv_SZ rh, TCGv_SZ a, TCGv_SZ b);
/* (rh:rl) = (ah:al) + (bh:bl) / - (bh:bl), modulo 2^(2 * width): the
   carry (borrow) of the low halves goes into the high ones */
void TCG_SZ(tcg_gen_add2)(TCGv_SZ rl, TCGv_SZ rh, TCGv_SZ al, TCGv_SZ ah,
                          TCGv_SZ bl, TCGv_SZ bh);
void TCG_SZ(tcg_gen_sub2)(TCGv_SZ rl, TCGv_SZ rh, TCGv_SZ al, TCGv_SZ ah,
                          TCGv_SZ bl, TCGv_SZ bh);
/* host loads/stores relative to a pointer (env fields) */
void TCG_SZ(tcg_gen_ld8u)(TCGv_SZ ret, TCGv_ptr base, intptr_t ofs);
void TCG_SZ(tcg_gen_ld8s)(TCGv_SZ ret, TCGv_ptr base, intptr_t ofs);
void TCG_SZ(tcg_gen_ld16u)(TCGv_SZ ret, TCGv_ptr base, intptr_t ofs);
void TCG_SZ(tcg_gen_ld16s)(TCGv_SZ ret, TCGv_ptr base, intptr_t ofs);
void TCG_SZ(tcg_gen_ld)(TCGv_SZ ret, TCGv_ptr base, intptr_t ofs);
void TCG_SZ(tcg_gen_st8)(TCGv_SZ val, TCGv_ptr base, intptr_t ofs);
void TCG_SZ(tcg_gen_st16)(TCGv_SZ val, TCGv_ptr base, intptr_t ofs);
void TCG_SZ(tcg_gen_st)(TCGv_SZ val, TCGv_ptr base, intptr_t ofs);
/* guest memory */
void TCG_SZ(tcg_gen_qemu_ld)(TCGv_SZ val, TCGv addr, int mem_index, MemOp memop);
void TCG_SZ(tcg_gen_qemu_st)(TCGv_SZ val, TCGv addr, int mem_index, MemOp memop);
