/*
 * host-cycles.h: a fast, monotonic tick count of the host, for the guest's
 * RDTSC/RDTSCP (target/i386/misc_helper.c).  An x86-64 host reads its own
 * time stamp counter (tcg/i386/host-cycles.h), an AArch64 host its
 * generic timer (tcg/aarch64/host-cycles.h); any other host counts
 * nanoseconds of CLOCK_MONOTONIC, which also only grows and, like a modern
 * TSC, runs at a constant rate.
 */
#ifndef QEMU_HOST_CYCLES_H
#define QEMU_HOST_CYCLES_H

#include <stdint.h>

#if defined(__x86_64__)
#include "tcg/i386/host-cycles.h"
#elif defined(__aarch64__)
#include "tcg/aarch64/host-cycles.h"
#else
#include <time.h>

static inline uint64_t host_cycles(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}
#endif

#endif
