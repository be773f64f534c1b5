/*
 * bits_helper.c: the bit-manipulation helpers generated code calls where
 * IR has no short form: pdep / pext (BMI2) and the CRC-32C step of the
 * crc32 instruction (SSE4.2).  Pure functions of their arguments.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"

/*
 * Walk the mask's set bits from the lowest, paired with the bits of a
 * packed value from bit 0 up: deposit moves packed bits of src to the mask
 * positions, extract moves src's bits at the mask positions to packed.
 */
static target_ulong move_masked_bits(target_ulong src, target_ulong mask,
                                     bool deposit)
{
    target_ulong result = 0;

    for (target_ulong packed = 1; mask; packed <<= 1) {
        target_ulong spread = mask & -mask;
        target_ulong from = deposit ? packed : spread;

        if (src & from) {
            result |= deposit ? spread : packed;
        }
        mask &= mask - 1;
    }
    return result;
}

target_ulong helper_pdep(target_ulong src, target_ulong mask)
{
    return move_masked_bits(src, mask, true);
}

target_ulong helper_pext(target_ulong src, target_ulong mask)
{
    return move_masked_bits(src, mask, false);
}

/* Castagnoli's polynomial, bit-reflected, as the crc32 instruction uses it. */
#define CRC32C_POLY_REFLECTED 0x82f63b78u

/* crc32: the CRC continued over the value's low bytes, least significant
   first, bit-reflected with no pre- or post-inversion (SDM, CRC32). */
target_ulong helper_crc32c(uint32_t crc, target_ulong value, uint32_t bytes)
{
    for (uint32_t i = 0; i < bytes * 8; i++) {
        crc ^= (value >> i) & 1;
        crc = (crc >> 1) ^ (CRC32C_POLY_REFLECTED & -(crc & 1));
    }
    return crc;
}
