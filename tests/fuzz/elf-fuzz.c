/*
 * elf-fuzz.c: the ELF-mutation fuzzer (docs/devel/fuzzing.md).  A host
 * tool: it mutates a small valid static program (ELFCLASS32 or 64), runs
 * each mutant natively (through execve) and under the emulator, and
 * prints one line per mutant whose outcomes differ.
 *
 *   elf-fuzz SEEDFILE WORKDIR NATIVE SEED FIRST COUNT TIMEOUT EMULATOR [OPTION...]
 *
 * Mutant i of seed S depends on S and i only, so "FIRST=i COUNT=1"
 * reproduces one (WORKDIR/mutant is left behind).  NATIVE is 1 when this
 * kernel can run the seed's class; with 0 the only judgement is that the
 * emulator never dies on its own.  An outcome is "refused: <strerror>"
 * (execve failed; the emulator's one-line refusal "PROG: FILE: <strerror>
 * (detail)" with status 1 counts as the same), "exit N" or "signal N"
 * with a checksum of stdout, or "timeout".  The emulator failed on its own
 * when it prints "qemu: fatal", or dies of a signal whose default dumps
 * core without its "uncaught target signal" line (its own crash or
 * abort).  Both run without address-space randomisation, which the
 * emulator does not model (a random brk start decides whether a moved
 * PT_GNU_RELRO lands on the heap).  Lines:
 *
 *   INDEX differ|internal|timeout MUTATIONS native=OUTCOME emulated=OUTCOME
 *
 * and last "checked N" with the count run.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A header field: its offset and width in each class. */
typedef struct Field {
    const char *name;
    unsigned char off32, size32, off64, size64;
} Field;

#define FIELD(s, f) { #f, offsetof(Elf32_##s, f), sizeof(((Elf32_##s *)0)->f), \
                      offsetof(Elf64_##s, f), sizeof(((Elf64_##s *)0)->f) }

static const Field ehdr_fields[] = {
    FIELD(Ehdr, e_type), FIELD(Ehdr, e_machine), FIELD(Ehdr, e_version),
    FIELD(Ehdr, e_entry), FIELD(Ehdr, e_phoff), FIELD(Ehdr, e_phentsize),
    FIELD(Ehdr, e_phnum), FIELD(Ehdr, e_ehsize), FIELD(Ehdr, e_flags),
};
static const Field phdr_fields[] = {
    FIELD(Phdr, p_type), FIELD(Phdr, p_flags), FIELD(Phdr, p_offset),
    FIELD(Phdr, p_vaddr), FIELD(Phdr, p_filesz), FIELD(Phdr, p_memsz),
    FIELD(Phdr, p_align),
};
enum { E_TYPE, E_MACHINE, E_VERSION, E_ENTRY, E_PHOFF, E_PHENTSIZE, E_PHNUM };
enum { P_TYPE, P_FLAGS, P_OFFSET, P_VADDR, P_FILESZ, P_MEMSZ, P_ALIGN };

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ROOM 4096                  /* bytes a mutant may append */

typedef struct Mutant {
    unsigned char *buf;
    size_t len;
    bool is64;
    uint64_t rng;
    char what[512];                /* the mutations, for the report */
} Mutant;

static uint64_t next_random(Mutant *m)
{
    m->rng ^= m->rng << 13;
    m->rng ^= m->rng >> 7;
    m->rng ^= m->rng << 17;
    return m->rng;
}

/* A number in [0, n); 0 for an empty range (a header count or offset an
   earlier mutation set to 0 or to a size that wraps). */
static uint64_t below(Mutant *m, uint64_t n)
{
    return n ? next_random(m) % n : 0;
}

static void note(Mutant *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(Mutant *m, const char *fmt, ...)
{
    size_t used = strlen(m->what);
    va_list ap;

    if (used && used < sizeof(m->what) - 1) {
        m->what[used++] = ',';
    }
    va_start(ap, fmt);
    vsnprintf(m->what + used, sizeof(m->what) - used, fmt, ap);
    va_end(ap);
}

/* Header fields, little-endian like the host; a field that reaches past
   the end of a cut file reads as 0 and is not written. */
static uint64_t get(const Mutant *m, size_t off, unsigned size)
{
    uint64_t v = 0;

    if (off + size <= m->len) {
        memcpy(&v, m->buf + off, size);
    }
    return v;
}

static void put(Mutant *m, size_t off, unsigned size, uint64_t v)
{
    if (off + size <= m->len) {
        memcpy(m->buf + off, &v, size);
    }
}

static unsigned field_off(const Mutant *m, const Field *f)
{
    return m->is64 ? f->off64 : f->off32;
}

static unsigned field_size(const Mutant *m, const Field *f)
{
    return m->is64 ? f->size64 : f->size32;
}

static uint64_t eh(const Mutant *m, int field)
{
    return get(m, field_off(m, &ehdr_fields[field]), field_size(m, &ehdr_fields[field]));
}

static size_t ph_at(const Mutant *m, unsigned i)
{
    return eh(m, E_PHOFF) + (size_t)i * eh(m, E_PHENTSIZE);
}

static uint64_t ph(const Mutant *m, size_t at, int field)
{
    return get(m, at + field_off(m, &phdr_fields[field]), field_size(m, &phdr_fields[field]));
}

static void set_ph(Mutant *m, size_t at, int field, uint64_t v)
{
    put(m, at + field_off(m, &phdr_fields[field]), field_size(m, &phdr_fields[field]), v);
}

/* A value a loader is likely to judge at an edge, for a field now
   holding cur. */
static uint64_t edge_value(Mutant *m, uint64_t cur)
{
    uint64_t top = m->is64 ? UINT64_MAX : UINT32_MAX;
    uint64_t v;

    switch (below(m, 16)) {
    case 0: v = 0; break;
    case 1: v = 1; break;
    case 2: v = cur + 1 + below(m, 16); break;
    case 3: v = cur - 1 - below(m, 16); break;
    case 4: v = cur + 4096 * (1 + below(m, 16)); break;
    case 5: v = cur - 4096 * (1 + below(m, 4)); break;
    case 6: v = cur ^ (1ULL << below(m, m->is64 ? 64 : 32)); break;
    case 7: v = m->len + below(m, 3) * 4096; break;
    case 8: v = 0x7fffffff + below(m, 2); break;
    case 9: v = top - below(m, 2) * 4095; break;
    case 10: v = 1ULL << 40; break;               /* 1 TiB */
    case 11: v = 0x7ffffffff000ULL - below(m, 2) * 4096; break;
    case 12: v = 1ULL << below(m, 64); break;
    case 13: v = cur * 2; break;
    case 14: v = next_random(m) & ~0xfffULL; break;
    default: v = next_random(m); break;
    }
    return v & top;
}

/* A program header, PT_LOAD three times out of four. */
static size_t some_phdr(Mutant *m, unsigned *index)
{
    unsigned n = eh(m, E_PHNUM), loads[64], nloads = 0;

    for (unsigned i = 0; i < n && i < ARRAY_SIZE(loads); i++) {
        if (ph(m, ph_at(m, i), P_TYPE) == PT_LOAD) {
            loads[nloads++] = i;
        }
    }
    *index = nloads && below(m, 4) ? loads[below(m, nloads)] : below(m, n ? n : 1);
    return ph_at(m, *index);
}

static void mutate_ehdr(Mutant *m)
{
    int f = below(m, ARRAY_SIZE(ehdr_fields));
    uint64_t v = edge_value(m, eh(m, f));

    if (f == E_PHNUM && below(m, 2)) {
        v = eh(m, E_PHNUM) + below(m, 3) - 1;
    }
    put(m, field_off(m, &ehdr_fields[f]), field_size(m, &ehdr_fields[f]), v);
    note(m, "%s=%#llx", ehdr_fields[f].name, (unsigned long long)v);
}

static void mutate_phdr(Mutant *m)
{
    unsigned i;
    size_t at = some_phdr(m, &i);
    int f = P_FLAGS + below(m, ARRAY_SIZE(phdr_fields) - 1);
    uint64_t v = f == P_FLAGS ? next_random(m) & (below(m, 2) ? 7 : 0xffffffff)
                              : edge_value(m, ph(m, at, f));

    set_ph(m, at, f, v);
    note(m, "ph%u.%s=%#llx", i, phdr_fields[f].name, (unsigned long long)v);
}

/* The size of a segment and its file part moved together, or its
   address and offset: the changes a linker could make. */
static void mutate_segment_pair(Mutant *m)
{
    unsigned i;
    size_t at = some_phdr(m, &i);
    uint64_t delta = edge_value(m, 0);

    if (below(m, 2)) {
        set_ph(m, at, P_OFFSET, ph(m, at, P_OFFSET) + delta);
        set_ph(m, at, P_VADDR, ph(m, at, P_VADDR) + delta);
        note(m, "ph%u.offset+vaddr+=%#llx", i, (unsigned long long)delta);
    } else {
        set_ph(m, at, P_FILESZ, ph(m, at, P_FILESZ) + delta);
        set_ph(m, at, P_MEMSZ, ph(m, at, P_MEMSZ) + delta);
        note(m, "ph%u.filesz+memsz+=%#llx", i, (unsigned long long)delta);
    }
}

static const char *const interp_paths[] = {
    "/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux.so.2", "/nonexistent/ld.so",
    "/etc/passwd", "/bin/sh", "/", "",
};

/* A program header turned into PT_INTERP (or PT_GNU_STACK, PT_NULL,
   PT_LOAD, PT_TLS, or an unknown type). */
static void mutate_phdr_type(Mutant *m)
{
    static const uint32_t types[] = { PT_INTERP, PT_INTERP, PT_GNU_STACK, PT_NULL,
                                      PT_LOAD, PT_TLS, PT_PHDR, PT_DYNAMIC, 0x6474e555 };
    unsigned i;
    size_t at = some_phdr(m, &i);
    uint32_t type = types[below(m, ARRAY_SIZE(types))];

    set_ph(m, at, P_TYPE, type);
    if (type == PT_INTERP && below(m, 4)) {
        const char *path = interp_paths[below(m, ARRAY_SIZE(interp_paths))];
        size_t len = strlen(path) + (below(m, 8) != 0);     /* the NUL, mostly */

        memcpy(m->buf + m->len, path, len);
        set_ph(m, at, P_OFFSET, m->len);
        set_ph(m, at, P_FILESZ, len);
        m->len += len;
        note(m, "ph%u=PT_INTERP:'%s'%s", i, path, len > strlen(path) ? "" : "(no NUL)");
    } else {
        note(m, "ph%u.p_type=%#x", i, type);
    }
}

static void mutate_gnu_stack(Mutant *m)
{
    for (unsigned i = 0; i < eh(m, E_PHNUM) && i < 64; i++) {
        size_t at = ph_at(m, i);

        if (ph(m, at, P_TYPE) == PT_GNU_STACK) {
            uint64_t flags = below(m, 2) ? PF_R | PF_W | PF_X : next_random(m) & 0xffffffff;

            set_ph(m, at, P_FLAGS, flags);
            note(m, "gnu_stack.flags=%#llx", (unsigned long long)flags);
            return;
        }
    }
}

/* The file cut short: in the headers, or at or near a segment's end. */
static void mutate_truncate(Mutant *m)
{
    size_t len;

    if (below(m, 2)) {
        len = below(m, ph_at(m, eh(m, E_PHNUM)) + 1);
    } else {
        unsigned i;
        size_t at = some_phdr(m, &i);

        len = ph(m, at, P_OFFSET) + ph(m, at, P_FILESZ) / (1 + below(m, 3));
    }
    if (len < m->len) {
        m->len = len;
        note(m, "truncate=%zu", len);
    }
}

static void mutate_ident(Mutant *m)
{
    unsigned at = EI_CLASS + below(m, EI_NIDENT - EI_CLASS);
    unsigned char v = below(m, 2) ? below(m, 4) : next_random(m);

    m->buf[at] = v;
    note(m, "e_ident[%u]=%#x", at, v);
}

static void mutate_header_bytes(Mutant *m)
{
    size_t end = ph_at(m, eh(m, E_PHNUM));
    size_t at = below(m, end < m->len ? end : m->len);

    m->buf[at] = next_random(m);
    note(m, "byte[%zu]=%#x", at, m->buf[at]);
}

/* The mutations, the more interesting ones listed more often. */
static void (*const mutations[])(Mutant *m) = {
    mutate_phdr, mutate_phdr, mutate_phdr, mutate_phdr, mutate_segment_pair,
    mutate_ehdr, mutate_ehdr, mutate_phdr_type, mutate_gnu_stack,
    mutate_truncate, mutate_ident, mutate_header_bytes,
};

/* ---- running ---- */

typedef struct Outcome {
    char text[160];
    char err[256];                 /* the first line of stderr */
    bool internal;
} Outcome;

static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;

    while (n--) {
        h = (h ^ *p++) * 16777619u;
    }
    return h;
}

static void read_some(int fd, unsigned char *buf, size_t *len, size_t cap)
{
    ssize_t n = read(fd, buf + *len, cap - *len);

    if (n > 0) {
        *len += n;
    } else if (n == 0 || errno != EINTR) {
        *len = cap + 1;            /* closed: the caller stops polling it */
    }
}

/* Whether a death by sig dumps core by default: for the emulator, without
   the line of a guest's death, its own crash or abort. */
static bool core_default(int sig)
{
    static const int core_signals[] = { SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS,
                                        SIGFPE, SIGSEGV, SIGSYS, SIGXCPU, SIGXFSZ };

    for (size_t i = 0; i < ARRAY_SIZE(core_signals); i++) {
        if (core_signals[i] == sig) {
            return true;
        }
    }
    return false;
}

/*
 * Run argv with stdout and stderr captured, at most timeout seconds.  A
 * refusal by execve itself is written by the child to stdout as
 * "refused: ..." with status 126 (as elf-exec in tests/elf/).
 */
static void run(char *const argv[], int timeout, Outcome *o)
{
    int out[2], err[2], status;
    unsigned char obuf[8192], ebuf[1024];
    size_t olen = 0, elen = 0;
    bool oopen = true, eopen = true;
    struct timespec start, now;
    pid_t pid;

    if (pipe(out) || pipe(err)) {
        perror("pipe");
        exit(1);
    }
    pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);

        dup2(null, 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        setpgid(0, 0);
        personality(ADDR_NO_RANDOMIZE);
        execv(argv[0], argv);
        printf("refused: %s\n", strerror(errno));
        fflush(stdout);
        _exit(126);
    }
    close(out[1]);
    close(err[1]);
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (oopen || eopen) {
        struct pollfd p[2] = { { oopen ? out[0] : -1, POLLIN, 0 },
                               { eopen ? err[0] : -1, POLLIN, 0 } };
        long left;

        clock_gettime(CLOCK_MONOTONIC, &now);
        left = timeout * 1000L - (now.tv_sec - start.tv_sec) * 1000L
               - (now.tv_nsec - start.tv_nsec) / 1000000;
        if (left <= 0 || poll(p, 2, left) == 0) {
            break;
        }
        if (p[0].revents) {
            size_t before = olen;

            read_some(out[0], obuf, &olen, sizeof(obuf));
            oopen = olen <= sizeof(obuf);
            olen = oopen ? olen : before;
        }
        if (p[1].revents) {
            size_t before = elen;

            read_some(err[0], ebuf, &elen, sizeof(ebuf) - 1);
            eopen = elen <= sizeof(ebuf) - 1;
            elen = eopen ? elen : before;
        }
    }
    close(out[0]);
    close(err[0]);
    if (oopen || eopen) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
    }
    waitpid(pid, &status, 0);
    ebuf[elen] = 0;
    o->internal = WIFSIGNALED(status) && core_default(WTERMSIG(status))
                  && !strstr((char *)ebuf, "uncaught target signal");
    ebuf[strcspn((char *)ebuf, "\n")] = 0;
    snprintf(o->err, sizeof(o->err), "%.200s", (char *)ebuf);
    if (oopen || eopen) {
        snprintf(o->text, sizeof(o->text), "timeout");
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 126 && olen > 9
               && !memcmp(obuf, "refused: ", 9)) {
        snprintf(o->text, sizeof(o->text), "%.*s", (int)strcspn((char *)obuf, "\n"), obuf);
    } else if (WIFEXITED(status)) {
        snprintf(o->text, sizeof(o->text), "exit %d out %08x", WEXITSTATUS(status),
                 checksum(obuf, olen));
    } else {
        snprintf(o->text, sizeof(o->text), "signal %d out %08x", WTERMSIG(status),
                 checksum(obuf, olen));
    }
}

/* The emulator's outcome in the kernel's words: its one-line refusal
   (status 1, "PROG: FILE: <strerror>[ (detail)]") is "refused: ...". */
static void as_kernel(Outcome *o)
{
    const char *file = strchr(o->err, ' ');
    const char *reason = file ? strstr(file, ": ") : NULL;

    if (!strncmp(o->text, "exit 1 ", 7) && !strncmp(o->err, "qemu-", 5) && file
        && file[-1] == ':' && reason) {
        size_t len = strstr(reason, " (") ? (size_t)(strstr(reason, " (") - reason) : strlen(reason);

        snprintf(o->text, sizeof(o->text), "refused: %.*s", (int)(len - 2), reason + 2);
    }
    if (strstr(o->err, "qemu: fatal")) {
        o->internal = true;
    }
}

static void write_file(const char *path, const Mutant *m)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

    if (fd < 0 || (m->len && write(fd, m->buf, m->len) != (ssize_t)m->len) || close(fd)) {
        perror(path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    unsigned char *seed;
    size_t seed_len;
    FILE *f;
    char path[4096];
    long first, count;
    int timeout;
    bool native;
    uint64_t seed_value;
    char **emu_argv;

    if (argc < 9) {
        fprintf(stderr, "usage: elf-fuzz SEEDFILE WORKDIR NATIVE SEED FIRST COUNT TIMEOUT "
                "EMULATOR [OPTION...]\n");
        return 2;
    }
    native = atoi(argv[3]);
    seed_value = strtoull(argv[4], NULL, 0);
    first = atol(argv[5]);
    count = atol(argv[6]);
    timeout = atoi(argv[7]);
    emu_argv = calloc(argc - 8 + 2, sizeof(*emu_argv));
    memcpy(emu_argv, argv + 8, (argc - 8) * sizeof(*emu_argv));
    emu_argv[argc - 8] = path;
    f = fopen(argv[1], "rb");
    seed = malloc(8 << 20);
    seed_len = f ? fread(seed, 1, (8 << 20) - ROOM, f) : 0;
    if (seed_len < sizeof(Elf64_Ehdr) || memcmp(seed, ELFMAG, SELFMAG)) {
        fprintf(stderr, "%s: not an ELF file\n", argv[1]);
        return 1;
    }
    snprintf(path, sizeof(path), "%s/mutant", argv[2]);
    signal(SIGPIPE, SIG_IGN);

    for (long i = first; i < first + count; i++) {
        Mutant m = { .buf = malloc(seed_len + ROOM), .len = seed_len,
                     .is64 = seed[EI_CLASS] == ELFCLASS64 };
        char *native_argv[] = { path, NULL };
        Outcome want = { "", "", false }, got;
        const char *verdict = NULL;

        memcpy(m.buf, seed, seed_len);
        m.rng = (seed_value * 0x9e3779b97f4a7c15ULL) ^ (i * 0xbf58476d1ce4e5b9ULL) ^ 1;
        for (int n = 1 + below(&m, 3); n > 0; n--) {
            mutations[below(&m, ARRAY_SIZE(mutations))](&m);
        }
        write_file(path, &m);
        if (native) {
            run(native_argv, timeout, &want);
        }
        run(emu_argv, timeout, &got);
        as_kernel(&got);
        if (got.internal) {
            verdict = "internal";
        } else if (native && strcmp(want.text, got.text)) {
            verdict = "differ";
        } else if (!native && !strcmp(got.text, "timeout")) {
            verdict = "timeout";
        }
        if (verdict) {
            printf("%ld %s %s native=%s emulated=%s%s%s\n", i, verdict, m.what[0] ? m.what : "none",
                   native ? want.text : "-", got.text, got.err[0] ? " stderr=" : "", got.err);
            fflush(stdout);
        }
        free(m.buf);
    }
    printf("checked %ld\n", count);
    return 0;
}
