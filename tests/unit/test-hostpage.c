/*
 * test-hostpage.c: the host-page layer under a simulated large page size.
 * For H = 16 KiB and 64 KiB: kernel-chosen addresses are H-aligned,
 * unaligned calls are refused with EINVAL, aligned mprotect/munmap/mremap
 * work, a file mapping's last host page reads as zeros past end of file
 * (the large-page kernel's behaviour) instead of faulting, and SysV shared
 * memory attaches at H-aligned addresses only, taking whole host pages.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include "qemu/hostpage.h"

static int failures;

static void report(bool ok, const char *name, uintptr_t h)
{
    printf("%s %s-%luk\n", ok ? "PASS" : "FAIL", name, (unsigned long)h / 1024);
    if (!ok) {
        failures++;
    }
}

static bool aligned(void *p, uintptr_t h)
{
    return ((uintptr_t)p & (h - 1)) == 0;
}

static void test_aligned_addresses(uintptr_t h)
{
    enum { N = 64 };
    void *maps[N];
    bool ok = true;

    for (int i = 0; i < N; i++) {
        /* Odd multiples of H, so the kernel's own choice drifts. */
        size_t len = h * (1 + 2 * (i % 3));
        maps[i] = hp_mmap(NULL, len, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (maps[i] == MAP_FAILED || !aligned(maps[i], h)) {
            ok = false;
            maps[i] = MAP_FAILED;
            continue;
        }
        ((char *)maps[i])[len - 1] = 1;
        /* A real-page-sized gap keeps later mappings off H boundaries. */
        if (i % 2) {
            mmap(NULL, qemu_real_host_page_size, PROT_READ,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        }
    }
    for (int i = 0; i < N; i++) {
        if (maps[i] != MAP_FAILED && hp_munmap(maps[i], h * (1 + 2 * (i % 3))) != 0) {
            ok = false;
        }
    }
    report(ok, "aligned-addresses", h);
}

/* Unaligned calls, each returning true when the layer refused it. */
typedef bool UnalignedCall(char *base, uintptr_t h, uintptr_t r);

static bool mmap_fixed_unaligned_addr(char *base, uintptr_t h, uintptr_t r)
{
    return hp_mmap(base + r, h, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED;
}

static bool mmap_unaligned_len(char *base, uintptr_t h, uintptr_t r)
{
    return hp_mmap(NULL, h + r, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
           == MAP_FAILED;
}

static bool mmap_unaligned_offset(char *base, uintptr_t h, uintptr_t r)
{
    int fd = open("/proc/self/exe", O_RDONLY);
    bool failed = hp_mmap(NULL, h, PROT_READ, MAP_PRIVATE, fd, r) == MAP_FAILED;

    close(fd);
    return failed;
}

static bool mprotect_unaligned_addr(char *base, uintptr_t h, uintptr_t r)
{
    return hp_mprotect(base + r, h, PROT_READ) != 0;
}

static bool mprotect_unaligned_len(char *base, uintptr_t h, uintptr_t r)
{
    return hp_mprotect(base, r, PROT_READ) != 0;
}

static bool munmap_unaligned_addr(char *base, uintptr_t h, uintptr_t r)
{
    return hp_munmap(base + r, h) != 0;
}

static bool madvise_unaligned_len(char *base, uintptr_t h, uintptr_t r)
{
    return hp_madvise(base, h + r, MADV_DONTNEED) != 0;
}

static bool mremap_unaligned_len(char *base, uintptr_t h, uintptr_t r)
{
    return hp_mremap(base, h + r, 2 * h, MREMAP_MAYMOVE, NULL) == MAP_FAILED;
}

/* A segment that exists, so that only the alignment can be refused. */
static int unaligned_test_shmid;

static bool shmat_unaligned_addr(char *base, uintptr_t h, uintptr_t r)
{
    return hp_shmat(unaligned_test_shmid, base + r, SHM_REMAP) == (void *)-1;
}

static bool shmdt_unaligned_addr(char *base, uintptr_t h, uintptr_t r)
{
    return hp_shmdt(base + r) != 0;
}

static UnalignedCall *const unaligned_calls[] = {
    mmap_fixed_unaligned_addr, mmap_unaligned_len, mmap_unaligned_offset,
    mprotect_unaligned_addr, mprotect_unaligned_len, munmap_unaligned_addr,
    madvise_unaligned_len, mremap_unaligned_len, shmat_unaligned_addr,
    shmdt_unaligned_addr,
};

/* Release builds refuse with EINVAL; debug builds abort (in a child here). */
static bool refused(UnalignedCall *call, char *base, uintptr_t h)
{
    uintptr_t r = qemu_real_host_page_size;
#ifdef CONFIG_DEBUG_TCG
    int status;
    pid_t pid = fork();

    if (pid == 0) {
        signal(SIGABRT, SIG_DFL);
        call(base, h, r);
        _exit(0);
    }
    return waitpid(pid, &status, 0) == pid && WIFSIGNALED(status)
           && WTERMSIG(status) == SIGABRT;
#else
    errno = 0;
    return call(base, h, r) && errno == EINVAL;
#endif
}

static void test_unaligned_refused(uintptr_t h)
{
    char *base = hp_mmap(NULL, 4 * h, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t r = qemu_real_host_page_size;
    bool ok = base != MAP_FAILED;

    unaligned_test_shmid = shmget(IPC_PRIVATE, h, IPC_CREAT | 0600);
    ok &= unaligned_test_shmid >= 0;
    if (ok) {
        for (size_t i = 0; i < ARRAY_SIZE(unaligned_calls); i++) {
            ok &= refused(unaligned_calls[i], base, h);
        }
        /* The refused calls must have left the mapping as it was. */
        base[r] = 7;
        ok &= base[r] == 7;
        hp_munmap(base, 4 * h);
    }
    shmctl(unaligned_test_shmid, IPC_RMID, NULL);
    report(ok, "unaligned-refused", h);
}

static bool read_faults(volatile char *p);

static void test_protect_and_unmap(uintptr_t h)
{
    char *base = hp_mmap(NULL, 4 * h, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    bool ok = base != MAP_FAILED;

    if (ok) {
        memset(base, 0x5a, 4 * h);
        ok &= hp_mprotect(base + h, h, PROT_NONE) == 0;
        ok &= read_faults(base + h) && read_faults(base + 2 * h - 1);
        ok &= !read_faults(base + h - 1) && !read_faults(base + 2 * h);
        ok &= hp_mprotect(base + h, h, PROT_READ) == 0;
        ok &= !read_faults(base + h) && base[h] == 0x5a;
        ok &= hp_munmap(base + 2 * h, h) == 0;
        ok &= read_faults(base + 2 * h) && !read_faults(base + 3 * h);
        ok &= hp_madvise(base, h, MADV_DONTNEED) == 0 && base[0] == 0;
        hp_munmap(base, 2 * h);
        hp_munmap(base + 3 * h, h);
    }
    report(ok, "protect-unmap", h);
}

static void test_mremap_moves_aligned(uintptr_t h)
{
    char *a = hp_mmap(NULL, h, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *blocker, *b;
    bool ok = a != MAP_FAILED;

    if (ok) {
        a[0] = 42;
        /* Occupy the page after a so that growing must move. */
        blocker = mmap(a + h, qemu_real_host_page_size, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        b = hp_mremap(a, h, 8 * h, MREMAP_MAYMOVE, NULL);
        ok = b != MAP_FAILED && aligned(b, h) && b[0] == 42;
        if (b != MAP_FAILED) {
            hp_munmap(b, 8 * h);
        }
        if (blocker != MAP_FAILED) {
            munmap(blocker, qemu_real_host_page_size);
        }
    }
    report(ok, "mremap-aligned", h);
}

/*
 * End of file in a large page: a 5000-byte file mapped for 64 KiB.  The
 * large-page kernel maps the host page holding end of file whole; all of
 * it reads, zeros after byte 5000.  For H = 16 KiB the next host pages are
 * wholly past end of file and must still fault.
 */
static void test_eof_zero_fill(uintptr_t h)
{
    char path[] = "/tmp/test-hostpage-XXXXXX";
    int fd = mkstemp(path);
    char data[5000];
    size_t len = 64 * 1024;
    char *p;
    bool ok = fd >= 0;

    memset(data, 0xab, sizeof(data));
    if (ok) {
        unlink(path);
        ok = write(fd, data, sizeof(data)) == sizeof(data);
    }
    p = ok ? hp_mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    ok &= p != MAP_FAILED;
    if (ok) {
        ok &= p[0] == (char)0xab && p[4999] == (char)0xab && p[5000] == 0;
        for (size_t i = 4096; i < h && ok; i++) {
            ok &= !read_faults(p + i) && (i < 5000 || p[i] == 0);
        }
        for (size_t i = h; i < len && ok; i += qemu_real_host_page_size) {
            ok &= read_faults(p + i);
        }
        hp_munmap(p, len);
    }
    if (fd >= 0) {
        close(fd);
    }
    report(ok, "eof-zero-fill", h);
}

/*
 * SysV shared memory: a segment of one real page plus a byte (so it ends
 * inside a host page) attached where the layer chooses lands on an H
 * boundary, with the rest of its last host page still reserved; a second
 * attachment at a chosen H-aligned address over a reservation
 * (SHM_REMAP) sees the same data; both detach.
 */
static void test_shm_attach(uintptr_t h)
{
    size_t size = qemu_real_host_page_size + 1;
    int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
    char *a, *b = MAP_FAILED, *slot;
    bool ok = id >= 0;

    if (!ok) {
        report(false, "shm-attach", h);
        return;
    }
    a = hp_shmat(id, NULL, 0);
    shmctl(id, IPC_RMID, NULL);          /* gone with the last detach */
    ok = a != (void *)-1 && aligned(a, h);
    if (ok) {
        a[size - 1] = 9;
        /* The rest of the last host page: reserved, not given to others. */
        ok &= h == qemu_real_host_page_size
              || (read_faults(a + 2 * qemu_real_host_page_size)
                  && mmap(a + 2 * qemu_real_host_page_size, qemu_real_host_page_size,
                          PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                          -1, 0) == MAP_FAILED);
        slot = hp_mmap(NULL, 2 * h, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        b = slot == MAP_FAILED ? (void *)-1 : hp_shmat(id, slot + h, SHM_RDONLY | SHM_REMAP);
        ok &= b == slot + h && b[size - 1] == 9;
        ok &= hp_shmdt(a) == 0 && hp_munmap(a, HOST_PAGE_ALIGN(size)) == 0;
        ok &= hp_shmdt(b) == 0 && read_faults(b);
        ok &= hp_shmdt(b) != 0 && errno == EINVAL;
        if (slot != MAP_FAILED) {
            hp_munmap(slot, 2 * h);
        }
    }
    report(ok, "shm-attach", h);
}

static sigjmp_buf fault_jmp;

static void on_fault(int sig)
{
    siglongjmp(fault_jmp, 1);
}

static bool read_faults(volatile char *p)
{
    if (sigsetjmp(fault_jmp, 1)) {
        return true;
    }
    (void)*p;
    return false;
}

int main(void)
{
    static const uintptr_t sizes[] = { 16 * 1024, 64 * 1024 };
    struct sigaction sa = { .sa_handler = on_fault };

    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    report(!hostpage_init(3 * 4096) && !hostpage_init(128 * 1024)
           && !hostpage_init(qemu_real_host_page_size / 2),
           "init-rejects", qemu_real_host_page_size);
    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
        if (!hostpage_init(sizes[i])) {
            report(false, "hostpage-init", sizes[i]);
            continue;
        }
        test_aligned_addresses(sizes[i]);
        test_unaligned_refused(sizes[i]);
        test_protect_and_unmap(sizes[i]);
        test_mremap_moves_aligned(sizes[i]);
        test_eof_zero_fill(sizes[i]);
        test_shm_attach(sizes[i]);
    }
    return failures ? 1 : 0;
}
