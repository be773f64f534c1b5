/*
 * proc-status.c: the signal lines of /proc/self/status (and of its
 * aliases) after the program has caught, ignored and blocked some signals
 * and left blocked ones pending, sent to the thread and to the process
 * (SIGSEGV among them, which an emulator cannot leave blocked), and the
 * same sets in /proc/self/stat; and the ids it gives, checked against the system calls.  The
 * native run is the reference (run-check-proc.sh).  SigQ counts every
 * signal queued for the user, other processes' too, so only its form is
 * checked.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_signal(int sig)
{
    (void)sig;
}

static void show(const char *label, const char *path)
{
    static const char *const keys[] = {
        "SigPnd:", "ShdPnd:", "SigBlk:", "SigIgn:", "SigCgt:",
    };
    FILE *f = fopen(path, "r");
    char line[512];
    long value;

    if (!f) {
        printf("%s: cannot open\n", label);
        return;
    }
    printf("%s:\n", label);
    while (fgets(line, sizeof(line), f)) {
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
            if (strncmp(line, keys[i], strlen(keys[i])) == 0) {
                printf("  %s", line);
            }
        }
        if (sscanf(line, "Tgid: %ld", &value) == 1) {
            printf("  Tgid is the pid: %d\n", value == getpid());
        } else if (sscanf(line, "Pid: %ld", &value) == 1) {
            printf("  Pid is the tid: %d\n", value == gettid());
        } else if (sscanf(line, "PPid: %ld", &value) == 1) {
            printf("  PPid is the parent: %d\n", value == getppid());
        } else if (sscanf(line, "Threads: %ld", &value) == 1) {
            printf("  Threads: %ld\n", value);
        } else if (strncmp(line, "SigQ:", 5) == 0) {
            long queued, limit;

            printf("  SigQ is a count and a limit: %d\n",
                   sscanf(line, "SigQ: %ld/%ld", &queued, &limit) == 2);
        }
    }
    fclose(f);
}

/* stat's fields 31-34 (proc(5)): pending, blocked, ignored, caught. */
static void show_stat(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    char line[1024], *p;
    int field = 3;

    if (!f || !fgets(line, sizeof(line), f) || !(p = strrchr(line, ')'))) {
        printf("stat: cannot read\n");
        return;
    }
    fclose(f);
    printf("stat signal fields:");
    for (p = strtok(p + 2, " "); p; p = strtok(NULL, " "), field++) {
        if (field >= 31 && field <= 34) {
            printf(" %s", p);
        }
    }
    printf("\n");
}

int main(void)
{
    struct sigaction sa = { .sa_handler = on_signal };
    sigset_t block;
    char path[64];

    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN + 2, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGRTMIN + 5);
    sigaddset(&block, SIGSEGV);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGTERM);                 /* pending for this thread */
    raise(SIGSEGV);
    kill(getpid(), SIGRTMIN + 5);   /* pending for the process */
    show("self", "/proc/self/status");
    show("thread-self", "/proc/thread-self/status");
    snprintf(path, sizeof(path), "/proc/%d/status", (int)getpid());
    show("<pid>", path);
    snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)gettid());
    show("task/<tid>", path);
    show_stat();
    return 0;
}
