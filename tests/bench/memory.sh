#!/bin/sh
# bench/memory.sh: what exact 4 KiB memory costs on a large-page host
# (issue 5, points 2 and 10).  Runs the programs of tests/bench/mem/ natively
# and under this build's qemu-x86_64 with -p 65536, and, when
# BENCH_OTHER_PROT_BUILD names a build configured with the other protection
# choice (--disable-precise-prot, or --enable-precise-prot when this build
# has it disabled), under that one too; each row is named after its build's
# choice.  Prints best-of-REPEAT wall times and the figures the
# issue asks for: the guard-page stream against the same stream without
# guard pages, the cost per mmap-family call, and the cost of writing data
# next to translated code.  Not a test: it always succeeds.
#
# Environment: SRC_PATH, BUILD_DIR (set by "make bench"), BENCH_REPEAT
# (default 3), BENCH_OTHER_PROT_BUILD, TCG_CC.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
REPEAT=${BENCH_REPEAT:-3}
OUT=$BUILD_DIR/tests/bench/mem
MEM=$SRC_PATH/tests/bench/mem
mkdir -p "$OUT"

. "$SRC_PATH/tests/bench/bench-lib.sh"

for p in guard-stream map-churn smc-near-code; do
    ${TCG_CC:-cc} -O2 -static -o "$OUT/$p" "$MEM/$p.c" || exit 0
done

# prot_name DIR: "precise" or "hostpage", the protection DIR's build has.
prot_name() {
    if grep -qx 'CONFIG_PRECISE_PROT=y' "$1/config-host.mak" 2>/dev/null; then
        echo precise
    else
        echo hostpage
    fi
}

set -- native ""
for b in "$BUILD_DIR" ${BENCH_OTHER_PROT_BUILD:+"$BENCH_OTHER_PROT_BUILD"}; do
    [ -x "$b/x86_64-linux-user/qemu-x86_64" ] &&
        set -- "$@" "p65536-$(prot_name "$b")" "$b/x86_64-linux-user/qemu-x86_64 -p 65536"
done

printf '%-16s %9s %9s %9s %12s %12s\n' run plain guard smc guard/plain us/mmap-call
while [ $# -gt 0 ]; do
    name=$1 emu=$2
    shift 2
    # shellcheck disable=SC2086  # emu is a command with options
    plain=$(best $emu "$OUT/guard-stream" plain)
    # shellcheck disable=SC2086
    guard=$(best $emu "$OUT/guard-stream" guard)
    # shellcheck disable=SC2086
    churn=$(best $emu "$OUT/map-churn")
    # shellcheck disable=SC2086
    smc=$(best $emu "$OUT/smc-near-code")
    # map-churn makes 120000 calls.
    printf '%-16s %9s %9s %9s %12s %12s\n' "$name" "$plain" "$guard" "$smc" \
        "$(div "$guard" "$plain" x)" "$(div "$churn" 0.12 "")"
done
echo "(best of $REPEAT wall seconds; x86_64 guest; '-' = failed or not built)"
