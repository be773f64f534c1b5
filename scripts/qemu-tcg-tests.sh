#!/bin/bash
# qemu-tcg-tests.sh BUILD_DIR [WORK_DIR]: QEMU's own guest tests for x86
# (tests/tcg/i386, x86_64 and multiarch of the QEMU source Debian ships),
# built natively here as static programs and run under this build's
# emulators, compared with the native run (x86_64 programs) or, for i386
# programs (this kernel runs no 32-bit code), with Debian's qemu-i386, a
# second opinion with known errors of its own.  The sources are fetched from the
# Debian archive into WORK_DIR (default /tmp/qemu-tcg-tests) and never
# enter this tree.  On demand only (network, a few minutes); prints a line
# per program and "N passed, N failed".  docs/user/testing.md lists which
# differences are expected and why.
set -u
build=$(cd "${1:?usage: qemu-tcg-tests.sh BUILD_DIR [WORK_DIR]}" && pwd)
work=${2:-/tmp/qemu-tcg-tests}
mirror=${QEMU_TCG_MIRROR:-http://deb.debian.org/debian}
timeout=${QEMU_TCG_TIMEOUT:-120}
mkdir -p "$work" && cd "$work" || exit 2

# --- the sources: the newest QEMU of Debian's testing suite ---
if [ ! -d src ]; then
    curl -sSf "$mirror/dists/testing/main/source/Sources.xz" -o Sources.xz ||
        { echo "qemu-tcg-tests: cannot fetch the Sources index from $mirror"; exit 2; }
    orig=$(xz -dc Sources.xz | awk '/^Package: qemu$/ { p = 1 } p && / qemu_.*orig\.tar\.xz$/ { print $3; exit }')
    [ -n "$orig" ] || { echo "qemu-tcg-tests: no qemu source package in the index"; exit 2; }
    curl -sSf "$mirror/pool/main/q/qemu/$orig" -o qemu.tar.xz ||
        { echo "qemu-tcg-tests: cannot fetch $orig"; exit 2; }
    mkdir -p src && tar -xJf qemu.tar.xz -C src --strip-components=1 \
        --wildcards '*/tests/tcg/i386/*' '*/tests/tcg/x86_64/*' '*/tests/tcg/multiarch/*' ||
        exit 2
    echo "qemu-tcg-tests: $orig"
fi
T=$work/src/tests/tcg

# --- building: name, then sources and flags, per word size ---
build_one() {   # BITS NAME SOURCES/FLAGS...
    local bits=$1 name=$2
    shift 2
    mkdir -p "b$bits"
    gcc -m"$bits" -Wall -O0 -g -fno-strict-aliasing -static -w "$@" \
        -o "b$bits/$name" >>"b$bits/build.log" 2>&1 || rm -f "b$bits/$name"
}
build_all() {   # BITS
    local bits=$1 f n extra
    for f in "$T"/multiarch/*.c "$T"/multiarch/linux/*.c; do
        n=$(basename "$f" .c)
        case $n in
        float_*) build_one "$bits" "$n" "$f" "$T/multiarch/libs/float_helpers.c" -I"$T/multiarch" -lm ;;
        *) build_one "$bits" "$n" "$f" -I"$T/multiarch" -pthread -lrt ;;
        esac
    done
    build_one "$bits" sha512-sse "$T/multiarch/sha512.c" -msse4.1 -O3
    for f in "$T"/i386/test-i386-*.c "$T/i386/test-aes.c"; do
        n=$(basename "$f" .c)
        case $n in
        test-i386-sse-exceptions) extra="-msse4.1 -mfpmath=sse" ;;
        test-i386-pcmpistri) extra=-msse4.2 ;;
        test-i386-bmi2) extra="-O2 -fwrapv" ;;
        test-i386-adcox) extra=-O2 ;;
        test-aes) extra="-O -msse2 -maes -I$T/multiarch" ;;
        *) extra= ;;
        esac
        # shellcheck disable=SC2086  # a list of flags
        build_one "$bits" "$n" "$f" $extra -lm
    done
    if [ "$bits" = 64 ]; then
        for f in "$T"/x86_64/*.c; do
            build_one 64 "$(basename "$f" .c)" "$f" -O2 -pthread -I"$T/multiarch"
        done
        build_one 64 test-x86_64 "$T/i386/test-i386.c" -lm
    else
        build_one 32 test-i386 "$T/i386/test-i386.c" "$T/i386/test-i386-code16.S" \
            "$T/i386/test-i386-vm86.S" -fno-pie -no-pie -lm
    fi
}
[ -d b64 ] || build_all 64
[ -d b32 ] || build_all 32

# --- running ---
passed=0 failed=0
judge() {   # NAME REF_STATUS EMU_STATUS REF_OUT EMU_OUT HOW
    if [ "$2" = "$3" ] && cmp -s "$4" "$5"; then
        echo "SAME $1 ($6)"
        passed=$((passed + 1))
    else
        echo "DIFF $1 ($6: status $2, emulated $3; diff $4 $5)"
        failed=$((failed + 1))
    fi
}
mkdir -p out
for p in b64/*; do
    [ -x "$p" ] || continue
    n=x86_64/$(basename "$p")
    timeout "$timeout" "$p" >"out/${n//\//_}.ref" 2>/dev/null </dev/null; r=$?
    timeout "$timeout" "$build/x86_64-linux-user/qemu-x86_64" "$p" \
        >"out/${n//\//_}.emu" 2>/dev/null </dev/null; e=$?
    judge "$n" $r $e "out/${n//\//_}.ref" "out/${n//\//_}.emu" native
done
for p in b32/*; do
    [ -x "$p" ] || continue
    n=i386/$(basename "$p")
    timeout "$timeout" qemu-i386 "$p" >"out/${n//\//_}.ref" 2>/dev/null </dev/null; r=$?
    timeout "$timeout" "$build/i386-linux-user/qemu-i386" "$p" \
        >"out/${n//\//_}.emu" 2>/dev/null </dev/null; e=$?
    judge "$n" $r $e "out/${n//\//_}.ref" "out/${n//\//_}.emu" "Debian's qemu-i386"
done
echo "$passed passed, $failed failed"
