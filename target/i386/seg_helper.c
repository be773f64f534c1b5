/*
 * seg_helper.c: the instructions that load a segment register at CPL 3
 * (mov/pop to a segment register, les/lds, far jmp/call/ret, iret), with
 * the selector checks the CPU makes against the descriptor table an x86-64
 * Linux kernel gives every user process (64-bit or 32-bit: the same GDT).
 * A check that fails raises what the CPU would (#GP, #NP, #SS), so the
 * guest gets the kernel's signal for it (cpu_loop.c's table).  The same
 * table answers the descriptor queries lar, lsl, verr and verw.
 *
 * The process's own descriptors (TLS entries, the LDT of modify_ldt) come
 * from linux-user.  Not modelled: a switch between 64-bit and
 * compatibility mode, which is #GP here where the CPU would switch.
 */
#include "qemu/osdep.h"
#include <sched.h>
#include "cpu.h"
#include "excp.h"
#include "exec/exec-all.h"
#include "ldst_sized.h"
#include "exec/helper-proto.h"

/* A code or data descriptor, as far as a CPL 3 load cares. */
typedef struct SegDesc {
    bool usable;        /* a code or data segment (S = 1) */
    bool present;
    bool code;
    bool readable;      /* code: readable; data: always */
    bool writable;      /* data only */
    uint8_t dpl;
    uint32_t rights;    /* what lar gives: descriptor bits 8-23 */
    uint32_t limit;     /* what lsl gives: in bytes */
} SegDesc;

/* The kernel's segments fail every CPL 3 check on their DPL before their
   rights or limit would matter. */
#define DESC_KERNEL  { .usable = true, .present = true, .readable = true, \
                       .writable = true, .dpl = 0 }
/* flat (limit 0xfffff pages); flags 0xc: 32-bit, 0xa: 64-bit */
#define DESC_CODE(flags) { .usable = true, .present = true, .code = true, \
                           .readable = true, .dpl = 3, \
                           .rights = (flags) << 20 | 0xffb00, \
                           .limit = 0xffffffff }

#define GDT_ENTRIES           16
#define GDT_ENTRY_TLS_MIN     12
#define GDT_ENTRY_USER32_CS   4
#define GDT_ENTRY_USER_CS     6
#ifdef TARGET_X86_64
#define GDT_ENTRY_OWN_CS      GDT_ENTRY_USER_CS
#else
#define GDT_ENTRY_OWN_CS      GDT_ENTRY_USER32_CS
#endif

/* arch/x86/include/asm/segment.h (x86-64): kernel code/data at 1-3, user
   code (32-bit) 4, user data 5, user code (64-bit) 6, the TSS and LDT
   descriptors (system, so unusable) at 8 and 10, TLS 12-14 (per thread,
   below), the read-only CPU/node segment at 15 (byte granular, expand
   down; its limit is the CPU number, see cpunode_limit).  Unlisted: empty.
   (A kernel that runs no 32-bit programs leaves entry 4 empty.) */
#define GDT_ENTRY_CPUNODE     15
static const SegDesc kernel_gdt[GDT_ENTRIES] = {
    [1] = DESC_KERNEL,
    [2] = DESC_KERNEL,
    [3] = DESC_KERNEL,
    [GDT_ENTRY_USER32_CS] = DESC_CODE(0xc),
    [5] = { .usable = true, .present = true, .readable = true,
            .writable = true, .dpl = 3, .rights = 0xcff300,
            .limit = 0xffffffff },
    [GDT_ENTRY_USER_CS] = DESC_CODE(0xa),
    [GDT_ENTRY_CPUNODE] = { .usable = true, .present = true,
                            .readable = true, .dpl = 3,
                            .rights = 0x40f500 },
};

/*
 * The descriptor the kernel builds from a user_desc (fill_ldt): type =
 * accessed | writable-or-readable | contents (expand-down, code), DPL 3,
 * G, D/B and AVL from the flags.
 */
static SegDesc user_seg_desc(const X86UserDesc *u)
{
    bool code = u->flags & USER_DESC_CONTENTS_CODE;
    bool ro = u->flags & USER_DESC_READ_EXEC_ONLY;

    return (SegDesc) {
        .usable = true, .present = !(u->flags & USER_DESC_SEG_NOT_PRESENT),
        .code = code, .readable = !code || !ro, .writable = !code && !ro,
        .dpl = 3,
        .rights = x86_user_desc_rights(u),
        .limit = x86_user_desc_limit(u),
    };
}

/* The GDT's kernel-made entries from the table, the process's own (TLS
   entries, the LDT) from linux-user. */
static SegDesc lookup_desc(CPUX86State *env, int selector)
{
    int index = selector >> 3;
    const X86UserDesc *u;

    if (!(selector & 4) && index < GDT_ENTRIES &&
        (index < GDT_ENTRY_TLS_MIN || index >= GDT_ENTRY_TLS_MIN + 3)) {
        return kernel_gdt[index];
    }
    u = x86_user_descriptor(env, selector);
    return u ? user_seg_desc(u) : (SegDesc) { .usable = false };
}

static bool is_null_selector(int selector)
{
    return (selector & ~3) == 0;
}

/* mov/pop to DS, ES, FS, GS, SS; lds and the like (SDM: MOV, "Protected
   Mode Exceptions"). */
void x86_load_data_seg(CPUX86State *env, int seg, int selector,
                       uintptr_t ra)
{
    SegDesc d;

    selector &= 0xffff;
    if (is_null_selector(selector)) {
        if (seg == R_SS) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
        }
        cpu_x86_load_seg(env, seg, selector);
        return;
    }
    d = lookup_desc(env, selector);
    if (seg == R_SS) {
        if (!d.usable || (selector & 3) != 3 || d.code || !d.writable ||
            d.dpl != 3) {
            raise_exception_err_ra(env, EXCP0D_GPF, selector & ~3, ra);
        }
        if (!d.present) {
            raise_exception_err_ra(env, EXCP0C_STACK, selector & ~3, ra);
        }
    } else {
        /* DPL >= max(CPL, RPL): with CPL 3 that is DPL 3. */
        if (!d.usable || !d.readable || d.dpl != 3) {
            raise_exception_err_ra(env, EXCP0D_GPF, selector & ~3, ra);
        }
        if (!d.present) {
            raise_exception_err_ra(env, EXCP0B_NOSEG, selector & ~3, ra);
        }
    }
    cpu_x86_load_seg(env, seg, selector);
}

/*
 * A 32-bit program may run code segments it made (modify_ldt,
 * set_thread_area), 16-bit ones included.  In a 64-bit program a far
 * transfer to one would switch to compatibility mode, which is not
 * modelled (#GP, as for the kernel's 32-bit code segment).
 */
static bool code_seg_of_process(int selector)
{
#ifdef TARGET_X86_64
    return false;
#else
    int index = selector >> 3;

    return (selector & 4) ||
           (index >= GDT_ENTRY_TLS_MIN && index < GDT_ENTRY_TLS_MIN + 3);
#endif
}

/* The target of a far jmp/call/ret/iret: a non-conforming code segment
   of DPL 3; a return may not go to an inner level (RPL < CPL). */
static void check_code_seg(CPUX86State *env, int selector, bool is_return,
                           uintptr_t ra)
{
    SegDesc d;

    selector &= 0xffff;
    if (is_null_selector(selector)) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    d = lookup_desc(env, selector);
    if (!d.usable || !d.code || d.dpl != 3 ||
        (is_return && (selector & 3) != 3)) {
        raise_exception_err_ra(env, EXCP0D_GPF, selector & ~3, ra);
    }
    if (!d.present) {
        raise_exception_err_ra(env, EXCP0B_NOSEG, selector & ~3, ra);
    }
    if ((selector >> 3) != GDT_ENTRY_OWN_CS && !code_seg_of_process(selector)) {
        raise_exception_err_ra(env, EXCP0D_GPF, selector & ~3, ra);
    }
}

static target_ulong stack_mask(CPUX86State *env)
{
    return env->hflags & HF_CS64_MASK ? (target_ulong)-1 : 0xffffffffu;
}

/* A stack slot of 1 << shift bytes, zero-extended. */
static target_ulong load_slot(CPUX86State *env, target_ulong addr,
                              int shift, uintptr_t ra)
{
    return x86_load_sized(env, addr & stack_mask(env), shift, ra);
}

static void store_slot(CPUX86State *env, target_ulong addr, int shift,
                       target_ulong val, uintptr_t ra)
{
    x86_store_sized(env, addr & stack_mask(env), val, shift, ra);
}

static void set_esp(CPUX86State *env, target_ulong esp)
{
    target_ulong mask = stack_mask(env);

    env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | (esp & mask);
}

void helper_load_seg(CPUX86State *env, int seg, int selector)
{
    x86_load_data_seg(env, seg, selector, GETPC());
    env->ss_shadow = seg == R_SS;
}

/*
 * A far return whose selector's RPL is not the CPL's takes the
 * inter-privilege path, which this host (an AMD Zen) starts by reading the
 * outer stack's SS slot, then rSP's (above the imm16 release): a fault
 * there comes before the #GP for the selector (measured with 16-, 32- and
 * 64-bit slots).
 */
static bool lret_reads_outer_stack(int cs)
{
    return (cs & 3) != 3;
}

/* lret [imm16]: eip and cs from the stack (slots of 1 << shift bytes). */
void helper_lret(CPUX86State *env, int shift, int addend)
{
    uintptr_t ra = GETPC();
    target_ulong sp = env->regs[R_ESP];
    int size = 1 << shift;
    /* the selector's slot is read first (measured: with the whole frame
       unmapped the fault is there) */
    int cs = load_slot(env, sp + size, shift, ra) & 0xffff;
    target_ulong eip = load_slot(env, sp, shift, ra);

    if (lret_reads_outer_stack(cs)) {
        load_slot(env, sp + 3 * size + addend, shift, ra);
        load_slot(env, sp + 2 * size + addend, shift, ra);
    }
    check_code_seg(env, cs, true, ra);
    cpu_x86_load_seg(env, R_CS, cs);
    set_esp(env, sp + 2 * size + addend);
    env->eip = eip;
}

/*
 * iret at CPL 3: eip, cs, eflags, and in 64-bit mode always rsp and ss.
 * Everything is read and checked before any of it is changed.  This host
 * reads EFLAGS's slot first (the fault of a wholly unmapped frame is
 * there), then SS's before RSP's, whatever cs is; the others follow.
 * EFLAGS changes as popf's would, plus RF.
 */
void helper_iret(CPUX86State *env, int shift)
{
    uintptr_t ra = GETPC();
    target_ulong sp = env->regs[R_ESP];
    int size = 1 << shift;
    bool long_mode = env->hflags & HF_CS64_MASK;
    target_ulong eflags = load_slot(env, sp + 2 * size, shift, ra);
    int ss = long_mode ? load_slot(env, sp + 4 * size, shift, ra) & 0xffff : 0;
    target_ulong new_sp = long_mode ? load_slot(env, sp + 3 * size, shift, ra)
                                    : sp + 3 * size;
    target_ulong eip = load_slot(env, sp, shift, ra);
    int cs = load_slot(env, sp + size, shift, ra) & 0xffff;
    uint32_t mask = TF_MASK | AC_MASK | ID_MASK | NT_MASK | RF_MASK |
                    CC_ALL | DF_MASK;

    check_code_seg(env, cs, true, ra);
    if (long_mode) {
        x86_load_data_seg(env, R_SS, ss, ra);
    }
    if (shift == MO_16) {
        mask &= 0xffff;
    }
    cpu_x86_load_seg(env, R_CS, cs);
    cpu_load_eflags(env, eflags, mask);
    set_esp(env, new_sp);
    env->eip = eip;
}

/* ljmp: the selector's RPL is replaced by the CPL. */
void helper_ljmp(CPUX86State *env, int cs, target_ulong eip)
{
    check_code_seg(env, cs, false, GETPC());
    cpu_x86_load_seg(env, R_CS, (cs & ~3) | 3);
    env->eip = eip;
}

/* lcall: push cs, then the return eip, in slots of 1 << shift bytes. */
void helper_lcall(CPUX86State *env, int cs, target_ulong eip, int shift,
                  target_ulong next_eip)
{
    uintptr_t ra = GETPC();
    target_ulong sp = env->regs[R_ESP];
    int size = 1 << shift;

    check_code_seg(env, cs, false, ra);
    store_slot(env, sp - size, shift, env->segs[R_CS].selector, ra);
    store_slot(env, sp - 2 * size, shift, next_eip, ra);
    cpu_x86_load_seg(env, R_CS, (cs & ~3) | 3);
    set_esp(env, sp - 2 * size);
    env->eip = eip;
}

/*
 * The CPU/node segment's limit is (node << 12) | cpu of the CPU the
 * thread runs on (the vDSO's getcpu reads it with lsl).
 */
static uint32_t cpunode_limit(void)
{
    unsigned cpu = 0, node = 0;

    getcpu(&cpu, &node);
    return node << 12 | cpu;
}

/*
 * lar, lsl, verr, verw (arg: DESC_QUERY_*): ZF says whether the selector
 * names a descriptor CPL 3 may look at (for lar and lsl present or not),
 * and for verr / verw whether it could be loaded to read / write through;
 * lar and lsl return the rights / limit, for the emitter to store only
 * when ZF is set.  The caller has computed EFLAGS into cc_src.
 */
target_ulong helper_desc_query(CPUX86State *env, int selector, int query)
{
    SegDesc d = lookup_desc(env, selector & 0xffff);
    bool ok = !is_null_selector(selector) && d.usable && d.dpl == 3;
    target_ulong result = 0;

    switch (query) {
    case DESC_QUERY_LAR:
        result = d.rights;
        break;
    case DESC_QUERY_LSL:
        result = (selector >> 3) == GDT_ENTRY_CPUNODE ? cpunode_limit()
                                                      : d.limit;
        break;
    case DESC_QUERY_VERR:
        ok = ok && d.readable;
        break;
    default:
        ok = ok && d.writable;
        break;
    }
    env->cc_src = (env->cc_src & ~CC_Z) | (ok ? CC_Z : 0);
    return result;
}
