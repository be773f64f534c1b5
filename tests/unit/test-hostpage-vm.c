/*
 * test-hostpage-vm: the host-page layer under -p answers as a real kernel
 * with that page size does.  tests/vm/hostpage-probe.c, run through hp_*
 * with H simulated, must print what the same probe printed natively on a
 * real 16 KiB (arm64) and 64 KiB (ppc64el) kernel, recorded in
 * tests/vm/hostpage-probe-H.txt by tests/vm/run-hostpage-probe.sh.
 */
#include "qemu/osdep.h"
#include <sys/wait.h>
#include <glib.h>
#include "qemu/hostpage.h"

#define PROBE_HOSTPAGE_LAYER
#include "../vm/hostpage-probe.c"

/* The probe's output for H, from a child (it maps and faults a lot). */
static char *probe_output(uintptr_t h)
{
    char path[] = "/tmp/test-hostpage-vm-XXXXXX";
    int fd = mkstemp(path);
    char *out = NULL;
    int status;
    pid_t pid;

    if (fd < 0) {
        return NULL;
    }
    unlink(path);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        dup2(fd, STDOUT_FILENO);
        if (!hostpage_init(h)) {
            _exit(1);
        }
        probe_run(h);
        _exit(0);
    }
    if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        off_t size = lseek(fd, 0, SEEK_END);

        out = g_malloc0(size + 1);
        if (pread(fd, out, size, 0) != size) {
            g_free(out);
            out = NULL;
        }
    }
    close(fd);
    return out;
}

/*
 * Where the layer alone does not do what the real kernel does, by scene.  A
 * listed scene that differs is SKIP with the reason; one that agrees is a
 * FAIL (take it off the list).  docs/devel/memory.md says what each costs.
 */
static const struct {
    const char *scene;
    const char *reason;
} known_differences[] = {
    { "private, piece 0 written", "a direct write copies 4 KiB: the emulator's page map copies the whole host page (test-guest-mmap private-first-write)" },
};

static const char *known_reason(const char *line)
{
    for (size_t i = 0; i < ARRAY_SIZE(known_differences); i++) {
        if (g_str_has_prefix(line, known_differences[i].scene)) {
            return known_differences[i].reason;
        }
    }
    return NULL;
}

/* Compare scene by scene; returns whether all agreed or differ as known. */
static bool compare(unsigned long kib, char *got, char *expected)
{
    g_auto(GStrv) want = g_strsplit(expected, "\n", -1);
    g_auto(GStrv) have = g_strsplit(got, "\n", -1);
    bool ok = true;

    for (size_t i = 0; want[i] && *want[i]; i++) {
        const char *line = have && i < g_strv_length(have) ? have[i] : "";
        const char *reason = known_reason(want[i]);
        bool same = strcmp(line, want[i]) == 0;
        g_autofree char *scene = g_strchomp(g_strndup(want[i], 40));

        if (same && !reason) {
            printf("PASS kernel-%luk: %s\n", kib, scene);
        } else if (!same && reason) {
            printf("SKIP kernel-%luk: %s (known: %s)\n", kib, scene, reason);
        } else {
            printf("FAIL kernel-%luk: %s %s\n  layer:  %s\n  kernel: %s\n", kib, scene,
                   reason ? "is listed as differing, but agrees" : "differs", line, want[i]);
            ok = false;
        }
    }
    return ok;
}

int main(void)
{
    static const uintptr_t sizes[] = { 16384, 65536 };
    const char *src = getenv("SRC_PATH");
    int failed = 0;

    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
        unsigned long kib = sizes[i] / 1024;
        g_autofree char *expected_path =
            g_strdup_printf("%s/tests/vm/hostpage-probe-%lu.txt", src ? src : ".",
                            (unsigned long)sizes[i]);
        g_autofree char *expected = NULL;
        g_autofree char *got = probe_output(sizes[i]);

        if (!g_file_get_contents(expected_path, &expected, NULL, NULL)) {
            printf("FAIL kernel-%luk (cannot read %s)\n", kib, expected_path);
            failed = 1;
        } else if (!got) {
            printf("FAIL kernel-%luk (the probe crashed)\n", kib);
            failed = 1;
        } else if (!compare(kib, got, expected)) {
            failed = 1;
        }
    }
    return failed;
}
