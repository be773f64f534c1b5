/*
 * strategy-interp.c: CONFIG_SHDWRT_INTERP: a direct access that faults on a
 * host page holding pages of a shared object is completed by running that
 * one instruction with checked accesses (a one-instruction CF_CHECKED
 * block, from the precise state the fault path restored); execution goes
 * on after it in direct code.  Every such access costs a host fault, but no
 * block is ever retranslated, and nothing is restored when the shared pages
 * go away.
 * Faults on other shadowed pages break their block: precise protection's,
 * and those of private file mappings redirected to a view and copies
 * (precise protection and -checked-mem make every such mapping one).  The
 * program's own text and data are among those: interpreting each access to
 * a global would cost a host fault every time (4 to 38 times slower in the
 * large-page VMs).
 */
#include "qemu/osdep.h"
#include "qemu/hostpage.h"
#include "exec/exec-all.h"
#include "exec/shdwrt.h"
#include "strategy.h"

#ifdef CONFIG_SHDWRT_INTERP

void shdwrt_direct_fault(CPUArchState *env, TranslationBlock *tb, target_ulong pc)
{
    if (host_page_holds_shared(env->cr2 & qemu_host_page_mask)) {
        env->cflags_next_tb = CF_CHECKED | CF_SINGLE_INSN;
        shdwrt_event(SHDWRT_EV_INTERP, pc);
    } else {
        break_block(tb, pc);
    }
}

void shdwrt_host_page_released(uint64_t h)
{
    (void)h;
}

bool shdwrt_all_checked(void)
{
    return false;
}

#endif
