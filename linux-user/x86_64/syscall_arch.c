/*
 * syscall_arch.c (x86_64 guest): the calls whose x86_64 form differs from
 * i386's.  Here the guest's struct stat, statfs and linux_dirent are the
 * host's own, so they pass straight through; arch_prctl sets FS/GS bases.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <asm/prctl.h>
#include "syscall_impl.h"

static abi_long do_fstatat(int dirfd, abi_ulong gpath, abi_ulong gbuf, int flags)
{
    struct stat st;

    LOOKUP_PATH_FROM_USER(path, gpath, flags);
    if (fstatat(dirfd, path, &st, flags) != 0) {
        return -errno;
    }
    return copy_to_user(gbuf, &st, sizeof(st));
}

SYSCALL(stat)
{
    return do_fstatat(AT_FDCWD, arg[0], arg[1], 0);
}

SYSCALL(lstat)
{
    return do_fstatat(AT_FDCWD, arg[0], arg[1], AT_SYMLINK_NOFOLLOW);
}

SYSCALL(newfstatat)
{
    return do_fstatat(arg[0], arg[1], arg[2], arg[3]);
}

SYSCALL(fstat)
{
    struct stat st;

    if (fstat(arg[0], &st) != 0) {
        return -errno;
    }
    return copy_to_user(arg[1], &st, sizeof(st));
}

SYSCALL(getdents)
{
#ifdef SYS_getdents
    return syscall_filling_buf(SYS_getdents, arg, 3, 1, (uint32_t)arg[2]);
#else
    return -TARGET_ENOSYS;      /* hosts with getdents64 only (aarch64) */
#endif
}

SYSCALL(statfs)
{
    struct statfs sfs;

    LOOKUP_PATH_FROM_USER(path, arg[0], 0);
    if (statfs(path, &sfs) != 0) {
        return -errno;
    }
    return copy_to_user(arg[1], &sfs, sizeof(sfs));
}

SYSCALL(fstatfs)
{
    struct statfs sfs;

    if (fstatfs(arg[0], &sfs) != 0) {
        return -errno;
    }
    return copy_to_user(arg[1], &sfs, sizeof(sfs));
}

SYSCALL(arch_prctl)
{
    abi_ulong addr = arg[1];

    switch (arg[0]) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (addr > GUEST_ADDR_MAX) {
            return -TARGET_EPERM;
        }
        env->segs[arg[0] == ARCH_SET_FS ? R_FS : R_GS].base = addr;
        return 0;
    case ARCH_GET_FS:
    case ARCH_GET_GS:
        return put_user_ual(env->segs[arg[0] == ARCH_GET_FS ? R_FS : R_GS].base,
                            addr);
    default:
        return do_arch_prctl_common(arg[0], addr);
    }
}

const SyscallImpl syscalls_arch[] = {
    { "stat", sys_stat, "sx" },
    { "lstat", sys_lstat, "sx" },
    { "fstat", sys_fstat, "dx" },
    { "newfstatat", sys_newfstatat, "fsxh" },
    { "getdents", sys_getdents, "dxu" },
    { "statfs", sys_statfs, "sx" },
    { "fstatfs", sys_fstatfs, "dx" },
    { "arch_prctl", sys_arch_prctl, "xx" },
    { NULL }
};
