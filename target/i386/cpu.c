/*
 * cpu.c: the guest CPU model: the initial user-mode state (cpu_x86_init),
 * the CPUID leaves, and segment register loads.  The default model ("max")
 * is QEMU's "EPYC" (AMD family 17h model 1, Zen) limited to what the
 * translator implements; why that part, and what each leaf says, is in
 * docs/devel/translator.md ("CPUID").
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/cpu-all.h"

/* Family 17h (0xf + extended 0x8), model 1, stepping 2: EPYC 7001. */
#define CPU_VERSION 0x00800f12
#define CPU_BRAND "AMD EPYC Processor"

/* Descriptor flags as the kernel sets them up for user segments. */
#define SEG_FLAGS_CODE64 0x00affb00
#define SEG_FLAGS_CODE32 0x00cffb00
#define SEG_FLAGS_DATA   0x00cff300
#define SEG_FLAG_DB      0x00400000     /* D/B: 32-bit code or stack */

static uint32_t str_le32(const char *s)
{
    return (uint8_t)s[0] | (uint8_t)s[1] << 8 | (uint8_t)s[2] << 16 |
           (uint32_t)(uint8_t)s[3] << 24;
}

static void set_seg(CPUX86State *env, int seg, int selector, uint32_t flags)
{
    env->segs[seg].selector = selector;
    env->segs[seg].base = 0;
    env->segs[seg].limit = flags ? 0xffffffff : 0;
    env->segs[seg].flags = flags;
}

void x86_cpu_set_vendor(CPUX86State *env, const char *vendor)
{
    env->cpuid_vendor1 = str_le32(vendor);
    env->cpuid_vendor2 = str_le32(vendor + 4);
    env->cpuid_vendor3 = str_le32(vendor + 8);
}

/* The "max" model, then the one -cpu chose (cpu-models.c) cut down from it. */
static void init_cpuid(CPUX86State *env)
{
    env->cpuid_level = 0xd;
    env->cpuid_xlevel = 0x8000001e;
    x86_cpu_set_vendor(env, X86_CPU_VENDOR);
    env->cpuid_version = CPU_VERSION;
    env->cpuid_model_id = CPU_BRAND;
    /* Exactly what the translator implements; this set is also glibc's
       x86-64 baseline ISA level (CMOV CX8 FPU FXSR MMX SSE SSE2), below
       which its loader refuses to run. */
    env->cpuid_features = CPUID_FP87 | CPUID_TSC | CPUID_CX8 | CPUID_CMOV |
                          CPUID_CLFSH | CPUID_MMX | CPUID_FXSR | CPUID_SSE |
                          CPUID_SSE2;
    /* SSE3 to SSE4.2 with AES-NI and PCLMULQDQ (x86-64-v2 plus those),
       and the integer extensions.  No AVX. */
    env->cpuid_ext_features = CPUID_EXT_SSE3 | CPUID_EXT_PCLMULQDQ |
                              CPUID_EXT_SSSE3 | CPUID_EXT_SSE41 |
                              CPUID_EXT_SSE42 | CPUID_EXT_AES |
                              CPUID_EXT_MOVBE | CPUID_EXT_POPCNT |
                              CPUID_EXT_XSAVE | CPUID_EXT_OSXSAVE;
    /* XSAVE for the x87 and SSE components (xsave_helper.c); xsaves and
       xrstors exist and are privileged (#GP) at CPL 3, as on Zen. */
    env->cpuid_xsave_features = CPUID_XSAVE_XSAVEOPT | CPUID_XSAVE_XSAVEC |
                                CPUID_XSAVE_XGETBV1 | CPUID_XSAVE_XSAVES;
    /* AMD repeats leaf 1's edx bits in 0x80000001; MMXEXT is SSE's integer
       instructions on mm registers (pshufw, pminub, maskmovq...). */
    env->cpuid_ext2_features = CPUID_EXT2_RDTSCP | CPUID_EXT2_MMXEXT |
                               (env->cpuid_features & CPUID_EXT2_AMD_ALIASES);
    /* TOPOEXT: leaves 0x8000001d and 0x8000001e are there.  MISALIGNSSE:
       MXCSR.MM, as Zen has it (FXSAVE's MXCSR_MASK 0x2ffff). */
    env->cpuid_ext3_features = CPUID_EXT3_LAHF_LM | CPUID_EXT3_ABM |
                               CPUID_EXT3_MISALIGNSSE | CPUID_EXT3_3DNOWPREFETCH |
                               CPUID_EXT3_TOPOEXT;
    env->cpuid_7_0_ebx_features = CPUID_7_0_EBX_BMI1 | CPUID_7_0_EBX_BMI2 |
                                  CPUID_7_0_EBX_ADX;
#ifdef TARGET_X86_64
    /* rd/wr fs/gs base: 64-bit mode only, so an i386 guest is not told. */
    env->cpuid_7_0_ebx_features |= CPUID_7_0_EBX_FSGSBASE;
    env->cpuid_ext_features |= CPUID_EXT_CX16;
    env->cpuid_ext2_features |= CPUID_EXT2_SYSCALL | CPUID_EXT2_NX |
                                CPUID_EXT2_LM;
#endif
    x86_cpu_apply_model(env);
}

CPUX86State *cpu_x86_init(void)
{
    CPUX86State *env = calloc(1, sizeof(*env));
    int i;

    if (!env) {
        cpu_abort_msg("cpu_x86_init: out of memory");
    }
    x86_probe_host_quirks();
    init_cpuid(env);
    env->guest_addr_end = guest_addr_end;
#ifdef TARGET_X86_64
    env->hflags = HF_CPL_MASK | HF_CS64_MASK | HF_LMA_MASK | HF_CS32_MASK |
                  HF_SS32_MASK | HF_OSFXSR_MASK;
    set_seg(env, R_CS, 0x33, SEG_FLAGS_CODE64);
    set_seg(env, R_SS, 0x2b, SEG_FLAGS_DATA);
#else
    env->hflags = HF_CPL_MASK | HF_CS32_MASK | HF_SS32_MASK | HF_OSFXSR_MASK;
    set_seg(env, R_CS, 0x73, SEG_FLAGS_CODE32);
    set_seg(env, R_SS, 0x7b, SEG_FLAGS_DATA);
    set_seg(env, R_DS, 0x7b, SEG_FLAGS_DATA);
    set_seg(env, R_ES, 0x7b, SEG_FLAGS_DATA);
#endif
    env->eflags = IF_MASK | 0x2;
    env->cc_op = CC_OP_EFLAGS;
    env->df = 1;
    env->fpuc = 0x37f;
    for (i = 0; i < 8; i++) {
        env->fptags[i] = 1;
    }
    env->mxcsr = 0x1f80;
    env->exception_index = -1;
    return env;
}

uint32_t x86_user_desc_rights(const X86UserDesc *u)
{
    uint32_t f = u->flags;
    uint32_t type = 1 | !(f & USER_DESC_READ_EXEC_ONLY) << 1 |
                    ((f >> USER_DESC_CONTENTS_SHIFT) & 3) << 2;

    return type << 8 | 1 << 12 | 3 << 13 |
           !(f & USER_DESC_SEG_NOT_PRESENT) << 15 | (u->limit & 0xf0000) |
           !!(f & USER_DESC_USEABLE) << 20 | !!(f & USER_DESC_SEG_32BIT) << 22 |
           !!(f & USER_DESC_LIMIT_IN_PAGES) << 23;
}

uint32_t x86_user_desc_limit(const X86UserDesc *u)
{
    return u->flags & USER_DESC_LIMIT_IN_PAGES ? u->limit << 12 | 0xfff
                                                : u->limit;
}

/*
 * The mode bits of 32-bit code that follow the segment registers: the code
 * and stack sizes (D/B of CS and SS: a 16-bit code segment of the LDT), and
 * whether ES, CS, SS or DS has a base, which the translator then adds
 * (HF_ADDSEG).  64-bit code ignores all of that but FS and GS.
 */
void cpu_x86_update_hflags(CPUX86State *env)
{
#ifndef TARGET_X86_64
    uint32_t hf = env->hflags & ~(HF_CS32_MASK | HF_SS32_MASK | HF_ADDSEG_MASK);

    if (env->segs[R_CS].flags & SEG_FLAG_DB) {
        hf |= HF_CS32_MASK;
    }
    if (env->segs[R_SS].flags & SEG_FLAG_DB) {
        hf |= HF_SS32_MASK;
    }
    if (env->segs[R_ES].base | env->segs[R_CS].base | env->segs[R_SS].base |
        env->segs[R_DS].base) {
        hf |= HF_ADDSEG_MASK;
    }
    env->hflags = hf;
#endif
}

/*
 * The base, limit and rights come from the descriptor the selector names
 * when the process made it (set_thread_area, modify_ldt); the kernel's own
 * user segments are flat; a null selector gives base 0, as on Intel parts.
 */
void cpu_x86_load_seg(CPUX86State *env, int seg_reg, int selector)
{
    SegmentCache *sc = &env->segs[seg_reg];
    const X86UserDesc *u;

    selector &= 0xffff;
    u = (selector & ~3) ? x86_user_descriptor(env, selector) : NULL;
    sc->selector = selector;
    if (u) {
        sc->base = u->base;
        sc->limit = x86_user_desc_limit(u);
        sc->flags = x86_user_desc_rights(u);
    } else {
        sc->base = 0;
#ifdef TARGET_X86_64
        sc->flags = !(selector & ~3) ? 0 :
                    seg_reg == R_CS ? SEG_FLAGS_CODE64 : SEG_FLAGS_DATA;
#else
        sc->flags = !(selector & ~3) ? 0 :
                    seg_reg == R_CS ? SEG_FLAGS_CODE32 : SEG_FLAGS_DATA;
#endif
        sc->limit = (selector & ~3) ? 0xffffffff : 0;
    }
    cpu_x86_update_hflags(env);
}

/*
 * The caches the model describes, one table for Intel's leaf 4 and AMD's
 * 0x8000001d (the same layout) and AMD's older 0x80000005/6: EPYC 7001's
 * per-core L1 and L2 and its CCX's L3, each seen by one logical CPU (the
 * model has one core and one thread).  glibc sizes its memcpy/memset
 * thresholds from these (non-temporal stores beyond a fraction of L3).
 */
static const struct CacheInfo {
    uint8_t type, level;        /* type: 1 data, 2 code, 3 unified */
    uint8_t ways;
    uint8_t amd_ways_code;      /* 0x80000006's associativity field */
    uint32_t sets;
} caches[] = {
    { 1, 1, 8, 0, 64 },         /* 32 KiB */
    { 2, 1, 4, 0, 256 },        /* 64 KiB */
    { 3, 2, 8, 6, 1024 },       /* 512 KiB */
    { 3, 3, 16, 8, 8192 },      /* 8 MiB */
};
#define CACHE_LINE 64
enum { CACHE_L1D, CACHE_L1I, CACHE_L2, CACHE_L3 };

static uint32_t cache_kib(int i)
{
    return caches[i].ways * caches[i].sets * CACHE_LINE / 1024;
}

/* Leaf 4 (Intel) and 0x8000001d (AMD): one subleaf per cache, then a null
   type.  Self-initialising, one logical CPU sharing each. */
static void cache_topology_leaf(uint32_t count, uint32_t *regs[4])
{
    if (count < ARRAY_SIZE(caches)) {
        *regs[0] = caches[count].type | caches[count].level << 5 | 1 << 8;
        *regs[1] = (CACHE_LINE - 1) | (uint32_t)(caches[count].ways - 1) << 22;
        *regs[2] = caches[count].sets - 1;
    }
}

/* AMD's 0x80000005 (L1: KiB, ways, lines per tag, line size) and
   0x80000006 (L2 in ecx: KiB, coded ways; L3 in edx: 512 KiB units).
   The TLB words are Zen's. */
static void amd_cache_leaf(uint32_t index, uint32_t *regs[4])
{
    if (index == 0x80000005) {
        *regs[0] = *regs[1] = 0xff40ff40;
        *regs[2] = cache_kib(CACHE_L1D) << 24 | caches[CACHE_L1D].ways << 16 |
                   1 << 8 | CACHE_LINE;
        *regs[3] = cache_kib(CACHE_L1I) << 24 | caches[CACHE_L1I].ways << 16 |
                   1 << 8 | CACHE_LINE;
    } else {
        *regs[0] = 0x26006400;
        *regs[1] = 0x66006400;
        *regs[2] = cache_kib(CACHE_L2) << 16 | caches[CACHE_L2].amd_ways_code << 12 |
                   1 << 8 | CACHE_LINE;
        *regs[3] = cache_kib(CACHE_L3) / 512 << 18 |
                   caches[CACHE_L3].amd_ways_code << 12 | 1 << 8 | CACHE_LINE;
    }
}

static void brand_leaf(CPUX86State *env, uint32_t index, uint32_t *regs[4])
{
    char brand[48] = { 0 };
    const char *part = brand + (index - 0x80000002) * 16;
    int i;

    strncpy(brand, env->cpuid_model_id, sizeof(brand) - 1);
    for (i = 0; i < 4; i++) {
        *regs[i] = str_le32(part + i * 4);
    }
}

bool x86_cpu_is_amd(const CPUX86State *env)
{
    return env->cpuid_vendor1 == str_le32("Auth");
}

/*
 * A leaf past the maximum reads as zeros on AMD; Intel parts answer it with
 * their highest basic leaf (the SDM's CPUID "invalid input" rule), which is
 * how a Pentium II's 0x80000000 reads 1.  The leaves this vendor does not
 * define (2 and 4 on AMD, 0x80000005 and 0x8000001d/e on Intel) read as
 * zeros, as on those parts; so do the system leaves (5, 6, 0xa...) of
 * features the model lacks.
 */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    uint32_t *regs[4] = { eax, ebx, ecx, edx };
    bool amd = x86_cpu_is_amd(env);

    *eax = *ebx = *ecx = *edx = 0;
    if (index >= 0x80000000 ? index > env->cpuid_xlevel : index > env->cpuid_level) {
        if (amd) {
            return;
        }
        index = env->cpuid_level;
    }
    switch (index) {
    case 0:
        *eax = env->cpuid_level;
        *ebx = env->cpuid_vendor1;
        *edx = env->cpuid_vendor2;
        *ecx = env->cpuid_vendor3;
        break;
    case 1:
        *eax = env->cpuid_version;
        /* clflush line (8-byte units), one logical CPU, APIC id 0 */
        *ebx = (CACHE_LINE / 8) << 8 | 1 << 16;
        *ecx = env->cpuid_ext_features;
        *edx = env->cpuid_features;
        break;
    case 2:
        /*
         * One round; descriptor 0xff sends software to leaf 4.  A model
         * without leaf 4 gets the old one-byte descriptors instead (glibc
         * would otherwise walk leaf 4's subleaves, which read as this leaf,
         * for ever): 0x2c L1d and 0x30 L1i 32 KiB 8-way, 0x80 L2 512 KiB
         * 8-way, 64-byte lines, in edx: in eax they would give a Pentium
         * II's 0x80000000 (which reads this leaf) an extended range.  No
         * descriptor says 64 KiB 4-way, so L1i reads half its size there.
         */
        if (amd) {
            break;
        } else if (env->cpuid_level >= 4) {
            *eax = 0xff01;
        } else {
            *eax = 1;
            *edx = 0x80302c;
        }
        break;
    case 4:
        if (!amd) {
            cache_topology_leaf(count, regs);
        }
        break;
    case 7:
        if (count == 0) {
            *ebx = env->cpuid_7_0_ebx_features;
        }
        break;
    case 0xd:
        x86_cpuid_xsave_leaf(env, count, regs);
        break;
    case 0x80000000:
        *eax = env->cpuid_xlevel;
        if (amd) {
            *ebx = env->cpuid_vendor1;
            *edx = env->cpuid_vendor2;
            *ecx = env->cpuid_vendor3;
        }
        break;
    case 0x80000001:
        *eax = amd ? env->cpuid_version : 0;
        *ecx = env->cpuid_ext3_features;
        *edx = env->cpuid_ext2_features;
        break;
    case 0x80000002 ... 0x80000004:
        brand_leaf(env, index, regs);
        break;
    case 0x80000005:
        if (amd) {
            amd_cache_leaf(index, regs);
        }
        break;
    case 0x80000006:
        if (amd) {
            amd_cache_leaf(index, regs);
        } else {
            *ecx = cache_kib(CACHE_L2) << 16 | 6 << 12 | CACHE_LINE;
        }
        break;
    case 0x80000008:
#ifdef TARGET_X86_64
        *eax = 48 << 8 | 48;                  /* virtual, physical bits */
#else
        *eax = 32 << 8 | 36;
#endif
        break;                  /* ecx: one core (NC = 0) */
    case 0x8000001d:
        if (env->cpuid_ext3_features & CPUID_EXT3_TOPOEXT) {
            cache_topology_leaf(count, regs);
        }
        break;
    }
}
