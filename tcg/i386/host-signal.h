/*
 * host-signal.h (x86-64 host): include/qemu/host-signal.h's reading of the
 * signal context: the pc in RIP, and the page-fault error code's bit 1
 * (write) that the kernel passes in ERR.
 */
#ifndef TCG_I386_HOST_SIGNAL_H
#define TCG_I386_HOST_SIGNAL_H

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return uc->uc_mcontext.gregs[REG_RIP];
}

static inline bool host_signal_write(const siginfo_t *info,
                                     const ucontext_t *uc)
{
    return (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
}

#endif
