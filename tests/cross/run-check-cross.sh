#!/bin/sh
# run-check-cross.sh: `make check-cross`.  Builds this configuration's
# emulators for an aarch64 host (scripts/cross-build.sh, static) and runs
# the check-tcg programs with them under Debian's user-mode qemu-aarch64
# (package qemu-user) on this machine: the aarch64 JIT backend, its signal
# context and its host layer, exercised without aarch64 hardware.
#
# Bounded: the -O2 build of CROSS_TESTS' programs (a sample of the code
# generator's and the host layer's work: integer, flags, x87 and SSE code,
# atomics, signals and faults, threads, the syscalls whose structures and
# flags differ on aarch64), host page size 4096 only (the page-size runs
# are check-large-page's, in a real 16 KiB kernel), at most CROSS_TIMEOUT
# seconds per run: some minutes here.  CROSS_TESTS=all runs every program
# (under the double emulation, most of an hour on this machine).  Not in
# the sample: what qemu-aarch64 7.2 itself gets wrong (openat2 is ENOSYS
# there: newer-syscalls; a guest SIGRTMIN sent with tgkill: cancel; its
# F_GETFL drops O_LARGEFILE, which its x86-64 host's libc numbers 0:
# open-flags, which the arm64 VM runs instead; it has no TCGETS2:
# termios-speeds).
#
# `make check` runs it with CROSS_QUICK=1: a smaller sample (QUICK_SAMPLE:
# integer, flags, SSE and x87 code, atomics, signals and faults, threads,
# self-modifying code, file syscalls) of the x86_64 guest only, and
# only where the cross toolchain is installed already (.ci/run installs
# it): otherwise it is one SKIP that says what is missing, never an
# installation.  The cross build stays in the build directory, so a later
# check rebuilds only what changed.
#
# qemu-aarch64 7.2 keeps a descriptor per guest page of the space it
# emulates, so the x86_64 guest's default 2^46-byte reservation exhausts
# its memory: the guest space is -R 4 GiB (docs/devel/aarch64.md).
#
# Environment (make check-cross sets the first ones):
#   SRC_PATH, BUILD_DIR, TARGETS, TCG_CC, CONFIG_TCG_M32, CONFIG_PRECISE_PROT,
#   CONFIG_SHDWRT, CONFIG_SHDWRT_DBGMSG, TESTS, SUMMARY_FILE   as for check-tcg
#   CROSS_TESTS      check-tcg TESTS patterns, or "all" (default: the sample)
#   CROSS_QUICK=1    make check's run (above)
#   CROSS_TIMEOUT    seconds per program run (default 45)
#   CROSS_WRAPPER    the user-mode emulator (default qemu-aarch64)

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
WRAPPER=${CROSS_WRAPPER:-qemu-aarch64}
CROSS=$BUILD_DIR/tests/cross
QUICK=${CROSS_QUICK:-}

. "$SRC_PATH/tests/runner-lib.sh"

# make check's run builds and runs the x86_64 guest only: half the time.
if [ -n "$QUICK" ]; then
    case " $TARGETS " in *" x86_64 "*) TARGETS=x86_64 ;; esac
fi

# skip WHY: make check's run cannot be made here; one skipped test.
skip() {
    echo "SKIP check-cross: $1"
    [ -n "${SUMMARY_FILE:-}" ] && echo "0 0 1" >>"$SUMMARY_FILE"
    exit 0
}

if ! command -v "$WRAPPER" >/dev/null; then
    [ -n "$QUICK" ] && skip "$WRAPPER not found (apt-get install qemu-user)"
    echo "check-cross: $WRAPPER not found (apt-get install qemu-user)"
    exit 1
fi
mkdir -p "$CROSS" || exit 1
# The cross build is configured out of tree, which configure refuses while
# the source tree holds an in-tree configuration (as CI's last build does).
[ -f "$SRC_PATH/config-host.mak" ] &&
    skip "the source tree is configured in tree (configure out of tree to run it)"

opts=$(cross_build_opts)
echo "  CROSS   aarch64 ($opts)"
# shellcheck disable=SC2086  # opts is a list of options
CROSS_BUILD_INSTALL=${QUICK:+no} "$SRC_PATH/scripts/cross-build.sh" aarch64 "$CROSS/build" $opts \
    >"$CROSS/build.log" 2>&1
st=$?
if [ $st = 3 ] && [ -n "$QUICK" ]; then
    skip "the aarch64 cross toolchain is not installed ($(sed -n 's/^cross-build: not installed: *//p' "$CROSS/build.log")): make check-cross installs it"
fi
if [ $st != 0 ]; then
    echo "FAIL check-cross: the cross build failed: see $CROSS/build.log"
    [ -n "${SUMMARY_FILE:-}" ] && echo "0 1 0" >>"$SUMMARY_FILE"
    exit 1
fi
echo "  BACKEND tcg/$(sed -n 's/^TCG_BACKEND=//p' "$CROSS/build/config-host.mak")"

SAMPLE="/arith- /bitops- /convert- /float- /hash- /int64- /printf- /sort- /strings-
/structs- /rotate-carry- /flags-block-entry- /setjmp- /recursion- /fileio-
/epoll-events- /syscalls2- /signal-handlers- /sigsegv- /faults- /fault-regs-live- /threads-O2
/cmpxchg16b- /isa-cmpxchg- /simd-sse41- /x87-special- /mem-prot- /mem-smc- /rep-string-
/termios-pty- /hello-"
QUICK_SAMPLE="/arith- /float- /simd-sse41- /x87-special- /cmpxchg16b- /sigsegv- /fault-regs-live- /threads-O2
/mem-smc- /fileio-"
[ -n "$QUICK" ] && SAMPLE=$QUICK_SAMPLE
case "${CROSS_TESTS:-}" in
all) TESTS=${TESTS:-} ;;
'') TESTS=${TESTS:-$(echo $SAMPLE)} ;;
*) TESTS=$CROSS_TESTS ;;
esac
export TESTS

# check-tcg runs "${QEMU_OVERRIDE}T": give it qemu-T names for the cross build.
for t in $TARGETS; do
    ln -sf "$CROSS/build/$t-linux-user/qemu-$t" "$CROSS/qemu-$t"
done
QEMU_OVERRIDE=$CROSS/qemu- QEMU_WRAPPER=$WRAPPER \
    QEMU_ARGS="${QEMU_ARGS:+$QEMU_ARGS }-R 0x100000000" \
    TCG_VARIANTS=O2 TCG_PAGE_SIZES=4096 TCG_TIMEOUT=${CROSS_TIMEOUT:-45} \
    exec sh "$SRC_PATH/tests/tcg/run-check-tcg.sh"
