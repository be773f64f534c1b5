/*
 * tcg.h: the public face of the IR: value types, temps, labels, conditions,
 * memory-op descriptors and the context entry points.  The translator builds
 * IR only through tcg-op.h; the internals (TCGTemp, TCGOp, TCGContext layout)
 * live in tcg/tcg-internal.h and are private to tcg/.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <ucontext.h>
#include "exec/cpu-defs.h"

/* Words recorded per guest instruction by insn_start: pc, cc_op. */
#define TARGET_INSN_START_WORDS 2

typedef uintptr_t TCGArg;

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_COUNT,
    TCG_TYPE_PTR = TCG_TYPE_I64,
#if TARGET_LONG_BITS == 64
    TCG_TYPE_TL = TCG_TYPE_I64,
#else
    TCG_TYPE_TL = TCG_TYPE_I32,
#endif
} TCGType;

/*
 * Handles to temps.  They point at the TCGTemp (never dereferenced outside
 * tcg/); distinct struct types keep i32 and i64 apart at compile time.
 */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;
#if TARGET_LONG_BITS == 64
typedef TCGv_i64 TCGv;
#else
typedef TCGv_i32 TCGv;
#endif

typedef struct TCGLabel TCGLabel;

/* Conditions; bit 0..3 encode the relation as in QEMU. */
typedef enum {
    TCG_COND_NEVER  = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ     = 8,
    TCG_COND_NE     = 8 | 1,
    TCG_COND_LT     = 2,
    TCG_COND_GE     = 2 | 1,
    TCG_COND_LE     = 8 | 2,
    TCG_COND_GT     = 8 | 2 | 1,
    TCG_COND_LTU    = 4,
    TCG_COND_GEU    = 4 | 1,
    TCG_COND_LEU    = 8 | 4,
    TCG_COND_GTU    = 8 | 4 | 1,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c) { return (TCGCond)(c ^ 1); }
static inline TCGCond tcg_swap_cond(TCGCond c)
{
    return c & 6 ? (TCGCond)(c ^ 9) : c;
}

/* Guest memory access descriptor (size, sign).  Guests are little-endian. */
typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3,
    MO_SIZE = 3,
    MO_SIGN = 4,
    MO_UB = MO_8, MO_UW = MO_16, MO_UL = MO_32,
    MO_SB = MO_SIGN | MO_8, MO_SW = MO_SIGN | MO_16, MO_SL = MO_SIGN | MO_32,
    MO_Q = MO_64,
    MO_LEUW = MO_UW, MO_LEUL = MO_UL, MO_LESW = MO_SW, MO_LESL = MO_SL,
    MO_LEQ = MO_Q,
#if TARGET_LONG_BITS == 64
    MO_TEUL = MO_UL, MO_TE = 0,
#else
    MO_TEUL = MO_UL, MO_TE = 0,
#endif
    /*
     * Stores only: this is the first part, at the lowest address, of an
     * instruction that stores MO_SPAN_BYTES(op) bytes in several parts
     * (16-byte SSE stores are two 8-byte ones).  Every byte of the whole
     * span is checked for write before this part writes anything, so that
     * the instruction writes all or nothing, as hardware does.  0: the
     * access's own size.
     */
    MO_SPAN_SHIFT = 3,
    MO_SPAN_MASK = 0x3f << MO_SPAN_SHIFT,
    /*
     * Set by the optimiser: the address lies so near one that passed the
     * space check earlier in the basic block (exec/cpu-all.h
     * guest_addr_end) that, outside the guest space, it faults on the host
     * (guest_addr_slack): the backend emits no check of its own.
     */
    MO_NEAR_CHECKED = 1 << 9,
} MemOp;

#define MO_SPAN(bytes) ((MemOp)((bytes) << MO_SPAN_SHIFT))
/* The bytes the access must find writable or readable before it starts. */
static inline int memop_span_bytes(MemOp op)
{
    int span = (op & MO_SPAN_MASK) >> MO_SPAN_SHIFT;
    return span ? span : 1 << (op & MO_SIZE);
}

/* Op flags used by the op table. */
enum {
    TCG_OPF_BB_EXIT      = 0x01, /* leaves the TB */
    TCG_OPF_BB_END       = 0x02, /* ends a basic block */
    TCG_OPF_CALL_CLOBBER = 0x04, /* clobbers call-clobbered host registers */
    TCG_OPF_SIDE_EFFECTS = 0x08, /* may fault or act outside temps: never dead,
                                    globals are synced before it */
    TCG_OPF_64BIT        = 0x10, /* operates on 64-bit values */
    TCG_OPF_NOT_PRESENT  = 0x20, /* handled by tcg.c, not the backend */
    TCG_OPF_COND_BRANCH  = 0x80,
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_ ## name,
#include "tcg-opc.h"
    NB_OPS,
} TCGOpcode;

/* Helper-call flags (what the helper may do to CPU state). */
#define TCG_CALL_NO_READ_GLOBALS    0x0001 /* does not read globals */
#define TCG_CALL_NO_WRITE_GLOBALS   0x0002 /* does not write globals */
#define TCG_CALL_NO_SIDE_EFFECTS    0x0004 /* pure: removable when unused */
#define TCG_CALL_NO_RWG    TCG_CALL_NO_READ_GLOBALS
#define TCG_CALL_NO_WG     TCG_CALL_NO_WRITE_GLOBALS
#define TCG_CALL_NO_SE     TCG_CALL_NO_SIDE_EFFECTS
#define TCG_CALL_NO_RWG_SE (TCG_CALL_NO_RWG | TCG_CALL_NO_SE)
#define TCG_CALL_NO_WG_SE  (TCG_CALL_NO_WG | TCG_CALL_NO_SE)

/* exit_tb return values: TB pointer | exit index (0-2: goto_tb slot; 2
   only for a call's second return stub, tcg_gen_ret_stubs). */
#define TB_EXIT_MASK      3
#define TB_EXIT_IDX0      0
#define TB_EXIT_IDX1      1
#define TB_EXIT_REQUESTED 3
/* The return stubs of a call (goto_tb slots 1 and 2; struct RetSite). */
#define RET_SITE_STUBS    2

struct TranslationBlock;
typedef struct TCGContext TCGContext;
extern TCGContext *tcg_ctx;
extern TCGv_ptr cpu_env;

/* One-time setup: code buffer of the given size (0: default).  The guest
   then makes its globals (and pins some), and tcg_prologue_init() emits
   the code that enters and leaves generated code, before the first TB. */
void tcg_context_init(size_t code_buffer_size);
void tcg_prologue_init(void);
/* Start a new TB's IR.  Temps (not globals) from the previous TB die. */
void tcg_func_start(TCGContext *s);
/* Optimise, allocate registers and emit host code for tb at
   tb->tc.ptr = code_gen_ptr.  Returns the host code size, or -1 if the
   code buffer is full (caller flushes and retries). */
int tcg_gen_code(TCGContext *s, struct TranslationBlock *tb);
/* True when the op buffer is nearly full: the translator ends the TB. */
bool tcg_op_buf_full(void);
/* For a translator that gives up on a guest instruction it has partly
   emitted: take a mark before it, drop every op emitted after the mark. */
int tcg_op_mark(void);
void tcg_drop_ops_after(int mark);
/* Print the current IR (for -d op / -d op_opt) to the log. */
void tcg_dump_ops(TCGContext *s);

/* Code buffer. */
void *tcg_code_gen_ptr(void);          /* where the next TB's code goes */
void tcg_code_gen_advance(size_t n);   /* commit n bytes of code + data */
bool tcg_code_buffer_contains(const void *host_pc);
void tcg_code_buffer_flush(void);      /* drop all code */
size_t tcg_code_buffer_free(void);
/* Patch the jump at jmp_addr (from goto_tb) to go to addr. */
void tb_target_set_jmp_target(uintptr_t jmp_addr, uintptr_t addr);
/* Generated entry: run host code tb_ptr with env; returns exit value. */
uintptr_t tcg_qemu_tb_exec(void *env, const void *tb_ptr);
/* Address of the epilogue returning 0 (used by lookup_tb_ptr misses). */
extern const void *tcg_code_gen_epilogue;
/* Where generated code that missed the jump cache goes with env's new pc
   and cc_op stored: host code that calls helper_lookup_tb_ptr and jumps
   to its result.  Backends with TCG_TARGET_HAS_LOOKUP_MISS make it. */
extern const void *tcg_code_gen_lookup_miss;

/* Per-instruction records of the TB just generated, for restore-state. */
int tcg_gen_insn_count(void);
uint16_t tcg_gen_insn_end_off(int insn);
uint64_t tcg_gen_insn_data(int insn, int word);
/* Its access maps (tcg/tcg.c, "Access maps"): an opaque byte string the TB
   keeps, len bytes (0 for none). */
const uint8_t *tcg_gen_access_maps(size_t *len);
/* A fault at host offset off of a TB whose access maps are maps[0..len):
   copy the globals the faulting access left in host registers from the
   signal context uc to env.  Async-signal-safe. */
void tcg_restore_access_globals(void *env, const uint8_t *maps, size_t len,
                                uintptr_t off, const ucontext_t *uc);

/* Temps.  Globals are bound to a field of env; locals survive branches;
   plain temps are dead at the end of each basic block. */
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name);
/* Keep a global in a host register of its own across chained TBs (tcg.c,
   "Pinned globals"); call in order of benefit before tcg_prologue_init.
   False when the host has no register left: the global stays in env. */
bool tcg_global_pin_i32(TCGv_i32 v);
bool tcg_global_pin_i64(TCGv_i64 v);
TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_ptr tcg_temp_new_ptr(void);
TCGv_i32 tcg_temp_local_new_i32(void);
TCGv_i64 tcg_temp_local_new_i64(void);
void tcg_temp_free_i32(TCGv_i32 t);
void tcg_temp_free_i64(TCGv_i64 t);
void tcg_temp_free_ptr(TCGv_ptr t);
/* New temp holding a constant (free it like any temp). */
TCGv_i32 tcg_const_i32(int32_t val);
TCGv_i64 tcg_const_i64(int64_t val);
TCGv_ptr tcg_const_ptr(const void *val);
TCGv_i32 tcg_const_local_i32(int32_t val);
TCGv_i64 tcg_const_local_i64(int64_t val);

#if TARGET_LONG_BITS == 64
#define tcg_global_mem_new tcg_global_mem_new_i64
#define tcg_global_pin tcg_global_pin_i64
#define tcg_temp_new() tcg_temp_new_i64()
#define tcg_temp_local_new() tcg_temp_local_new_i64()
#define tcg_temp_free tcg_temp_free_i64
#define tcg_const_tl tcg_const_i64
#define tcg_const_local_tl tcg_const_local_i64
#else
#define tcg_global_mem_new tcg_global_mem_new_i32
#define tcg_global_pin tcg_global_pin_i32
#define tcg_temp_new() tcg_temp_new_i32()
#define tcg_temp_local_new() tcg_temp_local_new_i32()
#define tcg_temp_free tcg_temp_free_i32
#define tcg_const_tl tcg_const_i32
#define tcg_const_local_tl tcg_const_local_i32
#endif

TCGLabel *gen_new_label(void);

/* Helper calls: see exec/helper-gen.h, which wraps this. */
typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;
    unsigned sizemask;   /* bit 2n: arg n (0 = return) is 64-bit; bit 2n+1: signed */
} TCGHelperInfo;
void tcg_register_helper(const TCGHelperInfo *info);
void tcg_gen_callN(void *func, void *ret, int nargs, void **args);

#endif
