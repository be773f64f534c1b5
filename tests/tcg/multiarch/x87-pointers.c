/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * x87-pointers: the instruction and operand pointers (FIP, FCS, FOP, FDP,
 * FDS) that FNSTENV, FNSAVE, FXSAVE and a SIGFPE frame report: which
 * instructions set them (the last non-control one; a memory form also
 * sets FDP/FDS, a register form keeps them), what FLDENV, FRSTOR and
 * FXRSTOR load, and FXSAVE's AMD rule (the pointers only while an
 * exception is pending; this host and the emulated CPU are AMD).
 * Addresses print relative to labels and variables (the low 32 bits, what
 * the 32-bit images hold), selectors as whether they equal the segment
 * register expected, and the memory operands are register-based so that
 * FOP's ModRM is the same: both word sizes print the same.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static double one = 1.0, four = 4.0, sink;
static uint32_t env[7];
static uint8_t fx[512] __attribute__((aligned(16)));
extern char at_fld[], at_fsqrt[], at_fst[], at_fdiv[], at_prefixed[], at_save[], at_fdiv_sig[];

#ifdef __x86_64__
#define SP "rsp"
#else
#define SP "esp"
#endif

enum { CS, DS, SS };

static uint16_t sreg(int which)
{
    uint16_t v;

    if (which == CS) {
        __asm__ volatile("mov %%cs, %0" : "=r"(v));
    } else if (which == DS) {
        __asm__ volatile("mov %%ds, %0" : "=r"(v));
    } else {
        __asm__ volatile("mov %%ss, %0" : "=r"(v));
    }
    return v;
}

static const char *is_sreg(uint16_t sel, int which)
{
    return sel == sreg(which) ? "ok" : "wrong";
}

static int rel(uint64_t value, const void *base)
{
    return (int32_t)((uint32_t)value - (uint32_t)(uintptr_t)base);
}

/* FNSTENV's 32-bit image: FIP, FCS and FOP, FDP, FDS. */
static void show_env(const char *what, const char *ip_base, const void *dp_base, int ds)
{
    printf("%-12s fip %+d fcs %s fop %03x fdp %+d fds %s (upper %04x)\n", what,
           rel(env[3], ip_base), is_sreg(env[4] & 0xffff, CS), env[4] >> 16,
           rel(env[5], dp_base), is_sreg(env[6] & 0xffff, ds), env[6] >> 16);
}

/*
 * Each case reads the pointers in the asm block that sets them: on an AMD
 * host Linux's FPU restore after a context switch (X86_BUG_FXSAVE_LEAK)
 * replaces them, so a system call in between (printf) could change them.
 */
static __attribute__((noinline)) void memory_then_register(void)
{
    uint32_t log[4][7];
    const void *stack;

    __asm__ volatile("fninit\n"
                     ".globl at_fld\nat_fld: fldl (%0)\n"
                     "fnstenv (%1)\n"
                     ".globl at_fsqrt\nat_fsqrt: fsqrt\n"
                     "fnstenv 28(%1)\n"
                     /* control instructions leave them */
                     "fnclex\nfwait\nfnstcw 56(%1)\nfldcw 56(%1)\n"
                     "fnstenv 56(%1)\n"
                     ".globl at_fst\nat_fst: fstpl (%2)\n"
                     "fnstenv 84(%1)\n"
                     : : "a"(&one), "d"(log), "c"(&sink) : "memory");
    memcpy(env, log[0], sizeof(env));
    show_env("fld m64", at_fld, &one, DS);
    memcpy(env, log[1], sizeof(env));
    show_env("fsqrt", at_fsqrt, &one, DS);
    memcpy(env, log[2], sizeof(env));
    show_env("control", at_fsqrt, &one, DS);
    memcpy(env, log[3], sizeof(env));
    show_env("fstp m64", at_fst, &sink, DS);
    /* a prefix counts in FIP; a stack-based operand's segment is SS */
    __asm__ volatile(".globl at_prefixed\nat_prefixed: .byte 0x3e\nfldl (%1)\n"
                     "fnstenv %0\nfninit\n" : "=m"(env) : "a"(&four) : "memory");
    show_env("ds: fld", at_prefixed, &four, DS);
    __asm__ volatile("fldl (%2)\nsub $16, %%" SP "\n"
                     "fstl (%%" SP ")\nfldl (%%" SP ")\n"
                     "mov %%" SP ", %1\n"
                     "add $16, %%" SP "\nfnstenv %0\nfninit\n"
                     : "=m"(env), "=r"(stack) : "r"(&four) : "memory");
    printf("(sp)         fdp %+d fds %s\n", rel(env[5], stack), is_sreg(env[6] & 0xffff, SS));
}

static __attribute__((noinline)) void images(void)
{
    uint32_t made_up[7] = { 0xffff037f, 0xffff0000, 0xffffffff, 0x12345678, 0x01230077,
                            0x9abcdef0, 0x55 };
    uint16_t made_up16[7] = { 0x37f, 0, 0xffff, 0x1111, 0x2222, 0x3333, 0x4444 };
    uint8_t save[108];

    __asm__ volatile("fninit\nfldl %1\nfldenv %2\nfnstenv %0\n"
                     : "=m"(env) : "m"(one), "m"(made_up) : "memory");
    printf("fldenv       %08x %08x %08x %08x\n", env[3], env[4], env[5], env[6]);
    __asm__ volatile("fninit\nfldl %1\ndata16 fldenv %2\nfnstenv %0\n"
                     : "=m"(env) : "m"(one), "m"(made_up16) : "memory");
    printf("fldenv16     %08x %08x %08x %08x\n", env[3], env[4], env[5], env[6]);
    __asm__ volatile("fninit\n.globl at_save\nat_save: fldl (%1)\nfnsave %0\n"
                     : "=m"(save) : "a"(&one) : "memory");
    memcpy(env, save, sizeof(env));
    show_env("fnsave", at_save, &one, DS);
    memcpy(save + 12, made_up + 3, 16);
    __asm__ volatile("frstor %1\nfnstenv %0\nfninit\n" : "=m"(env) : "m"(save) : "memory");
    printf("frstor       %08x %08x %08x %08x\n", env[3], env[4], env[5], env[6]);

    /* FXSAVE: zeros while no exception is pending (AMD) */
    __asm__ volatile("fninit\nfldl %1\nfxsave %0\n" : "=m"(fx) : "m"(one) : "memory");
    printf("fxsave       fop %04x ip %08x %08x dp %08x %08x\n", *(uint16_t *)(fx + 6),
           *(uint32_t *)(fx + 8), *(uint32_t *)(fx + 12), *(uint32_t *)(fx + 16),
           *(uint32_t *)(fx + 20));
    /* FXRSTOR loads them whether or not one is pending */
    *(uint16_t *)(fx + 6) = 0x123;
    *(uint32_t *)(fx + 8) = 0x11223344;
    *(uint16_t *)(fx + 12) = 0x77;
    *(uint32_t *)(fx + 16) = 0x55667788;
    *(uint16_t *)(fx + 20) = 0x99;
    __asm__ volatile("fninit\nfxrstor %1\nfnstenv %0\nfninit\n" : "=m"(env) : "m"(fx) : "memory");
    printf("fxrstor      %08x %08x %08x %08x\n", env[3], env[4], env[5], env[6]);
}

static __attribute__((noinline)) void pending(void)
{
    uint16_t cw = 0x37b;        /* zero divide unmasked */

    __asm__ volatile("fninit\nfldcw %2\nfldz\nfldl (%1)\n"
                     ".globl at_fdiv\nat_fdiv: fdivp\n"
                     "fxsave %0\nfninit\n" : "=m"(fx) : "a"(&one), "m"(cw) : "memory");
    printf("fxsave ES    fop %03x ip %+d cs %s dp %+d ds %s\n", *(uint16_t *)(fx + 6),
           rel(*(uint32_t *)(fx + 8), at_fdiv), is_sreg(*(uint16_t *)(fx + 12), CS),
           rel(*(uint32_t *)(fx + 16), &one), is_sreg(*(uint16_t *)(fx + 20), DS));
}

/* The SIGFPE frame of an unmasked exception: the handler reads FIP and FDP
   where its word size's ucontext shows them, and clears the exception. */
static void on_fpe(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;

    (void)sig;
#ifdef __x86_64__
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;

    printf("SIGFPE       code %d fip %+d fdp %+d fop %03x\n", si->si_code,
           rel(fp->rip, at_fdiv_sig), rel(fp->rdp, &one), fp->fop);
    fp->swd &= ~0x80ff;
    uc->uc_mcontext.gregs[REG_RIP] += 1;    /* past fwait */
#else
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;

    printf("SIGFPE       code %d fip %+d fdp %+d fop %03x\n", si->si_code,
           rel(fp->ipoff, at_fdiv_sig), rel(fp->dataoff, &one),
           ((uint16_t *)((char *)fp + 112))[3]);
    fp->sw &= ~0x80ff;
    fp->status &= ~0x80ff;
    ((uint16_t *)((char *)fp + 112))[1] &= ~0x80ff;  /* the FXSAVE image's FSW */
    uc->uc_mcontext.gregs[REG_EIP] += 1;
#endif
}

static __attribute__((noinline)) void frame(void)
{
    struct sigaction sa = { .sa_sigaction = on_fpe, .sa_flags = SA_SIGINFO };
    uint16_t cw = 0x37b;

    sigaction(SIGFPE, &sa, NULL);
    __asm__ volatile("fninit\nfldcw %1\nfldz\nfldl (%0)\n"
                     ".globl at_fdiv_sig\nat_fdiv_sig: fdivp\nfwait\nfninit\n"
                     : : "a"(&one), "m"(cw) : "memory");
}

int main(void)
{
    memory_then_register();
    images();
    pending();
    frame();
    return 0;
}
