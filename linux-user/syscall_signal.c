/*
 * syscall_signal.c: the signal syscalls.  They are thin: the state and
 * the delivery logic live in signal.c, the frames in <arch>/signal.c.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "syscall_impl.h"
#include "signal-common.h"

SYSCALL(rt_sigaction)
{
    if (arg[3] != sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    return do_sigaction(arg[0], arg[1], arg[2]);
}

SYSCALL(rt_sigprocmask)
{
    return do_rt_sigprocmask(env, arg[0], arg[1], arg[2], arg[3]);
}

SYSCALL(sigaltstack)
{
    return do_sigaltstack(env, arg[0], arg[1]);
}

SYSCALL(rt_sigreturn)
{
    return do_rt_sigreturn(env);
}

SYSCALL(sigreturn)
{
    return do_sigreturn(env);
}

SYSCALL(rt_sigpending)
{
    return do_rt_sigpending(env, arg[0], arg[1]);
}

SYSCALL(rt_sigsuspend)
{
    uint64_t mask;
    abi_long err = target_sigset_from_user(&mask, arg[0], arg[1]);

    return err ? err : do_sigsuspend(env, mask);
}

SYSCALL(pause)
{
    return do_sigsuspend(env, ((TaskState *)env->opaque)->signal_mask);
}

static abi_long do_rt_sigtimedwait(CPUArchState *env, const abi_long *arg,
                                   const StructLayout *l)
{
    struct timespec timeout;
    uint64_t set;
    abi_long err = target_sigset_from_user(&set, arg[0], arg[3]);

    if (!err && arg[2]) {
        err = struct_from_user(&timeout, arg[2], l);
    }
    return err ? err : do_sigtimedwait(env, set, arg[1], arg[2] ? &timeout : NULL);
}

SYSCALL(rt_sigtimedwait)
{
    return do_rt_sigtimedwait(env, arg, &timespec_layout);
}

SYSCALL(rt_sigtimedwait_time64)
{
    return do_rt_sigtimedwait(env, arg, &timespec64_layout);
}

/* The sending calls take guest signal numbers (signal.c maps them).  One
   that is no signal goes to the host as -1, none there either: the kernel
   looks the target up first (ESRCH before EINVAL). */
#define signal_arg target_to_host_signal_arg

SYSCALL(kill)
{
    return get_errno(kill(arg[0], signal_arg(arg[1])));
}

SYSCALL(tkill)
{
    return get_errno(syscall(SYS_tkill, (pid_t)arg[0], signal_arg(arg[1])));
}

SYSCALL(tgkill)
{
    return get_errno(syscall(SYS_tgkill, (pid_t)arg[0], (pid_t)arg[1], signal_arg(arg[2])));
}

/* sigqueue and pthread_sigqueue: a signal with a siginfo (its value). */
SYSCALL(rt_sigqueueinfo)
{
    siginfo_t info;
    abi_long err = target_to_host_siginfo_arg(&info, arg[1], arg[2]);

    return err ? err : get_errno(syscall(SYS_rt_sigqueueinfo, (pid_t)arg[0],
                                         info.si_signo, &info));
}

SYSCALL(rt_tgsigqueueinfo)
{
    siginfo_t info;
    abi_long err = target_to_host_siginfo_arg(&info, arg[2], arg[3]);

    return err ? err : get_errno(syscall(SYS_rt_tgsigqueueinfo, (pid_t)arg[0],
                                         (pid_t)arg[1], info.si_signo, &info));
}

/*
 * signalfd reads what the host kernel keeps pending, which is where the
 * guest's blocked signals wait (signal.c), so a host signalfd on the
 * guest's set is the guest's.  Its records (struct signalfd_siginfo) have
 * one layout for every x86 guest, and SFD_CLOEXEC/SFD_NONBLOCK the host's
 * values; the kernel's checks come in its order: size, the set, flags.
 */
static abi_long do_signalfd4(abi_long fd, abi_ulong gset, abi_ulong size,
                             abi_long flags)
{
    uint64_t set, host_set;
    abi_long err = target_sigset_from_user(&set, gset, size);

    if (err) {
        return err;
    }
    host_set = host_sigset_of(set);
    return get_errno(syscall(SYS_signalfd4, (int)fd, &host_set, sizeof(host_set),
                             (int)flags));
}

SYSCALL(signalfd)
{
    return do_signalfd4(arg[0], arg[1], arg[2], 0);
}

SYSCALL(signalfd4)
{
    return do_signalfd4(arg[0], arg[1], arg[2], arg[3]);
}

const SyscallImpl syscalls_signal[] = {
    { "rt_sigaction", sys_rt_sigaction, "Sxx" },
    { "rt_sigprocmask", sys_rt_sigprocmask, "Hxx" },
    { "sigaltstack", sys_sigaltstack, "xx" },
    { "rt_sigreturn", sys_rt_sigreturn, "=!" },
    { "sigreturn", sys_sigreturn, "=!" },
    { "rt_sigpending", sys_rt_sigpending, "xu" },
    { "rt_sigsuspend", sys_rt_sigsuspend, "xu", SC_EINTR_IF_HANDLED },
    { "pause", sys_pause, "", SC_EINTR_IF_HANDLED },
    { "rt_sigtimedwait", sys_rt_sigtimedwait, "xxxu", SC_EINTR_IF_HANDLED },
    { "rt_sigtimedwait_time64", sys_rt_sigtimedwait_time64, "xxxu",
      SC_EINTR_IF_HANDLED },
    { "kill", sys_kill, "dS" },
    { "tkill", sys_tkill, "dS" },
    { "tgkill", sys_tgkill, "ddS" },
    { "rt_sigqueueinfo", sys_rt_sigqueueinfo, "dSx" },
    { "rt_tgsigqueueinfo", sys_rt_tgsigqueueinfo, "ddSx" },
    { "signalfd", sys_signalfd, "dxu" },
    { "signalfd4", sys_signalfd4, "dxuO" },
    { NULL }
};
