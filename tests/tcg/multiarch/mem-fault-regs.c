/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-fault-regs: the guest state a 4 KiB protection fault reports (issue 5,
 * point 1).  An assembly routine loads every general register and the
 * arithmetic flags with known values, saves its stack pointer, then makes
 * one access that faults: a load from a PROT_NONE page, a store to a
 * PROT_READ page, a store that crosses from a writable page into it, and a
 * store to a 4 KiB hole unmapped inside the mapping.  The handler checks
 * that the pc in the ucontext is that instruction's address and that every
 * general register, the stack pointer and the flags hold what they held
 * before it (a faulting load leaves its destination unchanged).
 */
#include "mem-test.h"

/* regs_NAME(addr): set registers, fault at regs_NAME_insn on ADDR. */
#ifdef __x86_64__
__asm__(".macro regs_fn name, insn\n"
        ".text\n"
        ".globl regs_\\name, regs_\\name\\()_insn\n"
        "regs_\\name:\n"
        "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
        "  movabs $0x1415161710111213, %rax\n"
        "  movabs $0x2021222324252627, %rbx\n"
        "  movabs $0x3031323334353637, %rcx\n"
        "  movabs $0x4041424344454647, %rdx\n"
        "  movabs $0x5051525354555657, %rsi\n"
        "  movabs $0x6061626364656667, %rbp\n"
        "  movabs $0x8081828384858687, %r8\n"
        "  movabs $0x9091929394959697, %r9\n"
        "  movabs $0xa0a1a2a3a4a5a6a7, %r10\n"
        "  movabs $0xb0b1b2b3b4b5b6b7, %r11\n"
        "  movabs $0xc0c1c2c3c4c5c6c7, %r12\n"
        "  movabs $0xd0d1d2d3d4d5d6d7, %r13\n"
        "  movabs $0xe0e1e2e3e4e5e6e7, %r14\n"
        "  movabs $0xf0f1f2f3f4f5f6f7, %r15\n"
        "  push $0x8d7; popf\n"
        "  mov %rsp, regs_sp(%rip)\n"
        "regs_\\name\\()_insn: \\insn\n"
        "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
        "  ret\n"
        ".endm\n"
        "regs_fn load, \"mov (%rdi), %rcx\"\n"
        "regs_fn store, \"mov %eax, (%rdi)\"\n");

static const struct { int reg; greg_t value; } expected_regs[] = {
    { REG_RAX, 0x1415161710111213 }, { REG_RBX, 0x2021222324252627 },
    { REG_RCX, 0x3031323334353637 }, { REG_RDX, 0x4041424344454647 },
    { REG_RSI, 0x5051525354555657 }, { REG_RBP, 0x6061626364656667 },
    { REG_R8, (greg_t)0x8081828384858687 }, { REG_R9, (greg_t)0x9091929394959697 },
    { REG_R10, (greg_t)0xa0a1a2a3a4a5a6a7 }, { REG_R11, (greg_t)0xb0b1b2b3b4b5b6b7 },
    { REG_R12, (greg_t)0xc0c1c2c3c4c5c6c7 }, { REG_R13, (greg_t)0xd0d1d2d3d4d5d6d7 },
    { REG_R14, (greg_t)0xe0e1e2e3e4e5e6e7 }, { REG_R15, (greg_t)0xf0f1f2f3f4f5f6f7 },
};
#define REG_ADDR REG_RDI
#define REG_SP REG_RSP
#else
__asm__(".macro regs_fn name, insn\n"
        ".text\n"
        ".globl regs_\\name, regs_\\name\\()_insn\n"
        "regs_\\name:\n"
        "  push %ebx; push %esi; push %edi; push %ebp\n"
        "  mov 20(%esp), %edi\n"
        "  mov $0x10111213, %eax\n"
        "  mov $0x20212223, %ebx\n"
        "  mov $0x30313233, %ecx\n"
        "  mov $0x40414243, %edx\n"
        "  mov $0x50515253, %esi\n"
        "  mov $0x60616263, %ebp\n"
        "  push $0x8d7; popf\n"
        "  mov %esp, regs_sp\n"
        "regs_\\name\\()_insn: \\insn\n"
        "  pop %ebp; pop %edi; pop %esi; pop %ebx\n"
        "  ret\n"
        ".endm\n"
        "regs_fn load, \"mov (%edi), %ecx\"\n"
        "regs_fn store, \"mov %eax, (%edi)\"\n");

static const struct { int reg; greg_t value; } expected_regs[] = {
    { REG_EAX, 0x10111213 }, { REG_EBX, 0x20212223 }, { REG_ECX, 0x30313233 },
    { REG_EDX, 0x40414243 }, { REG_ESI, 0x50515253 }, { REG_EBP, 0x60616263 },
};
#define REG_ADDR REG_EDI
#define REG_SP REG_ESP
#endif

/* CF PF AF ZF SF OF, all set by the popf before the access */
#define STATUS_FLAGS 0x8d5

void regs_load(void *), regs_store(void *);
extern char regs_load_insn[], regs_store_insn[];
uintptr_t regs_sp;

static void check(const char *what, void (*fn)(void *), const char *insn, unsigned char *addr,
                  unsigned char *base)
{
    printf("%s: ", what);
    if (!attempt(fn, addr)) {
        printf("no fault\n");
        return;
    }
    int wrong = 0;
    printf("%s, pc %s", fault_text((uintptr_t)base), fault.pc == (uintptr_t)insn ? "exact" : "WRONG");
    for (unsigned i = 0; i < sizeof(expected_regs) / sizeof(expected_regs[0]); i++)
        if (fault.regs[expected_regs[i].reg] != expected_regs[i].value) {
            printf(", register #%d WRONG", expected_regs[i].reg);
            wrong = 1;
        }
    if ((uintptr_t)fault.regs[REG_ADDR] != (uintptr_t)addr) {
        printf(", address register WRONG");
        wrong = 1;
    }
    if ((uintptr_t)fault.regs[REG_SP] != regs_sp) {
        printf(", stack pointer WRONG");
        wrong = 1;
    }
    if ((fault.regs[REG_EFL] & STATUS_FLAGS) != STATUS_FLAGS) {
        printf(", flags WRONG");
        wrong = 1;
    }
    printf("%s\n", wrong ? "" : ", registers and flags as before");
}

int main(void)
{
    catch_faults();
    struct fault_pages f = map_fault_pages();
    unsigned char *map = f.map, *ro = f.ro, *none = f.none, *hole = f.hole;

    check("load from PROT_NONE", regs_load, regs_load_insn, none + 0x10, map);
    check("store to PROT_READ", regs_store, regs_store_insn, ro + 0x20, map);
    check("store across into PROT_READ", regs_store, regs_store_insn, ro - 2, map);
    check("store to PROT_NONE", regs_store, regs_store_insn, none + PAGE - 4, map);
    check("load from unmapped", regs_load, regs_load_insn, hole + 0x7f8, map);
    check("store to unmapped", regs_store, regs_store_insn, hole, map);
    printf("bytes below PROT_READ page: %02x %02x\n", ro[-2], ro[-1]);
    /* the same routines run to completion where the access is allowed */
    check("load from PROT_READ", regs_load, regs_load_insn, ro, map);
    check("store to writable", regs_store, regs_store_insn, ro - 4, map);
    printf("stored: %02x %02x %02x %02x\n", ro[-4], ro[-3], ro[-2], ro[-1]);
    return 0;
}
