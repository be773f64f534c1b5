/*
 * log.c: -d items, -D file and -dfilter ranges.  The item table below is the
 * one place that names them: the parser, -d help and the unit test all read
 * it.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "qemu/own-fd.h"
#include "qemu/log.h"

int qemu_loglevel;
FILE *qemu_logfile;

typedef struct LogItem {
    int mask;
    const char *name;
    const char *help;
} LogItem;

static const LogItem log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm", "show generated host assembly code for each compiled TB" },
    { CPU_LOG_TB_IN_ASM, "in_asm", "show target assembly code for each compiled TB" },
    { CPU_LOG_TB_OP, "op", "show micro ops for each compiled TB" },
    { CPU_LOG_TB_OP_OPT, "op_opt", "show micro ops after optimization" },
    { CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec", "show trace before each executed TB (lots of logs)" },
    { CPU_LOG_TB_CPU, "cpu", "show CPU registers before entering a TB (lots of logs)" },
    { CPU_LOG_TB_FPU, "fpu", "include FPU registers in the 'cpu' logging" },
    { CPU_LOG_MMU, "mmu", "log MMU-related activities" },
    { CPU_LOG_PCALL, "pcall", "x86 only: show protected mode far calls/returns/exceptions" },
    { CPU_LOG_RESET, "cpu_reset", "show CPU state before CPU resets" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
    { LOG_GUEST_ERROR, "guest_errors", "log when the guest OS does something invalid (eg accessing a\nnon-existent register)" },
    { CPU_LOG_PAGE, "page", "dump pages at beginning of user mode emulation" },
    { CPU_LOG_TB_NOCHAIN, "nochain", "do not chain compiled TBs so that \"exec\" and \"cpu\" show\ncomplete traces" },
    { CPU_LOG_TB_NOOPT, "nooptimize", "do not run the IR optimiser (tcg/optimize.c), to compare with optimised runs" },
    { CPU_LOG_TB_NOPIN, "nopin", "keep no guest register in a host register across TBs (tcg.c, \"Pinned globals\")" },
    { LOG_STRACE, "strace", "log every user-mode syscall, its input, and its result" },
    { LOG_SHDWRT, "shdwrt", "print shared-writable event counts at exit (every event with --enable-shdwrt-dbgmsg)" },
};

int qemu_str_to_log_mask(const char *str)
{
    int mask = 0;
    const char *p = str;

    if (!str || !*str) {
        return 0;
    }
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        bool found = false;

        for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
            if (strlen(log_items[i].name) == len
                && memcmp(log_items[i].name, p, len) == 0) {
                mask |= log_items[i].mask;
                found = true;
                break;
            }
        }
        if (!found) {
            return 0;
        }
        if (!end) {
            return mask;
        }
        p = end + 1;
    }
}

void qemu_print_log_usage(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
        fprintf(f, "%-15s %s\n", log_items[i].name, log_items[i].help);
    }
}

void qemu_set_log(int mask)
{
    qemu_loglevel = mask;
}

/* The -D name, kept when it has "%d" (the process id) for the children. */
static char *log_pattern;

/* pattern with its one "%d" (the only % it may hold, or "%%") as pid,
   into name (PATH_MAX bytes). */
static void log_name_for(const char *pattern, pid_t pid, char *name)
{
    size_t n = 0;
    int pids = 0;

    for (const char *p = pattern; *p && n < PATH_MAX - 16; p++) {
        if (p[0] == '%' && p[1] == 'd' && !pids++) {
            n += snprintf(name + n, PATH_MAX - n, "%d", (int)pid);
            p++;
        } else if (p[0] == '%' && p[1] != '%') {
            fprintf(stderr, "qemu: bad log file name '%s': only one %%d (the process id) "
                    "may stand in it\n", pattern);
            exit(1);
        } else {
            name[n++] = *p;
            p += p[0] == '%';
        }
    }
    name[n] = 0;
}

void qemu_set_log_filename(const char *filename)
{
    if (qemu_logfile && qemu_logfile != stderr) {
        own_fd_remove(fileno(qemu_logfile));
        fclose(qemu_logfile);
    }
    qemu_logfile = stderr;
    if (filename != log_pattern) {
        free(log_pattern);
        log_pattern = filename && strstr(filename, "%d") ? strdup(filename) : NULL;
    }
    if (filename) {
        char name[PATH_MAX];
        FILE *f;
        int fd;

        log_name_for(filename, getpid(), name);
        fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        f = fd < 0 ? NULL : fdopen(own_fd_take(fd), "w");
        if (!f) {
            fprintf(stderr, "qemu: could not open log file '%s': %s\n",
                    name, strerror(errno));
            exit(1);
        }
        /* Line buffering keeps the log readable if the guest dies. */
        setvbuf(f, NULL, _IOLBF, 0);
        qemu_logfile = f;
    }
}

void qemu_log_vprintf(const char *fmt, va_list ap)
{
    vfprintf(qemu_logfile ? qemu_logfile : stderr, fmt, ap);
}

void qemu_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    qemu_log_vprintf(fmt, ap);
    va_end(ap);
}

void qemu_log_flush(void)
{
    fflush(qemu_logfile ? qemu_logfile : stderr);
}

void qemu_log_fork_child(void)
{
    if (log_pattern) {
        qemu_set_log_filename(log_pattern);
    }
}

/* -dfilter: inclusive guest address ranges; none set means all addresses. */
typedef struct LogRange {
    uint64_t first, last;
} LogRange;

static LogRange *log_ranges;
static size_t n_log_ranges;

/* One range: "A+LEN" ([A, A+LEN)), "A-LEN" (LEN bytes ending at A) or
   "A..B" (A to B inclusive); numbers in C notation. */
static bool parse_log_range(const char *s, LogRange *r)
{
    char *end;
    uint64_t a, b;

    errno = 0;
    a = strtoull(s, &end, 0);
    if (end == s || errno) {
        return false;
    }
    if (end[0] == '.' && end[1] == '.') {
        s = end + 2;
        b = strtoull(s, &end, 0);
        *r = (LogRange) { a, b };
        return end != s && !errno && *end == 0 && b >= a;
    }
    if (*end != '+' && *end != '-') {
        return false;
    }
    s = end + 1;
    b = strtoull(s, &end, 0);
    if (end == s || errno || *end || b == 0) {
        return false;
    }
    *r = s[-1] == '+' ? (LogRange) { a, a + b - 1 } : (LogRange) { a - b + 1, a };
    return r->first <= r->last;
}

bool qemu_set_dfilter_ranges(const char *spec)
{
    char *copy = strdup(spec), *save = NULL;
    LogRange *ranges = NULL;
    size_t n = 0;
    bool ok = copy != NULL;

    for (char *tok = strtok_r(copy, ",", &save); ok && tok; tok = strtok_r(NULL, ",", &save)) {
        LogRange *grown = realloc(ranges, (n + 1) * sizeof(*ranges));

        ok = grown && parse_log_range(tok, &grown[n]);
        ranges = grown ? grown : ranges;
        n++;
    }
    free(copy);
    if (!ok || n == 0) {
        free(ranges);
        return false;
    }
    free(log_ranges);
    log_ranges = ranges;
    n_log_ranges = n;
    return true;
}

bool qemu_log_in_addr_range(uint64_t addr)
{
    for (size_t i = 0; i < n_log_ranges; i++) {
        if (addr >= log_ranges[i].first && addr <= log_ranges[i].last) {
            return true;
        }
    }
    return n_log_ranges == 0;
}
