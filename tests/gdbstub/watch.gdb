# watch.gdb: a watchpoint gdb keeps itself (the stub offers no Z2, so gdb
# is told to single-step and compare): it stops right after the insn that
# changes the global.
set can-use-hw-watchpoints 0
break bump
continue
watch counter
continue
printf "== counter=%d at bump+%d\n", counter, $pc - (long)&bump
delete
continue
printf "== exit code %d\n", $_exitcode
