/*
 * namespace.c: each run gets an IPC namespace of its own, and the native
 * run its own /tmp and /dev/shm.
 *
 * The two runs make the same kernel objects: System V message queues,
 * semaphore sets and shared memory segments, whose ids the kernel picks,
 * and POSIX message queues, whose names the program picks (often from its
 * process id, which the native run is given the emulator's).  In one
 * namespace the second run gets other ids, or EEXIST for the name the
 * emulator, running ahead, took first.  In two fresh namespaces each run
 * starts from the same empty state, so the kernel gives both the same ids.
 *
 * The files the two runs make are another such set: the runs pick the same
 * temporary names (the clock and the random bytes are the emulator's in
 * both), so in one /tmp the native run would find the emulator's files,
 * made first and maybe still locked (a flock there waits for ever).  The
 * native run gets empty ones (tmpfs) in a mount namespace of its own.
 *
 * Creating namespaces takes CAP_SYS_ADMIN; without it the run makes a user
 * namespace first, where it has it, mapping its own user and group ids to
 * themselves.
 */
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
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

static bool own_user_namespace(void)
{
    char map[64];
    uid_t uid = geteuid();
    gid_t gid = getegid();

    if (unshare(CLONE_NEWUSER) != 0) {
        return false;
    }
    snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)uid, (unsigned)uid);
    if (!write_file("/proc/self/uid_map", map) || !write_file("/proc/self/setgroups", "deny")) {
        return false;
    }
    snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)gid, (unsigned)gid);
    return write_file("/proc/self/gid_map", map);
}

bool own_namespaces(bool private_tmp)
{
    static const char *const tmp_dirs[] = { "/tmp", "/dev/shm" };
    int kinds = CLONE_NEWIPC | (private_tmp ? CLONE_NEWNS : 0);
    size_t i;

    if (unshare(kinds) != 0 && (!own_user_namespace() || unshare(kinds) != 0)) {
        return false;
    }
    if (private_tmp) {
        /* (the mounts stay this namespace's) */
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
            return false;
        }
        for (i = 0; i < sizeof(tmp_dirs) / sizeof(tmp_dirs[0]); i++) {
            if (mount("lockstep-tmp", tmp_dirs[i], "tmpfs", 0, "mode=1777") != 0) {
                return false;
            }
        }
    }
    return true;
}
