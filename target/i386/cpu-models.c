/*
 * cpu-models.c: the CPU models -cpu names, QEMU 4.1's x86 list.  Each row
 * is what that model's CPUID says (vendor, highest basic and extended leaf,
 * family/model/stepping, feature words, brand), as Debian's QEMU 7.2 TCG
 * reports it; the emulator then advertises only the features it implements
 * as well (the translator refuses the others, as the CPU would), so a model
 * is that CPU limited to what we implement.  "max", the default, is all we
 * implement (cpu.c).  Icelake-Client, in 4.1's list, is left out: QEMU 7.2
 * no longer has it to read the facts from.
 */
#include "qemu/osdep.h"
#include "cpu.h"

struct X86CPUModel {
    const char *name;
    const char *vendor;
    uint32_t level, xlevel, version;
    uint32_t features, ext_features;            /* leaf 1 edx, ecx */
    uint32_t ext2_features, ext3_features;      /* leaf 0x80000001 edx, ecx */
    uint32_t feat_7_0_ebx;
    const char *model_id;
    uint32_t xsave_features;                    /* leaf 0xd subleaf 1 eax */
};

/* Leaf 0xd subleaf 1 of the models with XSAVE: XSAVEOPT from Sandy Bridge
   on, XSAVEC and XGETBV(1) from Skylake, XSAVES on the AMD parts (QEMU's
   models). */
#define XSAVE_OPT CPUID_XSAVE_XSAVEOPT
#define XSAVE_OPT_C (XSAVE_OPT | CPUID_XSAVE_XSAVEC | CPUID_XSAVE_XGETBV1)
#define XSAVE_OPT_C_S (XSAVE_OPT_C | CPUID_XSAVE_XSAVES)

static const X86CPUModel models[] = {
    /* Too old for the probe (its static C library needs CMOV): the
       features of the 486 and the Pentium are FPU VME PSE, plus DE TSC MSR
       MCE CX8 MMX APIC; "base" has none. */
    { "486", "GenuineIntel", 1, 0, 0x480,
      0x0000000b, 0, 0, 0, 0,
      "" },
    { "pentium", "GenuineIntel", 1, 0, 0x543,
      0x008003bf, 0, 0, 0, 0,
      "" },
    { "base", "GenuineIntel", 0xd, 0x80000008, 0,
      0, 0, 0, 0, 0,
      "" },
    { "Broadwell", "GenuineIntel", 0xd, 0x80000008, 0x306d2,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x1803a9,
      "Intel Core Processor (Broadwell)", XSAVE_OPT },
    { "Broadwell-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x306d2,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x1803a9,
      "Intel Core Processor (Broadwell, IBRS)", XSAVE_OPT },
    { "Broadwell-noTSX", "GenuineIntel", 0xd, 0x80000008, 0x306d2,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x1803a9,
      "Intel Core Processor (Broadwell, no TSX)", XSAVE_OPT },
    { "Broadwell-noTSX-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x306d2,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x1803a9,
      "Intel Core Processor (Broadwell, no TSX, IBRS)", XSAVE_OPT },
    { "Cascadelake-Server", "GenuineIntel", 0xd, 0x80000008, 0x50656,
      0x78bfbfd, 0xfed83203, 0x2c100800, 0x21, 0x19803a9,
      "Intel Xeon Processor (Cascadelake)", XSAVE_OPT_C },
    { "Conroe", "GenuineIntel", 0xa, 0x80000008, 0x6f3,
      0x78bfbfd, 0x80000201, 0x20100800, 0x1, 0,
      "Intel Celeron_4x0 (Conroe/Merom Class Core 2)" },
    { "Dhyana", "HygonGenuine", 0xd, 0x8000001e, 0x900f01,
      0x78bfbfd, 0xfcd83209, 0x2c500800, 0x75, 0x9801a9,
      "Hygon Dhyana Processor", XSAVE_OPT_C_S },
    { "EPYC", "AuthenticAMD", 0xd, 0x8000001e, 0x800f12,
      0x78bfbfd, 0xfed8320b, 0x2dd3fbfd, 0x75, 0x9801a9,
      "AMD EPYC Processor", XSAVE_OPT_C_S },
    { "EPYC-IBPB", "AuthenticAMD", 0xd, 0x8000001e, 0x800f12,
      0x78bfbfd, 0xfed8320b, 0x2dd3fbfd, 0x75, 0x9801a9,
      "AMD EPYC Processor (with IBPB)", XSAVE_OPT_C_S },
    { "Haswell", "GenuineIntel", 0xd, 0x80000008, 0x306c4,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x3a9,
      "Intel Core Processor (Haswell)", XSAVE_OPT },
    { "Haswell-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x306c4,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x3a9,
      "Intel Core Processor (Haswell, IBRS)", XSAVE_OPT },
    { "Haswell-noTSX", "GenuineIntel", 0xd, 0x80000008, 0x306c1,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x3a9,
      "Intel Core Processor (Haswell, no TSX)", XSAVE_OPT },
    { "Haswell-noTSX-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x306c1,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x3a9,
      "Intel Core Processor (Haswell, no TSX, IBRS)", XSAVE_OPT },
    { "Icelake-Server", "GenuineIntel", 0xd, 0x80000008, 0x80660,
      0x78bfbfd, 0xfed83203, 0x2c100800, 0x21, 0x19803a9,
      "Intel Xeon Processor (Icelake)", XSAVE_OPT_C },
    { "IvyBridge", "GenuineIntel", 0xd, 0x80000008, 0x306a9,
      0x78bfbfd, 0xfe982203, 0x28100800, 0x1, 0x281,
      "Intel Xeon E3-12xx v2 (Ivy Bridge)", XSAVE_OPT },
    { "IvyBridge-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x306a9,
      0x78bfbfd, 0xfe982203, 0x28100800, 0x1, 0x281,
      "Intel Xeon E3-12xx v2 (Ivy Bridge, IBRS)", XSAVE_OPT },
    { "KnightsMill", "GenuineIntel", 0xd, 0x80000008, 0x80650,
      0xf8bfbfd, 0xfed83203, 0x2c100800, 0x21, 0x803a9,
      "Intel Xeon Phi Processor (Knights Mill)", XSAVE_OPT },
    { "Nehalem", "GenuineIntel", 0xb, 0x80000008, 0x106a3,
      0x78bfbfd, 0x80982201, 0x20100800, 0x1, 0,
      "Intel Core i7 9xx (Nehalem Class Core i7)" },
    { "Nehalem-IBRS", "GenuineIntel", 0xb, 0x80000008, 0x106a3,
      0x78bfbfd, 0x80982201, 0x20100800, 0x1, 0,
      "Intel Core i7 9xx (Nehalem Core i7, IBRS update)" },
    { "Opteron_G1", "AuthenticAMD", 0x5, 0x80000008, 0xf61,
      0x78bfbfd, 0x80000001, 0x2193fbfd, 0, 0,
      "AMD Opteron 240 (Gen 1 Class Opteron)" },
    { "Opteron_G2", "AuthenticAMD", 0x5, 0x8000000a, 0xf61,
      0x78bfbfd, 0x80002001, 0x2193fbfd, 0x5, 0,
      "AMD Opteron 22xx (Gen 2 Class Opteron)" },
    { "Opteron_G3", "AuthenticAMD", 0x5, 0x8000000a, 0x100f23,
      0x78bfbfd, 0x80802009, 0x2993fbfd, 0x65, 0,
      "AMD Opteron 23xx (Gen 3 Class Opteron)" },
    { "Opteron_G4", "AuthenticAMD", 0xd, 0x8000001a, 0x600f12,
      0x78bfbfd, 0x9e982203, 0x2d93fbfd, 0x65, 0,
      "AMD Opteron 62xx class CPU" },
    { "Opteron_G5", "AuthenticAMD", 0xd, 0x8000001a, 0x600f20,
      0x78bfbfd, 0xbe983203, 0x2d93fbfd, 0x65, 0,
      "AMD Opteron 63xx class CPU" },
    { "Penryn", "GenuineIntel", 0xa, 0x80000008, 0x10673,
      0x78bfbfd, 0x80082201, 0x20100800, 0x1, 0,
      "Intel Core 2 Duo P9xxx (Penryn Class Core 2)" },
    { "SandyBridge", "GenuineIntel", 0xd, 0x80000008, 0x206a1,
      0x78bfbfd, 0x9e982203, 0x28100800, 0x1, 0,
      "Intel Xeon E312xx (Sandy Bridge)", XSAVE_OPT },
    { "SandyBridge-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x206a1,
      0x78bfbfd, 0x9e982203, 0x28100800, 0x1, 0,
      "Intel Xeon E312xx (Sandy Bridge, IBRS update)", XSAVE_OPT },
    { "Skylake-Client", "GenuineIntel", 0xd, 0x80000008, 0x506e3,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x1803a9,
      "Intel Core Processor (Skylake)", XSAVE_OPT_C },
    { "Skylake-Client-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x506e3,
      0x78bfbfd, 0xfed83203, 0x28100800, 0x21, 0x1803a9,
      "Intel Core Processor (Skylake, IBRS)", XSAVE_OPT_C },
    { "Skylake-Server", "GenuineIntel", 0xd, 0x80000008, 0x50654,
      0x78bfbfd, 0xfed83203, 0x2c100800, 0x21, 0x19803a9,
      "Intel Xeon Processor (Skylake)", XSAVE_OPT_C },
    { "Skylake-Server-IBRS", "GenuineIntel", 0xd, 0x80000008, 0x50654,
      0x78bfbfd, 0xfed83203, 0x2c100800, 0x21, 0x11803a9,
      "Intel Xeon Processor (Skylake, IBRS)", XSAVE_OPT_C },
    { "Westmere", "GenuineIntel", 0xb, 0x80000008, 0x206c1,
      0x78bfbfd, 0x82982203, 0x20100800, 0x1, 0,
      "Westmere E56xx/L56xx/X56xx (Nehalem-C)" },
    { "Westmere-IBRS", "GenuineIntel", 0xb, 0x80000008, 0x206c1,
      0x78bfbfd, 0x82982203, 0x20100800, 0x1, 0,
      "Westmere E56xx/L56xx/X56xx (IBRS update)" },
    { "athlon", "AuthenticAMD", 0x2, 0x80000008, 0x623,
      0x783fbfd, 0x80000000, 0xc1c3f3fd, 0, 0,
      "QEMU Virtual CPU version 2.5+" },
    { "core2duo", "GenuineIntel", 0xa, 0x80000008, 0x6fb,
      0xfcbfbfd, 0x80002209, 0x20100800, 0x1, 0,
      "Intel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz" },
    { "coreduo", "GenuineIntel", 0xa, 0x80000008, 0x6e8,
      0xfc9fbfd, 0x80000009, 0x100000, 0, 0,
      "Genuine Intel(R) CPU           T2600  @ 2.16GHz" },
    { "kvm32", "GenuineIntel", 0x5, 0x80000008, 0xf61,
      0x78bfbfd, 0x80000001, 0, 0, 0,
      "Common 32-bit KVM processor" },
    { "kvm64", "GenuineIntel", 0xd, 0x80000008, 0xf61,
      0x78bfbfd, 0x80002001, 0x20100800, 0, 0,
      "Common KVM processor" },
    { "n270", "GenuineIntel", 0xa, 0x80000008, 0x106c2,
      0xfc9fbfd, 0x80400209, 0x100000, 0x1, 0,
      "Intel(R) Atom(TM) CPU N270   @ 1.60GHz" },
    { "pentium2", "GenuineIntel", 0x2, 0x1, 0x652,
      0x183fbfd, 0x80000000, 0, 0, 0,
      "" },
    { "pentium3", "GenuineIntel", 0x3, 0, 0x673,
      0x383fbfd, 0x80000000, 0, 0, 0,
      "" },
    { "phenom", "AuthenticAMD", 0x5, 0x8000001a, 0x100f23,
      0x78bfbfd, 0x80802009, 0xedd3fbfd, 0x65, 0,
      "AMD Phenom(tm) 9550 Quad-Core Processor" },
    { "qemu32", "GenuineIntel", 0x4, 0x80000004, 0x663,
      0x781abfd, 0x80000001, 0, 0, 0,
      "QEMU Virtual CPU version 2.5+" },
    { "qemu64", "AuthenticAMD", 0xd, 0x8000000a, 0x60fb1,
      0x78bfbfd, 0x80002001, 0x2193fbfd, 0x5, 0,
      "QEMU Virtual CPU version 2.5+" },
};

static const X86CPUModel *selected;     /* NULL: max */

int x86_cpu_select_model(const char *name)
{
    if (strcmp(name, "max") == 0) {
        selected = NULL;
        return 0;
    }
    for (size_t i = 0; i < ARRAY_SIZE(models); i++) {
        if (strcmp(name, models[i].name) == 0) {
#ifdef TARGET_X86_64
            if (!(models[i].ext2_features & CPUID_EXT2_LM)) {
                return -EINVAL;
            }
#endif
            selected = &models[i];
            return 0;
        }
    }
    return -ENOENT;
}

void x86_cpu_list_models(FILE *f)
{
    fprintf(f, "Available CPUs:\n");
    for (size_t i = 0; i < ARRAY_SIZE(models); i++) {
        fprintf(f, "x86 %-22s %s\n", models[i].name, models[i].model_id);
    }
    fprintf(f, "x86 %-22s %s\n", "max", "everything the emulator implements (the default)");
}

void x86_cpu_apply_model(CPUX86State *env)
{
    const X86CPUModel *m = selected;
    uint32_t ext2_allowed = env->cpuid_ext2_features
                            | (env->cpuid_features & CPUID_EXT2_AMD_ALIASES);

    if (!m) {
        return;
    }
    env->cpuid_level = m->level;
    env->cpuid_xlevel = m->xlevel;
    x86_cpu_set_vendor(env, m->vendor);
    env->cpuid_version = m->version;
    env->cpuid_features &= m->features;
    env->cpuid_ext_features &= m->ext_features;
    env->cpuid_ext2_features = ext2_allowed & m->ext2_features;
    env->cpuid_ext3_features &= m->ext3_features;
    env->cpuid_7_0_ebx_features &= m->feat_7_0_ebx;
    env->cpuid_xsave_features &= m->xsave_features;
    env->cpuid_model_id = m->model_id;
}
