/*
 * simd-align.c: which SIMD instructions fault on a 16-byte memory operand
 * that is not 16-byte aligned.  Legacy SSE instructions do (#GP, SIGSEGV
 * with si_code SI_KERNEL), except the unaligned moves (movups, movupd,
 * movdqu, lddqu) and the string compares; 8-byte and smaller operands and
 * the mm forms never do.  Each instruction runs on an aligned and a
 * misaligned operand; the registers and memory must not change when it
 * faults.  Compared with the host.
 */
#include <setjmp.h>
#include <signal.h>
#include "simd-common.h"

static sigjmp_buf on_fault;
static volatile int fault_sig, fault_code;

static void handler(int sig, siginfo_t *info, void *uc)
{
    fault_sig = sig;
    fault_code = info->si_code;
    siglongjmp(on_fault, 1);
}

static uint8_t buf[64] __attribute__((aligned(16)));

/*
 * insn names its memory operand %0 (buf + off); xmm1 is preset and
 * printed, xmm0 (pblendvb's selector) is all ones.  TRY_64: qemu-i386 7.2,
 * the i386 reference where this kernel cannot run 32-bit programs, does
 * not check that instruction's alignment, so i386 tries the aligned
 * operand only.
 */
#ifdef __x86_64__
#define OFFSETS_64 16
#else
#define OFFSETS_64 8
#endif
#define TRY(insn) TRY_OFFSETS(insn, 16)
#define TRY_64(insn) TRY_OFFSETS(insn, OFFSETS_64)
#define TRY_OFFSETS(insn, end)                                            \
    for (int off = 0; off < (end); off += 8) {                            \
        V128 before, after;                                               \
        for (int i = 0; i < 64; i++) {                                    \
            buf[i] = i * 3;                                               \
        }                                                                 \
        memset(&before, 0x11, sizeof(before));                            \
        after = before;                                                   \
        fault_sig = 0;                                                    \
        if (!sigsetjmp(on_fault, 1)) {                                    \
            __asm__ volatile("movdqu %1, %%xmm1\n\txor %%eax, %%eax\n\t"  \
                             "pcmpeqd %%xmm0, %%xmm0\n\t"                 \
                             "xor %%edx, %%edx\n\t" insn "\n\t"           \
                             "movdqu %%xmm1, %1"                          \
                             : : "r"(buf + off), "m"(after)       \
                             : "xmm0", "xmm1", "eax", "edx", "ecx", "memory", "cc"); \
        }                                                                 \
        printf("%-40s +%d sig %d code %d xmm1 %016llx buf %02x%02x\n", insn, off, \
               fault_sig, fault_sig ? fault_code : 0,                     \
               (unsigned long long)after.q[0], buf[off], buf[off + 15]);  \
    }

int main(void)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };

    sigaction(SIGSEGV, &sa, NULL);
    /* aligned only */
    TRY("movaps (%0), %%xmm1")
    TRY("movaps %%xmm1, (%0)")
    TRY("movapd (%0), %%xmm1")
    TRY("movdqa (%0), %%xmm1")
    TRY("movdqa %%xmm1, (%0)")
    TRY("movntps %%xmm1, (%0)")
    TRY("movntdq %%xmm1, (%0)")
    TRY("movntdqa (%0), %%xmm1")
    TRY("addps (%0), %%xmm1")
    TRY_64("andpd (%0), %%xmm1")
    TRY("paddb (%0), %%xmm1")
    TRY("punpcklbw (%0), %%xmm1")
    TRY_64("cvtpd2pi (%0), %%mm1\n\temms")
    TRY("cmpps $1, (%0), %%xmm1")
    TRY("pshufd $0x1b, (%0), %%xmm1")
    TRY_64("movsldup (%0), %%xmm1")
    TRY_64("haddps (%0), %%xmm1")
    TRY("pshufb (%0), %%xmm1")
    TRY("palignr $3, (%0), %%xmm1")
    TRY_64("ptest (%0), %%xmm1")
    TRY("pblendvb (%0), %%xmm1")
    TRY_64("dpps $0xff, (%0), %%xmm1")
    TRY_64("roundps $1, (%0), %%xmm1")
    TRY("pcmpgtq (%0), %%xmm1")
    TRY_64("aesenc (%0), %%xmm1")
    TRY_64("pclmulqdq $1, (%0), %%xmm1")
    TRY("fxsave (%0)")
    /* any alignment */
    TRY("movups (%0), %%xmm1")
    TRY("movupd %%xmm1, (%0)")
    TRY("movdqu (%0), %%xmm1")
    TRY("lddqu (%0), %%xmm1")
    TRY("pcmpistri $0x0c, (%0), %%xmm1")
    TRY("pcmpestrm $0x40, (%0), %%xmm1")
    TRY("movddup (%0), %%xmm1")
    TRY("pmovzxbw (%0), %%xmm1")
    TRY("insertps $0x50, (%0), %%xmm1")
    TRY("roundss $1, (%0), %%xmm1")
    TRY("movhps (%0), %%xmm1")
    TRY("pshufb (%0), %%mm1\n\temms")
    TRY("movq (%0), %%xmm1")
    return 0;
}
