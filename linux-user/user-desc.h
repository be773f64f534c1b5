/*
 * user-desc.h: struct user_desc, the guest's description of a segment for
 * set_thread_area (thread_area.c) and modify_ldt (ldt.c), and what those
 * two share.
 */
#ifndef LINUX_USER_USER_DESC_H
#define LINUX_USER_USER_DESC_H

/* flags holds the bit fields after limit (USER_DESC_* in cpu.h) */
struct target_user_desc {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t flags;
};

/* The LDT entry of that index (ldt.c), or NULL if it is not set. */
const X86UserDesc *ldt_descriptor(int index);

/* After a descriptor changed: the calling thread's segment registers that
   hold a selector of it take its new base, as the kernel reloads them. */
void user_desc_reload(CPUArchState *env, int selector_index, bool ldt);

#endif
