/*
 * decode-tables.c: the integer opcode maps, laid out as in the Intel SDM
 * volume 2, appendix A: the one-byte map, the 0F two-byte map and the
 * ModRM.reg group tables (A.4).  An entry names its emitter, operand kinds
 * (SDM letters: E, G, Z = register in opcode, I, A = accumulator), operand
 * size and immediate; a missing entry is #UD.  Where the mandatory prefix
 * (none, 66, F3, F2) selects the instruction, the entry points to a
 * by_prefix table.  The 0F 38 / 0F 3A maps hold the integer instructions
 * of their F0-FF rows; the VEX maps the BMI instructions (SDM appendix A.3,
 * tables ).  SSE/MMX and x87 opcode space is routed to
 * translate-sse.c / translate-fpu.c; VEX-encoded SIMD is not provided (#UD).
 */
#include "qemu/osdep.h"
#include "decode.h"

#define X(fn, o1, o2, sz, im, fl, a) \
    { .emit = fn, .op1 = o1, .op2 = o2, .size = sz, .imm = im, .flags = fl, \
      .arg = a }
#define GROUP(tbl, o1, o2, sz, im, fl) \
    { .group = tbl, .op1 = o1, .op2 = o2, .size = sz, .imm = im, \
      .flags = OPF_MODRM | (fl) }
/* An instruction that needs a CPUID feature bit. */
#define XF(fn, o1, o2, sz, im, fl, a, feat) \
    { .emit = fn, .op1 = o1, .op2 = o2, .size = sz, .imm = im, .flags = fl, \
      .arg = a, .feature = feat }
#define BY_PREFIX(tbl) { .by_prefix = tbl }
/* A VEX-encoded general-register instruction (BMI): destination, two
   sources, 32/64-bit by VEX.W, ModRM, VEX.L = 0. */
#define VEXG(fn, o1, o2, o3, fl, a, feat) \
    { .emit = fn, .op1 = o1, .op2 = o2, .op3 = o3, .size = SZ_Y, \
      .flags = OPF_MODRM | OPF_L0 | (fl), .arg = a, .feature = feat }

#define E_ OPK_E
#define G_ OPK_G
#define Z_ OPK_Z
#define I_ OPK_I
#define A_ OPK_A
#define B_ OPK_B

/* 00-3F: the eight ALU rows Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / rAX,Iz */
#define ALU_ROW(base, op, lock) \
    [base + 0] = X(emit_alu, E_, G_, SZ_B, IMM_NONE, OPF_MODRM | (lock), op), \
    [base + 1] = X(emit_alu, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | (lock), op), \
    [base + 2] = X(emit_alu, G_, E_, SZ_B, IMM_NONE, OPF_MODRM, op), \
    [base + 3] = X(emit_alu, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, op), \
    [base + 4] = X(emit_alu, A_, I_, SZ_B, IMM_OT, 0, op), \
    [base + 5] = X(emit_alu, A_, I_, SZ_V, IMM_OT, 0, op)

#define STRING(base, op) \
    [base] = X(emit_string, 0, 0, SZ_B, IMM_NONE, 0, op), \
    [base + 1] = X(emit_string, 0, 0, SZ_V, IMM_NONE, 0, op)

#define SSE X(emit_sse, 0, 0, 0, IMM_NONE, 0, 0)
#define PRIV X(emit_privileged, 0, 0, 0, IMM_NONE, 0, 0)
/* in/out with the port as an immediate byte. */
#define PRIV_IB X(emit_privileged, 0, 0, 0, IMM_UB, 0, 0)
#define HINT_NOP X(emit_nop, 0, 0, SZ_V, IMM_NONE, OPF_MODRM | OPF_NOLEA, 0)
/* Opcode space of the SSE translator (three-byte maps: 0F 38 / 0F 3A). */
#define SSE3B X(emit_sse, 0, 0, 0, IMM_NONE, 0, 0)

/* Group 1 (80-83): ALU op by ModRM.reg; cmp does not write. */
static const X86OpEntry group1[8] = {
    X(emit_alu, 0, 0, 0, 0, OPF_LOCK, ALU_ADD),
    X(emit_alu, 0, 0, 0, 0, OPF_LOCK, ALU_OR),
    X(emit_alu, 0, 0, 0, 0, OPF_LOCK, ALU_ADC),
    X(emit_alu, 0, 0, 0, 0, OPF_LOCK, ALU_SBB),
    X(emit_alu, 0, 0, 0, 0, OPF_LOCK, ALU_AND),
    X(emit_alu, 0, 0, 0, 0, OPF_LOCK, ALU_SUB),
    X(emit_alu, 0, 0, 0, 0, OPF_LOCK, ALU_XOR),
    X(emit_alu, 0, 0, 0, 0, 0, ALU_CMP),
};

/* Group 1A (8F): pop Ev. */
static const X86OpEntry group1a[8] = {
    [0] = X(emit_pop, E_, 0, 0, 0, OPF_NOLEA, 0),
};

/* Group 2 (C0, C1, D0-D3): shifts and rotates; /6 is an alias of shl. */
static const X86OpEntry group2[8] = {
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_ROL),
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_ROR),
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_RCL),
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_RCR),
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_SHL),
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_SHR),
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_SAL),
    X(emit_shift, 0, 0, 0, 0, 0, SHIFT_SAR),
};

/* Group 3 (F6, F7): test imm, not, neg, mul, imul, div, idiv. */
static const X86OpEntry group3[8] = {
    X(emit_test, E_, I_, 0, IMM_OT, 0, 0),
    X(emit_test, E_, I_, 0, IMM_OT, 0, 0),
    X(emit_not, 0, 0, 0, 0, OPF_LOCK, 0),
    X(emit_neg, 0, 0, 0, 0, OPF_LOCK, 0),
    X(emit_mul, 0, 0, 0, 0, 0, 0),
    X(emit_imul1, 0, 0, 0, 0, 0, 0),
    X(emit_div, 0, 0, 0, 0, 0, 0),
    X(emit_div, 0, 0, 0, 0, 0, 1),
};

/* Group 4 (FE): inc/dec Eb. */
static const X86OpEntry group4[8] = {
    X(emit_incdec, 0, 0, 0, 0, OPF_LOCK, 0),
    X(emit_incdec, 0, 0, 0, 0, OPF_LOCK, 1),
};

/* Group 5 (FF): inc, dec, call near, call far, jmp near, jmp far, push. */
static const X86OpEntry group5[8] = {
    [0] = X(emit_incdec, 0, 0, 0, 0, OPF_LOCK, 0),
    [1] = X(emit_incdec, 0, 0, 0, 0, OPF_LOCK, 1),
    [2] = X(emit_call_ind, 0, 0, SZ_F64, 0, 0, 0),
    [3] = X(emit_lcall, 0, 0, 0, 0, OPF_MEM, FAR_MEM),
    [4] = X(emit_jmp_ind, 0, 0, SZ_F64, 0, 0, 0),
    [5] = X(emit_ljmp, 0, 0, 0, 0, OPF_MEM, FAR_MEM),
    [6] = X(emit_push, 0, 0, SZ_D64, 0, 0, 0),
};

/* Group 11 (C6, C7): mov Ev, imm. */
static const X86OpEntry group11[8] = {
    [0] = X(emit_mov, 0, 0, 0, 0, 0, 0),
};

/* Group 8 (0F BA): bt/bts/btr/btc Ev, Ib. */
static const X86OpEntry group8[8] = {
    [4] = X(emit_bt, 0, 0, 0, 0, 0, BT_TEST),
    [5] = X(emit_bt, 0, 0, 0, 0, OPF_LOCK, BT_SET),
    [6] = X(emit_bt, 0, 0, 0, 0, OPF_LOCK, BT_RESET),
    [7] = X(emit_bt, 0, 0, 0, 0, OPF_LOCK, BT_COMPLEMENT),
};

/* Group 6 (0F 00): sldt, str, verr, verw run at CPL 3 (with UMIP, as the
   host's kernel gives them: emit_store_sysreg); lldt and ltr are
   privileged; /6 /7 do not exist. */
static const X86OpEntry group6[8] = {
    [0] = X(emit_store_sysreg, 0, 0, 0, 0, 0, SYSREG_LDTR),
    [1] = X(emit_store_sysreg, 0, 0, 0, 0, 0, SYSREG_TR),
    [2] = X(emit_privileged, 0, 0, 0, 0, 0, 0),
    [3] = X(emit_privileged, 0, 0, 0, 0, 0, 0),
    [4] = X(emit_verify, 0, 0, 0, 0, 0, DESC_QUERY_VERR),
    [5] = X(emit_verify, 0, 0, 0, 0, 0, DESC_QUERY_VERW),
};

/* Group 7 (0F 01): what user mode reaches: lgdt, lidt, lmsw, invlpg are
   privileged; /2 and /7 with a register are xgetbv, xsetbv, swapgs,
   rdtscp and others (emitters);
   smsw runs.  sgdt and sidt (/0 /1) are #UD: the tables' addresses are
   the host's (with UMIP, Linux gives dummies). */
static const X86OpEntry group7[8] = {
    [2] = X(emit_group7_2, 0, 0, 0, 0, 0, 0),
    [3] = X(emit_privileged, 0, 0, 0, 0, OPF_MEM, 0),
    [4] = X(emit_store_sysreg, E_, 0, SZ_V, 0, 0, SYSREG_CR0),
    [6] = X(emit_privileged, 0, 0, 0, 0, 0, 0),
    [7] = X(emit_group7_7, 0, 0, 0, 0, 0, 0),
};

/* 0F B8: popcnt (F3); without F3 it is jmpe, which Intel CPUs lack. */
static const X86OpEntry popcnt_b8[MP_COUNT] = {
    [MP_F3] = XF(emit_popcnt, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0, FEAT_POPCNT),
};

/* 0F BC / BD: bsf / bsr, or with F3 tzcnt / lzcnt (which are bsf / bsr
   on a model without BMI1 / ABM: the emitters choose). */
#define BIT_SCAN(scan, count) { \
    [MP_NONE] = X(scan, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0), \
    [MP_66] = X(scan, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0), \
    [MP_F3] = X(count, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0), \
    [MP_F2] = X(scan, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0), \
}
static const X86OpEntry bsf_tzcnt[MP_COUNT] = BIT_SCAN(emit_bsf, emit_tzcnt);
static const X86OpEntry bsr_lzcnt[MP_COUNT] = BIT_SCAN(emit_bsr, emit_lzcnt);

/* E0 / E1: loopne / loope.  An F2 or F3 prefix (the last one) replaces
   the condition on this host: F2 loops while ZF = 0, F3 while ZF = 1
   (measured; multiarch/loop-prefix).  loop (E2) has no condition. */
#define LOOP_CC(cond) { \
    [MP_NONE] = X(emit_loop, 0, 0, SZ_F64, IMM_REL8, 0, cond), \
    [MP_66] = X(emit_loop, 0, 0, SZ_F64, IMM_REL8, 0, cond), \
    [MP_F3] = X(emit_loop, 0, 0, SZ_F64, IMM_REL8, 0, LOOP_E), \
    [MP_F2] = X(emit_loop, 0, 0, SZ_F64, IMM_REL8, 0, LOOP_NE), \
}
static const X86OpEntry loopne_e0[MP_COUNT] = LOOP_CC(LOOP_NE);
static const X86OpEntry loope_e1[MP_COUNT] = LOOP_CC(LOOP_E);

/* Group 9 (0F C7): cmpxchg8b / cmpxchg16b; xsavec; xrstors and xsaves
   (privileged: #GP at CPL 3 where the model has them). */
static const X86OpEntry group9[8] = {
    [1] = X(emit_cmpxchg8b, 0, 0, 0, 0, OPF_MEM | OPF_LOCK, 0),
    [3] = XF(emit_privileged, 0, 0, 0, 0, OPF_MEM, 0, FEAT_XSAVES),
    [4] = XF(emit_xsavec, 0, 0, 0, 0, OPF_MEM, 0, FEAT_XSAVEC),
    [5] = XF(emit_privileged, 0, 0, 0, 0, OPF_MEM, 0, FEAT_XSAVES),
};

const X86OpEntry x86_onebyte_map[256] = {
    ALU_ROW(0x00, ALU_ADD, OPF_LOCK),
    [0x06] = X(emit_push_seg, 0, 0, SZ_V, IMM_NONE, OPF_I64, R_ES),
    [0x07] = X(emit_pop_seg, 0, 0, SZ_V, IMM_NONE, OPF_I64, R_ES),
    ALU_ROW(0x08, ALU_OR, OPF_LOCK),
    [0x0e] = X(emit_push_seg, 0, 0, SZ_V, IMM_NONE, OPF_I64, R_CS),
    ALU_ROW(0x10, ALU_ADC, OPF_LOCK),
    [0x16] = X(emit_push_seg, 0, 0, SZ_V, IMM_NONE, OPF_I64, R_SS),
    [0x17] = X(emit_pop_seg, 0, 0, SZ_V, IMM_NONE, OPF_I64, R_SS),
    ALU_ROW(0x18, ALU_SBB, OPF_LOCK),
    [0x1e] = X(emit_push_seg, 0, 0, SZ_V, IMM_NONE, OPF_I64, R_DS),
    [0x1f] = X(emit_pop_seg, 0, 0, SZ_V, IMM_NONE, OPF_I64, R_DS),
    ALU_ROW(0x20, ALU_AND, OPF_LOCK),
    [0x27] = X(emit_bcd, 0, 0, 0, IMM_NONE, OPF_I64, BCD_DAA),
    ALU_ROW(0x28, ALU_SUB, OPF_LOCK),
    [0x2f] = X(emit_bcd, 0, 0, 0, IMM_NONE, OPF_I64, BCD_DAS),
    ALU_ROW(0x30, ALU_XOR, OPF_LOCK),
    [0x37] = X(emit_bcd, 0, 0, 0, IMM_NONE, OPF_I64, BCD_AAA),
    ALU_ROW(0x38, ALU_CMP, 0),
    [0x3f] = X(emit_bcd, 0, 0, 0, IMM_NONE, OPF_I64, BCD_AAS),
    /* 40-4F are REX prefixes in 64-bit mode and never reach the map there. */
    [0x40 ... 0x47] = X(emit_incdec, Z_, 0, SZ_V, IMM_NONE, 0, 0),
    [0x48 ... 0x4f] = X(emit_incdec, Z_, 0, SZ_V, IMM_NONE, 0, 1),
    [0x50 ... 0x57] = X(emit_push, Z_, 0, SZ_D64, IMM_NONE, 0, 0),
    [0x58 ... 0x5f] = X(emit_pop, Z_, 0, SZ_D64, IMM_NONE, 0, 0),
    [0x60] = X(emit_pusha, 0, 0, SZ_V, IMM_NONE, OPF_I64, 0),
    [0x61] = X(emit_popa, 0, 0, SZ_V, IMM_NONE, OPF_I64, 0),
    [0x62] = X(emit_bound, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM | OPF_I64, 0),
    [0x63] = X(emit_movsxd, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0x68] = X(emit_push, I_, 0, SZ_D64, IMM_OT, 0, 0),
    [0x69] = X(emit_imul, G_, E_, SZ_V, IMM_OT, OPF_MODRM, 0),
    [0x6a] = X(emit_push, I_, 0, SZ_D64, IMM_SB, 0, 0),
    [0x6b] = X(emit_imul, G_, E_, SZ_V, IMM_SB, OPF_MODRM, 0),
    [0x6c ... 0x6f] = PRIV,
    [0x70 ... 0x7f] = X(emit_jcc, 0, 0, SZ_F64, IMM_REL8, 0, 0),
    [0x80] = GROUP(group1, E_, I_, SZ_B, IMM_OT, 0),
    [0x81] = GROUP(group1, E_, I_, SZ_V, IMM_OT, 0),
    [0x82] = GROUP(group1, E_, I_, SZ_B, IMM_OT, OPF_I64),
    [0x83] = GROUP(group1, E_, I_, SZ_V, IMM_SB, 0),
    [0x84] = X(emit_test, E_, G_, SZ_B, IMM_NONE, OPF_MODRM, 0),
    [0x85] = X(emit_test, E_, G_, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0x86] = X(emit_xchg, E_, G_, SZ_B, IMM_NONE, OPF_MODRM | OPF_LOCK, 0),
    [0x87] = X(emit_xchg, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_LOCK, 0),
    [0x88] = X(emit_mov, E_, G_, SZ_B, IMM_NONE, OPF_MODRM, 0),
    [0x89] = X(emit_mov, E_, G_, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0x8a] = X(emit_mov, G_, E_, SZ_B, IMM_NONE, OPF_MODRM, 0),
    [0x8b] = X(emit_mov, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0x8c] = X(emit_mov_from_seg, E_, 0, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0x8d] = X(emit_lea, G_, 0, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM | OPF_NOSEG, 0),
    [0x8e] = X(emit_mov_to_seg, 0, E_, SZ_W, IMM_NONE, OPF_MODRM, 0),
    [0x8f] = GROUP(group1a, E_, 0, SZ_D64, IMM_NONE, 0),
    [0x90 ... 0x97] = X(emit_xchg, Z_, A_, SZ_V, IMM_NONE, 0, 0),
    [0x98] = X(emit_cbw, 0, 0, SZ_V, IMM_NONE, 0, 0),
    [0x99] = X(emit_cwd, 0, 0, SZ_V, IMM_NONE, 0, 0),
    [0x9a] = X(emit_lcall, 0, 0, SZ_V, IMM_FAR, OPF_I64, FAR_DIRECT),
    [0x9b] = X(emit_fwait, 0, 0, 0, IMM_NONE, 0, 0),
    [0x9c] = X(emit_pushf, 0, 0, SZ_D64, IMM_NONE, 0, 0),
    [0x9d] = X(emit_popf, 0, 0, SZ_D64, IMM_NONE, 0, 0),
    [0x9e] = X(emit_sahf, 0, 0, 0, IMM_NONE, 0, 0),
    [0x9f] = X(emit_lahf, 0, 0, 0, IMM_NONE, 0, 0),
    [0xa0] = X(emit_mov, A_, E_, SZ_B, IMM_MOFFS, 0, 0),
    [0xa1] = X(emit_mov, A_, E_, SZ_V, IMM_MOFFS, 0, 0),
    [0xa2] = X(emit_mov, E_, A_, SZ_B, IMM_MOFFS, 0, 0),
    [0xa3] = X(emit_mov, E_, A_, SZ_V, IMM_MOFFS, 0, 0),
    STRING(0xa4, STR_MOVS),
    STRING(0xa6, STR_CMPS),
    [0xa8] = X(emit_test, A_, I_, SZ_B, IMM_OT, 0, 0),
    [0xa9] = X(emit_test, A_, I_, SZ_V, IMM_OT, 0, 0),
    STRING(0xaa, STR_STOS),
    STRING(0xac, STR_LODS),
    STRING(0xae, STR_SCAS),
    [0xb0 ... 0xb7] = X(emit_mov, Z_, I_, SZ_B, IMM_OT, 0, 0),
    [0xb8 ... 0xbf] = X(emit_mov, Z_, I_, SZ_V, IMM_FULL, 0, 0),
    [0xc0] = GROUP(group2, E_, I_, SZ_B, IMM_UB, 0),
    [0xc1] = GROUP(group2, E_, I_, SZ_V, IMM_UB, 0),
    [0xc2] = X(emit_ret, 0, 0, SZ_F64, IMM_W, 0, 0),
    [0xc3] = X(emit_ret, 0, 0, SZ_F64, IMM_NONE, 0, 0),
    /* in 32-bit mode when no VEX prefix follows (decode.c) */
    [0xc4] = X(emit_load_far_ptr, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM | OPF_I64, R_ES),
    [0xc5] = X(emit_load_far_ptr, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM | OPF_I64, R_DS),
    [0xc6] = GROUP(group11, E_, I_, SZ_B, IMM_OT, 0),
    [0xc7] = GROUP(group11, E_, I_, SZ_V, IMM_OT, 0),
    [0xc8] = X(emit_enter, 0, 0, SZ_D64, IMM_ENTER, 0, 0),
    [0xc9] = X(emit_leave, 0, 0, SZ_D64, IMM_NONE, 0, 0),
    [0xca] = X(emit_lret, 0, 0, SZ_V, IMM_W, 0, 0),
    [0xcb] = X(emit_lret, 0, 0, SZ_V, IMM_NONE, 0, 0),
    [0xcc] = X(emit_int3, 0, 0, 0, IMM_NONE, 0, 0),
    [0xcd] = X(emit_int, 0, 0, 0, IMM_UB, 0, 0),
    [0xce] = X(emit_into, 0, 0, 0, IMM_NONE, OPF_I64, 0),
    [0xcf] = X(emit_iret, 0, 0, SZ_V, IMM_NONE, 0, 0),
    [0xd0] = GROUP(group2, E_, OPK_ONE, SZ_B, IMM_NONE, 0),
    [0xd1] = GROUP(group2, E_, OPK_ONE, SZ_V, IMM_NONE, 0),
    [0xd2] = GROUP(group2, E_, OPK_CL, SZ_B, IMM_NONE, 0),
    [0xd3] = GROUP(group2, E_, OPK_CL, SZ_V, IMM_NONE, 0),
    [0xd4] = X(emit_bcd, 0, 0, 0, IMM_UB, OPF_I64, BCD_AAM),
    [0xd5] = X(emit_bcd, 0, 0, 0, IMM_UB, OPF_I64, BCD_AAD),
    [0xd6] = X(emit_salc, 0, 0, 0, IMM_NONE, OPF_I64, 0),
    [0xd7] = X(emit_xlat, 0, 0, 0, IMM_NONE, 0, 0),
    [0xd8 ... 0xdf] = X(emit_fpu, 0, 0, 0, IMM_NONE, OPF_RAWMODRM, 0),
    [0xe0] = BY_PREFIX(loopne_e0),
    [0xe1] = BY_PREFIX(loope_e1),
    [0xe2] = X(emit_loop, 0, 0, SZ_F64, IMM_REL8, 0, LOOP_ALWAYS),
    [0xe3] = X(emit_loop, 0, 0, SZ_F64, IMM_REL8, 0, LOOP_JCXZ),
    [0xe4 ... 0xe7] = PRIV_IB,
    [0xe8] = X(emit_call, 0, 0, SZ_F64, IMM_REL, 0, 0),
    [0xe9] = X(emit_jmp, 0, 0, SZ_F64, IMM_REL, 0, 0),
    [0xea] = X(emit_ljmp, 0, 0, SZ_V, IMM_FAR, OPF_I64, FAR_DIRECT),
    [0xeb] = X(emit_jmp, 0, 0, SZ_F64, IMM_REL8, 0, 0),
    [0xec ... 0xef] = PRIV,
    [0xf1] = X(emit_int1, 0, 0, 0, IMM_NONE, 0, 0),        /* icebp */
    [0xf4] = PRIV,                                          /* hlt */
    [0xf5] = X(emit_flagop, 0, 0, 0, IMM_NONE, 0, FLAGOP_CMC),
    [0xf6] = GROUP(group3, E_, 0, SZ_B, IMM_NONE, 0),
    [0xf7] = GROUP(group3, E_, 0, SZ_V, IMM_NONE, 0),
    [0xf8] = X(emit_flagop, 0, 0, 0, IMM_NONE, 0, FLAGOP_CLC),
    [0xf9] = X(emit_flagop, 0, 0, 0, IMM_NONE, 0, FLAGOP_STC),
    [0xfa] = PRIV,                                          /* cli */
    [0xfb] = PRIV,                                          /* sti */
    [0xfc] = X(emit_flagop, 0, 0, 0, IMM_NONE, 0, FLAGOP_CLD),
    [0xfd] = X(emit_flagop, 0, 0, 0, IMM_NONE, 0, FLAGOP_STD),
    [0xfe] = GROUP(group4, E_, 0, SZ_B, IMM_NONE, 0),
    [0xff] = GROUP(group5, E_, 0, SZ_V, IMM_NONE, 0),
};

const X86OpEntry x86_twobyte_map[256] = {
    [0x00] = GROUP(group6, E_, 0, SZ_V, IMM_NONE, 0),
    [0x01] = GROUP(group7, 0, 0, 0, IMM_NONE, 0),
    [0x02] = X(emit_lar_lsl, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, DESC_QUERY_LAR),
    [0x03] = X(emit_lar_lsl, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, DESC_QUERY_LSL),
    [0x05] = X(emit_syscall, 0, 0, 0, IMM_NONE, OPF_O64, 0),
    [0x06] = PRIV,                                          /* clts */
    [0x07] = PRIV,                                          /* sysret */
    [0x08 ... 0x09] = PRIV,                                 /* invd, wbinvd */
    [0x0d] = XF(emit_nop, 0, 0, SZ_V, IMM_NONE,             /* prefetch(w) */
                OPF_MODRM | OPF_MEM | OPF_NOLEA, 0, FEAT_PRFCHW),
    [0x0e] = SSE,                                           /* femms */
    [0x10 ... 0x17] = SSE,
    [0x18 ... 0x1f] = HINT_NOP,                             /* incl. endbr */
    /* mov to/from cr/dr: the ModRM always names two registers, whatever
       mod says, so no SIB or displacement follows. */
    [0x20 ... 0x23] = X(emit_mov_crdr, 0, 0, 0, IMM_NONE, OPF_RAWMODRM, 0),
    [0x28 ... 0x2f] = SSE,
    [0x30] = PRIV,                                          /* wrmsr */
    [0x31] = X(emit_rdtsc, 0, 0, 0, IMM_NONE, 0, 0),
    [0x32 ... 0x33] = PRIV,                                 /* rdmsr, rdpmc */
    [0x35] = X(emit_sysexit, 0, 0, 0, IMM_NONE, 0, 0),
    [0x40 ... 0x4f] = X(emit_cmov, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0x50 ... 0x7f] = SSE,
    [0x80 ... 0x8f] = X(emit_jcc, 0, 0, SZ_F64, IMM_REL, 0, 0),
    [0x90 ... 0x9f] = X(emit_setcc, E_, 0, SZ_B, IMM_NONE, OPF_MODRM, 0),
    [0xa0] = X(emit_push_seg, 0, 0, SZ_D64, IMM_NONE, 0, R_FS),
    [0xa1] = X(emit_pop_seg, 0, 0, SZ_D64, IMM_NONE, 0, R_FS),
    [0xa2] = X(emit_cpuid, 0, 0, 0, IMM_NONE, 0, 0),
    [0xa3] = X(emit_bt, E_, G_, SZ_V, IMM_NONE, OPF_MODRM, BT_TEST),
    [0xa4] = X(emit_shxd, E_, G_, SZ_V, IMM_UB, OPF_MODRM, 0),
    [0xa5] = X(emit_shxd, E_, G_, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0xa8] = X(emit_push_seg, 0, 0, SZ_D64, IMM_NONE, 0, R_GS),
    [0xa9] = X(emit_pop_seg, 0, 0, SZ_D64, IMM_NONE, 0, R_GS),
    [0xab] = X(emit_bt, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_LOCK, BT_SET),
    [0xac] = X(emit_shxd, E_, G_, SZ_V, IMM_UB, OPF_MODRM, 1),
    [0xad] = X(emit_shxd, E_, G_, SZ_V, IMM_NONE, OPF_MODRM, 1),
    [0xae] = X(emit_grp15, 0, 0, 0, IMM_NONE, 0, 0),
    [0xaf] = X(emit_imul, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0),
    [0xb0] = X(emit_cmpxchg, E_, G_, SZ_B, IMM_NONE, OPF_MODRM | OPF_LOCK, 0),
    [0xb1] = X(emit_cmpxchg, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_LOCK, 0),
    [0xb2] = X(emit_load_far_ptr, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM, R_SS),
    [0xb3] = X(emit_bt, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_LOCK, BT_RESET),
    [0xb4] = X(emit_load_far_ptr, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM, R_FS),
    [0xb5] = X(emit_load_far_ptr, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM, R_GS),
    [0xb6] = X(emit_movzx, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, MO_8),
    [0xb7] = X(emit_movzx, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, MO_16),
    [0xb8] = BY_PREFIX(popcnt_b8),
    [0xba] = GROUP(group8, E_, I_, SZ_V, IMM_UB, 0),
    [0xbb] = X(emit_bt, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_LOCK, BT_COMPLEMENT),
    [0xbc] = BY_PREFIX(bsf_tzcnt),
    [0xbd] = BY_PREFIX(bsr_lzcnt),
    [0xbe] = X(emit_movsx, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, MO_8),
    [0xbf] = X(emit_movsx, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, MO_16),
    [0xc0] = X(emit_xadd, E_, G_, SZ_B, IMM_NONE, OPF_MODRM | OPF_LOCK, 0),
    [0xc1] = X(emit_xadd, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_LOCK, 0),
    [0xc2 ... 0xc6] = SSE,
    [0xc7] = GROUP(group9, E_, 0, SZ_V, IMM_NONE, 0),
    [0xc8 ... 0xcf] = X(emit_bswap, Z_, 0, SZ_V, IMM_NONE, 0, 0),
    [0xd0 ... 0xff] = SSE,
};

/* 0F 38 F0 / F1: movbe (66: 16-bit), or crc32 with F2 (F0 a byte source,
   F1 a word/dword/qword one by 66 / REX.W). */
static const X86OpEntry movbe_crc32_f0[MP_COUNT] = {
    [MP_NONE] = XF(emit_movbe, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM, 0, FEAT_MOVBE),
    [MP_66] = XF(emit_movbe, G_, E_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM, 0, FEAT_MOVBE),
    [MP_F2] = X(emit_crc32, G_, E_, SZ_B, IMM_NONE, OPF_MODRM, 0),
};
static const X86OpEntry movbe_crc32_f1[MP_COUNT] = {
    [MP_NONE] = XF(emit_movbe, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM, 0, FEAT_MOVBE),
    [MP_66] = XF(emit_movbe, E_, G_, SZ_V, IMM_NONE, OPF_MODRM | OPF_MEM, 0, FEAT_MOVBE),
    [MP_F2] = X(emit_crc32, G_, E_, SZ_V, IMM_NONE, OPF_MODRM, 0),
};

/* 0F 38 F6: adcx (66) and adox (F3); here 66 is part of the opcode. */
static const X86OpEntry adcx_adox[MP_COUNT] = {
    [MP_66] = XF(emit_adx, G_, E_, SZ_Y, IMM_NONE, OPF_MODRM, ADX_CARRY, FEAT_ADX),
    [MP_F3] = XF(emit_adx, G_, E_, SZ_Y, IMM_NONE, OPF_MODRM, ADX_OVERFLOW, FEAT_ADX),
};

const X86OpEntry x86_0f38_map[256] = {
    [0x00 ... 0xef] = SSE3B,
    [0xf0] = BY_PREFIX(movbe_crc32_f0),
    [0xf1] = BY_PREFIX(movbe_crc32_f1),
    [0xf6] = BY_PREFIX(adcx_adox),
};

const X86OpEntry x86_0f3a_map[256] = {
    [0x00 ... 0xef] = SSE3B,
};

/* Group 17 (VEX 0F 38 F3): blsr, blsmsk, blsi By, Ey. */
static const X86OpEntry group17[8] = {
    [1] = X(emit_blsx, 0, 0, 0, 0, 0, BLS_R),
    [2] = X(emit_blsx, 0, 0, 0, 0, 0, BLS_MSK),
    [3] = X(emit_blsx, 0, 0, 0, 0, 0, BLS_I),
};

static const X86OpEntry vex_f2[MP_COUNT] = {
    [MP_NONE] = VEXG(emit_andn, G_, B_, E_, 0, 0, FEAT_BMI1),
};
static const X86OpEntry vex_f3[MP_COUNT] = {
    [MP_NONE] = { .group = group17, .op1 = B_, .op2 = E_, .size = SZ_Y,
                  .flags = OPF_MODRM | OPF_L0, .feature = FEAT_BMI1 },
};
static const X86OpEntry vex_f5[MP_COUNT] = {
    [MP_NONE] = VEXG(emit_bzhi, G_, E_, B_, 0, 0, FEAT_BMI2),
    [MP_F3] = VEXG(emit_pdep_pext, G_, B_, E_, 0, BITS_EXTRACT, FEAT_BMI2),
    [MP_F2] = VEXG(emit_pdep_pext, G_, B_, E_, 0, BITS_DEPOSIT, FEAT_BMI2),
};
static const X86OpEntry vex_f6[MP_COUNT] = {
    [MP_F2] = VEXG(emit_mulx, G_, B_, E_, 0, 0, FEAT_BMI2),
};
static const X86OpEntry vex_f7[MP_COUNT] = {
    [MP_NONE] = VEXG(emit_bextr, G_, E_, B_, 0, 0, FEAT_BMI1),
    [MP_66] = VEXG(emit_shiftx, G_, E_, B_, 0, SHIFT_SHL, FEAT_BMI2),
    [MP_F3] = VEXG(emit_shiftx, G_, E_, B_, 0, SHIFT_SAR, FEAT_BMI2),
    [MP_F2] = VEXG(emit_shiftx, G_, E_, B_, 0, SHIFT_SHR, FEAT_BMI2),
};

const X86OpEntry x86_vex_0f38_map[256] = {
    [0xf2] = BY_PREFIX(vex_f2),
    [0xf3] = BY_PREFIX(vex_f3),
    [0xf5] = BY_PREFIX(vex_f5),
    [0xf6] = BY_PREFIX(vex_f6),
    [0xf7] = BY_PREFIX(vex_f7),
};

/* VEX 0F 3A F0: rorx Gy, Ey, Ib. */
static const X86OpEntry vex_3a_f0[MP_COUNT] = {
    [MP_F2] = { .emit = emit_rorx, .op1 = G_, .op2 = E_, .size = SZ_Y,
                .imm = IMM_UB, .flags = OPF_MODRM | OPF_L0 | OPF_NOVVVV,
                .feature = FEAT_BMI2 },
};

const X86OpEntry x86_vex_0f3a_map[256] = {
    [0xf0] = BY_PREFIX(vex_3a_f0),
};
