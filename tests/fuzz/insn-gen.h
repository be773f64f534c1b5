/*
 * insn-gen.h: the random x86-64 instruction sequences of the differential
 * fuzzer (tests/fuzz/), made from tables of opcode templates so that most of
 * them decode as real instructions.
 */
#ifndef INSN_GEN_H
#define INSN_GEN_H

#include <stddef.h>
#include <stdint.h>

enum { SEQ_MAX = 96, SEQ_MAX_INSNS = 6 };

/* One instruction of a sequence, for grouping differences by opcode. */
typedef struct InsnInfo {
    size_t start;
    /* The opcode bytes, prefixes skipped: 0x0f0b for 0f 0b. */
    unsigned opcode;
    /* ModRM.reg, which selects the operation in group opcodes; -1 without
       ModRM. */
    int reg;
} InsnInfo;

typedef struct InsnSeq {
    uint8_t bytes[SEQ_MAX];
    size_t len;
    InsnInfo insn[SEQ_MAX_INSNS];
    size_t count;
} InsnSeq;

/*
 * Fills *seq with the sequence numbered index of the given seed: the same
 * pair gives the same bytes on every run.  A relative branch lands on an
 * later instruction of the sequence or outside it; the bytes never contain a
 * way into the kernel (syscall, sysenter, int $0x80), even inside another
 * instruction, and no instruction whose result the machine decides (rdtsc,
 * rdtscp, rdrand, rdseed, cpuid, xgetbv) is generated.
 */
void insn_seq_generate(InsnSeq *seq, uint64_t seed, uint64_t index);

#endif
