/*
 * gdbstub-internal.h: what the two halves of the linux-user gdbstub share:
 * gdbstub.c (the protocol) asks gdbstub-threads.c which guest threads
 * exist and which CPU a tid names, and keeps its watchpoints in
 * gdbstub-watch.c.
 */
#ifndef LINUX_USER_GDBSTUB_INTERNAL_H
#define LINUX_USER_GDBSTUB_INTERNAL_H

#include <sys/types.h>
#include "cpu.h"

/* A fork's child: no thread is listed or held, and the table's lock is
   free (the thread that held it did not survive the fork). */
void gdb_threads_forget(void);
/* The calling thread, running env, joins the table (once). */
void gdb_threads_add(CPUArchState *env);
void gdb_threads_remove(CPUArchState *env);
/* Hold the threads for which held says so, release the others (all when
   held is NULL). */
void gdb_threads_hold(bool (*held)(CPUArchState *env, void *opaque), void *opaque);
/* The CPU of thread tid, or NULL. */
CPUArchState *gdb_thread_env(pid_t tid);
/* fn on every thread, oldest first; fn must not call the table. */
void gdb_threads_foreach(void (*fn)(pid_t tid, CPUArchState *env, void *opaque),
                         void *opaque);

/* The kinds of watchpoint, numbered as gdb's Z packets number them. */
typedef enum WatchKind {
    WATCH_WRITE = 2,
    WATCH_READ = 3,
    WATCH_ACCESS = 4,
} WatchKind;

/* Z2-Z4 / z2-z4 (only while every CPU is out of generated code); false
   when the table is full or the range empty, resp. no such watchpoint. */
bool gdb_watch_insert(target_ulong addr, target_ulong len, WatchKind kind);
bool gdb_watch_remove(target_ulong addr, target_ulong len, WatchKind kind);
void gdb_watch_remove_all(void);
/* The watchpoint the calling thread's last instruction hit, as the stop
   reply names its kind ("watch", "rwatch", "awatch"), and its address in
   *addr; NULL if none.  Forgets it. */
const char *gdb_watch_take_hit(target_ulong *addr);

#endif
