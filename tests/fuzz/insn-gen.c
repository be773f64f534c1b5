/*
 * insn-gen.c: random x86-64 instruction sequences for the differential
 * fuzzer.  Each instruction is an opcode drawn from the one- or two-byte
 * opcode map, with random prefixes, ModRM, SIB, displacement and immediate
 * sized as the map says; the maps below are the only knowledge of x86
 * encodings here.
 */
#include <stdbool.h>
#include <string.h>
#include "insn-gen.h"

/*
 * One character per opcode, sixteen to a row:
 *   .  no operand bytes            m  ModRM
 *   b  imm8                        M  ModRM and imm8
 *   w  imm16                       Z  ModRM and imm16/32 (by operand size)
 *   z  imm16/32                    q  imm16/32/64 (mov $imm, %reg)
 *   a  moffs (8 bytes, 4 with 67)  e  imm16 and imm8 (enter)
 *   r  rel8 branch                 R  rel32 branch
 *   f  ModRM, and imm8/imm16/32 when ModRM.reg is 0 or 1 (test in f6/f7)
 *   g  ModRM, reg 6/7 (rdrand, rdseed, rdpid) not generated with mod 3
 *   T  0f 38 map: a third byte and ModRM
 *   U  0f 3a map: a third byte, ModRM and imm8
 *   p  a prefix, x  the 0f escape, !  not generated (kernel entry or a
 *      result the machine decides)
 */
static const char one_byte_map[] =
    "mmmmbz..mmmmbz.x"   /* 00 */
    "mmmmbz..mmmmbz.."   /* 10 */
    "mmmmbzp.mmmmbzp."   /* 20 */
    "mmmmbzp.mmmmbzp."   /* 30 */
    "pppppppppppppppp"   /* 40: REX */
    "................"   /* 50 */
    "...mppppzZbM...."   /* 60 */
    "rrrrrrrrrrrrrrrr"   /* 70 */
    "MZMMmmmmmmmmmmmm"   /* 80 */
    "................"   /* 90 */
    "aaaa....bz......"   /* a0 */
    "bbbbbbbbqqqqqqqq"   /* b0 */
    "MMw...MZe.w..b.."   /* c0 */
    "mmmm....mmmmmmmm"   /* d0 */
    "rrrrbbbbRR.r...."   /* e0 */
    "p.pp..ff......mm";  /* f0 */

static const char two_byte_map[] =
    "m!mm.!.......m.."   /* 00 */
    "mmmmmmmmmmmmmmmm"   /* 10 */
    "mmmm....mmmmmmmm"   /* 20 */
    ".!.!!...T.U....."   /* 30 */
    "mmmmmmmmmmmmmmmm"   /* 40 */
    "mmmmmmmmmmmmmmmm"   /* 50 */
    "mmmmmmmmmmmmmmmm"   /* 60 */
    "MMMMmmm.mm..mmmm"   /* 70 */
    "RRRRRRRRRRRRRRRR"   /* 80 */
    "mmmmmmmmmmmmmmmm"   /* 90 */
    "..!mMm.....mMmmm"   /* a0 */
    "mmmmmmmmmmMmmmmm"   /* b0 */
    "mmMmMMMg........"   /* c0 */
    "mmmmmmmmmmmmmmmm"   /* d0 */
    "mmmmmmmmmmmmmmmm"   /* e0 */
    "mmmmmmmmmmmmmmmm";  /* f0 */

/* Legacy prefixes; 66 is left off relative branches (AMD gives them rel16). */
static const uint8_t legacy_prefixes[] = {
    0x66, 0x66, 0xf2, 0xf3, 0xf0, 0x67, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65,
};

/* Byte pairs that enter the kernel: syscall, sysenter, int $0x80. */
static const uint8_t kernel_entries[][2] = { { 0x0f, 0x05 }, { 0x0f, 0x34 }, { 0xcd, 0x80 } };

typedef struct Gen {
    uint64_t state;
    InsnSeq *seq;
    bool full;
} Gen;

/* splitmix64: small, and the same sequence on every machine. */
static uint64_t gen_next(Gen *g)
{
    uint64_t z = (g->state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static unsigned gen_below(Gen *g, unsigned n)
{
    return gen_next(g) % n;
}

static void put_bytes(Gen *g, uint64_t value, unsigned size)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        if (g->seq->len == SEQ_MAX) {
            g->full = true;
            return;
        }
        g->seq->bytes[g->seq->len++] = value >> (8 * i);
    }
}

/* A displacement or relative offset of size bytes: mostly small, so that
   addresses stay near the registers' values and branches near the code. */
static uint64_t small_offset(Gen *g, unsigned size)
{
    if (size == 1 || gen_below(g, 8) == 0) {
        return gen_next(g);
    }
    return (uint64_t)((int64_t)gen_below(g, 0x1200) - 0x900);
}

/* ModRM, then SIB and displacement as its mod and rm ask; returns ModRM. */
static uint8_t put_modrm(Gen *g, char kind)
{
    uint8_t modrm = gen_next(g);
    unsigned mod = modrm >> 6, rm = modrm & 7;

    if (kind == 'g' && mod == 3 && ((modrm >> 3) & 7) >= 6) {
        modrm = (modrm & ~0x38) | 0x08;
    }
    put_bytes(g, modrm, 1);
    if (mod == 3) {
        return modrm;
    }
    if (rm == 4) {
        uint8_t sib = gen_next(g);

        put_bytes(g, sib, 1);
        if (mod == 0 && (sib & 7) == 5) {
            put_bytes(g, small_offset(g, 4), 4);
        }
    } else if (mod == 0 && rm == 5) {
        put_bytes(g, small_offset(g, 4), 4);
    }
    if (mod == 1) {
        put_bytes(g, small_offset(g, 1), 1);
    } else if (mod == 2) {
        put_bytes(g, small_offset(g, 4), 4);
    }
    return modrm;
}

/* Where an instruction ends, and its relative branch offset if it has one. */
typedef struct Placed {
    size_t end, rel_at;
    unsigned rel_size;
} Placed;

/* Picks an opcode that is generated; returns its map character. */
static char pick_opcode(Gen *g, uint8_t opcode[3], unsigned *nb)
{
    for (;;) {
        char kind;

        opcode[0] = gen_next(g);
        if (gen_below(g, 3) == 0) {
            opcode[0] = 0x0f;
        }
        if (opcode[0] != 0x0f) {
            kind = one_byte_map[opcode[0]];
            *nb = 1;
            if (kind != 'p') {
                return kind;
            }
            continue;
        }
        opcode[1] = gen_next(g);
        kind = two_byte_map[opcode[1]];
        *nb = 2;
        if (kind == 'T' || kind == 'U') {
            opcode[2] = gen_next(g);
            *nb = 3;
            return kind == 'T' ? 'm' : 'M';
        }
        if (kind != '!') {
            return kind;
        }
    }
}

static void put_insn(Gen *g, Placed *p, InsnInfo *info)
{
    uint8_t opcode[3];
    unsigned nb, i, opsize = 4;
    bool rexw = false, addr32 = false;
    char kind = pick_opcode(g, opcode, &nb);
    bool branch = kind == 'r' || kind == 'R';

    info->start = g->seq->len;
    info->opcode = nb == 1 ? opcode[0] : nb == 2 ? 0x0f00 | opcode[1] : 0x0f0000 | opcode[1] << 8 | opcode[2];
    info->reg = -1;
    p->rel_size = 0;
    for (i = 0; i < 2 && gen_below(g, 4) == 0; i++) {
        uint8_t prefix = legacy_prefixes[gen_below(g, sizeof(legacy_prefixes))];

        if (prefix == 0x66 && branch) {
            continue;
        }
        opsize = prefix == 0x66 ? 2 : opsize;
        addr32 |= prefix == 0x67;
        put_bytes(g, prefix, 1);
    }
    if (gen_below(g, 3) == 0) {
        uint8_t rex = 0x40 | gen_below(g, 16);

        rexw = rex & 8;
        opsize = rexw ? 4 : opsize;
        put_bytes(g, rex, 1);
    }
    for (i = 0; i < nb; i++) {
        put_bytes(g, opcode[i], 1);
    }
    if (strchr("mgMZf", kind)) {
        info->reg = (put_modrm(g, kind) >> 3) & 7;
    }
    switch (kind) {
    case 'M': put_bytes(g, gen_next(g), 1); break;
    case 'Z': put_bytes(g, gen_next(g), opsize); break;
    case 'f':
        if (info->reg < 2) {
            put_bytes(g, gen_next(g), opcode[0] == 0xf6 ? 1 : opsize);
        }
        break;
    case 'b': put_bytes(g, gen_next(g), 1); break;
    case 'w': put_bytes(g, gen_next(g), 2); break;
    case 'z': put_bytes(g, gen_next(g), opsize); break;
    case 'q': put_bytes(g, gen_next(g), rexw ? 8 : opsize); break;
    case 'a': put_bytes(g, gen_next(g), addr32 ? 4 : 8); break;
    case 'e': put_bytes(g, gen_next(g), 3); break;
    case 'r': case 'R':
        p->rel_at = g->seq->len;
        p->rel_size = kind == 'r' ? 1 : 4;
        put_bytes(g, small_offset(g, p->rel_size), p->rel_size);
        break;
    }
    p->end = g->seq->len;
}

/* A relative branch into the sequence goes forward to the start of an
   instruction (or past the end); anywhere else is the filler around it. */
static void fix_branch(InsnSeq *seq, size_t from, const Placed *b)
{
    int64_t rel = 0, target;
    size_t i;

    memcpy(&rel, &seq->bytes[b->rel_at], b->rel_size);
    if (b->rel_size == 1) {
        rel = (int8_t)rel;
    } else {
        rel = (int32_t)rel;
    }
    target = (int64_t)b->end + rel;
    if (target < 0 || target >= (int64_t)seq->len) {
        return;
    }
    for (i = from + 1; i < seq->count && (int64_t)seq->insn[i].start < target; i++) {
    }
    target = i < seq->count ? (int64_t)seq->insn[i].start : (int64_t)seq->len;
    rel = target - (int64_t)b->end;
    memcpy(&seq->bytes[b->rel_at], &rel, b->rel_size);
}

static bool enters_kernel(const InsnSeq *seq)
{
    size_t i, k;

    for (i = 0; i + 1 < seq->len; i++) {
        for (k = 0; k < sizeof(kernel_entries) / sizeof(kernel_entries[0]); k++) {
            if (seq->bytes[i] == kernel_entries[k][0] && seq->bytes[i + 1] == kernel_entries[k][1]) {
                return true;
            }
        }
    }
    return false;
}

void insn_seq_generate(InsnSeq *seq, uint64_t seed, uint64_t index)
{
    Gen g = { .state = seed * 0x2545f4914f6cdd1dull ^ index, .seq = seq };

    do {
        Placed placed[SEQ_MAX_INSNS];
        size_t i;

        seq->len = 0;
        seq->count = 1 + gen_below(&g, SEQ_MAX_INSNS);
        g.full = false;
        for (i = 0; i < seq->count && !g.full; i++) {
            put_insn(&g, &placed[i], &seq->insn[i]);
        }
        for (i = 0; i < seq->count && !g.full; i++) {
            if (placed[i].rel_size) {
                fix_branch(seq, i, &placed[i]);
            }
        }
    } while (g.full || enters_kernel(seq));
}
