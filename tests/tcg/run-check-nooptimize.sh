#!/bin/sh
# run-check-nooptimize.sh: runs a few guest programs of each target under
# the emulator as usual, then without the IR optimiser (tcg/optimize.c,
# "-d nooptimize") and with one guest instruction per block
# ("-singlestep"), and compares what they print and how they end: a
# difference is an optimiser bug, or a translator one that depends on what
# else is in the block (flags kept across instructions, a constant carried
# over).  One "PASS variant/target/name" / "FAIL ..." line each, ending with
# "N passed, N failed".
# Native runs are not needed: the optimised runs are judged against native
# ones by check-tcg, so this also covers i386, which this host cannot run.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TESTS (optional
# substrings that select tests by name), QEMU_ARGS, SUMMARY_FILE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
. "$SRC_PATH/tests/runner-lib.sh"
passed=0 failed=0 skipped=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# Deterministic, compute-bound programs whose IR the optimiser has most to
# fold: flags, constants, bit operations, x87 and SSE.
programs="arith-O2 bitops-O2 int64-O2 hash-O2 float-O2 simd-sse41-O0 sort-O0 fault-flags-setter-O2"

for t in $TARGETS; do
    qemu=$BUILD_DIR/$t-linux-user/qemu-$t
    for p in $programs; do
        prog=$BUILD_DIR/tests/tcg/build/$t/multiarch/$p
        if [ ! -x "$prog" ]; then
            echo "SKIP $t/$p (not built)"
            skipped=$((skipped + 1))
            continue
        fi
        # shellcheck disable=SC2086  # QEMU_ARGS is a list of options
        timeout 60 "$qemu" $QEMU_ARGS "$prog" >"$tmp/opt" 2>/dev/null </dev/null
        want=$?
        for variant in "nooptimize:-d nooptimize" "singlestep:-singlestep"; do
            name=${variant%%:*}/$t/$p
            selected "$name" || continue
            # shellcheck disable=SC2086  # the variant's options are a list
            timeout 60 "$qemu" $QEMU_ARGS ${variant#*:} "$prog" >"$tmp/other" 2>/dev/null </dev/null
            judge_run "$name" "$want" "$?" "$tmp/opt" "$tmp/other"
        done
    done
done

report_counts check-nooptimize
