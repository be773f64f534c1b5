#!/bin/sh
# run-fuzz.sh: the differential instruction fuzzer (docs/devel/fuzzing.md).
# Builds tests/fuzz/fuzz-guest static, runs FUZZ_COUNT sequences of seed
# FUZZ_SEED natively and under x86_64-linux-user/qemu-x86_64, and compares
# the signal, pc and registers each ends with (compare.awk).
#
# "make fuzz" (FUZZ_SMOKE unset) prints every difference, then the rate and
# the classes by first opcode byte, most frequent first, each with one
# sequence to reproduce it (fuzz-guest SEED INDEX 1).  It fails only when
# the emulator fails on its own (a "qemu: fatal" line, an abort, or
# sequences missing from its output).
#
# "make check" (FUZZ_SMOKE=1) runs the same on its small fixed seed: one
# PASS line for the sequences that agree, and one FAIL line per difference
# unless tests/fuzz/known-failures.txt lists it (then XFAIL with the reason).
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TCG_CC, QEMU_ARGS,
# SUMMARY_FILE (optional); FUZZ_SEED (default 1), FUZZ_COUNT (default
# 1000), FUZZ_SMOKE, TESTS (with FUZZ_SMOKE: runs only if a word matches
# "fuzz/").

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
SEED=${FUZZ_SEED:-1}
COUNT=${FUZZ_COUNT:-1000}
CC=${TCG_CC:-cc}
SRC=$SRC_PATH/tests/fuzz
OUT=$BUILD_DIR/tests/fuzz/build
EMU=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

if [ -n "$FUZZ_SMOKE" ] && ! selected fuzz/; then
    exit 0
fi
if [ ! -x "$EMU" ]; then
    echo "SKIP fuzz (x86_64 is not configured)"
    [ -n "$FUZZ_SMOKE" ] && skipped=1 && report_counts check-fuzz
    exit 0
fi
mkdir -p "$OUT"
if ! $CC -O2 -static -fno-stack-protector -o "$OUT/fuzz-guest" \
        "$SRC/fuzz-guest.c" "$SRC/insn-gen.c" >"$OUT/build.log" 2>&1; then
    echo "FAIL fuzz (fuzz-guest does not build: $(head -n 1 "$OUT/build.log"))"
    failed=1
    report_counts check-fuzz
    exit 1
fi

native=$OUT/native-$SEED.txt emulated=$OUT/emulated-$SEED.txt diffs=$OUT/diffs-$SEED.txt
"$OUT/fuzz-guest" "$SEED" 0 "$COUNT" >"$native"
# shellcheck disable=SC2086  # QEMU_ARGS is a list of options
"$EMU" $QEMU_ARGS "$OUT/fuzz-guest" "$SEED" 0 "$COUNT" >"$emulated" 2>"$OUT/emulated.err"
status=$?
awk -f "$SRC/compare.awk" "$SRC/undefined-flags.txt" "$native" "$emulated" | sort -n >"$diffs"

internal=
if [ $status -ne 0 ] || grep -q "^qemu: fatal" "$OUT/emulated.err" || grep -q " missing " "$diffs"; then
    internal="status $status, $(grep -c " missing " "$diffs") sequences missing: $(head -n 2 "$OUT/emulated.err" | tr '\n' ' ')"
fi

if [ -n "$FUZZ_SMOKE" ]; then
    while read -r index op kind bytes rest; do
        id=fuzz/$SEED/$index
        if reason=$(known_failure "$SRC/known-failures.txt" "$id" default); then
            echo "XFAIL $id (op $op, $kind; known: $reason)"
            skipped=$((skipped + 1))
        else
            echo "FAIL $id (op $op, $kind: $bytes $rest)"
            failed=$((failed + 1))
        fi
    done <"$diffs"
    if [ -n "$internal" ]; then
        echo "FAIL fuzz/$SEED (the emulator failed: $internal)"
        failed=$((failed + 1))
    else
        echo "PASS fuzz/$SEED ($((COUNT - $(wc -l <"$diffs"))) of $COUNT sequences agree)"
        passed=$((passed + 1))
    fi
    report_counts check-fuzz
    exit
fi

cat "$diffs"
differ=$(wc -l <"$diffs")
echo
echo "seed $SEED: $differ of $COUNT sequences differ ($(awk "BEGIN { printf \"%.2f\", 100 * $differ / $COUNT }")%)"
echo "by kind:"
awk '{ print $3 }' "$diffs" | sort | uniq -c | sort -rn
echo "by opcode and kind (count, opcode, kind, an example index):"
awk '{ op = $2; sub(/\/.*/, "", op); key = op " " $3; n[key]++; if (!(key in ex)) ex[key] = $1 }
     END { for (k in n) print n[k], k, ex[k] }' "$diffs" | sort -rn | head -n 30
if [ -n "$internal" ]; then
    echo "FAIL: the emulator failed on its own ($internal)"
    exit 1
fi
