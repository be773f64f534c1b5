#!/bin/sh
# run-check-gdbstub.sh: the gdbstub (-g PORT, QEMU_GDB) driven by the real
# gdb in batch mode.  gdb-target.c is debugged twice, natively (gdb running
# the program itself) and against the emulator's stub, with each script:
# session.gdb (break at a function, read an argument, a global and
# registers, write the global, step one insn, finish, continue to the exit),
# crash.gdb (the program given an argument dies of SIGSEGV) and, for
# x86_64, syscall.gdb (stepping over the syscall insn in brk).  The "== "
# lines the scripts print and gdb's "Program received/terminated" lines
# must be the same.  The host cannot run i386 programs, so the i386
# session is judged by the same session against Debian's qemu-i386 -g;
# without it the i386 test is skipped.  The i386 run sets QEMU_GDB rather
# than -g, so both ways are covered.  Skipped when gdb is absent.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_CC,
# CONFIG_TCG_M32, TESTS (optional), SUMMARY_FILE (optional), TCG_TIMEOUT.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
TIMEOUT=${TCG_TIMEOUT:-20}
CC=${TCG_CC:-cc}
OUT=$BUILD_DIR/tests/gdbstub/build
SRC=$SRC_PATH/tests/gdbstub
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

if ! command -v gdb >/dev/null 2>&1; then
    echo "SKIP gdbstub (gdb is not installed; apt-get install gdb)"
    skipped=1
    report_counts check-gdbstub
    exit
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-gdbstub.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$OUT"
ulimit -c 0         # a gdb that crashes leaves no core file behind

# gdb_batch OUT OPTIONS...: gdb in batch mode on $prog $args: the OPTIONS
# stop it before its first insn, then $session.gdb runs; the lines compared
# go to OUT.
gdb_batch() {
    out=$1; shift
    timeout -k 2 "$TIMEOUT" gdb -batch -nx -ex 'set confirm off' "$@" -x "$SRC/$session.gdb" --args "$prog" $args >"$out.log" 2>&1 </dev/null
    grep -e '^== ' -e '^Program received' -e '^Program terminated' "$out.log" >"$out"
}

# remote OUT EMULATOR...: start EMULATOR (with -g, or QEMU_GDB in its env)
# on a port nobody uses running $prog $args, and have gdb debug it through
# the stub.  Ports are tried from one the process id picks until the
# emulator listens.
remote() {
    out=$1; shift
    n=0
    while [ $n -lt 20 ]; do
        port=$((20000 + ($$ * 37 + n * 101) % 40000))
        n=$((n + 1))
        case "$1" in
        QEMU_GDB) env QEMU_GDB=$port timeout -k 2 "$TIMEOUT" "$2" "$prog" $args ;;
        *) timeout -k 2 "$TIMEOUT" "$@" -g "$port" "$prog" $args ;;
        esac >"$out.emu" 2>&1 &
        emu=$!
        sleep 0.3
        kill -0 $emu 2>/dev/null && break
        wait $emu
    done
    gdb_batch "$out" -ex "target remote 127.0.0.1:$port"
    wait $emu
}

# check T SESSION ARGS: one session of gdb-target-T, counted.
check() {
    t=$1 session=$2 args=$3
    id=$t/gdbstub/$session
    selected "$id" || return
    prog=$OUT/gdb-target-$t
    if [ "$t" = x86_64 ]; then
        gdb_batch "$tmp/want" -ex starti
        remote "$tmp/got" "$BUILD_DIR/$t-linux-user/qemu-$t"
    elif command -v qemu-i386 >/dev/null 2>&1; then
        remote "$tmp/want" qemu-i386
        remote "$tmp/got" QEMU_GDB "$BUILD_DIR/$t-linux-user/qemu-$t"
    else
        echo "SKIP $id (no reference: Debian's qemu-user is not installed)"
        skipped=$((skipped + 1)); return
    fi
    if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
        echo "PASS $id"
        passed=$((passed + 1))
    else
        echo "FAIL $id"
        diff -u --label expected --label emulated "$tmp/want" "$tmp/got" | head -20 | sed 's/^/    /'
        tail -5 "$tmp/got.log" "$tmp/got.emu" 2>/dev/null | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

for t in $TARGETS; do
    flag=-m64
    [ "$t" = i386 ] && flag=-m32
    if [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ]; then
        echo "SKIP $t/gdbstub (no -m32 toolchain; install gcc-multilib)"
        skipped=$((skipped + 1)); continue
    fi
    if ! $CC "$flag" -O1 -g -static -fno-pie -no-pie -o "$OUT/gdb-target-$t" \
            "$SRC/gdb-target.c" >"$tmp/build.log" 2>&1; then
        echo "FAIL $t/gdbstub (build failed)"; tail -5 "$tmp/build.log" | sed 's/^/    /'
        failed=$((failed + 1)); continue
    fi
    check "$t" session ""
    check "$t" crash crash
    [ "$t" = x86_64 ] && check "$t" syscall ""
done

report_counts check-gdbstub
