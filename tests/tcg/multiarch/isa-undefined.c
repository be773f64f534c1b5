/*
 * isa-undefined.c: encodings next to the new integer instructions that the
 * CPU refuses: each must raise SIGILL at its first byte (si_addr) with
 * the si_code Linux gives.  Mandatory prefixes that select nothing, register forms of
 * memory-only instructions, LOCK where it is not allowed, and VEX with a
 * wrong map, mandatory prefix, L or vvvv, or after a legacy prefix.
 */
#define _GNU_SOURCE
#include "isa-common.h"
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

static const char *const undefined[] = {
    "0f b8 c0", "66 0f b8 c0", "f2 0f b8 c0",       /* popcnt needs F3 */
    "0f 38 f0 c0", "0f 38 f1 c0", "66 0f 38 f0 c8",  /* movbe reg */
    "f3 0f 38 f0 00", "f3 0f 38 f1 00",
    "0f 38 f6 c0", "f2 0f 38 f6 c0",                 /* adcx/adox need 66/F3 */
    "0f 0d c0", "0f 0d c8",                          /* prefetch reg */
    /* (LOCK bsf and LOCK lzcnt are left out: the SDM makes them #UD, as we
       do, but at least one AMD part runs them.) */
    "f0 f3 0f b8 00", "f0 0f 38 f0 00", "f0 66 0f 38 f6 00",
    "f0 f2 0f 38 f1 00",
    "c4 e2 78 f3 c0", "c4 e2 78 f3 e0",              /* group 17 /0 /4 */
    "c4 e2 79 f3 c8", "c4 e2 7b f3 d0",              /* bls* with a pp */
    "c4 e2 79 f2 c0", "c4 e2 7a f2 c0", "c4 e2 7b f2 c0",  /* andn: only no pp */
    "c4 e2 79 f5 c0", "c4 e2 7a f6 c0", "c4 e2 78 f6 c0", "c4 e2 79 f6 c0",
    "c4 e1 78 f2 c0", "c4 e0 78 f2 c0", "c4 e4 78 f2 c0",   /* wrong map */
    "c4 e3 78 f0 c0 01", "c4 e3 79 f0 c0 01",        /* rorx needs F2 */
    "66 c4 e2 78 f2 c0", "f3 c4 e2 78 f2 c0", "f2 c4 e2 78 f2 c0",
    "f0 c4 e2 78 f2 00",
#ifdef __x86_64__
    /* qemu-i386 7.2, the i386 reference where 32-bit code cannot run
       natively, accepts these; the CPU does not. */
    "c4 e2 7c f2 c0", "c4 e2 7c f7 c0", "c4 e2 7f f6 c0",  /* VEX.L = 1 */
    "c4 e3 7f f0 c0 01",
    "c4 e3 73 f0 c0 01", "c4 e3 03 f0 c0 01",        /* rorx vvvv != 1111 */
    "48 c4 e2 78 f2 c0", "41 c4 e2 78 f2 c0",        /* REX before VEX */
#endif
};

static unsigned char *code;
static sigjmp_buf env;
static volatile int got_sig, got_code;
static volatile unsigned long got_offset;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_offset = (unsigned long)si->si_addr - (unsigned long)code;
    siglongjmp(env, 1);
}

static unsigned char data[64];

int main(void)
{
    struct sigaction sa;

    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    for (unsigned i = 0; i < sizeof(undefined) / sizeof(undefined[0]); i++) {
        assemble(code, undefined[i]);
        got_sig = 0;
        if (!sigsetjmp(env, 1)) {
            /* Memory operands address [rAX]: a valid buffer. */
            asm volatile("call *%[code]" : : [code] "r" (code), "a" (data)
                         : "ecx", "edx", "cc", "memory");
        }
        printf("%-24s signal %d code %d at +%lu\n", undefined[i], got_sig,
               got_code, got_sig ? got_offset : 0);
    }
    return 0;
}
