/*
 * procfs.c: the files of the guest's own /proc directory that must not
 * describe the emulator.  An open of one of them (through any of the names
 * the kernel gives the directory: self, the pid, thread-self, a task of
 * ours) gets a memfd holding the text the kernel would have given the
 * guest, made at open time as the kernel makes it at read time:
 *
 *   maps     the guest's mappings at 4 KiB (procfs-maps.c)
 *   smaps    refused with ENOENT: its page counts would be the emulator's
 *   cmdline  the guest's argument strings, read from the guest stack
 *   stat     the host's line, with the guest image's and stack's addresses
 *   status   the host's text, with the guest's signal sets
 *   auxv     the guest's auxiliary vector
 *
 * and, of the machine's files, cpuinfo (procfs-cpuinfo.c), whose CPUID
 * lines are the emulated CPU's.
 *
 * exe is a link to the guest program (path.c, and readlink in
 * syscall_file.c).  The process name (comm, in stat and status) is made
 * the guest program's at start with PR_SET_NAME, so the host's own files
 * already show it and a guest's PR_SET_NAME keeps working.
 */
#include "qemu/osdep.h"
#include <ctype.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include "procfs.h"
#include "qemu/own-fd.h"

void procfs_init(const char *filename)
{
    const char *base = strrchr(filename, '/');

    /* the kernel takes the last component of execve's path, 15 bytes */
    prctl(PR_SET_NAME, base ? base + 1 : filename);
}

const char *guest_exe_path(void)
{
    static char *resolved;

    if (!resolved) {
        resolved = realpath(exec_path, NULL);
    }
    return resolved ? resolved : exec_path;
}

/* If *p starts with prefix, step over it. */
static bool skip(const char **p, const char *prefix)
{
    size_t n = strlen(prefix);

    if (strncmp(*p, prefix, n) != 0) {
        return false;
    }
    *p += n;
    return true;
}

/* If *p starts with the decimal number then a slash, step over both and
   return the number; else -1. */
static long skip_number(const char **p)
{
    char *end;
    long n;

    if (!isdigit((unsigned char)**p)) {
        return -1;
    }
    n = strtol(*p, &end, 10);
    if (*end != '/') {
        return -1;
    }
    *p = end + 1;
    return n;
}

/*
 * The emulator's own host threads (the gdbstub's interrupt watcher): the
 * guest's /proc shows its threads only, so these are left out of task
 * directories, their /proc/<tid> and task/<tid> do not exist, and status
 * does not count them.  A slot holds a tid or 0.
 */
#define MAX_OWN_THREADS 4
static pid_t own_threads[MAX_OWN_THREADS];

void procfs_hide_own_thread(void)
{
    pid_t tid = syscall(SYS_gettid);

    for (int i = 0; i < MAX_OWN_THREADS; i++) {
        pid_t free_slot = 0;

        if (__atomic_compare_exchange_n(&own_threads[i], &free_slot, tid, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            return;
        }
    }
}

static bool is_own_thread(long tid)
{
    for (int i = 0; i < MAX_OWN_THREADS; i++) {
        pid_t own = __atomic_load_n(&own_threads[i], __ATOMIC_SEQ_CST);

        if (own && own == tid && own != getpid()) {
            return true;
        }
    }
    return false;
}

static int own_thread_count(void)
{
    int n = 0;

    for (int i = 0; i < MAX_OWN_THREADS; i++) {
        n += is_own_thread(__atomic_load_n(&own_threads[i], __ATOMIC_SEQ_CST));
    }
    return n;
}

/* What path names inside this process's own /proc directory (the part
   after /proc/self/ or one of its aliases), or NULL; *task is the thread
   the directory describes (the main thread's id but for task/<tid> and
   thread-self). */
static const char *own_dir_rest(const char *path, pid_t *task)
{
    const char *p = path;
    char task_dir[64];
    long tid;

    *task = getpid();
    if (!skip(&p, "/proc/")) {
        return NULL;
    }
    if (skip(&p, "thread-self/")) {
        *task = syscall(SYS_gettid);
        return p;
    }
    if (skip(&p, "self/")) {
        tid = getpid();
    } else {
        /* /proc/<tid>/ of another thread: not listed, but there */
        tid = skip_number(&p);
    }
    if (tid != getpid() || skip(&p, "task/")) {
        tid = tid == getpid() ? skip_number(&p) : tid;
        snprintf(task_dir, sizeof(task_dir), "/proc/self/task/%ld", tid);
        if (tid < 0 || is_own_thread(tid) || access(task_dir, F_OK) != 0) {
            return NULL;
        }
        *task = tid;
    }
    return p;
}

/* The thread whose directory holds the file at path (one of ours). */
static pid_t path_task(const char *path)
{
    pid_t task;

    own_dir_rest(path, &task);
    return task;
}

const char *procfs_own_entry(const char *path)
{
    pid_t task;
    const char *rest = own_dir_rest(path, &task);

    return rest && !strchr(rest, '/') ? rest : NULL;
}

/* The directories that list this process's descriptors by number. */
static const char *const fd_dirs[] = { "fd", "fdinfo" };

static bool is_fd_dir(const char *entry)
{
    for (size_t i = 0; entry && i < ARRAY_SIZE(fd_dirs); i++) {
        if (strcmp(entry, fd_dirs[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* name is a descriptor number (all digits, as the kernel's fd lookup
   takes it) that the emulator keeps for itself. */
static bool names_own_fd(const char *name)
{
    char *end;
    long fd;

    if (!isdigit((unsigned char)name[0])) {
        return false;
    }
    fd = strtol(name, &end, 10);
    return *end == 0 && fd <= INT_MAX && own_fd_is(fd);
}

/* path is /proc/<tid>, /proc/self/task/<tid> or /proc/<pid>/task/<tid>,
   or under one, with tid one of the emulator's own threads. */
static bool names_own_thread(const char *path)
{
    const char *p = path;
    long n;

    if (!skip(&p, "/proc/")) {
        return false;
    }
    if (skip(&p, "self/")) {
        n = getpid();
    } else {
        char *end;

        n = strtol(p, &end, 10);
        if (end == p || (*end != '/' && *end != 0)) {
            return false;
        }
        if (is_own_thread(n)) {
            return true;
        }
        p = *end ? end + 1 : end;
    }
    if (n != getpid() || !skip(&p, "task/")) {
        return false;
    }
    n = strtol(p, NULL, 10);
    return is_own_thread(n);
}

bool procfs_hides(const char *path)
{
    const char *rest, *slash;
    char dir[16];
    pid_t task;

    if (own_thread_count() && names_own_thread(path)) {
        return true;
    }
    rest = own_dir_rest(path, &task);
    slash = rest ? strchr(rest, '/') : NULL;

    if (!slash || (size_t)(slash - rest) >= sizeof(dir)) {
        return false;
    }
    memcpy(dir, rest, slash - rest);
    dir[slash - rest] = 0;
    return is_fd_dir(dir) && names_own_fd(slash + 1);
}

/* name (a directory entry) is one of the emulator's own threads' tids. */
static bool names_own_tid(const char *name)
{
    char *end;
    long tid = strtol(name, &end, 10);

    return end != name && *end == 0 && is_own_thread(tid);
}

size_t procfs_hide_own_entries(int dirfd, void *buf, size_t len)
{
    char link[64], target[PATH_MAX];
    char *in = buf, *out = buf;
    bool (*hidden)(const char *name);
    const char *entry;
    ssize_t n;

    /* (usually the emulator holds none: no readlink per getdents then) */
    if (own_fd_first_in(0, INT_MAX) < 0 && !own_thread_count()) {
        return len;
    }
    snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
    n = readlink(link, target, sizeof(target) - 1);
    if (n < 0) {
        return len;
    }
    target[n] = 0;
    entry = procfs_own_entry(target);
    hidden = is_fd_dir(entry) ? names_own_fd
             : entry && strcmp(entry, "task") == 0 ? names_own_tid : NULL;
    if (!hidden) {
        return len;
    }
    /* struct linux_dirent64: d_ino, d_off (8 bytes each), d_reclen,
       d_type, d_name; the same for every ABI */
    while (in < (char *)buf + len) {
        uint16_t reclen;

        memcpy(&reclen, in + 16, sizeof(reclen));
        if (!hidden(in + 19)) {
            memmove(out, in, reclen);
            out += reclen;
        }
        in += reclen;
    }
    return out - (char *)buf;
}

static struct image_info *guest_image(void)
{
    return ((TaskState *)thread_cpu->opaque)->info;
}

/* Up to len bytes of guest memory at addr; stops at a page the guest
   cannot read, as the kernel's access_remote_vm does. */
static void write_guest_bytes(FILE *out, abi_ulong addr, size_t len)
{
    char buf[4096];
    size_t done = 0;

    while (done < len) {
        size_t n = MIN(len - done, sizeof(buf) - ((addr + done) & 4095));

        if (copy_from_user(buf, addr + done, n) != 0) {
            break;
        }
        fwrite(buf, 1, n, out);
        done += n;
    }
}

/*
 * The argument strings between arg_start and arg_end.  When the guest has
 * overwritten their final NUL (setproctitle), the kernel gives the string
 * from arg_start to its first NUL instead, up to a page.
 */
static int write_cmdline(FILE *out, const char *host_path)
{
    struct image_info *info = guest_image();
    uint8_t last = 0;
    char title[4096];
    abi_long n;

    if (info->arg_end <= info->arg_start) {
        return 0;
    }
    if (copy_from_user(&last, info->arg_end - 1, 1) != 0 || last == 0) {
        write_guest_bytes(out, info->arg_start, info->arg_end - info->arg_start);
        return 0;
    }
    n = strncpy_from_user(title, info->arg_start, sizeof(title) - 1);
    if (n > 0) {
        fwrite(title, 1, n + (n < (abi_long)sizeof(title) - 1), out);
    }
    return 0;
}

static int write_auxv(FILE *out, const char *host_path)
{
    struct image_info *info = guest_image();

    write_guest_bytes(out, info->saved_auxv, info->auxv_len);
    return 0;
}

static int write_maps(FILE *out, const char *host_path)
{
    procfs_write_maps(out);
    return 0;
}

/*
 * stat: the host's line for this task (pid, comm, state, times, ...), with
 * the fields that hold addresses of the process image and the signal sets
 * replaced by the guest's (numbered as in proc(5)).  The host's pending
 * signals 1-31 are the guest's (only 32 and 33 are renumbered) but for
 * those held for the guest, which are added.
 */
enum {
    STAT_STARTCODE = 26, STAT_ENDCODE, STAT_STARTSTACK,
    STAT_SIGNAL = 31, STAT_BLOCKED, STAT_SIGIGNORE, STAT_SIGCATCH,
    STAT_START_DATA = 45, STAT_END_DATA, STAT_START_BRK, STAT_ARG_START,
    STAT_ARG_END, STAT_ENV_START, STAT_ENV_END,
};

static int write_stat(FILE *out, const char *host_path)
{
    struct image_info *info = guest_image();
    abi_ulong start_brk, brk;
    char line[1024], *rest, *save = NULL;
    FILE *f = fopen(host_path, "r");
    int field = 3;
    GuestSignalSets sets = { 0 };
    /* the kernel's obsolete signal fields show signals 1-31 only */
    const uint64_t stat_sigs = 0x7fffffff;

    if (!f) {
        return -errno;
    }
    if (!fgets(line, sizeof(line), f) || !(rest = strrchr(line, ')'))) {
        fclose(f);
        return -EIO;
    }
    fclose(f);
    target_brk_range(&start_brk, &brk);
    /* pending starts from no host signal: the host's is in the line */
    signal_guest_sets(path_task(host_path), &sets);
    const struct { int field; uint64_t value; bool or_host; } guest_fields[] = {
        { STAT_STARTCODE, info->start_code }, { STAT_ENDCODE, info->end_code },
        { STAT_STARTSTACK, info->start_stack },
        { STAT_START_DATA, info->start_data }, { STAT_END_DATA, info->end_data },
        { STAT_START_BRK, start_brk },
        { STAT_ARG_START, info->arg_start }, { STAT_ARG_END, info->arg_end },
        { STAT_ENV_START, info->env_start }, { STAT_ENV_END, info->env_end },
        { STAT_SIGNAL, sets.pending & stat_sigs, true },
        { STAT_BLOCKED, sets.blocked & stat_sigs },
        { STAT_SIGIGNORE, sets.ignored & stat_sigs },
        { STAT_SIGCATCH, sets.caught & stat_sigs },
    };
    /* pid and (comm) as they are: comm may hold spaces and parentheses */
    rest += 2;
    fwrite(line, 1, rest - line, out);
    for (char *tok = strtok_r(rest, " \n", &save); tok;
         tok = strtok_r(NULL, " \n", &save), field++) {
        const char *text = tok;
        char value[32];

        for (size_t i = 0; i < ARRAY_SIZE(guest_fields); i++) {
            if (guest_fields[i].field == field) {
                uint64_t host = guest_fields[i].or_host ? strtoull(tok, NULL, 10) : 0;

                snprintf(value, sizeof(value), "%" PRIu64, host | guest_fields[i].value);
                text = value;
            }
        }
        fprintf(out, "%s%s", field > 3 ? " " : "", text);
    }
    fputc('\n', out);
    return 0;
}

/* The signal line of status that key starts, or NULL. */
typedef struct SignalLine {
    const char *key;
    uint64_t *value;
} SignalLine;

static const SignalLine *signal_line(const SignalLine *lines, size_t n,
                                     const char *line)
{
    for (size_t i = 0; i < n; i++) {
        if (strncmp(line, lines[i].key, strlen(lines[i].key)) == 0) {
            return &lines[i];
        }
    }
    return NULL;
}

/*
 * status: the host's text, whose ids, thread count, SigQ and memory
 * figures are the process's own, with the signal sets the guest's: the
 * host's pending sets are read first, as the guest's start from them.
 * The sets are those of the thread the path names, as the kernel's.
 */
static int write_status(FILE *out, const char *host_path)
{
    GuestSignalSets sets = { 0 };
    const SignalLine lines[] = {
        { "SigPnd:", &sets.pending }, { "ShdPnd:", &sets.shared_pending },
        { "SigBlk:", &sets.blocked }, { "SigIgn:", &sets.ignored },
        { "SigCgt:", &sets.caught },
    };
    FILE *f = fopen(host_path, "r");
    const SignalLine *sl;
    char line[1024];

    if (!f) {
        return -errno;
    }
    while (fgets(line, sizeof(line), f)) {
        sl = signal_line(lines, ARRAY_SIZE(lines), line);
        if (sl) {
            *sl->value = strtoull(line + strlen(sl->key), NULL, 16);
        }
    }
    signal_guest_sets(path_task(host_path), &sets);
    rewind(f);
    while (fgets(line, sizeof(line), f)) {
        sl = signal_line(lines, ARRAY_SIZE(lines), line);
        if (sl) {
            fprintf(out, "%s\t%016" PRIx64 "\n", sl->key, *sl->value);
        } else if (strncmp(line, "Threads:", 8) == 0) {
            fprintf(out, "Threads:\t%ld\n", strtol(line + 8, NULL, 10) - own_thread_count());
        } else {
            fputs(line, out);
        }
    }
    fclose(f);
    return 0;
}

typedef struct ProcFile {
    const char *name;
    /* Write the guest's text; 0 or -errno.  host_path: the host's file. */
    int (*write)(FILE *out, const char *host_path);
} ProcFile;

static const ProcFile proc_files[] = {
    { "maps", write_maps },
    { "smaps", NULL },
    { "cmdline", write_cmdline },
    { "stat", write_stat },
    { "status", write_status },
    { "auxv", write_auxv },
};

/* Files of /proc that describe the machine, by their whole path. */
static const ProcFile machine_files[] = {
    { "/proc/cpuinfo", procfs_write_cpuinfo },
};

/* The memfds holding made-up files are named this, then the host path of
   the /proc file they stand for (the name shows in /proc/self/fd). */
#define MADE_UP_NAME "qemu-proc:"
#define FD_LINK_PREFIX "/memfd:" MADE_UP_NAME
#define FD_LINK_SUFFIX " (deleted)"
#define MEMFD_NAME_MAX 249          /* the kernel's limit, without the NUL */

/* Whether any made-up file was opened: until then no descriptor can be
   one, and fstat costs nothing more. */
static bool made_up_any;

/* The name the kernel gives path's file, as readlink of a descriptor on it
   shows it (/proc/self/maps is /proc/<pid>/maps): into buf, or false. */
static bool canonical_path(const char *path, char *buf, size_t size)
{
    char link[64];
    int fd = open(path, O_PATH | O_CLOEXEC);
    ssize_t n;

    if (fd < 0) {
        return false;
    }
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    n = readlink(link, buf, size - 1);
    close(fd);
    if (n <= 0) {
        return false;
    }
    buf[n] = 0;
    return true;
}

/*
 * A descriptor reading text (len bytes), with the guest's O_CLOEXEC,
 * standing for the host's file at path.  It is made read-only, as an
 * O_RDONLY open of the /proc file is (write says EBADF, F_GETFL shows
 * O_RDONLY), and keeps the number the memfd got, as the guest's open
 * returns the lowest free one.
 */
static abi_long memfd_with(const char *text, size_t len, int flags, const char *path)
{
    char name[MEMFD_NAME_MAX + 1];
    char host_path[MEMFD_NAME_MAX + 1 - strlen(MADE_UP_NAME)];
    char link[64];
    int cloexec = flags & O_CLOEXEC ? O_CLOEXEC : 0;
    size_t done = 0;
    int fd, ro, err = 0;

    if (!canonical_path(path, host_path, sizeof(host_path))) {
        snprintf(host_path, sizeof(host_path), "%s", path);
    }
    snprintf(name, sizeof(name), MADE_UP_NAME "%s", host_path);
    fd = memfd_create(name, cloexec ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        return -errno;
    }
    while (done < len && !err) {
        ssize_t n = write(fd, text + done, len - done);

        err = n < 0 ? errno : 0;
        done += n > 0 ? n : 0;
    }
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ro = err ? -1 : open(link, O_RDONLY | O_CLOEXEC);
    if (ro < 0 || dup3(ro, fd, cloexec) < 0) {
        err = err ? err : errno;
    }
    if (ro >= 0) {
        close(ro);
    }
    if (err) {
        close(fd);
        return -err;
    }
    made_up_any = true;
    return fd;
}

/* fd is a descriptor procfs_open made up: buf gets the host path of the
   /proc file it stands for (its metadata is that file's: fstat, fstatfs
   and readlink of /proc/self/fd/<fd> answer for it). */
static bool procfs_made_up_path(int fd, char *buf, size_t size)
{
    char link[64], target[PATH_MAX];
    size_t prefix = strlen(FD_LINK_PREFIX), suffix = strlen(FD_LINK_SUFFIX);
    ssize_t n;

    if (!made_up_any || fd < 0) {
        return false;
    }
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    n = readlink(link, target, sizeof(target) - 1);
    if (n <= (ssize_t)(prefix + suffix)) {
        return false;
    }
    target[n] = 0;
    if (strncmp(target, FD_LINK_PREFIX, prefix) != 0
        || strcmp(target + n - suffix, FD_LINK_SUFFIX) != 0
        || (size_t)n - prefix - suffix >= size) {
        return false;
    }
    memcpy(buf, target + prefix, n - prefix - suffix);
    buf[n - prefix - suffix] = 0;
    return true;
}

/* path is this process's /proc/<pid>/fd/<n> (or an alias): n, else -1. */
static int own_fd_link(const char *path)
{
    pid_t task;
    const char *p = own_dir_rest(path, &task);
    char *end;
    long fd;

    if (!p || !skip(&p, "fd/") || !isdigit((unsigned char)*p)) {
        return -1;
    }
    fd = strtol(p, &end, 10);
    return *end == 0 && fd <= INT_MAX ? fd : -1;
}

const char *procfs_stat_target(int *dirfd, const char *path, int *flags,
                               char *buf, size_t size)
{
    int fd = -1;

    if (!made_up_any) {
        return path;
    }
    if (path[0] == 0 && (*flags & AT_EMPTY_PATH)) {
        fd = *dirfd;
    } else if (!(*flags & AT_SYMLINK_NOFOLLOW)) {
        fd = own_fd_link(path);
    }
    if (!procfs_made_up_path(fd, buf, size)) {
        return path;
    }
    *dirfd = AT_FDCWD;
    *flags &= ~AT_EMPTY_PATH;
    return buf;
}

int procfs_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    char buf[PATH_MAX];

    path = procfs_stat_target(&dirfd, path, &flags, buf, sizeof(buf));
    return fstatat(dirfd, path, st, flags);
}

int procfs_fstat(int fd, struct stat *st)
{
    char buf[PATH_MAX];

    return procfs_made_up_path(fd, buf, sizeof(buf)) ? stat(buf, st) : fstat(fd, st);
}

int procfs_fstatfs(int fd, struct statfs *sfs)
{
    char buf[PATH_MAX];

    return procfs_made_up_path(fd, buf, sizeof(buf)) ? statfs(buf, sfs) : fstatfs(fd, sfs);
}

off_t procfs_lseek(int fd, off_t offset, int whence)
{
    char buf[PATH_MAX];
    off_t end;
    int host;

    /* The text's length is no size of the /proc file's: a seek from the
       end goes where it goes on that file (EINVAL on most, 0 + offset on
       those that report size 0), and the made-up file follows. */
    if (whence != SEEK_END || !procfs_made_up_path(fd, buf, sizeof(buf))) {
        return lseek(fd, offset, whence);
    }
    host = open(buf, O_RDONLY | O_CLOEXEC);
    if (host < 0) {
        return -1;
    }
    end = lseek(host, offset, SEEK_END);
    close(host);
    return end < 0 ? end : lseek(fd, end, SEEK_SET);
}

const char *procfs_fd_link(const char *path, char *buf, size_t size)
{
    return made_up_any && procfs_made_up_path(own_fd_link(path), buf, size) ? buf : NULL;
}

abi_long procfs_open(const char *path, int flags)
{
    const char *entry = procfs_own_entry(path);
    const ProcFile *pf = NULL;
    char *text = NULL;
    size_t len = 0;
    abi_long ret;
    FILE *out;

    for (size_t i = 0; entry && i < ARRAY_SIZE(proc_files); i++) {
        if (strcmp(entry, proc_files[i].name) == 0) {
            pf = &proc_files[i];
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(machine_files); i++) {
        if (strcmp(path, machine_files[i].name) == 0) {
            pf = &machine_files[i];
        }
    }
    /* Opening for writing, as a directory or as a path only: the host's
       file answers as the kernel would. */
    if (!pf || (flags & O_ACCMODE) != O_RDONLY || (flags & (O_DIRECTORY | O_PATH))) {
        return PROCFS_HOST_FILE;
    }
    if (!pf->write) {
        return -ENOENT;
    }
    out = open_memstream(&text, &len);
    if (!out) {
        return -ENOMEM;
    }
    ret = pf->write(out, path);
    if (fclose(out) != 0) {
        ret = -ENOMEM;
    }
    if (ret == 0) {
        ret = memfd_with(text, len, flags, path);
    }
    free(text);
    return ret;
}
