#!/bin/sh
# run-fuzz-syscall.sh: the system-call fuzzer (docs/devel/fuzzing.md).
# Builds tests/fuzz/syscall-fuzz static, runs SYSCALL_FUZZ_COUNT cases of
# seed SYSCALL_FUZZ_SEED natively and under qemu-x86_64, and compares the
# "INDEX call(args) -> result" lines.  An emulated run that stops early
# (the emulator died) is noted as "INDEX died" and resumed after the case.
#
# "make fuzz" (FUZZ_SMOKE unset) prints every difference, then the counts
# by system call with an example; it fails only when the emulator died
# or printed "qemu: fatal".  "make check" (FUZZ_SMOKE=1) prints a PASS line
# for the cases that agree, and per system call with differences a FAIL,
# or an XFAIL if tests/fuzz/known-failures.txt lists syscall/NAME.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TCG_CC, QEMU_ARGS,
# SUMMARY_FILE (optional), TESTS (optional); SYSCALL_FUZZ_SEED (default
# 1), SYSCALL_FUZZ_COUNT (default 100000), FUZZ_SMOKE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
SEED=${SYSCALL_FUZZ_SEED:-1}
COUNT=${SYSCALL_FUZZ_COUNT:-100000}
CC=${TCG_CC:-cc}
SRC=$SRC_PATH/tests/fuzz
OUT=$BUILD_DIR/tests/fuzz/build/syscall
EMU=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

if [ -n "$FUZZ_SMOKE" ] && ! selected fuzz-syscall/; then
    exit 0
fi
if [ ! -x "$EMU" ]; then
    echo "SKIP fuzz-syscall (x86_64 is not configured)"
    exit 0
fi
mkdir -p "$OUT"
if ! $CC -O2 -static -o "$OUT/syscall-fuzz" "$SRC/syscall-fuzz.c" >"$OUT/build.log" 2>&1; then
    echo "FAIL fuzz-syscall (syscall-fuzz does not build: $(head -n 1 "$OUT/build.log"))"
    failed=1
    report_counts check-fuzz-syscall
    exit 1
fi

native=$OUT/native-$SEED.txt emulated=$OUT/emulated-$SEED.txt diffs=$OUT/diffs-$SEED.txt
(cd "$OUT" && timeout 600 ./syscall-fuzz "$SEED" 0 "$COUNT" </dev/null >"$native" 2>&1)
: >"$emulated"
: >"$OUT/emulated.err"
next=0
while [ "$next" -lt "$COUNT" ]; do
    # shellcheck disable=SC2086  # QEMU_ARGS is a list of options
    (cd "$OUT" && timeout 600 "$EMU" $QEMU_ARGS ./syscall-fuzz "$SEED" "$next" $((COUNT - next)) \
        </dev/null >>"$emulated" 2>>"$OUT/emulated.err")
    last=$(tail -n 1 "$emulated" | awk '{ print $1 }')
    [ -n "$last" ] || last=$((next - 1))
    [ "$last" -ge $((COUNT - 1)) ] && break
    # The case after the last complete line killed it.
    echo "$((last + 1)) died" >>"$emulated"
    next=$((last + 2))
done

# INDEX CALL native=RESULT emulated=RESULT ARGS, for the lines that differ.
awk 'NR == FNR { want[$1] = $0; next }
     { got[$1] = $0 }
     END { for (i in want) {
             w = want[i]; g = (i in got) ? got[i] : i " missing"
             if (w == g) continue
             call = w; sub(/^[0-9]+ /, "", call); sub(/\(.*/, "", call)
             wr = w; sub(/.* -> /, "", wr); gr = g; sub(/.* -> /, "", gr)
             if (g ~ / (died|missing)$/) gr = g ~ /died$/ ? "died" : "missing"
             args = w; sub(/^[0-9]+ [a-z0-9_]+/, "", args); sub(/ -> [^ ]*$/, "", args)
             print i, call, "native=" wr, "emulated=" gr, args } }' \
    "$native" "$emulated" | sort -n >"$diffs"

internal=
if grep -q "^qemu: fatal" "$OUT/emulated.err" || grep -q " emulated=died \| emulated=missing " "$diffs"; then
    internal="$(grep -c ' emulated=died ' "$diffs") cases killed the emulator, $(head -n 1 "$OUT/emulated.err")"
fi

if [ -n "$FUZZ_SMOKE" ]; then
    for call in $(awk '{ print $2 }' "$diffs" | sort -u); do
        n=$(awk -v c="$call" '$2 == c' "$diffs" | wc -l)
        example=$(awk -v c="$call" '$2 == c { print; exit }' "$diffs")
        if reason=$(known_failure "$SRC/known-failures.txt" "syscall/$call" default); then
            echo "XFAIL fuzz-syscall/$call ($n cases, e.g. $example; known: $reason)"
            skipped=$((skipped + 1))
        else
            echo "FAIL fuzz-syscall/$call ($n cases, e.g. $example)"
            failed=$((failed + 1))
        fi
    done
    if [ -n "$internal" ]; then
        echo "FAIL fuzz-syscall/$SEED (the emulator failed: $internal)"
        failed=$((failed + 1))
    else
        echo "PASS fuzz-syscall/$SEED ($((COUNT - $(wc -l <"$diffs"))) of $COUNT cases agree)"
        passed=$((passed + 1))
    fi
    report_counts check-fuzz-syscall
    exit
fi

cat "$diffs"
echo
echo "seed $SEED: $(wc -l <"$diffs") of $COUNT cases differ"
echo "by system call (count, call, an example):"
awk '{ n[$2]++; if (!($2 in ex)) ex[$2] = $0 } END { for (c in n) print n[c], c, "|", ex[c] }' \
    "$diffs" | sort -rn
if [ -n "$internal" ]; then
    echo "FAIL: the emulator failed on its own ($internal)"
    exit 1
fi
