# both.gdb: thread-target's two workers reach stop_here together: each
# stop is reported on its own, both are seen, and the run ends as natively.
set $hits = 0
break stop_here
commands
  silent
  set $hits = $hits + 1
  continue
end
continue
printf "== stops at stop_here: %d\n", $hits
printf "== exit code %d\n", $_exitcode
