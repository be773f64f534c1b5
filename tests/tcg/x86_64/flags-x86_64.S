# flags-x86_64: integer instructions whose flags and results emulators often
# get wrong, in 64-bit mode: 128-bit add/sub through carry, 32-bit writes
# that zero the upper half, sign extension, wide mul/div, shifts and rotates,
# bit scans, cmov/setcc, xadd/cmpxchg, string ops.  Each result is printed as
# 16 hex digits; the flags (CF PF AF ZF SF OF, 0x8d5) are printed only where
# the SDM defines them.  The exit status is a checksum of everything printed.
# Build: as --64 flags-x86_64.S -o f.o && ld f.o -o flags-x86_64

        .equ    FLAGMASK, 0x8d5

        .text
        .globl  _start
_start:
        # 128-bit add and subtract through carry
        movq    $-1, %rax
        movq    $-1, %rdx
        addq    $1, %rax
        adcq    $0, %rdx
        call    show
        movq    %rdx, %rax
        call    show
        call    flags
        xorl    %eax, %eax
        xorl    %edx, %edx
        subq    $1, %rax
        sbbq    $0, %rdx
        call    flags
        movq    %rdx, %rax
        call    show

        # a 32-bit write zeroes bits 63..32; 8- and 16-bit writes do not
        movq    $-1, %rax
        movl    $0x12345678, %eax
        call    show
        movq    $-1, %rax
        movw    $0x1234, %ax
        movb    $0x56, %ah
        call    show
        movq    $-1, %rax
        addl    $1, %eax
        call    show
        call    flags

        # sign and zero extension
        movl    $0x80000000, %ecx
        movslq  %ecx, %rax
        call    show
        movb    $0x80, %cl
        movsbq  %cl, %rax
        call    show
        movzwq  %cx, %rax
        call    show
        movl    $-5, %eax
        cltq
        call    show
        cqto
        movq    %rdx, %rax
        call    show

        # signed overflow and inc (which leaves CF alone)
        stc
        movq    $0x7fffffffffffffff, %rax
        incq    %rax
        call    flags
        movq    $0x0f, %rax
        addb    $1, %al                 # auxiliary carry
        call    flags

        # loop: sum 1..1000
        xorl    %eax, %eax
        movl    $1000, %ecx
1:      addq    %rcx, %rax
        loop    1b
        call    show

        # shifts and rotates
        movq    $0x8123456789abcdef, %rax
        movb    $13, %cl
        rolq    %cl, %rax
        call    show
        stc
        rcrq    $1, %rax
        call    show
        call    flags
        sarq    $63, %rax
        call    show
        movq    $0x0123456789abcdef, %rax
        movq    $0xfedcba9876543210, %rdx
        shldq   $20, %rdx, %rax
        call    show
        movb    $44, %cl
        shrdq   %cl, %rdx, %rax
        call    show
        shrq    $1, %rax
        movl    $0x8c5, fmask           # AF is undefined after shifts
        call    flags
        movl    $0x80000001, %eax
        roll    $1, %eax                # 32-bit: upper half cleared
        call    show

        # bit scan, byte swap, bit test
        movq    $0x0000f00000000000, %rdx
        bsfq    %rdx, %rax
        call    show
        bsrq    %rdx, %rax
        call    show
        movq    $0x0102030405060708, %rax
        bswapq  %rax
        call    show
        btsq    $40, %rax
        movl    $0x001, fmask           # bts defines CF only
        call    flags
        call    show

        # multiply and divide, 128-bit wide
        movq    $0x123456789abcdef0, %rax
        movq    $0xfedcba9876543210, %rbx
        mulq    %rbx
        call    show
        movq    %rdx, %rax
        call    show
        movl    $0x801, fmask           # mul defines CF and OF only
        call    flags
        movq    $-7, %rax
        cqto
        movq    $2, %rbx
        idivq   %rbx
        call    show
        movq    %rdx, %rax
        call    show
        movq    $1, %rdx
        movq    $0, %rax
        movq    $3, %rbx
        divq    %rbx                    # 2^64 / 3
        call    show
        movq    %rdx, %rax
        call    show
        movq    $-3, %rax
        imulq   $1000000007, %rax, %rax
        call    show

        # cmov and setcc
        movq    $5, %rax
        movq    $9, %rbx
        cmpq    %rbx, %rax
        cmovlq  %rbx, %rax              # max
        call    show
        movq    $-1, %rcx
        cmpq    $1, %rcx
        setl    %al
        setb    %ah
        seta    %bl
        movzbl  %bl, %ebx
        shll    $16, %ebx
        movzwl  %ax, %eax
        orl     %ebx, %eax
        call    show

        # xadd, cmpxchg
        movq    $5, %rax
        movq    $7, %rbx
        xaddq   %rax, %rbx
        movq    %rbx, %rax
        call    show
        movq    $12, %rax
        movq    $99, %rcx
        movq    $13, value(%rip)
        cmpxchgq %rcx, value(%rip)      # fails: rax gets 13
        call    flags
        call    show

        # string ops: fill, copy, scan
        cld
        leaq    buf(%rip), %rdi
        movb    $'x', %al
        movl    $16, %ecx
        rep stosb
        leaq    src(%rip), %rsi
        leaq    buf(%rip), %rdi
        movl    $5, %ecx
        rep movsb
        leaq    buf(%rip), %rdi
        movb    $'x', %al
        movl    $16, %ecx
        repne scasb
        movq    %rcx, %rax
        call    show
        movl    $1, %eax                # __NR_write
        movl    $1, %edi
        leaq    buf(%rip), %rsi
        movl    $16, %edx
        syscall
        movl    $1, %eax
        movl    $1, %edi
        leaq    nl(%rip), %rsi
        movl    $1, %edx
        syscall

        # exit with the checksum
        movl    $60, %eax               # __NR_exit
        movzbl  sum(%rip), %edi
        syscall

# flags: show the flags as they are now, masked with fmask, then reset fmask
# to FLAGMASK.  Preserves every register and the flags.
flags:
        pushfq
        pushq   %rax
        movq    8(%rsp), %rax
        andl    fmask(%rip), %eax
        movl    $FLAGMASK, fmask(%rip)
        call    show
        popq    %rax
        popfq
        ret

# show: print rax as 16 hex digits and a newline, and fold it into sum.
# Preserves every register and the flags (syscall clobbers rcx and r11).
show:
        pushfq
        pushq   %rax
        pushq   %rcx
        pushq   %rdx
        pushq   %rsi
        pushq   %rdi
        pushq   %r11
        movq    %rax, %rdx
        rolq    $1, sum(%rip)
        xorq    %rax, sum(%rip)
        leaq    line+16(%rip), %rdi
        leaq    digits(%rip), %rsi
        movl    $16, %ecx
2:      decq    %rdi
        movl    %edx, %eax
        andl    $15, %eax
        movb    (%rsi,%rax), %al
        movb    %al, (%rdi)
        shrq    $4, %rdx
        loop    2b
        movl    $1, %eax
        movl    $1, %edi
        leaq    line(%rip), %rsi
        movl    $17, %edx
        syscall
        popq    %r11
        popq    %rdi
        popq    %rsi
        popq    %rdx
        popq    %rcx
        popq    %rax
        popfq
        ret

        .data
digits: .ascii  "0123456789abcdef"
line:   .ascii  "0000000000000000\n"
nl:     .ascii  "\n"
src:    .ascii  "hello"
        .balign 8
sum:    .quad   0
value:  .quad   0
fmask:  .long   FLAGMASK

        .bss
buf:    .space  16
