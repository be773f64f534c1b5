/*
 * syscall_socket.c: the socket calls.  Socket addresses (sockaddr_in, _in6,
 * _un, ...) have the same layout for the x86 guests as for the host, so
 * they pass through once their guest range is checked; so do socket
 * options, except the few in sockopt_convs whose structures differ.  i386
 * reaches the same handlers through socketcall(2) too, which glibc still
 * uses there.  The message calls live in syscall_sockmsg.c.  Errno values
 * are the host's (syscall_defs.h).
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <linux/filter.h>
#include <linux/net.h>
#include "syscall_socket.h"

/* A guest buffer the host reads (type VERIFY_READ) or writes: a NULL
   guest pointer stays NULL for the host kernel to judge. */
static bool guest_buffer(void **p, abi_ulong gaddr, abi_ulong len, int type)
{
    *p = gaddr ? lock_user(type, gaddr, len, 0) : NULL;
    return !gaddr || *p;
}

/* An address the guest passes in (bind, connect, sendto), as the kernel's
   move_addr_to_kernel checks it. */
static abi_long addr_in(void **p, abi_ulong gaddr, abi_ulong len)
{
    if ((int)len < 0 || len > sizeof(struct sockaddr_storage)) {
        return -TARGET_EINVAL;
    }
    return guest_buffer(p, gaddr, len, VERIFY_READ) ? 0 : -TARGET_EFAULT;
}

/*
 * An address the host returns (accept, getsockname, recvfrom): the guest's
 * length word at glen says how much room there is at gaddr, and gets the
 * address's full length afterwards.
 */
typedef struct AddrOut {
    void *addr;
    socklen_t len;
} AddrOut;

static abi_long addr_out_begin(AddrOut *o, abi_ulong gaddr, abi_ulong glen)
{
    o->addr = NULL;
    o->len = 0;
    if (!gaddr) {
        return 0;
    }
    if (get_user(o->len, glen, uint32_t)) {
        return -TARGET_EFAULT;
    }
    if ((int)o->len < 0) {
        return -TARGET_EINVAL;
    }
    return guest_buffer(&o->addr, gaddr, o->len, VERIFY_WRITE) ? 0 : -TARGET_EFAULT;
}

static abi_long addr_out_end(const AddrOut *o, abi_ulong glen, abi_long ret)
{
    if (ret >= 0 && o->addr && put_user(o->len, glen, uint32_t)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(socket)
{
    return get_errno(socket(arg[0], arg[1], arg[2]));
}

SYSCALL(socketpair)
{
    int sv[2];
    abi_long ret;

    if (!access_ok(VERIFY_WRITE, arg[3], sizeof(sv))) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(socketpair(arg[0], arg[1], arg[2], sv));
    if (ret == 0) {
        memcpy(g2h(arg[3]), sv, sizeof(sv));
    }
    return ret;
}

SYSCALL(bind)
{
    void *addr;
    abi_long err = addr_in(&addr, arg[1], arg[2]);

    return err ? err : get_errno(bind(arg[0], addr, arg[2]));
}

SYSCALL(connect)
{
    void *addr;
    abi_long err = addr_in(&addr, arg[1], arg[2]);

    return err ? err : get_errno(connect(arg[0], addr, arg[2]));
}

SYSCALL(listen)
{
    return get_errno(listen(arg[0], arg[1]));
}

SYSCALL(accept4)
{
    AddrOut o;
    abi_long err = addr_out_begin(&o, arg[1], arg[2]);

    if (err) {
        return err;
    }
    return addr_out_end(&o, arg[2], get_errno(accept4(arg[0], o.addr,
                                                      o.addr ? &o.len : NULL,
                                                      arg[3])));
}

SYSCALL(accept)
{
    const abi_long a[4] = { arg[0], arg[1], arg[2], 0 };

    return sys_accept4(env, a);
}

/* getsockname and getpeername. */
static abi_long do_getname(const abi_long *arg, bool peer)
{
    AddrOut o;
    abi_long err = addr_out_begin(&o, arg[1], arg[2]);
    socklen_t *len = o.addr ? &o.len : NULL;

    if (err) {
        return err;
    }
    return addr_out_end(&o, arg[2], get_errno(peer ? getpeername(arg[0], o.addr, len)
                                                   : getsockname(arg[0], o.addr, len)));
}

SYSCALL(getsockname)
{
    return do_getname(arg, false);
}

SYSCALL(getpeername)
{
    return do_getname(arg, true);
}

SYSCALL(sendto)
{
    void *buf, *addr;
    abi_long err = addr_in(&addr, arg[4], arg[5]);

    if (err) {
        return err;
    }
    if (!guest_buffer(&buf, arg[1], arg[2], VERIFY_READ)) {
        return -TARGET_EFAULT;
    }
    return get_errno(sendto(arg[0], buf, arg[2], arg[3], addr, arg[5]));
}

SYSCALL(recvfrom)
{
    void *buf;
    AddrOut o;
    abi_long err = addr_out_begin(&o, arg[4], arg[5]);

    if (err) {
        return err;
    }
    if (!guest_buffer(&buf, arg[1], arg[2], VERIFY_WRITE)) {
        return -TARGET_EFAULT;
    }
    return addr_out_end(&o, arg[5], get_errno(recvfrom(arg[0], buf, arg[2], arg[3],
                                                       o.addr,
                                                       o.addr ? &o.len : NULL)));
}

/* send and recv exist only as socketcall operations. */
SYSCALL(send)
{
    const abi_long a[6] = { arg[0], arg[1], arg[2], arg[3], 0, 0 };

    return sys_sendto(env, a);
}

SYSCALL(recv)
{
    const abi_long a[6] = { arg[0], arg[1], arg[2], arg[3], 0, 0 };

    return sys_recvfrom(env, a);
}

SYSCALL(shutdown)
{
    return get_errno(shutdown(arg[0], arg[1]));
}

/* struct sock_fprog: the filter pointer carries a guest address until
   fixup_fprog checks and translates it. */
struct target_sock_fprog {
    uint16_t len;
    abi_ulong filter;
};

DEFINE_STRUCT_LAYOUT(sock_fprog_layout, struct sock_fprog, struct target_sock_fprog,
                     STRUCT_FIELD(struct sock_fprog, struct target_sock_fprog, len),
                     { offsetof(struct sock_fprog, filter),
                       offsetof(struct target_sock_fprog, filter),
                       sizeof(void *), sizeof(abi_ulong), false });

/* The host form of a converted option. */
typedef union SockoptValue {
    struct timeval tv;
    struct sock_fprog fprog;
} SockoptValue;

static abi_long fixup_fprog(SockoptValue *v)
{
    abi_ulong filter = (uintptr_t)v->fprog.filter;

    v->fprog.filter = lock_user(VERIFY_READ, filter,
                                v->fprog.len * sizeof(struct sock_filter), 0);
    return v->fprog.filter ? 0 : -TARGET_EFAULT;
}

enum { SOCKOPT_SET = 1, SOCKOPT_GET = 2 };

/* Options whose value is a structure the guests lay out differently from
   the host.  (The *_NEW timeouts use 64-bit fields on every ABI, and
   SO_GET_FILTER, the get form of SO_ATTACH_FILTER, returns bare
   instructions: both pass through.) */
typedef struct SockoptConv {
    int level, name;
    unsigned dirs;
    const StructLayout *layout;
    abi_long (*fixup)(SockoptValue *v);     /* after conversion, on set */
} SockoptConv;

static const SockoptConv sockopt_convs[] = {
    { SOL_SOCKET, SO_RCVTIMEO_OLD, SOCKOPT_SET | SOCKOPT_GET, &timeval_layout },
    { SOL_SOCKET, SO_SNDTIMEO_OLD, SOCKOPT_SET | SOCKOPT_GET, &timeval_layout },
    { SOL_SOCKET, SO_ATTACH_FILTER, SOCKOPT_SET, &sock_fprog_layout, fixup_fprog },
    { SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, SOCKOPT_SET, &sock_fprog_layout,
      fixup_fprog },
};

static const SockoptConv *sockopt_conv(int level, int name, unsigned dir)
{
    for (size_t i = 0; i < ARRAY_SIZE(sockopt_convs); i++) {
        const SockoptConv *c = &sockopt_convs[i];

        if (c->level == level && c->name == name && (c->dirs & dir)) {
            return c;
        }
    }
    return NULL;
}

SYSCALL(setsockopt)
{
    const SockoptConv *c = sockopt_conv(arg[1], arg[2], SOCKOPT_SET);
    abi_ulong optlen = arg[4];
    SockoptValue v;
    void *p;
    abi_long err;

    if ((int)optlen < 0) {
        return -TARGET_EINVAL;
    }
    if (!c) {
        if (!guest_buffer(&p, arg[3], optlen, VERIFY_READ)) {
            return -TARGET_EFAULT;
        }
        return get_errno(setsockopt(arg[0], arg[1], arg[2], p, optlen));
    }
    if (optlen < c->layout->target_size) {
        return -TARGET_EINVAL;
    }
    if (struct_from_user(&v, arg[3], c->layout)) {
        return -TARGET_EFAULT;
    }
    if (c->fixup && (err = c->fixup(&v))) {
        return err;
    }
    return get_errno(setsockopt(arg[0], arg[1], arg[2], &v, c->layout->host_size));
}

SYSCALL(getsockopt)
{
    const SockoptConv *c = sockopt_conv(arg[1], arg[2], SOCKOPT_GET);
    socklen_t len;
    SockoptValue v;
    void *p;
    abi_long ret;

    if (get_user(len, arg[4], uint32_t)) {
        return -TARGET_EFAULT;
    }
    if ((int)len < 0) {
        return -TARGET_EINVAL;
    }
    if (!c) {
        if (!guest_buffer(&p, arg[3], len, VERIFY_WRITE)) {
            return -TARGET_EFAULT;
        }
        ret = get_errno(getsockopt(arg[0], arg[1], arg[2], p, &len));
    } else if (len < c->layout->target_size) {
        return -TARGET_EINVAL;
    } else {
        len = c->layout->host_size;
        ret = get_errno(getsockopt(arg[0], arg[1], arg[2], &v, &len));
        if (ret == 0 && struct_to_user(arg[3], &v, c->layout)) {
            return -TARGET_EFAULT;
        }
        len = c->layout->target_size;
    }
    if (ret == 0 && put_user(len, arg[4], uint32_t)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/*
 * socketcall(call, args): the i386 multiplexer.  Each call number stands
 * for the syscall named here, whose entry gives the handler and, one
 * letter per argument, how many guest longs the kernel reads at args (and
 * how -strace prints them).
 */
static const char *const socketcall_names[] = {
    [SYS_SOCKET] = "socket",
    [SYS_BIND] = "bind",
    [SYS_CONNECT] = "connect",
    [SYS_LISTEN] = "listen",
    [SYS_ACCEPT] = "accept",
    [SYS_GETSOCKNAME] = "getsockname",
    [SYS_GETPEERNAME] = "getpeername",
    [SYS_SOCKETPAIR] = "socketpair",
    [SYS_SEND] = "send",
    [SYS_RECV] = "recv",
    [SYS_SENDTO] = "sendto",
    [SYS_RECVFROM] = "recvfrom",
    [SYS_SHUTDOWN] = "shutdown",
    [SYS_SETSOCKOPT] = "setsockopt",
    [SYS_GETSOCKOPT] = "getsockopt",
    [SYS_SENDMSG] = "sendmsg",
    [SYS_RECVMSG] = "recvmsg",
    [SYS_ACCEPT4] = "accept4",
    [SYS_RECVMMSG] = "recvmmsg",
    [SYS_SENDMMSG] = "sendmmsg",
};

static const SyscallImpl *socketcall_ops[ARRAY_SIZE(socketcall_names)];

void socketcall_init(void)
{
    for (size_t call = 0; call < ARRAY_SIZE(socketcall_names); call++) {
        if (socketcall_names[call]) {
            socketcall_ops[call] = syscall_impl_by_name(socketcall_names[call]);
        }
    }
}

abi_long socketcall_args(abi_ulong call, abi_ulong gargs, abi_long *a,
                         const SyscallImpl **op)
{
    abi_ulong v[6];
    size_t nargs;

    if (call >= ARRAY_SIZE(socketcall_ops) || !socketcall_ops[call]) {
        return -TARGET_EINVAL;
    }
    *op = socketcall_ops[call];
    nargs = syscall_nargs(*op);
    if (copy_from_user(v, gargs, nargs * sizeof(abi_ulong))) {
        return -TARGET_EFAULT;
    }
    for (size_t i = 0; i < 6; i++) {
        a[i] = i < nargs ? v[i] : 0;
    }
    return 0;
}

SYSCALL(socketcall)
{
    const SyscallImpl *op;
    abi_long a[6];
    abi_long err = socketcall_args(arg[0], arg[1], a, &op);

    return err ? err : op->fn(env, a);
}

const SyscallImpl syscalls_socket[] = {
    { "socket", sys_socket, "FTp" },
    { "socketpair", sys_socketpair, "FTpx" },
    { "bind", sys_bind, "dxd" },
    { "connect", sys_connect, "dxd" },
    { "listen", sys_listen, "dd" },
    { "accept", sys_accept, "dxx" },
    { "accept4", sys_accept4, "dxxd" },
    { "getsockname", sys_getsockname, "dxx" },
    { "getpeername", sys_getpeername, "dxx" },
    { "sendto", sys_sendto, "dxudxd" },
    { "recvfrom", sys_recvfrom, "dxudxx" },
    /* reached only through socketcall: no guest numbers these two */
    { "send", sys_send, "dxud" },
    { "recv", sys_recv, "dxud" },
    { "shutdown", sys_shutdown, "dd" },
    { "setsockopt", sys_setsockopt, "dddxd" },
    { "getsockopt", sys_getsockopt, "dddxx" },
    { "sendmsg", sys_sendmsg, "dxd" },
    { "recvmsg", sys_recvmsg, "dxd" },
    { "sendmmsg", sys_sendmmsg, "dxud" },
    { "recvmmsg", sys_recvmmsg, "dxudx" },
    { "recvmmsg_time64", sys_recvmmsg_time64, "dxudx" },
    { "socketcall", sys_socketcall, "dx" },
    { NULL }
};
