/*
 * syscall_sockmsg.c: sendmsg, recvmsg, sendmmsg and recvmmsg.  The guest's
 * msghdr becomes a host one (its name and iovecs as guest buffers the host
 * kernel judges, uaccess.h), and its control messages are rewritten
 * between the guest's cmsghdr layout (i386: 32-bit cmsg_len, 4-byte
 * alignment) and the host's, converting the payloads whose layout differs
 * (the old timestamps).  The socket slice (syscall_socket.c) lists these
 * handlers.  Errno values are the host's (syscall_defs.h).
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <sys/uio.h>
#include "syscall_socket.h"

struct target_msghdr {
    abi_ulong msg_name;
    uint32_t msg_namelen;
    abi_ulong msg_iov;
    abi_ulong msg_iovlen;
    abi_ulong msg_control;
    abi_ulong msg_controllen;
    int32_t msg_flags;
};

struct target_mmsghdr {
    struct target_msghdr msg_hdr;
    uint32_t msg_len;
};

struct target_cmsghdr {
    abi_ulong cmsg_len;
    int32_t cmsg_level;
    int32_t cmsg_type;
};

#ifndef TARGET_X86_64
_Static_assert(sizeof(struct target_msghdr) == 28, "i386 msghdr layout");
_Static_assert(sizeof(struct target_mmsghdr) == 32, "i386 mmsghdr layout");
_Static_assert(sizeof(struct target_cmsghdr) == 12, "i386 cmsghdr layout");
#endif

/* The guest's CMSG_ALIGN, CMSG_LEN and CMSG_SPACE. */
#define TARGET_CMSG_ALIGN(len) QEMU_ALIGN_UP(len, sizeof(abi_ulong))
#define TARGET_CMSG_HDRLEN sizeof(struct target_cmsghdr)
#define TARGET_CMSG_SPACE(len) (TARGET_CMSG_HDRLEN + TARGET_CMSG_ALIGN(len))

/* A host pointer field that carries a guest address until it is checked
   and translated. */
#define GUEST_ADDR_FIELD(htype, ttype, f) \
    { offsetof(htype, f), offsetof(ttype, f), sizeof(void *), sizeof(abi_ulong), false }

#define MH(f) STRUCT_FIELD(struct msghdr, struct target_msghdr, f)
#define MH_ADDR(f) GUEST_ADDR_FIELD(struct msghdr, struct target_msghdr, f)
DEFINE_STRUCT_LAYOUT(msghdr_layout, struct msghdr, struct target_msghdr,
                     MH_ADDR(msg_name), MH(msg_namelen), MH_ADDR(msg_iov),
                     MH(msg_iovlen), MH_ADDR(msg_control), MH(msg_controllen),
                     MH(msg_flags));

#define CM(f) STRUCT_FIELD(struct cmsghdr, struct target_cmsghdr, f)
DEFINE_STRUCT_LAYOUT(cmsghdr_layout, struct cmsghdr, struct target_cmsghdr,
                     CM(cmsg_len), CM(cmsg_level), CM(cmsg_type));

/* SCM_RIGHTS payloads are converted as arrays of fds so that truncation
   keeps whole descriptors. */
DEFINE_STRUCT_LAYOUT(fd_layout, int, int, { 0, 0, sizeof(int), sizeof(int), true });

/* Control messages whose payload is an array of structures that differ
   between the guests; every other payload (credentials, IP packet info,
   the 64-bit *_NEW timestamps) has the same bytes on guest and host. */
typedef struct CmsgPayload {
    int level, type;
    const StructLayout *layout;
} CmsgPayload;

static const CmsgPayload cmsg_payloads[] = {
    { SOL_SOCKET, SCM_RIGHTS, &fd_layout },
    { SOL_SOCKET, SO_TIMESTAMP_OLD, &timeval_layout },
    { SOL_SOCKET, SO_TIMESTAMPNS_OLD, &timespec_layout },
    { SOL_SOCKET, SO_TIMESTAMPING_OLD, &timespec_layout },
};

static const StructLayout *cmsg_payload_layout(int level, int type)
{
    for (size_t i = 0; i < ARRAY_SIZE(cmsg_payloads); i++) {
        if (cmsg_payloads[i].level == level && cmsg_payloads[i].type == type) {
            return cmsg_payloads[i].layout;
        }
    }
    return NULL;
}

/* Control data beyond this is refused on send (the kernel's own limit,
   optmem_max, is smaller) and ignored on receive. */
#define CMSG_GUEST_MAX (1u << 20)

/* Room in the host for what fits in glen guest bytes: a message grows at
   most twofold (header 12 -> 16 bytes, alignment 4 -> 8, payloads of
   32-bit longs widen to 64 bits). */
static size_t host_cmsg_space(abi_ulong glen)
{
    return 2 * (size_t)MIN(glen, CMSG_GUEST_MAX);
}

/* The guest's control messages (glen bytes at gbuf) into h->msg_control. */
static abi_long cmsgs_from_user(struct msghdr *h, abi_ulong gbuf, abi_ulong glen)
{
    char *buf;
    size_t hoff = 0, tlen;

    if (glen > CMSG_GUEST_MAX) {
        return -ENOBUFS;
    }
    h->msg_control = buf = calloc(1, host_cmsg_space(glen));
    for (abi_ulong off = 0; off + TARGET_CMSG_HDRLEN <= glen;
         off += TARGET_CMSG_SPACE(tlen)) {
        struct cmsghdr hdr, *c = (struct cmsghdr *)(buf + hoff);
        const StructLayout *l;
        abi_ulong payload = gbuf + off + TARGET_CMSG_HDRLEN;
        size_t n, hlen;
        abi_long err;

        if (struct_from_user(&hdr, gbuf + off, &cmsghdr_layout)) {
            return -TARGET_EFAULT;
        }
        if (hdr.cmsg_len < TARGET_CMSG_HDRLEN || hdr.cmsg_len > glen - off) {
            return -TARGET_EINVAL;
        }
        tlen = hdr.cmsg_len - TARGET_CMSG_HDRLEN;
        l = cmsg_payload_layout(hdr.cmsg_level, hdr.cmsg_type);
        n = l ? tlen / l->target_size : tlen;
        hlen = l ? n * l->host_size : tlen;
        c->cmsg_len = CMSG_LEN(hlen);
        c->cmsg_level = hdr.cmsg_level;
        c->cmsg_type = hdr.cmsg_type;
        err = l ? struct_array_from_user(CMSG_DATA(c), payload, n, l)
                : copy_from_user(CMSG_DATA(c), payload, tlen);
        if (err) {
            return err;
        }
        hoff += CMSG_SPACE(hlen);
    }
    h->msg_controllen = hoff;
    return 0;
}

/* Descriptors received for a guest buffer too small to hold them: the
   kernel would not have installed them. */
static void close_fds(const int *fds, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        close(fds[i]);
    }
}

/*
 * The host's received control messages into the guest's buffer (gspace
 * bytes at gbuf), as the kernel's compat put_cmsg does: what does not fit
 * is cut to whole payload elements and flagged MSG_CTRUNC; a message that
 * cannot be written ends the copy, its descriptors unused.  Returns the
 * guest bytes used.
 */
static abi_ulong cmsgs_to_user(struct msghdr *h, abi_ulong gbuf, abi_ulong gspace,
                               int *flags)
{
    abi_ulong off = 0;

    for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
        const StructLayout *l = cmsg_payload_layout(c->cmsg_level, c->cmsg_type);
        bool rights = c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS;
        size_t n = (c->cmsg_len - CMSG_LEN(0)) / (l ? l->host_size : 1);
        abi_ulong room = off < gspace ? gspace - off : 0;
        abi_ulong payload = gbuf + off + TARGET_CMSG_HDRLEN;
        struct cmsghdr hdr = *c;
        size_t fit, tlen;

        if (room < TARGET_CMSG_HDRLEN) {
            *flags |= MSG_CTRUNC;
            if (rights) {
                close_fds((int *)CMSG_DATA(c), n);
            }
            continue;
        }
        fit = (room - TARGET_CMSG_HDRLEN) / (l ? l->target_size : 1);
        if (fit < n) {
            *flags |= MSG_CTRUNC;
            if (rights) {
                close_fds((int *)CMSG_DATA(c) + fit, n - fit);
            }
            n = fit;
        }
        tlen = n * (l ? l->target_size : 1);
        hdr.cmsg_len = TARGET_CMSG_HDRLEN + tlen;
        if (struct_to_user(gbuf + off, &hdr, &cmsghdr_layout) ||
            (l ? struct_array_to_user(payload, CMSG_DATA(c), n, l)
               : copy_to_user(payload, CMSG_DATA(c), tlen))) {
            gspace = off;       /* nothing more fits, as after a fault */
            if (rights) {
                close_fds((int *)CMSG_DATA(c), n);
            }
            continue;
        }
        off += TARGET_CMSG_SPACE(tlen);
    }
    return MIN(off, gspace);
}

/*
 * A message on its way between guest and host: the host msghdr, the guest's
 * own (its pointers as guest addresses) for msg_to_user, and the guest
 * memory the host call reaches.  A received name lands in host memory and
 * is copied out as the kernel's move_addr_to_user does.
 */
typedef struct GuestMsg {
    struct msghdr h, g;
    GuestIov iov;
    GuestBuf name;              /* sent: the guest's name */
    struct sockaddr_storage name_in;
} GuestMsg;

/*
 * The guest's msghdr at gmsg as m->h.  Whatever the result, msg_release(m)
 * frees what was allocated.
 */
static abi_long msg_from_user(GuestMsg *m, abi_ulong gmsg, bool receiving)
{
    abi_ulong name, control;
    abi_long err;

    memset(m, 0, sizeof(*m));
    if (struct_from_user(&m->g, gmsg, &msghdr_layout)) {
        return -TARGET_EFAULT;
    }
    name = (uintptr_t)m->g.msg_name;
    control = (uintptr_t)m->g.msg_control;
    if ((int)m->g.msg_namelen < 0) {
        return -TARGET_EINVAL;
    }
    if (receiving) {
        m->h.msg_name = name ? &m->name_in : NULL;
        m->h.msg_namelen = name ? sizeof(m->name_in) : 0;
    } else if (name) {
        m->h.msg_namelen = MIN(m->g.msg_namelen, sizeof(struct sockaddr_storage));
        err = guest_buf_begin(&m->name, name, m->h.msg_namelen, GUEST_READ);
        if (err) {
            return err;
        }
        m->h.msg_name = m->name.host;
    }
    if (m->g.msg_iovlen > IOV_MAX) {
        return -EMSGSIZE;
    }
    err = guest_iov_begin(&m->iov, (uintptr_t)m->g.msg_iov, m->g.msg_iovlen,
                          receiving ? GUEST_WRITE : GUEST_READ);
    if (err) {
        return err;
    }
    m->h.msg_iov = m->iov.iov;
    m->h.msg_iovlen = m->iov.count;
    if (!receiving) {
        return cmsgs_from_user(&m->h, control, m->g.msg_controllen);
    }
    m->h.msg_controllen = control ? host_cmsg_space(m->g.msg_controllen) : 0;
    m->h.msg_control = calloc(1, m->h.msg_controllen);
    return 0;
}

/* After a receive of ret bytes: the data, then what the kernel writes
   back into the guest's msghdr and its name (name length, control length,
   flags). */
static abi_long msg_to_user(abi_ulong gmsg, GuestMsg *m, abi_long ret)
{
    int flags = m->h.msg_flags;
    abi_ulong gname = (uintptr_t)m->g.msg_name;

    guest_iov_end(&m->iov, ret);
    if (gname && copy_to_user(gname, &m->name_in,
                              MIN(m->g.msg_namelen, m->h.msg_namelen))) {
        return -TARGET_EFAULT;
    }
    m->g.msg_controllen = cmsgs_to_user(&m->h, (uintptr_t)m->g.msg_control,
                                        m->g.msg_controllen, &flags);
    m->g.msg_namelen = m->h.msg_namelen;
    m->g.msg_flags = flags;
    return struct_to_user(gmsg, &m->g, &msghdr_layout);
}

static void msg_release(GuestMsg *m)
{
    guest_iov_end(&m->iov, 0);
    guest_buf_end(&m->name, 0);
    free(m->h.msg_control);
    m->h.msg_control = NULL;
}

abi_long sys_sendmsg(CPUArchState *env, const abi_long *arg)
{
    GuestMsg m;
    abi_long ret = msg_from_user(&m, arg[1], false);

    if (ret == 0) {
        ret = get_errno(safe_syscall(SYS_sendmsg, (int)arg[0], &m.h, (int)arg[2]));
    }
    msg_release(&m);
    return ret;
}

abi_long sys_recvmsg(CPUArchState *env, const abi_long *arg)
{
    GuestMsg m;
    abi_long ret = msg_from_user(&m, arg[1], true);

    if (ret == 0) {
        ret = get_errno(safe_syscall(SYS_recvmsg, (int)arg[0], &m.h, (int)arg[2]));
    }
    if (ret >= 0 && msg_to_user(arg[1], &m, ret)) {
        ret = -TARGET_EFAULT;
    }
    msg_release(&m);
    return ret;
}

/* sendmmsg and recvmmsg handle at most this many messages per call, as the
   kernel does. */
#define MMSG_MAX 1024

/* A vector of messages: the host call's mmsghdrs and their guest sides. */
typedef struct GuestMmsg {
    struct mmsghdr *hvec;
    GuestMsg *msgs;
    unsigned n;
} GuestMmsg;

/*
 * The vector of vlen guest mmsghdrs at gaddr: converts up to the first bad
 * one.  Returns how many were converted, or the error of the first.
 * mmsg_release frees v.
 */
static abi_long mmsg_from_user(GuestMmsg *v, abi_ulong gaddr, unsigned vlen,
                               bool receiving)
{
    abi_long err = 0;
    unsigned i;

    vlen = MIN(vlen, MMSG_MAX);
    v->n = 0;
    v->hvec = calloc(vlen + 1, sizeof(*v->hvec));
    v->msgs = calloc(vlen + 1, sizeof(*v->msgs));
    if (!v->hvec || !v->msgs) {
        return -TARGET_ENOMEM;
    }
    for (i = 0; i < vlen; i++) {
        err = msg_from_user(&v->msgs[i], gaddr + i * sizeof(struct target_mmsghdr),
                            receiving);
        if (err) {
            msg_release(&v->msgs[i]);
            break;
        }
        v->hvec[i].msg_hdr = v->msgs[i].h;
        v->n = i + 1;
    }
    return i ? i : err;
}

/* Results of n messages back to the guest: msg_len, and for receives the
   data and the msghdr fields. */
static void mmsg_to_user(abi_ulong gaddr, GuestMmsg *v, int n, bool receiving)
{
    for (int i = 0; i < n; i++) {
        abi_ulong gmsg = gaddr + i * sizeof(struct target_mmsghdr);

        if (receiving) {
            v->msgs[i].h = v->hvec[i].msg_hdr;
            msg_to_user(gmsg, &v->msgs[i], v->hvec[i].msg_len);
        }
        put_user(v->hvec[i].msg_len, gmsg + offsetof(struct target_mmsghdr, msg_len),
                 uint32_t);
    }
}

static void mmsg_release(GuestMmsg *v)
{
    for (unsigned i = 0; i < v->n; i++) {
        msg_release(&v->msgs[i]);
    }
    free(v->hvec);
    free(v->msgs);
}

abi_long sys_sendmmsg(CPUArchState *env, const abi_long *arg)
{
    GuestMmsg v;
    abi_long n = mmsg_from_user(&v, arg[1], arg[2], false);
    abi_long ret = n;

    if (n > 0) {
        ret = get_errno(safe_syscall(SYS_sendmmsg, (int)arg[0], v.hvec, n, (int)arg[3]));
        mmsg_to_user(arg[1], &v, ret, false);
    }
    mmsg_release(&v);
    return ret;
}

/* recvmmsg and recvmmsg_time64 differ in the timeout's layout. */
static abi_long do_recvmmsg(const abi_long *arg, const StructLayout *ts_layout)
{
    struct timespec ts;
    GuestMmsg v;
    abi_long n, ret;

    if (arg[4] && struct_from_user(&ts, arg[4], ts_layout)) {
        return -TARGET_EFAULT;
    }
    ret = n = mmsg_from_user(&v, arg[1], arg[2], true);
    if (n > 0) {
        ret = get_errno(safe_syscall(SYS_recvmmsg, (int)arg[0], v.hvec, n, (int)arg[3],
                                     arg[4] ? &ts : NULL));
        mmsg_to_user(arg[1], &v, ret, true);
    }
    /* the kernel reports the time left after a successful receive */
    if (ret > 0 && arg[4] && struct_to_user(arg[4], &ts, ts_layout)) {
        ret = -TARGET_EFAULT;
    }
    mmsg_release(&v);
    return ret;
}

abi_long sys_recvmmsg(CPUArchState *env, const abi_long *arg)
{
    return do_recvmmsg(arg, &timespec_layout);
}

abi_long sys_recvmmsg_time64(CPUArchState *env, const abi_long *arg)
{
    return do_recvmmsg(arg, &timespec64_layout);
}
