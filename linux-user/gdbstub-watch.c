/*
 * gdbstub-watch.c: gdb's watchpoints (Z2 write, Z3 read, Z4 access), as
 * x86 debug registers give them natively: the access happens, the
 * instruction completes, then the thread stops with the watched address
 * (`T05watch:ADDR;`).
 *
 * How an access is caught: while a watchpoint exists (gdb_watching) every
 * TB is translated with checked accesses (accel/tcg/cpu-exec.c), and the
 * TLB never caches a data access to a page that holds watched bytes
 * (accel/tcg/cputlb.c), so each such access misses and reaches
 * gdb_watch_check with its address and length.  Accesses to other bytes of
 * the page go on; one that touches a watched byte with the watched kind of
 * access restarts its instruction alone (a one-insn TB, checks off), and
 * when that instruction completes the execution loop returns EXCP_DEBUG,
 * which reaches gdb as a SIGTRAP stop whose reply names the watchpoint.
 * gdb inserts its watchpoints when it resumes the guest and removes them
 * when it stops, so the table changes only while every CPU is out of
 * generated code (gdb_handlesig's exclusive section).
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "gdbstub-internal.h"
#include "exec/gdbstub.h"
#include "exec/exec-all.h"
#include "exec/cputlb.h"

/* gdb asks for few; x86 hardware has four. */
#define WATCH_MAX 32

typedef struct Watchpoint {
    target_ulong addr;
    target_ulong len;
    WatchKind kind;
} Watchpoint;

static Watchpoint watchpoints[WATCH_MAX];
static int nb_watchpoints;

bool gdb_watching;
__thread bool gdb_watch_stepping;
/* The watchpoint the stepping instruction hit, for the stop reply. */
static __thread Watchpoint hit;

/* The stop reply's name for each kind (gdb's remote protocol). */
static const char *const watch_reply[] = {
    [WATCH_WRITE] = "watch", [WATCH_READ] = "rwatch", [WATCH_ACCESS] = "awatch",
};

static bool kind_catches(WatchKind kind, int access)
{
    return kind == WATCH_ACCESS || (kind == WATCH_WRITE) == (access == PAGE_WRITE);
}

static bool overlaps(const Watchpoint *w, target_ulong addr, target_ulong len)
{
    return addr < w->addr + w->len && w->addr < addr + len;
}

bool gdb_watch_on_page(target_ulong page)
{
    for (int i = 0; i < nb_watchpoints; i++) {
        if (overlaps(&watchpoints[i], page, TARGET_PAGE_SIZE)) {
            return true;
        }
    }
    return false;
}

void gdb_watch_check(CPUArchState *env, target_ulong addr, target_ulong len,
                     int access, uintptr_t retaddr)
{
    if (gdb_watch_stepping || access == PAGE_EXEC) {
        return;         /* the instruction that hit runs to its end */
    }
    for (int i = 0; i < nb_watchpoints; i++) {
        if (overlaps(&watchpoints[i], addr, len)
            && kind_catches(watchpoints[i].kind, access)) {
            hit = watchpoints[i];
            gdb_watch_stepping = true;
            env->cflags_next_tb = CF_CHECKED | CF_SINGLE_INSN;
            cpu_loop_exit_restore(env, retaddr);
        }
    }
}

/* The table changed: no TLB may keep a watched page, and from the first
   watchpoint on no TB may access memory directly. */
static void watch_table_changed(void)
{
    bool was_watching = gdb_watching;

    gdb_watching = nb_watchpoints > 0;
    if (gdb_watching && !was_watching) {
        tb_invalidate_direct();
    }
    tlb_invalidate_all_cpus();
}

bool gdb_watch_insert(target_ulong addr, target_ulong len, WatchKind kind)
{
    if (nb_watchpoints == WATCH_MAX || len == 0 || addr + len < addr) {
        return false;
    }
    watchpoints[nb_watchpoints++] = (Watchpoint){ addr, len, kind };
    watch_table_changed();
    return true;
}

bool gdb_watch_remove(target_ulong addr, target_ulong len, WatchKind kind)
{
    for (int i = 0; i < nb_watchpoints; i++) {
        Watchpoint *w = &watchpoints[i];

        if (w->addr == addr && w->len == len && w->kind == kind) {
            *w = watchpoints[--nb_watchpoints];
            watch_table_changed();
            return true;
        }
    }
    return false;
}

void gdb_watch_remove_all(void)
{
    nb_watchpoints = 0;
    watch_table_changed();
}

const char *gdb_watch_take_hit(target_ulong *addr)
{
    const char *name = hit.len ? watch_reply[hit.kind] : NULL;

    *addr = hit.addr;
    hit.len = 0;
    return name;
}
