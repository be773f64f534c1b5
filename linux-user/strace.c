/*
 * strace.c: -strace (and -d strace): one line per guest syscall in QEMU's
 * format, "pid name(args) = result".  How each argument prints comes from
 * the letters of the syscall's table entry (syscall_impl.h); flag words
 * (open, mmap, mprotect) are spelled out from the flag tables below.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
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
    { PROT_READ, "PROT_READ" }, { PROT_WRITE, "PROT_WRITE" },
    { PROT_EXEC, "PROT_EXEC" }, { PROT_GROWSDOWN, "PROT_GROWSDOWN" },
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
    { MAP_EXECUTABLE, "MAP_EXECUTABLE" }, { MAP_LOCKED, "MAP_LOCKED" },
    { MAP_NONBLOCK, "MAP_NONBLOCK" }, { MAP_NORESERVE, "MAP_NORESERVE" },
    { MAP_POPULATE, "MAP_POPULATE" }, { MAP_STACK, "MAP_STACK" },
    { MAP_HUGETLB, "MAP_HUGETLB" }, { MAP_32BIT, "MAP_32BIT" },
    { MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE" },
    { 0, NULL }
};

/* An exact value from table (the access mode, the mapping type). */
static void print_enum(const FlagName *table, abi_ulong v)
{
    for (; table->name; table++) {
        if (table->value == v) {
            strace_printf("%s", table->name);
            return;
        }
    }
    strace_printf("%#" PRIx64, (uint64_t)v);
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
    const char *s = lock_user_string(addr);
    size_t n;

    if (!s) {
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

static void print_arg(char kind, abi_long v)
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
    case 'f':
        if ((int)v == AT_FDCWD) {
            strace_printf("AT_FDCWD");
        } else {
            strace_printf("%d", (int)v);
        }
        break;
    case 'O':
        print_enum(open_access_names, v & O_ACCMODE);
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
        print_enum(mmap_type_names, v & MAP_TYPE);
        print_flag_bits(mmap_flag_names, v & ~MAP_TYPE, true);
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
            strace_printf("0x" TARGET_ABI_FMT_lx, (abi_ulong)v);
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
    strace_printf("%s(", name);
    if (impl) {
        for (int i = 0; impl->args[i] && impl->args[i] != '='; i++) {
            if (i) {
                strace_printf(",");
            }
            print_arg(impl->args[i], arg[i]);
        }
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

void print_syscall_ret(int num, abi_long ret)
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
        strace_printf(" = 0x" TARGET_ABI_FMT_lx "\n", (abi_ulong)ret);
    } else {
        strace_printf(" = " TARGET_ABI_FMT_ld "\n", ret);
    }
}
