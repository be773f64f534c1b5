#!/bin/sh
# run-check-elf.sh: the ELF loader against the kernel's.  tests/elf/seed.c
# is built static (ET_EXEC) and static-pie (ET_DYN) for each target, and
# elf-mutants writes its mutants (named ones, then $ELF_RANDOM random ones
# from seed $ELF_SEED).  Each x86_64 mutant runs natively through elf-exec
# (execve; "refused: <strerror>" and status 126 if the kernel refuses it)
# and under the emulator; a refusal by the emulator ("qemu-T: FILE: <strerror>
# (detail)" and status 1) counts as "refused: <strerror>" with status 126.
# Stdout and status must agree.  This kernel cannot run i386 programs: an
# i386 mutant whose mutation the kernel judges the same for both classes
# ("neutral") is judged by the native run of the x86_64 mutant of the same
# name; the others (and the random ones) must only not crash the emulator:
# a refusal, a run, a guest that hangs (garbage where it expects zeros), or
# a death the kernel could give (not SIGABRT, not a "qemu: fatal" line).
#
# Known failure, reported as XFAIL (issue 11): a code page past the end of
# the file makes the translator's instruction fetch take a host SIGBUS,
# which it does not turn into the guest's SIGBUS ("qemu: fatal: host fault
# ... (signal 7)"); the fix belongs to accel/tcg.  Others are listed in
# tests/elf/known-failures.txt.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_CC,
# CONFIG_TCG_M32, TESTS (optional), SUMMARY_FILE (optional); ELF_RANDOM
# (default 20), ELF_SEED (default 1), TCG_TIMEOUT (default 5).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
TIMEOUT=${TCG_TIMEOUT:-5}
CC=${TCG_CC:-cc}
RANDOM_COUNT=${ELF_RANDOM:-20}
SEED=${ELF_SEED:-1}
OUT=$BUILD_DIR/tests/elf/build
SRC=$SRC_PATH/tests/elf
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-elf.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$OUT"

# result: the outcome of the last run, from $tmp/out, $tmp/err and status
# $1, with an emulator refusal ($2 = the emulator's name, $3 = the file)
# written as the kernel's.
result() {
    if [ -n "$2" ] && [ "$1" = 1 ] && head -n 1 "$tmp/err" | grep -q "^$2: /[^:]*: "; then
        echo "refused: $(head -n 1 "$tmp/err" | sed "s|^$2: /[^:]*: ||; s| (.*||")"
        echo "status 126"
    else
        cat "$tmp/out"
        echo "status $1"
    fi
}

run() {
    env -i -C "$tmp" PATH=/usr/bin:/bin LC_ALL=C timeout -k 2 "$TIMEOUT" "$@" \
        </dev/null >"$tmp/out" 2>"$tmp/err"
}

KNOWN_FAILURES=$SRC/known-failures.txt

fail() {
    if reason=$(known_failure "$KNOWN_FAILURES" "$id" default); then
        echo "XFAIL $id ($1; known: $reason)"
        skipped=$((skipped + 1))
        return
    fi
    echo "FAIL $id ($1)"
    failed=$((failed + 1))
}

$CC -O2 -o "$OUT/elf-mutants" "$SRC/elf-mutants.c" &&
    $CC -O2 -o "$OUT/elf-exec" "$SRC/elf-exec.c" || {
    echo "FAIL elf: cannot build the host tools"; failed=1; report_counts check-elf; exit 1; }

for t in x86_64 $(echo "$TARGETS" | tr ' ' '\n' | grep -v x86_64); do
    case " $TARGETS " in *" $t "*) ;; *) [ "$t" = x86_64 ] || continue ;; esac
    flag=-m64; [ "$t" = i386 ] && flag=-m32
    if [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ]; then
        echo "SKIP $t/elf (no -m32 toolchain; install gcc-multilib)"
        skipped=$((skipped + 1)); continue
    fi
    emu=$BUILD_DIR/$t-linux-user/qemu-$t
    for kind in exec pie; do
        dir=$OUT/$t/$kind
        rm -rf "$dir" && mkdir -p "$dir"
        pie=-static-pie; [ "$kind" = exec ] && pie="-static -fno-pie -no-pie"
        # shellcheck disable=SC2086  # pie is a list of options
        if ! $CC $flag -O2 $pie -o "$dir.seed" "$SRC/seed.c" >"$tmp/build.log" 2>&1; then
            echo "SKIP $t/elf/$kind (the seed does not build: $(head -n 1 "$tmp/build.log"))"
            skipped=$((skipped + 1)); continue
        fi
        "$OUT/elf-mutants" "$dir.seed" "$dir" "$RANDOM_COUNT" "$SEED" >"$dir.list" || {
            echo "FAIL $t/elf/$kind (elf-mutants)"; failed=$((failed + 1)); continue; }
        while read -r name judged; do
            id=$t/elf/$kind/$name
            selected "$id" || continue
            file=$dir/$name
            if [ "$t" = x86_64 ]; then
                run "$OUT/elf-exec" "$file"
                result $? >"$dir/$name.want"
            fi
            run "$emu" "$file"
            st=$?
            result $st "qemu-$t" "$file" >"$tmp/got"
            if grep -q "^qemu: fatal: host fault .*(signal 7)" "$tmp/err"; then
                echo "XFAIL $id (known: issue 11: code fetch from a page past end of file)"
                skipped=$((skipped + 1))
            elif grep -q "^qemu: fatal" "$tmp/err" || [ $st = 134 ]; then
                fail "the emulator failed (status $st): $(head -n 2 "$tmp/err" | tr '\n' ' ')"
            elif [ "$t" = x86_64 ] || [ "$judged" = neutral ]; then
                want=$OUT/x86_64/$kind/$name.want
                if [ ! -f "$want" ]; then
                    echo "SKIP $id (no native run of the x86_64 twin)"
                    skipped=$((skipped + 1))
                elif cmp -s "$want" "$tmp/got"; then
                    echo "PASS $id"; passed=$((passed + 1))
                else
                    fail "native: $(tr '\n' ' ' <"$want")/ emulator: $(tr '\n' ' ' <"$tmp/got")"
                fi
            else
                echo "PASS $id (no crash: $(tail -n 1 "$tmp/got"))"; passed=$((passed + 1))
            fi
        done <"$dir.list"
    done
done

report_counts check-elf
