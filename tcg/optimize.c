/*
 * optimize.c: one forward pass over a TB's IR before liveness.  Within a
 * basic block it tracks which temps hold known constants and which are
 * copies of others, and uses that to fold constant expressions into movi,
 * propagate copies into later uses, simplify algebraic identities
 * (x+0, x*1, x&0, x^x, ...), resolve branches/conditions with known
 * operands (an add2/sub2 of known halves becomes two movi), and drop zero-extensions of values whose upper bits are
 * known to be zero (a 32-bit guest result extended again by the next
 * instruction that reads it, a byte load extended again by its consumer);
 * an extension of an extension reads the inner one's input, and one made
 * twice of the same value is made once.
 * It also deletes code that can never run: everything after an
 * unconditional br/exit_tb/goto_ptr up to the next label (insn_start markers
 * stay, the per-insn records need them).  It marks the 64-bit guest's
 * direct accesses that need no space check of their own (MO_NEAR_CHECKED,
 * tcg/README "Optimisation").  Dead results are removed later
 * by liveness.  "-d nooptimize" (QEMU_LOG=nooptimize) skips the pass, so
 * that a difference between optimised and unoptimised runs points here.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/cpu-all.h"
#include "tcg-internal.h"

typedef struct TempOptInfo {
    uint32_t gen;          /* block generation the facts below belong to */
    uint32_t ver;          /* bumped on every write of the temp */
    bool is_const;
    uint64_t val;
    TCGTemp *copy_of;      /* holds the same value as copy_of... */
    uint32_t copy_ver;     /* ...as long as copy_of->ver is still this */
    uint8_t width;         /* the bits above the lowest width are zero */
    TCGTemp *base;         /* holds base + off (an i64 add or sub of a */
    uint32_t base_ver;     /* constant) while base->ver is still base_ver */
    uint64_t off;
    bool space_seen;       /* a direct guest access at this temp + space_off */
    uint64_t space_off;    /* passed the space check since its last write */
    TCGOpcode ext_opc;     /* holds ext_opc(ext_src) (an extension of the */
    TCGTemp *ext_src;      /* same type) while ext_src->ver is still */
    uint32_t ext_src_ver;  /* ext_src_ver */
    TCGTemp *ext_dst;      /* ext_dst_opc(this temp) is in ext_dst while */
    uint32_t ext_dst_ver;  /* ext_dst->ver is still ext_dst_ver */
    TCGOpcode ext_dst_opc;
} TempOptInfo;

static TempOptInfo opt_info[TCG_MAX_TEMPS];

static int type_width(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

static int value_width(uint64_t val)
{
    return val ? 64 - __builtin_clzll(val) : 1;
}
static uint32_t cur_gen;

static TempOptInfo *ti(TCGTemp *ts)
{
    TempOptInfo *t = &opt_info[ts->index];

    if (t->gen != cur_gen) {
        t->gen = cur_gen;
        t->is_const = ts->kind == TEMP_CONST;
        t->val = ts->val;
        t->copy_of = NULL;
        t->width = t->is_const ? value_width(ts->val) : type_width(ts->type);
        t->base = NULL;
        t->space_seen = false;
        t->ext_src = NULL;
        t->ext_dst = NULL;
    }
    return t;
}

/* Forgets every fact: no memset per block or TB, except when the
   generation wraps. */
static void reset_all(void)
{
    if (++cur_gen == 0) {
        memset(opt_info, 0, sizeof(opt_info));
        cur_gen = 1;
    }
}

static TCGTemp *canon(TCGTemp *ts)
{
    TempOptInfo *t = ti(ts);

    if (t->copy_of && ti(t->copy_of)->ver == t->copy_ver) {
        return t->copy_of;
    }
    return ts;
}

static bool is_const(TCGArg a) { return ti(arg_temp(a))->is_const; }
static uint64_t const_val(TCGArg a) { return ti(arg_temp(a))->val; }

static void set_written(TCGTemp *ts)
{
    TempOptInfo *t = ti(ts);

    t->ver++;
    t->is_const = false;
    t->copy_of = NULL;
    t->width = type_width(ts->type);
    t->base = NULL;
    t->space_seen = false;
    t->ext_src = NULL;
    t->ext_dst = NULL;
}

/* ---- space checks of direct guest accesses (exec/cpu-all.h
   guest_addr_end): a block's accesses through one pointer, at offsets
   from it or from its updated value (rsp after a push), need the check
   once; the others are marked MO_NEAR_CHECKED ---- */

/* ts + delta as an offset from a root temp, with what the root's checks
   were (read before the write of the op's output). */
typedef struct OffsetOf {
    TCGTemp *root;
    uint64_t off;
    bool space_seen;
    uint64_t space_off;
} OffsetOf;

static OffsetOf offset_of(TCGTemp *ts, uint64_t delta)
{
    TempOptInfo *t = ti(ts);
    OffsetOf o = { ts, delta, false, 0 };

    if (t->base && ti(t->base)->ver == t->base_ver) {
        o.root = t->base;
        o.off += t->off;
    }
    o.space_seen = ti(o.root)->space_seen;
    o.space_off = ti(o.root)->space_off;
    return o;
}

/* dst, just written, holds o. */
static void note_offset(TCGTemp *dst, OffsetOf o)
{
    TempOptInfo *t = ti(dst);

    if (o.root != dst) {
        t->base = o.root;
        t->base_ver = ti(o.root)->ver;
        t->off = o.off;
    } else if (o.space_seen) {
        /* dst moved by o.off: the address checked is the same */
        t->space_seen = true;
        t->space_off = o.space_off - o.off;
    }
}

/* Whether size bytes at o are inside the space whatever the root's value,
   from what is known of it: a constant (rip-relative data), or a width
   (a table indexed by a zero-extended byte).  guest_addr_end is fixed for
   the process. */
static bool inside_space(OffsetOf o, unsigned size)
{
    TempOptInfo *r = ti(o.root);
    uint64_t root_max = r->is_const ? r->val
                        : r->width < 64 ? (1ull << r->width) - 1 : UINT64_MAX;
    uint64_t last;

    return !__builtin_add_overflow(root_max, o.off, &last)
           && last < guest_addr_end && guest_addr_end - last >= size;
}

/* A direct access inside the space needs no check (inside_space).  One
   at x + off, x checked at x + space_off (so below guest_addr_end), is at
   most slack_above past the end or slack_below under 0 (modulo 2^64) when
   outside the space: the host faults there. */
static void note_guest_access(TCGOp *op)
{
    MemOp mop = get_memop(op->args[2]);
    OffsetOf o = offset_of(arg_temp(op->args[1]), 0);
    int64_t d = (int64_t)(o.off - o.space_off);
    TempOptInfo *r = ti(o.root);

    if (!guest_addr_end || (mop & MO_SPAN_MASK)) {
        return;
    }
    if (inside_space(o, 1u << (mop & MO_SIZE))
        || (o.space_seen && d >= -(int64_t)guest_addr_slack_below
            && d + (1 << (mop & MO_SIZE)) <= (int64_t)guest_addr_slack_above)) {
        op->args[2] = make_memop_idx(mop | MO_NEAR_CHECKED,
                                     get_mmuidx(op->args[2]));
        return;
    }
    r->space_seen = true;
    r->space_off = o.off;
}

static void forget_globals(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        set_written(&s->temps[i]);
    }
}

static uint64_t type_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static void make_movi(TCGOp *op, uint64_t val)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    TempOptInfo *t;

    val &= type_mask(dst->type);
    op->opc = dst->type == TCG_TYPE_I32 ? INDEX_op_movi_i32 : INDEX_op_movi_i64;
    op->args[1] = val;
    set_written(dst);
    t = ti(dst);
    t->is_const = true;
    t->val = val;
    t->width = value_width(val);
}

/* dst = src; removes the op when dst already holds src's value. */
static void make_mov(TCGContext *s, TCGOp *op, TCGArg src)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    TCGTemp *from = canon(arg_temp(src));
    TempOptInfo *t;
    OffsetOf moved;

    if (ti(from)->is_const) {
        make_movi(op, ti(from)->val);
        return;
    }
    if (canon(dst) == from) {
        tcg_op_remove(s, op);
        return;
    }
    op->opc = dst->type == TCG_TYPE_I32 ? INDEX_op_mov_i32 : INDEX_op_mov_i64;
    op->args[1] = temp_arg(from);
    moved = offset_of(from, 0);
    set_written(dst);
    ti(dst)->width = ti(from)->width;
    if (dst->kind == TEMP_GLOBAL && from->kind == TEMP_NORMAL) {
        if (moved.root == from) {
            moved.root = dst;       /* dst takes over what from knew */
        }
        note_offset(dst, moved);
        /* A temp stored to a guest register (add tmp,rsp,8; mov rsp,tmp;
           ld (tmp)): later reads of the temp take the global instead, so
           the temp dies here and the register allocator hands its register
           to the global instead of copying it. */
        t = ti(from);
        t->copy_of = dst;
        t->copy_ver = ti(dst)->ver;
        return;
    }
    t = ti(dst);
    t->copy_of = from;
    t->copy_ver = ti(from)->ver;
}

/* ---- constant folding: one function per op, 32-bit variants where the
   width changes the result; results are masked to the output type ---- */

typedef uint64_t (*FoldFn)(uint64_t a, uint64_t b);

static uint64_t f_add(uint64_t a, uint64_t b) { return a + b; }
static uint64_t f_sub(uint64_t a, uint64_t b) { return a - b; }
static uint64_t f_mul(uint64_t a, uint64_t b) { return a * b; }
static uint64_t f_and(uint64_t a, uint64_t b) { return a & b; }
static uint64_t f_or(uint64_t a, uint64_t b) { return a | b; }
static uint64_t f_xor(uint64_t a, uint64_t b) { return a ^ b; }
static uint64_t f_neg(uint64_t a, uint64_t b) { return -a; }
static uint64_t f_not(uint64_t a, uint64_t b) { return ~a; }
static uint64_t f_shl32(uint64_t a, uint64_t b) { return (uint32_t)a << (b & 31); }
static uint64_t f_shr32(uint64_t a, uint64_t b) { return (uint32_t)a >> (b & 31); }
static uint64_t f_sar32(uint64_t a, uint64_t b) { return (int32_t)a >> (b & 31); }
static uint64_t f_shl64(uint64_t a, uint64_t b) { return a << (b & 63); }
static uint64_t f_shr64(uint64_t a, uint64_t b) { return a >> (b & 63); }
static uint64_t f_sar64(uint64_t a, uint64_t b) { return (int64_t)a >> (b & 63); }
static uint64_t f_rotl32(uint64_t a, uint64_t b)
{
    uint32_t x = a;
    b &= 31;
    return (uint32_t)(x << b | x >> ((32 - b) & 31));
}
static uint64_t f_rotr32(uint64_t a, uint64_t b)
{
    return f_rotl32(a, (32 - (b & 31)) & 31);
}
static uint64_t f_rotl64(uint64_t a, uint64_t b)
{
    b &= 63;
    return a << b | a >> ((64 - b) & 63);
}
static uint64_t f_rotr64(uint64_t a, uint64_t b)
{
    return f_rotl64(a, (64 - (b & 63)) & 63);
}
static uint64_t f_ext8s(uint64_t a, uint64_t b) { return (int8_t)a; }
static uint64_t f_ext16s(uint64_t a, uint64_t b) { return (int16_t)a; }
static uint64_t f_ext32s(uint64_t a, uint64_t b) { return (int32_t)a; }
static uint64_t f_ext8u(uint64_t a, uint64_t b) { return (uint8_t)a; }
static uint64_t f_ext16u(uint64_t a, uint64_t b) { return (uint16_t)a; }
static uint64_t f_ext32u(uint64_t a, uint64_t b) { return (uint32_t)a; }
static uint64_t f_extrh(uint64_t a, uint64_t b) { return a >> 32; }
static uint64_t f_bswap16(uint64_t a, uint64_t b) { return __builtin_bswap16(a); }
static uint64_t f_bswap32(uint64_t a, uint64_t b) { return __builtin_bswap32(a); }
static uint64_t f_bswap64(uint64_t a, uint64_t b) { return __builtin_bswap64(a); }
static uint64_t f_clz32(uint64_t a, uint64_t b)
{
    return (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : b;
}
static uint64_t f_ctz32(uint64_t a, uint64_t b)
{
    return (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : b;
}
static uint64_t f_clz64(uint64_t a, uint64_t b)
{
    return a ? (uint64_t)__builtin_clzll(a) : b;
}
static uint64_t f_ctz64(uint64_t a, uint64_t b)
{
    return a ? (uint64_t)__builtin_ctzll(a) : b;
}

/* Algebraic identities need to know what an op is, whatever its width. */
typedef enum {
    K_OTHER, K_ADD, K_SUB, K_MUL, K_AND, K_OR, K_XOR, K_SHIFT,
} OpKind;

static const struct {
    FoldFn fold;
    OpKind kind;
} fold_table[NB_OPS] = {
#define BOTH(name, fn, k) \
    [INDEX_op_ ## name ## _i32] = { fn, k }, [INDEX_op_ ## name ## _i64] = { fn, k }
    BOTH(add, f_add, K_ADD),
    BOTH(sub, f_sub, K_SUB),
    BOTH(mul, f_mul, K_MUL),
    BOTH(and, f_and, K_AND),
    BOTH(or, f_or, K_OR),
    BOTH(xor, f_xor, K_XOR),
    BOTH(neg, f_neg, K_OTHER),
    BOTH(not, f_not, K_OTHER),
    BOTH(ext8s, f_ext8s, K_OTHER),
    BOTH(ext16s, f_ext16s, K_OTHER),
    BOTH(ext8u, f_ext8u, K_OTHER),
    BOTH(ext16u, f_ext16u, K_OTHER),
    BOTH(bswap16, f_bswap16, K_OTHER),
    BOTH(bswap32, f_bswap32, K_OTHER),
#undef BOTH
    [INDEX_op_shl_i32] = { f_shl32, K_SHIFT }, [INDEX_op_shl_i64] = { f_shl64, K_SHIFT },
    [INDEX_op_shr_i32] = { f_shr32, K_SHIFT }, [INDEX_op_shr_i64] = { f_shr64, K_SHIFT },
    [INDEX_op_sar_i32] = { f_sar32, K_SHIFT }, [INDEX_op_sar_i64] = { f_sar64, K_SHIFT },
    [INDEX_op_rotl_i32] = { f_rotl32, K_SHIFT }, [INDEX_op_rotl_i64] = { f_rotl64, K_SHIFT },
    [INDEX_op_rotr_i32] = { f_rotr32, K_SHIFT }, [INDEX_op_rotr_i64] = { f_rotr64, K_SHIFT },
    [INDEX_op_ext32s_i64] = { f_ext32s, K_OTHER },
    [INDEX_op_ext32u_i64] = { f_ext32u, K_OTHER },
    [INDEX_op_ext_i32_i64] = { f_ext32s, K_OTHER },
    [INDEX_op_extu_i32_i64] = { f_ext32u, K_OTHER },
    [INDEX_op_extrl_i64_i32] = { f_ext32u, K_OTHER },
    [INDEX_op_extrh_i64_i32] = { f_extrh, K_OTHER },
    [INDEX_op_bswap64_i64] = { f_bswap64, K_OTHER },
    [INDEX_op_clz_i32] = { f_clz32, K_OTHER }, [INDEX_op_clz_i64] = { f_clz64, K_OTHER },
    [INDEX_op_ctz_i32] = { f_ctz32, K_OTHER }, [INDEX_op_ctz_i64] = { f_ctz64, K_OTHER },
};

static bool op_is_64(const TCGOp *op)
{
    return tcg_op_defs[op->opc].flags & TCG_OPF_64BIT;
}

/* The relation of two known values; -1 if the condition is not constant
   (also the interpreter's, tcg/tci/interp.c). */
int tcg_eval_cond(TCGCond c, uint64_t a, uint64_t b, bool is64)
{
    int64_t sa = is64 ? (int64_t)a : (int32_t)a;
    int64_t sb = is64 ? (int64_t)b : (int32_t)b;
    uint64_t ua = is64 ? a : (uint32_t)a;
    uint64_t ub = is64 ? b : (uint32_t)b;

    switch (c) {
    case TCG_COND_NEVER: return 0;
    case TCG_COND_ALWAYS: return 1;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    }
    return -1;
}

void tcg_eval_addsub2(uint64_t al, uint64_t ah, uint64_t bl, uint64_t bh,
                      bool sub, bool is64, uint64_t *lo, uint64_t *hi)
{
    if (!is64) {
        uint64_t a = (uint64_t)(uint32_t)ah << 32 | (uint32_t)al;
        uint64_t b = (uint64_t)(uint32_t)bh << 32 | (uint32_t)bl;
        uint64_t r = sub ? a - b : a + b;
        *lo = (uint32_t)r;
        *hi = r >> 32;
    } else {
        unsigned __int128 a = (unsigned __int128)ah << 64 | al;
        unsigned __int128 b = (unsigned __int128)bh << 64 | bl;
        unsigned __int128 r = sub ? a - b : a + b;
        *lo = (uint64_t)r;
        *hi = (uint64_t)(r >> 64);
    }
}

/* Result of cond(a, b) if it is known at translation time, else -1. */
static int known_cond(TCGCond c, TCGArg a, TCGArg b, bool is64)
{
    if (is_const(a) && is_const(b)) {
        return tcg_eval_cond(c, const_val(a), const_val(b), is64);
    }
    if (a == b || c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        /* x cmp x: true exactly for the conditions that include equality */
        return tcg_eval_cond(c, 0, 0, is64);
    }
    return -1;
}

/* x op c and x op x identities; true if op was rewritten. */
static bool simplify_binary(TCGContext *s, TCGOp *op, OpKind kind)
{
    uint64_t ones = type_mask(arg_temp(op->args[0])->type);
    bool commutes = kind == K_ADD || kind == K_MUL || kind == K_AND
                    || kind == K_OR || kind == K_XOR;
    TCGArg a, b;

    if (commutes && is_const(op->args[1]) && !is_const(op->args[2])) {
        TCGArg t = op->args[1];
        op->args[1] = op->args[2];
        op->args[2] = t;
    }
    a = op->args[1];
    b = op->args[2];

    if (is_const(b)) {
        uint64_t v = const_val(b);
        if (v == 0 && (kind == K_ADD || kind == K_SUB || kind == K_OR
                       || kind == K_XOR || kind == K_SHIFT)) {
            make_mov(s, op, a);
            return true;
        }
        if (v == 0 && (kind == K_MUL || kind == K_AND)) {
            make_movi(op, 0);
            return true;
        }
        if ((v == 1 && kind == K_MUL) || (v == ones && kind == K_AND)) {
            make_mov(s, op, a);
            return true;
        }
        if (v == ones && kind == K_OR) {
            make_movi(op, ones);
            return true;
        }
    }
    if (is_const(a) && const_val(a) == 0 && kind == K_SHIFT) {
        make_movi(op, 0);
        return true;
    }
    if (a == b) {
        if (kind == K_SUB || kind == K_XOR) {
            make_movi(op, 0);
            return true;
        }
        if (kind == K_AND || kind == K_OR) {
            make_mov(s, op, a);
            return true;
        }
    }
    return false;
}

static int width(TCGArg a) { return ti(arg_temp(a))->width; }

/* How many low bits of op's result may be nonzero, from the op's
   definition (so on every backend) and what is known of its inputs. */
static int result_width(const TCGOp *op)
{
    int w = type_width(arg_temp(op->args[0])->type);
    MemOp mop;
    uint64_t c;

    switch (op->opc) {
    case INDEX_op_ld8u_i32:
    case INDEX_op_ld8u_i64:
        return 8;
    case INDEX_op_ld16u_i32:
    case INDEX_op_ld16u_i64:
        return 16;
    case INDEX_op_ld32u_i64:
        return 32;
    case INDEX_op_ext8u_i32:
    case INDEX_op_ext8u_i64:
        return MIN(8, width(op->args[1]));
    case INDEX_op_ext16u_i32:
    case INDEX_op_ext16u_i64:
        return MIN(16, width(op->args[1]));
    case INDEX_op_ext32u_i64:
    case INDEX_op_extu_i32_i64:
        return MIN(32, width(op->args[1]));
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
        return 1;
    case INDEX_op_qemu_ld_i32:
    case INDEX_op_qemu_ld_i64:
        mop = get_memop(op->args[2]);
        return (mop & MO_SIGN) ? w : MIN(w, 8 << (mop & MO_SIZE));
    case INDEX_op_and_i32:
    case INDEX_op_and_i64:
        return MIN(width(op->args[1]), width(op->args[2]));
    case INDEX_op_or_i32:
    case INDEX_op_or_i64:
    case INDEX_op_xor_i32:
    case INDEX_op_xor_i64:
        return MAX(width(op->args[1]), width(op->args[2]));
    case INDEX_op_add_i32:
    case INDEX_op_add_i64:
        return MIN(w, MAX(width(op->args[1]), width(op->args[2])) + 1);
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64:
        return MAX(width(op->args[3]), width(op->args[4]));
    case INDEX_op_shr_i32:
    case INDEX_op_shr_i64:
        if (!is_const(op->args[2])) {
            return w;
        }
        c = const_val(op->args[2]) & (w - 1);
        return MAX(1, width(op->args[1]) - (int)c);
    case INDEX_op_shl_i32:
    case INDEX_op_shl_i64:
        if (!is_const(op->args[2])) {
            return w;
        }
        c = const_val(op->args[2]) & (w - 1);
        return MIN(w, width(op->args[1]) + (int)c);
    default:
        return w;
    }
}

/* ---- extensions: one reads only the low bits it keeps, so an
   extension of an extension at least as wide reads the inner one's input
   instead (movslq of a 32-bit register read: ext32s of ext32u), and the
   same extension of the same value twice (test r32,r32 reads its register
   twice) is made once ---- */

/* The low bits an extension within one type keeps; 0 for other ops. */
static int ext_bits(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_ext8s_i32:
    case INDEX_op_ext8u_i32:
    case INDEX_op_ext8s_i64:
    case INDEX_op_ext8u_i64:
        return 8;
    case INDEX_op_ext16s_i32:
    case INDEX_op_ext16u_i32:
    case INDEX_op_ext16s_i64:
    case INDEX_op_ext16u_i64:
        return 16;
    case INDEX_op_ext32s_i64:
    case INDEX_op_ext32u_i64:
        return 32;
    default:
        return 0;
    }
}

/* An extension op: it reads the input of an inner extension that keeps
   at least its bits instead; true if it became a copy of the same
   extension of the same value, made earlier. */
static bool merge_ext(TCGContext *s, TCGOp *op)
{
    TempOptInfo *in = ti(arg_temp(op->args[1]));

    if (in->ext_src && ti(in->ext_src)->ver == in->ext_src_ver
        && ext_bits(in->ext_opc) >= ext_bits(op->opc)) {
        op->args[1] = temp_arg(canon(in->ext_src));
        in = ti(arg_temp(op->args[1]));
    }
    if (in->ext_dst && in->ext_dst_opc == op->opc
        && ti(in->ext_dst)->ver == in->ext_dst_ver) {
        make_mov(s, op, temp_arg(in->ext_dst));
        return true;
    }
    return false;
}

/* dst, just written by extension opc, holds opc(src) of src's version
   src_ver (src read before dst's write: the same temp then holds none). */
static void note_ext(TCGTemp *dst, TCGOpcode opc, TCGTemp *src, uint32_t src_ver)
{
    TempOptInfo *d = ti(dst);
    TempOptInfo *t = ti(src);

    if (src == dst) {
        return;
    }
    d->ext_opc = opc;
    d->ext_src = src;
    d->ext_src_ver = src_ver;
    t->ext_dst = dst;
    t->ext_dst_opc = opc;
    t->ext_dst_ver = d->ver;
}

/* Ops with outputs, no side effects: fold, simplify, or just record. */
static void optimize_value_op(TCGContext *s, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    FoldFn fold = fold_table[op->opc].fold;
    int k, known;
    int out_width;
    bool is_offset;
    OffsetOf offset;
    TCGTemp *ext_in = NULL;
    uint32_t ext_in_ver = 0;

    switch (op->opc) {
    case INDEX_op_ext8u_i32:
    case INDEX_op_ext8u_i64:
    case INDEX_op_ext16u_i32:
    case INDEX_op_ext16u_i64:
    case INDEX_op_ext32u_i64:
        if (width(op->args[1]) <= result_width(op)) {
            make_mov(s, op, op->args[1]);
            return;
        }
        break;
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
        known = known_cond(op->args[3], op->args[1], op->args[2], op_is_64(op));
        if (known >= 0) {
            make_movi(op, known);
            return;
        }
        break;
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64:
        known = known_cond(op->args[5], op->args[1], op->args[2], op_is_64(op));
        if (known >= 0) {
            make_mov(s, op, op->args[known ? 3 : 4]);
            return;
        }
        if (op->args[3] == op->args[4]) {
            make_mov(s, op, op->args[3]);
            return;
        }
        break;
    default:
        if (!fold) {
            break;
        }
        if (is_const(op->args[1])
            && (def->nb_iargs == 1 || is_const(op->args[2]))) {
            uint64_t b = def->nb_iargs == 2 ? const_val(op->args[2]) : 0;
            make_movi(op, fold(const_val(op->args[1]), b));
            return;
        }
        if (def->nb_iargs == 2 && fold_table[op->opc].kind != K_OTHER
            && simplify_binary(s, op, fold_table[op->opc].kind)) {
            return;
        }
        break;
    }
    if (ext_bits(op->opc)) {
        if (merge_ext(s, op)) {
            return;
        }
        ext_in = arg_temp(op->args[1]);
        ext_in_ver = ti(ext_in)->ver;
    }
    out_width = def->nb_oargs == 1 ? result_width(op) : 0;
    is_offset = (op->opc == INDEX_op_add_i64 || op->opc == INDEX_op_sub_i64)
                && is_const(op->args[2]);
    if (is_offset) {
        offset = offset_of(arg_temp(op->args[1]),
                           op->opc == INDEX_op_add_i64 ? const_val(op->args[2])
                                                       : -const_val(op->args[2]));
    }
    for (k = 0; k < def->nb_oargs; k++) {
        set_written(arg_temp(op->args[k]));
    }
    if (out_width) {
        ti(arg_temp(op->args[0]))->width = out_width;
    }
    if (is_offset) {
        note_offset(arg_temp(op->args[0]), offset);
    }
    if (ext_bits(op->opc)) {
        note_ext(arg_temp(op->args[0]), op->opc, ext_in, ext_in_ver);
    }
}

/* add2/sub2 of four known halves: movi of the high half, then of the low
   one (in the op's place).  True if folded (the op moved up one place). */
static bool fold_addsub2(TCGContext *s, TCGOp *op)
{
    bool sub = op->opc == INDEX_op_sub2_i32 || op->opc == INDEX_op_sub2_i64;
    uint64_t lo, hi;
    TCGOp *hi_op;
    int j;

    for (j = 2; j < 6; j++) {
        if (!is_const(op->args[j])) {
            return false;
        }
    }
    tcg_eval_addsub2(const_val(op->args[2]), const_val(op->args[3]),
                     const_val(op->args[4]), const_val(op->args[5]), sub,
                     op_is_64(op), &lo, &hi);
    hi_op = tcg_op_insert_before(s, op, INDEX_op_movi_i64);
    hi_op->args[0] = hi_op[1].args[1];
    make_movi(hi_op, hi);
    make_movi(hi_op + 1, lo);
    return true;
}

static void optimize_brcond(TCGContext *s, TCGOp *op, bool *unreachable)
{
    int known = known_cond(op->args[2], op->args[0], op->args[1], op_is_64(op));

    if (known == 0) {
        tcg_op_remove(s, op);
        return;
    }
    if (known == 1) {
        TCGLabel *l = arg_label(op->args[3]);
        op->opc = INDEX_op_br;
        op->args[0] = label_arg(l);
        *unreachable = true;
    }
    reset_all();
}

void tcg_optimize(TCGContext *s)
{
    bool unreachable = false;
    int i, j;

    if (qemu_loglevel_mask(CPU_LOG_TB_NOOPT)) {
        return;
    }
    reset_all();

    for (i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        int nb_o, nb_i;

        if (op->removed) {
            continue;
        }
        if (unreachable) {
            if (op->opc == INDEX_op_insn_start) {
                continue;
            }
            if (op->opc != INDEX_op_set_label) {
                tcg_op_remove(s, op);
                continue;
            }
            unreachable = false;
        }

        nb_o = tcg_op_nb_oargs(op);
        nb_i = tcg_op_nb_iargs(op);
        for (j = nb_o; j < nb_o + nb_i; j++) {
            op->args[j] = temp_arg(canon(arg_temp(op->args[j])));
        }

        switch (op->opc) {
        case INDEX_op_insn_start:
            break;
        case INDEX_op_set_label:
        case INDEX_op_goto_tb:
            reset_all();
            break;
        case INDEX_op_br:
        case INDEX_op_exit_tb:
        case INDEX_op_goto_ptr:
            reset_all();
            unreachable = true;
            break;
        case INDEX_op_brcond_i32:
        case INDEX_op_brcond_i64:
            optimize_brcond(s, op, &unreachable);
            break;
        case INDEX_op_call:
            for (j = 0; j < nb_o; j++) {
                set_written(arg_temp(op->args[j]));
            }
            if (!(tcg_call_flags(op)
                  & (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS))) {
                forget_globals(s);
            }
            break;
        case INDEX_op_discard:
            set_written(arg_temp(op->args[0]));
            break;
        case INDEX_op_qemu_ld_i32:
        case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32:
        case INDEX_op_qemu_st_i64:
            note_guest_access(op);
            optimize_value_op(s, op);
            break;
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            make_mov(s, op, op->args[1]);
            break;
        case INDEX_op_add2_i32:
        case INDEX_op_add2_i64:
        case INDEX_op_sub2_i32:
        case INDEX_op_sub2_i64:
            if (fold_addsub2(s, op)) {
                i++;            /* past the op, now the low half's movi */
            } else {
                optimize_value_op(s, op);
            }
            break;
        case INDEX_op_movi_i32:
        case INDEX_op_movi_i64:
            make_movi(op, op->args[1]);
            break;
        default:
            optimize_value_op(s, op);
            break;
        }
    }
}
