/*
 * tcg-op.c: the IR builders of tcg-op.h.  Most map one-to-one onto an op of
 * tcg-opc.h; the rest (immediate forms, andc, deposit, extract, ctpop,
 * concat, ...) expand into several ops here so that the op table and the
 * backends stay small.  Immediates become interned constant temps, which
 * the backend turns back into immediate operands.  The builders that exist
 * for both widths are written once, in tcg-op-sized.c.inc.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "tcg/tcg-op.h"
#include "tcg-internal.h"
#include "tcg-target.h"
#include "exec/helper-gen.h"

/* ---- raw op emission ---- */

static TCGArg ta_i32(TCGv_i32 v)
{
    tcg_check_temp(tcgv_i32_temp(v));
    return temp_arg(tcgv_i32_temp(v));
}

static TCGArg ta_i64(TCGv_i64 v)
{
    tcg_check_temp(tcgv_i64_temp(v));
    return temp_arg(tcgv_i64_temp(v));
}

static TCGArg ta_ptr(TCGv_ptr v)
{
    tcg_check_temp(tcgv_ptr_temp(v));
    return temp_arg(tcgv_ptr_temp(v));
}

#define ta_tl glue(ta_i, TARGET_LONG_BITS)

static void gen_op1(TCGOpcode opc, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
}

static void gen_op2(TCGOpcode opc, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
}

static void gen_op3(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
}

static void gen_op4(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
}

static void gen_op6(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4,
                    TCGArg a5, TCGArg a6)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
}

/* A bit field [ofs, ofs+len) of a bits-wide value must be non-empty and fit. */
static void check_field(const char *builder, unsigned bits, unsigned ofs,
                        unsigned len)
{
    if (len == 0 || ofs + len > bits) {
        cpu_abort_msg("tcg: %s ofs %u len %u", builder, ofs, len);
    }
}

/* Sign does not matter for stores, nor for a load filling the whole value. */
static MemOp canonical_memop(MemOp op, bool is64, bool is_store)
{
    if (is_store || (op & MO_SIZE) == (is64 ? MO_64 : MO_32)) {
        op &= ~MO_SIGN;
    }
    if (!is64 && (op & MO_SIZE) == MO_64) {
        cpu_abort_msg("tcg: 64-bit guest access on a 32-bit value");
    }
    return op;
}

/* ---- both widths ---- */

#define TCG_SZ_BITS 32
#include "tcg-op-sized.c.inc"
#undef TCG_SZ_BITS
#define TCG_SZ_BITS 64
#include "tcg-op-sized.c.inc"
#undef TCG_SZ_BITS

/* ---- between sizes ---- */

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    gen_op2(INDEX_op_extu_i32_i64, ta_i64(ret), ta_i32(a));
}

void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    gen_op2(INDEX_op_ext_i32_i64, ta_i64(ret), ta_i32(a));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    gen_op2(INDEX_op_extrl_i64_i32, ta_i32(ret), ta_i64(a));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    gen_op2(INDEX_op_extrh_i64_i32, ta_i32(ret), ta_i64(a));
}

void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_extu_i32_i64(t, hi);
    tcg_gen_shli_i64(t, t, 32);
    tcg_gen_extu_i32_i64(ret, lo);
    tcg_gen_or_i64(ret, ret, t);
    tcg_temp_free_i64(t);
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    tcg_gen_extrl_i64_i32(lo, a);
    tcg_gen_extrh_i64_i32(hi, a);
}

/* ---- pointers ---- */

void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_ld_i64((TCGv_i64)ret, base, ofs);
}

void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b)
{
    tcg_gen_addi_i64((TCGv_i64)ret, (TCGv_i64)a, b);
}

void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a)
{
    tcg_gen_ext_i32_i64((TCGv_i64)ret, a);
}

/* ---- control ---- */

void gen_set_label(TCGLabel *l)
{
    gen_op1(INDEX_op_set_label, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    gen_op1(INDEX_op_br, label_arg(l));
}

void tcg_gen_insn_start(target_ulong pc, target_ulong cc_op)
{
    gen_op2(INDEX_op_insn_start, pc, cc_op);
}

void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned idx)
{
    gen_op1(INDEX_op_exit_tb, (uintptr_t)tb + idx);
}

void tcg_gen_goto_tb(unsigned idx)
{
    if (idx > 2) {
        cpu_abort_msg("tcg: goto_tb slot %u", idx);
    }
    gen_op1(INDEX_op_goto_tb, idx);
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGv_ptr ptr = tcg_temp_new_ptr();

    gen_helper_lookup_tb_ptr(ptr, cpu_env);
    gen_op1(INDEX_op_goto_ptr, ta_ptr(ptr));
    tcg_temp_free_ptr(ptr);
}

/*
 * An indirect jump chained like a direct one to the first pc it took: that
 * pc is in a slot (tb_new_jump_site) written once, so a thread that finds
 * it equal to pc may take goto_tb slot 0, which cpu_exec links (and
 * invalidation unlinks) as for a direct jump.  Built from plain ops.
 * The two halves (test, then lookup at the label it branches to) are
 * apart for a translator that emits more on each path.
 */
target_ulong *tcg_gen_jump_site_test(TCGv pc, TCGLabel *other)
{
    target_ulong *site = tb_new_jump_site();
    TCGv_ptr slot = tcg_const_ptr(site);
    TCGv chained_pc = tcg_temp_new();

    tcg_gen_ld_tl(chained_pc, slot, 0);
    tcg_gen_brcond_tl(TCG_COND_NE, chained_pc, pc, other);
    tcg_temp_free(chained_pc);
    tcg_temp_free_ptr(slot);
    return site;
}

void tcg_gen_goto_ptr(TCGv_ptr code)
{
    gen_op1(INDEX_op_goto_ptr, ta_ptr(code));
}

/*
 * The jump cache read by generated code (performance.md, 30): the slot of
 * (pc, flags) as tb_jmp_cache_hash_func picks it, its code when it holds
 * that key, else tcg_code_gen_lookup_miss, which calls the lookup helper.
 * One basic block, no branch: a slot emptied by invalidation has the
 * flags 0, which no key has (CPL 3), so its TB field need not be read.
 */
static void gen_jmp_cache_goto(TCGv pc, target_ulong cs_base, uint32_t flags)
{
    const intptr_t slots = offsetof(CPUArchState, tb_jmp_cache);
    TCGv diff = tcg_temp_new();
    TCGv t = tcg_temp_new();
    TCGv_i32 key = tcg_temp_new_i32();
    TCGv_i64 slot = tcg_temp_new_i64();
    TCGv_i64 code = tcg_temp_new_i64();
    TCGv_i64 zero = tcg_const_i64(0);
    TCGv_i64 miss = tcg_const_i64((uintptr_t)tcg_code_gen_lookup_miss);

    tcg_gen_shri_tl(t, pc, TB_JMP_CACHE_BITS);
    tcg_gen_xor_tl(t, t, pc);
    tcg_gen_xori_tl(t, t, flags >> 16);
    tcg_gen_andi_tl(t, t, TB_JMP_CACHE_SIZE - 1);
    tcg_gen_extu_tl_i64(slot, t);
    tcg_gen_muli_i64(slot, slot, sizeof(struct TBJmpCacheEntry));
    tcg_gen_add_i64(slot, slot, (TCGv_i64)cpu_env);

    tcg_gen_ld_tl(diff, (TCGv_ptr)slot, slots + offsetof(struct TBJmpCacheEntry, pc));
    tcg_gen_xor_tl(diff, diff, pc);
    tcg_gen_ld_tl(t, (TCGv_ptr)slot, slots + offsetof(struct TBJmpCacheEntry, cs_base));
    tcg_gen_xori_tl(t, t, cs_base);
    tcg_gen_or_tl(diff, diff, t);
    tcg_gen_ld_i32(key, (TCGv_ptr)slot, slots + offsetof(struct TBJmpCacheEntry, flags));
    tcg_gen_xori_i32(key, key, flags);
    tcg_gen_extu_i32_tl(t, key);
    tcg_gen_or_tl(diff, diff, t);
    tcg_gen_ld_i64(code, (TCGv_ptr)slot, slots + offsetof(struct TBJmpCacheEntry, code));
    tcg_gen_extu_tl_i64(slot, diff);
    tcg_gen_movcond_i64(TCG_COND_EQ, code, slot, zero, code, miss);
    tcg_gen_goto_ptr((TCGv_ptr)code);

    tcg_temp_free_i64(miss);
    tcg_temp_free_i64(zero);
    tcg_temp_free_i64(code);
    tcg_temp_free_i64(slot);
    tcg_temp_free_i32(key);
    tcg_temp_free(t);
    tcg_temp_free(diff);
}

/* The slot's address is a constant again after the branch.  A site still
   empty takes the helper, which fills it; so does every lookup where the
   backend has no lookup_miss code to fall back on (the interpreter, whose
   ops cost more than the helper's call). */
void tcg_gen_jump_site_lookup(target_ulong *site, intptr_t eip_ofs,
                              target_ulong cs_base, uint32_t flags)
{
    TCGv_ptr slot = tcg_const_ptr(site);
    TCGv_ptr code = tcg_temp_new_ptr();

    if (TCG_TARGET_HAS_LOOKUP_MISS) {
        TCGLabel *fill = gen_new_label();
        TCGv pc = tcg_temp_new();

        tcg_gen_ld_tl(pc, slot, 0);
        tcg_gen_brcondi_tl(TCG_COND_EQ, pc, JUMP_SITE_EMPTY, fill);
        tcg_gen_ld_tl(pc, cpu_env, eip_ofs);
        tcg_gen_addi_tl(pc, pc, cs_base);
        gen_jmp_cache_goto(pc, cs_base, flags);
        gen_set_label(fill);
        tcg_temp_free(pc);
        tcg_gen_movi_i64((TCGv_i64)slot, (uintptr_t)site);
    }
    gen_helper_lookup_tb_ptr_site(code, cpu_env, slot);
    tcg_gen_goto_ptr(code);
    tcg_temp_free_ptr(code);
    tcg_temp_free_ptr(slot);
}

void tcg_gen_jump_site_lookup_ret(target_ulong *site, TCGv_ptr ret)
{
    TCGv_ptr slot = tcg_const_ptr(site);
    TCGv_ptr code = tcg_temp_new_ptr();

    gen_helper_lookup_tb_ptr_ret(code, cpu_env, slot, ret);
    tcg_gen_goto_ptr(code);
    tcg_temp_free_ptr(code);
    tcg_temp_free_ptr(slot);
}

void tcg_gen_ret_stubs(const TranslationBlock *tb, const void **code)
{
    if (tcg_ctx->stub_dest) {
        cpu_abort_msg("tcg: return stubs twice in one TB");
    }
    for (int i = 0; i < RET_SITE_STUBS; i++) {
        TCGLabel *stub = gen_new_label();

        gen_set_label(stub);
        tcg_gen_goto_tb(1 + i);
        tcg_gen_exit_tb(tb, 1 + i);
        tcg_ctx->stub_label[i] = stub;
    }
    tcg_ctx->stub_dest = code;
}

/* The address of env->ret_ring's slot for stack address sp (i64: a host
   pointer). */
static TCGv_i64 gen_ret_ring_slot(TCGv sp)
{
    TCGv off = tcg_temp_new();
    TCGv_i64 slot = tcg_temp_new_i64();

    tcg_gen_andi_tl(off, sp, (RET_RING_SIZE - 1) * sizeof(struct RetSite *));
    tcg_gen_extu_tl_i64(slot, off);
    tcg_gen_add_i64(slot, slot, (TCGv_i64)cpu_env);
    tcg_temp_free(off);
    return slot;
}

void tcg_gen_ret_ring_push(TCGv sp, struct RetSite *ret)
{
    TCGv_i64 slot = gen_ret_ring_slot(sp);
    TCGv_ptr rec = tcg_const_ptr(ret);

    tcg_gen_st_i64((TCGv_i64)rec, (TCGv_ptr)slot, offsetof(CPUArchState, ret_ring));
    tcg_temp_free_ptr(rec);
    tcg_temp_free_i64(slot);
}

TCGv_ptr tcg_gen_ret_ring_peek(TCGv sp)
{
    TCGv_i64 slot = gen_ret_ring_slot(sp);
    TCGv_i64 rec = tcg_temp_local_new_i64();

    tcg_gen_ld_i64(rec, (TCGv_ptr)slot, offsetof(CPUArchState, ret_ring));
    tcg_temp_free_i64(slot);
    return (TCGv_ptr)rec;
}

void tcg_gen_ret_predicted(TCGv_ptr ret, TCGv pc, uint32_t key, target_ulong *site)
{
    TCGLabel *lookup = gen_new_label();
    TCGv ret_pc = tcg_temp_new();
    TCGv_i32 ret_key = tcg_temp_new_i32();
    TCGv_ptr code = tcg_temp_new_ptr();

    tcg_gen_brcondi_i64(TCG_COND_EQ, (TCGv_i64)ret, 0, lookup);
    tcg_gen_ld_tl(ret_pc, ret, offsetof(struct RetSite, pc));
    tcg_gen_brcond_tl(TCG_COND_NE, ret_pc, pc, lookup);
    for (int i = 0; i < RET_SITE_STUBS; i++) {
        TCGLabel *next = i + 1 < RET_SITE_STUBS ? gen_new_label() : lookup;

        tcg_gen_ld_i32(ret_key, ret, offsetof(struct RetSite, key[i]));
        tcg_gen_brcondi_i32(TCG_COND_NE, ret_key, key, next);
        tcg_gen_ld_ptr(code, ret, offsetof(struct RetSite, code[i]));
        tcg_gen_goto_ptr(code);
        if (next != lookup) {
            gen_set_label(next);
        }
    }
    gen_set_label(lookup);
    tcg_gen_jump_site_lookup_ret(site, ret);
    tcg_temp_free_ptr(code);
    tcg_temp_free_i32(ret_key);
    tcg_temp_free(ret_pc);
}

void tcg_gen_lookup_and_goto_ptr_cached(const TranslationBlock *tb, TCGv pc,
                                        intptr_t eip_ofs, uint32_t flags)
{
    TCGLabel *other = gen_new_label();
    target_ulong *site = tcg_gen_jump_site_test(pc, other);

    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(tb, 0);
    gen_set_label(other);
    tcg_gen_jump_site_lookup(site, eip_ofs, tb->cs_base, flags);
}
