/*
 * strace-names: system calls whose arguments -strace spells out by name
 * (access modes, lseek whence, fcntl commands, ioctl requests, open and
 * mmap flags), for run-check-options.sh to compare with QEMU's -strace.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    struct winsize ws;
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC), n;

    access("/", R_OK | X_OK);
    access("/no/such/file", F_OK);
    lseek(fd, 0, SEEK_END);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_DUPFD_CLOEXEC, 10);
    ioctl(fd, TIOCGWINSZ, &ws);
    ioctl(fd, FIONREAD, &n);
    mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return 0;
}
