/*
 * isa-common.h: what the isa-*.c instruction tests share.  Each test runs
 * instructions through inline asm over edge-case and pseudo-random
 * operands and prints the results and the arithmetic flags the SDM
 * defines for the instruction (undefined ones print as '.', since they
 * differ between CPU models); the run under the emulator must print the
 * same as the native one.
 *
 * The asm templates set EFLAGS with popf and read it back with pushf: on
 * x86_64 they first step below the red zone, where the compiler may keep
 * data, so operands must not be stack-relative (registers, or globals).
 * FLAGS_IN / FLAGS_OUT wrap an instruction with that, through the globals
 * g_flags_in / g_flags_out; g_mem is the memory operand.
 */
#ifndef ISA_COMMON_H
#define ISA_COMMON_H

#include <stdint.h>
#include <stdio.h>

#ifdef __x86_64__
#define STACK_DOWN "lea -128(%%rsp), %%rsp\n\t"
#define STACK_UP "lea 128(%%rsp), %%rsp\n\t"
#define WORD_BITS 64
#else
#define STACK_DOWN ""
#define STACK_UP ""
#define WORD_BITS 32
#endif

#define F_CF 0x001
#define F_PF 0x004
#define F_AF 0x010
#define F_ZF 0x040
#define F_SF 0x080
#define F_OF 0x800
#define F_ALL (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

/* The two flag states every instruction starts from: it must set or keep
   each flag the same way from both. */
static const unsigned long flags_in[2] = { 0, F_ALL };

static unsigned long g_flags_in, g_flags_out, g_mem;
#define FLAGS_IN STACK_DOWN "push %[fi]\n\tpopf\n\t"
#define FLAGS_OUT "\n\tpushf\n\tpop %[fo]\n\t" STACK_UP
#define FO_OPERAND [fo] "=m" (g_flags_out)
#define FI_OPERAND [fi] "m" (g_flags_in)
/* The destination registers start as this, so partial writes show. */
#define GARBAGE ((unsigned long)0x5a5a5a5a5a5a5a5aull)

/* "CPAZSO": upper case set, lower case clear, '.' not defined (mask). */
static void print_flags(unsigned long flags, unsigned long defined)
{
    static const struct { unsigned long bit; char name; } names[] = {
        { F_CF, 'C' }, { F_PF, 'P' }, { F_AF, 'A' },
        { F_ZF, 'Z' }, { F_SF, 'S' }, { F_OF, 'O' },
    };
    char s[7];

    for (int i = 0; i < 6; i++) {
        s[i] = !(defined & names[i].bit) ? '.'
             : (flags & names[i].bit) ? names[i].name : names[i].name + 32;
    }
    s[6] = 0;
    printf(" %s", s);
}

/* Edge cases of every width: zero, ones, sign bits and their neighbours. */
static const uint64_t edge_values[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull,
    0x0123456789abcdefull, 0xfedcba9876543210ull, 0x5555555555555555ull,
    0xaaaaaaaaaaaaaaaaull, 0x00ff00ff00ff00ffull, 0x8000000000000001ull,
    0x0000000100000001ull, 0xdeadbeefcafebabeull,
};
#define N_EDGE (sizeof(edge_values) / sizeof(edge_values[0]))

/* A fixed xorshift sequence: the same operands natively and emulated. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Operand i of a test: the edge cases, then n_random random ones (some
   with only a few bits set, which bit scans and masks care about). */
static uint64_t test_value(unsigned i)
{
    uint64_t r;

    if (i < N_EDGE) {
        return edge_values[i];
    }
    r = next_random();
    return i % 3 ? r : r & next_random() & next_random();
}
#define N_VALUES(n_random) (N_EDGE + (n_random))

/* What a register of the guest's width holds when 64-bit values are cut. */
static unsigned long word(uint64_t v)
{
    return (unsigned long)v;
}

/* Machine code in a buffer, for encodings the assembler will not write:
   the bytes of hex ("0f 1f 00"), then ret. */
static inline void assemble(unsigned char *code, const char *hex)
{
    unsigned v;
    int n = 0, k;

    while (sscanf(hex, "%x%n", &v, &k) == 1) {
        code[n++] = v;
        hex += k;
    }
    code[n] = 0xc3;
}

#endif
