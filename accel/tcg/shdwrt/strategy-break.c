/*
 * strategy-break.c: CONFIG_SHDWRT_BREAK (and none): a direct access that
 * faults on a shadowed host page breaks its block, which is translated
 * again with checked accesses (its variant is part of the lookup key:
 * CF_CHECKED), and execution resumes at the faulting instruction; hot code
 * faults once.  When the last redirected page of a host page goes away, its
 * private pages return in bound and the broken blocks are dropped, so that
 * code runs direct again.
 *
 * break_block is the mechanism of every build: precise protection's
 * shadowed pages use it whatever the strategy.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/shdwrt.h"
#include "../shadow.h"
#include "strategy.h"

void break_block(TranslationBlock *tb, target_ulong pc)
{
    if (tb && !(tb->cflags & CF_CHECKED)) {
        tb_break(tb, pc);
        shdwrt_event(SHDWRT_EV_BREAK, pc);
    }
}

#if !defined(CONFIG_SHDWRT_INTERP) && !defined(CONFIG_SHDWRT_VTLB)

void shdwrt_direct_fault(CPUArchState *env, TranslationBlock *tb, target_ulong pc)
{
    (void)env;
    break_block(tb, pc);
}

void shdwrt_host_page_released(uint64_t h)
{
    if (shadow_restore(h) == 0) {
        tb_drop_broken();
        shdwrt_event(SHDWRT_EV_RESTORE, h);
    }
}

bool shdwrt_all_checked(void)
{
    return false;
}

#endif
