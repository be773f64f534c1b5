#!/bin/sh
# run-check-shared.sh: shared file mappings used by whole programs, under
# every host page size (issue 6, point 7), in whatever --shdwrt build this is:
# - shared-writer.c writes a file through a mapping the host cannot place;
#   a native sha256sum of it must equal that of the file written natively;
# - sqlite3 (the host's, when installed) in WAL mode: a writer and a reader
#   process under the emulator at once; the final table must be the one a
#   native run makes, and the reader must never fail.
# - the shared-writer under -d shdwrt: the event counts, and with
#   --enable-shdwrt-dbgmsg the log line of each event.
# Run by "make check-mem" and "make check".  Environment: SRC_PATH,
# BUILD_DIR, TCG_CC, TCG_PAGE_SIZES, TCG_TIMEOUT, CONFIG_SHDWRT,
# CONFIG_SHDWRT_DBGMSG, TESTS, SUMMARY_FILE (optional).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
PAGE_SIZES=${TCG_PAGE_SIZES:-4096 16384 65536}
TIMEOUT=${TCG_TIMEOUT:-10}
emu=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"
BUILD_KIND="${CONFIG_SHDWRT:-none}"
KNOWN_FAILURES=$SRC_PATH/tests/tcg/known-failures.txt

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-shared.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

outcome() {  # outcome ID OK [DETAIL]
    if [ "$2" = 1 ]; then
        echo "PASS $1"
        passed=$((passed + 1))
    elif reason=$(known_failure "$KNOWN_FAILURES" "$1" "$BUILD_KIND"); then
        echo "XFAIL $1 ($3; known: $reason)"
        skipped=$((skipped + 1))
    else
        echo "FAIL $1 ($3)"
        failed=$((failed + 1))
    fi
}

${TCG_CC:-cc} -O2 -static -o "$tmp/shared-writer" "$SRC_PATH/tests/programs/shared-writer.c" || exit 1
"$tmp/shared-writer" "$tmp/native.out"
want=$(sha256sum <"$tmp/native.out")
for p in $PAGE_SIZES; do
    id=x86_64/programs/shared-writer/p$p
    selected "$id" || continue
    rm -f "$tmp/emu.out"
    timeout -k 2 "$TIMEOUT" "$emu" -p "$p" "$tmp/shared-writer" "$tmp/emu.out" 2>"$tmp/err"
    st=$?
    got=$(sha256sum <"$tmp/emu.out" 2>/dev/null)
    [ $st -eq 0 ] && [ "$got" = "$want" ] && ok=1 || ok=0
    outcome "$id" $ok "exit $st, sha256 ${got%% *}"
done

# -d shdwrt's end-of-run counts (every build) and, built with
# --enable-shdwrt-dbgmsg, one -D log line per event with address and thread.
id=x86_64/programs/shdwrt-events/p65536
if selected "$id"; then
    rm -f "$tmp/emu.out" "$tmp/log"
    timeout -k 2 "$TIMEOUT" "$emu" -p 65536 -d shdwrt -D "$tmp/log" "$tmp/shared-writer" \
        "$tmp/emu.out" 2>/dev/null
    ok=0
    if grep -Eq '^  redirect set up +[1-9]' "$tmp/log" \
       && grep -Eq '^  redirect torn down +[1-9]' "$tmp/log"; then
        ok=1
        if [ "$CONFIG_SHDWRT_DBGMSG" = y ] \
           && ! grep -Eq '^shdwrt: tid [0-9]+: redirect set up at 0x[0-9a-f]+$' "$tmp/log"; then
            ok=0
        fi
    fi
    outcome "$id" $ok "$(grep -c . "$tmp/log" 2>/dev/null) log lines"
fi

SQLITE=$(command -v sqlite3)
sqlite_case() {  # sqlite_case DIR PREFIX...: writer and reader at once
    dir=$1
    shift
    rm -f "$dir/db" "$dir/db-wal" "$dir/db-shm" "$dir/writer.err" "$dir/reader.err"
    "$@" "$SQLITE" -cmd ".timeout 10000" "$dir/db" "PRAGMA journal_mode=WAL; CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT);" >/dev/null
    i=0
    while [ $i -lt 300 ]; do echo "INSERT INTO t(v) VALUES('row $i');"; i=$((i + 1)); done >"$dir/inserts.sql"
    "$@" "$SQLITE" -cmd ".timeout 10000" -bail "$dir/db" <"$dir/inserts.sql" >/dev/null 2>"$dir/writer.err" &
    writer=$!
    reads=0 bad=0
    while kill -0 $writer 2>/dev/null && [ $reads -lt 50 ]; do
        "$@" "$SQLITE" -cmd ".timeout 10000" "$dir/db" "SELECT count(*) >= 0 FROM t;" >"$dir/read" 2>>"$dir/reader.err" || bad=1
        [ "$(cat "$dir/read")" = 1 ] || bad=1
        reads=$((reads + 1))
    done
    wait $writer || bad=1
    "$@" "$SQLITE" -cmd ".timeout 10000" "$dir/db" "PRAGMA integrity_check; SELECT count(*), sum(k), max(v) FROM t;"
    echo "reader ok: $((1 - bad))"
    cat "$dir/writer.err" "$dir/reader.err" 2>/dev/null
}
if [ -z "$SQLITE" ]; then
    echo "SKIP programs/sqlite-wal (sqlite3 not installed)"
    skipped=$((skipped + 1))
else
    mkdir -p "$tmp/native" "$tmp/emu"
    sqlite_case "$tmp/native" >"$tmp/sqlite.want" 2>&1
    for p in $PAGE_SIZES; do
        id=x86_64/programs/sqlite-wal/p$p
        selected "$id" || continue
        sqlite_case "$tmp/emu" timeout -k 2 60 "$emu" -p "$p" >"$tmp/sqlite.got" 2>&1
        cmp -s "$tmp/sqlite.want" "$tmp/sqlite.got" && ok=1 || ok=0
        outcome "$id" $ok "$(tr '\n' ' ' <"$tmp/sqlite.got" | cut -c1-120)"
    done
fi
report_counts check-shared
