#!/bin/sh
# run-check-programs.sh: real programs, not written for these tests, run
# natively and under the emulator (tests/programs/busybox.txt): each case
# by Debian's static x86_64 busybox natively, then under qemu-x86_64, under
# qemu-x86_64 -p 65536, and by Debian's static i386 busybox under qemu-i386
# and qemu-i386 -p 65536, all judged by the one native x86_64 run (the
# commands print nothing that depends on the word size).  The i386 busybox
# is fetched once with scripts/make-sysroot.sh into the build tree
# (BUSYBOX_I386=FILE names one instead); when it cannot be fetched the
# i386 runs are skipped with the reason.  Skipped, and counted as such,
# when busybox-static is not installed on the host.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TESTS (optional
# substrings selecting cases), SUMMARY_FILE (optional), TCG_TIMEOUT.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
BUSYBOX=${BUSYBOX:-/bin/busybox}
TIMEOUT=${TCG_TIMEOUT:-10}
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

# The variants: "test-id-prefix emulator busybox [options]".
variants="x86_64/programs/busybox- $BUILD_DIR/x86_64-linux-user/qemu-x86_64 $BUSYBOX
x86_64/programs/p65536/busybox- $BUILD_DIR/x86_64-linux-user/qemu-x86_64 $BUSYBOX -p 65536"

# The i386 busybox: BUSYBOX_I386, or Debian's busybox-static:i386.
i386_busybox() {
    root=$BUILD_DIR/tests/programs/build/busybox-i386
    if [ -n "$BUSYBOX_I386" ]; then
        echo "$BUSYBOX_I386"
    elif [ -e "$root/.apt/ready" ] \
         || sh "$SRC_PATH/scripts/make-sysroot.sh" -a i386 "$root" busybox-static \
               >"$tmp/make.log" 2>&1; then
        : >"$root/.apt/ready"
        echo "$root/usr/bin/busybox"
    fi
}

# i386_selected: some i386 case is selected.
i386_selected() {
    for name in $(sed -n 's/^\([a-z][a-z0-9-]*\):.*/\1/p' "$cases"); do
        selected "i386/programs/busybox-$name" && return 0
        selected "i386/programs/p65536/busybox-$name" && return 0
    done
    return 1
}

case " $TARGETS " in
*" i386 "*)
    if ! i386_selected; then
        :
    elif bb32=$(i386_busybox) && [ -n "$bb32" ]; then
        variants="$variants
i386/programs/busybox- $BUILD_DIR/i386-linux-user/qemu-i386 $bb32
i386/programs/p65536/busybox- $BUILD_DIR/i386-linux-user/qemu-i386 $bb32 -p 65536"
    else
        n=$(grep -c '^[a-z]' "$cases")
        echo "SKIP i386/programs/*: $n cases twice (no i386 busybox: $(tail -1 "$tmp/make.log" 2>/dev/null))"
        skipped=$((skipped + 2 * n))
    fi ;;
esac

# run BUSYBOX [EMULATOR OPTIONS...]: the case's command, output to $tmp/out.
# (Its own variable: the loop below reads the variant's busybox into bb.)
run() {
    run_busybox=$1
    shift
    env -i -C "$tmp/work" PATH=/usr/bin:/bin LC_ALL=C timeout -k 2 "$TIMEOUT" \
        "$@" "$run_busybox" sh -c "$cmd" </dev/null >"$tmp/out" 2>/dev/null
}

while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    name=${line%%:*}
    cmd=${line#*: }
    want=
    while read -r prefix emu bb opts; do
        id=$prefix$name
        selected "$id" || continue
        if [ -z "$want" ]; then
            run "$BUSYBOX"
            want=$?
            mv "$tmp/out" "$tmp/want"
        fi
        # shellcheck disable=SC2086  # opts is a list of options
        run "$bb" "$emu" $opts
        judge_run "$id" "$want" $? "$tmp/want" "$tmp/out"
    done <<EOF
$variants
EOF
done <"$cases"
report
