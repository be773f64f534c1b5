/*
 * insn.c: decodes (with capstone) the instruction lockstep has just stepped
 * over, to know which of its results may legitimately differ between the
 * host CPU and the emulator: the flags the SDM leaves undefined, registers
 * that report the machine rather than compute (cpuid, rdtsc, xgetbv), and
 * the flags it writes, to follow the undefined ones through a block.
 */
#include <capstone.h>
#include <stdlib.h>
#include <string.h>
#include "lockstep.h"

static csh handle;

void insn_init(void)
{
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        fprintf(stderr, "lockstep: capstone cannot open x86-64\n");
        exit(2);
    }
    cs_option(handle, CS_OPT_DETAIL, CS_OPT_ON);
}

/* The masked count of a shift or rotate: an immediate, CL, or 1. */
static unsigned shift_count(const cs_x86 *x, const GuestState *s)
{
    const cs_x86_op *last = &x->operands[x->op_count - 1];
    unsigned mask = x->operands[0].size == 8 ? 0x3f : 0x1f;

    if (x->op_count < 2 || (x->op_count == 2 && last->type == X86_OP_MEM)) {
        return 1;
    }
    if (last->type == X86_OP_IMM) {
        return last->imm & mask;
    }
    if (last->type == X86_OP_REG && last->reg == X86_REG_CL) {
        /* Without the state (inside a block), assume the count that
           leaves the most flags undefined. */
        return s ? s->gpr[GPR_RCX] & mask : mask;
    }
    return 1;
}

/* SDM vol. 2, "Flags Affected" of each instruction: the undefined ones. */
static uint32_t undefined_flags(unsigned id, const cs_x86 *x, const GuestState *s)
{
    unsigned count;

    switch (id) {
    case X86_INS_MUL: case X86_INS_IMUL:
        return FL_SF | FL_ZF | FL_AF | FL_PF;
    case X86_INS_DIV: case X86_INS_IDIV:
        return FL_ARITH;
    case X86_INS_BSF: case X86_INS_BSR:
        return FL_ARITH & ~FL_ZF;
    case X86_INS_BT: case X86_INS_BTS: case X86_INS_BTR: case X86_INS_BTC:
        return FL_OF | FL_SF | FL_AF | FL_PF;
    case X86_INS_AND: case X86_INS_OR: case X86_INS_XOR: case X86_INS_TEST:
        return FL_AF;
    case X86_INS_LZCNT: case X86_INS_TZCNT:
        return FL_OF | FL_SF | FL_AF | FL_PF;
    case X86_INS_ANDN: case X86_INS_BLSI: case X86_INS_BLSMSK: case X86_INS_BLSR:
    case X86_INS_BZHI:
        return FL_AF | FL_PF;
    case X86_INS_BEXTR:
        return FL_AF | FL_SF | FL_PF;
    case X86_INS_SHL: case X86_INS_SAL: case X86_INS_SHR: case X86_INS_SAR:
        count = shift_count(x, s);
        return (count ? FL_AF : 0) | (count > 1 ? FL_OF : 0);
    case X86_INS_SHLD: case X86_INS_SHRD:
        count = shift_count(x, s);
        if (count > x->operands[0].size * 8u) {
            return FL_ARITH;
        }
        return (count ? FL_AF : 0) | (count > 1 ? FL_OF : 0);
    case X86_INS_ROL: case X86_INS_ROR: case X86_INS_RCL: case X86_INS_RCR:
        return shift_count(x, s) > 1 ? FL_OF : 0;
    default:
        return 0;
    }
}

/* Registers that describe the machine or the kernel rather than the
   program: the emulator's answer is the one the program must go on with. */
static uint32_t machine_results(unsigned id)
{
    switch (id) {
    case X86_INS_CPUID:
        return 1u << GPR_RAX | 1u << GPR_RBX | 1u << GPR_RCX | 1u << GPR_RDX;
    case X86_INS_RDTSC: case X86_INS_XGETBV:
        return 1u << GPR_RAX | 1u << GPR_RDX;
    case X86_INS_RDTSCP:
        return 1u << GPR_RAX | 1u << GPR_RDX | 1u << GPR_RCX;
    case X86_INS_SYSCALL:
        return 1u << GPR_RCX | 1u << GPR_R11;
    default:
        return 0;
    }
}

/* The EFLAGS bits (of FL_ALL) an instruction writes, in capstone's detail. */
static uint32_t written_flags(uint64_t ef)
{
    static const struct { uint64_t cs; uint32_t fl; } map[] = {
        { X86_EFLAGS_MODIFY_CF | X86_EFLAGS_RESET_CF | X86_EFLAGS_SET_CF |
          X86_EFLAGS_UNDEFINED_CF, FL_CF },
        { X86_EFLAGS_MODIFY_PF | X86_EFLAGS_RESET_PF | X86_EFLAGS_SET_PF |
          X86_EFLAGS_UNDEFINED_PF, FL_PF },
        { X86_EFLAGS_MODIFY_AF | X86_EFLAGS_RESET_AF | X86_EFLAGS_SET_AF |
          X86_EFLAGS_UNDEFINED_AF, FL_AF },
        { X86_EFLAGS_MODIFY_ZF | X86_EFLAGS_RESET_ZF | X86_EFLAGS_SET_ZF |
          X86_EFLAGS_UNDEFINED_ZF, FL_ZF },
        { X86_EFLAGS_MODIFY_SF | X86_EFLAGS_RESET_SF | X86_EFLAGS_SET_SF |
          X86_EFLAGS_UNDEFINED_SF, FL_SF },
        { X86_EFLAGS_MODIFY_DF | X86_EFLAGS_RESET_DF | X86_EFLAGS_SET_DF, FL_DF },
        { X86_EFLAGS_MODIFY_OF | X86_EFLAGS_RESET_OF | X86_EFLAGS_SET_OF |
          X86_EFLAGS_UNDEFINED_OF, FL_OF },
    };
    uint32_t fl = 0;
    size_t i;

    for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (ef & map[i].cs) {
            fl |= map[i].fl;
        }
    }
    return fl;
}

void insn_decode(Native *n, uint64_t rip, const GuestState *s, InsnInfo *info)
{
    cs_insn *insn;

    memset(info, 0, sizeof(*info));
    info->len = native_peek(n, rip, info->bytes, sizeof(info->bytes));
    if (cs_disasm(handle, info->bytes, info->len, rip, 1, &insn) != 1) {
        snprintf(info->text, sizeof(info->text), "(not decoded by capstone)");
        return;
    }
    snprintf(info->text, sizeof(info->text), "%s %s", insn->mnemonic, insn->op_str);
    info->len = insn->size;
    info->undefined_flags = undefined_flags(insn->id, &insn->detail->x86, s);
    info->result_gprs = machine_results(insn->id);
    info->is_machine = info->result_gprs != 0;
    info->is_syscall = insn->id == X86_INS_SYSCALL;
    info->is_pushf = insn->id == X86_INS_PUSHFQ;
    info->is_cpuid = insn->id == X86_INS_CPUID;
    info->has_rep = insn->detail->x86.prefix[0] == X86_PREFIX_REP ||
                    insn->detail->x86.prefix[0] == X86_PREFIX_REPNE;
    /* A conditional move or set, a jump: what writes no flag keeps them. */
    info->written_flags = written_flags(insn->detail->x86.eflags);
    cs_free(insn, 1);
}

void insn_block(Native *n, const uint64_t *addrs, int count, BlockInfo *b)
{
    int i;

    memset(b, 0, sizeof(*b));
    for (i = 0; i < count; i++) {
        insn_decode(n, addrs[i], NULL, &b->last);
        b->gen = (b->gen & ~b->last.written_flags) | b->last.undefined_flags;
        b->kill |= b->last.written_flags;
        if (i < count - 1 && b->last.is_machine) {
            b->mid_machine = addrs[i];
        }
    }
}
