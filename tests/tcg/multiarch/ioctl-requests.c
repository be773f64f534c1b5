/*
 * ioctl-requests: the ioctls the emulator passes to the host
 * (linux-user/syscall_fd.c), each with its effect seen another way:
 * FIONREAD on a pipe holding 5 bytes, FIONBIO and FIOASYNC through
 * F_GETFL, FIOCLEX and FIONCLEX through F_GETFD, FIGETBSZ on a file, and
 * the terminal requests on a pipe (ENOTTY).  The guest's request numbers
 * are x86's; a ppc64 host numbers all of these otherwise (its _IOC bit
 * layout, its own terminal and FIO numbers), so the emulator translates
 * them there: a ppc64le build fails this test without (Debian's
 * qemu-ppc64le, docs/devel/tci.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <linux/fs.h>

static void show(const char *what, int ret, int value)
{
    if (ret < 0) {
        printf("%s: %s\n", what, strerror(errno));
    } else {
        printf("%s: %d\n", what, value);
    }
}

int main(void)
{
    char name[] = "/tmp/ioctl-requests.XXXXXX";
    struct winsize ws;
    struct termios tio;
    int fds[2], n = -1, on = 1, off = 0, file, ret;

    if (pipe(fds) != 0 || write(fds[1], "hello", 5) != 5) {
        perror("pipe");
        return 1;
    }
    ret = ioctl(fds[0], FIONREAD, &n);
    show("FIONREAD", ret, n);

    ret = ioctl(fds[0], FIONBIO, &on);
    show("FIONBIO on: O_NONBLOCK", ret, !!(fcntl(fds[0], F_GETFL) & O_NONBLOCK));
    ret = ioctl(fds[0], FIONBIO, &off);
    show("FIONBIO off: O_NONBLOCK", ret, !!(fcntl(fds[0], F_GETFL) & O_NONBLOCK));
    ret = ioctl(fds[0], FIOASYNC, &on);
    show("FIOASYNC on: O_ASYNC", ret, !!(fcntl(fds[0], F_GETFL) & O_ASYNC));
    ret = ioctl(fds[0], FIOASYNC, &off);
    show("FIOASYNC off: O_ASYNC", ret, !!(fcntl(fds[0], F_GETFL) & O_ASYNC));

    ret = ioctl(fds[0], FIOCLEX);
    show("FIOCLEX: FD_CLOEXEC", ret, !!(fcntl(fds[0], F_GETFD) & FD_CLOEXEC));
    ret = ioctl(fds[0], FIONCLEX);
    show("FIONCLEX: FD_CLOEXEC", ret, !!(fcntl(fds[0], F_GETFD) & FD_CLOEXEC));

    ret = ioctl(fds[0], TIOCGWINSZ, &ws);
    show("TIOCGWINSZ on a pipe", ret, 0);
    ret = tcgetattr(fds[0], &tio);
    show("TCGETS on a pipe", ret, 0);
    ret = ioctl(fds[0], TIOCGPGRP, &n);
    show("TIOCGPGRP on a pipe", ret, 0);
    ret = ioctl(fds[0], TCFLSH, TCIFLUSH);
    show("TCFLSH on a pipe", ret, 0);

    file = mkstemp(name);
    if (file < 0) {
        perror("mkstemp");
        return 1;
    }
    unlink(name);
    n = 0;
    ret = ioctl(file, FIGETBSZ, &n);
    show("FIGETBSZ: block size > 0", ret, n > 0);
    return 0;
}
