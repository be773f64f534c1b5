/*
 * fork-wait: a child that exits 3 and a parent that waits for it; prints
 * the child's pid (for run-check-options.sh's per-process -D log check).
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    pid_t pid = fork();
    int status;

    if (pid == 0) {
        _exit(3);
    }
    waitpid(pid, &status, 0);
    printf("%d %d\n", (int)pid, WEXITSTATUS(status));
    return 0;
}
