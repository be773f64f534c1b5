/*
 * fpu-ops.h: the codes translate-fpu.c passes to the x87 helpers
 * (fpu_helper.c).  They follow the instruction encoding so that decoding
 * is mostly arithmetic on the opcode bits.
 */
#ifndef I386_FPU_OPS_H
#define I386_FPU_OPS_H

/* Memory operand formats: 0..3 are (opcode >> 1) & 3 of D8..DF. */
enum {
    X87_FMT_F32, X87_FMT_I32, X87_FMT_F64, X87_FMT_I16,
    X87_FMT_F80, X87_FMT_I64, X87_FMT_BCD,
    /* FISTTP (SSE3): store only, truncating whatever the rounding control */
    X87_FMT_T16, X87_FMT_T32, X87_FMT_T64,
};

/* Arithmetic ops: the ModRM reg field of D8 (ST0 = ST0 op src). */
enum {
    X87_OP_ADD, X87_OP_MUL, X87_OP_COM, X87_OP_COMP,
    X87_OP_SUB, X87_OP_SUBR, X87_OP_DIV, X87_OP_DIVR,
};

/* Which D9 E0+n (n = 0..31) exist: fpu_special's table entries. */
#define X87_SPECIAL_VALID 0xffff7f33u

#endif
