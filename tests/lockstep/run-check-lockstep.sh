#!/bin/sh
# run-check-lockstep.sh: runs the lockstep checker on the x86_64 asm test
# programs and on tests/lockstep/sample.c, one "PASS name" / "FAIL name"
# line each, ending with "N passed, N failed".  A failure shows the
# checker's report of the first divergence.
#
# Environment (set by "make check-lockstep"): SRC_PATH, BUILD_DIR, TESTS
# (optional substrings that select tests by name).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
. "$SRC_PATH/tests/runner-lib.sh"
tool=$BUILD_DIR/tests/lockstep/lockstep
passed=0 failed=0

check() {
    name=lockstep/$(basename "$1")
    selected "$name" || return 0
    if out=$(timeout 120 "$tool" "$@" 2>&1); then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

for prog in "$BUILD_DIR"/tests/tcg/build/x86_64/asm/*; do
    [ -x "$prog" ] && check "$prog"
done
check "$BUILD_DIR/tests/lockstep/sample" one "two words"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
