/*
 * guest-space.c: where guest memory lives in the host address space, and
 * where new guest mappings may go.
 *
 * Every guest gets an address space [0, reserved_va) at host guest_base:
 * 4 GiB for i386, for x86_64 the largest power of two up to 2^46 that the
 * host can reserve (or the -R size).  Generated code sends a 64-bit
 * guest's direct accesses at or past the end to the slow path
 * (guest_addr_end), so that a wild guest pointer faults instead of
 * reaching the emulator's own memory.  The window is reserved PROT_NONE on
 * the host, so the kernel places none of the emulator's memory in it; only
 * where it cannot be (an address-space limit, ulimit -v, counts the
 * reservation) do guest ranges have to be taken from the host one by one,
 * checking that each is not the emulator's.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "qemu/log.h"
#include "mmap-internal.h"

uintptr_t guest_base;
bool have_guest_base;
unsigned long reserved_va;
uint64_t guest_addr_end;
uint64_t guest_addr_slack_above, guest_addr_slack_below;
unsigned long mmap_min_addr;
/* Whether [guest_base, guest_base + reserved_va) is reserved on the host. */
static bool window_reserved;

/* Where MAP_32BIT searches begin, as Linux's TASK_UNMAPPED_BASE for i386. */
#define LOW32_UNMAPPED_BASE 0x40000000ULL
/* Where other searches begin (Linux's TASK_UNMAPPED_BASE: a third of the
   space); moved past each range found so that searches do not rescan. */
static uint64_t window_next_start;

#ifdef TARGET_X86_64
/* An x86_64 guest's default space: half of x86-64's 47-bit user space, so
   that the other half holds the emulator; halved on smaller hosts. */
#define DEFAULT_SPACE_MAX (1ULL << 46)
#define DEFAULT_SPACE_MIN (1ULL << 32)
#else
#define DEFAULT_SPACE_MAX (1ULL << 32)
#define DEFAULT_SPACE_MIN (1ULL << 32)
#endif
/* Past the window, so that an access that starts in the window's last
   page and runs past its end faults on the host. */
#define WINDOW_GUARD (64 * 1024)

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
    return reserved_va;
}

bool guest_window_reserved(void)
{
    return window_reserved;
}

static bool address_space_limited(void)
{
    struct rlimit lim;

    return getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY;
}

/* Reserve a window of size bytes for guest 0 at host base (fixed), or
   wherever the kernel likes; the host address of guest 0, or MAP_FAILED.
   Guest pages below mmap_min_addr are never mapped: at a fixed base they
   need no reservation (at host 0 they could not have one). */
static void *reserve_window(uintptr_t base, bool fixed, uint64_t size)
{
    uint64_t floor = fixed ? mmap_min_addr : 0;
    char *p = hp_mmap(fixed ? (void *)(base + floor) : NULL,
                      size + WINDOW_GUARD - floor, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
                      | (fixed ? MAP_FIXED_NOREPLACE : 0), -1, 0);

    return p == MAP_FAILED ? MAP_FAILED : p - floor;
}

/*
 * The window, preferably at host 0 (guest addresses are then host
 * addresses: no base to add).  Under an address-space limit the space is
 * not reserved at all: the reservation would count against the limit.
 */
void guest_space_init(void)
{
    bool chosen = reserved_va != 0;
    uint64_t size = chosen ? HOST_PAGE_ALIGN(reserved_va) : DEFAULT_SPACE_MAX;
    void *p = MAP_FAILED;

    size = MIN(size, (uint64_t)GUEST_ADDR_MAX + 1);
    if (!address_space_limited()) {
        for (;;) {
            p = reserve_window(have_guest_base ? guest_base : 0, true, size);
            if (p == MAP_FAILED && !have_guest_base) {
                p = reserve_window(0, false, size);
            }
            if (p != MAP_FAILED || chosen || size <= DEFAULT_SPACE_MIN) {
                break;
            }
            size /= 2;
        }
        if (p == MAP_FAILED && (chosen || TARGET_LONG_BITS == 32)) {
            fprintf(stderr, "%s: Unable to reserve 0x%" PRIx64 " bytes of virtual "
                    "address space for the guest (%s)\n",
                    program_invocation_short_name, size, strerror(errno));
            exit(EXIT_FAILURE);
        }
    }
    reserved_va = size;
    if (p != MAP_FAILED) {
        guest_base = (uintptr_t)p;
        have_guest_base = true;
        window_reserved = true;
    }
    guest_addr_end = TARGET_LONG_BITS == 64 ? size : 0;
    if (window_reserved) {
        guest_addr_slack_above = WINDOW_GUARD;
        guest_addr_slack_below = guest_base == 0 ? WINDOW_GUARD : 0;
    }
    window_next_start = HOST_PAGE_ALIGN(TARGET_LONG_BITS == 64 ? size / 3
                                                               : LOW32_UNMAPPED_BASE);
    qemu_log_mask(CPU_LOG_PAGE, "guest space: 0x%lx bytes at host 0x%lx%s\n",
                  reserved_va, (unsigned long)guest_base,
                  window_reserved ? "" : " (not reserved)");
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

/* Kept free by searches: Linux's stack guard gap under the stack. */
static uint64_t gap_start, gap_end;

void guest_space_keep_free(uint64_t start, uint64_t end)
{
    gap_start = start;
    gap_end = end;
}

bool guest_space_kept_free(uint64_t start, uint64_t end)
{
    return start < gap_end && end > gap_start;
}

/* First fit in [lo, hi) over whole host pages free of guest pages. */
static uint64_t first_fit(uint64_t lo, uint64_t hi, uint64_t size)
{
    uint64_t cand = HOST_PAGE_ALIGN(lo);

    while (cand + size <= hi) {
        uint64_t busy;

        if (guest_space_kept_free(cand, cand + size)) {
            cand = HOST_PAGE_ALIGN(gap_end);
            continue;
        }
        busy = page_find_flags(cand, cand + size, PAGE_VALID);

        if (busy == cand + size) {
            return cand;
        }
        cand = (busy & qemu_host_page_mask) + qemu_host_page_size;
    }
    return (uint64_t)-1;
}

/* Take [addr, addr + size) from the host, reserved PROT_NONE, if the
   emulator does not use it: needed where the window is not reserved. */
static bool take_from_host(uint64_t addr, uint64_t size)
{
    return window_reserved
           || hp_mmap(g2h(addr), size, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
                      -1, 0) != MAP_FAILED;
}

/* The first fit in [lo, hi) that the host gives; past a range the host
   refuses (the emulator's), the next candidate is a step further. */
static uint64_t first_fit_taken(uint64_t lo, uint64_t hi, uint64_t size)
{
    uint64_t step = MAX(size, (uint64_t)1 << 20);
    uint64_t cand = first_fit(lo, hi, size);

    while (cand != (uint64_t)-1 && !take_from_host(cand, size)) {
        cand = first_fit(cand + step, hi, size);
    }
    return cand;
}

/* From start (or where the last search ended) to the top, then from the
   bottom, as the kernel's bottom-up search does. */
abi_ulong find_free_range(uint64_t start, uint64_t size, bool low32)
{
    uint64_t floor = HOST_PAGE_ALIGN(mmap_min_addr);
    uint64_t top = low32 ? MIN(reserved_va, 0x80000000ULL) : reserved_va;
    uint64_t from, found;

    start = HOST_PAGE_ALIGN(start);
    if (low32 && start < LOW32_UNMAPPED_BASE) {
        start = LOW32_UNMAPPED_BASE;
    }
    from = start ? MAX(start, floor) : window_next_start;
    found = first_fit_taken(from, top, size);
    if (found == (uint64_t)-1) {
        found = first_fit_taken(floor, MIN(from + size, top), size);
    }
    if (found == (uint64_t)-1) {
        return -1;
    }
    if (!start) {
        window_next_start = found + size;
    }
    return found;
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
    if (window_reserved) {
        hp_mmap(g2h(start), end - start, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    } else {
        hp_munmap(g2h(start), end - start);
    }
}

/* Whether the host page at h holds no valid guest page. */
static bool host_page_unused(uint64_t h)
{
    return page_find_flags(h, h + qemu_host_page_size, PAGE_VALID) == h + qemu_host_page_size;
}

int claim_host_range(uint64_t start, uint64_t end)
{
    uint64_t hstart = start & qemu_host_page_mask;
    uint64_t hend = HOST_PAGE_ALIGN(end);
    uint64_t h = hstart;

    if (window_reserved) {
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
