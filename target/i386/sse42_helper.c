/*
 * sse42_helper.c: the SSE4.2 string compares PCMPESTRI, PCMPESTRM,
 * PCMPISTRI and PCMPISTRM in portable C, after the SDM's definition
 * (volume 2, 4.1 "Imm8 control byte operation for PCMPESTRI / PCMPESTRM /
 * PCMPISTRI / PCMPISTRM").  d is the first operand (xmm1), s the second
 * (xmm2/m128).  Each helper returns the arithmetic flags (CF, ZF, SF, OF;
 * the others clear) and, for the index forms, the index in bits 16 and up;
 * the mask forms write xmm0 themselves.  The list is in helper-sse4.h.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"

/* imm8 fields */
#define STR_WORDS       1       /* 16-bit elements, else bytes */
#define STR_SIGNED      2
#define STR_AGGREGATE(imm) (((imm) >> 2) & 3)
#define STR_POLARITY(imm)  (((imm) >> 4) & 3)
#define STR_MOST        0x40    /* index: highest set bit; mask: expanded */
enum { AGG_EQUAL_ANY, AGG_RANGES, AGG_EQUAL_EACH, AGG_EQUAL_ORDERED };
enum { POL_NEGATE = 1, POL_MASKED_NEGATE = 3 };

static int str_elements(uint32_t imm)
{
    return imm & STR_WORDS ? 8 : 16;
}

static int str_element(const XMMReg *r, int i, uint32_t imm)
{
    switch (imm & (STR_WORDS | STR_SIGNED)) {
    case 0:
        return r->_b[i];
    case STR_WORDS:
        return r->_w[i];
    case STR_SIGNED:
        return (int8_t)r->_b[i];
    default:
        return (int16_t)r->_w[i];
    }
}

/* Implicit length: the index of the first zero element, or n. */
static int implicit_length(const XMMReg *r, uint32_t imm)
{
    int n = str_elements(imm);

    for (int i = 0; i < n; i++) {
        if (str_element(r, i, imm) == 0) {
            return i;
        }
    }
    return n;
}

/* Explicit length: the register's absolute value, at most n. */
static int explicit_length(target_long v, uint32_t imm)
{
    uint64_t magnitude = v < 0 ? -(uint64_t)v : (uint64_t)v;

    return MIN(magnitude, (uint64_t)str_elements(imm));
}

/* IntRes1 bit j: the aggregation at element j of s (invalid elements
   compare as the SDM's table of overrides says). */
static bool aggregate(const XMMReg *d, const XMMReg *s, uint32_t imm,
                      int len1, int len2, int j)
{
    int n = str_elements(imm);
    int e2 = str_element(s, j, imm);

    switch (STR_AGGREGATE(imm)) {
    case AGG_EQUAL_ANY:
        for (int i = 0; j < len2 && i < len1; i++) {
            if (str_element(d, i, imm) == e2) {
                return true;
            }
        }
        return false;
    case AGG_RANGES:
        for (int i = 0; j < len2 && i + 1 < len1; i += 2) {
            if (str_element(d, i, imm) <= e2 && e2 <= str_element(d, i + 1, imm)) {
                return true;
            }
        }
        return false;
    case AGG_EQUAL_EACH:
        if (j >= len1 || j >= len2) {
            return j >= len1 && j >= len2;
        }
        return str_element(d, j, imm) == e2;
    default:    /* AGG_EQUAL_ORDERED: d, up to its end, occurs at j */
        for (int k = 0; k < n - j && k < len1; k++) {
            if (j + k >= len2 ||
                str_element(d, k, imm) != str_element(s, j + k, imm)) {
                return false;
            }
        }
        return true;
    }
}

/* IntRes2 and the flags; returns IntRes2. */
static unsigned compare_strings(const XMMReg *d, const XMMReg *s, uint32_t imm,
                                int len1, int len2, uint32_t *flags)
{
    int n = str_elements(imm);
    unsigned res = 0;

    for (int j = 0; j < n; j++) {
        res |= (unsigned)aggregate(d, s, imm, len1, len2, j) << j;
    }
    if (STR_POLARITY(imm) == POL_NEGATE) {
        res ^= (1u << n) - 1;
    } else if (STR_POLARITY(imm) == POL_MASKED_NEGATE) {
        res ^= (1u << len2) - 1;
    }
    *flags = (res ? CC_C : 0) | (len2 < n ? CC_Z : 0) | (len1 < n ? CC_S : 0) |
             (res & 1 ? CC_O : 0);
    return res;
}

/* flags, and the index of the lowest (highest) set bit of res, or n */
static uint32_t string_index(uint32_t imm, unsigned res, uint32_t flags)
{
    int index = !res ? str_elements(imm)
              : imm & STR_MOST ? 31 - __builtin_clz(res) : __builtin_ctz(res);

    return flags | (uint32_t)index << 16;
}

/* xmm0 = res as bits, or (STR_MOST) each bit widened to its element */
static uint32_t string_mask(CPUX86State *env, uint32_t imm, unsigned res,
                            uint32_t flags)
{
    XMMReg *xmm0 = &env->xmm_regs[0].xmm;
    int n = str_elements(imm);

    xmm0->_q[0] = xmm0->_q[1] = 0;
    if (!(imm & STR_MOST)) {
        xmm0->_w[0] = res;
    } else {
        for (int i = 0; i < n; i++) {
            uint16_t all = (res >> i) & 1 ? 0xffff : 0;
            if (imm & STR_WORDS) {
                xmm0->_w[i] = all;
            } else {
                xmm0->_b[i] = all;
            }
        }
    }
    return flags;
}

uint32_t HELPER(pcmpestri)(CPUX86State *env, XMMReg *d, XMMReg *s,
                           uint32_t imm, target_ulong rax, target_ulong rdx)
{
    uint32_t flags;
    unsigned res = compare_strings(d, s, imm, explicit_length(rax, imm),
                                   explicit_length(rdx, imm), &flags);
    return string_index(imm, res, flags);
}

uint32_t HELPER(pcmpestrm)(CPUX86State *env, XMMReg *d, XMMReg *s,
                           uint32_t imm, target_ulong rax, target_ulong rdx)
{
    uint32_t flags;
    unsigned res = compare_strings(d, s, imm, explicit_length(rax, imm),
                                   explicit_length(rdx, imm), &flags);
    return string_mask(env, imm, res, flags);
}

uint32_t HELPER(pcmpistri)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)
{
    uint32_t flags;
    unsigned res = compare_strings(d, s, imm, implicit_length(d, imm),
                                   implicit_length(s, imm), &flags);
    return string_index(imm, res, flags);
}

uint32_t HELPER(pcmpistrm)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)
{
    uint32_t flags;
    unsigned res = compare_strings(d, s, imm, implicit_length(d, imm),
                                   implicit_length(s, imm), &flags);
    return string_mask(env, imm, res, flags);
}
