/*
 * cc_helper.c: the lazy condition codes evaluated in C: EFLAGS' arithmetic
 * bits from (cc_dst, cc_src, cc_src2, cc_op) for the translator's helpers
 * and for the rest of the emulator (signal frames, -d cpu), and EFLAGS as a
 * whole (cpu_compute_eflags / cpu_load_eflags).  The meaning of the three
 * values per cc_op is documented in cpu.h and must match tr-flags.c.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "cc_helper.h"
#include "exec/helper-proto.h"

/* The families of sized cc_ops, in cpu.h's order. */
enum { FAM_MUL, FAM_ADD, FAM_ADC, FAM_SUB, FAM_SBB, FAM_LOGIC, FAM_INC,
       FAM_DEC, FAM_SHL, FAM_SAR, FAM_BMILG };

/* AF: carry out of bit 3, seen as bit 4 of a ^ b ^ result. */
static uint32_t flag_a(uint64_t a, uint64_t b, uint64_t res)
{
    return (a ^ b ^ res) & CC_A;
}

static uint32_t flag_o(bool overflow)
{
    return overflow ? CC_O : 0;
}

static uint32_t compute_all(uint64_t dst, uint64_t src, uint64_t src2, int op)
{
    int size, family;
    uint64_t mask, sign, d, s1, s2, carry;
    uint32_t szp;

    switch (op) {
    case CC_OP_EFLAGS:
        return src & CC_ALL;
    case CC_OP_CLR:
        return CC_Z | CC_P;
    case CC_OP_POPCNT:
        return src ? 0 : CC_Z;
    case CC_OP_ADCX:
        return (src & CC_ALL & ~CC_C) | (dst & 1);
    case CC_OP_ADOX:
        return (src & CC_ALL & ~CC_O) | ((src2 & 1) ? CC_O : 0);
    case CC_OP_ADCOX:
        return (src & CC_ALL & ~(CC_C | CC_O)) | (dst & 1) |
               ((src2 & 1) ? CC_O : 0);
    case CC_OP_ADCOX_INC:
    case CC_OP_ADCOX_DEC:
        /* src: the full-width inc (dec) result the chain started after */
        size = TARGET_LONG_BITS == 64 ? 3 : 2;
        return cc_flags_szp(src, size) |
               flag_a(op == CC_OP_ADCOX_INC ? src - 1 : src + 1, 1, src) |
               (dst & 1) | ((src2 & 1) ? CC_O : 0);
    }
    if (op < CC_OP_MULB || op > CC_OP_BMILGQ) {
        cpu_abort_msg("cc_compute_all: unexpected cc_op %d", op);
    }
    size = (op - CC_OP_MULB) & 3;
    family = (op - CC_OP_MULB) >> 2;
    mask = cc_size_mask(size);
    sign = cc_sign_bit(size);
    d = dst & mask;
    szp = cc_flags_szp(d, size);

    switch (family) {
    case FAM_MUL:
        /* src: the part of the product that did not fit, at full width */
        return szp | (src ? CC_C | CC_O : 0);
    case FAM_ADD:
    case FAM_ADC:
        carry = family == FAM_ADC ? src2 & 1 : 0;
        s1 = src & mask;
        s2 = (d - s1 - carry) & mask;
        return szp | (carry ? d <= s1 : d < s1) | flag_a(s1, s2, d) |
               flag_o(~(s1 ^ s2) & (s1 ^ d) & sign);
    case FAM_SUB:
    case FAM_SBB:
        carry = family == FAM_SBB ? src2 & 1 : 0;
        s2 = src & mask;
        s1 = (d + s2 + carry) & mask;
        return szp | (carry ? s1 <= s2 : s1 < s2) | flag_a(s1, s2, d) |
               flag_o((s1 ^ s2) & (s1 ^ d) & sign);
    case FAM_LOGIC:
        return szp;
    case FAM_INC:
        /* src: the CF before the instruction, 0 or 1 */
        return szp | (src != 0) | flag_a(d - 1, 1, d) | flag_o(d == sign);
    case FAM_DEC:
        return szp | (src != 0) | flag_a(d + 1, 1, d) | flag_o(d == sign - 1);
    case FAM_SHL:
        /* src: the value shifted by count - 1; its top bit went to CF */
        return szp | ((src & sign) ? CC_C : 0) | flag_o((src ^ dst) & sign);
    case FAM_SAR:
        /* src: the value shifted by count - 1 */
        return szp | (src & 1) | flag_o((src ^ dst) & sign);
    default:    /* FAM_BMILG: src is zero exactly when CF is set */
        return szp | (src ? 0 : CC_C);
    }
}

target_ulong helper_cc_compute_all(target_ulong dst, target_ulong src1,
                                   target_ulong src2, int op)
{
    return compute_all(dst, src1, src2, op);
}

target_ulong helper_cc_compute_c(target_ulong dst, target_ulong src1,
                                 target_ulong src2, int op)
{
    return compute_all(dst, src1, src2, op) & CC_C;
}

target_ulong cpu_cc_compute_all(CPUX86State *env, int op)
{
    return compute_all(env->cc_dst, env->cc_src, env->cc_src2, op);
}

/* env->df is +1/-1: -1 has every bit set, DF's included. */
target_ulong cpu_compute_eflags(CPUX86State *env)
{
    return env->eflags | cpu_cc_compute_all(env, env->cc_op) |
           (env->df & DF_MASK);
}

/* env->eflags never holds the arithmetic flags or DF: those live in the
   lazy state and env->df. */
void cpu_load_eflags(CPUX86State *env, target_ulong eflags,
                     target_ulong update_mask)
{
    env->cc_src = eflags & CC_ALL;
    env->cc_op = CC_OP_EFLAGS;
    env->df = (eflags & DF_MASK) ? -1 : 1;
    env->eflags = ((env->eflags & ~update_mask) | (eflags & update_mask) | 0x2)
                  & ~(target_ulong)(CC_ALL | DF_MASK);
}

target_ulong helper_read_eflags(CPUX86State *env)
{
    return cpu_compute_eflags(env) & ~(target_ulong)(VM_MASK | RF_MASK);
}

void helper_write_eflags(CPUX86State *env, target_ulong t0, uint32_t update_mask)
{
    cpu_load_eflags(env, t0, update_mask);
}
