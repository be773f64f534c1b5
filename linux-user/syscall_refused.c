/*
 * syscall_refused.c: the syscalls this emulator deliberately answers with
 * ENOSYS, each with its reason.  Every number of both guests' tables is
 * either implemented by a topic file or listed here
 * (tests/unit/target-syscalls.c checks it; docs/user/syscall-table.md, the
 * users' table, is generated from these entries by "make syscall-docs").
 * A refused call logs its name and reason under -d unimp.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "syscall_impl.h"

/* The reasons, shared by the calls they explain. */
static const char GONE[] = "Linux answers ENOSYS too (removed or never implemented)";
static const char NO_COMPAT[] = "an x86-64 Linux answers ENOSYS to i386 programs too";
static const char OLD_I386[] = "obsolete i386 form that no libc of this century calls; not yet";
static const char OBSOLETE[] = "obsolete call that no current libc or tool makes; not yet";
static const char OLD_SIGNAL[] = "old i386 signal call (glibc uses the rt_ forms); not yet";
static const char ASYNC_IO[] = "the kernel would read and write the guest buffers named in "
                               "queued requests as host pointers, behind the emulator's back";
static const char HOST_ONLY[] = "would act on the emulator's host process, not the emulated one";
static const char NUMA[] = "NUMA placement of guest pages not emulated; libnuma reads "
                           "ENOSYS as no NUMA";
static const char ADMIN[] = "loads, replaces or restarts the host's kernel; not for an "
                            "emulated program";
static const char MOUNT_API[] = "new mount API not yet; mount(8) falls back to mount(2)";
static const char NOT_YET[] = "not yet implemented";

/* The number the guest asked for is still in eax while the handler runs. */
SYSCALL(refused)
{
    const SyscallImpl *impl = syscall_impl(env->regs[R_EAX]);

    qemu_log_mask(LOG_UNIMP, "Refused syscall: %s: %s\n", impl->name, impl->why);
    return -TARGET_ENOSYS;
}

#define REFUSED(name, why) { name, sys_refused, "", 0, why }

const SyscallImpl syscalls_refused[] = {
    REFUSED("afs_syscall", GONE),
    REFUSED("break", GONE),
    REFUSED("create_module", GONE),
    REFUSED("get_kernel_syms", GONE),
    REFUSED("getpmsg", GONE),
    REFUSED("putpmsg", GONE),
    REFUSED("query_module", GONE),
    REFUSED("nfsservctl", GONE),
    REFUSED("tuxcall", GONE),
    REFUSED("security", GONE),
    REFUSED("vserver", GONE),
    REFUSED("_sysctl", GONE),
    REFUSED("epoll_ctl_old", GONE),
    REFUSED("epoll_wait_old", GONE),
    REFUSED("lookup_dcookie", GONE),
    REFUSED("uselib", GONE),
    REFUSED("bdflush", GONE),
    REFUSED("ftime", GONE),
    REFUSED("gtty", GONE),
    REFUSED("stty", GONE),
    REFUSED("lock", GONE),
    REFUSED("mpx", GONE),
    REFUSED("prof", GONE),
    REFUSED("profil", GONE),
    REFUSED("ulimit", GONE),
    REFUSED("idle", GONE),
    REFUSED("vm86", NO_COMPAT),
    REFUSED("vm86old", NO_COMPAT),
    REFUSED("oldstat", OLD_I386),
    REFUSED("oldfstat", OLD_I386),
    REFUSED("oldlstat", OLD_I386),
    REFUSED("olduname", OLD_I386),
    REFUSED("oldolduname", OLD_I386),
    REFUSED("readdir", OLD_I386),
    REFUSED("ustat", OBSOLETE),
    REFUSED("sysfs", OBSOLETE),
    REFUSED("signal", OLD_SIGNAL),
    REFUSED("sigaction", OLD_SIGNAL),
    REFUSED("sigprocmask", OLD_SIGNAL),
    REFUSED("sigpending", OLD_SIGNAL),
    REFUSED("sigsuspend", OLD_SIGNAL),
    REFUSED("sgetmask", OLD_SIGNAL),
    REFUSED("ssetmask", OLD_SIGNAL),
    REFUSED("io_uring_setup", ASYNC_IO),
    REFUSED("io_uring_enter", ASYNC_IO),
    REFUSED("io_uring_register", ASYNC_IO),
    REFUSED("io_setup", ASYNC_IO),
    REFUSED("io_destroy", ASYNC_IO),
    REFUSED("io_submit", ASYNC_IO),
    REFUSED("io_cancel", ASYNC_IO),
    REFUSED("io_getevents", ASYNC_IO),
    REFUSED("io_pgetevents", ASYNC_IO),
    REFUSED("io_pgetevents_time64", ASYNC_IO),
    REFUSED("rseq", "the kernel would run the guest's restartable sequences as host "
                    "code addresses; glibc 2.35+ runs without (__rseq_size 0)"),
    REFUSED("ptrace", "the tracee's registers and memory are the emulated CPU's, "
                      "not the host process's"),
    REFUSED("seccomp", "a filter would judge the emulator's own host syscalls "
                       "(host numbers, x86-64 arch)"),
    REFUSED("bpf", HOST_ONLY),
    REFUSED("perf_event_open", HOST_ONLY),
    REFUSED("userfaultfd", "faults would be reported at the host addresses of the "
                           "emulator's own accesses"),
    REFUSED("landlock_create_ruleset", "would restrict the emulator's own file accesses "
                                       "(/proc, re-exec); programs read ENOSYS as no Landlock"),
    REFUSED("landlock_add_rule", "as landlock_create_ruleset"),
    REFUSED("landlock_restrict_self", "as landlock_create_ruleset"),
    REFUSED("iopl", "I/O instructions are emulated, never run by the host CPU"),
    REFUSED("ioperm", "as iopl"),
    REFUSED("pkey_alloc", "memory protection keys are not emulated (the CPU model has "
                          "no PKU)"),
    REFUSED("pkey_free", "as pkey_alloc"),
    REFUSED("pkey_mprotect", "as pkey_alloc"),
    REFUSED("memfd_secret", "secret memory cannot be mapped through the host-page "
                            "layer"),
    REFUSED("mbind", NUMA),
    REFUSED("get_mempolicy", NUMA),
    REFUSED("set_mempolicy", NUMA),
    REFUSED("set_mempolicy_home_node", NUMA),
    REFUSED("migrate_pages", NUMA),
    REFUSED("move_pages", NUMA),
    REFUSED("kexec_load", ADMIN),
    REFUSED("kexec_file_load", ADMIN),
    REFUSED("init_module", ADMIN),
    REFUSED("finit_module", ADMIN),
    REFUSED("delete_module", ADMIN),
    REFUSED("reboot", ADMIN),
    REFUSED("fsopen", MOUNT_API),
    REFUSED("fsconfig", MOUNT_API),
    REFUSED("fsmount", MOUNT_API),
    REFUSED("fspick", MOUNT_API),
    REFUSED("move_mount", MOUNT_API),
    REFUSED("open_tree", MOUNT_API),
    REFUSED("mount_setattr", MOUNT_API),
    REFUSED("execveat", "not yet; glibc's fexecve falls back to /proc/self/fd"),
    REFUSED("futex_waitv", "not yet (guest futex words need translating); glibc does "
                           "not use it"),
    REFUSED("futex_wake", "as futex_waitv"),
    REFUSED("futex_wait", "as futex_waitv"),
    REFUSED("futex_requeue", "as futex_waitv"),
    REFUSED("map_shadow_stack", "shadow stacks (CET) are not emulated: the CPU model has "
                                "no shadow stack"),
    REFUSED("mseal", "not yet (memory layer: sealed guest mappings)"),
    REFUSED("open_tree_attr", MOUNT_API),
    REFUSED("statmount", NOT_YET),
    REFUSED("listmount", NOT_YET),
    REFUSED("lsm_get_self_attr", NOT_YET),
    REFUSED("lsm_set_self_attr", NOT_YET),
    REFUSED("lsm_list_modules", NOT_YET),
    REFUSED("setxattrat", NOT_YET),
    REFUSED("getxattrat", NOT_YET),
    REFUSED("listxattrat", NOT_YET),
    REFUSED("removexattrat", NOT_YET),
    REFUSED("file_getattr", NOT_YET),
    REFUSED("file_setattr", NOT_YET),
    REFUSED("remap_file_pages", "not yet (memory layer)"),
    REFUSED("adjtimex", "not yet (struct timex differs on i386)"),
    REFUSED("clock_adjtime", "as adjtimex"),
    REFUSED("clock_adjtime64", "as adjtimex"),
    REFUSED("vmsplice", NOT_YET),
    REFUSED("fanotify_init", NOT_YET),
    REFUSED("fanotify_mark", NOT_YET),
    REFUSED("name_to_handle_at", NOT_YET),
    REFUSED("open_by_handle_at", NOT_YET),
    REFUSED("keyctl", NOT_YET),
    REFUSED("add_key", NOT_YET),
    REFUSED("request_key", NOT_YET),
    REFUSED("quotactl", NOT_YET),
    REFUSED("quotactl_fd", NOT_YET),
    { NULL }
};
