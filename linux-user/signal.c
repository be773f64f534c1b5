/*
 * signal.c: guest signals.  The host kernel keeps the guest's pending
 * signals: each thread's host blocked set follows its guest blocked set,
 * so a signal the guest blocks waits in the host kernel's queues (with
 * its siginfo, up to RLIMIT_SIGPENDING, process-directed ones for any
 * thread that does not block them), as it would natively.  A signal the
 * guest can take is caught by one host handler, which either resolves a
 * fault of the emulator's own making (via handle_cpu_signal) or holds the
 * signal for the guest, blocks every caught signal and asks the CPU to
 * leave generated code.  process_pending_signals(), run by cpu_loop
 * between guest instructions and syscalls, then delivers it by the
 * guest's dispositions (default action, ignore, or a handler frame built
 * by <arch>/signal.c) and lets the host deliver the next.  Inside,
 * signals carry guest numbers; swapped_signals maps them to the host's
 * where they cross over.  docs/devel/linux-user.md, "Signals".
 */
#include "qemu/osdep.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include "qemu/log.h"
#include "qemu/host-signal.h"
#include "signal-common.h"
#include "syscall_impl.h"
#include "exec/shdwrt.h"

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
#define HOST_SIGBIT(sig) (1ULL << ((sig) - 1))

/* The host signal set of a guest set, and the reverse (the swap is its
   own inverse). */
uint64_t host_sigset_of(uint64_t set)
{
    uint64_t swapped = set;

    for (size_t i = 0; i < ARRAY_SIZE(swapped_signals); i++) {
        int a = swapped_signals[i][0], b = swapped_signals[i][1];

        swapped &= ~(GUEST_SIGBIT(a) | GUEST_SIGBIT(b));
        if (set & GUEST_SIGBIT(a)) {
            swapped |= GUEST_SIGBIT(b);
        }
        if (set & GUEST_SIGBIT(b)) {
            swapped |= GUEST_SIGBIT(a);
        }
    }
    return swapped;
}

static uint64_t guest_sigset_of(uint64_t host_set)
{
    return host_sigset_of(host_set);
}

/*
 * Host signals no thread ever blocks: the emulator's own faults arrive as
 * SIGSEGV and SIGBUS (blocked, the kernel would kill it), and the host
 * libc needs its reserved pair in every thread (setuid in a threaded
 * emulator).  A guest that blocks SIGSEGV or SIGBUS still gets them late:
 * one sent to it is held until it unblocks.
 */
static const uint64_t host_never_blocked =
    HOST_SIGBIT(SIGSEGV) | HOST_SIGBIT(SIGBUS) |
    HOST_SIGBIT(__SIGRTMIN) | HOST_SIGBIT(__SIGRTMIN + 1);

/* The host signals whose host disposition is host_signal_handler (the
   others are ignored or left to the kernel's default, sync_host_disposition),
   less host_never_blocked: those blocked while the emulator's own signal
   state must hold still. */
static uint64_t host_caught;

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

/* Per-process dispositions. */
static struct target_sigaction sigact_table[TARGET_NSIG + 1];

/*
 * Per thread: the signals taken from the host and not yet delivered
 * ("held"), one instance of each number at most: while one is held the
 * host blocks its number, so later instances wait in the host kernel's
 * queue behind it.  Only SIGSEGV and SIGBUS, never blocked, can arrive
 * again while held: standard signals, they merge as the kernel merges
 * them.  The host handler adds, on this thread; bits are changed with
 * atomic operations, which a handler cannot split.
 */
struct sigqueue_state {
    uint64_t held;                 /* guest numbers */
    target_siginfo_t held_info[TARGET_NSIG + 1];
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

/* A siginfo a program sends: the kernel lets it carry any si_code but
   a sender other than the kernel fills only these fields. */
static void target_to_host_sent_siginfo(siginfo_t *info, int host_sig,
                                        const target_siginfo_t *t)
{
    memset(info, 0, sizeof(*info));
    info->si_signo = host_sig;
    info->si_errno = t->si_errno;
    info->si_code = t->si_code;
    info->si_pid = t->fields.rt.pid;
    info->si_uid = t->fields.rt.uid;
    info->si_value.sival_ptr = (void *)(uintptr_t)t->fields.rt.sigval;
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
    target_to_host_sent_siginfo(info, host_sig, &t);
    return 0;
}

/* Hold sig for the guest (also in signal handler context: no locks, no
   malloc). */
static void hold_signal(TaskState *ts, int sig, const target_siginfo_t *info)
{
    struct sigqueue_state *ss = sigstate_of(ts);

    if (!(__atomic_load_n(&ss->held, __ATOMIC_RELAXED) & GUEST_SIGBIT(sig))) {
        ss->held_info[sig] = *info;
        __atomic_fetch_or(&ss->held, GUEST_SIGBIT(sig), __ATOMIC_SEQ_CST);
    }
    ts->signal_pending = 1;
}

/* Take held signal sig: its siginfo. */
static int take_held(struct sigqueue_state *ss, int sig, target_siginfo_t *info)
{
    *info = ss->held_info[sig];
    __atomic_fetch_and(&ss->held, ~GUEST_SIGBIT(sig), __ATOMIC_SEQ_CST);
    return sig;
}

/* The lowest-numbered held signal of set, or 0: the kernel's choice. */
static int lowest_held(const struct sigqueue_state *ss, uint64_t set)
{
    uint64_t held = __atomic_load_n(&ss->held, __ATOMIC_SEQ_CST) & set;

    return held ? __builtin_ctzll(held) + 1 : 0;
}

/*
 * The host blocked set of a thread running the guest: the guest's, and
 * the numbers held (their next instances queue in the host).  The quiet
 * set adds every caught signal: nothing but a fault or a signal sent as
 * SIGSEGV/SIGBUS reaches the handler while the emulator reads or changes
 * the thread's signal state.
 */
static uint64_t host_run_mask(TaskState *ts)
{
    uint64_t held = __atomic_load_n(&sigstate_of(ts)->held, __ATOMIC_SEQ_CST);

    return host_sigset_of(ts->signal_mask | held) & ~host_never_blocked;
}

static uint64_t host_quiet_mask(TaskState *ts)
{
    return host_run_mask(ts) | __atomic_load_n(&host_caught, __ATOMIC_RELAXED);
}

static void set_host_mask(uint64_t mask)
{
    host_sigmask_raw(SIG_SETMASK, &mask, NULL);
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
    uint64_t mask;

    /* A fault raised by the host CPU (not sent with kill): the guest's
       access in generated code or a helper, or an emulator bug. */
    if ((sig == SIGSEGV || sig == SIGBUS) && info->si_code > 0) {
        uintptr_t pc = host_signal_pc(uc);
        int is_write = host_signal_write(info, uc);

        if (handle_cpu_signal(pc, info, is_write, uc)) {
            return;
        }
        host_fault_is_fatal(info, pc);
    }
    if (!env) {
        return;                     /* no guest yet: nothing to deliver to */
    }
    host_to_target_siginfo(&tinfo, info);
    hold_signal(task_of(env), sig, &tinfo);
    safe_syscall_rewind(uc);
    /* The mask the kernel restores on return: no other caught signal
       until process_pending_signals has delivered this one. */
    memcpy(&mask, &uc->uc_sigmask, sizeof(mask));
    mask |= __atomic_load_n(&host_caught, __ATOMIC_RELAXED);
    memcpy(&uc->uc_sigmask, &mask, sizeof(mask));
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
    if (act.sa_handler == SIG_IGN || act.sa_handler == SIG_DFL) {
        __atomic_fetch_and(&host_caught, ~HOST_SIGBIT(target_to_host_signal(sig)),
                           __ATOMIC_RELAXED);
    } else {
        __atomic_fetch_or(&host_caught, HOST_SIGBIT(target_to_host_signal(sig)) &
                          ~host_never_blocked, __ATOMIC_RELAXED);
    }
    sigaction(target_to_host_signal(sig), &act, NULL);
}

/* The blocked set the emulator inherited across exec: the guest's first. */
static uint64_t inherited_mask;

/* Whether signal sig was ignored when the emulator started (exec keeps
   SIG_IGN).  Asked of the kernel, whose call takes 32 and 33, as the host
   libc's does not; the libc has not claimed them yet. */
static bool inherited_ignored(int sig)
{
    struct {
        void *handler;
        unsigned long flags;
        void *restorer;
        uint64_t mask;
    } old;

    return syscall(SYS_rt_sigaction, sig, NULL, &old, sizeof(old.mask)) == 0 &&
           old.handler == SIG_IGN;
}

/* Until the first thread's guest mask is known, every caught signal waits
   in the host, blocked as the emulator inherited them or by the quiet set.
   The inherited dispositions are those of the native numbers, which are
   the guest's (a parent's ignored 32 is the guest's 32, not host 64). */
void signal_init(void)
{
    host_sigmask_raw(SIG_BLOCK, NULL, &inherited_mask);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (target_signal_available(sig) && inherited_ignored(sig)) {
            sigact_table[sig]._sa_handler = TARGET_SIG_IGN;
        }
        sync_host_disposition(sig);
    }
    host_sigmask_raw(SIG_BLOCK, &host_caught, NULL);
}

void signal_init_thread(CPUArchState *env)
{
    set_guest_mask(task_of(env), inherited_mask);
    signal_start_thread(env);
}

void signal_start_thread(CPUArchState *env)
{
    set_host_mask(host_run_mask(task_of(env)));
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
        new.sa_flags &= TARGET_UAPI_SA_FLAGS;
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
    /* as the kernel: `how` counts only with a new set; the old set is
       written out after the change */
    if (set) {
        switch (how) {
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
    }
    if (oset && copy_to_user(oset, &cur, sizeof(cur))) {
        return -TARGET_EFAULT;
    }
    return 0;
}

/* As Linux for a stack that grows down: above the base, up to and
   including the top. */
static bool on_sig_stack(TaskState *ts, abi_ulong sp)
{
    return sp > ts->sigaltstack_sp && sp - ts->sigaltstack_sp <= ts->sigaltstack_size;
}

/* The kernel's order (do_sigaltstack): read the new stack (EFAULT), EPERM
   on it, EINVAL for a bad mode, success at once when nothing changes, then
   ENOMEM for a small one; the old stack is written only on success. */
abi_long do_sigaltstack(CPUArchState *env, abi_ulong uss, abi_ulong uoss)
{
    TaskState *ts = task_of(env);
    abi_ulong sp = env->regs[R_ESP];
    target_stack_t old, ss;

    memset(&old, 0, sizeof(old));
    old.ss_sp = ts->sigaltstack_sp;
    old.ss_size = ts->sigaltstack_size;
    old.ss_flags = (!ts->sigaltstack_size ? TARGET_SS_DISABLE
                    : on_sig_stack(ts, sp) ? TARGET_SS_ONSTACK : 0)
                   | (ts->sigaltstack_flags & TARGET_SS_AUTODISARM);
    if (uss) {
        unsigned mode;

        if (copy_from_user(&ss, uss, sizeof(ss))) {
            return -TARGET_EFAULT;
        }
        if (on_sig_stack(ts, sp)) {
            return -TARGET_EPERM;
        }
        mode = ss.ss_flags & ~TARGET_SS_AUTODISARM;
        if (mode != 0 && mode != TARGET_SS_DISABLE && mode != TARGET_SS_ONSTACK) {
            return -TARGET_EINVAL;
        }
        if (ss.ss_sp != ts->sigaltstack_sp || ss.ss_size != ts->sigaltstack_size
            || ss.ss_flags != ts->sigaltstack_flags) {
            if (mode == TARGET_SS_DISABLE) {
                ss.ss_sp = ss.ss_size = 0;
            } else if (ss.ss_size < TARGET_MINSIGSTKSZ) {
                return -TARGET_ENOMEM;
            }
            ts->sigaltstack_sp = ss.ss_sp;
            ts->sigaltstack_size = ss.ss_size;
            ts->sigaltstack_flags = ss.ss_flags;
        }
    }
    if (uoss && copy_to_user(uoss, &old, sizeof(old))) {
        return -TARGET_EFAULT;
    }
    return 0;
}

/* The stack pointer below the red zone, or the alternate stack's top when
   the handler asks for it and that point is not on it (Linux's
   get_sigframe: the red zone counts in that test, not on the new stack). */
abi_ulong target_sigframe_top(CPUArchState *env, const struct target_sigaction *ka,
                              abi_ulong redzone)
{
    TaskState *ts = task_of(env);
    abi_ulong sp = env->regs[R_ESP] - redzone;

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

/* As the kernel: the child starts with nothing pending (the host kernel
   cleared its own queues); its host mask loses the held numbers. */
void signal_fork_child(CPUArchState *env)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);

    ss->held = 0;
    ss->sync_sig = 0;
    set_host_mask(host_run_mask(ts));
}

/* Pending signals survive execve: the held ones go back to the host's
   queue of this thread, blocked by the mask the new program inherits
   (an unblocked one would have been delivered already). */
void signal_exec_mask_begin(CPUArchState *env, uint64_t *old)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    uint64_t quiet = host_quiet_mask(ts);
    uint64_t never_blocked = guest_sigset_of(host_never_blocked);
    target_siginfo_t info;
    siginfo_t hinfo;
    int sig;

    host_sigmask_raw(SIG_SETMASK, &quiet, old);
    while ((sig = lowest_held(ss, ts->signal_mask & ~never_blocked)) != 0) {
        take_held(ss, sig, &info);
        /* A signal one sends oneself may carry any si_code. */
        target_to_host_sent_siginfo(&hinfo, target_to_host_signal(sig), &info);
        syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid),
                hinfo.si_signo, &hinfo);
    }
    host_sigmask_raw(SIG_SETMASK, &ts->signal_mask, NULL);
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

    gdb_signalled(target_sig);

    if (default_action(target_sig) == SIG_ACT_CORE) {
        /* The status says "core dumped" either way; no file for the
           emulator's own image. */
        struct rlimit nodump = { 0, 0 };

        setrlimit(RLIMIT_CORE, &nodump);
        fprintf(stderr, "qemu: uncaught target signal %d (%s) - core dumped\n",
                target_sig, strsignal(target_sig));
    }
    shdwrt_print_summary();
    qemu_log_flush();
    fflush(NULL);
    syscall(SYS_rt_sigaction, target_sig, &kernel_dfl, NULL, sizeof(unblock));
    kill(getpid(), target_sig);
    host_sigmask_raw(SIG_UNBLOCK, &unblock, NULL);
    /* Still alive: the signal was a stop, or its default is to ignore. */
    sigaction(SIGABRT, &dfl, NULL);
    abort();
}

/* Take the next signal to deliver, a CPU fault first, then as the kernel
   picks: the lowest-numbered one the guest does not block.  Its number (0
   if none) and siginfo; forced says it is the fault. */
static int take_next_signal(TaskState *ts, struct sigqueue_state *ss,
                            target_siginfo_t *info, bool *forced)
{
    int sig;

    *forced = ss->sync_sig != 0;
    if (*forced) {
        sig = ss->sync_sig;
        *info = ss->sync_info;
        ss->sync_sig = 0;
        return sig;
    }
    sig = lowest_held(ss, ~ts->signal_mask);
    return sig ? take_held(ss, sig, info) : 0;
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
    /* SS_AUTODISARM: the stack is off while the handler runs; an rt frame
       brings it back at sigreturn (the old i386 frame has no copy). */
    if (ts->sigaltstack_flags & TARGET_SS_AUTODISARM) {
        ts->sigaltstack_sp = ts->sigaltstack_size = 0;
        ts->sigaltstack_flags = TARGET_SS_DISABLE;
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

/*
 * Deliver what is held and deliverable, then let the host deliver the
 * next: setting the run mask lets through whatever the host kernel queued
 * that the guest's mask (perhaps just changed by a sigreturn or a handler
 * frame) now allows; it arrives at once and is delivered in the next
 * round, so several signals unblocked together build nested frames before
 * any guest code runs, as the kernel does.
 */
void process_pending_signals(CPUArchState *env)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    target_siginfo_t info;
    bool forced;
    int sig;

    if (!ts->signal_pending && !ss->restart_code && !ss->in_wait) {
        return;
    }
    for (;;) {
        set_host_mask(host_quiet_mask(ts));
        while ((sig = take_next_signal(ts, ss, &info, &forced)) != 0) {
            /* gdb sees every signal first, and may keep or change it */
            if ((sig = gdb_handlesig(env, sig)) != 0) {
                deliver_signal(env, sig, &info, forced);
            }
        }
        /* No handler ran for the interrupted call: it is restarted as is. */
        ss->restart_code = 0;
        if (ss->in_wait) {
            set_guest_mask(ts, ss->wait_saved_mask);
            ss->in_wait = false;
        }
        /* From here only the handler sets it: a signal that just came. */
        ts->signal_pending = 0;
        set_host_mask(host_run_mask(ts));
        if (!ts->signal_pending) {
            return;
        }
    }
}

static bool deliverable_pending(TaskState *ts)
{
    struct sigqueue_state *ss = sigstate_of(ts);

    return ss->sync_sig || lowest_held(ss, ~ts->signal_mask);
}

bool guest_signal_deliverable(CPUArchState *env)
{
    return deliverable_pending(task_of(env));
}

/* The guest mask becomes mask for a wait; the host's follows at once, so
   that what the host kept blocked and mask allows arrives now. */
bool sigmask_begin_wait(CPUArchState *env, uint64_t mask)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);

    ss->wait_saved_mask = ts->signal_mask;
    ss->in_wait = true;
    set_guest_mask(ts, mask);
    set_host_mask(host_run_mask(ts));
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
        set_host_mask(host_run_mask(ts));
    }
}

/*
 * rt_sigsuspend and pause: sleep until a signal the guest lets through is
 * held.  Caught signals are blocked between the look at the held set and
 * the host's sigsuspend, which unblocks them atomically, so one arriving
 * in between is not missed.  Ignored signals, and stops, are the host
 * kernel's: they do not end the wait, as natively.
 */
abi_long do_sigsuspend(CPUArchState *env, uint64_t mask)
{
    TaskState *ts = task_of(env);

    sigmask_begin_wait(env, mask);
    set_host_mask(host_quiet_mask(ts));
    while (!deliverable_pending(ts)) {
        uint64_t wait_mask = host_run_mask(ts);

        syscall(SYS_rt_sigsuspend, &wait_mask, sizeof(wait_mask));
    }
    return -TARGET_EINTR;
}

/*
 * rt_sigtimedwait: a held signal of set, else the host's rt_sigtimedwait
 * takes one from the host kernel's queues.  Caught signals are blocked
 * meanwhile, so the host waits also for those the guest lets through: one
 * outside set is held for delivery and the wait ends with EINTR, as
 * natively a handler would interrupt it.  Signals ignored by the guest
 * stay the host kernel's, which discards them unless blocked, as Linux.
 */
abi_long do_sigtimedwait(CPUArchState *env, uint64_t set, abi_ulong ginfo,
                         const struct timespec *timeout)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    target_siginfo_t info;
    uint64_t wanted;
    siginfo_t hinfo;
    abi_long ret;
    int sig;

    set &= ~(GUEST_SIGBIT(SIGKILL) | GUEST_SIGBIT(SIGSTOP));
    if (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
                    timeout->tv_nsec >= 1000000000)) {
        return -TARGET_EINVAL;
    }
    set_host_mask(host_quiet_mask(ts));
    sig = lowest_held(ss, set);
    if (sig) {
        ret = take_held(ss, sig, &info);
    } else if (deliverable_pending(ts)) {
        ret = -TARGET_EINTR;
    } else {
        wanted = (host_sigset_of(set) |
                  (host_caught & ~host_run_mask(ts))) & ~host_never_blocked;
        ret = get_errno(syscall(SYS_rt_sigtimedwait, &wanted, &hinfo, timeout,
                                sizeof(wanted)));
        if (ret > 0) {
            host_to_target_siginfo(&info, &hinfo);
            ret = info.si_signo;
            if (!(set & GUEST_SIGBIT(ret))) {
                hold_signal(ts, ret, &info);
                ret = -TARGET_EINTR;
            }
        }
    }
    set_host_mask(host_run_mask(ts));
    if (ret > 0 && ginfo && copy_to_user(ginfo, &info, sizeof(info))) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/* The host's pending sets lack the signals held here (taken from the
   host, pending for the guest); its blocked set lacks the ones the host
   never blocks, and its handler catches every signal. */
/* The TaskState of guest thread tid, else the caller's; cpu_list_lock
   held (a thread leaves the list before its TaskState goes). */
static TaskState *task_by_tid(pid_t tid)
{
    CPUArchState *cpu;

    CPU_FOREACH(cpu) {
        if (task_of(cpu)->tid == tid) {
            return task_of(cpu);
        }
    }
    return thread_cpu->opaque;
}

void signal_guest_sets(pid_t tid, GuestSignalSets *sets)
{
    TaskState *ts;

    cpu_list_lock();
    ts = task_by_tid(tid);
    sets->pending = guest_sigset_of(sets->pending) |
                    __atomic_load_n(&sigstate_of(ts)->held, __ATOMIC_SEQ_CST);
    sets->shared_pending = guest_sigset_of(sets->shared_pending);
    sets->blocked = ts->signal_mask;
    sets->ignored = sets->caught = 0;
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        abi_ulong handler = sigact_table[sig]._sa_handler;

        if (handler == TARGET_SIG_IGN) {
            sets->ignored |= GUEST_SIGBIT(sig);
        } else if (handler != TARGET_SIG_DFL) {
            sets->caught |= GUEST_SIGBIT(sig);
        }
    }
    cpu_list_unlock();
}

/* Pending and blocked: what the host kernel queues (it returns those its
   mask blocks: the guest's) and the signals held here. */
abi_long do_rt_sigpending(CPUArchState *env, abi_ulong gset, abi_ulong size)
{
    TaskState *ts = task_of(env);
    struct sigqueue_state *ss = sigstate_of(ts);
    uint64_t host_pending = 0, set;

    if (size > sizeof(target_sigset_t)) {
        return -TARGET_EINVAL;
    }
    syscall(SYS_rt_sigpending, &host_pending, sizeof(host_pending));
    set = (guest_sigset_of(host_pending) |
           __atomic_load_n(&ss->held, __ATOMIC_SEQ_CST)) & ts->signal_mask;
    return copy_to_user(gset, &set, size);
}
