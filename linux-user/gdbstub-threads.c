/*
 * gdbstub-threads.c: the guest threads gdb can name, each by its tid (host
 * tids are the guest's), in the order they were made, so that gdb numbers
 * them as it does natively.  A thread joins the table before its first
 * instruction and leaves it before its CPU is freed; leaving waits while
 * gdb holds the process stopped (gdb_session_lock), so a CPU the stub
 * found in the table stays valid for the whole stop.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sys/syscall.h>
#include <glib.h>
#include "gdbstub-internal.h"

typedef struct GdbThread {
    pid_t tid;
    CPUArchState *env;
} GdbThread;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static GdbThread *table;
static size_t count, capacity;

void gdb_threads_add(CPUArchState *env)
{
    pid_t tid = syscall(SYS_gettid);

    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < count; i++) {
        if (table[i].env == env) {
            pthread_mutex_unlock(&table_lock);
            return;
        }
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
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < count; i++) {
        if (table[i].env == env) {
            memmove(&table[i], &table[i + 1], (count - i - 1) * sizeof(*table));
            count--;
            break;
        }
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

void gdb_threads_foreach(void (*fn)(pid_t tid, CPUArchState *env, void *opaque),
                         void *opaque)
{
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < count; i++) {
        fn(table[i].tid, table[i].env, opaque);
    }
    pthread_mutex_unlock(&table_lock);
}
