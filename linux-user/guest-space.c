/*
 * guest-space.c: where guest memory lives in the host address space, and
 * where new guest mappings may go.
 *
 * An i386 guest (or any guest run with -R) gets a window reserved PROT_NONE
 * at guest_base: guest address A is host address guest_base + A, and every
 * host page of the window belongs to the guest.  An x86_64 guest runs with
 * guest_base 0 (or the -B value) and no window: it shares the address space
 * with the emulator, so free ranges are asked of the kernel and a MAP_FIXED
 * is first checked not to land on the emulator's own memory.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sys/mman.h>
#include "qemu/log.h"
#include "mmap-internal.h"

uintptr_t guest_base;
bool have_guest_base;
unsigned long reserved_va;
unsigned long mmap_min_addr;

/* Where searches in a reserved window begin, as Linux's TASK_UNMAPPED_BASE;
   moved past each range found so that searches do not rescan the heap. */
#define WINDOW_UNMAPPED_BASE 0x40000000ULL
static uint64_t window_next_start = WINDOW_UNMAPPED_BASE;

/* Without a window and with -B, the kernel may place things below
   guest_base: the fallback probes at most this many candidates. */
#define MAX_PROBES 65536

static pthread_mutex_t mmap_mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
/* How deep this thread holds mmap_mutex. */
static __thread int mmap_lock_depth;

void mmap_lock(void)
{
    pthread_mutex_lock(&mmap_mutex);
    mmap_lock_depth++;
}

void mmap_unlock(void)
{
    mmap_lock_depth--;
    pthread_mutex_unlock(&mmap_mutex);
}

bool have_mmap_lock(void)
{
    return mmap_lock_depth > 0;
}

void mmap_lock_fork_child(void)
{
    pthread_mutexattr_t attr;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mmap_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    mmap_lock_depth = 0;
}

uint64_t guest_space_end(void)
{
    return reserved_va ? reserved_va : (uint64_t)GUEST_ADDR_MAX + 1;
}

void guest_space_init(void)
{
    void *want = have_guest_base ? (void *)guest_base : NULL;
    void *p;

#ifndef TARGET_X86_64
    if (!reserved_va) {
        reserved_va = 1ULL << 32;
    }
#endif
    if (!reserved_va) {
        return;
    }
    reserved_va = MIN(HOST_PAGE_ALIGN(reserved_va), (uint64_t)GUEST_ADDR_MAX + 1);
    p = hp_mmap(want, reserved_va, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
                | (have_guest_base ? MAP_FIXED_NOREPLACE : 0), -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "%s: Unable to reserve 0x%lx bytes of virtual address "
                "space at %p (%s)\n", program_invocation_short_name,
                reserved_va, want, strerror(errno));
        exit(EXIT_FAILURE);
    }
    guest_base = (uintptr_t)p;
    have_guest_base = true;
    qemu_log_mask(CPU_LOG_PAGE, "guest window: 0x%lx bytes at host %p\n",
                  reserved_va, p);
}

void mmap_init(void)
{
    FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
    unsigned long value = 65536;

    if (f) {
        if (fscanf(f, "%lu", &value) != 1) {
            value = 65536;
        }
        fclose(f);
    }
    mmap_min_addr = HOST_PAGE_ALIGN(value);
}

/* The first guest page in [start, end) that is valid, or end. */
static uint64_t first_valid_page(uint64_t start, uint64_t end)
{
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_VALID) {
            return a;
        }
    }
    return end;
}

/* First fit in [lo, hi) over whole host pages free of guest pages. */
static uint64_t first_fit(uint64_t lo, uint64_t hi, uint64_t size)
{
    uint64_t cand = HOST_PAGE_ALIGN(lo);

    while (cand + size <= hi) {
        uint64_t busy = first_valid_page(cand, cand + size);

        if (busy == cand + size) {
            return cand;
        }
        cand = (busy & qemu_host_page_mask) + qemu_host_page_size;
    }
    return (uint64_t)-1;
}

static abi_ulong find_in_window(uint64_t start, uint64_t size, bool low32)
{
    uint64_t floor = HOST_PAGE_ALIGN(mmap_min_addr);
    uint64_t top = low32 ? MIN(guest_space_end(), 0x80000000ULL) : guest_space_end();
    uint64_t from = start ? MAX(start, floor) : window_next_start;
    uint64_t found = first_fit(from, top, size);

    if (found == (uint64_t)-1) {
        found = first_fit(floor, MIN(from + size, top), size);
    }
    if (found == (uint64_t)-1) {
        return -1;
    }
    if (!start) {
        window_next_start = found + size;
    }
    return found;
}

/* Reserve [addr, addr + size) on the host if it is free there and for the
   guest; true on success. */
static bool take_if_free(uint64_t addr, uint64_t size)
{
    void *p;

    if (addr + size > guest_space_end()
        || first_valid_page(addr, addr + size) != addr + size) {
        return false;
    }
    p = hp_mmap(g2h(addr), size, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
                -1, 0);
    return p != MAP_FAILED;
}

static abi_ulong find_on_host(uint64_t start, uint64_t size, bool low32)
{
    void *hint = start ? g2h(start) : NULL;
    void *p = hp_mmap(hint, size, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
                      | (low32 ? MAP_32BIT : 0), -1, 0);
    uint64_t step = MAX(size, (uint64_t)1 << 20);
    uint64_t cand;

    if (p != MAP_FAILED) {
        if (h2g_valid(p) && h2g_valid((char *)p + size - 1)
            && first_valid_page(h2g(p), h2g(p) + size) == h2g(p) + size) {
            return h2g(p);
        }
        hp_munmap(p, size);
    }
    /* Only with -B can the kernel's choice fall outside the guest space:
       probe candidates ourselves. */
    cand = HOST_PAGE_ALIGN(MAX(start, (uint64_t)mmap_min_addr));
    for (int i = 0; i < MAX_PROBES && cand + size <= guest_space_end(); i++) {
        if (low32 && cand + size > 0x80000000ULL) {
            break;
        }
        if (take_if_free(cand, size)) {
            return cand;
        }
        cand += step;
    }
    return -1;
}

abi_ulong find_free_range(uint64_t start, uint64_t size, bool low32)
{
    start = HOST_PAGE_ALIGN(start);
    if (low32 && start < WINDOW_UNMAPPED_BASE) {
        start = WINDOW_UNMAPPED_BASE;
    }
    return reserved_va ? find_in_window(start, size, low32)
                       : find_on_host(start, size, low32);
}

abi_ulong mmap_find_vma(abi_ulong start, abi_ulong size)
{
    abi_ulong found;

    mmap_lock();
    found = find_free_range(start, HOST_PAGE_ALIGN((uint64_t)size), false);
    mmap_unlock();
    return found;
}

void host_release(uint64_t start, uint64_t end)
{
    if (start >= end) {
        return;
    }
    if (reserved_va) {
        hp_mmap(g2h(start), end - start, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    } else {
        hp_munmap(g2h(start), end - start);
    }
}

/* Whether the host page at h holds no valid guest page. */
static bool host_page_unused(uint64_t h)
{
    return first_valid_page(h, h + qemu_host_page_size) == h + qemu_host_page_size;
}

int claim_host_range(uint64_t start, uint64_t end)
{
    uint64_t hstart = start & qemu_host_page_mask;
    uint64_t hend = HOST_PAGE_ALIGN(end);
    uint64_t h = hstart;

    if (reserved_va) {
        return 0;
    }
    while (h < hend) {
        uint64_t run_end = h;

        while (run_end < hend && host_page_unused(run_end)) {
            run_end += qemu_host_page_size;
        }
        if (run_end > h
            && hp_mmap(g2h(h), run_end - h, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
                       -1, 0) == MAP_FAILED) {
            /* Undo the runs already taken: they lie below h, unused. */
            for (uint64_t u = hstart; u < h; u += qemu_host_page_size) {
                if (host_page_unused(u)) {
                    hp_munmap(g2h(u), qemu_host_page_size);
                }
            }
            return -ENOMEM;
        }
        h = run_end + qemu_host_page_size;
    }
    return 0;
}
