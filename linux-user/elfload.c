/*
 * elfload.c: loader_exec(), which checks the guest ELF file, maps its
 * PT_LOAD segments (and those of its PT_INTERP interpreter, if any) into
 * guest memory the way Linux's binfmt_elf does, then has initial-stack.c
 * build the process stack and sets the initial registers.
 *
 * Every check that fails prints one line, "PROG: FILE: reason", and makes
 * loader_exec return -errno; a malformed file must never crash the loader.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "qemu/log.h"
#include "loader.h"

#define INVALID_IMAGE "Invalid ELF image for this architecture"
/* Linux refuses program header tables larger than this. */
#define MAX_PHDR_BYTES 65536

/* Where position-independent images go when the space is free (Linux's
   ELF_ET_DYN_BASE for these guests). */
#ifdef TARGET_X86_64
#define ET_DYN_BASE 0x555555554000ULL
#else
#define ET_DYN_BASE 0x56555000ULL
#endif

typedef struct ElfFile {
    const char *path;
    int fd;
    off_t size;
    ElfEhdr ehdr;
    ElfPhdr *phdr;
} ElfFile;

static int report(const char *path, const char *reason, int err)
{
    fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, path, reason);
    return -err;
}

static bool read_exact(int fd, void *buf, size_t len, off_t off)
{
    return pread(fd, buf, len, off) == (ssize_t)len;
}

/* The identification and header checks of binfmt_elf and QEMU. */
static bool ehdr_fits_target(const ElfEhdr *eh)
{
    return eh->e_ident[EI_CLASS] == TARGET_ELF_CLASS
           && eh->e_ident[EI_DATA] == ELFDATA2LSB
           && eh->e_ident[EI_VERSION] == EV_CURRENT
           && eh->e_machine == TARGET_ELF_MACHINE
           && (eh->e_type == ET_EXEC || eh->e_type == ET_DYN)
           && eh->e_phentsize == sizeof(ElfPhdr)
           && eh->e_phnum > 0
           && eh->e_phnum * sizeof(ElfPhdr) <= MAX_PHDR_BYTES;
}

static bool range_in_file(uint64_t off, uint64_t len, off_t file_size)
{
    return off <= (uint64_t)file_size && len <= (uint64_t)file_size - off;
}

/* Segments must be loadable as Linux would: inside the file and the guest
   space, congruent to their offset modulo the page, sorted, disjoint. */
static bool phdrs_sane(const ElfFile *f)
{
    uint64_t prev_end = 0;
    bool any_load = false;
    int interps = 0;

    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];

        if (ph->p_type == PT_INTERP) {
            interps++;
            if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX
                || !range_in_file(ph->p_offset, ph->p_filesz, f->size)) {
                return false;
            }
        }
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        if (ph->p_filesz > ph->p_memsz
            || !range_in_file(ph->p_offset, ph->p_filesz, f->size)
            || ((ph->p_vaddr - ph->p_offset) & ~TARGET_PAGE_MASK)
            || (uint64_t)ph->p_vaddr + ph->p_memsz > (uint64_t)GUEST_ADDR_MAX + 1
            || (any_load && ph->p_vaddr < prev_end)) {
            return false;
        }
        prev_end = (uint64_t)ph->p_vaddr + ph->p_memsz;
        any_load = true;
    }
    return any_load && interps <= 1;
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

/* Open path and check it is an ELF image this emulator can run. */
static int elf_open(ElfFile *f, const char *path)
{
    struct stat st;
    size_t phdr_bytes;

    f->path = path;
    f->phdr = NULL;
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0) {
        return report(path, strerror(errno), errno);
    }
    if (fstat(f->fd, &st) != 0) {
        return report(path, strerror(errno), errno);
    }
    if (!S_ISREG(st.st_mode) || !(st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH))) {
        return report(path, strerror(EACCES), EACCES);
    }
    f->size = st.st_size;
    if (!read_exact(f->fd, &f->ehdr, sizeof(f->ehdr), 0)
        || memcmp(f->ehdr.e_ident, ELFMAG, SELFMAG) != 0) {
        return report(path, strerror(ENOEXEC), ENOEXEC);
    }
    if (!ehdr_fits_target(&f->ehdr)) {
        return report(path, INVALID_IMAGE, ENOEXEC);
    }
    phdr_bytes = f->ehdr.e_phnum * sizeof(ElfPhdr);
    if (!range_in_file(f->ehdr.e_phoff, phdr_bytes, f->size)) {
        return report(path, INVALID_IMAGE, ENOEXEC);
    }
    f->phdr = malloc(phdr_bytes);
    if (!f->phdr || !read_exact(f->fd, f->phdr, phdr_bytes, f->ehdr.e_phoff)) {
        return report(path, INVALID_IMAGE, ENOEXEC);
    }
    if (!phdrs_sane(f)) {
        return report(path, INVALID_IMAGE, ENOEXEC);
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

/*
 * Map one PT_LOAD: its file part privately from the file, the rest of its
 * memory (bss) zero: the tail of the last file page cleared by hand, whole
 * pages after it anonymous.  mapped_end is the page-aligned end of what the
 * previous segments mapped, for a bss starting in a page they own.
 */
static abi_long map_segment(const ElfFile *f, const ElfPhdr *ph, abi_ulong bias,
                            abi_ulong mapped_end)
{
    abi_ulong vaddr = ph->p_vaddr + bias;
    abi_ulong page = vaddr & TARGET_PAGE_MASK;
    abi_ulong file_end = vaddr + ph->p_filesz;
    abi_ulong mem_end = vaddr + ph->p_memsz;
    abi_ulong zero_end = MIN(TARGET_PAGE_ALIGN(file_end), TARGET_PAGE_ALIGN(mem_end));
    abi_ulong anon_start = TARGET_PAGE_ALIGN(file_end);
    int prot = prot_of(ph->p_flags);
    bool clear_tail = ph->p_memsz > ph->p_filesz && file_end < zero_end;
    abi_long ret;

    if (ph->p_filesz) {
        ret = target_mmap(page, file_end - page, prot | (clear_tail ? PROT_WRITE : 0),
                          MAP_PRIVATE | MAP_FIXED, f->fd, ph->p_offset - (vaddr - page));
        if (target_mmap_failed(ret)) {
            return ret;
        }
    } else if (page >= mapped_end) {
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
        if (!(prot & PROT_WRITE) && ph->p_filesz) {
            target_mprotect(tail_page, TARGET_PAGE_SIZE, prot);
        }
    }
    if (TARGET_PAGE_ALIGN(mem_end) > anon_start) {
        ret = target_mmap(anon_start, TARGET_PAGE_ALIGN(mem_end) - anon_start, prot,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (target_mmap_failed(ret)) {
            return ret;
        }
    }
    return 0;
}

/* Where the program headers are in the guest: PT_PHDR, else the loaded
   bytes of the file that hold them. */
static abi_ulong phdr_address(const ElfFile *f, abi_ulong bias, abi_ulong load_addr)
{
    const ElfPhdr *pt_phdr = find_phdr(f, PT_PHDR);
    uint64_t want = f->ehdr.e_phoff;
    uint64_t len = f->ehdr.e_phnum * sizeof(ElfPhdr);

    if (pt_phdr) {
        return pt_phdr->p_vaddr + bias;
    }
    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];

        if (ph->p_type == PT_LOAD && ph->p_offset <= want
            && want + len <= (uint64_t)ph->p_offset + ph->p_filesz) {
            return ph->p_vaddr + bias + (want - ph->p_offset);
        }
    }
    return load_addr + want;
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

/*
 * Reserve the image's whole span (at its addresses for ET_EXEC, anywhere
 * but preferably at hint for ET_DYN), map the segments over it and give
 * back the holes between them, as Linux leaves them unmapped.
 */
static int map_image(ElfFile *f, abi_ulong hint, LoadedImage *img)
{
    abi_ulong lo = (abi_ulong)-1, hi = 0, bias = 0, mapped_end = 0;
    bool is_dyn = f->ehdr.e_type == ET_DYN;
    const ElfPhdr *stack = find_phdr(f, PT_GNU_STACK);
    bool first = true;
    abi_long at;

    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];

        if (ph->p_type == PT_LOAD && ph->p_memsz) {
            lo = MIN(lo, ph->p_vaddr & TARGET_PAGE_MASK);
            hi = MAX(hi, TARGET_PAGE_ALIGN(ph->p_vaddr + ph->p_memsz));
        }
    }
    at = target_mmap(is_dyn ? HOST_PAGE_ALIGN(hint) : lo, hi - lo, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
                     | (is_dyn ? 0 : MAP_FIXED_NOREPLACE), -1, 0);
    if (target_mmap_failed(at)) {
        return report(f->path, strerror(-at), -at);
    }
    if (is_dyn) {
        bias = at - lo;
    }
    memset(img, 0, sizeof(*img));
    img->bias = bias;
    for (int i = 0; i < f->ehdr.e_phnum; i++) {
        const ElfPhdr *ph = &f->phdr[i];
        abi_ulong seg_page = (ph->p_vaddr + bias) & TARGET_PAGE_MASK;
        abi_long ret;

        if (ph->p_type != PT_LOAD || !ph->p_memsz) {
            continue;
        }
        if (seg_page > mapped_end && !first) {
            target_munmap(mapped_end, seg_page - mapped_end);
        }
        ret = map_segment(f, ph, bias, mapped_end);
        if (ret < 0) {
            return report(f->path, strerror(-ret), -ret);
        }
        if (first) {
            img->load_addr = ph->p_vaddr - ph->p_offset + bias;
            first = false;
        }
        mapped_end = TARGET_PAGE_ALIGN(ph->p_vaddr + bias + ph->p_memsz);
        note_segment(img, ph, bias);
    }
    img->entry = f->ehdr.e_entry + bias;
    img->phdr = phdr_address(f, bias, img->load_addr);
    img->phnum = f->ehdr.e_phnum;
    img->exec_stack = !stack || (stack->p_flags & PF_X);
    return 0;
}

/* The interpreter named by PT_INTERP, looked up under -L first. */
static char *interp_path(const ElfFile *f, int *err)
{
    const ElfPhdr *ph = find_phdr(f, PT_INTERP);
    char *name, *prefixed;

    *err = 0;
    if (!ph) {
        return NULL;
    }
    name = calloc(1, ph->p_filesz + 1);
    if (!name || !read_exact(f->fd, name, ph->p_filesz, ph->p_offset)
        || name[ph->p_filesz - 1] != 0) {
        free(name);
        *err = report(f->path, INVALID_IMAGE, ENOEXEC);
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
    ret = elf_open(&exe_file, filename);
    if (ret == 0) {
        ret = map_image(&exe_file, ET_DYN_BASE, &exe);
    }
    if (ret == 0) {
        interp_name = interp_path(&exe_file, &ret);
    }
    if (ret == 0 && interp_name) {
        ret = elf_open(&interp_file, interp_name);
        if (ret == 0) {
            ret = map_image(&interp_file, 0, &interp);
        }
    }
    if (ret == 0) {
        fill_info(info, &exe, filename);
        sp = setup_initial_stack(argv, envp, filename, env, &exe,
                                 interp_name ? &interp : NULL, info);
        if (target_mmap_failed(sp)) {
            ret = report(filename, strerror(-sp), -sp);
        } else {
            set_initial_registers(env, sp, interp_name ? interp.entry : exe.entry);
            qemu_log_mask(CPU_LOG_PAGE, "loaded %s: entry 0x" TARGET_ABI_FMT_lx
                          " brk 0x" TARGET_ABI_FMT_lx " stack 0x" TARGET_ABI_FMT_lx "\n",
                          filename, exe.entry, exe.brk, (abi_ulong)sp);
        }
    }
    free(interp_name);
    elf_close(&exe_file);
    elf_close(&interp_file);
    return ret;
}
