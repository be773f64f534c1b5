/*
 * fpu_state_helper.c: the x87/SSE control and state-image helpers: FNSTSW,
 * FNCLEX, FNINIT, FNSTENV/FLDENV, FNSAVE/FRSTOR, FXSAVE/FXRSTOR, and the
 * cpu_x86_* entry points linux-user uses to build and read the FP part of
 * signal frames with the same image layouts.  The FXSAVE image is stored
 * in parts (fxsave-image.h) that XSAVE (xsave_helper.c) reuses.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "fpu-stack.h"
#include "sse-fp.h"
#include "excp.h"

#include "fxsave-image.h"

/* FNSTENV image: seven fields of 2 (16-bit operand size) or 4 bytes. */
enum { ENV_FCW, ENV_FSW, ENV_FTW, ENV_FIP, ENV_FCS_FOP, ENV_FDP, ENV_FDS,
       ENV_FIELDS };

static uint16_t fpu_status_word(CPUX86State *env)
{
    return (env->fpus & ~FPUS_TOP) | (env->fpstt & 7) << 11;
}

static void fpu_load_status_word(CPUX86State *env, uint16_t sw)
{
    env->fpus = sw & ~FPUS_TOP;
    env->fpstt = (sw & FPUS_TOP) >> 11;
}

/*
 * Loading the control word keeps the mask, precision, rounding and
 * infinity fields; bit 6 reads as one and the others as zero (measured on
 * this host).  With either word loaded, ES and B say whether an exception
 * flag is set whose mask is clear, whatever the image said.
 */
#define FPUC_WRITABLE   0x1f3f
#define FPUC_ONES       0x0040
#define FPU_FOP_BITS    0x07ff

static void fpu_load_control_word(CPUX86State *env, uint16_t cw)
{
    env->fpuc = (cw & FPUC_WRITABLE) | FPUC_ONES;
}

static void fpu_update_summary(CPUX86State *env)
{
    if (env->fpus & ~env->fpuc & FPUS_EXC) {
        env->fpus |= FPUS_ES | FPUS_B;
    } else {
        env->fpus &= ~(FPUS_ES | FPUS_B);
    }
}

static void fpu_init(CPUX86State *env)
{
    env->fpuc = FPUC_DEFAULT;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpip = env->fpdp = 0;
    env->fpop = env->fpcs = env->fpds = 0;
}

/*
 * Whether FXSAVE (and XSAVE's x87 component) stores FOP, FIP and FDP.  AMD
 * parts store them only while an unmasked exception is pending (ES), zeros
 * otherwise (measured on this Zen host; Linux's X86_BUG_FXSAVE_LEAK); Intel
 * parts always.  FNSTENV and FNSAVE always store them.
 */
static bool fxsave_stores_pointers(const CPUX86State *env)
{
    return !x86_cpu_is_amd(env) || (env->fpus & FPUS_ES);
}

void cpu_x86_fxsave_pointers(const CPUX86State *env, uint64_t *fip, uint64_t *fdp)
{
    bool stored = fxsave_stores_pointers(env);

    *fip = stored ? env->fpip : 0;
    *fdp = stored ? env->fpdp : 0;
}

/* Every store below writes several parts: the whole area is checked for
   write first, so that a fault leaves memory untouched, as on hardware. */
static void floatx80_write(CPUX86State *env, target_ulong addr, floatx80 f,
                           uintptr_t ra)
{
    tlb_check_range(env, addr, FLOATX80_BYTES, PAGE_WRITE, ra);
    cpu_stq_data_ra(env, addr, f.low, ra);
    cpu_stuw_data_ra(env, addr + 8, f.high, ra);
}

static floatx80 floatx80_read(CPUX86State *env, target_ulong addr,
                              uintptr_t ra)
{
    floatx80 f;

    f.low = cpu_ldq_data_ra(env, addr, ra);
    f.high = cpu_lduw_data_ra(env, addr + 8, ra);
    return f;
}

/* ---- FNSTENV / FLDENV / FNSAVE / FRSTOR ---- */

static int fpu_env_size(bool data32)
{
    return ENV_FIELDS * (data32 ? 4 : 2);
}

static void fpu_store_env(CPUX86State *env, target_ulong addr, bool data32,
                          uintptr_t ra)
{
    uint32_t field[ENV_FIELDS] = { 0 };
    uint16_t tags = 0;

    tlb_check_range(env, addr, fpu_env_size(data32), PAGE_WRITE, ra);
    for (int i = 0; i < 8; i++) {
        tags |= fpu_full_tag(env, i) << (2 * i);
    }
    field[ENV_FCW] = env->fpuc;
    field[ENV_FSW] = fpu_status_word(env);
    field[ENV_FTW] = tags;
    field[ENV_FIP] = env->fpip;
    field[ENV_FCS_FOP] = env->fpcs | (uint32_t)env->fpop << 16;
    field[ENV_FDP] = env->fpdp;
    field[ENV_FDS] = env->fpds;
    for (int i = 0; i < ENV_FIELDS; i++) {
        if (data32) {
            /* the unused upper halves read as ones (FOP shares its word) */
            uint32_t pad = i <= ENV_FTW || i == ENV_FDS ? 0xffff0000 : 0;
            cpu_stl_data_ra(env, addr + 4 * i, field[i] | pad, ra);
        } else {
            cpu_stuw_data_ra(env, addr + 2 * i, field[i], ra);
        }
    }
}

static void fpu_load_env(CPUX86State *env, target_ulong addr, bool data32,
                         uintptr_t ra)
{
    int stride = data32 ? 4 : 2;
    uint16_t tags;

    fpu_load_control_word(env, cpu_lduw_data_ra(env, addr + stride * ENV_FCW, ra));
    fpu_load_status_word(env, cpu_lduw_data_ra(env, addr + stride * ENV_FSW, ra));
    fpu_update_summary(env);
    tags = cpu_lduw_data_ra(env, addr + stride * ENV_FTW, ra);
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = ((tags >> (2 * i)) & 3) == TAG_EMPTY;
    }
    /* the 16-bit image has no FOP: it loads as zero */
    if (data32) {
        uint32_t cs_op = cpu_ldl_data_ra(env, addr + 4 * ENV_FCS_FOP, ra);

        env->fpip = cpu_ldl_data_ra(env, addr + 4 * ENV_FIP, ra);
        env->fpcs = cs_op;
        env->fpop = (cs_op >> 16) & FPU_FOP_BITS;
        env->fpdp = cpu_ldl_data_ra(env, addr + 4 * ENV_FDP, ra);
        env->fpds = cpu_lduw_data_ra(env, addr + 4 * ENV_FDS, ra);
    } else {
        env->fpip = cpu_lduw_data_ra(env, addr + 2 * ENV_FIP, ra);
        env->fpcs = cpu_lduw_data_ra(env, addr + 2 * ENV_FCS_FOP, ra);
        env->fpop = 0;
        env->fpdp = cpu_lduw_data_ra(env, addr + 2 * ENV_FDP, ra);
        env->fpds = cpu_lduw_data_ra(env, addr + 2 * ENV_FDS, ra);
    }
}

static void fpu_save(CPUX86State *env, target_ulong addr, bool data32,
                     uintptr_t ra)
{
    target_ulong regs = addr + fpu_env_size(data32);

    tlb_check_range(env, addr, fpu_env_size(data32) + 8 * FLOATX80_BYTES,
                    PAGE_WRITE, ra);
    fpu_store_env(env, addr, data32, ra);
    for (int i = 0; i < 8; i++) {
        floatx80_write(env, regs + FLOATX80_BYTES * i,
                       env->fpregs[st_index(env, i)].d, ra);
    }
    fpu_init(env);
}

static void fpu_restore(CPUX86State *env, target_ulong addr, bool data32,
                        uintptr_t ra)
{
    target_ulong regs = addr + fpu_env_size(data32);

    fpu_load_env(env, addr, data32, ra);
    for (int i = 0; i < 8; i++) {
        env->fpregs[st_index(env, i)].d =
            floatx80_read(env, regs + FLOATX80_BYTES * i, ra);
    }
}

/* ---- FXSAVE / FXRSTOR, and the parts XSAVE stores by component ---- */

/*
 * Bytes 6-23: FOP, then FIP and FDP as 64-bit offsets in the REX.W form
 * (wide), or each as a 32-bit offset followed by its selector.
 */
void fxsave_x87_part(CPUX86State *env, target_ulong addr, bool wide, uintptr_t ra)
{
    bool pointers = fxsave_stores_pointers(env);
    uint8_t abridged_tags = 0;

    for (int i = 0; i < 8; i++) {
        abridged_tags |= !env->fptags[i] << i;
    }
    cpu_stuw_data_ra(env, addr + FXSAVE_FCW, env->fpuc, ra);
    cpu_stuw_data_ra(env, addr + FXSAVE_FSW, fpu_status_word(env), ra);
    cpu_stuw_data_ra(env, addr + FXSAVE_FTW, abridged_tags, ra);
    cpu_stuw_data_ra(env, addr + FXSAVE_FOP, pointers ? env->fpop : 0, ra);
    if (!pointers) {
        cpu_stq_data_ra(env, addr + FXSAVE_FIP, 0, ra);
        cpu_stq_data_ra(env, addr + FXSAVE_FDP, 0, ra);
    } else if (wide) {
        cpu_stq_data_ra(env, addr + FXSAVE_FIP, env->fpip, ra);
        cpu_stq_data_ra(env, addr + FXSAVE_FDP, env->fpdp, ra);
    } else {
        cpu_stq_data_ra(env, addr + FXSAVE_FIP, (uint32_t)env->fpip | (uint64_t)env->fpcs << 32, ra);
        cpu_stq_data_ra(env, addr + FXSAVE_FDP, (uint32_t)env->fpdp | (uint64_t)env->fpds << 32, ra);
    }
    for (int i = 0; i < 8; i++) {
        target_ulong slot = addr + FXSAVE_ST + FXSAVE_REG_STRIDE * i;
        floatx80_write(env, slot, env->fpregs[st_index(env, i)].d, ra);
        cpu_stuw_data_ra(env, slot + 10, 0, ra);
        cpu_stl_data_ra(env, slot + 12, 0, ra);
    }
}

void fxsave_mxcsr_part(CPUX86State *env, target_ulong addr, uintptr_t ra)
{
    cpu_stl_data_ra(env, addr + FXSAVE_MXCSR, env->mxcsr, ra);
    cpu_stl_data_ra(env, addr + FXSAVE_MXCSR_MASK, mxcsr_writable(env), ra);
}

void fxsave_xmm_part(CPUX86State *env, target_ulong addr, uintptr_t ra)
{
    for (int i = 0; i < CPU_NB_REGS; i++) {
        target_ulong slot = addr + FXSAVE_XMM + FXSAVE_REG_STRIDE * i;
        cpu_stq_data_ra(env, slot, env->xmm_regs[i]._q[0], ra);
        cpu_stq_data_ra(env, slot + 8, env->xmm_regs[i]._q[1], ra);
    }
}

static void fxsave(CPUX86State *env, target_ulong addr, bool wide, uintptr_t ra)
{
    tlb_check_range(env, addr, FXSAVE_AREA_BYTES, PAGE_WRITE, ra);
    fxsave_x87_part(env, addr, wide, ra);
    fxsave_mxcsr_part(env, addr, ra);
    fxsave_xmm_part(env, addr, ra);
}

/* The pointers load whether or not an exception is pending (this host). */
void fxrstor_x87_part(CPUX86State *env, target_ulong addr, bool wide, uintptr_t ra)
{
    uint64_t fip = cpu_ldq_data_ra(env, addr + FXSAVE_FIP, ra);
    uint64_t fdp = cpu_ldq_data_ra(env, addr + FXSAVE_FDP, ra);
    uint8_t abridged_tags;

    fpu_load_control_word(env, cpu_lduw_data_ra(env, addr + FXSAVE_FCW, ra));
    fpu_load_status_word(env, cpu_lduw_data_ra(env, addr + FXSAVE_FSW, ra));
    fpu_update_summary(env);
    abridged_tags = cpu_ldub_data_ra(env, addr + FXSAVE_FTW, ra);
    env->fpop = cpu_lduw_data_ra(env, addr + FXSAVE_FOP, ra) & FPU_FOP_BITS;
    env->fpip = wide ? fip : (uint32_t)fip;
    env->fpdp = wide ? fdp : (uint32_t)fdp;
    env->fpcs = wide ? 0 : (uint16_t)(fip >> 32);
    env->fpds = wide ? 0 : (uint16_t)(fdp >> 32);
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = !((abridged_tags >> i) & 1);
        env->fpregs[st_index(env, i)].d =
            floatx80_read(env, addr + FXSAVE_ST + FXSAVE_REG_STRIDE * i, ra);
    }
    env->x87_in_use = true;
}

uint32_t fxsave_read_mxcsr(CPUX86State *env, target_ulong addr, uintptr_t ra)
{
    return cpu_ldl_data_ra(env, addr + FXSAVE_MXCSR, ra);
}

void fxrstor_xmm_part(CPUX86State *env, target_ulong addr, uintptr_t ra)
{
    for (int i = 0; i < CPU_NB_REGS; i++) {
        target_ulong slot = addr + FXSAVE_XMM + FXSAVE_REG_STRIDE * i;
        env->xmm_regs[i]._q[0] = cpu_ldq_data_ra(env, slot, ra);
        env->xmm_regs[i]._q[1] = cpu_ldq_data_ra(env, slot + 8, ra);
    }
}

static void fxrstor(CPUX86State *env, target_ulong addr, bool wide, uintptr_t ra)
{
    fxrstor_x87_part(env, addr, wide, ra);
    env->mxcsr = fxsave_read_mxcsr(env, addr, ra) & mxcsr_writable(env);
    fxrstor_xmm_part(env, addr, ra);
}

/* The x87 part of XRSTOR's initial configuration: FNINIT's, with the
   registers zero. */
void fpu_init_x87_state(CPUX86State *env)
{
    fpu_init(env);
    memset(env->fpregs, 0, sizeof(env->fpregs));
    env->x87_in_use = false;
}

/* ---- helpers ---- */

uint32_t HELPER(fnstsw)(CPUX86State *env)
{
    return fpu_status_word(env);
}

void HELPER(fnclex)(CPUX86State *env)
{
    env->fpus &= ~(FPUS_EXC | FPUS_SF | FPUS_ES | FPUS_B);
}

void HELPER(fninit)(CPUX86State *env)
{
    fpu_init(env);
}

/*
 * The mm registers are the significands of the physical x87 registers, and
 * MMX instructions see the stack as full from TOP = 0: every one but EMMS
 * sets TOP to 0 and tags all registers valid.  (An MMX write also sets its
 * register's sign and exponent to all ones: the translator stores that.)
 */
void HELPER(enter_mmx)(CPUX86State *env)
{
    env->x87_in_use = true;
    env->fpstt = 0;
    memset(env->fptags, 0, sizeof(env->fptags));
}

/*
 * EMMS empties every tag.  Whether it also sets TOP to 0 is not
 * architectural: the SDM changes only the tag word, and this project's
 * reference host, an AMD Zen, zeroes TOP (measured: FLD1 then EMMS leaves
 * TOP 0, not 7).  As rcp/rsqrt do (docs/devel/fpu-sse.md), we follow that
 * host, so mmx.c matches it natively.
 */
void HELPER(emms)(CPUX86State *env)
{
    env->x87_in_use = true;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpstt = 0;
}

/* FLDCW: a newly unmasked pending exception shows in ES/B. */
void HELPER(fldcw)(CPUX86State *env, uint32_t cw)
{
    fpu_load_control_word(env, cw);
    fpu_update_summary(env);
}

/* FNSTENV also masks every exception, as the hardware does. */
void HELPER(fnstenv)(CPUX86State *env, target_ulong addr, uint32_t data32)
{
    fpu_store_env(env, addr, data32, GETPC());
    env->fpuc |= FPUC_MASKS;
}

void HELPER(fldenv)(CPUX86State *env, target_ulong addr, uint32_t data32)
{
    fpu_load_env(env, addr, data32, GETPC());
}

void HELPER(fnsave)(CPUX86State *env, target_ulong addr, uint32_t data32)
{
    fpu_save(env, addr, data32, GETPC());
}

void HELPER(frstor)(CPUX86State *env, target_ulong addr, uint32_t data32)
{
    fpu_restore(env, addr, data32, GETPC());
}

void HELPER(fxsave)(CPUX86State *env, target_ulong addr, uint32_t wide)
{
    fxsave(env, addr, wide, GETPC());
}

/* An image with a reserved MXCSR bit set is #GP, before anything loads.
   (A signal frame's is masked instead, as the kernel does.) */
void HELPER(fxrstor)(CPUX86State *env, target_ulong addr, uint32_t wide)
{
    if (cpu_ldl_data_ra(env, addr + FXSAVE_MXCSR, GETPC()) & ~mxcsr_writable(env)) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    fxrstor(env, addr, wide, GETPC());
}

/* ---- for linux-user (signal frames) and CPU reset ---- */

/* An x86-64 kernel saves and restores with the REX.W forms, also for a
   32-bit process. */
void cpu_x86_fxsave(CPUX86State *env, abi_ulong ptr)
{
    fxsave(env, ptr, true, 0);
}

void cpu_x86_fxrstor(CPUX86State *env, abi_ulong ptr)
{
    fxrstor(env, ptr, true, 0);
}

void cpu_x86_fsave(CPUX86State *env, abi_ulong ptr, int data32)
{
    fpu_save(env, ptr, data32, 0);
}

void cpu_x86_frstor(CPUX86State *env, abi_ulong ptr, int data32)
{
    fpu_restore(env, ptr, data32, 0);
}

void cpu_x86_fpu_reset(CPUX86State *env)
{
    fpu_init(env);
    /* fninit leaves the registers' contents; the reset state has them
       zero, as FXSAVE then shows them (Linux's init_fpstate). */
    memset(env->fpregs, 0, sizeof(env->fpregs));
    env->mxcsr = MXCSR_DEFAULT;
    memset(env->xmm_regs, 0, sizeof(env->xmm_regs));
}
