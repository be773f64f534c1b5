/* target_syscall.h (x86_64 guest): syscall ABI details of this guest. */
#ifndef X86_64_TARGET_SYSCALL_H
#define X86_64_TARGET_SYSCALL_H

#define UNAME_MACHINE "x86_64"
#define TARGET_ELF_CLASS ELFCLASS64
#define TARGET_ELF_MACHINE EM_X86_64

/* clone(flags, newsp, parent_tid, child_tid, tls): argument positions */
#define TARGET_CLONE_ARG_CTID 3
#define TARGET_CLONE_ARG_TLS  4

/* user code and data selectors of the Linux GDT */
#define TARGET_USER_CS 0x33
#define TARGET_USER_DS 0x2b

/* The legacy vsyscall page (i386/cpu_loop.c emulates calls into it). */
#define TARGET_VSYSCALL_PAGE 0xffffffffff600000ULL

#endif
