/*
 * host-signal.h (AArch64 host): include/qemu/host-signal.h's reading of
 * the signal context: the pc, and the write bit of the exception syndrome
 * (ESR) that the kernel passes in a record of the context's __reserved
 * area (asm/sigcontext.h: records of magic, size, payload, ending with a
 * zero magic).
 */
#ifndef TCG_AARCH64_HOST_SIGNAL_H
#define TCG_AARCH64_HOST_SIGNAL_H

#include <string.h>

#define HOST_AARCH64_ESR_MAGIC 0x45535201u

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return uc->uc_mcontext.pc;
}

/* A data abort (EC 0x24 from EL0, 0x25 from EL1) with WnR (bit 6) set is
   a write, except for cache maintenance (CM, bit 8), which sets WnR. */
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

#endif
