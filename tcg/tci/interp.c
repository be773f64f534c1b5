/*
 * interp.c: the interpreter backend's executor.  tcg_qemu_tb_exec() runs
 * the bytecode that tcg-target.c.inc wrote for a TB (format: bytecode.h,
 * instructions: insns.h, design: docs/devel/tci.md) on sixteen 64-bit
 * virtual registers and a spill frame, following goto_tb chains and
 * goto_ptr lookups from TB to TB as generated code would, until an exit_tb
 * hands a value back to the execution loop.  32-bit values are kept
 * zero-extended in their registers: every i32 handler cuts its own result.
 *
 * Dispatch is threaded: each handler ends by loading the next
 * instruction's first word and jumping through the handler table (GCC's
 * and clang's computed goto), so each has its own indirect jump for the
 * branch predictor, and decodes only what its instruction has.
 *
 * Guest memory is reached as the x86-64 backend reaches it: guest_base +
 * address, with the span check of multi-part stores; in a CF_CHECKED TB
 * through the software TLB, a miss calling helper_tlb_load/store.  The
 * position of the instruction under way is recorded (tcg/tci.h) so that a
 * host fault or a helper's fault restores the right guest instruction.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/cputlb.h"
#include "tcg-internal.h"
#include "tcg-target.h"
#include "bytecode.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the interpreter stores guest (little-endian) values as they are in host memory"
#endif
QEMU_UNUSED static const char tci_needs_64bit_host[sizeof(void *) == 8 ? 1 : -1];

__thread uintptr_t tci_call_site;
__thread uintptr_t tci_access_site;
__thread bool tci_access_is_write;

static int32_t word32(const uint8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t word64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint64_t tci_rotl(uint64_t v, unsigned n, bool is64)
{
    unsigned bits = is64 ? 64 : 32;

    n &= bits - 1;
    if (!is64) {
        v = (uint32_t)v;
    }
    return n ? v << n | v >> (bits - n) : v;
}

static uint64_t tci_clz(uint64_t v, uint64_t zero_val, bool is64)
{
    if (!is64) {
        return (uint32_t)v ? __builtin_clz((uint32_t)v) : zero_val;
    }
    return v ? __builtin_clzll(v) : zero_val;
}

static uint64_t tci_ctz(uint64_t v, uint64_t zero_val, bool is64)
{
    if (!is64) {
        return (uint32_t)v ? __builtin_ctz((uint32_t)v) : zero_val;
    }
    return v ? __builtin_ctzll(v) : zero_val;
}

/* hi:lo = a * b, unsigned or signed, at the op's width. */
static void tci_mul2(uint64_t a, uint64_t b, bool is_signed, bool is64,
                     uint64_t *lo, uint64_t *hi)
{
    if (!is64) {
        uint64_t p = is_signed ? (uint64_t)((int64_t)(int32_t)a * (int32_t)b)
                               : (uint64_t)(uint32_t)a * (uint32_t)b;
        *lo = (uint32_t)p;
        *hi = p >> 32;
    } else if (is_signed) {
        __int128 p = (__int128)(int64_t)a * (int64_t)b;
        *lo = (uint64_t)p;
        *hi = (uint64_t)((unsigned __int128)p >> 64);
    } else {
        unsigned __int128 p = (unsigned __int128)a * b;
        *lo = (uint64_t)p;
        *hi = (uint64_t)(p >> 64);
    }
}

/*
 * Helper calls.  The helper's signature (helper.h) says which arguments
 * and which result are 32-bit, but not how many arguments there are; on
 * every host the interpreter supports (64-bit ones, each passing at least
 * six integer arguments in registers that the caller owns) a helper may be
 * called through a pointer type with TCG_MAX_CALL_ARGS 64-bit arguments:
 * it reads those it declares and ignores the other registers.  So the
 * dispatch is on the result only (32 or 64 bits).  A 32-bit argument is
 * extended as the host ABI wants it: sign-extended whatever its signedness
 * on RISC-V, LoongArch and MIPS, else by its own signedness.
 */
#if defined(__riscv) || defined(__loongarch__) || defined(__mips__)
#define HOST_ABI_SIGN_EXTENDS_INT32 1
#else
#define HOST_ABI_SIGN_EXTENDS_INT32 0
#endif

typedef uint32_t (*TCIHelper32)(uint64_t, uint64_t, uint64_t, uint64_t,
                                uint64_t, uint64_t);
typedef uint64_t (*TCIHelper64)(uint64_t, uint64_t, uint64_t, uint64_t,
                                uint64_t, uint64_t);

static uint64_t tci_call(uintptr_t func, unsigned sizemask,
                         const uint64_t *regs)
{
    uint64_t a[TCG_MAX_CALL_ARGS];
    unsigned i;

    for (i = 0; i < TCG_MAX_CALL_ARGS; i++) {
        unsigned kind = sizemask >> (2 * (i + 1)) & 3;    /* bit 0: 64-bit */

        a[i] = regs[i];
        if (!(kind & 1)) {
            a[i] = (kind & 2) || HOST_ABI_SIGN_EXTENDS_INT32
                   ? (uint64_t)(int64_t)(int32_t)a[i] : (uint32_t)a[i];
        }
    }
    if (!(sizemask & 1)) {
        /* void or i32: a void helper's R0 is dead after the call anyway */
        return ((TCIHelper32)func)(a[0], a[1], a[2], a[3], a[4], a[5]);
    }
    return ((TCIHelper64)func)(a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* ---- guest memory ---- */

static uint64_t host_load(const void *p, MemOp mop)
{
    switch (mop & (MO_SIZE | MO_SIGN)) {
    case MO_UB: return *(const uint8_t *)p;
    case MO_SB: return (int64_t)*(const int8_t *)p;
    case MO_UW: { uint16_t v; memcpy(&v, p, 2); return v; }
    case MO_SW: { int16_t v; memcpy(&v, p, 2); return (int64_t)v; }
    case MO_UL: { uint32_t v; memcpy(&v, p, 4); return v; }
    case MO_SL: { int32_t v; memcpy(&v, p, 4); return (int64_t)v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

static void host_store(void *p, uint64_t val, MemOp mop)
{
    switch (mop & MO_SIZE) {
    case MO_8: *(uint8_t *)p = val; break;
    case MO_16: { uint16_t v = val; memcpy(p, &v, 2); break; }
    case MO_32: { uint32_t v = val; memcpy(p, &v, 4); break; }
    default: memcpy(p, &val, 8); break;
    }
}

/*
 * The host address of the access, or NULL when it takes the out-of-line
 * path: in a checked TB a TLB miss (or a crossing access); elsewhere an
 * address past a 64-bit guest's space (exec/cpu-all.h guest_addr_end: the
 * host memory there may be the emulator's) or a multi-part store whose
 * span crosses a page (the helper checks every page first).  The same
 * decisions as the x86-64 backend's inline code.
 */
static void *guest_host_addr(CPUArchState *env, target_ulong addr, MemOp mop,
                             bool checked, bool is_ld)
{
    if (checked) {
        return tlb_hit(env, addr, memop_span_bytes(mop),
                       is_ld ? PAGE_READ : PAGE_WRITE);
    }
    if (env->guest_addr_end && addr >= env->guest_addr_end) {
        return NULL;
    }
    if ((mop & MO_SPAN_MASK)
        && ((addr ^ (target_ulong)(addr + memop_span_bytes(mop) - 1))
            & TARGET_PAGE_MASK)) {
        return NULL;
    }
    return (void *)(guest_base + (uintptr_t)addr);
}

/* Recorded around the access for the fault handler (tcg/tci.h); the
   signal fences keep the access between the two stores. */
static uint64_t guest_load(CPUArchState *env, target_ulong addr, MemOp mop,
                           bool checked, const uint8_t *insn, uintptr_t next)
{
    void *host = guest_host_addr(env, addr, mop, checked, true);
    uint64_t val;

    if (!host) {
        return helper_tlb_load(env, addr, mop, next);
    }
    tci_access_site = (uintptr_t)insn;
    tci_access_is_write = false;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    val = host_load(host, mop);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    tci_access_site = 0;
    return val;
}

static void guest_store(CPUArchState *env, target_ulong addr, uint64_t val,
                        MemOp mop, bool checked, const uint8_t *insn,
                        uintptr_t next)
{
    void *host = guest_host_addr(env, addr, mop, checked, false);

    if (!host) {
        helper_tlb_store(env, addr, val, mop, next);
        return;
    }
    tci_access_site = (uintptr_t)insn;
    tci_access_is_write = true;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    host_store(host, val, mop);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    tci_access_site = 0;
}

/* ---- the loop ---- */

/* Operands of the instruction whose first word is w (bytecode.h). */
#define REG(k)   regs[(uint8_t)(w >> (8 * (k) + 8))]    /* register rk */
#define X        ((int32_t)(w >> 32))                   /* bytes 4-7 */
#define BYTE(k)  ((uint8_t)(w >> (8 * (k))))
#define DISPATCH() do { w = word64(pc); goto *handler[(uint8_t)w]; } while (0)
#define NEXT(bytes) do { pc += (bytes); DISPATCH(); } while (0)

/* The two widths of an op: its signed and unsigned type. */
#define S_i32 int32_t
#define U_i32 uint32_t
#define S_i64 int64_t
#define U_i64 uint64_t

/* Handlers of a binary op, register and immediate forms: r0 = a OP b. */
#define BINARY(name, w_, expr) \
    L_##name##_##w_: \
        a = REG(1); b = REG(2); REG(0) = (U_##w_)(expr); NEXT(8); \
    L_##name##_##w_##_i: \
        a = REG(1); b = (U_##w_)(S_##w_)X; REG(0) = (U_##w_)(expr); NEXT(8);
/* ... and of both widths, when the expression is the same. */
#define BINARY2(name, expr) BINARY(name, i32, expr) BINARY(name, i64, expr)

#define CMP_eq(w_, a, b) ((U_##w_)(a) == (U_##w_)(b))
#define CMP_ne(w_, a, b) ((U_##w_)(a) != (U_##w_)(b))
#define CMP_lt(w_, a, b) ((S_##w_)(a) < (S_##w_)(b))
#define CMP_ge(w_, a, b) ((S_##w_)(a) >= (S_##w_)(b))
#define CMP_le(w_, a, b) ((S_##w_)(a) <= (S_##w_)(b))
#define CMP_gt(w_, a, b) ((S_##w_)(a) > (S_##w_)(b))
#define CMP_ltu(w_, a, b) ((U_##w_)(a) < (U_##w_)(b))
#define CMP_geu(w_, a, b) ((U_##w_)(a) >= (U_##w_)(b))
#define CMP_leu(w_, a, b) ((U_##w_)(a) <= (U_##w_)(b))
#define CMP_gtu(w_, a, b) ((U_##w_)(a) > (U_##w_)(b))

/* setcond and brcond of one condition, register and immediate forms
   (brcond: r0, r1, x the displacement; brcondi: r0, x, then the
   displacement word). */
#define SETCOND(w_, c, C) \
    L_setcond_##w_##_##c: \
        REG(0) = CMP_##c(w_, REG(1), REG(2)); NEXT(8); \
    L_setcond_##w_##_##c##_i: \
        REG(0) = CMP_##c(w_, REG(1), (S_##w_)X); NEXT(8);
#define BRCOND(w_, c, C) \
    L_brcond_##w_##_##c: \
        NEXT(CMP_##c(w_, REG(0), REG(1)) ? 8 + X : 8); \
    L_brcond_##w_##_##c##_i: \
        NEXT(CMP_##c(w_, REG(0), (S_##w_)X) ? 12 + word32(pc + 8) : 12);
#define CONDS(w_) TCI_CONDS(SETCOND, w_) TCI_CONDS(BRCOND, w_)

/* Handler labels: the table the dispatch jumps through. */
#define H_ONE(name, format) &&L_##name,
#define H_IMM(name) &&L_##name, &&L_##name##_i,
#define H_C(op, c, C) &&L_##op##_##c, &&L_##op##_##c##_i,
#define H_COND(name, fr, fi) TCI_CONDS(H_C, name)

uintptr_t tcg_qemu_tb_exec(void *env_, const void *tb_ptr)
{
    static const void *const handler[TCI_NB_INSNS] = {
        TCI_INSNS(H_ONE, H_ONE, H_IMM, H_COND)
    };
    CPUArchState *env = env_;
    uint64_t regs[TCG_TARGET_NB_REGS] = { 0 };
    uint64_t frame[TCG_FRAME_SLOTS];
    const uint8_t *pc = tb_ptr;
    uint64_t w, a, b, lo, hi;

    regs[TCG_AREG0] = (uintptr_t)env;
    regs[TCG_REG_CALL_STACK] = (uintptr_t)frame;
    DISPATCH();

    /* the allocator's moves and constants */
L_mov:
    REG(0) = REG(1); NEXT(8);
L_movi_s32:
    REG(0) = (int64_t)X; NEXT(8);
L_movi_u32:
    REG(0) = (uint32_t)X; NEXT(8);
L_movi64:
    REG(0) = word64(pc + 8); NEXT(16);
L_sti_i32:
    *(uint32_t *)(uintptr_t)(REG(0) + X) = word32(pc + 8); NEXT(12);
L_sti_i64:
    *(uint64_t *)(uintptr_t)(REG(0) + X) = (int64_t)word32(pc + 8); NEXT(12);

    /* the host side: env fields and spill slots at r1 + x */
#define HOST(type) (*(type *)(uintptr_t)(REG(1) + X))
#define LOADS(bits) \
    L_ld##bits##u_i32: L_ld##bits##u_i64: \
        REG(0) = HOST(uint##bits##_t); NEXT(8); \
    L_ld##bits##s_i32: \
        REG(0) = (uint32_t)HOST(int##bits##_t); NEXT(8); \
    L_ld##bits##s_i64: \
        REG(0) = (int64_t)HOST(int##bits##_t); NEXT(8);
    LOADS(8)
    LOADS(16)
#undef LOADS
L_ld_i32: L_ld32u_i64:
    REG(0) = HOST(uint32_t); NEXT(8);
L_ld32s_i64:
    REG(0) = (int64_t)HOST(int32_t); NEXT(8);
L_ld_i64:
    REG(0) = HOST(uint64_t); NEXT(8);
L_st8_i32: L_st8_i64:
    HOST(uint8_t) = REG(0); NEXT(8);
L_st16_i32: L_st16_i64:
    HOST(uint16_t) = REG(0); NEXT(8);
L_st_i32: L_st32_i64:
    HOST(uint32_t) = REG(0); NEXT(8);
L_st_i64:
    HOST(uint64_t) = REG(0); NEXT(8);
#undef HOST

    /* arithmetic */
    BINARY2(add, a + b)
    BINARY2(sub, a - b)
    BINARY2(mul, a * b)
    BINARY2(and, a & b)
    BINARY2(or, a | b)
    BINARY2(xor, a ^ b)
    BINARY(shl, i32, a << (b & 31))
    BINARY(shl, i64, a << (b & 63))
    BINARY(shr, i32, (uint32_t)a >> (b & 31))
    BINARY(shr, i64, a >> (b & 63))
    BINARY(sar, i32, (int32_t)a >> (b & 31))
    BINARY(sar, i64, (int64_t)a >> (b & 63))
    BINARY(rotl, i32, tci_rotl(a, b, false))
    BINARY(rotl, i64, tci_rotl(a, b, true))
    BINARY(rotr, i32, tci_rotl(a, 32 - (b & 31), false))
    BINARY(rotr, i64, tci_rotl(a, 64 - (b & 63), true))
    BINARY(clz, i32, tci_clz(a, b, false))
    BINARY(clz, i64, tci_clz(a, b, true))
    BINARY(ctz, i32, tci_ctz(a, b, false))
    BINARY(ctz, i64, tci_ctz(a, b, true))

L_neg_i32:
    REG(0) = (uint32_t)-REG(1); NEXT(8);
L_neg_i64:
    REG(0) = -REG(1); NEXT(8);
L_not_i32:
    REG(0) = (uint32_t)~REG(1); NEXT(8);
L_not_i64:
    REG(0) = ~REG(1); NEXT(8);
L_ext8s_i32:
    REG(0) = (uint32_t)(int8_t)REG(1); NEXT(8);
L_ext8s_i64:
    REG(0) = (int64_t)(int8_t)REG(1); NEXT(8);
L_ext16s_i32:
    REG(0) = (uint32_t)(int16_t)REG(1); NEXT(8);
L_ext16s_i64:
    REG(0) = (int64_t)(int16_t)REG(1); NEXT(8);
L_ext32s_i64: L_ext_i32_i64:
    REG(0) = (int64_t)(int32_t)REG(1); NEXT(8);
L_ext8u_i32: L_ext8u_i64:
    REG(0) = (uint8_t)REG(1); NEXT(8);
L_ext16u_i32: L_ext16u_i64:
    REG(0) = (uint16_t)REG(1); NEXT(8);
L_ext32u_i64: L_extu_i32_i64: L_extrl_i64_i32:
    REG(0) = (uint32_t)REG(1); NEXT(8);
L_extrh_i64_i32:
    REG(0) = REG(1) >> 32; NEXT(8);
L_bswap16_i32: L_bswap16_i64:
    REG(0) = __builtin_bswap16(REG(1)); NEXT(8);
L_bswap32_i32: L_bswap32_i64:
    REG(0) = __builtin_bswap32(REG(1)); NEXT(8);
L_bswap64_i64:
    REG(0) = __builtin_bswap64(REG(1)); NEXT(8);

    /* two results: r0, r1 = lo, hi of a * b (r2 * r3) or of (ah:al) +/-
       (bh:bl) (r3:r2 +/- r5:r4) */
#define PAIR(name, compute) \
    L_##name: \
        compute; \
        REG(0) = lo; REG(1) = hi; NEXT(8);
#define MUL2(is_signed, is64) \
    tci_mul2(REG(2), REG(3), is_signed, is64, &lo, &hi)
#define ADDSUB2(sub, is64) \
    tcg_eval_addsub2(REG(2), REG(3), REG(4), REG(5), sub, is64, &lo, &hi)
    PAIR(mulu2_i32, MUL2(false, false))
    PAIR(muls2_i32, MUL2(true, false))
    PAIR(mulu2_i64, MUL2(false, true))
    PAIR(muls2_i64, MUL2(true, true))
    PAIR(add2_i32, ADDSUB2(false, false))
    PAIR(sub2_i32, ADDSUB2(true, false))
    PAIR(add2_i64, ADDSUB2(false, true))
    PAIR(sub2_i64, ADDSUB2(true, true))
#undef ADDSUB2
#undef MUL2
#undef PAIR

L_movcond_i32:
    REG(0) = tcg_eval_cond(BYTE(6), REG(1), REG(2), false) ? REG(3) : REG(4);
    NEXT(8);
L_movcond_i64:
    REG(0) = tcg_eval_cond(BYTE(6), REG(1), REG(2), true) ? REG(3) : REG(4);
    NEXT(8);
    CONDS(i32)
    CONDS(i64)

    /* control */
L_br:
    NEXT(8 + X);
L_goto_tb:
    /* x is patched by tb_target_set_jmp_target while we may run it */
    NEXT(8 + __atomic_load_n((const int32_t *)(pc + 4), __ATOMIC_RELAXED));
L_goto_ptr:
    pc = (const uint8_t *)(uintptr_t)REG(0);
    DISPATCH();
L_exit_tb:
    return word64(pc + 8);
L_call:
    tci_call_site = (uintptr_t)(pc + 16);
    regs[TCG_TARGET_CALL_RET_REG] = tci_call(word64(pc + 8), (uint32_t)X,
                                             regs);
    tci_call_site = 0;
    NEXT(16);

    /* guest memory: data r0, address r1, MemOp x; byte 3: TCI_CHECKED */
L_qemu_ld_i32:
    REG(0) = (uint32_t)guest_load(env, REG(1), X, BYTE(3), pc,
                                  (uintptr_t)(pc + 8));
    NEXT(8);
L_qemu_ld_i64:
    REG(0) = guest_load(env, REG(1), X, BYTE(3), pc, (uintptr_t)(pc + 8));
    NEXT(8);
L_qemu_st_i32: L_qemu_st_i64:
    guest_store(env, REG(1), REG(0), X, BYTE(3), pc, (uintptr_t)(pc + 8));
    NEXT(8);
}
