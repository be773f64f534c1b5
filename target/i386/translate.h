/*
 * translate.h: what the x86 translator's parts share.  The decoder and the
 * integer instructions live in translate.c and decode*.c; the SSE and x87
 * instructions in translate-sse.c and translate-fpu.c use the operand
 * helpers declared here.
 */
#ifndef I386_TRANSLATE_H
#define I386_TRANSLATE_H

#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"

/* Prefix bits in DisasContext.prefix */
#define PREFIX_REPZ   0x01
#define PREFIX_REPNZ  0x02
#define PREFIX_LOCK   0x04
#define PREFIX_DATA   0x08   /* 0x66 */
#define PREFIX_ADR    0x10   /* 0x67 */
#define PREFIX_VEX    0x20
#define PREFIX_REX    0x40

/* The mandatory prefix that selects among an opcode's forms (SSE tables,
   decode-tables.c's by_prefix entries): the last of F2/F3, else 0x66, else
   none; for VEX, VEX.pp.  x86_mandatory_prefix() (decode.c) gives it. */
enum { MP_NONE, MP_66, MP_F3, MP_F2, MP_COUNT };

/* Operand sizes as MemOp sizes */
typedef enum { OT_BYTE = MO_8, OT_WORD = MO_16, OT_LONG = MO_32, OT_QUAD = MO_64 } X86OpSize;

typedef struct DisasContext {
    DisasContextBase base;

    /* current instruction */
    target_ulong pc_start;   /* address of the insn being translated */
    target_ulong cs_base;    /* pc is linear: eip = pc - cs_base */
    target_ulong pc;         /* next byte to fetch */
    int prefix;
    int override;            /* segment override, -1 none */
    int aflag;               /* address size: MO_16/MO_32/MO_64 */
    int dflag;               /* operand size:  MO_16/MO_32/MO_64 */
    int rex_x, rex_b, rex_r; /* REX extension bits, already shifted to 8 */
    int rex_w;
    bool rex_present;
    int vex_l, vex_v;
    bool code64;             /* 64-bit code segment */
    bool code32;
    bool amd;                /* the CPU model's vendor is AMD: 66 gives
                                64-bit mode's near branches 16 bits */
    int mem_index;           /* MMU index for qemu_ld/st (user: 0) */
    int rip_offset;          /* immediate bytes after the ModRM operand: a
                                RIP-relative address counts from past them;
                                set before gen_lea_modrm, 0 otherwise */

    /* lazy flags state known at translation time */
    CCOp cc_op;
    bool cc_op_dirty;

    /* the return record of the call being translated, NULL when it
       predicts no return (emit-control.c) */
    struct RetSite *ret_site;

    /* guest state snapshot at TB start */
    uint32_t flags;
    int cpuid_features, cpuid_ext_features, cpuid_ext2_features,
        cpuid_ext3_features, cpuid_7_0_ebx_features, cpuid_xsave_features;

    /* scratch temps, allocated per TB */
    TCGv A0;       /* effective address of the memory operand */
    TCGv T0, T1;
    TCGv tmp0, tmp4;
    TCGv_i32 tmp2_i32, tmp3_i32;
    TCGv_i64 tmp1_i64;
    TCGv_ptr ptr0, ptr1;
} DisasContext;

/* TCG globals for the guest state (created once in tcg_x86_init). */
extern TCGv cpu_regs[CPU_NB_REGS];
extern TCGv cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
extern TCGv_i32 cpu_cc_op;
extern TCGv cpu_seg_base[6];
void tcg_x86_init(void);

/* Instruction-stream fetch (advances s->pc). */
uint8_t x86_ldub_code(CPUX86State *env, DisasContext *s);
uint16_t x86_lduw_code(CPUX86State *env, DisasContext *s);
uint32_t x86_ldl_code(CPUX86State *env, DisasContext *s);
uint64_t x86_ldq_code(CPUX86State *env, DisasContext *s);

/*
 * ModRM memory operand: decode the ModRM (+SIB, displacement) whose first
 * byte is modrm, leave the effective address (segment base added when a
 * FS/GS override is present, masked to the address size) in s->A0.
 * Must only be called when mod != 3.
 */
void gen_lea_modrm(CPUX86State *env, DisasContext *s, int modrm);
/* Load / store size ot at s->A0 into / from t. */
void gen_op_ld_v(DisasContext *s, int ot, TCGv t, TCGv a0);
void gen_op_st_v(DisasContext *s, int ot, TCGv t, TCGv a0);
/* 64-bit and 128-bit memory operand moves between guest memory at s->A0
   and a CPUX86State field at offset ofs (for MMX/SSE/x87 helpers). */
void gen_ldq_env_A0(DisasContext *s, int ofs);
void gen_stq_env_A0(DisasContext *s, int ofs);
void gen_ldo_env_A0(DisasContext *s, int ofs);
void gen_sto_env_A0(DisasContext *s, int ofs);
/* Integer register read/write at a size (byte regs honour REX/AH rules). */
void gen_op_mov_v_reg(DisasContext *s, int ot, TCGv t0, int reg);
void gen_op_mov_reg_v(DisasContext *s, int ot, int reg, TCGv t0);

/* Flush the known cc_op to env and set it (lazy flags bookkeeping). */
void set_cc_op(DisasContext *s, CCOp op);
void gen_update_cc_op(DisasContext *s);
void gen_discard_unused_cc(DisasContext *s);
/* Write the current instruction's pc to env->eip. */
void gen_jmp_im(DisasContext *s, target_ulong pc);
/* Raise exception trapno at the current instruction; ends the TB. */
void gen_exception(DisasContext *s, int trapno, target_ulong cur_eip);
void gen_gp_unless_canonical(DisasContext *s, TCGv v);
void gen_seg_load_done(DisasContext *s, int seg);
/* Raise #UD (guest SIGILL) at the current instruction; ends the TB. */
void gen_illegal_opcode(DisasContext *s);
/* Raise #GP for an instruction longer than 15 bytes; ends the TB. */
void gen_overlong_insn(DisasContext *s);

/*
 * Entry points the integer decoder calls for the other parts.
 *   b: opcode in the 0x0f map as 0x100 | byte (0x0f 0x38 xx as 0x13800 | xx,
 *      0x0f 0x3a xx as 0x13a00 | xx); s->pc points at the ModRM byte and
 *      the prefixes are in s->prefix / s->rex_*.
 * They return false when the opcode is not theirs or not implemented, in
 * which case the caller raises #UD.
 */
bool disas_sse(CPUX86State *env, DisasContext *s, int b);
int x86_mandatory_prefix(DisasContext *s);
/* x87 escape opcodes 0xd8..0xdf; modrm already fetched. */
bool disas_fpu(CPUX86State *env, DisasContext *s, int b, int modrm);

#endif
