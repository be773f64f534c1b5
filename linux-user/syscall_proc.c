/*
 * syscall_proc.c: syscalls about the process itself: identity, exit and
 * wait, fork/clone/execve, resource limits and usage, uname and sysinfo,
 * scheduling, futexes and the thread bookkeeping glibc sets up at start.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/sysinfo.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <linux/futex.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include "qemu/log.h"
#include "qemu/guest-random.h"
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
    abi_long ret = get_errno(safe_syscall(SYS_wait4, (pid_t)pid, &status, options,
                                          grusage ? &ru : NULL));

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
    ret = get_errno(safe_syscall(SYS_waitid, (int)arg[0], (id_t)arg[1], &info,
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
    /* (a vfork's child shares the parent's memory: no fork advice) */
    bool copies_memory = !(flags & CLONE_VM);

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
    if (copies_memory) {
        madvise_fork_child();
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

/*
 * clone3: struct clone_args is u64 fields for both guests.  Thread
 * creation (CLONE_VM, which vfork also asks) is ENOSYS, on which glibc
 * uses clone; a fork-like call becomes do_fork as clone's does.  What
 * do_fork cannot do is ENOSYS too, logged under -d unimp: another exit
 * signal than SIGCHLD, namespaces and the other flags, set_tid, cgroups.
 */
struct target_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
             stack_size, tls, set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_MAX 4096
#define CLONE3_FORK_FLAGS (CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | \
                           CLONE_CHILD_CLEARTID | CLONE_SETTLS | CLONE_PIDFD | \
                           CLONE_VFORK)

/* The kernel's checks of the arguments, EINVAL each (E2BIG for bytes it
   does not know that are not zero). */
static abi_long clone3_args_from_user(struct target_clone_args *ca,
                                      abi_ulong gaddr, abi_ulong size)
{
    uint8_t raw[CLONE_ARGS_SIZE_MAX];

    if (size < CLONE_ARGS_SIZE_VER0) {
        return -TARGET_EINVAL;
    }
    if (size > CLONE_ARGS_SIZE_MAX) {
        return -TARGET_E2BIG;
    }
    memset(raw, 0, sizeof(*ca));
    if (copy_from_user(raw, gaddr, size)) {
        return -TARGET_EFAULT;
    }
    for (abi_ulong i = sizeof(*ca); i < size; i++) {
        if (raw[i]) {
            return -TARGET_E2BIG;
        }
    }
    memcpy(ca, raw, sizeof(*ca));
    if ((ca->exit_signal & ~(uint64_t)CSIGNAL) || ca->exit_signal > TARGET_NSIG ||
        (ca->flags & (CLONE_DETACHED | CSIGNAL)) ||
        (!ca->stack && ca->stack_size) || (ca->stack && !ca->stack_size) ||
        (!ca->set_tid != !ca->set_tid_size)) {
        return -TARGET_EINVAL;
    }
    return 0;
}

SYSCALL(clone3)
{
    struct target_clone_args ca;
    abi_long ret = clone3_args_from_user(&ca, arg[0], arg[1]);
    int pidfd;

    if (ret) {
        return ret;
    }
    if ((ca.flags & CLONE_VM) || (ca.flags & ~(uint64_t)CLONE3_FORK_FLAGS) ||
        ca.exit_signal != SIGCHLD || ca.set_tid_size) {
        qemu_log_mask(LOG_UNIMP, "clone3: flags 0x%" PRIx64 ", exit signal %" PRIu64
                      "%s: ENOSYS (only a fork with SIGCHLD)\n", ca.flags,
                      ca.exit_signal, ca.set_tid_size ? ", set_tid" : "");
        return -TARGET_ENOSYS;
    }
    ret = do_fork(env, (ca.flags & ~(uint64_t)CLONE_PIDFD) | SIGCHLD,
                  ca.stack ? ca.stack + ca.stack_size : 0, ca.parent_tid,
                  ca.child_tid, ca.tls);
    if (ret > 0 && (ca.flags & CLONE_PIDFD)) {
        /* made after the fork: the child is at worst a zombie by now,
           unless SIGCHLD is ignored and the kernel reaped it already */
        pidfd = syscall(SYS_pidfd_open, (pid_t)ret, 0);
        if (pidfd >= 0 && put_user(pidfd, ca.pidfd, int32_t)) {
            close(pidfd);
        }
    }
    return ret;
}

/* The kernel's limit on each of execve's strings (E2BIG beyond). */
#define MAX_ARG_STRLEN (32 * 4096)

static void free_string_array(char **v)
{
    for (size_t i = 0; v && v[i]; i++) {
        free(v[i]);
    }
    free(v);
}

/*
 * The room execve has for the strings and their pointers (the kernel's
 * bprm_stack_limits): a quarter of the stack limit, at most 6 MiB, at
 * least 128 KiB.  Past it the call is E2BIG, which the host's execve
 * would say too, but only after this emulator had copied every string
 * (seconds for millions of them).
 */
static size_t exec_strings_room(void)
{
    uint64_t stack = guest_rlimit_cur(RLIMIT_STACK);
    size_t room = 6 << 20;

    if (stack / 4 < room) {
        room = stack / 4;
    }
    return MAX(room, (size_t)MAX_ARG_STRLEN);
}

/* A NULL-terminated guest array of string pointers (NULL: none), as
   malloc'ed host strings; NULL and *err on failure.  Each string and its
   (host-sized, as the kernel counts) pointer comes out of *room: E2BIG
   when it runs out. */
static char **string_array_from_user(abi_ulong gaddr, size_t *room, abi_long *err)
{
    size_t n = 0, cap = 16;
    char **v = calloc(cap, sizeof(*v));

    *err = -TARGET_ENOMEM;
    while (v && gaddr) {
        abi_ulong p;

        if (get_user_ual(p, gaddr + n * sizeof(abi_ulong))) {
            *err = -TARGET_EFAULT;
            break;
        }
        if (!p) {
            return v;
        }
        if (n + 1 == cap) {
            char **grown = realloc(v, 2 * cap * sizeof(*v));

            if (!grown) {
                break;
            }
            v = grown;
            memset(v + cap, 0, cap * sizeof(*v));
            cap *= 2;
        }
        v[n] = strdup_from_user(p, MAX_ARG_STRLEN, -TARGET_E2BIG, err);
        if (!v[n]) {
            break;
        }
        if (strlen(v[n++]) + 1 + sizeof(void *) > *room) {
            *err = -TARGET_E2BIG;
            break;
        }
        *room -= strlen(v[n - 1]) + 1 + sizeof(void *);
    }
    if (v && !gaddr) {
        return v;
    }
    free_string_array(v);
    return NULL;
}

/*
 * A binary for this guest runs under this emulator again (exec.c), anything
 * else on the host.  The guest's blocked signals are the host mask across
 * the exec, so the new program inherits them as it would natively.
 */
SYSCALL(execve)
{
    size_t room = exec_strings_room();
    abi_long err = 0;
    char **argv, **envp;

    LOOKUP_PATH_FROM_USER(path, arg[0], 0);
    if (host_path_error(path)) {
        return host_path_error(path);     /* the kernel reads the path first */
    }
    argv = string_array_from_user(arg[1], &room, &err);
    envp = argv ? string_array_from_user(arg[2], &room, &err) : NULL;
    if (envp) {
        uint64_t old;

        qemu_log_flush();
        signal_exec_mask_begin(env, &old);
        err = get_errno(exec_program(path, argv, envp));
        signal_exec_mask_end(&old);
    }
    free_string_array(argv);
    free_string_array(envp);
    return err;
}

/*
 * RLIMIT_AS, RLIMIT_DATA and RLIMIT_STACK set on the host would bind the
 * emulator's own memory (its reservation of the guest space alone passes
 * any address-space limit).  The guest's values are kept here instead,
 * starting from the host's, and guest memory is judged against them
 * (syscall_mem.c, growsdown.c).  (An execve starts from the host's again.)
 */
static struct rlimit guest_rlimits[RLIM_NLIMITS];
static pthread_once_t guest_rlimits_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t guest_rlimits_lock = PTHREAD_MUTEX_INITIALIZER;

static bool rlimit_kept(abi_ulong resource)
{
    return resource == RLIMIT_AS || resource == RLIMIT_DATA || resource == RLIMIT_STACK;
}

static void read_host_rlimits(void)
{
    getrlimit(RLIMIT_AS, &guest_rlimits[RLIMIT_AS]);
    getrlimit(RLIMIT_DATA, &guest_rlimits[RLIMIT_DATA]);
    getrlimit(RLIMIT_STACK, &guest_rlimits[RLIMIT_STACK]);
}

uint64_t guest_rlimit_cur(int resource)
{
    pthread_once(&guest_rlimits_once, read_host_rlimits);
    return __atomic_load_n(&guest_rlimits[resource].rlim_cur, __ATOMIC_RELAXED);
}

static bool has_cap_sys_resource(void)
{
    struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

    return syscall(SYS_capget, &head, data) == 0
           && (data[CAP_TO_INDEX(CAP_SYS_RESOURCE)].effective & CAP_TO_MASK(CAP_SYS_RESOURCE));
}

/* A kept limit read (old) and set (new), checked as the kernel's
   do_prlimit: a soft limit above the hard one is EINVAL, a hard one
   raised without CAP_SYS_RESOURCE EPERM. */
static abi_long guest_prlimit(int resource, const struct rlimit *new, struct rlimit *old)
{
    struct rlimit *lim = &guest_rlimits[resource];
    abi_long ret = 0;

    pthread_once(&guest_rlimits_once, read_host_rlimits);
    pthread_mutex_lock(&guest_rlimits_lock);
    if (old) {
        *old = *lim;
    }
    if (new && new->rlim_cur > new->rlim_max) {
        ret = -TARGET_EINVAL;
    } else if (new && new->rlim_max > lim->rlim_max && !has_cap_sys_resource()) {
        ret = -TARGET_EPERM;
    } else if (new) {
        lim->rlim_max = new->rlim_max;
        __atomic_store_n(&lim->rlim_cur, new->rlim_cur, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&guest_rlimits_lock);
    return ret;
}

SYSCALL(prlimit64)
{
    struct rlimit new, old;
    abi_long ret;
    bool set = arg[2] != 0;

    if (set && copy_from_user(&new, arg[2], sizeof(new))) {
        return -TARGET_EFAULT;
    }
    if (((pid_t)arg[0] == 0 || (pid_t)arg[0] == getpid()) && rlimit_kept(arg[1])) {
        ret = guest_prlimit(arg[1], set ? &new : NULL, &old);
    } else {
        ret = get_errno(prlimit(arg[0], arg[1], set ? &new : NULL, &old));
    }
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

    if (rlimit_kept(arg[0])) {
        guest_prlimit(arg[0], NULL, &rl);
    } else if (getrlimit(arg[0], &rl) != 0) {
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
    rl.rlim_cur = trl.rlim_cur == TARGET_RLIM_INFINITY ? RLIM_INFINITY : trl.rlim_cur;
    rl.rlim_max = trl.rlim_max == TARGET_RLIM_INFINITY ? RLIM_INFINITY : trl.rlim_max;
    if (rlimit_kept(arg[0])) {
        return guest_prlimit(arg[0], &rl, NULL);
    }
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
    if (qemu_uname_release) {
        snprintf(buf.release, sizeof(buf.release), "%s", qemu_uname_release);
    }
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
    /* The kernel cuts the count to INT_MAX before it looks at the buffer:
       a huge count fills it up to the first bad page. */
    abi_long ret = syscall_filling_buf(SYS_getrandom, arg, 3, 0, MIN((abi_ulong)arg[1], INT_MAX));

    /* With -seed the bytes the host wrote (its checks of flags and buffer
       kept) are replaced by the seeded stream's: the run repeats. */
    if (ret > 0 && qemu_guest_random_seeded()) {
        uint8_t *bytes = malloc(ret);

        if (!bytes) {
            return -TARGET_ENOMEM;
        }
        qemu_guest_getrandom_nofail(bytes, ret);
        if (copy_to_user(arg[0], bytes, ret)) {
            ret = -TARGET_EFAULT;
        }
        free(bytes);
    }
    return ret;
}

SYSCALL(sched_yield)
{
    return get_errno(sched_yield());
}

/* The cpu mask is a bitmap of guest longs: host bytes in the same order,
   but the host wants a whole number of its own longs. */
SYSCALL(sched_getaffinity)
{
    /* The size is an unsigned int to the kernel, and its own check of it
       (size * 8 bits at least the CPU count) is done in 32 bits; the host
       call judges that.  It writes no more than its own mask (NR_CPUS
       bits, 8192 on x86), whatever the size. */
    uint32_t size = arg[1];
    uint64_t host_len = MIN(QEMU_ALIGN_UP((uint64_t)size, sizeof(unsigned long)),
                            UINT32_MAX & ~(sizeof(unsigned long) - 1));
    unsigned long mask[8192 / 8 / sizeof(unsigned long)] = { 0 };
    abi_long ret;

    if (size == 0 || size % sizeof(abi_ulong)) {
        return -TARGET_EINVAL;
    }
    ret = get_errno(syscall(SYS_sched_getaffinity, (pid_t)arg[0], (unsigned)host_len, mask));
    if (ret > 0) {
        ret = MIN((abi_ulong)ret, size);
        if (copy_to_user(arg[2], mask, ret)) {
            ret = -TARGET_EFAULT;
        }
    }
    return ret;
}

/* The kernel reads no more of the mask than its own size (at most NR_CPUS
   bits, 8192 on x86): a longer guest mask is cut there. */
SYSCALL(sched_setaffinity)
{
    abi_ulong size = MIN((abi_ulong)arg[1], 8192 / 8);
    size_t host_size = QEMU_ALIGN_UP(size, sizeof(unsigned long));
    void *mask = calloc(1, host_size ? host_size : 1);
    abi_long ret = copy_from_user(mask, arg[2], size);

    if (!ret) {
        ret = get_errno(syscall(SYS_sched_setaffinity, (pid_t)arg[0], host_size,
                                mask));
    }
    free(mask);
    return ret;
}

/* struct sched_param is one int on every x86 ABI. */
SYSCALL(sched_getparam)
{
    struct sched_param p;

    if (sched_getparam(arg[0], &p) != 0) {
        return -errno;
    }
    return copy_to_user(arg[1], &p, sizeof(p));
}

SYSCALL(sched_setparam)
{
    struct sched_param p;

    if (copy_from_user(&p, arg[1], sizeof(p))) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_sched_setparam, (pid_t)arg[0], &p));
}

SYSCALL(sched_getscheduler)
{
    return get_errno(sched_getscheduler(arg[0]));
}

SYSCALL(sched_setscheduler)
{
    struct sched_param p;

    if (copy_from_user(&p, arg[2], sizeof(p))) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_sched_setscheduler, (pid_t)arg[0], (int)arg[1], &p));
}

SYSCALL(sched_get_priority_max)
{
    return get_errno(sched_get_priority_max(arg[0]));
}

SYSCALL(sched_get_priority_min)
{
    return get_errno(sched_get_priority_min(arg[0]));
}

/* The raw call: the kernel's 20 - nice, which the guest's libc converts. */
SYSCALL(getpriority)
{
    return get_errno(syscall(SYS_getpriority, (int)arg[0], (id_t)arg[1]));
}

SYSCALL(setpriority)
{
    return get_errno(setpriority(arg[0], arg[1], arg[2]));
}

/*
 * capget/capset: the header and the data are arrays of 32-bit words on
 * every ABI.  The kernel writes its preferred version into the header when
 * it refuses one; version 1 has one data block, the later ones two.
 */
static abi_long do_capcall(long nr, abi_ulong ghdr, abi_ulong gdata, bool is_get)
{
    struct __user_cap_header_struct hdr;
    struct __user_cap_data_struct data[2];
    uint32_t version;
    size_t size;
    abi_long ret;

    if (copy_from_user(&hdr, ghdr, sizeof(hdr))) {
        return -TARGET_EFAULT;
    }
    version = hdr.version;
    size = (version == _LINUX_CAPABILITY_VERSION_1 ? 1 : 2) * sizeof(data[0]);
    if (!is_get && gdata && copy_from_user(data, gdata, size)) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(syscall(nr, &hdr, gdata ? data : NULL));
    if (hdr.version != version && put_user(hdr.version, ghdr, uint32_t)) {
        return -TARGET_EFAULT;
    }
    if (ret == 0 && is_get && gdata && copy_to_user(gdata, data, size)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(capget)
{
    return do_capcall(SYS_capget, arg[0], arg[1], true);
}

SYSCALL(capset)
{
    return do_capcall(SYS_capset, arg[0], arg[1], false);
}

/*
 * prctl: the options programs commonly use.  The name is copied as the
 * kernel's strncpy_from_user does (15 bytes at most, a fault before the
 * end is EFAULT); the parent-death signal is a guest number, translated
 * like kill's.  Other options fail with EINVAL as on a kernel that lacks
 * them, logged under -d unimp.
 */
#define TASK_COMM_LEN 16

static abi_long prctl_pass(const abi_long *arg)
{
    return get_errno(prctl((int)arg[0], (abi_ulong)arg[1], (abi_ulong)arg[2],
                           (abi_ulong)arg[3], (abi_ulong)arg[4]));
}

static abi_long prctl_set_name(const abi_long *arg)
{
    char name[TASK_COMM_LEN] = "";

    if (strncpy_from_user(name, arg[1], TASK_COMM_LEN - 1) < 0) {
        return -TARGET_EFAULT;
    }
    name[TASK_COMM_LEN - 1] = 0;
    return get_errno(prctl(PR_SET_NAME, name));
}

static abi_long prctl_get_name(const abi_long *arg)
{
    char name[TASK_COMM_LEN];

    if (prctl(PR_GET_NAME, name) != 0) {
        return -errno;
    }
    return copy_to_user(arg[1], name, sizeof(name));
}

static abi_long prctl_set_pdeathsig(const abi_long *arg)
{
    int sig = target_to_host_signal_arg(arg[1]);

    return sig < 0 ? -TARGET_EINVAL : get_errno(prctl(PR_SET_PDEATHSIG, sig));
}

/* rdtsc is always allowed here (PR_SET_TSC is not emulated). */
static abi_long prctl_get_tsc(const abi_long *arg)
{
    return put_user(PR_TSC_ENABLE, arg[1], int32_t);
}

static abi_long prctl_get_pdeathsig(const abi_long *arg)
{
    int sig;

    if (prctl(PR_GET_PDEATHSIG, &sig) != 0) {
        return -errno;
    }
    return put_user(sig ? host_to_target_signal(sig) : 0, arg[1], int32_t);
}

static const struct {
    int option;
    abi_long (*fn)(const abi_long *arg);
} prctl_options[] = {
    { PR_SET_NAME, prctl_set_name },
    { PR_GET_NAME, prctl_get_name },
    { PR_SET_PDEATHSIG, prctl_set_pdeathsig },
    { PR_GET_PDEATHSIG, prctl_get_pdeathsig },
    { PR_GET_TSC, prctl_get_tsc },
    { PR_GET_DUMPABLE, prctl_pass },
    { PR_SET_DUMPABLE, prctl_pass },
    { PR_SET_NO_NEW_PRIVS, prctl_pass },
    { PR_GET_NO_NEW_PRIVS, prctl_pass },
    { PR_GET_SECCOMP, prctl_pass },
};

SYSCALL(prctl)
{
    for (size_t i = 0; i < ARRAY_SIZE(prctl_options); i++) {
        if (prctl_options[i].option == (int)arg[0]) {
            return prctl_options[i].fn(arg);
        }
    }
    qemu_log_mask(LOG_UNIMP, "Unsupported prctl: " TARGET_ABI_FMT_ld "\n", arg[0]);
    return -TARGET_EINVAL;
}

/*
 * Ids in guest memory are id_size bytes wide.  The raw calls: glibc's
 * setgroups & co. would change the ids of every host thread, where the
 * kernel's change the calling thread's only (the guest's libc broadcasts).
 */
static uint32_t load_id(const void *p, int id_size)
{
    uint16_t low;
    uint32_t id;

    if (id_size == 2) {
        memcpy(&low, p, sizeof(low));
        return low2high_id(low);
    }
    memcpy(&id, p, sizeof(id));
    return id;
}

static abi_long store_id(abi_ulong gaddr, unsigned id, int id_size)
{
    uint32_t v = id_size == 2 ? high2low_id(id) : id;

    return copy_to_user(gaddr, &v, id_size);
}

abi_long do_getgroups(int count, abi_ulong glist, int id_size)
{
    gid_t *list = calloc(count > 0 ? MIN(count, NGROUPS_MAX) : 1, sizeof(gid_t));
    abi_long ret = count < 0 ? -TARGET_EINVAL
                             : get_errno(syscall(SYS_getgroups,
                                                 MIN(count, NGROUPS_MAX), list));

    for (int i = 0; count && ret > 0 && i < ret; i++) {
        if (store_id(glist + i * id_size, list[i], id_size)) {
            ret = -TARGET_EFAULT;
        }
    }
    free(list);
    return ret;
}

abi_long do_setgroups(int count, abi_ulong glist, int id_size)
{
    gid_t *list;
    uint8_t *ids;
    bool readable;
    abi_long ret;

    if (count < 0 || count > NGROUPS_MAX) {
        return -TARGET_EINVAL;
    }
    list = calloc(count ? count : 1, sizeof(gid_t));
    ids = malloc(count ? count * id_size : 1);
    readable = list && ids && !copy_from_user(ids, glist, count * id_size);
    for (int i = 0; readable && i < count; i++) {
        list[i] = load_id(ids + i * id_size, id_size);
    }
    free(ids);
    /* An unreadable list reaches the host as NULL, which faults there:
       the kernel checks privilege before it reads (EPERM wins). */
    ret = get_errno(syscall(SYS_setgroups, count, readable ? list : NULL));
    free(list);
    return ret;
}

abi_long do_getresid(bool is_gid, const abi_long *arg, int id_size)
{
    unsigned ids[3];

    if (syscall(is_gid ? SYS_getresgid : SYS_getresuid, &ids[0], &ids[1],
                &ids[2]) != 0) {
        return -errno;
    }
    for (int i = 0; i < 3; i++) {
        if (store_id(arg[i], ids[i], id_size)) {
            return -TARGET_EFAULT;
        }
    }
    return 0;
}

/* The set*id calls on n ids (2: setre*id, 3: setres*id). */
static abi_long set_ids(long nr, const abi_long *arg, int n, int id_size)
{
    unsigned ids[3];

    for (int i = 0; i < n; i++) {
        ids[i] = load_id(&arg[i], id_size);
    }
    return get_errno(n == 2 ? syscall(nr, ids[0], ids[1])
                            : syscall(nr, ids[0], ids[1], ids[2]));
}

abi_long do_setresid(bool is_gid, const abi_long *arg, int id_size)
{
    return set_ids(is_gid ? SYS_setresgid : SYS_setresuid, arg, 3, id_size);
}

/* i386's setreuid and setregid take 16-bit ids (the *32 calls 32-bit
   ones); x86_64's take 32-bit ids. */
#ifdef TARGET_X86_64
#define SETREID_ID_SIZE 4
#else
#define SETREID_ID_SIZE 2
#endif

SYSCALL(setreuid)
{
    return set_ids(SYS_setreuid, arg, 2, SETREID_ID_SIZE);
}

SYSCALL(setregid)
{
    return set_ids(SYS_setregid, arg, 2, SETREID_ID_SIZE);
}

SYSCALL(setreuid32)
{
    return set_ids(SYS_setreuid, arg, 2, 4);
}

SYSCALL(setregid32)
{
    return set_ids(SYS_setregid, arg, 2, 4);
}

/* setfsuid reports the previous id and no error, as the kernel does. */
abi_long do_setfsid(bool is_gid, abi_ulong id, int id_size)
{
    unsigned old = syscall(is_gid ? SYS_setfsgid : SYS_setfsuid,
                           load_id(&id, id_size));

    return id_size == 2 ? high2low_id(old) : old;
}

SYSCALL(getgroups)
{
    return do_getgroups(arg[0], arg[1], 4);
}

SYSCALL(setgroups)
{
    return do_setgroups(arg[0], arg[1], 4);
}

SYSCALL(getresuid)
{
    return do_getresid(false, arg, 4);
}

SYSCALL(getresgid)
{
    return do_getresid(true, arg, 4);
}

SYSCALL(setresuid)
{
    return do_setresid(false, arg, 4);
}

SYSCALL(setresgid)
{
    return do_setresid(true, arg, 4);
}

SYSCALL(setfsuid)
{
    return do_setfsid(false, arg[0], 4);
}

SYSCALL(setfsgid)
{
    return do_setfsid(true, arg[0], 4);
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

/* The guest's threads are host threads, and the code they run is
   ordinary host code: the host's barrier serves them. */
SYSCALL(membarrier)
{
    return get_errno(syscall(SYS_membarrier, (int)arg[0], (unsigned)arg[1],
                             (int)arg[2]));
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

/* What a futex operation's arguments are, beyond the word and the value:
   a timeout instead of a count in the fourth, a second word (uaddr2). */
enum { FUTEX_ARG_TIMEOUT = 1, FUTEX_ARG_UADDR2 = 2 };

static unsigned futex_op_args(int cmd)
{
    static const uint8_t args[] = {
        [FUTEX_WAIT] = FUTEX_ARG_TIMEOUT, [FUTEX_LOCK_PI] = FUTEX_ARG_TIMEOUT,
        [FUTEX_WAIT_BITSET] = FUTEX_ARG_TIMEOUT, [FUTEX_LOCK_PI2] = FUTEX_ARG_TIMEOUT,
        [FUTEX_WAIT_REQUEUE_PI] = FUTEX_ARG_TIMEOUT | FUTEX_ARG_UADDR2,
        [FUTEX_REQUEUE] = FUTEX_ARG_UADDR2, [FUTEX_CMP_REQUEUE] = FUTEX_ARG_UADDR2,
        [FUTEX_WAKE_OP] = FUTEX_ARG_UADDR2, [FUTEX_CMP_REQUEUE_PI] = FUTEX_ARG_UADDR2,
    };
    return cmd >= 0 && cmd < (int)ARRAY_SIZE(args) ? args[cmd] : 0;
}

/* The host futex serves, on the host words that hold the guest's words
   (guest_futex_word), which every thread names alike. */
static abi_long do_futex(const abi_long *arg, const StructLayout *ts_layout)
{
    int op = arg[1], cmd = op & FUTEX_CMD_MASK;
    struct timespec ts;
    uintptr_t val2 = (uint32_t)arg[3];

    if (futex_op_args(cmd) & FUTEX_ARG_TIMEOUT) {
        val2 = 0;
        if (arg[3]) {
            if (struct_from_user(&ts, arg[3], ts_layout)) {
                return -TARGET_EFAULT;
            }
            val2 = (uintptr_t)&ts;
        }
    }
    return get_errno(safe_syscall(SYS_futex, guest_futex_word(arg[0]), op,
                                  (uint32_t)arg[2], val2,
                                  futex_op_args(cmd) & FUTEX_ARG_UADDR2
                                  ? guest_futex_word(arg[4]) : NULL,
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
    { "clone3", sys_clone3, "xu" },
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
    { "sched_setaffinity", sys_sched_setaffinity, "dux" },
    { "sched_getparam", sys_sched_getparam, "dx" },
    { "sched_setparam", sys_sched_setparam, "dx" },
    { "sched_getscheduler", sys_sched_getscheduler, "d" },
    { "sched_setscheduler", sys_sched_setscheduler, "ddx" },
    { "sched_get_priority_max", sys_sched_get_priority_max, "d" },
    { "sched_get_priority_min", sys_sched_get_priority_min, "d" },
    { "getpriority", sys_getpriority, "dd" },
    { "setpriority", sys_setpriority, "ddd" },
    { "capget", sys_capget, "xx" },
    { "capset", sys_capset, "xx" },
    { "prctl", sys_prctl, "dxxxx" },
    { "getgroups", sys_getgroups, "dx" },
    { "getgroups32", sys_getgroups, "dx" },
    { "setgroups", sys_setgroups, "dx" },
    { "setgroups32", sys_setgroups, "dx" },
    { "getresuid", sys_getresuid, "xxx" },
    { "getresuid32", sys_getresuid, "xxx" },
    { "getresgid", sys_getresgid, "xxx" },
    { "getresgid32", sys_getresgid, "xxx" },
    { "setresuid", sys_setresuid, "ddd" },
    { "setresuid32", sys_setresuid, "ddd" },
    { "setresgid", sys_setresgid, "ddd" },
    { "setresgid32", sys_setresgid, "ddd" },
    { "setreuid", sys_setreuid, "dd" },
    { "setregid", sys_setregid, "dd" },
    { "setreuid32", sys_setreuid32, "dd" },
    { "setregid32", sys_setregid32, "dd" },
    { "setfsuid", sys_setfsuid, "d" },
    { "setfsuid32", sys_setfsuid, "d" },
    { "setfsgid", sys_setfsgid, "d" },
    { "setfsgid32", sys_setfsgid, "d" },
    { "getcpu", sys_getcpu, "xxx" },
    { "membarrier", sys_membarrier, "dxd" },
    { "set_tid_address", sys_set_tid_address, "x" },
    { "set_robust_list", sys_set_robust_list, "xu" },
    { "get_robust_list", sys_get_robust_list, "dxx" },
    { "futex", sys_futex, "xXdxxd" },
    { "futex_time64", sys_futex_time64, "xXdxxd" },
    { NULL }
};
