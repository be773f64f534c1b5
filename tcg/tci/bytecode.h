/*
 * bytecode.h: the format of the interpreter's code, shared by its emitter
 * (tcg-target.c.inc, run by tcg.c's register allocator) and its executor
 * (interp.c).  An instruction is an 8-byte header followed by operand words
 * of 4 bytes; every instruction is a whole number of words, so each operand
 * word is 4-byte aligned (goto_tb's jump displacement is rewritten with one
 * aligned store while other threads may run through it).
 *
 *   opc   a TCGOpcode: the IR op the instruction performs
 *   r[5]  register operands: outputs first, then inputs (tcg-opc.h order)
 *   aux   the TCGCond of setcond/movcond/brcond; TCI_AUX_CHECKED on a
 *         qemu_ld/st of a CF_CHECKED TB
 *   len   length of the whole instruction in words
 *
 * Operand words by op (after the header):
 *   movi_i64                 64-bit value
 *   ld* / st*                32-bit signed offset from the base register
 *   br, brcond               32-bit displacement, from the end of the word
 *   goto_tb                  32-bit displacement, patched for chaining
 *   exit_tb                  64-bit return value
 *   call                     64-bit function pointer, 32-bit sizemask
 *                            (arguments in R0..R5, result in R0)
 *   qemu_ld / qemu_st        32-bit MemOp
 */
#ifndef TCG_TCI_BYTECODE_H
#define TCG_TCI_BYTECODE_H

#include <stdint.h>

typedef struct TCIHeader {
    uint8_t opc;
    uint8_t r[5];
    uint8_t aux;
    uint8_t len;
} TCIHeader;

#define TCI_WORD 4
#define TCI_HEADER_WORDS (sizeof(TCIHeader) / TCI_WORD)

#define TCI_AUX_CHECKED 1

#endif
