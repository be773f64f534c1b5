/*
 * syscall-fuzz.c: the system-call fuzzer's guest (docs/devel/fuzzing.md).
 * Run once natively and once under the emulator by run-fuzz-syscall.sh,
 * which compares the two outputs line by line.
 *
 *   syscall-fuzz SEED FIRST COUNT
 *
 * Case i (it depends on SEED and i only) calls one system call of the
 * table below with arguments drawn for its kinds: pointers that are NULL,
 * unmapped, PROT_NONE, read-only (for a buffer the kernel writes),
 * kernel or non-canonical addresses, or that straddle the end of a good
 * page into a PROT_NONE one; lengths at their edges; random flag bits.
 * It prints "INDEX name(args) -> result", the result a number or an errno
 * name, nothing that depends on the run (addresses the kernel picks are
 * "addr").  Pointers point into an arena at a fixed address that is
 * rebuilt after every case, so a call that unmaps or protects it changes
 * nothing for the next one; no argument reaches memory outside it, the
 * descriptors the case owns, or the process's signal dispositions beyond
 * SIG_DFL.  Calls that could block get a zero timeout or a descriptor
 * that does not block.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096UL
#define ARENA 0x10000000UL
/* The arena's pages: two good ones, then PROT_NONE, read-only, a hole. */
#define GOOD ARENA
#define NONE (ARENA + 2 * PAGE)
#define RDONLY (ARENA + 3 * PAGE)
#define HOLE (ARENA + 4 * PAGE)
#define ARENA_SIZE (5 * PAGE)
#define PATH_AT 1024

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* What an argument is, which decides how it is drawn and printed. */
typedef enum Kind {
    NONE_ARG,
    IN,          /* memory the kernel reads (a string where a path) */
    OUT,         /* memory the kernel writes */
    PATH,        /* a file name */
    LEN,         /* a size in bytes */
    COUNT,       /* a number of elements */
    FLAGS,       /* random bits */
    FD,          /* a descriptor */
    SIGNO,       /* a signal number */
    SMALL,       /* a small integer (which, how, cmd, advice...) */
    MADDR,       /* an address in or near the arena, for the memory calls */
    MLEN,        /* a length for the memory calls */
    SETSIZE,     /* a sigset size */
    ZERO,        /* 0: a timeout that must not block */
    ARCH_CODE,   /* an arch_prctl code that reads, or junk */
    PRCTL_OPTION,/* a prctl option that reads or names, or junk */
} Kind;

enum { RESULT_NUMBER, RESULT_FD, RESULT_ADDR };

typedef struct Call {
    const char *name;
    long nr;
    Kind args[6];
    int result;
} Call;

static const Call calls[] = {
    { "read", SYS_read, { FD, OUT, LEN }, RESULT_NUMBER },
    { "write", SYS_write, { FD, IN, LEN }, RESULT_NUMBER },
    { "pread64", SYS_pread64, { FD, OUT, LEN, SMALL }, RESULT_NUMBER },
    { "pwrite64", SYS_pwrite64, { FD, IN, LEN, SMALL }, RESULT_NUMBER },
    { "readv", SYS_readv, { FD, IN, COUNT }, RESULT_NUMBER },
    { "writev", SYS_writev, { FD, IN, COUNT }, RESULT_NUMBER },
    { "open", SYS_open, { PATH, FLAGS, SMALL }, RESULT_FD },
    { "openat", SYS_openat, { FD, PATH, FLAGS, SMALL }, RESULT_FD },
    { "stat", SYS_stat, { PATH, OUT }, RESULT_NUMBER },
    { "lstat", SYS_lstat, { PATH, OUT }, RESULT_NUMBER },
    { "fstat", SYS_fstat, { FD, OUT }, RESULT_NUMBER },
    { "newfstatat", SYS_newfstatat, { FD, PATH, OUT, FLAGS }, RESULT_NUMBER },
    { "statfs", SYS_statfs, { PATH, OUT }, RESULT_NUMBER },
    { "access", SYS_access, { PATH, SMALL }, RESULT_NUMBER },
    { "faccessat2", SYS_faccessat2, { FD, PATH, SMALL, FLAGS }, RESULT_NUMBER },
    { "readlink", SYS_readlink, { PATH, OUT, LEN }, RESULT_NUMBER },
    { "getcwd", SYS_getcwd, { OUT, LEN }, RESULT_NUMBER },
    { "getdents64", SYS_getdents64, { FD, OUT, LEN }, RESULT_NUMBER },
    { "lseek", SYS_lseek, { FD, SMALL, SMALL }, RESULT_NUMBER },
    { "uname", SYS_uname, { OUT }, RESULT_NUMBER },
    { "sysinfo", SYS_sysinfo, { OUT }, RESULT_NUMBER },
    { "times", SYS_times, { OUT }, RESULT_ADDR },
    { "getrusage", SYS_getrusage, { SMALL, OUT }, RESULT_NUMBER },
    { "gettimeofday", SYS_gettimeofday, { OUT, OUT }, RESULT_NUMBER },
    { "clock_gettime", SYS_clock_gettime, { SMALL, OUT }, RESULT_NUMBER },
    { "clock_getres", SYS_clock_getres, { SMALL, OUT }, RESULT_NUMBER },
    { "nanosleep", SYS_nanosleep, { IN, OUT }, RESULT_NUMBER },
    { "pipe", SYS_pipe, { OUT }, RESULT_NUMBER },
    { "pipe2", SYS_pipe2, { OUT, FLAGS }, RESULT_NUMBER },
    { "poll", SYS_poll, { IN, COUNT, ZERO }, RESULT_NUMBER },
    { "getrlimit", SYS_getrlimit, { SMALL, OUT }, RESULT_NUMBER },
    { "prlimit64", SYS_prlimit64, { SMALL, SMALL, ZERO, OUT }, RESULT_NUMBER },
    { "rt_sigaction", SYS_rt_sigaction, { SIGNO, IN, OUT, SETSIZE }, RESULT_NUMBER },
    { "rt_sigprocmask", SYS_rt_sigprocmask, { SMALL, IN, OUT, SETSIZE }, RESULT_NUMBER },
    { "rt_sigpending", SYS_rt_sigpending, { OUT, SETSIZE }, RESULT_NUMBER },
    { "sigaltstack", SYS_sigaltstack, { IN, OUT }, RESULT_NUMBER },
    { "kill", SYS_kill, { SMALL, SIGNO }, RESULT_NUMBER },
    { "wait4", SYS_wait4, { SMALL, OUT, FLAGS, OUT }, RESULT_NUMBER },
    { "futex", SYS_futex, { IN, SMALL, SMALL, IN }, RESULT_NUMBER },
    { "getrandom", SYS_getrandom, { OUT, LEN, FLAGS }, RESULT_NUMBER },
    { "sched_getaffinity", SYS_sched_getaffinity, { SMALL, LEN, OUT }, RESULT_NUMBER },
    { "getgroups", SYS_getgroups, { COUNT, OUT }, RESULT_NUMBER },
    { "fcntl", SYS_fcntl, { FD, SMALL, IN }, RESULT_FD },
    { "ioctl", SYS_ioctl, { FD, SMALL, OUT }, RESULT_NUMBER },
    { "dup3", SYS_dup3, { FD, FD, FLAGS }, RESULT_FD },
    { "socket", SYS_socket, { SMALL, FLAGS, SMALL }, RESULT_FD },
    { "arch_prctl", SYS_arch_prctl, { ARCH_CODE, OUT }, RESULT_NUMBER },
    { "prctl", SYS_prctl, { PRCTL_OPTION, OUT }, RESULT_NUMBER },
    { "mmap", SYS_mmap, { MADDR, MLEN, FLAGS, FLAGS, FD, SMALL }, RESULT_ADDR },
    { "munmap", SYS_munmap, { MADDR, MLEN }, RESULT_NUMBER },
    { "mprotect", SYS_mprotect, { MADDR, MLEN, FLAGS }, RESULT_NUMBER },
    { "madvise", SYS_madvise, { MADDR, MLEN, SMALL }, RESULT_NUMBER },
    { "mremap", SYS_mremap, { MADDR, MLEN, MLEN, FLAGS, MADDR }, RESULT_ADDR },
    { "mincore", SYS_mincore, { MADDR, MLEN, OUT }, RESULT_NUMBER },
    { "msync", SYS_msync, { MADDR, MLEN, FLAGS }, RESULT_NUMBER },
    { "mlock", SYS_mlock, { MADDR, MLEN }, RESULT_NUMBER },
};

static uint64_t rng;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned below(unsigned n)
{
    return next_random() % n;
}

/* Descriptors each case may use: a file, a directory, a pipe's ends (not
   blocking), /dev/zero, and numbers that are not open. */
#define SCRATCH "scratch file contents\n"
static int scratch_fds[5];
static const char *const fd_names[] = { "file", "dir", "pipe_r", "pipe_w", "zero" };

static void open_scratch(void)
{
    int p[2];
    char name[] = "/tmp/syscall-fuzz-XXXXXX";

    scratch_fds[0] = mkstemp(name);
    unlink(name);
    scratch_fds[1] = open("/", O_RDONLY | O_DIRECTORY);
    if (pipe2(p, O_NONBLOCK)) {
        exit(1);
    }
    scratch_fds[2] = p[0];
    scratch_fds[3] = p[1];
    scratch_fds[4] = open("/dev/zero", O_RDWR);
}

/* The arena rebuilt: good pages of zeros (a few ones) with a path at
   PATH_AT, a PROT_NONE page, a read-only page of zeros with a path at
   PATH_AT, then a hole.  Zeros make every structure a call reads
   harmless: timespecs of 0, empty sigsets, SIG_DFL. */
static void build_arena(void)
{
    static const char *const paths[] = { "/dev/null", "/", "/nonexistent/x", "/proc/self/fd/0" };
    unsigned char *good = (unsigned char *)GOOD;

    munmap((void *)ARENA, ARENA_SIZE + 4 * PAGE);
    if (mmap((void *)ARENA, HOLE - ARENA, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (void *)ARENA) {
        perror("arena");
        exit(1);
    }
    for (unsigned i = 0; i < 2 * PAGE; i++) {
        good[i] = i % 251 ? 0 : 1;   /* zero timespecs, sigsets, sizes */
    }
    strcpy((char *)good + PATH_AT, paths[below(ARRAY_SIZE(paths))]);
    strcpy((char *)RDONLY + PATH_AT, paths[below(ARRAY_SIZE(paths))]);
    /* A string straddling into the PROT_NONE page, no NUL before it. */
    memset(good + 2 * PAGE - 8, '/', 8);
    mprotect((void *)NONE, PAGE, PROT_NONE);
    mprotect((void *)RDONLY, PAGE, PROT_READ);
}

/* A pointer argument: its value and how it prints. */
static uint64_t draw_pointer(Kind kind, char *text, size_t size)
{
    static const struct { const char *name; uint64_t value; } where[] = {
        { "NULL", 0 },
        { "unmapped", HOLE + 16 },
        { "prot_none", NONE + 8 },
        { "read_only", RDONLY },
        { "kernel", 0xffff888000000000ULL },
        { "noncanonical", 0x8000000000001000ULL },
        { "last_byte", NONE - 1 },
        { "straddle", NONE - 8 },
        { "good", GOOD + 64 },
        { "good", GOOD + 64 },
        { "good_end", NONE - 256 },
    };
    unsigned i = below(ARRAY_SIZE(where));
    bool path = kind == PATH && (where[i].value == GOOD + 64 || where[i].value == RDONLY);

    snprintf(text, size, "%s", where[i].name);
    return where[i].value + (path ? PATH_AT - (where[i].value & (PAGE - 1)) : 0);
}

static uint64_t draw_length(void)
{
    static const uint64_t lengths[] = {
        0, 1, 8, 16, 64, 256, 4096, 8192, 0x7fffffff, 0x80000000, 0xffffffff,
        0x7ffff000, 1ULL << 40, ~0ULL, ~0ULL >> 1, (uint64_t)-4096,
    };

    return below(3) ? lengths[below(ARRAY_SIZE(lengths))] : below(9000);
}

static uint64_t draw(Kind kind, char *text, size_t size)
{
    uint64_t v;

    switch (kind) {
    case IN:
    case OUT:
    case PATH:
        return draw_pointer(kind, text, size);
    case ZERO:
        v = 0;
        break;
    case FD: {
        unsigned i = below(ARRAY_SIZE(scratch_fds) + 3);

        if (i < ARRAY_SIZE(scratch_fds)) {
            snprintf(text, size, "%s", fd_names[i]);
            return scratch_fds[i];
        }
        v = i == ARRAY_SIZE(scratch_fds) ? (uint64_t)-1 : i == ARRAY_SIZE(scratch_fds) + 1
            ? (uint64_t)AT_FDCWD : 100000;
        break;
    }
    case LEN:
    case MLEN:
        v = kind == MLEN && below(2) ? PAGE * (1 + below(5)) : draw_length();
        break;
    case COUNT:
        v = below(2) ? below(4) : draw_length();
        break;
    case FLAGS:
        v = below(3) ? next_random() & ((1ULL << below(33)) - 1) : next_random();
        v = below(4) ? v & 0xffffffff : v;
        break;
    case SIGNO:
        v = below(4) ? below(72) : next_random() & 0xffffffff;
        break;
    case SMALL:
        v = below(4) ? below(20) : below(2) ? (uint64_t)-1 - below(3) : next_random();
        break;
    case MADDR: {
        static const uint64_t addrs[] = {
            ARENA, ARENA + PAGE, NONE, RDONLY, HOLE, ARENA + 1, 0, 0xffff888000000000ULL,
            0x800000000000ULL - PAGE, 0x8000000000000000ULL,
        };
        v = addrs[below(ARRAY_SIZE(addrs))];
        break;
    }
    case SETSIZE:
        v = below(3) ? 8 : draw_length();
        break;
    case ARCH_CODE: {
        static const uint64_t codes[] = { 0x1003, 0x1004, 0x1011, 0x1021, 0x1022, 0, 0x1fff, ~0ULL };
        v = codes[below(ARRAY_SIZE(codes))];
        break;
    }
    case PRCTL_OPTION: {
        static const uint64_t options[] = { PR_GET_NAME, PR_GET_DUMPABLE, PR_GET_PDEATHSIG,
                                            PR_GET_TSC, 0x12345, ~0ULL };
        v = options[below(ARRAY_SIZE(options))];
        break;
    }
    default:
        v = 0;
        break;
    }
    snprintf(text, size, "%#llx", (unsigned long long)v);
    return v;
}

/* Arguments that would reach past what a case may touch, or block, or
   cost the machine: a fixed mapping outside the arena, a length that
   would reach past it (unless the kernel refuses it first), a large or
   populated new mapping, a dup3 over a descriptor in use, a signal sent
   anywhere, an fcntl that changes how a scratch descriptor blocks, a
   futex wait that could wait (the memory it reads is zero). */
static bool unsafe(const Call *c, const uint64_t *a)
{
    const uint64_t fixed = MAP_FIXED | MAP_FIXED_NOREPLACE, user_end = 1ULL << 47;
    const uint64_t futex_op = a[1] & 0x7f;

    switch (c->nr) {
    case SYS_mmap:
        return ((a[3] & fixed) && (a[0] < ARENA || a[0] >= HOLE + PAGE))
               || (a[1] > (1ULL << 30) && a[1] < user_end)
               || ((a[3] & (MAP_POPULATE | MAP_LOCKED)) && a[1] > 16 * PAGE);
    case SYS_mremap:
        return ((a[3] & MREMAP_FIXED) && (a[4] < ARENA || a[4] >= HOLE + PAGE))
               || (a[2] > (1ULL << 30) && a[2] < user_end)
               || (a[1] > 16 * PAGE && a[1] < user_end && a[0] < user_end);
    case SYS_munmap: case SYS_mprotect: case SYS_madvise: case SYS_mlock:
    case SYS_msync: case SYS_mincore:
        return a[1] > 16 * PAGE && a[1] < user_end && a[0] < user_end;
    case SYS_dup3:
        return a[1] < 100000;
    case SYS_kill:
        return a[1] != 0 && a[1] < 65;
    case SYS_fcntl:
        return a[1] == F_SETFL || a[1] == F_SETOWN || a[1] == F_SETSIG || a[1] == F_SETLKW;
    case SYS_futex:
        return (futex_op == 0 || futex_op == 9 || futex_op == 11) && (uint32_t)a[2] == 0;
    default:
        return false;
    }
}

static void print_result(const Call *c, long ret, const uint64_t *a)
{
    if (ret < 0 && ret > -4096) {
        const char *name = strerrorname_np(-ret);

        printf(" -> %s\n", name ? name : "errno?");
    } else if (c->result == RESULT_ADDR && ret >= (long)ARENA && ret < (long)(HOLE + PAGE)) {
        printf(" -> arena+%#lx\n", ret - (long)ARENA);
    } else if (c->result == RESULT_ADDR) {
        printf(" -> addr\n");
    } else {
        printf(" -> %ld\n", ret);
    }
    if (c->result == RESULT_FD && ret > 2) {
        int owned = 0;

        for (size_t i = 0; i < ARRAY_SIZE(scratch_fds); i++) {
            owned |= scratch_fds[i] == ret;
        }
        if (!owned) {
            close(ret);
        }
    }
    if (c->result == RESULT_ADDR && c->nr != SYS_times && ret > 0
        && (ret < (long)ARENA || ret >= (long)(HOLE + PAGE))) {
        munmap((void *)ret, c->nr == SYS_mremap ? a[2] : a[1]);
    }
    if (c->nr == SYS_pipe || c->nr == SYS_pipe2) {
        if (ret == 0) {
            int *fds = (int *)(uintptr_t)a[0];

            close(fds[0]);
            close(fds[1]);
        }
    }
}

int main(int argc, char **argv)
{
    uint64_t seed;
    long first, count;

    if (argc < 4) {
        fprintf(stderr, "usage: syscall-fuzz SEED FIRST COUNT\n");
        return 2;
    }
    seed = strtoull(argv[1], NULL, 0);
    first = atol(argv[2]);
    count = atol(argv[3]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    open_scratch();

    for (long i = first; i < first + count; i++) {
        const Call *c;
        uint64_t a[6] = { 0 };
        char text[6][32];
        char drain[65536];
        long ret;

        rng = (seed * 0x9e3779b97f4a7c15ULL) ^ ((uint64_t)i * 0xbf58476d1ce4e5b9ULL) ^ 1;
        build_arena();
        do {
            c = &calls[below(ARRAY_SIZE(calls))];
            for (int k = 0; k < 6; k++) {
                text[k][0] = 0;
                a[k] = c->args[k] == NONE_ARG ? 0 : draw(c->args[k], text[k], sizeof(text[k]));
            }
        } while (unsafe(c, a));
        printf("%ld %s(", i, c->name);
        for (int k = 0; k < 6 && c->args[k] != NONE_ARG; k++) {
            printf("%s%s", k ? ", " : "", text[k]);
        }
        printf(")");
        ret = syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        ret = ret == -1 ? -errno : ret;
        print_result(c, ret, a);
        /* The scratch descriptors back where they were. */
        while (read(scratch_fds[2], drain, sizeof(drain)) > 0) {
        }
        if (ftruncate(scratch_fds[0], 0) || pwrite(scratch_fds[0], SCRATCH, strlen(SCRATCH), 0) < 0) {
            return 1;
        }
        lseek(scratch_fds[0], 0, SEEK_SET);
        lseek(scratch_fds[1], 0, SEEK_SET);
    }
    return 0;
}
