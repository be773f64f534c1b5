/*
 * host-cycles.h (AArch64 host): include/qemu/host-cycles.h's tick count as
 * the generic timer's virtual count (CNTVCT_EL0), which Linux lets user
 * code read: monotonic, at the constant rate of CNTFRQ_EL0.
 */
#ifndef TCG_AARCH64_HOST_CYCLES_H
#define TCG_AARCH64_HOST_CYCLES_H

#include <stdint.h>

static inline uint64_t host_cycles(void)
{
    uint64_t ticks;

    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(ticks));
    return ticks;
}

#endif
