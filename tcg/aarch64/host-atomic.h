/*
 * host-atomic.h (AArch64 host): the 16-byte compare-and-exchange of
 * include/qemu/host-atomic.h as an exclusive pair loop (LDAXP/STLXP,
 * Armv8.0, no LSE needed), acquire and release, so the guest's
 * CMPXCHG16B stays a barrier.  A pair is read atomically only when the
 * store-exclusive that follows succeeds, so a failed comparison writes the
 * old value back before it reports it.  p must be 16-byte aligned.
 */
#ifndef TCG_AARCH64_HOST_ATOMIC_H
#define TCG_AARCH64_HOST_ATOMIC_H

#include <stdbool.h>
#include <stdint.h>

/* *p = desired if *p == *expected (true); else *expected = *p (false) */
static inline bool host_cmpxchg16(unsigned __int128 *p,
                                  unsigned __int128 *expected,
                                  unsigned __int128 desired)
{
    uint64_t exp_lo = (uint64_t)*expected, exp_hi = (uint64_t)(*expected >> 64);
    uint64_t new_lo = (uint64_t)desired, new_hi = (uint64_t)(desired >> 64);
    uint64_t old_lo, old_hi;
    uint32_t fail;

    __asm__ __volatile__(
        "1: ldaxp %[old_lo], %[old_hi], %[mem]\n"
        "   cmp %[old_lo], %[exp_lo]\n"
        "   ccmp %[old_hi], %[exp_hi], #0, eq\n"
        "   b.ne 2f\n"
        "   stlxp %w[fail], %[new_lo], %[new_hi], %[mem]\n"
        "   cbnz %w[fail], 1b\n"
        "   b 3f\n"
        "2: stlxp %w[fail], %[old_lo], %[old_hi], %[mem]\n"
        "   cbnz %w[fail], 1b\n"
        "3:\n"
        : [old_lo] "=&r"(old_lo), [old_hi] "=&r"(old_hi),
          [fail] "=&r"(fail), [mem] "+Q"(*p)
        : [exp_lo] "r"(exp_lo), [exp_hi] "r"(exp_hi),
          [new_lo] "r"(new_lo), [new_hi] "r"(new_hi)
        : "cc", "memory");
    if (old_lo == exp_lo && old_hi == exp_hi) {
        return true;
    }
    *expected = (unsigned __int128)old_hi << 64 | old_lo;
    return false;
}

#endif
