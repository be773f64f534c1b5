/*
 * syscall_timer.c: POSIX per-process timers (timer_create, timer_settime,
 * timer_gettime, timer_getoverrun, timer_delete and i386's *_time64 twins).
 *
 * The timers are the host kernel's.  The guest's timer id is the id the
 * host kernel hands out: an int numbered per process, the same the guest
 * would get natively, and the one the kernel puts in si_timerid, so the
 * signal needs no translation of it.  What differs from the host: struct
 * sigevent (i386 has a 32-bit sigval), the signal number in it (signal.c's
 * table: guest 32 and 33 travel on host 64 and 63), and i386's itimerspec.
 * The sigevent conversion (sigevent.h) serves mq_notify too.
 *
 * Overruns are the host kernel's: the host thread blocks what the guest
 * blocks and takes one signal at a time (signal.c), so an expiry whose
 * signal is still pending is folded into that signal's si_overrun by the
 * kernel, and timer_getoverrun reports it, as natively.
 */
#include "qemu/osdep.h"
#include <signal.h>
#include <time.h>
#include <sys/syscall.h>
#include "syscall_impl.h"
#include "sigevent.h"

/* The notifications that carry a signal (SIGEV_THREAD reaches the kernel
   only from programs that bypass libc: timer_create takes it as
   SIGEV_SIGNAL; mq_notify's carries a netlink socket instead). */
static bool sigev_has_signal(int notify, bool thread_is_signal)
{
    return notify == SIGEV_SIGNAL || notify == (SIGEV_SIGNAL | SIGEV_THREAD_ID) ||
           (notify == SIGEV_THREAD && thread_is_signal);
}

abi_long sigevent_from_user(struct host_sigevent *h, abi_ulong gaddr,
                            bool thread_is_signal)
{
    struct target_sigevent t;

    if (copy_from_user(&t, gaddr, sizeof(t))) {
        return -TARGET_EFAULT;
    }
    memset(h, 0, sizeof(*h));
    h->sigev_value = t.sigev_value;      /* i386: zero-extended, as compat */
    h->sigev_signo = t.sigev_signo;
    h->sigev_notify = t.sigev_notify;
    h->un.tid = t.un.tid;                /* guest tids are host tids */
    /* A number the guest cannot use becomes 0, for the host to refuse:
       the kernel refuses only after taking a timer id, and the ids the
       guest sees must follow the native ones. */
    if (sigev_has_signal(t.sigev_notify, thread_is_signal)) {
        h->sigev_signo = MAX(target_to_host_signal_arg(t.sigev_signo), 0);
    }
    return 0;
}

SYSCALL(timer_create)
{
    struct host_sigevent sev;
    int id;
    abi_long ret;

    if (arg[1]) {
        ret = sigevent_from_user(&sev, arg[1], true);
        if (ret) {
            return ret;
        }
    }
    ret = get_errno(syscall(SYS_timer_create, (clockid_t)arg[0],
                            arg[1] ? &sev : NULL, &id));
    if (ret) {
        return ret;
    }
    if (put_user(id, arg[2], int32_t)) {
        syscall(SYS_timer_delete, id);      /* as the kernel does */
        return -TARGET_EFAULT;
    }
    return 0;
}

static abi_long do_timer_settime(const abi_long *arg, const StructLayout *l)
{
    struct itimerspec new, old;
    abi_long ret;

    if (arg[2] && struct_from_user(&new, arg[2], l)) {
        return -TARGET_EFAULT;
    }
    /* NULL goes to the host, which refuses it with EINVAL */
    ret = get_errno(syscall(SYS_timer_settime, (int)arg[0], (int)arg[1],
                            arg[2] ? &new : NULL, &old));
    if (ret == 0 && arg[3] && struct_to_user(arg[3], &old, l)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(timer_settime)
{
    return do_timer_settime(arg, &itimerspec_layout);
}

SYSCALL(timer_settime64)
{
    return do_timer_settime(arg, &itimerspec64_layout);
}

static abi_long do_timer_gettime(const abi_long *arg, const StructLayout *l)
{
    struct itimerspec cur;
    abi_long ret = get_errno(syscall(SYS_timer_gettime, (int)arg[0], &cur));

    return ret == 0 ? struct_to_user(arg[1], &cur, l) : ret;
}

SYSCALL(timer_gettime)
{
    return do_timer_gettime(arg, &itimerspec_layout);
}

SYSCALL(timer_gettime64)
{
    return do_timer_gettime(arg, &itimerspec64_layout);
}

SYSCALL(timer_getoverrun)
{
    return get_errno(syscall(SYS_timer_getoverrun, (int)arg[0]));
}

SYSCALL(timer_delete)
{
    return get_errno(syscall(SYS_timer_delete, (int)arg[0]));
}

const SyscallImpl syscalls_timer[] = {
    { "timer_create", sys_timer_create, "dxx" },
    { "timer_settime", sys_timer_settime, "ddxx" },
    { "timer_settime64", sys_timer_settime64, "ddxx" },
    { "timer_gettime", sys_timer_gettime, "dx" },
    { "timer_gettime64", sys_timer_gettime64, "dx" },
    { "timer_getoverrun", sys_timer_getoverrun, "d" },
    { "timer_delete", sys_timer_delete, "d" },
    { NULL }
};
