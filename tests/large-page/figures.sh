#!/bin/sh
# figures.sh: issue 10's figures (point 6), reproducible: inside the real
# arm64 16 KiB VM, this configuration's aarch64 emulator against Debian's
# QEMU 7.2 for arm64 (qemu-user-static:arm64's qemu-x86_64-static), the
# same static x86_64 guests alternating in one boot: the compute kernel
# (tests/bench/c-kernel.c) and the guard-page stream
# (tests/bench/mem/guard-stream.c, with and without its guard pages).
# Timed by tests/large-page/runner.c (wall seconds of each run); the
# table gives the best of FIGURES_REPEAT runs (default 2) and the ratio.
# Not a test: run by "make bench-large-page"; docs/devel/large-page.md
# keeps the results.
#
# Environment: SRC_PATH, BUILD_DIR, TCG_CC and the CONFIG_ variables (as
# make sets them), LARGE_PAGE_VM, FIGURES_REPEAT.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
VM=${LARGE_PAGE_VM:-$(cd "$SRC_PATH/.." && pwd)/shared/vm/large-page-vm}
REPEAT=${FIGURES_REPEAT:-2}
OUT=$BUILD_DIR/tests/large-page/figures
TARGETS=x86_64
triple=aarch64-linux-gnu

. "$SRC_PATH/tests/runner-lib.sh"

[ -x "$VM" ] || { echo "figures: $VM not found (set LARGE_PAGE_VM)"; exit 1; }
mkdir -p "$OUT" || exit 1

# The guests.
${TCG_CC:-cc} -O2 -static -o "$OUT/c-kernel" "$SRC_PATH/tests/bench/c-kernel.c" &&
    ${TCG_CC:-cc} -O2 -static -o "$OUT/guard-stream" "$SRC_PATH/tests/bench/mem/guard-stream.c" ||
    exit 1

# Ours, cross-built with this build's options (as check-large-page does).
# shellcheck disable=SC2046  # a list of options
"$SRC_PATH/scripts/cross-build.sh" aarch64 "$OUT/build-aarch64" $(cross_build_opts) \
    >"$OUT/build-aarch64.log" 2>&1 || { echo "figures: the cross build failed: $OUT/build-aarch64.log"; exit 1; }
clang --target="$triple" -fuse-ld=lld -static -O2 -o "$OUT/runner" \
    "$SRC_PATH/tests/large-page/runner.c" || exit 1

# QEMU 7.2's static x86_64 emulator for arm64, from Debian's package.
qemu=$OUT/qemu-arm64/usr/bin/qemu-x86_64-static
if [ ! -x "$qemu" ]; then
    (cd "$OUT" && rm -f qemu-user-static_*_arm64.deb &&
        apt-get download qemu-user-static:arm64 >"$OUT/apt.log" 2>&1 &&
        dpkg -x qemu-user-static_*_arm64.deb qemu-arm64) ||
        { echo "figures: could not fetch qemu-user-static:arm64: $OUT/apt.log"; exit 1; }
fi

# The plan: each run of ours beside the same run under QEMU, REPEAT times.
: >"$OUT/plan"
i=0
while [ $i -lt "$REPEAT" ]; do
    for emu in ours qemu; do
        bin=/bin/qemu-x86_64
        [ $emu = qemu ] && bin=/bin/qemu-x86_64-static
        echo "$emu/c-kernel $bin /bin/c-kernel"
        echo "$emu/guard $bin /bin/guard-stream guard"
        echo "$emu/plain $bin /bin/guard-stream plain"
    done >>"$OUT/plan"
    i=$((i + 1))
done
"$VM" --arch arm64-16k -t 1500 -f "$OUT/runner" -f "$OUT/plan" \
    -f "$OUT/build-aarch64/x86_64-linux-user/qemu-x86_64" -f "$qemu" \
    -f "$OUT/c-kernel" -f "$OUT/guard-stream" -- \
    "runner -t 600 /bin/plan /tmp/w" >"$OUT/vm.log" 2>&1

# best ID: the lowest time of ID's runs that ended with status 0 and the
# same output as every run of that program, or "-".
best() {
    awk -v id="$1" '$1 == "RESULT" && $2 == id && $3 == 0 { if (!b || $6 < b) b = $6 }
        END { print b ? b : "-" }' "$OUT/vm.log"
}
printf '%-28s %8s %8s %10s\n' "x86_64 guest, arm64 16 KiB" ours "QEMU 7.2" ours/QEMU
for prog in c-kernel guard plain; do
    # Both emulators must print the same (the guests print their results).
    outputs=$(awk -v p="$prog" '$1 == "RESULT" && $2 ~ ("/" p "$") { print $4, $5 }' "$OUT/vm.log" |
        sort -u | wc -l)
    o=$(best "ours/$prog") q=$(best "qemu/$prog")
    ratio=$(awk -v o="$o" -v q="$q" 'BEGIN { if (o + 0 > 0 && q + 0 > 0) printf "%.2f", o / q; else print "-" }')
    [ "$outputs" = 1 ] || ratio="$ratio (outputs differ)"
    printf '%-28s %8s %8s %10s\n' "$prog" "$o" "$q" "$ratio"
done
echo "(best of $REPEAT wall seconds in one boot; $(sed -n 's/^kernel: //p' "$OUT/vm.log"))"
