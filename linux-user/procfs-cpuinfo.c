/*
 * procfs-cpuinfo.c: the guest's /proc/cpuinfo.  The host's text keeps one
 * entry per host CPU with what describes the machine (ids, MHz, cache,
 * bogomips, bugs); the lines the kernel makes from CPUID are made from the
 * emulated CPU's instead, as the kernel makes them (arch/x86/kernel/cpu/
 * proc.c and common.c), so that a program comparing the CPUID instruction
 * with /proc/cpuinfo finds them in agreement.
 */
#include "qemu/osdep.h"
#include <ctype.h>
#include "procfs.h"
#include "cpuinfo-flags.h"

/* A CPUID register of the emulated CPU, 0 for a leaf the kernel would not
   read (past the maximum leaf or subleaf). */
static uint32_t cpuid_reg(uint32_t leaf, uint32_t subleaf, int reg)
{
    CPUArchState *env = thread_cpu;
    uint32_t r[4], max, max_leaf7;

    cpu_x86_cpuid(env, leaf & 0x80000000, 0, &max, &r[1], &r[2], &r[3]);
    cpu_x86_cpuid(env, 7, 0, &max_leaf7, &r[1], &r[2], &r[3]);
    if (leaf > max || (leaf == 7 && subleaf > max_leaf7)) {
        return 0;
    }
    cpu_x86_cpuid(env, leaf, subleaf, &r[CPUID_EAX], &r[CPUID_EBX], &r[CPUID_ECX],
                  &r[CPUID_EDX]);
    return r[reg];
}

static uint32_t signature(void)
{
    return cpuid_reg(1, 0, CPUID_EAX);
}

static void write_vendor(FILE *out)
{
    uint32_t id[3] = { cpuid_reg(0, 0, CPUID_EBX), cpuid_reg(0, 0, CPUID_EDX),
                       cpuid_reg(0, 0, CPUID_ECX) };

    fprintf(out, " %.12s", (const char *)id);
}

static uint32_t family(void)
{
    uint32_t fam = signature() >> 8 & 0xf;

    return fam == 0xf ? fam + (signature() >> 20 & 0xff) : fam;
}

static void write_family(FILE *out)
{
    fprintf(out, " %u", family());
}

static void write_model(FILE *out)
{
    uint32_t model = signature() >> 4 & 0xf;

    if (family() >= 6) {
        model += (signature() >> 16 & 0xf) << 4;
    }
    fprintf(out, " %u", model);
}

static void write_stepping(FILE *out)
{
    fprintf(out, " %u", signature() & 0xf);
}

/* The brand string without its leading and trailing spaces. */
static void write_model_name(FILE *out)
{
    uint32_t brand[13] = { 0 };
    const char *name = (const char *)brand;
    size_t len;

    for (int i = 0; i < 12; i++) {
        brand[i] = cpuid_reg(0x80000002 + i / 4, 0, i % 4);
    }
    name += strspn(name, " ");
    len = strlen(name);
    while (len > 0 && isspace((unsigned char)name[len - 1])) {
        len--;
    }
    fprintf(out, " %.*s", (int)len, len ? name : "unknown");
}

static void write_has_fpu(FILE *out)
{
    fprintf(out, " %s", cpuid_reg(1, 0, CPUID_EDX) & 1 ? "yes" : "no");
}

static void write_cpuid_level(FILE *out)
{
    fprintf(out, " %u", cpuid_reg(0, 0, CPUID_EAX));
}

static void write_flags(FILE *out)
{
    for (size_t i = 0; i < ARRAY_SIZE(cpuinfo_flags); i++) {
        const CpuidFlagName *f = &cpuinfo_flags[i];

        if (cpuid_reg(f->leaf, f->subleaf, f->reg) >> f->bit & 1) {
            fprintf(out, " %s", f->name);
        }
    }
}

/* A 64-bit kernel's default when CPUID gives no CLFLUSH line size. */
static void write_clflush_size(FILE *out)
{
    bool has_clflush = cpuid_reg(1, 0, CPUID_EDX) >> 19 & 1;

    fprintf(out, " %u", has_clflush ? (cpuid_reg(1, 0, CPUID_EBX) >> 8 & 0xff) * 8 : 64);
}

/* Without leaf 0x80000008, a 64-bit kernel's defaults. */
static void write_address_sizes(FILE *out)
{
    uint32_t sizes = cpuid_reg(0x80000008, 0, CPUID_EAX);

    fprintf(out, " %u bits physical, %u bits virtual",
            sizes ? sizes & 0xff : 36, sizes ? sizes >> 8 & 0xff : 48);
}

/*
 * The kernel's x86_cache_size: on AMD the L2 of leaf 0x80000006 (without
 * it, L1d + L1i of 0x80000005); on Intel the largest level leaf 4 lists
 * (L3, else L2).
 */
static void write_cache_size(FILE *out)
{
    uint32_t vendor = cpuid_reg(0, 0, CPUID_EBX), kib = 0;

    if (vendor == 0x68747541) {                 /* "Auth" */
        kib = cpuid_reg(0x80000006, 0, CPUID_ECX) >> 16;
        if (!kib) {
            kib = (cpuid_reg(0x80000005, 0, CPUID_ECX) >> 24) +
                  (cpuid_reg(0x80000005, 0, CPUID_EDX) >> 24);
        }
    } else {
        for (uint32_t i = 0; cpuid_reg(4, i, CPUID_EAX) & 0x1f; i++) {
            uint32_t ebx = cpuid_reg(4, i, CPUID_EBX);

            if ((cpuid_reg(4, i, CPUID_EAX) >> 5 & 7) >= 2) {
                kib = ((ebx >> 22) + 1) * ((ebx >> 12 & 0x3ff) + 1) * ((ebx & 0xfff) + 1) *
                      (cpuid_reg(4, i, CPUID_ECX) + 1) / 1024;
            }
        }
    }
    fprintf(out, " %u KB", kib);
}

static void write_power(FILE *out)
{
    uint32_t power = cpuid_reg(0x80000007, 0, CPUID_EDX);

    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(power >> bit & 1)) {
            continue;
        }
        if (bit >= ARRAY_SIZE(cpuinfo_power_flags)) {
            fprintf(out, " [%u]", bit);
        } else if (cpuinfo_power_flags[bit][0]) {
            fprintf(out, " %s", cpuinfo_power_flags[bit]);
        }
    }
}

/* The lines made from CPUID, by key; each writer prints what follows the
   colon. */
static const struct {
    const char *key;
    void (*write)(FILE *out);
} cpuid_lines[] = {
    { "vendor_id", write_vendor },
    { "cpu family", write_family },
    { "model", write_model },
    { "model name", write_model_name },
    { "stepping", write_stepping },
    { "fpu", write_has_fpu },
    { "fpu_exception", write_has_fpu },
    { "cpuid level", write_cpuid_level },
    { "flags", write_flags },
    { "clflush size", write_clflush_size },
    { "cache_alignment", write_clflush_size },
    { "address sizes", write_address_sizes },
    { "cache size", write_cache_size },
    { "power management", write_power },
};

int procfs_write_cpuinfo(FILE *out, const char *host_path)
{
    FILE *f = fopen(host_path, "r");
    char *line = NULL;
    size_t size = 0;

    if (!f) {
        return -errno;
    }
    while (getline(&line, &size, f) >= 0) {
        const char *colon = strchr(line, ':');
        size_t key_len = colon ? strcspn(line, "\t:") : 0;
        bool made = false;

        for (size_t i = 0; colon && i < ARRAY_SIZE(cpuid_lines) && !made; i++) {
            if (strlen(cpuid_lines[i].key) == key_len
                && strncmp(line, cpuid_lines[i].key, key_len) == 0) {
                fwrite(line, 1, colon + 1 - line, out);
                cpuid_lines[i].write(out);
                fputc('\n', out);
                made = true;
            }
        }
        if (!made) {
            fputs(line, out);
        }
    }
    free(line);
    fclose(f);
    return 0;
}
