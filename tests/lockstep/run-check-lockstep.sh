#!/bin/sh
# run-check-lockstep.sh: runs the lockstep checker on the x86_64 asm test
# programs, on tests/lockstep/sample.c and, with -x (x87 and SSE state
# compared too), on a few deterministic multiarch C programs, one
# "PASS name" / "FAIL name" line each, ending with "N passed, N failed".  A
# failure shows the checker's report of the first divergence.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TESTS (optional
# substrings that select tests by name), LOCKSTEP_QUICK (set by "make
# check": three multiarch programs, their first 50,000 instructions, past
# the C library's start-up into main), LOCKSTEP_MAX (instructions compared
# per multiarch program; default 50,000 quick, else 150,000), SUMMARY_FILE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
. "$SRC_PATH/tests/runner-lib.sh"
tool=$BUILD_DIR/tests/lockstep/lockstep
passed=0 failed=0 skipped=0

# Static, single-threaded, no signal handler in the compared part, same
# output every run (docs/user/testing.md, "Limits").  The quick ones: integer
# flags, bit operations, the x87 stack and status word.
multiarch="arith-O2 bitops-O2 fp-x87-loop-O2"
if [ -n "$LOCKSTEP_QUICK" ]; then
    max=${LOCKSTEP_MAX:-50000}
else
    max=${LOCKSTEP_MAX:-150000}
    multiarch="$multiarch isa-bitcount-O2 isa-bmi-O2 isa-adx-movbe-crc-O2 simd-sse41-O2
               simd-crypto-O2 x87-special-O2 x87-stack-edges-O2 rotate-carry-O2
               strings-O2 sort-O2"
fi

check() {
    prog=$1
    [ "$1" = -x ] && prog=$4
    name=lockstep/$(basename "$prog")
    selected "$name" || return 0
    if out=$(timeout 300 "$tool" "$@" 2>&1); then
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
for prog in $multiarch; do
    check -x -n "$max" "$BUILD_DIR/tests/tcg/build/x86_64/multiarch/$prog"
done

report_counts check-lockstep
