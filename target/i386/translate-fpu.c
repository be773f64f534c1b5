/*
 * translate-fpu.c: translation of the x87 escape opcodes D8..DF
 * (disas_fpu, called by the integer decoder with the ModRM byte fetched).
 * Memory forms and register forms each have a table indexed by the opcode's
 * low three bits and the ModRM reg field; a few encodings that exist for a
 * single ModRM byte are listed on their own.  All the work is done by the
 * helpers in fpu_helper.c and fpu_state_helper.c.  Every instruction but
 * the FN* control ones (fnstenv, fnsave, fnstcw, fnstsw, fnclex, fninit and
 * the 8087 leftovers) first waits: helper_fwait delivers a pending unmasked
 * exception, as checked on hardware.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "translate.h"
#include "decode.h"
#include "exec/helper-proto.h"
#include "exec/helper-gen.h"
#include "fpu-ops.h"

/*
 * What FNSTENV, FNSAVE and FXSAVE report of the last non-control x87
 * instruction: its address (prefixes included), opcode (the escape byte's
 * low three bits and ModRM) and CS, and for a memory form (offset not
 * NULL) the operand's offset, without the segment's base, and the
 * selector of its segment.  Emitted after the operation, so that an
 * instruction that faults, or that delivers a pending exception first,
 * leaves the previous ones (measured on this host, which also shows that
 * FNCLEX, FNINIT, FLDCW, FNSTCW, FNSTSW, FLDENV, FNSTENV, FRSTOR, FNSAVE,
 * FWAIT and the 8087 leftovers leave them).
 */
static void gen_x87_pointers(DisasContext *s, int b, int modrm, TCGv offset, int seg)
{
    TCGv_i64 v = tcg_const_i64(insn_eip(s));
    TCGv_i32 t = tcg_const_i32((b & 7) << 8 | modrm);

    tcg_gen_st_i64(v, cpu_env, offsetof(CPUX86State, fpip));
    tcg_gen_st16_i32(t, cpu_env, offsetof(CPUX86State, fpop));
    tcg_gen_ld_i32(t, cpu_env, offsetof(CPUX86State, segs[R_CS].selector));
    tcg_gen_st16_i32(t, cpu_env, offsetof(CPUX86State, fpcs));
    if (offset) {
        tcg_gen_extu_tl_i64(v, offset);
        tcg_gen_st_i64(v, cpu_env, offsetof(CPUX86State, fpdp));
        tcg_gen_ld_i32(t, cpu_env, offsetof(CPUX86State, segs[seg].selector));
        tcg_gen_st16_i32(t, cpu_env, offsetof(CPUX86State, fpds));
    }
    tcg_temp_free_i64(v);
    tcg_temp_free_i32(t);
}

/* ---- memory forms ---- */

enum {
    M_NONE, M_ARITH, M_LOAD, M_STORE, M_LDENV, M_STENV, M_LDCW, M_STCW,
    M_RSTOR, M_SAVE, M_STSW,
};

typedef struct X87MemOp {
    uint8_t kind;
    uint8_t fmt;        /* X87_FMT_* */
    bool pop;
    uint8_t feature;    /* FEAT_*: the CPUID bit it needs */
} X87MemOp;

#define MA(f, p)  { M_ARITH, X87_FMT_##f, p }
#define ML(f)     { M_LOAD, X87_FMT_##f, false }
#define MS(f, p)  { M_STORE, X87_FMT_##f, p }
#define MT(f)     { M_STORE, X87_FMT_##f, true, FEAT_SSE3 }   /* fisttp */
#define MK(k)     { k }
/* fadd fmul fcom fcomp fsub fsubr fdiv fdivr with one operand format */
#define M_ARITH_ROW(f) { MA(f, 0), MA(f, 0), MA(f, 0), MA(f, 1), \
                         MA(f, 0), MA(f, 0), MA(f, 0), MA(f, 0) }

static const X87MemOp x87_mem_ops[8][8] = {
    [0] = M_ARITH_ROW(F32),
    [1] = { ML(F32), MK(M_NONE), MS(F32, 0), MS(F32, 1),
            MK(M_LDENV), MK(M_LDCW), MK(M_STENV), MK(M_STCW) },
    [2] = M_ARITH_ROW(I32),
    [3] = { ML(I32), MT(T32), MS(I32, 0), MS(I32, 1),
            MK(M_NONE), ML(F80), MK(M_NONE), MS(F80, 1) },
    [4] = M_ARITH_ROW(F64),
    [5] = { ML(F64), MT(T64), MS(F64, 0), MS(F64, 1),
            MK(M_RSTOR), MK(M_NONE), MK(M_SAVE), MK(M_STSW) },
    [6] = M_ARITH_ROW(I16),
    [7] = { ML(I16), MT(T16), MS(I16, 0), MS(I16, 1),
            ML(BCD), ML(I64), MS(BCD, 1), MS(I64, 1) },
};

static bool disas_fpu_mem(CPUX86State *env, DisasContext *s, int b, int modrm)
{
    int reg = (modrm >> 3) & 7;
    const X87MemOp *op = &x87_mem_ops[b & 7][reg];
    TCGv_i32 fmt = s->tmp2_i32, arg = s->tmp3_i32;
    TCGv offset;
    X86Addr a;
    int seg;

    if (op->kind == M_NONE || !x86_feature_present(s, op->feature)) {
        return false;
    }
    if (op->kind != M_STENV && op->kind != M_SAVE && op->kind != M_STCW &&
        op->kind != M_STSW) {
        gen_helper_fwait(cpu_env);
    }
    s->rip_offset = 0;
    decode_modrm_address(env, s, modrm, &a);
    gen_lea_addr(s, &a, false);
    offset = tcg_temp_new();
    tcg_gen_mov_tl(offset, s->A0);
    gen_lea_v_seg(s, s->aflag, s->A0, addr_default_seg(&a), s->override);
    tcg_gen_movi_i32(fmt, op->fmt);
    /* the reg field for arithmetic, the 32-bit image flag for env images */
    tcg_gen_movi_i32(arg, op->kind == M_ARITH ? reg : s->dflag != MO_16);
    switch (op->kind) {
    case M_ARITH:
        gen_helper_farith_mem(cpu_env, s->A0, fmt, arg);
        break;
    case M_LOAD:
        gen_helper_fld_mem(cpu_env, s->A0, fmt);
        break;
    case M_STORE:
        gen_helper_fst_mem(cpu_env, s->A0, fmt);
        break;
    case M_LDENV:
        gen_helper_fldenv(cpu_env, s->A0, arg);
        break;
    case M_STENV:
        gen_helper_fnstenv(cpu_env, s->A0, arg);
        break;
    case M_RSTOR:
        gen_helper_frstor(cpu_env, s->A0, arg);
        break;
    case M_SAVE:
        gen_helper_fnsave(cpu_env, s->A0, arg);
        break;
    case M_LDCW:
        tcg_gen_qemu_ld_i32(s->tmp2_i32, s->A0, s->mem_index, MO_LEUW);
        gen_helper_fldcw(cpu_env, s->tmp2_i32);
        break;
    case M_STCW:
        tcg_gen_ld16u_i32(s->tmp2_i32, cpu_env, offsetof(CPUX86State, fpuc));
        tcg_gen_qemu_st_i32(s->tmp2_i32, s->A0, s->mem_index, MO_LEUW);
        break;
    case M_STSW:
        gen_helper_fnstsw(s->tmp2_i32, cpu_env);
        tcg_gen_qemu_st_i32(s->tmp2_i32, s->A0, s->mem_index, MO_LEUW);
        break;
    }
    if (op->kind == M_ARITH || op->kind == M_LOAD || op->kind == M_STORE) {
        seg = s->override >= 0 ? s->override : addr_default_seg(&a);
        gen_x87_pointers(s, b, modrm, offset, seg);
    }
    tcg_temp_free(offset);
    if (op->pop) {
        gen_helper_fpop(cpu_env);
    }
    return true;
}

/* ---- register forms ---- */

/* The kinds from R_FNCLEX on do not wait (no helper_fwait first) and
   leave the x87 pointers. */
enum {
    R_NONE, R_ARITH_ST0, R_ARITH_STI, R_COM, R_COMI, R_FLD, R_FXCH, R_FST,
    R_FST_NOCHECK,
    R_FFREE, R_FCMOV, R_SPECIAL, R_NOP, R_FNCLEX, R_FNINIT, R_FNSTSW_AX,
    R_FNNOP,            /* feni, fdisi, fsetpm: no-ops */
};

typedef struct X87RegOp {
    uint8_t kind;
    uint8_t arg;        /* arith op, fcmov condition, or compare quietness */
    uint8_t pops;
} X87RegOp;

#define RA0(op)      { R_ARITH_ST0, X87_OP_##op, 0 }
/* ST(i) = ST(i) op ST0: the encoding names SUB/SUBR, DIV/DIVR swapped */
#define RAI(op, p)   { R_ARITH_STI, X87_OP_##op, p }
#define RCOM(q, p)   { R_COM, q, p }
#define RCOMI(q, p)  { R_COMI, q, p }
#define RCMOV(c)     { R_FCMOV, c, 0 }
#define RK(k, p)     { k, 0, p }

/*
 * The undocumented aliases real processors execute (sandpile.org's x87
 * map): DF D0+i and DF D8+i are FSTP ST(i), D9 D8+i too but without the
 * stack check (as this AMD host does it); DD C8+i and DF C8+i are FXCH;
 * DC D0+i is FCOM, DC D8+i and DE D0+i are FCOMP.
 */
static const X87RegOp x87_reg_ops[8][8] = {
    [0] = { RA0(ADD), RA0(MUL), RCOM(0, 0), RCOM(0, 1),
            RA0(SUB), RA0(SUBR), RA0(DIV), RA0(DIVR) },
    [1] = { RK(R_FLD, 0), RK(R_FXCH, 0), RK(R_NONE, 0), RK(R_FST_NOCHECK, 1),
            RK(R_SPECIAL, 0), RK(R_SPECIAL, 0), RK(R_SPECIAL, 0), RK(R_SPECIAL, 0) },
    [2] = { RCMOV(0), RCMOV(1), RCMOV(2), RCMOV(3) },
    [3] = { RCMOV(4), RCMOV(5), RCMOV(6), RCMOV(7),
            RK(R_NONE, 0), RCOMI(1, 0), RCOMI(0, 0) },
    [4] = { RAI(ADD, 0), RAI(MUL, 0), RCOM(0, 0), RCOM(0, 1),
            RAI(SUBR, 0), RAI(SUB, 0), RAI(DIVR, 0), RAI(DIV, 0) },
    [5] = { RK(R_FFREE, 0), RK(R_FXCH, 0), RK(R_FST, 0), RK(R_FST, 1),
            RCOM(1, 0), RCOM(1, 1) },
    [6] = { RAI(ADD, 1), RAI(MUL, 1), RCOM(0, 1), RK(R_NONE, 0),
            RAI(SUBR, 1), RAI(SUB, 1), RAI(DIVR, 1), RAI(DIV, 1) },
    [7] = { RK(R_FFREE, 1), RK(R_FXCH, 0), RK(R_FST, 1), RK(R_FST, 1),
            RK(R_NONE, 0), RCOMI(1, 1), RCOMI(0, 1) },
};

/* Encodings that exist for one ModRM byte only; they override the table. */
static const struct {
    uint8_t opcode, modrm;
    X87RegOp op;
} x87_single_ops[] = {
    { 0xd9, 0xd0, RK(R_NOP, 0) },        /* fnop */
    { 0xda, 0xe9, RCOM(1, 2) },          /* fucompp */
    { 0xdb, 0xe0, RK(R_FNNOP, 0) },      /* feni, fdisi, fsetpm: 8087/287 */
    { 0xdb, 0xe1, RK(R_FNNOP, 0) },
    { 0xdb, 0xe4, RK(R_FNNOP, 0) },
    { 0xdb, 0xe2, RK(R_FNCLEX, 0) },
    { 0xdb, 0xe3, RK(R_FNINIT, 0) },
    { 0xde, 0xd9, RCOM(0, 2) },          /* fcompp */
    { 0xdf, 0xe0, RK(R_FNSTSW_AX, 0) },
};

static const X87RegOp *x87_reg_op(int b, int modrm)
{
    for (size_t i = 0; i < ARRAY_SIZE(x87_single_ops); i++) {
        if (x87_single_ops[i].opcode == b && x87_single_ops[i].modrm == modrm) {
            return &x87_single_ops[i].op;
        }
    }
    return &x87_reg_ops[b & 7][(modrm >> 3) & 7];
}

static bool disas_fpu_reg(CPUX86State *env, DisasContext *s, int b, int modrm)
{
    const X87RegOp *op = x87_reg_op(b, modrm);
    TCGv_i32 sti = s->tmp2_i32, arg = s->tmp3_i32;
    int special = modrm - 0xe0;
    TCGv_i32 st0;

    if (op->kind == R_NONE ||
        (op->kind == R_SPECIAL && !(X87_SPECIAL_VALID & (1u << special)))) {
        return false;
    }
    if (op->kind < R_FNCLEX) {
        gen_helper_fwait(cpu_env);
    }
    tcg_gen_movi_i32(sti, modrm & 7);
    tcg_gen_movi_i32(arg, op->kind == R_SPECIAL ? special : op->arg);
    st0 = tcg_const_i32(0);
    switch (op->kind) {
    case R_ARITH_ST0:
        gen_helper_farith_reg(cpu_env, st0, sti, arg);
        break;
    case R_ARITH_STI:
        gen_helper_farith_reg(cpu_env, sti, st0, arg);
        break;
    case R_COM:
        gen_helper_fcom(cpu_env, sti, arg);
        break;
    case R_COMI: {
        TCGv_i32 flags = tcg_temp_new_i32();
        gen_update_cc_op(s);
        gen_helper_fcomi(flags, cpu_env, sti, arg);
        set_cc_op(s, CC_OP_EFLAGS);
        tcg_gen_extu_i32_tl(cpu_cc_src, flags);
        tcg_temp_free_i32(flags);
        break;
    }
    case R_FLD:
        gen_helper_fld_sti(cpu_env, sti);
        break;
    case R_FXCH:
        gen_helper_fxch(cpu_env, sti);
        break;
    case R_FST:
        gen_helper_fst_sti(cpu_env, sti);
        break;
    case R_FST_NOCHECK:
        gen_helper_fst_sti_nocheck(cpu_env, sti);
        break;
    case R_FFREE:
        gen_helper_ffree(cpu_env, sti);
        break;
    case R_FCMOV:
        gen_update_cc_op(s);
        gen_helper_fcmov(cpu_env, sti, arg);
        break;
    case R_SPECIAL:
        gen_helper_fpu_special(cpu_env, arg);
        break;
    case R_NOP:
    case R_FNNOP:
        break;
    case R_FNCLEX:
        gen_helper_fnclex(cpu_env);
        break;
    case R_FNINIT:
        gen_helper_fninit(cpu_env);
        break;
    case R_FNSTSW_AX:
        gen_helper_fnstsw(s->tmp2_i32, cpu_env);
        tcg_gen_extu_i32_tl(s->T0, s->tmp2_i32);
        gen_op_mov_reg_v(s, OT_WORD, R_EAX, s->T0);
        break;
    }
    tcg_temp_free_i32(st0);
    if (op->kind < R_FNCLEX) {
        gen_x87_pointers(s, b, modrm, NULL, -1);
    }
    for (int i = 0; i < op->pops; i++) {
        gen_helper_fpop(cpu_env);
    }
    return true;
}

/* XINUSE[0] (xsave_helper.c): every x87 instruction but FNINIT sets it. */
static void gen_x87_in_use(int b, int modrm)
{
    if (!(b == 0xdb && modrm == 0xe3)) {
        TCGv_i32 one = tcg_const_i32(1);

        tcg_gen_st8_i32(one, cpu_env, offsetof(CPUX86State, x87_in_use));
        tcg_temp_free_i32(one);
    }
}

bool disas_fpu(CPUX86State *env, DisasContext *s, int b, int modrm)
{
    if (b < 0xd8 || b > 0xdf) {
        return false;
    }
    gen_x87_in_use(b, modrm);
    if ((modrm >> 6) != 3) {
        return disas_fpu_mem(env, s, b, modrm);
    }
    return disas_fpu_reg(env, s, b, modrm);
}
