/*
 * gdbstub-internal.h: what the two halves of the linux-user gdbstub share:
 * gdbstub.c (the protocol) asks gdbstub-threads.c which guest threads
 * exist and which CPU a tid names.
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

#endif
