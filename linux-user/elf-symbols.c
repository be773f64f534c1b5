/*
 * elf-symbols.c: the guest's function names for the log.  -d in_asm heads
 * each block with the function it starts in ("IN: main"), as QEMU does;
 * the names come from the symbol table (.symtab, else .dynsym) of the
 * program and of its ELF interpreter, read when they are loaded and only
 * when in_asm is asked for.  Libraries the interpreter loads later are not
 * known (QEMU does not know them either).
 */
#include "qemu/osdep.h"
#include "disas/disas.h"
#include "loader.h"

typedef struct GuestSymbol {
    uint64_t start, size;
    char *name;
} GuestSymbol;

static GuestSymbol *symbols;
static size_t n_symbols;

/* count elements of size each at off, all inside the file; NULL if not. */
static void *read_table(int fd, off_t file_size, uint64_t off, uint64_t count, size_t size)
{
    void *buf;

    if (count == 0 || count > (uint64_t)file_size / size || off > (uint64_t)file_size
        || count * size > (uint64_t)file_size - off) {
        return NULL;
    }
    buf = malloc(count * size);
    if (buf && pread(fd, buf, count * size, off) != (ssize_t)(count * size)) {
        free(buf);
        buf = NULL;
    }
    return buf;
}

static int compare_start(const void *a, const void *b)
{
    const GuestSymbol *x = a, *y = b;

    return x->start < y->start ? -1 : x->start > y->start;
}

/* The functions of symbol table sh (strings in section sh_link). */
static void add_symbols(int fd, off_t file_size, const ElfShdr *shdrs, unsigned shnum,
                        const ElfShdr *sh, abi_ulong bias)
{
    const ElfShdr *strs = sh->sh_link < shnum ? &shdrs[sh->sh_link] : NULL;
    ElfSym *syms = read_table(fd, file_size, sh->sh_offset, sh->sh_size / sizeof(ElfSym),
                              sizeof(ElfSym));
    char *names = strs ? read_table(fd, file_size, strs->sh_offset, strs->sh_size, 1) : NULL;
    size_t n = sh->sh_size / sizeof(ElfSym);
    GuestSymbol *grown = syms && names ? realloc(symbols, (n_symbols + n) * sizeof(*symbols))
                                       : NULL;

    if (grown) {
        symbols = grown;
        for (size_t i = 0; i < n; i++) {
            const ElfSym *s = &syms[i];

            if (ELF_SYM_TYPE(s->st_info) == STT_FUNC && s->st_shndx != SHN_UNDEF
                && s->st_shndx < SHN_LORESERVE && s->st_name < strs->sh_size
                && memchr(names + s->st_name, 0, strs->sh_size - s->st_name)) {
                symbols[n_symbols++] = (GuestSymbol) {
                    s->st_value + bias, s->st_size, strdup(names + s->st_name)
                };
            }
        }
        qsort(symbols, n_symbols, sizeof(*symbols), compare_start);
    }
    free(syms);
    free(names);
}

void elf_note_symbols(int fd, const ElfEhdr *ehdr, off_t file_size, abi_ulong bias)
{
    ElfShdr *shdrs = NULL;
    const ElfShdr *table = NULL;

    if (ehdr->e_shentsize == sizeof(ElfShdr)) {
        shdrs = read_table(fd, file_size, ehdr->e_shoff, ehdr->e_shnum, sizeof(ElfShdr));
    }
    for (unsigned i = 0; shdrs && i < ehdr->e_shnum; i++) {
        if (shdrs[i].sh_type == SHT_SYMTAB
            || (shdrs[i].sh_type == SHT_DYNSYM && !table)) {
            table = &shdrs[i];
        }
    }
    if (table) {
        add_symbols(fd, file_size, shdrs, ehdr->e_shnum, table, bias);
    }
    free(shdrs);
}

const char *lookup_symbol(uint64_t addr)
{
    size_t lo = 0, hi = n_symbols;

    /* The last symbol starting at or below addr... */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (symbols[mid].start <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    /* ...or one of the few before it (aliases, nested functions) whose
       extent holds it; a zero-sized one holds its own address only. */
    for (size_t i = lo; i-- > 0 && lo - i <= 16;) {
        if (addr - symbols[i].start < MAX(symbols[i].size, 1)) {
            return symbols[i].name;
        }
    }
    return "";
}
