/*
 * syscall_fd.c: syscalls on file descriptors as such: ioctl (a table of
 * the requests known to be safe to pass through), fcntl, dup, pipes, and
 * the waits on many descriptors (poll, select, epoll, eventfd).
 */
#include "qemu/osdep.h"
#include "qemu/own-fd.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/select.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include "qemu/log.h"
#include <sys/inotify.h>
#include <sys/file.h>
#include <sys/resource.h>
#include "syscall_impl.h"

/* How an ioctl's argument is used: a plain value, or a pointer to size
   bytes the host reads (IN), writes (OUT) or both.  The structures below
   are the same on every host (int, struct winsize), so the guest's buffer
   is the host's. */
enum { IOARG_VALUE, IOARG_IN = GUEST_READ, IOARG_OUT = GUEST_WRITE };

typedef struct IoctlDef {
    unsigned long request;
    int dir;
    unsigned size;
} IoctlDef;

/* guest: the x86 request number; host: the host's for the same request
   (the host's headers: ppc64 lays _IOC's direction and size bits out
   otherwise, and numbers its terminal and FIO requests otherwise). */
typedef struct IoctlReq {
    uint32_t guest;
    unsigned long host;
    int dir;
    unsigned size;
} IoctlReq;

/* (The terminal attributes, TCGETS and the like, are converted:
   syscall_termios.c.) */
static const IoctlReq ioctl_table[] = {
    { 0x0001, FIBMAP, IOARG_IN | IOARG_OUT, sizeof(int) }, /* block number */
    { 0x0002, FIGETBSZ, IOARG_OUT, sizeof(int) },          /* any file */
    { 0x5409, TCSBRK, IOARG_VALUE, 0 },
    { 0x540A, TCXONC, IOARG_VALUE, 0 },
    { 0x540B, TCFLSH, IOARG_VALUE, 0 },
    { 0x540E, TIOCSCTTY, IOARG_VALUE, 0 },
    { 0x540F, TIOCGPGRP, IOARG_OUT, sizeof(int) },
    { 0x5410, TIOCSPGRP, IOARG_IN, sizeof(int) },
    { 0x5413, TIOCGWINSZ, IOARG_OUT, sizeof(struct winsize) },
    { 0x5414, TIOCSWINSZ, IOARG_IN, sizeof(struct winsize) },
    { 0x541B, FIONREAD, IOARG_OUT, sizeof(int) },
    { 0x5421, FIONBIO, IOARG_IN, sizeof(int) },
    { 0x5422, TIOCNOTTY, IOARG_VALUE, 0 },
    { 0x5429, TIOCGSID, IOARG_OUT, sizeof(int) },
    { 0x5450, FIONCLEX, IOARG_VALUE, 0 },
    { 0x5451, FIOCLEX, IOARG_VALUE, 0 },
    { 0x5452, FIOASYNC, IOARG_IN, sizeof(int) },
    { 0x80045430, TIOCGPTN, IOARG_OUT, sizeof(int) },
    { 0x40045431, TIOCSPTLCK, IOARG_IN, sizeof(int) },
};

/* The kernel looks the descriptor up before it judges the request. */
static bool not_open(int fd)
{
    return own_fd_is(fd) || fcntl(fd, F_GETFD) < 0;
}

SYSCALL(ioctl)
{
    unsigned long request = (uint32_t)arg[1];
    abi_long termios_ret;

    if (termios_ioctl(&termios_ret, arg[0], request, arg[2])) {
        return termios_ret;
    }
    for (size_t i = 0; i < ARRAY_SIZE(ioctl_table); i++) {
        const IoctlReq *d = &ioctl_table[i];
        GuestBuf b;
        abi_long ret;

        if (d->guest != request) {
            continue;
        }
        if (d->dir == IOARG_VALUE) {
            return get_errno(safe_syscall(SYS_ioctl, (int)arg[0], d->host,
                                          (abi_ulong)arg[2]));
        }
        ret = guest_buf_begin(&b, arg[2], d->size, d->dir);
        if (ret == 0) {
            ret = get_errno(safe_syscall(SYS_ioctl, (int)arg[0], d->host, b.host));
        }
        guest_buf_end(&b, ret == 0 && (d->dir & IOARG_OUT) ? d->size : 0);
        return ret;
    }
    qemu_log_mask(LOG_UNIMP, "Unsupported ioctl: cmd=0x%04lx\n", request);
    return not_open(arg[0]) ? -TARGET_EBADF : -TARGET_ENOTTY;
}

/* fcntl commands with a plain integer argument (or none) that passes
   as it is (not F_GETFL and F_SETFL: open flags, renumbered). */
static const int fcntl_value_cmds[] = {
    0 /* F_DUPFD */, 1 /* F_GETFD */, 2 /* F_SETFD */, 8 /* F_SETOWN */,
    9 /* F_GETOWN */, 10 /* F_SETSIG */, 11 /* F_GETSIG */, 1024 /* F_SETLEASE */, 1025 /* F_GETLEASE */,
    1026 /* F_NOTIFY */, 1030 /* F_DUPFD_CLOEXEC */, 1031 /* F_SETPIPE_SZ */,
    1032 /* F_GETPIPE_SZ */, 1033 /* F_ADD_SEALS */, 1034 /* F_GET_SEALS */,
};

/* fcntl commands whose argument points to a structure of the same
   layout for both guests: struct f_owner_ex, and the owner's two uids. */
static const IoctlDef fcntl_pointer_cmds[] = {
    { 15 /* F_SETOWN_EX */, IOARG_IN, 8 },
    { 16 /* F_GETOWN_EX */, IOARG_OUT, 8 },
    { 17 /* F_GETOWNER_UIDS */, IOARG_OUT, 8 },
};

/* Record locks: which host command, and whether the guest passes struct
   flock64 (the i386 *LK64 commands, and OFD locks under fcntl64). */
typedef struct FcntlLockCmd {
    int cmd, host_cmd;
    bool is64;
    bool writes_back;        /* the GETLK forms return the conflicting lock */
    bool fcntl64_only;       /* a 32-bit call's: a 64-bit kernel has no such fcntl */
} FcntlLockCmd;

static const FcntlLockCmd fcntl_lock_cmds[] = {
    { 5, F_GETLK, false, true }, { 6, F_SETLK }, { 7, F_SETLKW },
    { 12, F_GETLK, true, true, true }, { 13, F_SETLK, true, false, true },
    { 14, F_SETLKW, true, false, true },
    { 36, F_OFD_GETLK, true, true }, { 37, F_OFD_SETLK, true },
    { 38, F_OFD_SETLKW, true },
};

/* The argument of an fcntl that points to a plain structure. */
static abi_long fcntl_pointer(const abi_long *arg, const IoctlDef *d)
{
    GuestBuf b;
    abi_long ret = guest_buf_begin(&b, arg[2], d->size, d->dir);

    if (ret == 0) {
        ret = get_errno(fcntl(arg[0], d->request, b.host));
    }
    guest_buf_end(&b, ret == 0 && d->dir == IOARG_OUT ? d->size : 0);
    return ret;
}

/* fcntl64 (i386) takes the 64-bit lock commands; fcntl does not, except
   on x86_64 where struct flock already has 64-bit offsets (there only the
   OFD ones exist: the *LK64 numbers are a 32-bit kernel's). */
static abi_long do_fcntl(const abi_long *arg, bool allow64, bool is_fcntl64)
{
    int cmd = arg[1];

    if (not_open(arg[0])) {
        return -TARGET_EBADF;
    }
    if (cmd == F_GETFL) {
        abi_long ret = get_errno(fcntl(arg[0], F_GETFL));

        return ret < 0 ? ret : (abi_long)guest_open_flags(ret);
    }
    if (cmd == F_SETFL) {
        return get_errno(fcntl(arg[0], F_SETFL, (int)host_open_flags((uint32_t)arg[2])));
    }
    for (size_t i = 0; i < ARRAY_SIZE(fcntl_value_cmds); i++) {
        if (fcntl_value_cmds[i] == cmd) {
            return get_errno(fcntl(arg[0], cmd, (abi_ulong)arg[2]));
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(fcntl_pointer_cmds); i++) {
        if (fcntl_pointer_cmds[i].request == (unsigned)cmd) {
            return fcntl_pointer(arg, &fcntl_pointer_cmds[i]);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(fcntl_lock_cmds); i++) {
        const FcntlLockCmd *c = &fcntl_lock_cmds[i];
        const StructLayout *layout = c->is64 ? &flock64_layout : &flock_layout;
        struct flock fl;
        abi_long ret;

        if (c->cmd != cmd) {
            continue;
        }
        if ((c->is64 && !allow64) || (c->fcntl64_only && !is_fcntl64)) {
            return -TARGET_EINVAL;
        }
        if (struct_from_user(&fl, arg[2], layout)) {
            return -TARGET_EFAULT;
        }
        ret = get_errno(safe_syscall(SYS_fcntl, (int)arg[0], c->host_cmd, &fl));
        if (ret == 0 && c->writes_back && struct_to_user(arg[2], &fl, layout)) {
            return -TARGET_EFAULT;
        }
        return ret;
    }
    return -TARGET_EINVAL;
}

SYSCALL(fcntl)
{
    return do_fcntl(arg, TARGET_ABI_BITS == 64, false);
}

SYSCALL(fcntl64)
{
    return do_fcntl(arg, true, true);
}

SYSCALL(dup)
{
    return get_errno(dup(arg[0]));
}

SYSCALL(dup2)
{
    return get_errno(dup2(arg[0], arg[1]));
}

SYSCALL(dup3)
{
    return get_errno(dup3(arg[0], arg[1], arg[2]));
}

/* The kernel makes the pipe, then copies the descriptors out and closes
   them again if it cannot. */
static abi_long do_pipe2(abi_ulong gfds, int flags)
{
    int fds[2];
    abi_long ret = get_errno(pipe2(fds, flags));

    if (ret == 0 && copy_to_user(gfds, fds, sizeof(fds))) {
        close(fds[0]);
        close(fds[1]);
        ret = -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(pipe)
{
    return do_pipe2(arg[0], 0);
}

SYSCALL(pipe2)
{
    return do_pipe2(arg[0], arg[1]);
}

/* A wait that may swap in a guest signal mask: sigset 0 means none. */
static bool begin_masked_wait(CPUArchState *env, abi_ulong gset, abi_ulong size,
                              abi_long *err)
{
    uint64_t set;

    *err = 0;
    if (!gset) {
        return true;
    }
    *err = target_sigset_from_user(&set, gset, size);
    if (*err) {
        return false;
    }
    /* the mask change set signal_pending: safe_syscall must see it clear */
    if (!sigmask_begin_wait(env, set) || safe_syscall_signal_waits(env)) {
        *err = -TARGET_EINTR;
        return false;
    }
    return true;
}

static abi_long end_masked_wait(CPUArchState *env, abi_ulong gset, abi_long ret)
{
    if (gset) {
        sigmask_end_wait(env, ret);
    }
    return ret;
}

/*
 * poll and ppoll: the kernel takes nfds as an unsigned int and, after the
 * signal mask, refuses more than RLIMIT_NOFILE with EINVAL before it reads
 * the array; it writes back each entry's revents, and only those, even
 * when a signal cut the wait short.
 */
#define POLLFD_REVENTS_OFFSET offsetof(struct pollfd, revents)

static abi_long do_poll_fds(CPUArchState *env, abi_ulong gfds, unsigned nfds,
                            const struct timespec *timeout, abi_ulong gmask,
                            abi_ulong masksize)
{
    GuestBuf b;
    struct rlimit nofile;
    abi_long ret;

    if (!begin_masked_wait(env, gmask, masksize, &ret)) {
        return ret;
    }
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nfds > nofile.rlim_cur) {
        return end_masked_wait(env, gmask, -TARGET_EINVAL);
    }
    ret = guest_buf_begin(&b, gfds, (abi_ulong)nfds * sizeof(struct pollfd),
                          GUEST_READ | GUEST_WRITE);
    if (ret == 0) {
        struct timespec left, *tleft = timeout ? &left : NULL;  /* the kernel writes it */

        if (timeout) {
            left = *timeout;
        }
        ret = get_errno(safe_syscall(SYS_ppoll, b.host, nfds, tleft, NULL, 0));
    }
    for (unsigned i = 0; (ret >= 0 || ret == -TARGET_EINTR) && i < nfds; i++) {
        guest_buf_copy_back(&b, i * sizeof(struct pollfd) + POLLFD_REVENTS_OFFSET,
                            sizeof(short));
    }
    guest_buf_end(&b, 0);
    return end_masked_wait(env, gmask, ret);
}

/* A poll timeout in milliseconds; negative waits for ever. */
SYSCALL(poll)
{
    int ms = arg[2];
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    return do_poll_fds(env, arg[0], arg[1], ms < 0 ? NULL : &ts, 0, 0);
}

/* ppoll and ppoll_time64 differ in the timespec layout. */
static abi_long do_ppoll(CPUArchState *env, const abi_long *arg,
                         const StructLayout *ts_layout)
{
    struct timespec ts;

    if (arg[2] && struct_from_user(&ts, arg[2], ts_layout)) {
        return -TARGET_EFAULT;
    }
    return do_poll_fds(env, arg[0], arg[1], arg[2] ? &ts : NULL, arg[3], arg[4]);
}

SYSCALL(ppoll)
{
    return do_ppoll(env, arg, &timespec_layout);
}

SYSCALL(ppoll_time64)
{
    return do_ppoll(env, arg, &timespec64_layout);
}

/* The guest's fd_set is an array of guest longs: the same bits in the same
   bytes as the host's, only rounded to a different length. */
static abi_long fdset_from_user(fd_set *set, abi_ulong gaddr, int nfds)
{
    size_t bytes = QEMU_ALIGN_UP(nfds, TARGET_ABI_BITS) / 8;

    FD_ZERO(set);
    return gaddr ? copy_from_user(set, gaddr, bytes) : 0;
}

static abi_long fdset_to_user(abi_ulong gaddr, const fd_set *set, int nfds)
{
    size_t bytes = QEMU_ALIGN_UP(nfds, TARGET_ABI_BITS) / 8;

    return gaddr ? copy_to_user(gaddr, set, bytes) : 0;
}

/*
 * select and pselect6: the timeout is a timeval (select) or a timespec
 * (pselect6) in the guest layout tlayout.
 */
static abi_long do_select(CPUArchState *env, int nfds, const abi_ulong *gsets,
                          abi_ulong gtimeout, const StructLayout *tlayout,
                          bool is_pselect, abi_ulong gmask, abi_ulong masksize)
{
    fd_set sets[3];
    struct timespec ts;
    struct timeval tv;
    void *timeout = is_pselect ? (void *)&ts : (void *)&tv;
    abi_long ret, err;

    if (nfds < 0 || nfds > FD_SETSIZE) {
        return -TARGET_EINVAL;
    }
    for (int i = 0; i < 3; i++) {
        if (fdset_from_user(&sets[i], gsets[i], nfds)) {
            return -TARGET_EFAULT;
        }
    }
    if (!gtimeout) {
        timeout = NULL;
    } else if (struct_from_user(timeout, gtimeout, tlayout)) {
        return -TARGET_EFAULT;
    }
    if (!begin_masked_wait(env, gmask, masksize, &err)) {
        return err;
    }
    /* Both go to pselect6: hosts such as aarch64 have no select.  The
       kernel truncates the time left to microseconds for select too. */
    if (gtimeout && !is_pselect) {
        ts.tv_sec = tv.tv_sec;
        ts.tv_nsec = tv.tv_usec * 1000;
    }
    ret = get_errno(safe_syscall(SYS_pselect6, nfds,
                                 gsets[0] ? &sets[0] : NULL, gsets[1] ? &sets[1] : NULL,
                                 gsets[2] ? &sets[2] : NULL, gtimeout ? &ts : NULL, NULL));
    if (gtimeout && !is_pselect) {
        tv.tv_sec = ts.tv_sec;
        tv.tv_usec = ts.tv_nsec / 1000;
    }
    ret = end_masked_wait(env, gmask, ret);
    if (ret < 0) {
        return ret;
    }
    for (int i = 0; i < 3; i++) {
        if (fdset_to_user(gsets[i], &sets[i], nfds)) {
            return -TARGET_EFAULT;
        }
    }
    /* select reports the time left; pselect6's kernel entry does too */
    if (gtimeout && struct_to_user(gtimeout, timeout, tlayout)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

abi_long do_select_args(CPUArchState *env, const abi_long *arg)
{
    const abi_ulong sets[3] = { arg[1], arg[2], arg[3] };

    return do_select(env, arg[0], sets, arg[4], &timeval_layout, false, 0, 0);
}

SYSCALL(select)
{
    return do_select_args(env, arg);
}

/* pselect6's sixth argument points to { sigset pointer, sigset size }. */
static abi_long do_pselect6(CPUArchState *env, const abi_long *arg,
                            const StructLayout *ts_layout)
{
    const abi_ulong sets[3] = { arg[1], arg[2], arg[3] };
    abi_ulong mask[2] = { 0, 0 };

    if (arg[5] && copy_from_user(mask, arg[5], sizeof(mask))) {
        return -TARGET_EFAULT;
    }
    return do_select(env, arg[0], sets, arg[4], ts_layout, true, mask[0], mask[1]);
}

SYSCALL(pselect6)
{
    return do_pselect6(env, arg, &timespec_layout);
}

SYSCALL(pselect6_time64)
{
    return do_pselect6(env, arg, &timespec64_layout);
}

SYSCALL(epoll_create)
{
    return get_errno(epoll_create(arg[0]));
}

SYSCALL(epoll_create1)
{
    return get_errno(epoll_create1(arg[0]));
}

/* struct epoll_event is packed (12 bytes) for both guests, as on an
   x86-64 host; other hosts align its 64-bit data (16 bytes). */
typedef struct QEMU_PACKED TargetEpollEvent {
    uint32_t events;
    uint64_t data;
} TargetEpollEvent;
DEFINE_STRUCT_LAYOUT(epoll_event_layout, struct epoll_event, TargetEpollEvent,
                     STRUCT_FIELD(struct epoll_event, TargetEpollEvent, events),
                     STRUCT_FIELD2(struct epoll_event, data.u64, TargetEpollEvent, data));

/* Only ADD and MOD read the event (DEL may pass NULL). */
SYSCALL(epoll_ctl)
{
    struct epoll_event ev, *evp = NULL;

    if (arg[1] == EPOLL_CTL_ADD || arg[1] == EPOLL_CTL_MOD) {
        if (struct_from_user(&ev, arg[3], &epoll_event_layout)) {
            return -TARGET_EFAULT;
        }
        evp = &ev;
    }
    return get_errno(epoll_ctl(arg[0], arg[1], arg[2], evp));
}

/* The events one wait takes from the host at most: fewer than the guest
   asked for is what epoll may return anyway, the rest stay ready. */
#define EPOLL_EVENTS_PER_WAIT 256

/* The host's wait: epoll_pwait2 (Linux 5.11) serves every guest form;
   before it (and under user-mode emulators that lack it, as QEMU 7.2),
   epoll_pwait with the timeout rounded up to milliseconds. */
static abi_long host_epoll_wait(int epfd, struct epoll_event *events,
                                int maxevents, const struct timespec *timeout)
{
    static bool no_pwait2;
    abi_long ret = -TARGET_ENOSYS;
    long ms = -1;

    if (!no_pwait2) {
        ret = get_errno(safe_syscall(SYS_epoll_pwait2, epfd, events, maxevents,
                                     timeout, NULL, 0));
        no_pwait2 = ret == -TARGET_ENOSYS;
    }
    if (ret != -TARGET_ENOSYS) {
        return ret;
    }
    if (timeout) {
        ms = timeout->tv_sec >= INT_MAX / 1000 ? INT_MAX
             : timeout->tv_sec * 1000 + (timeout->tv_nsec + 999999) / 1000000;
    }
    return get_errno(safe_syscall(SYS_epoll_pwait, epfd, events, maxevents,
                                  (int)ms, NULL, 0));
}

/* The epoll waits: timeout NULL waits for ever.  The guest's whole array
   must lie in its space (the kernel's access_ok, checked first); the
   events are copied after. */
static abi_long do_epoll_wait(CPUArchState *env, const abi_long *arg,
                              const struct timespec *timeout,
                              abi_ulong gmask, abi_ulong masksize)
{
    struct epoll_event events[EPOLL_EVENTS_PER_WAIT];
    int maxevents = arg[2];
    abi_long ret;

    if (maxevents <= 0 || maxevents > INT_MAX / (int)sizeof(TargetEpollEvent)) {
        return -TARGET_EINVAL;
    }
    if (!guest_range_ok(arg[1], (abi_ulong)maxevents * sizeof(TargetEpollEvent))) {
        return -TARGET_EFAULT;
    }
    if (begin_masked_wait(env, gmask, masksize, &ret)) {
        ret = end_masked_wait(env, gmask,
                              host_epoll_wait(arg[0], events,
                                              MIN(maxevents, EPOLL_EVENTS_PER_WAIT),
                                              timeout));
    }
    if (ret > 0 && struct_array_to_user(arg[1], events, ret, &epoll_event_layout)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/* epoll_wait's timeout in milliseconds, negative for ever. */
static abi_long do_epoll_wait_ms(CPUArchState *env, const abi_long *arg,
                                 abi_ulong gmask, abi_ulong masksize)
{
    int ms = arg[3];
    struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

    return do_epoll_wait(env, arg, ms < 0 ? NULL : &ts, gmask, masksize);
}

SYSCALL(epoll_wait)
{
    return do_epoll_wait_ms(env, arg, 0, 0);
}

SYSCALL(epoll_pwait)
{
    return do_epoll_wait_ms(env, arg, arg[4], arg[5]);
}

/* The timeout is a __kernel_timespec for both guests. */
SYSCALL(epoll_pwait2)
{
    struct timespec ts;

    if (arg[3] && struct_from_user(&ts, arg[3], &timespec64_layout)) {
        return -TARGET_EFAULT;
    }
    return do_epoll_wait(env, arg, arg[3] ? &ts : NULL, arg[4], arg[5]);
}

static abi_long host_close_range(unsigned first, unsigned last, unsigned flags)
{
    return get_errno(syscall(SYS_close_range, first, last, flags));
}

/* A program closing "everything above 2" must not close the emulator's
   own descriptors (the -D log, windows' files), which it would not have
   natively: the range is closed around them. */
SYSCALL(close_range)
{
    unsigned first = arg[0], last = arg[1], flags = arg[2];
    abi_long ret = 0;
    int own;

    if (first > last) {
        return host_close_range(first, last, flags);    /* EINVAL */
    }
    while (ret == 0 && (own = own_fd_first_in(first, last)) >= 0) {
        if ((unsigned)own > first) {
            ret = host_close_range(first, own - 1, flags);
        }
        if ((unsigned)own == last) {
            return ret;
        }
        first = own + 1;
    }
    return ret ? ret : host_close_range(first, last, flags);
}

SYSCALL(eventfd)
{
    return get_errno(eventfd(arg[0], 0));
}

SYSCALL(eventfd2)
{
    return get_errno(eventfd(arg[0], arg[1]));
}

SYSCALL(inotify_init)
{
    return get_errno(inotify_init());
}

SYSCALL(inotify_init1)
{
    return get_errno(inotify_init1(arg[0]));
}

SYSCALL(inotify_add_watch)
{
    PATH_FROM_USER(path, arg[1]);
    return get_errno(inotify_add_watch(arg[0], path, arg[2]));
}

SYSCALL(inotify_rm_watch)
{
    return get_errno(inotify_rm_watch(arg[0], arg[1]));
}

SYSCALL(flock)
{
    return get_errno(safe_syscall(SYS_flock, (int)arg[0], (int)arg[1]));
}

const SyscallImpl syscalls_fd[] = {
    { "ioctl", sys_ioctl, "dIx" },
    { "fcntl", sys_fcntl, "dCc" },
    { "fcntl64", sys_fcntl64, "dCc" },
    { "dup", sys_dup, "d" },
    { "dup2", sys_dup2, "dd" },
    { "dup3", sys_dup3, "ddd" },
    { "pipe", sys_pipe, "x" },
    { "pipe2", sys_pipe2, "xx" },
    { "poll", sys_poll, "xdd", SC_EINTR_IF_HANDLED },
    { "ppoll", sys_ppoll, "xdxxu", SC_EINTR_IF_HANDLED },
    { "ppoll_time64", sys_ppoll_time64, "xdxxu", SC_EINTR_IF_HANDLED },
    { "select", sys_select, "dxxxx", SC_EINTR_IF_HANDLED },
    { "_newselect", sys_select, "dxxxx", SC_EINTR_IF_HANDLED },
    { "pselect6", sys_pselect6, "dxxxxx", SC_EINTR_IF_HANDLED },
    { "pselect6_time64", sys_pselect6_time64, "dxxxxx", SC_EINTR_IF_HANDLED },
    { "epoll_create", sys_epoll_create, "d" },
    { "epoll_create1", sys_epoll_create1, "x" },
    { "epoll_ctl", sys_epoll_ctl, "dddx" },
    { "epoll_wait", sys_epoll_wait, "dxdd", SC_EINTR_IF_HANDLED },
    { "epoll_pwait", sys_epoll_pwait, "dxddxu", SC_EINTR_IF_HANDLED },
    { "epoll_pwait2", sys_epoll_pwait2, "dxdxxu", SC_EINTR_IF_HANDLED },
    { "close_range", sys_close_range, "uux" },
    { "eventfd", sys_eventfd, "u" },
    { "eventfd2", sys_eventfd2, "ux" },
    { "inotify_init", sys_inotify_init, "" },
    { "inotify_init1", sys_inotify_init1, "O" },
    { "inotify_add_watch", sys_inotify_add_watch, "dsx" },
    { "inotify_rm_watch", sys_inotify_rm_watch, "dd" },
    { "flock", sys_flock, "dd" },
    { NULL }
};
