/*
 * syscall_timer.c: POSIX per-process timers (timer_create, timer_settime,
 * timer_gettime, timer_getoverrun, timer_delete and i386's *_time64 twins).
 *
 * The timers are the host kernel's.  The guest's timer id is the id the
 * host kernel hands out: an int numbered per process, the same the guest
 * would get natively, and the one the kernel puts in si_timerid, so the
 * signal needs no translation of it.  What differs from the host: struct
 * sigevent (i386 has a 32-bit sigval), the signal number in it (signal.c's
 * table: guest 32 and 33 travel on host 64 and 63), and i386's itimerspec.
 * The sigevent conversion (sigevent.h) serves mq_notify too.
 *
 * Overruns.  The host kernel hands every expiry to the emulator at once
 * (the emulator never blocks host signals; the guest's blocked set only
 * delays delivery), where natively a timer whose signal is still pending
 * is not queued again: the expiry is counted in that signal's si_overrun,
 * and timer_getoverrun reports the count of the last signal the program
 * took.  signal.c calls posix_timer_fold when a timer's signal arrives
 * while one of the same timer is pending, and posix_timer_taken when the
 * guest takes one; the count taken last is kept here per timer.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include "syscall_impl.h"
#include "sigevent.h"

/* The notifications that carry a signal (SIGEV_THREAD reaches the kernel
   only from programs that bypass libc: timer_create takes it as
   SIGEV_SIGNAL; mq_notify's carries a netlink socket instead). */
static bool sigev_has_signal(int notify, bool thread_is_signal)
{
    return notify == SIGEV_SIGNAL || notify == (SIGEV_SIGNAL | SIGEV_THREAD_ID) ||
           (notify == SIGEV_THREAD && thread_is_signal);
}

abi_long sigevent_from_user(struct host_sigevent *h, abi_ulong gaddr,
                            bool thread_is_signal)
{
    struct target_sigevent t;

    if (copy_from_user(&t, gaddr, sizeof(t))) {
        return -TARGET_EFAULT;
    }
    memset(h, 0, sizeof(*h));
    h->sigev_value = t.sigev_value;      /* i386: zero-extended, as compat */
    h->sigev_signo = t.sigev_signo;
    h->sigev_notify = t.sigev_notify;
    h->un.tid = t.un.tid;                /* guest tids are host tids */
    /* A number the guest cannot use becomes 0, for the host to refuse:
       the kernel refuses only after taking a timer id, and the ids the
       guest sees must follow the native ones. */
    if (sigev_has_signal(t.sigev_notify, thread_is_signal)) {
        h->sigev_signo = MAX(target_to_host_signal_arg(t.sigev_signo), 0);
    }
    return 0;
}

/*
 * The overrun count of the timer's signal the guest took last, per live
 * timer.  Timer ids are not small for long (the kernel counts up), so a
 * short list, searched linearly: programs have few timers.
 */
typedef struct TimerOverrun {
    int id;
    int overrun_last;
} TimerOverrun;

static pthread_mutex_t timers_lock = PTHREAD_MUTEX_INITIALIZER;
static TimerOverrun *timers;
static size_t ntimers, timers_cap;

/* The entry of timer id, or NULL (timers_lock held). */
static TimerOverrun *timer_entry(int id)
{
    for (size_t i = 0; i < ntimers; i++) {
        if (timers[i].id == id) {
            return &timers[i];
        }
    }
    return NULL;
}

/* A timer the host just created: a fresh count (false: out of memory). */
static bool timer_track(int id)
{
    bool ok = true;
    TimerOverrun *t;

    pthread_mutex_lock(&timers_lock);
    t = timer_entry(id);            /* left by a forked parent's timer */
    if (!t && ntimers == timers_cap) {
        size_t cap = timers_cap ? 2 * timers_cap : 8;
        TimerOverrun *grown = realloc(timers, cap * sizeof(*grown));

        ok = grown != NULL;
        if (ok) {
            timers = grown;
            timers_cap = cap;
        }
    }
    if (ok) {
        if (!t) {
            t = &timers[ntimers++];
        }
        *t = (TimerOverrun){ .id = id };
    }
    pthread_mutex_unlock(&timers_lock);
    return ok;
}

static void timer_untrack(int id)
{
    TimerOverrun *t;

    pthread_mutex_lock(&timers_lock);
    t = timer_entry(id);
    if (t) {
        *t = timers[--ntimers];
    }
    pthread_mutex_unlock(&timers_lock);
}

bool posix_timer_fold(target_siginfo_t *pending, const target_siginfo_t *info)
{
    int64_t sum;

    if (pending->si_code != SI_TIMER ||
        pending->fields.timer.tid != info->fields.timer.tid) {
        return false;
    }
    /* This expiry and the ones the host counted before handing it over;
       the kernel saturates the count at INT_MAX. */
    sum = (int64_t)pending->fields.timer.overrun + 1 + info->fields.timer.overrun;
    pending->fields.timer.overrun = sum > INT32_MAX ? INT32_MAX : sum;
    return true;
}

void posix_timer_taken(const target_siginfo_t *info)
{
    TimerOverrun *t;

    if (info->si_code != SI_TIMER) {
        return;
    }
    pthread_mutex_lock(&timers_lock);
    t = timer_entry(info->fields.timer.tid);
    if (t) {
        t->overrun_last = info->fields.timer.overrun;
    }
    pthread_mutex_unlock(&timers_lock);
}

SYSCALL(timer_create)
{
    struct host_sigevent sev;
    int id;
    abi_long ret;

    if (arg[1]) {
        ret = sigevent_from_user(&sev, arg[1], true);
        if (ret) {
            return ret;
        }
    }
    ret = get_errno(syscall(SYS_timer_create, (clockid_t)arg[0],
                            arg[1] ? &sev : NULL, &id));
    if (ret) {
        return ret;
    }
    if (!timer_track(id)) {
        ret = -TARGET_ENOMEM;
    } else if (put_user(id, arg[2], int32_t)) {
        timer_untrack(id);
        ret = -TARGET_EFAULT;      /* the kernel, too, deletes the timer */
    }
    if (ret) {
        syscall(SYS_timer_delete, id);
    }
    return ret;
}

static abi_long do_timer_settime(const abi_long *arg, const StructLayout *l)
{
    struct itimerspec new, old;
    abi_long ret;

    if (arg[2] && struct_from_user(&new, arg[2], l)) {
        return -TARGET_EFAULT;
    }
    /* NULL goes to the host, which refuses it with EINVAL */
    ret = get_errno(syscall(SYS_timer_settime, (int)arg[0], (int)arg[1],
                            arg[2] ? &new : NULL, &old));
    if (ret == 0 && arg[3] && struct_to_user(arg[3], &old, l)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(timer_settime)
{
    return do_timer_settime(arg, &itimerspec_layout);
}

SYSCALL(timer_settime64)
{
    return do_timer_settime(arg, &itimerspec64_layout);
}

static abi_long do_timer_gettime(const abi_long *arg, const StructLayout *l)
{
    struct itimerspec cur;
    abi_long ret = get_errno(syscall(SYS_timer_gettime, (int)arg[0], &cur));

    return ret == 0 ? struct_to_user(arg[1], &cur, l) : ret;
}

SYSCALL(timer_gettime)
{
    return do_timer_gettime(arg, &itimerspec_layout);
}

SYSCALL(timer_gettime64)
{
    return do_timer_gettime(arg, &itimerspec64_layout);
}

SYSCALL(timer_getoverrun)
{
    /* the host checks the id; its own count is of its early deliveries */
    abi_long ret = get_errno(syscall(SYS_timer_getoverrun, (int)arg[0]));
    TimerOverrun *t;

    if (ret < 0) {
        return ret;
    }
    pthread_mutex_lock(&timers_lock);
    t = timer_entry(arg[0]);
    if (t) {
        ret = t->overrun_last;
    }
    pthread_mutex_unlock(&timers_lock);
    return ret;
}

SYSCALL(timer_delete)
{
    abi_long ret = get_errno(syscall(SYS_timer_delete, (int)arg[0]));

    if (ret == 0) {
        timer_untrack(arg[0]);
    }
    return ret;
}

const SyscallImpl syscalls_timer[] = {
    { "timer_create", sys_timer_create, "dxx" },
    { "timer_settime", sys_timer_settime, "ddxx" },
    { "timer_settime64", sys_timer_settime64, "ddxx" },
    { "timer_gettime", sys_timer_gettime, "dx" },
    { "timer_gettime64", sys_timer_gettime64, "dx" },
    { "timer_getoverrun", sys_timer_getoverrun, "d" },
    { "timer_delete", sys_timer_delete, "d" },
    { NULL }
};
