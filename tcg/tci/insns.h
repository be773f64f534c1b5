/*
 * insns.h: the interpreter's instruction set, listed once and read by the
 * emitter (tcg-target.c.inc: which instruction an IR op becomes, and the
 * constraints that let a constant in), the executor (interp.c: one handler
 * label per instruction) and the disassembler (disas.c: names, formats).
 * Layout of an instruction: bytecode.h.
 *
 *   TCI_INSNS(OWN, OP, IMM, COND)
 *     OWN(name, format)  an instruction of the interpreter's own (moves,
 *                        constants, calls: the allocator's and tcg.c's)
 *     OP(name, format)   the IR op `name` (tcg-opc.h), registers only
 *     IMM(name)          the IR op `name`, a binary op, in two forms: name
 *                        (F_RRR) and name_i (F_RRI: the second input is an
 *                        immediate), one after the other
 *     COND(name, fr, fi) the IR op `name` (brcond, setcond), one pair of
 *                        instructions per condition, in TCI_CONDS order:
 *                        name_eq (format fr), name_eq_i (format fi: the
 *                        second operand an immediate), name_ne, ...
 *
 * The condition is part of the instruction, so that a compare and branch
 * is one handler with one comparison in it.
 */
#ifndef TCG_TCI_INSNS_H
#define TCG_TCI_INSNS_H

/* M(lower, UPPER) for each condition the bytecode has (NEVER and ALWAYS
   are emitted as moves and branches). */
#define TCI_CONDS(M, op) \
    M(op, eq, EQ) M(op, ne, NE) M(op, lt, LT) M(op, ge, GE) M(op, le, LE) \
    M(op, gt, GT) M(op, ltu, LTU) M(op, geu, GEU) M(op, leu, LEU) \
    M(op, gtu, GTU)

#define TCI_INSNS(OWN, OP, IMM, COND) \
    OWN(mov, F_RR) OWN(movi_s32, F_RI) OWN(movi_u32, F_RI) \
    OWN(movi64, F_R64) OWN(sti_i32, F_STI) OWN(sti_i64, F_STI) \
    OWN(call, F_CALL) \
    OP(br, F_D) OP(exit_tb, F_64) OP(goto_tb, F_D) OP(goto_ptr, F_R) \
    \
    OP(ld8u_i32, F_RRI) OP(ld8s_i32, F_RRI) OP(ld16u_i32, F_RRI) \
    OP(ld16s_i32, F_RRI) OP(ld_i32, F_RRI) \
    OP(st8_i32, F_RRI) OP(st16_i32, F_RRI) OP(st_i32, F_RRI) \
    IMM(add_i32) IMM(sub_i32) IMM(mul_i32) IMM(and_i32) IMM(or_i32) \
    IMM(xor_i32) IMM(shl_i32) IMM(shr_i32) IMM(sar_i32) IMM(rotl_i32) \
    IMM(rotr_i32) IMM(clz_i32) IMM(ctz_i32) \
    OP(neg_i32, F_RR) OP(not_i32, F_RR) OP(ext8s_i32, F_RR) \
    OP(ext16s_i32, F_RR) OP(ext8u_i32, F_RR) OP(ext16u_i32, F_RR) \
    OP(bswap16_i32, F_RR) OP(bswap32_i32, F_RR) \
    OP(mulu2_i32, F_RRRR) OP(muls2_i32, F_RRRR) \
    OP(add2_i32, F_RRRRRR) OP(sub2_i32, F_RRRRRR) \
    OP(movcond_i32, F_RRRRRC) \
    COND(setcond_i32, F_RRR, F_RRI) COND(brcond_i32, F_RRD, F_RID) \
    \
    OP(ld8u_i64, F_RRI) OP(ld8s_i64, F_RRI) OP(ld16u_i64, F_RRI) \
    OP(ld16s_i64, F_RRI) OP(ld32u_i64, F_RRI) OP(ld32s_i64, F_RRI) \
    OP(ld_i64, F_RRI) \
    OP(st8_i64, F_RRI) OP(st16_i64, F_RRI) OP(st32_i64, F_RRI) \
    OP(st_i64, F_RRI) \
    IMM(add_i64) IMM(sub_i64) IMM(mul_i64) IMM(and_i64) IMM(or_i64) \
    IMM(xor_i64) IMM(shl_i64) IMM(shr_i64) IMM(sar_i64) IMM(rotl_i64) \
    IMM(rotr_i64) IMM(clz_i64) IMM(ctz_i64) \
    OP(neg_i64, F_RR) OP(not_i64, F_RR) OP(ext8s_i64, F_RR) \
    OP(ext16s_i64, F_RR) OP(ext32s_i64, F_RR) OP(ext8u_i64, F_RR) \
    OP(ext16u_i64, F_RR) OP(ext32u_i64, F_RR) OP(ext_i32_i64, F_RR) \
    OP(extu_i32_i64, F_RR) OP(extrl_i64_i32, F_RR) \
    OP(extrh_i64_i32, F_RR) OP(bswap16_i64, F_RR) OP(bswap32_i64, F_RR) \
    OP(bswap64_i64, F_RR) \
    OP(mulu2_i64, F_RRRR) OP(muls2_i64, F_RRRR) \
    OP(add2_i64, F_RRRRRR) OP(sub2_i64, F_RRRRRR) \
    OP(movcond_i64, F_RRRRRC) \
    COND(setcond_i64, F_RRR, F_RRI) COND(brcond_i64, F_RRD, F_RID) \
    \
    OP(qemu_ld_i32, F_MEM) OP(qemu_st_i32, F_MEM) \
    OP(qemu_ld_i64, F_MEM) OP(qemu_st_i64, F_MEM)

/* The instruction numbers (the first byte of an instruction). */
#define TCI_E_ONE(name, ...) TCI_##name,
#define TCI_E_IMM(name) TCI_##name, TCI_##name##_i,
#define TCI_E_C(op, c, C) TCI_##op##_##c, TCI_##op##_##c##_i,
#define TCI_E_COND(name, fr, fi) TCI_CONDS(TCI_E_C, name)
typedef enum TCIInsn {
    TCI_INSNS(TCI_E_ONE, TCI_E_ONE, TCI_E_IMM, TCI_E_COND)
    TCI_NB_INSNS
} TCIInsn;

/* A condition's place in TCI_CONDS: a COND op's instruction for it is the
   op's first (eq) one + 2 * place (+ 1 for the immediate form). */
#define TCI_E_CI(op, c, C) TCI_COND_##c,
enum { TCI_CONDS(TCI_E_CI, _) TCI_NB_CONDS };

#endif
