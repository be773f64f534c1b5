/*
 * bcd_helper.c: the decimal-adjust instructions of 32-bit code (daa, das,
 * aaa, aas, aam, aad), as the SDM's pseudo-code describes them.  Each takes
 * the lazy flags from env, and leaves EFLAGS materialised (CC_OP_EFLAGS).
 * Flags the SDM calls undefined are kept (aaa/aas) or cleared (OF of
 * daa/das, CF/OF/AF of aam/aad), as QEMU does.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "cc_helper.h"
#include "exec/helper-proto.h"

static void set_al(CPUX86State *env, uint32_t al)
{
    env->regs[R_EAX] = (env->regs[R_EAX] & ~(target_ulong)0xff) | (al & 0xff);
}

static void set_ax(CPUX86State *env, uint32_t ax)
{
    env->regs[R_EAX] = (env->regs[R_EAX] & ~(target_ulong)0xffff) | (ax & 0xffff);
}

static void set_flags(CPUX86State *env, uint32_t eflags)
{
    env->cc_src = eflags;
    env->cc_op = CC_OP_EFLAGS;
}

void helper_daa(CPUX86State *env)
{
    uint32_t flags = cpu_cc_compute_all(env, env->cc_op);
    uint32_t old_al = env->regs[R_EAX] & 0xff, al = old_al;
    uint32_t cf = 0, af = 0;

    if ((al & 0xf) > 9 || (flags & CC_A)) {
        al += 6;
        af = CC_A;
    }
    if (old_al > 0x99 || (flags & CC_C)) {
        al += 0x60;
        cf = CC_C;
    }
    set_al(env, al);
    set_flags(env, cc_flags_szp(al & 0xff, 0) | af | cf);
}

void helper_das(CPUX86State *env)
{
    uint32_t flags = cpu_cc_compute_all(env, env->cc_op);
    uint32_t old_al = env->regs[R_EAX] & 0xff, al = old_al;
    uint32_t cf = 0, af = 0;

    if ((al & 0xf) > 9 || (flags & CC_A)) {
        cf = (flags & CC_C) || al < 6 ? CC_C : 0;
        al -= 6;
        af = CC_A;
    }
    if (old_al > 0x99 || (flags & CC_C)) {
        al -= 0x60;
        cf = CC_C;
    }
    set_al(env, al);
    set_flags(env, cc_flags_szp(al & 0xff, 0) | af | cf);
}

void helper_aaa(CPUX86State *env)
{
    uint32_t flags = cpu_cc_compute_all(env, env->cc_op);
    uint32_t ax = env->regs[R_EAX] & 0xffff;

    if ((ax & 0xf) > 9 || (flags & CC_A)) {
        ax += 0x106;
        flags |= CC_A | CC_C;
    } else {
        flags &= ~(CC_A | CC_C);
    }
    set_ax(env, ax & 0xff0f);
    set_flags(env, flags);
}

void helper_aas(CPUX86State *env)
{
    uint32_t flags = cpu_cc_compute_all(env, env->cc_op);
    uint32_t ax = env->regs[R_EAX] & 0xffff;

    if ((ax & 0xf) > 9 || (flags & CC_A)) {
        ax -= 6;
        ax -= 0x100;
        flags |= CC_A | CC_C;
    } else {
        flags &= ~(CC_A | CC_C);
    }
    set_ax(env, ax & 0xff0f);
    set_flags(env, flags);
}

void helper_aam(CPUX86State *env, int base)
{
    uint32_t al = env->regs[R_EAX] & 0xff;

    set_ax(env, (al / base) << 8 | (al % base));
    set_flags(env, cc_flags_szp(al % base, 0));
}

void helper_aad(CPUX86State *env, int base)
{
    uint32_t ax = env->regs[R_EAX] & 0xffff;
    uint32_t al = ((ax & 0xff) + (ax >> 8) * base) & 0xff;

    set_ax(env, al);
    set_flags(env, cc_flags_szp(al, 0));
}
