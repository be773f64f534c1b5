# threads.gdb: thread-target stopped with three threads: gdb lists them
# all, reads each one's own registers (each unwinds to its own frame of
# main or worker) and steps the one that stopped while the others stay
# where they are, then, with scheduler-locking, lets only that one run to
# the end of its function; thread exits while it runs leave the session
# working.
# Thread 1 waits in libc, thread 2 spins: where exactly is not known, only
# their frames of main and worker are looked at.
break threads_started
continue
printf "== started: %d threads, in thread %d\n", $_inferior_thread_count, $_thread
delete
break stop_here
continue
printf "== stopped: %d threads, in thread %d at stop_here+%d\n", $_inferior_thread_count, $_thread, $pc - (long)&stop_here
bt 2
set $spins_then = spins
shell sleep 0.3
printf "== worker 1 kept stopped: %d\n", spins == $spins_then
stepi
printf "== stepped to stop_here+%d in thread %d\n", $pc - (long)&stop_here, $_thread
define in_worker
  select-frame function worker
  printf "== thread %d: worker id %ld\n", $_thread, id
end
define in_main
  select-frame function main
  printf "== thread %d: main made %d\n", $_thread, made
end
thread apply 2 -q in_worker
thread apply 1 -q in_main
thread 3
printf "== back in thread %d at stop_here+%d\n", $_thread, $pc - (long)&stop_here
set scheduler-locking on
set $spins_then = spins
finish
printf "== finished alone: worker 1 kept stopped: %d\n", spins == $spins_then
set scheduler-locking off
delete
break threads_started
continue
printf "== joined: %d threads, in thread %d\n", $_inferior_thread_count, $_thread
delete
continue
printf "== exit code %d\n", $_exitcode
