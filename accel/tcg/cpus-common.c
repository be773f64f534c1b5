/*
 * cpus-common.c: the CPUs of the process, one per guest thread, and the
 * exclusive sections that let one thread change what the others may be
 * executing (freeing the code buffer, forking).  Each CPU says when it is
 * inside cpu_exec; start_exclusive asks the running ones to leave, waits
 * until none is left, and keeps them out until end_exclusive.  A thread in
 * a syscall or blocked in the kernel is not inside cpu_exec, so it never
 * delays an exclusive section.  A helper of generated code may open one
 * too (start_exclusive_running: the guest's CMPXCHG16B on a host without
 * a 16-byte compare-and-swap), and return into its TB only if nothing
 * that TB relies on changed while it waited.  cpu_wait_tlb_generation is
 * the lighter wait: only until the running CPUs have passed a TB boundary.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sched.h>
#include "exec/exec-all.h"
#include "exec/cputlb.h"

CPUArchState *first_cpu;

static pthread_mutex_t cpu_list_mutex = PTHREAD_MUTEX_INITIALIZER;
/* Signalled when a CPU leaves cpu_exec while a section is pending. */
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
/* Signalled when the exclusive section ends. */
static pthread_cond_t exclusive_resume = PTHREAD_COND_INITIALIZER;
static bool exclusive_pending;

void cpu_list_lock(void)
{
    pthread_mutex_lock(&cpu_list_mutex);
}

void cpu_list_unlock(void)
{
    pthread_mutex_unlock(&cpu_list_mutex);
}

void cpu_list_add(CPUArchState *env)
{
    cpu_list_lock();
    env->running = false;
    env->next_cpu = first_cpu;
    first_cpu = env;
    cpu_list_unlock();
}

int cpu_list_remove(CPUArchState *env)
{
    CPUArchState **pp, *cpu;
    int left = 0;

    cpu_list_lock();
    for (pp = &first_cpu; *pp; pp = &(*pp)->next_cpu) {
        if (*pp == env) {
            *pp = env->next_cpu;
            break;
        }
    }
    CPU_FOREACH(cpu) {
        left++;
    }
    cpu_list_unlock();
    return left;
}

void cpu_list_fork_child(CPUArchState *self)
{
    /* The other threads did not survive the fork, and the mutex may
       still be marked as owned by a thread of the parent. */
    pthread_mutex_init(&cpu_list_mutex, NULL);
    pthread_cond_init(&exclusive_cond, NULL);
    pthread_cond_init(&exclusive_resume, NULL);
    exclusive_pending = false;
    self->next_cpu = NULL;
    self->running = false;
    first_cpu = self;
}

void cpu_exec_start(CPUArchState *env)
{
    cpu_list_lock();
    while (exclusive_pending) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_mutex);
    }
    env->running = true;
    cpu_list_unlock();
}

void cpu_exec_end(CPUArchState *env)
{
    cpu_list_lock();
    env->running = false;
    if (exclusive_pending) {
        pthread_cond_broadcast(&exclusive_cond);
    }
    cpu_list_unlock();
}

static bool any_cpu_running(void)
{
    CPUArchState *cpu;

    CPU_FOREACH(cpu) {
        if (cpu->running) {
            return true;
        }
    }
    return false;
}

/* With cpu_list_mutex held, no section pending and the caller outside
   cpu_exec: open one, and wait until no CPU is inside cpu_exec. */
static void claim_exclusive(void)
{
    CPUArchState *cpu;

    exclusive_pending = true;
    CPU_FOREACH(cpu) {
        if (cpu->running) {
            cpu_exit(cpu);
        }
    }
    while (any_cpu_running()) {
        pthread_cond_wait(&exclusive_cond, &cpu_list_mutex);
    }
}

void start_exclusive(void)
{
    cpu_list_lock();
    while (exclusive_pending) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_mutex);
    }
    claim_exclusive();
    cpu_list_unlock();
}

/* With cpu_list_mutex held: close the section, let the CPUs back in. */
static void release_exclusive(void)
{
    exclusive_pending = false;
    pthread_cond_broadcast(&exclusive_resume);
}

bool start_exclusive_running(CPUArchState *self)
{
    bool undisturbed = true;

    cpu_list_lock();
    /* Outside cpu_exec while it waits: another section may be waiting for
       that, and a CPU it stops may first wait for it to flush its TLB
       (cpu_wait_tlb_generation). */
    self->running = false;
    while (exclusive_pending) {
        pthread_cond_broadcast(&exclusive_cond);
        pthread_cond_wait(&exclusive_resume, &cpu_list_mutex);
        undisturbed = false;
    }
    if (undisturbed) {
        claim_exclusive();
    }
    self->running = true;
    /* The page map changed meanwhile: its TLB entries are stale. */
    if (undisturbed && self->tlb_generation
                       != __atomic_load_n(&page_map_generation, __ATOMIC_ACQUIRE)) {
        release_exclusive();
        undisturbed = false;
    }
    cpu_list_unlock();
    return undisturbed;
}

void end_exclusive(void)
{
    cpu_list_lock();
    release_exclusive();
    cpu_list_unlock();
}

static bool cpus_flushed_since_locked(CPUArchState *self, uint64_t gen)
{
    CPUArchState *cpu;

    CPU_FOREACH(cpu) {
        if (cpu != self && cpu->running
            && __atomic_load_n(&cpu->tlb_generation, __ATOMIC_ACQUIRE) < gen) {
            return false;
        }
    }
    return true;
}

bool cpus_flushed_since(uint64_t gen)
{
    bool flushed;

    cpu_list_lock();
    flushed = cpus_flushed_since_locked(thread_cpu, gen);
    cpu_list_unlock();
    return flushed;
}

void cpu_wait_tlb_generation(CPUArchState *self, uint64_t gen)
{
    for (;;) {
        bool flushed;

        if (self->tlb_generation < gen) {
            tlb_flush(self);
        }
        cpu_list_lock();
        flushed = cpus_flushed_since_locked(self, gen);
        cpu_list_unlock();
        if (flushed) {
            return;
        }
        sched_yield();
    }
}
