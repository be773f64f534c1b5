/*
 * thread_area.c: the TLS descriptors of the guest's GDT.  i386 glibc puts
 * its thread pointer in %gs through set_thread_area(); cpu_x86_load_seg()
 * asks x86_user_descriptor() for the base when the guest loads a segment
 * register (here for the GDT, ldt.c for the LDT).  We number the entries
 * 12..14 as the x86-64 host kernel does for 32-bit programs (a native i386
 * kernel would say 6..8), so a guest sees the same selector (%gs = 0x63)
 * under us as when run natively here.
 */
#include "qemu/osdep.h"
#include "syscall_impl.h"
#include "user-desc.h"

#define GDT_ENTRY_TLS_MIN     12

/* set_thread_area's "empty" descriptors, which clear an entry (the
   kernel's LDT_empty or LDT_zero). */
static bool user_desc_is_empty(const struct target_user_desc *d)
{
    uint32_t f = d->flags & ~USER_DESC_LM;

    return d->base_addr == 0 && d->limit == 0 &&
           (f == 0 || f == (USER_DESC_READ_EXEC_ONLY | USER_DESC_SEG_NOT_PRESENT));
}

const X86UserDesc *x86_user_descriptor(CPUX86State *env, int selector)
{
    const X86UserDesc *tls_gdt = ((TaskState *)env->opaque)->tls_gdt;
    int idx = (selector >> 3) - GDT_ENTRY_TLS_MIN;

    if (selector & 4) {
        return ldt_descriptor(selector >> 3);
    }
    if (idx < 0 || idx >= GDT_ENTRY_TLS_ENTRIES || !tls_gdt[idx].present) {
        return NULL;
    }
    return &tls_gdt[idx];
}

void user_desc_reload(CPUArchState *env, int selector_index, bool ldt)
{
    for (int seg = R_ES; seg <= R_GS; seg++) {
        int sel = env->segs[seg].selector;

        if ((sel >> 3) == selector_index && !!(sel & 4) == ldt) {
            const X86UserDesc *u = x86_user_descriptor(env, sel);

            env->segs[seg].base = u ? u->base : 0;
        }
    }
    cpu_x86_update_hflags(env);
}

abi_long do_set_thread_area(CPUArchState *env, abi_ulong ptr)
{
    X86UserDesc *tls_gdt = ((TaskState *)env->opaque)->tls_gdt;
    struct target_user_desc d;
    int idx;

    if (copy_from_user(&d, ptr, sizeof(d))) {
        return -TARGET_EFAULT;
    }
    if (d.entry_number == (uint32_t)-1) {
        for (idx = 0; idx < GDT_ENTRY_TLS_ENTRIES && tls_gdt[idx].present; idx++) {
            continue;
        }
        if (idx == GDT_ENTRY_TLS_ENTRIES) {
            return -TARGET_ESRCH;
        }
        d.entry_number = idx + GDT_ENTRY_TLS_MIN;
        if (put_user(d.entry_number, ptr, uint32_t)) {
            return -TARGET_EFAULT;
        }
    }
    idx = d.entry_number - GDT_ENTRY_TLS_MIN;
    if (idx < 0 || idx >= GDT_ENTRY_TLS_ENTRIES) {
        return -TARGET_EINVAL;
    }
    tls_gdt[idx].present = !user_desc_is_empty(&d);
    tls_gdt[idx].base = tls_gdt[idx].present ? d.base_addr : 0;
    tls_gdt[idx].limit = d.limit;
    tls_gdt[idx].flags = d.flags;
    /* A segment register already holding this selector sees the change
       at once, as the kernel forces a reload of it. */
    user_desc_reload(env, d.entry_number, false);
    return 0;
}

SYSCALL(set_thread_area)
{
    return do_set_thread_area(env, arg[0]);
}

SYSCALL(get_thread_area)
{
    const X86UserDesc *tls_gdt = ((TaskState *)env->opaque)->tls_gdt;
    struct target_user_desc d;
    int idx;

    if (get_user(d.entry_number, arg[0], uint32_t)) {
        return -TARGET_EFAULT;
    }
    idx = d.entry_number - GDT_ENTRY_TLS_MIN;
    if (idx < 0 || idx >= GDT_ENTRY_TLS_ENTRIES) {
        return -TARGET_EINVAL;
    }
    if (tls_gdt[idx].present) {
        d.base_addr = tls_gdt[idx].base;
        d.limit = tls_gdt[idx].limit;
        d.flags = tls_gdt[idx].flags;
    } else {
        d.base_addr = d.limit = 0;
        d.flags = USER_DESC_READ_EXEC_ONLY | USER_DESC_SEG_NOT_PRESENT;
    }
    return copy_to_user(arg[0], &d, sizeof(d));
}

const SyscallImpl syscalls_thread_area[] = {
    { "set_thread_area", sys_set_thread_area, "x" },
    { "get_thread_area", sys_get_thread_area, "x" },
    { NULL }
};
