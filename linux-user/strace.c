/*
 * strace.c: -strace (and -d strace): one line per guest syscall in QEMU's
 * format, "pid name(args) = result".  How each argument prints comes from
 * the letters of the syscall's table entry (syscall_impl.h); flag words
 * (open, mmap, mprotect, access modes), socket families, types and
 * protocols, lseek's whence, fcntl commands, the common ioctl requests,
 * sigprocmask's how, clock ids, futex operations and unlinkat's flags are
 * spelled out from the tables below.  Pointers print zero-padded to the
 * guest's word, as QEMU's TARGET_ABI_FMT_lx does.  i386's socketcall prints as the
 * operation it performs, in capitals, as QEMU prints it.
 */
#include "qemu/osdep.h"
#include <ctype.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/futex.h>
#include <signal.h>
#include <time.h>
#include "qemu/log.h"
#include "syscall_impl.h"

/* -strace writes to stderr as QEMU does; -d strace alone to the log. */
static QEMU_PRINTF(1, 2) void strace_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (do_strace) {
        vfprintf(stderr, fmt, ap);
    } else {
        qemu_log_vprintf(fmt, ap);
    }
    va_end(ap);
}

typedef struct FlagName {
    abi_ulong value;
    const char *name;
} FlagName;

static const FlagName open_access_names[] = {
    { O_RDONLY, "O_RDONLY" }, { O_WRONLY, "O_WRONLY" }, { O_RDWR, "O_RDWR" },
    { 0, NULL }
};
/* Multi-bit flags come before the single bits they contain. */
static const FlagName open_flag_names[] = {
    { 020200000, "O_TMPFILE" }, { 04010000, "O_SYNC" },
    { O_APPEND, "O_APPEND" }, { O_CREAT, "O_CREAT" },
    { O_DIRECTORY, "O_DIRECTORY" }, { O_EXCL, "O_EXCL" },
    { 0100000, "O_LARGEFILE" }, { O_NOCTTY, "O_NOCTTY" },
    { O_NOFOLLOW, "O_NOFOLLOW" }, { O_NONBLOCK, "O_NONBLOCK" },
    { O_DSYNC, "O_DSYNC" }, { O_TRUNC, "O_TRUNC" }, { O_DIRECT, "O_DIRECT" },
    { O_NOATIME, "O_NOATIME" }, { O_CLOEXEC, "O_CLOEXEC" },
    { O_PATH, "O_PATH" }, { O_ASYNC, "O_ASYNC" },
    { 0, NULL }
};
static const FlagName mmap_prot_names[] = {
    { PROT_EXEC, "PROT_EXEC" }, { PROT_READ, "PROT_READ" },        /* QEMU's order */
    { PROT_WRITE, "PROT_WRITE" }, { PROT_GROWSDOWN, "PROT_GROWSDOWN" },
    { PROT_GROWSUP, "PROT_GROWSUP" },
    { 0, NULL }
};
static const FlagName mmap_type_names[] = {
    { MAP_SHARED, "MAP_SHARED" }, { MAP_PRIVATE, "MAP_PRIVATE" },
    { MAP_SHARED_VALIDATE, "MAP_SHARED_VALIDATE" },
    { 0, NULL }
};
static const FlagName mmap_flag_names[] = {
    { MAP_ANONYMOUS, "MAP_ANONYMOUS" }, { MAP_DENYWRITE, "MAP_DENYWRITE" },
    { MAP_FIXED, "MAP_FIXED" }, { MAP_GROWSDOWN, "MAP_GROWSDOWN" },
    { MAP_EXECUTABLE, "MAP_EXECUTABLE" }, { TARGET_MAP_LOCKED, "MAP_LOCKED" },
    { MAP_NONBLOCK, "MAP_NONBLOCK" }, { TARGET_MAP_NORESERVE, "MAP_NORESERVE" },
    { MAP_POPULATE, "MAP_POPULATE" }, { MAP_STACK, "MAP_STACK" },
    { MAP_HUGETLB, "MAP_HUGETLB" }, { TARGET_MAP_32BIT, "MAP_32BIT" },
    { MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE" },
    { 0, NULL }
};

static const FlagName access_mode_names[] = {
    { R_OK, "R_OK" }, { W_OK, "W_OK" }, { X_OK, "X_OK" },
    { 0, NULL }
};
static const FlagName whence_names[] = {
    { SEEK_SET, "SEEK_SET" }, { SEEK_CUR, "SEEK_CUR" }, { SEEK_END, "SEEK_END" },
    { SEEK_DATA, "SEEK_DATA" }, { SEEK_HOLE, "SEEK_HOLE" },
    { 0, NULL }
};
/* The commands of fcntl; which take an argument, and of what kind (the
   print_arg letter), is in fcntl_arg_kind. */
static const FlagName fcntl_cmd_names[] = {
    { F_DUPFD, "F_DUPFD" }, { F_GETFD, "F_GETFD" }, { F_SETFD, "F_SETFD" },
    { F_GETFL, "F_GETFL" }, { F_SETFL, "F_SETFL" }, { F_GETLK, "F_GETLK" },
    { F_SETLK, "F_SETLK" }, { F_SETLKW, "F_SETLKW" }, { F_SETOWN, "F_SETOWN" },
    { F_GETOWN, "F_GETOWN" }, { F_SETSIG, "F_SETSIG" }, { F_GETSIG, "F_GETSIG" },
    { F_OFD_GETLK, "F_OFD_GETLK" }, { F_OFD_SETLK, "F_OFD_SETLK" },
    { F_OFD_SETLKW, "F_OFD_SETLKW" }, { F_SETLEASE, "F_SETLEASE" },
    { F_GETLEASE, "F_GETLEASE" }, { F_NOTIFY, "F_NOTIFY" },
    { F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC" }, { F_SETPIPE_SZ, "F_SETPIPE_SZ" },
    { F_GETPIPE_SZ, "F_GETPIPE_SZ" }, { F_ADD_SEALS, "F_ADD_SEALS" },
    { F_GET_SEALS, "F_GET_SEALS" },
    { 0, NULL }
};
static const FlagName sigprocmask_how_names[] = {
    { SIG_BLOCK, "SIG_BLOCK" }, { SIG_UNBLOCK, "SIG_UNBLOCK" },
    { SIG_SETMASK, "SIG_SETMASK" },
    { 0, NULL }
};
static const FlagName clock_names[] = {
    { CLOCK_REALTIME, "CLOCK_REALTIME" }, { CLOCK_MONOTONIC, "CLOCK_MONOTONIC" },
    { CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID" },
    { CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID" },
    { CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW" },
    { CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE" },
    { CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE" },
    { CLOCK_BOOTTIME, "CLOCK_BOOTTIME" }, { CLOCK_REALTIME_ALARM, "CLOCK_REALTIME_ALARM" },
    { CLOCK_BOOTTIME_ALARM, "CLOCK_BOOTTIME_ALARM" }, { CLOCK_TAI, "CLOCK_TAI" },
    { 0, NULL }
};
/* The operation (low bits) and its two modifier bits, in QEMU's order. */
static const FlagName futex_flag_names[] = {
    { FUTEX_PRIVATE_FLAG, "FUTEX_PRIVATE_FLAG" },
    { FUTEX_CLOCK_REALTIME, "FUTEX_CLOCK_REALTIME" },
    { 0, NULL }
};
static const FlagName futex_op_names[] = {
    { FUTEX_WAIT, "FUTEX_WAIT" }, { FUTEX_WAKE, "FUTEX_WAKE" },
    { FUTEX_FD, "FUTEX_FD" }, { FUTEX_REQUEUE, "FUTEX_REQUEUE" },
    { FUTEX_CMP_REQUEUE, "FUTEX_CMP_REQUEUE" }, { FUTEX_WAKE_OP, "FUTEX_WAKE_OP" },
    { FUTEX_LOCK_PI, "FUTEX_LOCK_PI" }, { FUTEX_UNLOCK_PI, "FUTEX_UNLOCK_PI" },
    { FUTEX_TRYLOCK_PI, "FUTEX_TRYLOCK_PI" }, { FUTEX_WAIT_BITSET, "FUTEX_WAIT_BITSET" },
    { FUTEX_WAKE_BITSET, "FUTEX_WAKE_BITSET" },
    { FUTEX_WAIT_REQUEUE_PI, "FUTEX_WAIT_REQUEUE_PI" },
    { FUTEX_CMP_REQUEUE_PI, "FUTEX_CMP_REQUEUE_PI" }, { FUTEX_LOCK_PI2, "FUTEX_LOCK_PI2" },
    { 0, NULL }
};
static const FlagName unlinkat_flag_names[] = {
    { AT_REMOVEDIR, "AT_REMOVEDIR" },
    { 0, NULL }
};
/* Terminal and file ioctls programs make on their own (isatty, window
   size, non-blocking); others print in hex. */
static const FlagName ioctl_names[] = {
    { 0x5401, "TCGETS" }, { 0x5402, "TCSETS" }, { 0x5403, "TCSETSW" },
    { 0x5404, "TCSETSF" }, { 0x5409, "TCSBRK" }, { 0x540a, "TCXONC" },
    { 0x540b, "TCFLSH" }, { 0x540e, "TIOCSCTTY" }, { 0x540f, "TIOCGPGRP" },
    { 0x5410, "TIOCSPGRP" }, { 0x5411, "TIOCOUTQ" }, { 0x5413, "TIOCGWINSZ" },
    { 0x5414, "TIOCSWINSZ" }, { 0x541b, "FIONREAD" }, { 0x5421, "FIONBIO" },
    { 0x5422, "TIOCNOTTY" }, { 0x5429, "TIOCGSID" }, { 0x5450, "FIONCLEX" },
    { 0x5451, "FIOCLEX" }, { 0x5452, "FIOASYNC" }, { 0x80045430, "TIOCGPTN" },
    { 0x40045431, "TIOCSPTLCK" },
    { 0, NULL }
};

/* QEMU's spelling: PF_, not AF_. */
static const FlagName socket_family_names[] = {
    { PF_UNIX, "PF_UNIX" }, { PF_INET, "PF_INET" }, { PF_INET6, "PF_INET6" },
    { PF_NETLINK, "PF_NETLINK" }, { PF_PACKET, "PF_PACKET" },
    { PF_KEY, "PF_KEY" }, { PF_CAN, "PF_CAN" }, { PF_BLUETOOTH, "PF_BLUETOOTH" },
    { PF_ALG, "PF_ALG" }, { PF_VSOCK, "PF_VSOCK" },
    { 0, NULL }
};
/* The low bits of a socket type are the type, the rest flags. */
#define SOCK_TYPE_MASK 0xf
static const FlagName socket_type_names[] = {
    { SOCK_STREAM, "SOCK_STREAM" }, { SOCK_DGRAM, "SOCK_DGRAM" },
    { SOCK_RAW, "SOCK_RAW" }, { SOCK_RDM, "SOCK_RDM" },
    { SOCK_SEQPACKET, "SOCK_SEQPACKET" }, { SOCK_DCCP, "SOCK_DCCP" },
    { SOCK_PACKET, "SOCK_PACKET" },
    { 0, NULL }
};
static const FlagName socket_type_flag_names[] = {
    { SOCK_CLOEXEC, "SOCK_CLOEXEC" }, { SOCK_NONBLOCK, "SOCK_NONBLOCK" },
    { 0, NULL }
};
static const FlagName ip_protocol_names[] = {
    { IPPROTO_IP, "IPPROTO_IP" }, { IPPROTO_ICMP, "IPPROTO_ICMP" },
    { IPPROTO_TCP, "IPPROTO_TCP" }, { IPPROTO_UDP, "IPPROTO_UDP" },
    { IPPROTO_IPV6, "IPPROTO_IPV6" }, { IPPROTO_ICMPV6, "IPPROTO_ICMPV6" },
    { IPPROTO_SCTP, "IPPROTO_SCTP" }, { IPPROTO_RAW, "IPPROTO_RAW" },
    { 0, NULL }
};
static const FlagName netlink_protocol_names[] = {
    { NETLINK_ROUTE, "NETLINK_ROUTE" }, { NETLINK_USERSOCK, "NETLINK_USERSOCK" },
    { NETLINK_SOCK_DIAG, "NETLINK_SOCK_DIAG" }, { NETLINK_XFRM, "NETLINK_XFRM" },
    { NETLINK_SELINUX, "NETLINK_SELINUX" }, { NETLINK_AUDIT, "NETLINK_AUDIT" },
    { NETLINK_CONNECTOR, "NETLINK_CONNECTOR" },
    { NETLINK_NETFILTER, "NETLINK_NETFILTER" },
    { NETLINK_KOBJECT_UEVENT, "NETLINK_KOBJECT_UEVENT" },
    { NETLINK_GENERIC, "NETLINK_GENERIC" }, { NETLINK_CRYPTO, "NETLINK_CRYPTO" },
    { 0, NULL }
};
/* Which names a protocol number has depends on the family; families not
   listed print it as a number. */
static const struct {
    int family;
    const FlagName *names;
} socket_protocol_tables[] = {
    { PF_UNIX, ip_protocol_names }, { PF_INET, ip_protocol_names },
    { PF_INET6, ip_protocol_names }, { PF_NETLINK, netlink_protocol_names },
};

/* An exact value from table (the access mode, the mapping type, a socket
   family); one it does not name in hex for bit fields, else in decimal. */
static void print_enum(const FlagName *table, abi_ulong v, bool unknown_in_hex)
{
    for (; table->name; table++) {
        if (table->value == v) {
            strace_printf("%s", table->name);
            return;
        }
    }
    if (unknown_in_hex) {
        strace_printf("%#" PRIx64, (uint64_t)v);
    } else {
        strace_printf("%d", (int)v);
    }
}

/* Names of the bits of v joined by '|', unknown bits in hex; need_bar
   says something was printed before. */
static void print_flag_bits(const FlagName *table, abi_ulong v, bool need_bar)
{
    for (; table->name && v; table++) {
        if ((v & table->value) == table->value) {
            strace_printf("%s%s", need_bar ? "|" : "", table->name);
            v &= ~table->value;
            need_bar = true;
        }
    }
    if (v || !need_bar) {
        strace_printf("%s%#" PRIx64, need_bar ? "|" : "", (uint64_t)v);
    }
}

#define STRACE_STRING_MAX 40

static const char *const string_escapes[256] = {
    ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r",
    ['"'] = "\\\"", ['\\'] = "\\\\",
};

/* A guest string, quoted and escaped, cut after STRACE_STRING_MAX chars. */
static void print_string(abi_ulong addr)
{
    char s[STRACE_STRING_MAX + 2];
    size_t n;

    /* one character more than is printed says whether to print "..." */
    s[STRACE_STRING_MAX + 1] = 0;
    if (strncpy_from_user(s, addr, STRACE_STRING_MAX + 1) < 0) {
        strace_printf("0x" TARGET_ABI_FMT_lx, addr);
        return;
    }
    strace_printf("\"");
    for (n = 0; s[n] && n < STRACE_STRING_MAX; n++) {
        unsigned char c = s[n];

        if (string_escapes[c]) {
            strace_printf("%s", string_escapes[c]);
        } else if (c < 0x20 || c >= 0x7f) {
            strace_printf("\\%03o", c);
        } else {
            strace_printf("%c", c);
        }
    }
    strace_printf("\"%s", s[n] ? "..." : "");
}

static void print_socket_protocol(int family, abi_long v)
{
    for (size_t i = 0; i < ARRAY_SIZE(socket_protocol_tables); i++) {
        if (socket_protocol_tables[i].family == family) {
            print_enum(socket_protocol_tables[i].names, v, false);
            return;
        }
    }
    strace_printf("%d", (int)v);
}

/* v as QEMU prints a pointer or an address result: "0x" and the guest
   word's hex digits, zero-padded. */
static void print_hex_word(abi_ulong v)
{
    strace_printf("0x%0*" PRIx64, (int)(2 * sizeof(abi_ulong)), (uint64_t)v);
}

/* args: all the call's arguments, for those printed in the light of
   another (a protocol needs its family). */
static void print_arg(char kind, abi_long v, const abi_long *args)
{
    switch (kind) {
    case 'd':
        strace_printf("%d", (int)v);
        break;
    case 'l':
        strace_printf(TARGET_ABI_FMT_ld, v);
        break;
    case 'u':
        strace_printf("%" PRIu64, (uint64_t)(abi_ulong)v);
        break;
    case 's':
        print_string(v);
        break;
    case 'o':
        strace_printf("%#o", (unsigned)v);
        break;
    case 'h':
        strace_printf("%#" PRIx64, (uint64_t)(abi_ulong)v);
        break;
    case 'f':
        if ((int)v == AT_FDCWD) {
            strace_printf("AT_FDCWD");
        } else {
            strace_printf("%d", (int)v);
        }
        break;
    case 'O':
        print_enum(open_access_names, v & O_ACCMODE, true);
        print_flag_bits(open_flag_names, v & ~O_ACCMODE, true);
        break;
    case 'P':
        if (v == 0) {
            strace_printf("PROT_NONE");
        } else {
            print_flag_bits(mmap_prot_names, v, false);
        }
        break;
    case 'M':
        print_enum(mmap_type_names, v & MAP_TYPE, true);
        print_flag_bits(mmap_flag_names, v & ~MAP_TYPE, true);
        break;
    case 'F':
        print_enum(socket_family_names, v, false);
        break;
    case 'T':
        print_enum(socket_type_names, v & SOCK_TYPE_MASK, false);
        print_flag_bits(socket_type_flag_names, v & ~SOCK_TYPE_MASK, true);
        break;
    case 'p':
        print_socket_protocol(args[0], v);
        break;
    case 'A':
        if (v == F_OK) {
            strace_printf("F_OK");
        } else {
            print_flag_bits(access_mode_names, v, false);
        }
        break;
    case 'W':
        print_enum(whence_names, v, false);
        break;
    case 'C':
        print_enum(fcntl_cmd_names, v, false);
        break;
    case 'I':
        print_enum(ioctl_names, (uint32_t)v, true);
        break;
    case 'H':
        print_enum(sigprocmask_how_names, v, false);
        break;
    case 'K':
        print_enum(clock_names, v, false);
        break;
    case 'X':
        /* the modifier bits first, each followed by '|', as QEMU */
        for (const FlagName *f = futex_flag_names; f->name; f++) {
            if (v & f->value) {
                strace_printf("%s|", f->name);
            }
        }
        print_enum(futex_op_names, v & FUTEX_CMD_MASK, false);
        break;
    case 'R':
        print_flag_bits(unlinkat_flag_names, v, false);
        break;
    case 'S':
        if ((int)v > 0 && (int)v < 32 && sigabbrev_np(v)) {
            strace_printf("SIG%s", sigabbrev_np(v));
        } else {
            strace_printf("%d", (int)v);
        }
        break;
    default:                           /* 'x', as QEMU's print_pointer */
        if (v == 0) {
            strace_printf("NULL");
        } else {
            print_hex_word(v);
        }
        break;
    }
}

/* The result format: the letter after '=' in args ('x', '!'), or 0. */
static char result_kind(const SyscallImpl *impl)
{
    const char *eq = impl ? strchr(impl->args, '=') : NULL;

    return eq ? eq[1] : 0;
}

/* How fcntl's third argument prints for command cmd: 0 when the command
   takes none (QEMU then prints two arguments), 'O' for file status flags,
   'x' for a pointer (locks), else 'd'. */
static char fcntl_arg_kind(abi_long cmd)
{
    switch (cmd) {
    case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG: case F_GETLEASE:
    case F_GETPIPE_SZ: case F_GET_SEALS:
        return 0;
    case F_SETFL:
        return 'O';
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return 'x';
    default:
        return 'd';
    }
}

static void print_args(const SyscallImpl *impl, const abi_long *arg)
{
    for (size_t i = 0; i < syscall_nargs(impl); i++) {
        char kind = impl->args[i];

        /* 'c': fcntl's argument, as its command (the argument before) says;
           'm': open's mode, only when its flags (before it) use one. */
        if (kind == 'c' && !(kind = fcntl_arg_kind(arg[i - 1]))) {
            break;
        }
        if (kind == 'm') {
            if (!(arg[i - 1] & (O_CREAT | __O_TMPFILE))) {
                break;
            }
            kind = 'o';
        }
        strace_printf("%s", i ? "," : "");
        print_arg(kind, arg[i], arg);
    }
}

/* socketcall(call, args) as the operation it performs, "SOCKET(...)";
   false if call or args are bad, to print the plain socketcall. */
static bool print_socketcall(const abi_long *arg)
{
    const SyscallImpl *op;
    abi_long a[6];

    if (socketcall_args(arg[0], arg[1], a, &op)) {
        return false;
    }
    for (const char *c = op->name; *c; c++) {
        strace_printf("%c", toupper((unsigned char)*c));
    }
    strace_printf("(");
    print_args(op, a);
    strace_printf(")");
    return true;
}

void print_syscall(int num, abi_long a1, abi_long a2, abi_long a3,
                   abi_long a4, abi_long a5, abi_long a6)
{
    const abi_long arg[6] = { a1, a2, a3, a4, a5, a6 };
    const char *name = target_syscall_name(num);
    const SyscallImpl *impl = syscall_impl(num);

    strace_printf("%d ", getpid());
    if (!name) {
        strace_printf("Unknown syscall %d\n", num);
        return;
    }
    if (strcmp(name, "socketcall") == 0 && print_socketcall(arg)) {
        return;
    }
    strace_printf("%s(", name);
    if (impl) {
        print_args(impl, arg);
    } else {
        for (int i = 0; i < 6; i++) {
            strace_printf("%s" TARGET_ABI_FMT_ld, i ? "," : "", arg[i]);
        }
    }
    strace_printf(")");
    if (result_kind(impl) == '!') {
        strace_printf("\n");
    }
}

/* Two signed words at addr, of the guest's size or 64-bit (wide). */
static bool get_pair(abi_ulong addr, bool wide, int64_t *a, int64_t *b)
{
    abi_long w[2];
    int64_t q[2];

    if (wide ? copy_from_user(q, addr, sizeof(q)) : copy_from_user(w, addr, sizeof(w))) {
        return false;
    }
    *a = wide ? q[0] : w[0];
    *b = wide ? q[1] : w[1];
    return true;
}

/* What a successful call wrote, in QEMU 7.2's words: " ({tv_sec = 5,...})". */
static void print_written(char kind, const abi_long *arg)
{
    int64_t sec, frac, west, dst;

    if (!get_pair(arg[kind == 'v' ? 0 : 1], kind == 'T', &sec, &frac)) {
        return;
    }
    strace_printf(" ({tv_sec = %" PRId64 ",tv_%ssec = %" PRId64 "}", sec,
                  kind == 'v' ? "u" : "n", frac);
    if (kind == 'v') {
        if (!arg[1]) {
            strace_printf(",NULL");
        } else if (get_pair(arg[1], false, &west, &dst)) {
            /* struct timezone is two ints on every ABI */
            strace_printf(",{tz_minuteswest = %d,tz_dsttime = %d}",
                          (int)(west & 0xffffffff), (int)(dst & 0xffffffff));
        }
    }
    strace_printf(")");
}

void print_syscall_ret(int num, abi_long ret, const abi_long *arg)
{
    const SyscallImpl *impl = syscall_impl(num);
    char kind = result_kind(impl);

    if (!target_syscall_name(num) || kind == '!') {
        return;
    }
    if (ret == -TARGET_ERESTARTSYS || ret == -TARGET_ERESTARTNOHAND) {
        strace_printf(" = -1 errno=%d (To be restarted)\n", (int)-ret);
    } else if (ret < 0 && ret >= -4095) {
        strace_printf(" = -1 errno=%d (%s)\n", (int)-ret, strerror(-ret));
    } else if (kind == 'x') {
        strace_printf(" = ");
        print_hex_word(ret);
        strace_printf("\n");
    } else {
        strace_printf(" = " TARGET_ABI_FMT_ld, ret);
        if (kind == 't' || kind == 'T' || kind == 'v') {
            print_written(kind, arg);
        }
        strace_printf("\n");
    }
}
