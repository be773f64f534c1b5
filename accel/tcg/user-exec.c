/*
 * user-exec.c: host faults on guest memory.  A SIGSEGV/SIGBUS raised by
 * generated code, or by a helper touching guest memory (helper_retaddr),
 * becomes a precise guest page fault when the guest's protection forbids
 * the access, and a retry (EXCP_RETRY_ACCESS, resolved in cpu_exec) when
 * the emulator itself protected the memory (translated code, shadowed host
 * pages: exec/page-map.h).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "exec/cputlb.h"
#include "tcg/tcg.h"
#include "tcg/tci.h"

__thread uintptr_t helper_retaddr;

static bool tlb_is_stale(CPUArchState *env)
{
    return env->tlb_generation != __atomic_load_n(&page_map_generation, __ATOMIC_ACQUIRE);
}

/*
 * Async-signal-safe: no lock, no allocation.  The decision uses only the
 * lock-free page map and TB search; whatever needs more (dropping code,
 * breaking a block into checked accesses) happens in cpu_exec after
 * leaving the signal context (EXCP_RETRY_ACCESS).
 */
int handle_cpu_signal(uintptr_t host_pc, siginfo_t *info, int is_write,
                      ucontext_t *uc)
{
    CPUArchState *env = thread_cpu;
    uintptr_t host_addr = (uintptr_t)info->si_addr;
    uintptr_t restore_pc;
    bool in_tb = false;
    target_ulong addr;
    int access = is_write ? PAGE_WRITE : PAGE_READ;
    int kind;

    if (!env) {
        return 0;
    }
    tci_fault_site(&host_pc, &is_write);
    if (helper_retaddr == HELPER_RETADDR_CODE_FETCH) {
        /* The translator fetching a TB's first insn: env is precise. */
        restore_pc = 0;
        access = PAGE_EXEC;
        clear_helper_retaddr();
    } else if (helper_retaddr) {
        /* A return address: step back into the call of the helper. */
        restore_pc = helper_retaddr - 1;
        clear_helper_retaddr();
    } else if (tcg_code_buffer_contains((void *)host_pc)) {
        restore_pc = host_pc;
        in_tb = true;
    } else {
        return 0;
    }

    /* We leave the handler by siglongjmp: restore the mask it blocked. */
    sigprocmask(SIG_SETMASK, &uc->uc_sigmask, NULL);

    /* A page's home out of bound (a redirected file page past end of file
       raises SIGBUS there) is no guest page; where the guest space covers
       the whole host one, it only looks like one. */
    if (h2g_valid(host_addr) && (page_get_flags(h2g(host_addr)) & PAGE_VALID)) {
        addr = h2g(host_addr);
        kind = page_judge_fault(addr, access);
    } else if (tlb_host_to_guest(env, host_addr, &addr)) {
        kind = page_judge_fault(addr, access);
    } else if (h2g_valid(host_addr)) {
        addr = h2g(host_addr);
        kind = PAGE_FAULT_MAPERR;
    } else {
        addr = host_addr;
        kind = PAGE_FAULT_MAPERR;
    }
    if (kind == PAGE_FAULT_NONE && info->si_signo == SIGBUS) {
        kind = PAGE_FAULT_SIGBUS;       /* a file page past end of file */
    }
    if (info->si_signo == SIGSEGV && info->si_code == SI_KERNEL) {
        kind = PAGE_FAULT_GP;           /* #GP: the host kernel gives no address */
    }
    env->cr2 = addr;
    env->error_code = (is_write ? 2 : 0) | (access == PAGE_EXEC ? 0x10 : 0) | 4;
    if (in_tb) {
        cpu_restore_state_at_fault(env, restore_pc, uc);
    } else if (restore_pc) {
        cpu_restore_state(env, restore_pc);
    }
    if (kind == PAGE_FAULT_NONE || tlb_is_stale(env)) {
        /* The guest may do this (or a stale TLB entry led here): the
           emulator protected the memory for its own reasons. */
        env->retry_host_pc = in_tb ? host_pc : 0;
        env->exception_index = EXCP_RETRY_ACCESS;
    } else {
        env->fault_kind = kind;
        env->exception_index = EXCP0E_PAGE;
    }
    cpu_loop_exit(env);
}

void raise_guest_fault(CPUArchState *env, target_ulong addr, int access,
                       int kind, uintptr_t ra)
{
    env->cr2 = addr;
    env->error_code = 4 | (access == PAGE_WRITE ? 2 : 0)
                      | (access == PAGE_EXEC ? 0x10 : 0);
    env->fault_kind = kind;
    env->exception_index = EXCP0E_PAGE;
    cpu_loop_exit_restore(env, ra);
}
