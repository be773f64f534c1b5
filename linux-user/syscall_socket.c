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

/*
 * An address the host returns (accept, getsockname, recvfrom): the host
 * call fills a sockaddr_storage, then, as the kernel's move_addr_to_user,
 * as much of it as the guest's length word at glen says there is room for
 * goes to gaddr, and the length word gets the address's full length.
 */
typedef struct AddrOut {
    struct sockaddr_storage addr;
    socklen_t len;          /* the host's: the address's full length */
    socklen_t room;         /* the guest's */
} AddrOut;

static abi_long addr_out_begin(AddrOut *o, abi_ulong gaddr, abi_ulong glen)
{
    o->len = gaddr ? sizeof(o->addr) : 0;
    o->room = 0;
    if (!gaddr) {
        return 0;
    }
    if (get_user(o->room, glen, uint32_t)) {
        return -TARGET_EFAULT;
    }
    return (int)o->room < 0 ? -TARGET_EINVAL : 0;
}

/* The host call's addr and length arguments. */
#define ADDR_OUT_ARGS(o, gaddr) \
    ((gaddr) ? (struct sockaddr *)&(o)->addr : NULL), ((gaddr) ? &(o)->len : NULL)

static abi_long addr_out_end(const AddrOut *o, abi_ulong gaddr, abi_ulong glen,
                             abi_long ret)
{
    if (ret < 0 || !gaddr) {
        return ret;
    }
    if (copy_to_user(gaddr, &o->addr, MIN(o->room, o->len)) ||
        put_user(o->len, glen, uint32_t)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

SYSCALL(socket)
{
    return get_errno(socket(arg[0], arg[1], arg[2]));
}

/* As pipe2: the sockets are made, then closed again if the guest cannot
   be told about them. */
SYSCALL(socketpair)
{
    int sv[2];
    abi_long ret = get_errno(socketpair(arg[0], arg[1], arg[2], sv));

    if (ret == 0 && copy_to_user(arg[3], sv, sizeof(sv))) {
        close(sv[0]);
        close(sv[1]);
        ret = -TARGET_EFAULT;
    }
    return ret;
}

/* bind and connect: the host reads the guest's address as it is. */
static abi_long do_addr_call(const abi_long *arg, bool is_connect)
{
    GuestBuf b;
    abi_long ret = guest_buf_begin(&b, arg[1], (uint32_t)arg[2], GUEST_READ);

    if (ret == 0) {
        ret = get_errno(is_connect ? safe_syscall(SYS_connect, (int)arg[0], b.host,
                                                  (socklen_t)arg[2])
                                   : bind(arg[0], b.host, arg[2]));
    }
    guest_buf_end(&b, 0);
    return ret;
}

SYSCALL(bind)
{
    return do_addr_call(arg, false);
}

SYSCALL(connect)
{
    return do_addr_call(arg, true);
}

SYSCALL(listen)
{
    return get_errno(listen(arg[0], arg[1]));
}

SYSCALL(accept4)
{
    AddrOut o;
    abi_long ret = addr_out_begin(&o, arg[1], arg[2]);

    if (ret) {
        return ret;
    }
    ret = get_errno(safe_syscall(SYS_accept4, (int)arg[0], ADDR_OUT_ARGS(&o, arg[1]),
                                 (int)arg[3]));
    if (ret >= 0 && addr_out_end(&o, arg[1], arg[2], ret) < 0) {
        close(ret);         /* the kernel drops the connection too */
        ret = -TARGET_EFAULT;
    }
    return ret;
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
    abi_long ret = addr_out_begin(&o, arg[1], arg[2]);

    if (ret) {
        return ret;
    }
    ret = get_errno(peer ? getpeername(arg[0], ADDR_OUT_ARGS(&o, arg[1]))
                         : getsockname(arg[0], ADDR_OUT_ARGS(&o, arg[1])));
    return addr_out_end(&o, arg[1], arg[2], ret);
}

SYSCALL(getsockname)
{
    return do_getname(arg, false);
}

SYSCALL(getpeername)
{
    return do_getname(arg, true);
}

/* The data buffer and the address are the host kernel's to judge. */
SYSCALL(sendto)
{
    GuestBuf data, addr;
    abi_long ret = guest_buf_begin(&data, arg[1], arg[2], GUEST_READ);

    if (ret == 0) {
        ret = guest_buf_begin(&addr, arg[4], (uint32_t)arg[5], GUEST_READ);
        if (ret == 0) {
            ret = get_errno(safe_syscall(SYS_sendto, (int)arg[0], data.host, data.len,
                                         (int)arg[3], addr.host, (socklen_t)arg[5]));
        }
        guest_buf_end(&addr, 0);
    }
    guest_buf_end(&data, 0);
    return ret;
}

SYSCALL(recvfrom)
{
    GuestBuf data;
    AddrOut o;
    abi_long ret = addr_out_begin(&o, arg[4], arg[5]);

    if (ret) {
        return ret;
    }
    ret = guest_buf_begin(&data, arg[1], arg[2], GUEST_WRITE);
    if (ret == 0) {
        ret = get_errno(safe_syscall(SYS_recvfrom, (int)arg[0], data.host, data.len,
                                     (int)arg[3], ADDR_OUT_ARGS(&o, arg[4])));
    }
    guest_buf_end(&data, ret);
    return addr_out_end(&o, arg[4], arg[5], ret);
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

/* The filter's instructions are the same on every ABI: they are read into
   host memory that the converted value points to. */
static abi_long fixup_fprog(SockoptValue *v, void **scratch)
{
    abi_ulong filter = (uintptr_t)v->fprog.filter;
    size_t size = v->fprog.len * sizeof(struct sock_filter);

    *scratch = malloc(size ? size : 1);
    v->fprog.filter = *scratch;
    if (!*scratch) {
        return -TARGET_ENOMEM;
    }
    return copy_from_user(*scratch, filter, size);
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
    /* after conversion, on set; *scratch is freed after the call */
    abi_long (*fixup)(SockoptValue *v, void **scratch);
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
    void *scratch = NULL;
    GuestBuf b;
    abi_long ret;

    if ((int)optlen < 0) {
        return -TARGET_EINVAL;
    }
    if (!c) {
        ret = guest_buf_begin(&b, arg[3], optlen, GUEST_READ);
        if (ret == 0) {
            ret = get_errno(setsockopt(arg[0], arg[1], arg[2], b.host, optlen));
        }
        guest_buf_end(&b, 0);
        return ret;
    }
    if (optlen < c->layout->target_size) {
        return -TARGET_EINVAL;
    }
    if (struct_from_user(&v, arg[3], c->layout)) {
        return -TARGET_EFAULT;
    }
    ret = c->fixup ? c->fixup(&v, &scratch) : 0;
    if (ret == 0) {
        ret = get_errno(setsockopt(arg[0], arg[1], arg[2], &v, c->layout->host_size));
    }
    free(scratch);
    return ret;
}

SYSCALL(getsockopt)
{
    const SockoptConv *c = sockopt_conv(arg[1], arg[2], SOCKOPT_GET);
    socklen_t len;
    SockoptValue v;
    GuestBuf b;
    abi_long ret;

    if (get_user(len, arg[4], uint32_t)) {
        return -TARGET_EFAULT;
    }
    if ((int)len < 0) {
        return -TARGET_EINVAL;
    }
    if (!c) {
        ret = guest_buf_begin(&b, arg[3], len, GUEST_WRITE);
        if (ret == 0) {
            ret = get_errno(getsockopt(arg[0], arg[1], arg[2], b.host, &len));
        }
        guest_buf_end(&b, ret == 0 ? len : 0);
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
