/*
 * syscall_system.c: calls about the machine and the process's place in
 * it that pass to the host almost as they are: the root and the mounts,
 * namespaces, host and domain names, swap, accounting, the kernel log,
 * I/O priorities, kcmp, sched_{get,set}attr, readahead, i386's nice.
 * Most need privileges a test run does not have; the host kernel judges.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/resource.h>
#include "qemu/log.h"
#include "syscall_impl.h"

SYSCALL(chroot)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(syscall(SYS_chroot, path));
}

SYSCALL(pivot_root)
{
    PATH_FROM_USER(new_root, arg[0]);
    PATH_FROM_USER(put_old, arg[1]);
    return get_errno(syscall(SYS_pivot_root, new_root, put_old));
}

/* acct(NULL) turns accounting off. */
SYSCALL(acct)
{
    char path[PATH_MAX];
    abi_long err = arg[0] ? path_from_user(path, arg[0]) : 0;

    return err ? err : get_errno(syscall(SYS_acct, arg[0] ? path : NULL));
}

SYSCALL(swapon)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(syscall(SYS_swapon, path, (int)arg[1]));
}

SYSCALL(swapoff)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(syscall(SYS_swapoff, path));
}

/*
 * mount: source, type and data may be NULL.  The kernel copies at most a
 * page of data and stops quietly at a fault; data is a string for every
 * file system a program of today mounts, so a string is what is copied.
 */
#define MOUNT_DATA_MAX 4096

static abi_long optional_string(char *buf, size_t size, abi_ulong gaddr, char **out)
{
    abi_long n;

    *out = NULL;
    if (!gaddr) {
        return 0;
    }
    n = strncpy_from_user(buf, gaddr, size - 1);
    if (n < 0) {
        return n;
    }
    buf[n] = 0;
    *out = buf;
    return 0;
}

SYSCALL(mount)
{
    char source_buf[PATH_MAX], type_buf[PATH_MAX], data_buf[MOUNT_DATA_MAX];
    char *source, *type, *data;
    abi_long err;

    PATH_FROM_USER(target, arg[1]);
    err = optional_string(source_buf, sizeof(source_buf), arg[0], &source);
    if (!err) {
        err = optional_string(type_buf, sizeof(type_buf), arg[2], &type);
    }
    if (!err) {
        err = optional_string(data_buf, sizeof(data_buf), arg[4], &data);
    }
    return err ? err : get_errno(syscall(SYS_mount, source, target, type,
                                         (unsigned long)(abi_ulong)arg[3], data));
}

SYSCALL(umount2)
{
    PATH_FROM_USER(target, arg[0]);
    return get_errno(syscall(SYS_umount2, target, (int)arg[1]));
}

/* i386's oldumount */
SYSCALL(umount)
{
    PATH_FROM_USER(target, arg[0]);
    return get_errno(syscall(SYS_umount2, target, 0));
}

/* The kernel refuses a length above __NEW_UTS_LEN before it reads. */
#define UTS_LEN 64

static abi_long set_uts_name(long nr, const abi_long *arg)
{
    int len = arg[1];
    GuestBuf b;
    abi_long ret = guest_buf_begin(&b, arg[0], len < 0 || len > UTS_LEN ? 0 : len,
                                   GUEST_READ);

    if (ret == 0) {
        ret = get_errno(syscall(nr, b.host, len));
    }
    guest_buf_end(&b, 0);
    return ret;
}

SYSCALL(sethostname)
{
    return set_uts_name(SYS_sethostname, arg);
}

SYSCALL(setdomainname)
{
    return set_uts_name(SYS_setdomainname, arg);
}

SYSCALL(setns)
{
    return get_errno(syscall(SYS_setns, (int)arg[0], (int)arg[1]));
}

SYSCALL(unshare)
{
    return get_errno(syscall(SYS_unshare, (abi_ulong)arg[0]));
}

SYSCALL(vhangup)
{
    return get_errno(syscall(SYS_vhangup));
}

/* syslog's buffer is written by the read actions only; len is an int. */
SYSCALL(syslog)
{
    int len = arg[2];
    GuestBuf b;
    abi_long ret = guest_buf_begin(&b, arg[1], len > 0 ? len : 0, GUEST_WRITE);

    if (ret == 0) {
        ret = get_errno(syscall(SYS_syslog, (int)arg[0], b.host, len));
    }
    guest_buf_end(&b, ret > 0 ? ret : 0);
    return ret;
}

SYSCALL(ioprio_get)
{
    return get_errno(syscall(SYS_ioprio_get, (int)arg[0], (int)arg[1]));
}

SYSCALL(ioprio_set)
{
    return get_errno(syscall(SYS_ioprio_set, (int)arg[0], (int)arg[1], (int)arg[2]));
}

/* KCMP_EPOLL_TFD's last argument points at three u32 (the same for both
   guests); the other types take plain values. */
#define KCMP_EPOLL_TFD 7
#define KCMP_EPOLL_SLOT_SIZE 12

SYSCALL(kcmp)
{
    GuestBuf b;
    abi_long ret;

    if ((int)arg[2] != KCMP_EPOLL_TFD) {
        return get_errno(syscall(SYS_kcmp, (pid_t)arg[0], (pid_t)arg[1], (int)arg[2],
                                 (unsigned long)(abi_ulong)arg[3],
                                 (unsigned long)(abi_ulong)arg[4]));
    }
    ret = guest_buf_begin(&b, arg[4], KCMP_EPOLL_SLOT_SIZE, GUEST_READ);
    if (ret == 0) {
        ret = get_errno(syscall(SYS_kcmp, (pid_t)arg[0], (pid_t)arg[1], (int)arg[2],
                                (unsigned long)(abi_ulong)arg[3], b.host));
    }
    guest_buf_end(&b, 0);
    return ret;
}

/*
 * struct sched_attr is the same for both guests; it says its own size,
 * which the kernel reads first: 0 means the first version's; a size below
 * that or above a page is E2BIG, with the size the kernel knows written
 * back into the size field, which is all the guest gets back then.
 */
#define SCHED_ATTR_SIZE_VER0 48
#define SCHED_ATTR_SIZE_MAX 4096

SYSCALL(sched_setattr)
{
    uint32_t size;
    GuestBuf b;
    abi_long ret;

    if (get_user(size, arg[1], uint32_t)) {
        return -TARGET_EFAULT;
    }
    ret = guest_buf_begin(&b, arg[1], size ? MIN(MAX(size, sizeof(size)), SCHED_ATTR_SIZE_MAX)
                                           : SCHED_ATTR_SIZE_VER0,
                          GUEST_READ | GUEST_WRITE);
    if (ret == 0) {
        ret = get_errno(syscall(SYS_sched_setattr, (pid_t)arg[0], b.host,
                                (unsigned)arg[2]));
    }
    guest_buf_end(&b, ret == -TARGET_E2BIG ? sizeof(size) : 0);
    return ret;
}

SYSCALL(sched_getattr)
{
    unsigned size = arg[2];
    GuestBuf b;
    abi_long ret = guest_buf_begin(&b, arg[1], MIN(size, SCHED_ATTR_SIZE_MAX),
                                   GUEST_WRITE);

    if (ret == 0) {
        ret = get_errno(syscall(SYS_sched_getattr, (pid_t)arg[0], b.host, size,
                                (unsigned)arg[3]));
    }
    guest_buf_end(&b, ret == 0 ? MIN(size, SCHED_ATTR_SIZE_MAX) : 0);
    return ret;
}

/* readahead's offset is a register pair on i386 (fd, lo, hi, count). */
SYSCALL(readahead)
{
#ifdef TARGET_X86_64
    return get_errno(syscall(SYS_readahead, (int)arg[0], (off_t)arg[1], (size_t)arg[2]));
#else
    return get_errno(syscall(SYS_readahead, (int)arg[0],
                             (off_t)target_offset64(arg[1], arg[2]), (size_t)arg[3]));
#endif
}

SYSCALL(process_mrelease)
{
    return get_errno(syscall(SYS_process_mrelease, (int)arg[0], (unsigned)arg[1]));
}

/*
 * i386's nice: the calling thread's nice value moves by inc (clamped as
 * the kernel clamps it, to -20..19); 0 or -errno (raising priority needs
 * CAP_SYS_NICE or RLIMIT_NICE: EPERM, judged by the host's setpriority).
 */
SYSCALL(nice)
{
    int inc = MIN(MAX((int)arg[0], -40), 40);
    int now, want;

    errno = 0;
    now = getpriority(PRIO_PROCESS, 0);
    if (now == -1 && errno) {
        return -errno;
    }
    want = MIN(MAX(now + inc, -20), 19);
    return get_errno(setpriority(PRIO_PROCESS, 0, want));
}

/* Only the kernel's own restarts use it; called by a program, there is
   nothing to restart and Linux answers EINTR. */
SYSCALL(restart_syscall)
{
    return -TARGET_EINTR;
}

/*
 * The arch_prctl options both guests have (a 64-bit kernel's
 * do_arch_prctl_common, which i386's compat call is all of): CPUID
 * faulting and the XSAVE feature masks.  CPUID never faults here: it
 * reads as on, and turning faulting on is ENODEV, as on a CPU without the
 * feature.  The emulated CPU has no XSAVE: the kernel then reports the
 * legacy x87 and SSE states alone, supported and permitted.
 */
#define ARCH_GET_CPUID 0x1011
#define ARCH_SET_CPUID 0x1012
#define ARCH_GET_XCOMP_SUPP 0x1021
#define ARCH_GET_XCOMP_PERM 0x1022
#define XFEATURE_MASK_FPSSE 3

abi_long do_arch_prctl_common(abi_ulong option, abi_ulong addr)
{
    switch (option) {
    case ARCH_GET_CPUID:
        return 1;
    case ARCH_SET_CPUID:
        return addr ? 0 : -TARGET_ENODEV;
    case ARCH_GET_XCOMP_SUPP:
    case ARCH_GET_XCOMP_PERM:
        return put_user(XFEATURE_MASK_FPSSE, addr, uint64_t);
    default:
        qemu_log_mask(LOG_UNIMP, "arch_prctl: option 0x" TARGET_ABI_FMT_lx
                      " not emulated\n", option);
        return -TARGET_EINVAL;
    }
}

#ifndef TARGET_X86_64
SYSCALL(arch_prctl)
{
    return do_arch_prctl_common(arg[0], arg[1]);
}
#endif

const SyscallImpl syscalls_system[] = {
    { "chroot", sys_chroot, "s" },
    { "pivot_root", sys_pivot_root, "ss" },
    { "acct", sys_acct, "s" },
    { "swapon", sys_swapon, "sx" },
    { "swapoff", sys_swapoff, "s" },
    { "mount", sys_mount, "ssxxx" },
    { "umount2", sys_umount2, "sx" },
    { "umount", sys_umount, "s" },
    { "sethostname", sys_sethostname, "xd" },
    { "setdomainname", sys_setdomainname, "xd" },
    { "setns", sys_setns, "dx" },
    { "unshare", sys_unshare, "x" },
    { "vhangup", sys_vhangup, "" },
    { "syslog", sys_syslog, "dxd" },
    { "ioprio_get", sys_ioprio_get, "dd" },
    { "ioprio_set", sys_ioprio_set, "ddd" },
    { "kcmp", sys_kcmp, "dddxx" },
    { "sched_setattr", sys_sched_setattr, "dxx" },
    { "sched_getattr", sys_sched_getattr, "dxux" },
    { "readahead", sys_readahead, "dlu" },
    { "process_mrelease", sys_process_mrelease, "dx" },
    { "nice", sys_nice, "d" },
    { "restart_syscall", sys_restart_syscall, "" },
#ifndef TARGET_X86_64
    { "arch_prctl", sys_arch_prctl, "xx" },
#endif
    { NULL }
};
