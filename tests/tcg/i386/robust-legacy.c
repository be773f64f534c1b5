/*
 * robust-legacy: 32-bit-only instructions that real programs and random
 * code meet: into (a no-op when OF is clear, else SIGSEGV after it), bound
 * (a no-op in range, else SIGSEGV at it), arpl (RPL and ZF), les/lds (a far
 * pointer, the selector checked before the register is written), salc.
 * Each prints the signal, si_code, si_addr (0 or not) and pc relative to
 * the case's label, and the registers the instruction should leave.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_pc;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_pc = uc->uc_mcontext.gregs[REG_EIP];
    siglongjmp(jb, 1);
}

static void report(const char *name, const char *label)
{
    if (got_sig) {
        printf("%-10s sig %d code %d addr %s pc %+ld\n", name, got_sig, got_code,
               got_addr ? "set" : "0", (long)(got_pc - (uintptr_t)label));
    } else {
        printf("%-10s no signal\n", name);
    }
}

#define CASE(name, label, ...) do {                                     \
    extern char label[];                                                \
    got_sig = got_code = 0;                                             \
    if (sigsetjmp(jb, 1) == 0) {                                        \
        __asm__ volatile(__VA_ARGS__);                                  \
    }                                                                   \
    report(name, label);                                                \
} while (0)

static void into_bound(void)
{
    static int32_t bounds[2] = { -5, 10 };

    CASE("into-of0", l_into0, "xor %%eax, %%eax; into; l_into0:" : : : "eax");
    CASE("into-of1", l_into1, "mov $0x7fffffff, %%eax; add $1, %%eax; into; l_into1:"
         : : : "eax");
    for (int v = -6; v <= 11; v += 17) {
        CASE(v < 0 ? "bound-low" : "bound-high", l_bound,
             "l_bound: bound %0, (%1)" : : "r"(v), "r"(bounds));
    }
    CASE("bound-in", l_bound_in, "l_bound_in: bound %0, (%1)" : : "r"(10), "r"(bounds));
}

static void arpl_salc(void)
{
    static const uint16_t pairs[][2] = { { 0x10, 3 }, { 0x13, 1 }, { 0x12, 2 } };

    for (unsigned i = 0; i < 3; i++) {
        uint16_t dst = pairs[i][0];
        uint8_t zf;

        __asm__ volatile("arpl %2, %0; setz %1" : "+r"(dst), "=q"(zf) : "r"(pairs[i][1]));
        printf("arpl %#x,%d -> %#x zf %d\n", pairs[i][0], pairs[i][1], dst, zf);
    }
    for (int cf = 0; cf < 2; cf++) {
        uint32_t eax = 0x12345678;

        __asm__ volatile("bt $0, %1; .byte 0xd6" : "+a"(eax) : "r"(cf) : "cc");
        printf("salc cf=%d -> %#x\n", cf, eax);
    }
}

/* les/lds: the offset goes to the register only when the selector loads. */
static void load_far(void)
{
    static const uint16_t sels[] = { 0x2b, 0, 0x1234, 0x18, 0x6b };
    struct __attribute__((packed)) { uint32_t off; uint16_t sel; } p;

    for (unsigned i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
        uint32_t reg = 0xaaaa;

        p.off = 0x5555;
        p.sel = sels[i];
        got_sig = 0;
        if (sigsetjmp(jb, 1) == 0) {
            __asm__ volatile("push %%es; les (%1), %0; mov %%es, %%edx; pop %%es"
                             : "+r"(reg) : "r"(&p) : "edx", "memory");
        }
        printf("les %#6x sig %d reg %#x\n", sels[i], got_sig, reg);
        reg = 0xaaaa;
        got_sig = 0;
        if (sigsetjmp(jb, 1) == 0) {
            __asm__ volatile("push %%ds; lds (%1), %0; pop %%ds"
                             : "+r"(reg) : "r"(&p) : "memory");
        }
        printf("lds %#6x sig %d reg %#x\n", sels[i], got_sig, reg);
    }
}

int main(void)
{
    struct sigaction sa;

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    into_bound();
    arpl_salc();
    load_far();
    return 0;
}
