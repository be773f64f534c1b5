/*
 * syscall_time.c: clocks, sleeps and timers.  Each call that takes a
 * timespec exists in the guest's layout (32-bit on i386) and, on i386,
 * as a *_time64 twin with the host's 64-bit layout; both share one body
 * parameterised by the layout.
 */
#include "qemu/osdep.h"
#include <time.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/timerfd.h>
#include <fcntl.h>
#include <sched.h>
#include <utime.h>
#include "syscall_impl.h"

static abi_long do_clock_gettime(const abi_long *arg, const StructLayout *l)
{
    struct timespec ts;

    if (clock_gettime(arg[0], &ts) != 0) {
        return -errno;
    }
    return struct_to_user(arg[1], &ts, l);
}

SYSCALL(clock_gettime)
{
    return do_clock_gettime(arg, &timespec_layout);
}

SYSCALL(clock_gettime64)
{
    return do_clock_gettime(arg, &timespec64_layout);
}

static abi_long do_clock_getres(const abi_long *arg, const StructLayout *l)
{
    struct timespec ts;

    /* The raw call: the host libc's answers some clocks the kernel refuses. */
    if (syscall(SYS_clock_getres, (clockid_t)arg[0], &ts) != 0) {
        return -errno;
    }
    return arg[1] ? struct_to_user(arg[1], &ts, l) : 0;
}

SYSCALL(clock_getres)
{
    return do_clock_getres(arg, &timespec_layout);
}

SYSCALL(clock_getres_time64)
{
    return do_clock_getres(arg, &timespec64_layout);
}

/*
 * The remaining time is reported only for relative sleeps cut short.  A
 * host signal the guest blocks (a periodic timer's, say) interrupts the
 * host call, where natively it would not: the sleep goes on with what is
 * left of it, since a restart would begin the whole relative sleep again.
 */
static abi_long do_clock_nanosleep(CPUArchState *env, clockid_t clk, int flags,
                                   abi_ulong greq, abi_ulong grem,
                                   const StructLayout *l)
{
    struct timespec req, rem;
    abi_long ret;

    if (struct_from_user(&req, greq, l)) {
        return -TARGET_EFAULT;
    }
    for (;;) {
        rem = req;      /* cut short before the host call: all of it is left */
        ret = get_errno(safe_syscall(SYS_clock_nanosleep, clk, flags, &req, &rem));
        if (ret != -TARGET_EINTR || safe_syscall_signal_waits(env)) {
            break;
        }
        if (!(flags & TIMER_ABSTIME)) {
            req = rem;
        }
    }
    if (ret == -TARGET_EINTR && grem && !(flags & TIMER_ABSTIME) &&
        struct_to_user(grem, &rem, l)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(nanosleep)
{
    return do_clock_nanosleep(env, CLOCK_REALTIME, 0, arg[0], arg[1], &timespec_layout);
}

SYSCALL(clock_nanosleep)
{
    return do_clock_nanosleep(env, arg[0], arg[1], arg[2], arg[3], &timespec_layout);
}

SYSCALL(clock_nanosleep_time64)
{
    return do_clock_nanosleep(env, arg[0], arg[1], arg[2], arg[3], &timespec64_layout);
}

SYSCALL(gettimeofday)
{
    struct timeval tv;
    struct timezone tz;

    if (gettimeofday(&tv, &tz) != 0) {
        return -errno;
    }
    if (arg[0] && struct_to_user(arg[0], &tv, &timeval_layout)) {
        return -TARGET_EFAULT;
    }
    /* struct timezone is two ints on every x86 ABI */
    return arg[1] ? copy_to_user(arg[1], &tz, sizeof(tz)) : 0;
}

/* Setting the clocks needs CAP_SYS_TIME: the host kernel judges. */
SYSCALL(settimeofday)
{
    struct timeval tv;
    struct timezone tz;

    if (arg[0] && struct_from_user(&tv, arg[0], &timeval_layout)) {
        return -TARGET_EFAULT;
    }
    if (arg[1] && copy_from_user(&tz, arg[1], sizeof(tz))) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_settimeofday, arg[0] ? &tv : NULL,
                             arg[1] ? &tz : NULL));
}

/* i386's stime: a pointer to a 32-bit time_t. */
SYSCALL(stime)
{
    struct timeval tv = { 0, 0 };
    int32_t t;

    if (get_user(t, arg[0], int32_t)) {
        return -TARGET_EFAULT;
    }
    tv.tv_sec = t;
    return get_errno(syscall(SYS_settimeofday, &tv, NULL));
}

static abi_long do_clock_settime(const abi_long *arg, const StructLayout *l)
{
    struct timespec ts;

    if (struct_from_user(&ts, arg[1], l)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_clock_settime, (clockid_t)arg[0], &ts));
}

SYSCALL(clock_settime)
{
    return do_clock_settime(arg, &timespec_layout);
}

SYSCALL(clock_settime64)
{
    return do_clock_settime(arg, &timespec64_layout);
}

SYSCALL(time)
{
    abi_long now = time(NULL);

    if (arg[0] && put_user(now, arg[0], abi_long)) {
        return -TARGET_EFAULT;
    }
    return now;
}

SYSCALL(times)
{
    struct tms t;
    clock_t ticks = times(&t);

    if (arg[0] && struct_to_user(arg[0], &t, &tms_layout)) {
        return -TARGET_EFAULT;
    }
    return ticks;
}

SYSCALL(getitimer)
{
    struct itimerval it;

    if (getitimer(arg[0], &it) != 0) {
        return -errno;
    }
    return struct_to_user(arg[1], &it, &itimerval_layout);
}

SYSCALL(setitimer)
{
    struct itimerval new, old;

    if (arg[1] && struct_from_user(&new, arg[1], &itimerval_layout)) {
        return -TARGET_EFAULT;
    }
    if (!arg[1]) {
        memset(&new, 0, sizeof(new));   /* Linux: NULL disarms */
    }
    if (setitimer(arg[0], &new, &old) != 0) {
        return -errno;
    }
    return arg[2] ? struct_to_user(arg[2], &old, &itimerval_layout) : 0;
}

SYSCALL(alarm)
{
    return alarm(arg[0]);
}

SYSCALL(timerfd_create)
{
    return get_errno(timerfd_create(arg[0], arg[1]));
}

static abi_long do_timerfd_settime(const abi_long *arg, const StructLayout *l)
{
    struct itimerspec new, old;

    if (struct_from_user(&new, arg[2], l)) {
        return -TARGET_EFAULT;
    }
    if (timerfd_settime(arg[0], arg[1], &new, &old) != 0) {
        return -errno;
    }
    return arg[3] ? struct_to_user(arg[3], &old, l) : 0;
}

SYSCALL(timerfd_settime)
{
    return do_timerfd_settime(arg, &itimerspec_layout);
}

SYSCALL(timerfd_settime64)
{
    return do_timerfd_settime(arg, &itimerspec64_layout);
}

static abi_long do_timerfd_gettime(const abi_long *arg, const StructLayout *l)
{
    struct itimerspec cur;

    if (timerfd_gettime(arg[0], &cur) != 0) {
        return -errno;
    }
    return struct_to_user(arg[1], &cur, l);
}

SYSCALL(timerfd_gettime)
{
    return do_timerfd_gettime(arg, &itimerspec_layout);
}

SYSCALL(timerfd_gettime64)
{
    return do_timerfd_gettime(arg, &itimerspec64_layout);
}

static abi_long do_sched_rr_get_interval(const abi_long *arg, const StructLayout *l)
{
    struct timespec ts;

    if (sched_rr_get_interval(arg[0], &ts) != 0) {
        return -errno;
    }
    return struct_to_user(arg[1], &ts, l);
}

SYSCALL(sched_rr_get_interval)
{
    return do_sched_rr_get_interval(arg, &timespec_layout);
}

SYSCALL(sched_rr_get_interval_time64)
{
    return do_sched_rr_get_interval(arg, &timespec64_layout);
}

/* utime, utimes and futimesat: NULL times means "now" in each. */
static abi_long do_futimesat(int dirfd, abi_ulong gpath, const struct timeval *tv)
{
    PATH_FROM_USER(path, gpath);
    return get_errno(futimesat(dirfd, path, tv));
}

static abi_long futimesat_timevals(int dirfd, abi_ulong gpath, abi_ulong gtv)
{
    struct timeval tv[2];

    if (gtv && struct_array_from_user(tv, gtv, 2, &timeval_layout)) {
        return -TARGET_EFAULT;
    }
    return do_futimesat(dirfd, gpath, gtv ? tv : NULL);
}

SYSCALL(utime)
{
    struct utimbuf ub;
    struct timeval tv[2];

    if (!arg[1]) {
        return do_futimesat(AT_FDCWD, arg[0], NULL);
    }
    if (struct_from_user(&ub, arg[1], &utimbuf_layout)) {
        return -TARGET_EFAULT;
    }
    tv[0] = (struct timeval){ .tv_sec = ub.actime };
    tv[1] = (struct timeval){ .tv_sec = ub.modtime };
    return do_futimesat(AT_FDCWD, arg[0], tv);
}

SYSCALL(utimes)
{
    return futimesat_timevals(AT_FDCWD, arg[0], arg[1]);
}

SYSCALL(futimesat)
{
    return futimesat_timevals(arg[0], arg[1], arg[2]);
}

const SyscallImpl syscalls_time[] = {
    { "clock_gettime", sys_clock_gettime, "Kx=t" },
    { "clock_gettime64", sys_clock_gettime64, "Kx=T" },
    { "clock_getres", sys_clock_getres, "Kx=t" },
    { "clock_getres_time64", sys_clock_getres_time64, "Kx=T" },
    { "nanosleep", sys_nanosleep, "xx", SC_EINTR_IF_HANDLED },
    { "clock_nanosleep", sys_clock_nanosleep, "Kdxx", SC_EINTR_IF_HANDLED },
    { "clock_nanosleep_time64", sys_clock_nanosleep_time64, "Kdxx",
      SC_EINTR_IF_HANDLED },
    { "gettimeofday", sys_gettimeofday, "xx=v" },
    { "time", sys_time, "x" },
    { "settimeofday", sys_settimeofday, "xx" },
    { "stime", sys_stime, "x" },
    { "clock_settime", sys_clock_settime, "Kx" },
    { "clock_settime64", sys_clock_settime64, "Kx" },
    { "times", sys_times, "x" },
    { "getitimer", sys_getitimer, "dx" },
    { "setitimer", sys_setitimer, "dxx" },
    { "alarm", sys_alarm, "u" },
    { "timerfd_create", sys_timerfd_create, "dd" },
    { "timerfd_settime", sys_timerfd_settime, "ddxx" },
    { "timerfd_settime64", sys_timerfd_settime64, "ddxx" },
    { "timerfd_gettime", sys_timerfd_gettime, "dx" },
    { "timerfd_gettime64", sys_timerfd_gettime64, "dx" },
    { "sched_rr_get_interval", sys_sched_rr_get_interval, "dx" },
    { "sched_rr_get_interval_time64", sys_sched_rr_get_interval_time64, "dx" },
    { "utime", sys_utime, "sx" },
    { "utimes", sys_utimes, "sx" },
    { "futimesat", sys_futimesat, "fsx" },
    { NULL }
};
