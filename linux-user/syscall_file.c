/*
 * syscall_file.c: syscalls on files and paths whose arguments the host
 * takes as they are (x86 guests share the host's flags and, for these
 * calls, its structure layouts): I/O, names, directories, permissions.
 * The calls whose structures differ on i386 live in <arch>/syscall_arch.c.
 */
#include "qemu/osdep.h"
#include "qemu/own-fd.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/sendfile.h>
#include <sys/mman.h>
#include <sys/xattr.h>
#include "syscall_impl.h"

/* A host address no call may read (above the user half): the kernel's
   copy of a path from it fails with EFAULT. */
#define UNREADABLE_HOST_PATH ((const char *)0xffff800000000000ULL)

/* PATH_MAX bytes and no NUL among them: ENAMETOOLONG. */
static char too_long_path[PATH_MAX + 1];

const char *lookup_path_from_user(char *guest, char *buf, abi_ulong gaddr, int at_flags)
{
    switch (path_from_user(guest, gaddr)) {
    case 0:
        return path_for_host(guest, buf, at_flags);
    case -TARGET_ENAMETOOLONG:
        memset(too_long_path, 'x', PATH_MAX);
        return too_long_path;
    default:
        /* NULL stays NULL: some calls take it with AT_EMPTY_PATH. */
        return gaddr ? UNREADABLE_HOST_PATH : NULL;
    }
}

abi_long host_path_error(const char *path)
{
    if (path == too_long_path) {
        return -TARGET_ENAMETOOLONG;
    }
    return path == NULL || path == UNREADABLE_HOST_PATH ? -TARGET_EFAULT : 0;
}

/*
 * read, write, pread64, pwrite64: one guest buffer of the guest's length.
 * The kernel itself judges the buffer (uaccess.h): a bad one is EFAULT,
 * one that ends in a bad page a short count or EFAULT as the kind of file
 * decides, after its own checks (EBADF, EAGAIN, end of file).
 */
static abi_long do_rw(const abi_long *arg, bool is_write, bool at_offset)
{
    off_t off = at_offset ? target_offset64(arg[3], arg[4]) : 0;
    GuestBuf b;
    abi_long ret = guest_buf_begin(&b, arg[1], arg[2],
                                   is_write ? GUEST_READ : GUEST_WRITE);

    if (ret == 0) {
        if (is_write) {
            ret = at_offset ? safe_syscall(SYS_pwrite64, (int)arg[0], b.host, b.len, off)
                            : safe_syscall(SYS_write, (int)arg[0], b.host, b.len);
        } else {
            ret = at_offset ? safe_syscall(SYS_pread64, (int)arg[0], b.host, b.len, off)
                            : safe_syscall(SYS_read, (int)arg[0], b.host, b.len);
        }
        ret = get_errno(ret);
    }
    guest_buf_end(&b, is_write ? 0 : ret);
    return ret;
}

SYSCALL(read)
{
    return do_rw(arg, false, false);
}

SYSCALL(write)
{
    return do_rw(arg, true, false);
}

SYSCALL(pread64)
{
    return do_rw(arg, false, true);
}

SYSCALL(pwrite64)
{
    return do_rw(arg, true, true);
}

/*
 * readv, writev, preadv, pwritev and their *v2 forms, as raw calls: the
 * kernel takes the count as an unsigned long.  The positional forms take
 * the offset as two longs, low first (on x86_64 the low one holds it all),
 * and the *v2 forms flags after them.
 */
enum { IOV_READ = 0, IOV_WRITE = 1, IOV_AT_OFFSET = 2, IOV_FLAGS = 4 };

static abi_long do_iov(const abi_long *arg, int kind)
{
    static const long host_nr[] = {
        [IOV_READ] = SYS_readv, [IOV_WRITE] = SYS_writev,
        [IOV_AT_OFFSET | IOV_READ] = SYS_preadv,
        [IOV_AT_OFFSET | IOV_WRITE] = SYS_pwritev,
        [IOV_FLAGS | IOV_AT_OFFSET | IOV_READ] = SYS_preadv2,
        [IOV_FLAGS | IOV_AT_OFFSET | IOV_WRITE] = SYS_pwritev2,
    };
    bool is_write = kind & IOV_WRITE;
    int64_t off = kind & IOV_AT_OFFSET ? (int64_t)target_offset64(arg[3], arg[4]) : 0;
    GuestIov v;
    abi_long ret = guest_iov_begin(&v, arg[1], arg[2],
                                   is_write ? GUEST_READ : GUEST_WRITE);

    if (ret == 0) {
        ret = get_errno(safe_syscall(host_nr[kind], (int)arg[0], v.iov,
                                     (unsigned long)v.count, (long)off, 0L,
                                     (int)arg[5]));
    }
    guest_iov_end(&v, is_write ? 0 : ret);
    return ret;
}

SYSCALL(readv)
{
    return do_iov(arg, IOV_READ);
}

SYSCALL(writev)
{
    return do_iov(arg, IOV_WRITE);
}

SYSCALL(preadv)
{
    return do_iov(arg, IOV_AT_OFFSET | IOV_READ);
}

SYSCALL(pwritev)
{
    return do_iov(arg, IOV_AT_OFFSET | IOV_WRITE);
}

SYSCALL(preadv2)
{
    return do_iov(arg, IOV_FLAGS | IOV_AT_OFFSET | IOV_READ);
}

SYSCALL(pwritev2)
{
    return do_iov(arg, IOV_FLAGS | IOV_AT_OFFSET | IOV_WRITE);
}

abi_long syscall_filling_buf(long nr, const abi_long *arg, int nargs, int buf_arg,
                             abi_ulong len)
{
    long a[6];
    GuestBuf b;
    abi_long ret = guest_buf_begin(&b, arg[buf_arg], len, GUEST_WRITE);

    if (ret == 0) {
        for (int i = 0; i < 6; i++) {
            a[i] = i < nargs ? (long)arg[i] : 0;
        }
        a[buf_arg] = (long)(uintptr_t)b.host;
        a[buf_arg + 1] = b.len;
        ret = get_errno(syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
    }
    guest_buf_end(&b, ret);
    return ret;
}

/* O_LARGEFILE as the host kernel numbers it (its libc says 0 on 64-bit
   hosts): a 64-bit kernel sets it on every open and F_GETFL shows it. */
#if defined(__aarch64__)
#define HOST_KERNEL_O_LARGEFILE 0400000
#elif defined(__powerpc64__)
#define HOST_KERNEL_O_LARGEFILE 0200000
#else
#define HOST_KERNEL_O_LARGEFILE 0100000
#endif

/* The x86 open flags that aarch64 and ppc64 number otherwise. */
#define GUEST_O_LARGEFILE 0100000
static const struct {
    int guest, host;
} renumbered_open_flags[] = {
    { 040000, O_DIRECT }, { 0200000, O_DIRECTORY }, { 0400000, O_NOFOLLOW },
    { GUEST_O_LARGEFILE, HOST_KERNEL_O_LARGEFILE },
};

/* flags with the renumbered bits moved from one side's numbers to the
   other's; the bits the table does not name are the same on both. */
static uint64_t renumber_open_flags(uint64_t flags, bool to_host)
{
    uint64_t out = flags;

    for (size_t i = 0; i < ARRAY_SIZE(renumbered_open_flags); i++) {
        out &= ~(uint64_t)(to_host ? renumbered_open_flags[i].guest
                                   : renumbered_open_flags[i].host);
    }
    for (size_t i = 0; i < ARRAY_SIZE(renumbered_open_flags); i++) {
        int from = to_host ? renumbered_open_flags[i].guest : renumbered_open_flags[i].host;
        int to = to_host ? renumbered_open_flags[i].host : renumbered_open_flags[i].guest;

        if (flags & from) {
            out |= to;
        }
    }
    return out;
}

uint64_t host_open_flags(uint64_t guest)
{
    return renumber_open_flags(guest, true);
}

/* A 64-bit kernel sets O_LARGEFILE on every open of a 64-bit program, and
   of a 32-bit one only when it asked (open64); which it did is not kept,
   so a 32-bit guest sees it clear, as under QEMU. */
uint64_t guest_open_flags(uint64_t host)
{
    uint64_t guest = renumber_open_flags(host, false);

    return TARGET_ABI_BITS == 32 ? guest & ~(uint64_t)GUEST_O_LARGEFILE : guest;
}

static abi_long do_openat(int dirfd, abi_ulong gpath, int guest_flags, mode_t mode)
{
    int flags = host_open_flags((unsigned)guest_flags);
    abi_long ret;

    LOOKUP_PATH_FROM_USER(path, gpath, flags & O_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0);
    ret = host_path_error(path) ? PROCFS_HOST_FILE : procfs_open(path, flags);
    if (ret != PROCFS_HOST_FILE) {
        return ret;
    }
    return get_errno(safe_syscall(SYS_openat, dirfd, path, flags, mode));
}

SYSCALL(open)
{
    return do_openat(AT_FDCWD, arg[0], arg[1], arg[2]);
}

SYSCALL(openat)
{
    return do_openat(arg[0], arg[1], arg[2], arg[3]);
}

/*
 * openat2: struct open_how is three u64 (flags, mode, resolve) on every
 * ABI; the kernel takes any size from its first version (24 bytes) to a
 * page and judges the bytes past the ones it knows, so the guest's bytes
 * go to the host as they are.  The path is redirected as openat's, except
 * under RESOLVE_IN_ROOT, where an absolute path starts at dirfd.
 */
#define OPEN_HOW_SIZE_VER0 24
#define OPEN_HOW_SIZE_MAX 4096
#ifndef RESOLVE_IN_ROOT
#define RESOLVE_IN_ROOT 0x10
#endif

SYSCALL(openat2)
{
    uint64_t how[OPEN_HOW_SIZE_MAX / sizeof(uint64_t)];
    abi_ulong size = arg[3];
    char buf[PATH_MAX];
    const char *path;
    abi_long ret;

    if (size < OPEN_HOW_SIZE_VER0) {
        return -TARGET_EINVAL;
    }
    if (size > OPEN_HOW_SIZE_MAX) {
        return -TARGET_E2BIG;
    }
    if (copy_from_user(how, arg[2], size)) {
        return -TARGET_EFAULT;
    }
    how[0] = host_open_flags(how[0]);
    PATH_FROM_USER(guest_path, arg[1]);
    path = guest_path;
    if (!(how[2] & RESOLVE_IN_ROOT)) {
        path = path_for_host(guest_path, buf,
                             how[0] & O_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0);
    }
    if (how[0] <= INT_MAX) {        /* larger ones are the host's to refuse */
        ret = procfs_open(path, how[0]);
        if (ret != PROCFS_HOST_FILE) {
            return ret;
        }
    }
    return get_errno(safe_syscall(SYS_openat2, (int)arg[0], path, how, (size_t)size));
}

SYSCALL(creat)
{
    return do_openat(AT_FDCWD, arg[0], O_CREAT | O_WRONLY | O_TRUNC, arg[1]);
}

SYSCALL(close)
{
    /* (not the guest's: natively there is nothing to close there) */
    return own_fd_is(arg[0]) ? -TARGET_EBADF : get_errno(close(arg[0]));
}

SYSCALL(lseek)
{
    /* the offset is a signed long of the guest */
    return get_errno(procfs_lseek(arg[0], (abi_long)arg[1], arg[2]));
}

/* struct statx is the same 256 bytes on every ABI. */
#define GUEST_STATX_SIZE 256

SYSCALL(statx)
{
    char made_up[PATH_MAX];
    int dirfd = arg[0], flags = arg[2];
    const char *target;
    GuestBuf b;
    abi_long ret;

    LOOKUP_PATH_FROM_USER(path, arg[1], flags);
    target = procfs_stat_target(&dirfd, path, &flags, made_up, sizeof(made_up));
    ret = guest_buf_begin(&b, arg[4], GUEST_STATX_SIZE, GUEST_WRITE);
    if (ret == 0) {
        ret = get_errno(syscall(SYS_statx, dirfd, target, flags, (unsigned)arg[3], b.host));
    }
    guest_buf_end(&b, ret == 0 ? GUEST_STATX_SIZE : 0);
    return ret;
}

SYSCALL(access)
{
    LOOKUP_PATH_FROM_USER(path, arg[0], 0);
    return get_errno(syscall(SYS_faccessat, AT_FDCWD, path, (int)arg[1]));
}

SYSCALL(faccessat)
{
    LOOKUP_PATH_FROM_USER(path, arg[1], 0);
    return get_errno(syscall(SYS_faccessat, (int)arg[0], path, (int)arg[2]));
}

SYSCALL(faccessat2)
{
    LOOKUP_PATH_FROM_USER(path, arg[1], arg[3]);
    return get_errno(syscall(SYS_faccessat2, (int)arg[0], path, (int)arg[2],
                             (int)arg[3]));
}

SYSCALL(getcwd)
{
    /* The kernel writes only the path (at most PATH_MAX bytes, ERANGE if
       size is shorter): a larger size is not checked beyond that. */
    return syscall_filling_buf(SYS_getcwd, arg, 2, 0, MIN((abi_ulong)arg[1], PATH_MAX));
}

SYSCALL(chdir)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(chdir(path));
}

SYSCALL(fchdir)
{
    return get_errno(fchdir(arg[0]));
}

SYSCALL(mkdir)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(mkdir(path, arg[1]));
}

SYSCALL(mkdirat)
{
    PATH_FROM_USER(path, arg[1]);
    return get_errno(mkdirat(arg[0], path, arg[2]));
}

SYSCALL(rmdir)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(rmdir(path));
}

SYSCALL(unlink)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(unlink(path));
}

SYSCALL(unlinkat)
{
    PATH_FROM_USER(path, arg[1]);
    return get_errno(unlinkat(arg[0], path, arg[2]));
}

static abi_long do_two_paths(long host_nr, int fd1, abi_ulong gp1, int fd2,
                             abi_ulong gp2, int flags)
{
    PATH_FROM_USER(p1, gp1);
    PATH_FROM_USER(p2, gp2);
    return get_errno(syscall(host_nr, fd1, p1, fd2, p2, flags));
}

SYSCALL(rename)
{
    return do_two_paths(SYS_renameat2, AT_FDCWD, arg[0], AT_FDCWD, arg[1], 0);
}

SYSCALL(renameat)
{
    return do_two_paths(SYS_renameat2, arg[0], arg[1], arg[2], arg[3], 0);
}

SYSCALL(renameat2)
{
    return do_two_paths(SYS_renameat2, arg[0], arg[1], arg[2], arg[3], arg[4]);
}

SYSCALL(link)
{
    return do_two_paths(SYS_linkat, AT_FDCWD, arg[0], AT_FDCWD, arg[1], 0);
}

SYSCALL(linkat)
{
    return do_two_paths(SYS_linkat, arg[0], arg[1], arg[2], arg[3], arg[4]);
}

SYSCALL(symlink)
{
    PATH_FROM_USER(target, arg[0]);
    PATH_FROM_USER(path, arg[1]);
    return get_errno(symlink(target, path));
}

SYSCALL(symlinkat)
{
    PATH_FROM_USER(target, arg[0]);
    PATH_FROM_USER(path, arg[2]);
    return get_errno(symlinkat(target, arg[1], path));
}

/* The size is an int to the kernel. */
static abi_long do_readlinkat(int dirfd, abi_ulong gpath, abi_ulong gbuf,
                              int size)
{
    const char *entry, *target;
    char host_buf[PATH_MAX];
    GuestBuf b;
    abi_long ret;

    if (size <= 0) {
        return -TARGET_EINVAL;      /* before the path, as the kernel checks */
    }
    PATH_FROM_USER(path, gpath);
    entry = procfs_own_entry(path);
    target = entry && strcmp(entry, "exe") == 0 ? guest_exe_path()
             : procfs_fd_link(path, host_buf, sizeof(host_buf));
    if (target) {
        size_t len = MIN(strlen(target), (size_t)size);

        /* readlink does not NUL-terminate */
        return copy_to_user(gbuf, target, len) ? -TARGET_EFAULT : (abi_long)len;
    }
    ret = guest_buf_begin(&b, gbuf, size, GUEST_WRITE);
    if (ret == 0) {
        ret = get_errno(readlinkat(dirfd, path_for_host(path, host_buf, AT_SYMLINK_NOFOLLOW), b.host, b.len));
    }
    guest_buf_end(&b, ret);
    return ret;
}

SYSCALL(readlink)
{
    return do_readlinkat(AT_FDCWD, arg[0], arg[1], arg[2]);
}

SYSCALL(readlinkat)
{
    return do_readlinkat(arg[0], arg[1], arg[2], arg[3]);
}

/* Reading /proc/self/fd must not list the emulator's own descriptors, nor
   /proc/self/task its own threads; a buffer that held only those is read
   again, since 0 means the end. */
SYSCALL(getdents64)
{
    GuestBuf b;
    abi_long got, ret = guest_buf_begin(&b, arg[1], (uint32_t)arg[2], GUEST_WRITE);

    if (ret == 0) {
        do {
            got = get_errno(syscall(SYS_getdents64, (int)arg[0], b.host, b.len));
            ret = got > 0 ? (abi_long)procfs_hide_own_entries(arg[0], b.host, got) : got;
        } while (got > 0 && ret == 0);
    }
    guest_buf_end(&b, ret);
    return ret;
}

SYSCALL(chmod)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(chmod(path, arg[1]));
}

SYSCALL(fchmod)
{
    return get_errno(fchmod(arg[0], arg[1]));
}

SYSCALL(fchmodat)
{
    PATH_FROM_USER(path, arg[1]);
    return get_errno(syscall(SYS_fchmodat, (int)arg[0], path, (mode_t)arg[2]));
}

/* Linux 6.6 and 6.5: numbers newer than the build host's headers may be. */
#define HOST_NR_FCHMODAT2 452
#define HOST_NR_CACHESTAT 451

/* fchmodat with flags (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
SYSCALL(fchmodat2)
{
    PATH_FROM_USER(path, arg[1]);
    return get_errno(syscall(HOST_NR_FCHMODAT2, (int)arg[0], path, (mode_t)arg[2],
                             (unsigned)arg[3]));
}

/*
 * cachestat: struct cachestat_range in, struct cachestat out, all 64-bit
 * fields in both guests' layouts and the host's.  An unreadable range is
 * passed on as NULL, so that the kernel's own order of checks (the
 * descriptor before the range) decides.
 */
SYSCALL(cachestat)
{
    uint64_t range[2], cstat[5];
    bool range_ok = copy_from_user(range, arg[1], sizeof(range)) == 0;
    abi_long ret = get_errno(syscall(HOST_NR_CACHESTAT, (unsigned)arg[0],
                                     range_ok ? range : NULL, cstat, (unsigned)arg[3]));

    if (ret == 0 && copy_to_user(arg[2], cstat, sizeof(cstat))) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/* 32-bit ids; i386's 16-bit chown/lchown/fchown are in i386/syscall_arch.c. */
SYSCALL(chown)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(chown(path, arg[1], arg[2]));
}

SYSCALL(lchown)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(lchown(path, arg[1], arg[2]));
}

SYSCALL(fchown)
{
    return get_errno(fchown(arg[0], arg[1], arg[2]));
}

SYSCALL(fchownat)
{
    PATH_FROM_USER(path, arg[1]);
    return get_errno(fchownat(arg[0], path, arg[2], arg[3], arg[4]));
}

SYSCALL(umask)
{
    return umask(arg[0]);
}

SYSCALL(sync)
{
    sync();
    return 0;
}

SYSCALL(syncfs)
{
    return get_errno(syncfs(arg[0]));
}

SYSCALL(fsync)
{
    return get_errno(fsync(arg[0]));
}

SYSCALL(fdatasync)
{
    return get_errno(fdatasync(arg[0]));
}

SYSCALL(truncate)
{
    PATH_FROM_USER(path, arg[0]);
    return get_errno(truncate(path, (abi_long)arg[1]));
}

SYSCALL(ftruncate)
{
    return get_errno(ftruncate(arg[0], (abi_long)arg[1]));
}

static abi_long do_utimensat(const abi_long *arg, const StructLayout *l)
{
    struct timespec ts[2];
    char path[PATH_MAX];
    abi_long err = arg[1] ? path_from_user(path, arg[1]) : 0;

    if (err) {
        return err;
    }
    if (arg[2] && struct_array_from_user(ts, arg[2], 2, l)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_utimensat, (int)arg[0], arg[1] ? path : NULL,
                             arg[2] ? ts : NULL, (int)arg[3]));
}

SYSCALL(utimensat)
{
    return do_utimensat(arg, &timespec_layout);
}

SYSCALL(utimensat_time64)
{
    return do_utimensat(arg, &timespec64_layout);
}

/* dev_t is the kernel's 32-bit encoding for both guests. */
SYSCALL(mknodat)
{
    PATH_FROM_USER(path, arg[1]);
    return get_errno(syscall(SYS_mknodat, (int)arg[0], path, (mode_t)arg[2],
                             (unsigned)arg[3]));
}

SYSCALL(mknod)
{
    const abi_long at_args[] = { AT_FDCWD, arg[0], arg[1], arg[2] };

    return sys_mknodat(env, at_args);
}

SYSCALL(memfd_create)
{
    PATH_FROM_USER(name, arg[0]);
    return get_errno(memfd_create(name, arg[1]));
}

/* The offset pointer is to a guest long (sendfile) or a 64-bit value
   (sendfile64); size is its width. */
static abi_long do_sendfile(const abi_long *arg, size_t size)
{
    off_t off = 0;
    abi_long ret;

    if (arg[2]) {
        int64_t v = 0;

        if (copy_from_user(&v, arg[2], size)) {
            return -TARGET_EFAULT;
        }
        off = size == 4 ? (int32_t)v : v;
    }
    ret = get_errno(safe_syscall(SYS_sendfile, (int)arg[0], (int)arg[1],
                                 arg[2] ? &off : NULL, (size_t)(abi_ulong)arg[3]));
    if (ret >= 0 && arg[2] && copy_to_user(arg[2], &off, size)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(sendfile)
{
    return do_sendfile(arg, sizeof(abi_long));
}

SYSCALL(sendfile64)
{
    return do_sendfile(arg, 8);
}

/* x86_64's forms; i386 splits the 64-bit values (i386/syscall_arch.c). */
SYSCALL(fallocate)
{
    return get_errno(fallocate(arg[0], arg[1], arg[2], arg[3]));
}

SYSCALL(fadvise64)
{
    return get_errno(syscall(SYS_fadvise64, (int)arg[0], (off_t)arg[1],
                             (off_t)arg[2], (int)arg[3]));
}

SYSCALL(sync_file_range)
{
    return get_errno(sync_file_range(arg[0], arg[1], arg[2], arg[3]));
}

/*
 * splice, tee and copy_file_range: the optional offsets are pointers to a
 * 64-bit loff_t on both guests; they are read before and written back
 * after the call, as the kernel does.
 */
static abi_long offset_from_user(loff_t *off, loff_t **p, abi_ulong gaddr)
{
    *p = gaddr ? off : NULL;
    return gaddr ? copy_from_user(off, gaddr, sizeof(*off)) : 0;
}

static abi_long offsets_to_user(abi_long ret, abi_ulong gin, const loff_t *in,
                                abi_ulong gout, const loff_t *out)
{
    if (ret >= 0 && ((gin && copy_to_user(gin, in, sizeof(*in))) ||
                     (gout && copy_to_user(gout, out, sizeof(*out))))) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/* arg: fd_in, off_in, fd_out, off_out, len, flags (splice's order). */
static abi_long do_splice(const abi_long *arg, bool copy_range)
{
    loff_t in, out, *pin, *pout;
    abi_long ret;

    if (offset_from_user(&in, &pin, arg[1]) || offset_from_user(&out, &pout, arg[3])) {
        return -TARGET_EFAULT;
    }
    ret = safe_syscall(copy_range ? SYS_copy_file_range : SYS_splice, (int)arg[0], pin,
                       (int)arg[2], pout, (size_t)(abi_ulong)arg[4], (unsigned)arg[5]);
    return offsets_to_user(get_errno(ret), arg[1], &in, arg[3], &out);
}

SYSCALL(splice)
{
    return do_splice(arg, false);
}

SYSCALL(copy_file_range)
{
    return do_splice(arg, true);
}

SYSCALL(tee)
{
    return get_errno(safe_syscall(SYS_tee, (int)arg[0], (int)arg[1],
                                  (size_t)(abi_ulong)arg[2], (unsigned)arg[3]));
}

/*
 * The xattr family: names and values are bytes, the same for every ABI.
 * Each call exists on a path, on a path without following the last link
 * (l*) and on a descriptor (f*); the host's raw call of the same kind gets
 * the path or the descriptor.
 */
enum { XATTR_PATH, XATTR_LPATH, XATTR_FD };

static const long xattr_nr[][3] = {
    { SYS_getxattr, SYS_lgetxattr, SYS_fgetxattr },
    { SYS_setxattr, SYS_lsetxattr, SYS_fsetxattr },
    { SYS_listxattr, SYS_llistxattr, SYS_flistxattr },
    { SYS_removexattr, SYS_lremovexattr, SYS_fremovexattr },
};
enum { XATTR_GET, XATTR_SET, XATTR_LIST, XATTR_REMOVE };

/* The kernel's XATTR_NAME_MAX and XATTR_SIZE_MAX. */
#define XATTR_NAME_MAX 255
#define XATTR_SIZE_MAX 65536

/* An attribute name: one byte more than the kernel accepts is enough for
   the host to refuse it (ERANGE) as it would refuse the guest's. */
static abi_long xattr_name_from_user(char *name, abi_ulong gname)
{
    abi_long len = strncpy_from_user(name, gname, XATTR_NAME_MAX + 1);

    name[XATTR_NAME_MAX + 1] = 0;
    return len < 0 ? len : 0;
}

/* get/set: target, name, value, size (, flags); list: target, list, size;
   remove: target, name.  The value buffer is the host kernel's to judge:
   it touches it only once the attribute is found, and reads or writes
   no more than XATTR_SIZE_MAX. */
static abi_long do_xattr(int op, int kind, const abi_long *arg)
{
    bool has_name = op != XATTR_LIST;
    abi_ulong gbuf = arg[has_name ? 2 : 1], size = arg[has_name ? 3 : 2];
    char path[PATH_MAX], name[XATTR_NAME_MAX + 2];
    long target = (int)arg[0];
    abi_long ret = 0;
    GuestBuf b;

    if (kind != XATTR_FD) {
        ret = path_from_user(path, arg[0]);
        target = (long)(uintptr_t)path;
    }
    if (ret == 0 && has_name) {
        ret = xattr_name_from_user(name, arg[1]);
    }
    if (ret) {
        return ret;
    }
    if (op == XATTR_REMOVE) {
        return get_errno(syscall(xattr_nr[op][kind], target, name));
    }
    if (op != XATTR_SET) {
        size = MIN(size, XATTR_SIZE_MAX);
    }
    ret = guest_buf_begin(&b, gbuf, size, op == XATTR_SET ? GUEST_READ : GUEST_WRITE);
    if (ret == 0 && op == XATTR_LIST) {
        ret = get_errno(syscall(xattr_nr[op][kind], target, b.host, b.len));
    } else if (ret == 0) {
        ret = get_errno(syscall(xattr_nr[op][kind], target, name, b.host, b.len,
                                (int)arg[4]));
    }
    guest_buf_end(&b, op == XATTR_SET ? 0 : ret);
    return ret;
}

#define XATTR_SYSCALLS(op, opname)                                        \
    SYSCALL(opname##xattr) { return do_xattr(op, XATTR_PATH, arg); }      \
    SYSCALL(l##opname##xattr) { return do_xattr(op, XATTR_LPATH, arg); }  \
    SYSCALL(f##opname##xattr) { return do_xattr(op, XATTR_FD, arg); }
XATTR_SYSCALLS(XATTR_GET, get)
XATTR_SYSCALLS(XATTR_SET, set)
XATTR_SYSCALLS(XATTR_LIST, list)
XATTR_SYSCALLS(XATTR_REMOVE, remove)

const SyscallImpl syscalls_file[] = {
    { "read", sys_read, "dxu" },
    { "write", sys_write, "dxu", SC_RESIZES_ARG0_FD },
    { "pread64", sys_pread64, "dxuuu" },
    { "pwrite64", sys_pwrite64, "dxuuu", SC_RESIZES_ARG0_FD },
    { "readv", sys_readv, "dxd" },
    { "writev", sys_writev, "dxd", SC_RESIZES_ARG0_FD },
    { "preadv", sys_preadv, "dxduu" },
    { "pwritev", sys_pwritev, "dxduu", SC_RESIZES_ARG0_FD },
    { "preadv2", sys_preadv2, "dxduux" },
    { "pwritev2", sys_pwritev2, "dxduux", SC_RESIZES_ARG0_FD },
    { "open", sys_open, "sOm", SC_RESIZES_RESULT_FD | SC_MAY_SHRINK_FILE },
    { "openat", sys_openat, "fsOm", SC_RESIZES_RESULT_FD | SC_MAY_SHRINK_FILE },
    { "creat", sys_creat, "so", SC_RESIZES_RESULT_FD | SC_MAY_SHRINK_FILE },
    { "close", sys_close, "d" },
    { "lseek", sys_lseek, "dlW" },
    { "statx", sys_statx, "fsxxx" },
    { "access", sys_access, "sA" },
    { "faccessat", sys_faccessat, "fsA" },
    { "faccessat2", sys_faccessat2, "fsAx" },
    { "getcwd", sys_getcwd, "xu" },
    { "chdir", sys_chdir, "s" },
    { "fchdir", sys_fchdir, "d" },
    { "mkdir", sys_mkdir, "so" },
    { "mkdirat", sys_mkdirat, "fso" },
    { "rmdir", sys_rmdir, "s" },
    { "unlink", sys_unlink, "s" },
    { "unlinkat", sys_unlinkat, "fsR" },
    { "rename", sys_rename, "ss" },
    { "renameat", sys_renameat, "fsfs" },
    { "renameat2", sys_renameat2, "fsfsx" },
    { "link", sys_link, "ss" },
    { "linkat", sys_linkat, "fsfsx" },
    { "symlink", sys_symlink, "ss" },
    { "symlinkat", sys_symlinkat, "sfs" },
    { "readlink", sys_readlink, "sxu" },
    { "readlinkat", sys_readlinkat, "fsxu" },
    { "getdents64", sys_getdents64, "dxu" },
    { "chmod", sys_chmod, "so" },
    { "fchmod", sys_fchmod, "do" },
    { "fchmodat", sys_fchmodat, "fso" },
    { "fchmodat2", sys_fchmodat2, "fsox" },
    { "cachestat", sys_cachestat, "dxxx" },
    { "chown", sys_chown, "sdd" },
    { "lchown", sys_lchown, "sdd" },
    { "fchown", sys_fchown, "ddd" },
    { "chown32", sys_chown, "sdd" },
    { "lchown32", sys_lchown, "sdd" },
    { "fchown32", sys_fchown, "ddd" },
    { "fchownat", sys_fchownat, "fsddx" },
    { "umask", sys_umask, "o" },
    { "sync", sys_sync, "" },
    { "syncfs", sys_syncfs, "d" },
    { "fsync", sys_fsync, "d" },
    { "fdatasync", sys_fdatasync, "d" },
    { "truncate", sys_truncate, "sl", SC_RESIZES_ARG0_PATH | SC_MAY_SHRINK_FILE },
    { "ftruncate", sys_ftruncate, "dl", SC_RESIZES_ARG0_FD | SC_MAY_SHRINK_FILE },
    { "utimensat", sys_utimensat, "fsxx" },
    { "utimensat_time64", sys_utimensat_time64, "fsxx" },
    { "mknod", sys_mknod, "sou" },
    { "mknodat", sys_mknodat, "fsou" },
    { "openat2", sys_openat2, "fsxu", SC_RESIZES_RESULT_FD | SC_MAY_SHRINK_FILE },
    { "memfd_create", sys_memfd_create, "sx" },
    { "sendfile", sys_sendfile, "ddxu", SC_RESIZES_ARG0_FD },
    { "sendfile64", sys_sendfile64, "ddxu", SC_RESIZES_ARG0_FD },
    { "fallocate", sys_fallocate, "ddll", SC_RESIZES_ARG0_FD | SC_MAY_SHRINK_FILE },
    { "fadvise64", sys_fadvise64, "dlld" },
    { "sync_file_range", sys_sync_file_range, "dllu" },
    { "splice", sys_splice, "dxdxux", SC_RESIZES_ARG2_FD },
    { "tee", sys_tee, "ddux" },
    { "copy_file_range", sys_copy_file_range, "dxdxux", SC_RESIZES_ARG2_FD },
    { "getxattr", sys_getxattr, "ssxu" },
    { "lgetxattr", sys_lgetxattr, "ssxu" },
    { "fgetxattr", sys_fgetxattr, "dsxu" },
    { "setxattr", sys_setxattr, "ssxux" },
    { "lsetxattr", sys_lsetxattr, "ssxux" },
    { "fsetxattr", sys_fsetxattr, "dsxux" },
    { "listxattr", sys_listxattr, "sxu" },
    { "llistxattr", sys_llistxattr, "sxu" },
    { "flistxattr", sys_flistxattr, "dxu" },
    { "removexattr", sys_removexattr, "ss" },
    { "lremovexattr", sys_lremovexattr, "ss" },
    { "fremovexattr", sys_fremovexattr, "ds" },
    { NULL }
};
