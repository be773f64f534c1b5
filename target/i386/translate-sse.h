/*
 * translate-sse.h: what the SSE translator's two halves share.
 * translate-sse.c holds the operand plumbing, the generic emitters and the
 * 0F-map table (MMX, SSE, SSE2, SSE3); translate-sse-3byte.c the 0F 38 and
 * 0F 3A tables (SSSE3, SSE4.1, SSE4.2, AES-NI, PCLMULQDQ) and the emitters
 * only they use.  A table entry (SSEOp) names the emitter of its operand
 * form and the helper or inline expansion doing the work; disas_sse()
 * looks it up by opcode and mandatory prefix.
 */
#ifndef I386_TRANSLATE_SSE_H
#define I386_TRANSLATE_SSE_H

#include "cpu.h"
#include "decode.h"
#include "exec/helper-proto.h"
#include "exec/helper-gen.h"

typedef struct SSEOp SSEOp;
typedef void (*SSEGenBinop)(TCGv_ptr env, TCGv_ptr d, TCGv_ptr s);
typedef void (*SSEGenImmop)(TCGv_ptr env, TCGv_ptr d, TCGv_ptr s, TCGv_i32 imm);
typedef void (*SSEGenMask)(TCGv_i32 ret, TCGv_ptr env, TCGv_ptr s);
typedef void (*SSEGenComis)(TCGv_i32 ret, TCGv_ptr env, TCGv_ptr d, TCGv_ptr s);
typedef void (*SSEGenLogic)(TCGv_i64 ret, TCGv_i64 d, TCGv_i64 s);
typedef void (*SSEGenToInt32)(TCGv_i32 ret, TCGv_ptr env, TCGv_ptr s);
typedef void (*SSEGenFromInt32)(TCGv_ptr env, TCGv_ptr d, TCGv_i32 v);
typedef void (*SSEGenMaskMov)(TCGv_ptr env, TCGv_ptr d, TCGv_ptr mask, TCGv a);
typedef void (*SSEGenStrcmp)(TCGv_i32 ret, TCGv_ptr env, TCGv_ptr d, TCGv_ptr s,
                             TCGv_i32 imm, TCGv la, TCGv ld);
typedef void (*SSEGenStrcmpImplicit)(TCGv_i32 ret, TCGv_ptr env, TCGv_ptr d,
                                     TCGv_ptr s, TCGv_i32 imm);
#ifdef TARGET_X86_64
typedef void (*SSEGenToInt64)(TCGv_i64 ret, TCGv_ptr env, TCGv_ptr s);
typedef void (*SSEGenFromInt64)(TCGv_ptr env, TCGv_ptr d, TCGv_i64 v);
#endif

/* Returns false (before emitting anything) for an invalid operand form. */
typedef bool (*SSEEmit)(CPUX86State *env, DisasContext *s, const SSEOp *op,
                        int modrm);

enum { MOVE_LOAD, MOVE_STORE };
/* flags */
#define MOVE_MEM_ONLY   1   /* the register form of this encoding is #UD */
#define MOVE_ZERO_MEM   2   /* from memory: zero the rest of the register */
#define MOVE_ZERO_REG   4   /* between registers: zero the rest of the dest */
#define MOVE_REG_ONLY   8   /* the memory form of this encoding is #UD */
#define OP_REG_MM       16  /* ModRM.reg is an mm register */
#define OP_RM_MM        32  /* a register ModRM.rm is an mm register */
#define OP_MMX          (OP_REG_MM | OP_RM_MM)
#define OP_NO_MODRM     64  /* the opcode is the whole instruction (emms) */
/* A 16-byte memory operand need not be aligned (movups, movdqu, lddqu,
   the string compares); every other one must be, or #GP. */
#define OP_ANY_ALIGN    128
#define OP_REX_W_QUAD   256 /* pextrd/pinsrd: with REX.W, pextrq/pinsrq */

struct SSEOp {
    SSEEmit emit;
    union {
        SSEGenBinop binop;
        SSEGenImmop immop;
        SSEGenMask mask;
        SSEGenComis comis;
        SSEGenLogic logic;
        SSEGenMaskMov maskmov;
        SSEGenStrcmp strcmp;
        SSEGenStrcmpImplicit strcmp_implicit;
        const SSEGenBinop *cmp_family;     /* by predicate imm8 & 7 */
        const struct SSEShiftImm *shift_group; /* by ModRM.reg */
        struct {
            SSEGenToInt32 l;
#ifdef TARGET_X86_64
            SSEGenToInt64 q;
#endif
        } to_int;
        struct {
            SSEGenFromInt32 l;
#ifdef TARGET_X86_64
            SSEGenFromInt64 q;
#endif
        } from_int;
    } gen;
    uint8_t size;       /* bytes of the memory operand */
    uint8_t dir;        /* moves: MOVE_LOAD into the reg operand, or STORE */
    uint8_t reg_lane;   /* moves: byte offset in the ModRM.reg register */
    uint8_t rm_lane;    /* moves: byte offset in a ModRM.rm register */
    uint8_t out_size;   /* mm conversions: result bytes for the reg operand */
    uint8_t feature;    /* FEAT_*: #UD unless CPUID advertises it */
    uint16_t flags;
};

/* ---- operands (translate-sse.c) ---- */

static inline bool modrm_is_reg(int modrm)
{
    return (modrm >> 6) == 3;
}

/* ModRM.reg / ModRM.rm register numbers (XMM or GPR) with REX */
static inline int modrm_reg(DisasContext *s, int modrm)
{
    return ((modrm >> 3) & 7) | s->rex_r;
}

static inline int modrm_rm(DisasContext *s, int modrm)
{
    return (modrm & 7) | s->rex_b;
}

static inline int xmm_offset(int reg)
{
    return offsetof(CPUX86State, xmm_regs[reg].xmm);
}

#define XMM_T0_OFFSET offsetof(CPUX86State, xmm_t0)

/* env offsets of the ModRM.reg / register ModRM.rm operand (mm or xmm) */
int reg_operand(DisasContext *s, const SSEOp *op, int modrm);
int rm_operand(DisasContext *s, const SSEOp *op, int modrm);
/* p = env + offset */
TCGv_ptr env_ptr(TCGv_ptr p, int offset);
/* After writing the register at offset (mm registers: x87 exponent). */
void gen_vector_written(DisasContext *s, int offset);
/* Effective address of the memory operand; imm_bytes follow the ModRM. */
void gen_operand_address(CPUX86State *env, DisasContext *s, int modrm,
                         int imm_bytes);
/* op->size bytes at s->A0 into env at offset, #GP if a 16-byte operand
   must be aligned and is not. */
void gen_load_operand_env(DisasContext *s, const SSEOp *op, int offset);
/* size bytes between env at offset and s->A0 (any size 1..16) */
void gen_store_env(DisasContext *s, int size, int offset);
void gen_copy_env(DisasContext *s, int size, int dst, int src);
/*
 * The env offset of the ModRM.rm source: a register, or the memory
 * operand (op->size bytes) staged in xmm_t0.
 */
int gen_source(CPUX86State *env, DisasContext *s, const SSEOp *op,
               int modrm, int imm_bytes);
/* 32- or 64-bit general register size: REX.W */
static inline int gpr_size(DisasContext *s)
{
    return s->rex_w ? OT_QUAD : OT_LONG;
}

/* ---- generic emitters (translate-sse.c) ---- */

/* d = op(d, s) */
bool emit_binop(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm);
/* d = op(d, s, imm8) */
bool emit_immop(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm);
/* a lane of op->size bytes between reg and rm */
bool emit_move(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm);
/* EFLAGS = op(d, s): the helper returns ZF/PF/CF, the others are cleared */
bool emit_comis(CPUX86State *env, DisasContext *s, const SSEOp *op, int modrm);

/* Table entries; the optional trailing arguments are more designated
   initializers, such as .feature = FEAT_SSSE3 or .flags = OP_ANY_ALIGN. */
#define BINOP(h, sz, ...) \
    { emit_binop, .gen.binop = gen_helper_##h, .size = sz, ##__VA_ARGS__ }
#define IMMOP(h, sz, ...) \
    { emit_immop, .gen.immop = gen_helper_##h, .size = sz, ##__VA_ARGS__ }
#define MOVE(d, sz, rl, ml, fl, ...) \
    { emit_move, .dir = d, .size = sz, .reg_lane = rl, .rm_lane = ml, \
      .flags = fl, ##__VA_ARGS__ }
#define LOAD(sz, fl, ...)   MOVE(MOVE_LOAD, sz, 0, 0, fl, ##__VA_ARGS__)
#define STORE(sz, fl, ...)  MOVE(MOVE_STORE, sz, 0, 0, fl, ##__VA_ARGS__)
/* the mm form of an integer op: helper NAME_mmx, sz bytes of memory */
#define MM_BINOP(h, sz, ...) \
    { emit_binop, .gen.binop = gen_helper_##h##_mmx, .size = sz, \
      .flags = OP_MMX, ##__VA_ARGS__ }

/* ---- the 0F 38 and 0F 3A tables (translate-sse-3byte.c) ---- */
extern const SSEOp sse_0f38_table[256][MP_COUNT];
extern const SSEOp sse_0f3a_table[256][MP_COUNT];

#endif
