/*
 * qemu.h: what the parts of linux-user share: the loaded image, per-thread
 * TaskState, guest memory access for syscalls (uaccess.h), and the entry
 * points of mmap.c, syscall.c, signal.c, elfload.c and the per-arch cpu
 * loops.
 */
#ifndef LINUX_USER_QEMU_H
#define LINUX_USER_QEMU_H

#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "qemu/hostpage.h"
#include "syscall_defs.h"
#include "target_syscall.h"
#include "exec/gdbstub.h"

/* What the ELF loader established. */
struct image_info {
    abi_ulong load_bias;
    abi_ulong load_addr;
    abi_ulong start_code, end_code;
    abi_ulong start_data, end_data;
    abi_ulong start_brk, brk;
    abi_ulong start_stack, stack_limit;
    abi_ulong entry;
    abi_ulong phdr;        /* guest address of the program headers */
    abi_ulong phnum;
    abi_ulong saved_auxv, auxv_len;
    abi_ulong arg_start, arg_end, env_start, env_end;
    const char *exec_path; /* absolute host path of the executable */
};

/* The TLS entries of the GDT (thread_area.c); each thread has its own, as
   under Linux, copied at clone. */
#define GDT_ENTRY_TLS_ENTRIES 3

/* Per guest thread. */
typedef struct TaskState {
    struct image_info *info;
    pid_t tid;                   /* the thread's id (the host's is the guest's) */
    abi_ulong child_tidptr;      /* set_tid_address, CLONE_CHILD_CLEARTID */
    abi_ulong robust_list;
    X86UserDesc tls_gdt[GDT_ENTRY_TLS_ENTRIES];
    /* signals: see signal.c */
    struct sigqueue_state *sigstate;
    abi_ulong sigaltstack_sp, sigaltstack_size;
    int sigaltstack_flags;
    uint64_t signal_mask;        /* guest's blocked set: bit n-1 = signal n */
    volatile int signal_pending;
} TaskState;

extern const char *exec_path;       /* the guest program, as given */
extern char *qemu_interp_prefix;    /* -L */
extern unsigned long guest_stack_size;
/* Linux's default stack_guard_gap: 256 pages that non-fixed mappings keep
   away from under the stack, and a growing stack from what is above. */
#define STACK_GUARD_GAP (256 * 4096)
extern int do_strace;               /* -strace */
extern const char *qemu_uname_release;  /* -r, or NULL: the host's */
extern unsigned long mmap_min_addr;

/* growsdown.c: grows the MAP_GROWSDOWN mapping above guest address addr
   down to it, as the kernel does on a fault there; false if none may. */
bool grow_down_to(abi_ulong addr);

/* elfload.c: load filename; fills info and the initial register state.
   On a bad file prints a one-line error naming it and returns -errno. */
int loader_exec(const char *filename, char **argv, char **envp,
                CPUArchState *env, struct image_info *info);

/* mmap.c: guest mmap semantics at 4 KiB over H host pages.  Return the
   guest address or -TARGET_Exxx. */
void mmap_init(void);
abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags,
                     int fd, off_t offset);
int target_munmap(abi_ulong start, abi_ulong len);
int target_mprotect(abi_ulong start, abi_ulong len, int prot);
abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size,
                       abi_ulong new_size, unsigned long flags,
                       abi_ulong new_addr);
/* Whether a target_mmap/target_mremap result is an error (-TARGET_Exxx)
   rather than an address: i386 addresses above 2 GiB are negative as
   abi_long, so "< 0" is not the test. */
static inline bool target_mmap_failed(abi_long ret)
{
    return (abi_ulong)ret >= (abi_ulong)-4096;
}
/* mmap-file-size.c: fd's file may have changed size (a guest write,
   truncate...): its mappings show the new end as a 4 KiB kernel would. */
void mmap_follow_file_size(int fd);
/* Find a free guest range of size len at or above start (-1 if none). */
abi_ulong mmap_find_vma(abi_ulong start, abi_ulong size);
/* In a forked child: mmap_lock is free again (its owner was a thread of
   the parent). */
void mmap_lock_fork_child(void);
/* Choose the guest address space (reserved on the host where it can be)
   and set guest_base. */
void guest_space_init(void);
/* One past the highest guest address a mapping may use. */
uint64_t guest_space_end(void);

/* syscall_proc.c: the guest's soft RLIMIT_AS, RLIMIT_DATA or RLIMIT_STACK
   (kept by the emulator, not the host's: they would bind the emulator's
   own memory there); RLIM_INFINITY for none. */
uint64_t guest_rlimit_cur(int resource);

/* exec.c: execve that runs guest binaries under this emulator, passing
   on the options recorded with exec_inherit_option (arg may be NULL). */
void exec_init(void);
void exec_inherit_option(const char *option, const char *arg);
int exec_program(const char *path, char **argv, char **envp);

/* syscall.c */
abi_long do_syscall(CPUArchState *env, int num, abi_long arg1, abi_long arg2,
                    abi_long arg3, abi_long arg4, abi_long arg5, abi_long arg6);
void syscall_init(void);
abi_long target_brk_init(abi_ulong brk);
/* syscall_mem.c: the initial and the current break (mmap_lock held). */
void target_brk_range(abi_ulong *start, abi_ulong *cur);
/* -strace: print a syscall and its result (strace.c) */
void print_syscall(int num, abi_long a1, abi_long a2, abi_long a3,
                   abi_long a4, abi_long a5, abi_long a6);
void print_syscall_ret(int num, abi_long ret, const abi_long *arg);
/* name of a syscall for logs, or NULL */
const char *target_syscall_name(int num);

/* signal.c */
void signal_init(void);
/* Queue guest signal sig for the current thread, with si_code and si_addr. */
void queue_signal(CPUArchState *env, int sig, int si_code, abi_ulong addr);
/* Deliver pending signals: set up guest frames or perform default action. */
void process_pending_signals(CPUArchState *env);
/* /proc/.../status: thread tid's signal sets as the guest sees them (bit
   n-1 = signal n; the calling thread's if tid is no thread of the guest).
   pending and shared_pending come in as the host's SigPnd and ShdPnd lines
   of that thread give them. */
typedef struct GuestSignalSets {
    uint64_t pending, shared_pending, blocked, ignored, caught;
} GuestSignalSets;
void signal_guest_sets(pid_t tid, GuestSignalSets *sets);
/* Die the way the native program would have died of sig. */
QEMU_NORETURN void dump_core_and_abort(int target_sig);
abi_long do_sigaction(int sig, abi_ulong act, abi_ulong oact);
abi_long do_rt_sigprocmask(CPUArchState *env, int how, abi_ulong set,
                           abi_ulong oset, abi_ulong setsize);
abi_long do_sigaltstack(CPUArchState *env, abi_ulong uss, abi_ulong uoss);
long do_rt_sigreturn(CPUArchState *env);
long do_sigreturn(CPUArchState *env);

/* per-arch cpu_loop.c */
QEMU_NORETURN void cpu_loop(CPUArchState *env);
void target_cpu_init(CPUArchState *env, struct image_info *info);

/* Guest memory for the syscall layer. */
#include "uaccess.h"

#endif
