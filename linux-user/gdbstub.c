/*
 * gdbstub.c: -g PORT / QEMU_GDB, gdb's remote serial protocol over TCP, as
 * QEMU's linux-user offers it.  The emulator waits for gdb before the
 * guest's first instruction; after that the guest stops for gdb whenever a
 * signal is about to be delivered (gdb_handlesig, called from the signal
 * code), which covers breakpoints and single steps too: both raise
 * EXCP_DEBUG, which the cpu loop turns into SIGTRAP.  Breakpoints live in
 * a table the translator reads (a TB ends in EXCP_DEBUG at a breakpoint
 * address; guest memory is never patched); single-stepping runs one-insn
 * TBs (accel/tcg/cpu-exec.c).  Guest memory is read and written through
 * the syscall layer's copies, so the guest's protection holds for gdb.
 * One guest thread is reported: the one that stops; threads that stop
 * together take turns (session_lock).
 * docs/devel/gdbstub.md tells the rest.
 */
#include "qemu/osdep.h"
#include "qemu/own-fd.h"
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <fcntl.h>
#include <pthread.h>
#include <glib.h>
#include "qemu.h"
#include "exec/gdbstub.h"
#include "exec/exec-all.h"

/* Largest packet we take or send, as qSupported tells gdb. */
#define PACKET_MAX 4096
/* Where the connection's descriptor goes: above the ones guests use. */
#define GDB_FD_MIN 900

static int listen_fd = -1;
static int gdb_fd = -1;
static GHashTable *breakpoints;     /* guest pc -> present */
/* Held by the thread that talks with gdb, from its stop until it resumes. */
static pthread_mutex_t session_lock = PTHREAD_MUTEX_INITIALIZER;

/* Linux signal number -> gdb's (gdb/signals.def); 0 has no counterpart. */
static const uint8_t gdb_signal_of[] = {
    [SIGHUP] = 1, [SIGINT] = 2, [SIGQUIT] = 3, [SIGILL] = 4, [SIGTRAP] = 5,
    [SIGABRT] = 6, [SIGBUS] = 10, [SIGFPE] = 8, [SIGKILL] = 9, [SIGUSR1] = 30,
    [SIGSEGV] = 11, [SIGUSR2] = 31, [SIGPIPE] = 13, [SIGALRM] = 14,
    [SIGTERM] = 15, [SIGCHLD] = 20, [SIGCONT] = 19, [SIGSTOP] = 17,
    [SIGTSTP] = 18, [SIGTTIN] = 21, [SIGTTOU] = 22, [SIGURG] = 16,
    [SIGXCPU] = 24, [SIGXFSZ] = 25, [SIGVTALRM] = 26, [SIGPROF] = 27,
    [SIGWINCH] = 28, [SIGIO] = 23, [SIGPWR] = 32, [SIGSYS] = 12,
};
#define GDB_SIGNAL_REALTIME_33 45    /* 33..63 follow it */
#define GDB_SIGNAL_REALTIME_32 77
#define GDB_SIGNAL_REALTIME_64 78
#define GDB_SIGNAL_UNKNOWN 143

static int to_gdb_signal(int sig)
{
    if (sig > 0 && sig < (int)ARRAY_SIZE(gdb_signal_of) && gdb_signal_of[sig]) {
        return gdb_signal_of[sig];
    }
    if (sig == 32) {
        return GDB_SIGNAL_REALTIME_32;
    }
    if (sig >= 33 && sig <= 63) {
        return GDB_SIGNAL_REALTIME_33 + sig - 33;
    }
    return sig == 64 ? GDB_SIGNAL_REALTIME_64 : GDB_SIGNAL_UNKNOWN;
}

static int from_gdb_signal(int gsig)
{
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (to_gdb_signal(sig) == gsig) {
            return sig;
        }
    }
    return 0;
}

/* A fork's child is not the process gdb debugs. */
static void disconnect(void)
{
    if (gdb_fd >= 0) {
        own_fd_remove(gdb_fd);
        close(gdb_fd);
        gdb_fd = -1;
    }
}

/* A fork's child runs undebugged. */
static void forget_gdb_in_child(void)
{
    disconnect();
}

bool gdbserver_start(const char *port_text)
{
    struct sockaddr_in addr = { .sin_family = AF_INET };
    char *end;
    unsigned long port = strtoul(port_text, &end, 10);
    int one = 1, fd;

    if (end == port_text || *end || port == 0 || port > 65535) {
        errno = EINVAL;
        return false;
    }
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 1) < 0) {
        int err = errno;

        close(fd);
        errno = err;
        return false;
    }
    listen_fd = fd;
    breakpoints = g_hash_table_new(NULL, NULL);
    pthread_atfork(NULL, NULL, forget_gdb_in_child);
    return true;
}

/* Wait for gdb (once: a second gdb cannot attach later). */
static void accept_gdb(void)
{
    int fd, one = 1;

    do {
        fd = accept(listen_fd, NULL, NULL);
    } while (fd < 0 && errno == EINTR);
    close(listen_fd);
    listen_fd = -1;
    if (fd < 0) {
        fprintf(stderr, "qemu: gdbstub: accept: %s\n", strerror(errno));
        return;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    gdb_fd = fcntl(fd, F_DUPFD_CLOEXEC, GDB_FD_MIN);
    if (gdb_fd < 0) {
        gdb_fd = fd;
    } else {
        close(fd);
    }
    own_fd_add(gdb_fd);
}

/* ---- packets ---- */

static bool write_all(const void *buf, size_t len)
{
    const char *p = buf;

    while (len) {
        ssize_t n = write(gdb_fd, p, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

/* One byte from gdb, or -1 when the connection is gone. */
static int read_byte(void)
{
    uint8_t c;
    ssize_t n;

    do {
        n = read(gdb_fd, &c, 1);
    } while (n < 0 && errno == EINTR);
    return n == 1 ? c : -1;
}

/* Send "$data#checksum" (data already escaped where it needs to be).  gdb's
   acknowledgement is consumed by the next read_packet. */
static void put_packet_len(const char *data, size_t len)
{
    char *buf = g_malloc(len + 5);     /* $, data, #xx and a NUL */
    uint8_t sum = 0;

    buf[0] = '$';
    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)data[i];
    }
    memcpy(buf + 1, data, len);
    sprintf(buf + 1 + len, "#%02x", sum);
    if (!write_all(buf, len + 4)) {
        disconnect();
    }
    g_free(buf);
}

static void put_packet(const char *data)
{
    put_packet_len(data, strlen(data));
}

/* The next packet's payload, NUL-terminated in buf; false when gdb left.
   Acks and a bare interrupt byte between packets are skipped. */
static bool read_packet(char *buf)
{
    for (;;) {
        int c = read_byte();
        size_t len = 0;
        uint8_t sum = 0;
        char hex[3] = { 0 };

        if (c < 0) {
            return false;
        }
        if (c != '$') {
            continue;
        }
        while ((c = read_byte()) >= 0 && c != '#') {
            if (len < PACKET_MAX) {
                buf[len++] = c;
            }
            sum += c;
        }
        if (c < 0 || (c = read_byte()) < 0) {
            return false;
        }
        hex[0] = c;
        if ((c = read_byte()) < 0) {
            return false;
        }
        hex[1] = c;
        buf[len] = '\0';
        if (strtoul(hex, NULL, 16) == sum && len < PACKET_MAX) {
            return write_all("+", 1);
        }
        if (!write_all("-", 1)) {
            return false;
        }
    }
}

static int hex_digit(char c)
{
    return g_ascii_xdigit_value(c);
}

static void to_hex(char *out, const uint8_t *in, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        sprintf(out + 2 * i, "%02x", in[i]);
    }
}

/* Decodes up to len bytes; how many it found. */
static size_t from_hex(uint8_t *out, const char *in, size_t len)
{
    size_t i;

    for (i = 0; i < len && hex_digit(in[2 * i]) >= 0 && hex_digit(in[2 * i + 1]) >= 0; i++) {
        out[i] = hex_digit(in[2 * i]) << 4 | hex_digit(in[2 * i + 1]);
    }
    return i;
}

/* ---- commands ---- */

/* How gdb resumes the guest. */
typedef struct Resume {
    bool go;            /* leave the command loop */
    bool step;
    int sig;            /* to deliver, 0 for none */
} Resume;

static void stop_reply(int sig)
{
    char buf[64];

    snprintf(buf, sizeof(buf), "T%02xthread:%x;", to_gdb_signal(sig), (int)gettid());
    put_packet(buf);
}

static void read_all_registers(CPUArchState *env)
{
    int n = x86_gdb_num_regs();
    GString *s = g_string_new(NULL);
    uint8_t reg[64];
    char hex[2 * sizeof(reg) + 1];

    for (int i = 0; i < n; i++) {
        int size = x86_gdb_read_register(env, reg, i);

        to_hex(hex, reg, size);
        g_string_append(s, hex);
    }
    put_packet(s->str);
    g_string_free(s, true);
}

static void write_all_registers(CPUArchState *env, const char *p)
{
    int n = x86_gdb_num_regs();
    uint8_t reg[64];

    for (int i = 0; i < n && *p; i++) {
        int size = x86_gdb_read_register(env, reg, i);

        if (from_hex(reg, p, size) < (size_t)size) {
            break;
        }
        x86_gdb_write_register(env, reg, i);
        p += 2 * size;
    }
    put_packet("OK");
}

static void read_register(CPUArchState *env, const char *p)
{
    uint8_t reg[64];
    char hex[2 * sizeof(reg) + 1];
    int size = x86_gdb_read_register(env, reg, strtol(p, NULL, 16));

    if (!size) {
        put_packet("E00");
        return;
    }
    to_hex(hex, reg, size);
    put_packet(hex);
}

static void write_register(CPUArchState *env, const char *p)
{
    char *end;
    int n = strtol(p, &end, 16);
    uint8_t reg[64];
    int size = x86_gdb_read_register(env, reg, n);

    if (!size || *end != '=' || from_hex(reg, end + 1, size) < (size_t)size) {
        put_packet("E00");
        return;
    }
    x86_gdb_write_register(env, reg, n);
    put_packet("OK");
}

/* "addr,len" of m, M, Z and z; false if malformed. */
static bool parse_addr_len(const char *p, abi_ulong *addr, size_t *len, const char **rest)
{
    char *end;

    *addr = strtoull(p, &end, 16);
    if (*end != ',') {
        return false;
    }
    *len = strtoul(end + 1, &end, 16);
    *rest = end;
    return true;
}

/* As much as the guest may read from addr on; E14 (EFAULT) when nothing. */
static void read_memory(const char *p)
{
    abi_ulong addr;
    size_t len;
    const char *rest;
    uint8_t *buf;
    char *hex;

    if (!parse_addr_len(p, &addr, &len, &rest)) {
        put_packet("E01");
        return;
    }
    len = guest_accessible_len(addr, MIN(len, PACKET_MAX / 2), GUEST_READ);
    buf = g_malloc(len + 1);
    hex = g_malloc(2 * len + 1);
    hex[0] = '\0';
    if (len && copy_from_user(buf, addr, len) == 0) {
        to_hex(hex, buf, len);
        put_packet(hex);
    } else {
        put_packet("E14");
    }
    g_free(buf);
    g_free(hex);
}

/* Written only where the guest may write; code made from it is dropped. */
static void write_memory(const char *p)
{
    abi_ulong addr;
    size_t len;
    const char *rest;
    uint8_t *buf;

    if (!parse_addr_len(p, &addr, &len, &rest) || *rest != ':' || len > PACKET_MAX / 2) {
        put_packet("E01");
        return;
    }
    buf = g_malloc(len + 1);
    if (from_hex(buf, rest + 1, len) < len) {
        put_packet("E01");
    } else if (copy_to_user(addr, buf, len) != 0) {
        put_packet("E14");
    } else {
        tb_invalidate_phys_range(addr, addr + len);
        put_packet("OK");
    }
    g_free(buf);
}

/* Z0/Z1 insert, z0/z1 remove a breakpoint (software and "hardware" are
   the same thing here); watchpoints (Z2-Z4) are not offered. */
static void breakpoint(const char *p, bool insert)
{
    abi_ulong addr;
    size_t kind;
    const char *rest;

    if ((p[0] != '0' && p[0] != '1') || p[1] != ','
        || !parse_addr_len(p + 2, &addr, &kind, &rest)) {
        put_packet("");
        return;
    }
    if (insert) {
        g_hash_table_add(breakpoints, (gpointer)(uintptr_t)addr);
    } else {
        g_hash_table_remove(breakpoints, (gpointer)(uintptr_t)addr);
    }
    /* TBs already made through addr must stop there, or no longer. */
    tb_invalidate_phys_range(addr, addr + 1);
    put_packet("OK");
}

bool gdb_breakpoint_at(target_ulong pc)
{
    return breakpoints && g_hash_table_size(breakpoints)
           && g_hash_table_contains(breakpoints, (gpointer)(uintptr_t)pc);
}

/* Escape the bytes the protocol reserves in binary replies. */
static void put_binary_packet(char prefix, const char *data, size_t len)
{
    GString *s = g_string_new(NULL);

    g_string_append_c(s, prefix);
    for (size_t i = 0; i < len; i++) {
        char c = data[i];

        if (c == '$' || c == '#' || c == '}' || c == '*') {
            g_string_append_c(s, '}');
            c ^= 0x20;
        }
        g_string_append_c(s, c);
    }
    put_packet_len(s->str, s->len);
    g_string_free(s, true);
}

/* qXfer:features:read:target.xml:offset,length */
static void read_target_xml(const char *p)
{
    const char *xml = x86_gdb_target_xml();
    size_t total = strlen(xml), offset, len;
    abi_ulong off;
    const char *rest;

    if (!g_str_has_prefix(p, "target.xml:") || !parse_addr_len(p + 11, &off, &len, &rest)) {
        put_packet("E00");
        return;
    }
    offset = MIN(off, total);
    len = MIN(len, total - offset);
    put_binary_packet(offset + len < total ? 'm' : 'l', xml + offset, len);
}

/* The part of a resuming packet after its letter: [sig][;addr] or [addr]. */
static void resume_at(CPUArchState *env, const char *p)
{
    if (*p) {
        env->eip = strtoull(p, NULL, 16);
    }
}

static void resume_with_signal(CPUArchState *env, const char *p, Resume *r)
{
    char *end;

    r->sig = from_gdb_signal(strtol(p, &end, 16));
    if (*end == ';') {
        resume_at(env, end + 1);
    }
}

/* vCont;ACTION[:thread][;ACTION...]: one thread, so the first action. */
static void vcont(CPUArchState *env, const char *p, Resume *r)
{
    if (*p == 'c' || *p == 's') {
        r->step = *p == 's';
        r->go = true;
    } else if (*p == 'C' || *p == 'S') {
        r->step = *p == 'S';
        r->sig = from_gdb_signal(strtol(p + 1, NULL, 16));
        r->go = true;
    } else {
        put_packet("E01");
    }
}

static void query(const char *p)
{
    char buf[64];

    if (g_str_has_prefix(p, "qSupported")) {
        snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+", PACKET_MAX);
        put_packet(buf);
    } else if (g_str_has_prefix(p, "qXfer:features:read:")) {
        read_target_xml(p + strlen("qXfer:features:read:"));
    } else if (strcmp(p, "qAttached") == 0 || g_str_has_prefix(p, "qAttached:")) {
        put_packet("1");
    } else if (strcmp(p, "qC") == 0) {
        snprintf(buf, sizeof(buf), "QC%x", (int)gettid());
        put_packet(buf);
    } else if (strcmp(p, "qfThreadInfo") == 0) {
        snprintf(buf, sizeof(buf), "m%x", (int)gettid());
        put_packet(buf);
    } else if (strcmp(p, "qsThreadInfo") == 0) {
        put_packet("l");
    } else {
        put_packet("");
    }
}

/* Forget gdb: the guest runs on as if it had never been there. */
static void detach(Resume *r)
{
    GHashTableIter it;
    gpointer addr;

    put_packet("OK");
    r->go = true;
    g_hash_table_iter_init(&it, breakpoints);
    while (g_hash_table_iter_next(&it, &addr, NULL)) {
        g_hash_table_iter_remove(&it);
        tb_invalidate_phys_range((uintptr_t)addr, (uintptr_t)addr + 1);
    }
    disconnect();
}

/* One packet; fills r when it resumes the guest. */
static void handle_packet(CPUArchState *env, char *p, int sig, Resume *r)
{
    switch (p[0]) {
    case '?':
        stop_reply(sig ? sig : SIGTRAP);
        break;
    case 'g':
        read_all_registers(env);
        break;
    case 'G':
        write_all_registers(env, p + 1);
        break;
    case 'p':
        read_register(env, p + 1);
        break;
    case 'P':
        write_register(env, p + 1);
        break;
    case 'm':
        read_memory(p + 1);
        break;
    case 'M':
        write_memory(p + 1);
        break;
    case 'c':
    case 's':
        resume_at(env, p + 1);
        r->step = p[0] == 's';
        r->go = true;
        break;
    case 'C':
    case 'S':
        resume_with_signal(env, p + 1, r);
        r->step = p[0] == 'S';
        r->go = true;
        break;
    case 'Z':
    case 'z':
        breakpoint(p + 1, p[0] == 'Z');
        break;
    case 'H':
    case 'T':
        put_packet("OK");      /* the one thread is every thread */
        break;
    case 'k':
        kill(getpid(), SIGKILL);
        break;
    case 'D':
        detach(r);
        break;
    case 'q':
        query(p);
        break;
    case 'v':
        if (strcmp(p, "vCont?") == 0) {
            put_packet("vCont;c;C;s;S");
        } else if (g_str_has_prefix(p, "vCont;")) {
            vcont(env, p + 6, r);
        } else {
            put_packet("");
        }
        break;
    default:
        put_packet("");
        break;
    }
}

/* The stop of gdb_handlesig, under session_lock. */
static int gdb_session(CPUArchState *env, int sig)
{
    char *packet;
    Resume r = { 0 };

    if (listen_fd >= 0) {
        accept_gdb();
    }
    if (gdb_fd < 0) {
        return sig;
    }
    env->singlestep_enabled = 0;
    if (sig) {
        stop_reply(sig);
    }
    packet = g_malloc(PACKET_MAX + 1);
    while (gdb_fd >= 0 && !r.go) {
        if (!read_packet(packet)) {
            disconnect();
            break;
        }
        handle_packet(env, packet, sig, &r);
    }
    g_free(packet);
    if (!r.go) {
        return sig;              /* gdb went away: as without it */
    }
    env->singlestep_enabled = r.step;
    return r.sig;
}

int gdb_handlesig(CPUArchState *env, int sig)
{
    if (listen_fd < 0 && gdb_fd < 0) {
        return sig;
    }
    pthread_mutex_lock(&session_lock);
    sig = gdb_session(env, sig);
    pthread_mutex_unlock(&session_lock);
    return sig;
}

void gdb_exit(int status)
{
    char buf[8];

    if (gdb_fd >= 0) {
        snprintf(buf, sizeof(buf), "W%02x", status & 0xff);
        put_packet(buf);
    }
}

void gdb_signalled(int sig)
{
    char buf[8];

    if (gdb_fd >= 0) {
        snprintf(buf, sizeof(buf), "X%02x", to_gdb_signal(sig));
        put_packet(buf);
    }
}
