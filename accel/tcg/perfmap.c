/*
 * perfmap.c: -perfmap / QEMU_PERFMAP.  Writes /tmp/perf-<pid>.map, the
 * file in which perf looks up the names of JIT code (one line per code
 * region: "START SIZE NAME", hexadecimal, see perf's jit-interface
 * documentation), a line for each translated block: its host code and, as
 * name, the guest function (when the guest ELF has symbols) and guest pc.
 * So `perf record` of the emulator, then `perf report`, names guest code
 * (docs/devel/performance.md, "Profiling a guest").
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "qemu/own-fd.h"
#include "exec/exec-all.h"
#include "exec/perfmap.h"
#include "disas/disas.h"

static FILE *perfmap;

bool perfmap_enabled(void)
{
    return perfmap != NULL;
}

void perfmap_open(void)
{
    char path[64];
    int fd;

    snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || !(perfmap = fdopen(own_fd_take(fd), "w"))) {
        fprintf(stderr, "qemu: cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
    /* Whole lines: the emulator may end by _exit, or be killed. */
    setvbuf(perfmap, NULL, _IOLBF, 0);
}

/* Called with mmap_lock held (translation), so lines never interleave. */
void perfmap_note_tb(const TranslationBlock *tb)
{
    const char *symbol = lookup_symbol(tb->pc);

    fprintf(perfmap, "%" PRIxPTR " %x %s%s[0x" TARGET_FMT_lx "]\n",
            (uintptr_t)tb->tc.ptr, (unsigned)tb->tc.size, symbol,
            *symbol ? " " : "", tb->pc);
}
