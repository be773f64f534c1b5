/*
 * trap-flag: a program that single-steps itself with EFLAGS.TF, as Linux
 * delivers it: SIGTRAP (TRAP_TRACE, si_addr the next instruction) after
 * every instruction that began with TF set; a rep instruction traps after
 * each element (rip still on it) and once when rCX starts at 0; a system
 * call traps no further (the next trap follows the instruction after it);
 * the instruction after a load of SS runs in its shadow (no trap between
 * the two); the popf that clears TF still traps, with TF clear in the
 * saved flags.  The handler records the trap's offset from the start.
 * Every instruction of the stepped run is encoded alike in 32- and 64-bit
 * code, so the offsets agree.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#ifdef __x86_64__
#define REG_PC REG_RIP
#define REG_FLAGS REG_EFL
#define SYSCALL_INSN "syscall"
#define NR_GETPID "39"
#define SP "%%rsp"
#else
#define REG_PC REG_EIP
#define REG_FLAGS REG_EFL
#define SYSCALL_INSN "int $0x80"
#define NR_GETPID "20"
#define SP "%%esp"
#endif

#define MAX_TRAPS 64

static struct {
    uintptr_t pc, addr, tf;
    int code;
} traps[MAX_TRAPS];
static volatile int nb_traps;
static uintptr_t start;

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)sig;
    if (nb_traps < MAX_TRAPS) {
        traps[nb_traps].pc = uc->uc_mcontext.gregs[REG_PC];
        traps[nb_traps].addr = (uintptr_t)si->si_addr;
        traps[nb_traps].tf = uc->uc_mcontext.gregs[REG_FLAGS] & 0x100;
        traps[nb_traps].code = si->si_code;
    }
    nb_traps++;
}

int main(void)
{
    static char src[8] = "abcdefg", dst[8];
    struct sigaction sa;
    char *s = src, *d = dst;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);

    __asm__ volatile(
        "call 1f\n"
        "1: pop %0\n"
        "add $(2f - 1b), %0\n"
        "pushf\n"
        "orl $0x100, (" SP ")\n"
        "popf\n"
        "2: nop\n"
        "mov $3, %%ecx\n"
        "3: sub $1, %%ecx\n"
        "jnz 3b\n"
        "rep movsb\n"                     /* rcx 0: no element, one trap */
        "mov $3, %%ecx\n"
        "rep movsb\n"
        "mov $2, %%ecx\n"
        "repz cmpsb\n"
        "mov $" NR_GETPID ", %%eax\n"
        SYSCALL_INSN "\n"
        "nop\n"
        "mov %%ss, %%ecx\n"
        "mov %%ecx, %%ss\n"
        "nop\n"
        "nop\n"
        "pushf\n"
        "andl $~0x100, (" SP ")\n"
        "popf\n"
        "nop\n"
        : "=&r"(start), "+S"(s), "+D"(d)
        :
        : "eax", "ecx", "edx", "memory", "cc"
#ifdef __x86_64__
        , "r11"
#endif
    );
    printf("%d traps, copied \"%s\"\n", nb_traps, dst);
    for (int i = 0; i < nb_traps && i < MAX_TRAPS; i++) {
        printf("pc +%#lx code %d addr +%#lx tf %#lx\n",
               (unsigned long)(traps[i].pc - start), traps[i].code,
               (unsigned long)(traps[i].addr - start), (unsigned long)traps[i].tf);
    }
    return 0;
}
