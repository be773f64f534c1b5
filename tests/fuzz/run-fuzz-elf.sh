#!/bin/sh
# run-fuzz-elf.sh: the ELF-mutation fuzzer (docs/devel/fuzzing.md).
# tests/elf/seed.c is built static (exec) and static-pie (pie) for each
# target; tests/fuzz/elf-fuzz mutates it ELF_FUZZ_COUNT times from seed
# ELF_FUZZ_SEED and runs each mutant natively (x86_64 only: this kernel
# runs no 32-bit programs) and under the emulator.  x86_64 mutants must end
# the same (refusal errno, exit status or signal, stdout); i386 mutants
# must only not make the emulator fail on its own or hang.
#
# "make fuzz" (FUZZ_SMOKE unset) prints every difference, then the counts
# by mutated field and verdict; it fails only on an emulator-internal
# failure.  "make check" (FUZZ_SMOKE=1) prints one PASS line per seed
# program and a FAIL per difference unless tests/fuzz/known-failures.txt
# lists it (id elf/TARGET/KIND/SEED/INDEX; then XFAIL).
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_CC,
# CONFIG_TCG_M32, QEMU_ARGS, SUMMARY_FILE (optional), TESTS (optional);
# ELF_FUZZ_SEED (default 1), ELF_FUZZ_COUNT (per seed program, default
# 1000), TCG_TIMEOUT (default 3), FUZZ_SMOKE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
SEED=${ELF_FUZZ_SEED:-1}
COUNT=${ELF_FUZZ_COUNT:-1000}
TIMEOUT=${TCG_TIMEOUT:-3}
CC=${TCG_CC:-cc}
SRC=$SRC_PATH/tests/fuzz
OUT=$BUILD_DIR/tests/fuzz/build/elf
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

if [ -n "$FUZZ_SMOKE" ] && ! selected fuzz-elf/; then
    exit 0
fi
mkdir -p "$OUT"
if ! cc -O2 -Wall -Wextra -Werror -o "$OUT/elf-fuzz" "$SRC/elf-fuzz.c" >"$OUT/build.log" 2>&1; then
    echo "FAIL fuzz-elf (elf-fuzz does not build: $(head -n 1 "$OUT/build.log"))"
    failed=1
    report_counts check-fuzz-elf
    exit 1
fi

all=$OUT/differences-$SEED.txt
: >"$all"
internal=0
for t in $TARGETS; do
    emu=$BUILD_DIR/$t-linux-user/qemu-$t
    flag=-m64 native=1
    [ "$t" = i386 ] && flag=-m32 native=0
    if [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ]; then
        echo "SKIP fuzz-elf/$t (no -m32 toolchain)"
        skipped=$((skipped + 1)); continue
    fi
    [ -x "$emu" ] || continue
    for kind in exec pie; do
        dir=$OUT/$t-$kind
        mkdir -p "$dir"
        link="-static-pie"; [ "$kind" = exec ] && link="-static -fno-pie -no-pie"
        # shellcheck disable=SC2086  # link is a list of options
        if ! $CC $flag -O2 $link -o "$dir/seed" "$SRC_PATH/tests/elf/seed.c" >"$dir/build.log" 2>&1; then
            echo "SKIP fuzz-elf/$t/$kind (the seed does not build)"
            skipped=$((skipped + 1)); continue
        fi
        # shellcheck disable=SC2086  # QEMU_ARGS is a list of options
        "$OUT/elf-fuzz" "$dir/seed" "$dir" $native "$SEED" 0 "$COUNT" "$TIMEOUT" "$emu" $QEMU_ARGS \
            >"$dir/result.txt"
        grep -v '^checked ' "$dir/result.txt" | sed "s|^|$t/$kind |" >>"$all"
        grep -q "^checked $COUNT\$" "$dir/result.txt" || {
            echo "FAIL fuzz-elf/$t/$kind (elf-fuzz stopped early)"; failed=$((failed + 1)); }
        [ -n "$FUZZ_SMOKE" ] || continue
        while read -r index verdict rest; do
            [ -n "$index" ] || continue
            id=elf/$t/$kind/$SEED/$index
            if [ "$verdict" != internal ] &&
                   reason=$(known_failure "$SRC/known-failures.txt" "$id" default); then
                echo "XFAIL fuzz-$id ($verdict; known: $reason)"
                skipped=$((skipped + 1))
            else
                echo "FAIL fuzz-$id ($verdict $rest)"
                failed=$((failed + 1))
            fi
        done <<EOF
$(grep -v '^checked ' "$dir/result.txt")
EOF
        echo "PASS fuzz-elf/$t/$kind ($COUNT mutants of seed $SEED run)"
        passed=$((passed + 1))
    done
done
internal=$(grep -c '^[^ ]* [0-9]* internal ' "$all")

if [ -n "$FUZZ_SMOKE" ]; then
    report_counts check-fuzz-elf
    exit
fi
cat "$all"
echo
echo "seed $SEED, $COUNT mutants per seed program: $(wc -l <"$all") differ, $internal emulator-internal"
echo "by verdict and mutated fields (count, program, verdict, fields, an example index):"
awk '{ fields = $4; gsub(/=[^,]*/, "", fields); gsub(/ph[0-9]+\./, "ph.", fields)
       gsub(/\[[0-9]+\]/, "[]", fields); gsub(/ph[0-9]+$/, "ph", fields)
       key = $1 " " $3 " " fields; n[key]++; if (!(key in ex)) ex[key] = $2 }
     END { for (k in n) print n[k], k, ex[k] }' "$all" | sort -rn | head -n 40
[ "$internal" -eq 0 ]
