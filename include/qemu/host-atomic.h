/*
 * host-atomic.h: the host's 16-byte compare-and-exchange, for the guest's
 * CMPXCHG16B (target/i386/atomic_helper.c).  Sequentially consistent, so
 * the guest's locked instruction stays a full barrier on a weakly ordered
 * host.  An x86-64 host has its own instruction (tcg/i386/host-atomic.h:
 * the compiler would call libatomic for 16 bytes), an AArch64 host an
 * exclusive-pair loop (tcg/aarch64/host-atomic.h: Armv8.0, with no call
 * to libgcc's run-time choice between LSE and exclusives); any other host
 * uses the compiler's builtin.  Where the compiler calls libatomic for it,
 * configure links it (-latomic: clang 14 for ppc64le); libatomic uses the
 * host's quadword instructions for an aligned operand where there are some
 * (ppc64le: lqarx/stqcx., which qemu-system-ppc64 7.2 cannot run:
 * docs/devel/large-page.md), else a lock, so CMPXCHG16B stays atomic
 * against itself, which is all the guest can observe of it.
 */
#ifndef QEMU_HOST_ATOMIC_H
#define QEMU_HOST_ATOMIC_H

#include <stdbool.h>

/*
 * After a guest locked instruction, whether its compare-and-swap succeeded
 * or not: x86 makes every locked instruction a full barrier, while a
 * sequentially consistent compare-and-swap of a weakly ordered host orders
 * only its own access (plain loads after it may pass its store).  An x86
 * host's lock cmpxchg is a full barrier already.
 */
static inline void host_locked_insn_fence(void)
{
#ifndef __x86_64__
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

#if defined(__x86_64__)
#include "tcg/i386/host-atomic.h"
#elif defined(__aarch64__)
#include "tcg/aarch64/host-atomic.h"
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
