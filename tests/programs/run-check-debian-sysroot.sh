#!/bin/sh
# run-check-debian-sysroot.sh: dynamic i386 Debian programs under -L
# (issue 9, point 4).  scripts/make-sysroot.sh makes an i386 sysroot of
# bash, coreutils, python3 and perl-base from the machine's Debian sources
# (once: it is kept in the build directory), and each program runs from it
# with "qemu-i386 -L ROOT" and no LD_LIBRARY_PATH: the interpreter, the
# libraries (libselinux for ls...), the programs bash runs and python's
# modules all come from the sysroot through the path redirection.  Their
# output does not depend on the word size, so the reference is the same
# command run natively by the host's x86_64 programs of the same Debian
# release.  Skipped with a message when the packages cannot be fetched or a
# native program is missing.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_TIMEOUT,
# TESTS (optional), SUMMARY_FILE (optional); DEBIAN_SYSROOT=DIR uses an
# i386 sysroot made beforehand instead.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
TIMEOUT=${TCG_TIMEOUT:-10}
ROOT=${DEBIAN_SYSROOT:-$BUILD_DIR/tests/sysroot/build/debian-i386}
PACKAGES="bash coreutils python3 perl-base"
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-debian-sysroot.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# The commands: NAME PROGRAM ARGS..., PROGRAM as an absolute path on
# both sides.  The directory tree for ls is made here.
mkdir -p "$tmp/tree/b" "$tmp/tree/a" && echo x >"$tmp/tree/a/one" && : >"$tmp/tree/b/two"
BASH_SCRIPT='x=0; for i in $(seq 1 100); do x=$((x + i)); done; echo "$x";
case abc in a*) echo match ;; esac; printf "%s\n" c a b | sort | tr a-z A-Z;
trap "echo trapped" USR1; kill -USR1 $$; (exit 3); echo "status $?"; [ -s /etc/debian_version ] && echo read'
PYTHON_SCRIPT='import json, hashlib, threading, subprocess
print(json.dumps({"k": [1, 2.5, None], "s": "\u00e9"}, sort_keys=True))
print(hashlib.sha256(b"abc").hexdigest())
out = []
ts = [threading.Thread(target=out.append, args=(i * i,)) for i in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print(sorted(out))
print(subprocess.run(["/bin/echo", "child"], capture_output=True, text=True).stdout, end="")'
PERL_SCRIPT='my %h = (b => 2, a => 1); print join(",", map { "$_=$h{$_}" } sort keys %h), "\n";
printf "%.6f\n", atan2(1, 1) * 4; my $s = "hello world"; $s =~ s/(\w+)/\u$1/g; print "$s\n";'

# case NAME PROGRAM ARGS...
check_case() {
    name=$1
    shift
    id=i386/debian-sysroot/$name
    selected "$id" || return 0
    if [ ! -x "$1" ]; then
        echo "SKIP $id (no native $1 for the reference)"
        skipped=$((skipped + 1)); return 0
    fi
    env -i PATH=/usr/bin:/bin LC_ALL=C timeout -k 2 "$TIMEOUT" "$@" \
        </dev/null >"$tmp/want" 2>&1
    want=$?
    prog=$1
    shift
    env -i PATH=/usr/bin:/bin LC_ALL=C timeout -k 2 "$((TIMEOUT * 3))" \
        "$BUILD_DIR/i386-linux-user/qemu-i386" -L "$ROOT" "$ROOT$prog" "$@" \
        </dev/null >"$tmp/got" 2>&1
    judge_run "$id" "$want" "$?" "$tmp/want" "$tmp/got"
}

case " $TARGETS " in
*" i386 "*) ;;
*) report_counts check-debian-sysroot; exit ;;
esac
any=false
for name in ls bash python3 perl; do
    selected "i386/debian-sysroot/$name" && any=true
done
if ! $any; then
    report_counts check-debian-sysroot; exit
fi
if [ ! -e "$ROOT/.apt/ready" ]; then
    if [ -n "$DEBIAN_SYSROOT" ]; then
        echo "SKIP i386/debian-sysroot/* ($ROOT was not made by scripts/make-sysroot.sh)"
        skipped=$((skipped + 1))
    elif sh "$SRC_PATH/scripts/make-sysroot.sh" -a i386 "$ROOT" $PACKAGES >"$tmp/make.log" 2>&1; then
        : >"$ROOT/.apt/ready"
    else
        echo "SKIP i386/debian-sysroot/* (the packages cannot be fetched: $(tail -1 "$tmp/make.log"))"
        skipped=$((skipped + 1))
    fi
fi
if [ -e "$ROOT/.apt/ready" ]; then
    check_case ls /usr/bin/ls -1R "$tmp/tree"
    check_case bash /usr/bin/bash -c "$BASH_SCRIPT"
    check_case python3 /usr/bin/python3 -c "$PYTHON_SCRIPT"
    check_case perl /usr/bin/perl -e "$PERL_SCRIPT"
fi

report_counts check-debian-sysroot
