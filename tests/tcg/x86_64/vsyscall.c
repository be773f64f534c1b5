/*
 * vsyscall: the legacy vsyscall page at 0xffffffffff600000, as Linux's
 * default emulation has it (issue 9, point 3).  Calls to its three entries
 * (gettimeofday, time, getcpu) return what the system calls give; a call
 * elsewhere in the page, or with a bad pointer, is SIGSEGV (SI_KERNEL) at
 * the call; reading the page faults; /proc/self/maps lists it.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define VSYSCALL 0xffffffffff600000UL

static sigjmp_buf jmp;
static volatile siginfo_t info;
static volatile unsigned long fault_rip;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    info = *si;
    fault_rip = uc->uc_mcontext.gregs[REG_RIP];
    siglongjmp(jmp, 1);
}

static void show_fault(const char *what)
{
    printf("%s: SIGSEGV code %d addr %#lx rip %#lx\n", what, info.si_code,
           (unsigned long)info.si_addr, fault_rip);
}

int main(void)
{
    long (*vgettimeofday)(struct timeval *, void *) = (void *)VSYSCALL;
    long (*vtime)(long *) = (void *)(VSYSCALL + 0x400);
    long (*vgetcpu)(unsigned *, unsigned *, void *) = (void *)(VSYSCALL + 0x800);
    struct sigaction sa;
    struct timeval tv, now;
    unsigned cpu = 99, node = 99;
    long t = 0, r;
    char line[256];
    FILE *maps;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    r = vgettimeofday(&tv, NULL);
    gettimeofday(&now, NULL);
    printf("gettimeofday %ld, within a second %d\n", r, now.tv_sec - tv.tv_sec <= 1);
    r = vtime(&t);
    printf("time: result and *tloc agree %d, within a second %d\n", r == t,
           (long)time(NULL) - t <= 1);
    r = vgetcpu(&cpu, &node, NULL);
    printf("getcpu %ld, cpu valid %d\n", r, cpu < 4096);

    if (!sigsetjmp(jmp, 1)) {
        ((void (*)(void))(VSYSCALL + 0x100))();
        printf("call +0x100 returned\n");
    } else {
        show_fault("call +0x100");
    }
    if (!sigsetjmp(jmp, 1)) {
        vgettimeofday((struct timeval *)8, NULL);
        printf("bad pointer returned\n");
    } else {
        show_fault("gettimeofday(8)");
    }
    if (!sigsetjmp(jmp, 1)) {
        printf("read %d\n", *(volatile unsigned char *)VSYSCALL);
    } else {
        show_fault("read");
    }
    maps = fopen("/proc/self/maps", "r");
    while (maps && fgets(line, sizeof(line), maps)) {
        if (strstr(line, "[vsyscall]")) {
            fputs(line, stdout);
        }
    }
    return 0;
}
