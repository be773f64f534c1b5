#!/bin/sh
# run-check-unit.sh: runs every unit test built from tests/unit/test-*.c and
# counts the "PASS name" / "FAIL name" lines they print.  A test program that
# was not built, prints nothing, or exits non-zero without a FAIL line counts
# as one failure.  Ends with "N passed, N failed".
#
# Environment (set by "make check-unit"): SRC_PATH, BUILD_DIR, TESTS (optional
# substrings that select tests by name), SUMMARY_FILE (optional: append
# "passed failed skipped" there instead of owning the last line).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
bindir=$BUILD_DIR/tests/unit/build
passed=0 failed=0
log=$(mktemp "${TMPDIR:-/tmp}/check-unit.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT INT TERM

selected() {
    [ -z "$TESTS" ] && return 0
    for pat in $TESTS; do
        case "$1" in *"$pat"*) return 0 ;; esac
    done
    return 1
}

for src in "$SRC_PATH"/tests/unit/test-*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .c)
    selected "$name" || continue
    bin=$bindir/$name
    if [ ! -x "$bin" ]; then
        echo "FAIL $name (not built)"
        failed=$((failed + 1))
        continue
    fi
    # Line-buffered, so the results printed before a crash still count.  The
    # output goes to a file rather than through $(...), so that the shell's
    # own "Segmentation fault" note lands there too, next to the results.
    timeout 120 env -C "$bindir" stdbuf -oL "$bin" >"$log" 2>&1
    status=$?
    out=$(cat "$log")
    [ -n "$out" ] && printf '%s\n' "$out" | sed "s/^\(PASS\|FAIL\) /\1 $name: /"
    p=$(printf '%s\n' "$out" | grep -c '^PASS ')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name (exit status $status)"
        f=1
    elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name (printed no result)"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done

if [ -n "$SUMMARY_FILE" ]; then
    echo "$passed $failed 0" >>"$SUMMARY_FILE"
    echo "check-unit: $passed passed, $failed failed"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
