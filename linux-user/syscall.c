/*
 * syscall.c: the guest's syscall trap.  do_syscall() looks the number up in
 * a table built once by syscall_init() from the guest's numbering
 * (<arch>/syscall_nr.h, names for every number) and the slices of
 * implementations keyed by name (syscall_impl.h), calls the handler,
 * traces it under -strace, and turns a host EINTR into the restart code the
 * signal code acts on.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "qemu/log.h"
#include "qemu/hostpage.h"
#include "exec/shdwrt.h"
#include "exec/cputlb.h"
#include "syscall_impl.h"
#include "uaccess.h"

static const char *const syscall_names[] = {
#define SYSCALL_NR(nr, name) [nr] = #name,
#include "syscall_nr.h"
#undef SYSCALL_NR
};
#define SYSCALL_NR_COUNT ARRAY_SIZE(syscall_names)

/* The arch slice is searched first: where the i386 ABI gives a shared
   name other semantics (16-bit ids in chown, struct stat), its entry wins. */
static const SyscallImpl *const syscall_slices[] = {
    syscalls_arch, syscalls_file, syscalls_fd, syscalls_mem, syscalls_proc,
    syscalls_time, syscalls_timer, syscalls_pidfd, syscalls_mqueue,
    syscalls_system, syscalls_signal, syscalls_thread_area, syscalls_ldt, syscalls_socket,
    syscalls_ipc, syscalls_refused,
};

static const SyscallImpl *syscall_table[SYSCALL_NR_COUNT];
static bool syscall_table_ready;

const SyscallImpl *syscall_impl_by_name(const char *name)
{
    for (size_t s = 0; s < ARRAY_SIZE(syscall_slices); s++) {
        for (const SyscallImpl *i = syscall_slices[s]; i->name; i++) {
            if (strcmp(i->name, name) == 0) {
                return i;
            }
        }
    }
    return NULL;
}

void syscall_init(void)
{
    for (size_t nr = 0; nr < SYSCALL_NR_COUNT; nr++) {
        if (syscall_names[nr]) {
            syscall_table[nr] = syscall_impl_by_name(syscall_names[nr]);
        }
    }
    socketcall_init();
    syscall_table_ready = true;
}

const SyscallImpl *syscall_impl(int num)
{
    if (!syscall_table_ready) {
        syscall_init();
    }
    return num >= 0 && num < (int)SYSCALL_NR_COUNT ? syscall_table[num] : NULL;
}

const char *target_syscall_name(int num)
{
    return num >= 0 && num < (int)SYSCALL_NR_COUNT ? syscall_names[num] : NULL;
}

static bool strace_enabled(void)
{
    return do_strace || qemu_loglevel_mask(LOG_STRACE);
}

/* After a successful call that may have changed a file's size: its
   mappings follow (the SC_RESIZES_* flag says which file it was). */
static void follow_resized_file(unsigned flags, const abi_long *arg, abi_long ret)
{
    char path[PATH_MAX];
    int fd;

    redirect_note_file_sizes();
    /* A TLB entry filled before a shrink may point past the new end, where
       a large-page host does not fault (the rest of the host page holding
       end of file reads as zeros): refill, so the page is judged again. */
    if (ret >= 0 && (flags & SC_MAY_SHRINK_FILE)) {
        tlb_invalidate_all_cpus();
    }
    if (ret < 0 || (qemu_host_page_size == TARGET_PAGE_SIZE && !(flags & SC_MAY_SHRINK_FILE))) {
        return;
    }
    if (flags & SC_RESIZES_ARG0_PATH) {
        fd = path_from_user(path, arg[0]) ? -1 : open(path, O_PATH | O_CLOEXEC);
        if (fd >= 0) {
            mmap_follow_file_size(fd);
            close(fd);
        }
        return;
    }
    mmap_follow_file_size(flags & SC_RESIZES_RESULT_FD ? ret
                          : flags & SC_RESIZES_ARG2_FD ? arg[2] : arg[0]);
}

abi_long do_syscall(CPUArchState *env, int num, abi_long arg1, abi_long arg2,
                    abi_long arg3, abi_long arg4, abi_long arg5, abi_long arg6)
{
    const abi_long arg[6] = { arg1, arg2, arg3, arg4, arg5, arg6 };
    const SyscallImpl *impl = syscall_impl(num);
    TaskState *ts = env->opaque;
    abi_long ret;

    if (strace_enabled()) {
        print_syscall(num, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    if (impl) {
        ret = impl->fn(env, arg);
        if (impl->flags & SC_MAY_RESIZE_FILE) {
            follow_resized_file(impl->flags, arg, ret);
        }
    } else {
        const char *name = target_syscall_name(num);

        qemu_log_mask(LOG_UNIMP, "Unsupported syscall: %d (%s)\n", num,
                      name ? name : "unknown");
        ret = -TARGET_ENOSYS;
    }
    /* A host call cut short by one of our signal handlers: let the signal
       code decide between EINTR and a restart, as the kernel does. */
    if (ret == -TARGET_EINTR && ts && ts->signal_pending) {
        ret = impl->flags & SC_EINTR_IF_HANDLED ? -TARGET_ERESTARTNOHAND
                                                : -TARGET_ERESTARTSYS;
    }
    if (strace_enabled()) {
        print_syscall_ret(num, ret, arg);
    }
    return ret;
}
