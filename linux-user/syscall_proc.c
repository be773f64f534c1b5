/*
 * syscall_proc.c: syscalls about the process itself: identity, exit and
 * wait, fork/clone/execve, resource limits and usage, uname and sysinfo,
 * scheduling, futexes and the thread bookkeeping glibc sets up at start.
 */
#include "qemu/osdep.h"
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/sysinfo.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <linux/futex.h>
#include "qemu/log.h"
#include "syscall_impl.h"

SYSCALL(getpid)
{
    return getpid();
}

SYSCALL(getppid)
{
    return getppid();
}

SYSCALL(gettid)
{
    return syscall(SYS_gettid);
}

/* 32-bit ids; i386's 16-bit getuid & co. are in i386/syscall_arch.c. */
SYSCALL(getuid)
{
    return getuid();
}

SYSCALL(geteuid)
{
    return geteuid();
}

SYSCALL(getgid)
{
    return getgid();
}

SYSCALL(getegid)
{
    return getegid();
}

/* The raw calls: glibc's setuid would try to change every host thread. */
SYSCALL(setuid)
{
    return get_errno(syscall(SYS_setuid, (uid_t)arg[0]));
}

SYSCALL(setgid)
{
    return get_errno(syscall(SYS_setgid, (gid_t)arg[0]));
}

SYSCALL(getpgrp)
{
    return getpgrp();
}

SYSCALL(getpgid)
{
    return get_errno(getpgid(arg[0]));
}

SYSCALL(setpgid)
{
    return get_errno(setpgid(arg[0], arg[1]));
}

SYSCALL(getsid)
{
    return get_errno(getsid(arg[0]));
}

SYSCALL(setsid)
{
    return get_errno(setsid());
}

SYSCALL(exit)
{
    thread_exit(env, arg[0]);
}

SYSCALL(exit_group)
{
    process_exit(arg[0]);
}

static abi_long do_wait4(abi_long pid, abi_ulong gstatus, int options,
                         abi_ulong grusage)
{
    struct rusage ru;
    int status;
    abi_long ret = get_errno(wait4(pid, &status, options, grusage ? &ru : NULL));

    if (ret > 0) {
        /* the signal in a status is the guest's: see dump_core_and_abort */
        if (gstatus && put_user(status, gstatus, int32_t)) {
            return -TARGET_EFAULT;
        }
        if (grusage && struct_to_user(grusage, &ru, &rusage_layout)) {
            return -TARGET_EFAULT;
        }
    }
    return ret;
}

SYSCALL(wait4)
{
    return do_wait4(arg[0], arg[1], arg[2], arg[3]);
}

SYSCALL(waitpid)
{
    return do_wait4(arg[0], arg[1], arg[2], 0);
}

SYSCALL(waitid)
{
    siginfo_t info;
    struct rusage ru;
    abi_long ret;

    memset(&info, 0, sizeof(info));
    ret = get_errno(syscall(SYS_waitid, (int)arg[0], (id_t)arg[1], &info,
                            (int)arg[3], arg[4] ? &ru : NULL));
    if (ret >= 0 && arg[2]) {
        target_siginfo_t tinfo;

        host_to_target_siginfo(&tinfo, &info);
        if (copy_to_user(arg[2], &tinfo, sizeof(tinfo))) {
            return -TARGET_EFAULT;
        }
    }
    if (ret >= 0 && arg[4] && struct_to_user(arg[4], &ru, &rusage_layout)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/*
 * clone with CLONE_VM makes a thread (thread.c).  fork, vfork and clone
 * without CLONE_VM become a host fork, then the clone flags that touch
 * guest memory are applied on each side.  A vfork (CLONE_VFORK, even with
 * CLONE_VM as posix_spawn asks) also becomes a fork: the parent does not
 * wait, which only a program relying on the shared memory of vfork could
 * notice.
 */
static abi_long do_fork(CPUArchState *env, abi_ulong flags, abi_ulong newsp,
                        abi_ulong ptid, abi_ulong ctid, abi_ulong tls)
{
    TaskState *ts = env->opaque;
    pid_t pid;
    int fork_errno;

    if (flags & CLONE_VFORK) {
        flags &= ~(CLONE_VFORK | CLONE_VM);
    }
    if (flags & CLONE_VM) {
        return do_thread_clone(env, flags, newsp, ptid, ctid, tls);
    }
    if (flags & (CLONE_THREAD | CLONE_SIGHAND)) {
        return -TARGET_EINVAL;      /* they need CLONE_VM, says the kernel */
    }
    qemu_log_flush();
    fflush(NULL);
    fork_start();
    pid = fork();
    fork_errno = errno;
    fork_end(env, pid == 0);
    if (pid < 0) {
        return -fork_errno;
    }
    if (pid > 0) {
        if ((flags & CLONE_PARENT_SETTID) && put_user(pid, ptid, int32_t)) {
            return -TARGET_EFAULT;
        }
        return pid;
    }
    signal_fork_child(env);
    if (newsp) {
        env->regs[R_ESP] = newsp;
    }
    if (flags & CLONE_SETTLS) {
#ifdef TARGET_X86_64
        env->segs[R_FS].base = tls;
#else
        do_set_thread_area(env, tls);
#endif
    }
    if (flags & CLONE_CHILD_SETTID) {
        put_user((int32_t)syscall(SYS_gettid), ctid, int32_t);
    }
    if (flags & CLONE_CHILD_CLEARTID) {
        ts->child_tidptr = ctid;
    }
    return 0;
}

SYSCALL(fork)
{
    return do_fork(env, SIGCHLD, 0, 0, 0, 0);
}

SYSCALL(vfork)
{
    return do_fork(env, CLONE_VFORK | CLONE_VM | SIGCHLD, 0, 0, 0, 0);
}

SYSCALL(clone)
{
    return do_fork(env, arg[0], arg[1], arg[2], arg[TARGET_CLONE_ARG_CTID],
                   arg[TARGET_CLONE_ARG_TLS]);
}

/* A NULL-terminated guest array of string pointers, as host strings. */
static char **lock_string_array(abi_ulong gaddr, abi_long *err)
{
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof(*v));

    for (;; n++) {
        abi_ulong p;

        if (n + 1 >= cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof(*v));
        }
        if (!gaddr) {
            break;
        }
        if (get_user_ual(p, gaddr + n * sizeof(abi_ulong))) {
            goto fault;
        }
        if (!p) {
            break;
        }
        if (!(v[n] = lock_user_string(p))) {
            goto fault;
        }
    }
    v[n] = NULL;
    return v;
fault:
    free(v);
    *err = -TARGET_EFAULT;
    return NULL;
}

/*
 * A binary for this guest runs under this emulator again (exec.c), anything
 * else on the host.  The guest's blocked signals are the host mask across
 * the exec, so the new program inherits them as it would natively.
 */
SYSCALL(execve)
{
    abi_long err = 0;
    const char *path = lock_user_string(arg[0]);
    char **argv, **envp;

    if (!path) {
        return -TARGET_EFAULT;
    }
    argv = lock_string_array(arg[1], &err);
    envp = argv ? lock_string_array(arg[2], &err) : NULL;
    if (envp) {
        uint64_t old;

        qemu_log_flush();
        signal_exec_mask_begin(env, &old);
        err = get_errno(exec_program(path_for_host(path), argv, envp));
        signal_exec_mask_end(&old);
    }
    free(argv);
    free(envp);
    return err;
}

/* RLIMIT_AS/DATA/STACK would bind the emulator itself: pretend, as QEMU. */
static bool rlimit_is_emulator_wide(int resource)
{
    return resource == RLIMIT_AS || resource == RLIMIT_DATA ||
           resource == RLIMIT_STACK;
}

SYSCALL(prlimit64)
{
    struct rlimit new, old;
    abi_long ret;
    bool set = arg[2] != 0;

    if (set && copy_from_user(&new, arg[2], sizeof(new))) {
        return -TARGET_EFAULT;
    }
    if (set && arg[0] == 0 && rlimit_is_emulator_wide(arg[1])) {
        set = false;
    }
    ret = get_errno(prlimit(arg[0], arg[1], set ? &new : NULL, &old));
    if (ret == 0 && arg[3] && copy_to_user(arg[3], &old, sizeof(old))) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/* Limits in guest longs: values beyond max (or infinite) read as max. */
static abi_long do_getrlimit(const abi_long *arg, abi_ulong max)
{
    struct rlimit rl;
    struct target_rlimit trl;

    if (getrlimit(arg[0], &rl) != 0) {
        return -errno;
    }
    trl.rlim_cur = rl.rlim_cur >= max ? max : rl.rlim_cur;
    trl.rlim_max = rl.rlim_max >= max ? max : rl.rlim_max;
    return copy_to_user(arg[1], &trl, sizeof(trl));
}

SYSCALL(ugetrlimit)
{
    return do_getrlimit(arg, TARGET_RLIM_INFINITY);
}

/* i386's old getrlimit caps at LONG_MAX (ugetrlimit is the new one). */
SYSCALL(getrlimit)
{
    return do_getrlimit(arg, TARGET_ABI_BITS == 32 ? 0x7fffffff
                                                   : TARGET_RLIM_INFINITY);
}

SYSCALL(setrlimit)
{
    struct target_rlimit trl;
    struct rlimit rl;

    if (copy_from_user(&trl, arg[1], sizeof(trl))) {
        return -TARGET_EFAULT;
    }
    if (rlimit_is_emulator_wide(arg[0])) {
        return 0;
    }
    rl.rlim_cur = trl.rlim_cur == TARGET_RLIM_INFINITY ? RLIM_INFINITY : trl.rlim_cur;
    rl.rlim_max = trl.rlim_max == TARGET_RLIM_INFINITY ? RLIM_INFINITY : trl.rlim_max;
    return get_errno(setrlimit(arg[0], &rl));
}

SYSCALL(getrusage)
{
    struct rusage ru;
    abi_long ret = get_errno(getrusage(arg[0], &ru));

    if (ret == 0 && struct_to_user(arg[1], &ru, &rusage_layout)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(personality)
{
    return get_errno(personality((uint32_t)arg[0]));
}

SYSCALL(uname)
{
    struct utsname buf;

    if (uname(&buf) != 0) {
        return -errno;
    }
    snprintf(buf.machine, sizeof(buf.machine), "%s", UNAME_MACHINE);
    return copy_to_user(arg[0], &buf, sizeof(buf));
}

/* The memory counts are in mem_unit units; an i386 guest gets a larger
   unit when a count would not fit its 32-bit fields, as the kernel does. */
SYSCALL(sysinfo)
{
    struct sysinfo si;
    struct target_sysinfo tsi;
    unsigned shift = 0;

    if (sysinfo(&si) != 0) {
        return -errno;
    }
    while (((si.totalram | si.totalswap | si.totalhigh) >> shift) >
           (abi_ulong)-1) {
        shift++;
    }
    memset(&tsi, 0, sizeof(tsi));
    tsi.uptime = si.uptime;
    for (int i = 0; i < 3; i++) {
        tsi.loads[i] = si.loads[i];
    }
    tsi.totalram = si.totalram >> shift;
    tsi.freeram = si.freeram >> shift;
    tsi.sharedram = si.sharedram >> shift;
    tsi.bufferram = si.bufferram >> shift;
    tsi.totalswap = si.totalswap >> shift;
    tsi.freeswap = si.freeswap >> shift;
    tsi.procs = si.procs;
    tsi.totalhigh = si.totalhigh >> shift;
    tsi.freehigh = si.freehigh >> shift;
    tsi.mem_unit = si.mem_unit << shift;
    return copy_to_user(arg[0], &tsi, sizeof(tsi));
}

SYSCALL(getrandom)
{
    void *p = lock_user(VERIFY_WRITE, arg[0], arg[1], 0);

    return p ? get_errno(getrandom(p, (abi_ulong)arg[1], arg[2])) : -TARGET_EFAULT;
}

SYSCALL(sched_yield)
{
    return get_errno(sched_yield());
}

/* The cpu mask is a bitmap of guest longs: host bytes in the same order,
   but the host wants a whole number of its own longs. */
SYSCALL(sched_getaffinity)
{
    abi_ulong size = arg[1];
    size_t host_size = QEMU_ALIGN_UP(size, sizeof(unsigned long));
    void *mask;
    abi_long ret;

    if (size == 0 || size % sizeof(abi_ulong)) {
        return -TARGET_EINVAL;
    }
    mask = calloc(1, host_size);
    ret = get_errno(syscall(SYS_sched_getaffinity, (pid_t)arg[0], host_size, mask));
    if (ret > 0) {
        ret = MIN((abi_ulong)ret, size);
        if (copy_to_user(arg[2], mask, ret)) {
            ret = -TARGET_EFAULT;
        }
    }
    free(mask);
    return ret;
}

SYSCALL(getcpu)
{
    unsigned cpu, node;
    abi_long ret = get_errno(syscall(SYS_getcpu, &cpu, &node, NULL));

    if (ret == 0 && ((arg[0] && put_user(cpu, arg[0], uint32_t)) ||
                     (arg[1] && put_user(node, arg[1], uint32_t)))) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/* glibc probes these and copes without them, as under QEMU. */
SYSCALL(not_provided)
{
    return -TARGET_ENOSYS;
}

SYSCALL(set_tid_address)
{
    ((TaskState *)env->opaque)->child_tidptr = arg[0];
    return syscall(SYS_gettid);
}

/* struct robust_list_head: three guest pointers. */
#define TARGET_ROBUST_LIST_HEAD_SIZE (3 * sizeof(abi_ulong))

SYSCALL(set_robust_list)
{
    if (arg[1] != TARGET_ROBUST_LIST_HEAD_SIZE) {
        return -TARGET_EINVAL;
    }
    ((TaskState *)env->opaque)->robust_list = arg[0];
    return 0;
}

SYSCALL(get_robust_list)
{
    if (arg[0] != 0 && arg[0] != getpid()) {
        return -TARGET_EPERM;
    }
    if (put_user_ual(((TaskState *)env->opaque)->robust_list, arg[1]) ||
        put_user_ual(TARGET_ROBUST_LIST_HEAD_SIZE, arg[2])) {
        return -TARGET_EFAULT;
    }
    return 0;
}

/* Futex operations whose fourth argument is a timeout, not a count. */
static bool futex_op_has_timeout(int cmd)
{
    static const bool has_timeout[] = {
        [FUTEX_WAIT] = true, [FUTEX_LOCK_PI] = true,
        [FUTEX_WAIT_BITSET] = true, [FUTEX_WAIT_REQUEUE_PI] = true,
        [FUTEX_LOCK_PI2] = true,
    };
    return cmd >= 0 && cmd < (int)ARRAY_SIZE(has_timeout) && has_timeout[cmd];
}

/* Guest futex words are ordinary host memory, so the host futex serves. */
static abi_long do_futex(const abi_long *arg, const StructLayout *ts_layout)
{
    int op = arg[1], cmd = op & FUTEX_CMD_MASK;
    struct timespec ts;
    uintptr_t val2 = (uint32_t)arg[3];

    if (!access_ok(VERIFY_READ, arg[0], sizeof(uint32_t))) {
        return -TARGET_EFAULT;
    }
    if (futex_op_has_timeout(cmd)) {
        val2 = 0;
        if (arg[3]) {
            if (struct_from_user(&ts, arg[3], ts_layout)) {
                return -TARGET_EFAULT;
            }
            val2 = (uintptr_t)&ts;
        }
    }
    return get_errno(syscall(SYS_futex, g2h(arg[0]), op, (uint32_t)arg[2],
                             val2, arg[4] ? g2h(arg[4]) : NULL,
                             (uint32_t)arg[5]));
}

SYSCALL(futex)
{
    return do_futex(arg, &timespec_layout);
}

SYSCALL(futex_time64)
{
    return do_futex(arg, &timespec64_layout);
}

const SyscallImpl syscalls_proc[] = {
    { "getpid", sys_getpid, "" },
    { "getppid", sys_getppid, "" },
    { "gettid", sys_gettid, "" },
    { "getuid", sys_getuid, "" },
    { "geteuid", sys_geteuid, "" },
    { "getgid", sys_getgid, "" },
    { "getegid", sys_getegid, "" },
    { "getuid32", sys_getuid, "" },
    { "geteuid32", sys_geteuid, "" },
    { "getgid32", sys_getgid, "" },
    { "getegid32", sys_getegid, "" },
    { "setuid", sys_setuid, "d" },
    { "setgid", sys_setgid, "d" },
    { "setuid32", sys_setuid, "d" },
    { "setgid32", sys_setgid, "d" },
    { "getpgrp", sys_getpgrp, "" },
    { "getpgid", sys_getpgid, "d" },
    { "setpgid", sys_setpgid, "dd" },
    { "getsid", sys_getsid, "d" },
    { "setsid", sys_setsid, "" },
    { "exit", sys_exit, "d=!" },
    { "exit_group", sys_exit_group, "d=!" },
    { "wait4", sys_wait4, "dxxx" },
    { "waitpid", sys_waitpid, "dxx" },
    { "waitid", sys_waitid, "ddxxx" },
    { "fork", sys_fork, "" },
    { "vfork", sys_vfork, "" },
    { "clone", sys_clone, "xxxxx" },
    { "execve", sys_execve, "sxx" },
    { "prlimit64", sys_prlimit64, "ddxx" },
    { "getrlimit", sys_getrlimit, "dx" },
    { "ugetrlimit", sys_ugetrlimit, "dx" },
    { "setrlimit", sys_setrlimit, "dx" },
    { "getrusage", sys_getrusage, "dx" },
    { "personality", sys_personality, "x" },
    { "uname", sys_uname, "x" },
    { "sysinfo", sys_sysinfo, "x" },
    { "getrandom", sys_getrandom, "xux" },
    { "sched_yield", sys_sched_yield, "" },
    { "sched_getaffinity", sys_sched_getaffinity, "dux" },
    { "getcpu", sys_getcpu, "xxx" },
    { "membarrier", sys_not_provided, "ddd" },
    { "rseq", sys_not_provided, "xuxx" },
    { "set_tid_address", sys_set_tid_address, "x" },
    { "set_robust_list", sys_set_robust_list, "xu" },
    { "get_robust_list", sys_get_robust_list, "dxx" },
    { "futex", sys_futex, "xddxxd" },
    { "futex_time64", sys_futex_time64, "xddxxd" },
    { NULL }
};
