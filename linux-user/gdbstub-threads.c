/*
 * gdbstub-threads.c: the guest threads gdb can name, each by its tid (host
 * tids are the guest's), in the order they were made, so that gdb numbers
 * them as it does natively.  A thread joins the table before its first
 * instruction and leaves it before its CPU is freed; leaving waits while
 * gdb holds the process stopped (session_lock), so a CPU the stub found
 * in the table stays valid for the whole stop.  A thread gdb resumed no
 * action for (scheduler-locking) is held: it waits before it runs guest
 * code again until a later resume releases it.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sys/syscall.h>
#include <glib.h>
#include "gdbstub-internal.h"
#include "exec/exec-all.h"
#include "exec/gdbstub.h"

typedef struct GdbThread {
    pid_t tid;
    CPUArchState *env;
    bool held;
} GdbThread;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
/* Signalled, under table_lock, when held threads may be released. */
static pthread_cond_t released = PTHREAD_COND_INITIALIZER;
static volatile bool any_held;
static GdbThread *table;
static size_t count, capacity;

/* The entry of env, under table_lock; NULL when it is not listed. */
static GdbThread *entry_of(CPUArchState *env)
{
    for (size_t i = 0; i < count; i++) {
        if (table[i].env == env) {
            return &table[i];
        }
    }
    return NULL;
}

void gdb_threads_forget(void)
{
    pthread_mutex_init(&table_lock, NULL);
    pthread_cond_init(&released, NULL);
    count = 0;
    any_held = false;
}

void gdb_threads_add(CPUArchState *env)
{
    pid_t tid = syscall(SYS_gettid);

    pthread_mutex_lock(&table_lock);
    if (entry_of(env)) {
        pthread_mutex_unlock(&table_lock);
        return;
    }
    if (count == capacity) {
        capacity = capacity ? 2 * capacity : 16;
        table = g_renew(GdbThread, table, capacity);
    }
    table[count++] = (GdbThread){ .tid = tid, .env = env };
    pthread_mutex_unlock(&table_lock);
}

void gdb_threads_remove(CPUArchState *env)
{
    GdbThread *t;

    pthread_mutex_lock(&table_lock);
    t = entry_of(env);
    if (t) {
        memmove(t, t + 1, (table + count - t - 1) * sizeof(*table));
        count--;
    }
    pthread_mutex_unlock(&table_lock);
}

CPUArchState *gdb_thread_env(pid_t tid)
{
    CPUArchState *env = NULL;

    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < count && !env; i++) {
        if (table[i].tid == tid) {
            env = table[i].env;
        }
    }
    pthread_mutex_unlock(&table_lock);
    return env;
}

void gdb_threads_hold(bool (*held)(CPUArchState *env, void *opaque), void *opaque)
{
    bool some = false;

    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < count; i++) {
        table[i].held = held && held(table[i].env, opaque);
        some |= table[i].held;
    }
    any_held = some;
    pthread_cond_broadcast(&released);
    pthread_mutex_unlock(&table_lock);
}

static bool is_held(CPUArchState *env)
{
    GdbThread *t;
    bool held;

    pthread_mutex_lock(&table_lock);
    t = entry_of(env);
    held = t && t->held;
    pthread_mutex_unlock(&table_lock);
    return held;
}

/* The wait is outside cpu_exec's running state: an exclusive section (the
   next stop's, a code buffer flush) must not wait for a held thread. */
void gdb_wait_while_held(CPUArchState *env)
{
    while (any_held && is_held(env)) {
        cpu_exec_end(env);
        pthread_mutex_lock(&table_lock);
        while (entry_of(env) && entry_of(env)->held) {
            pthread_cond_wait(&released, &table_lock);
        }
        pthread_mutex_unlock(&table_lock);
        cpu_exec_start(env);
    }
}

void gdb_threads_foreach(void (*fn)(pid_t tid, CPUArchState *env, void *opaque),
                         void *opaque)
{
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < count; i++) {
        fn(table[i].tid, table[i].env, opaque);
    }
    pthread_mutex_unlock(&table_lock);
}
