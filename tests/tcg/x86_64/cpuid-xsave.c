/*
 * cpuid-xsave.c: the CPU model is consistent with itself and XSAVE works as
 * the host's.  Prints only what any correct x86-64 CPU prints the same,
 * whatever its model, so the native run is the reference:
 * - every feature CPUID leaf 1/7/0x80000001 names here runs its instruction
 *   without SIGILL when advertised and raises SIGILL when not (not rdtscp:
 *   this host's hypervisor hides its bit, and the instruction runs);
 * - GCC's __builtin_cpu_supports (libgcc's reading of CPUID) agrees;
 * - leaf 0xd and XGETBV agree (x87 and SSE enabled, sizes);
 * - XSAVE/XSAVEC/XRSTOR of the x87 and SSE components (EDX:EAX = 3): the
 *   image and header bits written, init-state handling, the #GP cases;
 * - the signal frame's FP state is an XSAVE area with the kernel's
 *   software-reserved bytes and MAGIC2, and edits to it are restored.
 */
#include <cpuid.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile int last_sig;

static void on_signal(int sig)
{
    last_sig = sig;
    siglongjmp(env, 1);
}

static uint32_t cpuid_reg(uint32_t leaf, uint32_t sub, int reg)
{
    uint32_t r[4] = { 0 };

    if (leaf >= 0x80000000 ? leaf > __get_cpuid_max(0x80000000, NULL)
                           : leaf > __get_cpuid_max(0, NULL)) {
        return 0;
    }
    __cpuid_count(leaf, sub, r[0], r[1], r[2], r[3]);
    return r[reg];
}

/* one instruction per feature, each harmless */
static void run_sse3(void) { asm volatile("haddps %%xmm0, %%xmm0" ::: "xmm0"); }
static void run_ssse3(void) { asm volatile("pabsb %%xmm0, %%xmm0" ::: "xmm0"); }
static void run_sse41(void) { asm volatile("pminud %%xmm0, %%xmm0" ::: "xmm0"); }
static void run_sse42(void) { asm volatile("crc32b %%al, %%eax" ::: "eax"); }
static void run_pclmul(void) { asm volatile("pclmulqdq $0, %%xmm0, %%xmm0" ::: "xmm0"); }
static void run_aes(void) { asm volatile("aesenc %%xmm0, %%xmm0" ::: "xmm0"); }
static void run_movbe(void) { int x = 0; asm volatile("movbe %0, %%eax" :: "m"(x) : "eax"); }
static void run_popcnt(void) { asm volatile("popcnt %%eax, %%eax" ::: "eax", "cc"); }
static void run_xsave(void) { asm volatile("xor %%ecx, %%ecx; xgetbv" ::: "eax", "ecx", "edx"); }
static void run_avx(void) { asm volatile(".byte 0xc5, 0xf8, 0x77"); /* vzeroupper */ }
static void run_rdrand(void) { asm volatile(".byte 0x0f, 0xc7, 0xf0" ::: "eax", "cc"); }
static void run_bmi1(void) { asm volatile("andn %%eax, %%eax, %%eax" ::: "eax", "cc"); }
static void run_bmi2(void) { asm volatile("shlx %%eax, %%eax, %%eax" ::: "eax"); }
static void run_adx(void) { asm volatile("adcx %%eax, %%eax" ::: "eax", "cc"); }
static void run_avx2(void) { asm volatile(".byte 0xc5, 0xfd, 0xef, 0xc0" ::: "xmm0"); }
static void run_sha(void) { asm volatile(".byte 0x0f, 0x38, 0xc8, 0xc0" ::: "xmm0"); }
static void run_lzcnt(void) { asm volatile("lzcnt %%eax, %%eax" ::: "eax", "cc"); }
static void run_prefetchw(void) { int x; asm volatile("prefetchw %0" :: "m"(x)); }
static void run_lahf(void) { asm volatile("lahf" ::: "eax"); }

static const struct {
    const char *name;
    uint32_t leaf;
    int reg, bit;
    void (*run)(void);
    const char *gcc_name;       /* __builtin_cpu_supports, or NULL */
} features[] = {
    { "sse3", 1, 2, 0, run_sse3, "sse3" },
    { "pclmulqdq", 1, 2, 1, run_pclmul, "pclmul" },
    { "ssse3", 1, 2, 9, run_ssse3, "ssse3" },
    { "sse4.1", 1, 2, 19, run_sse41, "sse4.1" },
    { "sse4.2", 1, 2, 20, run_sse42, "sse4.2" },
    { "movbe", 1, 2, 22, run_movbe, NULL },
    { "popcnt", 1, 2, 23, run_popcnt, "popcnt" },
    { "aes", 1, 2, 25, run_aes, "aes" },
    { "osxsave", 1, 2, 27, run_xsave, NULL },
    { "avx", 1, 2, 28, run_avx, "avx" },
    { "rdrand", 1, 2, 30, run_rdrand, NULL },
    { "bmi1", 7, 1, 3, run_bmi1, "bmi" },
    { "avx2", 7, 1, 5, run_avx2, "avx2" },
    { "bmi2", 7, 1, 8, run_bmi2, "bmi2" },
    { "adx", 7, 1, 19, run_adx, NULL },
    { "sha", 7, 1, 29, run_sha, NULL },
    { "lahf_lm", 0x80000001, 2, 0, run_lahf, NULL },
    { "abm", 0x80000001, 2, 5, run_lzcnt, NULL },
    { "3dnowprefetch", 0x80000001, 2, 8, run_prefetchw, NULL },
};

static int runs(void (*fn)(void))
{
    last_sig = 0;
    if (!sigsetjmp(env, 1)) {
        fn();
    }
    return last_sig == 0 ? 1 : last_sig == SIGILL ? 0 : -last_sig;
}

static int gcc_supports(const char *name)
{
#define GCC_FEATURE(n) if (strcmp(name, n) == 0) return __builtin_cpu_supports(n) != 0
    GCC_FEATURE("sse3"); GCC_FEATURE("pclmul"); GCC_FEATURE("ssse3");
    GCC_FEATURE("sse4.1"); GCC_FEATURE("sse4.2"); GCC_FEATURE("popcnt");
    GCC_FEATURE("aes"); GCC_FEATURE("avx"); GCC_FEATURE("bmi");
    GCC_FEATURE("avx2"); GCC_FEATURE("bmi2");
    return -1;
}

static void check_features(void)
{
    __builtin_cpu_init();
    for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++) {
        int advertised = cpuid_reg(features[i].leaf, 0, features[i].reg) >> features[i].bit & 1;
        int ran = runs(features[i].run);

        printf("%s: %s", features[i].name,
               ran == advertised ? "consistent" : ran ? "runs, not advertised"
                                                      : "advertised, SIGILL");
        if (features[i].gcc_name) {
            printf(", gcc %s", gcc_supports(features[i].gcc_name) == advertised
                                   ? "agrees" : "disagrees");
        }
        printf("\n");
    }
}

/* ---- XSAVE ---- */

static uint8_t area[2][4096] __attribute__((aligned(64)));

static void xsave_insn(int kind, void *p, uint32_t lo)
{
    switch (kind) {
    case 0: asm volatile("xsave %0" : "+m"(*(uint8_t (*)[1024])p) : "a"(lo), "d"(0)); break;
    case 1: asm volatile("xsavec %0" : "+m"(*(uint8_t (*)[1024])p) : "a"(lo), "d"(0)); break;
    case 2: asm volatile("xrstor %0" :: "m"(*(uint8_t (*)[1024])p), "a"(lo), "d"(0)); break;
    }
}

/* which 16-byte lines of the first 576 bytes changed from 0xaa, and the
   header's first two words */
static void describe(const char *what, const uint8_t *a)
{
    uint64_t bv, comp;

    printf("%s: lines", what);
    for (int line = 0; line < 36; line++) {
        int changed = 0;

        for (int i = 0; i < 16; i++) {
            changed |= a[line * 16 + i] != 0xaa;
        }
        printf("%c", changed ? 'w' : '.');
    }
    memcpy(&bv, a + 512, 8);
    memcpy(&comp, a + 520, 8);
    printf(" bv=%llx comp=%llx mxcsr=%02x%02x fcw=%02x%02x xmm2=%02x\n",
           (unsigned long long)bv, (unsigned long long)comp, a[25], a[24], a[1], a[0],
           a[160 + 32]);
}

static const uint64_t ones[2] = { ~0ull, 0x1234 };

/* xmm2 is set in the same breath: the C library may use any register */
static void xsave_case(const char *what, int kind, uint32_t mask)
{
    memset(area[0], 0xaa, sizeof(area[0]));
    asm volatile("movdqu %0, %%xmm2" :: "m"(ones) : "xmm2");
    xsave_insn(kind, area[0], mask);
    describe(what, area[0]);
}

static void xrstor_fault(const char *what, void *p, uint32_t mask)
{
    last_sig = 0;
    if (!sigsetjmp(env, 1)) {
        xsave_insn(2, p, mask);
    }
    printf("xrstor %s: signal %d\n", what, last_sig);
}

static void check_xsave(void)
{
    uint32_t xcr0_lo, xcr0_hi, m80 = 0x1f80, mc0 = 0x1fc0;
    uint64_t x[2];

    if (!(cpuid_reg(1, 0, 2) >> 27 & 1)) {
        printf("no OSXSAVE\n");
        return;
    }
    asm volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    printf("xcr0 has x87 and sse: %d\n", (xcr0_lo & 3) == 3);
    printf("leaf 0xd: sizes sane %d, x87 sse supported %d\n",
           cpuid_reg(0xd, 0, 1) >= 576 && cpuid_reg(0xd, 0, 2) >= cpuid_reg(0xd, 0, 1),
           (cpuid_reg(0xd, 0, 0) & 3) == 3);

    /* the x87 and SSE state in use, then as after FNINIT and zeroed XMM */
    asm volatile("fld1; fldpi" ::: "st", "st(1)");
    xsave_case("xsave in use", 0, 3);
    xsave_case("xsavec in use", 1, 3);
    xsave_case("xsavec sse only", 1, 2);
    xsave_case("xsave x87 only", 0, 1);
    asm volatile("fstp %%st(0); fstp %%st(0)" ::: "st", "st(1)");
    /* restore: registers back from the image, then init from a header
       that says nothing was saved */
    memset(area[1], 0, sizeof(area[1]));
    asm volatile("movdqu %2, %%xmm2; xsave %0; pxor %%xmm2, %%xmm2; xrstor %0; movdqu %%xmm2, %1"
                 : "+m"(area[1]), "=m"(x) : "m"(ones), "a"(3), "d"(0) : "xmm2");
    printf("xrstor restores xmm2: %d\n", x[0] == ones[0] && x[1] == ones[1]);
    memset(area[1] + 512, 0, 64);
    asm volatile("ldmxcsr %0" :: "m"(mc0));
    xsave_insn(2, area[1], 3);
    asm volatile("movdqu %%xmm2, %0; stmxcsr %1" : "=m"(x), "=m"(mc0));
    printf("xrstor of an unsaved sse: xmm2 %llx, mxcsr %x\n", (unsigned long long)x[0], mc0);
    /* the SSE state in its initial configuration: XSAVEC leaves it out */
    memset(area[0], 0xaa, sizeof(area[0]));
    asm volatile("fninit; ldmxcsr %1\n"
                 "pxor %%xmm0, %%xmm0; pxor %%xmm1, %%xmm1; pxor %%xmm2, %%xmm2\n"
                 "pxor %%xmm3, %%xmm3; pxor %%xmm4, %%xmm4; pxor %%xmm5, %%xmm5\n"
                 "pxor %%xmm6, %%xmm6; pxor %%xmm7, %%xmm7; pxor %%xmm8, %%xmm8\n"
                 "pxor %%xmm9, %%xmm9; pxor %%xmm10, %%xmm10; pxor %%xmm11, %%xmm11\n"
                 "pxor %%xmm12, %%xmm12; pxor %%xmm13, %%xmm13; pxor %%xmm14, %%xmm14\n"
                 "pxor %%xmm15, %%xmm15; xsavec %0"
                 : "+m"(area[0]) : "m"(m80), "a"(3), "d"(0)
                 : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                   "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    describe("xsavec sse init", area[0]);

    /* #GP: misaligned, a component XCR0 lacks, reserved header bytes */
    memset(area[1], 0, 1024);
    xsave_insn(0, area[1], 3);
    xrstor_fault("misaligned", area[1] + 16, 3);
    area[1][512 + 1] = 0x80;            /* XSTATE_BV bit 15 */
    xrstor_fault("bad xstate_bv", area[1], 3);
    area[1][512 + 1] = 0;
    area[1][512 + 20] = 1;              /* reserved byte */
    xrstor_fault("reserved byte", area[1], 3);
    area[1][512 + 20] = 0;
    area[1][520 + 7] = 0x40;            /* XCOMP_BV bit 62, standard form */
    xrstor_fault("xcomp_bv bit 62", area[1], 3);
    area[1][520 + 7] = 0;
    memcpy(area[1] + 24, &(uint32_t){ 0x10000 }, 4);     /* MXCSR bit 16 */
    xrstor_fault("mxcsr reserved", area[1], 3);
    xrstor_fault("mxcsr reserved, x87 only", area[1], 1);
    asm volatile("fninit; ldmxcsr %0" :: "m"(m80));
}

/* ---- the signal frame ---- */

static void on_usr1(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    uint8_t *fx = (uint8_t *)uc->uc_mcontext.fpregs;
    uint32_t magic1, extended, size, magic2;
    uint64_t xfeatures, bv;

    memcpy(&magic1, fx + 464, 4);
    memcpy(&extended, fx + 468, 4);
    memcpy(&xfeatures, fx + 472, 8);
    memcpy(&size, fx + 480, 4);
    memcpy(&bv, fx + 512, 8);
    memcpy(&magic2, fx + size, 4);
    printf("frame: UC_FP_XSTATE %d, magic1 %x, extended = size + 4 %d, size = cpuid %d, "
           "xfeatures x87|sse %d, bv x87|sse %d, magic2 %x, aligned %d\n",
           (int)(uc->uc_flags & 1), magic1, extended == size + 4,
           size == cpuid_reg(0xd, 0, 1), (int)((xfeatures & 3) == 3), (int)((bv & 3) == 3),
           magic2, (int)(((uintptr_t)fx & 63) == 0));
    memset(fx + 160 + 16 * 3, 0x5a, 16);                  /* xmm3 */
    (void)sig;
    (void)si;
}

static void check_frame(void)
{
    struct sigaction sa = { 0 };
    uint64_t x[2];

    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    asm volatile("pxor %%xmm3, %%xmm3" ::: "xmm3");
    raise(SIGUSR1);
    asm volatile("movdqu %%xmm3, %0" : "=m"(x));
    printf("xmm3 edited in the frame: %llx\n", (unsigned long long)x[0]);
}

int main(void)
{
    signal(SIGILL, on_signal);
    signal(SIGSEGV, on_signal);
    check_features();
    check_xsave();
    check_frame();
    return 0;
}
