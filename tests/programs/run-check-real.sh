#!/bin/sh
# run-check-real.sh: the host's own x86_64 programs (issue 9 point 9):
# python3 with threads and a subprocess, sqlite3, perl, coreutils, gcc
# compiling and linking (cc1, as and ld all run under the emulator), tar
# with xz, gzip and bzip2 round trips, grep/sed/awk/find, and a 32-thread
# pthread program, each run natively and under the emulator
# (/bin/sh under qemu-x86_64: every program the case execs runs emulated
# too), then again with -p 65536.  stdout and exit status must agree.  A
# case whose program is not installed is skipped with the reason.
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_CC, TESTS
# (optional), SUMMARY_FILE (optional), TCG_TIMEOUT (default 10; the cases
# get six times as long: gcc under the emulator takes seconds).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TIMEOUT=$(( ${TCG_TIMEOUT:-10} * 6 ))
CC=${TCG_CC:-cc}
emu=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

case " ${TARGETS:-x86_64} " in *" x86_64 "*) ;; *) report_counts check-real; exit ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-real.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/work"
cp "$SRC_PATH/tcg/tcg-opc.h" "$SRC_PATH/tcg/README" "$tmp/work/"
printf '#include <stdio.h>\nint main(void) { printf("%%d\\n", 6 * 7); return 3; }\n' \
    >"$tmp/work/answer.c"
if ! $CC -O2 -o "$tmp/work/threads32" "$SRC_PATH/tests/programs/threads32.c" -lpthread \
        >"$tmp/threads32.log" 2>&1; then
    echo "FAIL x86_64/real/threads32 (does not build: $(head -n 1 "$tmp/threads32.log"))"
    failed=$((failed + 1))
fi

# name | program that must exist | command (run by /bin/sh in the work directory)
cases='python3-threads|python3|python3 -c "
import threading, hashlib, queue
q = queue.Queue()
def work(n):
    q.put((n, hashlib.sha256(str(n).encode() * 1000).hexdigest()[:12]))
ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print(sorted(q.get() for _ in ts))"
python3-subprocess|python3|python3 -c "
import subprocess, json
r = subprocess.run([\"sort\", \"-r\"], input=\"b\\na\\nc\\n\", capture_output=True, text=True)
print(json.dumps({\"out\": r.stdout.split(), \"rc\": r.returncode}))"
sqlite3|sqlite3|sqlite3 :memory: "create table t(a integer, b text); with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000) insert into t select i, hex(i * 7919) from n; create index tb on t(b); select count(*), sum(a), min(b), max(b) from t where a % 7 = 3;"
perl|perl|perl -e "my %h; \$h{\$_ % 97} += \$_ for 1 .. 100000; printf qq(%d %s\n), scalar(keys %h), join(q(,), map { \$h{\$_} } 0 .. 4); print join(q( ), sort { \$a <=> \$b } map { length } split /\W+/, q(the quick brown fox jumps)), qq(\n)"
coreutils|sha256sum|sort tcg-opc.h | uniq -c | sort -rn | head -3; sha256sum README tcg-opc.h; tr a-z A-Z < README | wc -c; seq 1 5000 | awk "{ s += \$1 } END { print s }"
gcc|gcc|gcc -O2 -o answer answer.c && ./answer; echo "status $?"
archives|xz|tar cf - README tcg-opc.h | xz -6 -T1 | xz -dc | tar xOf - | md5sum; xz -9e -c README | wc -c; gzip -9 < README | gzip -dc | cmp - README && echo gzip same; bzip2 -c tcg-opc.h | bzip2 -dc | md5sum
text-tools|grep|grep -c DEF tcg-opc.h; grep -oE "[a-z]+_i64" tcg-opc.h | sort | uniq -c | sort -rn | head -3; sed -E "s/^DEF\(([a-z0-9_]+),.*/\1/;t;d" tcg-opc.h | awk "length > 12 { n++ } END { print n }"; find . -maxdepth 1 \( -name "*.h" -o -name README \) -exec wc -l {} + | sort
threads32|./threads32|./threads32'

run() {
    env -i -C "$tmp/work" PATH=/usr/bin:/bin LC_ALL=C HOME="$tmp" timeout -k 2 "$TIMEOUT" \
        "$@" /bin/sh -c "$cmd" </dev/null >"$tmp/out" 2>/dev/null
}

# One file per case (its command), and a list of "name program".
mkdir "$tmp/cases"
printf '%s\n' "$cases" | awk -v dir="$tmp/cases" '
    /^[a-z0-9-]+\|[^|]+\|/ {
        n = index($0, "|"); name = substr($0, 1, n - 1); rest = substr($0, n + 1)
        m = index(rest, "|"); print name, substr(rest, 1, m - 1) > (dir "/list")
        file = dir "/" name; printf "%s\n", substr(rest, m + 1) > file; next
    }
    { print > file }'
: >"$tmp/results"
while read -r name prog; do
    cmd=$(cat "$tmp/cases/$name")
    for opts in "" "-p 65536"; do
        id=x86_64/real/$name${opts:+/p65536}
        selected "$id" || continue
        if ! { [ -x "$tmp/work/$prog" ] || command -v "$prog" >/dev/null 2>&1; }; then
            echo "SKIP $id ($prog is not installed)"
            echo skip >>"$tmp/results"
            continue
        fi
        run
        want=$?
        mv "$tmp/out" "$tmp/want"
        # shellcheck disable=SC2086  # opts is a list of options
        run "$emu" $opts
        got=$?
        out=$(judge_run "$id" "$want" "$got" "$tmp/want" "$tmp/out")
        echo "$out"
        case "$out" in PASS*) echo pass ;; *) echo fail ;; esac >>"$tmp/results"
    done
done <"$tmp/cases/list"
passed=$((passed + $(grep -c '^pass' "$tmp/results" 2>/dev/null || true)))
failed=$((failed + $(grep -c '^fail' "$tmp/results" 2>/dev/null || true)))
skipped=$(grep -c '^skip' "$tmp/results" 2>/dev/null || true)
report_counts check-real
[ "$failed" -eq 0 ]
