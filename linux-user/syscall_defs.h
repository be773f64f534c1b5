/*
 * syscall_defs.h: guest ABI constants and structures shared by the x86
 * guests.  Errno and signal numbers of i386/x86_64 Linux equal the x86-64
 * host's, so TARGET_E* and TARGET_SIG* map to the host values directly.
 *
 * The structures are written with abi_long/abi_ulong so that one definition
 * yields the i386 layout (32-bit longs, 64-bit values only 4-byte aligned)
 * in qemu-i386 and the x86-64 layout (identical to the host's) in
 * qemu-x86_64.
 */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include <errno.h>

#define TARGET_EPERM EPERM
#define TARGET_ENOENT ENOENT
#define TARGET_EINTR EINTR
#define TARGET_EBADF EBADF
#define TARGET_EAGAIN EAGAIN
#define TARGET_ENOMEM ENOMEM
#define TARGET_EACCES EACCES
#define TARGET_EFAULT EFAULT
#define TARGET_EEXIST EEXIST
#define TARGET_EINVAL EINVAL
#define TARGET_ENOTTY ENOTTY
#define TARGET_ERANGE ERANGE
#define TARGET_ENOSYS ENOSYS
#define TARGET_ENOEXEC ENOEXEC
#define TARGET_E2BIG E2BIG
#define TARGET_EOVERFLOW EOVERFLOW
#define TARGET_ESRCH ESRCH
#define TARGET_ENAMETOOLONG ENAMETOOLONG
#define TARGET_ENODEV ENODEV
/* Kernel-internal codes that never reach the guest: the syscall is to be
   restarted (if the signal handler has SA_RESTART / if no handler runs). */
#define TARGET_ERESTARTSYS 512
#define TARGET_ERESTARTNOHAND 514
/* do_sigreturn/do_rt_sigreturn: the registers were restored from the
   frame, so cpu_loop must not store a result into eax. */
#define TARGET_QEMU_ESIGRETURN 513

/* A 64-bit value as the guest lays it out: the i386 ABI aligns long long
   to 4 bytes inside structures. */
#ifdef TARGET_X86_64
typedef uint64_t abi_ullong;
typedef int64_t abi_llong;
#else
typedef uint64_t abi_ullong __attribute__((aligned(4)));
typedef int64_t abi_llong __attribute__((aligned(4)));
#endif

/* Signals: the guest's numbers, which signal.c maps to the host's; the
   guest's sigset is 64 bits, bit n-1 for signal n. */
#define TARGET_NSIG 64
#define TARGET_SIGRTMIN 32

/* The x86 mmap flags whose values other hosts do not share: MAP_32BIT
   exists only on x86 (a placement request, served by the guest-space
   search, never passed to the host), and ppc64 numbers MAP_LOCKED and
   MAP_NORESERVE differently (0x80 and 0x40).  linux-user/mmap.c's
   host_map_flags() is where guest flags become host flags. */
#define TARGET_MAP_32BIT     0x40
#define TARGET_MAP_LOCKED    0x2000
#define TARGET_MAP_NORESERVE 0x4000
typedef abi_ullong target_sigset_t;

#define TARGET_SA_NOCLDSTOP 0x00000001
#define TARGET_SA_NOCLDWAIT 0x00000002
#define TARGET_SA_SIGINFO   0x00000004
#define TARGET_SA_RESTORER  0x04000000
#define TARGET_SA_ONSTACK   0x08000000
#define TARGET_SA_RESTART   0x10000000
#define TARGET_SA_NODEFER   0x40000000
#define TARGET_SA_RESETHAND 0x80000000
#define TARGET_SA_EXPOSE_TAGBITS 0x00000800
/* The flags sigaction keeps (the kernel's UAPI_SA_FLAGS, Linux 5.11+): it
   clears the others, so that a program can tell what is supported (glibc
   passes its int flags sign-extended, the upper half set). */
#define TARGET_UAPI_SA_FLAGS (TARGET_SA_NOCLDSTOP | TARGET_SA_NOCLDWAIT | TARGET_SA_SIGINFO \
                              | TARGET_SA_ONSTACK | TARGET_SA_RESTART | TARGET_SA_NODEFER \
                              | TARGET_SA_RESETHAND | TARGET_SA_EXPOSE_TAGBITS \
                              | TARGET_SA_RESTORER)
#define TARGET_SIG_DFL 0
#define TARGET_SIG_IGN 1
#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_SS_AUTODISARM (1U << 31)
#define TARGET_MINSIGSTKSZ 2048

/* The kernel's struct sigaction (not glibc's). */
struct target_sigaction {
    abi_ulong _sa_handler;     /* sa_handler is a libc macro */
    abi_ulong sa_flags;
    abi_ulong sa_restorer;
    target_sigset_t sa_mask;
};

typedef struct target_stack {
    abi_ulong ss_sp;
    int32_t ss_flags;
    abi_ulong ss_size;
} target_stack_t;

#define TARGET_SI_MAX_SIZE 128
typedef struct target_siginfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    union {
        int32_t pad[TARGET_SI_MAX_SIZE / 4 - (TARGET_ABI_BITS == 64 ? 4 : 3)];
        struct { int32_t pid; uint32_t uid; } kill;
        struct { int32_t tid; int32_t overrun; abi_ulong sigval; } timer;
        struct { int32_t pid; uint32_t uid; abi_ulong sigval; } rt;
        struct {
            int32_t pid; uint32_t uid; int32_t status;
            abi_long utime, stime;
        } sigchld;
        struct { abi_ulong addr; } sigfault;
        struct { abi_long band; int32_t fd; } sigpoll;
    } fields;
} target_siginfo_t;

/* Time and resources. */
struct target_timespec { abi_long tv_sec; abi_long tv_nsec; };
struct target_timeval { abi_long tv_sec; abi_long tv_usec; };
struct target_itimerval {
    struct target_timeval it_interval;
    struct target_timeval it_value;
};
struct target_itimerspec {
    struct target_timespec it_interval;
    struct target_timespec it_value;
};
struct target_utimbuf { abi_long actime, modtime; };
struct target_tms {
    abi_long tms_utime, tms_stime, tms_cutime, tms_cstime;
};
struct target_rlimit { abi_ulong rlim_cur; abi_ulong rlim_max; };
#define TARGET_RLIM_INFINITY ((abi_ulong)-1)
struct target_rusage {
    struct target_timeval ru_utime;
    struct target_timeval ru_stime;
    abi_long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt,
             ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv,
             ru_nsignals, ru_nvcsw, ru_nivcsw;
};
struct target_sysinfo {
    abi_long uptime;
    abi_ulong loads[3];
    abi_ulong totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    abi_ulong totalhigh, freehigh;
    uint32_t mem_unit;
    char _f[20 - 2 * sizeof(abi_ulong) - sizeof(uint32_t)];
};
struct target_iovec { abi_ulong iov_base; abi_ulong iov_len; };

/* Files. */
struct target_flock {
    int16_t l_type, l_whence;
    abi_long l_start, l_len;
    int32_t l_pid;
};
struct target_flock64 {
    int16_t l_type, l_whence;
    abi_llong l_start, l_len;
    int32_t l_pid;
};
struct target_linux_dirent {
    abi_ulong d_ino;
    abi_ulong d_off;
    uint16_t d_reclen;
    char d_name[];           /* NUL-terminated, then d_type in the last byte */
};

#ifndef TARGET_X86_64
/* i386 struct stat64: 96 bytes; the 64-bit inode is at the end. */
struct target_stat64 {
    abi_ullong st_dev;
    uint8_t __pad0[4];
    abi_ulong __st_ino;
    uint32_t st_mode, st_nlink;
    abi_ulong st_uid, st_gid;
    abi_ullong st_rdev;
    uint8_t __pad3[4];
    abi_llong st_size;
    abi_ulong st_blksize;
    abi_ullong st_blocks;
    abi_ulong st_atime_, st_atime_nsec;
    abi_ulong st_mtime_, st_mtime_nsec;
    abi_ulong st_ctime_, st_ctime_nsec;
    abi_ullong st_ino;
};
/* i386 struct stat of the stat/lstat/fstat calls 106..108. */
struct target_stat {
    abi_ulong st_dev, st_ino;
    uint16_t st_mode, st_nlink, st_uid, st_gid;
    abi_ulong st_rdev, st_size, st_blksize, st_blocks;
    abi_ulong st_atime_, st_atime_nsec;
    abi_ulong st_mtime_, st_mtime_nsec;
    abi_ulong st_ctime_, st_ctime_nsec;
    abi_ulong __unused4, __unused5;
};
struct target_statfs {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};
struct target_statfs64 {
    uint32_t f_type, f_bsize;
    abi_ullong f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct target_stat64) == 96, "i386 stat64 layout");
_Static_assert(sizeof(struct target_stat) == 64, "i386 stat layout");
_Static_assert(sizeof(struct target_statfs64) == 84, "i386 statfs64 layout");
_Static_assert(sizeof(struct target_flock64) == 24, "i386 flock64 layout");
_Static_assert(sizeof(struct target_sigaction) == 20, "i386 sigaction");
#else
/* x86_64 struct stat: 144 bytes (aarch64's, the generic one, is 128 and
   puts st_mode before a 32-bit st_nlink). */
struct target_stat {
    abi_ulong st_dev, st_ino, st_nlink;
    uint32_t st_mode, st_uid, st_gid, __pad0;
    abi_ulong st_rdev;
    abi_long st_size, st_blksize, st_blocks;
    abi_ulong st_atime_, st_atime_nsec;
    abi_ulong st_mtime_, st_mtime_nsec;
    abi_ulong st_ctime_, st_ctime_nsec;
    abi_long __unused[3];
};
/* x86_64 struct statfs: every field a 64-bit word but the fsid halves. */
struct target_statfs {
    abi_long f_type, f_bsize;
    abi_ulong f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    abi_long f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct target_stat) == 144, "x86_64 stat layout");
_Static_assert(sizeof(struct target_statfs) == 120, "x86_64 statfs layout");
#endif

_Static_assert(sizeof(target_siginfo_t) == TARGET_SI_MAX_SIZE, "siginfo size");
_Static_assert(sizeof(struct target_sysinfo) == (TARGET_ABI_BITS == 64 ? 112 : 64),
               "sysinfo layout");

#endif
