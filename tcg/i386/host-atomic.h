/*
 * host-atomic.h (x86-64 host): the 16-byte compare-and-exchange of
 * include/qemu/host-atomic.h as the host's LOCK CMPXCHG16B, a full
 * barrier.  p must be 16-byte aligned.
 */
#ifndef TCG_I386_HOST_ATOMIC_H
#define TCG_I386_HOST_ATOMIC_H

#include <stdbool.h>
#include <stdint.h>

/* *p = desired if *p == *expected (true); else *expected = *p (false) */
static inline bool host_cmpxchg16(unsigned __int128 *p,
                                  unsigned __int128 *expected,
                                  unsigned __int128 desired)
{
    uint64_t lo = (uint64_t)*expected, hi = (uint64_t)(*expected >> 64);
    bool stored;

    __asm__ __volatile__("lock cmpxchg16b %1"
                         : "=@ccz"(stored), "+m"(*p), "+a"(lo), "+d"(hi)
                         : "b"((uint64_t)desired),
                           "c"((uint64_t)(desired >> 64))
                         : "memory");
    *expected = (unsigned __int128)hi << 64 | lo;
    return stored;
}

#endif
