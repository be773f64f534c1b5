/*
 * mxcsr-reserved.c: LDMXCSR and FXRSTOR with a reserved MXCSR bit set
 * (one outside MXCSR_MASK, which FXSAVE reports) raise #GP: SIGSEGV with
 * si_code SI_KERNEL, and MXCSR and the x87 control word keep their values;
 * a bit inside the mask loads.  Every MXCSR bit is tried alone through both
 * instructions.  The mask itself is the CPU's (AMD processors add bit 17,
 * misaligned SSE mode, to Intel's 0xffff), so what is printed is whether
 * each bit behaves as the reported mask says, not the mask, and for that
 * bit not how.  Compared with the host.
 *
 * check-tcg: word-size neutral (the i386 reference is the x86_64 run).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf faulted;
static volatile int fault_code;
static uint8_t image[512] __attribute__((aligned(16)));
static const uint32_t mxcsr_default = 0x1f80;
static const uint16_t cw_default = 0x37f, cw_other = 0x27f;
/* in the MXCSR_MASK of some vendors only */
#define VENDOR_BITS 0x20000u

static void on_sigsegv(int sig, siginfo_t *info, void *uc)
{
    fault_code = info->si_code;
    siglongjmp(faulted, 1);
}

/*
 * Load MXCSR_default | bit (ldmxcsr, or fxrstor of image) from the default
 * state: it must fault (SI_KERNEL, nothing loaded) exactly when the bit is
 * outside mask, and otherwise load.
 */
static void try_load(const char *what, uint32_t bit, uint32_t mask,
                     int use_fxrstor)
{
    uint32_t mxcsr = mxcsr_default | bit, after;
    uint16_t cw, cw_loaded = use_fxrstor ? cw_other : cw_default;
    int reserved = (bit & ~mask) != 0;
    const char *verdict;

    __asm__ volatile("fninit\n\tfldcw %0\n\tldmxcsr %1"
                     : : "m"(cw_default), "m"(mxcsr_default));
    fault_code = 0;
    if (!sigsetjmp(faulted, 1)) {
        if (use_fxrstor) {
            memcpy(image + 24, &mxcsr, 4);
            __asm__ volatile("fxrstor %0" : : "m"(image));
        } else {
            __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
        }
    }
    __asm__ volatile("stmxcsr %0\n\tfnstcw %1\n\tldmxcsr %2"
                     : "=m"(after), "=m"(cw) : "m"(mxcsr_default));
    if (reserved) {
        verdict = fault_code == SI_KERNEL && after == mxcsr_default &&
                  cw == cw_default ? "#GP, nothing loaded" : "WRONG";
    } else {
        verdict = !fault_code && after == mxcsr && cw == cw_loaded ? "loads"
                                                                   : "WRONG";
    }
    if (bit & VENDOR_BITS && strcmp(verdict, "WRONG") != 0) {
        verdict = "as MXCSR_MASK says";
    }
    printf("%s bit %2d: %s\n", what, __builtin_ctz(bit), verdict);
}

int main(void)
{
    struct sigaction sa;
    uint32_t mask;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sigsegv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    /* an image of the default state but with another control word, so a
       load that happens shows */
    __asm__ volatile("fninit\n\tfldcw %1\n\tfxsave %0\n\tfldcw %2"
                     : "=m"(image) : "m"(cw_other), "m"(cw_default));
    memcpy(&mask, image + 28, 4);
    for (int i = 0; i < 32; i++) {
        try_load("ldmxcsr", 1u << i, mask, 0);
        try_load("fxrstor", 1u << i, mask, 1);
    }
    return 0;
}
