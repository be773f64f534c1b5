/*
 * gdbstub.h: the gdb remote stub (-g PORT, QEMU_GDB) as the rest of the
 * emulator sees it.  linux-user/gdbstub.c speaks the protocol;
 * target/i386/gdbstub.c lays out the registers.  docs/devel/gdbstub.md
 * says how a stop reaches gdb.
 */
#ifndef EXEC_GDBSTUB_H
#define EXEC_GDBSTUB_H

#include "cpu.h"

/* Listen on TCP port (a decimal string); false with errno on failure. */
bool gdbserver_start(const char *port);

/*
 * The guest stops with signal sig (0: before its first instruction): when
 * gdb is attached (or about to be: the first call waits for it) it is told,
 * and this returns when gdb resumes the guest, with the signal gdb wants
 * delivered (0 for none).  Without gdb, sig unchanged.
 */
int gdb_handlesig(CPUArchState *env, int sig);

/* A guest thread made by clone, before its first instruction; one about
   to end (this waits while gdb holds the process stopped). */
void gdb_thread_start(CPUArchState *env);
void gdb_thread_exit(CPUArchState *env);

/* cpu_exec, just in: a thread gdb keeps stopped (scheduler-locking) waits
   here, out of the running state, until gdb resumes it. */
void gdb_wait_while_held(CPUArchState *env);

/* The process ends: exit status, or the fatal signal.  Nothing is
   reported to gdb after this. */
void gdb_exit(int status);
void gdb_signalled(int sig);

/* Whether gdb has a breakpoint at guest pc (the translator asks). */
bool gdb_breakpoint_at(target_ulong pc);

/*
 * gdb's watchpoints (linux-user/gdbstub-watch.c).  While gdb_watching,
 * every TB is translated with checked accesses and the TLB caches no data
 * access to a page gdb_watch_on_page names, so every access to such a page
 * misses and is shown to gdb_watch_check (addr, len bytes, PAGE_READ or
 * PAGE_WRITE; retaddr as for the TLB's functions), which stops the
 * instruction if it touches a watched byte: it then runs again alone,
 * with gdb_watch_stepping set, and the execution loop returns EXCP_DEBUG
 * when it has completed (or forgets the hit when it raised an exception).
 */
extern bool gdb_watching;
extern __thread bool gdb_watch_stepping;
bool gdb_watch_on_page(target_ulong page);
void gdb_watch_check(CPUArchState *env, target_ulong addr, target_ulong len,
                     int access, uintptr_t retaddr);

/* Registers in gdb's numbering (target/i386/gdbstub.c): how many; read
   register n into buf (returns its size in bytes, 0 if there is no such
   register); write it from buf (its size, or 0). */
int x86_gdb_num_regs(void);
int x86_gdb_read_register(CPUArchState *env, uint8_t *buf, int n);
int x86_gdb_write_register(CPUArchState *env, const uint8_t *buf, int n);
/* The target description gdb reads as target.xml. */
const char *x86_gdb_target_xml(void);

#endif
