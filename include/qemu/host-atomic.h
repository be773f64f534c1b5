/*
 * host-atomic.h: the host's 16-byte compare-and-exchange, for the guest's
 * CMPXCHG16B (target/i386/atomic_helper.c).  Sequentially consistent, so
 * the guest's locked instruction stays a full barrier on a weakly ordered
 * host.  An x86-64 host has its own instruction (tcg/i386/host-atomic.h:
 * the compiler would call libatomic for 16 bytes); any other host uses
 * the compiler's builtin.  Checked with clang for aarch64: CASPAL with
 * -march=armv8.1-a, else a call to libgcc's __aarch64_cas16_acq_rel
 * (LSE or LDAXP/STLXP, chosen at run time).  Where the compiler calls
 * libatomic instead (clang 14 for ppc64le), configure links it (-latomic);
 * libatomic serialises 16-byte operations with a lock, so CMPXCHG16B stays
 * atomic against itself, which is all the guest can observe of it.
 */
#ifndef QEMU_HOST_ATOMIC_H
#define QEMU_HOST_ATOMIC_H

#include <stdbool.h>

#if defined(__x86_64__)
#include "tcg/i386/host-atomic.h"
#else
/* *p = desired if *p == *expected (true); else *expected = *p (false) */
static inline bool host_cmpxchg16(unsigned __int128 *p,
                                  unsigned __int128 *expected,
                                  unsigned __int128 desired)
{
#if defined(__clang__)
/* clang warns where the operation is a libatomic call: that is intended. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Watomic-alignment"
#endif
    return __atomic_compare_exchange_n(p, expected, desired, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
}
#endif

#endif
