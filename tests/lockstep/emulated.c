/*
 * emulated.c: runs the guest program under our emulator with
 * "-d cpu,nochain" (",fpu" to compare x87 and SSE state), which logs the
 * guest state before every translation block in QEMU's text format
 * (target/i386/cpu-dump.c), and parses that log as it streams in.  In block
 * mode ",in_asm" adds each block's instructions when it is translated, and
 * ",page" where guest memory lives in the emulator (to read it); in step
 * mode "-singlestep" makes every instruction a block; ",strace" says what
 * the clock calls wrote.  The log goes to the emulator's stderr, a pipe,
 * through "-D DIR/log.%d": the program's own name there is a link to
 * /proc/self/fd/2, so only a child the program forks logs elsewhere (a
 * file of its own in DIR, removed at the end).  The guest's own stderr
 * shares the pipe; lines that are not register lines are skipped.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lockstep.h"

struct Emulated {
    pid_t pid;
    FILE *log;
    bool with_sse;
    char *line;
    size_t line_size;
    uint64_t guest_base;
    GHashTable *tbs;        /* pc -> EmuTB, the latest translation */
    EmuTB *translating;     /* the block whose in_asm lines are being read */
    GArray *addrs;
    bool code_dropped;      /* an "smc:" line since emulated_code_dropped asked */
    char *log_dir;          /* the -D directory: the program's children's logs */
    EmuTime time;           /* what the last clock call wrote (-d strace) */
};

Emulated *emulated_start(const char *qemu, char **argv, char **envp, bool with_sse,
                         bool blocks)
{
    Emulated *e = calloc(1, sizeof(*e));
    char pattern[PATH_MAX], own_log[PATH_MAX];
    int fds[2];
    int argc = 0;
    char **args;

    while (argv[argc]) {
        argc++;
    }
    /* The program's children log into files of their own in a directory
       of ours (-D with %d); its own log name is made a link to the
       emulator's stderr, the pipe read here. */
    e->log_dir = strdup("/tmp/lockstep-XXXXXX");
    if (!mkdtemp(e->log_dir)) {
        perror("mkdtemp");
        exit(2);
    }
    snprintf(pattern, sizeof(pattern), "%s/log.%%d", e->log_dir);
    args = calloc(argc + 10, sizeof(*args));
    args[0] = (char *)qemu;
    args[1] = "-D";
    args[2] = pattern;
    args[3] = "-seed";
    args[4] = LOCKSTEP_SEED_TEXT;
    args[5] = blocks ? "-d" : "-singlestep";
    args[6] = blocks ? (with_sse ? "cpu,nochain,in_asm,page,strace,fpu"
                                 : "cpu,nochain,in_asm,page,strace")
                     : "-d";
    args[7] = blocks ? "--" : with_sse ? "cpu,nochain,strace,fpu" : "cpu,nochain,strace";
    memcpy(args + 8, argv, argc * sizeof(*args));
    /* A block replaced by a new translation of its pc is not freed: the
       caller may still hold it (it looks up one block ahead). */
    e->tbs = g_hash_table_new(g_int64_hash, g_int64_equal);
    e->addrs = g_array_new(false, false, sizeof(uint64_t));

    e->with_sse = with_sse;
    if (pipe(fds) < 0) {
        perror("pipe");
        exit(2);
    }
    /* A page of log at first: the emulator stops at its first blocks
       until native_copy_stack has read its initial stack (a short program
       would otherwise be gone already); see emulated_run_ahead. */
    fcntl(fds[0], F_SETPIPE_SZ, 4096);
    e->pid = fork();
    if (e->pid < 0) {
        perror("fork");
        exit(2);
    }
    if (e->pid == 0) {
        int null = open("/dev/null", O_RDWR);

        own_namespaces(false);  /* (native.c says when there is none) */
        snprintf(own_log, sizeof(own_log), "%s/log.%d", e->log_dir, (int)getpid());
        if (symlink("/proc/self/fd/2", own_log) < 0) {
            _exit(127);
        }
        dup2(null, 0);
        dup2(null, 1);
        dup2(fds[1], 2);
        close(null);
        close(fds[0]);
        close(fds[1]);
        execve(qemu, args, envp);
        _exit(127);
    }
    close(fds[1]);
    free(args);
    e->log = fdopen(fds[0], "r");
    setvbuf(e->log, NULL, _IOFBF, 1 << 20);
    return e;
}

/* Parses "NAME=hex" fields of one line into the GPRs they name. */
static void parse_gprs(const char *line, GuestState *s)
{
    int i;

    for (i = 0; i < NB_GPR; i++) {
        char key[8];
        const char *p;

        snprintf(key, sizeof(key), "%s=", gpr_names[i]);
        p = strstr(line, key);
        if (p) {
            s->gpr[i] = strtoull(p + strlen(key), NULL, 16);
        }
    }
}

static void parse_xmm(const char *line, GuestState *s)
{
    const char *p = line;

    while ((p = strstr(p, "XMM")) != NULL) {
        unsigned idx;
        char hi[17], lo[17];

        if (sscanf(p, "XMM%2u=%16[0-9a-f]%16[0-9a-f]", &idx, hi, lo) == 3 && idx < 16) {
            s->xmm[idx][1] = strtoull(hi, NULL, 16);
            s->xmm[idx][0] = strtoull(lo, NULL, 16);
        }
        p += 3;
    }
}

/* "FCW=037f FSW=0000 [ST=0] FTW=00 MXCSR=00001f80": FSW carries TOP, FTW
   is the abridged tag word, bit i for physical register i, as FXSAVE's. */
static void parse_x87_control(const char *line, GuestState *s)
{
    unsigned fcw, fsw, ftw, mxcsr;

    if (sscanf(line, "FCW=%x FSW=%x [ST=%*d] FTW=%x MXCSR=%x", &fcw, &fsw, &ftw, &mxcsr) == 4) {
        s->fcw = fcw;
        s->fsw = fsw;
        s->ftw = ftw;
        s->mxcsr = mxcsr;
    }
}

/* "FPR0=significand sign_exp FPR1=...": two physical registers a line. */
static void parse_fpr(const char *line, X87Reg fpr[8])
{
    const char *p = line;

    while ((p = strstr(p, "FPR")) != NULL) {
        unsigned idx, sign_exp;
        unsigned long long mant;

        if (sscanf(p, "FPR%1u=%16llx %4x", &idx, &mant, &sign_exp) == 3 && idx < 8) {
            fpr[idx].mant = mant;
            fpr[idx].sign_exp = sign_exp;
        }
        p += 3;
    }
}

/* ST(i) is physical register (TOP + i) mod 8, the order FXSAVE stores. */
static void to_stack_order(GuestState *s, const X87Reg fpr[8])
{
    unsigned top = (s->fsw >> 11) & 7;
    int i;

    for (i = 0; i < 8; i++) {
        s->st[i] = fpr[(top + i) & 7];
    }
}

/* Whether the rest of an -d in_asm line is bytes only: the line that goes
   on with the bytes of an instruction longer than the 8 of its first. */
static bool only_bytes(const char *l)
{
    for (;;) {
        l += strspn(l, " \n");
        if (!*l) {
            return true;
        }
        if (!isxdigit((unsigned char)l[0]) || !isxdigit((unsigned char)l[1]) ||
            (l[2] && !isspace((unsigned char)l[2]))) {
            return false;
        }
        l += 2;
    }
}

/* In block mode: "IN: symbol", then "0x<address>:  bytes  disassembly" a
   line (bytes past 8 on lines of their own), then an empty line. */
static bool parse_in_asm(Emulated *e, const char *l)
{
    unsigned long long v;
    int end;

    if (!strncmp(l, "IN:", 3)) {
        e->translating = calloc(1, sizeof(EmuTB));
        g_array_set_size(e->addrs, 0);
        return true;
    }
    if (!e->translating) {
        return false;
    }
    if (sscanf(l, "0x%llx:%n", &v, &end) == 1) {
        if (!only_bytes(l + end)) {
            g_array_append_val(e->addrs, v);
        }
        return true;
    }
    if (e->addrs->len) {
        EmuTB *tb = e->translating;

        tb->nb_insns = e->addrs->len;
        tb->addrs = malloc(e->addrs->len * sizeof(uint64_t));
        memcpy(tb->addrs, e->addrs->data, e->addrs->len * sizeof(uint64_t));
        tb->pc = tb->addrs[0];
        g_hash_table_replace(e->tbs, &tb->pc, tb);
    }
    e->translating = NULL;
    return false;
}

/* A -d strace line of clock_gettime or gettimeofday that succeeded:
   "PID clock_gettime(CLOCK_MONOTONIC,0x...) = 0 ({tv_sec = S,tv_nsec = N})". */
static bool parse_time(Emulated *e, const char *l)
{
    static const struct { const char *call; uint64_t nr; const char *written; } calls[] = {
        { " clock_gettime(", 228, ") = 0 ({tv_sec = %lld,tv_nsec = %lld}" },
        { " gettimeofday(", 96, ") = 0 ({tv_sec = %lld,tv_usec = %lld}" },
    };
    long long sec, frac;
    size_t i;

    if (!isdigit((unsigned char)l[0])) {
        return false;           /* (every line is read: only strace lines start with the pid) */
    }
    for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        const char *at = strstr(l, calls[i].call);
        const char *written = at ? strstr(at, ") = 0 ({tv_sec = ") : NULL;

        if (written && sscanf(written, calls[i].written, &sec, &frac) == 2) {
            e->time = (EmuTime) { calls[i].nr, sec, frac };
            return true;
        }
    }
    return false;
}

bool emulated_time(Emulated *e, uint64_t nr, EmuTime *t)
{
    if (e->time.nr != nr) {
        return false;
    }
    *t = e->time;
    e->time.nr = 0;
    return true;
}

bool emulated_code_dropped(Emulated *e)
{
    bool dropped = e->code_dropped;

    e->code_dropped = false;
    return dropped;
}

EmuTB *emulated_tb(Emulated *e, uint64_t pc)
{
    return g_hash_table_lookup(e->tbs, &pc);
}

static void remove_logs(Emulated *e)
{
    DIR *d = opendir(e->log_dir);
    struct dirent *de;

    while (d && (de = readdir(d))) {
        if (de->d_name[0] != '.') {
            unlinkat(dirfd(d), de->d_name, 0);
        }
    }
    if (d) {
        closedir(d);
    }
    rmdir(e->log_dir);
}

bool emulated_state(Emulated *e, GuestState *s, int *status)
{
    X87Reg fpr[8];  /* in the dump's order: physical registers */
    bool started = false;

    while (getline(&e->line, &e->line_size, e->log) > 0) {
        const char *l = e->line;
        unsigned long long v, w;
        unsigned x;

        if (parse_in_asm(e, l)) {
            continue;
        }
        if (!strncmp(l, "smc: ", 5)) {
            e->code_dropped = true;
            continue;
        }
        if (parse_time(e, l)) {
            continue;
        }
        if (sscanf(l, "guest space: 0x%llx bytes at host 0x%llx", &w, &v) == 2) {
            e->guest_base = v;
            continue;
        }

        if (!strncmp(l, "RAX=", 4)) {
            memset(s, 0, sizeof(*s));
            started = true;
        }
        if (!started) {
            continue;
        }
        if (!strncmp(l, "RAX=", 4) || !strncmp(l, "RSI=", 4) ||
            !strncmp(l, "R8 =", 4) || !strncmp(l, "R12=", 4)) {
            parse_gprs(l, s);
        } else if (sscanf(l, "RIP=%llx RFL=%x", &v, &x) == 2) {
            s->rip = v;
            s->eflags = x;
        } else if (sscanf(l, "FS =%x %llx", &x, &v) == 2) {
            s->fs_base = v;
        } else if (!strncmp(l, "EFER=", 5) && !e->with_sse) {
            return true;
        } else if (!strncmp(l, "FCW=", 4)) {
            parse_x87_control(l, s);
        } else if (!strncmp(l, "FPR", 3)) {
            parse_fpr(l, fpr);
            if (!strncmp(l, "FPR6=", 5)) {
                to_stack_order(s, fpr);
            }
        } else if (!strncmp(l, "XMM", 3)) {
            parse_xmm(l, s);
            if (!strncmp(l, "XMM14=", 6)) {
                return true;
            }
        }
    }
    fclose(e->log);
    waitpid(e->pid, status, 0);
    remove_logs(e);
    return false;
}

size_t emulated_peek(Emulated *e, uint64_t addr, void *buf, size_t len)
{
    struct iovec local = { buf, len }, remote = { (void *)(addr + e->guest_base), len };
    ssize_t done = process_vm_readv(e->pid, &local, 1, &remote, 1, 0);

    return done < 0 ? 0 : done;
}

uint64_t emulated_mapping_end(Emulated *e, uint64_t addr)
{
    char path[64], line[256];
    uint64_t lo, hi, end = 0, host = addr + e->guest_base;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%d/maps", (int)e->pid);
    f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "%" SCNx64 "-%" SCNx64, &lo, &hi) == 2 && host >= lo && host < hi) {
            end = hi - e->guest_base;
        }
    }
    fclose(f);
    return end;
}

void emulated_kill(Emulated *e)
{
    int status;

    kill(e->pid, SIGKILL);
    fclose(e->log);
    waitpid(e->pid, &status, 0);
    remove_logs(e);
}

void emulated_run_ahead(Emulated *e)
{
    /* Room for some 500 dumps: the emulator runs ahead of the native run
       instead of waking this process at every 64 KiB. */
    fcntl(fileno(e->log), F_SETPIPE_SZ, 1 << 20);
}
