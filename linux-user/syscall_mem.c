/*
 * syscall_mem.c: the guest's address-space syscalls.  mmap.c does the real
 * work at 4 KiB over H host pages; this file keeps the brk area (grown with
 * anonymous fixed mappings, never shrunk below its start), judges growth
 * against the guest's own RLIMIT_AS and RLIMIT_DATA, gives
 * madvise(MADV_DONTNEED) its Linux meaning of zeroing private anonymous
 * pages, and answers mincore, madvise and process_madvise per 4 KiB page.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <glib.h>
#include "qemu/log.h"
#include "exec/shdwrt.h"
#include "syscall_impl.h"
#include "loader.h"
#include "mmap-internal.h"
#include "vma-table.h"

static abi_ulong brk_start;     /* the initial break: never go below it */
static abi_ulong brk_cur;       /* the guest's current break */
static abi_ulong brk_mapped;    /* end of the pages mapped for the heap */

abi_long target_brk_init(abi_ulong brk)
{
    brk_start = brk_cur = brk;
    brk_mapped = TARGET_PAGE_ALIGN(brk);
    /* the loader may have mapped the bss beyond the break already */
    while (page_get_flags(brk_mapped) & PAGE_VALID) {
        brk_mapped += TARGET_PAGE_SIZE;
    }
    return 0;
}

void target_brk_range(abi_ulong *start, abi_ulong *cur)
{
    *start = brk_start;
    *cur = brk_cur;
}

/*
 * Under an address-space limit (ulimit -v: RLIMIT_AS, which the emulator's
 * own memory counts against too), guest memory stops EMULATOR_HEADROOM
 * short of it: the guest gets ENOMEM while the emulator can still grow
 * its stack and heap.  Without that the guest would take the last bytes
 * and the emulator die of its next allocation.
 */
#define EMULATOR_HEADROOM (64 << 20)

static bool over_address_space_limit(uint64_t more)
{
    struct rlimit lim;
    char text[32] = "";
    int fd;

    if (getrlimit(RLIMIT_AS, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) {
        return false;
    }
    /* The size in pages, first in statm (no stdio: no allocation). */
    fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, text, sizeof(text) - 1) <= 0) {
        text[0] = 0;
    }
    if (fd >= 0) {
        close(fd);
    }
    return strtoull(text, NULL, 10) * getpagesize() + more + EMULATOR_HEADROOM > lim.rlim_cur;
}

/*
 * The guest's own RLIMIT_AS and RLIMIT_DATA (syscall_proc.c keeps them),
 * as the kernel's may_expand_vm: a call that adds pages (its length less
 * the pages already mapped there, which a MAP_FIXED replaces) beyond the
 * guest's mapped pages (all of them; for RLIMIT_DATA its private writable
 * ones outside stacks, when the new ones are such: "data") is ENOMEM.  The
 * emulator's memory and reservations are no guest pages: they never count.
 */
static bool is_data(int prot, bool shared, bool stack)
{
    return (prot & PROT_WRITE) && !shared && !stack;
}

/* The same for the guest page at a, whose flags are given. */
static bool page_is_data(uint64_t a, int flags)
{
    const GuestVma *v = vma_find(a);

    return is_data(flags, flags & PAGE_FILE_SHARED, v && (v->flags & VMA_GROWSDOWN));
}

/* len bytes more, at start when fixed (else anywhere free) */
static bool over_guest_limits(uint64_t start, uint64_t len, bool fixed, bool data)
{
    uint64_t as = guest_rlimit_cur(RLIMIT_AS), data_lim = guest_rlimit_cur(RLIMIT_DATA);
    uint64_t total = 0, data_total = 0, added = TARGET_PAGE_ALIGN(len);

    if (len == 0 || (as == RLIM_INFINITY && (data_lim == RLIM_INFINITY || !data))) {
        return false;
    }
    for (uint64_t a = 0, run_end; a < guest_space_end(); a = run_end) {
        int flags;

        a = page_find_flags(a, guest_space_end(), PAGE_VALID);
        if (a >= guest_space_end()) {
            break;
        }
        flags = page_flags_run(a, guest_space_end(), &run_end);
        total += run_end - a;
        if (page_is_data(a, flags)) {
            data_total += run_end - a;
        }
        if (fixed && a < start + len && run_end > start) {
            added -= MIN(run_end, start + len) - MAX(a, start);
        }
    }
    return total + added > as || (data && data_total + added > data_lim);
}

static bool range_unmapped(abi_ulong start, abi_ulong end)
{
    return page_find_flags(start, end, PAGE_VALID) == end;
}

/* Like Linux: the new break, or the unchanged one on any failure. */
static abi_ulong do_brk(abi_ulong new_brk)
{
    abi_ulong new_mapped;

    if (new_brk < brk_start) {
        return brk_cur;
    }
    if (new_brk <= brk_mapped) {
        abi_ulong new_end = TARGET_PAGE_ALIGN(new_brk);

        /* Like Linux, whole pages above the new break are unmapped;
           memory given back and taken again must read as zeros. */
        if (new_end < brk_mapped && target_munmap(new_end, brk_mapped - new_end) == 0) {
            brk_mapped = new_end;
        }
        if (new_brk > brk_cur) {
            clear_user(brk_cur, new_brk - brk_cur);
        }
        brk_cur = new_brk;
        return brk_cur;
    }
    new_mapped = TARGET_PAGE_ALIGN(new_brk);
    if (new_mapped < new_brk || new_mapped - 1 > GUEST_ADDR_MAX ||
        !range_unmapped(brk_mapped, new_mapped) ||
        over_address_space_limit(new_mapped - brk_mapped) ||
        over_guest_limits(brk_mapped, new_mapped - brk_mapped, true, true)) {
        return brk_cur;
    }
    if (target_mmap(brk_mapped, new_mapped - brk_mapped, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != brk_mapped) {
        return brk_cur;
    }
    if (brk_mapped > brk_cur) {
        clear_user(brk_cur, brk_mapped - brk_cur);
    }
    brk_mapped = new_mapped;
    brk_cur = new_brk;
    return brk_cur;
}

SYSCALL(brk)
{
    abi_ulong ret;

    mmap_lock();
    ret = do_brk(arg[0]);
    mmap_unlock();
    return ret;
}

static abi_long guest_mmap(abi_ulong addr, abi_ulong len, int prot, int flags, int fd,
                           off_t offset)
{
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    bool over;

    if (over_address_space_limit(len)) {
        return -TARGET_ENOMEM;
    }
    mmap_lock();
    over = over_guest_limits(addr & TARGET_PAGE_MASK, len, fixed,
                             is_data(prot, (flags & MAP_TYPE) != MAP_PRIVATE,
                                     flags & MAP_GROWSDOWN));
    mmap_unlock();
    if (over) {
        return -TARGET_ENOMEM;
    }
    return target_mmap(addr, len, prot, flags, fd, offset);
}

/* The x86_64 mmap; i386's old mmap passes a block (i386/syscall_arch.c). */
SYSCALL(mmap)
{
    return guest_mmap(arg[0], arg[1], arg[2], arg[3], arg[4], (abi_long)arg[5]);
}

SYSCALL(mmap2)
{
    return guest_mmap(arg[0], arg[1], arg[2], arg[3], arg[4],
                      (off_t)(abi_ulong)arg[5] * 4096);
}

/* The kernel's checks before it looks at the mappings: an unaligned
   start or a range past TASK_SIZE is EINVAL, even for a short length. */
SYSCALL(munmap)
{
    abi_ulong start = arg[0], len = arg[1];

    if ((start & ~TARGET_PAGE_MASK) || start > TARGET_TASK_SIZE
        || len > TARGET_TASK_SIZE - start || TARGET_PAGE_ALIGN(len) == 0) {
        return -TARGET_EINVAL;
    }
    return target_munmap(start, len);
}

/* The kernel judges the start and length before the protection bits: a
   zero length is success, a wrapping one ENOMEM, whatever prot says. */
SYSCALL(mprotect)
{
    abi_ulong start = arg[0], len = arg[1];
    int grows = arg[2] & (PROT_GROWSDOWN | PROT_GROWSUP);

    if (grows != (PROT_GROWSDOWN | PROT_GROWSUP) && !(start & ~TARGET_PAGE_MASK)) {
        if (len == 0) {
            return 0;
        }
        if (start + TARGET_PAGE_ALIGN(len) <= start) {
            return -TARGET_ENOMEM;
        }
    }
    /* PROT_GROWSDOWN: from the start of the MAP_GROWSDOWN mapping holding
       start (EINVAL for another mapping), once the bits are known good
       (unknown ones are EINVAL first, arch_validate_prot) */
    if (grows == PROT_GROWSDOWN && !(start & ~TARGET_PAGE_MASK)
        && !(arg[2] & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | 0x8))) {
        abi_long ret = -TARGET_ENOMEM;
        const GuestVma *v;

        mmap_lock();
        v = vma_find(start);
        if (v && (v->flags & VMA_GROWSDOWN)) {
            len += start - v->start;
            start = v->start;
            ret = 0;
        } else if (page_get_flags(start) & PAGE_VALID) {
            ret = -TARGET_EINVAL;
        }
        mmap_unlock();
        if (ret) {
            return ret;
        }
    }
    /* PROT_SEM (0x8, asm-generic/mman-common.h) is valid and means
       nothing on x86. */
    return target_mprotect(start, len, arg[2] & ~0x8);
}

/* Sizes past TASK_SIZE, which mremap.c's arithmetic does not expect: a
   new one is EINVAL (the kernel's "silly length" check, like unknown
   flags and an unaligned address), an old one reaching past the end is
   more than any mapping holds (EFAULT). */
SYSCALL(mremap)
{
    abi_ulong old_addr = arg[0], old_size = arg[1], new_size = arg[2];
    /* (MREMAP_DONTUNMAP keeps the old range mapped) */
    abi_ulong more = arg[3] & MREMAP_DONTUNMAP ? old_size
                     : new_size > old_size ? new_size - old_size : 0;
    bool over;

    if (new_size > TARGET_TASK_SIZE || (old_addr & ~TARGET_PAGE_MASK)
        || (arg[3] & ~(abi_ulong)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))) {
        return -TARGET_EINVAL;
    }
    if (more && over_address_space_limit(more)) {
        return -TARGET_ENOMEM;
    }
    mmap_lock();
    over = over_guest_limits(0, more, false, page_is_data(old_addr, page_get_flags(old_addr)));
    mmap_unlock();
    if (over) {
        return -TARGET_ENOMEM;
    }
    return target_mremap(old_addr, old_size, new_size, arg[3], arg[4]);
}

static bool flags_private_anon(int flags)
{
    return (flags & PAGE_VALID) && (flags & PAGE_ANON) && !(flags & PAGE_FILE_SHARED);
}

static bool is_private_anon(abi_ulong page)
{
    return flags_private_anon(page_get_flags(page));
}

/*
 * Whether the host's MADV_DONTNEED gives a page with these flags what
 * Linux's gives a 4 KiB page: zeros for private anonymous memory, and for
 * a private file page the file's current bytes, which the host only does
 * where the page is the file's (with H = 4 KiB every private file page is;
 * with a larger H a page in bound is a copy of the whole host page once
 * written, and one in a window is discarded by the window:
 * redirect_discard_copy).
 */
static bool host_discards_like_linux(int flags)
{
    return (flags_private_anon(flags) && !(flags & PAGE_SHADOWED))
           || (qemu_host_page_size == TARGET_PAGE_SIZE && (flags & PAGE_VALID)
               && (flags & (PAGE_FILE_PRIV | PAGE_SHADOWED)) == PAGE_FILE_PRIV);
}

/* A 4 KiB kernel frees discarded private anonymous pages: mincore must
   not count them resident while their host page holds touched ones. */
static void note_discarded(abi_ulong start, abi_ulong end)
{
    for (uint64_t a = start, run_end; a < end; a = run_end) {
        int flags = page_flags_run(a, end, &run_end);

        if (flags_private_anon(flags)) {
            page_set_flags(a, run_end, flags | PAGE_UNTOUCHED);
        }
    }
}

/*
 * MADV_DONTNEED: private anonymous pages read as zeros afterwards, whatever
 * their protection, and private file pages as the file (where the host can
 * tell: host_discards_like_linux, or the page is in a window).  Whole
 * in-bound host pages are dropped through the host-page layer; anonymous
 * guest pages sharing a host page with others are cleared by hand where
 * they live.
 */
static void discard_pages(abi_ulong start, abi_ulong end)
{
    abi_ulong h = qemu_host_page_size;

    mmap_lock();
    /* The bytes change under any code made from them. */
    if (page_find_flags(start, end, PAGE_CODE) < end) {
        tb_invalidate_phys_range(start, end);
    }
    for (abi_ulong chunk = start & qemu_host_page_mask; chunk < end; ) {
        abi_ulong lo = MAX(chunk, start), hi = MIN(chunk + h, end);
        uint64_t run_end;
        int flags = page_flags_run(chunk, end, &run_end);
        /* Whole host pages alike: one host call for all of them. */
        uint64_t whole_end = run_end & qemu_host_page_mask;

        if (chunk >= start && whole_end > chunk && host_discards_like_linux(flags)
            && hp_madvise(g2h(chunk), whole_end - chunk, MADV_DONTNEED) == 0) {
            chunk = whole_end;
            continue;
        }
        if (!(flags & PAGE_SHADOWED)) {
            hp_mprotect(g2h(chunk), h, PROT_READ | PROT_WRITE);
        }
        for (abi_ulong p = lo; p < hi; p += TARGET_PAGE_SIZE) {
            if (is_private_anon(p)) {
                memset(page_home(p), 0, TARGET_PAGE_SIZE);
            } else if (page_get_flags(p) & PAGE_REDIRECTED) {
                redirect_discard_copy(p);
            }
        }
        page_map_sync(chunk, chunk + h);
        chunk += h;
    }
    note_discarded(start, end);
    mmap_unlock();
}

/*
 * MADV_REMOVE, on pages madvise_kind_error found all shared: their bytes
 * leave the file or shared memory, which reads as zeros there afterwards.
 * Whole in-bound host pages are punched by the host, which also gives
 * Linux's EACCES for a file opened read-only; a guest page that shares its
 * host page with others is zeroed in place (the file reads the same; its
 * blocks stay allocated), after the host page was made writable, which
 * fails the same way for a read-only file.  A page of a shadowed host
 * page is zeroed at its home (the shared object's alias) when the guest
 * may write it, since the home is then writable; a read-only one there,
 * and the pages the shared-writable strategies redirect to their windows,
 * keep their bytes.
 */
static int remove_pages(abi_ulong start, abi_ulong end)
{
    abi_ulong h = qemu_host_page_size;
    int ret = 0;

    mmap_lock();
    if (page_find_flags(start, end, PAGE_CODE) < end) {
        tb_invalidate_phys_range(start, end);
    }
    for (abi_ulong chunk = start & qemu_host_page_mask; chunk < end && !ret; ) {
        abi_ulong lo = MAX(chunk, start), hi = MIN(chunk + h, end);
        uint64_t run_end;
        int flags = page_flags_run(chunk, end, &run_end);
        uint64_t whole_end = run_end & qemu_host_page_mask;

        if (flags & (PAGE_SHADOWED | PAGE_REDIRECTED)) {
            for (abi_ulong p = lo; p < hi; p += TARGET_PAGE_SIZE) {
                if ((page_get_flags(p) & (PAGE_WRITE | PAGE_SHADOWED | PAGE_REDIRECTED))
                    == (PAGE_WRITE | PAGE_SHADOWED)) {
                    memset(page_home(p), 0, TARGET_PAGE_SIZE);
                }
            }
            chunk += h;
            continue;
        }
        if (chunk >= start && whole_end > chunk && (flags & PAGE_VALID)) {
            if (hp_madvise(g2h(chunk), whole_end - chunk, MADV_REMOVE)) {
                ret = -errno;
            }
            chunk = whole_end;
            continue;
        }
        if (hp_mprotect(g2h(chunk), h, PROT_READ | PROT_WRITE)) {
            ret = -EACCES;
        } else {
            for (abi_ulong p = lo; p < hi; p += TARGET_PAGE_SIZE) {
                memset(page_home(p), 0, TARGET_PAGE_SIZE);
            }
        }
        page_map_sync(chunk, chunk + h);
        chunk += h;
    }
    mmap_unlock();
    return ret;
}

/* The advice values Linux knows (madvise_behavior_valid): 0-4, 8-25 and
   the memory-failure and guard ones, 100-103. */
static bool madvise_advice_known(abi_long advice)
{
    return (advice >= 0 && advice <= 4) || (advice >= 8 && advice <= 25)
           || (advice >= 100 && advice <= 103);
}

/*
 * Advice Linux refuses for some kinds of mapping: MADV_REMOVE needs a
 * shared mapping of a file or shared memory (madvise_remove: EINVAL
 * without a file, EACCES for a private one; since Linux 6.7 a shared
 * mapping that may become writable will do, whatever its protection now:
 * the file's open mode is not recorded here, so a read-only fd's EACCES is
 * not given here: remove_pages' host calls give it), MADV_FREE and
 * MADV_WIPEONFORK private anonymous memory.  The kernel walks the range's
 * mappings in order and stops at the first that refuses, before it reports
 * a hole.
 */
static int madvise_kind_error(abi_ulong start, abi_ulong end, int advice)
{
    for (uint64_t p = start, run_end; p < end; p = run_end) {
        int flags = page_flags_run(p, end, &run_end);
        bool private_anon = flags_private_anon(flags);

        if (!(flags & PAGE_VALID)) {
            continue;
        }
        if (advice == MADV_REMOVE && private_anon) {
            return -TARGET_EINVAL;
        }
        if (advice == MADV_REMOVE && !(flags & PAGE_FILE_SHARED)) {
            return -TARGET_EACCES;
        }
        if ((advice == MADV_FREE || advice == MADV_WIPEONFORK) && !private_anon) {
            return -TARGET_EINVAL;
        }
    }
    return 0;
}

/*
 * msync, mlock, munlock, mincore and MADV_POPULATE_* act on whole host
 * pages, as a kernel whose pages are H large would: the guest's 4 KiB
 * range is first checked against the guest's own mappings (ENOMEM for a
 * hole, as Linux), then each host page that holds its bytes is acted on:
 * the in-bound one, or for a shadowed host page the out-of-bound one
 * where the guest page lives (exec/page-map.h).  mmap_lock held, so that
 * no home moves meanwhile.
 */
static void *host_page_of(abi_ulong page)
{
    return (void *)((uintptr_t)page_home(page) & qemu_host_page_mask);
}

/* fn on each host page holding bytes of [start, end), once per run of
   guest pages in the same host page; the first error. */
static int for_each_host_page(abi_ulong start, abi_ulong end,
                              int (*fn)(void *host, size_t len, int arg), int arg)
{
    void *done = NULL;

    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE) {
        void *h = host_page_of(a);

        if (h != done) {
            if (fn(h, qemu_host_page_size, arg) != 0) {
                return -errno;
            }
            done = h;
        }
    }
    return 0;
}

/* The vma flag the fork advice sets or clears, or 0 for other advice. */
static int fork_advice_flag(int advice)
{
    switch (advice) {
    case MADV_WIPEONFORK: case MADV_KEEPONFORK:
        return VMA_WIPEONFORK;
    case MADV_DONTFORK: case MADV_DOFORK:
        return VMA_DONTFORK;
    default:
        return 0;
    }
}

static int host_populate(void *h, size_t len, int advice)
{
    /* (a failure, such as a file page past end of file, was the guest's
       to see from its own walk: the host's is only about residency; a
       host page the emulator keeps without write is only read) */
    if (hp_madvise(h, len, advice) != 0 && advice == MADV_POPULATE_WRITE) {
        hp_madvise(h, len, MADV_POPULATE_READ);
    }
    return 0;
}

/* The advice on [start, end), all mapped (mmap_lock held).  Every advice
   but these is only a hint the host may ignore too.  MADV_POPULATE_READ and
   _WRITE fault the pages in, so pages the guest may not read (write) are
   EINVAL; the host brings their host pages in for mincore to see.  A
   write fault gives a private file page its private copy, which stops
   seeing the file: each page is filled for writing first, as a write
   would (page_tlb_fill: its copy in a window, its host page's copy when
   it still shows its file, its code dropped). */
static int madvise_pages(abi_ulong start, abi_ulong end, int advice)
{
    if (advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE) {
        int needed = advice == MADV_POPULATE_READ ? PAGE_READ : PAGE_WRITE;

        for (uint64_t a = start, run_end; a < end; a = run_end) {
            if (!(page_flags_run(a, end, &run_end) & needed)) {
                return -TARGET_EINVAL;
            }
        }
        for (uint64_t a = start; needed == PAGE_WRITE && a < end; a += TARGET_PAGE_SIZE) {
            uintptr_t addend;
            int prot;

            page_tlb_fill(a, PAGE_WRITE, &addend, &prot);
        }
        for_each_host_page(start, end, host_populate, advice);
        update_valid_flags(start, end, PAGE_UNTOUCHED, 0);
    } else if (advice == MADV_DONTNEED) {
        discard_pages(start, end);
    } else if (advice == MADV_REMOVE) {
        return remove_pages(start, end);
    } else if (fork_advice_flag(advice)) {
        /* kept per 4 KiB page, carried out by madvise_fork_child: a host
           madvise would act on whole host pages */
        vma_note_fork_advice(start, end, fork_advice_flag(advice),
                             advice == MADV_WIPEONFORK || advice == MADV_DONTFORK);
    }
    return 0;
}

static abi_long do_madvise(abi_ulong start, abi_ulong length, int advice)
{
    abi_ulong len = TARGET_PAGE_ALIGN(length);
    int ret;

    /* In the kernel's order: the advice, the start, a length that wraps. */
    if (!madvise_advice_known(advice) || (start & ~TARGET_PAGE_MASK)
        || (length && !len) || start + len < start) {
        return -TARGET_EINVAL;
    }
    mmap_lock();
    ret = madvise_kind_error(start, start + len, advice);
    mmap_unlock();
    if (ret) {
        return ret;
    }
    /* As the kernel's walk of the range: the mapped parts get the advice,
       a hole makes it ENOMEM after all of them. */
    mmap_lock();
    for (uint64_t a = start, run_end; a < start + len && !ret; a = run_end) {
        if (page_flags_run(a, start + len, &run_end) & PAGE_VALID) {
            ret = madvise_pages(a, run_end, advice);
        } else {
            ret = -TARGET_ENOMEM;
        }
    }
    mmap_unlock();
    return ret;
}

SYSCALL(madvise)
{
    return do_madvise(arg[0], arg[1], (int)arg[2]);
}

/* The process a pidfd refers to (the "Pid:" line of its fdinfo), or -1. */
static pid_t pidfd_pid(int fd)
{
    char path[48], text[512] = "";
    int info;
    char *line;

    snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
    info = open(path, O_RDONLY | O_CLOEXEC);
    if (info >= 0) {
        if (read(info, text, sizeof(text) - 1) < 0) {
            text[0] = 0;
        }
        close(info);
    }
    line = strstr(text, "\nPid:");
    return line ? (pid_t)strtol(line + 5, NULL, 10) : -1;
}

/*
 * process_madvise on the caller itself: the advice of madvise over each
 * range of the guest's iovec in turn, stopping at the first that fails;
 * the bytes of the ranges advised, or that failure if none was.  Which
 * advice the kernel takes, and the descriptor and permission checks, are
 * the host's: it answers the same call with no range first.  Another
 * process's addresses are not this guest's (as process_vm_readv).
 */
SYSCALL(process_madvise)
{
    abi_ulong vlen = arg[2];
    int advice = (int)arg[3];
    struct iovec none = { NULL, 0 };
    struct target_iovec *tiov;
    abi_long ret = 0, done = 0;

    if (arg[4] != 0 || vlen > IOV_MAX) {
        return -TARGET_EINVAL;
    }
    tiov = g_new(struct target_iovec, vlen + 1);
    if (copy_from_user(tiov, arg[1], vlen * sizeof(*tiov))) {
        g_free(tiov);
        return -TARGET_EFAULT;
    }
    ret = get_errno(syscall(SYS_process_madvise, (int)arg[0], &none, 1UL, advice, 0U));
    if (ret == 0 && pidfd_pid(arg[0]) != getpid()) {
        qemu_log_mask(LOG_UNIMP, "process_madvise: pid %d is another process\n",
                      (int)pidfd_pid(arg[0]));
        ret = -TARGET_ENOSYS;
    }
    for (abi_ulong i = 0; ret == 0 && i < vlen; i++) {
        ret = do_madvise(tiov[i].iov_base, tiov[i].iov_len, advice);
        done += ret == 0 ? (abi_long)tiov[i].iov_len : 0;
    }
    g_free(tiov);
    return done ? done : ret;
}

void madvise_fork_child(void)
{
    uint64_t (*ranges)[2];
    size_t n;

    mmap_lock();
    n = vma_ranges_with(VMA_DONTFORK, &ranges);
    for (size_t i = 0; i < n; i++) {
        do_munmap(ranges[i][0], ranges[i][1] - ranges[i][0]);
        vma_note_munmap(ranges[i][0], ranges[i][1] - ranges[i][0]);
    }
    free(ranges);
    /* (the flag stays: the child's own children read zeros too) */
    n = vma_ranges_with(VMA_WIPEONFORK, &ranges);
    for (size_t i = 0; i < n; i++) {
        discard_pages(ranges[i][0], ranges[i][1]);
    }
    free(ranges);
    mmap_unlock();
}

static int host_msync(void *h, size_t len, int flags)
{
    return hp_msync(h, len, flags);
}

static int host_mlock(void *h, size_t len, int lock)
{
    return lock ? hp_mlock(h, len) : hp_munlock(h, len);
}

SYSCALL(msync)
{
    abi_ulong start = arg[0], len = TARGET_PAGE_ALIGN((abi_ulong)arg[1]);
    int flags = arg[2];
    abi_long ret;

    if ((start & ~TARGET_PAGE_MASK) ||
        (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC))) {
        return -TARGET_EINVAL;
    }
    if (start + len < start) {
        return -TARGET_ENOMEM;
    }
    if (!len) {
        return 0;
    }
    if (page_check_range(start, len, 0) != 0) {
        return -TARGET_ENOMEM;
    }
    mmap_lock();
    ret = for_each_host_page(start, start + len, host_msync, flags);
    mmap_unlock();
    return ret;
}

/* mlock and munlock: the range covers the whole pages it touches.
   Locking faults the pages in, unless only on fault (MLOCK_ONFAULT). */
static abi_long do_mlock(abi_ulong start, abi_ulong len, bool lock, bool populate)
{
    abi_ulong end = TARGET_PAGE_ALIGN(start + len);
    abi_long ret;

    start &= TARGET_PAGE_MASK;
    if (end < start) {
        return -TARGET_EINVAL;
    }
    if (end == start) {
        return 0;
    }
    if (page_check_range(start, end - start, 0) != 0) {
        return -TARGET_ENOMEM;
    }
    mmap_lock();
    ret = for_each_host_page(start, end, host_mlock, lock);
    if (ret == 0 && populate) {
        update_valid_flags(start, end, PAGE_UNTOUCHED, 0);
    }
    mmap_unlock();
    return ret;
}

SYSCALL(mlock)
{
    return do_mlock(arg[0], arg[1], true, true);
}

/* mlock2: MLOCK_ONFAULT leaves the pages out until they are touched. */
SYSCALL(mlock2)
{
    if (arg[2] & ~MLOCK_ONFAULT) {
        return -TARGET_EINVAL;
    }
    return do_mlock(arg[0], arg[1], true, !(arg[2] & MLOCK_ONFAULT));
}

SYSCALL(munlock)
{
    return do_mlock(arg[0], arg[1], false, false);
}

SYSCALL(mlockall)
{
    abi_long ret = get_errno(mlockall(arg[0]));

    if (ret == 0 && (arg[0] & (MCL_CURRENT | MCL_ONFAULT)) == MCL_CURRENT) {
        mmap_lock();
        update_valid_flags(0, guest_space_end(), PAGE_UNTOUCHED, 0);
        mmap_unlock();
    }
    return ret;
}

SYSCALL(munlockall)
{
    return get_errno(munlockall());
}

/*
 * Whether guest page `page` of a resident host page is resident for a 4
 * KiB kernel.  Its host page's answer, except for an anonymous page not
 * seen written since it was mapped or discarded (PAGE_UNTOUCHED), when
 * the host page holds other guest pages: resident once its bytes are
 * not all zeros.  A page only read, or written with zeros, since then
 * reads as untouched (the kernel would count the zero page, or the page
 * written); a page whose host page we may not read as its host's.
 */
static bool guest_page_resident(abi_ulong page)
{
    int flags = page_get_flags(page);
    const uint64_t *word = page_home(page);

    if (qemu_host_page_size == TARGET_PAGE_SIZE || !(flags & PAGE_UNTOUCHED)
        || (!(flags & PAGE_SHADOWED)
            && !(host_page_prot(page & qemu_host_page_mask) & PROT_READ))) {
        return true;
    }
    for (size_t i = 0; i < TARGET_PAGE_SIZE / sizeof(*word); i++) {
        if (word[i]) {
            page_set_flags(page, page + TARGET_PAGE_SIZE, flags & ~PAGE_UNTOUCHED);
            return true;
        }
    }
    return false;
}

/* One byte per guest page: resident if the host page holding it is and
   guest_page_resident says so. */
SYSCALL(mincore)
{
    abi_ulong start = arg[0], len = TARGET_PAGE_ALIGN((abi_ulong)arg[1]);
    abi_ulong npages = len / TARGET_PAGE_SIZE;
    unsigned char *vec, resident = 0;
    abi_long ret = 0;
    abi_ulong i;

    if (start & ~TARGET_PAGE_MASK) {
        return -TARGET_EINVAL;
    }
    if (!guest_range_ok(start, arg[1])) {
        return -TARGET_ENOMEM;     /* not a user range: before the vector */
    }
    /* The kernel checks the vector's range (access_ok, even empty), then
       goes mapping by mapping, writing each one's part of the vector: a
       hole after the start is ENOMEM once the part before it is written
       (EFAULT if that write faults). */
    if (!guest_range_ok(arg[2], npages)) {
        return -TARGET_EFAULT;
    }
    if (!npages) {
        return 0;
    }
    vec = malloc(npages);
    if (!vec) {
        return -TARGET_ENOMEM;
    }
    mmap_lock();
    for (i = 0; ret == 0 && i < npages; i++) {
        abi_ulong page = start + i * TARGET_PAGE_SIZE;
        void *h = host_page_of(page);

        if (!(page_get_flags(page) & PAGE_VALID)) {
            break;
        }
        /* One host call per host page. */
        if (i == 0 || h != host_page_of(page - TARGET_PAGE_SIZE)) {
            ret = get_errno(hp_mincore(h, qemu_host_page_size, &resident));
        }
        vec[i] = (resident & 1) && guest_page_resident(page);
    }
    mmap_unlock();
    if (ret == 0 && i) {
        ret = copy_to_user(arg[2], vec, i);
    }
    if (ret == 0 && i < npages) {
        ret = -TARGET_ENOMEM;
    }
    free(vec);
    return ret;
}

/*
 * process_vm_readv/writev on the calling process itself, which programs use
 * to read memory that may not be mapped without taking a fault: both iovec
 * arrays are this guest's, handed over as readv's are (bounced where the
 * host page allows more than the guest page), so the host kernel stops at
 * the guest's first inaccessible byte and gives the same short count.
 * Another process's addresses are not this guest's to translate (an
 * emulated one has its own guest space, a native one is no x86 guest):
 * still refused there.
 */
static abi_long do_process_vm(const abi_long *arg, bool is_write)
{
    GuestIov local, remote;
    abi_long ret;

    if ((pid_t)arg[0] != getpid()) {
        qemu_log_mask(LOG_UNIMP, "process_vm_%s: pid %d is another process\n",
                      is_write ? "writev" : "readv", (pid_t)arg[0]);
        return -TARGET_ENOSYS;
    }
    ret = guest_iov_begin(&local, arg[1], arg[2], is_write ? GUEST_READ : GUEST_WRITE);
    if (ret == 0) {
        ret = guest_iov_begin(&remote, arg[3], arg[4],
                              is_write ? GUEST_WRITE : GUEST_READ);
        if (ret == 0) {
            ret = get_errno(syscall(is_write ? SYS_process_vm_writev : SYS_process_vm_readv,
                                    getpid(), local.iov, (unsigned long)local.count,
                                    remote.iov, (unsigned long)remote.count,
                                    (unsigned long)arg[5]));
        }
        guest_iov_end(&remote, is_write ? ret : 0);
    }
    guest_iov_end(&local, is_write ? 0 : ret);
    return ret;
}

SYSCALL(process_vm_readv)
{
    return do_process_vm(arg, false);
}

SYSCALL(process_vm_writev)
{
    return do_process_vm(arg, true);
}

const SyscallImpl syscalls_mem[] = {
    { "brk", sys_brk, "x=x" },
    { "mmap", sys_mmap, "xuPMdh=x" },
    { "mmap2", sys_mmap2, "xuPMdh=x" },
    { "munmap", sys_munmap, "xu" },
    { "mprotect", sys_mprotect, "xuP" },
    { "mremap", sys_mremap, "xuuxx=x" },
    { "madvise", sys_madvise, "xud" },
    { "process_madvise", sys_process_madvise, "dxudx" },
    { "msync", sys_msync, "xud" },
    { "mlock", sys_mlock, "xu" },
    { "munlock", sys_munlock, "xu" },
    { "mlock2", sys_mlock2, "xux" },
    { "mlockall", sys_mlockall, "x" },
    { "munlockall", sys_munlockall, "" },
    { "mincore", sys_mincore, "xux" },
    { "process_vm_readv", sys_process_vm_readv, "dxuxuu" },
    { "process_vm_writev", sys_process_vm_writev, "dxuxuu" },
    { NULL }
};
