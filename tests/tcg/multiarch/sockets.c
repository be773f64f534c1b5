/*
 * sockets: AF_UNIX socketpairs carrying data with SCM_RIGHTS (a pipe's
 * write end, then used) and SCM_CREDENTIALS, control-buffer truncation,
 * a TCP server on 127.0.0.1 with a client in a forked child, UDP with
 * sendto/recvfrom, SO_TIMESTAMP and sendmmsg/recvmmsg, socket option round
 * trips (SO_RCVTIMEO with a timeval, which i386 lays out differently),
 * direct syscalls next to the libc wrappers (i386 glibc uses socketcall),
 * and error cases.  Only loopback is used; nothing printed depends on
 * ports, pids or timing.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <linux/filter.h>

static void check(const char *what, int ok)
{
    printf("%-46s %s\n", what, ok ? "ok" : "FAILED");
}

static void check_errno(const char *what, long ret, int want)
{
    int err = errno;

    printf("%-46s %s\n", what, ret == -1 && err == want ? "ok" : "FAILED");
    if (!(ret == -1 && err == want)) {
        printf("  ret %ld errno %d (%s), wanted %d\n", ret, err, strerror(err), want);
    }
}

/* One message of data and one control message of type type. */
static ssize_t send_with_cmsg(int fd, const char *data, int type,
                              const void *payload, size_t len)
{
    union { char buf[CMSG_SPACE(64)]; struct cmsghdr align; } ctl;
    struct iovec iov = { (void *)data, strlen(data) };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = ctl.buf,
                          .msg_controllen = CMSG_SPACE(len) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

    memset(&ctl, 0, sizeof(ctl));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = type;
    c->cmsg_len = CMSG_LEN(len);
    memcpy(CMSG_DATA(c), payload, len);
    return sendmsg(fd, &msg, 0);
}

static void test_rights(void)
{
    int sv[2], pfd[2], fds[2];
    char a[8] = { 0 }, b[16] = { 0 }, buf[64] = { 0 };
    union { char buf[CMSG_SPACE(2 * sizeof(int))]; struct cmsghdr align; } ctl;
    struct iovec iov[2] = { { a, 7 }, { b, sizeof(b) - 1 } };
    struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2,
                          .msg_control = ctl.buf, .msg_controllen = sizeof(ctl) };
    struct cmsghdr *c;
    ssize_t n;

    check("socketpair(AF_UNIX, SOCK_STREAM)", socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    pipe(pfd);
    fds[0] = pfd[1];
    fds[1] = pfd[1];
    n = send_with_cmsg(sv[0], "hello, world", SCM_RIGHTS, fds, sizeof(fds));
    printf("sendmsg with SCM_RIGHTS sent %zd\n", n);
    close(pfd[1]);

    n = recvmsg(sv[1], &msg, 0);
    printf("recvmsg got %zd: [%s][%s] flags %#x\n", n, a, b, msg.msg_flags);
    c = CMSG_FIRSTHDR(&msg);
    check("control message is SCM_RIGHTS",
          c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS);
    if (!c) {
        return;
    }
    printf("fds received: %d\n", (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int)));
    memcpy(fds, CMSG_DATA(c), sizeof(fds));
    check("received fds are open",
          fcntl(fds[0], F_GETFD) >= 0 && fcntl(fds[1], F_GETFD) >= 0);
    write(fds[0], "through the passed fd", 21);
    close(fds[0]);
    close(fds[1]);
    n = read(pfd[0], buf, sizeof(buf) - 1);
    printf("pipe read %zd: [%s]\n", n, buf);
    close(pfd[0]);

    /* no room for the descriptors: the kernel drops them */
    pipe(pfd);
    send_with_cmsg(sv[0], "x", SCM_RIGHTS, &pfd[1], sizeof(int));
    close(pfd[1]);
    msg.msg_iovlen = 1;
    msg.msg_control = NULL;
    msg.msg_controllen = 0;
    n = recvmsg(sv[1], &msg, 0);
    printf("recvmsg without control buffer: %zd, MSG_CTRUNC %d\n", n,
           !!(msg.msg_flags & MSG_CTRUNC));
    n = read(pfd[0], buf, sizeof(buf));
    printf("pipe after dropped fd: read %zd (no writer left)\n", n);
    close(pfd[0]);
    close(sv[0]);
    close(sv[1]);
}

static void test_credentials(void)
{
    int sv[2], one = 1;
    struct ucred cred = { getpid(), getuid(), getgid() }, got;
    union { char buf[CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr align; } ctl;
    char data[8] = { 0 };
    struct iovec iov = { data, sizeof(data) - 1 };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = ctl.buf, .msg_controllen = sizeof(ctl) };
    struct cmsghdr *c;

    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    check("setsockopt(SO_PASSCRED)",
          setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) == 0);
    check("sendmsg with SCM_CREDENTIALS",
          send_with_cmsg(sv[0], "cred", SCM_CREDENTIALS, &cred, sizeof(cred)) == 4);
    recvmsg(sv[1], &msg, 0);
    c = CMSG_FIRSTHDR(&msg);
    check("control message is SCM_CREDENTIALS",
          c && c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len == CMSG_LEN(sizeof(got)));
    if (c) {
        memcpy(&got, CMSG_DATA(c), sizeof(got));
        printf("data [%s], pid/uid/gid match: %d %d %d\n", data, got.pid == getpid(),
               got.uid == getuid(), got.gid == getgid());
    }
    close(sv[0]);
    close(sv[1]);
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sin;
}

static int bound_socket(int type, struct sockaddr_in *addr)
{
    int fd = socket(AF_INET, type, 0);
    socklen_t len = sizeof(*addr);

    *addr = loopback(0);
    if (bind(fd, (struct sockaddr *)addr, sizeof(*addr)) != 0 ||
        getsockname(fd, (struct sockaddr *)addr, &len) != 0) {
        printf("bind/getsockname failed: %s\n", strerror(errno));
        exit(1);
    }
    return fd;
}

/* The client side, in the forked child: its exit status says how it went. */
static int tcp_client(struct sockaddr_in server)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    char buf[16] = { 0 };

    if (connect(fd, (struct sockaddr *)&server, sizeof(server)) != 0) {
        return 2;
    }
    if (send(fd, "ping", 4, 0) != 4) {
        return 3;
    }
    if (recv(fd, buf, 4, MSG_WAITALL) != 4 || strcmp(buf, "pong") != 0) {
        return 4;
    }
    shutdown(fd, SHUT_WR);
    return recv(fd, buf, sizeof(buf), 0) == 0 ? 0 : 5;
}

static void test_tcp(void)
{
    struct sockaddr_in server, peer, peer2;
    socklen_t len = sizeof(peer), len2 = sizeof(peer2);
    int one = 1, val = 0, lfd, cfd, st;
    socklen_t vlen = sizeof(val);
    char buf[16] = { 0 };
    pid_t pid;

    lfd = socket(AF_INET, SOCK_STREAM, 0);
    check("setsockopt(SO_REUSEADDR)",
          setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
    getsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &val, &vlen);
    printf("SO_REUSEADDR reads back %d (len %d)\n", val != 0, (int)vlen);
    server = loopback(0);
    check("bind 127.0.0.1:0", bind(lfd, (struct sockaddr *)&server, sizeof(server)) == 0);
    check("listen", listen(lfd, 4) == 0);
    len = sizeof(server);
    getsockname(lfd, (struct sockaddr *)&server, &len);
    printf("getsockname: family %d, 127.0.0.1 %d, port assigned %d, len %d\n",
           server.sin_family, server.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
           server.sin_port != 0, (int)len);

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(lfd);
        _exit(tcp_client(server));
    }
    len = sizeof(peer);
    cfd = accept4(lfd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
    printf("accept4: peer family %d, 127.0.0.1 %d, len %d, cloexec %d\n",
           peer.sin_family, peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK), (int)len,
           !!(fcntl(cfd, F_GETFD) & FD_CLOEXEC));
    getpeername(cfd, (struct sockaddr *)&peer2, &len2);
    check("getpeername matches accept", len2 == len && memcmp(&peer, &peer2, len) == 0);
    check("setsockopt(TCP_NODELAY)",
          setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0);
    vlen = sizeof(val);
    getsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &val, &vlen);
    printf("TCP_NODELAY reads back %d\n", val != 0);
    printf("recv: %zd [", recv(cfd, buf, 4, MSG_WAITALL));
    printf("%s]\n", buf);
    send(cfd, "pong", 4, 0);
    printf("recv after peer shutdown: %zd\n", recv(cfd, buf, sizeof(buf), 0));
    close(cfd);
    waitpid(pid, &st, 0);
    printf("client exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
    close(lfd);
}

static void test_udp(void)
{
    struct sockaddr_in a_addr, b_addr, from;
    socklen_t flen = sizeof(from);
    int a = bound_socket(SOCK_DGRAM, &a_addr);
    int b = bound_socket(SOCK_DGRAM, &b_addr);
    int one = 1;
    char buf[32] = { 0 };
    ssize_t n;

    n = sendto(a, "datagram", 8, 0, (struct sockaddr *)&b_addr, sizeof(b_addr));
    printf("sendto: %zd\n", n);
    n = recvfrom(b, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &flen);
    printf("recvfrom: %zd [%s], from sender %d, len %d\n", n, buf,
           from.sin_port == a_addr.sin_port && from.sin_addr.s_addr == a_addr.sin_addr.s_addr,
           (int)flen);

    /* the kernel's receive timestamp comes as a struct timeval */
    {
        union { char buf[CMSG_SPACE(sizeof(struct timeval))]; struct cmsghdr align; } ctl;
        struct iovec iov = { buf, sizeof(buf) };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                              .msg_control = ctl.buf, .msg_controllen = sizeof(ctl) };
        struct timeval now, stamp;
        struct cmsghdr *c;

        check("setsockopt(SO_TIMESTAMP)",
              setsockopt(b, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one)) == 0);
        sendto(a, "stamped", 7, 0, (struct sockaddr *)&b_addr, sizeof(b_addr));
        n = recvmsg(b, &msg, 0);
        gettimeofday(&now, NULL);
        c = CMSG_FIRSTHDR(&msg);
        check("control message is SCM_TIMESTAMP",
              n == 7 && c && c->cmsg_type == SCM_TIMESTAMP &&
              c->cmsg_len == CMSG_LEN(sizeof(struct timeval)));
        if (c) {
            memcpy(&stamp, CMSG_DATA(c), sizeof(stamp));
            check("timestamp is recent",
                  stamp.tv_sec <= now.tv_sec && stamp.tv_sec > now.tv_sec - 60 &&
                  stamp.tv_usec >= 0 && stamp.tv_usec < 1000000);
        }
        one = 0;
        setsockopt(b, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one));
    }

    /* three datagrams at once each way */
    {
        static const char *const words[3] = { "one", "two", "three" };
        char rbuf[3][8];
        struct iovec siov[3], riov[3];
        struct mmsghdr smsg[3], rmsg[3];
        struct timespec timeout = { 5, 0 };

        memset(smsg, 0, sizeof(smsg));
        memset(rmsg, 0, sizeof(rmsg));
        memset(rbuf, 0, sizeof(rbuf));
        for (int i = 0; i < 3; i++) {
            siov[i] = (struct iovec){ (void *)words[i], strlen(words[i]) };
            riov[i] = (struct iovec){ rbuf[i], sizeof(rbuf[i]) - 1 };
            smsg[i].msg_hdr = (struct msghdr){ .msg_name = &b_addr,
                                               .msg_namelen = sizeof(b_addr),
                                               .msg_iov = &siov[i], .msg_iovlen = 1 };
            rmsg[i].msg_hdr = (struct msghdr){ .msg_iov = &riov[i], .msg_iovlen = 1 };
        }
        printf("sendmmsg: %d\n", sendmmsg(a, smsg, 3, 0));
        n = recvmmsg(b, rmsg, 3, MSG_WAITFORONE, &timeout);
        printf("recvmmsg: %zd:", n);
        for (int i = 0; i < n; i++) {
            printf(" [%s]/%u", rbuf[i], rmsg[i].msg_len);
        }
        printf("\n");
    }
    close(a);
    close(b);
}

static void test_options(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int val;
    socklen_t len;
    struct linger lg = { 1, 5 }, lg2;
    struct timeval tv = { 2, 500000 }, tv2;
    char c;

    len = sizeof(val);
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &val, &len);
    printf("SO_RCVBUF > 0: %d (len %d)\n", val > 0, (int)len);
    len = sizeof(val);
    getsockopt(fd, SOL_SOCKET, SO_TYPE, &val, &len);
    printf("SO_TYPE: %d\n", val);
    len = sizeof(val);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &val, &len);
    printf("SO_ERROR: %d\n", val);
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    len = sizeof(lg2);
    getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg2, &len);
    printf("SO_LINGER: %d %d (len %d)\n", lg2.l_onoff, lg2.l_linger, (int)len);
    check("setsockopt(SO_RCVTIMEO)",
          setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
    len = sizeof(tv2);
    getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len);
    printf("SO_RCVTIMEO: %ld.%06ld (len %d)\n", (long)tv2.tv_sec, (long)tv2.tv_usec,
           (int)len);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    len = sizeof(tv2);
    getsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv2, &len);
    printf("SO_SNDTIMEO: %ld.%06ld\n", (long)tv2.tv_sec, (long)tv2.tv_usec);
    val = 33;
    setsockopt(fd, IPPROTO_IP, IP_TTL, &val, sizeof(val));
    len = sizeof(val);
    getsockopt(fd, IPPROTO_IP, IP_TTL, &val, &len);
    printf("IP_TTL: %d\n", val);
    check_errno("setsockopt short optlen -> EINVAL",
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, 2), EINVAL);
    close(fd);

    /* the timeout takes effect: a receive on an idle socket gives up */
    {
        int sv[2];
        struct timeval shortwait = { 0, 100000 };

        socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
        setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &shortwait, sizeof(shortwait));
        check_errno("recv with SO_RCVTIMEO -> EAGAIN", recv(sv[0], &c, 1, 0), EAGAIN);
        close(sv[0]);
        close(sv[1]);
    }

    /* a socket filter (its program is behind a pointer): drop everything */
    {
        int sv[2];
        struct sock_filter drop = BPF_STMT(BPF_RET | BPF_K, 0);
        struct sock_fprog prog = { 1, &drop };

        socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
        check("setsockopt(SO_ATTACH_FILTER)",
              setsockopt(sv[1], SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) == 0);
        send(sv[0], "x", 1, 0);
        check_errno("filtered datagram never arrives",
                    recv(sv[1], &c, 1, MSG_DONTWAIT), EAGAIN);
        close(sv[0]);
        close(sv[1]);
    }
}

/* The raw syscalls (on i386 the numbered ones, not socketcall). */
static void test_direct(void)
{
    int sv[2], val = 0;
    socklen_t len = sizeof(val);
    char buf[8] = { 0 };

    check("syscall(SYS_socketpair)",
          syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    check("syscall(SYS_sendto)", syscall(SYS_sendto, sv[0], "raw", 3, 0, NULL, 0) == 3);
    check("syscall(SYS_recvfrom)",
          syscall(SYS_recvfrom, sv[1], buf, sizeof(buf) - 1, 0, NULL, NULL) == 3 &&
          strcmp(buf, "raw") == 0);
    check("syscall(SYS_getsockopt)",
          syscall(SYS_getsockopt, sv[0], SOL_SOCKET, SO_TYPE, &val, &len) == 0 &&
          val == SOCK_DGRAM);
    {
        /* i386: the recvmmsg with a 32-bit timespec, which glibc avoids */
        struct timespec timeout = { 1, 0 };
        struct iovec iov = { buf, sizeof(buf) - 1 };
        struct mmsghdr m = { .msg_hdr = { .msg_iov = &iov, .msg_iovlen = 1 } };

        memset(buf, 0, sizeof(buf));
        send(sv[0], "mmsg", 4, 0);
        check("syscall(SYS_recvmmsg) with a timeout",
              syscall(SYS_recvmmsg, sv[1], &m, 1, 0, &timeout) == 1 && m.msg_len == 4 &&
              strcmp(buf, "mmsg") == 0);
    }
    close(sv[0]);
    close(sv[1]);
}

static void test_errors(void)
{
    struct sockaddr_in closed;
    int fd = bound_socket(SOCK_STREAM, &closed);
    int val, pfd[2];
    socklen_t len = sizeof(val);

    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    check_errno("connect to a closed port -> ECONNREFUSED",
                connect(fd, (struct sockaddr *)&closed, sizeof(closed)), ECONNREFUSED);
    close(fd);
    check_errno("send on a bad fd -> EBADF", send(1000, "x", 1, 0), EBADF);
    check_errno("listen on a bad fd -> EBADF", listen(-1, 1), EBADF);
    pipe(pfd);
    check_errno("getsockname on a pipe -> ENOTSOCK",
                getsockname(pfd[0], (struct sockaddr *)&closed, &len), ENOTSOCK);
    close(pfd[0]);
    close(pfd[1]);
    check_errno("socket(bad family) -> EAFNOSUPPORT", socket(12345, SOCK_STREAM, 0),
                EAFNOSUPPORT);

    fd = socket(AF_INET, SOCK_DGRAM, 0);
    check_errno("bind with a bad address pointer -> EFAULT",
                bind(fd, (struct sockaddr *)8, sizeof(closed)), EFAULT);
    check_errno("getsockopt with a bad length pointer -> EFAULT",
                getsockopt(fd, SOL_SOCKET, SO_TYPE, &val, (socklen_t *)8), EFAULT);
    check_errno("setsockopt with a bad value pointer -> EFAULT",
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, (void *)8, sizeof(struct timeval)),
                EFAULT);
    check_errno("sendto with a bad buffer -> EFAULT",
                sendto(fd, (void *)8, 4, 0, (struct sockaddr *)&closed, sizeof(closed)),
                EFAULT);
    check_errno("sendmsg with a bad msghdr -> EFAULT",
                sendmsg(fd, (struct msghdr *)8, 0), EFAULT);
    check_errno("socketpair with a bad array -> EFAULT",
                socketpair(AF_UNIX, SOCK_STREAM, 0, (int *)8), EFAULT);
    close(fd);
}

int main(void)
{
    test_rights();
    test_credentials();
    test_tcp();
    test_udp();
    test_options();
    test_direct();
    test_errors();
    return 0;
}
