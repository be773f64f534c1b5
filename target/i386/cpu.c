/*
 * cpu.c: the guest CPU model: the initial user-mode state (cpu_x86_init),
 * the CPUID leaves (a Core 2-like Intel part advertising only what the
 * translator implements), and segment register loads.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/cpu-all.h"

/* Family 6, model 15, stepping 11: a Core 2 Duo. */
#define CPU_VERSION 0x000006fb
#define CPU_BRAND "x86 emulator CPU"

/* Descriptor flags as the kernel sets them up for user segments. */
#define SEG_FLAGS_CODE64 0x00affb00
#define SEG_FLAGS_CODE32 0x00cffb00
#define SEG_FLAGS_DATA   0x00cff300

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
    env->cpuid_xlevel = 0x80000008;
    x86_cpu_set_vendor(env, X86_CPU_VENDOR);
    env->cpuid_version = CPU_VERSION;
    env->cpuid_model_id = CPU_BRAND;
    /* Exactly what the translator implements; this set is also glibc's
       x86-64 baseline ISA level (CMOV CX8 FPU FXSR MMX SSE SSE2), below
       which its loader refuses to run. */
    env->cpuid_features = CPUID_FP87 | CPUID_TSC | CPUID_CX8 | CPUID_CMOV |
                          CPUID_MMX | CPUID_FXSR | CPUID_SSE | CPUID_SSE2;
    /* SSE3 to SSE4.2 with AES-NI and PCLMULQDQ (x86-64-v2 plus those),
       and the integer extensions.  No AVX, and so no XSAVE/OSXSAVE: the
       vector state is FXSAVE's. */
    env->cpuid_ext_features = CPUID_EXT_SSE3 | CPUID_EXT_PCLMULQDQ |
                              CPUID_EXT_SSSE3 | CPUID_EXT_SSE41 |
                              CPUID_EXT_SSE42 | CPUID_EXT_AES |
                              CPUID_EXT_MOVBE | CPUID_EXT_POPCNT;
    env->cpuid_ext2_features = CPUID_EXT2_RDTSCP;
    env->cpuid_ext3_features = CPUID_EXT3_LAHF_LM | CPUID_EXT3_ABM |
                               CPUID_EXT3_3DNOWPREFETCH;
    env->cpuid_7_0_ebx_features = CPUID_7_0_EBX_BMI1 | CPUID_7_0_EBX_BMI2 |
                                  CPUID_7_0_EBX_ADX;
#ifdef TARGET_X86_64
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

/*
 * FS and GS bases come from the descriptor the selector names (set up by
 * set_thread_area / modify_ldt in linux-user); a null selector gives base
 * 0, as on Intel parts.  The other segments are flat.
 */
void cpu_x86_load_seg(CPUX86State *env, int seg_reg, int selector)
{
    SegmentCache *sc = &env->segs[seg_reg];

    selector &= 0xffff;
    sc->selector = selector;
    if (seg_reg == R_FS || seg_reg == R_GS) {
        sc->base = (selector & ~3) ? x86_seg_base_for_selector(env, selector) : 0;
    }
#ifdef TARGET_X86_64
    sc->flags = !(selector & ~3) ? 0 :
                seg_reg == R_CS ? SEG_FLAGS_CODE64 : SEG_FLAGS_DATA;
#else
    sc->flags = !(selector & ~3) ? 0 :
                seg_reg == R_CS ? SEG_FLAGS_CODE32 : SEG_FLAGS_DATA;
#endif
    sc->limit = (selector & ~3) ? 0xffffffff : 0;
}

/* Leaf 4 subleaves: L1 data, L1 code, unified L2 (then "no more caches"). */
static void cache_leaf(uint32_t count, uint32_t *eax, uint32_t *ebx,
                       uint32_t *ecx, uint32_t *edx)
{
    static const struct {
        uint8_t type, level;
        uint16_t ways;
        uint32_t sets;
    } caches[] = {
        { 1, 1, 8, 64 },        /* 32 KiB, 8-way, 64-byte lines */
        { 2, 1, 8, 64 },
        { 3, 2, 8, 4096 },      /* 2 MiB */
    };

    *eax = *ebx = *ecx = *edx = 0;
    if (count < ARRAY_SIZE(caches)) {
        *eax = caches[count].type | caches[count].level << 5 | 1 << 8;
        *ebx = 63 | (uint32_t)(caches[count].ways - 1) << 22;
        *ecx = caches[count].sets - 1;
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

/* Leaves the model does not know read as zeros. */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    uint32_t *regs[4] = { eax, ebx, ecx, edx };

    *eax = *ebx = *ecx = *edx = 0;
    switch (index) {
    case 0:
        *eax = env->cpuid_level;
        *ebx = env->cpuid_vendor1;
        *edx = env->cpuid_vendor2;
        *ecx = env->cpuid_vendor3;
        break;
    case 1:
        *eax = env->cpuid_version;
        *ebx = 8 << 8 | 1 << 16;    /* clflush line 64 bytes, 1 logical cpu */
        *ecx = env->cpuid_ext_features;
        *edx = env->cpuid_features;
        break;
    case 2:
        /* one round: L1d 0x2c, L1i 0x30, L2 0x7d (2 MiB 8-way) */
        *eax = 1;
        *edx = 0x2c << 16 | 0x30 << 8 | 0x7d;
        break;
    case 4:
        cache_leaf(count, eax, ebx, ecx, edx);
        break;
    case 7:
        if (count == 0) {
            *ebx = env->cpuid_7_0_ebx_features;
        }
        break;
    case 0x80000000:
        *eax = env->cpuid_xlevel;
        break;
    case 0x80000001:
        *ecx = env->cpuid_ext3_features;
        *edx = env->cpuid_ext2_features;
        break;
    case 0x80000002 ... 0x80000004:
        brand_leaf(env, index, regs);
        break;
    case 0x80000006:
        *ecx = 2048 << 16 | 6 << 12 | 64;     /* 2 MiB, 8-way, 64-byte lines */
        break;
    case 0x80000008:
#ifdef TARGET_X86_64
        *eax = 48 << 8 | 40;                  /* virtual, physical bits */
#else
        *eax = 32 << 8 | 36;
#endif
        break;
    }
}
