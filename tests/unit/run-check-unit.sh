#!/bin/sh
# run-check-unit.sh: runs every unit test built from tests/unit/test-*.c, and
# from tests/unit/target-*.c once per target (named <T>/target-NAME), and
# counts the "PASS name" / "FAIL name" / "SKIP name" lines they print.  A
# test program that was not built, prints nothing, or exits non-zero without
# a FAIL line counts as one failure.  Ends with "N passed, N failed" (and
# ", N skipped" when some were).
#
# Environment (set by "make check-unit"): SRC_PATH, BUILD_DIR, TARGETS,
# TESTS (optional substrings that select tests by name), SUMMARY_FILE
# (optional: append "passed failed skipped" there instead of owning the last
# line).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
bindir=$BUILD_DIR/tests/unit/build
passed=0 failed=0 skipped=0
log=$(mktemp "${TMPDIR:-/tmp}/check-unit.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT INT TERM

. "$SRC_PATH/tests/runner-lib.sh"

# run NAME BIN: run one test program and add up its result lines.
run() {
    name=$1 bin=$2
    selected "$name" || return 0
    if [ ! -x "$bin" ]; then
        echo "FAIL $name (not built)"
        failed=$((failed + 1))
        return 0
    fi
    # Line-buffered, so the results printed before a crash still count.  The
    # output goes to a file rather than through $(...), so that the shell's
    # own "Segmentation fault" note lands there too, next to the results.
    timeout 120 env -C "$(dirname "$bin")" stdbuf -oL "$bin" >"$log" 2>&1
    status=$?
    out=$(cat "$log")
    [ -n "$out" ] && printf '%s\n' "$out" | sed "s#^\(PASS\|FAIL\|SKIP\) #\1 $name: #"
    p=$(printf '%s\n' "$out" | grep -c '^PASS ')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    s=$(printf '%s\n' "$out" | grep -c '^SKIP ')
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name (exit status $status)"
        f=1
    elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
        echo "FAIL $name (printed no result)"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
}

for src in "$SRC_PATH"/tests/unit/test-*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .c)
    run "$name" "$bindir/$name"
done
for t in $TARGETS; do
    for src in "$SRC_PATH"/tests/unit/target-*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        run "$t/$name" "$bindir/$t/$name"
    done
done

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
if [ -n "$SUMMARY_FILE" ]; then
    echo "$passed $failed $skipped" >>"$SUMMARY_FILE"
    echo "check-unit: $line"
else
    echo "$line"
fi
[ "$failed" -eq 0 ]
