#!/bin/sh
# bench/hot.sh: the two workloads issue 7's profile names first, timed
# best of REPEAT: the static C kernel (tests/bench/c-kernel.c, -O2 -static)
# and a python3 loop (dicts, calls, ints: the interpreter's indirect jumps).
# Each runs natively, under the system's qemu-x86_64 and under each emulator
# named in EMULATORS (default: this build's), interleaved so that a load
# change on a shared machine hits all of them alike.  Prints, per run kind,
# the best wall time and the best CPU time (user + sys: the steadier figure
# when other jobs share the cores).  Not a test: it always succeeds.
#
# Run from a build directory as: SRC_PATH=<source> BUILD_DIR=. sh <source>/tests/bench/hot.sh
# Environment: REPEAT (default 3), EMULATORS (space-separated paths; e.g. a
# saved binary of the code before a change next to this build's), PYTHON,
# TCG_CC.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
. "$SRC_PATH/tests/bench/bench-lib.sh"
REPEAT=${REPEAT:-3}
EMULATORS=${EMULATORS:-$BUILD_DIR/x86_64-linux-user/qemu-x86_64}
OUT=$BUILD_DIR/tests/bench
# The distribution's python: the first python3 in PATH may be a shell
# script (a pyenv shim), which an emulator cannot run.
PYTHON=${PYTHON:-/usr/bin/python3}
PY_LOOP=$(py_loop 1000000)

mkdir -p "$OUT"
${TCG_CC:-cc} -O2 -static -o "$OUT/c-kernel" "$SRC_PATH/tests/bench/c-kernel.c" || exit 0

# run LABEL CMD...: one timed run, appended to $OUT/times as
# "LABEL wall cpu", or "LABEL - -" when it failed.
run() {
    label=$1
    shift
    if /usr/bin/time -f "%e %U %S" -o "$OUT/time1" "$@" >/dev/null 2>&1 </dev/null; then
        awk -v l="$label" '{ printf "%s %s %.2f\n", l, $1, $2 + $3 }' "$OUT/time1" >>"$OUT/times"
    else
        echo "$label - -" >>"$OUT/times"
    fi
}

: >"$OUT/times"
sysqemu=$(command -v qemu-x86_64)
i=0
while [ "$i" -lt "$REPEAT" ]; do
    for w in c-kernel python; do
        case $w in
        c-kernel) set -- "$OUT/c-kernel" ;;
        python) set -- "$PYTHON" -c "$PY_LOOP" ;;
        esac
        run "$w native" "$@"
        [ -n "$sysqemu" ] && run "$w qemu" "$sysqemu" "$@"
        for e in $EMULATORS; do
            run "$w $e" "$e" "$@"
        done
    done
    i=$((i + 1))
done

printf '%-10s %-50s %8s %8s\n' workload run wall cpu
awk '{ k = $1 " " $2
       if (!(k in w)) { order[n++] = k; w[k] = ""; c[k] = "" }
       if (w[k] == "-") next
       if ($3 == "-") { w[k] = "-"; c[k] = "-"; next }
       if (w[k] == "" || $3 + 0 < w[k] + 0) w[k] = $3
       if (c[k] == "" || $4 + 0 < c[k] + 0) c[k] = $4 }
     END { for (i = 0; i < n; i++) { split(order[i], p, " ")
             printf "%-10s %-50s %8s %8s\n", p[1], p[2], w[order[i]], c[order[i]] } }' "$OUT/times"
echo "(best of $REPEAT; seconds)"
