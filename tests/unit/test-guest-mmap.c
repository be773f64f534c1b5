/*
 * test-guest-mmap.c: guest mmap semantics at 4 KiB over host pages of
 * 4, 16 and 64 KiB (one forked child per page size, each with its own
 * reserved guest window): placement, fragments sharing a host page,
 * file data at offsets that disagree with the address modulo H, munmap and
 * mprotect of single guest pages, mremap, and shared writable mappings;
 * and the page map's own facts (exec/page-map.h): how the fault path judges
 * accesses, code pages kept apart from guest protection, and shadowing of a
 * host page whose code pages are written; and a private file page's first
 * write, which copies what a kernel with H-byte pages copies.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "qemu.h"
#include "mmap-internal.h"
#include "exec/shdwrt.h"

#define G TARGET_PAGE_SIZE

static int failures;

static void check(bool ok, const char *name)
{
    printf("%s %s-%luk\n", ok ? "PASS" : "FAIL", name,
           (unsigned long)qemu_host_page_size / 1024);
    if (!ok) {
        failures++;
    }
}

/* Where guest byte a is (the rest of its 4 KiB page follows it; the next
   page may live elsewhere once its host page is shadowed). */
static uint8_t *gptr(abi_ulong a)
{
    return page_home(a);
}

static void gfill(abi_ulong a, int byte, abi_ulong len)
{
    for (abi_ulong off = 0; off < len; off += G) {
        memset(gptr(a + off), byte, G);
    }
}

/* Two host pages, at least four guest pages: room for a page with
   neighbours on both sides whatever H is. */
static abi_ulong two_host_pages(void)
{
    return MAX(2 * qemu_host_page_size, 4 * G);
}

static bool is_valid(abi_ulong a)
{
    return page_get_flags(a) & PAGE_VALID;
}

static abi_long map_anon(abi_ulong at, abi_ulong len, int prot, int extra)
{
    return target_mmap(at, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
}

/* A file whose page i is filled with byte i + 1. */
static int make_file(int pages)
{
    char path[] = "/tmp/test-guest-mmap-XXXXXX";
    int fd = mkstemp(path);

    unlink(path);
    for (int i = 0; i < pages; i++) {
        uint8_t page[G];

        memset(page, i + 1, G);
        if (write(fd, page, G) != G) {
            return -1;
        }
    }
    return fd;
}

static void test_placement(void)
{
    bool ok = true;

    for (int i = 0; i < 32 && ok; i++) {
        abi_long a = map_anon(0, G * (1 + i % 5), PROT_READ | PROT_WRITE, 0);

        ok = a > 0 && (a & (qemu_host_page_size - 1)) == 0 && is_valid(a)
             && !is_valid(a + G * (1 + i % 5));
        if (ok) {
            gptr(a)[0] = 1;
        }
    }
    check(ok, "placement");
}

static void test_fragments(void)
{
    abi_ulong h = qemu_host_page_size;
    abi_long base = map_anon(0, 4 * h, PROT_READ | PROT_WRITE, 0);
    abi_ulong mid = base + h + G;
    bool ok = base > 0;

    if (ok) {
        gfill(base, 0x11, 4 * h);
        ok = map_anon(mid, G, PROT_READ | PROT_WRITE, MAP_FIXED) == (abi_long)mid;
        ok &= gptr(mid)[0] == 0 && gptr(mid + G - 1)[0] == 0;
        ok &= gptr(mid - 1)[0] == 0x11 && gptr(mid + G)[0] == 0x11;
    }
    check(ok, "fragment-anon");
}

static void test_file_fragment(void)
{
    int fd = make_file(8);
    abi_ulong h = qemu_host_page_size;
    abi_long base = map_anon(0, 4 * h, PROT_READ | PROT_WRITE, 0);
    abi_ulong at = base + G;
    bool ok = fd >= 0 && base > 0;

    if (ok) {
        gfill(base, 0x22, 4 * h);
        /* Offset 3 pages at address + 1 page: disagree modulo H > 8 KiB. */
        ok = target_mmap(at, 2 * G, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 3 * G)
             == (abi_long)at;
        ok &= gptr(at)[0] == 4 && gptr(at + 2 * G - 1)[0] == 5;
        ok &= gptr(base)[0] == 0x22 && gptr(at + 2 * G)[0] == 0x22;
        ok &= (page_get_flags(at) & PAGE_BITS) == PAGE_READ;
        ok &= (page_get_flags(base) & PAGE_BITS) == (PAGE_READ | PAGE_WRITE);
    }
    if (fd >= 0) {
        close(fd);
    }
    check(ok, "fragment-file");
}

static void test_file_direct(void)
{
    int fd = make_file(20);
    abi_long a = fd >= 0 ? target_mmap(0, 5 * G, PROT_READ, MAP_PRIVATE, fd, 2 * G) : -1;
    bool ok = a > 0;

    if (ok) {
        ok = gptr(a)[0] == 3 && gptr(a + 4 * G)[0] == 7 && !is_valid(a + 5 * G);
        ok &= target_munmap(a, 5 * G) == 0 && !is_valid(a);
    }
    if (fd >= 0) {
        close(fd);
    }
    check(ok, "file-offset");
}

static void test_munmap_one_page(void)
{
    abi_ulong h2 = two_host_pages();
    abi_long base = map_anon(0, h2, PROT_READ | PROT_WRITE, 0);
    bool ok = base > 0;

    if (ok) {
        gfill(base, 0x33, h2);
        ok = target_munmap(base + G, G) == 0;
        ok &= !is_valid(base + G) && is_valid(base) && is_valid(base + 2 * G);
        ok &= gptr(base)[0] == 0x33 && gptr(base + 2 * G)[0] == 0x33;
        ok &= target_munmap(base, h2) == 0 && !is_valid(base);
        ok &= target_munmap(base + 1, G) == -EINVAL && target_munmap(base, 0) == -EINVAL;
    }
    check(ok, "munmap-page");
}

static void test_mprotect(void)
{
    abi_ulong h2 = two_host_pages();
    abi_long base = map_anon(0, h2, PROT_READ | PROT_WRITE, 0);
    bool ok = base > 0;

    if (ok) {
        ok = target_mprotect(base + G, G, PROT_READ) == 0;
        ok &= (page_get_flags(base + G) & PAGE_BITS) == PAGE_READ;
        ok &= (page_get_flags(base) & PAGE_BITS) == (PAGE_READ | PAGE_WRITE);
        /* The host page keeps the union: the neighbour stays writable. */
        gptr(base)[0] = 5;
        ok &= gptr(base)[0] == 5;
        ok &= target_mprotect(base + h2, G, PROT_READ) == -ENOMEM;
        ok &= page_check_range(base + G, G, PAGE_WRITE) != 0;
        ok &= page_check_range(base, G, PAGE_WRITE) == 0;
    }
    check(ok, "mprotect-page");
}

/* A mapping spanning whole 4 MiB leaves of the page map is held as
   uniform leaves; a one-page change in the middle must split exactly that
   page's run, and unmapping must leave no trace. */
static void test_uniform_runs(void)
{
    abi_ulong len = 64 << 20;
    abi_long base = map_anon(0, len, PROT_NONE, MAP_NORESERVE);
    abi_ulong mid = base + len / 2 + 5 * G;
    uint64_t run_end = 0;
    bool ok = base > 0;

    if (ok) {
        ok = page_flags_run(base, base + len, &run_end) & PAGE_VALID;
        ok &= run_end == base + len;
        ok &= target_mprotect(mid, G, PROT_READ | PROT_WRITE) == 0;
        ok &= page_find_flags(base, base + len, PAGE_WRITE) == mid;
        /* (A precise build shadows mid's host page: its other pages then
           differ from the rest by PAGE_SHADOWED.) */
        ok &= !(page_flags_run(base, base + len, &run_end) & PAGE_WRITE)
              && run_end <= mid && run_end >= (mid & qemu_host_page_mask);
        ok &= (page_flags_run(mid, base + len, &run_end) & PAGE_WRITE) && run_end == mid + G;

        ok &= !(page_flags_run(mid + G, base + len, &run_end) & PAGE_WRITE)
              && (run_end == base + len || run_end == HOST_PAGE_ALIGN(mid + G));
        gptr(mid)[1] = 0x5a;
        ok &= gptr(mid)[1] == 0x5a && page_check_range(mid - G, 2 * G, PAGE_READ) != 0;
        ok &= target_mprotect(base, len, PROT_READ) == 0;
        ok &= page_check_range(base, len, PAGE_READ) == 0 && gptr(mid)[1] == 0x5a;
        ok &= page_host_allows(base, (mid & qemu_host_page_mask) - base, PAGE_READ);
        ok &= !page_host_allows(mid, G, PAGE_WRITE);
        ok &= target_munmap(base, len) == 0;
        ok &= page_find_flags(base, base + len, PAGE_VALID | PAGE_BITS) == base + len;
    }
    check(ok, "uniform-runs");
}

static void test_mremap(void)
{
    abi_long a = map_anon(0, 3 * G, PROT_READ | PROT_WRITE, 0);
    abi_long b;
    bool ok = a > 0;

    if (ok) {
        gfill(a, 0x44, 3 * G);
        /* Block growth in place so that it must move. */
        ok = map_anon(HOST_PAGE_ALIGN(a + 3 * G), G, PROT_READ, MAP_FIXED) > 0;
        b = target_mremap(a, 3 * G, 40 * G, MREMAP_MAYMOVE, 0);
        ok &= b > 0 && b != a && gptr(b + 3 * G - 1)[0] == 0x44 && gptr(b + 39 * G)[0] == 0;
        ok &= !is_valid(a) && is_valid(b + 39 * G);
        ok &= target_mremap(b, 40 * G, 2 * G, 0, 0) == b && !is_valid(b + 2 * G);
    }
    check(ok, "mremap");
}

/* A shared writable mapping whose offset disagrees with its address modulo
   H: mapped in place when H is the guest page, else redirected to a window
   of the file (exec/shdwrt.h), or refused by a --shdwrt=none build. */
static void test_shared_writable(void)
{
    int fd = make_file(4);
    abi_ulong h = qemu_host_page_size;
    abi_long base = map_anon(0, 2 * h, PROT_READ | PROT_WRITE, 0);
    abi_long r = target_mmap(base + G, G, PROT_READ | PROT_WRITE,
                             MAP_SHARED | MAP_FIXED, fd, 2 * G);
    bool ok;

    if (h == G) {
        ok = r == (abi_long)(base + G) && gptr(base + G)[0] == 3;
    } else if (!shdwrt_enabled()) {
        ok = r == -EINVAL;
    } else {
        uint8_t *home = page_home(base + G);
        uint8_t back = 0;

        ok = r == (abi_long)(base + G) && (page_get_flags(base + G) & PAGE_REDIRECTED)
             && home[0] == 3;
        home[1] = 0x77;         /* the file itself, not a copy */
        ok &= pread(fd, &back, 1, 2 * G + 1) == 1 && back == 0x77;
        target_munmap(base + G, G);
        ok &= !(page_get_flags(base + G) & PAGE_REDIRECTED);
    }
    check(ok, "shared-writable");
    close(fd);
}

static void test_argument_checks(void)
{
    bool ok = target_mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -EINVAL;

    ok &= target_mmap(0, G, PROT_READ, MAP_ANONYMOUS, -1, 0) == -EINVAL;
    ok &= target_mmap(G + 1, G, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
          == -EINVAL;
    ok &= target_mmap(0, G, PROT_READ, MAP_PRIVATE, 1000, 0) == -EBADF;
    ok &= target_mmap(0, G, PROT_READ, MAP_PRIVATE, -1, 1) == -EINVAL;
    check(ok, "argument-checks");
}

static void test_judge_fault(void)
{
    abi_ulong h2 = two_host_pages();
    abi_long base = map_anon(0, h2, PROT_READ | PROT_WRITE, 0);
    bool ok = base > 0;

    if (ok) {
        ok = target_mprotect(base + G, G, PROT_READ) == 0 && target_munmap(base + 2 * G, G) == 0;
        ok &= page_judge_fault(base, PAGE_WRITE) == PAGE_FAULT_NONE;
        ok &= page_judge_fault(base + G, PAGE_READ) == PAGE_FAULT_NONE;
        ok &= page_judge_fault(base + G, PAGE_WRITE) == PAGE_FAULT_ACCERR;
        ok &= page_judge_fault(base + 2 * G, PAGE_READ) == PAGE_FAULT_MAPERR;
        ok &= page_judge_fault(base, PAGE_EXEC) == PAGE_FAULT_ACCERR;
        ok &= !page_host_allows(base + G, G, PAGE_WRITE);
        target_munmap(base, h2);
    }
    check(ok, "judge-fault");
}

/* Translated code write-protects its host page without touching the
   guest's protection; a write drops exactly the code of the page written. */
static void test_code_pages(void)
{
    abi_ulong h = qemu_host_page_size;
    abi_long base = map_anon(0, 2 * h, PROT_READ | PROT_WRITE | PROT_EXEC, 0);
    bool ok = base > 0;

    if (ok) {
        page_note_code(base);
        ok = (page_get_flags(base) & (PAGE_WRITE | PAGE_CODE)) == (PAGE_WRITE | PAGE_CODE);
        ok &= !(host_page_prot(base) & PROT_WRITE) && !page_host_allows(base, G, PAGE_WRITE);
        ok &= page_judge_fault(base, PAGE_WRITE) == PAGE_FAULT_NONE;
        ok &= page_resolve_access(base, PAGE_WRITE);
        ok &= !(page_get_flags(base) & PAGE_CODE) && page_host_allows(base, h, PAGE_WRITE);
    }
    check(ok, "code-page-write");
    if (ok && h > G) {
        uintptr_t addend;
        int tlb_prot;

        gptr(base + 2 * G)[5] = 0x77;
        page_note_code(base);
        page_note_code(base + G);
        /* Data next to two code pages: the host page is shadowed rather
           than both pages losing their code. */
        ok = !page_resolve_access(base + 2 * G, PAGE_WRITE);
        ok &= (page_get_flags(base) & (PAGE_SHADOWED | PAGE_CODE)) == (PAGE_SHADOWED | PAGE_CODE);
        ok &= (page_get_flags(base + G) & PAGE_CODE) && !page_host_allows(base + 2 * G, G, PAGE_READ);
        ok &= page_tlb_fill(base + 2 * G, PAGE_WRITE, &addend, &tlb_prot) == PAGE_FAULT_NONE;
        ok &= addend != guest_base && (tlb_prot & PAGE_WRITE)
              && ((uint8_t *)(uintptr_t)(base + 2 * G + addend))[5] == 0x77;
        /* A code page's entry never caches write; a write drops its code
           alone. */
        ok &= page_tlb_fill(base, PAGE_READ, &addend, &tlb_prot) == PAGE_FAULT_NONE
              && !(tlb_prot & PAGE_WRITE);
        ok &= page_tlb_fill(base, PAGE_WRITE, &addend, &tlb_prot) == PAGE_FAULT_NONE
              && (tlb_prot & PAGE_WRITE);
        ok &= !(page_get_flags(base) & PAGE_CODE) && (page_get_flags(base + G) & PAGE_CODE);
        ok &= target_munmap(base, 2 * h) == 0 && !(page_get_flags(base) & PAGE_SHADOWED);
        check(ok, "code-page-shadow");
    }
}

/* The first byte of each guest page of [a, a + len): is it still the
   byte make_file put there (page index from + 1)?  'o' if so, 'f' if it
   is the file's new byte, '?' otherwise (written pages: 'w'). */
static void first_bytes(abi_ulong a, int pages, char *out)
{
    for (int i = 0; i < pages; i++) {
        uint8_t b;

        out[i] = copy_from_user(&b, a + i * G, 1) ? '!'
                 : b == i + 1 ? 'o' : b == 0xf0 ? 'f' : b == 0xee ? 'w' : '?';
    }
    out[pages] = 0;
}

/*
 * A private file mapping over two host pages; page 1 is written by the
 * emulator on the guest's behalf (copy_to_user, a read() into it), page 1
 * of the second half as generated code would (a direct write, after the
 * fault path's judgment and retry); then the file changes under every page.  A 4 KiB
 * kernel copies the pages written alone: the others see the file.  A
 * kernel with H-byte pages copies the whole host page at its first write,
 * which -p must show (docs/devel/large-page.md, "a private file page's
 * first write"); the builds that keep file pages exact give the 4 KiB
 * answer whatever H is.
 */
static void test_private_first_write(void)
{
    abi_ulong len = two_host_pages();
    int pages = len / G, half = pages / 2;
    int fd = make_file(pages);
    abi_long a = fd >= 0 ? target_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) : -1;
    bool whole = qemu_host_page_size > G && !exact_file_pages();
    char want[2 * 64 / 4 + 1], got[sizeof(want)];
    uint8_t written = 0xee, changed[G];
    abi_ulong direct = a + (half + 1) * G;
    bool ok = a > 0;

    if (ok) {
        ok = copy_to_user(a + G, &written, 1) == 0;
        if (!(page_get_flags(direct) & PAGE_SHADOWED)) {
            /* A host page not yet copied refuses the write; the fault path
               lets the guest's write through and resolves it. */
            ok &= whole == !(host_page_prot(direct & qemu_host_page_mask) & PROT_WRITE);
            ok &= page_judge_fault(direct, PAGE_WRITE) == PAGE_FAULT_NONE;
            ok &= page_resolve_access(direct, PAGE_WRITE);
            ok &= (host_page_prot(direct & qemu_host_page_mask) & PROT_WRITE) != 0;
            gptr(direct)[0] = written;
        } else {
            ok &= copy_to_user(direct, &written, 1) == 0;
        }
        memset(changed, 0xf0, G);
        for (int i = 0; i < pages; i++) {
            ok &= pwrite(fd, changed, G, (off_t)i * G) == G;
        }
        for (int i = 0; i < pages; i++) {
            want[i] = i == 1 || i == half + 1 ? 'w' : whole ? 'o' : 'f';
        }
        want[pages] = 0;
        first_bytes(a, pages, got);
        ok &= strcmp(got, want) == 0;
        if (strcmp(got, want) != 0) {
            printf("  private-first-write: pages %s, want %s\n", got, want);
        }
        ok &= target_munmap(a, len) == 0;
    }
    if (fd >= 0) {
        close(fd);
    }
    check(ok, "private-first-write");
}

static int run_with_page_size(uintptr_t h)
{
    if (!hostpage_init(h)) {
        return 1;
    }
    reserved_va = 1UL << 30;
    guest_space_init();
    mmap_init();
    test_placement();
    test_fragments();
    test_file_fragment();
    test_file_direct();
    test_munmap_one_page();
    test_mprotect();
    test_uniform_runs();
    test_mremap();
    test_shared_writable();
    test_argument_checks();
    test_judge_fault();
    test_code_pages();
    test_private_first_write();
    return failures ? 1 : 0;
}

int main(void)
{
    static const uintptr_t sizes[] = { 4096, 16384, 65536 };
    int failed = 0;

    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
        int status;
        pid_t pid;

        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            exit(run_with_page_size(sizes[i]));
        }
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)
            || WEXITSTATUS(status) != 0) {
            if (!WIFEXITED(status)) {
                printf("FAIL page-size-%lu (crashed)\n", (unsigned long)sizes[i]);
            }
            failed = 1;
        }
    }
    return failed;
}
