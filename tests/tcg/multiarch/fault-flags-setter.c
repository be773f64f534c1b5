/*
 * fault-flags-setter: the flags a signal handler sees when a plain load
 * faults right after a flag-setting instruction.  The emulator keeps the
 * flags lazily (a cc_op and up to three operands) and, at each instruction
 * boundary, lets go of the operands the cc_op in force does not read; if
 * it let go of one the cc_op does read, the fault would report flags made
 * from a stale value.  So each case first leaves other values in all three
 * operands (an adc with carry in, then a load), then runs one flag setter
 * of each kind the translator has (add, adc, sub, sbb, logic, inc/dec,
 * shifts, rotates, multiplies, bit scans and counts, BMI, adcx/adox, xor
 * with itself, sahf), then loads from an unmapped page, and prints the
 * handler's arithmetic flags, those the setter leaves defined.  Several
 * operand values per setter.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/mman.h>
#include "eflags-bits.h"

static sigjmp_buf jb;
static volatile int got_sig;
static volatile unsigned long got_flags;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    (void)si;
    got_sig = sig;
    got_flags = uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(jb, 1);
}

/* %0 = a (in/out), %1 = b, %2 = the pointer to the unmapped page, %3 = a
   readable word; eax, ecx and edx free.  The load ends the poison: a guest
   access makes the emulator store the flag operands the adc left. */
#ifdef __x86_64__
#define PTR_CX "%%rcx"
#else
#define PTR_CX "%%ecx"
#endif
#define POISON "mov $0xa5, %%ecx; mov $0xffffffff, %%edx; stc; adc %%ecx, %%edx\n" \
               "mov %3, %%ecx\n"
#define CASE(name, a, b, setter, defined) do { \
    got_sig = 0; \
    if (sigsetjmp(jb, 1) == 0) { \
        unsigned v = (a); \
        __asm__ volatile(POISON setter "\nmov %2, " PTR_CX "; mov (" PTR_CX "), %%ecx" \
                         : "+r"(v) : "r"((unsigned)(b)), "m"(none), "m"(cell) \
                         : "eax", "ecx", "edx", "cc", "memory"); \
    } \
    printf("%-8s %#010x %#010x sig %d flags %#05lx\n", name, (unsigned)(a), \
           (unsigned)(b), got_sig, got_flags & (defined)); \
} while (0)

static char *none;
static unsigned cell;

int main(void)
{
    static const unsigned pairs[][2] = {
        { 0x0f, 1 }, { 0xffffffff, 1 }, { 0x7fffffff, 0x7fffffff },
        { 0x80000000, 0x80000000 }, { 0, 0 }, { 0x12345678, 0x9abc }, { 3, 0x21 },
    };
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };

    none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(none, 4096);
    setvbuf(stdout, NULL, _IONBF, 0);
    sigaction(SIGSEGV, &sa, NULL);
    for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        unsigned a = pairs[i][0], b = pairs[i][1];

        CASE("add", a, b, "add %1, %0", ARITH);
        CASE("adc0", a, b, "clc; adc %1, %0", ARITH);
        CASE("adc1", a, b, "stc; adc %1, %0", ARITH);
        CASE("sub", a, b, "sub %1, %0", ARITH);
        CASE("cmp", a, b, "cmp %1, %0", ARITH);
        CASE("sbb0", a, b, "clc; sbb %1, %0", ARITH);
        CASE("sbb1", a, b, "stc; sbb %1, %0", ARITH);
        CASE("and", a, b, "and %1, %0", ARITH & ~AF);
        CASE("xor", a, b, "xor %1, %0", ARITH & ~AF);
        CASE("test", a, b, "test %1, %0", ARITH & ~AF);
        CASE("inc", a, b, "add %1, %0; inc %0", ARITH);
        CASE("dec", a, b, "sub %1, %0; dec %0", ARITH);
        CASE("neg", a, b, "neg %0", ARITH);
        CASE("shl1", a, b, "shl $1, %0", ARITH & ~AF);
        CASE("shl5", a, b, "shl $5, %0", ARITH & ~AF & ~OF);
        CASE("shr", a, b, "shr $3, %0", ARITH & ~AF & ~OF);
        CASE("sar", a, b, "sar $31, %0", ARITH & ~AF & ~OF);
        CASE("shlcl", a, b, "mov %1, %%ecx; shl %%cl, %0", ARITH & ~AF & ~OF);
        CASE("rol", a, b, "add %1, %0; rol $7, %0", ARITH & ~OF);
        CASE("ror", a, b, "sub %1, %0; ror $1, %0", ARITH);
        CASE("rcl", a, b, "add %1, %0; rcl $1, %0", ARITH);
        CASE("imul", a, b, "imul %1, %0", CF | OF);
        CASE("mul", a, b, "mov %0, %%eax; mul %1; mov %%eax, %0", CF | OF);
        CASE("bsf", a, b, "bsf %1, %0", ZF);
        CASE("bt", a, b, "bt $31, %1", CF | ZF);
        CASE("popcnt", a, b, "popcnt %1, %0", ARITH);
        CASE("tzcnt", a, b, "tzcnt %1, %0", CF | ZF);
        CASE("lzcnt", a, b, "lzcnt %1, %0", CF | ZF);
        CASE("andn", a, b, "andn %1, %0, %0", ARITH & ~AF & ~PF);
        CASE("blsi", a, b, "blsi %1, %0", ARITH & ~AF & ~PF);
        CASE("bzhi", a, b, "bzhi %1, %0, %0", ARITH & ~AF & ~PF);
        CASE("adcx", a, b, "add %1, %0; adcx %1, %0", ARITH);
        CASE("adox", a, b, "sub %1, %0; adox %1, %0", ARITH);
        CASE("adcox", a, b, "add %1, %0; adcx %1, %0; adox %1, %0", ARITH);
        CASE("clr", a, b, "xor %0, %0", ARITH & ~AF);
        CASE("sahf", a, b, "mov %1, %%eax; sahf", ARITH);
    }
    return 0;
}
