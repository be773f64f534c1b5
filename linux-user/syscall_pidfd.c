/*
 * syscall_pidfd.c: process file descriptors (pidfd_open, pidfd_getfd,
 * pidfd_send_signal).  A guest pid is a host pid and a pidfd an ordinary
 * host descriptor, so only the signal and its siginfo are translated, as
 * for rt_sigqueueinfo (signal.c's table of numbers).  clone3's CLONE_PIDFD
 * is in syscall_proc.c.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "syscall_impl.h"

SYSCALL(pidfd_open)
{
    return get_errno(syscall(SYS_pidfd_open, (pid_t)arg[0], (unsigned)arg[1]));
}

SYSCALL(pidfd_getfd)
{
    return get_errno(syscall(SYS_pidfd_getfd, (int)arg[0], (int)arg[1],
                             (unsigned)arg[2]));
}

/* With a siginfo, the kernel wants its si_signo to be sig (EINVAL). */
SYSCALL(pidfd_send_signal)
{
    siginfo_t info;
    int32_t info_signo;
    int host_sig;
    abi_long ret;

    if (arg[2]) {
        ret = target_to_host_siginfo_arg(&info, arg[1], arg[2]);
        if (ret) {
            return ret;
        }
        if (get_user(info_signo, arg[2], int32_t) || info_signo != (int32_t)arg[1]) {
            return -TARGET_EINVAL;
        }
        host_sig = info.si_signo;
    } else {
        host_sig = target_to_host_signal_arg(arg[1]);
        if (host_sig < 0) {
            return -TARGET_EINVAL;
        }
    }
    return get_errno(syscall(SYS_pidfd_send_signal, (int)arg[0], host_sig,
                             arg[2] ? &info : NULL, (unsigned)arg[3]));
}

const SyscallImpl syscalls_pidfd[] = {
    { "pidfd_open", sys_pidfd_open, "dx" },
    { "pidfd_getfd", sys_pidfd_getfd, "ddx" },
    { "pidfd_send_signal", sys_pidfd_send_signal, "dSxx" },
    { NULL }
};
