/*
 * host-signal.h (AArch64 host): include/qemu/host-signal.h's reading of
 * the signal context: the pc, the general registers, and the write bit of the exception syndrome
 * (ESR) that the kernel passes in a record of the context's __reserved
 * area (asm/sigcontext.h: records of magic, size, payload, ending with a
 * zero magic), or failing that the faulting instruction's encoding.
 */
#ifndef TCG_AARCH64_HOST_SIGNAL_H
#define TCG_AARCH64_HOST_SIGNAL_H

#include <string.h>

#define HOST_AARCH64_ESR_MAGIC 0x45535201u

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return uc->uc_mcontext.pc;
}

/* General register x<reg> (0-30, tcg/aarch64's numbering) at the fault. */
static inline uint64_t host_signal_reg(const ucontext_t *uc, int reg)
{
    return uc->uc_mcontext.regs[reg];
}

/*
 * Whether the A64 instruction insn writes memory, from the encoding
 * classes of the load/store group (op0 x1x0): single registers (opc 00
 * stores, and opc 10 for 128-bit SIMD; with bit 21 and bits 11:10 00 an
 * LSE atomic, which writes), pairs and the exclusive/ordered and SIMD
 * structure classes (L, bit 22, clear for a store); literal loads read.
 */
static inline bool host_insn_is_store(uint32_t insn)
{
    uint32_t opc = (insn >> 22) & 3;

    if ((insn & 0x0a000000) != 0x08000000) {
        return false;
    }
    switch ((insn >> 28) & 3) {
    case 3:
        if (!(insn & (1u << 24)) && (insn & (1u << 21))) {
            if (((insn >> 10) & 3) == 0) {
                return true;
            }
            if (((insn >> 10) & 3) != 2) {
                return false;           /* pointer-authenticated loads */
            }
        }
        return opc == 0 || ((insn & (1u << 26)) && opc == 2);
    case 1:
        return false;
    default:
        return !(insn & (1u << 22));
    }
}

/* A data abort (EC 0x24 from EL0, 0x25 from EL1) with WnR (bit 6) set is
   a write, except for cache maintenance (CM, bit 8), which sets WnR.
   Without an ESR record (user-mode emulators such as QEMU 7.2's
   qemu-aarch64 leave it out) the faulting instruction says it. */
static inline bool host_signal_write(const siginfo_t *info,
                                     const ucontext_t *uc)
{
    const uint8_t *p = (const uint8_t *)uc->uc_mcontext.__reserved;
    const uint8_t *end = p + sizeof(uc->uc_mcontext.__reserved);
    uint32_t insn;

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
    memcpy(&insn, (const void *)uc->uc_mcontext.pc, 4);
    return host_insn_is_store(insn);
}

#endif
