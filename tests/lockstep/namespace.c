/*
 * namespace.c: each run gets an IPC namespace of its own.
 *
 * The two runs make the same kernel objects: System V message queues,
 * semaphore sets and shared memory segments, whose ids the kernel picks,
 * and POSIX message queues, whose names the program picks (often from its
 * process id, which the native run is given the emulator's).  In one
 * namespace the second run gets other ids, or EEXIST for the name the
 * emulator, running ahead, took first.  In two fresh namespaces each run
 * starts from the same empty state, so the kernel gives both the same ids.
 *
 * Creating an IPC namespace takes CAP_SYS_ADMIN; without it the run makes
 * a user namespace first, where it has it, mapping its own user and group
 * ids to themselves.
 */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lockstep.h"

static bool write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    bool done = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);

    if (fd >= 0) {
        close(fd);
    }
    return done;
}

bool own_ipc_namespace(void)
{
    char map[64];
    uid_t uid = geteuid();
    gid_t gid = getegid();

    if (unshare(CLONE_NEWIPC) == 0) {
        return true;
    }
    if (unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0) {
        return false;
    }
    snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)uid, (unsigned)uid);
    if (!write_file("/proc/self/uid_map", map) || !write_file("/proc/self/setgroups", "deny")) {
        return false;
    }
    snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)gid, (unsigned)gid);
    return write_file("/proc/self/gid_map", map);
}
