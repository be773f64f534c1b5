# ud2-x86_64: prints a line, then executes ud2.  With no handler installed
# the process must die of SIGILL (shell status 132), natively and emulated.
# Build: as --64 ud2-x86_64.S -o u.o && ld u.o -o ud2-x86_64

        .text
        .globl  _start
_start:
        movl    $1, %eax                # __NR_write
        movl    $1, %edi
        leaq    msg(%rip), %rsi
        movl    $len, %edx
        syscall
        ud2
        movl    $60, %eax               # not reached: exit(0)
        xorl    %edi, %edi
        syscall

        .data
msg:    .ascii  "before ud2\n"
        .equ    len, . - msg
