/*
 * syscall_sockmsg.c: sendmsg, recvmsg, sendmmsg and recvmmsg.  The guest's
 * msghdr becomes a host one (guest addresses turned into host pointers,
 * iovecs through lock_iovec), and its control messages are rewritten
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
 * bytes at gbuf, checked writable beforehand), as the kernel's compat
 * put_cmsg does: what does not fit is cut to whole payload elements and
 * flagged MSG_CTRUNC.  Returns the guest bytes used.
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
        struct_to_user(gbuf + off, &hdr, &cmsghdr_layout);
        if (l) {
            struct_array_to_user(payload, CMSG_DATA(c), n, l);
        } else {
            copy_to_user(payload, CMSG_DATA(c), tlen);
        }
        off += TARGET_CMSG_SPACE(tlen);
    }
    return MIN(off, gspace);
}

/*
 * The guest's msghdr at gmsg as a host one in *h; *g keeps the guest's
 * own (its pointers as guest addresses) for msg_to_user.  Buffers the
 * host will write are checked writable before the call, so that a
 * received message is never lost to a fault afterwards.  Whatever the
 * result, msg_release(h) frees what was allocated.
 */
static abi_long msg_from_user(struct msghdr *h, struct msghdr *g, abi_ulong gmsg,
                              bool receiving)
{
    int type = receiving ? VERIFY_WRITE : VERIFY_READ;
    abi_ulong name, control;
    abi_long err;

    memset(h, 0, sizeof(*h));
    if (struct_from_user(g, gmsg, &msghdr_layout)) {
        return -TARGET_EFAULT;
    }
    name = (uintptr_t)g->msg_name;
    control = (uintptr_t)g->msg_control;
    if ((int)g->msg_namelen < 0) {
        return -TARGET_EINVAL;
    }
    h->msg_namelen = name ? MIN(g->msg_namelen, sizeof(struct sockaddr_storage)) : 0;
    if (name && !(h->msg_name = lock_user(type, name, h->msg_namelen, 0))) {
        return -TARGET_EFAULT;
    }
    if (g->msg_iovlen > IOV_MAX) {
        return -EMSGSIZE;
    }
    h->msg_iovlen = g->msg_iovlen;
    h->msg_iov = lock_iovec(type, (uintptr_t)g->msg_iov, g->msg_iovlen, &err);
    if (!h->msg_iov) {
        return err;
    }
    if (!receiving) {
        return cmsgs_from_user(h, control, g->msg_controllen);
    }
    if (control && !access_ok(VERIFY_WRITE, control, g->msg_controllen)) {
        return -TARGET_EFAULT;
    }
    h->msg_controllen = control ? host_cmsg_space(g->msg_controllen) : 0;
    h->msg_control = calloc(1, h->msg_controllen);
    return 0;
}

/* After a receive: the results the kernel writes back into the guest's
   msghdr (name length, control length, flags). */
static abi_long msg_to_user(abi_ulong gmsg, struct msghdr *g, struct msghdr *h)
{
    int flags = h->msg_flags;

    g->msg_controllen = cmsgs_to_user(h, (uintptr_t)g->msg_control,
                                      g->msg_controllen, &flags);
    g->msg_namelen = h->msg_namelen;
    g->msg_flags = flags;
    return struct_to_user(gmsg, g, &msghdr_layout);
}

static void msg_release(struct msghdr *h)
{
    free(h->msg_iov);
    free(h->msg_control);
}

abi_long sys_sendmsg(CPUArchState *env, const abi_long *arg)
{
    struct msghdr h, g;
    abi_long ret = msg_from_user(&h, &g, arg[1], false);

    if (ret == 0) {
        ret = get_errno(sendmsg(arg[0], &h, arg[2]));
    }
    msg_release(&h);
    return ret;
}

abi_long sys_recvmsg(CPUArchState *env, const abi_long *arg)
{
    struct msghdr h, g;
    abi_long ret = msg_from_user(&h, &g, arg[1], true);

    if (ret == 0) {
        ret = get_errno(recvmsg(arg[0], &h, arg[2]));
    }
    if (ret >= 0 && msg_to_user(arg[1], &g, &h)) {
        ret = -TARGET_EFAULT;
    }
    msg_release(&h);
    return ret;
}

/* sendmmsg and recvmmsg handle at most this many messages per call, as the
   kernel does. */
#define MMSG_MAX 1024

/*
 * The vector of vlen guest mmsghdrs at gvec as host ones: converts up to
 * the first bad one.  Returns how many were converted, or the error of the
 * first.  mmsg_release frees *hvec and *gvec.
 */
static abi_long mmsg_from_user(struct mmsghdr **hvec, struct msghdr **gvec,
                               abi_ulong gaddr, unsigned vlen, bool receiving)
{
    abi_long err = 0;
    unsigned i;

    vlen = MIN(vlen, MMSG_MAX);
    *hvec = calloc(vlen + 1, sizeof(**hvec));
    *gvec = calloc(vlen + 1, sizeof(**gvec));
    for (i = 0; i < vlen; i++) {
        err = msg_from_user(&(*hvec)[i].msg_hdr, &(*gvec)[i],
                            gaddr + i * sizeof(struct target_mmsghdr), receiving);
        if (err) {
            msg_release(&(*hvec)[i].msg_hdr);
            break;
        }
    }
    return i ? i : err;
}

/* Results of n messages back to the guest: msg_len, and for receives the
   msghdr fields. */
static void mmsg_to_user(abi_ulong gaddr, struct mmsghdr *hvec, struct msghdr *gvec,
                         int n, bool receiving)
{
    for (int i = 0; i < n; i++) {
        abi_ulong gmsg = gaddr + i * sizeof(struct target_mmsghdr);

        if (receiving) {
            msg_to_user(gmsg, &gvec[i], &hvec[i].msg_hdr);
        }
        put_user(hvec[i].msg_len, gmsg + offsetof(struct target_mmsghdr, msg_len),
                 uint32_t);
    }
}

static void mmsg_release(struct mmsghdr *hvec, struct msghdr *gvec, int n)
{
    for (int i = 0; i < n; i++) {
        msg_release(&hvec[i].msg_hdr);
    }
    free(hvec);
    free(gvec);
}

abi_long sys_sendmmsg(CPUArchState *env, const abi_long *arg)
{
    struct mmsghdr *hvec;
    struct msghdr *gvec;
    abi_long n = mmsg_from_user(&hvec, &gvec, arg[1], arg[2], false);
    abi_long ret = n;

    if (n > 0) {
        ret = get_errno(sendmmsg(arg[0], hvec, n, arg[3]));
        mmsg_to_user(arg[1], hvec, gvec, ret, false);
    }
    mmsg_release(hvec, gvec, MAX(n, 0));
    return ret;
}

/* recvmmsg and recvmmsg_time64 differ in the timeout's layout. */
static abi_long do_recvmmsg(const abi_long *arg, const StructLayout *ts_layout)
{
    struct timespec ts;
    struct mmsghdr *hvec;
    struct msghdr *gvec;
    abi_long n, ret;

    if (arg[4] && struct_from_user(&ts, arg[4], ts_layout)) {
        return -TARGET_EFAULT;
    }
    ret = n = mmsg_from_user(&hvec, &gvec, arg[1], arg[2], true);
    if (n > 0) {
        ret = get_errno(recvmmsg(arg[0], hvec, n, arg[3], arg[4] ? &ts : NULL));
        mmsg_to_user(arg[1], hvec, gvec, ret, true);
    }
    /* the kernel reports the time left after a successful receive */
    if (ret > 0 && arg[4] && struct_to_user(arg[4], &ts, ts_layout)) {
        ret = -TARGET_EFAULT;
    }
    mmsg_release(hvec, gvec, MAX(n, 0));
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
