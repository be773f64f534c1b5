/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * sigaction-flags: the flags sigaction keeps.  Since Linux 5.11 the kernel
 * clears the bits it does not know (SA_UNSUPPORTED, 0x400, is there to be
 * cleared: a program learns from the old action read back what the kernel
 * supports), through the C library and through the raw call given flags
 * sign-extended from an int (as glibc's struct has them).  The C library's
 * own SA_RESTORER is left out of the first line: i386 glibc adds it only
 * where the process has no vDSO to return through (the emulator gives none).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

/* The kernel's struct for rt_sigaction on x86 (both word sizes). */
struct kernel_sigaction {
    unsigned long handler, flags, restorer;
    unsigned long long mask;
};

static void handler(int sig)
{
    (void)sig;
}

int main(void)
{
    struct sigaction sa, old;
    struct kernel_sigaction k = { .handler = (unsigned long)handler,
                                  .flags = (unsigned long)0xffffffff84000400ULL },
                            k_old;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART | 0x400 | 0x800 | 0x100;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR1, NULL, &old);
    printf("through the C library: asked %#x, kept %#x\n", (unsigned)sa.sa_flags,
           (unsigned)old.sa_flags & ~0x04000000u);
    printf("raw rt_sigaction: %ld",
           syscall(SYS_rt_sigaction, SIGUSR2, &k, NULL, sizeof(k.mask)));
    syscall(SYS_rt_sigaction, SIGUSR2, NULL, &k_old, sizeof(k.mask));
    printf(", asked %#lx (low 32 bits), kept %#lx\n", k.flags & 0xffffffffUL, k_old.flags);
    return 0;
}
