/*
 * proc-task.c: whose signal sets the status file of each /proc path shows
 * when two threads differ.  The kernel shows the named task's own blocked
 * and pending sets: /proc/self/status and /proc/<pid>/status the main
 * thread's, /proc/self/task/<tid>/status and /proc/<tid>/status (not
 * listed, but there) that thread's, and /proc/thread-self/status the
 * reader's.  The main thread blocks SIGUSR1
 * with SIGUSR1 pending for it; a second thread blocks SIGUSR2 with SIGUSR2
 * pending for it, and each thread reads every path.  The native run is the
 * reference (run-check-proc.sh).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static pid_t main_tid, other_tid;
static pthread_barrier_t ready, done;

/* The SigPnd and SigBlk lines of path, signals 1-31 (the others hold
   what the C library blocks). */
static void show(const char *reader, const char *label, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    unsigned long long value;

    printf("%s reads %s:", reader, label);
    if (!f) {
        printf(" cannot open\n");
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        if (strncmp(line, "SigPnd:", 7) == 0 || strncmp(line, "SigBlk:", 7) == 0) {
            value = strtoull(line + 7, NULL, 16);
            printf(" %.6s %llx", line, value & 0x7fffffff);
        }
    }
    fclose(f);
    printf("\n");
}

static void show_all(const char *reader)
{
    char path[64];

    show(reader, "self", "/proc/self/status");
    snprintf(path, sizeof(path), "/proc/%d/status", (int)getpid());
    show(reader, "pid", path);
    snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)main_tid);
    show(reader, "task/main", path);
    snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)getpid(), (int)other_tid);
    show(reader, "task/other", path);
    snprintf(path, sizeof(path), "/proc/%d/status", (int)other_tid);
    show(reader, "tid of other", path);
    show(reader, "thread-self", "/proc/thread-self/status");
    fflush(stdout);
}

static void block(int sig)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void *other(void *unused)
{
    (void)unused;
    block(SIGUSR2);
    other_tid = syscall(SYS_gettid);
    syscall(SYS_tgkill, getpid(), other_tid, SIGUSR2);
    pthread_barrier_wait(&ready);
    pthread_barrier_wait(&done);
    show_all("other");
    return NULL;
}

int main(void)
{
    pthread_t t;

    main_tid = syscall(SYS_gettid);
    block(SIGUSR1);
    syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
    pthread_barrier_init(&ready, NULL, 2);
    pthread_barrier_init(&done, NULL, 2);
    pthread_create(&t, NULL, other, NULL);
    pthread_barrier_wait(&ready);
    show_all("main");
    pthread_barrier_wait(&done);
    pthread_join(t, NULL);
    return 0;
}
