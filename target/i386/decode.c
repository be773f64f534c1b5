/*
 * decode.c: the table-driven decoder for one x86 instruction.  It reads the
 * prefixes, looks the opcode up in the SDM opcode maps (decode-tables.c),
 * resolves ModRM.reg groups, fetches ModRM, addressing bytes and
 * immediates, computes the memory operand's address, then calls the
 * entry's emitter.  Entries may be chosen by the mandatory prefix (none,
 * 66, F3, F2) before the ModRM.reg group.  The VEX prefix (C4/C5) selects
 * the VEX opcode maps and supplies REX, the mandatory prefix, L and vvvv.
 * SSE/MMX opcode space is routed to translate-sse.c.
 */
#include "qemu/osdep.h"
#include "decode.h"

static target_ulong ot_mask(MemOp ot)
{
    return ot == MO_64 ? (target_ulong)-1 : (target_ulong)((1ULL << (8 << ot)) - 1);
}

static MemOp operand_size(DisasContext *s, int size)
{
    switch (size) {
    case SZ_B:
        return MO_8;
    case SZ_W:
        return MO_16;
    case SZ_F64:
        /*
         * Intel ignores 0x66 on near branches in 64-bit mode; AMD (measured
         * on an EPYC) honours it as for stack operations: a 16-bit
         * displacement, return address and target.
         */
        if (!s->amd) {
            return s->code64 ? MO_64 : s->dflag;
        }
        /* fall through */
    case SZ_D64:
        return s->code64 && s->dflag != MO_16 ? MO_64 : s->dflag;
    case SZ_Y:
        return s->code64 && s->rex_w ? MO_64 : MO_32;
    default:
        return s->dflag;
    }
}

/* Read the prefixes; returns the first opcode byte, or -1 when there are
   too many of them for an instruction to fit in 15 bytes. */
static int decode_prefixes(CPUX86State *env, DisasContext *s)
{
    int prefixes = 0;
    int b, n;

    s->override = -1;
    s->rex_x = s->rex_b = s->rex_r = s->rex_w = 0;
    s->rex_present = false;
    for (n = 0; n < TARGET_MAX_INSN_SIZE; n++) {
        b = x86_ldub_code(env, s);
        if (s->code64 && (b & 0xf0) == 0x40) {
            /* REX: only effective right before the opcode. */
            s->rex_present = true;
            s->rex_w = (b >> 3) & 1;
            s->rex_r = (b & 4) << 1;
            s->rex_x = (b & 2) << 2;
            s->rex_b = (b & 1) << 3;
            continue;
        }
        switch (b) {
        case 0xf3:
            prefixes = (prefixes | PREFIX_REPZ) & ~PREFIX_REPNZ;
            break;
        case 0xf2:
            prefixes = (prefixes | PREFIX_REPNZ) & ~PREFIX_REPZ;
            break;
        case 0xf0:
            prefixes |= PREFIX_LOCK;
            break;
        case 0x66:
            prefixes |= PREFIX_DATA;
            break;
        case 0x67:
            prefixes |= PREFIX_ADR;
            break;
        case 0x26: case 0x2e: case 0x36: case 0x3e:
            /* ES/CS/SS/DS have base 0; in 64-bit mode they are no-ops. */
            if (!s->code64) {
                s->override = (b >> 3) & 3;
            }
            break;
        case 0x64:
            s->override = R_FS;
            break;
        case 0x65:
            s->override = R_GS;
            break;
        default:
            s->prefix = prefixes;
            return b;
        }
        s->rex_x = s->rex_b = s->rex_r = s->rex_w = 0;
        s->rex_present = false;
    }
    return -1;
}

static void set_operand_sizes(DisasContext *s)
{
    if (s->code64) {
        s->aflag = (s->prefix & PREFIX_ADR) ? MO_32 : MO_64;
        s->dflag = s->rex_w ? MO_64 : (s->prefix & PREFIX_DATA) ? MO_16 : MO_32;
    } else {
        /* 66 and 67 flip the sizes of the code segment (D bit) */
        bool adr32 = s->code32 ^ !!(s->prefix & PREFIX_ADR);
        bool data32 = s->code32 ^ !!(s->prefix & PREFIX_DATA);

        s->aflag = adr32 ? MO_32 : MO_16;
        s->dflag = data32 ? MO_32 : MO_16;
    }
}

static target_long fetch_sized_imm(CPUX86State *env, DisasContext *s, MemOp ot)
{
    switch (ot) {
    case MO_8:
        return (int8_t)x86_ldub_code(env, s);
    case MO_16:
        return (int16_t)x86_lduw_code(env, s);
    default:
        return (int32_t)x86_ldl_code(env, s);
    }
}

static void fetch_immediate(CPUX86State *env, DisasContext *s, X86Decoded *d)
{
    MemOp ot = d->ot;
    target_long rel;

    switch (d->e->imm) {
    case IMM_NONE:
        return;
    case IMM_OT:
        d->imm = fetch_sized_imm(env, s, ot) & ot_mask(ot);
        return;
    case IMM_SB:
        d->imm = (int8_t)x86_ldub_code(env, s) & ot_mask(ot);
        return;
    case IMM_UB:
        d->imm = x86_ldub_code(env, s);
        return;
    case IMM_W:
        d->imm = x86_lduw_code(env, s);
        return;
    case IMM_FULL:
        d->imm = ot == MO_64 ? x86_ldq_code(env, s)
                             : fetch_sized_imm(env, s, ot) & ot_mask(ot);
        return;
    case IMM_ENTER:
        d->imm = x86_lduw_code(env, s);
        d->imm2 = x86_ldub_code(env, s);
        return;
    case IMM_FAR:
        d->imm = fetch_sized_imm(env, s, ot) & ot_mask(ot);
        d->imm2 = x86_lduw_code(env, s);
        return;
    case IMM_MOFFS:
        d->imm = s->aflag == MO_64 ? x86_ldq_code(env, s)
               : s->aflag == MO_32 ? x86_ldl_code(env, s)
               : x86_lduw_code(env, s);
        return;
    case IMM_REL8:
        rel = (int8_t)x86_ldub_code(env, s);
        break;
    default:    /* IMM_REL */
        rel = ot == MO_16 ? (int16_t)x86_lduw_code(env, s)
                          : (int32_t)x86_ldl_code(env, s);
        break;
    }
    /* Relative to the next instruction; 16-bit operand size wraps eip. */
    d->imm = (insn_next_eip(s) + rel) & (ot == MO_16 ? 0xffff : (target_ulong)-1);
}

/*
 * C4 / C5 start a VEX prefix in 64-bit mode; elsewhere only when the next
 * byte's top bits are 11 (they are LES / LDS with a memory operand
 * otherwise).  VEX after 66, F2, F3, LOCK or REX is #UD.  Returns the
 * entry of the VEX opcode map the prefix selects, NULL for #UD.
 */
static bool vex_follows(CPUX86State *env, DisasContext *s, int b)
{
    return (b == 0xc4 || b == 0xc5) &&
           (s->code64 || (translator_ldub(env, s->pc) & 0xc0) == 0xc0);
}

static const X86OpEntry *decode_vex(CPUX86State *env, DisasContext *s, int b,
                                    X86Decoded *d)
{
    static const int pp_prefix[4] = { 0, PREFIX_DATA, PREFIX_REPZ, PREFIX_REPNZ };
    int vex1 = x86_ldub_code(env, s);
    int vex2, map, op;
    bool bad_prefix = (s->prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ |
                                    PREFIX_LOCK)) || s->rex_present;

    /* R, X and B are stored inverted; outside 64-bit mode B is ignored. */
    s->rex_r = (~vex1 >> 4) & 8;
    if (b == 0xc5) {
        vex2 = vex1;
        map = 1;
        s->rex_x = s->rex_b = s->rex_w = 0;
    } else {
        vex2 = x86_ldub_code(env, s);
        map = vex1 & 0x1f;
        s->rex_x = (~vex1 >> 3) & 8;
        s->rex_b = s->code64 ? (~vex1 >> 2) & 8 : 0;
        s->rex_w = s->code64 ? vex2 >> 7 : 0;
    }
    s->vex_v = (~vex2 >> 3) & 15;
    s->vex_l = (vex2 >> 2) & 1;
    s->prefix |= PREFIX_VEX | pp_prefix[vex2 & 3];
    set_operand_sizes(s);
    /* Outside 64-bit mode vvvv's top bit is ignored as a register number
       (but not by the must-be-1111b check). */
    d->vvvv = s->code64 ? s->vex_v : s->vex_v & 7;
    op = x86_ldub_code(env, s);
    if (bad_prefix) {
        return NULL;
    }
    switch (map) {
    case 2:
        d->b = 0x13800 | op;
        return &x86_vex_0f38_map[op];
    case 3:
        d->b = 0x13a00 | op;
        return &x86_vex_0f3a_map[op];
    default:
        /* The VEX 0F map holds only SIMD instructions, not yet provided. */
        return NULL;
    }
}

/* The entry for the opcode after the 0F escape (s->pc past the 0F). */
static const X86OpEntry *decode_0f(CPUX86State *env, DisasContext *s,
                                   X86Decoded *d)
{
    int b = x86_ldub_code(env, s);

    if (b == 0x38 || b == 0x3a) {
        int b3 = x86_ldub_code(env, s);

        d->b = (b == 0x38 ? 0x13800 : 0x13a00) | b3;
        return b == 0x38 ? &x86_0f38_map[b3] : &x86_0f3a_map[b3];
    }
    d->b = 0x100 | b;
    return &x86_twobyte_map[b];
}

int x86_mandatory_prefix(DisasContext *s)
{
    /* decode_prefixes keeps only the last of F2 and F3. */
    if (s->prefix & PREFIX_REPNZ) {
        return MP_F2;
    }
    if (s->prefix & PREFIX_REPZ) {
        return MP_F3;
    }
    return s->prefix & PREFIX_DATA ? MP_66 : MP_NONE;
}

/* A sub-entry's zero fields take the parent entry's values. */
static void merge_sub_entry(X86OpEntry *m, const X86OpEntry *parent,
                            const X86OpEntry *sub)
{
    X86OpEntry merged = *sub;

    merged.op1 = sub->op1 ? sub->op1 : parent->op1;
    merged.op2 = sub->op2 ? sub->op2 : parent->op2;
    merged.op3 = sub->op3 ? sub->op3 : parent->op3;
    merged.size = sub->size ? sub->size : parent->size;
    merged.imm = sub->imm ? sub->imm : parent->imm;
    merged.feature = sub->feature ? sub->feature : parent->feature;
    merged.flags |= parent->flags;
    *m = merged;
}

/* Where each FEAT_* bit lives in the CPUID words of the DisasContext. */
static const struct {
    size_t word;
    uint32_t bit;
} feature_bits[FEAT_COUNT] = {
    [FEAT_POPCNT] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_POPCNT },
    [FEAT_MOVBE] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_MOVBE },
    [FEAT_LZCNT] = { offsetof(DisasContext, cpuid_ext3_features), CPUID_EXT3_ABM },
    [FEAT_PRFCHW] = { offsetof(DisasContext, cpuid_ext3_features),
                      CPUID_EXT3_3DNOWPREFETCH },
    [FEAT_RDTSCP] = { offsetof(DisasContext, cpuid_ext2_features), CPUID_EXT2_RDTSCP },
    [FEAT_BMI1] = { offsetof(DisasContext, cpuid_7_0_ebx_features), CPUID_7_0_EBX_BMI1 },
    [FEAT_BMI2] = { offsetof(DisasContext, cpuid_7_0_ebx_features), CPUID_7_0_EBX_BMI2 },
    [FEAT_ADX] = { offsetof(DisasContext, cpuid_7_0_ebx_features), CPUID_7_0_EBX_ADX },
    [FEAT_SSE3] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_SSE3 },
    [FEAT_SSSE3] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_SSSE3 },
    [FEAT_SSE41] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_SSE41 },
    [FEAT_SSE42] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_SSE42 },
    [FEAT_AES] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_AES },
    [FEAT_PCLMUL] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_PCLMULQDQ },
    [FEAT_XSAVE] = { offsetof(DisasContext, cpuid_ext_features), CPUID_EXT_XSAVE },
    [FEAT_XSAVEOPT] = { offsetof(DisasContext, cpuid_xsave_features),
                        CPUID_XSAVE_XSAVEOPT },
    [FEAT_XSAVEC] = { offsetof(DisasContext, cpuid_xsave_features), CPUID_XSAVE_XSAVEC },
    [FEAT_XSAVES] = { offsetof(DisasContext, cpuid_xsave_features), CPUID_XSAVE_XSAVES },
};

bool x86_feature_present(DisasContext *s, int feature)
{
    const uint32_t *word;

    if (feature == FEAT_NONE) {
        return true;
    }
    word = (const uint32_t *)((const char *)s + feature_bits[feature].word);
    return (*word & feature_bits[feature].bit) != 0;
}

static bool entry_valid(DisasContext *s, const X86OpEntry *e, X86Decoded *d)
{
    if (!e->emit || !x86_feature_present(s, e->feature)) {
        return false;
    }
    if ((e->flags & OPF_L0) && s->vex_l) {
        return false;
    }
    if ((e->flags & OPF_NOVVVV) && s->vex_v) {
        return false;
    }
    if ((e->flags & OPF_I64) && s->code64) {
        return false;
    }
    if ((e->flags & OPF_O64) && !s->code64) {
        return false;
    }
    if ((e->flags & OPF_MEM) && d->mod == 3) {
        return false;
    }
    /* LOCK is #UD unless the instruction allows it and writes memory. */
    if ((s->prefix & PREFIX_LOCK) && (!(e->flags & OPF_LOCK) || d->mod == 3)) {
        return false;
    }
    return true;
}

void disas_insn(CPUX86State *env, DisasContext *s)
{
    X86Decoded d;
    X86OpEntry merged;
    const X86OpEntry *e;
    int b;

    memset(&d, 0, sizeof(d));
    d.mod = 3;      /* no memory operand unless the ModRM says so */
    s->pc_start = s->pc;
    s->rip_offset = 0;
    s->vex_l = s->vex_v = 0;
    b = decode_prefixes(env, s);
    if (b < 0) {
        gen_overlong_insn(s);
        return;
    }
    set_operand_sizes(s);

    if (vex_follows(env, s, b)) {
        e = decode_vex(env, s, b, &d);
        if (!e) {
            gen_illegal_opcode(s);
            return;
        }
    } else if (b == 0x0f) {
        e = decode_0f(env, s, &d);
    } else {
        e = &x86_onebyte_map[b];
        d.b = b;
    }

    if (e->by_prefix) {
        merge_sub_entry(&merged, e, &e->by_prefix[x86_mandatory_prefix(s)]);
        e = &merged;
    }
    if (e->flags & (OPF_MODRM | OPF_RAWMODRM)) {
        d.modrm = x86_ldub_code(env, s);
        d.mod = d.modrm >> 6;
        d.reg = ((d.modrm >> 3) & 7) | s->rex_r;
        d.rm = (d.modrm & 7) | s->rex_b;
    }
    if (e->group) {
        merge_sub_entry(&merged, e, &e->group[(d.modrm >> 3) & 7]);
        e = &merged;
    }
    if (e->flags & OPF_RAWMODRM) {
        d.mod = 3;  /* the x87 translator decodes the address itself */
    }
    d.e = e;
    if (!entry_valid(s, e, &d)) {
        gen_illegal_opcode(s);
        return;
    }
    d.ot = operand_size(s, e->size);

    if (d.mod != 3) {
        decode_modrm_address(env, s, d.modrm, &d.addr);
    }
    fetch_immediate(env, s, &d);
    /* Only now is s->pc the next instruction, as RIP-relative needs. */
    if (d.mod != 3 && !(e->flags & OPF_NOLEA)) {
        gen_lea_addr(s, &d.addr, !(e->flags & OPF_NOSEG));
    }
    if (e->imm == IMM_MOFFS) {
        d.mod = 0;
        tcg_gen_movi_tl(s->A0, d.imm);
        gen_lea_v_seg(s, s->aflag, s->A0, R_DS, s->override);
    }
    e->emit(env, s, &d);
}
