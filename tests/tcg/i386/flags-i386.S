# flags-i386: integer instructions whose flags and results emulators often
# get wrong (adc/sbb chains, loop, shifts and rotates through carry, shld/shrd,
# bit scans, mul/div, BCD adjust, string ops).  Every result, and the
# arithmetic flags (CF PF AF ZF SF OF, mask 0x8d5) where they matter, is
# printed in hex; the exit status is a checksum of all of them.
# Build: as --32 flags-i386.S -o f.o && ld -m elf_i386 f.o -o flags-i386

        .equ    FLAGMASK, 0x8d5

        .text
        .globl  _start
_start:
        # 64-bit add and subtract through carry
        movl    $0xffffffff, %eax
        movl    $0xffffffff, %edx
        addl    $1, %eax
        adcl    $0, %edx
        call    show                    # low word
        movl    %edx, %eax
        call    show                    # high word
        call    flags
        xorl    %eax, %eax
        xorl    %edx, %edx
        subl    $1, %eax
        sbbl    $0, %edx
        call    flags
        movl    %edx, %eax
        call    show

        # signed overflow, then the flags of inc (which leaves CF alone)
        stc
        movl    $0x7fffffff, %eax
        incl    %eax
        call    flags
        movl    $0x80000000, %eax
        negl    %eax
        call    flags
        movl    $0x0f, %eax
        addb    $1, %al                 # auxiliary carry
        call    flags

        # loop: sum 1..100
        xorl    %eax, %eax
        movl    $100, %ecx
1:      addl    %ecx, %eax
        loop    1b
        call    show

        # shifts and rotates, counts in cl and immediate
        movl    $0x81234567, %eax
        movb    $5, %cl
        roll    %cl, %eax               # OF undefined: count is not 1
        call    show
        stc
        rcrl    $1, %eax
        call    show
        call    flags
        sarl    $31, %eax
        call    show
        movl    $0x12345678, %eax
        movl    $0x9abcdef0, %edx
        shldl   $12, %edx, %eax
        call    show
        movb    $20, %cl
        shrdl   %cl, %edx, %eax
        call    show
        shrl    $1, %eax
        movl    $0x8c5, fmask           # AF is undefined after shifts
        call    flags

        # bit scan and bit test
        movl    $0x00f00000, %edx
        bsfl    %edx, %eax
        call    show
        bsrl    %edx, %eax
        call    show
        movl    $0x10, %eax
        btsl    $3, %eax
        movl    $0x001, fmask           # bts defines CF (old bit 3) only
        call    flags
        call    show

        # multiply and divide
        movl    $0x12345678, %eax
        movl    $0x9abcdef0, %ebx
        mull    %ebx
        call    show
        movl    %edx, %eax
        call    show
        movl    $0x801, fmask           # mul defines CF and OF only
        call    flags
        movl    $-7, %eax
        cltd
        movl    $2, %ebx
        idivl   %ebx
        call    show                    # quotient -3
        movl    %edx, %eax
        call    show                    # remainder -1
        movl    $-3, %eax
        imull   $100000, %eax, %eax
        call    show

        # BCD: 0x19 + 0x28 = 0x47 after daa
        movb    $0x19, %al
        addb    $0x28, %al
        daa
        movzbl  %al, %eax
        call    show
        movl    $0x0d5, fmask           # daa leaves OF undefined
        call    flags

        # xadd, cmpxchg
        movl    $5, %eax
        movl    $7, %ebx
        xaddl   %eax, %ebx
        movl    %ebx, %eax
        call    show
        movl    $12, %eax
        movl    $99, %ecx
        movl    %eax, value
        cmpxchgl %ecx, value
        call    flags
        movl    value, %eax
        call    show

        # string ops: fill, copy, scan
        cld
        movl    $buf, %edi
        movb    $'x', %al
        movl    $16, %ecx
        rep stosb
        movl    $src, %esi
        movl    $buf, %edi
        movl    $5, %ecx
        rep movsb
        movl    $buf, %edi
        movb    $'x', %al
        movl    $16, %ecx
        repne scasb
        movl    %ecx, %eax
        call    show                    # 16 - 6 = 10 left
        movl    $4, %eax                # __NR_write
        movl    $1, %ebx
        movl    $buf, %ecx
        movl    $16, %edx
        int     $0x80
        movl    $nl, %ecx
        movl    $1, %edx
        movl    $4, %eax
        int     $0x80

        # exit with the checksum
        movl    $1, %eax
        movzbl  sum, %ebx
        int     $0x80

# flags: show the flags as they are now, masked with fmask, then reset fmask
# to FLAGMASK.  Callers narrow fmask first where the SDM leaves flags
# undefined, since those may differ between CPUs.  Preserves every register
# and the flags.
flags:
        pushfl
        pushl   %eax
        movl    4(%esp), %eax
        andl    fmask, %eax
        movl    $FLAGMASK, fmask
        call    show
        popl    %eax
        popfl
        ret

# show: print eax as 8 hex digits and a newline, and fold it into sum.
# Preserves every register and the flags.
show:
        pushfl
        pushal
        movl    %eax, %edx
        roll    $1, sum
        xorl    %eax, sum
        movl    $line+8, %edi
        movl    $8, %ecx
2:      decl    %edi
        movl    %edx, %eax
        andl    $15, %eax
        movb    digits(%eax), %al
        movb    %al, (%edi)
        shrl    $4, %edx
        loop    2b
        movl    $4, %eax
        movl    $1, %ebx
        movl    $line, %ecx
        movl    $9, %edx
        int     $0x80
        popal
        popfl
        ret

        .data
digits: .ascii  "0123456789abcdef"
line:   .ascii  "00000000\n"
nl:     .ascii  "\n"
src:    .ascii  "hello"
sum:    .long   0
fmask:  .long   FLAGMASK
value:  .long   0

        .bss
buf:    .space  16
