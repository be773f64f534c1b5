/*
 * signal-common.h: what the generic signal code (signal.c) and the
 * per-arch frame code (<arch>/signal.c) and cpu loops share.
 * docs/devel/linux-user.md describes the delivery model.
 */
#ifndef LINUX_USER_SIGNAL_COMMON_H
#define LINUX_USER_SIGNAL_COMMON_H

#include "qemu.h"

/* <arch>/signal.c: build the handler's frame on the guest stack and point
   the registers at the handler.  mask is the set sigreturn restores.
   Return 0, or -TARGET_EFAULT when the frame cannot be written (the
   caller then kills the guest with SIGSEGV, as the kernel does). */
abi_long setup_rt_frame(int sig, const struct target_sigaction *ka,
                        const target_siginfo_t *info, uint64_t mask,
                        CPUArchState *env);
#ifndef TARGET_X86_64
/* i386 handlers without SA_SIGINFO get the old sigframe. */
abi_long setup_frame(int sig, const struct target_sigaction *ka,
                     uint64_t mask, CPUArchState *env);
#endif

/* The stack top a frame for ka goes below: the alternate signal stack if
   the handler asked for it and it is set up and not already in use (judged
   below the red zone), else the stack pointer below the red zone. */
abi_ulong target_sigframe_top(CPUArchState *env, const struct target_sigaction *ka,
                              abi_ulong redzone);
/* uc_stack of a new frame. */
void target_save_altstack(target_stack_t *uss, CPUArchState *env);
/* sigreturn: the blocked set from the frame becomes the guest's. */
void target_restore_sigmask(CPUArchState *env, uint64_t mask);
/* sigreturn found a corrupt frame: SIGSEGV, like the kernel's badframe. */
void target_sigreturn_badframe(CPUArchState *env);

/* target_cpu_init: the first thread's blocked set (signal_init must have
   run: it is the set the emulator inherited). */
void signal_init_thread(CPUArchState *env);

/* thread.c: a new thread about to run the guest: its host blocked set
   becomes its guest set (until then every host signal is blocked). */
void signal_start_thread(CPUArchState *env);

/* The host numbering of a set of guest signals (signalfd). */
uint64_t host_sigset_of(uint64_t set);

/* cpu_loop: the syscall just made returned a restart code (ERESTARTSYS or
   ERESTARTNOHAND) and eip was moved back to the syscall instruction;
   delivery decides whether it is restarted or returns -EINTR. */
void signal_syscall_restart(CPUArchState *env, abi_long code);

#endif
