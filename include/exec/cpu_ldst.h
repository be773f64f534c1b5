/*
 * cpu_ldst.h: guest memory access from C (helpers, syscall layer), through
 * the software TLB (exec/cputlb.h).  The _ra forms take the helper's return
 * address (GETPC()) so that a refused access, or a host fault on it, is
 * reported as a precise guest fault at the calling guest insn.
 */
#ifndef EXEC_CPU_LDST_H
#define EXEC_CPU_LDST_H

#include "exec/cpu-all.h"
#include "cpu.h"
#include "exec/cputlb.h"
#include "tcg/tcg.h"

/* Non-zero while a helper touches guest memory: the host pc to restore
   guest state from if the access faults (see accel/tcg/user-exec.c), or
   HELPER_RETADDR_CODE_FETCH while the translator reads guest code (env is
   then precise: the fetch is for a TB's first instruction). */
extern __thread uintptr_t helper_retaddr;
#define HELPER_RETADDR_CODE_FETCH 1

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

/*
 * Through the software TLB in every mode: the hit is inline, a miss (or a
 * value crossing into the next page) goes to the out-of-line half of the
 * generated code's checked accesses, which asks the page map and raises the
 * guest fault it names.
 */
#define CPU_LDST_FN(name, type, memop)                                   \
static inline type cpu_ld##name##_data_ra(CPUArchState *env,             \
                                          abi_ulong addr, uintptr_t ra)  \
{                                                                        \
    void *p = tlb_hit(env, addr, sizeof(type), PAGE_READ);               \
    type v;                                                              \
                                                                         \
    if (unlikely(!p)) {                                                  \
        return helper_tlb_load(env, addr, memop, ra);                    \
    }                                                                    \
    set_helper_retaddr(ra);                                              \
    memcpy(&v, p, sizeof(v));                                            \
    clear_helper_retaddr();                                              \
    return v;                                                            \
}                                                                        \
static inline void cpu_st##name##_data_ra(CPUArchState *env,             \
                                          abi_ulong addr, type v,        \
                                          uintptr_t ra)                  \
{                                                                        \
    void *p = tlb_hit(env, addr, sizeof(type), PAGE_WRITE);              \
                                                                         \
    if (unlikely(!p)) {                                                  \
        helper_tlb_store(env, addr, v, memop, ra);                       \
        return;                                                          \
    }                                                                    \
    set_helper_retaddr(ra);                                              \
    memcpy(p, &v, sizeof(v));                                            \
    clear_helper_retaddr();                                              \
}
CPU_LDST_FN(ub, uint8_t, MO_UB)
CPU_LDST_FN(uw, uint16_t, MO_UW)
CPU_LDST_FN(l, uint32_t, MO_UL)
CPU_LDST_FN(q, uint64_t, MO_Q)
#undef CPU_LDST_FN

#endif
