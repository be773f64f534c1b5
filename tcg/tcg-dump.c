/*
 * tcg-dump.c: the text form of the IR for -d op and -d op_opt, in QEMU's
 * format: one op per line, outputs then inputs then constants, conditions,
 * memops and labels by name; a " ---- pc cc_op" line starts each guest insn.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "tcg-internal.h"

static const char *const cond_name[16] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu", [TCG_COND_GTU] = "gtu",
};

static const char *const memop_name[8] = {
    [MO_UB] = "ub", [MO_SB] = "sb", [MO_LEUW] = "leuw", [MO_LESW] = "lesw",
    [MO_LEUL] = "leul", [MO_LESL] = "lesl", [MO_LEQ] = "leq",
    [MO_LEQ | MO_SIGN] = "leq",
};

static const char *tcg_temp_name(TCGContext *s, TCGTemp *ts, char *buf, size_t size)
{
    switch (ts->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        return ts->name;
    case TEMP_CONST:
        snprintf(buf, size, "$0x%" PRIx64, ts->val);
        break;
    case TEMP_LOCAL:
        snprintf(buf, size, "loc%d", ts->index - s->nb_globals);
        break;
    case TEMP_NORMAL:
        snprintf(buf, size, "tmp%d", ts->index - s->nb_globals);
        break;
    }
    return buf;
}

/* Text of constant arg i (0-based among the constants) of op. */
static void const_arg_text(const TCGOp *op, int i, TCGArg a, char *buf,
                           size_t size)
{
    switch (op->opc) {
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        if (i == 1) {
            snprintf(buf, size, "$L%d", arg_label(a)->id);
            return;
        }
        /* fall through */
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64:
        snprintf(buf, size, "%s", a < 16 && cond_name[a] ? cond_name[a] : "??");
        return;
    case INDEX_op_qemu_ld_i32:
    case INDEX_op_qemu_st_i32:
    case INDEX_op_qemu_ld_i64:
    case INDEX_op_qemu_st_i64:
        if (get_memop(a) & MO_SPAN_MASK) {
            snprintf(buf, size, "%s+span%d,%u", memop_name[get_memop(a) & 7],
                     memop_span_bytes(get_memop(a)), get_mmuidx(a));
        } else {
            snprintf(buf, size, "%s%s,%u", memop_name[get_memop(a) & 7],
                     get_memop(a) & MO_NEAR_CHECKED ? "+near" : "",
                     get_mmuidx(a));
        }
        return;
    case INDEX_op_br:
    case INDEX_op_set_label:
        snprintf(buf, size, "$L%d", arg_label(a)->id);
        return;
    default:
        snprintf(buf, size, "$0x%" PRIxPTR, a);
        return;
    }
}

static int dump_insn_start(const TCGOp *op)
{
    int w, col = 5;

    qemu_log("\n ----");

    for (w = 0; w < TARGET_INSN_START_WORDS; w++) {
        qemu_log(" " TARGET_FMT_lx, (target_ulong)op->args[w]);
        col += 1 + TARGET_LONG_BITS / 4;
    }
    return col;
}

static int dump_call(TCGContext *s, const TCGOp *op)
{
    const TCGHelperInfo *info =
        (const TCGHelperInfo *)op->args[op->callo + op->calli + 2];
    char buf[32];
    int i, col;

    col = snprintf(NULL, 0, " call %s,$0x%x,$%d", info->name,
                   tcg_call_flags(op), op->callo);
    qemu_log(" call %s,$0x%x,$%d", info->name, tcg_call_flags(op), op->callo);
    for (i = 0; i < op->callo + op->calli; i++) {
        const char *n = tcg_temp_name(s, arg_temp(op->args[i]), buf, sizeof(buf));
        qemu_log(",%s", n);
        col += 1 + strlen(n);
    }
    return col;
}

static int dump_plain(TCGContext *s, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_t = def->nb_oargs + def->nb_iargs;
    char buf[64];
    int i, col;

    col = 2 + strlen(def->name);
    qemu_log(" %s ", def->name);
    for (i = 0; i < def->nb_args; i++) {
        const char *text;
        if (i < nb_t) {
            text = tcg_temp_name(s, arg_temp(op->args[i]), buf, sizeof(buf));
        } else {
            const_arg_text(op, i - nb_t, op->args[i], buf, sizeof(buf));
            text = buf;
        }
        qemu_log("%s%s", i ? "," : "", text);
        col += (i ? 1 : 0) + strlen(text);
    }
    return col;
}

static void dump_life(const TCGOp *op, int col)
{
    int i;

    if (!op->dead_args && !op->sync_args) {
        return;
    }
    for (; col < 40; col++) {
        qemu_log(" ");
    }
    if (op->sync_args) {
        qemu_log(" sync:");
        for (i = 0; i < 16; i++) {
            if (op->sync_args >> i & 1) {
                qemu_log(" %d", i);
            }
        }
    }
    if (op->dead_args) {
        qemu_log(" dead:");
        for (i = 0; i < 16; i++) {
            if (op->dead_args >> i & 1) {
                qemu_log(" %d", i);
            }
        }
    }
}

void tcg_dump_ops_life(TCGContext *s, bool with_life)
{
    int i, col;

    for (i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];

        if (op->removed) {
            continue;
        }
        if (op->opc == INDEX_op_insn_start) {
            col = dump_insn_start(op);
        } else if (op->opc == INDEX_op_call) {
            col = dump_call(s, op);
        } else {
            col = dump_plain(s, op);
        }
        if (with_life) {
            dump_life(op, col);
        }
        qemu_log("\n");
    }
}

void tcg_dump_ops(TCGContext *s)
{
    tcg_dump_ops_life(s, false);
}
