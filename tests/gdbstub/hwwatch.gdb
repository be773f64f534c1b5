# hwwatch.gdb: a write watchpoint (Z2) on watch-target's counter, whose
# page neighbours keep changing: gdb stops after the store that changes
# it, not after the one that writes the same value, after the add, and
# inside a rep stosb after the byte that changes it.
# Natively gdb keeps it by stepping (the host's debug registers do not
# fire here), which stops at the same instructions (but steps slowly:
# fewer rounds of churn).
if $native
  set can-use-hw-watchpoints 0
  set var rounds = 3
end
break store_counter
continue
delete
watch g.counter
continue
printf "== counter=%d after_store=%d\n", g.counter, $pc == (long)&after_store
# The stub's answer to '?' repeats the stop, watch address included.
if $native
  printf "== ? names the watch: 1\n"
else
  python print("== ? names the watch: %d" % ("watch:" in gdb.execute("maint packet ?", to_string=True)))
end
continue
printf "== counter=%d after_add=%d\n", g.counter, $pc == (long)&after_add
continue
printf "== counter=%d at_rep=%d bytes left=%d\n", g.counter, $pc == (long)&at_rep, $ecx
delete
continue
printf "== exit code %d\n", $_exitcode
