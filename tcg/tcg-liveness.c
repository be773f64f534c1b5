/*
 * tcg-liveness.c: the backward liveness pass.  For every op it records
 * which argument temps die after it (dead_args) and which outputs must be
 * written back to their memory home right away (sync_args), and it deletes
 * ops whose results nobody uses.  The rules it enforces:
 *  - at the end of a basic block globals are in env (pinned ones in their
 *    host registers) and local temps in their frame slots; plain temps are
 *    dead;
 *  - at an op with side effects (guest memory access) every global's value
 *    is alive, so a fault there sees precise guest registers: in env, or
 *    where the access's map says (tcg.c, "Access maps") on backends that
 *    have them;
 *  - before a helper call globals are in env unless the helper promises not
 *    to read them, and are forgotten unless it promises not to write them.
 */
#include "qemu/osdep.h"
#include "tcg-internal.h"
#include "tcg-target.h"

/* life_state bits: no later use needs the value / the home must hold it /
   a later guest access must find it, in a register its map names or in
   the home (a global only, with TS_DEAD: the register may go once the
   home holds the value, which TS_MEM makes the write store). */
#define TS_DEAD  1
#define TS_MEM   2
#define TS_AVAIL 4

/* Whether the register holding ts may go after this op. */
static bool reg_dead(const TCGTemp *ts)
{
    return (ts->life_state & TS_DEAD)
           && (!(ts->life_state & TS_AVAIL) || (ts->life_state & TS_MEM));
}

static bool temp_tracked(const TCGTemp *ts)
{
    return ts->kind != TEMP_FIXED && ts->kind != TEMP_CONST;
}

/* A global at a block end: in env, or live in its register if pinned. */
static uint8_t global_end_state(const TCGTemp *ts)
{
    return ts->pinned ? 0 : TS_DEAD | TS_MEM;
}

/* Plain temps are dead here already: every use of one in the block after
   follows its definition there, which killed it (tcg/README, "Temps"). */
static void la_bb_end(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].life_state = global_end_state(&s->temps[i]);
    }
    for (i = 0; i < s->nb_local_temps; i++) {
        s->local_temps[i]->life_state = TS_DEAD | TS_MEM;
    }
}

/* The end of the TB: only globals matter any more. */
static void la_func_end(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->life_state = ts->kind == TEMP_GLOBAL ? global_end_state(ts) : TS_DEAD;
    }
}

static void la_global_sync(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].life_state |= TS_MEM;
    }
}

/* A guest access: each global's value is read from wherever it is if the
   access faults. */
static void la_global_live(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].life_state & TS_DEAD) {
            s->temps[i].life_state |= TS_AVAIL;
        }
    }
}

static void la_global_kill(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].life_state = TS_DEAD | TS_MEM;
    }
}

static bool op_writes(const TCGOp *op, int nb_o, const TCGTemp *t)
{
    for (int k = 0; k < nb_o; k++) {
        if (arg_temp(op->args[k]) == t) {
            return true;
        }
    }
    return false;
}

static bool outputs_all_dead(const TCGOp *op, int nb_o)
{
    int k;

    for (k = 0; k < nb_o; k++) {
        /* TS_DEAD with TS_MEM or TS_AVAIL is not dead: the value must reach
           memory or a later access */
        if (arg_temp(op->args[k])->life_state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

static void la_outputs(TCGOp *op, int nb_o)
{
    int k;

    for (k = 0; k < nb_o; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (reg_dead(ts)) {
            op->dead_args |= 1u << k;
        }
        if (ts->life_state & TS_MEM) {
            op->sync_args |= 1u << k;
        }
        ts->life_state = TS_DEAD;
    }
}

static void la_inputs(TCGOp *op, int nb_o, int nb_i)
{
    int i;

    for (i = nb_o; i < nb_o + nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);
        if (!temp_tracked(ts)) {
            continue;
        }
        if (reg_dead(ts)) {
            op->dead_args |= 1u << i;
        }
        ts->life_state &= ~TS_DEAD;
    }
}

/*
 * "op t, ...; mov g, t" with g pinned and t dead after the move: op writes
 * g itself.  The allocator cannot hand t's register to g as it does for
 * other globals (g's register is its own), so the move would be a host
 * move (a load into a temp, then into the pinned register).  Between the
 * two only ops without side effects that touch neither g nor t may stand:
 * no guest access or call could see g early.  Returns whether it did.
 */
static bool coalesce_into_pinned(TCGContext *s, int mov)
{
    TCGTemp *g = arg_temp(s->ops[mov].args[0]);
    TCGTemp *t = arg_temp(s->ops[mov].args[1]);
    int i, k, seen = 0;

    if (!g->pinned || t->kind != TEMP_NORMAL || !(t->life_state & TS_DEAD)) {
        return false;
    }
    for (i = mov - 1; i >= 0 && seen < 8; i--) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nb_o, nb_io;

        if (op->removed || op->opc == INDEX_op_insn_start) {
            continue;
        }
        seen++;
        if (op->opc == INDEX_op_call || op->opc == INDEX_op_set_label
            || op->opc == INDEX_op_discard || (def->flags & TCG_OPF_BB_END)) {
            return false;
        }
        nb_o = tcg_op_nb_oargs(op);
        nb_io = nb_o + tcg_op_nb_iargs(op);
        for (k = 0; k < nb_io; k++) {
            if (arg_temp(op->args[k]) == g) {
                /* read or written in between; the definition of t may
                   read it, though (its inputs are read first) */
                if (k < nb_o || !op_writes(op, nb_o, t)) {
                    return false;
                }
            }
        }
        if (op_writes(op, nb_o, t)) {
            for (k = 0; k < nb_o; k++) {
                if (arg_temp(op->args[k]) == t) {
                    op->args[k] = temp_arg(g);
                }
            }
            tcg_op_remove(s, &s->ops[mov]);
            return true;
        }
        if (def->flags & TCG_OPF_SIDE_EFFECTS) {
            return false;
        }
        for (k = nb_o; k < nb_io; k++) {
            if (arg_temp(op->args[k]) == t) {
                return false;
            }
        }
    }
    return false;
}

void tcg_liveness_analysis(TCGContext *s)
{
    int i;

    la_func_end(s);
    for (i = s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nb_o = tcg_op_nb_oargs(op), nb_i = tcg_op_nb_iargs(op);

        if (op->removed) {
            continue;
        }
        op->dead_args = 0;
        op->sync_args = 0;

        switch (op->opc) {
        case INDEX_op_insn_start:
            break;
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            if (coalesce_into_pinned(s, i)) {
                break;
            }
            goto plain_op;
        case INDEX_op_discard:
            arg_temp(op->args[0])->life_state = TS_DEAD;
            break;
        case INDEX_op_set_label:
            la_bb_end(s);
            break;
        case INDEX_op_call: {
            unsigned flags = tcg_call_flags(op);

            if ((flags & TCG_CALL_NO_SIDE_EFFECTS) && outputs_all_dead(op, nb_o)) {
                tcg_op_remove(s, op);
                break;
            }
            la_outputs(op, nb_o);
            if (!(flags & (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS))) {
                la_global_kill(s);
            } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
                la_global_sync(s);
            }
            la_inputs(op, nb_o, nb_i);
            break;
        }
        default:
        plain_op:
            if (nb_o > 0 && !(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END))
                && outputs_all_dead(op, nb_o)) {
                tcg_op_remove(s, op);
                break;
            }
            la_outputs(op, nb_o);
            if (def->flags & TCG_OPF_BB_END) {
                la_bb_end(s);
            } else if (def->flags & TCG_OPF_SIDE_EFFECTS) {
                if (TCG_TARGET_HAS_ACCESS_MAP) {
                    la_global_live(s);
                } else {
                    la_global_sync(s);
                }
            }
            la_inputs(op, nb_o, nb_i);
            break;
        }
    }
}
