/*
 * ldst_sized.h: a guest data access whose size is an operand size (MO_8 to
 * MO_64) known only at run time, for helpers (string ops, far transfers).
 * Faults restore the guest state from ra, as the cpu_*_data_ra accesses do.
 */
#ifndef I386_LDST_SIZED_H
#define I386_LDST_SIZED_H

#include "exec/cpu_ldst.h"

static inline uint64_t x86_load_sized(CPUX86State *env, target_ulong a,
                                      int ot, uintptr_t ra)
{
    switch (ot) {
    case MO_8:
        return cpu_ldub_data_ra(env, a, ra);
    case MO_16:
        return cpu_lduw_data_ra(env, a, ra);
    case MO_32:
        return cpu_ldl_data_ra(env, a, ra);
    default:
        return cpu_ldq_data_ra(env, a, ra);
    }
}

static inline void x86_store_sized(CPUX86State *env, target_ulong a,
                                   uint64_t v, int ot, uintptr_t ra)
{
    switch (ot) {
    case MO_8:
        cpu_stub_data_ra(env, a, v, ra);
        break;
    case MO_16:
        cpu_stuw_data_ra(env, a, v, ra);
        break;
    case MO_32:
        cpu_stl_data_ra(env, a, v, ra);
        break;
    default:
        cpu_stq_data_ra(env, a, v, ra);
        break;
    }
}

#endif
