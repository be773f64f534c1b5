/*
 * fork: processes: fork with the child's exit status collected by waitpid,
 * a child killed by a signal, a pipe carrying data from child to parent,
 * copy-on-write (the child's stores do not reach the parent), several
 * children reaped in turn.  The parent prints everything after the children
 * are done, so the output order is fixed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

static int shared_var = 10;

int main(void)
{
    int fds[2];
    pipe(fds);
    fflush(stdout);

    pid_t c1 = fork();
    if (c1 == 0) {
        close(fds[0]);
        shared_var = 99;
        char msg[64];
        int n = snprintf(msg, sizeof(msg), "child says %d", shared_var * 2);
        write(fds[1], msg, n);
        close(fds[1]);
        _exit(7);
    }
    close(fds[1]);
    char buf[64] = { 0 };
    int got = 0, n;
    while ((n = read(fds[0], buf + got, sizeof(buf) - 1 - got)) > 0)
        got += n;
    close(fds[0]);

    int st;
    pid_t w = waitpid(c1, &st, 0);
    printf("pipe: [%s]\n", buf);
    printf("child 1: waited %d exited %d status %d, parent var %d\n", w == c1, WIFEXITED(st), WEXITSTATUS(st),
           shared_var);

    pid_t c2 = fork();
    if (c2 == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(c2, &st, 0);
    printf("child 2: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    pid_t kids[5];
    for (int i = 0; i < 5; i++) {
        kids[i] = fork();
        if (kids[i] == 0)
            _exit(i * 10);
    }
    int total = 0;
    for (int i = 0; i < 5; i++) {
        waitpid(kids[i], &st, 0);
        total += WEXITSTATUS(st);
    }
    printf("five children, status sum %d\n", total);
    printf("no more children: %d\n", waitpid(-1, &st, WNOHANG) == -1);
    return 0;
}
