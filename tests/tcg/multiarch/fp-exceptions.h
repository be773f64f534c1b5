/*
 * fp-exceptions.h: what sse-exceptions.c, x87-exceptions.c and
 * fp-exceptions-unbounded.c share.  A case runs one instruction (SSE_RUN,
 * X87_RUN) under an MXCSR or x87 control word that unmasks exceptions, and
 * prints whether SIGFPE came, its si_code, whether si_addr and the saved pc
 * name the expected instruction, and the state the signal frame holds (or,
 * without a trap, the state after the instruction).
 */
#define _GNU_SOURCE
#pragma GCC target("sse4.1,mmx")
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf trapped;
static volatile int trap_code;
static volatile unsigned long trap_addr, trap_pc, trap_ax, trap_flags;
/* a copy of the frame's FXSAVE image */
static uint8_t trap_fx[512] __attribute__((aligned(16)));

static void on_sigfpe(int sig, siginfo_t *info, void *ucp)
{
    ucontext_t *uc = ucp;
    /* the FXSAVE image: after the legacy FNSAVE header on i386 */
    const uint8_t *fx = (const uint8_t *)uc->uc_mcontext.fpregs +
                        (sizeof(long) == 4 ? 112 : 0);

#ifdef __x86_64__
    trap_pc = uc->uc_mcontext.gregs[REG_RIP];
    trap_ax = uc->uc_mcontext.gregs[REG_RAX];
#else
    trap_pc = uc->uc_mcontext.gregs[REG_EIP];
    trap_ax = uc->uc_mcontext.gregs[REG_EAX];
#endif
    trap_flags = uc->uc_mcontext.gregs[REG_EFL];
    trap_code = info->si_code;
    trap_addr = (unsigned long)info->si_addr;
    memcpy(trap_fx, fx, sizeof(trap_fx));
    siglongjmp(trapped, 1);
}

static void catch_sigfpe(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sigfpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
}

/* The kernel gives the handler a clean FPU; leave it with one too. */
static const uint32_t mxcsr_default = 0x1f80;
static const uint16_t cw_default = 0x37f;

static void reset_fpu(void)
{
    __asm__ volatile("fninit\n\temms\n\tfldcw %0\n\tldmxcsr %1"
                     : : "m"(cw_default), "m"(mxcsr_default));
}

typedef union {
    uint32_t l[4];
    uint64_t q[2];
} __attribute__((aligned(16))) V128;

/* ---- SSE ---- */

/* Inputs and outputs of one run: globals, so the asm needs no registers
   for addresses. */
static V128 g_d, g_s, g_r;
static uint32_t g_i, g_ri, g_mxcsr_in, g_mxcsr_out, g_flags;
static unsigned long g_insn_addr;

/* The arithmetic flags as comis sets them: ZF PF CF, and OF SF AF cleared. */
#define EFLAGS_SHOWN 0x8d5

/*
 * One instruction "text" with xmm0 = g_d (destination), xmm1 = g_s,
 * eax = g_i, MXCSR = g_mxcsr_in; its address goes to g_insn_addr first.
 * The flags start as "cmp %eax, %eax" leaves them.
 */
#define SSE_RUN(fn, text)                                                 \
    static void fn(void)                                                  \
    {                                                                     \
        unsigned long ip;                                                 \
        uint32_t ax;                                                      \
        __asm__ volatile("mov $0f, %[ip]\n\t"                             \
                         "mov %[ip], %[ipo]\n\t"                          \
                         "movups %[d], %%xmm0\n\t"                        \
                         "movups %[s], %%xmm1\n\t"                        \
                         "mov %[i], %%eax\n\t"                            \
                         "ldmxcsr %[mi]\n\t"                              \
                         "cmp %%eax, %%eax\n\t"                           \
                         "0: " text "\n\t"                                \
                         "stmxcsr %[mo]\n\t"                              \
                         "ldmxcsr %[mdef]\n\t"                            \
                         "mov %%eax, %[ri]\n\t"                           \
                         "lahf\n\t"                                       \
                         "seto %%al\n\t"                                  \
                         "movzwl %%ax, %[ax]\n\t"                         \
                         "movups %%xmm0, %[r]"                            \
                         : [ip] "=&r"(ip), [ipo] "=m"(g_insn_addr),       \
                           [mo] "=m"(g_mxcsr_out), [ri] "=m"(g_ri),       \
                           [ax] "=r"(ax), [r] "=m"(g_r)                   \
                         : [d] "m"(g_d), [s] "m"(g_s), [i] "m"(g_i),      \
                           [mi] "m"(g_mxcsr_in), [mdef] "m"(mxcsr_default), \
                           [mem] "m"(g_s)                                 \
                         : "eax", "xmm0", "xmm1", "cc", "memory");        \
        g_flags = ((ax >> 8) & EFLAGS_SHOWN) | (ax & 1) << 11;            \
    }

/* single and double constants */
#define S_ONE    0x3f800000u
#define S_THREE  0x40400000u
#define S_HALF   0x3f000000u
#define S_THIRD  0x3eaaaaabu
#define S_MAX    0x7f7fffffu
#define S_MINN   0x00800000u      /* smallest normal */
#define S_DEN    0x00000003u      /* a denormal */
#define S_NEG    0xbf800000u
#define S_QNAN   0x7fc00000u
#define S_SNAN   0x7fa00000u
#define S_BIG    0x501502f9u      /* 1e10 */
#define S_1_5    0x3fc00000u
#define D_ONE    0x3ff0000000000000ull
#define D_THREE  0x4008000000000000ull
#define D_HALF   0x3fe0000000000000ull
#define D_MAX    0x7fefffffffffffffull
#define D_MINN   0x0010000000000000ull
#define D_DEN    0x0000000000000005ull
#define D_NEG    0xbff0000000000000ull
#define D_QNAN   0x7ff8000000000000ull
#define D_SNAN   0x7ff4000000000000ull
#define D_1E300  0x7e37e43c8800759cull
#define D_1EM300 0x01a56e1fc2f8f359ull
#define D_TENTH  0x3fb999999999999aull

typedef struct {
    const char *what;
    void (*run)(void);
    V128 d, s;
    uint32_t i;
} SseCase;

#define L4(a, b, c, d) { .l = { a, b, c, d } }
#define Q2(a, b) { .q = { a, b } }
#define SCALAR(x) L4(x, 0x11111111, 0x22222222, 0x33333333)

/* MXCSR settings each case runs under: masks, DAZ (0x40), FTZ (0x8000),
   and flags already set. */
static const struct {
    const char *what;
    uint32_t mxcsr;
} settings[] = {
    { "masked", 0x1f80 },
    { "IM=0", 0x1f00 },
    { "DM=0", 0x1e80 },
    { "ZM=0", 0x1d80 },
    { "OM=0", 0x1b80 },
    { "UM=0", 0x1780 },
    { "PM=0", 0x0f80 },
    { "all unmasked", 0x0000 },
    { "UM=0 FTZ", 0x9780 },
    { "DM=0 DAZ", 0x1ec0 },
    { "PM=0 with IE set", 0x0f81 },
    { "IM=0 PM=0 with IE set", 0x0f01 },
    { "IM=0 with IE set", 0x1f01 },
};

static void run_sse_case(const SseCase *c, uint32_t mxcsr)
{
    g_d = c->d;
    g_s = c->s;
    g_i = c->i;
    g_mxcsr_in = mxcsr;
    if (sigsetjmp(trapped, 1)) {
        reset_fpu();
        printf(" SIGFPE code %d at insn %d/%d", trap_code,
               trap_addr == g_insn_addr, trap_pc == g_insn_addr);
        memcpy(&g_mxcsr_out, trap_fx + 24, 4);
        memcpy(&g_r, trap_fx + 160, 16);
        g_ri = trap_ax;
        g_flags = trap_flags & EFLAGS_SHOWN;
    } else {
        c->run();
        printf(" no trap");
    }
    printf(" mxcsr %04x r %08x %08x %08x %08x eax %08x fl %03x\n", g_mxcsr_out,
           g_r.l[0], g_r.l[1], g_r.l[2], g_r.l[3], g_ri, g_flags);
}

/* Every case under every setting. */
static void run_sse_cases(const SseCase *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t m = 0; m < sizeof(settings) / sizeof(settings[0]); m++) {
            printf("%-28s %-22s", cases[i].what, settings[m].what);
            run_sse_case(&cases[i], settings[m].mxcsr);
        }
    }
}

/* ---- x87 ---- */

static uint8_t g_fx[512] __attribute__((aligned(16)));
static uint16_t g_cw;
static unsigned long g_addr_op, g_addr_next;
static uint64_t g_mem;                   /* the memory operand */
static const uint32_t s_seven = 0x40e00000, s_snan = 0x7fa00000;
static const uint32_t s_neg = 0xbf800000, s_den = 0x00000001;
static const uint64_t d_max = 0x7fefffffffffffffull;

/*
 * setup, then op (its address to g_addr_op), then next (to g_addr_next),
 * under control word g_cw.  Without a trap the state is saved by FXSAVE
 * right after next.  Operands: %[mem] (g_mem), %[seven], %[snan], %[neg],
 * %[den] (floats), %[dmax] (a double).
 */
#define X87_RUN(fn, setup, op, next)                                      \
    static void fn(void)                                                  \
    {                                                                     \
        unsigned long a, b;                                               \
        __asm__ volatile("mov $0f, %[a]\n\t"                              \
                         "mov %[a], %[ao]\n\t"                            \
                         "mov $1f, %[b]\n\t"                              \
                         "mov %[b], %[bo]\n\t"                            \
                         "fninit\n\t"                                     \
                         "fldcw %[cw]\n\t"                                \
                         setup "\n\t"                                     \
                         "0: " op "\n\t"                                  \
                         "1: " next "\n\t"                                \
                         "fxsave %[fx]\n\t"                               \
                         "fninit\n\t"                                     \
                         "emms"                                           \
                         : [a] "=&r"(a), [b] "=&r"(b), [ao] "=m"(g_addr_op), \
                           [bo] "=m"(g_addr_next), [fx] "=m"(g_fx),       \
                           [mem] "+m"(g_mem)                              \
                         : [cw] "m"(g_cw), [seven] "m"(s_seven),          \
                           [snan] "m"(s_snan), [neg] "m"(s_neg),          \
                           [den] "m"(s_den), [dmax] "m"(d_max)            \
                         : "memory", "cc", "mm0");                        \
    }

typedef struct {
    const char *what;
    void (*run)(void);
    uint16_t cw;
} X87Case;

static const char *which_insn(unsigned long addr)
{
    return addr == g_addr_op ? "op" : addr == g_addr_next ? "next" : "other";
}

/* ST(i) if its tag says valid (empty ones hold stale bits), then memory */
static void print_x87_state(void)
{
    uint16_t fcw, fsw;

    memcpy(&fcw, g_fx, 2);
    memcpy(&fsw, g_fx + 2, 2);
    printf(" cw %04x sw %04x tags %02x", fcw, fsw, g_fx[4]);
    for (int i = 0; i < 2; i++) {
        uint64_t mant;
        uint16_t exp;

        if (!(g_fx[4] >> (((fsw >> 11) + i) & 7) & 1)) {
            printf(" st%d empty", i);
            continue;
        }
        memcpy(&mant, g_fx + 32 + 16 * i, 8);
        memcpy(&exp, g_fx + 40 + 16 * i, 2);
        printf(" st%d %04x:%016llx", i, exp, (unsigned long long)mant);
    }
    printf(" mem %016llx\n", (unsigned long long)g_mem);
}

static void run_x87_cases(const X87Case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const X87Case *c = &cases[i];

        g_cw = c->cw;
        g_mem = 0x1122334455667788ull;
        memset(g_fx, 0, sizeof(g_fx));
        printf("%-32s", c->what);
        if (sigsetjmp(trapped, 1)) {
            reset_fpu();
            printf(" SIGFPE code %d at %s/%s", trap_code, which_insn(trap_addr),
                   which_insn(trap_pc));
            memcpy(g_fx, trap_fx, sizeof(g_fx));
        } else {
            c->run();
            printf(" no trap");
        }
        print_x87_state();
    }
}
