/*
 * sig-fpu-reset: a signal handler starts with the x87 and SSE state just
 * initialised (FCW 0x37f, empty x87 stack with zero registers as FXSAVE
 * shows them, MXCSR 0x1f80, XMM registers zero), as Linux gives it (handle_signal clears the user FPU state once
 * the frame holds it); sigreturn then brings the interrupted state back.
 * Debian's qemu-i386 neither clears it nor restores FCW and TOP, so:
 * check-tcg: word-size neutral
 */
/* i386 builds without -msse: the xmm registers are named here. */
#pragma GCC target("sse2")

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct FpState {
    uint8_t xmm7[16];
    uint32_t mxcsr;
    uint16_t fcw, fsw;
} FpState;

static FpState in_handler;
static uint8_t fxsave_image[512] __attribute__((aligned(16)));

static void read_state(FpState *s)
{
    __asm__ volatile("movdqu %%xmm7, %0\n\t"
                     "stmxcsr %1\n\t"
                     "fnstcw %2\n\t"
                     "fnstsw %3"
                     : "=m"(s->xmm7), "=m"(s->mxcsr), "=m"(s->fcw), "=m"(s->fsw));
}

static void handler(int sig)
{
    read_state(&in_handler);
    __asm__ volatile("fxsave %0" : "=m"(fxsave_image));
}

static void print_state(const char *when, const FpState *s)
{
    int i;

    printf("%s: xmm7 ", when);
    for (i = 15; i >= 0; i--) {
        printf("%02x", s->xmm7[i]);
    }
    printf(" mxcsr %04x fcw %04x top %d\n", s->mxcsr, s->fcw, (s->fsw >> 11) & 7);
}

int main(void)
{
    static const uint8_t pattern[16] = {
        0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
        0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
    };
    uint32_t mxcsr = 0x7f80;     /* round toward zero */
    uint16_t fcw = 0x027f;       /* 53-bit precision */
    FpState after;
    double one;

    signal(SIGUSR1, handler);
    __asm__ volatile("movdqu %0, %%xmm7\n\t"
                     "ldmxcsr %1\n\t"
                     "fldcw %2\n\t"
                     "fld1"
                     : : "m"(pattern), "m"(mxcsr), "m"(fcw) : "xmm7", "st");
    kill(getpid(), SIGUSR1);
    read_state(&after);
    __asm__ volatile("fstpl %0" : "=m"(one));
    print_state("handler", &in_handler);
    print_state("after", &after);
    printf("st0 %g\n", one);
    /* ST0-ST7 are at 32, 16 bytes apart, 10 bytes each. */
    for (int i = 0; i < 8; i++) {
        static const uint8_t zero[10];

        printf("handler's st%d %s\n", i,
               memcmp(fxsave_image + 32 + 16 * i, zero, 10) ? "not zero" : "zero");
    }
    return 0;
}
