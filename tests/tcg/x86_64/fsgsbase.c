/*
 * fsgsbase: rdfsbase/rdgsbase/wrfsbase/wrgsbase (the emulated CPU
 * advertises FSGSBASE, as this host's does, and Linux enables them for
 * user code): they agree with arch_prctl both ways, a gs-prefixed access
 * goes through a base written with wrgsbase (also after an ignored ES/DS
 * prefix, which in 64-bit mode does not replace GS), the 32-bit forms
 * zero-extend, and a non-canonical base is a #GP (SIGSEGV, SI_KERNEL) at
 * the instruction with the base unchanged.  x86_64 only.
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int got_code;
static volatile uintptr_t got_rip;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    got_code = si->si_code;
    got_rip = ((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RIP];
    siglongjmp(jb, 1);
}

static uint64_t arch_get(int code)
{
    uint64_t v = 0;

    syscall(SYS_arch_prctl, code, &v);
    return v;
}

static uint64_t rdgsbase(void)
{
    uint64_t v;

    __asm__ volatile("rdgsbase %0" : "=r"(v));
    return v;
}

int main(void)
{
    static uint64_t cells[4] = { 0x1111, 0x2222, 0x3333, 0x4444 };
    uint64_t fs, v, old_gs = rdgsbase();
    uint32_t v32;
    struct sigaction sa;

    __asm__ volatile("rdfsbase %0" : "=r"(fs));
    printf("rdfsbase == ARCH_GET_FS: %d\n", fs == arch_get(ARCH_GET_FS));
    __asm__ volatile("rdfsbase %k0" : "=r"(v32));
    printf("32-bit rdfsbase == low half: %d\n", v32 == (uint32_t)fs);

    __asm__ volatile("wrgsbase %0" : : "r"(cells) : "memory");
    printf("ARCH_GET_GS after wrgsbase: %d\n", arch_get(ARCH_GET_GS) == (uintptr_t)cells);
    __asm__ volatile("mov %%gs:8, %0" : "=r"(v));
    printf("gs:8 = %#lx\n", (unsigned long)v);
    __asm__ volatile(".byte 0x65, 0x26; mov 16, %0" : "=r"(v));
    printf("gs es:16 = %#lx\n", (unsigned long)v);
    __asm__ volatile(".byte 0x65, 0x3e; movq $0x5555, 24" : : : "memory");
    printf("gs ds:24 stored %#lx\n", (unsigned long)cells[3]);

    syscall(SYS_arch_prctl, ARCH_SET_GS, (uintptr_t)&cells[1]);
    printf("rdgsbase after ARCH_SET_GS: +%ld\n", (long)(rdgsbase() - (uintptr_t)cells));

    v = 0xffffffff00001000ULL;
    __asm__ volatile("wrgsbase %k0" : : "r"(v) : "memory");
    printf("32-bit wrgsbase: %#lx\n", (unsigned long)rdgsbase());

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (!sigsetjmp(jb, 1)) {
        v = 0x0000800000000000ULL;
        __asm__ volatile("wrgsbase %0" : : "r"(v) : "memory");
        printf("non-canonical wrgsbase: no fault\n");
    } else {
        printf("non-canonical wrgsbase: si_code %d, base %#lx\n", got_code,
               (unsigned long)rdgsbase());
    }
    __asm__ volatile("wrgsbase %0" : : "r"(old_gs) : "memory");
    return 0;
}
