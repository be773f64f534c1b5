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
#include "qemu/host-atomic.h"

/* Compare-and-swap of a type at host address p; *e (a uint64_t) becomes
   what memory held. */
#define CAS(type, p, e, desired) ({                                         \
    type e_ = *(e);                                                         \
    bool ok_ = __atomic_compare_exchange_n((type *)(p), &e_, (type)(desired), \
                                           false, __ATOMIC_SEQ_CST,         \
                                           __ATOMIC_SEQ_CST);               \
    host_locked_insn_fence();                                               \
    *(e) = e_;                                                              \
    ok_;                                                                    \
})

/*
 * Host address of the size bytes at addr, checked for write through the
 * TLB.  An operand crossing into a page that the page map keeps somewhere
 * else on the host has no single host address: such a split lock is done as
 * a plain load, compare and store (not atomic against other threads).
 */
static void *atomic_host(CPUX86State *env, target_ulong addr, int size,
                         uintptr_t ra)
{
    return tlb_probe(env, addr, size, PAGE_WRITE, ra);
}

static uint64_t split_load(CPUX86State *env, target_ulong addr, int size,
                           uintptr_t ra)
{
    uint64_t v = 0;

    tlb_read_bytes(env, addr, &v, size, PAGE_READ, ra);
    return v;
}

static void split_store(CPUX86State *env, target_ulong addr, uint64_t v,
                        int size, uintptr_t ra)
{
    for (int i = 0; i < size; i++) {
        cpu_stub_data_ra(env, addr + i, v >> (8 * i), ra);
    }
}

/* Compare-and-swap of the size bytes at addr: true if they held *expected
   (and now hold desired); *expected becomes what they held. */
static bool guest_cas(CPUX86State *env, target_ulong addr, int size,
                      uint64_t *expected, uint64_t desired, uintptr_t ra)
{
    void *p = atomic_host(env, addr, size, ra);
    uint64_t mask = size == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * size)) - 1;
    bool stored;

    if (!p) {
        uint64_t old = split_load(env, addr, size, ra);

        stored = old == (*expected & mask);
        split_store(env, addr, stored ? desired : old, size, ra);
        *expected = old;
        return stored;
    }
    set_helper_retaddr(ra);
    switch (size) {
    case 1:
        stored = CAS(uint8_t, p, expected, desired);
        break;
    case 2:
        stored = CAS(uint16_t, p, expected, desired);
        break;
    case 4:
        stored = CAS(uint32_t, p, expected, desired);
        break;
    default:
        stored = CAS(uint64_t, p, expected, desired);
        break;
    }
    clear_helper_retaddr();
    return stored;
}

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
    uint64_t expected = env->lock_expected;

    if (!guest_cas(env, addr, 1 << size, &expected, val, ra)) {
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

    if (guest_cas(env, a0, 8, &old, new, GETPC())) {
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
#ifdef HOST_CAS16_EXCLUSIVE
/*
 * No host 16-byte compare-and-swap (include/qemu/host-atomic.h): a plain
 * compare and store at host address p, made while no other guest thread
 * runs.  The state is restored first: if another exclusive section comes
 * first (the TB this helper was called from may be gone when it ends) or
 * the page map changes while this one waits (p may be stale), the
 * instruction starts over from cpu_exec.  A host fault on p (a page
 * another thread's system call protected or unmapped since the probe)
 * leaves through env->jmp_env for cpu_exec: the section ends on the way.
 */
static bool host_cmpxchg16_exclusive(CPUX86State *env, unsigned __int128 *p,
                                     unsigned __int128 *expected,
                                     unsigned __int128 desired, uintptr_t ra)
{
    sigjmp_buf to_cpu_exec;
    unsigned __int128 old;

    cpu_restore_state(env, ra - 1);
    if (!start_exclusive_running(env)) {
        cpu_loop_exit(env);
    }
    memcpy(to_cpu_exec, env->jmp_env, sizeof(to_cpu_exec));
    if (sigsetjmp(env->jmp_env, 0) != 0) {
        memcpy(env->jmp_env, to_cpu_exec, sizeof(to_cpu_exec));
        end_exclusive();
        siglongjmp(env->jmp_env, 1);
    }
    set_helper_retaddr(ra);
    old = *p;
    if (old == *expected) {
        *p = desired;
    }
    clear_helper_retaddr();
    memcpy(env->jmp_env, to_cpu_exec, sizeof(to_cpu_exec));
    end_exclusive();
    host_locked_insn_fence();
    if (old == *expected) {
        return true;
    }
    *expected = old;
    return false;
}
#endif

/* The operand must be 16-byte aligned (#GP otherwise). */
void helper_cmpxchg16b(CPUX86State *env, target_ulong a0)
{
    uintptr_t ra = GETPC();
    unsigned __int128 expected =
        (unsigned __int128)env->regs[R_EDX] << 64 | env->regs[R_EAX];
    unsigned __int128 desired =
        (unsigned __int128)env->regs[R_ECX] << 64 | env->regs[R_EBX];
    uint32_t eflags;
    unsigned __int128 *p;
    bool stored;

    if (a0 & 0xf) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    eflags = cpu_cc_compute_all(env, env->cc_op);
    /* Aligned: one page, so one host address. */
    p = atomic_host(env, a0, 16, ra);
#ifdef HOST_CAS16_EXCLUSIVE
    stored = host_cmpxchg16_exclusive(env, p, &expected, desired, ra);
#else
    set_helper_retaddr(ra);
    stored = host_cmpxchg16(p, &expected, desired);
    clear_helper_retaddr();
#endif
    if (stored) {
        eflags |= CC_Z;
    } else {
        env->regs[R_EAX] = (uint64_t)expected;
        env->regs[R_EDX] = (uint64_t)(expected >> 64);
        eflags &= ~CC_Z;
    }
    env->cc_src = eflags;
    env->cc_op = CC_OP_EFLAGS;
}
#endif
