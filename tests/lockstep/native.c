/*
 * native.c: runs the guest program on the host CPU under ptrace, stepping
 * one instruction at a time (PTRACE_SINGLESTEP).  Address space layout
 * randomisation is turned off so that two runs start from the same addresses
 * and the stack differs from the emulator's only by a fixed placement.
 */
#include <fcntl.h>
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

        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        close(null);
        personality(ADDR_NO_RANDOMIZE);
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        execve(argv[0], argv, envp);
        _exit(127);
    }
    if (waitpid(n->pid, &status, 0) < 0 || !WIFSTOPPED(status)) {
        fprintf(stderr, "lockstep: %s did not start natively\n", argv[0]);
        exit(2);
    }
    ptrace(PTRACE_SETOPTIONS, n->pid, NULL, (void *)PTRACE_O_EXITKILL);
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
        n->pending_signal = WSTOPSIG(*status);
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

void native_poke(Native *n, uint64_t addr, uint64_t value)
{
    if (ptrace(PTRACE_POKEDATA, n->pid, (void *)addr, (void *)value) < 0) {
        die("PTRACE_POKEDATA");
    }
}

uint64_t native_stack_top(Native *n)
{
    char path[64], line[256];
    uint64_t lo, hi, top = 0;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%d/maps", (int)n->pid);
    f = fopen(path, "r");
    if (!f) {
        die(path);
    }
    while (fgets(line, sizeof(line), f)) {
        if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &lo, &hi) == 2) {
            top = hi;
        }
    }
    fclose(f);
    return top;
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
