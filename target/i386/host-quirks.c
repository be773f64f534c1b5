/*
 * host-quirks.c: what a program running natively on this host sees for
 * the instructions that its kernel, or the hypervisor below it, answers
 * instead of the CPU, so that the guest sees the same (native execution
 * is the reference).  Probed once, by running each instruction, when the
 * first CPU is made (before the emulator's signal handlers exist):
 *  - sldt, str, smsw at CPL 3: with UMIP the CPU traps them and Linux
 *    emulates them, writing 4 bytes of a 64-bit register for sldt and str
 *    and the operand's size for smsw, without the CPU's zero extension;
 *    the CPU itself writes the operand size, 32 bits zero-extended;
 *  - sysexit at CPL 3 in 64-bit mode: #UD on AMD, #GP on Intel, and #GP
 *    under KVM on AMD (which emulates the instruction on the #UD).
 * Hosts other than x86-64 cannot run them: the CPU's behaviour (no UMIP)
 * and the emulated model's vendor (AMD: #UD) hold there.
 */
#include "qemu/osdep.h"
#include <setjmp.h>
#include "cpu.h"

X86HostQuirks x86_host_quirks;

#ifdef __x86_64__
static sigjmp_buf probe_env;
static volatile int probe_signal;

static void probe_handler(int sig)
{
    probe_signal = sig;
    siglongjmp(probe_env, 1);
}

void x86_probe_host_quirks(void)
{
    struct sigaction sa = { .sa_handler = probe_handler }, old_segv, old_ill;
    static bool probed;
    volatile uint64_t value = ~0ull;

    if (probed) {
        return;
    }
    probed = true;
    sigaction(SIGSEGV, &sa, &old_segv);
    sigaction(SIGILL, &sa, &old_ill);
    probe_signal = 0;
    if (sigsetjmp(probe_env, 1) == 0) {
        uint64_t reg = value;

        __asm__ volatile("sldt %k0" : "+r"(reg));
        value = reg;
    }
    x86_host_quirks.sysreg_store = probe_signal ? HOST_SYSREG_FAULTS
                                   : value >> 32 ? HOST_SYSREG_KERNEL
                                   : HOST_SYSREG_CPU;
    probe_signal = 0;
    if (sigsetjmp(probe_env, 1) == 0) {
        __asm__ volatile(".byte 0x0f, 0x35");       /* sysexit */
    }
    x86_host_quirks.sysexit_gp = probe_signal == SIGSEGV;
    sigaction(SIGSEGV, &old_segv, NULL);
    sigaction(SIGILL, &old_ill, NULL);
}
#else
void x86_probe_host_quirks(void)
{
}
#endif
