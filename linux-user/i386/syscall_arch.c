/*
 * syscall_arch.c (i386 guest): the calls whose i386 form differs from the
 * shared one: 32-bit struct stat/stat64/statfs/linux_dirent layouts, 64-bit
 * offsets split over two registers, the old mmap and select that take
 * their arguments in memory, and the 16-bit uid/gid calls.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <dirent.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include "syscall_impl.h"
#include "stat-layouts.h"

DEFINE_STRUCT_LAYOUT(stat64_layout, struct stat, struct target_stat64,
                     STAT_FIELDS_BUT_INO(struct target_stat64),
                     STAT_FIELD(struct target_stat64, st_ino, __st_ino),
                     STAT_FIELD(struct target_stat64, st_ino, st_ino));
DEFINE_STRUCT_LAYOUT(old_stat_layout, struct stat, struct target_stat,
                     STAT_FIELDS_BUT_INO(struct target_stat),
                     STAT_FIELD(struct target_stat, st_ino, st_ino));
DEFINE_STATFS_LAYOUT(statfs64_layout, struct target_statfs64);
DEFINE_STATFS_LAYOUT(statfs_layout, struct target_statfs);

/* What stat, lstat, fstat, fstatat64 and friends found (found: 0, or -1
   with errno), in the old struct stat or in struct stat64. */
static abi_long stat_to_user(int found, struct stat *st, abi_ulong gbuf, bool old_layout)
{
    if (found != 0) {
        return -errno;
    }
    if (!old_layout) {
        return struct_to_user(gbuf, st, &stat64_layout);
    }
    if (st->st_ino > 0xffffffffu || st->st_size > 0x7fffffff) {
        return -TARGET_EOVERFLOW;
    }
    st->st_uid = high2low_id(st->st_uid);
    st->st_gid = high2low_id(st->st_gid);
    return struct_to_user(gbuf, st, &old_stat_layout);
}

static abi_long do_stat(int dirfd, abi_ulong gpath, int flags, abi_ulong gbuf,
                        bool old_layout)
{
    struct stat st;

    LOOKUP_PATH_FROM_USER(path, gpath, flags);
    return stat_to_user(procfs_fstatat(dirfd, path, &st, flags), &st, gbuf, old_layout);
}

/* (not fstatat(fd, "", AT_EMPTY_PATH): that takes AT_FDCWD as the cwd) */
static abi_long do_fstat(int fd, abi_ulong gbuf, bool old_layout)
{
    struct stat st;

    return stat_to_user(procfs_fstat(fd, &st), &st, gbuf, old_layout);
}

SYSCALL(stat)
{
    return do_stat(AT_FDCWD, arg[0], 0, arg[1], true);
}

SYSCALL(lstat)
{
    return do_stat(AT_FDCWD, arg[0], AT_SYMLINK_NOFOLLOW, arg[1], true);
}

SYSCALL(fstat)
{
    return do_fstat(arg[0], arg[1], true);
}

SYSCALL(stat64)
{
    return do_stat(AT_FDCWD, arg[0], 0, arg[1], false);
}

SYSCALL(lstat64)
{
    return do_stat(AT_FDCWD, arg[0], AT_SYMLINK_NOFOLLOW, arg[1], false);
}

SYSCALL(fstat64)
{
    return do_fstat(arg[0], arg[1], false);
}

SYSCALL(fstatat64)
{
    return do_stat(arg[0], arg[1], arg[3], arg[2], false);
}

static abi_long do_statfs(int fd, abi_ulong gpath, abi_ulong gbuf,
                          const StructLayout *layout)
{
    struct statfs sfs;

    if (gpath) {
        LOOKUP_PATH_FROM_USER(path, gpath, 0);
        if (statfs(path, &sfs) != 0) {
            return -errno;
        }
    } else if (procfs_fstatfs(fd, &sfs) != 0) {
        return -errno;
    }
    return struct_to_user(gbuf, &sfs, layout);
}

SYSCALL(statfs)
{
    return do_statfs(-1, arg[0], arg[1], &statfs_layout);
}

SYSCALL(fstatfs)
{
    return do_statfs(arg[0], 0, arg[1], &statfs_layout);
}

SYSCALL(statfs64)
{
    if (arg[1] != sizeof(struct target_statfs64)) {
        return -TARGET_EINVAL;
    }
    return do_statfs(-1, arg[0], arg[2], &statfs64_layout);
}

SYSCALL(fstatfs64)
{
    if (arg[1] != sizeof(struct target_statfs64)) {
        return -TARGET_EINVAL;
    }
    return do_statfs(arg[0], 0, arg[2], &statfs64_layout);
}

SYSCALL(_llseek)
{
    off_t off = procfs_lseek(arg[0], target_offset64(arg[2], arg[1]), arg[4]);

    if (off < 0) {
        return -errno;
    }
    return put_user((int64_t)off, arg[3], int64_t);
}

SYSCALL(truncate64)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(truncate(path, target_offset64(arg[1], arg[2])));
}

SYSCALL(ftruncate64)
{
    return get_errno(ftruncate(arg[0], target_offset64(arg[1], arg[2])));
}

/* Old mmap and select: the arguments sit in a block of guest longs. */
static abi_long load_arg_block(abi_long *args, abi_ulong gaddr, int n)
{
    abi_ulong block[6];

    if (copy_from_user(block, gaddr, n * sizeof(abi_ulong))) {
        return -TARGET_EFAULT;
    }
    for (int i = 0; i < n; i++) {
        args[i] = block[i];
    }
    return 0;
}

SYSCALL(mmap)
{
    abi_long a[6];

    if (load_arg_block(a, arg[0], 6)) {
        return -TARGET_EFAULT;
    }
    return target_mmap(a[0], a[1], a[2], a[3], a[4], (abi_ulong)a[5]);
}

SYSCALL(select)
{
    abi_long a[5];

    if (load_arg_block(a, arg[0], 5)) {
        return -TARGET_EFAULT;
    }
    return do_select_args(env, a);
}

/*
 * getdents: the host's linux_dirent64 records, rewritten in the i386
 * linux_dirent layout (smaller, so they always fit the guest's buffer).
 * As the kernel, a record that cannot be written to the guest ends the
 * call: the ones before it are the result (EFAULT if there are none) and
 * the directory is left positioned at it.
 */
struct host_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
};

SYSCALL(getdents)
{
    int fd = arg[0];
    unsigned count = arg[2];
    off_t resume = lseek(fd, 0, SEEK_CUR);  /* where the next record starts */
    char *host_buf = malloc(count ? count : 1);
    char *t = malloc(count ? count : 1);
    long len;
    abi_long ret = 0;

    if (!host_buf || !t) {
        free(host_buf);
        free(t);
        return -TARGET_ENOMEM;
    }
    len = syscall(SYS_getdents64, fd, host_buf, count);
    if (len < 0) {
        ret = -errno;
    }
    for (long pos = 0; pos < len;) {
        struct host_dirent64 *h = (struct host_dirent64 *)(host_buf + pos);
        struct target_linux_dirent *d = (struct target_linux_dirent *)t;
        size_t namelen = strlen(h->d_name);
        size_t reclen = QEMU_ALIGN_UP(offsetof(struct target_linux_dirent, d_name) +
                                      namelen + 2, sizeof(abi_ulong));

        if (h->d_ino > 0xffffffffu) {
            ret = -TARGET_EOVERFLOW;
            break;
        }
        d->d_ino = h->d_ino;
        d->d_off = h->d_off;
        d->d_reclen = reclen;
        memcpy(d->d_name, h->d_name, namelen + 1);
        t[reclen - 1] = h->d_type;
        if (copy_to_user(arg[1] + ret, t, reclen)) {
            lseek(fd, resume, SEEK_SET);
            ret = ret ? ret : -TARGET_EFAULT;
            break;
        }
        resume = h->d_off;
        ret += reclen;
        pos += h->d_reclen;
    }
    free(host_buf);
    free(t);
    return ret;
}

SYSCALL(getuid16)
{
    return high2low_id(getuid());
}

SYSCALL(geteuid16)
{
    return high2low_id(geteuid());
}

SYSCALL(getgid16)
{
    return high2low_id(getgid());
}

SYSCALL(getegid16)
{
    return high2low_id(getegid());
}

SYSCALL(setuid16)
{
    return get_errno(syscall(SYS_setuid, low2high_id(arg[0])));
}

SYSCALL(setgid16)
{
    return get_errno(syscall(SYS_setgid, low2high_id(arg[0])));
}

SYSCALL(chown16)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(chown(path, low2high_id(arg[1]), low2high_id(arg[2])));
}

SYSCALL(lchown16)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(lchown(path, low2high_id(arg[1]), low2high_id(arg[2])));
}

SYSCALL(fchown16)
{
    return get_errno(fchown(arg[0], low2high_id(arg[1]), low2high_id(arg[2])));
}

SYSCALL(getgroups16)
{
    return do_getgroups(arg[0], arg[1], 2);
}

SYSCALL(setgroups16)
{
    return do_setgroups(arg[0], arg[1], 2);
}

SYSCALL(getresuid16)
{
    return do_getresid(false, arg, 2);
}

SYSCALL(getresgid16)
{
    return do_getresid(true, arg, 2);
}

SYSCALL(setresuid16)
{
    return do_setresid(false, arg, 2);
}

SYSCALL(setresgid16)
{
    return do_setresid(true, arg, 2);
}

SYSCALL(setfsuid16)
{
    return do_setfsid(false, arg[0], 2);
}

SYSCALL(setfsgid16)
{
    return do_setfsid(true, arg[0], 2);
}

/* The 64-bit offsets and lengths, split over register pairs. */
SYSCALL(fallocate)
{
    return get_errno(fallocate(arg[0], arg[1], target_offset64(arg[2], arg[3]),
                               target_offset64(arg[4], arg[5])));
}

SYSCALL(fadvise64)
{
    return get_errno(syscall(SYS_fadvise64, (int)arg[0],
                             target_offset64(arg[1], arg[2]),
                             (off_t)(abi_ulong)arg[3], (int)arg[4]));
}

SYSCALL(fadvise64_64)
{
    return get_errno(syscall(SYS_fadvise64, (int)arg[0],
                             target_offset64(arg[1], arg[2]),
                             target_offset64(arg[3], arg[4]), (int)arg[5]));
}

SYSCALL(sync_file_range)
{
    return get_errno(sync_file_range(arg[0], target_offset64(arg[1], arg[2]),
                                     target_offset64(arg[3], arg[4]), arg[5]));
}

const SyscallImpl syscalls_arch[] = {
    { "stat", sys_stat, "sx" },
    { "lstat", sys_lstat, "sx" },
    { "fstat", sys_fstat, "dx" },
    { "stat64", sys_stat64, "sx" },
    { "lstat64", sys_lstat64, "sx" },
    { "fstat64", sys_fstat64, "dx" },
    { "fstatat64", sys_fstatat64, "fsxh" },
    { "statfs", sys_statfs, "sx" },
    { "fstatfs", sys_fstatfs, "dx" },
    { "statfs64", sys_statfs64, "sux" },
    { "fstatfs64", sys_fstatfs64, "dux" },
    { "_llseek", sys__llseek, "duuxW" },
    { "truncate64", sys_truncate64, "suu", SC_RESIZES_ARG0_PATH | SC_MAY_SHRINK_FILE },
    { "ftruncate64", sys_ftruncate64, "duu", SC_RESIZES_ARG0_FD | SC_MAY_SHRINK_FILE },
    { "mmap", sys_mmap, "x=x" },
    { "select", sys_select, "x" },
    { "getdents", sys_getdents, "dxu" },
    { "getuid", sys_getuid16, "" },
    { "geteuid", sys_geteuid16, "" },
    { "getgid", sys_getgid16, "" },
    { "getegid", sys_getegid16, "" },
    { "setuid", sys_setuid16, "d" },
    { "setgid", sys_setgid16, "d" },
    { "chown", sys_chown16, "sdd" },
    { "lchown", sys_lchown16, "sdd" },
    { "fchown", sys_fchown16, "ddd" },
    { "getgroups", sys_getgroups16, "dx" },
    { "setgroups", sys_setgroups16, "dx" },
    { "getresuid", sys_getresuid16, "xxx" },
    { "getresgid", sys_getresgid16, "xxx" },
    { "setresuid", sys_setresuid16, "ddd" },
    { "setresgid", sys_setresgid16, "ddd" },
    { "setfsuid", sys_setfsuid16, "d" },
    { "setfsgid", sys_setfsgid16, "d" },
    { "fallocate", sys_fallocate, "dduuuu", SC_RESIZES_ARG0_FD | SC_MAY_SHRINK_FILE },
    { "fadvise64", sys_fadvise64, "duuud" },
    { "fadvise64_64", sys_fadvise64_64, "duuuud" },
    { "sync_file_range", sys_sync_file_range, "duuuud" },
    { NULL }
};
