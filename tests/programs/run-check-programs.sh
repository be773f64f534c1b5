#!/bin/sh
# run-check-programs.sh: real programs, not written for these tests, run
# natively and under the emulator (tests/programs/busybox.txt).  Skipped, and
# counted as such, when busybox-static is not installed.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TESTS (optional
# substrings selecting cases), SUMMARY_FILE (optional), TCG_TIMEOUT.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
BUSYBOX=${BUSYBOX:-/bin/busybox}
TIMEOUT=${TCG_TIMEOUT:-10}
emu=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
cases=$SRC_PATH/tests/programs/busybox.txt
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

report() {
    report_counts check-programs
}

case " $TARGETS " in *" x86_64 "*) ;; *) report; exit ;; esac
if ! "$BUSYBOX" true 2>/dev/null; then
    n=$(grep -c '^[a-z]' "$cases")
    echo "SKIP programs: $n cases ($BUSYBOX missing; install busybox-static)"
    skipped=$n
    report
    exit
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-programs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/work"
cp -r "$SRC_PATH/tcg" "$tmp/work/"

# run PREFIX...: the case's command under PREFIX, output to $tmp/out.
run() {
    env -i -C "$tmp/work" PATH=/usr/bin:/bin LC_ALL=C timeout -k 2 "$TIMEOUT" \
        "$@" "$BUSYBOX" sh -c "$cmd" </dev/null >"$tmp/out" 2>/dev/null
}

while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    name=${line%%:*}
    cmd=${line#*: }
    id=x86_64/programs/busybox-$name
    selected "$id" || continue
    run
    want=$?
    mv "$tmp/out" "$tmp/want"
    run "$emu"
    got=$?
    judge_run "$id" "$want" "$got" "$tmp/want" "$tmp/out"
done <"$cases"
report
