/*
 * misc_helper.c: helpers that leave generated code for cpu_loop
 * (exceptions, software interrupts, syscall), and the system-ish
 * instructions a user program may execute: cpuid, rdtsc, rdtscp, mfence.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "excp.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "qemu/host-cycles.h"
#include <sys/syscall.h>
#include <unistd.h>

/* ---- exceptions ---- */

static void set_exception(CPUX86State *env, int exception_index, int error_code)
{
    env->exception_index = exception_index;
    env->error_code = error_code;
    env->exception_is_int = 0;
}

void raise_exception(CPUX86State *env, int exception_index)
{
    set_exception(env, exception_index, 0);
    cpu_loop_exit(env);
}

void raise_exception_ra(CPUX86State *env, int exception_index, uintptr_t retaddr)
{
    set_exception(env, exception_index, 0);
    cpu_loop_exit_restore(env, retaddr);
}

void raise_exception_err_ra(CPUX86State *env, int exception_index,
                            int error_code, uintptr_t retaddr)
{
    set_exception(env, exception_index, error_code);
    cpu_loop_exit_restore(env, retaddr);
}

/*
 * Linux's IDT lets user mode use only vectors 3 (int3), 4 (into) and 0x80;
 * those trap with eip past the instruction.  Any other int n is a #GP at
 * the instruction, error code = the IDT entry (vector * 8 + 2).
 */
void raise_interrupt(CPUX86State *env, int intno, int next_eip_addend)
{
    if (intno == EXCP03_INT3 || intno == EXCP04_INTO || intno == EXCP_INT80) {
        set_exception(env, intno, 0);
        env->exception_is_int = 1;
        env->exception_next_eip = env->eip + next_eip_addend;
        env->eip = env->exception_next_eip;
    } else {
        set_exception(env, EXCP0D_GPF, intno * 8 + 2);
    }
    cpu_loop_exit(env);
}

void helper_raise_exception(CPUX86State *env, int exception_index)
{
    raise_exception(env, exception_index);
}

void helper_raise_interrupt(CPUX86State *env, int intno, int next_eip_addend)
{
    raise_interrupt(env, intno, next_eip_addend);
}

/* cpu_loop runs the system call with eip already past the instruction. */
void helper_syscall(CPUX86State *env, int next_eip_addend)
{
    set_exception(env, EXCP_SYSCALL, 0);
    env->exception_next_eip = env->eip + next_eip_addend;
    env->eip = env->exception_next_eip;
    cpu_loop_exit(env);
}

/* ---- cpuid, rdtsc ---- */

void helper_cpuid(CPUX86State *env)
{
    uint32_t eax, ebx, ecx, edx;

    cpu_x86_cpuid(env, env->regs[R_EAX], env->regs[R_ECX],
                  &eax, &ebx, &ecx, &edx);
    env->regs[R_EAX] = eax;
    env->regs[R_EBX] = ebx;
    env->regs[R_ECX] = ecx;
    env->regs[R_EDX] = edx;
}

void helper_rdtsc(CPUX86State *env)
{
    uint64_t tsc = host_cycles();

    env->regs[R_EAX] = (uint32_t)tsc;
    env->regs[R_EDX] = (uint32_t)(tsc >> 32);
}

/* rdtscp: rdtsc plus TSC_AUX in ECX, which Linux sets to the number of the
   CPU (and NUMA node << 12) the thread runs on; 0 if getcpu fails. */
void helper_rdtscp(CPUX86State *env)
{
    unsigned cpu = 0, node = 0;

    helper_rdtsc(env);
    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0) {
        cpu = node = 0;
    }
    env->regs[R_ECX] = (uint32_t)(node << 12 | (cpu & 0xfff));
}

void helper_mfence(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
