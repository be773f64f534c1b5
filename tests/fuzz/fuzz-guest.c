/*
 * fuzz-guest.c: the static x86_64 program of the differential instruction
 * fuzzer, run once natively and once under the emulator by run-fuzz.sh.
 *
 *   fuzz-guest SEED FIRST COUNT
 *
 * Sequences FIRST..FIRST+COUNT-1 of SEED (insn-gen.c) run in forked
 * children, up to BATCH sequences each.  Every sequence starts the same way,
 * from a signal handler's return: the handler (on an alternate stack,
 * without libc, since the sequence may have broken the stack and %fs)
 * reports how the previous sequence ended, puts the next one at a fixed
 * address among int3 filler, refills the data area, and rewrites the
 * interrupted context so that sigreturn enters it with every general, flag,
 * x87 and SSE register at a fixed value (several point into the data area,
 * the stack pointer too).  Whatever ends a sequence is a signal, at the
 * latest the int3 after it.  The parent prints one line per sequence:
 *
 *   INDEX insns=OP[/REG]@+OFFSET,... bytes=HEX sig=N code=N addr=X pc=X
 *   rax=X ... r15=X fl=X x87=X sse=X mem=X
 *
 * insns lists each instruction's opcode bytes (prefixes skipped), ModRM.reg
 * when it has a ModRM, and where it is.  Addresses inside the code page are
 * printed as "+offset".  fl keeps the
 * flags a program can set (CF PF AF ZF SF TF DF OF AC); x87, sse and mem
 * are hashes of the x87 registers with their control and status words, of
 * the XMM registers with MXCSR, and of the data area.  A sequence that does
 * not signal within a second of CPU time prints "timeout"; one whose child dies
 * otherwise, "killed=N" (the batch goes on in a new child).
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "insn-gen.h"

#define CODE_ADDR 0x10000000ul
#define CODE_SIZE 0x1000ul
#define SEQ_OFFSET 0x800ul
#define DATA_ADDR 0x20000000ul
#define DATA_SIZE 0x4000ul
#define ALTSTACK_ADDR 0x30000000ul
#define ALTSTACK_SIZE 0x10000ul
#define FLAGS_SHOWN 0x40dd5ul
#define TIMEOUT_SECONDS 1
/* Sequences per child: a fork per sequence made the emulated run 50 a second. */
#define BATCH 256

/* The registers at the start, in encoding order (rax, rcx, rdx, rbx, rsp,
   rbp, rsi, rdi, r8..r15), then rflags: small counts, pointers into the
   data area, odd constants, a kernel and a non-canonical address. */
static const uint64_t fuzz_start_regs[17] = {
    0x123456789abcdef0ul, 3, 0xfedcba9876543210ul, DATA_ADDR + 0x1000,
    DATA_ADDR + 0x3000, DATA_ADDR + 0x2000, DATA_ADDR + 0x800, DATA_ADDR + 0x1800,
    0x80, DATA_ADDR + 0x2800, 0xffffffff80000000ul, 0x8000000000000000ul,
    DATA_ADDR + 0x3800, 1, 0x7f, DATA_ADDR,
    0x283,
};
static uint64_t fuzz_start_xmm[16][2];
/* What the child's signal handler sends to the parent. */
typedef struct Report {
    uint64_t index;
    int64_t sig, code;
    uint64_t addr, pc, gpr[16], flags, x87, sse, mem;
} Report;

static int report_fd;

/* The ucontext gregs index of each register, in encoding order. */
static const int greg_of[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};
static const char *const gpr_names[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

static uint64_t fnv1a(uint64_t h, const void *p, size_t len)
{
    const volatile uint8_t *b = p;
    size_t i;

    for (i = 0; i < len; i++) {
        h = (h ^ b[i]) * 0x100000001b3ull;
    }
    return h;
}

static long raw_syscall3(long nr, long a, long b, long c)
{
    long ret;

    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}

/* The child's batch: its sequences, the one running (-1 before the first). */
static InsnSeq batch[BATCH];
static int batch_count, batch_current = -1;
static uint64_t batch_first;
/* The child's cs and ss, which sigreturn restores from the context. */
static uint64_t start_csgsfs;

/* The data area's contents at the start of every sequence. */
static void fill_data(void)
{
    volatile uint8_t *data = (uint8_t *)DATA_ADDR;
    size_t i;

    for (i = 0; i < DATA_SIZE; i++) {
        data[i] = i * 37 + 11;
    }
}

/* Puts sequence n of the batch in the code page, among int3 filler. */
static void place_code(int n)
{
    volatile uint8_t *code = (uint8_t *)CODE_ADDR;
    size_t i;

    raw_syscall3(SYS_mprotect, CODE_ADDR, CODE_SIZE, PROT_READ | PROT_WRITE);
    for (i = SEQ_OFFSET; i < SEQ_OFFSET + SEQ_MAX; i++) {
        code[i] = 0xcc;
    }
    for (i = 0; i < batch[n].len; i++) {
        code[SEQ_OFFSET + i] = batch[n].bytes[i];
    }
    raw_syscall3(SYS_mprotect, CODE_ADDR, CODE_SIZE, PROT_READ | PROT_EXEC);
}

/*
 * The interrupted context becomes the start of a sequence: the registers
 * from fuzz_start_regs, the x87 as after fninit (registers zero), the XMM
 * registers and MXCSR from their tables, any other XSAVE component in its
 * initial state, DS and ES 0 (sigreturn does not load them), %fs and %gs
 * into the data area, and a fresh limit of a second of user CPU time
 * (not of real time, which a loaded machine stretches).
 */
static void reset_context(ucontext_t *uc)
{
    uint8_t *fx = (uint8_t *)uc->uc_mcontext.fpregs;
    struct itimerval limit = { .it_value = { .tv_sec = TIMEOUT_SECONDS } };
    uint32_t magic;
    uint64_t bv;
    int i;

    for (i = 0; i < 16; i++) {
        uc->uc_mcontext.gregs[greg_of[i]] = fuzz_start_regs[i];
    }
    uc->uc_mcontext.gregs[REG_EFL] = fuzz_start_regs[16];
    uc->uc_mcontext.gregs[REG_RIP] = CODE_ADDR + SEQ_OFFSET;
    uc->uc_mcontext.gregs[REG_CSGSFS] = start_csgsfs;
    /* FXSAVE layout: fcw, fsw, abridged tag, fop, fip, fdp, mxcsr at 24,
       mxcsr_mask at 28 (kept), st0-7 at 32, xmm0-15 at 160. */
    for (i = 0; i < 24; i++) {
        fx[i] = 0;
    }
    fx[0] = 0x7f;
    fx[1] = 0x03;
    *(uint32_t *)(fx + 24) = 0x1f80;
    for (i = 32; i < 160; i++) {
        fx[i] = 0;
    }
    for (i = 0; i < 16; i++) {
        ((uint64_t *)(fx + 160))[2 * i] = fuzz_start_xmm[i][0];
        ((uint64_t *)(fx + 160))[2 * i + 1] = fuzz_start_xmm[i][1];
    }
    /* An XSAVE frame (sw_reserved's magic1 at 464): only x87 and SSE come
       from the image, the rest (AVX...) starts in its initial state. */
    magic = *(uint32_t *)(fx + 464);
    if (magic == FP_XSTATE_MAGIC1) {
        bv = *(uint64_t *)(fx + 512);
        *(uint64_t *)(fx + 512) = bv & 3;
    }
    __asm__ volatile("mov %0, %%ds\n\tmov %0, %%es" : : "r"(0));
    raw_syscall3(SYS_arch_prctl, ARCH_SET_GS, DATA_ADDR + 0x3000, 0);
    raw_syscall3(SYS_arch_prctl, ARCH_SET_FS, DATA_ADDR + 0x2000, 0);
    raw_syscall3(SYS_setitimer, ITIMER_VIRTUAL, (long)&limit, 0);
}

/*
 * Every signal of the child: the end of the running sequence (SIGVTALRM: it
 * timed out), or the SIGUSR1 that starts the batch.  Reports the sequence
 * to the parent, then returns into the next one, or ends the child.
 */
static void on_signal(int sig, siginfo_t *si, void *ctx)
{
    static const struct itimerval off;
    ucontext_t *uc = ctx;
    const struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    Report r;
    int i;

    /* Linux enters a handler with the sequence's AC flag: alignment
       checks would hit the handler's own accesses. */
    __asm__ volatile("pushfq\n\tandl $~0x40000, (%%rsp)\n\tpopfq" : : : "cc", "memory");
    raw_syscall3(SYS_setitimer, ITIMER_VIRTUAL, (long)&off, 0);
    if (batch_current >= 0) {
        r.index = batch_first + batch_current;
        r.sig = sig;
        r.code = si->si_code;
        r.addr = (uint64_t)si->si_addr;
        r.pc = uc->uc_mcontext.gregs[REG_RIP];
        for (i = 0; i < 16; i++) {
            r.gpr[i] = uc->uc_mcontext.gregs[greg_of[i]];
        }
        r.flags = uc->uc_mcontext.gregs[REG_EFL] & FLAGS_SHOWN;
        r.x87 = r.sse = 0xcbf29ce484222325ull;
        if (fp) {
            for (i = 0; i < 8; i++) {
                r.x87 = fnv1a(r.x87, fp->_st[i].significand, sizeof(fp->_st[i].significand));
                r.x87 = fnv1a(r.x87, &fp->_st[i].exponent, sizeof(fp->_st[i].exponent));
            }
            r.x87 = fnv1a(r.x87, &fp->cwd, sizeof(fp->cwd));
            r.x87 = fnv1a(r.x87, &fp->swd, sizeof(fp->swd));
            r.sse = fnv1a(r.sse, fp->_xmm, sizeof(fp->_xmm));
            r.sse = fnv1a(r.sse, &fp->mxcsr, sizeof(fp->mxcsr));
        }
        r.mem = fnv1a(0xcbf29ce484222325ull, (void *)DATA_ADDR, DATA_SIZE);
        raw_syscall3(SYS_write, report_fd, (long)&r, sizeof(r));
    } else {
        start_csgsfs = uc->uc_mcontext.gregs[REG_CSGSFS];
    }
    if (++batch_current == batch_count) {
        raw_syscall3(SYS_exit_group, 0, 0, 0);
    }
    place_code(batch_current);
    fill_data();
    reset_context(uc);
}

static void *map_fixed(uint64_t addr, size_t size)
{
    void *p = mmap((void *)addr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

    if (p == MAP_FAILED) {
        perror("fuzz-guest: mmap");
        _exit(2);
    }
    return p;
}

/* The child running sequences first..first+count-1 of seed: never returns. */
static void run_child(uint64_t seed, uint64_t first, int count)
{
    static const int caught[] = { SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGVTALRM, SIGUSR1 };
    struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    stack_t ss = { .ss_sp = map_fixed(ALTSTACK_ADDR, ALTSTACK_SIZE), .ss_size = ALTSTACK_SIZE };
    size_t i;

    for (i = 0; i < (size_t)count; i++) {
        insn_seq_generate(&batch[i], seed, first + i);
    }
    batch_first = first;
    batch_count = count;
    memset(map_fixed(CODE_ADDR, CODE_SIZE), 0xcc, CODE_SIZE);
    map_fixed(DATA_ADDR, DATA_SIZE);
    if (sigaltstack(&ss, NULL)) {
        perror("fuzz-guest: child setup");
        _exit(2);
    }
    sigfillset(&sa.sa_mask);
    for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
        sigaction(caught[i], &sa, NULL);
    }
    raise(SIGUSR1);
    _exit(3);
}

static void print_addr(const char *name, uint64_t addr)
{
    if (addr - CODE_ADDR < CODE_SIZE) {
        printf(" %s=+%lx", name, (unsigned long)(addr - CODE_ADDR));
    } else {
        printf(" %s=%lx", name, (unsigned long)addr);
    }
}

static void print_report(const Report *r)
{
    int i;

    printf(" sig=%ld code=%ld", (long)r->sig, (long)r->code);
    print_addr("addr", r->addr);
    print_addr("pc", r->pc);
    for (i = 0; i < 16; i++) {
        print_addr(gpr_names[i], r->gpr[i]);
    }
    printf(" fl=%lx x87=%lx sse=%lx mem=%lx", (unsigned long)r->flags,
           (unsigned long)r->x87, (unsigned long)r->sse, (unsigned long)r->mem);
}

static void print_sequence(uint64_t seed, uint64_t index)
{
    InsnSeq seq;
    size_t i;

    insn_seq_generate(&seq, seed, index);
    printf("%lu insns=", (unsigned long)index);
    for (i = 0; i < seq.count; i++) {
        const InsnInfo *insn = &seq.insn[i];

        printf("%s%0*x", i ? "," : "", insn->opcode > 0xffff ? 6 : insn->opcode > 0xff ? 4 : 2,
               insn->opcode);
        if (insn->reg >= 0) {
            printf("/%d", insn->reg);
        }
        printf("@%lx", (unsigned long)(SEQ_OFFSET + insn->start));
    }
    printf(" bytes=");
    for (i = 0; i < seq.len; i++) {
        printf("%02x", seq.bytes[i]);
    }
}

/*
 * Runs sequences first..first+count-1 in one child and prints them; returns
 * how many it printed, fewer than count when the child died: the last of
 * them is the one it died in.
 */
static uint64_t run_batch(uint64_t seed, uint64_t first, int count)
{
    Report r;
    int fds[2], status;
    uint64_t done = 0;
    pid_t pid;

    fflush(stdout);
    if (pipe(fds) || (pid = fork()) < 0) {
        perror("fuzz-guest");
        exit(2);
    }
    if (pid == 0) {
        close(fds[0]);
        report_fd = fds[1];
        run_child(seed, first, count);
    }
    close(fds[1]);
    while (read(fds[0], &r, sizeof(r)) == sizeof(r) && r.index == first + done) {
        print_sequence(seed, r.index);
        if (r.sig == SIGVTALRM) {
            printf(" timeout\n");
        } else {
            print_report(&r);
            printf("\n");
        }
        done++;
    }
    close(fds[0]);
    waitpid(pid, &status, 0);
    if (done < (uint64_t)count) {
        print_sequence(seed, first + done);
        if (WIFSIGNALED(status)) {
            printf(" killed=%d\n", WTERMSIG(status));
        } else {
            printf(" exit=%d\n", WEXITSTATUS(status));
        }
        done++;
    }
    return done;
}

int main(int argc, char **argv)
{
    uint64_t seed, first, count, i;
    int j;

    if (argc != 4) {
        fprintf(stderr, "usage: fuzz-guest SEED FIRST COUNT\n");
        return 2;
    }
    seed = strtoull(argv[1], NULL, 0);
    first = strtoull(argv[2], NULL, 0);
    count = strtoull(argv[3], NULL, 0);
    for (j = 0; j < 16; j++) {
        fuzz_start_xmm[j][0] = 0x3ff0000000000000ull + j * 0x0001000000000001ull;
        fuzz_start_xmm[j][1] = 0x40490fdb00000000ull ^ (uint64_t)j << 40;
    }
    for (i = first; i < first + count;) {
        i += run_batch(seed, i, first + count - i < BATCH ? first + count - i : BATCH);
    }
    return 0;
}
