#!/bin/sh
# run-check-tcg.sh: the guest-program tests.  Each program under tests/tcg is
# built with the host toolchain (Makefile.tcg), then run twice with the same
# arguments, environment and empty stdin: once by the reference (the host
# CPU itself) and once under our emulator.  A test passes when stdout is the
# same byte for byte and the exit status is the same, death by a signal
# included (the shell's 128+signal).  Stderr is not compared: the emulator may
# add its own messages there.
#
# The reference for x86_64 is native execution.  For i386 it is native too
# when the host kernel runs 32-bit programs; some kernels are built without
# that (exec fails with "Exec format error"), and then Debian's qemu-i386
# (package qemu-user) stands in as reference, or i386 tests are skipped.
#
# The guest-memory programs (multiarch/mem-*.c) run once per host page size
# of $TCG_PAGE_SIZES, with "-p SIZE" added to the emulator's options, as
# test ids ending in /pSIZE (x86_64/multiarch/mem-prot-O2/p65536).  They are
# written so that their output does not depend on the word size, and
# Debian's qemu-i386 gets their protection cases wrong, so where the host
# cannot run i386 programs their reference is the native run of the x86_64
# build of the same source and variant.
#
# tests/tcg/known-failures.txt lists tests expected to fail (pattern, issue,
# reason): such a failure is reported as XFAIL and counted as skipped; such a
# test passing is reported as XPASS and counted as failed, so that the list
# is pruned when the work lands.
#
# Environment (make check-tcg sets the first six):
#   SRC_PATH, BUILD_DIR      source and build directories
#   CONFIG_PRECISE_PROT      y with exact 4 KiB protection (the default;
#                            selects the "precise:" lines of the
#                            known-failures list), n in a
#                            --disable-precise-prot build ("hostpage:")
#   CONFIG_SHDWRT            the --shdwrt strategy (selects "none:", "break:",
#                            "interp:" or "vtlb:" lines)
#   TARGETS                  targets to test (default: i386 x86_64)
#   TCG_CC, CONFIG_TCG_M32   guest compiler; CONFIG_TCG_M32=n skips i386
#   TESTS                    substrings of test names to run (default: all),
#                            e.g. TESTS=printf or TESTS="i386/ sort-O0"
#   TCG_VARIANTS             build variants (default: O2 O0 O2-dyn)
#   QEMU_OVERRIDE            run "${QEMU_OVERRIDE}T" instead of our qemu-T,
#                            e.g. QEMU_OVERRIDE=/usr/bin/qemu- (checks the runner)
#   QEMU_ARGS                extra emulator options, e.g. "-p 65536"
#   QEMU_WRAPPER             command the emulator runs under, e.g.
#                            QEMU_WRAPPER=qemu-aarch64 for an aarch64 build
#                            on this machine (docs/devel/aarch64.md)
#   TCG_ORACLE_i386          reference for i386 when the host cannot run it
#                            (default: qemu-i386 from PATH)
#   TCG_TIMEOUT              seconds per run (default 10)
#   TCG_MAX_TIMEOUTS         after this many timeouts, stop running (default 8),
#                            so that a hanging emulator cannot eat the CI budget
#   TCG_PAGE_SIZES           host page sizes for the mem-* programs
#                            (default: 4096 16384 65536)
#   KNOWN_FAILURES           the expected-failure list
#                            (default: tests/tcg/known-failures.txt)
#   SUMMARY_FILE             append "passed failed skipped" here (make check)

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
VARIANTS=${TCG_VARIANTS:-O2 O0 O2-dyn}
TIMEOUT=${TCG_TIMEOUT:-10}
MAX_TIMEOUTS=${TCG_MAX_TIMEOUTS:-8}
PAGE_SIZES=${TCG_PAGE_SIZES:-4096 16384 65536}
KNOWN_FAILURES=${KNOWN_FAILURES:-$SRC_PATH/tests/tcg/known-failures.txt}
PROT_KIND=hostpage
[ "$CONFIG_PRECISE_PROT" = y ] && PROT_KIND=precise
# With every access checked through the software TLB, guest protection is
# exact at 4 KiB whatever the build: the precise build's expectations hold.
case " $QEMU_ARGS " in *" -checked-mem "*) PROT_KIND=precise ;; esac
[ "$CONFIG_SHDWRT" = vtlb ] && PROT_KIND=precise
BUILD_KIND="$PROT_KIND ${CONFIG_SHDWRT:-none}"
OUT=$BUILD_DIR/tests/tcg/build
TCG=$SRC_PATH/tests/tcg
# Every program sees exactly these arguments and this environment.
ARGS_1=one ARGS_2="two words" ARGS_3=3
RUN_ENV="PATH=/usr/bin:/bin LANG=C LC_ALL=C HOME=/tmp TCGTEST_VAR=hello-from-runner"

passed=0 failed=0 skipped=0 timeouts=0
mkdir -p "$OUT"
# shellcheck disable=SC3045  # dash and bash both have ulimit -c
ulimit -c 0                         # tests that crash must not leave core files
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-tcg.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

. "$SRC_PATH/tests/runner-lib.sh"

# list_tests T: prints "id binary page-size x86_64-twin" for every selected
# test of target T; page size (mem-* programs run under each of PAGE_SIZES)
# and twin are "-" when not used.  The twin is the x86_64 build of a program
# whose output does not depend on the word size (its source says
# "check-tcg: word-size neutral"): the reference when T's
# programs cannot run here (Debian's qemu-i386 gets many kernel corner cases
# wrong).
list_tests() {
    for src in "$TCG"/multiarch/*.c; do
        name=$(basename "$src" .c)
        for v in $VARIANTS; do
            id=$1/multiarch/$name-$v
            bin=$OUT/$1/multiarch/$name-$v
            twin=-
            grep -q "check-tcg: word-size neutral" "$src" && twin=$OUT/x86_64/multiarch/$name-$v
            case "$name" in
            mem-*)
                for ps in $PAGE_SIZES; do
                    selected "$id/p$ps" && echo "$id/p$ps $bin $ps $twin"
                done ;;
            *)
                selected "$id" && echo "$id $bin - $twin" ;;
            esac
        done
    done
    # Per-guest programs: .S files are asm/ tests, .c files arch/ tests.
    for src in "$TCG/$1"/*.S "$TCG/$1"/*.c; do
        [ -e "$src" ] || continue
        case "$src" in *.S) kind=asm ;; *) kind=arch ;; esac
        name=$(basename "${src%.*}")
        id=$1/$kind/$name
        selected "$id" && echo "$id $OUT/$1/$kind/$name - -"
    done
}

# run PREFIX... BINARY: run one program the way every test is run; the output
# goes to $tmp/out and $tmp/err, the shell status is returned.
# (env -C rather than a subshell: dash reports a subshell killed by a signal
# on its own stderr, which would clutter the output.)
run() {
    # shellcheck disable=SC2086  # RUN_ENV is a list of assignments
    env -i -C "$tmp" $RUN_ENV timeout -k 2 "$TIMEOUT" "$@" \
        "$ARGS_1" "$ARGS_2" "$ARGS_3" </dev/null >"$tmp/out" 2>"$tmp/err"
}

fail() {
    if reason=$(known_failure "$KNOWN_FAILURES" "$id" "$kinds"); then
        echo "XFAIL $id ($1; known: $reason)"
        skipped=$((skipped + 1))
        # An intermittent failure is shown in full: it is the only trace of a
        # rare bug.
        [ "${reason#*: flaky:}" != "$reason" ]
        return
    fi
    echo "FAIL $id ($1)"
    failed=$((failed + 1))
}

pass() {
    if ! reason=$(known_failure "$KNOWN_FAILURES" "$id" "$kinds"); then
        echo "PASS $id"
        passed=$((passed + 1))
    elif [ "${reason#*: flaky:}" != "$reason" ]; then
        echo "PASS $id (listed as flaky: $reason)"
        passed=$((passed + 1))
    else
        echo "XPASS $id (passes, but known-failures.txt says: $reason)"
        failed=$((failed + 1))
    fi
}

# reference BINARY TWIN: the reference run into $tmp/want, its status in
# $want.  One run serves all the page sizes of a program.
reference() {
    [ "$1" = "$ref_done" ] && return
    if [ "$oracle" = native ]; then run "$1"
    elif [ "$2" != - ]; then run "$2"
    else run "$oracle" "$1"
    fi
    want=$?
    mv "$tmp/out" "$tmp/want"
    ref_done=$1
}

for t in $TARGETS; do
    tests=$(list_tests "$t")
    [ -n "$tests" ] || continue
    count=$(echo "$tests" | wc -l)

    if [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ]; then
        echo "SKIP $t: $count tests (no -m32 toolchain; install gcc-multilib)"
        skipped=$((skipped + count))
        continue
    fi

    # Build what is selected, the x86_64 twins of word-size neutral programs,
    # and hello (the probe for native execution).
    probe=$OUT/$t/asm/hello-$t
    # shellcheck disable=SC2046  # one goal per binary
    ${MAKE:-make} -k -f "$TCG/Makefile.tcg" SRC_PATH="$SRC_PATH" OUT="$OUT" \
        TCG_CC="${TCG_CC:-cc}" TARGETS="$t x86_64" VARIANTS="$VARIANTS" \
        $(echo "$tests" | cut -d' ' -f2,4 | tr ' ' '\n' | grep -v '^-$' | sort -u) \
        "$probe" >"$OUT/build-$t.log" 2>&1 ||
        echo "NOTE: some $t test programs did not build: see $OUT/build-$t.log"

    # The reference.
    oracle=
    kinds=$BUILD_KIND
    if "$probe" >/dev/null 2>&1; then
        oracle=native
    elif [ "$t" = i386 ] && command -v "${TCG_ORACLE_i386:-qemu-i386}" >/dev/null 2>&1; then
        oracle=$(command -v "${TCG_ORACLE_i386:-qemu-i386}")
        kinds="$kinds qemu-reference"
        echo "NOTE: this host cannot run i386 programs; $oracle is the reference (the x86_64 build for word-size neutral programs)"
    else
        echo "NOTE: no reference for the $t programs here: only word-size neutral programs (x86_64 twins) run"
    fi

    emu=$BUILD_DIR/$t-linux-user/qemu-$t
    [ -n "$QEMU_OVERRIDE" ] && emu=$QEMU_OVERRIDE$t

    # A here-document keeps the loop in this shell, so the counters survive.
    ref_done=
    while read -r id bin page_size twin; do
        if [ -z "$oracle" ] && [ "$twin" = - ]; then
            echo "SKIP $id (cannot run $t programs here to get the reference)"
            skipped=$((skipped + 1)); continue
        fi
        if [ ! -x "$bin" ] || { [ "$twin" != - ] && [ "$oracle" != native ] && [ ! -x "$twin" ]; }; then
            fail "build failed, see $OUT/build-$t.log"; continue
        fi
        if [ ! -x "$emu" ] && ! command -v "$emu" >/dev/null 2>&1; then
            fail "no emulator $emu"; continue
        fi
        if [ "$timeouts" -ge "$MAX_TIMEOUTS" ]; then
            fail "not run: $timeouts runs timed out already"; continue
        fi

        reference "$bin" "$twin"
        page_arg=
        [ "$page_size" != - ] && page_arg="-p $page_size"
        # shellcheck disable=SC2086  # QEMU_WRAPPER, QEMU_ARGS: word lists
        run $QEMU_WRAPPER "$emu" $QEMU_ARGS $page_arg "$bin"
        got=$?

        if [ "$got" -eq 124 ] || [ "$got" -eq 137 ]; then
            timeouts=$((timeouts + 1))
            fail "timed out after ${TIMEOUT}s"
        elif [ "$got" -ne "$want" ]; then
            fail "exit $got, expected $want"
        elif ! cmp -s "$tmp/want" "$tmp/out"; then
            fail "stdout differs"
        else
            pass
            continue
        fi || continue          # an expected failure shows no details
        if ! cmp -s "$tmp/want" "$tmp/out"; then
            diff -u --label expected --label emulated "$tmp/want" "$tmp/out" | head -20 | sed 's/^/    /'
        fi
        if [ -s "$tmp/err" ]; then
            echo "    --- emulator stderr (last lines):"
            tail -5 "$tmp/err" | sed 's/^/    /'
        fi
    done <<EOF
$tests
EOF
done

if [ -n "$SUMMARY_FILE" ]; then
    echo "$passed $failed $skipped" >>"$SUMMARY_FILE"
    prefix="check-tcg: "
fi
line="$prefix$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
