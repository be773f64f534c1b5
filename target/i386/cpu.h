/*
 * cpu.h: the x86 guest CPU state (CPUX86State) as generated code and helpers
 * see it.  Generated code addresses fields by offsetof(), so the layout is
 * free but every field TCG globals bind to must stay a plain scalar.
 */
#ifndef I386_CPU_H
#define I386_CPU_H

#include "exec/cpu-defs.h"
#include "exec/cpu-tlb.h"

#ifdef TARGET_X86_64
#define CPU_NB_REGS 16
#define TARGET_MAX_INSN_SIZE 15
#else
#define CPU_NB_REGS 8
#define TARGET_MAX_INSN_SIZE 15
#endif

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI,
       R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15 };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };

/* EFLAGS bits */
#define CC_C    0x0001
#define CC_P    0x0004
#define CC_A    0x0010
#define CC_Z    0x0040
#define CC_S    0x0080
#define CC_O    0x0800
#define TF_MASK 0x00000100
#define IF_MASK 0x00000200
#define DF_MASK 0x00000400
#define IOPL_MASK 0x00003000
#define NT_MASK 0x00004000
#define RF_MASK 0x00010000
#define VM_MASK 0x00020000
#define AC_MASK 0x00040000
#define VIF_MASK 0x00080000
#define VIP_MASK 0x00100000
#define ID_MASK 0x00200000
#define CC_ALL (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O)

/*
 * Lazy condition codes: cc_op says how to compute EFLAGS' arithmetic bits
 * from cc_dst, cc_src and cc_src2.  The B/W/L/Q quadruples must stay in
 * that order (translator computes op + size).
 */
typedef enum {
    CC_OP_DYNAMIC, /* must use dynamic code to get cc_op */
    CC_OP_EFLAGS,  /* all cc are explicitly computed, CC_SRC = flags */
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL, CC_OP_MULQ, /* CC_DST = res, CC_SRC = high half (non-zero: CF=OF=1) */
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL, CC_OP_ADDQ, /* CC_DST = res, CC_SRC = src1 */
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL, CC_OP_ADCQ, /* CC_DST = res, CC_SRC = src1, CC_SRC2 = carry in */
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL, CC_OP_SUBQ, /* CC_DST = res, CC_SRC = src2 (subtrahend) */
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL, CC_OP_SBBQ, /* CC_DST = res, CC_SRC = src2, CC_SRC2 = borrow in */
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, CC_OP_LOGICQ, /* CC_DST = res */
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL, CC_OP_INCQ, /* CC_DST = res, CC_SRC = old CF */
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL, CC_OP_DECQ, /* CC_DST = res, CC_SRC = old CF */
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL, CC_OP_SHLQ, /* CC_DST = res, CC_SRC = res of shift by count-1 */
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL, CC_OP_SARQ, /* CC_DST = res, CC_SRC = src >> (count-1) */
    CC_OP_BMILGB, CC_OP_BMILGW, CC_OP_BMILGL, CC_OP_BMILGQ, /* CC_DST = res, CC_SRC = zero iff CF (BMI, lzcnt, tzcnt: OF clear) */
    CC_OP_CLR, /* Z and P set, all others clear */
    CC_OP_POPCNT, /* CC_SRC = result; Z set iff 0, others clear */
    /* adcx/adox chains: CF and OF kept apart, as 0 or 1, so that each link
       reads and writes its own flag without touching the others. */
    CC_OP_ADCX,    /* CC_DST = CF, CC_SRC = the other flags (EFLAGS form) */
    CC_OP_ADOX,    /* CC_SRC2 = OF, CC_SRC = the other flags */
    CC_OP_ADCOX,   /* CC_DST = CF, CC_SRC2 = OF, CC_SRC = the other flags */
    /* A chain started right after a full-width inc (dec), the loop counter
       of a bignum loop: CC_DST = CF, CC_SRC2 = OF, CC_SRC = that inc's
       (dec's) result, of which SF, ZF, PF and AF are still the flags. */
    CC_OP_ADCOX_INC,
    CC_OP_ADCOX_DEC,
    CC_OP_NB,
} CCOp;

/* Exceptions (exception_index): vector numbers, then emulator events. */
#define EXCP00_DIVZ     0
#define EXCP01_DB       1
#define EXCP03_INT3     3
#define EXCP04_INTO     4
#define EXCP05_BOUND    5
#define EXCP06_ILLOP    6
#define EXCP07_PREX     7
#define EXCP0B_NOSEG    11
#define EXCP0C_STACK    12
#define EXCP0D_GPF      13
#define EXCP0E_PAGE     14
#define EXCP10_COPR     16
#define EXCP11_ALGN     17
#define EXCP12_MCHK     18
#define EXCP13_XMM      19
#define EXCP_INT80      0x80         /* int $0x80: the i386 syscall gate */
#define EXCP_INTERRUPT  0x10000      /* async exit: signal pending, exit request */
#define EXCP_HLT        0x10001
#define EXCP_DEBUG      0x10002
#define EXCP_HALTED     0x10003
#define EXCP_RETRY_ACCESS 0x10004    /* emulator's own fault: resolve, retry */
#define EXCP_TRACE      0x10005      /* EFLAGS.TF: the trap after an insn */
#define EXCP_SYSCALL    0x10100      /* the syscall instruction */

/* hflags: translation-relevant mode bits, part of the TB key. */
#define HF_CPL_MASK     0x00000003   /* always 3 in user mode */
#define HF_CS32_MASK    (1 << 4)
#define HF_SS32_MASK    (1 << 5)
#define HF_ADDSEG_MASK  (1 << 6)
#define HF_LMA_MASK     (1 << 14)
#define HF_CS64_MASK    (1 << 15)
#define HF_OSFXSR_MASK  (1 << 22)

/*
 * The TB key's flags are hflags (bits 0-22) and the cc_op in force at the
 * block's entry: a block is translated knowing how its incoming flags are
 * held (translate.c), so `inc` after `cmp; je` in the previous block
 * computes CF inline instead of through a helper.
 */
#define TB_FLAGS_CC_OP_SHIFT 24
#define TB_FLAGS_CC_OP_MASK  (0x3fu << TB_FLAGS_CC_OP_SHIFT)
_Static_assert(CC_OP_NB <= 64, "cc_op fits its 6 bits of TB flags");

/* The lanes of a 128-bit register, named as in QEMU. */
#define XMM_LANES               \
    uint8_t  _b[16];            \
    uint16_t _w[8];             \
    uint32_t _l[4];             \
    uint64_t _q[2];             \
    float    _s[4];             \
    double   _d[2];
typedef union {
    XMM_LANES
} XMMReg;

/*
 * A vector register's slot is 256 bits wide so that AVX fits later without
 * moving anything: the low 128 bits are the XMM register (its lanes
 * addressable directly, xmm_regs[i]._q[0], and as .xmm for helpers taking an
 * XMMReg *); ymm_high is bits 128-255, which nothing reads or writes until
 * VEX-encoded SIMD exists (legacy SSE leaves them alone, VEX.128 will zero
 * them).
 */
typedef struct {
    union {
        XMM_LANES
        XMMReg xmm;
    };
    XMMReg ymm_high;
} YMMReg;
#define XMM_B(n) _b[n]
#define XMM_W(n) _w[n]
#define XMM_L(n) _l[n]
#define XMM_Q(n) _q[n]
#define XMM_S(n) _s[n]
#define XMM_D(n) _d[n]

/* The lane names of XMMReg, so one helper body serves both widths. */
typedef union {
    uint8_t  _b[8];
    uint16_t _w[4];
    uint32_t _l[2];
    uint64_t _q[1];
} MMXReg;

/* An x87 register: 64-bit significand with explicit integer bit, sign+exp. */
typedef struct {
    uint64_t low;
    uint16_t high;
} floatx80;

typedef union {
    floatx80 d;
    MMXReg mmx;
} FPReg;

typedef struct SegmentCache {
    uint32_t selector;
    target_ulong base;
    uint32_t limit;
    uint32_t flags;
} SegmentCache;

struct TranslationBlock;
/* 16,384 slots of 40 bytes (640 KiB): a program with much code reached by
   returns and indirect calls (cc1) missed a 4,096-slot cache into the hash
   table often enough for that to be a fifth of its time
   (docs/devel/performance.md, 23). */
#define TB_JMP_CACHE_BITS 14
#define TB_JMP_CACHE_SIZE (1 << TB_JMP_CACHE_BITS)
/* The calls' return records (exec-all.h, struct RetSite), indexed by bits
   3-10 of the stack pointer that holds the return address: a ret finds its
   call's without a stack of its own to keep in step. */
#define RET_RING_SIZE 256

typedef struct CPUX86State {
    /* Integer state: regs, eip, and the lazy flags. */
    target_ulong regs[CPU_NB_REGS];
    target_ulong eip;
    target_ulong eflags;     /* all bits but the arithmetic ones and DF */
    target_ulong cc_dst;
    target_ulong cc_src;
    target_ulong cc_src2;
    uint32_t cc_op;
    int32_t df;              /* D flag: 1 or -1 */
    uint32_t hflags;
    /* Set non-zero (by a signal handler or another thread) to make
       generated code leave at the next TB entry.  Every TB entry loads it:
       it lives in the line of eip and cc_op, which every block exit writes
       anyway.  Next to xmm_t0 (SSE operand staging) that load made python
       50% slower (docs/devel/performance.md, lever 3). */
    volatile int32_t exit_request;

    SegmentCache segs[6];

    /* x87 */
    unsigned int fpstt;      /* top of stack index */
    uint16_t fpus;
    uint16_t fpuc;
    uint8_t fptags[8];       /* 0 = valid, 1 = empty */
    FPReg fpregs[8];
    /* The last non-control x87 instruction's address, opcode and code
       selector, and its memory operand's offset and selector
       (translate-fpu.c, gen_x87_pointers). */
    uint64_t fpip, fpdp;
    uint16_t fpop, fpcs, fpds;
    /* An unmasked exception suppressed the current x87 instruction: its
       pops are skipped too (fpu_except.c; cleared by helper_fwait). */
    bool x87_suppressed;
    /* XINUSE[0]: an x87 or MMX instruction ran since the x87 state was last
       initialised by XRSTOR (or process start); FNINIT does not clear it
       (measured on the reference host).  Read by XSAVEC, XSAVEOPT and
       XGETBV(1) (xsave_helper.c). */
    bool x87_in_use;

    /* SSE */
    uint32_t mxcsr;
    YMMReg xmm_regs[CPU_NB_REGS];
    XMMReg xmm_t0;           /* memory operand staging for SSE/MMX helpers */

    /* The memory operand a LOCK-prefixed instruction loaded: its store
       succeeds only if memory still holds it (atomic_helper.c). */
    target_ulong lock_expected;


    /* Exception state: cpu_loop reads these after cpu_exec returns. */
    int exception_index;
    int error_code;
    int exception_is_int;
    target_ulong exception_next_eip;
    target_ulong cr2;        /* fault address (guest) of EXCP0E_PAGE */
    int fault_kind;          /* PageFault of EXCP0E_PAGE (exec/cpu-tlb.h) */
    uintptr_t retry_host_pc; /* EXCP_RETRY_ACCESS: faulting host pc in a TB, or 0 */
    int cflags_next_tb;      /* nonzero: the next TB's cflags (one checked insn) */

    /* CPUID model */
    uint32_t cpuid_level, cpuid_xlevel;
    uint32_t cpuid_vendor1, cpuid_vendor2, cpuid_vendor3;
    uint32_t cpuid_version;
    uint32_t cpuid_features, cpuid_ext_features;
    uint32_t cpuid_ext2_features, cpuid_ext3_features;
    uint32_t cpuid_7_0_ebx_features;
    uint32_t cpuid_xsave_features;          /* leaf 0xd subleaf 1 eax */
    const char *cpuid_model_id;             /* the brand string */

    /* Execution engine bookkeeping (accel/tcg). */
    /* Checked guest accesses (exec/cpu-tlb.h); valid while tlb_generation
       equals page_map_generation. */
    CPUTLBEntry tlb[CPU_TLB_SIZE];
    CPUTLBEntry tlb_victim[CPU_VTLB_SIZE];
    unsigned tlb_victim_next;
    uint64_t tlb_generation;
    uint64_t guest_addr_end; /* exec/cpu-all.h: direct accesses check it */
    sigjmp_buf jmp_env;
    bool can_do_io;
    struct TBJmpCacheEntry {
        /* NULL: empty.  Only this CPU's thread fills a slot; others only
           empty it (invalidation), so the other fields, written before
           tb, always describe the tb this thread read.  A hit reads this
           one line and not the TB (docs/devel/performance.md, 9).
           Generated code reads no tb but the flags, which emptying sets to
           0, a key no TB has (HF_CPL_MASK is 3): performance.md, 30. */
        struct TranslationBlock *tb;
        target_ulong pc;
        target_ulong cs_base;
        const void *code;           /* tb->tc.ptr */
        uint32_t flags;
    } tb_jmp_cache[TB_JMP_CACHE_SIZE];
    struct RetSite *ret_ring[RET_RING_SIZE];
    int singlestep_enabled;
    /* Set by a load of SS: the instruction after it runs in its shadow,
       with no single-step trap between the two (cpu_exec, EFLAGS.TF). */
    bool ss_shadow;
    /* accel/tcg/cpus-common.c, under cpu_list_lock: the next CPU of the
       process, and whether this one is inside cpu_exec (an exclusive
       section waits until no CPU is). */
    struct CPUX86State *next_cpu;
    bool running;

    /* linux-user per-thread state (TaskState). */
    void *opaque;
} CPUX86State;

typedef CPUX86State CPUArchState;

/* The 'in generated code' environment pointer, for helpers. */
CPUX86State *cpu_x86_init(void);
void x86_cpu_set_vendor(CPUX86State *env, const char *vendor);
/* cpu-models.c: -cpu NAME, before the first cpu_x86_init: 0, -ENOENT for
   no such model, -EINVAL for a model without 64-bit mode (x86_64).  */
typedef struct X86CPUModel X86CPUModel;
int x86_cpu_select_model(const char *name);
void x86_cpu_list_models(FILE *f);
/* Cut env's CPUID ("max") down to the selected model. */
void x86_cpu_apply_model(CPUX86State *env);
void x86_cpu_dump_state(CPUX86State *env, FILE *f, int flags);
/* What exception number excp is, for -d int. */
const char *x86_exception_name(int excp);
#define CPU_DUMP_FPU 1
#define CPU_DUMP_CCOP 2

/* EFLAGS with the lazy arithmetic flags folded in. */
target_ulong cpu_compute_eflags(CPUX86State *env);
/* Set EFLAGS (arithmetic flags go to cc_src with CC_OP_EFLAGS). */
void cpu_load_eflags(CPUX86State *env, target_ulong eflags, target_ulong update_mask);
/* Compute just the arithmetic flags / just CF from the lazy state. */
target_ulong cpu_cc_compute_all(CPUX86State *env, int op);

/*
 * FP/SSE state (target/i386/fpu_state_helper.c).  fpu_reset: the power-on
 * x87 and SSE state (FCW 0x37f, all tags empty and zero, MXCSR 0x1f80, XMM
 * zero), for CPU creation and signal handler entry.  fxsave/fxrstor: the 512-byte FXSAVE image at guest
 * address ptr; fsave/frstor: the FNSAVE image (data32: 108-byte form, else
 * 94-byte).  For signal frames; ptr must be valid guest memory.
 */
void cpu_x86_fpu_reset(CPUX86State *env);
void cpu_x86_fxsave(CPUX86State *env, abi_ulong ptr);
void cpu_x86_fxsave_pointers(const CPUX86State *env, uint64_t *fip, uint64_t *fdp);
void cpu_x86_fxrstor(CPUX86State *env, abi_ulong ptr);
void cpu_x86_fsave(CPUX86State *env, abi_ulong ptr, int data32);
/* The kernel's XSAVE of the components in mask to a 64-byte aligned,
   writable area; its XRSTOR, false (nothing changed) for a misaligned
   area or a header XRSTOR would refuse (xsave_helper.c). */
void cpu_x86_xsave(CPUX86State *env, abi_ulong ptr, uint64_t mask);
bool cpu_x86_xrstor(CPUX86State *env, abi_ulong ptr, uint64_t mask);
void cpu_x86_frstor(CPUX86State *env, abi_ulong ptr, int data32);
/*
 * The si_code Linux gives the SIGFPE of #MF (EXCP10_COPR) or #XM
 * (EXCP13_XMM): the first of invalid, divide, overflow, underflow or
 * denormal, precision that is flagged and unmasked (target/i386/fpu_except.c).
 */
int x86_fpu_exception_si_code(CPUX86State *env, int excp);

/* CPUID feature bits the model advertises (env->cpuid_*). */
#define CPUID_FP87        (1U << 0)    /* leaf 1 edx */
#define CPUID_TSC         (1U << 4)
#define CPUID_CX8         (1U << 8)
#define CPUID_CMOV        (1U << 15)
#define CPUID_CLFSH       (1U << 19)
#define CPUID_MMX         (1U << 23)
#define CPUID_FXSR        (1U << 24)
#define CPUID_SSE         (1U << 25)
#define CPUID_SSE2        (1U << 26)
#define CPUID_EXT_SSE3    (1U << 0)    /* leaf 1 ecx */
#define CPUID_EXT_PCLMULQDQ (1U << 1)
#define CPUID_EXT_SSSE3   (1U << 9)
#define CPUID_EXT_CX16    (1U << 13)
#define CPUID_EXT_SSE41   (1U << 19)
#define CPUID_EXT_SSE42   (1U << 20)
#define CPUID_EXT_MOVBE   (1U << 22)
#define CPUID_EXT_POPCNT  (1U << 23)
#define CPUID_EXT_AES     (1U << 25)
#define CPUID_EXT_XSAVE   (1U << 26)
#define CPUID_EXT_OSXSAVE (1U << 27)
#define CPUID_EXT2_SYSCALL (1U << 11)  /* leaf 0x80000001 edx */
#define CPUID_EXT2_NX     (1U << 20)
#define CPUID_EXT2_MMXEXT (1U << 22)
#define CPUID_EXT2_RDTSCP (1U << 27)
#define CPUID_EXT2_LM     (1U << 29)
#define CPUID_EXT3_LAHF_LM (1U << 0)   /* leaf 0x80000001 ecx */
#define CPUID_EXT3_ABM    (1U << 5)    /* lzcnt */
#define CPUID_EXT3_MISALIGNSSE (1U << 7)    /* MXCSR.MM */
#define MXCSR_MM 0x20000    /* AMD's misaligned SSE mode (the translator and helpers) */
#define CPUID_EXT3_3DNOWPREFETCH (1U << 8)  /* prefetchw */
#define CPUID_EXT3_TOPOEXT (1U << 22)
/* Leaf 1 edx bits AMD parts repeat in leaf 0x80000001 edx. */
#define CPUID_EXT2_AMD_ALIASES 0x0183f3ffu
/* Leaf 0xd subleaf 1 eax */
#define CPUID_XSAVE_XSAVEOPT (1U << 0)
#define CPUID_XSAVE_XSAVEC   (1U << 1)
#define CPUID_XSAVE_XGETBV1  (1U << 2)
#define CPUID_XSAVE_XSAVES   (1U << 3)
/* XCR0: the state components XSAVE manages; AVX would add bit 2. */
#define XSTATE_X87 (1U << 0)
#define XSTATE_SSE (1U << 1)
#define XCR0_SUPPORTED (XSTATE_X87 | XSTATE_SSE)
#define XSAVE_AREA_SIZE 576     /* legacy region + header, standard form */
#define CPUID_7_0_EBX_FSGSBASE (1U << 0)   /* leaf 7 subleaf 0 ebx */
#define CPUID_7_0_EBX_BMI1 (1U << 3)
#define CPUID_7_0_EBX_BMI2 (1U << 8)
#define CPUID_7_0_EBX_ADX  (1U << 19)

/* Whether the model's vendor is AMD (the leaves it defines differ). */
bool x86_cpu_is_amd(const CPUX86State *env);
/* Leaf 0xd, subleaf count (xsave_helper.c). */
void x86_cpuid_xsave_leaf(CPUX86State *env, uint32_t count, uint32_t *regs[4]);
/* The CPUID model: leaf index, subleaf count -> eax..edx (cpu.c). */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx);

/* Set a segment's selector, base and the mode bits (hflags) it implies;
   the selector has passed seg_helper.c's checks. */
void cpu_x86_load_seg(CPUX86State *env, int seg_reg, int selector);

/* A descriptor the process made from a struct user_desc: a TLS entry of
   the GDT (set_thread_area) or an LDT entry (modify_ldt). */
typedef struct X86UserDesc {
    bool present;
    uint32_t base, limit, flags;    /* flags: user_desc's bit fields */
} X86UserDesc;
/* struct user_desc flag bits */
#define USER_DESC_SEG_32BIT       (1 << 0)
#define USER_DESC_CONTENTS_SHIFT  1
#define USER_DESC_CONTENTS_CODE   (2 << USER_DESC_CONTENTS_SHIFT)
#define USER_DESC_READ_EXEC_ONLY  (1 << 3)
#define USER_DESC_LIMIT_IN_PAGES  (1 << 4)
#define USER_DESC_SEG_NOT_PRESENT (1 << 5)
#define USER_DESC_USEABLE         (1 << 6)
#define USER_DESC_LM              (1 << 7)
/* The user descriptor a selector names (linux-user), or NULL where it
   names none: a GDT entry other than TLS, an unset entry. */
const X86UserDesc *x86_user_descriptor(CPUX86State *env, int selector);
/* Descriptor bits 8-23 (what lar gives) of a user descriptor, as the
   kernel's fill_ldt builds it, and its limit in bytes (cpu.c). */
uint32_t x86_user_desc_rights(const X86UserDesc *u);
uint32_t x86_user_desc_limit(const X86UserDesc *u);
/* hflags after a change of the segment registers (cpu.c). */
void cpu_x86_update_hflags(CPUX86State *env);

/* Whether a non-canonical-address fault of the instruction whose bytes
   are given went through SS (#SS, SIGBUS) rather than another segment
   (#GP, SIGSEGV): stack-fault.c. */
bool x86_fault_is_stack(CPUX86State *env, const uint8_t *insn, int len);

/* How this host treats what its kernel or hypervisor answers in place of
   the CPU (host-quirks.c); probed by the first cpu_x86_init. */
typedef struct X86HostQuirks {
    enum {
        HOST_SYSREG_CPU,      /* sldt/str/smsw: the CPU's result */
        HOST_SYSREG_KERNEL,   /* UMIP: Linux's emulation (host-quirks.c) */
        HOST_SYSREG_FAULTS,   /* UMIP and no emulation: #GP */
    } sysreg_store;
    bool sysexit_gp;          /* sysexit at CPL 3: #GP, else #UD */
} X86HostQuirks;
extern X86HostQuirks x86_host_quirks;
void x86_probe_host_quirks(void);

/* What helper_desc_query asks about a selector (seg_helper.c). */
enum { DESC_QUERY_LAR, DESC_QUERY_LSL, DESC_QUERY_VERR, DESC_QUERY_VERW };

/* What the x86-64 Linux kernel keeps in the registers a CPL 3 program may
   read with sldt, str and smsw: no LDT until modify_ldt (not modelled),
   the TSS at GDT entry 8, and CR0 = PG | AM | WP | NE | ET | MP | PE. */
#define X86_USER_LDTR   0
#define X86_USER_TR     (8 << 3)
#define X86_USER_CR0    0x80050033

/* The key identifying a TB besides its pc. */
static inline void cpu_get_tb_cpu_state(CPUX86State *env, target_ulong *pc,
                                        target_ulong *cs_base, uint32_t *flags)
{
    *cs_base = env->segs[R_CS].base;
    *pc = *cs_base + env->eip;
    *flags = env->hflags | (env->cc_op << TB_FLAGS_CC_OP_SHIFT);
}

/* Whether the guest single-steps itself: EFLAGS.TF traps after each
   instruction that begins with it set. */
static inline bool cpu_trace_flag(CPUX86State *env)
{
    return env->eflags & TF_MASK;
}

#define X86_CPU_VENDOR "AuthenticAMD"

#endif
