/*
 * host-cycles.h (x86-64 host): include/qemu/host-cycles.h's tick count as
 * the host's time stamp counter.
 */
#ifndef TCG_I386_HOST_CYCLES_H
#define TCG_I386_HOST_CYCLES_H

#include <stdint.h>

static inline uint64_t host_cycles(void)
{
    return __builtin_ia32_rdtsc();
}

#endif
