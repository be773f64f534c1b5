/*
 * fatal.c: the emulator's own fatal errors (states it must never reach).
 * The message goes to stderr and to the log, then abort() leaves a core.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"

void cpu_abort_msg(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "qemu: fatal: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    if (qemu_logfile && qemu_logfile != stderr) {
        va_start(ap, fmt);
        qemu_log("qemu: fatal: ");
        qemu_log_vprintf(fmt, ap);
        qemu_log("\n");
        va_end(ap);
        qemu_log_flush();
    }
    abort();
}
