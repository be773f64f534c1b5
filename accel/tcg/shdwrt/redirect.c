/*
 * redirect.c: the core the shared-writable strategies share (exec/shdwrt.h):
 * windows, the out-of-bound mappings of a file or of shared memory that
 * redirected guest pages live in, and what follows a window's file.
 *
 * A window maps the object at an H-aligned offset, anywhere out of bound
 * (the kernel places it: no guest mapping can land there), readable and
 * writable when the object allows: the software TLB grants each guest page
 * only what its guest protection says.  It is the object itself, so every
 * other view of it (read/write, another mapping, a child after fork,
 * another process) sees the same bytes.
 *
 * A private file mapping's window is a read-only shared view of the file
 * (its pages see later writes to the file, as a 4 KiB kernel's page cache
 * shows them) beside an equally long region of private anonymous memory,
 * the copies: the first write to a page copies it there
 * (PAGE_COPY_ON_WRITE), one 4 KiB page at a time whatever H is.
 *
 * A window lives while one of its guest pages still points into it; then it
 * becomes a PROT_NONE reservation (a CPU whose TLB still points there
 * faults and retries with a fresh TLB instead of reaching reused memory),
 * given back to the kernel once every CPU has flushed its TLB since.
 *
 * The window list changes under mmap_lock and window_lock; page_tlb_fill
 * reads it under window_lock alone (it runs without mmap_lock).
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <glib.h>
#include "qemu/log.h"
#include "qemu/hostpage.h"
#include "qemu/own-fd.h"
#include "exec/exec-all.h"
#include "exec/cputlb.h"
#include "exec/shdwrt.h"
#include "../shadow.h"

typedef struct Window {
    uint8_t *host;
    size_t len;
    uint64_t guest;         /* the guest address whose home is host[0] */
    int fd;                 /* a private duplicate of the file, or -1 */
    off_t offset;           /* file offset of host[0] */
    int map_flags;          /* MAP_SHARED or MAP_PRIVATE, as the host maps it */
    uint8_t *copies;        /* a private mapping's written pages, or NULL */
    int prot;               /* what the host allows in it */
    bool shm;               /* a SysV segment: detached, not unmapped */
    off_t mapped_size;      /* the file's size when its tail was mapped */
    off_t known_size;       /* the file's size at size_epoch */
    uint64_t size_epoch;
} Window;

typedef struct Retired {
    uint8_t *host;
    size_t len;
    uint64_t generation;    /* page_map_generation after it was retired */
} Retired;

static pthread_mutex_t window_lock = PTHREAD_MUTEX_INITIALIZER;
/* Bumped whenever a file's size may have changed (redirect_note_file_sizes). */
static uint64_t file_size_epoch = 1;
static GPtrArray *windows;
/* Bumped whenever a window comes or goes (window_lock held). */
static uint64_t windows_generation;
static GArray *retired;

bool shdwrt_enabled(void)
{
#if defined(CONFIG_SHDWRT_BREAK) || defined(CONFIG_SHDWRT_INTERP) \
    || defined(CONFIG_SHDWRT_VTLB)
    return true;
#else
    return false;
#endif
}

static bool window_holds(const Window *w, target_ulong addr)
{
    size_t off = addr - w->guest;
    uint8_t *home;

    if (addr < w->guest || off >= w->len || !(page_get_flags(addr) & PAGE_REDIRECTED)) {
        return false;
    }
    home = page_home(addr);
    return home == w->host + off || (w->copies && home == w->copies + off);
}

/* The window redirected page addr lives in; window_lock or mmap_lock held.
   A thread's fills tend to meet one window again and again (a library's
   data): it remembers the last one while no window came or went. */
static Window *window_of(target_ulong addr)
{
    static __thread Window *last;
    static __thread uint64_t last_generation;

    if (last && last_generation == windows_generation && window_holds(last, addr)) {
        return last;
    }
    for (guint i = 0; windows && i < windows->len; i++) {
        Window *w = g_ptr_array_index(windows, i);

        if (window_holds(w, addr)) {
            last = w;
            last_generation = windows_generation;
            return w;
        }
    }
    return NULL;
}

static off_t file_size(int fd)
{
    struct stat st;

    return fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
}

static void window_close_fd(Window *w)
{
    if (w->fd >= 0) {
        own_fd_remove(w->fd);
        close(w->fd);
    }
}

/* Give back the retired regions no CPU can still reach through its TLB. */
static void reclaim_retired(void)
{
    for (guint i = 0; retired && i < retired->len;) {
        Retired *r = &g_array_index(retired, Retired, i);

        if (cpus_flushed_since(r->generation)) {
            hp_munmap(r->host, r->len);
            g_array_remove_index_fast(retired, i);
        } else {
            i++;
        }
    }
}

static void retire_region(uint8_t *host, size_t len)
{
    Retired r = { host, len, 0 };

    hp_mmap(host, len, PROT_NONE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    tlb_invalidate_all_cpus();
    r.generation = __atomic_load_n(&page_map_generation, __ATOMIC_ACQUIRE);
    if (!retired) {
        retired = g_array_new(false, false, sizeof(Retired));
    }
    g_array_append_val(retired, r);
}

static void window_release(Window *w)
{
    pthread_mutex_lock(&window_lock);
    g_ptr_array_remove_fast(windows, w);
    windows_generation++;
    pthread_mutex_unlock(&window_lock);
    if (w->shm) {
        hp_shmdt(w->host);
        hp_mmap(w->host, w->len, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    }
    retire_region(w->host, w->len);
    if (w->copies) {
        retire_region(w->copies, w->len);
    }
    window_close_fd(w);
    shdwrt_event(SHDWRT_EV_RELEASE, w->guest);
    qemu_log_mask(CPU_LOG_PAGE, "redirect: window %p (guest " TARGET_FMT_lx ") released\n",
                  w->host, (target_ulong)w->guest);
    g_free(w);
}

/* Point the guest pages [start, end) into w, shadowing their host pages
   first (the only step that can fail: then nothing points into w). */
static int window_attach(Window *w, uint64_t start, uint64_t end)
{
    for (uint64_t h = start & qemu_host_page_mask; h < end; h += qemu_host_page_size) {
        if (!(page_get_flags(h) & PAGE_SHADOWED)) {
            int ret = shadow_host_page(h);

            if (ret) {
                return ret;
            }
        }
    }
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE) {
        page_redirect(a, w->host + (a - w->guest), w->copies != NULL);
    }
    pthread_mutex_lock(&window_lock);
    if (!windows) {
        windows = g_ptr_array_new();
    }
    g_ptr_array_add(windows, w);
    windows_generation++;
    pthread_mutex_unlock(&window_lock);
    shdwrt_event(SHDWRT_EV_REDIRECT, start);
    qemu_log_mask(CPU_LOG_PAGE, "redirect: " TARGET_FMT_lx "-" TARGET_FMT_lx
                  " -> window %p (file offset 0x%jx)\n", (target_ulong)start,
                  (target_ulong)end, w->host + (start - w->guest),
                  (intmax_t)(w->offset + (off_t)(start - w->guest)));
    return 0;
}

/*
 * Map w's view of fd (w->offset, w->len set): shared as it is, or for a
 * private mapping read-only beside its copies.  A file the host will not
 * map shared (some FUSE file systems) gets a private window instead, whose
 * host pages are copied whole on their first write.
 */
static int window_map(Window *w, int fd, bool shared)
{
    if (!shared) {
        w->host = oob_mmap(w->len, PROT_READ, MAP_SHARED, fd, w->offset);
        if (w->host != MAP_FAILED) {
            w->copies = oob_mmap(w->len, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
            if (w->copies == MAP_FAILED) {
                int ret = -errno;

                hp_munmap(w->host, w->len);
                return ret;
            }
            w->prot = PROT_READ;
            w->map_flags = MAP_SHARED;
            return 0;
        }
    }
    w->map_flags = shared ? MAP_SHARED : MAP_PRIVATE;
    w->prot = PROT_READ | PROT_WRITE;
    w->host = oob_mmap(w->len, w->prot, w->map_flags, fd, w->offset);
    if (w->host == MAP_FAILED && errno == EACCES) {
        w->prot = PROT_READ;
        w->host = oob_mmap(w->len, w->prot, w->map_flags, fd, w->offset);
    }
    return w->host == MAP_FAILED ? -errno : 0;
}

/* Shared anonymous memory as a memfd: then the window, like a file one,
   can be mapped again elsewhere (mremap). */
static int redirect_anon(uint64_t start, uint64_t end, int prot, int map_flags)
{
    int mfd = memfd_create("shdwrt-anon", MFD_CLOEXEC);
    int ret;

    if (mfd < 0 || ftruncate(mfd, HOST_PAGE_ALIGN(end - start)) != 0) {
        ret = -errno;
        if (mfd >= 0) {
            close(mfd);
        }
        return ret;
    }
    ret = redirect_map(start, end, prot, map_flags & ~MAP_ANONYMOUS, mfd, 0);
    close(mfd);
    return ret;
}

int redirect_map(uint64_t start, uint64_t end, int prot, int map_flags,
                 int fd, off_t offset)
{
    size_t lead = offset & ~qemu_host_page_mask;
    Window *w;
    int ret;

    (void)prot;     /* the TLB enforces it; the window allows what it can */
    if (fd < 0) {
        return redirect_anon(start, end, prot, map_flags);
    }
    reclaim_retired();
    w = g_new0(Window, 1);
    w->len = HOST_PAGE_ALIGN(lead + (end - start));
    w->guest = start - lead;
    w->offset = offset - (off_t)lead;
    ret = window_map(w, fd, (map_flags & MAP_TYPE) != MAP_PRIVATE);
    if (ret) {
        g_free(w);
        return ret;
    }
    /* (a copy: fd is the guest's) */
    w->fd = fcntl(fd, F_DUPFD_CLOEXEC, OWN_FD_MIN);
    own_fd_add(w->fd);
    w->mapped_size = file_size(w->fd);
    ret = window_attach(w, start, end);
    if (ret) {
        hp_munmap(w->host, w->len);
        if (w->copies) {
            hp_munmap(w->copies, w->len);
        }
        window_close_fd(w);
        g_free(w);
    }
    return ret;
}

/* A window of shared memory without a file, mapped already: len bytes at
   host, whose byte skip is the home of start. */
static int window_over(uint64_t start, uint64_t end, uint8_t *host, size_t len,
                       size_t skip, bool shm)
{
    Window *w = g_new0(Window, 1);
    int ret;

    w->host = host;
    w->len = len;
    w->guest = start - skip;
    w->fd = -1;
    w->map_flags = MAP_SHARED;
    w->prot = PROT_READ | PROT_WRITE;
    w->shm = shm;
    w->mapped_size = -1;
    ret = window_attach(w, start, end);
    if (ret) {
        g_free(w);
    }
    return ret;
}

int redirect_shm(uint64_t start, uint64_t end, void *host, size_t len)
{
    return window_over(start, end, host, len, 0, true);
}

int redirect_alias(uint64_t start, uint64_t end, void *home)
{
    uint8_t *first = (uint8_t *)((uintptr_t)home & qemu_host_page_mask);
    size_t skip = (uint8_t *)home - first;
    size_t len = HOST_PAGE_ALIGN(skip + (end - start));
    uint8_t *host;
    int ret;

    reclaim_retired();
    host = oob_mmap(len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (host == MAP_FAILED) {
        return -errno;
    }
    /* The second mapping takes the first's protection, which may be less
       than the window must allow (the TLB judges the guest's). */
    if (hp_mremap(first, 0, len, MREMAP_MAYMOVE | MREMAP_FIXED, host) == MAP_FAILED) {
        ret = -errno;
        hp_munmap(host, len);
        return ret;
    }
    if (hp_mprotect(host, len, PROT_READ | PROT_WRITE) != 0) {
        hp_mprotect(host, len, PROT_READ);
    }
    ret = window_over(start, end, host, len, skip, false);
    if (ret) {
        hp_munmap(host, len);
    }
    return ret;
}

bool host_page_redirected(uint64_t h)
{
    for (uint64_t a = h; a < h + qemu_host_page_size; a += TARGET_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_REDIRECTED) {
            return true;
        }
    }
    return false;
}

bool host_page_holds_shared(uint64_t h)
{
    for (uint64_t a = h; a < h + qemu_host_page_size; a += TARGET_PAGE_SIZE) {
        Window *w = window_of(a);

        if (w && w->map_flags == MAP_SHARED && !w->copies) {
            return true;
        }
    }
    return false;
}

static bool window_in_use(const Window *w)
{
    for (size_t off = 0; off < w->len; off += TARGET_PAGE_SIZE) {
        if (window_holds(w, w->guest + off)) {
            return true;
        }
    }
    return false;
}

void redirect_unmap(uint64_t start, uint64_t end)
{
    GPtrArray *affected = g_ptr_array_new();

    for (uint64_t a = page_find_flags(start, end, PAGE_REDIRECTED); a < end;
         a = page_find_flags(a + TARGET_PAGE_SIZE, end, PAGE_REDIRECTED)) {
        Window *w = window_of(a);

        if (w) {
            if (!g_ptr_array_find(affected, w, NULL)) {
                g_ptr_array_add(affected, w);
            }
            page_unredirect(a);
        }
    }
    if (affected->len == 0) {
        g_ptr_array_free(affected, true);
        return;
    }
    for (guint i = 0; i < affected->len; i++) {
        Window *w = g_ptr_array_index(affected, i);

        if (!window_in_use(w)) {
            window_release(w);
        }
    }
    g_ptr_array_free(affected, true);
    for (uint64_t h = start & qemu_host_page_mask; h < end; h += qemu_host_page_size) {
        if ((page_get_flags(h) & PAGE_SHADOWED) && !host_page_redirected(h)) {
            shdwrt_host_page_released(h);
        }
    }
}

bool redirect_file_of(target_ulong addr, int *fd, off_t *offset, int *map_flags)
{
    Window *w = window_of(addr);

    if (!w || w->shm) {
        return false;
    }
    *fd = w->fd;
    *offset = w->offset + (off_t)(addr - w->guest);
    *map_flags = w->copies ? MAP_PRIVATE : w->map_flags;
    return true;
}

void redirect_copy_on_write(target_ulong page)
{
    Window *w = window_of(page);
    size_t off;

    if (!w || !(page_get_flags(page) & PAGE_COPY_ON_WRITE)) {
        return;     /* another thread was first */
    }
    off = page - w->guest;
    memcpy(w->copies + off, w->host + off, TARGET_PAGE_SIZE);
    page_redirect(page, w->copies + off, false);
    shdwrt_event(SHDWRT_EV_COPY, page);
}

bool redirect_discard_copy(target_ulong page)
{
    Window *w = window_of(page);
    size_t off;

    if (!w || !w->copies) {
        return false;
    }
    off = page - w->guest;
    page_redirect(page, w->host + off, true);
    return true;
}

/* The file's size changed since the window's tail was mapped: under -p,
   its host page holding end of file must read as a large-page kernel's
   would (the pages the guest may use were judged already). */
static void window_follow_size(Window *w, off_t size)
{
    hp_follow_file_size(w->host, w->len, w->prot, w->map_flags, w->fd, w->offset,
                        w->mapped_size, size);
    w->mapped_size = size;
}

void redirect_note_file_sizes(void)
{
    __atomic_fetch_add(&file_size_epoch, 1, __ATOMIC_RELEASE);
}

/*
 * The size of w's file as far as the page at page_offset must know it.
 * Asking the file (fstat) at every fill would make each TLB refill of a
 * library's data a system call; it is asked again only when a guest syscall
 * may have changed some file's size since, or for pages not wholly inside
 * the size last seen (growth can only change their answer).  Another
 * process shrinking the file meanwhile is seen by the host itself for host
 * pages wholly past the new end (the window is the file: the access faults
 * with SIGBUS), elsewhere only after this process's next such syscall.
 */
static off_t window_file_size(Window *w, off_t page_offset)
{
    uint64_t epoch = __atomic_load_n(&file_size_epoch, __ATOMIC_ACQUIRE);

    if (epoch != w->size_epoch || page_offset + TARGET_PAGE_SIZE > w->known_size) {
        w->known_size = file_size(w->fd);
        w->size_epoch = epoch;
    }
    return w->known_size;
}

int redirect_fill_check(target_ulong addr)
{
    int fault = PAGE_FAULT_NONE;
    Window *w;

    pthread_mutex_lock(&window_lock);
    w = window_of(addr);
    if (w && w->fd >= 0) {
        off_t page_offset = w->offset + (off_t)((addr & TARGET_PAGE_MASK) - w->guest);
        off_t size = window_file_size(w, page_offset);

        if (size >= 0 && page_offset >= (off_t)TARGET_PAGE_ALIGN(size)) {
            fault = PAGE_FAULT_SIGBUS;
            shdwrt_event(SHDWRT_EV_SIGBUS, addr);
        }
        if (size >= 0 && size != w->mapped_size) {
            window_follow_size(w, size);
        }
    }
    pthread_mutex_unlock(&window_lock);
    shdwrt_event(SHDWRT_EV_REFILL, addr);
    return fault;
}
