/*
 * events.c: what the shared-writable machinery did (exec/shdwrt.h): event
 * counts for -d shdwrt, and the per-event log of --enable-shdwrt-dbgmsg.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu/log.h"
#include "exec/exec-all.h"
#include "exec/shdwrt.h"

uint64_t shdwrt_event_counts[SHDWRT_EV_COUNT];

static const char *const event_names[SHDWRT_EV_COUNT] = {
    [SHDWRT_EV_REDIRECT] = "redirect set up",
    [SHDWRT_EV_RELEASE] = "redirect torn down",
    [SHDWRT_EV_BREAK] = "block broken",
    [SHDWRT_EV_INTERP] = "instruction interpreted",
    [SHDWRT_EV_RESTORE] = "pages restored in bound",
    [SHDWRT_EV_REFILL] = "TLB refill of a redirected page",
    [SHDWRT_EV_SIGBUS] = "SIGBUS past end of file",
    [SHDWRT_EV_COPY] = "private file page copied",
};

void shdwrt_log_event(ShdwrtEvent ev, uint64_t guest_addr)
{
    /* The -D file, or stderr when -d shdwrt asks for it. */
    if ((qemu_logfile && qemu_logfile != stderr) || qemu_loglevel_mask(LOG_SHDWRT)) {
        qemu_log("shdwrt: tid %ld: %s at 0x%" PRIx64 "\n",
                 (long)syscall(SYS_gettid), event_names[ev], guest_addr);
    }
}

void shdwrt_print_summary(void)
{
    if (!qemu_loglevel_mask(LOG_SHDWRT)) {
        return;
    }
    qemu_log("shdwrt summary (strategy %s):\n", CONFIG_SHDWRT_NAME);
    for (int ev = 0; ev < SHDWRT_EV_COUNT; ev++) {
        qemu_log("  %-32s %" PRIu64 "\n", event_names[ev],
                 __atomic_load_n(&shdwrt_event_counts[ev], __ATOMIC_RELAXED));
    }
    qemu_log_flush();
}
