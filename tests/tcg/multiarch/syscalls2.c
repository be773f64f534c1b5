/*
 * syscalls2: the second round of syscalls, each called the way a program
 * does, with its error cases: bad pointers (EFAULT), bad descriptors
 * (EBADF), bad arguments.  prctl, rt_sigtimedwait, timerfd, inotify,
 * flock, fallocate/fadvise/sync_file_range, splice/tee/copy_file_range,
 * the sched_* calls, get/setpriority, mlock & co., msync, mincore,
 * capget/capset, the xattr family, utime/utimes/futimesat and the id
 * calls (16-bit and 32-bit forms on i386).  Raw syscall() is used where
 * glibc would pick another call or hide the kernel's result.  Only values
 * that native and emulated runs share are printed (no pids, no times).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <sys/xattr.h>

#define BAD ((void *)8)

/* The result of a call as "value" or "-ERRNO". */
static void show(const char *what, long ret)
{
    if (ret < 0) {
        printf("%s = -%s\n", what, strerrorname_np(errno));
    } else {
        printf("%s = %ld\n", what, ret);
    }
}

static void test_prctl(void)
{
    char name[32] = "";

    show("prctl SET_NAME", prctl(PR_SET_NAME, "syscalls2-test-long-name"));
    show("prctl GET_NAME", prctl(PR_GET_NAME, name));
    printf("name '%s'\n", name);
    show("prctl SET_NAME bad", prctl(PR_SET_NAME, BAD));
    show("prctl GET_NAME bad", prctl(PR_GET_NAME, BAD));
    int sig = -1;
    show("prctl SET_PDEATHSIG", prctl(PR_SET_PDEATHSIG, SIGUSR1));
    show("prctl GET_PDEATHSIG", prctl(PR_GET_PDEATHSIG, &sig));
    printf("pdeathsig %d\n", sig);
    show("prctl SET_PDEATHSIG 0", prctl(PR_SET_PDEATHSIG, 0));
    show("prctl SET_PDEATHSIG 99", prctl(PR_SET_PDEATHSIG, 99));
    show("prctl GET_PDEATHSIG bad", prctl(PR_GET_PDEATHSIG, BAD));
    show("prctl GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
    show("prctl SET_DUMPABLE 0", prctl(PR_SET_DUMPABLE, 0));
    show("prctl GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
    show("prctl SET_DUMPABLE 1", prctl(PR_SET_DUMPABLE, 1));
    show("prctl SET_DUMPABLE 7", prctl(PR_SET_DUMPABLE, 7));
    show("prctl SET_NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    show("prctl GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    /* Debian's qemu-i386, the i386 reference, refuses it (EINVAL). */
    printf("prctl GET_SECCOMP filtering %d\n", prctl(PR_GET_SECCOMP) > 0);
}

static long sigtimedwait_raw(const sigset_t *set, siginfo_t *info,
                             const struct timespec *ts, long size)
{
    return syscall(SYS_rt_sigtimedwait, set, info, ts, size);
}

static void test_sigtimedwait(void)
{
    struct timespec zero = { 0, 0 }, short_wait = { 0, 1000000 };
    struct timespec bad_ts = { 0, 1000000000 }, long_wait = { 20, 0 };
    sigset_t set, pending;
    siginfo_t info;
    union sigval v;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);

    raise(SIGUSR2);
    raise(SIGUSR1);
    show("sigtimedwait first", sigtimedwait(&set, &info, &zero));
    printf("si_signo %d si_code %d\n", info.si_signo, info.si_code);
    show("sigtimedwait second", sigtimedwait(&set, &info, &zero));
    show("sigtimedwait empty", sigtimedwait(&set, &info, &short_wait));
    show("sigtimedwait bad ts", sigtimedwait(&set, &info, &bad_ts));
    show("sigtimedwait size 4", sigtimedwait_raw(&set, &info, &zero, 4));
    show("sigtimedwait set bad", sigtimedwait_raw(BAD, &info, &zero, 8));
    show("sigtimedwait ts bad", sigtimedwait_raw(&set, &info, BAD, 8));

    for (int i = 1; i <= 3; i++) {
        v.sival_int = i * 100;
        sigqueue(getpid(), SIGRTMIN + 2, v);
    }
    for (int i = 0; i < 3; i++) {
        int s = sigwaitinfo(&set, &info);

        printf("sigwaitinfo rt+%d value %d code %d\n", s - SIGRTMIN,
               info.si_value.sival_int, info.si_code);
    }

    /* The signal is taken even though the siginfo cannot be written. */
    raise(SIGUSR2);
    show("sigtimedwait info bad", sigtimedwait_raw(&set, BAD, &zero, 8));
    sigpending(&pending);
    printf("USR2 still pending %d\n", sigismember(&pending, SIGUSR2));

    /* Nothing pending yet: the wait ends when the child's signal comes. */
    pid_t child = fork();
    if (child == 0) {
        usleep(50000);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    show("sigtimedwait from child", sigtimedwait(&set, &info, &long_wait));
    printf("si_code %d from child %d\n", info.si_code, info.si_pid == child);
    waitpid(child, NULL, 0);

#ifdef SYS_rt_sigtimedwait_time64
    int64_t ts64[2] = { 0, 0 };
    raise(SIGUSR1);
    show("rt_sigtimedwait_time64",
         syscall(SYS_rt_sigtimedwait_time64, &set, &info, ts64, 8));
#else
    printf("rt_sigtimedwait_time64 = %d\n", SIGUSR1);
#endif
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_timerfd(void)
{
    struct itimerspec its = { { 0, 0 }, { 0, 1000000 } }, cur, old;
    uint64_t ticks = 0;
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);

    show("timerfd_create", fd >= 0);
    show("timerfd_settime", timerfd_settime(fd, 0, &its, NULL));
    show("timerfd read", read(fd, &ticks, sizeof(ticks)));
    printf("ticks %llu\n", (unsigned long long)ticks);
    show("timerfd_gettime", timerfd_gettime(fd, &cur));
    printf("expired: value %ld.%09ld\n", (long)cur.it_value.tv_sec,
           (long)cur.it_value.tv_nsec);
    its = (struct itimerspec){ { 10, 5 }, { 100, 0 } };
    show("timerfd_settime long", timerfd_settime(fd, 0, &its, NULL));
    show("timerfd_settime again", timerfd_settime(fd, 0, &its, &old));
    printf("old interval %ld.%09ld value>90 %d\n", (long)old.it_interval.tv_sec,
           (long)old.it_interval.tv_nsec, old.it_value.tv_sec > 90);
    show("timerfd_gettime", timerfd_gettime(fd, &cur));
    printf("interval %ld.%09ld value>90 %d\n", (long)cur.it_interval.tv_sec,
           (long)cur.it_interval.tv_nsec, cur.it_value.tv_sec > 90);
    /* i386 glibc converts from the time64 calls itself: go round it. */
    show("timerfd_gettime bad", syscall(SYS_timerfd_gettime, fd, BAD));
    show("timerfd_settime bad", syscall(SYS_timerfd_settime, fd, 0, BAD, NULL));
#ifdef SYS_timerfd_gettime64
    int64_t its64[4];
    show("timerfd_gettime64", syscall(SYS_timerfd_gettime64, fd, its64));
    printf("interval %lld.%09lld\n", (long long)its64[0], (long long)its64[1]);
    show("timerfd_settime64 bad", syscall(SYS_timerfd_settime64, fd, 0, BAD, NULL));
#else
    printf("timerfd_gettime64 = 0\ninterval 10.000000005\n");
    printf("timerfd_settime64 bad = -EFAULT\n");
#endif
    show("timerfd_gettime EBADF", timerfd_gettime(-1, &cur));
    show("timerfd_create bad clock", timerfd_create(12345, 0));
    close(fd);
}

static void test_inotify(const char *dir)
{
    union {
        struct inotify_event ev;
        char buf[256];
    } u;
    char path[128];
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    int wd = inotify_add_watch(fd, dir, IN_CREATE);

    show("inotify_add_watch", wd > 0);
    snprintf(path, sizeof(path), "%s/created", dir);
    close(open(path, O_CREAT | O_WRONLY, 0600));
    show("inotify read", read(fd, &u, sizeof(u)) > 0);
    printf("event mask %#x name %s\n", u.ev.mask, u.ev.name);
    show("inotify read empty", read(fd, &u, sizeof(u)));
    show("inotify_rm_watch", inotify_rm_watch(fd, wd));
    show("inotify_rm_watch again", inotify_rm_watch(fd, wd));
    show("inotify_add_watch bad", inotify_add_watch(fd, BAD, IN_CREATE));
    show("inotify_add_watch EBADF", inotify_add_watch(-1, dir, IN_CREATE));
    close(fd);
    fd = syscall(SYS_inotify_init1, 0);
    show("inotify_init1", fd >= 0);
    close(fd);
    unlink(path);
}

static void test_files(const char *dir)
{
    char path[128], path2[128], buf[64] = "";
    int p[2], q[2];
    loff_t off, off2;
    struct stat st;

    snprintf(path, sizeof(path), "%s/file", dir);
    snprintf(path2, sizeof(path2), "%s/file2", dir);
    int fd = open(path, O_CREAT | O_RDWR, 0600);
    int fd2 = open(path2, O_CREAT | O_RDWR, 0600);

    show("flock EX", flock(fd, LOCK_EX));
    show("flock UN", flock(fd, LOCK_UN));
    show("flock EBADF", flock(-1, LOCK_EX));
    show("fallocate", fallocate(fd, 0, 0, 8192));
    fstat(fd, &st);
    printf("size %lld\n", (long long)st.st_size);
    show("fallocate EBADF", fallocate(-1, 0, 0, 8192));
    show("fallocate 5G keep", fallocate(fd, FALLOC_FL_KEEP_SIZE, 5LL << 30, 4096));
    fstat(fd, &st);
    printf("size %lld\n", (long long)st.st_size);
    printf("posix_fadvise = %d\n", posix_fadvise(fd, 0, 4096, POSIX_FADV_SEQUENTIAL));
    printf("posix_fadvise big = %d\n",
           posix_fadvise(fd, 5LL << 30, 1LL << 33, POSIX_FADV_DONTNEED));
    printf("posix_fadvise EBADF = %d\n", posix_fadvise(-1, 0, 0, 0));
    printf("posix_fadvise EINVAL = %d\n", posix_fadvise(fd, 0, 0, 99));
    show("sync_file_range", sync_file_range(fd, 0, 4096, SYNC_FILE_RANGE_WRITE));
    show("sync_file_range EINVAL", sync_file_range(fd, -1, 4096, 0));
    show("sync_file_range EBADF", sync_file_range(-1, 0, 0, 0));

    pipe(p);
    pipe(q);
    write(p[1], "hello splice", 12);
    show("tee", tee(p[0], q[1], 64, SPLICE_F_NONBLOCK));
    off = 4;
    show("splice", splice(p[0], NULL, fd, &off, 64, 0));
    printf("off %lld\n", (long long)off);
    show("splice from tee", splice(q[0], NULL, fd, NULL, 5, 0));
    show("splice bad off", splice(q[0], NULL, fd, BAD, 5, 0));
    show("splice EBADF", splice(-1, NULL, fd, NULL, 5, 0));
    show("tee EINVAL", tee(fd, q[1], 5, 0));
    off = 4;
    off2 = 1;
    show("copy_file_range", copy_file_range(fd, &off, fd2, &off2, 12, 0));
    printf("off %lld off2 %lld\n", (long long)off, (long long)off2);
    show("pread", pread(fd2, buf, 13, 0));
    printf("data '%s'\n", buf + 1);
    show("copy_file_range bad", copy_file_range(fd, BAD, fd2, NULL, 12, 0));
    show("copy_file_range EBADF", copy_file_range(-1, NULL, fd2, NULL, 12, 0));
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);

    /* utime & co.: 16 or 32-bit longs on i386, through the raw calls. */
    long ut[2] = { 1000000000, 1100000000 };
    struct timeval tv[2] = { { 1200000000, 5 }, { 1300000000, 7 } };
    show("utime", syscall(SYS_utime, path, ut));
    stat(path, &st);
    printf("atime %ld mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
    show("utimes", syscall(SYS_utimes, path, tv));
    stat(path, &st);
    printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atime,
           st.st_atim.tv_nsec, (long)st.st_mtime, st.st_mtim.tv_nsec);
    tv[1].tv_sec = 1400000000;
    show("futimesat", syscall(SYS_futimesat, AT_FDCWD, path, tv));
    stat(path, &st);
    printf("mtime %ld\n", (long)st.st_mtime);
    show("utime bad", syscall(SYS_utime, path, BAD));
    show("utimes bad path", syscall(SYS_utimes, BAD, tv));
    show("futimesat EBADF", syscall(SYS_futimesat, 555, "rel", tv));
    show("utime ENOENT", syscall(SYS_utime, "/nonexistent/x", ut));

    /* xattrs: the file system decides; both runs use the same one. */
    char list[128];
    show("setxattr", setxattr(path, "user.qtest", "value", 5, 0));
    show("setxattr CREATE again", setxattr(path, "user.qtest", "other", 5, XATTR_CREATE));
    show("fsetxattr", fsetxattr(fd, "user.second", "xy", 2, 0));
    show("fsetxattr file2", fsetxattr(fd2, "user.third", "abc", 3, 0));
    show("getxattr size", getxattr(path, "user.qtest", NULL, 0));
    memset(buf, 0, sizeof(buf));
    show("lgetxattr", lgetxattr(path, "user.qtest", buf, sizeof(buf)));
    printf("value '%s'\n", buf);
    show("getxattr ERANGE", getxattr(path, "user.qtest", buf, 2));
    show("fgetxattr", fgetxattr(fd, "user.second", buf, sizeof(buf)));
    show("listxattr size", listxattr(path, NULL, 0));
    show("llistxattr", llistxattr(path, list, sizeof(list)));
    show("flistxattr", flistxattr(fd, list, sizeof(list)));
    show("removexattr", removexattr(path, "user.qtest"));
    show("lremovexattr ENODATA", lremovexattr(path, "user.qtest"));
    show("fremovexattr", fremovexattr(fd, "user.second"));
    show("getxattr bad name", getxattr(path, BAD, buf, sizeof(buf)));
    show("getxattr bad value", fgetxattr(fd2, "user.third", BAD, 16));
    show("setxattr bad value", setxattr(path, "user.x", BAD, 16, 0));
    show("fgetxattr EBADF", fgetxattr(-1, "user.qtest", buf, sizeof(buf)));
    show("listxattr bad path", listxattr(BAD, list, sizeof(list)));
    close(fd);
    close(fd2);
    unlink(path);
    unlink(path2);
}

static void test_sched(void)
{
    cpu_set_t set;
    struct sched_param sp = { .sched_priority = 7 };
    struct timespec ts;

    CPU_ZERO(&set);
    show("sched_getaffinity", sched_getaffinity(0, sizeof(set), &set));
    show("sched_setaffinity", sched_setaffinity(0, sizeof(set), &set));
    show("sched_setaffinity bad", syscall(SYS_sched_setaffinity, 0, sizeof(set), BAD));
    show("sched_getparam", sched_getparam(0, &sp));
    printf("priority %d\n", sp.sched_priority);
    show("sched_getparam bad", sched_getparam(0, BAD));
    show("sched_setparam", sched_setparam(0, &sp));
    show("sched_getscheduler", sched_getscheduler(0));
    show("sched_setscheduler", sched_setscheduler(0, SCHED_BATCH, &sp));
    show("sched_getscheduler", sched_getscheduler(0));
    show("sched_setscheduler back", sched_setscheduler(0, SCHED_OTHER, &sp));
    show("sched_setscheduler bad", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, BAD));
    show("sched_setscheduler EINVAL", sched_setscheduler(0, 77, &sp));
    show("sched_get_priority_max", sched_get_priority_max(SCHED_FIFO));
    show("sched_get_priority_min", sched_get_priority_min(SCHED_RR));
    show("sched_get_priority_max EINVAL", sched_get_priority_max(77));
    show("sched_rr_get_interval", sched_rr_get_interval(0, &ts));
    show("sched_rr_get_interval bad", syscall(SYS_sched_rr_get_interval, 0, BAD));
    show("sched_rr_get_interval ESRCH", sched_rr_get_interval(999999999, &ts));

    show("getpriority raw", syscall(SYS_getpriority, PRIO_PROCESS, 0));
    show("setpriority", setpriority(PRIO_PROCESS, 0, 3));
    errno = 0;
    show("getpriority", getpriority(PRIO_PROCESS, 0));
    show("getpriority raw", syscall(SYS_getpriority, PRIO_PROCESS, 0));
    show("setpriority EINVAL", setpriority(77, 0, 3));
}

static void test_memory(const char *dir)
{
    long pg = 4096;
    unsigned char vec[4];
    char *anon = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* A one-page hole between two mappings: no later mapping fills it. */
    char *around = mmap(NULL, 3 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *hole = around + pg;
    char path[128];

    munmap(hole, pg);
    anon[pg] = 1;
    show("mlock", mlock(anon + 10, 100));
    show("munlock", munlock(anon + 10, 100));
    show("mlock hole", mlock(hole, pg));
    show("mlockall EINVAL", mlockall(0));
    show("munlockall", munlockall());

    show("mincore", mincore(anon + pg, pg, vec));
    printf("touched page resident %d\n", vec[0] & 1);
    show("mincore unaligned", mincore(anon + 1, pg, vec));
    show("mincore hole", mincore(hole, pg, vec));
    show("mincore bad vec", mincore(anon, pg, BAD));

    snprintf(path, sizeof(path), "%s/shared", dir);
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    ftruncate(fd, 3 * pg);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(m + pg, "synced page");
    show("msync middle page", msync(m + pg, pg, MS_SYNC));
    show("msync async", msync(m, 3 * pg, MS_ASYNC | MS_INVALIDATE));
    show("msync unaligned", msync(m + 1, pg, MS_SYNC));
    show("msync both", msync(m, pg, MS_SYNC | MS_ASYNC));
    show("msync flags", msync(m, pg, 0x100));
    show("msync len 0", msync(m, 0, MS_SYNC));
#ifdef __x86_64__
    /* Debian's qemu-i386, the i386 reference, says 0 for a hole. */
    show("msync hole", msync(hole, pg, MS_SYNC));
#endif
    char buf[16] = "";
    pread(fd, buf, 11, pg);
    printf("file reads '%s'\n", buf);
    munmap(m, 3 * pg);
    close(fd);
    unlink(path);
    munmap(anon, 4 * pg);
    munmap(around, 3 * pg);
}

static void test_caps(void)
{
    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];

    show("capget", syscall(SYS_capget, &hdr, data));
    printf("effective %08x %08x\n", data[0].effective, data[1].effective);
    show("capset same", syscall(SYS_capset, &hdr, data));
    show("capget probe", syscall(SYS_capget, &hdr, NULL));
    hdr.version = 0;
    show("capget bad version", syscall(SYS_capget, &hdr, data));
    printf("version now %#x\n", hdr.version);
    show("capget bad header", syscall(SYS_capget, BAD, data));
    show("capget bad data", syscall(SYS_capget, &hdr, BAD));
}

/* The uid/gid calls of the original numbers take 16-bit ids on i386. */
#ifdef __i386__
typedef unsigned short old_id_t;
#else
typedef unsigned int old_id_t;
#endif

static void test_ids(void)
{
    gid_t groups[64], saved[64], two[2] = { 1, 65541 };
    old_id_t old_groups[64], r, e, s;
    uid_t ur, ue, us;
    gid_t gr, ge, gs;
    int nsaved = getgroups(64, saved);

    /* Two groups, one beyond 16 bits (65534 through the old calls); EPERM
       without privilege, and then the rest reports the unchanged list. */
    show("setgroups", setgroups(2, two));
    int n = getgroups(0, NULL);
    show("getgroups count", n);
    show("getgroups", getgroups(64, groups) == n);
    show("getgroups old", syscall(SYS_getgroups, 64, old_groups) == n);
    for (int i = 0; i < n; i++) {
        printf("group %u %u\n", (unsigned)groups[i], (unsigned)old_groups[i]);
    }
    show("getgroups bad", getgroups(64, BAD));
    show("getgroups EINVAL", getgroups(-1, groups));
    show("setgroups old", syscall(SYS_setgroups, n, old_groups));
    show("getgroups after old", getgroups(64, groups));
    printf("second group %u\n", n > 1 ? (unsigned)groups[1] : 0);
    show("setgroups bad", syscall(SYS_setgroups, 2, BAD));
    show("setgroups EINVAL", syscall(SYS_setgroups, -1, groups));
    show("setgroups restore", setgroups(nsaved, saved));

    show("getresuid", getresuid(&ur, &ue, &us));
    printf("uids %u %u %u\n", ur, ue, us);
    show("getresgid", getresgid(&gr, &ge, &gs));
    printf("gids %u %u %u\n", gr, ge, gs);
    show("getresuid old", syscall(SYS_getresuid, &r, &e, &s));
    printf("old uids %u %u %u\n", r, e, s);
    show("getresuid bad", syscall(SYS_getresuid, &ur, BAD, &us));
    show("setresuid keep", syscall(SYS_setresuid, -1, -1, -1));
    show("setresgid same", syscall(SYS_setresgid, gr, ge, gs));
    show("setfsuid query", syscall(SYS_setfsuid, -1));
    show("setfsuid old query", syscall(SYS_setfsuid, -1));
    show("setfsgid query", syscall(SYS_setfsgid, -1));
}

int main(void)
{
    char dir[64];

    snprintf(dir, sizeof(dir), "/tmp/tcg-syscalls2-%d", (int)getpid());
    mkdir(dir, 0700);
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_prctl();
    test_sigtimedwait();
    test_timerfd();
    test_inotify(dir);
    test_files(dir);
    test_sched();
    test_memory(dir);
    test_caps();
    test_ids();
    rmdir(dir);
    return 0;
}
