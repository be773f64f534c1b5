/*
 * runner.c: runs a plan of test commands and prints one result line each,
 * for tests/large-page/run-check-large-page.sh.  Built statically for the
 * large-page VMs (which have no shell: this program is the driver of a
 * whole batch in one boot) and for this machine, so that the native and
 * -p runs are judged by the same code.
 *
 *   runner [-v] [-t SECONDS] PLAN WORKDIR
 *
 * PLAN has one test a line: "ID PROGRAM ARGS...", words separated by
 * blanks.  Each runs as check-tcg runs a guest program
 * (tests/tcg/run-check-tcg.sh): the arguments "one" "two words" "3"
 * appended, the same fixed environment, stdin /dev/null, in a directory
 * of its own under WORKDIR.  It prints
 *
 *   RESULT ID STATUS BYTES HASH TIME
 *
 * STATUS as a shell gives it (exit code, 128+signal, or "timeout" after
 * SECONDS, default 300), BYTES and HASH (FNV-1a, 64 bits) of its stdout,
 * TIME the wall seconds it took.
 * -v also prints stdout and the first lines of stderr of each test.
 *
 * Run as root where no devpts is mounted (the VMs' /init mounts none), it
 * mounts one at /dev/pts first, so that a test can open a pseudo-terminal
 * (/dev/ptmx of a devtmpfs finds its pts there).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORDS 32

static char *const test_env[] = {
    "PATH=/usr/bin:/bin", "LANG=C", "LC_ALL=C", "HOME=/tmp",
    "TCGTEST_VAR=hello-from-runner", NULL
};
static const char *const test_args[] = { "one", "two words", "3" };

static void die(const char *what)
{
    perror(what);
    exit(2);
}

/* Splits line into blank-separated words; returns how many. */
static int split_words(char *line, char **word, int max)
{
    int n = 0;

    for (char *tok = strtok(line, " \t\n"); tok && n < max; tok = strtok(NULL, " \t\n")) {
        word[n++] = tok;
    }
    return n;
}

static uint64_t fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}

/* Waits for pid for at most timeout seconds; its shell status, or -1. */
static int wait_with_timeout(pid_t pid, int timeout)
{
    struct timespec tick = { 0, 20 * 1000 * 1000 };
    int st;

    for (long waited = 0; waited < timeout * 50L; waited++) {
        pid_t r = waitpid(pid, &st, WNOHANG);

        if (r == pid) {
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        if (r < 0 && errno != EINTR) {
            die("waitpid");
        }
        nanosleep(&tick, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -1;
}

static void show_file(const char *label, const char *path, size_t max)
{
    char buf[4096];
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f) {
        return;
    }
    n = fread(buf, 1, max < sizeof(buf) - 1 ? max : sizeof(buf) - 1, f);
    buf[n] = 0;
    fclose(f);
    printf("--- %s\n%s%s", label, buf, n && buf[n - 1] != '\n' ? "\n" : "");
}

/* Mounts a devpts at /dev/pts when there is none and we may. */
static void mount_devpts(void)
{
    if (getuid() != 0 || access("/dev/pts/ptmx", F_OK) == 0) {
        return;
    }
    mkdir("/dev/pts", 0755);
    if (mount("devpts", "/dev/pts", "devpts", 0, "ptmxmode=0666") != 0) {
        perror("runner: mount devpts on /dev/pts");
    }
}

/* Runs one test in its own directory dir; prints its RESULT line. */
static void run_test(const char *id, char **cmd, int ncmd, const char *dir,
                     int timeout, int verbose)
{
    char out_path[4200], err_path[4200], buf[65536];
    char *argv[MAX_WORDS + 4];
    uint64_t hash = 0xcbf29ce484222325ull;
    unsigned long long bytes = 0;
    struct timespec start, end;
    double secs;
    int status, fd;
    ssize_t n;
    pid_t pid;

    snprintf(out_path, sizeof(out_path), "%s.out", dir);
    snprintf(err_path, sizeof(err_path), "%s.err", dir);
    if (mkdir(dir, 0700) != 0) {
        die(dir);
    }
    memcpy(argv, cmd, ncmd * sizeof(*argv));
    memcpy(argv + ncmd, test_args, sizeof(test_args));
    argv[ncmd + 3] = NULL;

    fflush(stdout);
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid = fork();
    if (pid < 0) {
        die("fork");
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

        if (in < 0 || out < 0 || err < 0 || chdir(dir) != 0) {
            _exit(126);
        }
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        setpgid(0, 0);
        execve(argv[0], argv, test_env);
        _exit(127);
    }
    status = wait_with_timeout(pid, timeout);
    clock_gettime(CLOCK_MONOTONIC, &end);
    secs = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    kill(-pid, SIGKILL);                /* what the test left running */

    fd = open(out_path, O_RDONLY);
    while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
        hash = fnv1a(hash, (unsigned char *)buf, n);
        bytes += n;
    }
    if (fd >= 0) {
        close(fd);
    }
    if (status < 0) {
        printf("RESULT %s timeout", id);
    } else {
        printf("RESULT %s %d", id, status);
    }
    printf(" %llu %016llx %.2f\n", bytes, (unsigned long long)hash, secs);
    if (verbose) {
        show_file("stdout", out_path, 4095);
        show_file("stderr", err_path, 1024);
    }
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int verbose = 0, timeout = 300, opt, number = 0;
    char line[4096], dir[4096];
    FILE *plan;

    while ((opt = getopt(argc, argv, "vt:")) != -1) {
        switch (opt) {
        case 'v':
            verbose = 1;
            break;
        case 't':
            timeout = atoi(optarg);
            break;
        default:
            fprintf(stderr, "usage: runner [-v] [-t SECONDS] PLAN WORKDIR\n");
            return 2;
        }
    }
    if (argc - optind != 2 || timeout <= 0) {
        fprintf(stderr, "usage: runner [-v] [-t SECONDS] PLAN WORKDIR\n");
        return 2;
    }
    plan = fopen(argv[optind], "r");
    if (!plan) {
        die(argv[optind]);
    }
    mkdir(argv[optind + 1], 0700);
    mount_devpts();
    while (fgets(line, sizeof(line), plan)) {
        char *word[MAX_WORDS + 1];
        int n = split_words(line, word, MAX_WORDS + 1);

        if (n == 0 || word[0][0] == '#') {
            continue;
        }
        if (n < 2 || n > MAX_WORDS) {
            fprintf(stderr, "runner: bad plan line for %s\n", word[0]);
            return 2;
        }
        snprintf(dir, sizeof(dir), "%s/%d", argv[optind + 1], number++);
        run_test(word[0], word + 1, n - 1, dir, timeout, verbose);
    }
    fclose(plan);
    printf("RUNNER DONE %d\n", number);
    return 0;
}
