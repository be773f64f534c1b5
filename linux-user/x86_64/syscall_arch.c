/*
 * syscall_arch.c (x86_64 guest): the calls whose x86_64 form differs from
 * i386's.  struct stat and statfs are rebuilt in the x86_64 layout (an
 * aarch64 host's struct stat is another); linux_dirent passes straight
 * through; arch_prctl sets FS/GS bases.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <asm/prctl.h>
#include "syscall_impl.h"
#include "stat-layouts.h"

DEFINE_STRUCT_LAYOUT(stat_layout, struct stat, struct target_stat,
                     STAT_FIELDS_BUT_INO(struct target_stat),
                     STAT_FIELD(struct target_stat, st_ino, st_ino));
DEFINE_STATFS_LAYOUT(statfs_layout, struct target_statfs);

static abi_long do_fstatat(int dirfd, abi_ulong gpath, abi_ulong gbuf, int flags)
{
    struct stat st;

    LOOKUP_PATH_FROM_USER(path, gpath, flags);
    if (procfs_fstatat(dirfd, path, &st, flags) != 0) {
        return -errno;
    }
    return struct_to_user(gbuf, &st, &stat_layout);
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

    if (procfs_fstat(arg[0], &st) != 0) {
        return -errno;
    }
    return struct_to_user(arg[1], &st, &stat_layout);
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
    return struct_to_user(arg[1], &sfs, &statfs_layout);
}

SYSCALL(fstatfs)
{
    struct statfs sfs;

    if (procfs_fstatfs(arg[0], &sfs) != 0) {
        return -errno;
    }
    return struct_to_user(arg[1], &sfs, &statfs_layout);
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
