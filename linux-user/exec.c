/*
 * exec.c: execve of a program.  A binary for this emulator's guest runs
 * under this same emulator, as binfmt_misc would arrange, but keeping the
 * options a child must inherit (-p, -L, -strace, ...): without this an
 * i386 guest could exec nothing on a host without 32-bit support, and a
 * -p run would silently drop the simulated page size in its children.
 * Anything else (scripts, host binaries) goes to the host's execve.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include <elf.h>
#include <fcntl.h>

static char *emulator_path;
static const char **inherited_args;
static int n_inherited_args;

void exec_init(void)
{
    emulator_path = realpath("/proc/self/exe", NULL);
}

void exec_inherit_option(const char *option, const char *arg)
{
    inherited_args = realloc(inherited_args,
                             (n_inherited_args + 2) * sizeof(char *));
    if (!inherited_args) {
        abort();
    }
    inherited_args[n_inherited_args++] = option;
    if (arg) {
        inherited_args[n_inherited_args++] = arg;
    }
}

/* Is path an ELF executable of our guest's class and machine? */
static bool is_guest_binary(const char *path)
{
    unsigned char ident[EI_NIDENT + 4];
    uint16_t machine;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok;

    if (fd < 0) {
        return false;
    }
    ok = read(fd, ident, sizeof(ident)) == (ssize_t)sizeof(ident);
    close(fd);
    if (!ok || memcmp(ident, ELFMAG, SELFMAG) != 0
        || ident[EI_CLASS] != TARGET_ELF_CLASS) {
        return false;
    }
    /* e_machine follows e_ident and the 2-byte e_type. */
    memcpy(&machine, ident + EI_NIDENT + 2, sizeof(machine));
    return machine == TARGET_ELF_MACHINE;
}

int exec_program(const char *path, char **argv, char **envp)
{
    size_t argc = 0, n = 0;
    const char **args;

    if (!emulator_path || !is_guest_binary(path)) {
        return execve(path, argv, envp);
    }
    if (access(path, X_OK) != 0) {
        return -1;
    }
    while (argv[argc]) {
        argc++;
    }
    /* emulator, inherited options, -0 argv[0], path, argv[1..], NULL */
    args = malloc((n_inherited_args + argc + 5) * sizeof(char *));
    if (!args) {
        errno = ENOMEM;
        return -1;
    }
    args[n++] = emulator_path;
    for (int i = 0; i < n_inherited_args; i++) {
        args[n++] = inherited_args[i];
    }
    if (argc) {
        args[n++] = "-0";
        args[n++] = argv[0];
    }
    args[n++] = "--";
    args[n++] = path;
    for (size_t i = 1; i < argc; i++) {
        args[n++] = argv[i];
    }
    args[n] = NULL;
    execve(emulator_path, (char **)args, envp);
    free(args);
    return -1;
}
