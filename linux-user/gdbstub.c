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
 * All-stop: while gdb has a stopped thread, the others are kept out of
 * generated code (start_exclusive); threads that stop together take
 * turns (session_lock), each reported as its own stop.  gdb names threads
 * by tid (gdbstub-threads.c).  While the guest runs a watcher thread reads
 * the socket for gdb's interrupt byte (Ctrl-C).
 * docs/devel/gdbstub.md tells the rest.
 */
#include "qemu/osdep.h"
#include "qemu/own-fd.h"
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <glib.h>
#include "qemu.h"
#include "procfs.h"
#include "gdbstub-internal.h"
#include "exec/gdbstub.h"
#include "exec/exec-all.h"

/* Largest packet we take or send, as qSupported tells gdb. */
#define PACKET_MAX 4096

static int listen_fd = -1;
static int gdb_fd = -1;
static GHashTable *breakpoints;     /* guest pc -> present */
/* Held by whoever talks with gdb: a stopped thread from its stop until it
   resumes, the interrupt watcher while it looks at the socket, and the
   process's last word (gdb_exit, gdb_signalled) for good. */
static pthread_mutex_t session_lock = PTHREAD_MUTEX_INITIALIZER;
/* Signalled, under session_lock, when a stop ends. */
static pthread_cond_t stop_over = PTHREAD_COND_INITIALIZER;
static unsigned stops_over;

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
    gdb_threads_forget();
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

/* gdb's Ctrl-C: the byte it sends while the guest runs. */
#define INTERRUPT_BYTE 0x03

/*
 * What gdb sent while the guest runs, looked at under session_lock (a stop
 * may have read it meanwhile): the interrupt becomes a SIGINT to the
 * process, as gdbserver sends, which stops a guest thread the usual way;
 * acks are dropped; a packet waits for the next stop.  False when there is
 * nothing more to watch until a stop has read the socket.
 */
static bool take_running_input(void)
{
    uint8_t c;
    ssize_t n;

    if (gdb_fd < 0) {
        return false;
    }
    n = recv(gdb_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        disconnect();              /* gdb is gone: the guest runs on */
        return false;
    }
    if (n < 0) {
        return true;
    }
    if (c == INTERRUPT_BYTE || c == '+' || c == '-') {
        if (recv(gdb_fd, &c, 1, 0) == 1 && c == INTERRUPT_BYTE) {
            kill(getpid(), SIGINT);
        }
        return true;
    }
    return false;
}

/* The interrupt watcher: a host thread with every signal blocked, so that
   host signals keep going to guest threads. */
static void *watch_running_input(void *unused)
{
    procfs_hide_own_thread();
    for (;;) {
        struct pollfd pfd = { .fd = __atomic_load_n(&gdb_fd, __ATOMIC_RELAXED),
                              .events = POLLIN };
        unsigned seen;

        if (pfd.fd < 0 || (poll(&pfd, 1, -1) < 0 && errno != EINTR)) {
            return NULL;
        }
        pthread_mutex_lock(&session_lock);
        seen = stops_over;
        if (!take_running_input()) {
            while (gdb_fd >= 0 && stops_over == seen) {
                pthread_cond_wait(&stop_over, &session_lock);
            }
        }
        pthread_mutex_unlock(&session_lock);
    }
}

static void start_watcher(void)
{
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all, old;

    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&th, &attr, watch_running_input, NULL) != 0) {
        fprintf(stderr, "qemu: gdbstub: no interrupt watcher: Ctrl-C will not stop the guest\n");
    }
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
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
    gdb_fd = own_fd_take(fd);
    start_watcher();
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

/* One stop: who stopped, why, and what gdb's packets chose. */
typedef struct Session {
    CPUArchState *stopped;  /* the thread that stopped */
    int stop_sig;           /* and the signal it stopped with */
    CPUArchState *general;  /* Hg: whose registers g, G, p and P reach */
    CPUArchState *cont;     /* Hc: the thread a plain s or c moves */
    bool go;                /* leave the command loop */
    int resume_sig;         /* for the stopped thread, 0 for none */
    bool stopped_has_action;   /* vCont already said what it does */
    CPUArchState *step;     /* the thread to step one insn, or NULL */
    bool resume_all;        /* else only the threads in resumed */
    GPtrArray *resumed;     /* CPUs a vCont action names */
    char reply[96];         /* the stop reply, which '?' repeats */
} Session;

/* The stopped thread is the one running the session. */
static int stopped_tid(void)
{
    return syscall(SYS_gettid);
}

/* The stop reply of s: "T05watch:ADDR;thread:TID;" after a watchpoint's
   instruction (the hit is taken once: '?' repeats the reply). */
static void stop_reply(Session *s)
{
    target_ulong addr;
    const char *watch = gdb_watch_take_hit(&addr);
    int sig = s->stop_sig ? s->stop_sig : SIGTRAP;
    int n = snprintf(s->reply, sizeof(s->reply), "T%02x", to_gdb_signal(sig));

    if (watch && sig == SIGTRAP) {
        n += snprintf(s->reply + n, sizeof(s->reply) - n, "%s:" TARGET_FMT_lx ";",
                      watch, addr);
    }
    snprintf(s->reply + n, sizeof(s->reply) - n, "thread:%x;", stopped_tid());
    put_packet(s->reply);
}

/* A thread-id of H, T or vCont: -1 (all) and 0 (any) are the stopped
   thread, else the tid's CPU or NULL.  *end follows it. */
static CPUArchState *parse_thread(Session *s, const char *p, const char **end)
{
    char *e;
    long tid = strtol(p, &e, 16);

    *end = e;
    if (e == p) {
        return NULL;
    }
    return tid <= 0 ? s->stopped : gdb_thread_env(tid);
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

/* Z2-Z4 insert, z2-z4 remove a watchpoint (gdbstub-watch.c). */
static void watchpoint(WatchKind kind, abi_ulong addr, size_t len, bool insert)
{
    bool done = insert ? gdb_watch_insert(addr, len, kind)
                       : gdb_watch_remove(addr, len, kind);

    put_packet(done ? "OK" : "E22");
}

/* Z0/Z1 insert, z0/z1 remove a breakpoint (software and "hardware" are
   the same thing here); Z2-Z4 are watchpoints. */
static void breakpoint(const char *p, bool insert)
{
    abi_ulong addr;
    size_t kind;
    const char *rest;

    if (p[0] < '0' || p[0] > '4' || p[1] != ','
        || !parse_addr_len(p + 2, &addr, &kind, &rest)) {
        put_packet("");
        return;
    }
    if (p[0] >= '2') {
        watchpoint(p[0] - '0', addr, kind, insert);
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

/* The offset,length part of a qXfer read of data (total bytes long). */
static void put_xfer_part(const char *data, size_t total, const char *range)
{
    abi_ulong offset;
    size_t len;
    const char *rest;

    if (!parse_addr_len(range, &offset, &len, &rest)) {
        put_packet("E00");
        return;
    }
    offset = MIN(offset, total);
    len = MIN(len, total - offset);
    put_binary_packet(offset + len < total ? 'm' : 'l', data + offset, len);
}

/* qXfer:auxv:read::offset,length: what the kernel put on the initial
   stack, from which gdb learns where a PIE program was loaded. */
static void read_auxv(Session *s, const char *range)
{
    struct image_info *info = ((TaskState *)s->stopped->opaque)->info;
    char *auxv = g_malloc(info->auxv_len + 1);

    if (copy_from_user(auxv, info->saved_auxv, info->auxv_len) != 0) {
        put_packet("E14");
    } else {
        put_xfer_part(auxv, info->auxv_len, range);
    }
    g_free(auxv);
}

/* One <thread> of qXfer:threads:read, named as the kernel names it. */
static void append_thread_xml(pid_t tid, CPUArchState *env, void *xml)
{
    char path[64], name[32] = "";
    char *escaped;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/self/task/%d/comm", (int)tid);
    f = fopen(path, "re");
    if (f) {
        if (fgets(name, sizeof(name), f)) {
            name[strcspn(name, "\n")] = '\0';
        }
        fclose(f);
    }
    escaped = g_markup_escape_text(name, -1);
    g_string_append_printf(xml, "<thread id=\"%x\" name=\"%s\"/>", (int)tid, escaped);
    g_free(escaped);
}

/* qXfer:threads:read: the thread list with names, oldest first. */
static void read_threads_xml(const char *range)
{
    GString *xml = g_string_new("<threads>");

    gdb_threads_foreach(append_thread_xml, xml);
    g_string_append(xml, "</threads>");
    put_xfer_part(xml->str, xml->len, range);
    g_string_free(xml, true);
}

/* qXfer:OBJECT:read:ANNEX:offset,length, p after "qXfer:". */
static void read_xfer(Session *s, const char *p)
{
    const char *range = strrchr(p, ':') + 1;

    if (g_str_has_prefix(p, "features:read:target.xml:")) {
        const char *xml = x86_gdb_target_xml();

        put_xfer_part(xml, strlen(xml), range);
    } else if (g_str_has_prefix(p, "auxv:read::")) {
        read_auxv(s, range);
    } else if (g_str_has_prefix(p, "threads:read::")) {
        read_threads_xml(range);
    } else if (g_str_has_prefix(p, "exec-file:read:")) {
        const char *path = guest_exe_path();

        put_xfer_part(path, strlen(path), range);
    } else {
        put_packet("");
    }
}

/* The part of a resuming packet after its letter: [sig][;addr] or [addr];
   a new pc is for the thread that moves. */
static void resume_at(CPUArchState *env, const char *p)
{
    if (*p) {
        env->eip = strtoull(p, NULL, 16);
    }
}

/* c, s, C and S move the Hc thread (the stopped one by default); the
   others resume with it. */
static void resume_plain(Session *s, const char *p, bool step, bool with_signal)
{
    if (with_signal) {
        char *end;

        s->resume_sig = from_gdb_signal(strtol(p, &end, 16));
        p = *end == ';' ? end + 1 : "";
    }
    resume_at(s->cont, p);
    s->step = step ? s->cont : NULL;
    s->resume_all = true;
    s->go = true;
}

/*
 * vCont;ACTION[:thread-id][;ACTION[:thread-id]...]: a thread's action is
 * the first that names it, or names no thread; a thread without one stays
 * stopped (gdb's scheduler-locking).  One thread steps, the first a step
 * names; a signal is delivered only to the thread that stopped.
 */
static void vcont(Session *s, const char *p)
{
    /* what an earlier, refused vCont said is forgotten */
    g_ptr_array_set_size(s->resumed, 0);
    s->resume_all = s->stopped_has_action = false;
    s->step = NULL;
    s->resume_sig = 0;
    while (*p == ';') {
        char action = p[1];
        bool step = action == 's' || action == 'S';
        CPUArchState *env = NULL;       /* NULL: every thread */
        int sig = 0;

        p += 2;
        if (action == 'C' || action == 'S') {
            char *end;

            sig = from_gdb_signal(strtol(p, &end, 16));
            p = end;
        } else if (!step && action != 'c') {
            put_packet("E01");
            return;
        }
        if (g_str_has_prefix(p, ":-1")) {
            p += 3;
        } else if (*p == ':') {
            env = parse_thread(s, p + 1, &p);
            if (!env) {
                put_packet("E01");
                return;
            }
        }
        if (env) {
            g_ptr_array_add(s->resumed, env);
        } else {
            s->resume_all = true;
        }
        if (env && env != s->stopped) {
            s->step = step && !s->step ? env : s->step;
        } else if (!s->stopped_has_action) {
            s->stopped_has_action = true;
            s->resume_sig = sig;
            s->step = step && !s->step ? s->stopped : s->step;
        }
    }
    if (*p) {
        put_packet("E01");
        return;
    }
    s->go = true;
}

static void append_tid(pid_t tid, CPUArchState *env, void *list)
{
    g_string_append_printf(list, "%s%x", ((GString *)list)->len > 1 ? "," : "", (int)tid);
}

/* qfThreadInfo lists every thread at once, oldest first. */
static void list_threads(void)
{
    GString *list = g_string_new("m");

    gdb_threads_foreach(append_tid, list);
    put_packet(list->str);
    g_string_free(list, true);
}

static void query(Session *s, const char *p)
{
    char buf[128];

    if (g_str_has_prefix(p, "qSupported")) {
        snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;"
                 "qXfer:exec-file:read+;qXfer:threads:read+", PACKET_MAX);
        put_packet(buf);
    } else if (g_str_has_prefix(p, "qXfer:")) {
        read_xfer(s, p + strlen("qXfer:"));
    } else if (strcmp(p, "qAttached") == 0 || g_str_has_prefix(p, "qAttached:")) {
        put_packet("1");
    } else if (strcmp(p, "qC") == 0) {
        snprintf(buf, sizeof(buf), "QC%x", stopped_tid());
        put_packet(buf);
    } else if (strcmp(p, "qfThreadInfo") == 0) {
        list_threads();
    } else if (strcmp(p, "qsThreadInfo") == 0) {
        put_packet("l");
    } else {
        put_packet("");
    }
}

/* Hg and Hc choose a thread; T asks whether one is alive. */
static void select_thread(Session *s, const char *p)
{
    const char *end;
    CPUArchState *env = parse_thread(s, p + 1, &end);

    if (!env || *end) {
        put_packet("E01");
        return;
    }
    if (p[0] == 'g') {
        s->general = env;
    } else if (p[0] == 'c') {
        s->cont = env;
    }
    put_packet("OK");
}

/* Forget gdb: the guest runs on as if it had never been there. */
static void detach(Session *s)
{
    GHashTableIter it;
    gpointer addr;

    put_packet("OK");
    s->go = true;
    s->resume_all = true;
    g_hash_table_iter_init(&it, breakpoints);
    while (g_hash_table_iter_next(&it, &addr, NULL)) {
        g_hash_table_iter_remove(&it);
        tb_invalidate_phys_range((uintptr_t)addr, (uintptr_t)addr + 1);
    }
    gdb_watch_remove_all();
    disconnect();
}

/* One packet of the stop s. */
static void handle_packet(Session *s, char *p)
{
    switch (p[0]) {
    case '?':
        if (s->reply[0]) {
            put_packet(s->reply);
        } else {
            stop_reply(s);
        }
        break;
    case 'g':
        read_all_registers(s->general);
        break;
    case 'G':
        write_all_registers(s->general, p + 1);
        break;
    case 'p':
        read_register(s->general, p + 1);
        break;
    case 'P':
        write_register(s->general, p + 1);
        break;
    case 'm':
        read_memory(p + 1);
        break;
    case 'M':
        write_memory(p + 1);
        break;
    case 'c':
    case 's':
        resume_plain(s, p + 1, p[0] == 's', false);
        break;
    case 'C':
    case 'S':
        resume_plain(s, p + 1, p[0] == 'S', true);
        break;
    case 'Z':
    case 'z':
        breakpoint(p + 1, p[0] == 'Z');
        break;
    case 'H':
        select_thread(s, p + 1);
        break;
    case 'T':
        select_thread(s, p);
        break;
    case 'k':
        kill(getpid(), SIGKILL);
        break;
    case 'D':
        detach(s);
        break;
    case 'q':
        query(s, p);
        break;
    case 'v':
        if (strcmp(p, "vCont?") == 0) {
            put_packet("vCont;c;C;s;S");
        } else if (g_str_has_prefix(p, "vCont;")) {
            vcont(s, p + 5);
        } else {
            put_packet("");
        }
        break;
    default:
        put_packet("");
        break;
    }
}

static void set_step(pid_t tid, CPUArchState *env, void *step)
{
    env->singlestep_enabled = env == step;
}

/* A thread no action of the resuming vCont named. */
static bool not_resumed(CPUArchState *env, void *session)
{
    Session *s = session;

    for (guint i = 0; i < s->resumed->len; i++) {
        if (g_ptr_array_index(s->resumed, i) == env) {
            return false;
        }
    }
    return true;
}

/* The stop of gdb_handlesig, under session_lock with the other CPUs out of
   generated code. */
static int gdb_session(CPUArchState *env, int sig)
{
    char *packet;
    Session s = { .stopped = env, .stop_sig = sig, .general = env, .cont = env,
                  .resumed = g_ptr_array_new() };

    env->singlestep_enabled = 0;
    if (sig) {
        stop_reply(&s);
    }
    packet = g_malloc(PACKET_MAX + 1);
    while (gdb_fd >= 0 && !s.go) {
        if (!read_packet(packet)) {
            disconnect();
            break;
        }
        handle_packet(&s, packet);
    }
    g_free(packet);
    /* gdb gone: every thread runs on as without it */
    gdb_threads_hold(s.go && !s.resume_all ? not_resumed : NULL, &s);
    g_ptr_array_free(s.resumed, true);
    if (!s.go) {
        return sig;
    }
    gdb_threads_foreach(set_step, s.step);
    return s.resume_sig;
}

static bool gdb_attached(void)
{
    return listen_fd >= 0 || __atomic_load_n(&gdb_fd, __ATOMIC_RELAXED) >= 0;
}

int gdb_handlesig(CPUArchState *env, int sig)
{
    if (!gdb_attached()) {
        return sig;
    }
    gdb_threads_add(env);
    pthread_mutex_lock(&session_lock);
    if (listen_fd >= 0) {
        accept_gdb();
    }
    if (gdb_fd >= 0) {
        start_exclusive();
        sig = gdb_session(env, sig);
        end_exclusive();
    }
    stops_over++;
    pthread_cond_broadcast(&stop_over);
    pthread_mutex_unlock(&session_lock);
    return sig;
}

void gdb_thread_start(CPUArchState *env)
{
    if (gdb_attached()) {
        gdb_threads_add(env);
    }
}

void gdb_thread_exit(CPUArchState *env)
{
    if (gdb_attached()) {
        pthread_mutex_lock(&session_lock);
        gdb_threads_remove(env);
        pthread_mutex_unlock(&session_lock);
    }
}

/* The last word: session_lock stays held, so that no stop is reported
   after it while the process ends. */
static void last_word(const char *kind, int value)
{
    char buf[8];

    if (!gdb_attached()) {
        return;
    }
    pthread_mutex_lock(&session_lock);
    if (gdb_fd >= 0) {
        snprintf(buf, sizeof(buf), "%s%02x", kind, value & 0xff);
        put_packet(buf);
    }
}

void gdb_exit(int status)
{
    last_word("W", status);
}

void gdb_signalled(int sig)
{
    last_word("X", to_gdb_signal(sig));
}
