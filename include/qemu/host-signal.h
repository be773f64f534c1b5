/*
 * host-signal.h: what the fault handler (linux-user/signal.c) reads from
 * the host's signal context: the pc of the faulting instruction, whether
 * the access was a write and, on hosts with a JIT backend, the general
 * registers (guest registers that generated code had not stored yet: tcg.c,
 * "Access maps").  One variant per host architecture, in the
 * host's backend directory (tcg/i386/, tcg/aarch64/); ppc64's, which has
 * no JIT backend here (the interpreter runs there), is below.  The
 * interpreter's own guest accesses do not depend on these (tcg/tci.h):
 * only faults inside helpers and emulator bugs read them.
 */
#ifndef QEMU_HOST_SIGNAL_H
#define QEMU_HOST_SIGNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <ucontext.h>

#if defined(__x86_64__)
#include "tcg/i386/host-signal.h"

#elif defined(__powerpc64__)
/* Indices into gp_regs: the kernel's pt_regs (asm/ptrace.h). */
#define HOST_PPC_PT_NIP   32
#define HOST_PPC_PT_TRAP  40
#define HOST_PPC_PT_DSISR 42

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return uc->uc_mcontext.gp_regs[HOST_PPC_PT_NIP];
}

/* A data storage interrupt (0x300) sets DSISR bit 6 (IBM numbering) for a
   store; an instruction storage interrupt (0x400) is never a write. */
static inline bool host_signal_write(const siginfo_t *info,
                                     const ucontext_t *uc)
{
    return uc->uc_mcontext.gp_regs[HOST_PPC_PT_TRAP] != 0x400
           && (uc->uc_mcontext.gp_regs[HOST_PPC_PT_DSISR] & 0x02000000);
}

#elif defined(__aarch64__)
#include "tcg/aarch64/host-signal.h"

#else
#error "no signal-context reader for this host: add one to include/qemu/host-signal.h"
#endif

#endif
