/*
 * atomic_helper.c: the instructions other guest threads must see as one
 * indivisible access: the store of every LOCK-prefixed read-modify-write
 * (and of xchg with memory, locked without the prefix), cmpxchg8b and
 * cmpxchg16b.  Each is a host compare-and-swap on the guest address, so it
 * is atomic against the other threads' locked and plain accesses alike.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "excp.h"
#include "cc_helper.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "tcg/tcg.h"
#include "exec/helper-proto.h"

#define CAS(type, p, expected, desired) ({                                  \
    type e_ = (expected);                                                   \
    __atomic_compare_exchange_n((type *)(p), &e_, (type)(desired), false,   \
                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);        \
})

/*
 * The translator loaded the operand (recording it in env->lock_expected)
 * and computed val from it without changing any guest state.  If memory
 * still holds what was loaded, storing val now makes the whole instruction
 * one atomic step; otherwise another thread wrote in between, and the
 * instruction starts over, loading again.
 */
void helper_lock_store(CPUX86State *env, target_ulong addr, target_ulong val,
                       uint32_t size)
{
    uintptr_t ra = GETPC();
    void *p = g2h(addr);
    target_ulong expected = env->lock_expected;
    bool stored;

    set_helper_retaddr(ra);
    switch (size) {
    case MO_8:
        stored = CAS(uint8_t, p, expected, val);
        break;
    case MO_16:
        stored = CAS(uint16_t, p, expected, val);
        break;
    case MO_32:
        stored = CAS(uint32_t, p, expected, val);
        break;
    default:
        stored = CAS(uint64_t, p, expected, val);
        break;
    }
    clear_helper_retaddr();
    if (!stored) {
        cpu_loop_exit_restore(env, ra);
    }
}

/*
 * Only ZF changes.  On a mismatch the hardware writes the old value back,
 * which a host compare-and-swap does too (so a read-only page faults
 * either way); registers and flags change after the access, so a fault
 * is precise.
 */
void helper_cmpxchg8b(CPUX86State *env, target_ulong a0)
{
    uint32_t eflags = cpu_cc_compute_all(env, env->cc_op);
    uint64_t old = ((uint64_t)(uint32_t)env->regs[R_EDX] << 32) |
                   (uint32_t)env->regs[R_EAX];
    uint64_t new = ((uint64_t)(uint32_t)env->regs[R_ECX] << 32) |
                   (uint32_t)env->regs[R_EBX];
    bool stored;

    set_helper_retaddr(GETPC());
    stored = __atomic_compare_exchange_n((uint64_t *)g2h(a0), &old, new, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    clear_helper_retaddr();
    if (stored) {
        eflags |= CC_Z;
    } else {
        env->regs[R_EDX] = (uint32_t)(old >> 32);
        env->regs[R_EAX] = (uint32_t)old;
        eflags &= ~CC_Z;
    }
    env->cc_src = eflags;
    env->cc_op = CC_OP_EFLAGS;
}

#ifdef TARGET_X86_64
/* The operand must be 16-byte aligned (#GP otherwise).  The host's own
   cmpxchg16b: the compiler would call libatomic for 16 bytes. */
void helper_cmpxchg16b(CPUX86State *env, target_ulong a0)
{
    uintptr_t ra = GETPC();
    uint64_t lo = env->regs[R_EAX], hi = env->regs[R_EDX];
    uint32_t eflags;
    bool stored;

    if (a0 & 0xf) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    eflags = cpu_cc_compute_all(env, env->cc_op);
    set_helper_retaddr(ra);
    __asm__ __volatile__("lock cmpxchg16b %1"
                         : "=@ccz"(stored), "+m"(*(unsigned __int128 *)g2h(a0)),
                           "+a"(lo), "+d"(hi)
                         : "b"(env->regs[R_EBX]), "c"(env->regs[R_ECX])
                         : "memory");
    clear_helper_retaddr();
    if (stored) {
        eflags |= CC_Z;
    } else {
        env->regs[R_EAX] = lo;
        env->regs[R_EDX] = hi;
        eflags &= ~CC_Z;
    }
    env->cc_src = eflags;
    env->cc_op = CC_OP_EFLAGS;
}
#endif
