/*
 * proc-cpuinfo.c: /proc/cpuinfo agrees with the CPUID instruction, as the
 * kernel makes it from CPUID: vendor, family, model, stepping, model name,
 * CPUID level, cache size (an AMD part's: the L2 of leaf 0x80000006), and
 * for every feature bit the kernel names
 * (linux-user/cpuinfo-flags.h) its presence in each processor's flags line;
 * and there is one entry per online CPU.  Prints "agree" or what differs,
 * so that the native run (where the kernel is the judge of the table) and
 * the emulated one (where the emulator's CPUID and cpuinfo must agree)
 * print the same (run-check-proc.sh).
 */
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cpuinfo-flags.h"

static uint32_t max_basic, max_ext, max_leaf7;

/* A CPUID register, 0 for a leaf the kernel would not read. */
static uint32_t cpuid_reg(uint32_t leaf, uint32_t subleaf, int reg)
{
    uint32_t r[4];

    if ((leaf < 0x80000000 && leaf > max_basic) || (leaf >= 0x80000000 && leaf > max_ext)
        || (leaf == 7 && subleaf > max_leaf7)) {
        return 0;
    }
    __cpuid_count(leaf, subleaf, r[CPUID_EAX], r[CPUID_EBX], r[CPUID_ECX], r[CPUID_EDX]);
    return r[reg];
}

/* What the kernel prints for each field, from CPUID. */
static void expected(char *vendor, char *family, char *model, char *stepping,
                     char *name, char *level, char *cache)
{
    uint32_t sig = cpuid_reg(1, 0, CPUID_EAX), fam = sig >> 8 & 0xf, mod = sig >> 4 & 0xf;
    uint32_t brand[12] = { 0 };
    char *p, *end;

    memcpy(vendor, (uint32_t[]) { cpuid_reg(0, 0, CPUID_EBX), cpuid_reg(0, 0, CPUID_EDX),
                                  cpuid_reg(0, 0, CPUID_ECX) }, 12);
    vendor[12] = 0;
    if (fam == 0xf) {
        fam += sig >> 20 & 0xff;
    }
    if (fam >= 6) {
        mod += (sig >> 16 & 0xf) << 4;
    }
    sprintf(family, "%u", fam);
    sprintf(model, "%u", mod);
    sprintf(stepping, "%u", sig & 0xf);
    sprintf(level, "%u", max_basic);
    /* the kernel's rule for AMD; other vendors' lines are not compared */
    if (strcmp(vendor, "AuthenticAMD") == 0 && cpuid_reg(0x80000006, 0, CPUID_ECX) >> 16) {
        sprintf(cache, "%u KB", cpuid_reg(0x80000006, 0, CPUID_ECX) >> 16);
    } else {
        strcpy(cache, "(not compared)");
    }
    for (int i = 0; i < 12; i++) {
        brand[i] = cpuid_reg(0x80000002 + i / 4, 0, i % 4);
    }
    memcpy(name, brand, 48);
    name[48] = 0;
    for (p = name; *p == ' '; p++) {
    }
    memmove(name, p, strlen(p) + 1);
    for (end = name + strlen(name); end > name && end[-1] == ' '; end--) {
    }
    *end = 0;
    if (!name[0]) {
        strcpy(name, "unknown");
    }
}

static int has_word(const char *line, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = strstr(line, word); p; p = strstr(p + 1, word)) {
        if (p[-1] == ' ' && (p[n] == ' ' || p[n] == 0)) {
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    char vendor[16], family[16], model[16], stepping[16], name[64], level[16], cache[32];
    const char *keys[] = { "vendor_id", "cpu family", "model", "stepping", "model name",
                           "cpuid level", "cache size" };
    const char *values[] = { vendor, family, model, stepping, name, level, cache };
    int nb_keys;
    int differ[7] = { 0 }, flag_differs[sizeof(cpuinfo_flags) / sizeof(cpuinfo_flags[0])] = { 0 };
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[8192];
    int entries = 0, flag_lines = 0, agree = 1;

    if (!f) {
        printf("cannot open /proc/cpuinfo\n");
        return 1;
    }
    max_basic = __get_cpuid_max(0, NULL);
    max_ext = __get_cpuid_max(0x80000000, NULL);
    max_leaf7 = cpuid_reg(7, 0, CPUID_EAX);
    expected(vendor, family, model, stepping, name, level, cache);
    nb_keys = strcmp(cache, "(not compared)") ? 7 : 6;
    while (fgets(line, sizeof(line), f)) {
        char *colon = strchr(line, ':'), *key_end, *value;

        if (!colon) {
            continue;
        }
        line[strcspn(line, "\n")] = 0;
        for (key_end = colon; key_end > line && (key_end[-1] == '\t' || key_end[-1] == ' ');
             key_end--) {
        }
        *key_end = 0;
        value = colon[1] == ' ' ? colon + 2 : colon + 1;
        entries += strcmp(line, "processor") == 0;
        for (int i = 0; i < nb_keys; i++) {
            if (strcmp(line, keys[i]) == 0 && strcmp(value, values[i]) != 0) {
                differ[i] = 1;
            }
        }
        if (strcmp(line, "flags") == 0) {
            flag_lines++;
            for (size_t i = 0; i < sizeof(cpuinfo_flags) / sizeof(cpuinfo_flags[0]); i++) {
                const CpuidFlagName *fl = &cpuinfo_flags[i];
                int set = cpuid_reg(fl->leaf, fl->subleaf, fl->reg) >> fl->bit & 1;

                if (set != has_word(colon, fl->name)) {
                    flag_differs[i] = 1;
                }
            }
        }
    }
    fclose(f);
    printf("one entry per online CPU: %d\n", entries == sysconf(_SC_NPROCESSORS_ONLN));
    printf("one flags line per entry: %d\n", flag_lines == entries);
    for (int i = 0; i < nb_keys; i++) {
        if (differ[i]) {
            printf("%s differs from CPUID\n", keys[i]);
            agree = 0;
        }
    }
    for (size_t i = 0; i < sizeof(cpuinfo_flags) / sizeof(cpuinfo_flags[0]); i++) {
        if (flag_differs[i]) {
            printf("flag %s differs from CPUID\n", cpuinfo_flags[i].name);
            agree = 0;
        }
    }
    printf("%s\n", agree ? "agree" : "disagree");
    return 0;
}
