/*
 * cpu_ldst.h: guest memory access from C (helpers, syscall layer).  The _ra
 * forms take the helper's return address (GETPC()) so that a host fault on
 * the access is reported as a precise guest fault at the calling guest insn.
 */
#ifndef EXEC_CPU_LDST_H
#define EXEC_CPU_LDST_H

#include "exec/cpu-all.h"
#include "cpu.h"

/* Non-zero while a helper touches guest memory: the host pc to restore
   guest state from if the access faults (see accel/tcg/user-exec.c). */
extern __thread uintptr_t helper_retaddr;

static inline void set_helper_retaddr(uintptr_t ra)
{
    helper_retaddr = ra;
    __asm__ __volatile__("" ::: "memory");
}

static inline void clear_helper_retaddr(void)
{
    __asm__ __volatile__("" ::: "memory");
    helper_retaddr = 0;
}

#define CPU_LDST_FN(name, type)                                          \
static inline type cpu_ld##name##_data_ra(CPUArchState *env,             \
                                          abi_ulong addr, uintptr_t ra)  \
{                                                                        \
    type v;                                                              \
    (void)env;                                                           \
    set_helper_retaddr(ra);                                              \
    memcpy(&v, g2h(addr), sizeof(v));                                    \
    clear_helper_retaddr();                                              \
    return v;                                                            \
}                                                                        \
static inline void cpu_st##name##_data_ra(CPUArchState *env,             \
                                          abi_ulong addr, type v,        \
                                          uintptr_t ra)                  \
{                                                                        \
    (void)env;                                                           \
    set_helper_retaddr(ra);                                              \
    memcpy(g2h(addr), &v, sizeof(v));                                    \
    clear_helper_retaddr();                                              \
}
CPU_LDST_FN(ub, uint8_t)
CPU_LDST_FN(uw, uint16_t)
CPU_LDST_FN(l, uint32_t)
CPU_LDST_FN(q, uint64_t)
#undef CPU_LDST_FN

#endif
