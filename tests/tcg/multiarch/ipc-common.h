/*
 * ipc-common.h: what the ipc-*.c tests share: printing a call's outcome as
 * the errno name (never an address or a system-wide value, so that native
 * and emulated runs print the same), and removing every SysV IPC object and
 * POSIX shm name a test created when it ends, however it ends (exit, a
 * fatal signal), so that a failing run leaves nothing behind in the kernel.
 * Only the process that created the objects removes them: a forked child
 * that dies on purpose must not.
 */
#ifndef IPC_COMMON_H
#define IPC_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/mman.h>
#include <sys/wait.h>

enum { IPC_KIND_SHM, IPC_KIND_SEM, IPC_KIND_MSG, IPC_KIND_SHM_NAME };

static struct {
    int kind, id;
    char name[64];
} ipc_objects[16];
static int ipc_nobjects;
static pid_t ipc_owner;

static void ipc_cleanup(void)
{
    if (getpid() != ipc_owner) {
        return;
    }
    for (int i = 0; i < ipc_nobjects; i++) {
        switch (ipc_objects[i].kind) {
        case IPC_KIND_SHM:
            shmctl(ipc_objects[i].id, IPC_RMID, NULL);
            break;
        case IPC_KIND_SEM:
            semctl(ipc_objects[i].id, 0, IPC_RMID);
            break;
        case IPC_KIND_MSG:
            msgctl(ipc_objects[i].id, IPC_RMID, NULL);
            break;
        default:
            shm_unlink(ipc_objects[i].name);
            break;
        }
    }
    ipc_nobjects = 0;
}

static void ipc_fatal_signal(int sig)
{
    ipc_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void ipc_cleanup_init(void)
{
    static const int fatal[] = { SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE,
                                 SIGTERM, SIGINT, SIGALRM };

    ipc_owner = getpid();
    atexit(ipc_cleanup);
    for (unsigned i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
        signal(fatal[i], ipc_fatal_signal);
    }
    alarm(8);                   /* a hang ends, and cleans up, before the runner's timeout */
}

/* Record an object for removal; returns id. */
static int ipc_track(int kind, int id, const char *name)
{
    if (id >= 0 || name) {
        ipc_objects[ipc_nobjects].kind = kind;
        ipc_objects[ipc_nobjects].id = id;
        snprintf(ipc_objects[ipc_nobjects].name, sizeof(ipc_objects[0].name), "%s",
                 name ? name : "");
        ipc_nobjects++;
    }
    return id;
}

/* In a forked child that is to die of a signal: die of it plainly. */
static void ipc_child_default_signals(void)
{
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
}

/* "what: ok" for a call that did not fail (ret != -1), else "what: ENAME". */
static void report(const char *what, long ret)
{
    if (ret == -1) {
        printf("%s: %s\n", what, strerrorname_np(errno));
    } else {
        printf("%s: ok\n", what);
    }
}

/* How a waited-for child ended, as text. */
static void report_child(const char *what, pid_t pid)
{
    int st;

    if (waitpid(pid, &st, 0) != pid) {
        printf("%s: waitpid failed\n", what);
    } else if (WIFSIGNALED(st)) {
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    } else {
        printf("%s: exit %d\n", what, WEXITSTATUS(st));
    }
}

#endif
