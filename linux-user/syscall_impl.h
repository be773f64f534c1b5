/*
 * syscall_impl.h: the inside of the syscall layer.  syscall.c dispatches
 * through one table per guest, built at start-up by joining the guest's
 * numbering (<arch>/syscall_nr.h) with the implementations, which each
 * topic file (syscall_file.c, syscall_mem.c, ...) and the arch file
 * (<arch>/syscall_arch.c) list in a slice keyed by syscall name.
 * docs/devel/linux-user.md explains how to add a syscall.
 */
#ifndef LINUX_USER_SYSCALL_IMPL_H
#define LINUX_USER_SYSCALL_IMPL_H

#include <sys/syscall.h>    /* SYS_* for safe_syscall and syscall */
#include "qemu.h"
#include "procfs.h"

/* TARGET_NR_<name> for every syscall of this guest. */
enum {
#define SYSCALL_NR(nr, name) TARGET_NR_##name = nr,
#include "syscall_nr.h"
#undef SYSCALL_NR
};

/* A handler gets the six raw argument registers. */
typedef abi_long SyscallFn(CPUArchState *env, const abi_long *arg);
/* Define the handler of syscall name (table entry: { "name", sys_name, ... }). */
#define SYSCALL(name) \
    static abi_long sys_##name(CPUArchState *env, const abi_long *arg)

/*
 * args: how -strace prints the arguments, one letter each (see strace.c):
 *   d int, l long, u unsigned long, x pointer/hex, h raw hex (0x1000, 0:
 *   file offsets and flag words QEMU prints with %#x), s string, o octal mode,
 *   f dirfd (AT_FDCWD), O open flags, P mmap prot, M mmap flags, S signal,
 *   F socket family, T socket type, p socket protocol (of the family in
 *   the first argument), A access mode (R_OK...), W lseek whence, C fcntl
 *   command, c fcntl's argument (as the command before it says; absent
 *   for commands without one), m open's mode (absent unless the flags
 *   before it have O_CREAT or O_TMPFILE), I ioctl request; x prints 0 as
 *   NULL.
 * An optional "=x" suffix prints the result in hex, "=!" prints no result;
 * "=t" and "=T" print after a success the timespec the call wrote at its
 * second argument (guest words; 64-bit words for the time64 calls), "=v"
 * gettimeofday's timeval and timezone, as QEMU 7.2 does.
 */
typedef struct SyscallImpl {
    const char *name;
    SyscallFn *fn;
    const char *args;
    unsigned flags;
    const char *why;    /* syscalls_refused: why it is ENOSYS */
} SyscallImpl;

/* Interrupted by a signal: return EINTR if a guest handler runs, restart
   otherwise (the kernel's ERESTARTNOHAND: poll, select, pause, sleeps).
   Calls without it restart when the handler has SA_RESTART. */
#define SC_EINTR_IF_HANDLED 1
/* May change a file's size (write, truncate, O_TRUNC...): windows onto
   files ask the file again afterwards (exec/shdwrt.h), and the mappings of
   the file named by the first argument, the third (splice, copy_file_range),
   the descriptor returned (open) or the path in the first argument
   (truncate) follow its new size (mmap_follow_file_size). */
#define SC_RESIZES_ARG0_FD      2
#define SC_RESIZES_ARG2_FD      4
#define SC_RESIZES_RESULT_FD    8
#define SC_RESIZES_ARG0_PATH    16
/* May also shrink it (truncate, O_TRUNC, fallocate): code translated from
   its pages past the new end must go, even with 4 KiB host pages. */
#define SC_MAY_SHRINK_FILE      32
#define SC_MAY_RESIZE_FILE \
    (SC_RESIZES_ARG0_FD | SC_RESIZES_ARG2_FD | SC_RESIZES_RESULT_FD | SC_RESIZES_ARG0_PATH)

/* The slices, each ended by an entry with a NULL name. */
extern const SyscallImpl syscalls_file[];
extern const SyscallImpl syscalls_fd[];
extern const SyscallImpl syscalls_mem[];
extern const SyscallImpl syscalls_proc[];
extern const SyscallImpl syscalls_time[];
extern const SyscallImpl syscalls_timer[];
extern const SyscallImpl syscalls_pidfd[];
extern const SyscallImpl syscalls_mqueue[];
extern const SyscallImpl syscalls_system[];
extern const SyscallImpl syscalls_refused[];  /* ENOSYS on purpose */
extern const SyscallImpl syscalls_signal[];
extern const SyscallImpl syscalls_thread_area[];
extern const SyscallImpl syscalls_ldt[];
extern const SyscallImpl syscalls_socket[];
extern const SyscallImpl syscalls_ipc[];
extern const SyscallImpl syscalls_arch[];   /* <arch>/syscall_arch.c */

/* The implementation of syscall num, or NULL. */
const SyscallImpl *syscall_impl(int num);
/* The implementation called name, searched as syscall_init does. */
const SyscallImpl *syscall_impl_by_name(const char *name);

/* How many arguments the syscall takes: one letter each in args. */
static inline size_t syscall_nargs(const SyscallImpl *impl)
{
    return strcspn(impl->args, "=");
}

/*
 * syscall_socket.c: socketcall's operations.  socketcall_init resolves
 * them (syscall_init calls it).  socketcall_args gives the syscall that
 * operation call stands for and its arguments read from the guest block
 * at gargs, unused ones 0 (0, -EINVAL for an unknown call, -EFAULT).
 */
void socketcall_init(void);
abi_long socketcall_args(abi_ulong call, abi_ulong gargs, abi_long *a,
                         const SyscallImpl **op);

/* The 16-bit ids of the old i386 calls: ids that do not fit read as the
   overflow id 65534, and (uint16_t)-1 means "unchanged" (-1). */
#define TARGET_OVERFLOW_ID 65534
static inline unsigned high2low_id(unsigned id)
{
    return id > 0xffff ? TARGET_OVERFLOW_ID : id;
}

static inline unsigned low2high_id(abi_ulong id)
{
    return (uint16_t)id == 0xffff ? (unsigned)-1 : (uint16_t)id;
}

/*
 * syscall_proc.c: the group list and the real/effective/saved and
 * filesystem ids, with ids of id_size bytes in guest memory and registers:
 * 4, or 2 for the old i386 calls (i386/syscall_arch.c).  is_gid picks the
 * group flavour of the uid/gid pairs.
 */
abi_long do_getgroups(int count, abi_ulong glist, int id_size);
abi_long do_setgroups(int count, abi_ulong glist, int id_size);
abi_long do_getresid(bool is_gid, const abi_long *arg, int id_size);
abi_long do_setresid(bool is_gid, const abi_long *arg, int id_size);
abi_long do_setfsid(bool is_gid, abi_ulong id, int id_size);

/*
 * safe-syscall.c: safe_syscall(nr, args...) is syscall(nr, args...) for a
 * host call that may block: a guest signal held after the cpu loop last
 * looked (signal_pending) makes it fail with EINTR instead of blocking,
 * however close to the host `syscall` instruction the signal arrives
 * (host_signal_handler calls safe_syscall_rewind).  -1 and errno on failure.
 */
long safe_syscall_base(volatile int *pending, long nr, ...);
long safe_syscall_errno(long ret);
#define safe_syscall(...) \
    safe_syscall_errno(safe_syscall_base(&((TaskState *)thread_cpu->opaque)->signal_pending, \
                                         __VA_ARGS__))
void safe_syscall_rewind(void *host_ucontext);
/* Before a safe_syscall in a call that may have set signal_pending itself
   (a wait's mask change sets it) or after one that failed for a signal the
   guest blocks: clears it, then looks for a deliverable signal.  True (with
   signal_pending set again, for do_syscall) when one waits: the call is to
   return EINTR.  A signal held after the clear makes safe_syscall EINTR. */
bool safe_syscall_signal_waits(CPUArchState *env);

/* Host result to guest result: -1/errno becomes -errno. */
static inline abi_long get_errno(long ret)
{
    return ret == -1 ? -errno : ret;
}

/* The 64-bit value an i386 guest passes in a register pair (low first). */
static inline uint64_t target_offset64(abi_ulong lo, abi_ulong hi)
{
#ifdef TARGET_X86_64
    (void)hi;
    return lo;
#else
    return (uint64_t)hi << 32 | lo;
#endif
}

/*
 * Structure conversion: a StructLayout lists the fields a host structure
 * and its guest counterpart share; integer fields of any width are copied
 * with sign or zero extension.  On x86_64 guests most layouts are the
 * identity, on i386 they narrow longs and pointers.  The converters
 * (struct_convert.c) return 0 or the copy's -TARGET_EFAULT (uaccess.h).
 */
typedef struct StructField {
    uint16_t host_off, target_off;
    uint8_t host_size, target_size;
    bool is_signed;
} StructField;

typedef struct StructLayout {
    size_t host_size, target_size;
    size_t nfields;
    const StructField *fields;
} StructLayout;

#define STRUCT_FIELD2(htype, hfield, ttype, tfield)                        \
    { offsetof(htype, hfield), offsetof(ttype, tfield),                    \
      sizeof(((htype *)0)->hfield), sizeof(((ttype *)0)->tfield),          \
      (__typeof__(((htype *)0)->hfield))-1 < (__typeof__(((htype *)0)->hfield))1 }
#define STRUCT_FIELD(htype, ttype, field) STRUCT_FIELD2(htype, field, ttype, field)
#define DEFINE_STRUCT_LAYOUT(var, htype, ttype, ...)                       \
    static const StructField var##_fields[] = { __VA_ARGS__ };             \
    const StructLayout var = { sizeof(htype), sizeof(ttype),               \
                               ARRAY_SIZE(var##_fields), var##_fields }

abi_long struct_to_user(abi_ulong gaddr, const void *host, const StructLayout *l);
abi_long struct_from_user(void *host, abi_ulong gaddr, const StructLayout *l);
/* Convert an array of n structures. */
abi_long struct_array_to_user(abi_ulong gaddr, const void *host, size_t n,
                              const StructLayout *l);
abi_long struct_array_from_user(void *host, abi_ulong gaddr, size_t n,
                                const StructLayout *l);

/* Layouts of the common structures (target_structs.c). */
extern const StructLayout timespec_layout;     /* struct timespec */
extern const StructLayout timespec64_layout;   /* __kernel_timespec (time64) */
extern const StructLayout timeval_layout;      /* struct timeval */
extern const StructLayout itimerval_layout;
extern const StructLayout itimerspec_layout;
extern const StructLayout itimerspec64_layout; /* __kernel_itimerspec (time64) */
extern const StructLayout utimbuf_layout;
extern const StructLayout tms_layout;
extern const StructLayout rusage_layout;
extern const StructLayout flock_layout;        /* struct flock, abi_long offsets */
extern const StructLayout flock64_layout;      /* struct flock, 64-bit offsets */
/* SysV IPC: the guest's 64 forms, and i386's old forms (ctl commands
   without IPC_64); seminfo, msginfo and shm_info have one form. */
extern const StructLayout shmid64_ds_layout, shmid_ds_old_layout;
extern const StructLayout semid64_ds_layout, semid_ds_old_layout;
extern const StructLayout msqid64_ds_layout, msqid_ds_old_layout;
extern const StructLayout shminfo64_layout, shminfo_old_layout;
extern const StructLayout shm_info_layout, seminfo_layout, msginfo_layout;

/* syscall_file.c: the raw host call nr on the first nargs arguments, of
   which arg[buf_arg] is a guest buffer the call fills and arg[buf_arg + 1]
   its length, len as the kernel takes it (getcwd, getdents, getrandom):
   only the bytes the call reports written are the guest's afterwards. */
abi_long syscall_filling_buf(long nr, const abi_long *arg, int nargs, int buf_arg,
                             abi_ulong len);

/* syscall_file.c: open and F_SETFL/F_GETFL flags from the guest's (x86)
   numbering to the host's and back; O_DIRECT, O_DIRECTORY, O_NOFOLLOW and
   O_LARGEFILE differ on aarch64 and ppc64 hosts. */
uint64_t host_open_flags(uint64_t guest);
uint64_t guest_open_flags(uint64_t host);

/* syscall_termios.c: the terminal-attribute ioctls (TCGETS, TCSETS*,
   TCGETS2, TCSETS2*, TCGETA, TCSETA*), whose structure and flag bits a
   host may lay out and number otherwise than x86 (ppc64).  false: request
   is not one of them; true: *ret is the result. */
bool termios_ioctl(abi_long *ret, int fd, uint32_t request, abi_ulong arg);

/* A guest sigset_t at gaddr (size bytes, must be 8). */
abi_long target_sigset_from_user(uint64_t *set, abi_ulong gaddr, abi_ulong size);

/*
 * ppoll, pselect6, epoll_pwait and rt_sigsuspend wait with the guest's
 * blocked set replaced by mask (signal.c).  begin returns false when a
 * signal the new mask lets through is already pending: the caller returns
 * -EINTR without waiting.  end puts the old set back, except when the wait
 * was interrupted: then it comes back after the signal's handler ran, as
 * the kernel does.
 */
bool sigmask_begin_wait(CPUArchState *env, uint64_t mask);
void sigmask_end_wait(CPUArchState *env, abi_long ret);

/* thread_area.c: set_thread_area on a guest struct user_desc (also the TLS
   of clone(CLONE_SETTLS) on i386). */
abi_long do_set_thread_area(CPUArchState *env, abi_ulong ptr);

/* signal.c: the host number of a guest signal that kill and the like send
   (the table of docs/devel/linux-user.md, "Signal numbers"): 0 stays 0
   (the existence probe); -1 for one the guest cannot send (-EINVAL). */
int target_to_host_signal_arg(abi_long sig);
/* signal.c: the guest number of host signal sig (the same table). */
int host_to_target_signal(int sig);
/* signal.c: rt_sigtimedwait: take a pending signal of set (guest numbers)
   or wait for one until timeout (NULL: forever); its number, -EAGAIN at
   the timeout, -EINTR when a signal outside set is to be handled. */
abi_long do_sigtimedwait(CPUArchState *env, uint64_t set, abi_ulong ginfo,
                         const struct timespec *timeout);
/* signal.c: a host siginfo in the guest's layout. */
void host_to_target_siginfo(target_siginfo_t *tinfo, const siginfo_t *info);
/* signal.c: the guest's signal sig with the guest siginfo at ginfo, as
   rt_sigqueueinfo and rt_tgsigqueueinfo send it (0 or -errno). */
abi_long target_to_host_siginfo_arg(siginfo_t *info, abi_long sig, abi_ulong ginfo);
/* signal.c: around execve: the host blocked set becomes the guest's, which
   the new program inherits; end puts the emulator's back if execve failed. */
void signal_exec_mask_begin(CPUArchState *env, uint64_t *old);
void signal_exec_mask_end(const uint64_t *old);
/* syscall_mem.c: a child made by fork gets the address space a kernel's
   fork copies: no MADV_DONTFORK pages, zeros in MADV_WIPEONFORK ones. */
void madvise_fork_child(void);
/* signal.c: a forked child starts with no pending signals. */
void signal_fork_child(CPUArchState *env);
/* signal.c: a new thread's signal state: parent's blocked set, nothing
   pending (false: out of memory); and its release when the thread ends
   (signals still pending for it are lost). */
bool signal_new_thread(TaskState *ts, const TaskState *parent);
void signal_end_thread(TaskState *ts);

/* signal.c: a signal waits that the guest does not block (a host call
   it interrupted is to return EINTR or restart; otherwise the host signal
   was one the guest blocks, and the call may go on as natively). */
bool guest_signal_deliverable(CPUArchState *env);

/* signal.c: rt_sigsuspend/pause (always -EINTR) and rt_sigpending. */
abi_long do_sigsuspend(CPUArchState *env, uint64_t mask);
abi_long do_rt_sigpending(CPUArchState *env, abi_ulong gset, abi_ulong size);

/* select with its five arguments in arg[0..4] (i386's old select passes
   them in a block in memory). */
abi_long do_select_args(CPUArchState *env, const abi_long *arg);

/*
 * thread.c.  do_thread_clone: clone with CLONE_VM (a new guest thread on a
 * new host thread); the child's tid or -errno.  thread_exit: the exit
 * syscall; the last thread's ends the process.  process_exit: exit_group.
 * fork_start/fork_end bracket a host fork (child: the forked process).
 */
abi_long do_thread_clone(CPUArchState *env, abi_ulong flags, abi_ulong newsp,
                         abi_ulong ptid, abi_ulong ctid, abi_ulong tls);
QEMU_NORETURN void thread_exit(CPUArchState *env, int status);
QEMU_NORETURN void process_exit(int status);
void fork_start(void);
void fork_end(CPUArchState *env, bool child);

/* syscall_system.c: the arch_prctl options of both guests (option, addr). */
abi_long do_arch_prctl_common(abi_ulong option, abi_ulong addr);

/* path.c: the host file the guest's path stands for when a call looks a
   file up: path itself, or buf (PATH_MAX bytes) filled with its place
   under the -L sysroot, or the guest program for /proc/self/exe unless
   at_flags has AT_SYMLINK_NOFOLLOW (the link itself is asked about). */
const char *path_for_host(const char *path, char *buf, int at_flags);
/*
 * The path argument gaddr of a call that looks a file up, as var: the
 * host's path for it (path_from_user, then path_for_host).  A path the
 * guest cannot supply (unreadable: EFAULT; too long) becomes one the host
 * call fails on the same way, so that the host kernel judges the other
 * arguments first, in its own order (access with a bad mode is EINVAL
 * whatever the path).  Such a var is no string: code that reads it before
 * the host call asks host_path_error first.
 */
#define LOOKUP_PATH_FROM_USER(var, gaddr, at_flags)              \
    char var##_guest_[PATH_MAX], var##_buf_[PATH_MAX];           \
    const char *var = lookup_path_from_user(var##_guest_, var##_buf_, gaddr, at_flags)
const char *lookup_path_from_user(char *guest, char *buf, abi_ulong gaddr, int at_flags);
/* 0 if path (from LOOKUP_PATH_FROM_USER) is a string, else the error the
   host call will give for it. */
abi_long host_path_error(const char *path);

#endif
