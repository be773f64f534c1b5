#!/bin/sh
# run-check-proc.sh: the guest's own /proc compared with a native run
# (issue 9, point 5), for i386 too, where Debian's qemu-i386 (the tcg
# runner's reference) shows its own /proc:
# - proc-fd.c under -D: the log's descriptor is the emulator's, so the
#   guest's /proc/self/fd and fdinfo must neither list nor open it;
# - proc-status.c: the signal sets of /proc/self/status are the guest's;
# - proc-task.c: each status file shows its own thread's sets (self and
#   <pid>: the main thread's; task/<tid>; thread-self: the reader's);
# - proc-cpuinfo.c: /proc/cpuinfo agrees with the CPUID instruction.  Its
#   native run checks linux-user/cpuinfo-flags.h against the host kernel,
#   but only where the host's own cpuinfo agrees with its CPUID: a virtual
#   machine restored on another CPU model keeps the boot CPU's cpuinfo.
#   There the native disagreement is printed as a note and the emulated
#   run must still say "agree";
# - uname: -r RELEASE is what uname(2) says, also in a program the guest
#   execs (busybox sh running uname), and without it the host's release;
# - -s SIZE: a small stack limit still runs programs (Linux gives the
#   arguments 128 KiB whatever the limit), as `ulimit -s` does natively.
# The i386 build runs against the native output of the x86_64 build (the
# programs print nothing that depends on the word size); it is skipped when
# the compiler cannot make 32-bit programs.  Environment: SRC_PATH,
# BUILD_DIR, TARGETS, TCG_CC, CONFIG_TCG_M32, TCG_TIMEOUT, TESTS, SUMMARY_FILE (optional).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
TIMEOUT=${TCG_TIMEOUT:-10}
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-proc.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# check NAME OPTIONS...: NAME's native x86_64 output against each target's
# under the emulator with OPTIONS.
check() {
    name=$1
    shift
    ${TCG_CC:-cc} -O2 -static "$cflags" -o "$tmp/$name" "$SRC_PATH/tests/programs/$name.c" || exit 1
    timeout -k 2 "$TIMEOUT" "$tmp/$name" </dev/null >"$tmp/want" 2>/dev/null
    want=$?
    [ "$name" = proc-cpuinfo ] && cpuinfo_reference
    for t in $TARGETS; do
        id=$t/programs/$name
        selected "$id" || continue
        bin=$tmp/$name
        if [ "$t" = i386 ]; then
            bin=$tmp/$name-m32
            if [ "$CONFIG_TCG_M32" = n ] \
               || ! ${TCG_CC:-cc} -m32 -O2 -static "$cflags" -o "$bin" "$SRC_PATH/tests/programs/$name.c" 2>/dev/null; then
                echo "SKIP $id (no 32-bit compiler)"
                skipped=$((skipped + 1))
                continue
            fi
        fi
        timeout -k 2 "$TIMEOUT" "$BUILD_DIR/$t-linux-user/qemu-$t" "$@" "$bin" \
            </dev/null >"$tmp/out" 2>/dev/null
        got=$?
        judge_run "$id" "$want" "$got" "$tmp/want" "$tmp/out"
    done
}

# The native verdict when the host kernel's cpuinfo disagrees with its
# CPUID: noted; the reference becomes the agreement the emulator owes.
cpuinfo_reference() {
    [ "$(tail -n 1 "$tmp/want")" = agree ] && return
    echo "NOTE programs/proc-cpuinfo: this host's /proc/cpuinfo disagrees with its CPUID:"
    grep -v '^one ' "$tmp/want" | sed 's/^/    /'
    { grep '^one ' "$tmp/want"; echo agree; } >"$tmp/want.agree"
    mv "$tmp/want.agree" "$tmp/want"
}

# check_busybox ID WANT COMMAND OPTIONS...: busybox sh -c COMMAND under the
# x86_64 emulator with OPTIONS prints WANT.
check_busybox() {
    id=$1 want=$2 command=$3
    shift 3
    selected "$id" || return
    if [ ! -x /bin/busybox ]; then
        echo "SKIP $id (no /bin/busybox)"
        skipped=$((skipped + 1))
        return
    fi
    echo "$want" >"$tmp/want"
    timeout -k 2 "$TIMEOUT" "$BUILD_DIR/x86_64-linux-user/qemu-x86_64" "$@" /bin/busybox sh -c \
        "$command" </dev/null >"$tmp/out" 2>/dev/null
    judge_run "$id" 0 $? "$tmp/want" "$tmp/out"
}

cflags="-I$SRC_PATH/linux-user"
check_busybox x86_64/programs/uname-r 1.2.3-emulated '/bin/busybox uname -r' -r 1.2.3-emulated
check_busybox x86_64/programs/uname-host "$(uname -r)" '/bin/busybox uname -r'
for size in 4096 16k; do
    want=$(/bin/busybox sh -c "ulimit -s 16; /bin/busybox echo small stack" 2>&1)
    check_busybox "x86_64/programs/stack-size-$size" "$want" '/bin/busybox echo small stack' -s "$size"
done
check proc-fd -D "$tmp/log"
check proc-status
check proc-task
check proc-cpuinfo
report_counts check-proc
