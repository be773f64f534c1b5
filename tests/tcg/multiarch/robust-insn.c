/*
 * robust-insn: instructions that random code meets and the CPU handles in
 * ways a translator easily gets wrong: int1 (icebp), far ret/jmp/call and
 * iret to the process's own code segment and with bad selectors, loads of
 * segment registers (the CPU's selector checks), enter whose final frame
 * is not writable, pop to a bad address.  Each case prints the signal,
 * si_code, si_addr and pc (relative to the case's label or its data, or 0)
 * and whether rSP/rBP were left as they were.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/mman.h>

#ifdef __x86_64__
#define REG_PC REG_RIP
#define REG_SP REG_RSP
#define REG_FP REG_RBP
#define W "q"
#else
#define REG_PC REG_EIP
#define REG_SP REG_ESP
#define REG_FP REG_EBP
#define W "l"
#endif

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_pc, got_sp, got_fp;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_pc = uc->uc_mcontext.gregs[REG_PC];
    got_sp = uc->uc_mcontext.gregs[REG_SP];
    got_fp = uc->uc_mcontext.gregs[REG_FP];
    siglongjmp(jb, 1);
}

/* A case: its code, the label its pc is judged against, the address its
   si_addr is judged against (0: printed as is). */
static void report(const char *name, uintptr_t label, uintptr_t data)
{
    printf("%-12s sig %d code %d", name, got_sig, got_code);
    if (got_addr == 0) {
        printf(" addr 0");
    } else {
        printf(" addr %+ld", (long)(got_addr - (data ? data : label)));
    }
    printf(" pc %+ld\n", (long)(got_pc - label));
}

#define CASE(name, label, data, ...) do {                               \
    extern char label[];                                                \
    got_sig = got_code = 0;                                             \
    if (sigsetjmp(jb, 1) == 0) {                                        \
        __asm__ volatile(__VA_ARGS__);                                  \
        printf("%-12s no signal\n", name);                              \
    } else {                                                            \
        report(name, (uintptr_t)label, data);                           \
    }                                                                   \
} while (0)

#ifdef __x86_64__
#define PUSH_CS_TO(l) "mov %%cs, %%eax; pushq %%rax; lea " #l "(%%rip), %%rax; pushq %%rax\n"
#define IRET_FRAME(push_cs, l) "mov %%ss, %%eax; pushq %%rax; lea 8(%%rsp), %%rax; pushq %%rax; pushfq;" \
    push_cs "; lea " #l "(%%rip), %%rax; pushq %%rax\n"
#define PUSH_OWN_CS "mov %%cs, %%eax; pushq %%rax"
#define PUSH_BAD_CS "pushq $0x1234"
/* the segment register free for the pop test (glibc's TLS is in FS) */
#define POP_SEG "%%gs"
#define LRET "lretq"
#define RCX "%%rcx"
#define LOW_MAP MAP_32BIT
#define IRET "iretq"
#define SP "%%rsp"
#define RAX "%%rax"
#define RDX "%%rdx"
#else
#define PUSH_CS_TO(l) "mov %%cs, %%eax; pushl %%eax; call 9f; 9: addl $(" #l " - 9b), (%%esp)\n"
#define IRET_FRAME(push_cs, l) "pushfl;" push_cs "; call 9f; 9: addl $(" #l " - 9b), (%%esp)\n"
#define PUSH_OWN_CS "mov %%cs, %%eax; pushl %%eax"
#define PUSH_BAD_CS "pushl $0x1234"
/* the segment register free for the pop test (glibc's TLS is in GS) */
#define POP_SEG "%%fs"
#define LRET "lretl"
#define RCX "%%ecx"
#define LOW_MAP 0
#define IRET "iretl"
#define SP "%%esp"
#define RAX "%%eax"
#define RDX "%%edx"
#endif

/* position-independent: the address of the next "1:" label in rCX */
#define ADDR_1F_TO_RCX "call 2f; 2: pop " RCX "; add $(1f - 2b), " RCX "; "

/* Selectors for mov to DS and SS, and pop to the segment register glibc
   leaves alone: bad index, null, null with RPL 3, kernel data, user data with RPL 0, user data, an LDT
   selector, an empty TLS entry, the read-only CPU/node entry, past the
   GDT. */
static const unsigned short sels[] = {
    0x1234, 0, 3, 0x18, 0x28, 0x2b, 0x2f, 0x6b, 0x7b, 0x80,
};

__attribute__((noinline)) static void load_ds(unsigned short sel)
{
    __asm__ volatile("mov %%ds, %%edx; l_ds: mov %0, %%ds; mov %%edx, %%ds"
                     : : "r"(sel) : "edx");
}

__attribute__((noinline)) static void load_ss(unsigned short sel)
{
    __asm__ volatile("mov %%ss, %%edx; l_ss: mov %0, %%ss; mov %%edx, %%ss"
                     : : "r"(sel) : "edx");
}

__attribute__((noinline)) static void pop_seg(unsigned short sel)
{
    uintptr_t v = sel;
    __asm__ volatile("mov " POP_SEG ", %%edx; push %0; pop " POP_SEG "; mov %%edx, " POP_SEG
                     : : "r"(v) : "edx");
}

/*
 * Far call and jump through an m16:32 pointer (no REX.W: AMD and Intel
 * differ on m16:64) to a trampoline below 4 GiB that jumps back to the
 * address in rCX.
 */
struct far_ptr {
    uint32_t offset;
    uint16_t sel;
} __attribute__((packed));

#define LCALL_RAX ".byte 0xff, 0x18"
#define LJMP_RAX ".byte 0xff, 0x28"

static void far_transfers(void)
{
    static const unsigned char code[] = { 0x90, 0x90, 0xff, 0xe1 };
    unsigned char *t = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                            MAP_PRIVATE | MAP_ANONYMOUS | LOW_MAP, -1, 0);
    struct far_ptr p;
    unsigned short cs;

    memcpy(t, code, sizeof(code));
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    /* the call pushes CS and EIP in 4-byte slots; the trampoline jumps
       back and they are read off the stack */
    p = (struct far_ptr){ (uint32_t)(uintptr_t)t + 2, cs };
    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        uint32_t ret_eip, ret_cs, label;

        __asm__ volatile(ADDR_1F_TO_RCX LCALL_RAX "; 1: mov (" SP "), %0; mov 4(" SP "), %1;"
                         "add $8, " SP "; mov %%ecx, %2"
                         : "=r"(ret_eip), "=r"(ret_cs), "=r"(label) : "a"(&p) : "ecx", "memory");
        printf("lcall        eip %+d cs %s\n", (int)(ret_eip - label),
               (uint16_t)ret_cs == cs ? "same" : "other");
    } else {
        printf("lcall        sig %d code %d\n", got_sig, got_code);
    }
    CASE("ljmp", l_ljmp, 0, ADDR_1F_TO_RCX "l_ljmp: " LJMP_RAX "; 1:"
         : : "a"(&p) : "ecx", "memory");
    p.sel = cs & ~3;        /* RPL 0: a jump may; CS gets RPL 3 */
    CASE("ljmp-rpl0", l_ljmp0, 0, ADDR_1F_TO_RCX "l_ljmp0: " LJMP_RAX "; 1:"
         : : "a"(&p) : "ecx", "memory");
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    printf("cs after ljmp-rpl0 has RPL %d\n", cs & 3);
    p.sel = 0x2b;           /* a data segment */
    CASE("ljmp-data", l_ljmpd, 0, "l_ljmpd: " LJMP_RAX : : "a"(&p) : "memory");
    p.sel = 0;
    CASE("lcall-null", l_lcalln, 0, "l_lcalln: " LCALL_RAX : : "a"(&p) : "memory");
    CASE("lret-rpl0", l_lret0, 0, "mov %%cs, %%edx; and $~3, %%edx; push" W " " RDX "\n"
         "push" W " " RDX "; l_lret0: " LRET : : : "edx", "memory");
    /* the flags of the last arithmetic survive a far return and jump */
    for (unsigned a = 0; a < 2; a++) {
        uint8_t cf, zf;

        __asm__ volatile(PUSH_CS_TO(1f) "cmp $1, %2; " LRET "; 1: setc %0; setz %1"
                         : "=q"(cf), "=q"(zf) : "r"(a) : "eax", "cc", "memory");
        printf("lret  keeps flags: cf %d zf %d\n", cf, zf);
        p = (struct far_ptr){ (uint32_t)(uintptr_t)t + 2, cs | 3 };
        __asm__ volatile(ADDR_1F_TO_RCX "cmp $1, %2; " LJMP_RAX "; 1: setc %0; setz %1"
                         : "=q"(cf), "=q"(zf) : "r"(a), "a"(&p) : "ecx", "cc", "memory");
        printf("ljmp  keeps flags: cf %d zf %d\n", cf, zf);
    }
    munmap(t, 4096);
}

int main(void)
{
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa;
    char *frame;

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaltstack(&ss, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    CASE("int1", l_int1, 0, ".byte 0xf1; l_int1:");
    CASE("lret", l_lret, 0, PUSH_CS_TO(l_lret) LRET "; l_lret:" : : : "eax", "memory");
    CASE("iret", l_iret, 0, IRET_FRAME(PUSH_OWN_CS, l_iret_to) "l_iret: " IRET "; l_iret_to:"
         : : : "eax", "memory");
    CASE("iret-bad-cs", l_iretb, 0, IRET_FRAME(PUSH_BAD_CS, 1f)
         "l_iretb: " IRET "; 1:" : : : "eax", "memory");
    far_transfers();
    for (unsigned i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
        if (sigsetjmp(jb, 1) == 0) {
            got_sig = got_code = 0;
            load_ds(sels[i]);
        }
        printf("mov-ds %#6x sig %d code %d\n", sels[i], got_sig, got_code);
        got_sig = got_code = 0;
        if (sigsetjmp(jb, 1) == 0) {
            load_ss(sels[i]);
        }
        printf("mov-ss %#6x sig %d code %d\n", sels[i], got_sig, got_code);
        got_sig = got_code = 0;
        if (sigsetjmp(jb, 1) == 0) {
            pop_seg(sels[i]);
        }
        printf("pop-seg %#6x sig %d code %d\n", sels[i], got_sig, got_code);
    }

    /* enter whose final frame is on a read-only page: a fault, rSP and rBP
       unchanged; then pop to an unmapped address: rSP unchanged. */
    frame = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(frame, 4096, PROT_READ);
    got_sig = got_code = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("mov " SP ", " RAX "; mov %0, " SP "; l_enter: enter $0x1000, $0; mov " RAX ", " SP
                         : : "r"(frame + 4096 + 0x800) : "eax", "memory");
    }
    /* si_addr: the final rSP, 0x800 + the pushed rBP below the page */
    printf("enter        sig %d code %d addr %+ld sp %+ld\n", got_sig, got_code,
           (long)(got_addr + sizeof(void *) - (uintptr_t)frame),
           (long)(got_sp - (uintptr_t)frame));
    got_sig = got_code = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("mov " SP ", " RAX "; mov %0, " SP "; pop 0x10; mov " RAX ", " SP
                         : : "r"(frame + 4096 + 0x800) : "eax", "memory");
    }
    printf("pop-bad      sig %d code %d addr %#lx sp %+ld\n", got_sig, got_code,
           (unsigned long)got_addr, (long)(got_sp - (uintptr_t)frame));
    return 0;
}
