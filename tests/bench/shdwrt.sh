#!/bin/sh
# bench/shdwrt.sh: what each shared-writable strategy costs (issue 6, point
# 8), all under -p 65536 and side by side in one run.  BENCH_SHDWRT_BUILDS
# lists the builds as NAME=DIR words (default: this build, as "this"):
#   (a) ordinary programs (check-tcg's sieve and hash, and the memory
#       stream of tests/bench/mem/guard-stream.c): time against the first
#       build listed;
#   (b) a hot loop over a redirected page: ns per access against the same
#       loop over a private page;
#   (c) mapping and unmapping a redirected range: us per mmap/munmap call;
#   (d) sqlite3 inserts in WAL mode (when sqlite3 is installed).
# Best of BENCH_REPEAT (default 3) wall times.  Not a test: it always
# succeeds.
#
# Environment: SRC_PATH, BUILD_DIR (set by "make bench"), BENCH_SHDWRT_BUILDS,
# BENCH_REPEAT, TCG_CC.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
REPEAT=${BENCH_REPEAT:-3}
BUILDS=${BENCH_SHDWRT_BUILDS:-this=$BUILD_DIR}
OUT=$BUILD_DIR/tests/bench/shdwrt
SRC=$SRC_PATH/tests/bench/shdwrt
TCG_OUT=$BUILD_DIR/tests/tcg/build/x86_64/multiarch
HOT_N=20000000
INTERP_HOT_N=20000
CHURN_N=2000
mkdir -p "$OUT"

. "$SRC_PATH/tests/bench/bench-lib.sh"

# per SECONDS COUNT SCALE: SECONDS / COUNT * SCALE, or "-".
per() {
    case "$1" in -) echo -; return ;; esac
    echo "$1 $2 $3" | awk '{ printf "%.1f", $1 / $2 * $3 }'
}

# sqlite_script: 2000 inserts, one transaction each, in WAL mode.
sqlite_script() {
    echo "PRAGMA journal_mode=WAL;"
    echo "CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT);"
    i=0
    while [ "$i" -lt 2000 ]; do
        echo "INSERT INTO t(v) VALUES('row $i');"
        i=$((i + 1))
    done
}

for p in hot-loop map-churn-shared; do
    ${TCG_CC:-cc} -O2 -static -o "$OUT/$p" "$SRC/$p.c" || exit 0
done
${TCG_CC:-cc} -O2 -static -o "$OUT/guard-stream" "$SRC_PATH/tests/bench/mem/guard-stream.c" || exit 0
${MAKE:-make} -s -f "$SRC_PATH/tests/tcg/Makefile.tcg" SRC_PATH="$SRC_PATH" \
    OUT="$BUILD_DIR/tests/tcg/build" TCG_CC="${TCG_CC:-cc}" TARGETS=x86_64 \
    "$TCG_OUT/sieve-O2" "$TCG_OUT/hash-O2" >/dev/null 2>&1
sqlite_script >"$OUT/inserts.sql"
SQLITE=$(command -v sqlite3)

printf '%-8s %9s %9s %10s %10s %9s %10s %10s\n' build ordinary vs-first \
    private-ns redirect-ns ratio us/call sqlite-s
first=
for b in $BUILDS; do
    name=${b%%=*} dir=${b#*=}
    emu="$dir/x86_64-linux-user/qemu-x86_64 -p 65536"
    [ -x "$dir/x86_64-linux-user/qemu-x86_64" ] || { echo "$name: no emulator in $dir"; continue; }
    # shellcheck disable=SC2086  # emu is a command with options
    sieve=$(best $emu "$TCG_OUT/sieve-O2")
    # shellcheck disable=SC2086
    hash=$(best $emu "$TCG_OUT/hash-O2")
    # shellcheck disable=SC2086
    stream=$(best $emu "$OUT/guard-stream" plain)
    ordinary=$(echo "$sieve $hash $stream" |
               awk '{ if ($1 == "-" || $2 == "-" || $3 == "-") print "-"; else printf "%.3f", $1 + $2 + $3 }')
    [ -n "$first" ] || first=$ordinary
    n=$HOT_N
    # shellcheck disable=SC2086
    private=$(best $emu "$OUT/hot-loop" private $n)
    [ "$name" = interp ] && n=$INTERP_HOT_N
    # shellcheck disable=SC2086
    redirected=$(best $emu "$OUT/hot-loop" redirected $n)
    private_ns=$(per "$private" "$HOT_N" 1e9)
    redirect_ns=$(per "$redirected" "$n" 1e9)
    # shellcheck disable=SC2086
    churn=$(best $emu "$OUT/map-churn-shared" $CHURN_N)
    sqlite=-
    if [ -n "$SQLITE" ]; then
        # shellcheck disable=SC2086
        sqlite=$(best sh -c "rm -f '$OUT/db' '$OUT/db-wal' '$OUT/db-shm';
                 $emu $SQLITE '$OUT/db' <'$OUT/inserts.sql'")
    fi
    printf '%-8s %9s %9s %10s %10s %9s %10s %10s\n' "$name" "$ordinary" \
        "$(div "$ordinary" "$first" x)" "$private_ns" "$redirect_ns" \
        "$(div "$redirect_ns" "$private_ns" x)" "$(per "$churn" $((CHURN_N * 2)) 1e6)" "$sqlite"
done
echo "(ordinary: sieve + hash + memory stream seconds; ns per access of a hot loop over a private and"
echo " a redirected page; us per mmap/munmap call that sets a redirect up or tears it down)"
