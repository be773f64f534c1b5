/*
 * syscall_signal.c: the signal syscalls.  They are thin: the state and
 * the delivery logic live in signal.c, the frames in <arch>/signal.c.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "syscall_impl.h"

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
    sigset_t mask;
    abi_long err = target_sigset_from_user(&mask, arg[0], arg[1]);

    return err ? err : do_sigsuspend(env, &mask);
}

SYSCALL(pause)
{
    return do_sigsuspend(env, &((TaskState *)env->opaque)->signal_mask);
}

SYSCALL(kill)
{
    return get_errno(kill(arg[0], arg[1]));
}

SYSCALL(tkill)
{
    return get_errno(syscall(SYS_tkill, (pid_t)arg[0], (int)arg[1]));
}

SYSCALL(tgkill)
{
    return get_errno(syscall(SYS_tgkill, (pid_t)arg[0], (pid_t)arg[1],
                             (int)arg[2]));
}

const SyscallImpl syscalls_signal[] = {
    { "rt_sigaction", sys_rt_sigaction, "Sxxu" },
    { "rt_sigprocmask", sys_rt_sigprocmask, "dxxu" },
    { "sigaltstack", sys_sigaltstack, "xx" },
    { "rt_sigreturn", sys_rt_sigreturn, "=!" },
    { "sigreturn", sys_sigreturn, "=!" },
    { "rt_sigpending", sys_rt_sigpending, "xu" },
    { "rt_sigsuspend", sys_rt_sigsuspend, "xu", SC_EINTR_IF_HANDLED },
    { "pause", sys_pause, "", SC_EINTR_IF_HANDLED },
    { "kill", sys_kill, "dS" },
    { "tkill", sys_tkill, "dS" },
    { "tgkill", sys_tgkill, "ddS" },
    { NULL }
};
