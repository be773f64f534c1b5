/*
 * main.c: qemu-i386 / qemu-x86_64.  Reads the options (each one also
 * settable through its QEMU_* environment variable, the variables read
 * first, as QEMU 4.1 does), builds the guest's environment, then starts the
 * emulator piece by piece and enters the guest's cpu_loop.
 * docs/user/options.md describes every option.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/guest-random.h"
#include "qemu.h"
#include "exec/shdwrt.h"
#include "vma-table.h"
#include "procfs.h"
#include "exec/cputlb.h"
#include "exec/perfmap.h"

#define PROG_NAME "qemu-" TARGET_NAME


/* What the options set before the emulator starts. */
static int log_mask;
static const char *log_filename;
static uintptr_t page_size;
static const char *argv0_override;

/* The guest's environment: the host's, edited by -E and -U. */
static char **guest_env;
static size_t guest_env_count;

typedef struct Option {
    const char *name;       /* as typed, without the leading '-' */
    const char *env;        /* its environment variable, or NULL */
    bool has_arg;
    bool inherit;           /* passed on to guest programs it execs */
    void (*handle)(const char *arg);
    const char *arg_name;   /* for the help text */
    const char *help;
} Option;

static QEMU_NORETURN QEMU_PRINTF(1, 2) void fail(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", program_invocation_short_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(EXIT_FAILURE);
}

static void *xmalloc(size_t size)
{
    void *p = malloc(size);

    if (!p) {
        fail("out of memory");
    }
    return p;
}

static void guest_env_init(char **host_env)
{
    size_t n = 0;

    while (host_env[n]) {
        n++;
    }
    /* Room for every variable plus the NULL, grown by guest_env_set. */
    guest_env = xmalloc((n + 1) * sizeof(char *));
    memcpy(guest_env, host_env, (n + 1) * sizeof(char *));
    guest_env_count = n;
}

/* Index of variable name (name_len bytes) in the guest env, or -1. */
static ssize_t guest_env_find(const char *name, size_t name_len)
{
    for (size_t i = 0; i < guest_env_count; i++) {
        if (strncmp(guest_env[i], name, name_len) == 0
            && guest_env[i][name_len] == '=') {
            return i;
        }
    }
    return -1;
}

static void guest_env_set(const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    ssize_t i;

    if (!eq || eq == assignment) {
        fail("invalid environment assignment '%s'", assignment);
    }
    i = guest_env_find(assignment, eq - assignment);
    if (i >= 0) {
        guest_env[i] = strdup(assignment);
        return;
    }
    guest_env = realloc(guest_env, (guest_env_count + 2) * sizeof(char *));
    if (!guest_env) {
        fail("out of memory");
    }
    guest_env[guest_env_count++] = strdup(assignment);
    guest_env[guest_env_count] = NULL;
}

static void guest_env_unset(const char *name)
{
    ssize_t i = guest_env_find(name, strlen(name));

    if (i >= 0) {
        memmove(&guest_env[i], &guest_env[i + 1],
                (guest_env_count - i) * sizeof(char *));
        guest_env_count--;
    }
}

/* -E and -U take comma-separated lists. */
static void for_each_item(const char *list, void (*fn)(const char *item))
{
    char *copy = strdup(list), *save = NULL;

    for (char *item = strtok_r(copy, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        fn(item);
    }
    free(copy);
}

/* A size with an optional k/K, M or G suffix; 0 for a malformed one. */
static unsigned long parse_size(const char *arg)
{
    static const struct { char suffix; int shift; } units[] = {
        { 'k', 10 }, { 'K', 10 }, { 'm', 20 }, { 'M', 20 }, { 'g', 30 }, { 'G', 30 },
    };
    char *end;
    unsigned long value;

    errno = 0;
    value = strtoul(arg, &end, 0);
    if (errno || end == arg) {
        return 0;
    }
    if (*end) {
        size_t i;

        for (i = 0; i < ARRAY_SIZE(units) && units[i].suffix != *end; i++) {
        }
        if (i == ARRAY_SIZE(units) || end[1]
            || value > (ULONG_MAX >> units[i].shift)) {
            return 0;
        }
        value <<= units[i].shift;
    }
    return value;
}

static void print_usage(void);

static void handle_help(const char *arg)
{
    print_usage();
    exit(EXIT_SUCCESS);
}

static void handle_version(const char *arg)
{
    printf(PROG_NAME " version " QEMU_VERSION "\n"
           "x86 Linux user-mode emulator, command-line compatible with QEMU "
           QEMU_VERSION "\n");
    exit(EXIT_SUCCESS);
}

static void handle_log(const char *arg)
{
    if (strcmp(arg, "help") == 0) {
        qemu_print_log_usage(stdout);
        exit(EXIT_SUCCESS);
    }
    log_mask = qemu_str_to_log_mask(arg);
    if (!log_mask) {
        qemu_print_log_usage(stdout);
        exit(EXIT_FAILURE);
    }
}

static void handle_log_filename(const char *arg)
{
    log_filename = arg;
}

static void handle_set_env(const char *arg)
{
    for_each_item(arg, guest_env_set);
}

static void handle_unset_env(const char *arg)
{
    for_each_item(arg, guest_env_unset);
}

static void handle_argv0(const char *arg)
{
    argv0_override = arg;
}

/* Absolute, since the guest may change directory; "/" is no sysroot. */
static void handle_ld_prefix(const char *arg)
{
    char *prefix = realpath(arg, NULL);

    if (!prefix) {
        fail("cannot use '%s' as sysroot: %s", arg, strerror(errno));
    }
    qemu_interp_prefix = strcmp(prefix, "/") ? prefix : NULL;
}

static void handle_stack_size(const char *arg)
{
    guest_stack_size = parse_size(arg);
    if (!guest_stack_size) {
        fail("invalid stack size '%s'", arg);
    }
}

static void handle_pagesize(const char *arg)
{
    char *end;

    page_size = strtoul(arg, &end, 0);
    if (end == arg || *end || !page_size) {
        fail("invalid page size '%s'", arg);
    }
}

static void handle_uname(const char *arg)
{
    qemu_uname_release = arg;
}

static void handle_dfilter(const char *arg)
{
    if (!qemu_set_dfilter_ranges(arg)) {
        fail("invalid -dfilter '%s' (comma-separated ranges: ADDR+LEN, ADDR-LEN or FIRST..LAST)",
             arg);
    }
}

static void handle_trace(const char *arg)
{
    fail("-trace is not supported: there is no trace-event backend (use -d, -strace or -g)");
}

static void handle_plugin(const char *arg)
{
    fail("-plugin is not supported: TCG plugins cannot be loaded (use -d or -g)");
}

static void handle_strace(const char *arg)
{
    do_strace = 1;
}

static void handle_gdb(const char *arg)
{
    if (!gdbserver_start(arg)) {
        fail("cannot listen for gdb on port '%s': %s", arg, strerror(errno));
    }
}

static void handle_singlestep(const char *arg)
{
    singlestep = 1;
}

/* From the environment any value but "0" turns it on. */
static void handle_checked_mem(const char *arg)
{
    checked_mem = !arg || strcmp(arg, "0") != 0;
}

static void handle_guest_base(const char *arg)
{
    char *end;

    guest_base = strtoul(arg, &end, 0);
    if (end == arg || *end) {
        fail("invalid guest base '%s'", arg);
    }
    have_guest_base = true;
}

static void handle_reserved_va(const char *arg)
{
    reserved_va = parse_size(arg);
    if (!reserved_va || reserved_va - 1 > GUEST_ADDR_MAX) {
        fail("invalid reserved_va '%s'", arg);
    }
}

static void handle_seed(const char *arg)
{
    if (!qemu_guest_random_seed_main(arg)) {
        fail("invalid seed '%s'", arg);
    }
}

/* From the environment any value but "0" turns it on. */
static void handle_perfmap(const char *arg)
{
    if (!arg || strcmp(arg, "0") != 0) {
        perfmap_open();
    }
}

/* QEMU 4.1's x86 models (target/i386/cpu-models.c) and "max". */
static void handle_cpu(const char *arg)
{
    int ret;

    if (strcmp(arg, "help") == 0) {
        x86_cpu_list_models(stdout);
        exit(EXIT_SUCCESS);
    }
    ret = x86_cpu_select_model(arg);
    if (ret == -ENOENT) {
        fail("unable to find CPU model '%s' (-cpu help lists them)", arg);
    }
    if (ret == -EINVAL) {
        fail("the CPU model '%s' does not support 64-bit mode", arg);
    }
}

static const Option options[] = {
    { "h", NULL, false, false, handle_help, "", "print this help" },
    { "help", NULL, false, false, handle_help, "", "" },
    { "L", "QEMU_LD_PREFIX", true, true, handle_ld_prefix, "path",
      "set the elf interpreter prefix to 'path'" },
    { "s", "QEMU_STACK_SIZE", true, true, handle_stack_size, "size",
      "set the stack size to 'size' bytes" },
    { "cpu", "QEMU_CPU", true, true, handle_cpu, "model",
      "select CPU (-cpu help for list)" },
    { "E", "QEMU_SET_ENV", true, false, handle_set_env, "var=value",
      "sets targets environment variable (see below)" },
    { "U", "QEMU_UNSET_ENV", true, false, handle_unset_env, "var",
      "unsets targets environment variable (see below)" },
    { "0", "QEMU_ARGV0", true, false, handle_argv0, "argv0",
      "forces target process argv[0] to be 'argv0'" },
    { "B", "QEMU_GUEST_BASE", true, false, handle_guest_base, "address",
      "set guest_base address to 'address'" },
    { "r", "QEMU_UNAME", true, true, handle_uname, "uname",
      "set qemu uname release string to 'uname'" },
    { "R", "QEMU_RESERVED_VA", true, false, handle_reserved_va, "size",
      "reserve 'size' bytes for guest virtual address space" },
    { "d", "QEMU_LOG", true, false, handle_log, "item[,...]",
      "enable logging of specified items (use '-d help' for a list of items)" },
    { "D", "QEMU_LOG_FILENAME", true, false, handle_log_filename, "logfile",
      "write logs to 'logfile' (default stderr)" },
    { "dfilter", "QEMU_DFILTER", true, false, handle_dfilter, "range[,...]",
      "filter logging based on address range" },
    { "p", "QEMU_PAGESIZE", true, true, handle_pagesize, "pagesize",
      "set the host page size to 'pagesize'" },
    { "g", "QEMU_GDB", true, false, handle_gdb, "port",
      "wait gdb connection to 'port'" },
    { "singlestep", "QEMU_SINGLESTEP", false, true, handle_singlestep, "",
      "run in singlestep mode" },
    { "checked-mem", "QEMU_CHECKED_MEM", false, true, handle_checked_mem, "",
      "check every guest memory access through the software TLB" },
    { "perfmap", "QEMU_PERFMAP", false, true, handle_perfmap, "",
      "write /tmp/perf-<pid>.map, which names guest code for perf" },
    { "strace", "QEMU_STRACE", false, true, handle_strace, "", "log system calls" },
    { "trace", NULL, true, false, handle_trace, "...", "not supported (one-line error)" },
    { "plugin", NULL, true, false, handle_plugin, "file[,arg=...]", "not supported (one-line error)" },
    { "seed", "QEMU_RAND_SEED", true, false, handle_seed, "n",
      "Seed for pseudo-random number generator" },
    { "version", NULL, false, false, handle_version, "",
      "display version information and exit" },
};

static void print_usage(void)
{
    int name_width = strlen("Argument"), env_width = strlen("Env-variable");

    for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
        const Option *o = &options[i];
        int w = strlen(o->name) + (o->has_arg ? strlen(o->arg_name) + 1 : 0);

        name_width = MAX(name_width, w);
        env_width = MAX(env_width, o->env ? (int)strlen(o->env) : 0);
    }
    printf("usage: " PROG_NAME " [options] program [arguments...]\n"
           "Linux CPU emulator (compiled for " TARGET_NAME " emulation)\n\n"
           "Options and associated environment variables:\n\n");
    printf("%-*s %-*s Description\n", name_width + 1, "Argument", env_width, "Env-variable");
    for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
        const Option *o = &options[i];
        char arg[64];

        if (!*o->help) {
            continue;           /* an alias, shown under its first name */
        }
        snprintf(arg, sizeof(arg), "%s%s%s", o->name, o->has_arg ? " " : "",
                 o->has_arg ? o->arg_name : "");
        printf("-%-*s %-*s %s\n", name_width, arg, env_width, o->env ? o->env : "",
               o->help);
    }
    printf("\nDefaults:\n"
           "QEMU_LD_PREFIX  = (none: the interpreter is taken from the host)\n"
           "QEMU_STACK_SIZE = %lu byte\n"
           "QEMU_PAGESIZE   = %lu (the host's page size)\n"
           "\nYou can use -E and -U options or the QEMU_SET_ENV and\n"
           "QEMU_UNSET_ENV environment variables to set and unset\n"
           "environment variables for the target process.\n"
           "It is possible to provide several variables by separating them\n"
           "by commas. Additionally it is possible to provide the -E and -U\n"
           "options multiple times.\n"
           "The following lines are equivalent:\n"
           "    -E var1=val2 -E var2=val2 -U LD_PRELOAD -U LD_DEBUG\n"
           "    -E var1=val2,var2=val2 -U LD_PRELOAD,LD_DEBUG\n"
           "    QEMU_SET_ENV=var1=val2,var2=val2 QEMU_UNSET_ENV=LD_PRELOAD,LD_DEBUG\n"
           "Note that if you provide several changes to a single variable\n"
           "the last change will stay in effect.\n",
           guest_stack_size, (unsigned long)qemu_real_host_page_size);
}

static const Option *find_option(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
        if (strcmp(options[i].name, name) == 0) {
            return &options[i];
        }
    }
    return NULL;
}

/* Returns the index of the program name in argv. */
static int parse_args(int argc, char **argv)
{
    int i = 1;

    for (size_t k = 0; k < ARRAY_SIZE(options); k++) {
        const char *value = options[k].env ? getenv(options[k].env) : NULL;

        if (value) {
            options[k].handle(value);
        }
    }
    while (i < argc && argv[i][0] == '-') {
        const char *name = argv[i++] + 1;
        const Option *o;

        if (strcmp(name, "-") == 0) {
            break;
        }
        if (name[0] == '-') {
            name++;             /* --option is -option */
        }
        o = find_option(name);
        if (!o) {
            fail("unknown option '%s'", name);
        }
        if (o->has_arg && i >= argc) {
            fail("missing argument for option '%s'", name);
        }
        if (o->inherit) {
            exec_inherit_option(argv[i - 1], o->has_arg ? argv[i] : NULL);
        }
        o->handle(o->has_arg ? argv[i++] : NULL);
    }
    if (i >= argc) {
        fail("no user program specified");
    }
    return i;
}

int main(int argc, char **argv, char **envp)
{
    struct image_info *info = calloc(1, sizeof(*info));
    TaskState *ts = calloc(1, sizeof(*ts));
    char **target_argv;
    const char *filename;
    CPUArchState *env;
    int prog;

    if (!info || !ts) {
        fail("out of memory");
    }
    guest_env_init(envp);
    exec_init();
    checked_mem = shdwrt_all_checked();
    page_set_alias_finder(vma_shared_aliases);
    prog = parse_args(argc, argv);
    filename = argv[prog];
    target_argv = xmalloc((argc - prog + 1) * sizeof(char *));
    memcpy(target_argv, argv + prog, (argc - prog + 1) * sizeof(char *));
    if (argv0_override) {
        target_argv[0] = (char *)argv0_override;
    }

    qemu_set_log_filename(log_filename);
    qemu_set_log(log_mask);
    if (!hostpage_init(page_size)) {
        fail("page size %lu is not a power of two between %lu and 65536",
             (unsigned long)page_size, (unsigned long)qemu_real_host_page_size);
    }
    if (have_guest_base && (guest_base & ~qemu_host_page_mask)) {
        fail("guest base 0x%lx is not aligned to the host page size %lu",
             (unsigned long)guest_base, (unsigned long)qemu_host_page_size);
    }
    mmap_init();
    guest_space_init();
    tcg_exec_init(0);

    env = cpu_x86_init();
    cpu_list_add(env);
    thread_cpu = env;
    ts->info = info;
    ts->tid = getpid();
    env->opaque = ts;
    exec_path = realpath(filename, NULL);
    if (!exec_path) {
        exec_path = filename;
    }
    if (loader_exec(filename, target_argv, guest_env, env, info) < 0) {
        exit(EXIT_FAILURE);
    }
    procfs_init(filename);
    target_brk_init(info->brk);
    syscall_init();
    signal_init();
    target_cpu_init(env, info);
    gdb_handlesig(env, 0);      /* with -g: gdb connects and takes over */
    cpu_loop(env);
}
