/*
 * bytecode.h: the format of the interpreter's code, shared by its emitter
 * (tcg-target.c.inc, run by tcg.c's register allocator), its executor
 * (interp.c) and its disassembler (disas.c).  The instructions are listed
 * in insns.h.
 *
 * Every instruction starts with one 8-byte word, read by the executor with
 * one load:
 *
 *   byte 0     the instruction (TCIInsn): what to do, with which operand
 *              kinds (an immediate form and a condition are instructions
 *              of their own, so the handler decodes nothing else)
 *   bytes 1-6  register operands r0..r5: outputs first, then inputs, in
 *              tcg-opc.h order (at most three where bytes 4-7 are x)
 *   bytes 4-7  x: a 32-bit operand: an immediate, a ld/st offset, a branch
 *              displacement, a MemOp, a helper's sizemask
 *
 * Some formats add 32-bit words after it.  Instructions are a whole number
 * of 4-byte words and TBs start 16-byte aligned, so every 32-bit field is
 * 4-byte aligned: goto_tb's displacement (x) is rewritten with one aligned
 * store while other threads may run through it.  Displacements count from
 * the end of their word (x: from the end of the first word).
 */
#ifndef TCG_TCI_BYTECODE_H
#define TCG_TCI_BYTECODE_H

#include <stdint.h>
#include "insns.h"

/* What the bytes after byte 0 hold, by format. */
typedef struct TCIFormat {
    uint8_t regs;       /* register operands in bytes 1.. */
    uint8_t x;          /* bytes 4-7 are an operand */
    uint8_t aux;        /* the byte holding a flag or condition, or 0 */
    uint8_t words;      /* 32-bit words after the first 8 bytes */
} TCIFormat;

typedef enum TCIFormatId {
    F_R,        /* goto_ptr */
    F_RR,       /* moves, unary ops */
    F_RRR,      /* binary ops, setcond */
    F_RRRR,     /* mulu2: lo, hi, a, b */
    F_RRRRRC,   /* movcond; byte 6: the TCGCond */
    F_RRRRRR,   /* add2, sub2: lo, hi, al, ah, bl, bh (bytes 1-6) */
    F_RI,       /* a 32-bit constant */
    F_RRI,      /* an immediate operand, a ld/st offset */
    F_RRD,      /* brcond: x is the displacement */
    F_RID,      /* brcond with an immediate; then the displacement word */
    F_D,        /* br, goto_tb: x is the displacement */
    F_STI,      /* a store of a constant to r0 + x; then the constant */
    F_R64,      /* a 64-bit constant */
    F_64,       /* exit_tb: the 64-bit value returned */
    F_CALL,     /* x: the helper's sizemask; then the function pointer */
    F_MEM,      /* qemu_ld/st: data, address; x: MemOp; byte 3: TCI_CHECKED */
    F_NB
} TCIFormatId;

#define TCI_CHECKED 1             /* a qemu_ld/st of a CF_CHECKED TB */

/* disas.c: by format, its layout; by instruction, its name and format. */
extern const TCIFormat tci_formats[F_NB];
extern const char *const tci_insn_name[TCI_NB_INSNS];
extern const uint8_t tci_insn_format[TCI_NB_INSNS];

static inline const TCIFormat *tci_format(int insn)
{
    return &tci_formats[tci_insn_format[insn]];
}

static inline int tci_insn_bytes(int insn)
{
    return 8 + 4 * tci_format(insn)->words;
}

#endif
