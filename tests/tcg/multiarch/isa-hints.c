/*
 * isa-hints.c: the instructions that must do nothing visible, and the few
 * user-mode odds and ends: every nop form (90, 0F 1F /0 at every length
 * up to 15 bytes, the 0F 18-1F hint space with register and memory
 * operands), prefetch/prefetchw, pause, the fences, endbr; lahf and sahf
 * (also in 64-bit mode) over every AH value and flag state; rdtscp.  The
 * registers and flags before and after each must agree; the machine code
 * is run from a buffer so every encoding is exactly the one listed.
 */
#include "isa-common.h"
#include <string.h>
#include <sys/mman.h>

/* Encodings that must change nothing; memory operands address [rAX+...]
   (set to a buffer) or absolute 0x1000 (prefetches never fault). */
static const char *const no_effect[] = {
    "90", "f3 90", "66 90",
    "0f 1f 00", "0f 1f 40 00", "0f 1f 44 00 00", "66 0f 1f 44 00 00",
    "0f 1f 80 00 00 00 00", "0f 1f 84 00 00 00 00 00",
    "66 0f 1f 84 00 00 00 00 00", "66 2e 0f 1f 84 00 00 00 00 00",
    "66 66 2e 0f 1f 84 00 00 00 00 00", "66 66 66 2e 0f 1f 84 00 00 00 00 00",
    "66 66 66 66 2e 0f 1f 84 00 00 00 00 00",
    "66 66 66 66 66 2e 0f 1f 84 00 00 00 00 00",
    "66 66 66 66 66 66 2e 0f 1f 84 00 00 00 00 00",
    "0f 1f c0", "0f 1f f8", "0f 1f 04 25 00 10 00 00",
    "0f 18 00", "0f 18 08", "0f 18 10", "0f 18 18", "0f 18 20", "0f 18 38",
#ifdef __x86_64__
    /* qemu-i386 7.2, the i386 reference on hosts that cannot run 32-bit
       code, makes this #UD; the CPUs run it as a nop. */
    "0f 18 c0",
#endif
    "0f 18 f9", "0f 19 00", "0f 1a c3", "0f 1b 40 08",
    "0f 1c 00", "0f 1d c7", "0f 1e 00", "0f 1e c0", "0f 1f 48 7f",
    "f3 0f 1e fb", "f3 0f 1e fa",
    "0f 0d 00", "0f 0d 08", "0f 0d 10", "0f 0d 48 40", "0f 0d 0c 25 00 10 00 00",
    "0f ae e8", "0f ae f0", "0f ae f8", "0f ae ef", "0f ae f7", "0f ae ff",
};

static unsigned char *code;
static unsigned char data[256];

/* Registers the code may see and must leave alone: the buffer address in
   rAX, patterns elsewhere; the flags from g_flags_in. */
static unsigned long regs_in[4], regs_out[4];

static void run_code(void)
{
    regs_in[0] = (unsigned long)data;
    asm volatile(FLAGS_IN "call *%[code]" FLAGS_OUT
                 : "=a" (regs_out[0]), "=c" (regs_out[1]), "=d" (regs_out[2]),
                   "=S" (regs_out[3]), FO_OPERAND
                 : [code] "D" (code), "a" (regs_in[0]), "c" (regs_in[1]),
                   "d" (regs_in[2]), "S" (regs_in[3]), FI_OPERAND
                 : "cc", "memory");
}

static void test_no_effect(void)
{
    for (unsigned i = 0; i < sizeof(no_effect) / sizeof(no_effect[0]); i++) {
        int same = 1;

        assemble(code, no_effect[i]);
        for (int f = 0; f < 2; f++) {
            regs_in[1] = word(0x0123456789abcdefull);
            regs_in[2] = word(0xfedcba9876543210ull);
            regs_in[3] = GARBAGE;
            g_flags_in = flags_in[f];
            memset(data, 0x5a, sizeof(data));
            run_code();
            same &= !memcmp(regs_in, regs_out, sizeof(regs_in)) &&
                    (g_flags_out & F_ALL) == flags_in[f] && data[0] == 0x5a;
        }
        printf("%-45s %s\n", no_effect[i], same ? "no effect" : "CHANGED STATE");
    }
}

/* sahf with every AH from both flag states, lahf after it; lahf alone. */
static void test_lahf_sahf(void)
{
    for (unsigned ah = 0; ah < 256; ah++) {
        for (int f = 0; f < 2; f++) {
            unsigned long ax = ah << 8 | 0x5a, ax2 = 0;

            g_flags_in = flags_in[f];
            asm volatile(FLAGS_IN "sahf\n\t" "mov %[ax], %[ax2]\n\t"
                         "mov $0x77, %%ah\n\t" "lahf\n\t" "xchg %[ax], %[ax2]"
                         FLAGS_OUT
                         : [ax] "+a" (ax), [ax2] "+r" (ax2), FO_OPERAND
                         : FI_OPERAND : "cc");
            printf("sahf %02x from %s: lahf %lx", ah, f ? "all" : "none", ax2);
            print_flags(g_flags_out, F_ALL);
            printf("\n");
        }
    }
}

/* rdtscp: a time stamp not before a preceding rdtsc, and rCX written as a
   32-bit register (the CPU number Linux stores in TSC_AUX depends on where
   the thread runs, so only its width is compared). */
static void test_rdtscp(void)
{
    for (int i = 0; i < 4; i++) {
        unsigned long lo1, hi1, lo2, hi2, cx = GARBAGE;
        uint64_t t1, t2;

        asm volatile("rdtsc" : "=a" (lo1), "=d" (hi1));
        asm volatile("rdtscp" : "=a" (lo2), "=d" (hi2), "+c" (cx));
        t1 = (uint64_t)hi1 << 32 | (uint32_t)lo1;
        t2 = (uint64_t)hi2 << 32 | (uint32_t)lo2;
        printf("rdtscp: monotonic %d, rcx upper half %s\n", t2 >= t1,
               cx >> 16 >> 16 ? "set" : "zero");
    }
}

int main(void)
{
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    test_no_effect();
    test_lahf_sahf();
    test_rdtscp();
    return 0;
}
