# hello-x86_64: the smallest guest program: write(1, msg, len) and exit(0)
# through syscall.  It is also check-tcg's probe for native execution.
# Build: as --64 hello-x86_64.S -o hello.o && ld hello.o -o hello

        .text
        .globl  _start
_start:
        movl    $1, %eax                # __NR_write
        movl    $1, %edi                # stdout
        leaq    msg(%rip), %rsi
        movl    $len, %edx
        syscall
        movl    $60, %eax               # __NR_exit
        xorl    %edi, %edi
        syscall

        .data
msg:    .ascii  "Hello World\n"
        .equ    len, . - msg
