/*
 * syscall_mqueue.c: POSIX message queues (mq_open and family).  The queues
 * are the host kernel's; what differs for the guest is struct mq_attr (longs,
 * narrower on i386), the timeouts (i386: 32-bit timespec, and the 64-bit
 * *_time64 twins), and mq_notify's sigevent: its signal number, and for
 * SIGEV_THREAD (glibc's, through a netlink socket) the cookie the kernel
 * reads from the guest pointer in sigev_value.
 */
#include "qemu/osdep.h"
#include <mqueue.h>
#include <sys/syscall.h>
#include "syscall_impl.h"
#include "sigevent.h"

struct target_mq_attr {
    abi_long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs;
    abi_long pad[4];
};

#define MQA(f) STRUCT_FIELD(struct mq_attr, struct target_mq_attr, f)
DEFINE_STRUCT_LAYOUT(mq_attr_layout, struct mq_attr, struct target_mq_attr,
                     MQA(mq_flags), MQA(mq_maxmsg), MQA(mq_msgsize), MQA(mq_curmsgs));

/* mq_open and mq_unlink take the name without libc's leading '/'. */
SYSCALL(mq_open)
{
    struct mq_attr attr;

    PATH_FROM_USER(name, arg[0]);
    /* the kernel reads the attributes whenever they are given */
    if (arg[3] && struct_from_user(&attr, arg[3], &mq_attr_layout)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_mq_open, name, (int)arg[1], (mode_t)arg[2],
                             arg[3] ? &attr : NULL));
}

SYSCALL(mq_unlink)
{
    PATH_FROM_USER(name, arg[0]);
    return get_errno(syscall(SYS_mq_unlink, name));
}

/* The timeout (NULL: wait for ever) in the layout l. */
static abi_long mq_timeout(struct timespec *ts, abi_ulong gaddr, const StructLayout *l,
                           struct timespec **out)
{
    *out = gaddr ? ts : NULL;
    return gaddr && struct_from_user(ts, gaddr, l) ? -TARGET_EFAULT : 0;
}

static abi_long do_mq_timedsend(const abi_long *arg, const StructLayout *l)
{
    struct timespec ts, *timeout;
    GuestBuf b;
    abi_long ret = mq_timeout(&ts, arg[4], l, &timeout);

    if (ret) {
        return ret;
    }
    ret = guest_buf_begin(&b, arg[1], arg[2], GUEST_READ);
    if (ret == 0) {
        ret = get_errno(safe_syscall(SYS_mq_timedsend, (int)arg[0], b.host, (size_t)b.len,
                                     (unsigned)arg[3], timeout));
    }
    guest_buf_end(&b, 0);
    return ret;
}

SYSCALL(mq_timedsend)
{
    return do_mq_timedsend(arg, &timespec_layout);
}

SYSCALL(mq_timedsend_time64)
{
    return do_mq_timedsend(arg, &timespec64_layout);
}

static abi_long do_mq_timedreceive(const abi_long *arg, const StructLayout *l)
{
    struct timespec ts, *timeout;
    unsigned prio;
    GuestBuf b;
    abi_long ret = mq_timeout(&ts, arg[4], l, &timeout);

    if (ret) {
        return ret;
    }
    ret = guest_buf_begin(&b, arg[1], arg[2], GUEST_WRITE);
    if (ret == 0) {
        ret = get_errno(safe_syscall(SYS_mq_timedreceive, (int)arg[0], b.host,
                                     (size_t)b.len, &prio, timeout));
    }
    guest_buf_end(&b, ret > 0 ? ret : 0);
    if (ret >= 0 && arg[3] && put_user(prio, arg[3], uint32_t)) {
        return -TARGET_EFAULT;      /* the message is gone, as in Linux */
    }
    return ret;
}

SYSCALL(mq_timedreceive)
{
    return do_mq_timedreceive(arg, &timespec_layout);
}

SYSCALL(mq_timedreceive_time64)
{
    return do_mq_timedreceive(arg, &timespec64_layout);
}

/* The kernel's NOTIFY_COOKIE_LEN: SIGEV_THREAD's message to the socket. */
#define NOTIFY_COOKIE_LEN 32

SYSCALL(mq_notify)
{
    struct host_sigevent sev;
    uint8_t cookie[NOTIFY_COOKIE_LEN];
    abi_long ret;

    if (arg[1]) {
        ret = sigevent_from_user(&sev, arg[1], false);
        if (ret) {
            return ret;
        }
        if (sev.sigev_notify == SIGEV_THREAD) {
            if (copy_from_user(cookie, sev.sigev_value, sizeof(cookie))) {
                return -TARGET_EFAULT;
            }
            sev.sigev_value = (uintptr_t)cookie;
        }
    }
    return get_errno(syscall(SYS_mq_notify, (int)arg[0], arg[1] ? &sev : NULL));
}

SYSCALL(mq_getsetattr)
{
    struct mq_attr new, old;
    abi_long ret;

    if (arg[1] && struct_from_user(&new, arg[1], &mq_attr_layout)) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(syscall(SYS_mq_getsetattr, (int)arg[0], arg[1] ? &new : NULL,
                            arg[2] ? &old : NULL));
    if (ret == 0 && arg[2] && struct_to_user(arg[2], &old, &mq_attr_layout)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

const SyscallImpl syscalls_mqueue[] = {
    { "mq_open", sys_mq_open, "sOox" },
    { "mq_unlink", sys_mq_unlink, "s" },
    { "mq_timedsend", sys_mq_timedsend, "dxuux" },
    { "mq_timedsend_time64", sys_mq_timedsend_time64, "dxuux" },
    { "mq_timedreceive", sys_mq_timedreceive, "dxuxx" },
    { "mq_timedreceive_time64", sys_mq_timedreceive_time64, "dxuxx" },
    { "mq_notify", sys_mq_notify, "dx" },
    { "mq_getsetattr", sys_mq_getsetattr, "dxx" },
    { NULL }
};
