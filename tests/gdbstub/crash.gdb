# crash.gdb: gdb-target dies of SIGSEGV: gdb sees the signal where the
# guest faults, passes it on, and sees the process die of it.
break bump
continue
printf "== stopped at main+%d\n", $pc - (long)&main
continue
printf "== killed by signal %d\n", $_exitsignal
