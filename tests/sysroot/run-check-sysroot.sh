#!/bin/sh
# run-check-sysroot.sh: -L (QEMU_LD_PREFIX) against the host.  For each
# target a tiny sysroot is built here: a text file and a relative symbolic
# link to it in etc/, a library in usr/lib/sysroot-test/, a program in bin/,
# and a text file standing as dev/zero.  sysroot-paths (sysroot-paths.c)
# is run natively with the sysroot's directory as the prefix of its paths,
# and under the emulator with "-L sysroot" and an empty prefix: the two
# must print the same and exit the same.  The program's output does not
# depend on the word size, so the i386 run is judged by the x86_64 native
# run (this host may not run i386 programs).
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_CC,
# CONFIG_TCG_M32, TESTS (optional), SUMMARY_FILE (optional), TCG_TIMEOUT.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
TIMEOUT=${TCG_TIMEOUT:-10}
CC=${TCG_CC:-cc}
OUT=$BUILD_DIR/tests/sysroot/build
SRC=$SRC_PATH/tests/sysroot
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-sysroot.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# build T FLAG: the program and its sysroot under $OUT/T; false on failure.
build() {
    root=$OUT/$1/root
    rm -rf "$OUT/$1" && mkdir -p "$root/etc" "$root/bin" "$root/dev" "$root/usr/lib/sysroot-test" &&
    echo "from the sysroot" >"$root/etc/sysroot-marker" &&
    ln -s sysroot-marker "$root/etc/sysroot-link" &&
    echo "not the host's /dev/zero" >"$root/dev/zero" &&
    $CC "$2" -O2 -fPIC -shared -o "$root/usr/lib/sysroot-test/libsysroot.so" "$SRC/libsysroot.c" &&
    $CC "$2" -O2 -o "$OUT/$1/sysroot-paths" "$SRC/sysroot-paths.c" -ldl &&
    cp "$OUT/$1/sysroot-paths" "$root/bin/sysroot-child"
} >"$tmp/build.log" 2>&1

# run PREFIX...: run the command in $tmp, output in $tmp/out; its status.
run() {
    env -i -C "$tmp" PATH=/usr/bin:/bin LC_ALL=C timeout -k 2 "$TIMEOUT" "$@" \
        </dev/null >"$tmp/out" 2>"$tmp/err"
}

# The reference: the x86_64 build, natively, with its sysroot as prefix.
want=
if build x86_64 -m64; then
    run "$OUT/x86_64/sysroot-paths" "$OUT/x86_64/root"
    want=$?
    mv "$tmp/out" "$tmp/want"
fi

for t in $TARGETS; do
    id=$t/sysroot/sysroot-paths
    selected "$id" || continue
    if [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ]; then
        echo "SKIP $id (no -m32 toolchain; install gcc-multilib)"
        skipped=$((skipped + 1)); continue
    fi
    flag=-m64
    [ "$t" = i386 ] && flag=-m32
    if [ -z "$want" ] || ! build "$t" "$flag"; then
        echo "FAIL $id (build failed)"; sed 's/^/    /' "$tmp/build.log" | tail -5
        failed=$((failed + 1)); continue
    fi
    run "$BUILD_DIR/$t-linux-user/qemu-$t" -L "$OUT/$t/root" "$OUT/$t/sysroot-paths" ""
    got=$?
    mv "$tmp/out" "$tmp/got"
    if [ "$got" -eq "$want" ] && cmp -s "$tmp/want" "$tmp/got"; then
        echo "PASS $id"
        passed=$((passed + 1))
    else
        echo "FAIL $id (exit $got, expected $want)"
        diff -u --label expected --label emulated "$tmp/want" "$tmp/got" | head -20 | sed 's/^/    /'
        tail -3 "$tmp/err" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done

report_counts check-sysroot
