/*
 * signal.c: guest signals.  Host signals are caught by one handler that
 * either resolves a fault of the emulator's own making (via
 * handle_cpu_signal) or records the signal as pending for the guest and
 * asks the CPU to leave generated code.  process_pending_signals(), run by
 * cpu_loop between guest instructions and syscalls, then honours the
 * guest's blocked set and dispositions: default action, ignore, or a
 * handler frame built by <arch>/signal.c.  Host signals stay unblocked
 * while the guest runs; the guest's blocked set only delays delivery.
 * Inside, signals carry guest numbers; swapped_signals maps them to the
 * host's where they cross over.
 */
#include "qemu/osdep.h"
#include <poll.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "qemu/log.h"
#include "signal-common.h"
#include "syscall_impl.h"

/* Default actions (signal(7)). */
enum { SIG_ACT_TERM, SIG_ACT_CORE, SIG_ACT_IGN, SIG_ACT_STOP };

static const uint8_t default_action_table[32] = {
    [SIGHUP] = SIG_ACT_TERM, [SIGINT] = SIG_ACT_TERM,
    [SIGQUIT] = SIG_ACT_CORE, [SIGILL] = SIG_ACT_CORE,
    [SIGTRAP] = SIG_ACT_CORE, [SIGABRT] = SIG_ACT_CORE,
    [SIGBUS] = SIG_ACT_CORE, [SIGFPE] = SIG_ACT_CORE,
    [SIGKILL] = SIG_ACT_TERM, [SIGUSR1] = SIG_ACT_TERM,
    [SIGSEGV] = SIG_ACT_CORE, [SIGUSR2] = SIG_ACT_TERM,
    [SIGPIPE] = SIG_ACT_TERM, [SIGALRM] = SIG_ACT_TERM,
    [SIGTERM] = SIG_ACT_TERM, [SIGSTKFLT] = SIG_ACT_TERM,
    [SIGCHLD] = SIG_ACT_IGN, [SIGCONT] = SIG_ACT_IGN,
    [SIGSTOP] = SIG_ACT_STOP, [SIGTSTP] = SIG_ACT_STOP,
    [SIGTTIN] = SIG_ACT_STOP, [SIGTTOU] = SIG_ACT_STOP,
    [SIGURG] = SIG_ACT_IGN, [SIGXCPU] = SIG_ACT_CORE,
    [SIGXFSZ] = SIG_ACT_CORE, [SIGVTALRM] = SIG_ACT_TERM,
    [SIGPROF] = SIG_ACT_TERM, [SIGWINCH] = SIG_ACT_IGN,
    [SIGIO] = SIG_ACT_TERM, [SIGPWR] = SIG_ACT_TERM,
    [SIGSYS] = SIG_ACT_CORE,
};

static int default_action(int sig)
{
    return sig < 32 ? default_action_table[sig] : SIG_ACT_TERM;
}

static bool is_fatal_by_default(int sig)
{
    int act = default_action(sig);

    return act == SIG_ACT_TERM || act == SIG_ACT_CORE;
}

/*
 * Guest and host signal numbers.  The emulator's own glibc keeps host
 * signals 32 and 33 (SIGCANCEL and SIGSETXID) for itself, while the
 * guest's glibc needs guest 32 and 33 for the same jobs (pthread_cancel,
 * setuid in a threaded program).  So guest 32 and 33 travel as host 64
 * and 63, and guest 64 and 63 take the host's 32 and 33 (QEMU 4.1 swapped
 * 32 and 64 the same way).  Every other number is the same on both sides,
 * so that tools outside the emulator (kill -USR1, kill -40) mean what they
 * say.  A swap is its own inverse: this one table converts both ways and
 * is a bijection by construction.  The price is that guest 63 and 64
 * land on the host's reserved pair, so they cannot be used: sigaction
 * and the sending calls refuse them with EINVAL, as a native glibc refuses
 * its own reserved signals.  (62 host signals cannot carry 64.)
 */
static const uint8_t swapped_signals[][2] = { { 32, 64 }, { 33, 63 } };

static int target_to_host_signal(int sig)
{
    for (size_t i = 0; i < ARRAY_SIZE(swapped_signals); i++) {
        if (sig == swapped_signals[i][0]) {
            return swapped_signals[i][1];
        }
        if (sig == swapped_signals[i][1]) {
            return swapped_signals[i][0];
        }
    }
    return sig;
}

int host_to_target_signal(int sig)
{
    return target_to_host_signal(sig);
}

/* Whether guest signal sig has a host signal to travel on: not one of
   those the host libc keeps, which run from the kernel's first real-time
   signal up to libc's SIGRTMIN. */
static bool target_signal_available(int sig)
{
    int host_sig = target_to_host_signal(sig);

    return sig >= 1 && sig <= TARGET_NSIG &&
           (host_sig < __SIGRTMIN || host_sig >= SIGRTMIN);
}

int target_to_host_signal_arg(abi_long sig)
{
    if (sig == 0) {
        return 0;
    }
    return target_signal_available(sig) ? target_to_host_signal(sig) : -1;
}

#define GUEST_SIGBIT(sig) (1ULL << ((sig) - 1))

/*
 * The blocked set at the emulator's boundaries: the one inherited from the
 * native parent, and the one an execve'd program (native too) inherits.
 * There the numbers are native ones, which are the guest's: the table is
 * only for signals that go through this process while the emulator's libc
 * holds 32 and 33.  The kernel's call takes 32 and 33, as glibc's does not.
 */
static void host_sigmask_raw(int how, const uint64_t *set, uint64_t *old)
{
    syscall(SYS_rt_sigprocmask, how, set, old, sizeof(*old));
}

/* Per-process dispositions; per-thread pending signals. */
static struct target_sigaction sigact_table[TARGET_NSIG + 1];

/*
 * A thread's pending signals, in arrival order.  Standard signals merge
 * (one entry each at most); real-time signals queue, one entry per
 * instance with its own siginfo, while fewer than SIGQUEUE_RT_MAX entries
 * are taken, which leaves room for every standard signal.  A real-time
 * signal beyond that is lost: the kernel would make its sender fail with
 * EAGAIN, but the host kernel has already accepted it.  The host handler
 * appends, on this thread, so a compiler barrier is enough to publish the
 * entry before the count; entries are removed only by this thread with
 * host signals blocked.
 */
#define SIGQUEUE_RT_MAX 64
#define SIGQUEUE_SIZE (SIGQUEUE_RT_MAX + TARGET_SIGRTMIN - 1)

struct sigqueue_state {
    struct {
        int sig;
        target_siginfo_t info;
    } queue[SIGQUEUE_SIZE];
    volatile sig_atomic_t count;
    int sync_sig;                  /* a CPU fault: delivered before the rest */
    target_siginfo_t sync_info;
    abi_long restart_code;         /* see signal_syscall_restart */
    bool in_wait;                  /* sigsuspend & co. swapped the mask */
    uint64_t wait_saved_mask;
};

static struct sigqueue_state main_sigstate;

static struct sigqueue_state *sigstate_of(TaskState *ts)
{
    if (!ts->sigstate) {
        ts->sigstate = &main_sigstate;
    }
    return ts->sigstate;
}

static TaskState *task_of(CPUArchState *env)
{
    return env->opaque;
}

abi_long target_sigset_from_user(uint64_t *set, abi_ulong gaddr, abi_ulong size)
{
    if (size != sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    return copy_from_user(set, gaddr, sizeof(*set)) ? -TARGET_EFAULT : 0;
}

/* The guest may not block these. */
static void set_guest_mask(TaskState *ts, uint64_t mask)
{
    ts->signal_mask = mask & ~(GUEST_SIGBIT(SIGKILL) | GUEST_SIGBIT(SIGSTOP));
    ts->signal_pending = 1;        /* unblocking may make one deliverable */
}

void host_to_target_siginfo(target_siginfo_t *t, const siginfo_t *info)
{
    int sig = info->si_signo;

    memset(t, 0, sizeof(*t));
    t->si_signo = host_to_target_signal(sig);
    t->si_errno = info->si_errno;
    t->si_code = info->si_code;
    if (sig == SIGCHLD && info->si_code > 0) {
        t->fields.sigchld.pid = info->si_pid;
        t->fields.sigchld.uid = info->si_uid;
        /* a signal here is the guest's own number: see dump_core_and_abort */
        t->fields.sigchld.status = info->si_status;
        t->fields.sigchld.utime = info->si_utime;
        t->fields.sigchld.stime = info->si_stime;
    } else if ((sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
                sig == SIGFPE || sig == SIGTRAP) && info->si_code > 0) {
        t->fields.sigfault.addr = h2g((uintptr_t)info->si_addr);
    } else if (sig == SIGIO && info->si_code > 0) {
        t->fields.sigpoll.band = info->si_band;
        t->fields.sigpoll.fd = info->si_fd;
    } else if (info->si_code == SI_TIMER) {
        t->fields.timer.tid = info->si_timerid;
        t->fields.timer.overrun = info->si_overrun;
        t->fields.timer.sigval = (abi_ulong)(uintptr_t)info->si_value.sival_ptr;
    } else {
        t->fields.rt.pid = info->si_pid;
        t->fields.rt.uid = info->si_uid;
        t->fields.rt.sigval = (abi_ulong)(uintptr_t)info->si_value.sival_ptr;
    }
}

abi_long target_to_host_siginfo_arg(siginfo_t *info, abi_long sig, abi_ulong ginfo)
{
    int host_sig = target_to_host_signal_arg(sig);
    target_siginfo_t t;

    if (host_sig < 0) {
        return -TARGET_EINVAL;
    }
    if (copy_from_user(&t, ginfo, sizeof(t))) {
        return -TARGET_EFAULT;
    }
    /* A siginfo made by a program: the kernel lets it carry any si_code
       but a sender other than the kernel fills only these fields. */
    memset(info, 0, sizeof(*info));
    info->si_signo = host_sig;
    info->si_errno = t.si_errno;
    info->si_code = t.si_code;
    info->si_pid = t.fields.rt.pid;
    info->si_uid = t.fields.rt.uid;
    info->si_value.sival_ptr = (void *)(uintptr_t)t.fields.rt.sigval;
    return 0;
}

/* The first queued instance of sig, or -1. */
static int queued_index(const struct sigqueue_state *ss, int sig)
{
    for (int i = 0; i < ss->count; i++) {
        if (ss->queue[i].sig == sig) {
            return i;
        }
    }
    return -1;
}

/* Record sig for the guest (signal handler context: no locks, no malloc). */
static void record_pending(TaskState *ts, int sig, const target_siginfo_t *info)
{
    struct sigqueue_state *ss = sigstate_of(ts);
    int n = ss->count;
    bool room = sig < TARGET_SIGRTMIN ? queued_index(ss, sig) < 0
                                      : n < SIGQUEUE_RT_MAX;

    /* A POSIX timer's signal is never queued twice (syscall_timer.c). */
    for (int i = 0; info->si_code == SI_TIMER && i < n; i++) {
        if (ss->queue[i].sig == sig && posix_timer_fold(&ss->queue[i].info, info)) {
            room = false;
            break;
        }
    }
    if (room) {
        ss->queue[n].sig = sig;
        ss->queue[n].info = *info;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        ss->count = n + 1;
    }
    ts->signal_pending = 1;
}

void queue_signal(CPUArchState *env, int sig, int si_code, abi_ulong addr)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);

    memset(&ss->sync_info, 0, sizeof(ss->sync_info));
    ss->sync_info.si_signo = sig;
    ss->sync_info.si_code = si_code;
    ss->sync_info.fields.sigfault.addr = addr;
    ss->sync_sig = sig;
    ts->signal_pending = 1;
}

static QEMU_NORETURN void host_fault_is_fatal(siginfo_t *info, uintptr_t pc)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL };

    fprintf(stderr, "qemu: fatal: host fault at pc 0x%" PRIxPTR
            " address %p (signal %d)\n", pc, info->si_addr, info->si_signo);
    qemu_log_flush();
    sigaction(SIGABRT, &dfl, NULL);
    abort();
}

static void host_signal_handler(int host_sig, siginfo_t *info, void *puc)
{
    int sig = host_to_target_signal(host_sig);
    ucontext_t *uc = puc;
    CPUArchState *env = thread_cpu;
    target_siginfo_t tinfo;

    /* A fault raised by the host CPU (not sent with kill): the guest's
       access in generated code or a helper, or an emulator bug. */
    if ((sig == SIGSEGV || sig == SIGBUS) && info->si_code > 0) {
        uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
        int is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;

        if (handle_cpu_signal(pc, info, is_write, &uc->uc_sigmask)) {
            return;
        }
        host_fault_is_fatal(info, pc);
    }
    if (!env) {
        return;                     /* no guest yet: nothing to deliver to */
    }
    host_to_target_siginfo(&tinfo, info);
    record_pending(task_of(env), sig, &tinfo);
    cpu_exit(env);
}

/*
 * The host disposition follows the guest's: ignored and harmless-default
 * signals are left to the host kernel (so SIGCHLD's SIG_IGN reaps children,
 * stop signals stop the process, and none of them interrupts a host
 * syscall for nothing); everything else comes to host_signal_handler.
 * SIGSEGV and SIGBUS always do: they carry the emulator's own faults.
 */
static void sync_host_disposition(int sig)
{
    const struct target_sigaction *ka = &sigact_table[sig];
    struct sigaction act;

    if (sig == SIGKILL || sig == SIGSTOP || !target_signal_available(sig)) {
        return;
    }
    memset(&act, 0, sizeof(act));
    sigfillset(&act.sa_mask);
    if (sig != SIGSEGV && sig != SIGBUS && ka->_sa_handler == TARGET_SIG_IGN) {
        act.sa_handler = SIG_IGN;
    } else if (sig != SIGSEGV && sig != SIGBUS &&
               ka->_sa_handler == TARGET_SIG_DFL && !is_fatal_by_default(sig)) {
        act.sa_handler = SIG_DFL;
    } else {
        act.sa_sigaction = host_signal_handler;
        act.sa_flags = SA_SIGINFO;
    }
    if (sig == SIGCHLD) {
        act.sa_flags |= ka->sa_flags & (SA_NOCLDSTOP | SA_NOCLDWAIT);
    }
    sigaction(target_to_host_signal(sig), &act, NULL);
}

/* The blocked set the emulator inherited across exec: the guest's first. */
static uint64_t inherited_mask;

void signal_init(void)
{
    sigset_t none;

    host_sigmask_raw(SIG_BLOCK, NULL, &inherited_mask);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        struct sigaction old;

        if (target_signal_available(sig) &&
            sigaction(target_to_host_signal(sig), NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN) {
            sigact_table[sig]._sa_handler = TARGET_SIG_IGN;
        }
        sync_host_disposition(sig);
    }
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

void signal_init_thread(CPUArchState *env)
{
    set_guest_mask(task_of(env), inherited_mask);
}

bool signal_new_thread(TaskState *ts, const TaskState *parent)
{
    ts->sigstate = calloc(1, sizeof(*ts->sigstate));
    if (!ts->sigstate) {
        return false;
    }
    set_guest_mask(ts, parent->signal_mask);
    return true;
}

void signal_end_thread(TaskState *ts)
{
    if (ts->sigstate != &main_sigstate) {
        free(ts->sigstate);
    }
    ts->sigstate = NULL;
}

/* As the kernel: the new action is read first and installed before the
   old one is written out, so a bad oact is EFAULT after the change. */
abi_long do_sigaction(int sig, abi_ulong act, abi_ulong oact)
{
    struct target_sigaction new, old;

    if (act && copy_from_user(&new, act, sizeof(new))) {
        return -TARGET_EFAULT;
    }
    if (!target_signal_available(sig)) {
        return -TARGET_EINVAL;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -TARGET_EINVAL;
    }
    old = sigact_table[sig];
    if (act) {
        sigact_table[sig] = new;
        sync_host_disposition(sig);
    }
    if (oact && copy_to_user(oact, &old, sizeof(old))) {
        return -TARGET_EFAULT;
    }
    return 0;
}

abi_long do_rt_sigprocmask(CPUArchState *env, int how, abi_ulong set,
                           abi_ulong oset, abi_ulong setsize)
{
    TaskState *ts = task_of(env);
    uint64_t cur = ts->signal_mask, change = 0;

    if (setsize != sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    if (set && copy_from_user(&change, set, sizeof(change))) {
        return -TARGET_EFAULT;
    }
    /* as the kernel: the old set is written out after the change */
    switch (set ? how : -1) {
    case -1:
        break;
    case SIG_BLOCK:
        set_guest_mask(ts, cur | change);
        break;
    case SIG_UNBLOCK:
        set_guest_mask(ts, cur & ~change);
        break;
    case SIG_SETMASK:
        set_guest_mask(ts, change);
        break;
    default:
        return -TARGET_EINVAL;
    }
    if (oset && copy_to_user(oset, &cur, sizeof(cur))) {
        return -TARGET_EFAULT;
    }
    return 0;
}

static bool on_sig_stack(TaskState *ts, abi_ulong sp)
{
    return sp - ts->sigaltstack_sp < ts->sigaltstack_size;
}

abi_long do_sigaltstack(CPUArchState *env, abi_ulong uss, abi_ulong uoss)
{
    TaskState *ts = task_of(env);
    abi_ulong sp = env->regs[R_ESP];
    target_stack_t old, ss;

    memset(&old, 0, sizeof(old));
    old.ss_sp = ts->sigaltstack_sp;
    old.ss_size = ts->sigaltstack_size;
    old.ss_flags = on_sig_stack(ts, sp) ? TARGET_SS_ONSTACK
                 : ts->sigaltstack_size ? 0 : TARGET_SS_DISABLE;
    if (uss) {
        int mode;

        if (copy_from_user(&ss, uss, sizeof(ss))) {
            return -TARGET_EFAULT;
        }
        if (on_sig_stack(ts, sp)) {
            return -TARGET_EPERM;
        }
        mode = ss.ss_flags & ~(1 << 31);   /* SS_AUTODISARM: accepted */
        if (mode != 0 && mode != TARGET_SS_DISABLE && mode != TARGET_SS_ONSTACK) {
            return -TARGET_EINVAL;
        }
        if (mode == TARGET_SS_DISABLE) {
            ss.ss_sp = ss.ss_size = 0;
        } else if (ss.ss_size < TARGET_MINSIGSTKSZ) {
            return -TARGET_ENOMEM;
        }
        ts->sigaltstack_sp = ss.ss_sp;
        ts->sigaltstack_size = ss.ss_size;
        ts->sigaltstack_flags = ss.ss_flags;
    }
    if (uoss && copy_to_user(uoss, &old, sizeof(old))) {
        return -TARGET_EFAULT;
    }
    return 0;
}

abi_ulong target_sigframe_top(CPUArchState *env, const struct target_sigaction *ka)
{
    TaskState *ts = task_of(env);
    abi_ulong sp = env->regs[R_ESP];

    if ((ka->sa_flags & TARGET_SA_ONSTACK) && ts->sigaltstack_size &&
        !on_sig_stack(ts, sp)) {
        return ts->sigaltstack_sp + ts->sigaltstack_size;
    }
    return sp;
}

void target_save_altstack(target_stack_t *uss, CPUArchState *env)
{
    TaskState *ts = task_of(env);

    uss->ss_sp = ts->sigaltstack_sp;
    uss->ss_size = ts->sigaltstack_size;
    uss->ss_flags = ts->sigaltstack_flags;
}

void target_restore_sigmask(CPUArchState *env, uint64_t mask)
{
    set_guest_mask(task_of(env), mask);
}

void target_sigreturn_badframe(CPUArchState *env)
{
    queue_signal(env, SIGSEGV, SI_KERNEL, 0);
}

void signal_syscall_restart(CPUArchState *env, abi_long code)
{
    sigstate_of(task_of(env))->restart_code = code;
}

void signal_fork_child(CPUArchState *env)
{
    struct sigqueue_state *ss = sigstate_of(task_of(env));

    ss->count = 0;
    ss->sync_sig = 0;
}

void signal_exec_mask_begin(CPUArchState *env, uint64_t *old)
{
    host_sigmask_raw(SIG_SETMASK, &task_of(env)->signal_mask, old);
}

void signal_exec_mask_end(const uint64_t *old)
{
    host_sigmask_raw(SIG_SETMASK, old, NULL);
}

/*
 * The death path kills the emulator with the guest's own number, not the
 * host number the table gives it: whoever reads the wait status, the shell
 * or an emulated parent, then sees what a native program's death would
 * show, even for 32 and 33, so wait statuses need no translation.  Those
 * two belong to the host libc, whose sigaction refuses them: the kernel's
 * does not, and the libc has no use for them any more.
 */
struct host_kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

QEMU_NORETURN void dump_core_and_abort(int target_sig)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    struct host_kernel_sigaction kernel_dfl = { .handler = SIG_DFL };
    uint64_t unblock = GUEST_SIGBIT(target_sig);

    if (default_action(target_sig) == SIG_ACT_CORE) {
        /* The status says "core dumped" either way; no file for the
           emulator's own image. */
        struct rlimit nodump = { 0, 0 };

        setrlimit(RLIMIT_CORE, &nodump);
        fprintf(stderr, "qemu: uncaught target signal %d (%s) - core dumped\n",
                target_sig, strsignal(target_sig));
    }
    qemu_log_flush();
    fflush(NULL);
    syscall(SYS_rt_sigaction, target_sig, &kernel_dfl, NULL, sizeof(unblock));
    kill(getpid(), target_sig);
    host_sigmask_raw(SIG_UNBLOCK, &unblock, NULL);
    /* Still alive: the signal was a stop, or its default is to ignore. */
    sigaction(SIGABRT, &dfl, NULL);
    abort();
}

/* The queue entry to take next among the signals of allowed, as the
   kernel picks: the lowest-numbered signal, its oldest instance.  -1 if
   none. */
static int next_queued(const struct sigqueue_state *ss, uint64_t allowed)
{
    int best = -1;

    for (int i = 0; i < ss->count; i++) {
        int sig = ss->queue[i].sig;

        if ((allowed & GUEST_SIGBIT(sig)) &&
            (best < 0 || sig < ss->queue[best].sig)) {
            best = i;
        }
    }
    return best;
}

/* Remove queue entry i: its number and siginfo (host signals blocked). */
static int dequeue_entry(struct sigqueue_state *ss, int i, target_siginfo_t *info)
{
    int sig = ss->queue[i].sig;

    *info = ss->queue[i].info;
    posix_timer_taken(info);
    memmove(&ss->queue[i], &ss->queue[i + 1],
            (ss->count - i - 1) * sizeof(ss->queue[0]));
    ss->count--;
    return sig;
}

/* Take the next signal to deliver, a CPU fault first: its number (0 if
   none) and siginfo; forced says it is the fault. */
static int take_next_signal(TaskState *ts, struct sigqueue_state *ss,
                            target_siginfo_t *info, bool *forced)
{
    int i, sig;

    *forced = ss->sync_sig != 0;
    if (*forced) {
        sig = ss->sync_sig;
        *info = ss->sync_info;
        ss->sync_sig = 0;
        return sig;
    }
    i = next_queued(ss, ~ts->signal_mask);
    return i < 0 ? 0 : dequeue_entry(ss, i, info);
}

/* A restart code left by the interrupted syscall becomes -EINTR when the
   handler about to run does not want it restarted. */
static void settle_restart_for_handler(CPUArchState *env,
                                       struct sigqueue_state *ss,
                                       const struct target_sigaction *ka)
{
    if (ss->restart_code == -TARGET_ERESTARTNOHAND ||
        (ss->restart_code == -TARGET_ERESTARTSYS &&
         !(ka->sa_flags & TARGET_SA_RESTART))) {
        env->regs[R_EAX] = -TARGET_EINTR;
        env->eip += 2;             /* int $0x80 and syscall: 2 bytes each */
    }
    ss->restart_code = 0;
}

static void deliver_signal(CPUArchState *env, int sig,
                           const target_siginfo_t *info, bool forced)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    struct target_sigaction *ka = &sigact_table[sig];
    uint64_t handler_mask, saved_mask;
    abi_long err;

    /* A fault the guest blocks or ignores kills it, as force_sig does. */
    if (forced && ((ts->signal_mask & GUEST_SIGBIT(sig)) ||
                   ka->_sa_handler == TARGET_SIG_IGN)) {
        ka->_sa_handler = TARGET_SIG_DFL;
    }
    if (ka->_sa_handler == TARGET_SIG_IGN) {
        return;
    }
    if (ka->_sa_handler == TARGET_SIG_DFL) {
        if (is_fatal_by_default(sig)) {
            dump_core_and_abort(sig);
        }
        return;                    /* ignore; stops are the host's business */
    }

    settle_restart_for_handler(env, ss, ka);
    saved_mask = ss->in_wait ? ss->wait_saved_mask : ts->signal_mask;
    ss->in_wait = false;
#ifndef TARGET_X86_64
    if (!(ka->sa_flags & TARGET_SA_SIGINFO)) {
        err = setup_frame(sig, ka, saved_mask, env);
    } else
#endif
    {
        err = setup_rt_frame(sig, ka, info, saved_mask, env);
    }
    if (err) {
        dump_core_and_abort(SIGSEGV);
    }

    handler_mask = ts->signal_mask | ka->sa_mask;
    if (!(ka->sa_flags & TARGET_SA_NODEFER)) {
        handler_mask |= GUEST_SIGBIT(sig);
    }
    set_guest_mask(ts, handler_mask);
    if (ka->sa_flags & TARGET_SA_RESETHAND) {
        ka->_sa_handler = TARGET_SIG_DFL;
        sync_host_disposition(sig);
    }
}

void process_pending_signals(CPUArchState *env)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    target_siginfo_t info;
    sigset_t all, old;
    bool forced;
    int sig;

    if (!ts->signal_pending && !ss->restart_code && !ss->in_wait) {
        return;
    }
    /* Keep the host handler from rewriting the table under us. */
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    ts->signal_pending = 0;
    while ((sig = take_next_signal(ts, ss, &info, &forced)) != 0) {
        deliver_signal(env, sig, &info, forced);
    }
    /* No handler ran for the interrupted call: it is restarted as is. */
    ss->restart_code = 0;
    if (ss->in_wait) {
        set_guest_mask(ts, ss->wait_saved_mask);
        ss->in_wait = false;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static bool deliverable_pending(TaskState *ts)
{
    struct sigqueue_state *ss = sigstate_of(ts);

    return ss->sync_sig || next_queued(ss, ~ts->signal_mask) >= 0;
}

bool guest_signal_deliverable(CPUArchState *env)
{
    return deliverable_pending(task_of(env));
}

bool sigmask_begin_wait(CPUArchState *env, uint64_t mask)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);

    ss->wait_saved_mask = ts->signal_mask;
    ss->in_wait = true;
    set_guest_mask(ts, mask);
    return !deliverable_pending(ts);
}

void sigmask_end_wait(CPUArchState *env, abi_long ret)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);

    /* Interrupted: the old mask returns after the handler's sigreturn
       (or at the end of process_pending_signals if none runs). */
    if (ret != -TARGET_EINTR) {
        set_guest_mask(ts, ss->wait_saved_mask);
        ss->in_wait = false;
    }
}

/*
 * rt_sigsuspend and pause: sleep until a signal the guest lets through is
 * pending.  Host signals are blocked between the check and the sleep so
 * that one arriving in between wakes sigsuspend instead of being missed.
 */
abi_long do_sigsuspend(CPUArchState *env, uint64_t mask)
{
    TaskState *ts = task_of(env);
    sigset_t all, none, old;

    sigmask_begin_wait(env, mask);
    sigfillset(&all);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &all, &old);
    while (!deliverable_pending(ts)) {
        sigsuspend(&none);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return -TARGET_EINTR;
}

/*
 * rt_sigtimedwait.  The host kernel never holds a guest signal pending (our
 * handler takes every one at once into the queue), so the wait is on the
 * queue: host signals are blocked between each look at it and the sleep,
 * which ppoll ends atomically, as in do_sigsuspend.
 */
abi_long do_sigtimedwait(CPUArchState *env, uint64_t set, abi_ulong ginfo,
                         const struct timespec *timeout)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    struct timespec deadline, left;
    target_siginfo_t info;
    sigset_t all, none, old;
    abi_long ret;

    set &= ~(GUEST_SIGBIT(SIGKILL) | GUEST_SIGBIT(SIGSTOP));
    if (timeout) {
        if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
            timeout->tv_nsec >= 1000000000) {
            return -TARGET_EINVAL;
        }
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += timeout->tv_sec;
        deadline.tv_nsec += timeout->tv_nsec;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
    }
    sigfillset(&all);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &all, &old);
    for (;;) {
        int i = next_queued(ss, set);

        if (i >= 0) {
            ret = dequeue_entry(ss, i, &info);
            break;
        }
        if (deliverable_pending(ts)) {
            ret = -TARGET_EINTR;
            break;
        }
        if (timeout) {
            clock_gettime(CLOCK_MONOTONIC, &left);
            left.tv_sec = deadline.tv_sec - left.tv_sec;
            left.tv_nsec = deadline.tv_nsec - left.tv_nsec;
            if (left.tv_nsec < 0) {
                left.tv_sec--;
                left.tv_nsec += 1000000000;
            }
            if (left.tv_sec < 0) {
                ret = -TARGET_EAGAIN;
                break;
            }
        }
        ppoll(NULL, 0, timeout ? &left : NULL, &none);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (ret > 0 && ginfo && copy_to_user(ginfo, &info, sizeof(info))) {
        return -TARGET_EFAULT;
    }
    return ret;
}

abi_long do_rt_sigpending(CPUArchState *env, abi_ulong gset, abi_ulong size)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    uint64_t set = 0;

    if (size > sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    for (int i = 0; i < ss->count; i++) {
        set |= GUEST_SIGBIT(ss->queue[i].sig) & ts->signal_mask;
    }
    return copy_to_user(gset, &set, size);
}
