/*
 * cc_helper.h: the EFLAGS bit arithmetic shared by the helpers that
 * materialise flags (cc_helper.c for the lazy cc_ops, int_helper.c for
 * rotates through carry and double shifts).
 */
#ifndef I386_CC_HELPER_H
#define I386_CC_HELPER_H

#include "cpu.h"

/* All-ones in the low 8 << size bits (size: MO_8..MO_64 as 0..3). */
static inline uint64_t cc_size_mask(int size)
{
    return size == 3 ? ~0ULL : (1ULL << (8 << size)) - 1;
}

static inline uint64_t cc_sign_bit(int size)
{
    return 1ULL << ((8 << size) - 1);
}

/* SF, ZF and PF of a result of the given size. */
static inline uint32_t cc_flags_szp(uint64_t res, int size)
{
    res &= cc_size_mask(size);
    return (__builtin_parity(res & 0xff) ? 0 : CC_P) |
           (res == 0 ? CC_Z : 0) |
           (res & cc_sign_bit(size) ? CC_S : 0);
}

#endif
