/*
 * exec: a guest program execs programs.  Itself through /proc/self/exe (which
 * must name the guest program, and which must run as a guest again), a shell
 * through system(), a missing file and a non-executable one.  x86_64 only:
 * on a host that cannot run i386 programs there is no i386 reference that
 * follows an exec (our qemu-i386 does: see linux-user/exec.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
    pid_t pid;
    int status;

    if (argc > 1) {
        printf("child: argv[0]=%s argv[1]=%s page=%ld\n", argv[0], argv[1],
               sysconf(_SC_PAGESIZE));
        return 7;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        execl("/proc/self/exe", "kid", "hello", (char *)NULL);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    printf("exec self: exit %d\n", WEXITSTATUS(status));

    status = system("echo from the shell; exit 3");
    printf("system: exit %d\n", WEXITSTATUS(status));

    errno = 0;
    execl("/nonexistent/program", "x", (char *)NULL);
    printf("missing: %s\n", strerror(errno));
    errno = 0;
    execl("/etc/hostname", "x", (char *)NULL);
    printf("not executable: %s\n", strerror(errno));
    return 0;
}
