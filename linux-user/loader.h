/*
 * loader.h: what elfload.c (mapping the images) and initial-stack.c
 * (building the process stack) share.
 */
#ifndef LINUX_USER_LOADER_H
#define LINUX_USER_LOADER_H

#include <elf.h>
#include "qemu.h"

/* The end of the user address space the kernel gives such a process (elfload.c, munmap). */
#ifdef TARGET_X86_64
#define TARGET_TASK_SIZE 0x7ffffffff000ULL
#else
#define TARGET_TASK_SIZE 0xffffe000ULL
#endif

#ifdef TARGET_X86_64
typedef Elf64_Ehdr ElfEhdr;
typedef Elf64_Phdr ElfPhdr;
typedef Elf64_Shdr ElfShdr;
typedef Elf64_Sym ElfSym;
#define ELF_SYM_TYPE ELF64_ST_TYPE
#define ELF_PLATFORM "x86_64"
#else
typedef Elf32_Ehdr ElfEhdr;
typedef Elf32_Phdr ElfPhdr;
typedef Elf32_Shdr ElfShdr;
typedef Elf32_Sym ElfSym;
#define ELF_SYM_TYPE ELF32_ST_TYPE
#define ELF_PLATFORM "i686"
#endif

/* One ELF image as mapped into the guest. */
typedef struct LoadedImage {
    abi_ulong bias;          /* added to every p_vaddr (0 for ET_EXEC) */
    abi_ulong load_addr;     /* p_vaddr - p_offset of the first segment, biased */
    abi_ulong entry;
    abi_ulong phdr;          /* guest address of the program headers */
    abi_ulong phnum;
    abi_ulong start_code, end_code, start_data, end_data;
    abi_ulong brk;           /* page-aligned end of the highest segment */
    bool exec_stack;         /* PT_GNU_STACK asks for (or lacks) PF_X */
} LoadedImage;

/*
 * Map a stack and write the Linux initial process stack on it (strings,
 * AT_RANDOM bytes, argc, argv, envp, auxv); interp is NULL for a static
 * program.  Fills the stack fields of info.  Returns the initial stack
 * pointer, or -errno.
 */
abi_long setup_initial_stack(char **argv, char **envp, const char *execfn,
                             CPUArchState *env, const LoadedImage *exe,
                             const LoadedImage *interp, struct image_info *info);

/* elf-symbols.c: keep the function symbols of the image in fd (ehdr, the
   file's size, loaded at bias) for lookup_symbol (-d in_asm's "IN: name").
   A file without a readable symbol table adds nothing. */
void elf_note_symbols(int fd, const ElfEhdr *ehdr, off_t file_size, abi_ulong bias);

#endif
