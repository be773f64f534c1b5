/* target_syscall.h (i386 guest): syscall ABI details of this guest. */
#ifndef I386_TARGET_SYSCALL_H
#define I386_TARGET_SYSCALL_H

#define UNAME_MACHINE "i686"
#define TARGET_ELF_CLASS ELFCLASS32
#define TARGET_ELF_MACHINE EM_386

/* clone(flags, newsp, parent_tid, tls, child_tid): argument positions */
#define TARGET_CLONE_ARG_TLS  3
#define TARGET_CLONE_ARG_CTID 4

/* user code and data selectors of the Linux GDT */
#define TARGET_USER_CS 0x23
#define TARGET_USER_DS 0x2b

#endif
