/*
 * elfload.c: loader_exec(), which checks the guest ELF file, maps its
 * PT_LOAD segments (and those of its PT_INTERP interpreter, if any) into
 * guest memory the way Linux's binfmt_elf does, then has initial-stack.c
 * build the process stack and sets the initial registers.
 *
 * It accepts and refuses what Linux (6.x, fs/binfmt_elf.c) does, in two
 * stages as there.  Before the kernel's point of no return a bad file
 * makes execve fail: here one line, "PROG: FILE: reason", and
 * loader_exec returns -errno (the kernel's: ENOEXEC, EIO for a short
 * read, ELIBBAD for a bad interpreter, open's errors).  The kernel checks
 * only the magic, the type, the machine and the program header table of
 * the file (not EI_CLASS, EI_DATA or the versions); the segments it
 * judges while mapping them, after the old program is gone, and a failure
 * there kills the process with SIGSEGV: here one line and the same death
 * (fail_mapping).  Sizes the kernel's memory accounting would refuse fail
 * before anything is mapped, however large.  A malformed file must never
 * crash the loader.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include "qemu/log.h"
#include "loader.h"
#include "exec/perfmap.h"

#define INVALID_IMAGE "Invalid ELF image for this architecture"
/* Linux refuses program header tables larger than this. */
#define MAX_PHDR_BYTES 65536

#ifndef TARGET_X86_64
/* Linux's elf-em.h (not glibc's elf.h): an old machine number that an
   x86-64 kernel runs as i386. */
#define EM_486 6
#endif

/* Where position-independent images go when the space is free: Linux's
   ELF_ET_DYN_BASE, two thirds of the way up an x86_64 space (of the
   47-bit one natively: 0x555555554000). */
static abi_ulong et_dyn_base(void)
{
#ifdef TARGET_X86_64
    return (guest_space_end() - TARGET_PAGE_SIZE) / 3 * 2 & TARGET_PAGE_MASK;
#else
    return 0x56555000;
#endif
}

typedef struct ElfFile {
    const char *path;
    int fd;
    off_t size;
    ElfEhdr ehdr;
    ElfPhdr *phdr;
} ElfFile;

/* "PROG: FILE: what errno says (detail)": the kernel's errno first, so
   that a script (or tests/elf/) can compare it with execve's. */
static int report(const char *path, int err, const char *detail)
{
    fprintf(stderr, "%s: %s: %s%s%s%s\n", program_invocation_short_name, path,
            strerror(err), detail ? " (" : "", detail ? detail : "", detail ? ")" : "");
    return -err;
}

static bool read_exact(int fd, void *buf, size_t len, off_t off)
{
    return pread(fd, buf, len, off) == (ssize_t)len;
}

/* The checks binfmt_elf makes of a header before its point of no return
   (an x86-64 kernel takes EM_486 as i386 too). */
static bool ehdr_fits_target(const ElfEhdr *eh)
{
#ifndef TARGET_X86_64
    if (eh->e_machine == EM_486) {
        return true;
    }
#endif
    return eh->e_machine == TARGET_ELF_MACHINE;
}

static bool is_loadable_type(const ElfEhdr *eh)
{
    return eh->e_type == ET_EXEC || eh->e_type == ET_DYN;
}

static bool phdr_table_fits(const ElfEhdr *eh)
{
    return eh->e_phentsize == sizeof(ElfPhdr) && eh->e_phnum > 0
           && eh->e_phnum * sizeof(ElfPhdr) <= MAX_PHDR_BYTES;
}

/* What one mapping may be accounted for under the host's overcommit
   policy: anything in mode 1; otherwise RAM plus swap, the limit of mode
   0's heuristic (mode 2's commit limit is lower still: such a mapping
   passes this check and fails in target_mmap, as slowly as it must). */
static uint64_t accountable_memory(void)
{
    FILE *policy = fopen("/proc/sys/vm/overcommit_memory", "r");
    struct sysinfo si;
    int mode = 0;

    if (policy) {
        if (fscanf(policy, "%d", &mode) != 1) {
            mode = 0;
        }
        fclose(policy);
    }
    if (mode == 1 || sysinfo(&si) != 0) {
        return UINT64_MAX;
    }
    return ((uint64_t)si.totalram + si.totalswap) * si.mem_unit;
}

/* Why the kernel would fail to map PT_LOAD ph (after its point of no
   return), or NULL.  mmap refuses a file offset that is not congruent to
   the address; the rest are binfmt_elf's own checks and the overcommit
   heuristic every anonymous or writable private page is accounted by. */
static const char *segment_unmappable(const ElfPhdr *ph)
{
    uint64_t file_pages = ph->p_filesz + (ph->p_vaddr & ~TARGET_PAGE_MASK);
    uint64_t accounted = (ph->p_flags & PF_W) ? ph->p_memsz + TARGET_PAGE_SIZE
                                              : ph->p_memsz - MIN(ph->p_memsz, file_pages);

    if (ph->p_filesz && ((ph->p_vaddr - ph->p_offset) & ~TARGET_PAGE_MASK)) {
        return "segment offset and address disagree within a page";
    }
    if (ph->p_filesz > ph->p_memsz || ph->p_memsz > TARGET_TASK_SIZE
        || ph->p_vaddr > TARGET_TASK_SIZE - ph->p_memsz) {
        return "segment outside the address space";
    }
    if (accounted > accountable_memory()) {
        return strerror(ENOMEM);
    }
    return NULL;
}

static void elf_close(ElfFile *f)
{
    free(f->phdr);
    f->phdr = NULL;
    if (f->fd >= 0) {
        close(f->fd);
        f->fd = -1;
    }
}

/* A failure past the kernel's point of no return: the process dies of
   SIGSEGV, as there. */
static QEMU_NORETURN void fail_mapping(const char *path, const char *reason)
{
    fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, path, reason);
    dump_core_and_abort(SIGSEGV);
}

/*
 * Open path and make the kernel's checks before its point of no return:
 * a file it cannot read the header of, or whose header does not fit this
 * machine, gives bad_errno (ENOEXEC for the program, ELIBBAD for its
 * interpreter); the interpreter's own header read short gives EIO.
 */
static int elf_open(ElfFile *f, const char *path, int bad_errno)
{
    struct stat st;
    size_t phdr_bytes;

    f->path = path;
    f->phdr = NULL;
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0) {
        return report(path, errno, NULL);
    }
    if (fstat(f->fd, &st) != 0) {
        return report(path, errno, NULL);
    }
    if (!S_ISREG(st.st_mode) || !(st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH))) {
        return report(path, EACCES, NULL);
    }
    f->size = st.st_size;
    memset(&f->ehdr, 0, sizeof(f->ehdr));
    if (!read_exact(f->fd, &f->ehdr, sizeof(f->ehdr), 0) && bad_errno == ELIBBAD) {
        return report(path, EIO, NULL);
    }
    if (memcmp(f->ehdr.e_ident, ELFMAG, SELFMAG) != 0) {
        return report(path, bad_errno, NULL);
    }
    if (!ehdr_fits_target(&f->ehdr) || !phdr_table_fits(&f->ehdr)) {
        return report(path, bad_errno, INVALID_IMAGE);
    }
    phdr_bytes = f->ehdr.e_phnum * sizeof(ElfPhdr);
    f->phdr = malloc(phdr_bytes);
    if (!f->phdr || !read_exact(f->fd, f->phdr, phdr_bytes, f->ehdr.e_phoff)) {
        return report(path, bad_errno, INVALID_IMAGE);
    }
    return 0;
}

static const ElfPhdr *find_phdr(const ElfFile *f, uint32_t type)
{
    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        if (f->phdr[i].p_type == type) {
            return &f->phdr[i];
        }
    }
    return NULL;
}

static int prot_of(uint32_t p_flags)
{
    return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0)
           | (p_flags & PF_X ? PROT_EXEC : 0);
}

/* Whether an earlier PT_LOAD than phdr[n] mapped the page at page. */
static bool earlier_segment_maps(const ElfFile *f, int n, abi_ulong bias,
                                 abi_ulong page)
{
    for (int i = 0; i < n; i++) {
        const ElfPhdr *ph = &f->phdr[i];
        abi_ulong start = (ph->p_vaddr + bias) & TARGET_PAGE_MASK;

        if (ph->p_type == PT_LOAD && ph->p_memsz && page >= start
            && page < TARGET_PAGE_ALIGN(ph->p_vaddr + bias + ph->p_memsz)) {
            return true;
        }
    }
    return false;
}

/*
 * Map PT_LOAD phdr[n]: its file part privately from the file (past the end
 * of the file too: touching those pages gives SIGBUS, as natively), the
 * rest of its memory (bss) zero: the tail of the last file page cleared by
 * hand, whole pages after it anonymous.  Segments are mapped in table
 * order, a later one over an earlier one where they overlap, as the
 * kernel maps them.
 */
static abi_long map_segment(const ElfFile *f, int n, abi_ulong bias)
{
    const ElfPhdr *ph = &f->phdr[n];
    abi_ulong vaddr = ph->p_vaddr + bias;
    abi_ulong page = vaddr & TARGET_PAGE_MASK;
    abi_ulong file_end = vaddr + ph->p_filesz;
    abi_ulong mem_end = vaddr + ph->p_memsz;
    abi_ulong zero_end = MIN(TARGET_PAGE_ALIGN(file_end), TARGET_PAGE_ALIGN(mem_end));
    abi_ulong anon_start = TARGET_PAGE_ALIGN(file_end);
    int prot = prot_of(ph->p_flags);
    /* The whole pages of bss come from vm_brk: writable whatever the
       segment says, executable if it is. */
    int bss_prot = PROT_READ | PROT_WRITE | (prot & PROT_EXEC);
    bool clear_tail = ph->p_memsz > ph->p_filesz && file_end < zero_end;
    abi_long ret;

    /* The kernel's padzero writes as the user: it faults on a segment
       that is not writable (the tail keeps the file's bytes; the fault is
       ignored) and on a tail page past the end of the file (which fails
       a writable segment). */
    if (clear_tail && ph->p_filesz && !(prot & PROT_WRITE)) {
        clear_tail = false;
    } else if (clear_tail && ph->p_filesz &&
               ((ph->p_offset + ph->p_filesz) & TARGET_PAGE_MASK) >= (uint64_t)f->size) {
        return -TARGET_EFAULT;
    }

    if (ph->p_filesz) {
        ret = target_mmap(page, file_end - page, prot,
                          MAP_PRIVATE | MAP_FIXED, f->fd, ph->p_offset - (vaddr - page));
        if (target_mmap_failed(ret)) {
            return ret;
        }
    } else if (!earlier_segment_maps(f, n, bias, page)) {
        /* Nothing of this page is mapped yet: it is all bss. */
        anon_start = page;
        clear_tail = false;
    }
    if (clear_tail) {
        abi_ulong tail_page = file_end & TARGET_PAGE_MASK;

        if (!ph->p_filesz) {
            /* The page belongs to the previous segment. */
            target_mprotect(tail_page, TARGET_PAGE_SIZE,
                            (page_get_flags(tail_page) & PAGE_BITS) | PROT_WRITE);
        }
        if (clear_user(file_end, zero_end - file_end) != 0) {
            return -TARGET_EFAULT;
        }
    }
    if (TARGET_PAGE_ALIGN(mem_end) > anon_start) {
        ret = target_mmap(anon_start, TARGET_PAGE_ALIGN(mem_end) - anon_start, bss_prot,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (target_mmap_failed(ret)) {
            return ret;
        }
    }
    return 0;
}

/* Where the program headers are in the guest (AT_PHDR), as binfmt_elf
   finds them: PT_PHDR is not read; the last PT_LOAD whose file part holds
   the table's first byte places it, and with none the answer is the bias
   alone. */
static abi_ulong phdr_address(const ElfFile *f, abi_ulong bias)
{
    uint64_t want = f->ehdr.e_phoff;
    abi_ulong at = 0;

    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];

        if (ph->p_type == PT_LOAD && ph->p_offset <= want
            && want - ph->p_offset < ph->p_filesz) {
            at = ph->p_vaddr + (want - ph->p_offset);
        }
    }
    return at + bias;
}

static void note_segment(LoadedImage *img, const ElfPhdr *ph, abi_ulong bias)
{
    abi_ulong start = ph->p_vaddr + bias;

    if (ph->p_flags & PF_X) {
        if (!img->start_code || start < img->start_code) {
            img->start_code = start;
        }
        img->end_code = MAX(img->end_code, start + ph->p_filesz);
    }
    img->start_data = MAX(img->start_data, start);
    img->end_data = MAX(img->end_data, start + ph->p_filesz);
    img->brk = MAX(img->brk, TARGET_PAGE_ALIGN(start + ph->p_memsz));
}

static int compare_ranges(const void *a, const void *b)
{
    const abi_ulong *x = a, *y = b;

    return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* The memory the PT_LOADs cover, biased, each rounded out to align (a
   power of two), sorted and merged: *n ranges [start, end), malloc'd
   (NULL when out of memory). */
static abi_ulong (*loaded_ranges(const ElfFile *f, abi_ulong bias, abi_ulong align,
                                 int *n))[2]
{
    abi_ulong (*ranges)[2] = calloc(f->ehdr.e_phnum, sizeof(*ranges));
    int count = 0;

    *n = 0;
    if (!ranges) {
        return NULL;
    }
    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];

        if (ph->p_type == PT_LOAD && ph->p_memsz) {
            ranges[count][0] = (ph->p_vaddr + bias) & ~(align - 1);
            ranges[count][1] = (ph->p_vaddr + bias + ph->p_memsz + align - 1) & ~(align - 1);
            count++;
        }
    }
    qsort(ranges, count, sizeof(*ranges), compare_ranges);
    for (int i = 0; i < count; i++) {
        if (*n && ranges[i][0] <= ranges[*n - 1][1]) {
            ranges[*n - 1][1] = MAX(ranges[*n - 1][1], ranges[i][1]);
        } else {
            ranges[*n][0] = ranges[i][0];
            ranges[*n][1] = ranges[i][1];
            (*n)++;
        }
    }
    return ranges;
}

/* Give back the pages of [lo, hi) that no PT_LOAD maps: Linux leaves the
   holes between segments unmapped. */
static void unmap_holes(const ElfFile *f, abi_ulong bias, abi_ulong lo, abi_ulong hi)
{
    int n;
    abi_ulong (*ranges)[2] = loaded_ranges(f, bias, TARGET_PAGE_SIZE, &n);
    abi_ulong end = lo;

    if (!ranges) {
        return;                    /* the holes stay reserved, inaccessible */
    }
    for (int i = 0; i < n && ranges[i][0] < hi; i++) {
        if (ranges[i][0] > end) {
            target_munmap(end, ranges[i][0] - end);
        }
        end = MAX(end, ranges[i][1]);
    }
    if (hi > end) {
        target_munmap(end, hi - end);
    }
    free(ranges);
}

/* The same for an ET_EXEC, whose reservation is its segments' host pages. */
static void unmap_exec_holes(const ElfFile *f)
{
    int n;
    abi_ulong (*reserved)[2] = loaded_ranges(f, 0, qemu_host_page_size, &n);

    for (int i = 0; reserved && i < n; i++) {
        unmap_holes(f, 0, reserved[i][0], reserved[i][1]);
    }
    free(reserved);
}

/* Reserve an ET_EXEC's segments where they go, in whole host pages (the
   mapping code needs the host pages around a segment that does not fill
   them), but not the space between them, which may be terabytes: the
   kernel's check that the first segment replaces nothing.  0 or -errno. */
static abi_long reserve_exec(const ElfFile *f)
{
    int n;
    abi_ulong (*ranges)[2] = loaded_ranges(f, 0, qemu_host_page_size, &n);
    abi_long ret = ranges ? 0 : -TARGET_ENOMEM;

    for (int i = 0; i < n && ret == 0; i++) {
        abi_long at = target_mmap(ranges[i][0], ranges[i][1] - ranges[i][0], PROT_NONE,
                                  MAP_PRIVATE | MAP_ANONYMOUS | TARGET_MAP_NORESERVE |
                                  MAP_FIXED_NOREPLACE, -1, 0);

        ret = target_mmap_failed(at) ? at : 0;
    }
    free(ranges);
    return ret;
}

/*
 * Map the image: ET_EXEC at its addresses (reserve_exec), ET_DYN anywhere,
 * preferably at hint, by reserving its whole span first, as the kernel
 * maps it.  Then the segments are mapped over the reservation and the
 * holes given back.  Past the point of no
 * return: a segment the kernel would not map kills the process.
 */
static void map_image(ElfFile *f, abi_ulong hint, LoadedImage *img)
{
    abi_ulong lo = (abi_ulong)-1, hi = 0, bias = 0;
    bool is_dyn = f->ehdr.e_type == ET_DYN;
    const ElfPhdr *stack = find_phdr(f, PT_GNU_STACK);
    bool first = true;
    const char *why;
    abi_long at;

    if (!is_loadable_type(&f->ehdr)) {
        fail_mapping(f->path, INVALID_IMAGE);
    }
    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];

        if (ph->p_type == PT_LOAD && (why = segment_unmappable(ph)) != NULL) {
            fail_mapping(f->path, why);
        }
        if (ph->p_type == PT_LOAD && ph->p_memsz) {
            lo = MIN(lo, ph->p_vaddr & TARGET_PAGE_MASK);
            hi = MAX(hi, TARGET_PAGE_ALIGN(ph->p_vaddr + ph->p_memsz));
        }
    }
    if (lo >= hi) {
        /* Nothing to load: an ET_DYN fails, an ET_EXEC runs into a fault. */
        if (is_dyn) {
            fail_mapping(f->path, strerror(EINVAL));
        }
        lo = hi = 0;
    } else if (is_dyn) {
        at = target_mmap(HOST_PAGE_ALIGN(hint), hi - lo, PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS | TARGET_MAP_NORESERVE, -1, 0);
        if (target_mmap_failed(at)) {
            fail_mapping(f->path, strerror(-at));
        }
        bias = at - lo;
    } else if ((at = reserve_exec(f)) != 0) {
        fail_mapping(f->path, strerror(-at));
    }
    memset(img, 0, sizeof(*img));
    img->bias = bias;
    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];
        abi_long ret;

        if (ph->p_type != PT_LOAD || !ph->p_memsz) {
            continue;
        }
        ret = map_segment(f, i, bias);
        if (ret < 0) {
            fail_mapping(f->path, strerror(-ret));
        }
        if (first) {
            img->load_addr = ph->p_vaddr - ph->p_offset + bias;
            first = false;
        }
        note_segment(img, ph, bias);
    }
    if (is_dyn) {
        unmap_holes(f, bias, lo + bias, hi + bias);
    } else {
        unmap_exec_holes(f);
    }
    img->entry = f->ehdr.e_entry + bias;
    img->phdr = phdr_address(f, bias);
    img->phnum = f->ehdr.e_phnum;
    img->exec_stack = !stack || (stack->p_flags & PF_X);
}

/* The interpreter named by the first PT_INTERP, looked up under -L
   first, with the kernel's checks: a size from 2 to PATH_MAX, readable
   (EIO), NUL-terminated. */
static char *interp_path(const ElfFile *f, int *err)
{
    const ElfPhdr *ph = find_phdr(f, PT_INTERP);
    char *name, *prefixed;

    *err = 0;
    if (!ph) {
        return NULL;
    }
    if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX) {
        *err = report(f->path, ENOEXEC, INVALID_IMAGE);
        return NULL;
    }
    name = calloc(1, ph->p_filesz + 1);
    if (!name || !read_exact(f->fd, name, ph->p_filesz, ph->p_offset)) {
        free(name);
        *err = report(f->path, EIO, NULL);
        return NULL;
    }
    if (name[ph->p_filesz - 1] != 0) {
        free(name);
        *err = report(f->path, ENOEXEC, INVALID_IMAGE);
        return NULL;
    }
    if (qemu_interp_prefix
        && asprintf(&prefixed, "%s%s", qemu_interp_prefix, name) >= 0) {
        if (access(prefixed, F_OK) == 0) {
            free(name);
            return prefixed;
        }
        free(prefixed);
    }
    return name;
}

static void set_initial_registers(CPUArchState *env, abi_ulong sp, abi_ulong pc)
{
    /* Linux starts a process with every general register 0 (edx 0: no
       function for atexit from the dynamic linker). */
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_ESP] = sp;
    env->eip = pc;
}

static void fill_info(struct image_info *info, const LoadedImage *exe,
                      const char *filename)
{
    info->load_bias = exe->bias;
    info->load_addr = exe->load_addr;
    info->start_code = exe->start_code;
    info->end_code = exe->end_code;
    info->start_data = exe->start_data;
    info->end_data = exe->end_data;
    info->start_brk = info->brk = exe->brk;
    info->entry = exe->entry;
    info->phdr = exe->phdr;
    info->phnum = exe->phnum;
    info->exec_path = realpath(filename, NULL);
    if (!info->exec_path) {
        info->exec_path = filename;
    }
}

int loader_exec(const char *filename, char **argv, char **envp,
                CPUArchState *env, struct image_info *info)
{
    ElfFile exe_file = { .fd = -1 }, interp_file = { .fd = -1 };
    LoadedImage exe, interp;
    char *interp_name = NULL;
    abi_long sp;
    int ret;

    memset(info, 0, sizeof(*info));
    ret = elf_open(&exe_file, filename, ENOEXEC);
    if (ret == 0 && !is_loadable_type(&exe_file.ehdr)) {
        ret = report(filename, ENOEXEC, INVALID_IMAGE);
    }
    if (ret == 0) {
        interp_name = interp_path(&exe_file, &ret);
    }
    if (ret == 0 && interp_name) {
        ret = elf_open(&interp_file, interp_name, ELIBBAD);
    }
    /* The kernel's point of no return. */
    if (ret == 0) {
        map_image(&exe_file, et_dyn_base(), &exe);
        if (interp_name) {
            map_image(&interp_file, 0, &interp);
        }
        fill_info(info, &exe, filename);
        if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM) || perfmap_enabled()) {
            elf_note_symbols(exe_file.fd, &exe_file.ehdr, exe_file.size, exe.bias);
            if (interp_name) {
                elf_note_symbols(interp_file.fd, &interp_file.ehdr, interp_file.size, interp.bias);
            }
        }
        sp = setup_initial_stack(argv, envp, filename, env, &exe,
                                 interp_name ? &interp : NULL, info);
        if (target_mmap_failed(sp)) {
            fail_mapping(filename, strerror(-sp));
        }
        set_initial_registers(env, sp, interp_name ? interp.entry : exe.entry);
        qemu_log_mask(CPU_LOG_PAGE, "loaded %s: entry 0x" TARGET_ABI_FMT_lx
                      " brk 0x" TARGET_ABI_FMT_lx " stack 0x" TARGET_ABI_FMT_lx "\n",
                      filename, exe.entry, exe.brk, (abi_ulong)sp);
    }
    free(interp_name);
    elf_close(&exe_file);
    elf_close(&interp_file);
    return ret;
}
