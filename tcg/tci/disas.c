/*
 * disas.c (interpreter): -d out_asm for bytecode.  In this build the "host
 * code" of a TB is tcg/tci/bytecode.h instructions, so disas_host() prints
 * each as its op name, registers, aux byte and operand words, instead of
 * handing it to capstone as x86 code (util/disas.c, JIT builds).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "disas/disas.h"
#include "tcg-internal.h"
#include "bytecode.h"

void disas_host(const void *code, size_t size)
{
    const uint8_t *p = code, *end = p + size;

    while (p + sizeof(TCIHeader) <= end) {
        TCIHeader h;
        const TCGOpDef *def;
        const uint8_t *w;
        int i, nb_regs;

        memcpy(&h, p, sizeof(h));
        if (h.opc >= NB_OPS || h.len < TCI_HEADER_WORDS
            || p + h.len * TCI_WORD > end) {
            qemu_log("%p:  (not an instruction)\n", (const void *)p);
            return;
        }
        def = &tcg_op_defs[h.opc];
        nb_regs = def->nb_oargs + def->nb_iargs;
        qemu_log("%p:  %-14s", (const void *)p, def->name);
        for (i = 0; i < nb_regs && i < 5; i++) {
            qemu_log("%sr%d", i ? "," : " ", h.r[i]);
        }
        if (h.aux) {
            qemu_log(" aux=%d", h.aux);
        }
        for (w = p + sizeof(h); w < p + h.len * TCI_WORD; w += TCI_WORD) {
            uint32_t v;

            memcpy(&v, w, 4);
            qemu_log(" %#" PRIx32, v);
        }
        qemu_log("\n");
        p += h.len * TCI_WORD;
    }
}
