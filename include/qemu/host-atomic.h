/*
 * host-atomic.h: the host's 16-byte compare-and-exchange, for the guest's
 * CMPXCHG16B (target/i386/atomic_helper.c).  Sequentially consistent, so
 * the guest's locked instruction stays a full barrier on a weakly ordered
 * host.  An x86-64 host has its own instruction (tcg/i386/host-atomic.h:
 * the compiler would call libatomic for 16 bytes), an AArch64 host an
 * exclusive-pair loop (tcg/aarch64/host-atomic.h: Armv8.0, with no call
 * to libgcc's run-time choice between LSE and exclusives); any other host
 * whose compiler does it inline uses the compiler's builtin.
 *
 * Where the compiler would call libatomic instead (clang 14 for ppc64le:
 * libatomic's lqarx/stqcx., which qemu-system-ppc64 7.2 cannot run,
 * docs/devel/large-page.md), there is no host_cmpxchg16 but
 * HOST_CAS16_EXCLUSIVE: the guest's CMPXCHG16B is a plain compare and
 * store made while every other guest thread is out of generated code (an
 * exclusive section, as QEMU's EXCP_ATOMIC), atomic against the guest's
 * other threads without a host 16-byte atomic.  A build may define
 * HOST_CAS16_EXCLUSIVE itself: make check's qemu-x86_64 built that way
 * (Makefile.target) runs it on this x86-64 host.
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

#if !defined(__x86_64__) && !defined(__aarch64__) && \
    !defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16)
#define HOST_CAS16_EXCLUSIVE 1
#endif

#if defined(HOST_CAS16_EXCLUSIVE)
/* target/i386/atomic_helper.c: cas16_exclusive */
#elif defined(__x86_64__)
#include "tcg/i386/host-atomic.h"
#elif defined(__aarch64__)
#include "tcg/aarch64/host-atomic.h"
#else
/* *p = desired if *p == *expected (true); else *expected = *p (false) */
static inline bool host_cmpxchg16(unsigned __int128 *p,
                                  unsigned __int128 *expected,
                                  unsigned __int128 desired)
{
    return __atomic_compare_exchange_n(p, expected, desired, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
#endif

#endif
