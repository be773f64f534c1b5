/*
 * sigevent.h: struct sigevent, the notification of POSIX timers
 * (syscall_timer.c) and message queues (syscall_mqueue.c), in the guest's
 * layout and the host kernel's.  The guest's differs on i386 (a 32-bit
 * sigval) and in its signal numbers (signal.c's table).
 */
#ifndef LINUX_USER_SIGEVENT_H
#define LINUX_USER_SIGEVENT_H

#include "qemu.h"

/* The kernel's struct sigevent in the guest's layout (64 bytes on both). */
struct target_sigevent {
    abi_ulong sigev_value;
    int32_t sigev_signo;
    int32_t sigev_notify;
    union {
        int32_t tid;                /* SIGEV_THREAD_ID */
        uint8_t pad[64 - sizeof(abi_ulong) - 8];
    } un;
};
_Static_assert(sizeof(struct target_sigevent) == 64, "the kernel's sigevent");

/* The kernel's struct sigevent on the host (glibc's has the same layout). */
struct host_sigevent {
    uint64_t sigev_value;
    int32_t sigev_signo;
    int32_t sigev_notify;
    union {
        int32_t tid;
        uint8_t pad[64 - 16];
    } un;
};

/* The guest's sigevent at gaddr for the host (0 or -TARGET_EFAULT).  The
   signal number is translated for the notifications that carry one, and
   for SIGEV_THREAD when thread_is_signal (timer_create). */
abi_long sigevent_from_user(struct host_sigevent *h, abi_ulong gaddr,
                            bool thread_is_signal);

#endif
