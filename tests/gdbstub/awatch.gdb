# awatch.gdb: an access watchpoint (Z4) on watch-target's counter: a stop
# after each of the two stores (even of the same value), after the load,
# and one after the add that reads and writes it.  The native reference
# breaks at the labels after those instructions (watch-target.c).
if $native
  break after_store
  break after_read
  break after_add
else
  awatch g.counter
end
continue
printf "== counter=%d after_store=%d\n", g.counter, $pc == (long)&after_store
continue
printf "== counter=%d after_store=%d\n", g.counter, $pc == (long)&after_store
continue
printf "== counter=%d after_read=%d\n", g.counter, $pc == (long)&after_read
continue
printf "== counter=%d after_add=%d\n", g.counter, $pc == (long)&after_add
delete
continue
printf "== exit code %d\n", $_exitcode
