# fpu.gdb: the x87, SSE and MXCSR registers gdb gets from the target
# description (fpu-target.c loads known values), written back too; then
# detach, and the program runs to its end without gdb.
break fp_loaded
continue
printf "== st0=%f st1=%f\n", $st0, $st1
printf "== top=%d fctrl=%#x\n", ($fstat >> 11) & 7, $fctrl
printf "== xmm1 low=%f\n", $xmm1.v2_double[0]
printf "== mxcsr=%#x\n", $mxcsr
set var $xmm1.v2_int64[0] = 42
set var $st0 = 1.0
printf "== written xmm1=%d st0=%f\n", $xmm1.v2_int64[0], $st0
finish
printf "== back in main: xmm1=%d\n", $xmm1.v2_int64[0]
continue
printf "== exit code %d\n", $_exitcode
