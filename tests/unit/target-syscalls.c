/*
 * target-syscalls: every syscall number of the guest's table is either
 * implemented or deliberately refused (linux-user/syscall_refused.c), and
 * docs/user/syscalls.md lists exactly the refused ones: each refused call
 * has a row "| `name` | guests | reason |", and each row names a call that
 * this guest refuses or does not have.
 */
#include "qemu/osdep.h"
#include <glib.h>
#include "syscall_impl.h"

/* Past the highest number of either guest's table. */
#define NR_LIMIT 1024
#define ROW_PREFIX "| `"

static int failures;

static void check(bool ok, const char *what, const char *name)
{
    if (!ok) {
        printf("FAIL %s: %s\n", what, name);
        failures++;
    }
}

/* The names of the table's rows, as one string "|a|b|...|". */
static char *doc_rows(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    GString *rows = g_string_new("|");

    if (!f) {
        printf("FAIL cannot read %s\n", path);
        exit(1);
    }
    while (fgets(line, sizeof(line), f)) {
        if (strncmp(line, ROW_PREFIX, strlen(ROW_PREFIX)) == 0) {
            char *name = line + strlen(ROW_PREFIX);
            char *end = strchr(name, '`');

            if (end) {
                g_string_append_len(rows, name, end - name);
                g_string_append_c(rows, '|');
            }
        }
    }
    fclose(f);
    return g_string_free(rows, false);
}

static bool has_row(const char *rows, const char *name)
{
    g_autofree char *key = g_strdup_printf("|%s|", name);

    return strstr(rows, key) != NULL;
}

int main(void)
{
    const char *src = getenv("SRC_PATH");
    g_autofree char *doc = g_strdup_printf("%s/docs/user/syscalls.md", src ? src : "../../../..");
    g_autofree char *rows = doc_rows(doc);
    int implemented = 0, refused = 0;

    for (int nr = 0; nr < NR_LIMIT; nr++) {
        const char *name = target_syscall_name(nr);
        const SyscallImpl *impl = syscall_impl(nr);

        if (!name) {
            continue;
        }
        check(impl != NULL, "neither implemented nor refused", name);
        if (impl && impl->why) {
            refused++;
            check(has_row(rows, name), "refused but not in docs/user/syscalls.md", name);
        } else if (impl) {
            implemented++;
            check(!has_row(rows, name), "implemented but listed as refused in the docs", name);
        }
    }
    /* Every row names a call of some guest: refused here, or absent. */
    for (const SyscallImpl *i = syscalls_refused; i->name; i++) {
        check(i->why != NULL, "refused without a reason", i->name);
    }
    for (char *p = rows + 1, *end; (end = strchr(p, '|')); p = end + 1) {
        *end = 0;
        check(syscall_impl_by_name(p) && syscall_impl_by_name(p)->why,
              "listed in the docs but not refused", p);
    }
    printf("%s table: %d implemented, %d refused\n", failures ? "FAIL" : "PASS",
           implemented, refused);
    return failures != 0;
}
