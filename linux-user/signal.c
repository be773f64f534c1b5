/*
 * signal.c: guest signals.  Host signals are caught by one handler that
 * either resolves a fault of the emulator's own making (via
 * handle_cpu_signal) or records the signal as pending for the guest and
 * asks the CPU to leave generated code.  process_pending_signals(), run by
 * cpu_loop between guest instructions and syscalls, then honours the
 * guest's blocked set and dispositions: default action, ignore, or a
 * handler frame built by <arch>/signal.c.  Host signals stay unblocked
 * while the guest runs; the guest's blocked set only delays delivery.
 */
#include "qemu/osdep.h"
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

/* Per-process dispositions; per-thread pending signals. */
static struct target_sigaction sigact_table[TARGET_NSIG + 1];

struct sigqueue_state {
    struct {
        volatile sig_atomic_t pending;
        target_siginfo_t info;
    } sig[TARGET_NSIG + 1];
    int sync_sig;                  /* a CPU fault: delivered before the rest */
    abi_long restart_code;         /* see signal_syscall_restart */
    bool in_wait;                  /* sigsuspend & co. swapped the mask */
    sigset_t wait_saved_mask;
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

uint64_t host_to_target_sigset(const sigset_t *set)
{
    uint64_t t = 0;

    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (sigismember(set, sig) == 1) {
            t |= 1ULL << (sig - 1);
        }
    }
    return t;
}

void target_to_host_sigset(sigset_t *set, uint64_t tset)
{
    sigemptyset(set);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (tset & (1ULL << (sig - 1))) {
            sigaddset(set, sig);
        }
    }
}

abi_long target_sigset_from_user(sigset_t *host, abi_ulong gaddr, abi_ulong size)
{
    uint64_t t;

    if (size != sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    if (copy_from_user(&t, gaddr, sizeof(t))) {
        return -TARGET_EFAULT;
    }
    target_to_host_sigset(host, t);
    return 0;
}

/* The guest may not block these. */
static void set_guest_mask(TaskState *ts, const sigset_t *mask)
{
    ts->signal_mask = *mask;
    sigdelset(&ts->signal_mask, SIGKILL);
    sigdelset(&ts->signal_mask, SIGSTOP);
    ts->signal_pending = 1;        /* unblocking may make one deliverable */
}

void host_to_target_siginfo(target_siginfo_t *t, const siginfo_t *info)
{
    int sig = info->si_signo;

    memset(t, 0, sizeof(*t));
    t->si_signo = sig;
    t->si_errno = info->si_errno;
    t->si_code = info->si_code;
    if (sig == SIGCHLD && info->si_code > 0) {
        t->fields.sigchld.pid = info->si_pid;
        t->fields.sigchld.uid = info->si_uid;
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

/* Record sig for the guest (signal handler context: no locks, no malloc). */
static void record_pending(TaskState *ts, int sig, const target_siginfo_t *info)
{
    struct sigqueue_state *ss = sigstate_of(ts);

    /* Standard signals do not queue: a second one merges with the first. */
    if (!ss->sig[sig].pending) {
        ss->sig[sig].info = *info;
        ss->sig[sig].pending = 1;
    }
    ts->signal_pending = 1;
}

void queue_signal(CPUArchState *env, int sig, int si_code, abi_ulong addr)
{
    TaskState *ts = task_of(env);
    target_siginfo_t info;

    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = si_code;
    info.fields.sigfault.addr = addr;
    sigstate_of(ts)->sync_sig = sig;
    sigstate_of(ts)->sig[sig].info = info;
    sigstate_of(ts)->sig[sig].pending = 1;
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

static void host_signal_handler(int sig, siginfo_t *info, void *puc)
{
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

    if (sig == SIGKILL || sig == SIGSTOP) {
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
    /* Fails for the two real-time signals glibc keeps for itself: the
       guest can still raise them on itself, but not receive them from
       outside. */
    sigaction(sig, &act, NULL);
}

/* The blocked set the emulator inherited across exec: the guest's first. */
static sigset_t inherited_mask;

void signal_init(void)
{
    sigset_t none;

    sigprocmask(SIG_SETMASK, NULL, &inherited_mask);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        struct sigaction old;

        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
            sigact_table[sig]._sa_handler = TARGET_SIG_IGN;
        }
        sync_host_disposition(sig);
    }
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

void signal_init_thread(CPUArchState *env)
{
    set_guest_mask(task_of(env), &inherited_mask);
}

bool signal_new_thread(TaskState *ts, const TaskState *parent)
{
    ts->sigstate = calloc(1, sizeof(*ts->sigstate));
    if (!ts->sigstate) {
        return false;
    }
    set_guest_mask(ts, &parent->signal_mask);
    return true;
}

void signal_end_thread(TaskState *ts)
{
    if (ts->sigstate != &main_sigstate) {
        free(ts->sigstate);
    }
    ts->sigstate = NULL;
}

abi_long do_sigaction(int sig, abi_ulong act, abi_ulong oact)
{
    struct target_sigaction new;

    if (sig < 1 || sig > TARGET_NSIG) {
        return -TARGET_EINVAL;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -TARGET_EINVAL;
    }
    if (act && copy_from_user(&new, act, sizeof(new))) {
        return -TARGET_EFAULT;
    }
    if (oact && copy_to_user(oact, &sigact_table[sig], sizeof(new))) {
        return -TARGET_EFAULT;
    }
    if (act) {
        sigact_table[sig] = new;
        sync_host_disposition(sig);
    }
    return 0;
}

abi_long do_rt_sigprocmask(CPUArchState *env, int how, abi_ulong set,
                           abi_ulong oset, abi_ulong setsize)
{
    TaskState *ts = task_of(env);
    uint64_t cur = host_to_target_sigset(&ts->signal_mask), change = 0;
    sigset_t new;

    if (setsize != sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    if (set && copy_from_user(&change, set, sizeof(change))) {
        return -TARGET_EFAULT;
    }
    if (oset && copy_to_user(oset, &cur, sizeof(cur))) {
        return -TARGET_EFAULT;
    }
    if (!set) {
        return 0;
    }
    switch (how) {
    case SIG_BLOCK:
        cur |= change;
        break;
    case SIG_UNBLOCK:
        cur &= ~change;
        break;
    case SIG_SETMASK:
        cur = change;
        break;
    default:
        return -TARGET_EINVAL;
    }
    target_to_host_sigset(&new, cur);
    set_guest_mask(ts, &new);
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
    sigset_t set;

    target_to_host_sigset(&set, mask);
    set_guest_mask(task_of(env), &set);
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

    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        ss->sig[sig].pending = 0;
    }
    ss->sync_sig = 0;
}

QEMU_NORETURN void dump_core_and_abort(int target_sig)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    sigset_t unblock;

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
    sigaction(target_sig, &dfl, NULL);
    kill(getpid(), target_sig);
    sigemptyset(&unblock);
    sigaddset(&unblock, target_sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    /* Still alive: the signal was a stop, or its default is to ignore. */
    sigaction(SIGABRT, &dfl, NULL);
    abort();
}

/* The next signal to deliver: a CPU fault first, then the lowest-numbered
   pending one the guest does not block.  0 if none. */
static int next_signal(TaskState *ts, struct sigqueue_state *ss)
{
    if (ss->sync_sig) {
        return ss->sync_sig;
    }
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (ss->sig[sig].pending && !sigismember(&ts->signal_mask, sig)) {
            return sig;
        }
    }
    return 0;
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
    sigset_t handler_mask;
    uint64_t saved_mask;
    abi_long err;

    /* A fault the guest blocks or ignores kills it, as force_sig does. */
    if (forced && (sigismember(&ts->signal_mask, sig) ||
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
    saved_mask = host_to_target_sigset(ss->in_wait ? &ss->wait_saved_mask
                                                   : &ts->signal_mask);
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

    handler_mask = ts->signal_mask;
    for (int s = 1; s <= TARGET_NSIG; s++) {
        if (ka->sa_mask & (1ULL << (s - 1))) {
            sigaddset(&handler_mask, s);
        }
    }
    if (!(ka->sa_flags & TARGET_SA_NODEFER)) {
        sigaddset(&handler_mask, sig);
    }
    set_guest_mask(ts, &handler_mask);
    if (ka->sa_flags & TARGET_SA_RESETHAND) {
        ka->_sa_handler = TARGET_SIG_DFL;
        sync_host_disposition(sig);
    }
}

void process_pending_signals(CPUArchState *env)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    sigset_t all, old;
    int sig;

    if (!ts->signal_pending && !ss->restart_code && !ss->in_wait) {
        return;
    }
    /* Keep the host handler from rewriting the table under us. */
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    ts->signal_pending = 0;
    while ((sig = next_signal(ts, ss)) != 0) {
        target_siginfo_t info = ss->sig[sig].info;
        bool forced = ss->sync_sig == sig;

        ss->sig[sig].pending = 0;
        ss->sync_sig = 0;
        deliver_signal(env, sig, &info, forced);
    }
    /* No handler ran for the interrupted call: it is restarted as is. */
    ss->restart_code = 0;
    if (ss->in_wait) {
        set_guest_mask(ts, &ss->wait_saved_mask);
        ss->in_wait = false;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static bool deliverable_pending(TaskState *ts)
{
    return next_signal(ts, sigstate_of(ts)) != 0;
}

bool sigmask_begin_wait(CPUArchState *env, const sigset_t *mask)
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
        set_guest_mask(ts, &ss->wait_saved_mask);
        ss->in_wait = false;
    }
}

/*
 * rt_sigsuspend and pause: sleep until a signal the guest lets through is
 * pending.  Host signals are blocked between the check and the sleep so
 * that one arriving in between wakes sigsuspend instead of being missed.
 */
abi_long do_sigsuspend(CPUArchState *env, const sigset_t *mask)
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

abi_long do_rt_sigpending(CPUArchState *env, abi_ulong gset, abi_ulong size)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    uint64_t set = 0;

    if (size > sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (ss->sig[sig].pending && sigismember(&ts->signal_mask, sig)) {
            set |= 1ULL << (sig - 1);
        }
    }
    return copy_to_user(gset, &set, size);
}
