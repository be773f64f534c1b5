/*
 * isa-adx-chain.c: mulx/adcx/adox multiply-accumulate chains as bignum code
 * (OpenSSL's mulx path) runs them, over random operands from random flag
 * states, and every way the flags they leave can be read afterwards: the
 * 16 setcc and pushf in the same block, the same in the next block, then
 * adc (reads CF, writes all) and inc (keeps CF).  The shapes leave CF
 * alone, OF alone or both as the chain's carries, after an add, an inc, a
 * dec or a popf.  On x86_64 a mulx whose memory operand faults in the
 * middle of a chain (started after a popf, an inc or a dec of edge values)
 * shows the flags and registers of the instructions before it.
 * Everything is printed and compared with the host.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include "isa-common.h"

#ifdef __x86_64__
#define G(sym) #sym "(%%rip)"
#else
#define G(sym) #sym
#endif

/* What the asm reads and writes by name, as globals (not static: the
   compiler does not see those uses). */
unsigned long g_m[4], g_a, g_b, g_n, g_f1, g_f2, g_f3, g_f4, g_fault_flags;
unsigned char g_cc1[16], g_cc2[16];

#define SETCC_ALL(arr) \
    "seto " G(arr) "\n\t" "setno 1+" G(arr) "\n\t" \
    "setb 2+" G(arr) "\n\t" "setae 3+" G(arr) "\n\t" \
    "setz 4+" G(arr) "\n\t" "setnz 5+" G(arr) "\n\t" \
    "setbe 6+" G(arr) "\n\t" "seta 7+" G(arr) "\n\t" \
    "sets 8+" G(arr) "\n\t" "setns 9+" G(arr) "\n\t" \
    "setp 10+" G(arr) "\n\t" "setnp 11+" G(arr) "\n\t" \
    "setl 12+" G(arr) "\n\t" "setge 13+" G(arr) "\n\t" \
    "setle 14+" G(arr) "\n\t" "setg 15+" G(arr) "\n\t"

/* The readers after a chain: a and b are its two accumulators. */
#define READERS \
    SETCC_ALL(g_cc1) "pushf\n\t" "pop " G(g_f1) "\n\t" \
    "jmp 1f\n" "1:\n\t" \
    SETCC_ALL(g_cc2) "pushf\n\t" "pop " G(g_f2) "\n\t" \
    "adc %[b], %[a]\n\t" "pushf\n\t" "pop " G(g_f3) "\n\t" \
    "inc %[b]\n\t" "pushf\n\t" "pop " G(g_f4) "\n\t"

/* One mulx step: hi:lo = n * m[k]; a += lo through CF, b += hi through OF. */
#define STEP(k, a, b) \
    "mulx " #k "*%c[w]+" G(g_m) ", %[lo], %[hi]\n\t" \
    "adcx %[lo], %[" #a "]\n\t" "adox %[hi], %[" #b "]\n\t"

#define CHAIN_ASM(body) \
    asm volatile(FLAGS_IN "mov " G(g_n) ", %[n]\n\t" body READERS \
                 FLAGS_OUT \
                 : [a] "+r" (a), [b] "+r" (b), [lo] "=&r" (lo), \
                   [hi] "=&r" (hi), [n] "=&d" (n), FO_OPERAND \
                 : [w] "i" (sizeof(long)), FI_OPERAND : "cc", "memory")

static const char *const shape_names[] = {
    "mulx-both", "add-adcx", "inc-adox", "popf-adox-adcx", "adcx-only",
    "decl-adcx-adox", "and-adox", "incl-adcx", "dec-adcx-adox",
};
#define N_SHAPES (sizeof(shape_names) / sizeof(shape_names[0]))

static void run_shape(int shape)
{
    unsigned long a = g_a, b = g_b, lo = 0, hi = 0, n;

    switch (shape) {
    case 0:     /* both carries, as OpenSSL's mul loop */
        CHAIN_ASM(STEP(0, a, b) STEP(1, b, a) STEP(2, a, b) STEP(3, b, a)
                  "adcx %[lo], %[b]\n\t");
        break;
    case 1:     /* CF alone, after an add computed lazily */
        CHAIN_ASM("add %[a], %[b]\n\t" "adcx %[a], %[b]\n\t"
                  "adcx %[b], %[a]\n\t" "adcx %[a], %[b]\n\t");
        break;
    case 2:     /* OF alone, after inc (which keeps CF) */
        CHAIN_ASM("inc %[a]\n\t" "adox %[a], %[b]\n\t"
                  "adox %[b], %[a]\n\t" "adox %[a], %[b]\n\t");
        break;
    case 3:     /* OF first, then CF joins */
        CHAIN_ASM("adox %[a], %[b]\n\t" STEP(0, a, b) "adcx %[b], %[a]\n\t");
        break;
    case 4:     /* CF through mulx products, OF never touched */
        CHAIN_ASM("mulx " G(g_m) ", %[lo], %[hi]\n\t" "adcx %[lo], %[a]\n\t"
                  "adcx %[hi], %[b]\n\t" "adcx %[n], %[a]\n\t");
        break;
    case 5:     /* a 32-bit loop counter's dec, then both */
        CHAIN_ASM("dec %k[a]\n\t" STEP(0, b, a) STEP(1, a, b));
        break;
    case 6:     /* after a logic op (CF and OF clear) */
        CHAIN_ASM("and %[a], %[b]\n\t" "adox %[a], %[b]\n\t"
                  "adcx %[b], %[a]\n\t");
        break;
    case 7:
        CHAIN_ASM("inc %k[a]\n\t" "adcx %[a], %[b]\n\t");
        break;
    default:    /* a full-width dec: its CF, then its OF, carried on */
        CHAIN_ASM("dec %[a]\n\t" "adcx %[a], %[b]\n\t"
                  "adox %[b], %[a]\n\t" STEP(0, a, b));
        break;
    }
    printf("%s %lx %lx:", shape_names[shape], a, b);
    for (int i = 0; i < 16; i++) {
        printf("%s%d", i ? "" : " ", g_cc1[i]);
    }
    for (int i = 0; i < 16; i++) {
        printf("%s%d", i ? "" : " ", g_cc2[i]);
    }
    print_flags(g_f1, F_ALL);
    print_flags(g_f2, F_ALL);
    print_flags(g_f3, F_ALL);
    print_flags(g_f4, F_ALL);
    print_flags(g_flags_out, F_ALL);
    printf("\n");
}

static void test_chains(void)
{
    for (int round = 0; round < (int)(N_SHAPES * 2 * N_EDGE); round++) {
        for (int k = 0; k < 4; k++) {
            g_m[k] = word(round % 7 ? next_random() : ~0ull);
        }
        /* Every other run of the shapes starts from an edge case: inc/dec
           to zero, to and from the sign bit, across a nibble. */
        g_a = word(round / N_SHAPES % 2 ? next_random()
                   : edge_values[round / N_SHAPES / 2 % N_EDGE]);
        g_b = word(round % 3 ? next_random() : ~0ull - (round & 1));
        g_n = word(round % 11 ? next_random() : ~0ull);
        g_flags_in = next_random() & F_ALL;
        run_shape(round % N_SHAPES);
    }
}

#ifdef __x86_64__
/* A chain whose second mulx reads from a PROT_NONE page, started after the
   flag setter pre. */
static sigjmp_buf fault_jmp;

#define FAULT_ASM(pre) \
    asm volatile("lea -128(%%rsp), %%rsp\n\t" \
                 "push g_fault_flags(%%rip)\n\tpopf\n\t" \
                 "mov g_a(%%rip), %%rsi\n\t" \
                 "mov g_b(%%rip), %%rdi\n\t" \
                 "mov g_n(%%rip), %%rdx\n\t" \
                 pre \
                 "mulx g_m(%%rip), %%rax, %%rbx\n\t" \
                 "adcx %%rax, %%rsi\n\t" \
                 "adox %%rbx, %%rdi\n\t" \
                 "adcx %%rdx, %%rdi\n\t" \
                 "mulx (%[p]), %%rax, %%rbx\n\t" \
                 "lea 128(%%rsp), %%rsp\n\t" \
                 : : [p] "c" (page) \
                 : "rax", "rbx", "rdx", "rsi", "rdi", "cc", "memory")

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    greg_t *r = ((ucontext_t *)ctx)->uc_mcontext.gregs;

    printf("fault: rax %llx rbx %llx rsi %llx rdi %llx",
           (unsigned long long)r[REG_RAX], (unsigned long long)r[REG_RBX],
           (unsigned long long)r[REG_RSI], (unsigned long long)r[REG_RDI]);
    print_flags(r[REG_EFL], F_ALL);
    printf("\n");
    siglongjmp(fault_jmp, 1);
}

static void test_fault(void)
{
    struct sigaction sa;
    void *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    for (int round = 0; round < (int)(6 * N_EDGE); round++) {
        g_m[0] = next_random();
        g_a = round % 2 ? next_random() : edge_values[round / 6 % N_EDGE];
        g_b = round & 1 ? ~0ull : next_random();
        g_n = next_random();
        g_fault_flags = next_random() & F_ALL;
        if (sigsetjmp(fault_jmp, 1) == 0) {
            switch (round % 3) {
            case 0:
                FAULT_ASM("");
                break;
            case 1:
                FAULT_ASM("inc %%rsi\n\t");
                break;
            default:
                FAULT_ASM("dec %%rsi\n\t");
                break;
            }
            printf("no fault\n");
        }
    }
}
#endif

int main(void)
{
    test_chains();
#ifdef __x86_64__
    test_fault();
#endif
    return 0;
}
