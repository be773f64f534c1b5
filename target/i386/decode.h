/*
 * decode.h: the integer translator's private interface.
 *
 * decode.c turns the bytes of one instruction into an X86Decoded: prefixes
 * applied, the opcode looked up in the opcode-map tables of decode-tables.c
 * (one-byte map, 0F map, ModRM.reg group tables, as in the SDM's appendix A),
 * ModRM, address and immediates fetched, the memory address computed into
 * s->A0.  The entry names an emitter (emit-*.c) that turns it into IR with
 * the operand, flags and jump helpers declared here (tr-operand.c,
 * tr-flags.c, translate.c).
 */
#ifndef I386_DECODE_H
#define I386_DECODE_H

#include "translate.h"

/* Where an operand lives (SDM operand codes). */
enum {
    OPK_NONE,
    OPK_E,      /* ModRM r/m: register or memory at s->A0 */
    OPK_G,      /* ModRM reg */
    OPK_A,      /* the accumulator AL/AX/EAX/RAX */
    OPK_Z,      /* register in the opcode's low three bits (+REX.B) */
    OPK_I,      /* the immediate */
    OPK_CL,     /* CL (shift counts) */
    OPK_ONE,    /* the constant 1 (shift by one) */
    OPK_B,      /* VEX.vvvv names a general register (BMI) */
};

/* How the operand size is chosen. */
enum {
    SZ_INHERIT, /* group entries: the parent entry's size */
    SZ_B,       /* byte */
    SZ_W,       /* word */
    SZ_V,       /* 16/32/64 by 0x66 and REX.W */
    SZ_D64,     /* like V, but 64 by default in 64-bit mode (stack ops) */
    SZ_F64,     /* near branches: always 64 in 64-bit mode on Intel, as D64 on AMD */
    SZ_Y,       /* 32, or 64 by REX.W / VEX.W in 64-bit mode; 0x66 ignored */
};

/* What immediate follows the ModRM operand. */
enum {
    IMM_NONE,
    IMM_OT,     /* operand size, at most 32 bits sign-extended (Ib/Iw/Iz) */
    IMM_SB,     /* byte, sign-extended to the operand size */
    IMM_UB,     /* byte, zero-extended */
    IMM_W,      /* word, zero-extended */
    IMM_FULL,   /* operand size including 64 bits (mov r64, imm64) */
    IMM_ENTER,  /* word then byte (enter): imm, imm2 */
    IMM_FAR,    /* ptr16:16/32: offset by operand size, then selector: imm, imm2 */
    IMM_MOFFS,  /* address-size offset: a memory operand without ModRM */
    IMM_REL8,   /* jump displacement: imm becomes the target eip */
    IMM_REL,    /* rel16/rel32 by operand size */
};

/* Entry flags. */
enum {
    OPF_MODRM   = 0x01,   /* has a ModRM byte */
    OPF_MEM     = 0x02,   /* r/m must be memory (#UD on a register) */
    OPF_NOLEA   = 0x04,   /* decoder does not compute the address */
    OPF_I64     = 0x08,   /* invalid in 64-bit mode */
    OPF_O64     = 0x10,   /* valid in 64-bit mode only */
    OPF_LOCK    = 0x20,   /* LOCK prefix allowed (memory destination) */
    OPF_RAWMODRM = 0x40,  /* fetch the ModRM byte only (x87, mov cr/dr) */
    OPF_NOSEG   = 0x80,   /* address without segment base (lea) */
    OPF_L0      = 0x100,  /* VEX.L must be 0 */
    OPF_NOVVVV  = 0x200,  /* VEX.vvvv is unused and must be 1111b */
};

/* The CPUID bit an entry needs (decode.c has the table of where each is). */
enum {
    FEAT_NONE,
    FEAT_POPCNT, FEAT_MOVBE, FEAT_LZCNT, FEAT_PRFCHW, FEAT_RDTSCP,
    FEAT_BMI1, FEAT_BMI2, FEAT_ADX,
    FEAT_SSE3, FEAT_SSSE3, FEAT_SSE41, FEAT_SSE42, FEAT_AES, FEAT_PCLMUL,
    FEAT_XSAVE, FEAT_XSAVEOPT, FEAT_XSAVEC, FEAT_XSAVES,
    FEAT_COUNT
};
/* Whether the CPUID model advertises feature (FEAT_NONE: always). */
bool x86_feature_present(DisasContext *s, int feature);

typedef struct X86Decoded X86Decoded;
typedef void (*X86Emitter)(CPUX86State *env, DisasContext *s, X86Decoded *d);

typedef struct X86OpEntry {
    X86Emitter emit;            /* NULL: #UD */
    uint8_t op1, op2, op3;      /* OPK_*: destination, sources */
    uint8_t size;               /* SZ_* */
    uint8_t imm;                /* IMM_* */
    uint16_t flags;             /* OPF_* */
    uint8_t arg;                /* emitter-specific (ALU op, condition...) */
    uint8_t feature;            /* FEAT_*: #UD unless CPUID advertises it */
    const struct X86OpEntry *group;      /* 8 entries by ModRM.reg */
    const struct X86OpEntry *by_prefix;  /* MP_COUNT entries by MP_* */
} X86OpEntry;

/* A decoded memory operand, before any IR exists for it. */
typedef struct X86Addr {
    int base;                   /* register, or ADDR_NONE / ADDR_RIP */
    int index;                  /* register, or ADDR_NONE */
    int scale;                  /* shift count for index */
    target_long disp;
} X86Addr;
#define ADDR_NONE (-1)
#define ADDR_RIP  (-2)

struct X86Decoded {
    const X86OpEntry *e;
    int b;                      /* opcode; 0x100 | byte in the 0F map */
    MemOp ot;                   /* operand size */
    int modrm, mod, reg, rm;    /* reg and rm include REX.R / REX.B */
    X86Addr addr;
    target_ulong imm;           /* zero-extended to ot; jumps: target eip */
    int imm2;
    int vvvv;                   /* the register VEX.vvvv names (OPK_B) */
};

/* decode-tables.c */
extern const X86OpEntry x86_onebyte_map[256];
extern const X86OpEntry x86_twobyte_map[256];
extern const X86OpEntry x86_0f38_map[256];
extern const X86OpEntry x86_0f3a_map[256];
extern const X86OpEntry x86_vex_0f38_map[256];
extern const X86OpEntry x86_vex_0f3a_map[256];

/* decode.c: translate the instruction at s->pc (sets s->pc past it). */
void disas_insn(CPUX86State *env, DisasContext *s);

/* tr-operand.c: operands */
void decode_modrm_address(CPUX86State *env, DisasContext *s, int modrm,
                          X86Addr *addr);
void gen_lea_addr(DisasContext *s, const X86Addr *addr, bool with_seg);
/* The segment a memory operand uses without an override: SS for an rSP
   or rBP base, else DS. */
int addr_default_seg(const X86Addr *a);
/* Mask an address to aflag and add the base of its segment: ovr_seg (a
   prefix) if >= 0, else def_seg (-1: none, as for lea). */
void gen_lea_v_seg(DisasContext *s, int aflag, TCGv a0, int def_seg,
                   int ovr_seg);
void gen_load_operand(DisasContext *s, X86Decoded *d, int kind, MemOp ot, TCGv t);
void gen_store_operand(DisasContext *s, X86Decoded *d, int kind, MemOp ot, TCGv t);
void gen_probe_store_e(DisasContext *s, X86Decoded *d, MemOp ot);
/* Zero- or sign-extend t in place from size ot to target_ulong. */
void gen_ext_tl(TCGv dst, TCGv src, MemOp ot, bool sign);
/* reg = reg + t, at size (address arithmetic on ESI/EDI/ECX/ESP). */
void gen_op_add_reg(DisasContext *s, MemOp size, int reg, TCGv t);
void gen_op_add_reg_im(DisasContext *s, MemOp size, int reg, int32_t val);
/* Stack: the stack pointer's size, push (value in t), pop (into t, then
   gen_pop_update after the value has been used). */
MemOp gen_stack_size(DisasContext *s);
void gen_push_v(DisasContext *s, MemOp ot, TCGv t);
void gen_pop_load(DisasContext *s, MemOp ot, TCGv t);
void gen_pop_update(DisasContext *s, MemOp ot);

/* tr-flags.c: lazy flags and conditions (cond: the x86 cc nibble) */
void gen_compute_eflags(DisasContext *s);
void gen_compute_eflags_c(DisasContext *s, TCGv reg);
TCGv gen_adx_flag_in(DisasContext *s, bool of);
void gen_adx_flag_out(DisasContext *s, bool of, TCGv flag);
void gen_setcc1(DisasContext *s, int cond, TCGv reg);
/* dest = cond ? t : f; t and f must not be s->tmp0 or s->tmp4 */
void gen_cmovcc1(DisasContext *s, int cond, TCGv dest, TCGv t, TCGv f);
/* Branch to l when cond holds; flushes cc_op first. */
void gen_jcc1(DisasContext *s, int cond, TCGLabel *l);
/* The same where both ways lead straight to TB exits (gen_jmp_tb), each
   storing the cc_op itself if it leaves for cpu_exec. */
void gen_jcc_to_exits(DisasContext *s, int cond, TCGLabel *l);
enum { JCC_O, JCC_B, JCC_Z, JCC_BE, JCC_S, JCC_P, JCC_L, JCC_LE };

/* translate.c: TB exits */
/* Jump to eip, through goto_tb slot n when chaining is allowed. */
void gen_jmp_tb(DisasContext *s, target_ulong eip, int n);
/* env->eip already set: leave for the TB at env->eip. */
void gen_eob(DisasContext *s);
/* Store t as the new eip (masked to the operand size) and gen_eob. */
void gen_jmp_reg(DisasContext *s, MemOp ot, TCGv t);
/* Whether gen_jmp_reg chains to its first target (cc_op static, chaining
   allowed, no -d exec) instead of leaving through gen_eob. */
bool jmp_reg_chains(DisasContext *s);
/* The TB flags an exit here leaves with (its key but pc and cs_base):
   this TB's but its static cc_op. */
uint32_t exit_tb_flags(DisasContext *s);

/* eip of the instruction being translated, and of the next one. */
static inline target_ulong insn_eip(DisasContext *s)
{
    return s->pc_start - s->cs_base;
}

static inline target_ulong insn_next_eip(DisasContext *s)
{
    return s->pc - s->cs_base;
}

/* Emitters, by family. */
/* emit-arith.c */
enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };
void emit_alu(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_test(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_incdec(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_not(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_neg(CPUX86State *env, DisasContext *s, X86Decoded *d);
enum { ADX_CARRY, ADX_OVERFLOW };
void emit_adx(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-move.c */
void emit_mov(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_lea(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_movzx(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_movsx(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_movsxd(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_xchg(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_xadd(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_cmpxchg(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_cmpxchg8b(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_cbw(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_cwd(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_xlat(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_bswap(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_movbe(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_cmov(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_setcc(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-shift.c */
enum { SHIFT_ROL, SHIFT_ROR, SHIFT_RCL, SHIFT_RCR, SHIFT_SHL, SHIFT_SHR,
       SHIFT_SAL, SHIFT_SAR };
void emit_shift(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_shxd(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-muldiv.c */
void emit_mul(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_imul1(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_imul(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_div(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-bitops.c */
enum { BT_TEST, BT_SET, BT_RESET, BT_COMPLEMENT };
void emit_bt(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_bsf(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_bsr(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_tzcnt(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_lzcnt(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_popcnt(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-bmi.c: BMI1 and BMI2 (VEX-encoded, op1 destination) */
enum { BLS_R, BLS_MSK, BLS_I };
enum { BITS_EXTRACT, BITS_DEPOSIT };
void emit_andn(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_bextr(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_blsx(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_bzhi(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_mulx(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_pdep_pext(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_rorx(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_shiftx(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-string.c */
enum { STR_MOVS, STR_CMPS, STR_STOS, STR_LODS, STR_SCAS };
void emit_string(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-control.c */
void emit_jcc(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_jmp(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_jmp_ind(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_call(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_call_ind(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_ret(CPUX86State *env, DisasContext *s, X86Decoded *d);
enum { LOOP_NE, LOOP_E, LOOP_ALWAYS, LOOP_JCXZ };
void emit_loop(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_int3(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_int(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_syscall(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_privileged(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_sysexit(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_mov_crdr(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_int1(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_into(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_bound(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-far.c */
enum { FAR_DIRECT, FAR_MEM };
void emit_lret(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_iret(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_ljmp(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_lcall(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_load_far_ptr(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-stack.c */
void emit_push(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_pop(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_pushf(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_popf(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_enter(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_leave(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_pusha(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_popa(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_push_seg(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_pop_seg(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-misc.c */
enum { FLAGOP_CLC, FLAGOP_STC, FLAGOP_CMC, FLAGOP_CLD, FLAGOP_STD };
void emit_arpl(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_salc(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_flagop(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_lahf(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_sahf(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_nop(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_fwait(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_cpuid(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_rdtsc(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_group7_7(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_group7_2(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_xsavec(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_crc32(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_mov_from_seg(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_mov_to_seg(CPUX86State *env, DisasContext *s, X86Decoded *d);
/* emit-system.c */
enum { SYSREG_LDTR, SYSREG_TR, SYSREG_CR0 };
void emit_store_sysreg(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_lar_lsl(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_verify(CPUX86State *env, DisasContext *s, X86Decoded *d);
enum { BCD_DAA, BCD_DAS, BCD_AAA, BCD_AAS, BCD_AAM, BCD_AAD };
void emit_bcd(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_grp15(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_sse(CPUX86State *env, DisasContext *s, X86Decoded *d);
void emit_fpu(CPUX86State *env, DisasContext *s, X86Decoded *d);

#endif
