# syscall.gdb: stepping one insn at a time through glibc's brk(), over its
# syscall insn: each step ends after exactly one insn, the syscall too.
break brk
continue
stepi
printf "== brk+%d\n", $pc - (long)&brk
stepi
printf "== brk+%d\n", $pc - (long)&brk
stepi
printf "== brk+%d\n", $pc - (long)&brk
