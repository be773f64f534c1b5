/*
 * crypto_helper.c: AES-NI (aesenc, aesenclast, aesdec, aesdeclast, aesimc,
 * aeskeygenassist) and PCLMULQDQ in portable C.  The AES state is the xmm
 * register as FIPS-197 lays it out: column c is bytes 4c..4c+3, row r the
 * byte within it.  The S-boxes are computed at start-up from their
 * definition (inverse in GF(2^8) modulo x^8+x^4+x^3+x+1, then the affine
 * map), not copied from a table.  The list is in helper-sse4.h.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/helper-proto.h"

static uint8_t sbox[256], inv_sbox[256];

/* Multiplication in GF(2^8) modulo the AES polynomial. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t p = 0;

    while (b) {
        if (b & 1) {
            p ^= a;
        }
        a = (a << 1) ^ (a & 0x80 ? 0x1b : 0);
        b >>= 1;
    }
    return p;
}

static uint8_t rotl8(uint8_t x, int n)
{
    return (x << n) | (x >> (8 - n));
}

static void __attribute__((constructor)) aes_sbox_init(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (int y = 1; x && y < 256; y++) {
            if (gf_mul(x, y) == 1) {
                inv = y;
                break;
            }
        }
        sbox[x] = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
                  rotl8(inv, 4) ^ 0x63;
        inv_sbox[sbox[x]] = x;
    }
}

/* Row r of column c moves to column c - r (ShiftRows) or c + r (inverse),
   each byte through the S-box or its inverse. */
static void shift_sub_bytes(XMMReg *out, const XMMReg *in, int direction,
                            const uint8_t *box)
{
    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            out->_b[4 * c + r] = box[in->_b[4 * ((c + direction * r + 4) % 4) + r]];
        }
    }
}

/* Each column times the circulant matrix whose first row is coef. */
static void mix_columns(XMMReg *state, const uint8_t coef[4])
{
    for (int c = 0; c < 4; c++) {
        uint8_t a[4], *col = &state->_b[4 * c];
        memcpy(a, col, 4);
        for (int r = 0; r < 4; r++) {
            col[r] = 0;
            for (int k = 0; k < 4; k++) {
                col[r] ^= gf_mul(coef[(k - r + 4) % 4], a[k]);
            }
        }
    }
}

static const uint8_t mix_coef[4] = { 2, 3, 1, 1 };
static const uint8_t inv_mix_coef[4] = { 14, 11, 13, 9 };

static void add_round_key(XMMReg *d, const XMMReg *state, const XMMReg *key)
{
    d->_q[0] = state->_q[0] ^ key->_q[0];
    d->_q[1] = state->_q[1] ^ key->_q[1];
}

void HELPER(aesenc)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    XMMReg t;
    shift_sub_bytes(&t, d, 1, sbox);
    mix_columns(&t, mix_coef);
    add_round_key(d, &t, s);
}

void HELPER(aesenclast)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    XMMReg t;
    shift_sub_bytes(&t, d, 1, sbox);
    add_round_key(d, &t, s);
}

void HELPER(aesdec)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    XMMReg t;
    shift_sub_bytes(&t, d, -1, inv_sbox);
    mix_columns(&t, inv_mix_coef);
    add_round_key(d, &t, s);
}

void HELPER(aesdeclast)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    XMMReg t;
    shift_sub_bytes(&t, d, -1, inv_sbox);
    add_round_key(d, &t, s);
}

void HELPER(aesimc)(CPUX86State *env, XMMReg *d, XMMReg *s)
{
    XMMReg t = *s;
    mix_columns(&t, inv_mix_coef);
    *d = t;
}

static uint32_t sub_word(uint32_t w)
{
    return sbox[w & 0xff] | sbox[(w >> 8) & 0xff] << 8 |
           sbox[(w >> 16) & 0xff] << 16 | (uint32_t)sbox[w >> 24] << 24;
}

/* From doublewords 1 and 3 of s: SubWord, and RotWord(SubWord) ^ imm. */
void HELPER(aeskeygenassist)(CPUX86State *env, XMMReg *d, XMMReg *s,
                             uint32_t imm)
{
    uint32_t x1 = sub_word(s->_l[1]), x3 = sub_word(s->_l[3]);

    d->_l[0] = x1;
    d->_l[1] = ((x1 >> 8) | (x1 << 24)) ^ (imm & 0xff);
    d->_l[2] = x3;
    d->_l[3] = ((x3 >> 8) | (x3 << 24)) ^ (imm & 0xff);
}

/* Carry-less product of quadword imm[0] of d and quadword imm[4] of s. */
void HELPER(pclmulqdq)(CPUX86State *env, XMMReg *d, XMMReg *s, uint32_t imm)
{
    uint64_t a = d->_q[imm & 1], b = s->_q[(imm >> 4) & 1];
    uint64_t lo = 0, hi = 0;

    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            lo ^= a << i;
            hi ^= i ? a >> (64 - i) : 0;
        }
    }
    d->_q[0] = lo;
    d->_q[1] = hi;
}
