/*
 * target-syscalls: every syscall number of the guest's table is either
 * implemented or deliberately refused (linux-user/syscall_refused.c), and
 * every refusal has a reason.
 *
 * "target-syscalls --list" prints the table itself, one call a line:
 * "number<TAB>name<TAB>implemented|refused<TAB>reason".
 * scripts/syscall-table.sh makes docs/user/syscall-table.md of both
 * guests' lists, and tests/unit/run-check-syscall-table.sh checks that
 * file and the kernel's numbering against them.
 */
#include "qemu/osdep.h"
#include "syscall_impl.h"

/* Past the highest number of either guest's table. */
#define NR_LIMIT 1024

static int failures;

static void check(bool ok, const char *what, const char *name)
{
    if (!ok) {
        printf("FAIL %s: %s\n", what, name);
        failures++;
    }
}

static void list_table(void)
{
    for (int nr = 0; nr < NR_LIMIT; nr++) {
        const char *name = target_syscall_name(nr);
        const SyscallImpl *impl = syscall_impl(nr);

        if (name) {
            printf("%d\t%s\t%s\t%s\n", nr, name,
                   !impl ? "missing" : impl->why ? "refused" : "implemented",
                   impl && impl->why ? impl->why : "");
        }
    }
}

int main(int argc, char **argv)
{
    int implemented = 0, refused = 0;

    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        list_table();
        return 0;
    }
    for (int nr = 0; nr < NR_LIMIT; nr++) {
        const char *name = target_syscall_name(nr);
        const SyscallImpl *impl = syscall_impl(nr);

        if (!name) {
            continue;
        }
        check(impl != NULL, "neither implemented nor refused", name);
        if (impl && impl->why) {
            refused++;
        } else if (impl) {
            implemented++;
        }
    }
    for (const SyscallImpl *i = syscalls_refused; i->name; i++) {
        check(i->why != NULL && i->why[0], "refused without a reason", i->name);
        check(strchr(i->why, '|') == NULL && strchr(i->why, '\t') == NULL,
              "reason with '|' or a tab (it is a table cell)", i->name);
    }
    printf("%s table: %d implemented, %d refused\n", failures ? "FAIL" : "PASS",
           implemented, refused);
    return failures != 0;
}
