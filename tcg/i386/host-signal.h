/*
 * host-signal.h (x86-64 host): include/qemu/host-signal.h's reading of the
 * signal context: the pc in RIP, the general registers, and the page-fault
 * error code's bit 1 (write) that the kernel passes in ERR.
 */
#ifndef TCG_I386_HOST_SIGNAL_H
#define TCG_I386_HOST_SIGNAL_H

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return uc->uc_mcontext.gregs[REG_RIP];
}

/* General register reg (the hardware encoding, tcg/i386's numbering) at
   the fault. */
static inline uint64_t host_signal_reg(const ucontext_t *uc, int reg)
{
    static const uint8_t greg[16] = {
        REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
        REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    };
    return uc->uc_mcontext.gregs[greg[reg]];
}

static inline bool host_signal_write(const siginfo_t *info,
                                     const ucontext_t *uc)
{
    return (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
}

#endif
