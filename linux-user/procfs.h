/*
 * procfs.h: the guest's view of its own /proc directory (procfs.c,
 * procfs-maps.c).  The host kernel describes the emulator; where that
 * differs from what the guest must see (its maps, command line, stat,
 * auxv, executable), an open of the file gets a memfd holding the text
 * the kernel would have given the guest.  docs/user/options.md lists the
 * files.
 */
#ifndef LINUX_USER_PROCFS_H
#define LINUX_USER_PROCFS_H

#include <sys/stat.h>
#include <sys/vfs.h>
#include "qemu.h"

/* At start: the process's name (comm, which /proc/self/stat and status
   show and prctl(PR_SET_NAME) changes) becomes the guest program's, as
   execve of filename would have set it. */
void procfs_init(const char *filename);

/* The file name inside this process's own /proc directory that path
   names (/proc/self/, /proc/<pid>/, /proc/thread-self/, or a task/<tid>/
   of ours under the first two), e.g. "maps"; NULL for any other path. */
const char *procfs_own_entry(const char *path);

/* path names one of the emulator's own descriptors (qemu/own-fd.h) in
   this process's fd or fdinfo directory, or one of its own threads
   (/proc/<tid>, task/<tid>): the guest finds nothing there. */
bool procfs_hides(const char *path);

/* buf holds len bytes of linux_dirent64 records read from dirfd: when
   dirfd is this process's fd or fdinfo directory, the records of the
   emulator's own descriptors are taken out; when it is its task
   directory, those of its own threads.  Returns the length left. */
size_t procfs_hide_own_entries(int dirfd, void *buf, size_t len);

/* Called by a host thread of the emulator's own (not a guest thread): it
   is left out of the guest's /proc (task directories, status Threads). */
void procfs_hide_own_thread(void);

/* The absolute path of the guest executable (/proc/self/exe). */
const char *guest_exe_path(void);

/* An open (flags as the guest gave them) of path: when it is one of the
   files the emulator makes up, a new descriptor on its text or -errno;
   PROCFS_HOST_FILE when the host's own file serves. */
#define PROCFS_HOST_FILE 1
abi_long procfs_open(const char *path, int flags);

/* A stat-like call's (dirfd, path, flags) after the guest path's lookup:
   when it names a made-up file (dirfd with "" and AT_EMPTY_PATH, or the
   link /proc/self/fd/<n> followed), the host path to ask about instead,
   in buf, with *dirfd and *flags made a plain lookup's; else path. */
const char *procfs_stat_target(int *dirfd, const char *path, int *flags,
                               char *buf, size_t size);

/* fstatat, fstat and fstatfs as the guest sees their file (a made-up
   one's metadata is its /proc file's); 0 or -1 with errno. */
int procfs_fstatat(int dirfd, const char *path, struct stat *st, int flags);
int procfs_fstat(int fd, struct stat *st);
int procfs_fstatfs(int fd, struct statfs *sfs);

/* lseek as the guest sees its file (a made-up file seeks from its end as
   its /proc file does); the result or -1 with errno. */
off_t procfs_lseek(int fd, off_t offset, int whence);

/* path is the link /proc/self/fd/<n> of a made-up file: what readlink
   gives natively (the file's /proc path, into buf); else NULL. */
const char *procfs_fd_link(const char *path, char *buf, size_t size);

/* procfs-cpuinfo.c: the guest's /proc/cpuinfo text from the host's
   (host_path); 0 or -errno. */
int procfs_write_cpuinfo(FILE *out, const char *host_path);

/* procfs-maps.c: the guest's /proc/self/maps text. */
void procfs_write_maps(FILE *out);

#endif
