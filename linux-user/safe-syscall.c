/*
 * safe-syscall.c: host system calls that may block, made so that a guest
 * signal arriving just before the call enters the kernel is not lost.
 *
 * A host signal for the guest is caught by host_signal_handler, which only
 * holds it and sets the thread's signal_pending; the guest handler runs
 * later, from the cpu loop.  A call that blocks (read on a pipe, ppoll,
 * futex wait...) and is entered after the cpu loop last looked would wait
 * for ever with the signal held.  safe_syscall_base looks at
 * signal_pending as its last instruction before the host `syscall`; the
 * handler, when it interrupts the thread between that look and the
 * `syscall` (host_signal_handler calls safe_syscall_rewind), moves the
 * thread's pc to a path that returns -EINTR, as if the kernel had been
 * interrupted, so do_syscall restarts the call or returns EINTR after the
 * guest's handler, as the kernel would.  Once `syscall` has run, the
 * kernel itself returns EINTR (the host handler has no SA_RESTART).
 *
 * This is the host half: x86-64 Linux hosts (registers, the `syscall`
 * instruction, the ucontext's pc).  Another host needs its own entry and
 * rewind here.
 */
#include "qemu/osdep.h"
#include <ucontext.h>
#include "syscall_impl.h"

#if !defined(__x86_64__)
#error "safe-syscall.c: only the x86-64 host is written"
#endif

/* safe_syscall_base(pending, nr, a1..a6): the host call nr, or -EINTR
   without calling when *pending is set, up to the `syscall` instruction.
   Returns the kernel's raw result (-errno on failure). */
extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];

__asm__(
    "    .text\n"
    "    .globl safe_syscall_base\n"
    "    .type safe_syscall_base, @function\n"
    "safe_syscall_base:\n"
    "    .cfi_startproc\n"
    "    push %rbp\n"                 /* rbp holds pending across the shuffle */
    "    .cfi_adjust_cfa_offset 8\n"
    "    .cfi_rel_offset %rbp, 0\n"
    "    mov %rdi, %rbp\n"
    "    mov %rsi, %rax\n"            /* nr, then a1..a6 to the kernel's */
    "    mov %rdx, %rdi\n"            /* registers: rdi rsi rdx r10 r8 r9 */
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 16(%rsp), %r8\n"
    "    mov 24(%rsp), %r9\n"
    "    .globl safe_syscall_start\n"
    "safe_syscall_start:\n"
    "    cmpl $0, (%rbp)\n"
    "    jnz safe_syscall_interrupted\n"
    "    syscall\n"
    "    .globl safe_syscall_end\n"
    "safe_syscall_end:\n"
    "    pop %rbp\n"
    "    .cfi_remember_state\n"
    "    .cfi_adjust_cfa_offset -8\n"
    "    .cfi_restore %rbp\n"
    "    ret\n"
    "    .cfi_restore_state\n"
    "    .globl safe_syscall_interrupted\n"
    "safe_syscall_interrupted:\n"
    "    mov $-" stringify(EINTR) ", %rax\n"
    "    pop %rbp\n"
    "    .cfi_adjust_cfa_offset -8\n"
    "    .cfi_restore %rbp\n"
    "    ret\n"
    "    .cfi_endproc\n"
    "    .size safe_syscall_base, .-safe_syscall_base\n"
);

void safe_syscall_rewind(void *host_ucontext)
{
    greg_t *pc = &((ucontext_t *)host_ucontext)->uc_mcontext.gregs[REG_RIP];

    if (*pc >= (greg_t)safe_syscall_start && *pc < (greg_t)safe_syscall_end) {
        *pc = (greg_t)safe_syscall_interrupted;
    }
}

bool safe_syscall_signal_waits(CPUArchState *env)
{
    TaskState *ts = env->opaque;

    ts->signal_pending = 0;
    if (guest_signal_deliverable(env)) {
        ts->signal_pending = 1;
        return true;
    }
    return false;
}

long safe_syscall_errno(long ret)
{
    if (ret < 0 && ret >= -4095) {
        errno = -ret;
        return -1;
    }
    return ret;
}
