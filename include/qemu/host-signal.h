/*
 * host-signal.h: what the fault handler (linux-user/signal.c) reads from
 * the host's signal context: the pc of the faulting instruction and whether
 * the access was a write.  One variant per host architecture: x86-64's is
 * tcg/i386/host-signal.h; ppc64 and aarch64, which have no JIT backend
 * here (the interpreter runs there), are below.  The interpreter's own
 * guest accesses do not depend on these (tcg/tci.h): only faults inside
 * helpers and emulator bugs read them.
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
/* The kernel's records after the general registers (asm/sigcontext.h). */
#define HOST_AARCH64_ESR_MAGIC 0x45535201u

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return uc->uc_mcontext.pc;
}

/* The ESR record of a data abort: WnR (bit 6) for a write, except for
   cache maintenance (CM, bit 8), which reports WnR set. */
static inline bool host_signal_write(const siginfo_t *info,
                                     const ucontext_t *uc)
{
    const uint8_t *p = (const uint8_t *)uc->uc_mcontext.__reserved;
    const uint8_t *end = p + sizeof(uc->uc_mcontext.__reserved);

    while (p + 8 <= end) {
        uint32_t magic, size;
        uint64_t esr;

        memcpy(&magic, p, 4);
        memcpy(&size, p + 4, 4);
        if (magic == 0 || size < 8) {
            break;
        }
        if (magic == HOST_AARCH64_ESR_MAGIC && size >= 16) {
            memcpy(&esr, p + 8, 8);
            return (esr >> 26 == 0x24 || esr >> 26 == 0x25)
                   && (esr & (1u << 6)) && !(esr & (1u << 8));
        }
        p += size;
    }
    return false;
}

#else
#error "no signal-context reader for this host: add one to include/qemu/host-signal.h"
#endif

#endif
