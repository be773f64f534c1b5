/*
 * interp.c: the interpreter backend's executor.  tcg_qemu_tb_exec() runs
 * the bytecode that tcg-target.c.inc wrote for a TB (format: bytecode.h,
 * design: docs/devel/tci.md) on sixteen 64-bit virtual registers and a
 * spill frame, following goto_tb chains and goto_ptr lookups from TB to TB
 * as generated code would, until an exit_tb hands a value back to the
 * execution loop.  32-bit values are kept zero-extended in their registers.
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

/* The ops whose values are 64-bit, from the op table. */
static const bool op_is_64bit[NB_OPS] = {
#define DEF(name, oargs, iargs, cargs, flags) \
    [INDEX_op_ ## name] = ((flags) & TCG_OPF_64BIT) != 0,
#include "tcg-opc.h"
};

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

uintptr_t tcg_qemu_tb_exec(void *env, const void *tb_ptr)
{
    uint64_t regs[TCG_TARGET_NB_REGS] = { 0 };
    uint64_t frame[TCG_FRAME_SLOTS];
    const uint8_t *pc = tb_ptr;

    regs[TCG_AREG0] = (uintptr_t)env;
    regs[TCG_REG_CALL_STACK] = (uintptr_t)frame;

    for (;;) {
        TCIHeader h;
        const uint8_t *opnd = pc + sizeof(TCIHeader);
        const uint8_t *next;
        uint64_t a, b, *out;
        bool is64;

        memcpy(&h, pc, sizeof(h));
        next = pc + h.len * TCI_WORD;
        is64 = op_is_64bit[h.opc];
        out = &regs[h.r[0]];
        a = regs[h.r[1]];
        b = regs[h.r[2]];

        switch ((TCGOpcode)h.opc) {
        case INDEX_op_mov_i64:
            *out = a;
            break;
        case INDEX_op_movi_i64:
            *out = word64(opnd);
            break;

        /* the host side: env fields and spill slots */
        case INDEX_op_ld8u_i32:
        case INDEX_op_ld8u_i64:
            *out = *(uint8_t *)(uintptr_t)(a + word32(opnd));
            break;
        case INDEX_op_ld8s_i32:
        case INDEX_op_ld8s_i64:
            *out = (int64_t)*(int8_t *)(uintptr_t)(a + word32(opnd));
            break;
        case INDEX_op_ld16u_i32:
        case INDEX_op_ld16u_i64:
            *out = *(uint16_t *)(uintptr_t)(a + word32(opnd));
            break;
        case INDEX_op_ld16s_i32:
        case INDEX_op_ld16s_i64:
            *out = (int64_t)*(int16_t *)(uintptr_t)(a + word32(opnd));
            break;
        case INDEX_op_ld_i32:
        case INDEX_op_ld32u_i64:
            *out = *(uint32_t *)(uintptr_t)(a + word32(opnd));
            break;
        case INDEX_op_ld32s_i64:
            *out = (int64_t)*(int32_t *)(uintptr_t)(a + word32(opnd));
            break;
        case INDEX_op_ld_i64:
            *out = *(uint64_t *)(uintptr_t)(a + word32(opnd));
            break;
        case INDEX_op_st8_i32:
        case INDEX_op_st8_i64:
            *(uint8_t *)(uintptr_t)(a + word32(opnd)) = *out;
            break;
        case INDEX_op_st16_i32:
        case INDEX_op_st16_i64:
            *(uint16_t *)(uintptr_t)(a + word32(opnd)) = *out;
            break;
        case INDEX_op_st_i32:
        case INDEX_op_st32_i64:
            *(uint32_t *)(uintptr_t)(a + word32(opnd)) = *out;
            break;
        case INDEX_op_st_i64:
            *(uint64_t *)(uintptr_t)(a + word32(opnd)) = *out;
            break;

        /* arithmetic: computed in 64 bits, an i32 result cut back below */
        case INDEX_op_add_i32:
        case INDEX_op_add_i64:
            *out = a + b;
            break;
        case INDEX_op_sub_i32:
        case INDEX_op_sub_i64:
            *out = a - b;
            break;
        case INDEX_op_mul_i32:
        case INDEX_op_mul_i64:
            *out = a * b;
            break;
        case INDEX_op_and_i32:
        case INDEX_op_and_i64:
            *out = a & b;
            break;
        case INDEX_op_or_i32:
        case INDEX_op_or_i64:
            *out = a | b;
            break;
        case INDEX_op_xor_i32:
        case INDEX_op_xor_i64:
            *out = a ^ b;
            break;
        case INDEX_op_neg_i32:
        case INDEX_op_neg_i64:
            *out = -a;
            break;
        case INDEX_op_not_i32:
        case INDEX_op_not_i64:
            *out = ~a;
            break;
        case INDEX_op_shl_i32:
        case INDEX_op_shl_i64:
            *out = a << (b & (is64 ? 63 : 31));
            break;
        case INDEX_op_shr_i32:
            *out = (uint32_t)a >> (b & 31);
            break;
        case INDEX_op_shr_i64:
            *out = a >> (b & 63);
            break;
        case INDEX_op_sar_i32:
            *out = (uint32_t)((int32_t)a >> (b & 31));
            break;
        case INDEX_op_sar_i64:
            *out = (int64_t)a >> (b & 63);
            break;
        case INDEX_op_rotl_i32:
        case INDEX_op_rotl_i64:
            *out = tci_rotl(a, b, is64);
            break;
        case INDEX_op_rotr_i32:
        case INDEX_op_rotr_i64:
            *out = tci_rotl(a, (is64 ? 64 : 32) - (b & (is64 ? 63 : 31)),
                            is64);
            break;
        case INDEX_op_ext8s_i32:
        case INDEX_op_ext8s_i64:
            *out = (int64_t)(int8_t)a;
            break;
        case INDEX_op_ext16s_i32:
        case INDEX_op_ext16s_i64:
            *out = (int64_t)(int16_t)a;
            break;
        case INDEX_op_ext32s_i64:
        case INDEX_op_ext_i32_i64:
            *out = (int64_t)(int32_t)a;
            break;
        case INDEX_op_ext8u_i32:
        case INDEX_op_ext8u_i64:
            *out = (uint8_t)a;
            break;
        case INDEX_op_ext16u_i32:
        case INDEX_op_ext16u_i64:
            *out = (uint16_t)a;
            break;
        case INDEX_op_ext32u_i64:
        case INDEX_op_extu_i32_i64:
        case INDEX_op_extrl_i64_i32:
            *out = (uint32_t)a;
            break;
        case INDEX_op_extrh_i64_i32:
            *out = a >> 32;
            break;
        case INDEX_op_bswap16_i32:
        case INDEX_op_bswap16_i64:
            *out = __builtin_bswap16(a);
            break;
        case INDEX_op_bswap32_i32:
        case INDEX_op_bswap32_i64:
            *out = __builtin_bswap32(a);
            break;
        case INDEX_op_bswap64_i64:
            *out = __builtin_bswap64(a);
            break;
        case INDEX_op_clz_i32:
        case INDEX_op_clz_i64:
            *out = tci_clz(a, b, is64);
            break;
        case INDEX_op_ctz_i32:
        case INDEX_op_ctz_i64:
            *out = tci_ctz(a, b, is64);
            break;
        case INDEX_op_mulu2_i32:
        case INDEX_op_mulu2_i64:
        case INDEX_op_muls2_i32:
        case INDEX_op_muls2_i64: {
            uint64_t lo, hi;

            tci_mul2(regs[h.r[2]], regs[h.r[3]],
                     h.opc == INDEX_op_muls2_i32 || h.opc == INDEX_op_muls2_i64,
                     is64, &lo, &hi);
            regs[h.r[0]] = lo;
            regs[h.r[1]] = hi;
            pc = next;
            continue;
        }
        case INDEX_op_setcond_i32:
        case INDEX_op_setcond_i64:
            *out = tcg_eval_cond(h.aux, a, b, is64);
            break;
        case INDEX_op_movcond_i32:
        case INDEX_op_movcond_i64:
            *out = tcg_eval_cond(h.aux, a, b, is64) ? regs[h.r[3]]
                                                  : regs[h.r[4]];
            break;

        /* control */
        case INDEX_op_brcond_i32:
        case INDEX_op_brcond_i64:
            /* the operands are the header's first two registers */
            if (tcg_eval_cond(h.aux, regs[h.r[0]], a, is64)) {
                next = opnd + 4 + word32(opnd);
            }
            pc = next;
            continue;
        case INDEX_op_br:
            pc = opnd + 4 + word32(opnd);
            continue;
        case INDEX_op_goto_tb:
            /* patched by tb_target_set_jmp_target while we may run it */
            pc = opnd + 4 + __atomic_load_n((const int32_t *)opnd,
                                             __ATOMIC_RELAXED);
            continue;
        case INDEX_op_goto_ptr:
            pc = (const uint8_t *)(uintptr_t)regs[h.r[0]];
            continue;
        case INDEX_op_exit_tb:
            return word64(opnd);
        case INDEX_op_call:
            tci_call_site = (uintptr_t)next;
            regs[TCG_TARGET_CALL_RET_REG] =
                tci_call(word64(opnd), word32(opnd + 8), regs);
            tci_call_site = 0;
            pc = next;
            continue;

        /* guest memory */
        case INDEX_op_qemu_ld_i32:
        case INDEX_op_qemu_ld_i64:
            *out = guest_load(env, a, word32(opnd), h.aux & TCI_AUX_CHECKED,
                              pc, (uintptr_t)next);
            break;
        case INDEX_op_qemu_st_i32:
        case INDEX_op_qemu_st_i64:
            guest_store(env, a, *out, word32(opnd), h.aux & TCI_AUX_CHECKED,
                        pc, (uintptr_t)next);
            break;

        default:
            cpu_abort_msg("tci: no bytecode op %d (%s) at %p", h.opc,
                          h.opc < NB_OPS ? tcg_op_defs[h.opc].name : "?", pc);
        }
        if (!is64) {
            *out = (uint32_t)*out;
        }
        pc = next;
    }
}
