/*
 * tcg-ir.c: the IR under construction: the op table, the context, temps
 * (globals, locals, plain temps, interned constants), labels, the op buffer
 * and helper calls.  tcg-op.c builds ops through tcg_emit_op(); tcg.c turns
 * the finished IR into host code.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "tcg-internal.h"
#include "tcg/tcg-op.h"
#include "exec/helper-proto.h"

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) \
    [INDEX_op_ ## n] = { #n, o, i, c, (o) + (i) + (c), f },
#include "tcg-opc.h"
};

static TCGContext tcg_init_ctx;
TCGContext *tcg_ctx = &tcg_init_ctx;
TCGv_ptr cpu_env;

/* ---- helpers ---- */

static const TCGHelperInfo all_helpers[] = {
#include "exec/helper-tcg.h"
};

/* Every known helper, sorted by function address for bsearch. */
static const TCGHelperInfo **helper_index;
static size_t nb_helper_index, cap_helper_index;

static int helper_cmp(const void *a, const void *b)
{
    uintptr_t fa = (uintptr_t)(*(const TCGHelperInfo **)a)->func;
    uintptr_t fb = (uintptr_t)(*(const TCGHelperInfo **)b)->func;
    return fa < fb ? -1 : fa > fb;
}

static void helper_index_add(const TCGHelperInfo *info)
{
    if (nb_helper_index == cap_helper_index) {
        cap_helper_index = cap_helper_index ? cap_helper_index * 2 : 512;
        helper_index = realloc(helper_index,
                               cap_helper_index * sizeof(*helper_index));
        if (!helper_index) {
            cpu_abort_msg("tcg: out of memory for the helper table");
        }
    }
    helper_index[nb_helper_index++] = info;
}

void tcg_register_helper(const TCGHelperInfo *info)
{
    helper_index_add(info);
    qsort(helper_index, nb_helper_index, sizeof(*helper_index), helper_cmp);
}

void tcg_helpers_init(void)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(all_helpers); i++) {
        helper_index_add(&all_helpers[i]);
    }
    qsort(helper_index, nb_helper_index, sizeof(*helper_index), helper_cmp);
}

const TCGHelperInfo *tcg_find_helper(void *func)
{
    TCGHelperInfo key = { .func = func };
    const TCGHelperInfo *kp = &key;
    const TCGHelperInfo **found;

    found = bsearch(&kp, helper_index, nb_helper_index,
                    sizeof(*helper_index), helper_cmp);
    return found ? *found : NULL;
}

void tcg_gen_callN(void *func, void *ret, int nargs, void **args)
{
    const TCGHelperInfo *info = tcg_find_helper(func);
    TCGOp *op;
    int i, n = 0;

    if (!info) {
        cpu_abort_msg("tcg: call to unregistered helper %p", func);
    }
    if (nargs > TCG_MAX_CALL_ARGS) {
        cpu_abort_msg("tcg: helper %s has %d args, at most %d supported",
                      info->name, nargs, TCG_MAX_CALL_ARGS);
    }
    op = tcg_emit_op(INDEX_op_call);
    if (ret) {
        tcg_check_temp(ret);
        op->args[n++] = (TCGArg)ret;
    }
    for (i = 0; i < nargs; i++) {
        tcg_check_temp(args[i]);
        op->args[n++] = (TCGArg)args[i];
    }
    op->callo = ret != NULL;
    op->calli = nargs;
    op->args[n++] = (TCGArg)func;
    op->args[n++] = info->flags;
    op->args[n++] = (TCGArg)info;
}

/* ---- temps ---- */

static TCGTemp *temp_alloc(TCGContext *s)
{
    TCGTemp *ts;

    if (s->nb_temps >= TCG_MAX_TEMPS) {
        cpu_abort_msg("tcg: more than %d temps in one TB", TCG_MAX_TEMPS);
    }
    ts = &s->temps[s->nb_temps];
    memset(ts, 0, sizeof(*ts));
    ts->index = s->nb_temps++;
    return ts;
}

/* Globals precede the temps of a TB: creating one ends any TB in
   construction, which is why they are made once at startup. */
static TCGTemp *global_new(TCGType type, TCGTempKind kind, const char *name)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts;

    s->nb_temps = s->nb_globals;
    ts = temp_alloc(s);
    ts->type = type;
    ts->kind = kind;
    ts->name = name;
    ts->allocated = true;
    s->nb_globals = s->nb_temps;
    tcg_func_start(s);
    return ts;
}

TCGTemp *tcg_global_reg_new_internal(TCGType type, int reg, const char *name)
{
    TCGTemp *ts = global_new(type, TEMP_FIXED, name);

    ts->reg = reg;
    ts->val_type = TEMP_VAL_REG;
    return ts;
}

static TCGTemp *global_mem_new(TCGType type, TCGv_ptr base, intptr_t offset,
                               const char *name)
{
    TCGTemp *bts = tcgv_ptr_temp(base);
    TCGTemp *ts;

    if (bts->kind != TEMP_FIXED) {
        cpu_abort_msg("tcg: global %s must be based on a fixed register", name);
    }
    ts = global_new(type, TEMP_GLOBAL, name);
    ts->mem_allocated = true;
    ts->mem_base_reg = bts->reg;
    ts->mem_offset = offset;
    ts->val_type = TEMP_VAL_MEM;
    ts->mem_coherent = true;
    return ts;
}

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name)
{
    return temp_tcgv_i32(global_mem_new(TCG_TYPE_I32, base, offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name)
{
    return temp_tcgv_i64(global_mem_new(TCG_TYPE_I64, base, offset, name));
}

static TCGTemp *temp_new(TCGType type, bool local)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts = s->free_temps[type][local];

    if (ts) {
        s->free_temps[type][local] = ts->next_free;
    } else {
        ts = temp_alloc(s);
        ts->type = type;
        ts->kind = local ? TEMP_LOCAL : TEMP_NORMAL;
        if (local) {
            s->local_temps[s->nb_local_temps++] = ts;
        }
    }
    ts->allocated = true;
    ts->next_free = NULL;
    return ts;
}

static void temp_free(TCGTemp *ts)
{
    TCGContext *s = tcg_ctx;
    bool local = ts->kind == TEMP_LOCAL;

    if (ts->kind != TEMP_NORMAL && ts->kind != TEMP_LOCAL) {
        cpu_abort_msg("tcg: freeing %s, which is not a temp",
                      ts->name ? ts->name : "a constant");
    }
    if (!ts->allocated) {
        cpu_abort_msg("tcg: temp %d freed twice", ts->index - s->nb_globals);
    }
    ts->allocated = false;
    ts->next_free = s->free_temps[ts->type][local];
    s->free_temps[ts->type][local] = ts;
}

TCGv_i32 tcg_temp_new_i32(void) { return temp_tcgv_i32(temp_new(TCG_TYPE_I32, false)); }
TCGv_i64 tcg_temp_new_i64(void) { return temp_tcgv_i64(temp_new(TCG_TYPE_I64, false)); }
TCGv_ptr tcg_temp_new_ptr(void) { return (TCGv_ptr)temp_new(TCG_TYPE_PTR, false); }
TCGv_i32 tcg_temp_local_new_i32(void) { return temp_tcgv_i32(temp_new(TCG_TYPE_I32, true)); }
TCGv_i64 tcg_temp_local_new_i64(void) { return temp_tcgv_i64(temp_new(TCG_TYPE_I64, true)); }
void tcg_temp_free_i32(TCGv_i32 t) { temp_free(tcgv_i32_temp(t)); }
void tcg_temp_free_i64(TCGv_i64 t) { temp_free(tcgv_i64_temp(t)); }
void tcg_temp_free_ptr(TCGv_ptr t) { temp_free(tcgv_ptr_temp(t)); }

/* A new temp (local or not) set to val: the tcg_const_* family. */
static TCGTemp *const_new(TCGType type, bool local, int64_t val)
{
    TCGTemp *ts = temp_new(type, local);

    if (type == TCG_TYPE_I32) {
        tcg_gen_movi_i32(temp_tcgv_i32(ts), val);
    } else {
        tcg_gen_movi_i64(temp_tcgv_i64(ts), val);
    }
    return ts;
}

TCGv_i32 tcg_const_i32(int32_t val)
{
    return temp_tcgv_i32(const_new(TCG_TYPE_I32, false, val));
}

TCGv_i64 tcg_const_i64(int64_t val)
{
    return temp_tcgv_i64(const_new(TCG_TYPE_I64, false, val));
}

TCGv_ptr tcg_const_ptr(const void *val)
{
    return (TCGv_ptr)tcg_const_i64((intptr_t)val);
}

TCGv_i32 tcg_const_local_i32(int32_t val)
{
    return temp_tcgv_i32(const_new(TCG_TYPE_I32, true, val));
}

TCGv_i64 tcg_const_local_i64(int64_t val)
{
    return temp_tcgv_i64(const_new(TCG_TYPE_I64, true, val));
}

_Static_assert(TCG_TYPE_COUNT * TCG_CONST_TABLE_SIZE <= 65536, "const_used holds slots");

TCGTemp *tcg_constant_internal(TCGType type, uint64_t val)
{
    TCGContext *s = tcg_ctx;
    unsigned mask = TCG_CONST_TABLE_SIZE - 1;
    unsigned h = (unsigned)((val * 0x9e3779b97f4a7c15ull) >> 40) & mask;
    TCGTemp *ts;

    if (type == TCG_TYPE_I32) {
        val = (uint32_t)val;
    }
    while ((ts = s->const_table[type][h]) != NULL) {
        if (ts->val == val) {
            return ts;
        }
        h = (h + 1) & mask;
    }
    ts = temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_CONST;
    ts->allocated = true;
    ts->val_type = TEMP_VAL_CONST;
    ts->val = val;
    s->const_table[type][h] = ts;
    s->const_used[s->nb_const_used++] = type * TCG_CONST_TABLE_SIZE + h;
    return ts;
}

#ifdef CONFIG_DEBUG_TCG
void tcg_check_temp(TCGTemp *ts)
{
    TCGContext *s = tcg_ctx;

    if (ts < s->temps || ts >= s->temps + s->nb_temps) {
        cpu_abort_msg("tcg: handle %p is not a temp of this TB", (void *)ts);
    }
    if (!ts->allocated) {
        cpu_abort_msg("tcg: use of freed temp tmp%d",
                      ts->index - s->nb_globals);
    }
}
#endif

/* ---- labels ---- */

#define LABELS_PER_CHUNK 256

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    int chunk = s->nb_labels / LABELS_PER_CHUNK;
    TCGLabel *l;

    if (chunk == s->nb_label_chunks) {
        s->label_chunks = realloc(s->label_chunks,
                                  (chunk + 1) * sizeof(*s->label_chunks));
        if (!s->label_chunks) {
            cpu_abort_msg("tcg: out of memory for labels");
        }
        s->label_chunks[chunk] = calloc(LABELS_PER_CHUNK, sizeof(TCGLabel));
        if (!s->label_chunks[chunk]) {
            cpu_abort_msg("tcg: out of memory for labels");
        }
        s->nb_label_chunks++;
    }
    l = &s->label_chunks[chunk][s->nb_labels % LABELS_PER_CHUNK];
    memset(l, 0, sizeof(*l));
    l->id = s->nb_labels++;
    return l;
}

/* ---- op buffer ---- */

static bool is_guest_access(TCGOpcode opc)
{
    return opc == INDEX_op_qemu_ld_i32 || opc == INDEX_op_qemu_ld_i64
           || opc == INDEX_op_qemu_st_i32 || opc == INDEX_op_qemu_st_i64;
}

TCGOp *tcg_emit_op(TCGOpcode opc)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op;

    if (s->nb_ops >= TCG_MAX_OPS) {
        cpu_abort_msg("tcg: more than %d ops in one TB", TCG_MAX_OPS);
    }
    op = &s->ops[s->nb_ops++];
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    s->nb_guest_accesses += is_guest_access(opc);
    return op;
}

TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *op, TCGOpcode opc)
{
    if (s->nb_ops >= TCG_MAX_OPS) {
        cpu_abort_msg("tcg: more than %d ops in one TB", TCG_MAX_OPS);
    }
    memmove(op + 1, op, (s->nb_ops - (op - s->ops)) * sizeof(*op));
    s->nb_ops++;
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    return op;
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    op->removed = true;
}

int tcg_op_count(void)
{
    TCGContext *s = tcg_ctx;
    int i, n = 0;

    for (i = 0; i < s->nb_ops; i++) {
        n += !s->ops[i].removed;
    }
    return n;
}

/* A guest access counts for several ops: checked, it is a TLB probe of
   some 45 bytes of host code, and the insns' code must stay under 64 KiB. */
bool tcg_op_buf_full(void)
{
    return tcg_ctx->nb_ops + 3 * tcg_ctx->nb_guest_accesses
           >= TCG_OPS_SOFT_LIMIT;
}

int tcg_op_mark(void)
{
    return tcg_ctx->nb_ops;
}

/* Temps and labels the dropped ops made stay allocated, unused, until the
   TB ends; constants are interned without ops, so they stay valid. */
void tcg_drop_ops_after(int mark)
{
    TCGContext *s = tcg_ctx;

    while (s->nb_ops > mark) {
        s->nb_guest_accesses -= is_guest_access(s->ops[--s->nb_ops].opc);
    }
}

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;
    memset(s->free_temps, 0, sizeof(s->free_temps));
    s->nb_local_temps = 0;
    while (s->nb_const_used) {
        unsigned slot = s->const_used[--s->nb_const_used];

        s->const_table[slot / TCG_CONST_TABLE_SIZE][slot % TCG_CONST_TABLE_SIZE] = NULL;
    }
    s->nb_ops = 0;
    s->nb_guest_accesses = 0;
    s->nb_labels = 0;
    s->stub_dest = NULL;
}
