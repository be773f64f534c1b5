/*
 * strategy-vtlb.c: CONFIG_SHDWRT_VTLB: every block is translated with
 * checked accesses from the start (as -checked-mem does at run time): each
 * guest access looks its page up in the per-CPU software TLB, whose entries
 * point in or out of bound and carry 4 KiB permissions, with an
 * out-of-line slow path.  No access faults on a redirected page, so nothing
 * is broken and nothing needs restoring.  A direct block can only exist if
 * the user turned checking off (-checked-mem 0); it is broken.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/shdwrt.h"
#include "strategy.h"

#ifdef CONFIG_SHDWRT_VTLB

void shdwrt_direct_fault(CPUArchState *env, TranslationBlock *tb, target_ulong pc)
{
    (void)env;
    break_block(tb, pc);
}

void shdwrt_host_page_released(uint64_t h)
{
    (void)h;
}

bool shdwrt_all_checked(void)
{
    return true;
}

#endif
