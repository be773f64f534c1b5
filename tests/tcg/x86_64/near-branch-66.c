/*
 * near-branch-66: near branches with an operand-size prefix (66) in 64-bit
 * mode.  Intel ignores the prefix there; AMD (this host, and the emulated
 * CPU) gives them a 16-bit operand size: a 16-bit displacement (so 66 E8
 * and 66 E9 are 4 bytes after the prefix), a 2-byte return address pushed
 * or popped, and a target cut to 16 bits.  A REX.W right before the opcode
 * wins over 66.  Each case runs one instruction from code at a fixed
 * address with rsp in a buffer; the 16-bit targets are below
 * mmap_min_addr, so the branch ends in an instruction-fetch SIGSEGV whose
 * rip, rsp and stack bytes are printed; a branch not taken runs into UD2.
 * x86_64 only.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define CODE_ADDR 0x10000000UL

static sigjmp_buf jb;
static volatile uintptr_t got_rip, got_rsp, got_addr;
static volatile int got_sig;
static uint64_t stack_area[8];

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    got_sig = sig;
    got_addr = (uintptr_t)si->si_addr;
    got_rip = uc->uc_mcontext.gregs[REG_RIP];
    got_rsp = uc->uc_mcontext.gregs[REG_RSP];
    siglongjmp(jb, 1);
}

/* Enters the generated code with rsp at the middle of stack_area and rcx,
   rax, flags set by the code itself; never returns normally. */
static void enter(uint64_t *sp)
{
    __asm__ volatile("mov %0, %%rsp; jmp *%1"
                     : : "r"(sp), "r"(CODE_ADDR) : "memory");
}

typedef struct Case {
    const char *name;
    unsigned char insn[16];
    int len;
} Case;

/* Every case's code: mov $0x123456789abcdef0, %rax; mov $1, %ecx;
   xor %edx, %edx (ZF = 1); the instruction; ud2. */
static const unsigned char prologue[] = {
    0x48, 0xb8, 0xf0, 0xde, 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12,
    0xb9, 0x01, 0x00, 0x00, 0x00,
    0x31, 0xd2,
};

static const Case cases[] = {
    { "ret",            { 0x66, 0xc3 }, 2 },
    { "ret imm16",      { 0x66, 0xc2, 0x08, 0x00 }, 4 },
    { "ret REX.W",      { 0x66, 0x48, 0xc3 }, 3 },
    { "ret REX.W first", { 0x48, 0x66, 0xc3 }, 3 },
    { "call rel16",     { 0x66, 0xe8, 0x34, 0x12 }, 4 },
    { "jmp rel16",      { 0x66, 0xe9, 0x34, 0x12 }, 4 },
    { "jmp rel8",       { 0x66, 0xeb, 0x10 }, 3 },
    { "je rel8 taken",  { 0x66, 0x74, 0x10 }, 3 },
    { "jne rel8 not taken", { 0x66, 0x75, 0x10 }, 3 },
    { "je rel16 taken", { 0x66, 0x0f, 0x84, 0x34, 0x12 }, 5 },
    { "jne rel16 not taken", { 0x66, 0x0f, 0x85, 0x34, 0x12 }, 5 },
    { "call *%rax",     { 0x66, 0xff, 0xd0 }, 3 },
    { "jmp *%rax",      { 0x66, 0xff, 0xe0 }, 3 },
    { "call *(%rsp)",   { 0x66, 0xff, 0x14, 0x24 }, 4 },
    { "jmp *(%rsp)",    { 0x66, 0xff, 0x24, 0x24 }, 4 },
    { "call *%rax REX.W", { 0x66, 0x48, 0xff, 0xd0 }, 4 },
    { "loop rel8",      { 0xb1, 0x02, 0x66, 0xe2, 0x10 }, 5 },
    { "jrcxz rel8",     { 0x31, 0xc9, 0x66, 0xe3, 0x10 }, 5 },
};

int main(void)
{
    struct sigaction sa;
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    unsigned char *code = mmap((void *)CODE_ADDR, 4096,
                               PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                               -1, 0);

    if (code != (void *)CODE_ADDR) {
        perror("mmap");
        return 1;
    }
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const Case *c = &cases[i];
        uint64_t *sp = &stack_area[4];
        size_t n = sizeof(prologue);

        memcpy(code, prologue, n);
        memcpy(code + n, c->insn, c->len);
        code[n + c->len] = 0x0f;
        code[n + c->len + 1] = 0x0b;
        for (int j = 0; j < 8; j++) {
            stack_area[j] = 0x1111111111111111ULL * (j + 1) ^ 0x0807060504030201ULL;
        }
        if (!sigsetjmp(jb, 1)) {
            enter(sp);
        }
        printf("%-20s %s rip=", c->name, got_sig == SIGSEGV ? "SEGV" : "ILL ");
        if (got_rip >= CODE_ADDR && got_rip < CODE_ADDR + 4096) {
            printf("code+%#lx", (unsigned long)(got_rip - CODE_ADDR));
        } else {
            printf("%#lx", (unsigned long)got_rip);
        }
        printf(" addr=%#lx rsp%+ld", (unsigned long)got_addr,
               (long)(got_rsp - (uintptr_t)sp));
        for (int j = 2; j < 6; j++) {
            printf(" %016llx", (unsigned long long)stack_area[j]);
        }
        printf("\n");
    }
    return 0;
}
