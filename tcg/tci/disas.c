/*
 * disas.c (interpreter): the instruction set's names and formats (from
 * insns.h), and -d out_asm for bytecode.  In this build the "host code" of
 * a TB is tcg/tci/bytecode.h instructions, so disas_host() prints each as
 * its name, registers, x operand, flag byte and further words, instead of
 * handing it to capstone as x86 code (util/disas.c, JIT builds).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "disas/disas.h"
#include "tcg-internal.h"
#include "bytecode.h"

#define N_ONE(name, ...) #name,
#define N_IMM(name) #name, #name "_i",
#define N_C(op, c, C) #op "_" #c, #op "_" #c "_i",
#define N_COND(name, fr, fi) TCI_CONDS(N_C, name)
const char *const tci_insn_name[TCI_NB_INSNS] = {
    TCI_INSNS(N_ONE, N_ONE, N_IMM, N_COND)
};

const TCIFormat tci_formats[F_NB] = {
    [F_R] = { 1, 0, 0, 0 },     [F_RR] = { 2, 0, 0, 0 },
    [F_RRR] = { 3, 0, 0, 0 },   [F_RRRR] = { 4, 0, 0, 0 },
    [F_RRRRRC] = { 5, 0, 6, 0 }, [F_RRRRRR] = { 6, 0, 0, 0 },
    [F_RI] = { 1, 1, 0, 0 },
    [F_RRI] = { 2, 1, 0, 0 },   [F_RRD] = { 2, 1, 0, 0 },
    [F_RID] = { 1, 1, 0, 1 },   [F_D] = { 0, 1, 0, 0 },
    [F_STI] = { 1, 1, 0, 1 },
    [F_R64] = { 1, 0, 0, 2 },   [F_64] = { 0, 0, 0, 2 },
    [F_CALL] = { 0, 1, 0, 2 },  [F_MEM] = { 2, 1, 3, 0 },
};

#define F_ONE(name, format) format,
#define F_IMM(name) F_RRR, F_RRI,
#define F_C(formats, c, C) F_PAIR formats
#define F_PAIR(fr, fi) fr, fi,
#define F_COND(name, fr, fi) TCI_CONDS(F_C, (fr, fi))
const uint8_t tci_insn_format[TCI_NB_INSNS] = {
    TCI_INSNS(F_ONE, F_ONE, F_IMM, F_COND)
};

void disas_host(const void *code, size_t size)
{
    const uint8_t *p = code, *end = p + size;

    while (p + 8 <= end) {
        const TCIFormat *f;
        const uint8_t *w;
        int i;

        if (p[0] >= TCI_NB_INSNS || p + tci_insn_bytes(p[0]) > end) {
            qemu_log("%p:  (not an instruction)\n", (const void *)p);
            return;
        }
        f = tci_format(p[0]);
        qemu_log("%p:  %-16s", (const void *)p, tci_insn_name[p[0]]);
        for (i = 0; i < f->regs; i++) {
            qemu_log("%sr%d", i ? "," : " ", p[1 + i]);
        }
        if (f->x) {
            int32_t x;

            memcpy(&x, p + 4, 4);
            qemu_log(" $%#" PRIx32, (uint32_t)x);
        }
        if (f->aux) {
            qemu_log(" aux=%d", p[f->aux]);
        }
        for (w = p + 8; w < p + tci_insn_bytes(p[0]); w += 4) {
            uint32_t v;

            memcpy(&v, w, 4);
            qemu_log(" %#" PRIx32, v);
        }
        qemu_log("\n");
        p += tci_insn_bytes(p[0]);
    }
}
