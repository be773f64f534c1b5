/*
 * user-exec.c: host faults on guest memory.  A SIGSEGV/SIGBUS raised by
 * generated code, or by a helper touching guest memory (helper_retaddr),
 * becomes a precise guest page fault; a write to a page we write-protected
 * to catch self-modifying code is resolved and retried.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "tcg/tcg.h"

__thread uintptr_t helper_retaddr;

int handle_cpu_signal(uintptr_t host_pc, siginfo_t *info, int is_write,
                      sigset_t *old_set)
{
    CPUArchState *env = thread_cpu;
    uintptr_t host_addr = (uintptr_t)info->si_addr;
    uintptr_t restore_pc;

    /* Wherever it happened (generated code, a helper, the syscall layer
       racing with another thread's translation): a write to a page
       protected for SMC detection, resolved under mmap_lock. */
    if (is_write && info->si_signo == SIGSEGV && info->si_code == SEGV_ACCERR
        && h2g_valid(host_addr) && page_unprotect(h2g(host_addr), host_pc)) {
        return 1;
    }
    if (!env) {
        return 0;
    }
    if (helper_retaddr) {
        /* A return address: step back into the call of the helper. */
        restore_pc = helper_retaddr - 1;
        clear_helper_retaddr();
    } else if (tcg_code_buffer_contains((void *)host_pc)) {
        restore_pc = host_pc;
    } else {
        return 0;
    }

    /* We leave the handler by siglongjmp: restore the mask it blocked. */
    sigprocmask(SIG_SETMASK, old_set, NULL);

    env->cr2 = h2g_valid(host_addr) ? h2g(host_addr) : (target_ulong)host_addr;
    env->error_code = (is_write ? 2 : 0) | 4;
    env->fault_kind = PAGE_FAULT_NONE;
    env->exception_index = EXCP0E_PAGE;
    cpu_restore_state(env, restore_pc);
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
