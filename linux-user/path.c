/*
 * path.c: the host file a path from the guest stands for, for the calls
 * that look a file up (open, the stat family, access, readlink, execve,
 * statfs; not those that create, remove or rename, as in QEMU):
 *
 * - /proc/self/exe and its aliases are the guest program, not the
 *   emulator (procfs.h);
 * - /proc/self/fd/N and fdinfo/N of the emulator's own descriptors do not
 *   exist for the guest (qemu/own-fd.h);
 * - with a sysroot (-L, QEMU_LD_PREFIX), an absolute path is looked up
 *   under it first and used from there when something exists there, as
 *   QEMU's path() does, so that a guest's dynamic linker, libraries and
 *   configuration come from the sysroot.  /proc, /dev and /sys always
 *   name the host's: they describe this process and this machine.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "procfs.h"

/* Directories a sysroot never stands in for. */
static const char *const host_only_dirs[] = { "/proc", "/dev", "/sys" };

static bool in_host_only_dir(const char *path)
{
    for (size_t i = 0; i < ARRAY_SIZE(host_only_dirs); i++) {
        size_t n = strlen(host_only_dirs[i]);

        if (strncmp(path, host_only_dirs[i], n) == 0
            && (path[n] == '/' || path[n] == 0)) {
            return true;
        }
    }
    return false;
}

const char *path_for_host(const char *path, char *buf, int at_flags)
{
    const char *entry = procfs_own_entry(path);

    if (entry && strcmp(entry, "exe") == 0 && !(at_flags & AT_SYMLINK_NOFOLLOW)) {
        return guest_exe_path();
    }
    if (procfs_hides(path)) {
        return "/proc/self/fd/-1";     /* not a number: ENOENT, as natively */
    }
    if (qemu_interp_prefix && path[0] == '/' && !in_host_only_dir(path)
        && snprintf(buf, PATH_MAX, "%s%s", qemu_interp_prefix, path) < PATH_MAX
        && access(buf, F_OK) == 0) {
        return buf;
    }
    return path;
}
