#!/bin/sh
# run-check-gdbstub.sh: the gdbstub (-g PORT, QEMU_GDB) driven by the real
# gdb in batch mode.  Each program is debugged twice, natively (gdb running
# the program itself) and against the emulator's stub, with a script
# (which sees $native set to 1 in the native run, 0 against the stub):
# gdb-target.c with session.gdb (break at a function, read an argument, a
# global and registers, write the global, step one insn, finish, continue
# to the exit), once more without telling gdb the program (it asks the
# stub), and also built as static and dynamic PIE (gdb relocates them from
# the auxv it reads); crash.gdb (the program given an argument dies of
# SIGSEGV); watch.gdb (a watchpoint gdb keeps by stepping); watch-target.c
# with hwwatch.gdb, rwatch.gdb and awatch.gdb (the stub's write, read and
# access watchpoints; the scripts say what the native reference does
# instead where this host's debug registers do not fire); fpu-target.c
# with fpu.gdb (x87, xmm and mxcsr read and written); for x86_64
# syscall.gdb (stepping over the syscall insn in brk); thread-target.c with
# threads.gdb (three threads listed, each one's registers, the others kept
# stopped, also with scheduler-locking, threads exiting while it runs) and
# both.gdb (two threads stopping at once, each stop seen).  The "== " lines the scripts
# print, backtrace lines, gdb's "Thread N "name" hit" and "Program
# received/terminated" lines must be the same.  The host cannot run i386
# programs, so the i386 session is judged by the same session against
# Debian's qemu-i386 -g; without it the i386 test is skipped.  The i386 run
# sets QEMU_GDB rather than -g, so both ways are covered.  Skipped when gdb
# is absent.  interrupt.py checks gdb's Ctrl-C, which batch gdb cannot send
# (skipped without python3).
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

# gdb_batch OUT OPTIONS...: gdb in batch mode on $prog $args (not told of
# the program when $unnamed is set: it asks the stub): the OPTIONS stop it
# before its first insn, then $session.gdb runs, with $native as the
# script's $native; the lines compared go to OUT.
gdb_batch() {
    out=$1; shift
    set -- -batch -nx -ex 'set confirm off' -ex "set \$native = ${native:-1}" \
        "$@" -x "$SRC/$session.gdb"
    [ -z "$unnamed" ] && set -- "$@" --args "$prog" $args
    timeout -k 2 "$TIMEOUT" gdb "$@" >"$out.log" 2>&1 </dev/null
    grep -e '^== ' -e '^#' -e '^Program received' -e '^Program terminated' \
        -e '^Thread [0-9]* .*hit ' "$out.log" >"$out"
}

# start_stub OUT EMULATOR...: start EMULATOR (with -g, or QEMU_GDB in its
# env) on a port nobody uses ($port) running $prog $args, in the
# background ($emu).  Ports are tried from one the process id picks until
# the emulator listens.
start_stub() {
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
}

# remote OUT EMULATOR...: gdb debugs $prog $args through EMULATOR's stub.
remote() {
    start_stub "$@"
    native=0
    gdb_batch "$1" -ex "target remote 127.0.0.1:$port"
    native=1
    wait $emu
}

# pass ID / fail ID: count the result of test ID.
pass() {
    echo "PASS $1"
    passed=$((passed + 1))
}

fail() {
    echo "FAIL $1"
    failed=$((failed + 1))
}

# qemu72_as_native OUT: what Debian's QEMU 7.2 gives differently from a
# native run where the answer does not depend on the architecture: it lets
# the other threads run while gdb has the process stopped (all-stop, as
# natively, stops them), and it names no thread (the kernel names each
# after the program, 15 bytes at most).
qemu72_as_native() {
    name=$(basename "$prog" | cut -c1-15)
    sed -i -e 's/ kept stopped: 0$/ kept stopped: 1/' \
        -e "s/^Thread \([0-9]*\) hit /Thread \1 \"$name\" hit /" "$1"
}

# check T PROG SESSION ARGS [unnamed|neutral]: one session of PROG-T,
# counted; with "unnamed" gdb is not told of the program when it debugs
# the emulator, and must do as well as with it; "neutral" says that the
# session prints nothing that depends on the architecture, so that the
# i386 session is judged by the native x86_64 one (Debian's QEMU 7.2 loses
# the second of two threads that stop together).
check() {
    t=$1 session=$3 args=$4
    id=$t/gdbstub/$2/$session
    [ "$2" = gdb-target ] && id=$t/gdbstub/$session
    [ "$5" = unnamed ] && id=$id-unnamed
    selected "$id" || return
    prog=$OUT/$2-$t unnamed=
    if [ "$t" = x86_64 ]; then
        gdb_batch "$tmp/want" -ex starti
        [ "$5" = unnamed ] && unnamed=$5
        remote "$tmp/got" "$BUILD_DIR/$t-linux-user/qemu-$t"
    elif [ "$5" = neutral ]; then
        prog=$OUT/$2-native
        $CC -m64 -O0 -g -static -pthread -o "$prog" "$SRC/$2.c" &&
            gdb_batch "$tmp/want" -ex starti
        prog=$OUT/$2-$t
        remote "$tmp/got" QEMU_GDB "$BUILD_DIR/$t-linux-user/qemu-$t"
    elif command -v qemu-i386 >/dev/null 2>&1; then
        remote "$tmp/want" qemu-i386
        qemu72_as_native "$tmp/want"
        [ "$5" = unnamed ] && unnamed=$5
        remote "$tmp/got" QEMU_GDB "$BUILD_DIR/$t-linux-user/qemu-$t"
    else
        echo "SKIP $id (no reference: Debian's qemu-user is not installed)"
        skipped=$((skipped + 1)); return
    fi
    if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
        pass "$id"
    else
        fail "$id"
        diff -u --label expected --label emulated "$tmp/want" "$tmp/got" | head -20 | sed 's/^/    /'
        tail -5 "$tmp/got.log" "$tmp/got.emu" 2>/dev/null | sed 's/^/    /'
    fi
}

# check_interrupt T: interrupt.py's Ctrl-C on thread-target-T spinning;
# then gdb kills it.
check_interrupt() {
    t=$1 id=$1/gdbstub/interrupt
    selected "$id" || return
    if ! command -v python3 >/dev/null 2>&1; then
        echo "SKIP $id (python3 is not installed)"
        skipped=$((skipped + 1)); return
    fi
    prog=$OUT/thread-target-$t args=spin
    start_stub "$tmp/int" "$BUILD_DIR/$t-linux-user/qemu-$t"
    timeout -k 2 "$TIMEOUT" python3 "$SRC/interrupt.py" "$port" >"$tmp/int.log" 2>&1
    st=$?
    wait $emu
    emu_st=$?
    if [ $st = 0 ] && [ $emu_st = 137 ]; then
        pass "$id"
    else
        fail "$id"
        echo "    client status $st, emulator status $emu_st (137: killed)"
        grep -v '^ok' "$tmp/int.log" | tail -5 | sed 's/^/    /'
    fi
}

# build T PROG SOURCE FLAGS...: $OUT/PROG-T from SOURCE.c, false (counted)
# when the compiler fails.
build() {
    t=$1 name=$2 source=$3; shift 3
    if $CC "$flag" -O1 -g "$@" -o "$OUT/$name-$t" "$SRC/$source.c" >"$tmp/build.log" 2>&1; then
        return 0
    fi
    fail "$t/gdbstub/$name (build failed)"
    tail -5 "$tmp/build.log" | sed 's/^/    /'
    return 1
}

for t in $TARGETS; do
    flag=-m64
    [ "$t" = i386 ] && flag=-m32
    if [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ]; then
        echo "SKIP $t/gdbstub (no -m32 toolchain; install gcc-multilib)"
        skipped=$((skipped + 1)); continue
    fi
    if build "$t" gdb-target gdb-target -static -fno-pie -no-pie; then
        check "$t" gdb-target session ""
        check "$t" gdb-target crash crash
        check "$t" gdb-target session "" unnamed
        check "$t" gdb-target watch ""
        [ "$t" = x86_64 ] && check "$t" gdb-target syscall ""
    fi
    build "$t" gdb-target-static-pie gdb-target -static-pie -fpie &&
        check "$t" gdb-target-static-pie session ""
    build "$t" gdb-target-pie gdb-target -pie -fpie &&
        check "$t" gdb-target-pie session ""
    build "$t" fpu-target fpu-target -msse2 -static -fno-pie -no-pie &&
        check "$t" fpu-target fpu "" neutral
    if build "$t" watch-target watch-target -static -fno-pie -no-pie; then
        for session in hwwatch rwatch awatch; do
            check "$t" watch-target $session "" neutral
        done
    fi
    if build "$t" thread-target thread-target -O0 -static -fno-pie -no-pie -pthread; then
        check "$t" thread-target threads ""
        check "$t" thread-target both both neutral
        check_interrupt "$t"
    fi
done

report_counts check-gdbstub
