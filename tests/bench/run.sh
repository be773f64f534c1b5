#!/bin/sh
# bench/run.sh: a rough speed comparison.  Runs a few check-tcg programs
# REPEAT times each natively, under our emulator and under the system's
# qemu-<T> (Debian's qemu-user) when present, and prints wall-clock totals
# and ratios.  The programs are short, so start-up and translation weigh in
# as they do for real short-lived commands.  Not a test: it always succeeds.
#
# Environment: SRC_PATH, BUILD_DIR, TARGETS (set by "make bench"),
#   BENCH_PROGS (default: sieve hash interp sort float recursion),
#   BENCH_REPEAT (default 10), TCG_CC.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
PROGS=${BENCH_PROGS:-sieve hash interp sort float recursion}
REPEAT=${BENCH_REPEAT:-10}
OUT=$BUILD_DIR/tests/tcg/build

now() { date +%s.%N; }

# total_time CMD...: wall seconds for REPEAT runs, or "-" if any run failed.
total_time() {
    start=$(now)
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        "$@" >/dev/null 2>&1 </dev/null || { echo -; return; }
        i=$((i + 1))
    done
    echo "$start $(now)" | awk '{ printf "%.3f", $2 - $1 }'
}

ratio() {
    case "$1$2" in *-*) echo -; return ;; esac
    echo "$1 $2" | awk '{ if ($2 > 0) printf "%.1fx", $1 / $2; else print "-" }'
}

printf '%-8s %-14s %9s %9s %9s %12s %12s\n' target program native ours qemu ours/native ours/qemu
for t in $TARGETS; do
    bins=
    for p in $PROGS; do bins="$bins $OUT/$t/multiarch/$p-O2"; done
    ${MAKE:-make} -s -f "$SRC_PATH/tests/tcg/Makefile.tcg" SRC_PATH="$SRC_PATH" OUT="$OUT" \
        TCG_CC="${TCG_CC:-cc}" TARGETS="$t" $bins >/dev/null 2>&1
    ours=$BUILD_DIR/$t-linux-user/qemu-$t
    sysqemu=$(command -v "qemu-$t" 2>/dev/null)
    for p in $PROGS; do
        bin=$OUT/$t/multiarch/$p-O2
        [ -x "$bin" ] || { printf '%-8s %-14s (not built)\n' "$t" "$p"; continue; }
        n=$(total_time "$bin")
        o=-; [ -x "$ours" ] && o=$(total_time "$ours" "$bin")
        q=-; [ -n "$sysqemu" ] && q=$(total_time "$sysqemu" "$bin")
        printf '%-8s %-14s %9s %9s %9s %12s %12s\n' "$t" "$p-O2" "$n" "$o" "$q" \
            "$(ratio "$o" "$n")" "$(ratio "$o" "$q")"
    done
done
echo "(seconds for $REPEAT runs each; '-' = could not run here)"
