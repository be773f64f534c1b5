# session.gdb: what run-check-gdbstub.sh has gdb do, natively and against
# the emulator's gdbstub; only printf lines are compared, so the text
# differs in nothing that depends on who runs the program.
break bump
continue
printf "== at bump+%d\n", $pc - (long)&bump
printf "== by=%d counter=%d\n", by, counter
printf "== sp aligned %d\n", ((long)$sp & 3) == 0
set var counter = 100
stepi
printf "== stepped to bump+%d\n", $pc - (long)&bump
finish
printf "== counter=%d\n", counter
printf "== eflags IF %d\n", ($eflags & 0x200) != 0
continue
printf "== exit code %d\n", $_exitcode
