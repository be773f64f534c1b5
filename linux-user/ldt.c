/*
 * ldt.c: the process's local descriptor table and modify_ldt(2).  Linux
 * keeps one LDT per address space (threads share it, fork copies it, exec
 * drops it): here it is this emulator process's table.  Its entries are
 * what the kernel's write_ldt accepts; cpu_x86_load_seg() and seg_helper.c
 * find them through x86_user_descriptor() (thread_area.c) when a selector
 * has the TI bit.  Reading gives the 8-byte descriptors fill_ldt builds.
 */
#include "qemu/osdep.h"
#include "syscall_impl.h"
#include "user-desc.h"

#define LDT_ENTRIES     8192
#define LDT_ENTRY_SIZE  8
/* read_default_ldt's size on a 64-bit kernel */
#define DEFAULT_LDT_SIZE 128

enum { MODIFY_LDT_READ = 0, MODIFY_LDT_WRITE_OLD = 1,
       MODIFY_LDT_READ_DEFAULT = 2, MODIFY_LDT_WRITE = 0x11 };

/* contents field values */
#define CONTENTS_CODE_CONFORMING 3

static X86UserDesc ldt[LDT_ENTRIES];
static int ldt_nr_entries;      /* the highest entry written + 1 */

const X86UserDesc *ldt_descriptor(int index)
{
    return index < ldt_nr_entries && ldt[index].present ? &ldt[index] : NULL;
}

/* The kernel's LDT_empty: the descriptor that clears an entry. */
static bool ldt_info_empty(const struct target_user_desc *d)
{
    return d->base_addr == 0 && d->limit == 0 &&
           (d->flags & ~USER_DESC_LM) ==
               (USER_DESC_READ_EXEC_ONLY | USER_DESC_SEG_NOT_PRESENT);
}

static abi_long write_ldt(CPUArchState *env, abi_ulong ptr,
                          abi_ulong bytecount, bool oldmode)
{
    struct target_user_desc d;
    X86UserDesc *e;

    if (bytecount != sizeof(d)) {
        return -TARGET_EINVAL;
    }
    if (copy_from_user(&d, ptr, sizeof(d))) {
        return -TARGET_EFAULT;
    }
    if (d.entry_number >= LDT_ENTRIES) {
        return -TARGET_EINVAL;
    }
    if (((d.flags >> USER_DESC_CONTENTS_SHIFT) & 3) == CONTENTS_CODE_CONFORMING &&
        (oldmode || !(d.flags & USER_DESC_SEG_NOT_PRESENT))) {
        return -TARGET_EINVAL;
    }
    e = &ldt[d.entry_number];
    if ((oldmode && d.base_addr == 0 && d.limit == 0) || ldt_info_empty(&d)) {
        *e = (X86UserDesc) { .present = false };
    } else {
        /* The old interface always clears AVL ("useable"); the limit is
           20 bits; L is never set in an LDT descriptor. */
        *e = (X86UserDesc) {
            .present = true,
            .base = d.base_addr,
            .limit = d.limit & 0xfffff,
            .flags = d.flags & ~(USER_DESC_LM | (oldmode ? USER_DESC_USEABLE : 0)),
        };
    }
    ldt_nr_entries = MAX(ldt_nr_entries, (int)d.entry_number + 1);
    user_desc_reload(env, d.entry_number, true);
    return 0;
}

/* An entry as the CPU reads it: what read_ldt copies out. */
static uint64_t ldt_raw_descriptor(const X86UserDesc *e)
{
    uint32_t lo, hi;

    if (!e->present) {
        return 0;           /* cleared, or never written */
    }
    lo = (e->base & 0xffff) << 16 | (e->limit & 0xffff);
    hi = (e->base & 0xff000000) | x86_user_desc_rights(e) | ((e->base >> 16) & 0xff);
    return (uint64_t)hi << 32 | lo;
}

/* The table (8 bytes an entry) up to bytecount, zeros after its end. */
static abi_long read_ldt(abi_ulong ptr, abi_ulong bytecount)
{
    abi_ulong size = (abi_ulong)ldt_nr_entries * LDT_ENTRY_SIZE;

    if (ldt_nr_entries == 0) {
        return 0;
    }
    bytecount = MIN(bytecount, (abi_ulong)LDT_ENTRIES * LDT_ENTRY_SIZE);
    for (abi_ulong off = 0; off < bytecount; off += LDT_ENTRY_SIZE) {
        uint64_t raw = off < size ? ldt_raw_descriptor(&ldt[off / LDT_ENTRY_SIZE]) : 0;
        uint8_t bytes[LDT_ENTRY_SIZE];
        abi_ulong n = MIN((abi_ulong)LDT_ENTRY_SIZE, bytecount - off);

        for (int i = 0; i < LDT_ENTRY_SIZE; i++) {
            bytes[i] = raw >> (8 * i);
        }
        if (copy_to_user(ptr + off, bytes, n)) {
            return -TARGET_EFAULT;
        }
    }
    return bytecount;
}

static abi_long read_default_ldt(abi_ulong ptr, abi_ulong bytecount)
{
    static const uint8_t zeros[DEFAULT_LDT_SIZE];

    bytecount = MIN(bytecount, (abi_ulong)DEFAULT_LDT_SIZE);
    return copy_to_user(ptr, zeros, bytecount) ? -TARGET_EFAULT : (abi_long)bytecount;
}

/*
 * The kernel returns the result as an int made unsigned, so in a 64-bit
 * process an error is a 32-bit value, zero-extended (arch/x86/kernel/ldt.c
 * says so): -EINVAL reads as 0xffffffea, not as an error, in rax.
 */
SYSCALL(modify_ldt)
{
    abi_long ret;

    switch ((int)arg[0]) {
    case MODIFY_LDT_READ:
        ret = read_ldt(arg[1], arg[2]);
        break;
    case MODIFY_LDT_WRITE_OLD:
        ret = write_ldt(env, arg[1], arg[2], true);
        break;
    case MODIFY_LDT_READ_DEFAULT:
        ret = read_default_ldt(arg[1], arg[2]);
        break;
    case MODIFY_LDT_WRITE:
        ret = write_ldt(env, arg[1], arg[2], false);
        break;
    default:
        ret = -TARGET_ENOSYS;
        break;
    }
    return (abi_long)(uint32_t)ret;
}

const SyscallImpl syscalls_ldt[] = {
    { "modify_ldt", sys_modify_ldt, "dxd" },
    { NULL }
};
