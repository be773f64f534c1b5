/*
 * disas.h: capstone-backed disassembly for the log: guest code (-d in_asm)
 * and host code (-d out_asm), in QEMU's "0xADDR:  bytes  insn" layout.
 */
#ifndef DISAS_DISAS_H
#define DISAS_DISAS_H

/* Guest x86 code at host pointer code, shown at guest address addr;
   bits is 16, 32 or 64. */
void disas_guest(const void *code, uint64_t addr, size_t size, int bits);
/* Host x86-64 code. */
void disas_host(const void *code, size_t size);
/* The guest function holding addr, from the symbol tables of the program
   and its ELF interpreter, or "" (linux-user/elf-symbols.c). */
const char *lookup_symbol(uint64_t addr);
/* Length of the first x86 instruction in code (0 if invalid), for tests. */
size_t disas_insn_length(const void *code, size_t size, uint64_t addr, int bits);

#endif
