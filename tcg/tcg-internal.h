/*
 * tcg-internal.h: the private data of the IR engine, shared by tcg.c (op
 * table, temps, liveness, register allocation, emission), tcg-op.c (the
 * builders), optimize.c and the host backend.  Nothing outside tcg/ (and the
 * unit test) may include it: the rest of the emulator sees only handles.
 */
#ifndef TCG_TCG_INTERNAL_H
#define TCG_TCG_INTERNAL_H

#include "tcg/tcg.h"

/* Bounds of one TB's IR.  tcg_op_buf_full() turns true at TCG_OPS_SOFT_LIMIT
   so the insn being translated when it trips still fits below TCG_MAX_OPS;
   the soft limit also keeps a TB's host code well under the 64 KiB that the
   TB's 16-bit code offsets can describe. */
#define TCG_MAX_OPS         8192
#define TCG_OPS_SOFT_LIMIT  4000
#define TCG_MAX_TEMPS       4096
#define TCG_MAX_OP_ARGS     16
#define TCG_MAX_CALL_ARGS   6
#define TCG_MAX_INSN_RECORDS 1024
/* Spill slots of the stack frame set up by the prologue (8 bytes each). */
#define TCG_FRAME_SLOTS     1024
#define TCG_CONST_TABLE_SIZE 4096  /* power of two, > TCG_MAX_TEMPS / 2 */
#define TCG_MAX_PINNED      8

typedef enum TCGTempKind {
    TEMP_NORMAL,  /* dead at the end of each basic block */
    TEMP_LOCAL,   /* lives across blocks, home is a frame slot */
    TEMP_GLOBAL,  /* lives for the whole run, home is a field of env */
    TEMP_FIXED,   /* pinned to a host register (cpu_env) */
    TEMP_CONST,   /* read-only interned constant, printed as $0x... */
} TCGTempKind;

/* Where the value of a temp is right now, during register allocation. */
typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    TCGType type;
    TCGTempKind kind;
    int index;               /* position in TCGContext.temps */
    const char *name;        /* globals only */
    bool allocated;          /* handed out and not yet freed */
    struct TCGTemp *next_free;

    /* register allocation state */
    TCGTempVal val_type;
    int reg;
    uint64_t val;            /* TEMP_VAL_CONST (i32: low 32 bits only) */
    bool mem_coherent;       /* the memory home holds the current value */
    bool mem_allocated;      /* the memory home exists */
    int mem_base_reg;        /* home = mem_base_reg + mem_offset */
    intptr_t mem_offset;
    bool pinned;             /* a global that lives in pin_reg between TBs */
    uint8_t pin_reg;

    uint8_t life_state;      /* liveness scratch (TS_DEAD / TS_MEM) */
} TCGTemp;

struct TCGLabel {
    int id;
    bool bound;
    uintptr_t host_addr;     /* once bound */
};

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, nb_args;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

typedef struct TCGOp {
    TCGOpcode opc;
    bool removed;            /* deleted by the optimiser or liveness */
    uint8_t callo, calli;    /* call only: number of outputs / inputs */
    uint16_t dead_args;      /* bit n: arg n is dead after this op */
    uint16_t sync_args;      /* bit n: output n must be stored to its home */
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

/*
 * A call op's args: callo outputs, calli inputs, then the function pointer,
 * the TCG_CALL_* flags and the TCGHelperInfo pointer.
 */
static inline int tcg_op_nb_oargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->callo : tcg_op_defs[op->opc].nb_oargs;
}
static inline int tcg_op_nb_iargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->calli : tcg_op_defs[op->opc].nb_iargs;
}
static inline unsigned tcg_call_flags(const TCGOp *op)
{
    return op->args[op->callo + op->calli + 1];
}

static inline TCGTemp *arg_temp(TCGArg a) { return (TCGTemp *)a; }
static inline TCGArg temp_arg(TCGTemp *ts) { return (TCGArg)ts; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }

/* qemu_ld/st constant: the MemOp and the MMU index packed in one word. */
static inline TCGArg make_memop_idx(MemOp op, int idx) { return (op << 4) | idx; }
static inline MemOp get_memop(TCGArg oi) { return (MemOp)(oi >> 4); }
static inline int get_mmuidx(TCGArg oi) { return oi & 15; }

/*
 * The out-of-line half of a checked guest access (tcg/README, "Checked
 * accesses").  The backend's inline probe records one when it emits the
 * branch to it; tcg.c asks the backend to emit them all after the TB's
 * last instruction.
 */
typedef struct TCGSlowPath {
    bool is_ld;
    TCGType type;            /* of the loaded or stored value */
    MemOp memop;
    int datareg, addrreg;
    uint32_t live_regs;      /* call-clobbered registers holding values the
                                TB still needs: the path preserves them */
    uint8_t *branch[2];      /* backend's records of the branches to patch
                                (the second may be NULL) */
    uint8_t *resume;         /* just past the inline access: the path
                                returns here, and the helper restores guest
                                state from it (it lies in the guest insn) */
    bool fault_only;         /* taken only for an address past the guest
                                space: the path raises the fault and never
                                returns, so it saves and reloads nothing */
    int access_map;          /* the access's map in access_maps (-1: none):
                                the path first stores the globals it names */
} TCGSlowPath;

struct TCGContext {
    TCGTemp temps[TCG_MAX_TEMPS];
    int nb_globals, nb_temps;
    TCGTemp *free_temps[TCG_TYPE_COUNT][2];   /* [type][is_local] */
    /* The TB's local temps: with the globals, all a block end must put in
       memory (plain temps are dead there already in valid IR). */
    TCGTemp *local_temps[TCG_MAX_TEMPS];
    int nb_local_temps;

    TCGOp ops[TCG_MAX_OPS];
    int nb_ops;
    int nb_guest_accesses;    /* qemu_ld/st among them */

    TCGLabel **label_chunks;  /* labels live until the next tcg_func_start */
    int nb_labels, nb_label_chunks;
    /* tcg_gen_ret_stubs' labels, whose host addresses tcg_gen_code stores
       at stub_dest[]; none when stub_dest is NULL */
    TCGLabel *stub_label[RET_SITE_STUBS];
    const void **stub_dest;

    /* interned constants of the TB being built: open-addressed by value;
       const_used lists the slots filled (type * TCG_CONST_TABLE_SIZE + h),
       so that a new TB empties those, not the whole 64 KiB table */
    TCGTemp *const_table[TCG_TYPE_COUNT][TCG_CONST_TABLE_SIZE];
    uint16_t const_used[TCG_MAX_TEMPS];
    int nb_const_used;

    /* code buffer */
    uint8_t *code_buf, *code_buf_end;
    uint8_t *code_gen_ptr;    /* where the next TB goes */
    uint8_t *code_ptr;        /* emission cursor */
    /* The backend's note that the host flags still hold what the
       instruction ending at flags_end set (flags_what says what, in the
       backend's terms) while nothing was emitted since: a label there is
       another way in, so tcg.c forgets the note at each one. */
    const uint8_t *flags_end;
    unsigned flags_what;
    uint8_t *code_buf_prologue_end;  /* first byte TBs may use */
    uint8_t *code_gen_prologue;
    uint8_t *tb_ret_addr;     /* epilogue entry that returns %rax as is */

    /* register allocation */
    TCGTemp *reg_to_temp[32];
    uint32_t reserved_regs;        /* of the TB being generated */
    uint32_t fixed_reserved_regs;  /* of every TB (pinned globals' too) */
    /* pinned globals (tcg.c, "Pinned globals"), fixed by tcg_prologue_init */
    TCGTemp *pinned[TCG_MAX_PINNED];
    int nb_pinned;
    bool prologue_done;
    int frame_slots_used;

    /* forward branches, patched when the TB is complete */
    struct { uint8_t *where; TCGLabel *label; } *relocs;
    int nb_relocs, cap_relocs;

    /* slow paths of the TB's checked accesses */
    TCGSlowPath *slow_paths;
    int nb_slow_paths, cap_slow_paths;

    /* Access maps of the TB being generated (tcg.c, "Access maps"): per
       guest access that left changed globals in host registers, the host
       offset of its access instruction (u16), a count n (u8) and n pairs
       (global index, host register) (u8 each). */
    uint8_t *access_maps;
    int access_maps_len, access_maps_cap;
    int cur_access_map;       /* the op being generated: its map, or -1 */

    /* per-insn records of the last TB */
    int nb_insns;
    uint16_t insn_end_off[TCG_MAX_INSN_RECORDS];
    uint64_t insn_data[TCG_MAX_INSN_RECORDS][TARGET_INSN_START_WORDS];

    struct TranslationBlock *cur_tb;
};

/* Create the fixed-register global (cpu_env) and load the helper table
   (tcg-ir.c, called by tcg_context_init). */
TCGTemp *tcg_global_reg_new_internal(TCGType type, int reg, const char *name);
void tcg_helpers_init(void);

/* Op construction (tcg-ir.c).  Returns the op, args zeroed. */
TCGOp *tcg_emit_op(TCGOpcode opc);
void tcg_op_remove(TCGContext *s, TCGOp *op);
/* A new op right before op, which moves up one place (to op + 1). */
TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *op, TCGOpcode opc);
/* Number of live (not removed) ops in the current TB, for tests. */
int tcg_op_count(void);
/* Run the optimiser on the current IR (called by tcg_gen_code). */
void tcg_optimize(TCGContext *s);
/* a c b for values of an op's width (optimize.c): 1 or 0. */
int tcg_eval_cond(TCGCond c, uint64_t a, uint64_t b, bool is64);
/* hi:lo = ah:al + bh:bl (sub: -) for an add2/sub2 of that width
   (optimize.c; also the interpreter's). */
void tcg_eval_addsub2(uint64_t al, uint64_t ah, uint64_t bl, uint64_t bh,
                      bool sub, bool is64, uint64_t *lo, uint64_t *hi);
/* Interned read-only constant temps of the current TB. */
TCGTemp *tcg_constant_internal(TCGType type, uint64_t val);
static inline TCGv_i32 tcg_constant_i32(int32_t v)
{
    return temp_tcgv_i32(tcg_constant_internal(TCG_TYPE_I32, (uint32_t)v));
}
static inline TCGv_i64 tcg_constant_i64(int64_t v)
{
    return temp_tcgv_i64(tcg_constant_internal(TCG_TYPE_I64, v));
}
/* Look up a helper by its function pointer (NULL: unknown). */
const TCGHelperInfo *tcg_find_helper(void *func);

/* Backward liveness pass (tcg-liveness.c): fills dead_args/sync_args and
   deletes ops whose results are never used. */
void tcg_liveness_analysis(TCGContext *s);
/* Print the current IR; with_life adds the liveness annotations. */
void tcg_dump_ops_life(TCGContext *s, bool with_life);

/* Validate a temp handed to a builder (CONFIG_DEBUG_TCG: freed temps). */
#ifdef CONFIG_DEBUG_TCG
void tcg_check_temp(TCGTemp *ts);
#else
static inline void tcg_check_temp(TCGTemp *ts) { (void)ts; }
#endif

#endif
