#!/bin/sh
# bench/workloads.sh: issue 7's speed table.  Real workloads run natively,
# under the system's qemu-<T> (Debian's QEMU 7.2) and under this build's
# emulator, interleaved (one run of each in turn, REPEAT rounds) so that a
# load change on a shared machine hits all three alike; the best wall time
# of each is kept.  Prints one row per workload with the ratios, then the
# geometric means: ours/native over the x86_64 rows (this kernel cannot run
# i386 code natively: i386 rows compare with QEMU only) and ours/QEMU over
# all rows.  Not a test: it always succeeds.
#
# Environment: SRC_PATH, BUILD_DIR (set by "make bench"); REPEAT (default
# 3); BENCH_ONLY (substrings of workload names to run); BENCH_EMULATOR_x86_64
# / BENCH_EMULATOR_i386 (another emulator binary in place of this build's);
# TCG_CC.  The i386 busybox rows need busybox-static:i386, fetched with
# `apt-get download` when the i386 architecture is known to apt
# (`dpkg --add-architecture i386 && apt-get update`); otherwise they are
# listed as not run.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
. "$SRC_PATH/tests/bench/bench-lib.sh"
REPEAT=${REPEAT:-3}
OUT=$BUILD_DIR/tests/bench/workloads
CC=${TCG_CC:-cc}
# The distribution's interpreters: the first python3 in PATH may be a shell
# script (a pyenv shim), which an emulator cannot run.
PYTHON=/usr/bin/python3
mkdir -p "$OUT"

# --- inputs --------------------------------------------------------------

# Text that compresses like real data (words, numbers, some repetition).
make_corpus() {
    [ -s "$OUT/corpus-3m" ] && return
    awk 'BEGIN {
        split("the of and to in is was for on that with as by at from this be or an are which", w, " ");
        srand(7);
        for (i = 0; i < 400000; i++) {
            line = "";
            for (j = 0; j < 8; j++) line = line w[int(rand() * 20) + 1] " ";
            print line int(rand() * 100000);
        }
    }' >"$OUT/corpus"
    head -c 3000000 "$OUT/corpus" >"$OUT/corpus-3m"
}

# A 2,000-line C file with loops, switches, structs and calls: cc1's work.
make_c_source() {
    [ -s "$OUT/big.c" ] && return
    awk 'BEGIN {
        print "#include <string.h>";
        print "struct s { int a, b; double c; char name[16]; };";
        for (f = 0; f < 100; f++) {
            printf "int f%d(struct s *p, int n)\n{\n    int acc = %d;\n", f, f;
            print "    for (int i = 0; i < n; i++) {";
            print "        switch ((i + acc) & 7) {";
            for (c = 0; c < 6; c++)
                printf "        case %d: acc += p[i].a * %d - p[i].b; break;\n", c, c + f;
            print "        default: acc ^= (int)(p[i].c * 3.5) + (int)strlen(p[i].name);";
            print "        }";
            printf "        if (acc > %d) acc -= f%d(p, i / 2);\n", 1000 + f, (f + 99) % 100;
            print "    }";
            print "    return acc;";
            print "}";
        }
    }' | { printf '%s\n' "struct s; " ; awk 'BEGIN { for (f = 0; f < 100; f++) printf "int f%d(struct s *p, int n);\n", f }'; cat; } >"$OUT/big.c"
}

make_sql() {
    [ -s "$OUT/insert.sql" ] && return
    awk 'BEGIN {
        print "PRAGMA journal_mode=WAL;";
        print "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, v REAL);";
        print "BEGIN;";
        for (i = 0; i < 300000; i++) printf "INSERT INTO t (name, v) VALUES (%cn%d%c, %d.5);\n", 39, i % 977, 39, i;
        print "COMMIT;";
        printf "SELECT count(*), sum(v) FROM t WHERE name LIKE %cn1%%%c;\n", 39, 39;
    }' >"$OUT/insert.sql"
}

fetch_i386_busybox() {
    [ -x "$OUT/busybox-i386" ] && return 0
    (cd "$OUT" && rm -f busybox-static_*_i386.deb \
        && apt-get download busybox-static:i386 >/dev/null 2>&1 \
        && dpkg-deb -x busybox-static_*_i386.deb i386-root \
        && cp i386-root/bin/busybox busybox-i386) 2>/dev/null
}

make_corpus
make_c_source
make_sql
$CC -O2 -static -o "$OUT/c-kernel-64" "$SRC_PATH/tests/bench/c-kernel.c" 2>/dev/null
$CC -O2 -static -m32 -o "$OUT/c-kernel-32" "$SRC_PATH/tests/bench/c-kernel.c" 2>/dev/null
fetch_i386_busybox

PY_LOOP=$(py_loop 1500000)
PERL_LOOP='my %h; my $s = 0; for my $i (0 .. 1500000) { $h{$i % 1000} = $i; $s += ($h{$i % 777} // 0) + length("$i"); } print "$s\n";'

# gcc -O2's compiler proper: the driver would exec it, which QEMU without
# binfmt_misc runs natively.
CC1=$(/usr/bin/gcc -print-prog-name=cc1)

# The workloads: NAME GUEST COMMAND (run by sh -c with $RUN in front of each
# guest program; $RUN is empty natively).
WORKLOADS="
python3|x86_64|\$RUN $PYTHON -c \"\$PY_LOOP\"
perl|x86_64|\$RUN /usr/bin/perl -e \"\$PERL_LOOP\"
sqlite3-wal|x86_64|rm -f \$OUT/t.db*; \$RUN /usr/bin/sqlite3 \$OUT/t.db <\$OUT/insert.sql
xz-6|x86_64|\$RUN /usr/bin/xz -6 -T1 -c \$OUT/corpus-3m
gzip-9|x86_64|\$RUN /usr/bin/gzip -9 -c \$OUT/corpus
bzip2|x86_64|\$RUN /usr/bin/bzip2 -9 -c \$OUT/corpus
c-kernel-64|x86_64|\$RUN \$OUT/c-kernel-64
gcc-O2|x86_64|\$RUN \$CC1 -quiet -O2 -o \$OUT/big.s \$OUT/big.c
openssl-rsa2048|x86_64|\$RUN /usr/bin/openssl speed -mr -seconds 1 rsa2048
c-kernel-32|i386|\$RUN \$OUT/c-kernel-32
busybox-gzip|i386|\$RUN \$OUT/busybox-i386 gzip -9 -c \$OUT/corpus
busybox-sha256sum|i386|\$RUN \$OUT/busybox-i386 sha256sum \$OUT/corpus
"

selected() {
    [ -z "$BENCH_ONLY" ] && return 0
    for s in $BENCH_ONLY; do
        case "$1" in *"$s"*) return 0 ;; esac
    done
    return 1
}

# measure NAME RUNNER COMMAND: one run; appends "NAME RUNNER seconds" to
# $OUT/times ("-" when it failed).  openssl speed runs for a fixed time:
# its figure is the CPU seconds per 1000 signatures it reports.
measure() {
    name=$1 runner=$2 cmd=$3
    RUN=$4
    export RUN PY_LOOP PERL_LOOP OUT CC1
    start=$(date +%s.%N)
    if sh -c "$cmd" >"$OUT/out.$runner" 2>"$OUT/err.$runner" </dev/null; then
        end=$(date +%s.%N)
        case $name in
        openssl-*)
            t=$(awk -F: '/^\+F2:/ { if ($4 > 0) printf "%.4f", 1000 / $4 }' "$OUT/out.$runner") ;;
        *)
            t=$(echo "$start $end" | awk '{ printf "%.3f", $2 - $1 }') ;;
        esac
        echo "$name $runner ${t:--}" >>"$OUT/times"
    else
        echo "$name $runner -" >>"$OUT/times"
    fi
}

: >"$OUT/times"
echo "$WORKLOADS" | while IFS='|' read -r name guest cmd; do
    [ -n "$name" ] && selected "$name" || continue
    case $guest in
    x86_64) ours=${BENCH_EMULATOR_x86_64:-$BUILD_DIR/x86_64-linux-user/qemu-x86_64} ;;
    i386) ours=${BENCH_EMULATOR_i386:-$BUILD_DIR/i386-linux-user/qemu-i386} ;;
    esac
    sysqemu=$(command -v "qemu-$guest" 2>/dev/null)
    case $name in
    busybox-*) [ -x "$OUT/busybox-i386" ] || { echo "$name skip -" >>"$OUT/times"; continue; } ;;
    esac
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        [ "$guest" = x86_64 ] && measure "$name" native "$cmd" ""
        [ -n "$sysqemu" ] && measure "$name" qemu "$cmd" "$sysqemu"
        [ -x "$ours" ] && measure "$name" ours "$cmd" "$ours"
        i=$((i + 1))
    done
    # The three must agree (openssl's figures differ by nature).
    case $name in
    openssl-*) ;;
    *)
        for r in qemu ours; do
            if [ -s "$OUT/out.$r" ] && [ "$guest" = x86_64 ] && ! cmp -s "$OUT/out.native" "$OUT/out.$r"; then
                echo "$name $r-output-differs -" >>"$OUT/times"
            fi
        done ;;
    esac
done

awk -v repeat="$REPEAT" '
function best(n, r) { return (n SUBSEP r) in t ? t[n, r] : "-" }
function ratio(a, b) { return (a == "-" || b == "-" || b <= 0) ? "-" : sprintf("%.2fx", a / b) }
$3 != "-" && ($2 == "native" || $2 == "qemu" || $2 == "ours") {
    if (!(($1, $2) in t) || $3 < t[$1, $2]) t[$1, $2] = $3
}
!($1 in seen) { seen[$1] = 1; order[++n] = $1 }
$2 == "skip" { skipped[$1] = 1 }
$2 ~ /output-differs/ { differs[$1] = differs[$1] " " $2 }
END {
    printf "%-18s %9s %9s %9s %12s %12s %12s\n", "workload", "native", "qemu-7.2", "ours", "ours/native", "qemu/native", "ours/qemu"
    for (i = 1; i <= n; i++) {
        w = order[i]
        if (w in skipped) { printf "%-18s (not run: busybox-static:i386 not available)\n", w; continue }
        nat = best(w, "native"); q = best(w, "qemu"); o = best(w, "ours")
        on = ratio(o, nat); qn = ratio(q, nat); oq = ratio(o, q)
        printf "%-18s %9s %9s %9s %12s %12s %12s%s\n", w, nat, q, o, on, qn, oq, (w in differs) ? "  (" differs[w] " )" : ""
        if (on != "-") { lon += log(o / nat); non++ }
        if (qn != "-") { lqn += log(q / nat); nqn++ }
        if (oq != "-") { loq += log(o / q); noq++ }
    }
    printf "geomean: ours/native %s over %d x86_64 rows (qemu/native %s); ours/qemu %s over %d rows\n",
        non ? sprintf("%.2fx", exp(lon / non)) : "-", non,
        nqn ? sprintf("%.2fx", exp(lqn / nqn)) : "-",
        noq ? sprintf("%.2fx", exp(loq / noq)) : "-", noq
    printf "(best of %d wall seconds; openssl: CPU seconds per 1000 RSA-2048 signatures)\n", repeat
}' "$OUT/times"
