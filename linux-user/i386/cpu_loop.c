/*
 * cpu_loop.c (x86 guests; x86_64/cpu_loop.c includes this file): run the
 * guest CPU and turn what stops it into Linux behaviour: syscalls through
 * the table of syscall.c, CPU exceptions into the signals the kernel would
 * send, then deliver pending signals.  Also the initial register state.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "signal-common.h"
#include "syscall_impl.h"

/* CPU exceptions that become a signal: which one and its si_code. */
typedef struct ExceptionSignal {
    int excp;
    int sig;
    int si_code;
    bool addr_is_eip;        /* si_addr: the faulting insn, else 0 */
} ExceptionSignal;

static const ExceptionSignal exception_signals[] = {
    { EXCP00_DIVZ, SIGFPE, FPE_INTDIV, true },
    { EXCP01_DB, SIGTRAP, TRAP_BRKPT, true },    /* int1: eip past it */
    { EXCP03_INT3, SIGTRAP, SI_KERNEL, false },
    { EXCP04_INTO, SIGSEGV, SI_KERNEL, false },
    { EXCP05_BOUND, SIGSEGV, SI_KERNEL, false },
    { EXCP06_ILLOP, SIGILL, ILL_ILLOPN, true },
    { EXCP0B_NOSEG, SIGBUS, SI_KERNEL, false },
    { EXCP0C_STACK, SIGBUS, SI_KERNEL, false },
    { EXCP0D_GPF, SIGSEGV, SI_KERNEL, false },
    { EXCP10_COPR, SIGFPE, 0, true },           /* 0: from the FPU state */
    { EXCP11_ALGN, SIGBUS, BUS_ADRALN, false },
    { EXCP13_XMM, SIGFPE, 0, true },
    { EXCP_HLT, SIGSEGV, SI_KERNEL, false },     /* privileged in user mode */
    { EXCP_DEBUG, SIGTRAP, TRAP_BRKPT, true },   /* gdb's breakpoint or step */
    { EXCP_TRACE, SIGTRAP, TRAP_TRACE, true },   /* EFLAGS.TF: eip past it */
};

static void do_guest_syscall(CPUArchState *env, int trapnr)
{
    abi_long ret;

#ifdef TARGET_X86_64
    if (trapnr != EXCP_SYSCALL) {
        /* int $0x80 from 64-bit code: the kernel would run the i386
           table; we do not emulate that mixed ABI. */
        queue_signal(env, SIGSEGV, SI_KERNEL, 0);
        return;
    }
    /* the syscall instruction clobbers rcx and r11 */
    env->regs[R_ECX] = env->eip;
    env->regs[R_R11] = cpu_compute_eflags(env);
    ret = do_syscall(env, env->regs[R_EAX], env->regs[R_EDI],
                     env->regs[R_ESI], env->regs[R_EDX], env->regs[R_R10],
                     env->regs[R_R8], env->regs[R_R9]);
#else
    if (trapnr != EXCP_INT80) {
        queue_signal(env, SIGILL, ILL_ILLOPN, env->eip);
        return;
    }
    ret = do_syscall(env, env->regs[R_EAX], env->regs[R_EBX],
                     env->regs[R_ECX], env->regs[R_EDX], env->regs[R_ESI],
                     env->regs[R_EDI], env->regs[R_EBP]);
#endif
    if (ret == -TARGET_ERESTARTSYS || ret == -TARGET_ERESTARTNOHAND) {
        /* back onto the 2-byte int $0x80 / syscall; eax still holds the
           syscall number */
        env->eip -= 2;
        signal_syscall_restart(env, ret);
    } else if (ret != -TARGET_QEMU_ESIGRETURN) {
        env->regs[R_EAX] = ret;
    }
}

/* A non-canonical address is #GP, not #PF, on the CPU (#SS through SS):
   the kernel sends SIGSEGV (SIGBUS), SI_KERNEL, without an address. */
static void queue_noncanonical_fault(CPUArchState *env)
{
    uint8_t insn[TARGET_MAX_INSN_SIZE];
    int len;

    for (len = 0; len < TARGET_MAX_INSN_SIZE; len++) {
        if (get_user(insn[len], env->eip + len, uint8_t)) {
            break;
        }
    }
    queue_signal(env, x86_fault_is_stack(env, insn, len) ? SIGBUS : SIGSEGV,
                 SI_KERNEL, 0);
}

#ifdef TARGET_X86_64
/*
 * Linux's legacy vsyscall page, as its default "emulate" mode has it: the
 * page is execute-only and not really there; a call to one of its three
 * entries faults, and the kernel runs that system call with the call's
 * arguments, then returns to the caller (popping the return address).
 * Anything else in the page, a return address it cannot read or a bad
 * pointer argument is SIGSEGV (SI_KERNEL) at the call.  Data accesses to the
 * page fault as for any unmapped page.
 */
static const struct {
    uint16_t offset;
    int nr;
} vsyscall_entries[] = {
    { 0x000, TARGET_NR_gettimeofday }, { 0x400, TARGET_NR_time }, { 0x800, TARGET_NR_getcpu },
};

/* True when the fault was a call into the vsyscall page, now handled. */
static bool emulate_vsyscall(CPUArchState *env)
{
    abi_ulong caller;
    abi_long ret;

    if ((env->eip & TARGET_PAGE_MASK) != TARGET_VSYSCALL_PAGE || env->cr2 != env->eip) {
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(vsyscall_entries); i++) {
        if (env->eip != TARGET_VSYSCALL_PAGE + vsyscall_entries[i].offset
            || get_user(caller, env->regs[R_ESP], abi_ulong)) {
            continue;
        }
        ret = do_syscall(env, vsyscall_entries[i].nr, env->regs[R_EDI], env->regs[R_ESI],
                         env->regs[R_EDX], 0, 0, 0);
        if (ret == -TARGET_EFAULT) {
            break;
        }
        env->regs[R_EAX] = ret;
        env->eip = caller;
        env->regs[R_ESP] += sizeof(abi_ulong);
        return true;
    }
    queue_signal(env, SIGSEGV, SI_KERNEL, 0);
    return true;
}
#endif

/* The fault's kind is known when the page map judged it (checked accesses,
   code fetch); a plain host fault is judged here from the page's flags. */
static void do_page_fault(CPUArchState *env)
{
    int kind = env->fault_kind;

    env->fault_kind = PAGE_FAULT_NONE;
#ifdef TARGET_X86_64
    if (emulate_vsyscall(env)) {
        return;
    }
    if ((target_long)(env->cr2 << 16) >> 16 != (target_long)env->cr2) {
        queue_noncanonical_fault(env);
        return;
    }
#endif
    if (kind == PAGE_FAULT_NONE) {
        kind = page_get_flags(env->cr2) & PAGE_VALID ? PAGE_FAULT_ACCERR
                                                     : PAGE_FAULT_MAPERR;
    }
    if (kind == PAGE_FAULT_MAPERR && grow_down_to(env->cr2)) {
        return;                 /* the access runs again */
    }
    if (kind == PAGE_FAULT_SIGBUS) {
        queue_signal(env, SIGBUS, BUS_ADRERR, env->cr2);
    } else if (kind == PAGE_FAULT_GP) {
        queue_noncanonical_fault(env);
    } else {
        queue_signal(env, SIGSEGV, kind == PAGE_FAULT_ACCERR ? SEGV_ACCERR
                                                             : SEGV_MAPERR,
                     env->cr2);
    }
}

static void do_cpu_exception(CPUArchState *env, int trapnr)
{
    for (size_t i = 0; i < ARRAY_SIZE(exception_signals); i++) {
        const ExceptionSignal *e = &exception_signals[i];

        if (e->excp == trapnr) {
            int code = e->si_code ? e->si_code : x86_fpu_exception_si_code(env, trapnr);
            queue_signal(env, e->sig, code, e->addr_is_eip ? env->eip : 0);
            return;
        }
    }
    fprintf(stderr, "qemu: unhandled CPU exception 0x%x - aborting\n", trapnr);
    x86_cpu_dump_state(env, stderr, 0);
    qemu_log_flush();
    abort();
}

void cpu_loop(CPUArchState *env)
{
    for (;;) {
        int trapnr = cpu_exec(env);

        switch (trapnr) {
        case EXCP_INT80:
        case EXCP_SYSCALL:
            do_guest_syscall(env, trapnr);
            if (env->singlestep_enabled) {
                /* gdb stepped over it: the step is done */
                queue_signal(env, SIGTRAP, TRAP_TRACE, 0);
            }
            break;
        case EXCP0E_PAGE:
            do_page_fault(env);
            break;
        case EXCP_INTERRUPT:
            break;                 /* a signal or exit request: see below */
        default:
            do_cpu_exception(env, trapnr);
            break;
        }
        process_pending_signals(env);
    }
}

/* start_thread: a 64-bit process starts with DS = ES = 0, a 32-bit one
   with __USER_DS in them; SS is always __USER_DS. */
#ifdef TARGET_X86_64
#define START_DS_ES 0
#else
#define START_DS_ES TARGET_USER_DS
#endif

void target_cpu_init(CPUArchState *env, struct image_info *info)
{
    static const int data_segs[] = { R_DS, R_ES };
    TaskState *ts = env->opaque;

    if (!ts) {
        ts = calloc(1, sizeof(*ts));
        env->opaque = ts;
    }
    ts->info = info;
    cpu_x86_load_seg(env, R_CS, TARGET_USER_CS);
    for (size_t i = 0; i < ARRAY_SIZE(data_segs); i++) {
        cpu_x86_load_seg(env, data_segs[i], START_DS_ES);
    }
    cpu_x86_load_seg(env, R_SS, TARGET_USER_DS);
    cpu_x86_load_seg(env, R_FS, 0);
    cpu_x86_load_seg(env, R_GS, 0);
    signal_init_thread(env);
}
