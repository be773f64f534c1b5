# hello-i386: the smallest guest program: write(1, msg, len) and exit(0)
# through int $0x80.  It is also check-tcg's probe for whether the host can
# run i386 code natively.
# Build: as --32 hello-i386.S -o hello.o && ld -m elf_i386 hello.o -o hello

        .text
        .globl  _start
_start:
        movl    $4, %eax                # __NR_write
        movl    $1, %ebx                # stdout
        movl    $msg, %ecx
        movl    $len, %edx
        int     $0x80
        movl    $1, %eax                # __NR_exit
        xorl    %ebx, %ebx
        int     $0x80

        .data
msg:    .ascii  "Hello World\n"
        .equ    len, . - msg
