/*
 * target-procfs-threads: the emulator's own host threads (the gdbstub's
 * interrupt watcher) are not in the guest's /proc.  A helper thread here
 * calls procfs_hide_own_thread as the watcher does; then this process,
 * seen through the guest's view, must look like the single-threaded
 * process it natively is: /proc/self/task lists only the main thread
 * (getdents64 through the guest's filter), the helper's task/<tid> and
 * /proc/<tid> do not exist for the guest (path_for_host gives a path the
 * host cannot open), and status says "Threads: 1".
 */
#include "qemu/osdep.h"
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include "syscall_impl.h"

static int failures;
static pid_t helper_tid;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hidden = PTHREAD_COND_INITIALIZER;

static void check(bool ok, const char *what)
{
    printf("%s %s\n", ok ? "PASS" : "FAIL", what);
    failures += !ok;
}

static void *helper(void *unused)
{
    (void)unused;
    procfs_hide_own_thread();
    pthread_mutex_lock(&lock);
    helper_tid = syscall(SYS_gettid);
    pthread_cond_signal(&hidden);
    pthread_mutex_unlock(&lock);
    pause();
    return NULL;
}

/* The tids the guest reads from its task directory, as "tid tid ...". */
static void guest_task_list(char *out, size_t size)
{
    char buf[4096];
    int fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY);
    long got;

    out[0] = 0;
    while (fd >= 0 && (got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
        size_t len = procfs_hide_own_entries(fd, buf, got);

        for (size_t off = 0; off < len;) {
            struct dirent64 *d = (struct dirent64 *)(buf + off);

            if (d->d_name[0] != '.' && strlen(out) + strlen(d->d_name) + 2 <= size) {
                strcat(strcat(out, out[0] ? " " : ""), d->d_name);
            }
            off += d->d_reclen;
        }
    }
    if (fd >= 0) {
        close(fd);
    }
}

/* The guest opening path: does it find a file? */
static bool guest_finds(const char *path)
{
    char buf[PATH_MAX];

    return access(path_for_host(path, buf, 0), F_OK) == 0;
}

/* The "Threads:" line of the guest's /proc/self/status. */
static long guest_status_threads(void)
{
    abi_long fd = procfs_open("/proc/self/status", O_RDONLY);
    char text[8192], *line;
    ssize_t n;

    if (fd < 0) {
        return -1;
    }
    n = read(fd, text, sizeof(text) - 1);
    close(fd);
    text[n > 0 ? n : 0] = 0;
    line = strstr(text, "\nThreads:");
    return line ? strtol(line + 9, NULL, 10) : -1;
}

int main(void)
{
    CPUArchState env = { 0 };
    TaskState ts = { 0 }, parent = { 0 };
    char want[32], got[256], path[64];
    pthread_t th;

    env.opaque = &ts;
    thread_cpu = &env;
    if (!signal_new_thread(&ts, &parent)) {     /* status reads its sets */
        printf("FAIL no signal state\n");
        return 1;
    }
    pthread_mutex_lock(&lock);
    pthread_create(&th, NULL, helper, NULL);
    while (!helper_tid) {
        pthread_cond_wait(&hidden, &lock);
    }
    pthread_mutex_unlock(&lock);

    snprintf(want, sizeof(want), "%d", getpid());
    guest_task_list(got, sizeof(got));
    check(strcmp(got, want) == 0, "task directory lists the main thread only");
    if (strcmp(got, want) != 0) {
        printf("    listed \"%s\", expected \"%s\"\n", got, want);
    }
    snprintf(path, sizeof(path), "/proc/self/task/%d/status", helper_tid);
    check(!guest_finds(path), "task/<own tid>/status does not exist");
    snprintf(path, sizeof(path), "/proc/%d/task/%d", getpid(), helper_tid);
    check(!guest_finds(path), "/proc/<pid>/task/<own tid> does not exist");
    snprintf(path, sizeof(path), "/proc/%d/status", helper_tid);
    check(!guest_finds(path), "/proc/<own tid> does not exist");
    snprintf(path, sizeof(path), "/proc/self/task/%d/status", getpid());
    check(guest_finds(path), "task/<main tid>/status exists");
    check(guest_status_threads() == 1, "status says Threads: 1");
    return failures != 0;
}
