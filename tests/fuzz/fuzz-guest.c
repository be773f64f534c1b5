/*
 * fuzz-guest.c: the static x86_64 program of the differential instruction
 * fuzzer, run once natively and once under the emulator by run-fuzz.sh.
 *
 *   fuzz-guest SEED FIRST COUNT
 *
 * For each sequence FIRST..FIRST+COUNT-1 of SEED (insn-gen.c) a forked child
 * maps it at a fixed address among int3 filler, sets every general, flag,
 * x87 and SSE register to a fixed value (several point into a fixed data
 * area, the stack pointer too), and jumps to it.  Whatever ends the run is a
 * signal (at the latest the int3 after the sequence); its handler, on an
 * alternate stack and without libc (the sequence may have broken the stack
 * and %fs), sends the signal's number, si_code, si_addr and the interrupted
 * context to the parent, which prints one line per sequence:
 *
 *   INDEX insns=OP[/REG]@+OFFSET,... bytes=HEX sig=N code=N addr=X pc=X
 *   rax=X ... r15=X fl=X x87=X sse=X mem=X
 *
 * insns lists each instruction's opcode bytes (prefixes skipped), ModRM.reg
 * when it has a ModRM, and where it is.  Addresses inside the code page are
 * printed as "+offset".  fl keeps the
 * flags a program can set (CF PF AF ZF SF TF DF OF AC); x87, sse and mem
 * are hashes of the x87 registers with their control and status words, of
 * the XMM registers with MXCSR, and of the data area.  A child that does
 * not signal within a second prints "timeout"; one that dies otherwise,
 * "killed=N".
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

/* The registers at the start, in encoding order (rax, rcx, rdx, rbx, rsp,
   rbp, rsi, rdi, r8..r15), then rflags: small counts, pointers into the
   data area, odd constants, a kernel and a non-canonical address. */
uint64_t fuzz_start_regs[17] = {
    0x123456789abcdef0ul, 3, 0xfedcba9876543210ul, DATA_ADDR + 0x1000,
    DATA_ADDR + 0x3000, DATA_ADDR + 0x2000, DATA_ADDR + 0x800, DATA_ADDR + 0x1800,
    0x80, DATA_ADDR + 0x2800, 0xffffffff80000000ul, 0x8000000000000000ul,
    DATA_ADDR + 0x3800, 1, 0x7f, DATA_ADDR,
    0x283,
};
uint64_t fuzz_start_xmm[16][2];
uint32_t fuzz_start_mxcsr = 0x1f80;
uint64_t fuzz_target = CODE_ADDR + SEQ_OFFSET;

/* Loads the registers above and jumps to fuzz_target; never returns. */
void fuzz_enter(void);
__asm__(
    ".text\n"
    ".globl fuzz_enter\n"
    "fuzz_enter:\n"
    "  fninit\n"
    "  ldmxcsr fuzz_start_mxcsr(%rip)\n"
    "  lea fuzz_start_xmm(%rip), %rax\n"
    "  movdqu 0x00(%rax), %xmm0\n  movdqu 0x10(%rax), %xmm1\n"
    "  movdqu 0x20(%rax), %xmm2\n  movdqu 0x30(%rax), %xmm3\n"
    "  movdqu 0x40(%rax), %xmm4\n  movdqu 0x50(%rax), %xmm5\n"
    "  movdqu 0x60(%rax), %xmm6\n  movdqu 0x70(%rax), %xmm7\n"
    "  movdqu 0x80(%rax), %xmm8\n  movdqu 0x90(%rax), %xmm9\n"
    "  movdqu 0xa0(%rax), %xmm10\n  movdqu 0xb0(%rax), %xmm11\n"
    "  movdqu 0xc0(%rax), %xmm12\n  movdqu 0xd0(%rax), %xmm13\n"
    "  movdqu 0xe0(%rax), %xmm14\n  movdqu 0xf0(%rax), %xmm15\n"
    "  lea fuzz_start_regs(%rip), %rdi\n"
    "  pushq 128(%rdi)\n"
    "  popfq\n"
    "  mov 0(%rdi), %rax\n  mov 8(%rdi), %rcx\n  mov 16(%rdi), %rdx\n"
    "  mov 24(%rdi), %rbx\n  mov 32(%rdi), %rsp\n  mov 40(%rdi), %rbp\n"
    "  mov 48(%rdi), %rsi\n  mov 64(%rdi), %r8\n  mov 72(%rdi), %r9\n"
    "  mov 80(%rdi), %r10\n  mov 88(%rdi), %r11\n  mov 96(%rdi), %r12\n"
    "  mov 104(%rdi), %r13\n  mov 112(%rdi), %r14\n  mov 120(%rdi), %r15\n"
    "  mov 56(%rdi), %rdi\n"
    "  jmp *fuzz_target(%rip)\n");

/* What the child's signal handler sends to the parent. */
typedef struct Report {
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

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
    const ucontext_t *uc = ctx;
    const struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    Report r;
    int i;

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
    raw_syscall3(SYS_exit_group, 0, 0, 0);
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

/* The child: never returns. */
static void run_child(const InsnSeq *seq)
{
    static const int caught[] = { SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE };
    struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    stack_t ss = { .ss_sp = map_fixed(ALTSTACK_ADDR, ALTSTACK_SIZE), .ss_size = ALTSTACK_SIZE };
    struct itimerval limit = { .it_value = { .tv_sec = TIMEOUT_SECONDS } };
    uint8_t *code = map_fixed(CODE_ADDR, CODE_SIZE), *data = map_fixed(DATA_ADDR, DATA_SIZE);
    size_t i;

    memset(code, 0xcc, CODE_SIZE);
    memcpy(code + SEQ_OFFSET, seq->bytes, seq->len);
    for (i = 0; i < DATA_SIZE; i++) {
        data[i] = i * 37 + 11;
    }
    if (mprotect(code, CODE_SIZE, PROT_READ | PROT_EXEC) || sigaltstack(&ss, NULL)) {
        perror("fuzz-guest: child setup");
        _exit(2);
    }
    for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
        sigaction(caught[i], &sa, NULL);
    }
    /* %fs and %gs point into the data area, the same in both runs. */
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, DATA_ADDR + 0x3000) ||
        syscall(SYS_arch_prctl, ARCH_SET_FS, DATA_ADDR + 0x2000)) {
        _exit(2);
    }
    setitimer(ITIMER_REAL, &limit, NULL);
    fuzz_enter();
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

static void run_one(uint64_t seed, uint64_t index)
{
    InsnSeq seq;
    Report r;
    int fds[2], status;
    ssize_t got;
    size_t i;
    pid_t pid;

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
    fflush(stdout);
    if (pipe(fds) || (pid = fork()) < 0) {
        perror("fuzz-guest");
        exit(2);
    }
    if (pid == 0) {
        close(fds[0]);
        report_fd = fds[1];
        run_child(&seq);
    }
    close(fds[1]);
    got = read(fds[0], &r, sizeof(r));
    close(fds[0]);
    waitpid(pid, &status, 0);
    if (got == sizeof(r)) {
        print_report(&r);
    } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
        printf(" timeout");
    } else if (WIFSIGNALED(status)) {
        printf(" killed=%d", WTERMSIG(status));
    } else {
        printf(" exit=%d", WEXITSTATUS(status));
    }
    printf("\n");
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
    for (i = first; i < first + count; i++) {
        run_one(seed, i);
    }
    return 0;
}
