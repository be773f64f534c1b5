/*
 * cpuid-dump: one line of what CPUID says, for run-check-cpu-models.sh:
 * vendor, highest basic and extended leaf, leaf 1 eax/ecx/edx, leaf 7
 * ebx, leaf 0x80000001 ecx/edx, brand string; then whether three
 * instructions run (popcnt, aesenc, pdep) or raise SIGILL, and what
 * tzcnt of 0 into 77 and lzcnt of 0x10 give (32 and 27, or as bsf and
 * bsr, 77 and 4, on a CPU without BMI1 / ABM).
 */
#include <cpuid.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf ill_jmp;

static void on_ill(int sig)
{
    (void)sig;
    siglongjmp(ill_jmp, 1);
}

static void probe_popcnt(void) { __asm__ volatile("popcnt %%eax, %%eax" ::: "eax", "cc"); }
/* aesenc %xmm0, %xmm0: no clobber named, which a -m32 build without SSE
   refuses; nothing lives in xmm0 across this call. */
static void probe_aesenc(void) { __asm__ volatile(".byte 0x66, 0x0f, 0x38, 0xdc, 0xc0"); }
static void probe_pdep(void) { __asm__ volatile(".byte 0xc4, 0xe2, 0x73, 0xf5, 0xc0" ::: "eax"); }

static unsigned rep_bsf_zero(void)
{
    unsigned r = 77;

    __asm__("rep bsf %1, %0" : "+r"(r) : "r"(0u) : "cc");
    return r;
}

static unsigned rep_bsr_16(void)
{
    unsigned r;

    __asm__(".byte 0xf3; bsr %1, %0" : "=r"(r) : "r"(0x10u) : "cc");
    return r;
}

static char runs(void (*fn)(void))
{
    if (sigsetjmp(ill_jmp, 1))
        return 'I';
    fn();
    return 'y';
}

int main(void)
{
    unsigned a, b, c, d, level, xlevel, version, f1c, f1d, f7b = 0, e1c = 0, e1d = 0;
    char vendor[13] = { 0 }, brand[49] = { 0 };

    signal(SIGILL, on_ill);
    __cpuid(0, level, b, c, d);
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    __cpuid(1, version, b, f1c, f1d);
    if (level >= 7)
        __cpuid_count(7, 0, a, f7b, c, d);
    __cpuid(0x80000000, xlevel, b, c, d);
    if (xlevel >= 0x80000001)
        __cpuid(0x80000001, a, b, e1c, e1d);
    if (xlevel >= 0x80000004) {
        unsigned *p = (unsigned *)brand;
        for (unsigned i = 0; i < 3; i++)
            __cpuid(0x80000002 + i, p[4 * i], p[4 * i + 1], p[4 * i + 2], p[4 * i + 3]);
    }
    printf("%s|%#x|%#x|%#x|%#x|%#x|%#x|%#x|%#x|%s|popcnt %c aesenc %c pdep %c|tzcnt %u lzcnt %u\n", vendor,
           level, xlevel, version, f1c, f1d, f7b, e1c, e1d, brand, runs(probe_popcnt),
           runs(probe_aesenc), runs(probe_pdep), rep_bsf_zero(), rep_bsr_16());
    return 0;
}
