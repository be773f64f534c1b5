/*
 * epoll-events: struct epoll_event as the guest holds it (packed, 12 bytes
 * on x86; other hosts align its 64-bit data): the events and data each
 * wait returns, one per wait when maxevents is 1 (the other stays ready),
 * EPOLL_CTL_MOD's new data, EPOLL_CTL_DEL with a NULL event, and the
 * errors of a bad array or count.
 * check-tcg: word-size neutral
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

static void show_wait(const char *what, int ep, int max)
{
    struct epoll_event out[4];
    int n;

    memset(out, 0xa5, sizeof(out));
    n = epoll_wait(ep, out, max, 0);
    printf("%s: %d", what, n);
    for (int i = 0; i < n; i++) {
        printf(" [%x %llx]", out[i].events, (unsigned long long)out[i].data.u64);
    }
    /* the bytes after the last event are not the call's to write */
    printf(" next untouched %d\n", n >= 0 && n < 4 && out[n].events == 0xa5a5a5a5u);
}

static void report(const char *what, int ret)
{
    printf("%s: %d %s\n", what, ret, ret < 0 ? strerror(errno) : "");
}

int main(void)
{
    int ep = epoll_create1(0), a[2], b[2];
    struct epoll_event ev = { .events = EPOLLIN };

    pipe(a);
    pipe(b);
    ev.data.u64 = 0x1122334455667788ULL;
    printf("add a: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev));
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = 0xcafef00d00000001ULL;
    printf("add b write end: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, b[1], &ev));
    show_wait("only b writable", ep, 4);
    write(a[1], "x", 1);
    show_wait("both", ep, 4);
    show_wait("max 1", ep, 1);
    ev.events = EPOLLIN;
    ev.data.u64 = 0x99;
    printf("mod a: %d\n", epoll_ctl(ep, EPOLL_CTL_MOD, a[0], &ev));
    printf("del b, NULL event: %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, b[1], NULL));
    show_wait("a with new data", ep, 4);
    report("add NULL event", epoll_ctl(ep, EPOLL_CTL_ADD, b[0], NULL));
    report("wait maxevents 0", epoll_wait(ep, &ev, 0, 0));
    report("wait into a bad array", epoll_wait(ep, (struct epoll_event *)16, 4, 0));
    close(ep);
    return 0;
}
