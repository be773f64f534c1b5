# ud2-i386: prints a line, then executes ud2.  With no handler installed the
# process must die of SIGILL (shell status 132), natively and emulated.
# Build: as --32 ud2-i386.S -o u.o && ld -m elf_i386 u.o -o ud2-i386

        .text
        .globl  _start
_start:
        movl    $4, %eax                # __NR_write
        movl    $1, %ebx
        movl    $msg, %ecx
        movl    $len, %edx
        int     $0x80
        ud2
        movl    $1, %eax                # not reached: exit(0)
        xorl    %ebx, %ebx
        int     $0x80

        .data
msg:    .ascii  "before ud2\n"
        .equ    len, . - msg
