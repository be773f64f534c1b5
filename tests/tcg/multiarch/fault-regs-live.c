/*
 * fault-regs-live: the guest registers a fault reports when the code
 * before the faulting access computed them (loads, arithmetic, partial
 * writes, a successful access in between) instead of setting constants.
 * An emulator may keep such values in host registers across a guest
 * access and store them only if the access faults (tcg/tcg.c, "Access
 * maps"); the handler must see them all, with the flags of the last
 * compare (with an immediate on x86_64: a constant operand the emulator
 * may not have stored either).  On x86_64 one load goes past the end of
 * the emulator's guest space (2^46 on x86-64 hosts, an unmapped address
 * natively), where its space check faults rather than the host: the
 * registers must be stored on that path too, those the emulator keeps in
 * host registers across blocks included (tcg/README, "Pinned globals").
 * Each routine faults at its last instruction; the handler
 * prints every general register (pointers relative to the data or the
 * mapping, the stack pointer relative to the routine's), the arithmetic
 * flags and whether the pc is that instruction.  Compared with native.
 */
#include "mem-test.h"

extern unsigned long live_vals[8];
unsigned long live_vals[8] = {
    0x0123456789abcdefUL, 0x1111111122222222UL, 0x0000000300000005UL,
    0xfedcba9876543210UL, 0x8000000000000001UL, 0x00000000deadbeefUL,
    0x7777777777777777UL, 0x0102030405060708UL,
};
uintptr_t live_sp;

/* live_NAME(addr): compute registers from live_vals, compare, then INSN
   on ADDR (which faults); live_NAME_insn is INSN's address. */
#ifdef __x86_64__
__asm__(".macro live_fn name, insn\n"
        ".text\n"
        ".globl live_\\name, live_\\name\\()_insn\n"
        "live_\\name:\n"
        "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
        "  lea live_vals(%rip), %rsi\n"
        "  mov 0(%rsi), %rax\n"
        "  mov 8(%rsi), %rbx\n"
        "  mov 16(%rsi), %rcx\n"
        "  mov 24(%rsi), %rdx\n"
        "  add %rbx, %rax\n"
        "  imul %rcx, %rbx\n"
        "  lea 0x1234(%rdx,%rax,2), %r8\n"
        "  mov %eax, %r9d\n"
        "  mov %rcx, %r10\n"
        "  mov %dl, %r10b\n"
        "  mov 32(%rsi), %r11\n"
        "  ror $7, %r11\n"
        "  mov %rax, %rbp\n"
        "  shl $3, %rbp\n"
        "  lea 40(%rsi), %r12\n"
        "  mov (%r12), %r13\n"
        "  inc %r13\n"
        "  mov %r13, %r14\n"
        "  sub %rax, %r14\n"
        "  mov 48(%rsi), %r15\n"
        "  mov %r14w, %r15w\n"
        "  mov %rsp, live_sp(%rip)\n"
        "  cmp $0x12345, %rax\n"
        "live_\\name\\()_insn: \\insn\n"
        "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
        "  ret\n"
        ".endm\n"
        "live_fn load, \"mov (%rdi), %rcx\"\n"
        "live_fn store, \"mov %rax, (%rdi)\"\n"
        "live_fn rmw, \"add %r14, (%rdi)\"\n"
        "live_fn adc, \"adc (%rdi), %rax\"\n"
        "live_fn push, \"push (%rdi)\"\n");

static const struct { const char *name; int reg; } shown[] = {
    { "rax", REG_RAX }, { "rbx", REG_RBX }, { "rcx", REG_RCX }, { "rdx", REG_RDX },
    { "rbp", REG_RBP }, { "r8", REG_R8 }, { "r9", REG_R9 }, { "r10", REG_R10 },
    { "r11", REG_R11 }, { "r13", REG_R13 }, { "r14", REG_R14 }, { "r15", REG_R15 },
};
#define REG_DATA REG_RSI
#define REG_DATA2 REG_R12
#define REG_ADDR REG_RDI
#define REG_SP REG_RSP
#else
__asm__(".macro live_fn name, insn\n"
        ".text\n"
        ".globl live_\\name, live_\\name\\()_insn\n"
        "live_\\name:\n"
        "  push %ebx; push %esi; push %edi; push %ebp\n"
        "  mov 20(%esp), %edi\n"
        "  lea live_vals, %esi\n"
        "  mov 0(%esi), %eax\n"
        "  mov 4(%esi), %ebx\n"
        "  mov 8(%esi), %ecx\n"
        "  mov 12(%esi), %edx\n"
        "  add %ebx, %eax\n"
        "  imul %ecx, %ebx\n"
        "  lea 0x1234(%edx,%eax,2), %ebp\n"
        "  mov %dl, %cl\n"
        "  mov 28(%esi), %edx\n"
        "  ror $7, %edx\n"
        "  mov %ax, %dx\n"
        "  mov %esp, live_sp\n"
        "  cmp %ebx, %eax\n"
        "live_\\name\\()_insn: \\insn\n"
        "  pop %ebp; pop %edi; pop %esi; pop %ebx\n"
        "  ret\n"
        ".endm\n"
        "live_fn load, \"mov (%edi), %ecx\"\n"
        "live_fn store, \"mov %eax, (%edi)\"\n"
        "live_fn rmw, \"add %ebp, (%edi)\"\n"
        "live_fn adc, \"adc (%edi), %eax\"\n"
        "live_fn push, \"push (%edi)\"\n");

static const struct { const char *name; int reg; } shown[] = {
    { "eax", REG_EAX }, { "ebx", REG_EBX }, { "ecx", REG_ECX }, { "edx", REG_EDX },
    { "ebp", REG_EBP },
};
#define REG_DATA REG_ESI
#define REG_DATA2 REG_ESI
#define REG_ADDR REG_EDI
#define REG_SP REG_ESP
#endif

/* CF PF AF ZF SF OF */
#define STATUS_FLAGS 0x8d5

void live_load(void *), live_store(void *), live_rmw(void *), live_adc(void *),
    live_push(void *);
extern char live_load_insn[], live_store_insn[], live_rmw_insn[], live_adc_insn[],
    live_push_insn[];

static void run(const char *what, void (*fn)(void *), const char *insn, unsigned char *addr,
                unsigned char *base)
{
    printf("%s: ", what);
    if (!attempt(fn, addr)) {
        printf("no fault\n");
        return;
    }
    printf("%s, pc %s\n ", fault_text((uintptr_t)base),
           fault.pc == (uintptr_t)insn ? "exact" : "WRONG");
    for (unsigned i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
        printf(" %s=%llx", shown[i].name, (unsigned long long)(unsigned long)fault.regs[shown[i].reg]);
    printf("\n  data%+ld data2%+ld addr%+ld sp%+ld flags=%lx\n",
           (long)((uintptr_t)fault.regs[REG_DATA] - (uintptr_t)live_vals),
           (long)((uintptr_t)fault.regs[REG_DATA2] - (uintptr_t)live_vals),
           (long)((uintptr_t)fault.regs[REG_ADDR] - (uintptr_t)base),
           (long)((uintptr_t)fault.regs[REG_SP] - live_sp),
           (unsigned long)(fault.regs[REG_EFL] & STATUS_FLAGS));
}

int main(void)
{
    catch_faults();
    struct fault_pages f = map_fault_pages();
    unsigned char *map = f.map, *ro = f.ro, *none = f.none, *hole = f.hole;

    for (int round = 0; round < 2; round++) {   /* the second: translated code */
        run("load from PROT_NONE", live_load, live_load_insn, none + 0x10, map);
        run("store to PROT_READ", live_store, live_store_insn, ro + 0x20, map);
        run("add to PROT_READ", live_rmw, live_rmw_insn, ro + 0x40, map);
        run("adc from unmapped", live_adc, live_adc_insn, hole + 0x7f8, map);
        run("push from PROT_NONE", live_push, live_push_insn, none + PAGE - 8, map);
        run("store across into PROT_READ", live_store, live_store_insn, ro - 2, map);
#ifdef __x86_64__
        run("load past the space end", live_load, live_load_insn,
            (unsigned char *)0x500000000000ul, (unsigned char *)0x500000000000ul);
#endif
    }
    printf("bytes below PROT_READ page: %02x %02x\n", ro[-2], ro[-1]);
    return 0;
}
