/*
 * native.c: runs the guest program on the host CPU under ptrace, stepping
 * one instruction at a time (PTRACE_SINGLESTEP) or running it to a
 * breakpoint, an int3 written over the instruction where the emulator's
 * next block starts (PTRACE_SYSCALL, to see the system calls on the way).
 * Address space layout
 * randomisation is turned off so that two runs start from the same addresses
 * and the stack differs from the emulator's only by a fixed placement.
 */
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lockstep.h"

struct Native {
    pid_t pid;
    bool with_sse;
    int pending_signal;
    int delivered_signal;  /* the last one native_state passed on, until taken */
    bool breakpoint;  /* an int3 of ours is in the program */
    uint64_t bp_addr, bp_word;  /* where, and the word it replaced */
    bool bp_lifted;   /* taken out while a fork runs: its child would trap */
    bool in_syscall;  /* between a system call's entry and exit stops */
    SyscallHook *hook;
    void *hook_opaque;
    uint64_t program_nr, program_args[6];  /* the system call's own, while it runs */
    bool args_changed;
    bool stopped;  /* a stop is waiting to be read: the one after exec */
};

static void die(const char *what)
{
    perror(what);
    exit(2);
}

Native *native_start(char **argv, char **envp, bool with_sse)
{
    Native *n = calloc(1, sizeof(*n));
    int status;

    n->with_sse = with_sse;
    n->pid = fork();
    if (n->pid < 0) {
        die("fork");
    }
    if (n->pid == 0) {
        /* The guest's output is not what is compared, and the report
           should not drown in it. */
        int null = open("/dev/null", O_RDWR);
        /* (opened before /tmp is covered: it may be there) */
        int program = open(argv[0], O_RDONLY | O_CLOEXEC);

        if (!own_namespaces(true)) {
            perror("lockstep: no namespaces of their own for the runs, IPC objects and "
                   "temporary files are shared (unshare, mount)");
        }
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        close(null);
        personality(ADDR_NO_RANDOMIZE);
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        fexecve(program, argv, envp);
        _exit(127);
    }
    if (waitpid(n->pid, &status, 0) < 0 || !WIFSTOPPED(status)) {
        fprintf(stderr, "lockstep: %s did not start natively\n", argv[0]);
        exit(2);
    }
    ptrace(PTRACE_SETOPTIONS, n->pid, NULL,
           (void *)(PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD));
    n->stopped = true;
    return n;
}

/* user_regs_struct field of each GPR, in gpr_names order. */
static const size_t gpr_offsets[NB_GPR] = {
    offsetof(struct user_regs_struct, rax), offsetof(struct user_regs_struct, rbx),
    offsetof(struct user_regs_struct, rcx), offsetof(struct user_regs_struct, rdx),
    offsetof(struct user_regs_struct, rsi), offsetof(struct user_regs_struct, rdi),
    offsetof(struct user_regs_struct, rbp), offsetof(struct user_regs_struct, rsp),
    offsetof(struct user_regs_struct, r8), offsetof(struct user_regs_struct, r9),
    offsetof(struct user_regs_struct, r10), offsetof(struct user_regs_struct, r11),
    offsetof(struct user_regs_struct, r12), offsetof(struct user_regs_struct, r13),
    offsetof(struct user_regs_struct, r14), offsetof(struct user_regs_struct, r15),
};

static uint64_t *reg_field(struct user_regs_struct *r, int i)
{
    return (uint64_t *)((char *)r + gpr_offsets[i]);
}

/*
 * The FXSAVE image the kernel gives: ST(i) in stack order, 16 bytes apart,
 * the abridged tag word in the low byte of ftw.  FIP, FDP and FOP are not
 * carried over: the emulator does not keep them (docs/user/testing.md).
 */
static void fpregs_to_state(const struct user_fpregs_struct *f, GuestState *s)
{
    int i;

    s->mxcsr = f->mxcsr;
    memcpy(s->xmm, f->xmm_space, sizeof(s->xmm));
    s->fcw = f->cwd;
    s->fsw = f->swd;
    s->ftw = f->ftw;
    for (i = 0; i < 8; i++) {
        memcpy(&s->st[i].mant, (const char *)f->st_space + 16 * i, 8);
        memcpy(&s->st[i].sign_exp, (const char *)f->st_space + 16 * i + 8, 2);
    }
}

static void state_to_fpregs(const GuestState *s, struct user_fpregs_struct *f)
{
    int i;

    f->mxcsr = s->mxcsr;
    memcpy(f->xmm_space, s->xmm, sizeof(s->xmm));
    f->cwd = s->fcw;
    f->swd = s->fsw;
    f->ftw = s->ftw;
    for (i = 0; i < 8; i++) {
        memcpy((char *)f->st_space + 16 * i, &s->st[i].mant, 8);
        memcpy((char *)f->st_space + 16 * i + 8, &s->st[i].sign_exp, 2);
    }
}

bool native_state(Native *n, GuestState *s, int *status)
{
    struct user_regs_struct r;
    int i;

    for (;;) {
        if (n->stopped) {
            n->stopped = false;
            break;
        }
        if (waitpid(n->pid, status, 0) < 0) {
            die("waitpid");
        }
        if (WIFEXITED(*status) || WIFSIGNALED(*status)) {
            return false;
        }
        if (WSTOPSIG(*status) == SIGTRAP) {
            break;
        }
        /* A signal for the program itself: deliver it on the next step. */
        n->pending_signal = n->delivered_signal = WSTOPSIG(*status);
        native_step(n);
    }
    if (ptrace(PTRACE_GETREGS, n->pid, NULL, &r) < 0) {
        die("PTRACE_GETREGS");
    }
    s->rip = r.rip;
    for (i = 0; i < NB_GPR; i++) {
        s->gpr[i] = *reg_field(&r, i);
    }
    s->eflags = r.eflags;
    s->fs_base = r.fs_base;
    if (n->with_sse) {
        struct user_fpregs_struct f;

        if (ptrace(PTRACE_GETFPREGS, n->pid, NULL, &f) < 0) {
            die("PTRACE_GETFPREGS");
        }
        fpregs_to_state(&f, s);
    }
    return true;
}

void native_set_state(Native *n, const GuestState *s)
{
    struct user_regs_struct r;
    int i;

    if (ptrace(PTRACE_GETREGS, n->pid, NULL, &r) < 0) {
        die("PTRACE_GETREGS");
    }
    for (i = 0; i < NB_GPR; i++) {
        *reg_field(&r, i) = s->gpr[i];
    }
    r.eflags = s->eflags;
    r.rip = s->rip;
    if (ptrace(PTRACE_SETREGS, n->pid, NULL, &r) < 0) {
        die("PTRACE_SETREGS");
    }
    if (n->with_sse) {
        struct user_fpregs_struct f;

        if (ptrace(PTRACE_GETFPREGS, n->pid, NULL, &f) < 0) {
            die("PTRACE_GETFPREGS");
        }
        state_to_fpregs(s, &f);
        if (ptrace(PTRACE_SETFPREGS, n->pid, NULL, &f) < 0) {
            die("PTRACE_SETFPREGS");
        }
    }
}

int native_take_signal(Native *n)
{
    int sig = n->delivered_signal;

    n->delivered_signal = 0;
    return sig;
}

bool native_step(Native *n)
{
    long sig = n->pending_signal;

    n->pending_signal = 0;
    return ptrace(PTRACE_SINGLESTEP, n->pid, NULL, (void *)sig) == 0;
}

/* One process_vm_readv instead of a PTRACE_PEEKTEXT per word: this runs
   for every instruction stepped. */
size_t native_peek(Native *n, uint64_t addr, uint8_t *buf, size_t len)
{
    struct iovec local = { buf, len }, remote = { (void *)addr, len };
    ssize_t done = process_vm_readv(n->pid, &local, 1, &remote, 1, 0);

    return done < 0 ? 0 : done;
}

size_t native_write(Native *n, uint64_t addr, const void *buf, size_t len)
{
    struct iovec local = { (void *)buf, len }, remote = { (void *)addr, len };
    ssize_t done = process_vm_writev(n->pid, &local, 1, &remote, 1, 0);

    return done < 0 ? 0 : done;
}

void native_poke(Native *n, uint64_t addr, uint64_t value)
{
    if (ptrace(PTRACE_POKEDATA, n->pid, (void *)addr, (void *)value) < 0) {
        die("PTRACE_POKEDATA");
    }
}

uint64_t native_syscall(Native *n, uint64_t nr, const uint64_t args[6])
{
    struct user_regs_struct saved, r;
    uint64_t text, ret;
    int status;

    if (ptrace(PTRACE_GETREGS, n->pid, NULL, &saved) < 0) {
        die("PTRACE_GETREGS");
    }
    native_peek(n, saved.rip, (uint8_t *)&text, sizeof(text));
    native_poke(n, saved.rip, (text & ~0xffffull) | 0x050f);  /* syscall */
    r = saved;
    r.rax = nr;
    r.rdi = args[0];
    r.rsi = args[1];
    r.rdx = args[2];
    r.r10 = args[3];
    r.r8 = args[4];
    r.r9 = args[5];
    if (ptrace(PTRACE_SETREGS, n->pid, NULL, &r) < 0 ||
        ptrace(PTRACE_SINGLESTEP, n->pid, NULL, NULL) < 0 ||
        waitpid(n->pid, &status, 0) < 0 || !WIFSTOPPED(status) ||
        ptrace(PTRACE_GETREGS, n->pid, NULL, &r) < 0) {
        die("injected syscall");
    }
    ret = r.rax;
    native_poke(n, saved.rip, text);
    if (ptrace(PTRACE_SETREGS, n->pid, NULL, &saved) < 0) {
        die("PTRACE_SETREGS");
    }
    return ret;
}

/* Linux x86_64 system calls that start a thread or a process. */
enum { NR_CLONE = 56, NR_FORK = 57, NR_VFORK = 58, NR_CLONE3 = 435 };

bool starts_thread(uint64_t nr, uint64_t flags)
{
    return (nr == NR_CLONE && (flags & CLONE_VM) && !(flags & CLONE_VFORK)) || nr == NR_CLONE3;
}

bool starts_process(uint64_t nr, uint64_t flags)
{
    return nr == NR_FORK || nr == NR_VFORK || (nr == NR_CLONE && !starts_thread(nr, flags));
}

bool native_fd_link(Native *n, uint64_t fd, char *buf, size_t size)
{
    char path[64];
    ssize_t len;

    snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)n->pid, (int)fd);
    len = readlink(path, buf, size - 1);
    if (len < 0) {
        return false;
    }
    buf[len] = 0;
    return true;
}

void native_kill(Native *n)
{
    int status;

    kill(n->pid, SIGKILL);
    waitpid(n->pid, &status, 0);
}

void native_set_syscall_hook(Native *n, SyscallHook *hook, void *opaque)
{
    n->hook = hook;
    n->hook_opaque = opaque;
}

/* At a system call's entry or exit stop: lets the hook change its
   arguments or result.  Changed arguments are put back at the exit: the
   program does not expect its registers to change. */
static void syscall_stop(Native *n, struct user_regs_struct *r)
{
    uint64_t args[6] = { r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9 };
    uint64_t ret = r->rax, nr;
    bool changed;

    n->in_syscall = !n->in_syscall;
    if (n->in_syscall) {
        memcpy(n->program_args, args, sizeof(args));
        n->program_nr = r->orig_rax;
    }
    nr = n->program_nr;
    changed = n->hook && n->hook(n->hook_opaque, n->in_syscall, &nr, args, &ret);
    r->orig_rax = nr;
    if (!n->in_syscall && n->args_changed) {
        memcpy(args, n->program_args, sizeof(args));
        changed = true;
    }
    n->args_changed = n->in_syscall && changed;
    if (!changed) {
        return;
    }
    r->rdi = args[0];
    r->rsi = args[1];
    r->rdx = args[2];
    r->r10 = args[3];
    r->r8 = args[4];
    r->r9 = args[5];
    r->rax = ret;
    if (ptrace(PTRACE_SETREGS, n->pid, NULL, r) < 0) {
        die("PTRACE_SETREGS");
    }
}

/* Whether the program has a handler for sig (SigCgt of its status). */
static bool catches(Native *n, int sig)
{
    char path[64], line[128];
    unsigned long long caught = ~0ull;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%d/status", (int)n->pid);
    f = fopen(path, "r");
    while (f && fgets(line, sizeof(line), f)) {
        if (sscanf(line, "SigCgt: %llx", &caught) == 1) {
            break;
        }
    }
    if (f) {
        fclose(f);
    }
    return caught >> (sig - 1) & 1;
}

static bool is_async(Native *n, const siginfo_t *si)
{
    switch (si->si_signo) {
    case SIGSEGV: case SIGBUS: case SIGFPE: case SIGILL: case SIGTRAP:
        if (si->si_code > 0) {
            return false;
        }
        break;
    case SIGCHLD:
        /* A child's end: it comes at another point in each run, which
           matters only to a program that catches it. */
        return catches(n, SIGCHLD);
    }
    return !((si->si_code == SI_USER || si->si_code == SI_TKILL || si->si_code == SI_QUEUE) &&
             si->si_pid == n->pid);
}

/* A new process gets a copy of the program's memory, our int3 included,
   and is not traced: the int3 goes out at the entry of a fork (lift) and
   back at its exit (the parent's; a vfork's child has left by then). */
static void lift_breakpoint(Native *n, bool lift)
{
    if (lift && n->breakpoint) {
        native_poke(n, n->bp_addr, n->bp_word);
        n->bp_lifted = true;
    } else if (!lift && n->bp_lifted) {
        native_poke(n, n->bp_addr, (n->bp_word & ~0xffull) | 0xcc);
        n->bp_lifted = false;
    }
}

/*
 * Resumes with req and waits for the next stop that is not a system call's
 * or a signal's to deliver: returns RUN_REACHED at a trap (breakpoint or
 * step), RUN_ENDED, or RUN_STOPPED (ev says why).
 */
static int resume(Native *n, int req, NativeEvents *ev, int *status)
{
    for (;;) {
        long sig = n->pending_signal;
        struct user_regs_struct r;
        siginfo_t si;

        n->pending_signal = 0;
        if (ptrace(req, n->pid, NULL, (void *)sig) < 0) {
            die("ptrace resume");
        }
        if (waitpid(n->pid, status, 0) < 0) {
            die("waitpid");
        }
        if (WIFEXITED(*status) || WIFSIGNALED(*status)) {
            return RUN_ENDED;
        }
        if (WSTOPSIG(*status) == (SIGTRAP | 0x80)) {
            /* Entry or exit of a system call: orig_rax is its number. */
            if (ptrace(PTRACE_GETREGS, n->pid, NULL, &r) < 0) {
                die("PTRACE_GETREGS");
            }
            ev->syscall_nr = r.orig_rax;
            if (!n->in_syscall && starts_thread(r.orig_rax, r.rdi)) {
                ev->new_task = true;
                return RUN_STOPPED;
            }
            lift_breakpoint(n, !n->in_syscall && starts_process(r.orig_rax, r.rdi));
            syscall_stop(n, &r);
            continue;
        }
        if (ptrace(PTRACE_GETSIGINFO, n->pid, NULL, &si) < 0) {
            die("PTRACE_GETSIGINFO");
        }
        /* int3 reports SI_KERNEL, a step TRAP_TRACE (TRAP_BRKPT over a
           system call). */
        if (WSTOPSIG(*status) == SIGTRAP &&
            (req == PTRACE_SINGLESTEP ? si.si_code == TRAP_TRACE || si.si_code == TRAP_BRKPT
                                      : si.si_code == SI_KERNEL && n->breakpoint)) {
            return RUN_REACHED;
        }
        if (is_async(n, &si)) {
            ev->async_signal = WSTOPSIG(*status);
            return RUN_STOPPED;
        }
        ev->signal = WSTOPSIG(*status);
        n->pending_signal = WSTOPSIG(*status);
    }
}

/* Back to the breakpoint's instruction.  The trap set RF (resume flag),
   which the program would see in its pushf and signal frames. */
static void set_rip(Native *n, uint64_t rip)
{
    struct user_regs_struct r;

    if (ptrace(PTRACE_GETREGS, n->pid, NULL, &r) < 0) {
        die("PTRACE_GETREGS");
    }
    r.rip = rip;
    r.eflags &= ~0x10000ull;
    if (ptrace(PTRACE_SETREGS, n->pid, NULL, &r) < 0) {
        die("PTRACE_SETREGS");
    }
}

static uint64_t get_rip(Native *n)
{
    struct user_regs_struct r;

    if (ptrace(PTRACE_GETREGS, n->pid, NULL, &r) < 0) {
        die("PTRACE_GETREGS");
    }
    return r.rip;
}

/*
 * Steps to the hits-th arrival at target (a rep string instruction there
 * stops at each iteration: one arrival).  For code the program can write:
 * it may write it in the block that runs it, over an int3 of ours; and for
 * code in a read-only shared mapping, where no int3 can go.  (The debug
 * registers would do for both, but a VM may not pass their traps on: the
 * team's does not.)
 */
static int step_to(Native *n, uint64_t target, unsigned hits, NativeEvents *ev, int *status)
{
    bool there = get_rip(n) == target;
    int ret;

    while (hits) {
        ret = resume(n, PTRACE_SINGLESTEP, ev, status);
        if (ret != RUN_REACHED) {
            return ret;
        }
        if (get_rip(n) == target) {
            hits -= !there;
            there = true;
        } else {
            there = false;
        }
    }
    n->stopped = true;
    return RUN_REACHED;
}

int native_run_to(Native *n, uint64_t target, unsigned hits, NativeEvents *ev, int *status)
{
    uint64_t word;
    int ret;

    memset(ev, 0, sizeof(*ev));
    ev->syscall_nr = -1;
    if (!target) {
        return resume(n, PTRACE_CONT, ev, status);
    }
    if (native_peek(n, target, (uint8_t *)&word, 1) != 1) {
        ev->no_code = true;
        return RUN_STOPPED;
    }
    /* Writing a byte back succeeds where the program could write it; an
       int3 goes in with the next 7 bytes, which may not be there. */
    if (native_write(n, target, &word, 1) == 1 ||
        native_peek(n, target, (uint8_t *)&word, sizeof(word)) != sizeof(word)) {
        return step_to(n, target, hits, ev, status);
    }
    while (hits) {
        if (get_rip(n) == target) {
            /* Already there: the instruction runs first (a rep string
               instruction stops at every iteration). */
            do {
                ret = resume(n, PTRACE_SINGLESTEP, ev, status);
            } while (ret == RUN_REACHED && get_rip(n) == target);
            if (ret != RUN_REACHED) {
                return ret;
            }
        }
        if (ptrace(PTRACE_POKEDATA, n->pid, (void *)target,
                   (void *)((word & ~0xffull) | 0xcc)) < 0) {
            /* Not even ptrace writes a read-only shared mapping. */
            return step_to(n, target, hits, ev, status);
        }
        n->breakpoint = true;
        n->bp_addr = target;
        n->bp_word = word;
        ret = resume(n, PTRACE_SYSCALL, ev, status);
        n->breakpoint = false;
        if (ret == RUN_ENDED) {
            return ret;
        }
        native_poke(n, target, word);
        if (ret != RUN_REACHED) {
            return ret;
        }
        if (get_rip(n) != target + 1) {
            /* The program's own int3: its SIGTRAP. */
            ev->signal = SIGTRAP;
            n->pending_signal = SIGTRAP;
            continue;
        }
        set_rip(n, target);
        hits--;
    }
    n->stopped = true;  /* native_state reads the state here */
    return RUN_REACHED;
}
