/*
 * elf-mutants.c: writes mutants of a seed ELF program for
 * tests/elf/run-check-elf.sh, which runs each natively and under the
 * emulator and compares.
 *
 *   elf-mutants SEED OUTDIR [RANDOM_COUNT [RANDOM_SEED]]
 *
 * OUTDIR (absolute) receives one file per named mutation of the table
 * below, each a targeted change of the kind the kernel's loader judges
 * (identification bytes, header fields, the program header table,
 * PT_INTERP, PT_LOAD sizes, offsets and order), and RANDOM_COUNT files
 * random-NNNN with 1 to 4 random bytes changed in the ELF header and
 * program header table.  It prints one line per mutant: its name and
 * "neutral" when the kernel's answer does not depend on the ELF class
 * (so a 64-bit kernel's answer for the x86_64 mutant is the answer for
 * the i386 one), "own" otherwise.  Works on ELFCLASS32 and ELFCLASS64
 * little-endian seeds; the field positions come from one table per class.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Where the fields are in one class's headers, and how wide. */
typedef struct Layout {
    unsigned word;                         /* address-sized fields */
    unsigned e_type, e_machine, e_version, e_entry, e_phoff;
    unsigned e_phentsize, e_phnum;
    unsigned p_type, p_flags, p_offset, p_vaddr, p_filesz, p_memsz;
    uint64_t task_size;                    /* the kernel's, for such a process */
    uint64_t huge_bss;                     /* more than the machine can account
                                              (i386: than the address space) */
} Layout;

static const Layout layout32 = {
    4, offsetof(Elf32_Ehdr, e_type), offsetof(Elf32_Ehdr, e_machine),
    offsetof(Elf32_Ehdr, e_version), offsetof(Elf32_Ehdr, e_entry),
    offsetof(Elf32_Ehdr, e_phoff), offsetof(Elf32_Ehdr, e_phentsize),
    offsetof(Elf32_Ehdr, e_phnum), offsetof(Elf32_Phdr, p_type),
    offsetof(Elf32_Phdr, p_flags), offsetof(Elf32_Phdr, p_offset),
    offsetof(Elf32_Phdr, p_vaddr), offsetof(Elf32_Phdr, p_filesz),
    offsetof(Elf32_Phdr, p_memsz), 0xffffe000ULL, 0xfffff000ULL,
};

static const Layout layout64 = {
    8, offsetof(Elf64_Ehdr, e_type), offsetof(Elf64_Ehdr, e_machine),
    offsetof(Elf64_Ehdr, e_version), offsetof(Elf64_Ehdr, e_entry),
    offsetof(Elf64_Ehdr, e_phoff), offsetof(Elf64_Ehdr, e_phentsize),
    offsetof(Elf64_Ehdr, e_phnum), offsetof(Elf64_Phdr, p_type),
    offsetof(Elf64_Phdr, p_flags), offsetof(Elf64_Phdr, p_offset),
    offsetof(Elf64_Phdr, p_vaddr), offsetof(Elf64_Phdr, p_filesz),
    offsetof(Elf64_Phdr, p_memsz), 0x7ffffffff000ULL, 1ULL << 40,
};

/* A mutant being made: the file's bytes (room to append) and where the
   helper files go. */
typedef struct Mutant {
    unsigned char *buf;
    size_t len, cap;
    const Layout *l;
    const char *outdir;
} Mutant;

static uint64_t get(const Mutant *m, size_t off, unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size && off + i < m->len; i++) {
        v |= (uint64_t)m->buf[off + i] << (8 * i);
    }
    return v;
}

static void put(Mutant *m, size_t off, unsigned size, uint64_t v)
{
    for (unsigned i = 0; i < size && off + i < m->len; i++) {
        m->buf[off + i] = v >> (8 * i);
    }
}

static size_t phdr_at(const Mutant *m, unsigned i)
{
    return get(m, m->l->e_phoff, m->l->word) + (size_t)i * get(m, m->l->e_phentsize, 2);
}

static unsigned phnum(const Mutant *m)
{
    return get(m, m->l->e_phnum, 2);
}

/* The program header of the n-th segment of type (n < 0: the last), or 0
   (the ELF header: never a program header) if none. */
static size_t find_phdr(const Mutant *m, uint32_t type, int n)
{
    size_t last = 0;

    for (unsigned i = 0; i < phnum(m); i++) {
        if (get(m, phdr_at(m, i) + m->l->p_type, 4) == type) {
            if (n-- == 0) {
                return phdr_at(m, i);
            }
            last = phdr_at(m, i);
        }
    }
    return n < 0 ? last : 0;
}

static void set_ph(Mutant *m, size_t ph, unsigned field, uint64_t v)
{
    put(m, ph + field, field == m->l->p_type || field == m->l->p_flags ? 4 : m->l->word, v);
}

static uint64_t ph_get(const Mutant *m, size_t ph, unsigned field)
{
    return get(m, ph + field, field == m->l->p_type || field == m->l->p_flags ? 4 : m->l->word);
}

/* Append bytes to the file: their offset. */
static size_t append(Mutant *m, const void *bytes, size_t len)
{
    size_t at = m->len;

    memcpy(m->buf + at, bytes, len);
    m->len += len;
    return at;
}

/* Turn a program header that is not PT_LOAD or PT_PHDR into a PT_INTERP
   naming the string at off (len bytes, NUL included if there is one). */
static void make_interp(Mutant *m, uint64_t off, uint64_t len)
{
    for (unsigned i = 0; i < phnum(m); i++) {
        size_t ph = phdr_at(m, i);
        uint64_t type = ph_get(m, ph, m->l->p_type);

        if (type != PT_LOAD && type != PT_PHDR && type != PT_TLS) {
            set_ph(m, ph, m->l->p_type, PT_INTERP);
            set_ph(m, ph, m->l->p_offset, off);
            set_ph(m, ph, m->l->p_filesz, len);
            set_ph(m, ph, m->l->p_memsz, len);
            return;
        }
    }
}

static void interp_named(Mutant *m, const char *name)
{
    make_interp(m, append(m, name, strlen(name) + 1), strlen(name) + 1);
}

/* A helper file in OUTDIR for an interpreter mutant: its path. */
static const char *helper(Mutant *m, const char *name, const void *bytes, size_t len)
{
    static char path[PATH_MAX];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", m->outdir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    chmod(path, 0755);
    return path;
}

/* ---- the mutations ---- */

static void class_flipped(Mutant *m) { m->buf[EI_CLASS] ^= ELFCLASS32 ^ ELFCLASS64; }
static void data_msb(Mutant *m) { m->buf[EI_DATA] = ELFDATA2MSB; }
static void ident_version_0(Mutant *m) { m->buf[EI_VERSION] = 0; }
static void version_0(Mutant *m) { put(m, m->l->e_version, 4, 0); }
static void osabi_other(Mutant *m) { m->buf[EI_OSABI] = 0x61; }
static void magic_bad(Mutant *m) { m->buf[1] = 'X'; }
static void type_rel(Mutant *m) { put(m, m->l->e_type, 2, ET_REL); }
static void type_core(Mutant *m) { put(m, m->l->e_type, 2, ET_CORE); }
static void machine_arm(Mutant *m) { put(m, m->l->e_machine, 2, EM_ARM); }
static void machine_486(Mutant *m) { put(m, m->l->e_machine, 2, 6); }
static void phentsize_off(Mutant *m) { put(m, m->l->e_phentsize, 2, get(m, m->l->e_phentsize, 2) + 1); }
static void phnum_0(Mutant *m) { put(m, m->l->e_phnum, 2, 0); }
static void phnum_huge(Mutant *m) { put(m, m->l->e_phnum, 2, 0xffff); }
static void phoff_past_eof(Mutant *m) { put(m, m->l->e_phoff, m->l->word, m->len + 64); }
static void truncated(Mutant *m) { m->len = 40; }
static void empty(Mutant *m) { m->len = 0; }
static void entry_0(Mutant *m) { put(m, m->l->e_entry, m->l->word, 0); }

static void interp_size_1(Mutant *m) { make_interp(m, 0, 1); }
static void interp_too_long(Mutant *m) { make_interp(m, 0, PATH_MAX + 1); }
static void interp_past_eof(Mutant *m) { make_interp(m, m->len + 4096, 16); }
static void interp_no_nul(Mutant *m) { make_interp(m, append(m, "/lib/ld.so", 10), 10); }
static void interp_missing(Mutant *m) { interp_named(m, "/nonexistent/ld-elf-mutant.so"); }
static void interp_not_executable(Mutant *m) { interp_named(m, "/etc/passwd"); }

static void interp_not_elf(Mutant *m)
{
    static const char text[] = "#!/bin/sh\necho not an interpreter\n";

    interp_named(m, helper(m, "interp-text", text, sizeof(text) - 1));
}

static void interp_wrong_machine(Mutant *m)
{
    unsigned char *copy = malloc(m->len);

    memcpy(copy, m->buf, m->len);
    copy[m->l->e_machine] = EM_ARM;
    copy[m->l->e_machine + 1] = 0;
    interp_named(m, helper(m, "interp-arm", copy, m->len));
    free(copy);
}

static void load_filesz_past_eof(Mutant *m)
{
    size_t ph = find_phdr(m, PT_LOAD, -1);

    set_ph(m, ph, m->l->p_filesz, ph_get(m, ph, m->l->p_memsz));
}

static void load_offset_past_eof(Mutant *m)
{
    size_t ph = find_phdr(m, PT_LOAD, -1);

    set_ph(m, ph, m->l->p_offset, ph_get(m, ph, m->l->p_offset) + ((m->len + 0xffff) & ~0xffffULL));
}

/* The code's pages past the end of the file: the first instruction
   fetched gives SIGBUS. */
static void text_past_eof(Mutant *m)
{
    size_t ph = find_phdr(m, PT_LOAD, 1);

    set_ph(m, ph, m->l->p_offset, ph_get(m, ph, m->l->p_offset) + ((m->len + 0xffff) & ~0xffffULL));
}

static void load_offset_misaligned(Mutant *m)
{
    size_t ph = find_phdr(m, PT_LOAD, -1);

    set_ph(m, ph, m->l->p_offset, ph_get(m, ph, m->l->p_offset) + 1);
}

static void load_filesz_over_memsz(Mutant *m)
{
    size_t ph = find_phdr(m, PT_LOAD, -1);

    set_ph(m, ph, m->l->p_filesz, ph_get(m, ph, m->l->p_memsz) + 1);
}

static void load_huge_bss(Mutant *m)
{
    size_t ph = find_phdr(m, PT_LOAD, -1);

    set_ph(m, ph, m->l->p_memsz, m->l->huge_bss);
}

static void load_past_task_size(Mutant *m)
{
    size_t ph = find_phdr(m, PT_LOAD, -1);

    set_ph(m, ph, m->l->p_memsz, m->l->task_size - ph_get(m, ph, m->l->p_vaddr) + 4096);
}

/* The first segment's memory reaches over all the others, which are
   mapped over it. */
static void load_overlapping(Mutant *m)
{
    size_t first = find_phdr(m, PT_LOAD, 0), last = find_phdr(m, PT_LOAD, -1);

    set_ph(m, first, m->l->p_memsz,
           ph_get(m, last, m->l->p_vaddr) + ph_get(m, last, m->l->p_memsz)
           - ph_get(m, first, m->l->p_vaddr));
}

static void load_unsorted(Mutant *m)
{
    size_t first = find_phdr(m, PT_LOAD, 0), last = find_phdr(m, PT_LOAD, -1);
    size_t size = get(m, m->l->e_phentsize, 2);
    unsigned char tmp[64];

    memcpy(tmp, m->buf + first, size);
    memmove(m->buf + first, m->buf + last, size);
    memcpy(m->buf + last, tmp, size);
}

static void load_none(Mutant *m)
{
    size_t ph;

    while ((ph = find_phdr(m, PT_LOAD, 0)) != 0) {
        set_ph(m, ph, m->l->p_type, PT_NULL);
    }
}

static void stack_exec(Mutant *m)
{
    size_t ph = find_phdr(m, PT_GNU_STACK, 0);

    if (ph) {
        set_ph(m, ph, m->l->p_flags, ph_get(m, ph, m->l->p_flags) | PF_X);
    }
}

typedef struct Mutation {
    const char *name;
    void (*apply)(Mutant *m);
    bool neutral;          /* the kernel's answer is the same for both classes */
} Mutation;

static const Mutation mutations[] = {
    { "class-flipped", class_flipped, true },
    { "data-msb", data_msb, true },
    { "ident-version-0", ident_version_0, true },
    { "version-0", version_0, true },
    { "osabi-other", osabi_other, true },
    { "magic-bad", magic_bad, true },
    { "type-rel", type_rel, true },
    { "type-core", type_core, true },
    { "machine-arm", machine_arm, true },
    { "machine-486", machine_486, false },
    { "phentsize-off", phentsize_off, true },
    { "phnum-0", phnum_0, true },
    { "phnum-huge", phnum_huge, true },
    { "phoff-past-eof", phoff_past_eof, true },
    { "truncated", truncated, true },
    { "empty", empty, true },
    { "entry-0", entry_0, true },
    { "interp-size-1", interp_size_1, true },
    { "interp-too-long", interp_too_long, true },
    { "interp-past-eof", interp_past_eof, true },
    { "interp-no-nul", interp_no_nul, true },
    { "interp-missing", interp_missing, true },
    { "interp-not-executable", interp_not_executable, true },
    { "interp-not-elf", interp_not_elf, true },
    { "interp-wrong-machine", interp_wrong_machine, true },
    { "load-filesz-past-eof", load_filesz_past_eof, false },
    { "load-offset-past-eof", load_offset_past_eof, true },
    { "text-past-eof", text_past_eof, true },
    { "load-offset-misaligned", load_offset_misaligned, true },
    { "load-filesz-over-memsz", load_filesz_over_memsz, true },
    { "load-huge-bss", load_huge_bss, true },
    { "load-past-task-size", load_past_task_size, true },
    { "load-overlapping", load_overlapping, true },
    { "load-unsorted", load_unsorted, true },
    { "load-none", load_none, true },
    { "stack-exec", stack_exec, true },
};

static void write_mutant(const Mutant *m, const char *name)
{
    char path[PATH_MAX];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", m->outdir, name);
    f = fopen(path, "wb");
    if (!f || (m->len && fwrite(m->buf, 1, m->len, f) != m->len) || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    chmod(path, 0755);
}

/* A small deterministic generator (xorshift64), the same everywhere. */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

int main(int argc, char **argv)
{
    Mutant seed = { 0 }, m;
    long random_count = argc > 3 ? atol(argv[3]) : 0;
    uint64_t state = argc > 4 ? strtoull(argv[4], NULL, 0) : 1;
    FILE *f;
    size_t header_end;

    if (argc < 3) {
        fprintf(stderr, "usage: elf-mutants SEED OUTDIR [RANDOM_COUNT [RANDOM_SEED]]\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    seed.cap = 16 << 20;
    seed.buf = malloc(seed.cap);
    seed.len = fread(seed.buf, 1, seed.cap - 2 * PATH_MAX, f);
    fclose(f);
    if (seed.len < sizeof(Elf64_Ehdr) || memcmp(seed.buf, ELFMAG, SELFMAG) != 0) {
        fprintf(stderr, "%s: not an ELF file\n", argv[1]);
        return 1;
    }
    seed.l = seed.buf[EI_CLASS] == ELFCLASS64 ? &layout64 : &layout32;
    seed.outdir = argv[2];
    m = seed;
    m.buf = malloc(seed.cap);

    for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
        memcpy(m.buf, seed.buf, seed.len);
        m.len = seed.len;
        mutations[i].apply(&m);
        write_mutant(&m, mutations[i].name);
        printf("%s %s\n", mutations[i].name, mutations[i].neutral ? "neutral" : "own");
    }

    header_end = phdr_at(&seed, phnum(&seed));
    state = state ? state : 1;
    for (long i = 0; i < random_count; i++) {
        char name[32];
        int changes = 1 + next_random(&state) % 4;

        memcpy(m.buf, seed.buf, seed.len);
        m.len = seed.len;
        while (changes--) {
            m.buf[next_random(&state) % header_end] = next_random(&state);
        }
        snprintf(name, sizeof(name), "random-%04ld", i);
        write_mutant(&m, name);
        printf("%s own\n", name);
    }
    return 0;
}
