/*
 * flags-block-entry: flags read in a block other than the one that set
 * them.  A block's translation depends on how its incoming flags are held
 * (the cc_op at entry is part of its key, issue 7), so every flag-setting
 * instruction kind and size is followed by a jump and then, first in the
 * new block, by each flag reader: the 16 setcc, pushf, inc (keeps CF),
 * a call to one shared routine (one pc entered with every cc_op), pushf
 * after a jz (both exits of a conditional jump) and pushf after an
 * indirect jump.  A shift by %cl leaves a cc_op known only at run time.
 * The 16 cmovcc read them too, in the next block and in the setter's own
 * (where the condition is the cmov's own comparison).  Flags the manual
 * leaves undefined for an instruction are masked out.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include "eflags-bits.h"

/* The operands, then what the readers stored: the setcc bytes and the
   flags words.  (Reached through a register: pushf writes below the stack
   pointer, where the compiler may keep a leaf function's locals.) */
struct out {
    unsigned long a, cin, mv;
    unsigned char cc[16];
    unsigned long f[5];
    unsigned long cmov[2][16];  /* next block, same block */
};
#define F(i) offsetof(struct out, f) + (i) * sizeof(unsigned long)

/* The shared reader: its caller's flags, in eax / rax. */
#ifdef __x86_64__
__asm__(".text\nflags_at_entry:\n\tpushfq\n\tpop %rax\n\tret\n");
#define CALL_READER "call flags_at_entry\n\tmov %%rax, %c[f2](%[o])"
#define AX_CLOBBER "rax"
#define AX "%%rax"
/* Past the red zone, for pushf and call. */
#define STACK_ENTER "lea -128(%%rsp), %%rsp\n\t"
#define STACK_LEAVE "lea 128(%%rsp), %%rsp\n\t"
#else
__asm__(".text\nflags_at_entry:\n\tpushfl\n\tpop %eax\n\tret\n");
#define CALL_READER "call flags_at_entry\n\tmov %%eax, %c[f2](%[o])"
#define AX_CLOBBER "eax"
#define AX "%%eax"
#define STACK_ENTER ""
#define STACK_LEAVE ""
#endif

/* seq sets the flags (t = a op b); then a jump; the reader starts the
   next block. */
#define STEP(seq, reader) "mov %c[a](%[o]), %[t]\n\t" seq "\n\tjmp 1f\n1:\n\t" reader "\n\t"
#define SETCC(cc, i) "set" cc " %c[cc]+" #i "(%[o])"
#define PUSHF_TO(i) "pushf\n\tpop %[t]\n\tmov %[t], %c[f" #i "](%[o])"
/* ax = a; ax = mv if cc; cmov[set][i] = ax (mov changes no flag) */
#define CMOV(set, cc, i) "mov %c[a](%[o]), " AX "\n\tcmov" cc " %c[mv](%[o]), " AX \
    "\n\tmov " AX ", %c[cm" #set "]+" #i "*%c[w](%[o])\n\t"
#define CMOVS(set) \
    CMOV(set, "o", 0) CMOV(set, "no", 1) CMOV(set, "b", 2) CMOV(set, "ae", 3) \
    CMOV(set, "z", 4) CMOV(set, "nz", 5) CMOV(set, "be", 6) CMOV(set, "a", 7) \
    CMOV(set, "s", 8) CMOV(set, "ns", 9) CMOV(set, "p", 10) CMOV(set, "np", 11) \
    CMOV(set, "l", 12) CMOV(set, "ge", 13) CMOV(set, "le", 14) CMOV(set, "g", 15)
#define READERS(seq) \
    STEP(seq, SETCC("o", 0)) STEP(seq, SETCC("no", 1)) \
    STEP(seq, SETCC("b", 2)) STEP(seq, SETCC("ae", 3)) \
    STEP(seq, SETCC("z", 4)) STEP(seq, SETCC("nz", 5)) \
    STEP(seq, SETCC("be", 6)) STEP(seq, SETCC("a", 7)) \
    STEP(seq, SETCC("s", 8)) STEP(seq, SETCC("ns", 9)) \
    STEP(seq, SETCC("p", 10)) STEP(seq, SETCC("np", 11)) \
    STEP(seq, SETCC("l", 12)) STEP(seq, SETCC("ge", 13)) \
    STEP(seq, SETCC("le", 14)) STEP(seq, SETCC("g", 15)) \
    STEP(seq, PUSHF_TO(0)) \
    STEP(seq, "inc %[t]\n\t" PUSHF_TO(1)) \
    STEP(seq, CALL_READER) \
    STEP(seq, "jz 2f\n2:\n\t" PUSHF_TO(3)) \
    STEP(seq, "mov $3f, %[t]\n\tjmp *%[t]\n3:\n\t" PUSHF_TO(4)) \
    STEP(seq, CMOVS(0)) \
    "mov %c[a](%[o]), %[t]\n\t" seq "\n\t" CMOVS(1)

/* What the manual defines after each kind of instruction. */
enum kind { K_ARITH, K_LOGIC, K_SHIFT1, K_SHIFT3, K_ROT1, K_SHIFT_CL, K_MUL, K_BSF };

/* One instruction at each size: (name, kind, asm).  S is the mnemonic
   suffix, M the operand modifier for the registers. */
#define OPS_ALL_SIZES(X, sz, S, M) \
    X(sz, add, K_ARITH, "add" S " %" M "[b], %" M "[t]") \
    X(sz, adc, K_ARITH, "btl $0, %c[cin](%[o])\n\tadc" S " %" M "[b], %" M "[t]") \
    X(sz, sub, K_ARITH, "sub" S " %" M "[b], %" M "[t]") \
    X(sz, sbb, K_ARITH, "btl $0, %c[cin](%[o])\n\tsbb" S " %" M "[b], %" M "[t]") \
    X(sz, cmp, K_ARITH, "cmp" S " %" M "[b], %" M "[t]") \
    X(sz, neg, K_ARITH, "neg" S " %" M "[t]") \
    X(sz, inc, K_ARITH, "btl $0, %c[cin](%[o])\n\tinc" S " %" M "[t]") \
    X(sz, dec, K_ARITH, "btl $0, %c[cin](%[o])\n\tdec" S " %" M "[t]") \
    X(sz, and, K_LOGIC, "and" S " %" M "[b], %" M "[t]") \
    X(sz, or, K_LOGIC, "or" S " %" M "[b], %" M "[t]") \
    X(sz, xor, K_LOGIC, "xor" S " %" M "[b], %" M "[t]") \
    X(sz, test, K_LOGIC, "test" S " %" M "[b], %" M "[t]") \
    X(sz, shl1, K_SHIFT1, "shl" S " $1, %" M "[t]") \
    X(sz, shr1, K_SHIFT1, "shr" S " $1, %" M "[t]") \
    X(sz, sar3, K_SHIFT3, "sar" S " $3, %" M "[t]") \
    X(sz, shl3, K_SHIFT3, "shl" S " $3, %" M "[t]") \
    X(sz, rol1, K_ROT1, "rol" S " $1, %" M "[t]") \
    X(sz, shlcl, K_SHIFT_CL, "add" S " %" M "[b], %" M "[t]\n\tshl" S " %%cl, %" M "[t]") \
    X(sz, sarcl, K_SHIFT_CL, "sub" S " %" M "[b], %" M "[t]\n\tsar" S " %%cl, %" M "[t]")
/* No byte forms. */
#define OPS_WIDE(X, sz, S, M) \
    X(sz, imul, K_MUL, "imul" S " %" M "[b], %" M "[t]") \
    X(sz, bsf, K_BSF, "bsf" S " %" M "[b], %" M "[t]")

#define DEFINE_CASE(sz, name, kind, seq) \
static void name##_##sz(struct out *o, unsigned long b) \
{ \
    unsigned long t; \
    __asm__ volatile(STACK_ENTER READERS(seq) STACK_LEAVE \
                     : [t] "=&q"(t) \
                     : [b] "c"(b), [o] "r"(o), [a] "i"(offsetof(struct out, a)), \
                       [cin] "i"(offsetof(struct out, cin)), [cc] "i"(offsetof(struct out, cc)), \
                       [f0] "i"(F(0)), [f1] "i"(F(1)), [f2] "i"(F(2)), \
                       [f3] "i"(F(3)), [f4] "i"(F(4)), \
                       [mv] "i"(offsetof(struct out, mv)), \
                       [cm0] "i"(offsetof(struct out, cmov[0])), \
                       [cm1] "i"(offsetof(struct out, cmov[1])), \
                       [w] "i"(sizeof(unsigned long)) \
                     : AX_CLOBBER, "cc", "memory"); \
}

struct insn_case {
    const char *name;
    int bits;
    enum kind kind;
    void (*run)(struct out *, unsigned long);
};
#define CASE_ROW(sz, name, kind, seq) { #name, BITS_##sz, kind, name##_##sz },
enum { BITS_b = 8, BITS_w = 16, BITS_l = 32, BITS_q = 64 };

#ifdef __x86_64__
#define FOR_SIZES(X) \
    OPS_ALL_SIZES(X, b, "b", "b") OPS_ALL_SIZES(X, w, "w", "w") \
    OPS_ALL_SIZES(X, l, "l", "k") OPS_ALL_SIZES(X, q, "q", "q") \
    OPS_WIDE(X, w, "w", "w") OPS_WIDE(X, l, "l", "k") OPS_WIDE(X, q, "q", "q")
#else
#define FOR_SIZES(X) \
    OPS_ALL_SIZES(X, b, "b", "b") OPS_ALL_SIZES(X, w, "w", "w") \
    OPS_ALL_SIZES(X, l, "l", "k") \
    OPS_WIDE(X, w, "w", "w") OPS_WIDE(X, l, "l", "k")
#endif

FOR_SIZES(DEFINE_CASE)
static const struct insn_case cases[] = { FOR_SIZES(CASE_ROW) };

/* The flags an instruction of this kind defines; b is the count for
   shifts by %cl (which follow an add or sub whose flags a zero count
   keeps). */
static unsigned defined_flags(enum kind kind, int bits, unsigned long b)
{
    unsigned count = b & (bits == 64 ? 63 : 31);

    switch (kind) {
    case K_ARITH:
        return ARITH;
    case K_LOGIC:
    case K_SHIFT1:
        return ARITH & ~AF;
    case K_SHIFT3:
        return ARITH & ~(AF | OF);
    case K_ROT1:
        return CF | OF;
    case K_SHIFT_CL:
        if (count == 0) {
            return ARITH;
        }
        if (count >= (unsigned)bits) {
            return PF | ZF | SF;
        }
        return ARITH & ~(AF | (count == 1 ? 0 : OF));
    case K_MUL:
        return CF | OF;
    case K_BSF:
        return ZF;
    }
    return 0;
}

/* The flags each setcc reads, in the order of READERS. */
static const unsigned cond_flags[16] = {
    OF, OF, CF, CF, ZF, ZF, CF | ZF, CF | ZF,
    SF, SF, PF, PF, SF | OF, SF | OF, ZF | SF | OF, ZF | SF | OF,
};

static void run_case(const struct insn_case *c, unsigned long a, unsigned long b,
                     unsigned long cin)
{
    struct out o = { .a = a, .cin = cin, .mv = ~a ^ 0x5a };
    unsigned def = defined_flags(c->kind, c->bits, b);
    /* After inc: its own flags, CF kept; bsf's result is undefined for 0. */
    unsigned def_inc = (def & CF) | (c->kind == K_BSF ? 0 : ARITH & ~CF);
    char conds[3][17];

    c->run(&o, b);
    for (int i = 0; i < 16; i++) {
        bool undefined = cond_flags[i] & ~def;

        conds[0][i] = undefined ? '.' : '0' + o.cc[i];
        for (int set = 0; set < 2; set++) {
            unsigned long v = o.cmov[set][i];

            conds[set + 1][i] = undefined ? '.' : v == o.mv ? '1' : v == a ? '0' : '?';
        }
    }
    conds[0][16] = conds[1][16] = conds[2][16] = 0;
    printf("%-5s%-2d a=%#lx b=%#lx c=%lu %s pushf=%#lx inc=%#lx call=%#lx jz=%#lx ind=%#lx"
           " cmov %s %s\n",
           c->name, c->bits, a, b, cin, conds[0], o.f[0] & def, o.f[1] & def_inc,
           o.f[2] & def, o.f[3] & def, o.f[4] & def, conds[1], conds[2]);
}

int main(void)
{
    static const unsigned long values[] = {
        0, 1, 3, 5, 7, 33, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
        0x7fffffff, 0x80000000, 0xffffffff, (unsigned long)-1, (unsigned long)-1 >> 1,
    };
    const int nv = sizeof(values) / sizeof(values[0]);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int x = 0; x < nv; x += 2) {
            for (int y = 1; y < nv; y += 3) {
                for (unsigned long cin = 0; cin < 2; cin++) {
                    run_case(&cases[i], values[x], values[y], cin);
                }
            }
        }
    }
    return 0;
}
