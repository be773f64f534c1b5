/*
 * safe-syscall.c: host system calls that may block, made so that a guest
 * signal arriving just before the call enters the kernel is not lost.
 *
 * A host signal for the guest is caught by host_signal_handler, which only
 * holds it and sets the thread's signal_pending; the guest handler runs
 * later, from the cpu loop.  A call that blocks (read on a pipe, ppoll,
 * futex wait...) and is entered after the cpu loop last looked would wait
 * for ever with the signal held.  safe_syscall_base looks at
 * signal_pending as its last instruction before the host `syscall`; the
 * handler, when it interrupts the thread between that look and the
 * `syscall` (host_signal_handler calls safe_syscall_rewind), moves the
 * thread's pc to a path that returns -EINTR, as if the kernel had been
 * interrupted, so do_syscall restarts the call or returns EINTR after the
 * guest's handler, as the kernel would.  Once `syscall` has run, the
 * kernel itself returns EINTR (the host handler has no SA_RESTART).
 *
 * The host half (safe_syscall_base and safe_syscall_rewind: registers,
 * the system-call instruction, the ucontext's pc) lives in the host's
 * directory, tcg/<host>/host-safe-syscall.c.inc, or, for a host that runs
 * the interpreter, include/qemu/host-safe-syscall-<host>.c.inc.
 */
#include "qemu/osdep.h"
#include <ucontext.h>
#include "syscall_impl.h"

#if defined(__x86_64__)
#include "tcg/i386/host-safe-syscall.c.inc"
#elif defined(__aarch64__)
#include "tcg/aarch64/host-safe-syscall.c.inc"
#elif defined(__powerpc64__)
#include "qemu/host-safe-syscall-ppc64.c.inc"
#else
#error "safe-syscall.c: no host half for this host (see tcg/i386/host-safe-syscall.c.inc)"
#endif

bool safe_syscall_signal_waits(CPUArchState *env)
{
    TaskState *ts = env->opaque;

    ts->signal_pending = 0;
    if (guest_signal_deliverable(env)) {
        ts->signal_pending = 1;
        return true;
    }
    return false;
}

long safe_syscall_errno(long ret)
{
    if (ret < 0 && ret >= -4095) {
        errno = -ret;
        return -1;
    }
    return ret;
}
