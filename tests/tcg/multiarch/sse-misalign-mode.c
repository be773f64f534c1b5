/*
 * sse-misalign-mode: AMD's misaligned SSE mode.  With CPUID MisAlignSse
 * (0x80000001 ecx bit 7, which this host and the emulated CPU have),
 * FXSAVE's MXCSR_MASK is 0x2ffff and MXCSR bit 17 (MM) can be set; while
 * it is, legacy SSE instructions take 16-byte memory operands at any
 * address but for the aligned moves (movaps, movapd, movdqa, movntps,
 * movntpd, movntdq, movntdqa), which still fault.  Also: MM survives
 * fxsave/fxrstor, a handler starts without it and sigreturn brings it back.
 *
 * check-tcg: word-size neutral
 */
#include <cpuid.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define MXCSR_MM 0x20000u

static sigjmp_buf jb;
static unsigned handler_mxcsr;
static char buf[64] __attribute__((aligned(16)));
static char fx[512] __attribute__((aligned(16)));

static void on_fault(int sig)
{
    siglongjmp(jb, sig);
}

static void on_usr1(int sig)
{
    (void)sig;
    __asm__ volatile("stmxcsr %0" : "=m"(handler_mxcsr));
}

static unsigned get_mxcsr(void)
{
    unsigned v;

    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(unsigned v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}

#define MIS (*(char (*)[16])(buf + 4))
/* Each case loads MXCSR first: a fault's handler runs with it reset, and
   siglongjmp does not restore it. */
#define TRY(mxcsr, name, insn)                                            \
    do {                                                                  \
        int sig_;                                                         \
        set_mxcsr(mxcsr);                                                 \
        sig_ = sigsetjmp(jb, 1);                                          \
        if (!sig_) {                                                      \
            __asm__ volatile(insn : : "m"(MIS) : "xmm1", "memory");       \
        }                                                                 \
        printf(" %s:%s", name, sig_ ? "fault" : "ok");                    \
    } while (0)

__attribute__((target("sse4.2,aes,pclmul")))
static void misaligned(unsigned mxcsr)
{
    printf("mxcsr %#x:", mxcsr);
    TRY(mxcsr, "addps", "addps %0, %%xmm1");
    TRY(mxcsr, "pxor", "pxor %0, %%xmm1");
    TRY(mxcsr, "pshufd", "pshufd $1, %0, %%xmm1");
    TRY(mxcsr, "pshufb", "pshufb %0, %%xmm1");
    TRY(mxcsr, "ptest", "ptest %0, %%xmm1");
    TRY(mxcsr, "aesenc", "aesenc %0, %%xmm1");
    TRY(mxcsr, "pclmulqdq", "pclmulqdq $0, %0, %%xmm1");
    TRY(mxcsr, "sqrtpd", "sqrtpd %0, %%xmm1");
    TRY(mxcsr, "cvtdq2ps", "cvtdq2ps %0, %%xmm1");
    TRY(mxcsr, "pcmpgtq", "pcmpgtq %0, %%xmm1");
    TRY(mxcsr, "palignr", "palignr $3, %0, %%xmm1");
    TRY(mxcsr, "movaps", "movaps %0, %%xmm1");
    TRY(mxcsr, "movapd", "movapd %0, %%xmm1");
    TRY(mxcsr, "movdqa", "movdqa %0, %%xmm1");
    TRY(mxcsr, "movaps-store", "movaps %%xmm1, %0");
    TRY(mxcsr, "movdqa-store", "movdqa %%xmm1, %0");
    TRY(mxcsr, "movntps", "movntps %%xmm1, %0");
    TRY(mxcsr, "movntdq", "movntdq %%xmm1, %0");
    TRY(mxcsr, "movntdqa", "movntdqa %0, %%xmm1");
    TRY(mxcsr, "movdqu", "movdqu %0, %%xmm1");
    set_mxcsr(0x1f80);
    printf("\n");
}

int main(void)
{
    unsigned a, b, c, d, mask;
    int sig;

    __cpuid(0x80000001, a, b, c, d);
    printf("misalignsse %u\n", (c >> 7) & 1);
    __asm__ volatile("fxsave %0" : "=m"(fx));
    memcpy(&mask, fx + 28, 4);
    printf("mxcsr_mask %#x\n", mask);
    signal(SIGSEGV, on_fault);
    signal(SIGBUS, on_fault);
    signal(SIGUSR1, on_usr1);

    /* every bit of the mask, and the bit above it */
    for (unsigned bit = 16; bit < 19; bit++) {
        unsigned v = 0x1f80 | 1u << bit;

        sig = sigsetjmp(jb, 1);
        if (!sig) {
            set_mxcsr(v);
        }
        printf("ldmxcsr %#x: %s, mxcsr %#x\n", v, sig ? "fault" : "ok", get_mxcsr());
        set_mxcsr(0x1f80);
    }
    if (!(mask & MXCSR_MM)) {
        return 0;
    }
    misaligned(0x1f80);
    misaligned(0x1f80 | MXCSR_MM);

    /* fxrstor of an image with MM, then fxsave */
    set_mxcsr(0x1f80 | MXCSR_MM);
    __asm__ volatile("fxsave %0" : "=m"(fx));
    set_mxcsr(0x1f80);
    __asm__ volatile("fxrstor %0" : : "m"(fx));
    printf("after fxrstor %#x\n", get_mxcsr());

    /* a handler starts with the default; sigreturn restores MM */
    raise(SIGUSR1);
    printf("handler %#x, after %#x\n", handler_mxcsr, get_mxcsr());
    set_mxcsr(0x1f80);
    return 0;
}
