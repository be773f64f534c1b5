/*
 * disas.c: capstone glue for the log.  One handle per mode, opened lazily:
 * disassembly is only ever needed when -d in_asm/out_asm is on.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "disas/disas.h"
#include <capstone/capstone.h>

static csh open_handle(int bits)
{
    static csh handles[3];
    static bool opened[3];
    int i = bits == 16 ? 0 : bits == 32 ? 1 : 2;
    cs_mode mode = bits == 16 ? CS_MODE_16 : bits == 32 ? CS_MODE_32 : CS_MODE_64;

    if (!opened[i]) {
        if (cs_open(CS_ARCH_X86, mode, &handles[i]) != CS_ERR_OK) {
            return 0;
        }
        cs_option(handles[i], CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
        cs_option(handles[i], CS_OPT_SKIPDATA, CS_OPT_ON);
        opened[i] = true;
    }
    return handles[i];
}

/* Capstone prints at most this many bytes per line; longer instructions
   continue on a second line as QEMU does. */
enum { BYTES_PER_LINE = 8 };

static void dump_insn(const cs_insn *insn)
{
    char bytes[3 * BYTES_PER_LINE + 1];
    size_t n = MIN((size_t)insn->size, (size_t)BYTES_PER_LINE);
    size_t pos = 0;

    for (size_t i = 0; i < n; i++) {
        pos += sprintf(bytes + pos, "%s%02x", i ? " " : "", insn->bytes[i]);
    }
    qemu_log("0x%08" PRIx64 ":  %-25s%-8s %s\n", insn->address, bytes,
             insn->mnemonic, insn->op_str);
    if (insn->size > BYTES_PER_LINE) {
        pos = 0;
        for (size_t i = BYTES_PER_LINE; i < insn->size; i++) {
            pos += sprintf(bytes + pos, "%s%02x", pos ? " " : "", insn->bytes[i]);
        }
        qemu_log("0x%08" PRIx64 ":  %s\n", insn->address + BYTES_PER_LINE, bytes);
    }
}

static void disas_range(csh h, const void *code, uint64_t addr, size_t size)
{
    const uint8_t *p = code;
    cs_insn *insn;

    if (!h) {
        qemu_log("(capstone unavailable)\n");
        return;
    }
    insn = cs_malloc(h);
    while (size > 0 && cs_disasm_iter(h, &p, &size, &addr, insn)) {
        dump_insn(insn);
    }
    cs_free(insn, 1);
}

void disas_guest(const void *code, uint64_t addr, size_t size, int bits)
{
    disas_range(open_handle(bits), code, addr, size);
}

#ifndef CONFIG_TCG_INTERPRETER   /* bytecode: tcg/tci/disas.c */
#ifdef __aarch64__
static csh open_host_handle(void)
{
    static csh handle;
    static bool opened;

    if (!opened) {
        if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &handle) != CS_ERR_OK) {
            return 0;
        }
        cs_option(handle, CS_OPT_SKIPDATA, CS_OPT_ON);
        opened = true;
    }
    return handle;
}
#else
static csh open_host_handle(void)
{
    return open_handle(64);
}
#endif

void disas_host(const void *code, size_t size)
{
    disas_range(open_host_handle(), code, (uintptr_t)code, size);
}
#endif

size_t disas_insn_length(const void *code, size_t size, uint64_t addr, int bits)
{
    csh h = open_handle(bits);
    const uint8_t *p = code;
    cs_insn *insn;
    size_t len = 0;

    if (!h) {
        return 0;
    }
    cs_option(h, CS_OPT_SKIPDATA, CS_OPT_OFF);
    insn = cs_malloc(h);
    if (cs_disasm_iter(h, &p, &size, &addr, insn)) {
        len = insn->size;
    }
    cs_free(insn, 1);
    cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
    return len;
}
