/*
 * xsave_helper.c: the XSAVE feature set for the two state components the
 * CPU has, x87 (bit 0) and SSE (bit 1): CPUID leaf 0xd, XGETBV, XSAVE,
 * XSAVEOPT, XSAVEC, XRSTOR, and the signal-frame entry points.  The area
 * is the FXSAVE image (fxsave-image.h) followed by a 64-byte header
 * (XSTATE_BV, XCOMP_BV, zeros); both components live in the image, so the
 * standard and compacted forms place them alike.  AVX would add component
 * 2 (the YMM upper halves, already in env->xmm_regs[].ymm_high) at offset
 * 576 in the standard form.
 *
 * What the reference host (AMD Zen) showed, and what is modelled:
 * - XINUSE[0] is set by any x87 or MMX instruction but FNINIT, and cleared
 *   only by XRSTOR initialising the component; XINUSE[1] is set while an
 *   XMM register is not zero or MXCSR is not 0x1f80.
 * - XSAVE writes every requested component, and only the XSTATE_BV bits
 *   it was asked for; XCOMP_BV and the rest of the header stay as they were.
 * - XSAVEC writes the requested components in use (MXCSR belongs to SSE
 *   there), XSTATE_BV and XCOMP_BV, and nothing else of the header.
 * - XSAVEOPT skips the x87 and XMM registers when not in use (MXCSR is
 *   always written).  Its "modified" optimisation (the host also skipped
 *   XMM registers unchanged since an earlier save) is not modelled: the
 *   SDM lets software see either.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "fxsave-image.h"
#include "sse-fp.h"
#include "excp.h"

#define XSAVE_HEADER       512
#define XSTATE_BV          (XSAVE_HEADER + 0)
#define XCOMP_BV           (XSAVE_HEADER + 8)
#define XCOMP_COMPACTED    (1ULL << 63)
#define XSAVE_ALIGN        64

void x86_cpuid_xsave_leaf(CPUX86State *env, uint32_t count, uint32_t *regs[4])
{
    if (!(env->cpuid_ext_features & CPUID_EXT_XSAVE)) {
        return;
    }
    if (count == 0) {
        *regs[0] = XCR0_SUPPORTED;
        *regs[1] = XSAVE_AREA_SIZE;     /* for the XCR0 in force */
        *regs[2] = XSAVE_AREA_SIZE;     /* for every supported component */
    } else if (count == 1) {
        *regs[0] = env->cpuid_xsave_features;
        *regs[1] = XSAVE_AREA_SIZE;     /* compacted, XCR0 | IA32_XSS (0) */
    }
}

static uint64_t xinuse(CPUX86State *env)
{
    uint64_t in_use = env->x87_in_use ? XSTATE_X87 : 0;

    if (env->mxcsr != MXCSR_DEFAULT) {
        in_use |= XSTATE_SSE;
    }
    for (int i = 0; i < CPU_NB_REGS; i++) {
        if (env->xmm_regs[i]._q[0] | env->xmm_regs[i]._q[1]) {
            in_use |= XSTATE_SSE;
        }
    }
    return in_use;
}

/* XGETBV: XCR0, or with ECX = 1 XCR0 & XINUSE; other registers #GP. */
void helper_xgetbv(CPUX86State *env)
{
    uint32_t index = env->regs[R_ECX];
    uint64_t value;

    if (index == 0) {
        value = XCR0_SUPPORTED;
    } else if (index == 1 && (env->cpuid_xsave_features & CPUID_XSAVE_XGETBV1)) {
        value = xinuse(env) & XCR0_SUPPORTED;
    } else {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)value;
    env->regs[R_EDX] = (uint32_t)(value >> 32);
}

/* The requested-feature bitmap: EDX:EAX & XCR0. */
static uint64_t rfbm(CPUX86State *env)
{
    return ((uint64_t)(uint32_t)env->regs[R_EDX] << 32 | (uint32_t)env->regs[R_EAX]) &
           XCR0_SUPPORTED;
}

static void check_area(CPUX86State *env, target_ulong addr, int access, uintptr_t ra)
{
    if (addr & (XSAVE_ALIGN - 1)) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    tlb_check_range(env, addr, XSAVE_AREA_SIZE, access, ra);
}

typedef enum { XSAVE_STANDARD, XSAVE_OPT, XSAVE_COMPACTED } XSaveForm;

static void xsave(CPUX86State *env, target_ulong addr, uint64_t mask, XSaveForm form,
                  bool wide, uintptr_t ra)
{
    uint64_t in_use = xinuse(env);
    /* which components' registers are written */
    uint64_t written = form == XSAVE_STANDARD ? mask : mask & in_use;

    check_area(env, addr, PAGE_WRITE, ra);
    if (written & XSTATE_X87) {
        fxsave_x87_part(env, addr, wide, ra);
    }
    if (form == XSAVE_COMPACTED ? written & XSTATE_SSE : mask & XSTATE_SSE) {
        fxsave_mxcsr_part(env, addr, ra);
    }
    if (written & XSTATE_SSE) {
        fxsave_xmm_part(env, addr, ra);
    }
    if (form == XSAVE_COMPACTED) {
        cpu_stq_data_ra(env, addr + XSTATE_BV, mask & in_use, ra);
        cpu_stq_data_ra(env, addr + XCOMP_BV, mask | XCOMP_COMPACTED, ra);
    } else {
        uint64_t bv = cpu_ldq_data_ra(env, addr + XSTATE_BV, ra);

        cpu_stq_data_ra(env, addr + XSTATE_BV, (bv & ~mask) | (in_use & mask), ra);
    }
}

/*
 * XRSTOR: every check before any state changes.  #GP for a misaligned
 * area, a header naming components XCR0 lacks, non-zero reserved header
 * bytes (16-63, and XCOMP_BV in the standard form), a compacted image
 * without XSAVEC, or MXCSR reserved bits in an image that loads MXCSR.
 * A requested component the image marks as not saved is initialised.
 * Returns false (nothing changed) instead of raising when ra is 0.
 */
static bool xrstor(CPUX86State *env, target_ulong addr, uint64_t mask, bool wide,
                   uintptr_t ra)
{
    uint64_t bv, comp, reserved = 0;
    uint32_t mxcsr = MXCSR_DEFAULT;
    bool compacted, load_mxcsr;

    check_area(env, addr, PAGE_READ, ra);
    bv = cpu_ldq_data_ra(env, addr + XSTATE_BV, ra);
    comp = cpu_ldq_data_ra(env, addr + XCOMP_BV, ra);
    compacted = comp & XCOMP_COMPACTED;
    for (int off = 16; off < 64; off += 8) {
        reserved |= cpu_ldq_data_ra(env, addr + XSAVE_HEADER + off, ra);
    }
    if (compacted) {
        comp &= ~XCOMP_COMPACTED;
        load_mxcsr = mask & bv & XSTATE_SSE;
        if (!(env->cpuid_xsave_features & CPUID_XSAVE_XSAVEC) ||
            (comp & ~XCR0_SUPPORTED) || (bv & ~comp)) {
            reserved = 1;
        }
    } else {
        load_mxcsr = mask & XSTATE_SSE;
        reserved |= comp | (bv & ~XCR0_SUPPORTED);
    }
    if (load_mxcsr) {
        mxcsr = fxsave_read_mxcsr(env, addr, ra);
        reserved |= mxcsr & ~mxcsr_writable(env);
    }
    if (reserved) {
        if (!ra) {
            return false;
        }
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (mask & XSTATE_X87) {
        if (bv & XSTATE_X87) {
            fxrstor_x87_part(env, addr, wide, ra);
        } else {
            fpu_init_x87_state(env);
        }
    }
    if (mask & XSTATE_SSE) {
        if (bv & XSTATE_SSE) {
            fxrstor_xmm_part(env, addr, ra);
        } else {
            for (int i = 0; i < CPU_NB_REGS; i++) {
                env->xmm_regs[i]._q[0] = env->xmm_regs[i]._q[1] = 0;
            }
        }
        env->mxcsr = mxcsr;
    }
    return true;
}

void helper_xsave(CPUX86State *env, target_ulong addr, uint32_t wide)
{
    xsave(env, addr, rfbm(env), XSAVE_STANDARD, wide, GETPC());
}

void helper_xsaveopt(CPUX86State *env, target_ulong addr, uint32_t wide)
{
    xsave(env, addr, rfbm(env), XSAVE_OPT, wide, GETPC());
}

void helper_xsavec(CPUX86State *env, target_ulong addr, uint32_t wide)
{
    xsave(env, addr, rfbm(env), XSAVE_COMPACTED, wide, GETPC());
}

void helper_xrstor(CPUX86State *env, target_ulong addr, uint32_t wide)
{
    xrstor(env, addr, rfbm(env), wide, GETPC());
}

/* ---- for linux-user signal frames: the kernel's XSAVE64 / XRSTOR64 ---- */

void cpu_x86_xsave(CPUX86State *env, abi_ulong ptr, uint64_t mask)
{
    xsave(env, ptr, mask & XCR0_SUPPORTED, XSAVE_STANDARD, true, 0);
}

bool cpu_x86_xrstor(CPUX86State *env, abi_ulong ptr, uint64_t mask)
{
    return !(ptr & (XSAVE_ALIGN - 1)) && xrstor(env, ptr, mask & XCR0_SUPPORTED, true, 0);
}
