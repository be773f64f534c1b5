/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * sigprocmask-order: rt_sigprocmask's checks in the kernel's order (issue
 * 11, found by the syscall fuzzer): the set size, then the new set (EFAULT),
 * then `how` (EINVAL, only when there is a new set: -1 or 3 included),
 * and only then the old set is written (EFAULT); FIGETBSZ (ioctl 2) on a
 * pipe writes an int, as on any file.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

static void call(const char *what, long how, void *set, void *old)
{
    long r = syscall(SYS_rt_sigprocmask, how, set, old, 8);

    printf("%-34s %s\n", what, r == 0 ? "0" : strerror(errno));
}

int main(void)
{
    unsigned long long set = 1ULL << (SIGUSR1 - 1), old;
    void *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int fds[2], bsz = -1;

    call("how -1, good set", -1, &set, NULL);
    call("how 3, good set", 3, &set, NULL);
    call("how -1, no set, good old", -1, NULL, &old);
    call("how -1, good set, read-only old", -1, &set, ro);
    call("how -1, unreadable set", -1, bad, NULL);
    call("SIG_BLOCK, good set, read-only old", SIG_BLOCK, &set, ro);
    call("SIG_BLOCK, no set, read-only old", SIG_BLOCK, NULL, ro);
    call("SIG_UNBLOCK, good set, good old", SIG_UNBLOCK, &set, &old);
    printf("old set had SIGUSR1: %s\n", old & set ? "yes" : "no");
    if (pipe(fds) == 0) {
        long r = syscall(SYS_ioctl, fds[0], 2, &bsz);

        printf("FIGETBSZ on a pipe: %s, %s\n", r == 0 ? "0" : strerror(errno),
               bsz > 0 ? "a size" : "no size");
        r = syscall(SYS_ioctl, fds[0], 2, bad);
        printf("FIGETBSZ to an unmapped int: %s\n", r == 0 ? "0" : strerror(errno));
    }
    return 0;
}
