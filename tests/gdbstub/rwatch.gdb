# rwatch.gdb: a read watchpoint (Z3) on watch-target's counter: one stop
# after the load, one after the add (it reads); stores and the neighbours'
# accesses go on.  The native reference breaks at the labels after those
# instructions (watch-target.c says why).
break store_counter
continue
delete
if $native
  break after_read
  break after_add
else
  rwatch g.counter
end
continue
printf "== counter=%d after_read=%d\n", g.counter, $pc == (long)&after_read
continue
printf "== counter=%d after_add=%d\n", g.counter, $pc == (long)&after_add
delete
continue
printf "== exit code %d\n", $_exitcode
