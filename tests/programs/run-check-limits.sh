#!/bin/sh
# run-check-limits.sh: tests/programs/limits.c, a guest that runs into the
# machine's limits (memory under "ulimit -v", one mapping past what the
# overcommit check accounts, argument lists past the kernel's, the stack
# limit, many threads), built static for x86_64 and run natively and under
# the emulator: stdout and exit status must agree.  LIMITS_THREADS sets the
# thread count (default 2000; "make check-limits LIMITS_THREADS=10000").
# tests/programs/known-failures.txt lists the cases that fail today.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_CC,
# QEMU_ARGS, TESTS (optional), SUMMARY_FILE (optional), TCG_TIMEOUT
# (default 30), LIMITS_THREADS.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TIMEOUT=${TCG_TIMEOUT:-30}
THREADS=${LIMITS_THREADS:-2000}
CC=${TCG_CC:-cc}
OUT=$BUILD_DIR/tests/programs/build
EMU=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

case " ${TARGETS:-x86_64} " in *" x86_64 "*) ;; *) report_counts check-limits; exit ;; esac
mkdir -p "$OUT"
if ! $CC -O2 -static -o "$OUT/limits" "$SRC_PATH/tests/programs/limits.c" -lpthread \
        >"$OUT/limits-build.log" 2>&1; then
    echo "FAIL limits (does not build: $(head -n 1 "$OUT/limits-build.log"))"
    failed=1
    report_counts check-limits
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-limits.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/results"

# Each case: its name, the "ulimit -v" in KiB ("-" for none), the arguments.
cases="alloc-ulimit 400000 alloc
alloc-huge - alloc-huge
argv - argv
recurse - recurse
threads - threads $THREADS"

echo "$cases" | while read -r name vlimit args; do
    id=x86_64/limits/$name
    selected "$id" || continue
    limit=; [ "$vlimit" != - ] && limit="ulimit -v $vlimit;"
    for side in want got; do
        emu=; [ $side = got ] && emu="$EMU $QEMU_ARGS"
        # shellcheck disable=SC2086  # args is a list of arguments
        env -i PATH=/usr/bin:/bin LC_ALL=C timeout -k 2 "$TIMEOUT" \
            sh -c "ulimit -c 0; $limit exec $emu \"\$@\"" limits "$OUT/limits" $args \
            </dev/null >"$tmp/$side" 2>"$tmp/$side.err"
        echo $? >"$tmp/$side.status"
    done
    want=$(cat "$tmp/want.status") got=$(cat "$tmp/got.status")
    if [ "$got" = "$want" ] && cmp -s "$tmp/want" "$tmp/got"; then
        echo "PASS $id"
        echo pass >>"$tmp/results"
    elif reason=$(known_failure "$SRC_PATH/tests/programs/known-failures.txt" "$id" default); then
        echo "XFAIL $id (known: $reason)"
        echo skip >>"$tmp/results"
    else
        echo "FAIL $id (exit $got, expected $want; $(head -n 1 "$tmp/got.err"))"
        diff -u --label native --label emulated "$tmp/want" "$tmp/got" | head -10 | sed 's/^/    /'
        echo fail >>"$tmp/results"
    fi
done
passed=$(grep -c pass "$tmp/results" 2>/dev/null)
failed=$(grep -c fail "$tmp/results" 2>/dev/null)
skipped=$(grep -c skip "$tmp/results" 2>/dev/null)
report_counts check-limits
