/*
 * stack-fault.c: in 64-bit mode a non-canonical address is #SS when the
 * access goes through SS (the stack instructions, and memory operands
 * based on rSP or rBP without an FS or GS override), #GP otherwise; Linux sends
 * SIGBUS for the first, SIGSEGV for the second.  The fault reaches
 * cpu_loop as a host fault without that distinction, so the faulting
 * instruction's bytes are looked at again here: prefixes, opcode, ModRM
 * and SIB, with the opcode maps saying which opcodes have a ModRM.
 */
#include "qemu/osdep.h"
#include "decode.h"

/* One-byte opcodes that push or pop (the stack is their only memory
   operand, except ff /2 /3 /6 and 8f /0, handled with the ModRM ones):
   push/pop reg, push imm, pushf/popf, ret, enter/leave, lret, iret, call. */
static const bool implicit_stack_op[256] = {
    [0x50 ... 0x5f] = true, [0x68] = true, [0x6a] = true,
    [0x9c] = true, [0x9d] = true, [0xc2] = true, [0xc3] = true,
    [0xc8] = true, [0xc9] = true, [0xca] = true, [0xcb] = true,
    [0xcf] = true, [0xe8] = true,
};

static bool canonical(target_ulong addr)
{
    return (target_long)(addr << 16) >> 16 == (target_long)addr;
}

static bool stack_slot_noncanonical(CPUX86State *env)
{
    target_ulong rsp = env->regs[R_ESP];

    return !canonical(rsp) || !canonical(rsp - 8);
}

static bool has_modrm(const X86OpEntry *e)
{
    return e->group || e->by_prefix || e->emit == emit_sse ||
           (e->flags & (OPF_MODRM | OPF_RAWMODRM));
}

/* Whether the fault of the instruction insn[0..len) (at env's eip, its
   registers as they were before it) went through SS.  A push or pop whose
   stack slot is non-canonical is; else the ModRM memory operand decides. */
bool x86_fault_is_stack(CPUX86State *env, const uint8_t *insn, int len)
{
    int i = 0, rex_b = 0, b, modrm, base;
    bool fs_gs = false, twobyte = false;
    const X86OpEntry *e;

    if (!(env->hflags & HF_CS64_MASK)) {
        return false;
    }
    for (; i < len; i++) {
        b = insn[i];
        if ((b & 0xf0) == 0x40) {
            rex_b = (b & 1) << 3;
        } else if (b == 0x64 || b == 0x65) {
            fs_gs = true;
            rex_b = 0;
        } else if (b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e ||
                   b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 ||
                   b == 0xf3) {
            /* ES, CS, SS, DS overrides do nothing in 64-bit mode, not
               even for the kind of fault (checked on the CPU) */
            rex_b = 0;
        } else {
            break;
        }
    }
    if (i >= len) {
        return false;
    }
    b = insn[i++];
    if (b == 0x0f) {
        if (i >= len) {
            return false;
        }
        twobyte = true;
        b = insn[i++];
        if (b == 0x38 || b == 0x3a) {
            i++;                        /* three-byte maps: all have ModRM */
        } else {
            e = &x86_twobyte_map[b];
            if (!has_modrm(e)) {
                /* push/pop fs/gs */
                return (b == 0xa0 || b == 0xa1 || b == 0xa8 || b == 0xa9) &&
                       stack_slot_noncanonical(env);
            }
        }
    } else {
        if (implicit_stack_op[b]) {
            return true;
        }
        e = &x86_onebyte_map[b];
        if (!has_modrm(e)) {
            return false;
        }
    }
    if (i >= len) {
        return false;
    }
    modrm = insn[i++];
    /* call/lcall/push Ev (ff /2 /3 /6) and pop Ev (8f /0): the stack side
       when the stack slot is non-canonical (for the ff ones, a memory
       operand that is also non-canonical would fault first: not told) */
    if (!twobyte && ((b == 0xff && ((0x4c >> ((modrm >> 3) & 7)) & 1)) ||
                     (b == 0x8f && ((modrm >> 3) & 7) == 0)) &&
        stack_slot_noncanonical(env)) {
        return true;
    }
    if ((modrm >> 6) == 3) {
        return false;
    }
    if (fs_gs) {
        return false;
    }
    base = modrm & 7;
    if (base == 4) {                    /* SIB */
        if (i >= len) {
            return false;
        }
        base = insn[i] & 7;
        if (base == 5 && (modrm >> 6) == 0) {
            return false;               /* no base: disp32 */
        }
    } else if (base == 5 && (modrm >> 6) == 0) {
        return false;                   /* RIP-relative */
    }
    base |= rex_b;
    return base == R_ESP || base == R_EBP;
}
