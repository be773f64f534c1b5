/*
 * tcg.c: from finished IR to host code.  tcg_gen_code() runs the optimiser
 * and liveness, then walks the ops once with a local register allocator:
 * values live in host registers, are loaded on demand from their home
 * (env field for globals, frame slot for temps), spilled under pressure and
 * freed when liveness says they die.  The host backend (tcg-target.c.inc)
 * supplies encodings and per-op operand constraints.  This file also owns
 * the code buffer, the prologue and the per-insn records of the last TB.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "qemu/log.h"
#include "exec/exec-all.h"
#include "exec/cputlb.h"
#include "exec/helper-proto.h"
#include "qemu/host-signal.h"
#include "tcg-internal.h"
#include "tcg-target.h"

const void *tcg_code_gen_epilogue;
const void *tcg_code_gen_lookup_miss;

static void tcg_add_reloc(TCGContext *s, uint8_t *where, TCGLabel *l);
static QEMU_UNUSED TCGSlowPath *tcg_new_slow_path(TCGContext *s, bool is_ld,
                                      TCGType type, MemOp memop, int datareg,
                                      int addrreg);
static QEMU_UNUSED void tcg_note_access(TCGContext *s);
static QEMU_UNUSED void tcg_out_access_map_stores(TCGContext *s, int map,
                                                  bool pinned);
static void tcg_out_store_const(TCGContext *s, TCGType type, uint64_t val,
                                int base, intptr_t ofs);
static QEMU_UNUSED void tcg_out_pinned_loads(TCGContext *s);
static QEMU_UNUSED void tcg_out_pinned_stores(TCGContext *s);

#include "tcg-target.c.inc"

#define TCG_DEFAULT_CODE_BUFFER_SIZE (64 * 1024 * 1024)
/* More than any single op (a call or a BB end storing every global) can
   emit: checked before each op so the code never runs off the buffer. */
#define TCG_CODE_MARGIN (16 * 1024)

/* Parsed form of the backend's constraint strings. */
typedef struct ArgConstraint {
    uint32_t regs;
    int8_t alias;      /* input: output it shares a register with; output:
                          input it shares one with; -1 none */
    bool const_ok;
    bool newreg;
    bool one_reg;      /* regs names a single register (%cl, %rax...);
                          known once, not counted per op (a libgcc call) */
} ArgConstraint;

static ArgConstraint op_constraints[NB_OPS][TCG_MAX_OP_ARGS];

static void parse_constraints(void)
{
    int opc, i;

    for (opc = 0; opc < NB_OPS; opc++) {
        const TCGOpDef *def = &tcg_op_defs[opc];
        int nb_o = def->nb_oargs, nb_io = def->nb_oargs + def->nb_iargs;

        for (i = 0; i < TCG_MAX_OP_ARGS; i++) {
            op_constraints[opc][i].alias = -1;
        }
        if (def->flags & TCG_OPF_NOT_PRESENT) {
            continue;
        }
        for (i = 0; i < nb_io; i++) {
            const char *p = target_op_constraints[opc][i];
            ArgConstraint *c = &op_constraints[opc][i];

            if (!p) {
                cpu_abort_msg("tcg: no constraint for arg %d of %s",
                              i, def->name);
            }
            for (; *p; p++) {
                if (*p >= '0' && *p <= '9') {
                    c->alias = *p - '0';
                    op_constraints[opc][c->alias].alias = i - nb_o;
                    c->regs = op_constraints[opc][c->alias].regs;
                } else if (*p == 'i') {
                    c->const_ok = true;
                } else if (*p == '&') {
                    c->newreg = true;
                } else {
                    c->regs |= parse_reg_letter(*p);
                }
            }
        }
        for (i = 0; i < nb_io; i++) {
            ArgConstraint *c = &op_constraints[opc][i];
            c->one_reg = __builtin_popcount(c->regs) == 1;
        }
    }
}

/* ---- register allocation primitives ---- */

static void tcg_add_reloc(TCGContext *s, uint8_t *where, TCGLabel *l)
{
    if (s->nb_relocs == s->cap_relocs) {
        s->cap_relocs = s->cap_relocs ? s->cap_relocs * 2 : 1024;
        s->relocs = realloc(s->relocs, s->cap_relocs * sizeof(*s->relocs));
        if (!s->relocs) {
            cpu_abort_msg("tcg: out of memory for relocations");
        }
    }
    s->relocs[s->nb_relocs].where = where;
    s->relocs[s->nb_relocs].label = l;
    s->nb_relocs++;
}

/* Called by the backend's inline probe of a checked access, or its checks
   of a direct one; it fills in branch and resume. */
static TCGSlowPath *tcg_new_slow_path(TCGContext *s, bool is_ld, TCGType type,
                                      MemOp memop, int datareg, int addrreg)
{
    TCGSlowPath *p;
    int reg;

    if (s->nb_slow_paths == s->cap_slow_paths) {
        s->cap_slow_paths = s->cap_slow_paths ? s->cap_slow_paths * 2 : 256;
        s->slow_paths = realloc(s->slow_paths,
                                s->cap_slow_paths * sizeof(*s->slow_paths));
        if (!s->slow_paths) {
            cpu_abort_msg("tcg: out of memory for slow paths");
        }
    }
    p = &s->slow_paths[s->nb_slow_paths++];
    memset(p, 0, sizeof(*p));
    p->is_ld = is_ld;
    p->type = type;
    p->memop = memop;
    p->datareg = datareg;
    p->addrreg = addrreg;
    p->access_map = s->cur_access_map;
    for (reg = 0; reg < TCG_TARGET_NB_REGS; reg++) {
        if ((TCG_TARGET_CALL_CLOBBER_REGS >> reg & 1) && s->reg_to_temp[reg]
            && !(is_ld && reg == datareg)) {
            p->live_regs |= 1u << reg;
        }
    }
    return p;
}

static void temp_allocate_frame(TCGContext *s, TCGTemp *ts)
{
    if (s->frame_slots_used >= TCG_FRAME_SLOTS) {
        cpu_abort_msg("tcg: more than %d spilled temps in one TB",
                      TCG_FRAME_SLOTS);
    }
    ts->mem_base_reg = TCG_REG_CALL_STACK;
    ts->mem_offset = TCG_FRAME_OFFSET + s->frame_slots_used++ * 8;
    ts->mem_allocated = true;
}

static void report_dead_read(TCGContext *s, TCGTemp *ts)
{
#ifdef CONFIG_DEBUG_TCG
    cpu_abort_msg("tcg: temp tmp%d read while it holds no value (plain temps"
                  " die at labels and branches: use a local temp)",
                  ts->index - s->nb_globals);
#endif
}

/* Put the value of ts into reg, leaving ts's own location unchanged. */
static void temp_copy_to(TCGContext *s, TCGTemp *ts, int reg)
{
    switch (ts->val_type) {
    case TEMP_VAL_CONST:
        tcg_out_movi(s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_REG:
        tcg_out_mov(s, ts->type, reg, ts->reg);
        break;
    case TEMP_VAL_MEM:
        if (!ts->mem_allocated) {
            temp_allocate_frame(s, ts);
        }
        tcg_out_ld(s, ts->type, reg, ts->mem_base_reg, ts->mem_offset);
        break;
    case TEMP_VAL_DEAD:
        report_dead_read(s, ts);
        break;
    }
}

/* Store constant val of type at base + ofs. */
static void tcg_out_store_const(TCGContext *s, TCGType type, uint64_t val,
                                int base, intptr_t ofs)
{
    if (!tcg_out_sti(s, type, val, base, ofs)) {
        tcg_out_movi(s, type, TCG_REG_TMP, val);
        tcg_out_st(s, type, TCG_REG_TMP, base, ofs);
    }
}

/* Make ts's home in memory hold its current value. */
static void temp_sync(TCGContext *s, TCGTemp *ts)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST || ts->mem_coherent) {
        return;
    }
    if (!ts->mem_allocated) {
        temp_allocate_frame(s, ts);
    }
    switch (ts->val_type) {
    case TEMP_VAL_CONST:
        tcg_out_store_const(s, ts->type, ts->val, ts->mem_base_reg,
                            ts->mem_offset);
        break;
    case TEMP_VAL_REG:
        tcg_out_st(s, ts->type, ts->reg, ts->mem_base_reg, ts->mem_offset);
        break;
    default:
        break;
    }
    ts->mem_coherent = true;
}

/* Forget where ts is held.  Dead plain temps have no value any more;
   anything else is now found in its home (liveness made it coherent). */
static void temp_free_or_dead(TCGContext *s, TCGTemp *ts, bool dead)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        return;
    }
    if (ts->pinned && dead) {
        /* The value stays where it is: env may be older than it (it may
           come from the TB before), and the block end wants it in its
           register anyway. */
        return;
    }
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    }
    ts->val_type = dead && ts->kind == TEMP_NORMAL ? TEMP_VAL_DEAD
                                                   : TEMP_VAL_MEM;
    ts->mem_coherent = true;
}

static void temp_dead(TCGContext *s, TCGTemp *ts)
{
    temp_free_or_dead(s, ts, true);
}

static void temp_save(TCGContext *s, TCGTemp *ts)
{
    temp_sync(s, ts);
    temp_free_or_dead(s, ts, false);
}

static void tcg_reg_free(TCGContext *s, int reg)
{
    TCGTemp *ts = s->reg_to_temp[reg];

    if (ts) {
        temp_save(s, ts);
    }
}

/* A register of mask outside allocated; spills its occupant if needed. */
static int tcg_reg_alloc(TCGContext *s, uint32_t mask, uint32_t allocated)
{
    uint32_t set = mask & ~allocated & ~s->reserved_regs;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(tcg_target_reg_alloc_order); i++) {
        int reg = tcg_target_reg_alloc_order[i];
        if ((set >> reg & 1) && !s->reg_to_temp[reg]) {
            return reg;
        }
    }
    for (i = 0; i < ARRAY_SIZE(tcg_target_reg_alloc_order); i++) {
        int reg = tcg_target_reg_alloc_order[i];
        if (set >> reg & 1) {
            tcg_reg_free(s, reg);
            return reg;
        }
    }
    cpu_abort_msg("tcg: no host register left (mask %#x)", mask);
}

/* A pinned global that is not in its register (env holds it after a helper
   that may write globals, or it is a constant not yet materialised) goes
   back there. */
static void temp_pin_load(TCGContext *s, TCGTemp *ts)
{
    if (ts->val_type != TEMP_VAL_REG) {
        temp_copy_to(s, ts, ts->pin_reg);
        ts->val_type = TEMP_VAL_REG;
        ts->reg = ts->pin_reg;
        s->reg_to_temp[ts->pin_reg] = ts;
    }
}

/* An op wrote pinned ts to another register: move it to its own. */
static void temp_pin_home(TCGContext *s, TCGTemp *ts)
{
    if (ts->pinned && ts->val_type == TEMP_VAL_REG && ts->reg != ts->pin_reg) {
        tcg_out_mov(s, ts->type, ts->pin_reg, ts->reg);
        s->reg_to_temp[ts->reg] = NULL;
        ts->reg = ts->pin_reg;
        s->reg_to_temp[ts->pin_reg] = ts;
    }
}

/* Bring ts into a register of mask and keep it there (a pinned global
   stays in its own; the register returned may hold a copy). */
static int temp_load(TCGContext *s, TCGTemp *ts, uint32_t mask,
                     uint32_t allocated)
{
    int reg;

    if (ts->pinned) {
        temp_pin_load(s, ts);
    }
    if (ts->val_type == TEMP_VAL_REG && (mask >> ts->reg & 1)) {
        return ts->reg;
    }
    reg = tcg_reg_alloc(s, mask, allocated);
    temp_copy_to(s, ts, reg);
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST || ts->pinned) {
        return reg;
    }
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    } else if (ts->val_type == TEMP_VAL_MEM) {
        ts->mem_coherent = true;
    } else {
        ts->mem_coherent = false;
    }
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    s->reg_to_temp[reg] = ts;
    return reg;
}

/* ts now holds a fresh value in reg. */
static void temp_set_reg(TCGContext *s, TCGTemp *ts, int reg)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        cpu_abort_msg("tcg: op writes the read-only temp %s",
                      ts->name ? ts->name : "(constant)");
    }
    if (ts->val_type == TEMP_VAL_REG && ts->reg != reg) {
        s->reg_to_temp[ts->reg] = NULL;
    }
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    ts->mem_coherent = false;
    s->reg_to_temp[reg] = ts;
}

static void temp_finish_output(TCGContext *s, const TCGOp *op, int k)
{
    TCGTemp *ts = arg_temp(op->args[k]);

    if (op->sync_args >> k & 1) {
        temp_sync(s, ts);
    }
    if (op->dead_args >> k & 1) {
        temp_dead(s, ts);
    }
}

/*
 * The loops below visit every global at each guest memory access and BB
 * end, and every temp at a BB end, while few of them hold anything outside
 * their home: they test that in line and call only for those (the calls
 * were 7% of python's start-up: docs/devel/performance.md, lever 12).
 */
static inline bool temp_in_home(const TCGTemp *ts)
{
    return ts->val_type == TEMP_VAL_MEM && ts->mem_coherent;
}

static void sync_globals(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        if (!s->temps[i].mem_coherent) {
            temp_sync(s, &s->temps[i]);
        }
    }
}

/*
 * Access maps.  A guest access (qemu_ld/st) may fault, and the guest state
 * at the fault must be exact; rather than store every changed global
 * before it, the access leaves them where they are (a host register, or a
 * constant the allocator has not materialised) and the TB records where
 * each one is at that access instruction.  The host fault handler copies
 * them to env (tcg_restore_access_globals, registers from the signal
 * context); the access's slow path stores them before its helper, which
 * may raise the fault, runs.  Liveness keeps every global's value alive
 * up to each access instead of in env (tcg-liveness.c).  Pinned globals
 * are in no map: their registers always hold them (see "Pinned globals").
 *
 * A map: host offset of the access instruction (u16), a count n (u8),
 * then n entries: the global's index (u8) and the host register holding
 * it (u8), or ACCESS_MAP_CONST and the value (8 bytes).
 */
#define ACCESS_MAP_CONST 0xff

static int access_map_entry_len(const uint8_t *entry)
{
    return entry[1] == ACCESS_MAP_CONST ? 10 : 2;
}

static bool access_map_holds(const TCGTemp *ts, int index)
{
    return (ts->val_type == TEMP_VAL_REG || ts->val_type == TEMP_VAL_CONST)
           && index <= UINT8_MAX && ts->mem_base_reg == TCG_AREG0;
}

static void begin_access_map(TCGContext *s)
{
    int i, n = 0, len = 3, pos;
    uint8_t *entry;

    s->cur_access_map = -1;
    for (i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];

        if (ts->mem_coherent || ts->kind != TEMP_GLOBAL || ts->pinned) {
            continue;
        }
        if (access_map_holds(ts, i)) {
            n++;
            len += ts->val_type == TEMP_VAL_CONST ? 10 : 2;
        } else {
            temp_sync(s, ts);
        }
    }
    if (n == 0) {
        return;
    }
    if (s->access_maps_len + len > s->access_maps_cap) {
        s->access_maps_cap = MAX(s->access_maps_cap * 2,
                                 s->access_maps_len + len + 4096);
        s->access_maps = realloc(s->access_maps, s->access_maps_cap);
        if (!s->access_maps) {
            cpu_abort_msg("tcg: out of memory for access maps");
        }
    }
    pos = s->access_maps_len;
    s->access_maps[pos + 2] = n;
    entry = s->access_maps + pos + 3;
    for (i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];

        if (ts->mem_coherent || ts->kind != TEMP_GLOBAL || ts->pinned) {
            continue;
        }
        entry[0] = i;
        if (ts->val_type == TEMP_VAL_CONST) {
            entry[1] = ACCESS_MAP_CONST;
            memcpy(entry + 2, &ts->val, 8);
        } else {
            entry[1] = ts->reg;
        }
        entry += access_map_entry_len(entry);
    }
    s->access_maps_len += len;
    s->cur_access_map = pos;
}

/* The backend is about to emit the access instruction of the current op:
   a fault there has its pc. */
static void tcg_note_access(TCGContext *s)
{
    uint16_t off = s->code_ptr - (uint8_t *)s->cur_tb->tc.ptr;

    if (s->cur_access_map >= 0) {
        memcpy(s->access_maps + s->cur_access_map, &off, sizeof(off));
    }
}

/* For a slow path: store the globals of access map map (-1: none), and
   the pinned ones unless the path's common tail does. */
static void tcg_out_access_map_stores(TCGContext *s, int map, bool pinned)
{
    const uint8_t *entry = s->access_maps + map + 3;
    int k;

    for (k = 0; map >= 0 && k < s->access_maps[map + 2]; k++) {
        const TCGTemp *ts = &s->temps[entry[0]];
        uint64_t val;

        if (entry[1] == ACCESS_MAP_CONST) {
            memcpy(&val, entry + 2, 8);
            tcg_out_store_const(s, ts->type, val, ts->mem_base_reg,
                                ts->mem_offset);
        } else {
            tcg_out_st(s, ts->type, entry[1], ts->mem_base_reg,
                       ts->mem_offset);
        }
        entry += access_map_entry_len(entry);
    }
    if (pinned) {
        tcg_out_pinned_stores(s);
    }
}

static void save_globals(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        if (!temp_in_home(&s->temps[i])) {
            temp_save(s, &s->temps[i]);
        }
    }
}

/* Blocks hand over values through memory: globals to env (pinned ones in
   their registers), locals to their frame slots; plain temps are dead (no
   register keeps one: their last uses freed them in valid IR, and a stray
   one is dropped here). */
static void tcg_reg_alloc_bb_end(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];

        if (ts->pinned) {
            /* the same state on every edge into a label: in its register,
               env perhaps older */
            temp_pin_load(s, ts);
            ts->mem_coherent = false;
        } else if (!temp_in_home(ts)) {
            temp_save(s, ts);
        }
    }
    for (i = 0; i < s->nb_local_temps; i++) {
        TCGTemp *ts = s->local_temps[i];
        if (!temp_in_home(ts)) {
            temp_save(s, ts);
        }
    }
    for (i = 0; i < TCG_TARGET_NB_REGS; i++) {
        TCGTemp *ts = s->reg_to_temp[i];
        if (ts && ts->kind == TEMP_NORMAL) {
            temp_dead(s, ts);
        }
    }
#ifdef CONFIG_DEBUG_TCG
    /* so that report_dead_read catches a read in the next block of a
       plain temp left holding a constant */
    for (i = s->nb_globals; i < s->nb_temps; i++) {
        if (s->temps[i].kind == TEMP_NORMAL) {
            temp_dead(s, &s->temps[i]);
        }
    }
#endif
}

/*
 * ld_i32 t, base, off whose only use is the next op, brcond_i32 t, const:
 * one compare of the word in memory (x86-64: cmpl $c, off(base); jcc),
 * so the exit-request check opening every TB takes no register and one
 * instruction fewer.  Returns the brcond's index, or 0 if op i is not
 * such a load.
 */
static int tcg_out_ld_brcond(TCGContext *s, int i)
{
#if TCG_TARGET_HAS_BRCOND_MEM
    const TCGOp *ld = &s->ops[i], *br;
    TCGTemp *t = arg_temp(ld->args[0]), *base = arg_temp(ld->args[1]), *c;
    int j = i + 1;

    while (j < s->nb_ops && s->ops[j].removed) {
        j++;
    }
    if (j == s->nb_ops || base->kind != TEMP_FIXED) {
        return 0;
    }
    br = &s->ops[j];
    c = arg_temp(br->args[1]);
    if (br->opc != INDEX_op_brcond_i32 || arg_temp(br->args[0]) != t
        || t->kind != TEMP_NORMAL || !(br->dead_args & 1) || c->kind != TEMP_CONST
        || br->args[2] == TCG_COND_ALWAYS || br->args[2] == TCG_COND_NEVER) {
        return 0;
    }
    tcg_reg_alloc_bb_end(s);
    s->flags_end = NULL;
    tcg_out_brcond_mem(s, br->args[2], base->reg, ld->args[2], (int32_t)c->val,
                       arg_label(br->args[3]));
    return j;
#else
    (void)s;
    (void)i;
    return 0;
#endif
}

/* ---- per-op allocation ---- */

static void tcg_reg_alloc_movi(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]);
    uint64_t val = op->args[1];

    if (ots->kind == TEMP_FIXED || ots->kind == TEMP_CONST) {
        cpu_abort_msg("tcg: movi to a read-only temp");
    }
    if (ots->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ots->reg] = NULL;
    }
    ots->val_type = TEMP_VAL_CONST;
    ots->val = ots->type == TCG_TYPE_I32 ? (uint32_t)val : val;
    ots->mem_coherent = false;
    if (ots->pinned) {
        temp_pin_load(s, ots);
    }
    temp_finish_output(s, op, 0);
}

static void tcg_reg_alloc_mov(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]);
    TCGTemp *ts = arg_temp(op->args[1]);
    int reg;

    if (ts->val_type == TEMP_VAL_CONST) {
        TCGOp movi = *op;
        movi.args[1] = ts->val;
        tcg_reg_alloc_movi(s, &movi);
        return;
    }
    if (ts->val_type != TEMP_VAL_REG) {
        temp_load(s, ts, TCG_TARGET_ALL_REGS, 0);
    }
    if ((op->dead_args & 1) && (op->sync_args & 1) && !ots->pinned) {
        /* Only the home needs the value (cc_dst = result before a block
           end): store it from the source, with no copy in between. */
        if (ots->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[ots->reg] = NULL;
        }
        if (!ots->mem_allocated) {
            temp_allocate_frame(s, ots);
        }
        tcg_out_st(s, ots->type, ts->reg, ots->mem_base_reg, ots->mem_offset);
        ots->val_type = TEMP_VAL_MEM;
        ots->mem_coherent = true;
        if (op->dead_args & 2) {
            temp_dead(s, ts);
        }
        return;
    }
    if ((op->dead_args & 2) && ts->kind != TEMP_FIXED && !ts->pinned
        && !ots->pinned) {
        /* The source dies: hand its register over instead of copying. */
        reg = ts->reg;
        temp_dead(s, ts);
    } else {
        reg = ots->pinned ? ots->pin_reg
                          : tcg_reg_alloc(s, TCG_TARGET_ALL_REGS, 1u << ts->reg);
        tcg_out_mov(s, ots->type, reg, ts->reg);
        if (op->dead_args & 2) {
            temp_dead(s, ts);
        }
    }
    temp_set_reg(s, ots, reg);
    temp_finish_output(s, op, 0);
}

static bool const_fits(const TCGOp *op, uint64_t val)
{
    return !(tcg_op_defs[op->opc].flags & TCG_OPF_64BIT) || fits_int32(val);
}

static void tcg_reg_alloc_op(TCGContext *s, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    const ArgConstraint *ct = op_constraints[op->opc];
    int nb_o = def->nb_oargs, nb_i = def->nb_iargs;
    TCGArg new_args[TCG_MAX_OP_ARGS];
    int const_args[TCG_MAX_OP_ARGS] = { 0 };
    uint32_t i_alloc = 0, o_alloc = 0;
    int i, k, reg;

    int order[TCG_MAX_OP_ARGS], n_order = 0, j;

    /* Inputs tied to one register (shift counts in %cl, ...) go first, so
       that no flexible input is parked in the register they need. */
    for (i = nb_o; i < nb_o + nb_i; i++) {
        if (ct[i].one_reg) {
            order[n_order++] = i;
        }
    }
    for (i = nb_o; i < nb_o + nb_i; i++) {
        if (!ct[i].one_reg) {
            order[n_order++] = i;
        }
    }
    for (j = 0; j < n_order; j++) {
        TCGTemp *ts;
        const ArgConstraint *c;

        i = order[j];
        ts = arg_temp(op->args[i]);
        c = &ct[i];
        if (ts->val_type == TEMP_VAL_CONST && c->const_ok
            && const_fits(op, ts->val)) {
            new_args[i] = ts->val;
            const_args[i] = 1;
            continue;
        }
        if (c->alias >= 0) {
            /* The output overwrites this register: reuse the temp's own
               register only if the temp dies here. */
            if (ts->val_type == TEMP_VAL_REG && (c->regs >> ts->reg & 1)
                && !(i_alloc >> ts->reg & 1) && (op->dead_args >> i & 1)
                && ts->kind != TEMP_FIXED
                && (!ts->pinned || arg_temp(op->args[c->alias]) == ts)) {
                reg = ts->reg;
            } else {
                reg = tcg_reg_alloc(s, c->regs, i_alloc);
                temp_copy_to(s, ts, reg);
            }
        } else if (ts->val_type == TEMP_VAL_REG && (c->regs >> ts->reg & 1)) {
            reg = ts->reg;
        } else if (ts->val_type != TEMP_VAL_REG && ts->kind != TEMP_CONST) {
            reg = temp_load(s, ts, c->regs, i_alloc);
        } else {
            reg = tcg_reg_alloc(s, c->regs, i_alloc);
            temp_copy_to(s, ts, reg);
        }
        i_alloc |= 1u << reg;
        new_args[i] = reg;
    }
    for (i = nb_o + nb_i; i < def->nb_args; i++) {
        new_args[i] = op->args[i];
    }

    for (i = nb_o; i < nb_o + nb_i; i++) {
        if (op->dead_args >> i & 1) {
            temp_dead(s, arg_temp(op->args[i]));
        }
    }

    if (def->flags & TCG_OPF_BB_END) {
        tcg_reg_alloc_bb_end(s);
    } else if (def->flags & TCG_OPF_SIDE_EFFECTS) {
        if (TCG_TARGET_HAS_ACCESS_MAP) {
            begin_access_map(s);
        } else {
            sync_globals(s);
        }
    }

    for (k = 0; k < nb_o; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        const ArgConstraint *c = &ct[k];

        if (c->alias >= 0) {
            reg = new_args[nb_o + c->alias];
            /* The aliased input may still be parked there (it died). */
            if (s->reg_to_temp[reg] && s->reg_to_temp[reg] != ts) {
                tcg_reg_free(s, reg);
            }
        } else if (ts->pinned && (c->regs >> ts->pin_reg & 1)
                   && !(o_alloc >> ts->pin_reg & 1)
                   && !(c->newreg && (i_alloc >> ts->pin_reg & 1))) {
            reg = ts->pin_reg;
        } else if (c->newreg) {
            reg = tcg_reg_alloc(s, c->regs, i_alloc | o_alloc);
        } else {
            reg = tcg_reg_alloc(s, c->regs, o_alloc);
        }
        temp_set_reg(s, ts, reg);
        o_alloc |= 1u << reg;
        new_args[k] = reg;
    }

    tcg_out_op(s, op->opc, new_args, const_args);

    for (k = 0; k < nb_o; k++) {
        temp_pin_home(s, arg_temp(op->args[k]));
        temp_finish_output(s, op, k);
    }
}

static void tcg_reg_alloc_call(TCGContext *s, const TCGOp *op)
{
    int nb_o = op->callo, nb_i = op->calli;
    const void *func = (const void *)op->args[nb_o + nb_i];
    unsigned flags = op->args[nb_o + nb_i + 1];
    const TCGHelperInfo *info = (const TCGHelperInfo *)op->args[nb_o + nb_i + 2];
    int i, reg;

    for (i = 0; i < nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        unsigned argbits = info->sizemask >> (2 * (i + 1));

        reg = tcg_target_call_iarg_regs[i];
        if (!(ts->val_type == TEMP_VAL_REG && ts->reg == reg)) {
            tcg_reg_free(s, reg);
            temp_copy_to(s, ts, reg);
        }
        if ((argbits & 3) == 2) {
            tcg_out_ext32s(s, reg, reg);   /* signed 32-bit argument */
        }
    }
    for (i = 0; i < nb_i; i++) {
        if (op->dead_args >> (nb_o + i) & 1) {
            temp_dead(s, arg_temp(op->args[nb_o + i]));
        }
    }
    for (reg = 0; reg < TCG_TARGET_NB_REGS; reg++) {
        if (TCG_TARGET_CALL_CLOBBER_REGS >> reg & 1) {
            tcg_reg_free(s, reg);
        }
    }
    if (flags & TCG_CALL_NO_READ_GLOBALS) {
        /* the helper touches no global: they may stay where they are */
    } else if (flags & TCG_CALL_NO_WRITE_GLOBALS) {
        sync_globals(s);
    } else {
        save_globals(s);
    }

    tcg_out_call(s, func);

    if (nb_o) {
        temp_set_reg(s, arg_temp(op->args[0]), TCG_TARGET_CALL_RET_REG);
        temp_pin_home(s, arg_temp(op->args[0]));
    }
    for (i = 0; i < s->nb_pinned; i++) {
        temp_pin_load(s, s->pinned[i]);
    }
    if (nb_o) {
        temp_finish_output(s, op, 0);
    }
}

static void tcg_record_insn_start(TCGContext *s, const TCGOp *op)
{
    int n = s->nb_insns, w;

    if (n >= TCG_MAX_INSN_RECORDS) {
        cpu_abort_msg("tcg: more than %d guest insns in one TB",
                      TCG_MAX_INSN_RECORDS);
    }
    if (n > 0) {
        s->insn_end_off[n - 1] = s->code_ptr - (uint8_t *)s->cur_tb->tc.ptr;
    }
    for (w = 0; w < TARGET_INSN_START_WORDS; w++) {
        s->insn_data[n][w] = op->args[w];
    }
    s->nb_insns = n + 1;
}

/* Start-of-TB state: globals and locals in memory (pinned globals in their
   registers), plain temps empty. */
static void tcg_reg_alloc_start(TCGContext *s)
{
    int i;

    memset(s->reg_to_temp, 0, sizeof(s->reg_to_temp));
    s->frame_slots_used = 0;
    for (i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_FIXED:
            ts->val_type = TEMP_VAL_REG;
            break;
        case TEMP_GLOBAL:
            if (ts->pinned) {
                ts->val_type = TEMP_VAL_REG;
                ts->reg = ts->pin_reg;
                ts->mem_coherent = false;
                s->reg_to_temp[ts->reg] = ts;
                break;
            }
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            break;
        case TEMP_LOCAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            ts->mem_allocated = false;
            break;
        case TEMP_NORMAL:
            ts->val_type = TEMP_VAL_DEAD;
            ts->mem_allocated = false;
            break;
        case TEMP_CONST:
            ts->val_type = TEMP_VAL_CONST;
            break;
        }
    }
}

int tcg_gen_code(TCGContext *s, TranslationBlock *tb)
{
    uint8_t *start = tb->tc.ptr;
    size_t size;
    int i;

    if (qemu_loglevel_mask_at(CPU_LOG_TB_OP, tb->pc)) {
        qemu_log("OP:\n");
        tcg_dump_ops_life(s, false);
        qemu_log("\n");
    }
    tcg_optimize(s);
    tcg_liveness_analysis(s);
    if (qemu_loglevel_mask_at(CPU_LOG_TB_OP_OPT, tb->pc)) {
        qemu_log("OP after optimization and liveness analysis:\n");
        tcg_dump_ops_life(s, true);
        qemu_log("\n");
    }

    s->cur_tb = tb;
    s->code_ptr = start;
    s->nb_relocs = 0;
    s->nb_slow_paths = 0;
    s->access_maps_len = 0;
    s->cur_access_map = -1;
    s->nb_insns = 0;
    s->flags_end = NULL;
    /* The inline TLB probe needs scratch registers of its own. */
    s->reserved_regs = s->fixed_reserved_regs
                       | (tb->cflags & CF_CHECKED ? TCG_TARGET_PROBE_REGS : 0);
    tcg_reg_alloc_start(s);

    for (i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];

        if (op->removed) {
            continue;
        }
        if (s->code_ptr > s->code_buf_end - TCG_CODE_MARGIN) {
            return -1;
        }
        if (TCG_TARGET_HAS_BRCOND_MEM && op->opc == INDEX_op_ld_i32) {
            int next = tcg_out_ld_brcond(s, i);

            if (next) {
                i = next;
                continue;
            }
        }
        switch (op->opc) {
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            tcg_reg_alloc_mov(s, op);
            break;
        case INDEX_op_movi_i32:
        case INDEX_op_movi_i64:
            tcg_reg_alloc_movi(s, op);
            break;
        case INDEX_op_call:
            tcg_reg_alloc_call(s, op);
            break;
        case INDEX_op_insn_start:
            tcg_record_insn_start(s, op);
            break;
        case INDEX_op_discard:
            temp_dead(s, arg_temp(op->args[0]));
            break;
        case INDEX_op_set_label:
            tcg_reg_alloc_bb_end(s);
            s->flags_end = NULL;
            arg_label(op->args[0])->bound = true;
            arg_label(op->args[0])->host_addr = (uintptr_t)s->code_ptr;
            break;
        default:
            tcg_reg_alloc_op(s, op);
            break;
        }
    }
    if (s->nb_insns > 0) {
        s->insn_end_off[s->nb_insns - 1] = s->code_ptr - start;
    }
    /* The per-insn records hold 16-bit offsets; the slow paths that follow
       the last insn need none. */
    if (s->code_ptr - start > UINT16_MAX) {
        cpu_abort_msg("tcg: TB host code of %zu bytes exceeds 64 KiB",
                      (size_t)(s->code_ptr - start));
    }
    for (i = 0; i < s->nb_slow_paths; i++) {
        if (s->code_ptr > s->code_buf_end - TCG_CODE_MARGIN) {
            return -1;
        }
        tcg_out_slow_path(s, &s->slow_paths[i]);
    }
    for (i = 0; i < s->nb_relocs; i++) {
        TCGLabel *l = s->relocs[i].label;
        if (!l->bound) {
            cpu_abort_msg("tcg: branch to label $L%d that is never set", l->id);
        }
        patch_label_rel32(s->relocs[i].where, l->host_addr);
    }
    for (i = 0; s->stub_dest && i < RET_SITE_STUBS; i++) {
        s->stub_dest[i] = (const void *)s->stub_label[i]->host_addr;
    }
    /* A host whose instruction cache does not snoop data writes (AArch64)
       must see the new code; elsewhere this compiles to nothing. */
    __builtin___clear_cache((char *)start, (char *)s->code_ptr);
    size = s->code_ptr - start;
    return size;
}

/* ---- per-insn records ---- */

int tcg_gen_insn_count(void)
{
    return tcg_ctx->nb_insns;
}

uint16_t tcg_gen_insn_end_off(int insn)
{
    return tcg_ctx->insn_end_off[insn];
}

uint64_t tcg_gen_insn_data(int insn, int word)
{
    return tcg_ctx->insn_data[insn][word];
}

const uint8_t *tcg_gen_access_maps(size_t *len)
{
    *len = tcg_ctx->access_maps_len;
    return tcg_ctx->access_maps;
}

void tcg_restore_access_globals(void *env, const uint8_t *maps, size_t len,
                                uintptr_t off, const ucontext_t *uc)
{
#if TCG_TARGET_HAS_ACCESS_MAP
    size_t pos = 0;

    /* pinned globals are in their registers everywhere in TB code */
    for (int i = 0; i < tcg_ctx->nb_pinned; i++) {
        const TCGTemp *ts = tcg_ctx->pinned[i];
        uint64_t val = host_signal_reg(uc, ts->pin_reg);
        uint32_t val32 = val;

        memcpy((char *)env + ts->mem_offset,
               ts->type == TCG_TYPE_I32 ? (void *)&val32 : (void *)&val,
               ts->type == TCG_TYPE_I32 ? 4 : 8);
    }
    while (pos < len) {
        const uint8_t *entry = maps + pos + 3;
        int n = maps[pos + 2];
        uint16_t at;

        memcpy(&at, maps + pos, sizeof(at));
        for (int k = 0; k < n; k++) {
            /* globals and their homes never change after start-up */
            const TCGTemp *ts = &tcg_ctx->temps[entry[0]];
            uint64_t val;
            uint32_t val32;

            if (entry[1] == ACCESS_MAP_CONST) {
                memcpy(&val, entry + 2, 8);
            } else {
                val = host_signal_reg(uc, entry[1]);
            }
            val32 = val;
            if (at == off) {
                memcpy((char *)env + ts->mem_offset,
                       ts->type == TCG_TYPE_I32 ? (void *)&val32 : (void *)&val,
                       ts->type == TCG_TYPE_I32 ? 4 : 8);
            }
            entry += access_map_entry_len(entry);
        }
        if (at == off) {
            return;
        }
        pos = entry - maps;
    }
#endif
}

/*
 * Pinned globals.  A pinned global lives in a callee-saved host register
 * of its own (tcg_target_pin_regs) for as long as generated code runs: the
 * prologue loads it from env, the epilogue stores it back, and TBs hand it
 * to each other in that register rather than through env, so a chain of
 * TBs neither stores nor reloads it.  Between any two ops of a TB the
 * register holds its value (constants are materialised at once, a helper
 * that may write globals is followed by a reload); env may be older.  So
 * the fault handler copies the pinned registers from the signal context
 * (tcg_restore_access_globals) and slow paths store them before calling C
 * that may raise a fault; helpers that may read globals get them stored
 * first, like any global; liveness keeps them alive at block ends
 * (tcg-liveness.c).  -d nopin pins nothing.
 */
static bool use_guest_base_reg(void)
{
    return guest_base != 0 && !fits_int32(guest_base);
}

static bool global_pin(TCGTemp *ts)
{
    TCGContext *s = tcg_ctx;
    int i;

    if (s->prologue_done || ts->kind != TEMP_GLOBAL || ts->pinned
        || ts->mem_base_reg != TCG_AREG0) {
        cpu_abort_msg("tcg: cannot pin %s", ts->name);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_NOPIN) || s->nb_pinned == TCG_MAX_PINNED) {
        return false;
    }
    for (i = 0; tcg_target_pin_regs[i] >= 0; i++) {
        int reg = tcg_target_pin_regs[i];

        if (!(s->fixed_reserved_regs >> reg & 1)) {
            ts->pinned = true;
            ts->pin_reg = reg;
            s->fixed_reserved_regs |= 1u << reg;
            s->reserved_regs = s->fixed_reserved_regs;
            s->pinned[s->nb_pinned++] = ts;
            return true;
        }
    }
    return false;
}

bool tcg_global_pin_i32(TCGv_i32 v)
{
    return global_pin(tcgv_i32_temp(v));
}

bool tcg_global_pin_i64(TCGv_i64 v)
{
    return global_pin(tcgv_i64_temp(v));
}

/* For the prologue (entering generated code) and the epilogue (leaving). */
static void tcg_out_pinned_loads(TCGContext *s)
{
    for (int i = 0; i < s->nb_pinned; i++) {
        const TCGTemp *ts = s->pinned[i];
        tcg_out_ld(s, ts->type, ts->pin_reg, TCG_AREG0, ts->mem_offset);
    }
}

static void tcg_out_pinned_stores(TCGContext *s)
{
    for (int i = 0; i < s->nb_pinned; i++) {
        const TCGTemp *ts = s->pinned[i];
        tcg_out_st(s, ts->type, ts->pin_reg, TCG_AREG0, ts->mem_offset);
    }
}

/* ---- code buffer ---- */

void *tcg_code_gen_ptr(void)
{
    return tcg_ctx->code_gen_ptr;
}

void tcg_code_gen_advance(size_t n)
{
    TCGContext *s = tcg_ctx;
    uintptr_t next = QEMU_ALIGN_UP((uintptr_t)s->code_gen_ptr + n, 16);

    s->code_gen_ptr = (uint8_t *)MIN(next, (uintptr_t)s->code_buf_end);
}

bool tcg_code_buffer_contains(const void *host_pc)
{
    const uint8_t *p = host_pc;
    return p >= tcg_ctx->code_buf && p < tcg_ctx->code_buf_end;
}

void tcg_code_buffer_flush(void)
{
    TCGContext *s = tcg_ctx;
    s->code_gen_ptr = s->code_buf_prologue_end;
}

size_t tcg_code_buffer_free(void)
{
    TCGContext *s = tcg_ctx;
    return s->code_buf_end - s->code_gen_ptr;
}

#ifndef TCG_TARGET_INTERPRETER   /* the interpreter's is in tcg/tci/ */
uintptr_t tcg_qemu_tb_exec(void *env, const void *tb_ptr)
{
    uintptr_t (*entry)(void *, const void *) =
        (uintptr_t (*)(void *, const void *))tcg_ctx->code_gen_prologue;
    return entry(env, tb_ptr);
}
#endif

void tcg_context_init(size_t code_buffer_size)
{
    TCGContext *s = tcg_ctx;
    void *buf;

    if (code_buffer_size == 0) {
        code_buffer_size = TCG_DEFAULT_CODE_BUFFER_SIZE;
    }
    buf = mmap(NULL, code_buffer_size, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        cpu_abort_msg("tcg: cannot map %zu bytes of code buffer: %s",
                      code_buffer_size, strerror(errno));
    }
    s->code_buf = buf;
    s->code_buf_end = s->code_buf + code_buffer_size;

    s->fixed_reserved_regs = (1u << TCG_REG_CALL_STACK) | (1u << TCG_AREG0)
                             | (1u << TCG_REG_TMP);
    if (use_guest_base_reg()) {
        s->fixed_reserved_regs |= 1u << TCG_REG_GUEST_BASE;
    }
    s->reserved_regs = s->fixed_reserved_regs;
    parse_constraints();

    tcg_helpers_init();
    cpu_env = (TCGv_ptr)tcg_global_reg_new_internal(TCG_TYPE_PTR, TCG_AREG0,
                                                    "env");
    tcg_func_start(s);
}

void tcg_prologue_init(void)
{
    TCGContext *s = tcg_ctx;

    s->code_ptr = s->code_buf;
    tcg_target_emit_prologue(s, use_guest_base_reg());
    __builtin___clear_cache((char *)s->code_buf, (char *)s->code_ptr);
    s->code_buf_prologue_end =
        (uint8_t *)QEMU_ALIGN_UP((uintptr_t)s->code_ptr, 64);
    s->code_gen_ptr = s->code_buf_prologue_end;
    s->prologue_done = true;
}
