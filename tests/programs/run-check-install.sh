#!/bin/sh
# run-check-install.sh: "make install" and scripts/qemu-binfmt-conf.sh
# (issue 9, point 8).  Installs into a scratch DESTDIR and checks that the
# emulators run from there, that each man page names every option its
# binary's -h lists, and that the binfmt_misc lines the script writes
# (--dry-run) match real ELF programs of their target and not of the other
# (magic and mask applied to the first 20 bytes, as the kernel does).  The
# kernel's own registration is not tried: on this x86_64 host it would
# change how every process on the machine runs i386 programs.
# Environment: SRC_PATH, BUILD_DIR, TARGETS, TCG_CC, CONFIG_TCG_M32, TESTS,
# SUMMARY_FILE, MAKE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# verdict ID CONDITION-TEXT: PASS when the last command succeeded.
verdict() {
    if [ "$1" -eq 0 ]; then
        echo "PASS $2"
        passed=$((passed + 1))
    else
        echo "FAIL $2${3:+ ($3)}"
        failed=$((failed + 1))
    fi
}

${MAKE:-make} -s -C "$BUILD_DIR" install DESTDIR="$tmp/root" prefix=/usr/local >"$tmp/log" 2>&1
verdict $? install/make-install "$(tail -1 "$tmp/log")"
bin=$tmp/root/usr/local/bin
man=$tmp/root/usr/local/share/man/man1

for t in $TARGETS; do
    id=$t/install/runs
    selected "$id" && { "$bin/qemu-$t" -version | grep -q "qemu-$t version"; verdict $? "$id"; }
    id=$t/install/man-page
    if selected "$id"; then
        missing=
        for opt in $("$bin/qemu-$t" -h | awk '/^Argument/ { t = 1; next } t && /^-/ { print $1 } t && /^$/ { t = 0 }'); do
            grep -qF "\\fB$opt\\fR" "$man/qemu-$t.1" 2>/dev/null || missing="$missing $opt"
        done
        [ -z "$missing" ] && grep -q "^\.TH QEMU-" "$man/qemu-$t.1"
        verdict $? "$id" "not in the man page:$missing"
    fi
done

# elf_matches LINE FILE: whether FILE's first 20 bytes, masked, equal the
# magic of binfmt LINE (":name:M::magic:mask:interpreter:flags").
elf_matches() {
    # The line goes through the environment: awk -v would turn its \x
    # escapes into bytes.
    od -An -tu1 -N20 -v "$2" | tr -s ' \n' '  ' | BINFMT_LINE=$1 awk '
    function bytes(s, out,   n, i) {
        n = 0
        while (length(s)) {
            if (substr(s, 1, 2) == "\\x") { out[++n] = hex(substr(s, 3, 2)); s = substr(s, 5) }
            else { out[++n] = ord[substr(s, 1, 1)]; s = substr(s, 2) }
        }
        return n
    }
    function hex(h,   v, i) {
        v = 0
        for (i = 1; i <= 2; i++) v = v * 16 + index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
        return v
    }
    function and(a, b,   r, bit) {
        r = 0
        for (bit = 128; bit >= 1; bit /= 2) {
            if (a >= bit && b >= bit) r += bit
            if (a >= bit) a -= bit
            if (b >= bit) b -= bit
        }
        return r
    }
    BEGIN { for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i }
    {
        split(ENVIRON["BINFMT_LINE"], f, ":"); split("", magic); split("", mask)
        n = bytes(f[5], magic); bytes(f[6], mask)
        for (i = 1; i <= n; i++) if (and($i, mask[i]) != and(magic[i], mask[i])) exit 1
    }'
}

cat >"$tmp/hello.c" <<'END'
int main(void) { return 0; }
END
for t in i386 x86_64; do
    cflags=
    [ "$t" = i386 ] && cflags=-m32
    [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ] && continue
    ${TCG_CC:-cc} $cflags -O2 -static -o "$tmp/static-$t" "$tmp/hello.c" 2>/dev/null
    ${TCG_CC:-cc} $cflags -O2 -fPIE -pie -o "$tmp/pie-$t" "$tmp/hello.c" 2>/dev/null
done
for t in i386 x86_64; do
    id=$t/install/binfmt-line
    selected "$id" || continue
    line=$(sh "$bin/qemu-binfmt-conf.sh" --dry-run --targets "$t")
    case $line in
    ":qemu-$t:M::"*":$bin/qemu-$t:P") ;;
    *) verdict 1 "$id" "line: $line"; continue ;;
    esac
    other=x86_64
    [ "$t" = x86_64 ] && other=i386
    result=0 why=
    for kind in static pie; do
        if [ -f "$tmp/$kind-$t" ] && ! elf_matches "$line" "$tmp/$kind-$t"; then
            result=1 why="$why misses its $kind program"
        fi
        if [ -f "$tmp/$kind-$other" ] && elf_matches "$line" "$tmp/$kind-$other"; then
            result=1 why="$why matches the $other $kind program"
        fi
    done
    verdict $result "$id" "$why"
done
report_counts check-install
