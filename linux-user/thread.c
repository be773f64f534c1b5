/*
 * thread.c: guest threads, as QEMU's linux-user makes them: each guest
 * thread is a host thread with its own CPU state and TaskState, so host
 * tids are the guest's tids and futexes, tkill and gettid pass through.
 * clone(CLONE_VM | CLONE_THREAD ...) starts one (do_thread_clone), exit
 * ends one and the last one ends the process (thread_exit), and fork from
 * a threaded guest leaves the child with one CPU and free locks
 * (fork_start/fork_end).  docs/devel/linux-user.md, "Threads".
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <linux/futex.h>
#include "qemu/log.h"
#include "syscall_impl.h"
#include "exec/shdwrt.h"
#include "signal-common.h"

/* What glibc's pthread_create asks for, and the extras one host thread
   can honour. */
#define CLONE_THREAD_FLAGS \
    (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define CLONE_THREAD_OPTIONAL \
    (CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
     CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED)

/* Linux reports the leader's exit code once the last thread is gone, if
   the leader ended with exit rather than the group with exit_group. */
static bool leader_exited;
static int leader_status;

/* The parent's request to the new host thread.  It lives on the parent's
   stack until the child has published its tid. */
typedef struct NewThread {
    CPUArchState *env;
    abi_ulong flags, ptid, ctid;
    pid_t tid;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
} NewThread;

QEMU_NORETURN void process_exit(int status)
{
    gdb_exit(status);
    shdwrt_print_summary();
    qemu_log_flush();
    fflush(NULL);
    _exit(status);
}

/* The parent's CPU for the child: same registers, segments, FPU and SSE
   state; none of the parent's engine or exception state. */
static CPUArchState *cpu_copy(CPUArchState *env)
{
    CPUArchState *new_env = cpu_x86_init();

    *new_env = *env;
    memset(new_env->tb_jmp_cache, 0, sizeof(new_env->tb_jmp_cache));
    /* a flush may free the parent's records before the child is listed */
    memset(new_env->ret_ring, 0, sizeof(new_env->ret_ring));
    new_env->exception_index = -1;
    new_env->exit_request = 0;
    new_env->opaque = NULL;
    return new_env;
}

static void free_thread(CPUArchState *env)
{
    TaskState *ts = env->opaque;

    signal_end_thread(ts);
    free(ts);
    free(env);
}

static void *thread_start(void *opaque)
{
    NewThread *nt = opaque;
    CPUArchState *env = nt->env;
    pid_t tid = syscall(SYS_gettid);

    thread_cpu = env;
    ((TaskState *)env->opaque)->tid = tid;
    gdb_thread_start(env);      /* listed before clone returns */
    /* Both are written before clone returns in the parent, as the kernel
       does; a bad pointer is ignored, as there. */
    if (nt->flags & CLONE_CHILD_SETTID) {
        put_user(tid, nt->ctid, int32_t);
    }
    if (nt->flags & CLONE_PARENT_SETTID) {
        put_user(tid, nt->ptid, int32_t);
    }
    pthread_mutex_lock(&nt->mutex);
    nt->tid = tid;
    pthread_cond_signal(&nt->cond);
    pthread_mutex_unlock(&nt->mutex);
    /* Signals were held off until thread_cpu named this thread's CPU. */
    signal_start_thread(env);
    cpu_loop(env);
}

/* Start the host thread running new_env; the child's tid or -errno. */
static abi_long start_host_thread(CPUArchState *new_env, abi_ulong flags,
                                  abi_ulong ptid, abi_ulong ctid)
{
    NewThread nt = { .env = new_env, .flags = flags, .ptid = ptid,
                     .ctid = ctid };
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all, old;
    int err;

    pthread_mutex_init(&nt.mutex, NULL);
    pthread_cond_init(&nt.cond, NULL);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The child inherits this mask: no host signal may reach it before it
       knows its CPU. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_mutex_lock(&nt.mutex);
    err = pthread_create(&th, &attr, thread_start, &nt);
    while (err == 0 && nt.tid == 0) {
        pthread_cond_wait(&nt.cond, &nt.mutex);
    }
    pthread_mutex_unlock(&nt.mutex);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    pthread_cond_destroy(&nt.cond);
    pthread_mutex_destroy(&nt.mutex);
    return err ? -err : nt.tid;
}

abi_long do_thread_clone(CPUArchState *env, abi_ulong flags, abi_ulong newsp,
                         abi_ulong ptid, abi_ulong ctid, abi_ulong tls)
{
    TaskState *parent_ts = env->opaque, *ts;
    CPUArchState *new_env;
    abi_long ret;

    if ((flags & CLONE_THREAD_FLAGS) != CLONE_THREAD_FLAGS ||
        (flags & ~(abi_ulong)(CSIGNAL | CLONE_THREAD_FLAGS |
                              CLONE_THREAD_OPTIONAL))) {
        qemu_log_mask(LOG_UNIMP, "clone: unsupported flags 0x"
                      TARGET_ABI_FMT_lx " with CLONE_VM\n", flags);
        return -TARGET_EINVAL;
    }
    ts = calloc(1, sizeof(*ts));
    if (!ts || !signal_new_thread(ts, parent_ts)) {
        free(ts);
        return -TARGET_EAGAIN;
    }
    ts->info = parent_ts->info;
    memcpy(ts->tls_gdt, parent_ts->tls_gdt, sizeof(ts->tls_gdt));
    /* A thread starts without an alternate stack, with the flags the
       kernel's sas_ss_reset gives it (a process keeps its parent's). */
    ts->sigaltstack_flags = TARGET_SS_DISABLE;
    if (flags & CLONE_CHILD_CLEARTID) {
        ts->child_tidptr = ctid;
    }

    new_env = cpu_copy(env);
    new_env->opaque = ts;
    new_env->regs[R_EAX] = 0;
    if (newsp) {
        new_env->regs[R_ESP] = newsp;
    }
    if (flags & CLONE_SETTLS) {
#ifdef TARGET_X86_64
        new_env->segs[R_FS].base = tls;
#else
        /* Installs the entry and reloads %gs, which the child inherited
           with the parent's selector. */
        ret = do_set_thread_area(new_env, tls);
        if (ret) {
            free_thread(new_env);
            return ret;
        }
#endif
    }

    cpu_list_add(new_env);
    ret = start_host_thread(new_env, flags, ptid, ctid);
    if (ret < 0) {
        cpu_list_remove(new_env);
        free_thread(new_env);
    }
    return ret;
}

QEMU_NORETURN void thread_exit(CPUArchState *env, int status)
{
    TaskState *ts = env->opaque;
    sigset_t all;

    /* Host signals must now go to the other threads: this one's guest
       state is about to go. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    gdb_thread_exit(env);
    if (getpid() == syscall(SYS_gettid)) {
        leader_status = status;
        leader_exited = true;
    }
    if (cpu_list_remove(env) == 0) {
        process_exit(leader_exited ? leader_status : status);
    }
    /* pthread_join waits for this word to become 0 (a shared futex, as the
       kernel wakes it). */
    if (ts->child_tidptr && put_user(0, ts->child_tidptr, int32_t) == 0) {
        syscall(SYS_futex, guest_futex_word(ts->child_tidptr), FUTEX_WAKE, 1,
                NULL, NULL, 0);
    }
    thread_cpu = NULL;
    free_thread(env);
    pthread_exit(NULL);
}

/* No translation or mapping change may be half done when the child is
   made: it gets a copy of those structures with only this thread. */
void fork_start(void)
{
    mmap_lock();
    qemu_log_flush();       /* or the child writes the parent's lines again */
}

void fork_end(CPUArchState *env, bool child)
{
    if (child) {
        mmap_lock_fork_child();
        cpu_list_fork_child(env);
        ((TaskState *)env->opaque)->tid = getpid();
        leader_exited = false;
        qemu_log_fork_child();
    } else {
        mmap_unlock();
    }
}
