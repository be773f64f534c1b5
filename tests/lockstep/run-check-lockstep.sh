#!/bin/sh
# run-check-lockstep.sh: runs the lockstep checker on the x86_64 asm test
# programs and tests/lockstep/sample.c to their end, and, with -x (x87 and
# SSE state compared too), on every multiarch program (the static -O2
# x86_64 build check-tcg makes) for its first LOCKSTEP_MAX instructions; two
# at a time.  One "PASS name" / "FAIL name" line each (a pass that had to
# stop early, at a thread, a fork or a signal from outside, says where),
# ending with "N passed, N failed, N skipped".  A failure shows the
# checker's report of the first divergence.  Divergences already known
# (tests/lockstep/known-divergences.txt, the format of
# tests/tcg/known-failures.txt) are XFAIL, counted as skipped.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TESTS (optional
# substrings that select tests by name), LOCKSTEP_QUICK (set by "make
# check"), LOCKSTEP_MAX (instructions compared per multiarch program;
# default 60,000 quick, past the C library's start-up of some 30,000 into
# main, else 1,000,000), SUMMARY_FILE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
. "$SRC_PATH/tests/runner-lib.sh"
tool=$BUILD_DIR/tests/lockstep/lockstep
known=$SRC_PATH/tests/lockstep/known-divergences.txt
passed=0 failed=0 skipped=0
if [ -n "$LOCKSTEP_QUICK" ]; then
    max=${LOCKSTEP_MAX:-60000}
else
    max=${LOCKSTEP_MAX:-1000000}
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The runs, as "name|arguments" lines, in the order reported.  The
# programs are named relative to the build directory and run with a fixed
# environment, so that the instructions they run (the C library's start-up
# reads argv[0] and the environment) do not depend on where the tree is or
# who runs it: a divergence near the -n limit shows everywhere or nowhere.
cd "$BUILD_DIR" || exit 1
{
    for prog in tests/tcg/build/x86_64/asm/*; do
        [ -x "$prog" ] && echo "$(basename "$prog")|$prog"
    done
    echo "sample|tests/lockstep/sample|one|two words"
    for prog in tests/tcg/build/x86_64/multiarch/*-O2; do
        [ -x "$prog" ] && echo "$(basename "$prog")|-x|-n|$max|$prog"
    done
} | while IFS= read -r run; do
    selected "lockstep/${run%%|*}" && echo "$run"
done >"$out/runs"

# One run: its report in $out/NAME, its exit status in $out/NAME.rc.
cat >"$out/one.sh" <<'EOF'
name=${1%%|*}
args=${1#*|}
IFS='|'
# shellcheck disable=SC2086  # the fields are the arguments
timeout 600 env -i PATH=/usr/bin:/bin "$2" $args >"$3/$name" 2>&1
echo $? >"$3/$name.rc"
EOF
tr '\n' '\0' <"$out/runs" | xargs -0 -P 2 -I{} sh "$out/one.sh" {} "$tool" "$out"

while IFS= read -r run; do
    name=${run%%|*}
    id=lockstep/$name
    rc=$(cat "$out/$name.rc")
    last=$(tail -n 1 "$out/$name")
    if [ "$rc" -eq 0 ]; then
        if reason=$(known_failure "$known" "$id" default); then
            case "$reason" in
            *": flaky:"*) ;;        # depends on values the runs read: either
            *)
                echo "XPASS $id (listed: $reason)"
                failed=$((failed + 1))
                continue ;;
            esac
        fi
        case "$last" in
        *stopped:*) echo "PASS $id (${last#lockstep: })" ;;
        *) echo "PASS $id" ;;
        esac
        passed=$((passed + 1))
    elif reason=$(known_failure "$known" "$id" default); then
        echo "XFAIL $id ($reason)"
        skipped=$((skipped + 1))
    else
        echo "FAIL $id"
        tail -n 20 "$out/$name" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done <"$out/runs"

report_counts check-lockstep
