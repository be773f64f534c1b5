#!/bin/sh
# run-check-options.sh: options of issue 9, point 7.  -cpu MODEL: a model's CPUID
# is that CPU's, as Debian's QEMU 7.2 reports it under the same -cpu,
# limited to what the emulator implements (its -cpu max): vendor, leaves,
# family/model/stepping and brand equal QEMU's, each feature word is QEMU's
# AND ours under max, and an instruction the model does not advertise
# raises SIGILL (tests/programs/cpuid-dump.c probes three); skipped
# without qemu-x86_64 / qemu-i386.  Options refused (a model without 64-bit
# mode for qemu-x86_64, no such model, -trace, -plugin, a bad -dfilter):
# exit 1 with a one-line message, the program not run.  -d in_asm heads the
# block at main's address (nm) with "IN: main", and -dfilter around main
# logs that block and no other.  -strace names constants as QEMU 7.2 does
# (tests/programs/strace-names.c; pids and addresses left out; QEMU 7.2
# prints AT_FDCWD as -100, strace(1) and QEMU 4.1 by name).  -D NAME with
# "%d": each process logs into its own file, the forked child's named by
# its pid (tests/programs/fork-wait.c); the -D log and the -perfmap file
# leave the guest's first descriptor numbers free (first-fds.c).  -seed N
# (QEMU_RAND_SEED): AT_RANDOM's and getrandom's bytes repeat from run to
# run, another seed gives others, and getrandom returns what it returns
# natively (tests/programs/random-bytes.c).
# Environment: SRC_PATH, BUILD_DIR,
# TARGETS, TCG_CC, CONFIG_TCG_M32, TCG_TIMEOUT, TESTS, SUMMARY_FILE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
TIMEOUT=${TCG_TIMEOUT:-10}
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-cpu.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# expected QEMU_LINE MAX_LINE: QEMU's line with each feature word ANDed
# with ours under max, and the probes as those words allow them (tzcnt and
# lzcnt, the F3-prefixed bsf and bsr, scan where BMI1 / ABM are absent).  An AMD
# part repeats leaf 1's edx bits 0-9, 12-17, 23-24 in leaf 0x80000001 edx:
# ours may show those of them that max has in leaf 1.
expected() {
    old_ifs=$IFS
    IFS='|'
    # shellcheck disable=SC2086  # split on |
    set -- $1 $2
    IFS=$old_ifs
    f1c=$(($5 & ${17})) f1d=$(($6 & ${18})) f7b=$(($7 & ${19}))
    e1c=$(($8 & ${20})) e1d=$(($9 & (${21} | (${18} & 0x0183f3ff))))
    pick() { [ $(($1 & $2)) -ne 0 ] && echo "$3" || echo "$4"; }
    printf '%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|popcnt %s aesenc %s pdep %s|tzcnt %s lzcnt %s\n' \
        "$1" "$2" "$3" "$4" "$(hex $f1c)" "$(hex $f1d)" "$(hex $f7b)" "$(hex $e1c)" "$(hex $e1d)" \
        "${10}" "$(pick $f1c 0x800000 y I)" "$(pick $f1c 0x2000000 y I)" "$(pick $f7b 0x100 y I)" \
        "$(pick $f7b 0x8 32 77)" "$(pick $e1c 0x20 27 4)"
}

# hex N: as the C library's %#x prints it.
hex() {
    if [ "$1" -eq 0 ]; then echo 0; else printf '%#x' "$1"; fi
}

for t in $TARGETS; do
    case $t in
    x86_64) models="qemu64 kvm64 core2duo Conroe Penryn Nehalem Westmere SandyBridge Haswell Skylake-Client EPYC Opteron_G5 Dhyana"
            cflags= ;;
    i386) models="qemu32 pentium2 pentium3 coreduo n270 athlon Nehalem Haswell"
          cflags=-m32 ;;
    esac
    qemu=$(command -v "qemu-$t")
    if [ -z "$qemu" ] || { [ "$t" = i386 ] && [ "$CONFIG_TCG_M32" = n ]; } \
       || ! ${TCG_CC:-cc} $cflags -O2 -static -o "$tmp/dump-$t" "$SRC_PATH/tests/programs/cpuid-dump.c" 2>/dev/null; then
        echo "SKIP $t/cpu-models (no qemu-$t or no compiler for it)"
        skipped=$((skipped + 1))
        continue
    fi
    ours=$BUILD_DIR/$t-linux-user/qemu-$t
    max=$(timeout "$TIMEOUT" "$ours" -cpu max "$tmp/dump-$t")
    for m in $models; do
        id=$t/cpu-models/$m
        selected "$id" || continue
        ref=$(timeout "$TIMEOUT" "$qemu" -cpu "$m" "$tmp/dump-$t" 2>/dev/null)
        expected "$ref" "$max" >"$tmp/want"
        timeout "$TIMEOUT" "$ours" -cpu "$m" "$tmp/dump-$t" >"$tmp/got" 2>&1
        judge_run "$id" 0 $? "$tmp/want" "$tmp/got"
    done
done

for refused in "-cpu pentium3" "-cpu no-such-cpu" "-trace events=x" "-plugin x.so" "-dfilter 0x10..0x1" "-D /tmp/log%s"; do
    id=x86_64/options/refused$(echo "$refused" | tr ' ' '_')
    selected "$id" || continue
    # shellcheck disable=SC2086  # option and argument
    "$BUILD_DIR/x86_64-linux-user/qemu-x86_64" $refused /bin/echo ran >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 1 ] || [ -s "$tmp/out" ]; then
        echo "FAIL $id (exit $rc, program output: $(cat "$tmp/out"))"
        failed=$((failed + 1))
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
        echo "FAIL $id (not a one-line message)"
        failed=$((failed + 1))
    else
        echo "PASS $id"
        passed=$((passed + 1))
    fi
done
# in_asm ID OPTIONS...: the "IN:" lines and the address after each, of the
# x86_64 dump program's log under OPTIONS, into $tmp/in_asm.
in_asm() {
    "$BUILD_DIR/x86_64-linux-user/qemu-x86_64" -d in_asm -D "$tmp/log" "$@" "$tmp/dump-x86_64" \
        >/dev/null 2>&1
    awk '/^IN:/ { name = $2; getline; sub(/:$/, "", $1); sub(/^0x0*/, "0x", $1); print $1, name }' "$tmp/log" >"$tmp/in_asm"
}

main_addr=$(nm "$tmp/dump-x86_64" 2>/dev/null | awk '$3 == "main" { print "0x" $1 }' | sed 's/0x0*/0x/')
if [ -x "$tmp/dump-x86_64" ] && [ -n "$main_addr" ]; then
    for id in x86_64/options/in_asm-symbol x86_64/options/dfilter; do
        selected "$id" || continue
        if [ "$id" = x86_64/options/in_asm-symbol ]; then
            in_asm
            echo "$main_addr main" >"$tmp/want"
            grep " main$" "$tmp/in_asm" | head -1 >"$tmp/got"
        else
            in_asm -dfilter "$main_addr+1"
            echo "$main_addr main" >"$tmp/want"
            cp "$tmp/in_asm" "$tmp/got"
        fi
        judge_run "$id" 0 0 "$tmp/want" "$tmp/got"
    done
fi
# strace_lines EMULATOR: the -strace lines of strace-names' own calls.
strace_lines() {
    "$1" -strace "$tmp/strace-names" 2>&1 >/dev/null \
        | sed -n 's/^[0-9]* //; /^\(access\|lseek\|fcntl\|ioctl\|mmap\|newfstatat\|openat\|rt_sig[a-z]*\|clock_get[a-z]*\|futex\|unlinkat\|dup3\)(/p' \
        | grep -v '^openat(AT_FDCWD,"/etc' | sed 's/0x[0-9a-f]*/ADDR/g; s/ = 0 ({.*})$/ = 0/'
}

id=x86_64/options/strace-names
if selected "$id"; then
    if [ -z "$(command -v qemu-x86_64)" ] \
       || ! ${TCG_CC:-cc} -O2 -static -o "$tmp/strace-names" "$SRC_PATH/tests/programs/strace-names.c"; then
        echo "SKIP $id (no qemu-x86_64 or no compiler)"
        skipped=$((skipped + 1))
    else
        strace_lines qemu-x86_64 | sed 's/^\([a-z]*at\)(-100,/\1(AT_FDCWD,/' >"$tmp/want"
        strace_lines "$BUILD_DIR/x86_64-linux-user/qemu-x86_64" >"$tmp/got"
        judge_run "$id" 0 0 "$tmp/want" "$tmp/got"
    fi
fi
id=x86_64/options/log-per-process
if selected "$id"; then
    if ! ${TCG_CC:-cc} -O2 -static -o "$tmp/fork-wait" "$SRC_PATH/tests/programs/fork-wait.c"; then
        echo "SKIP $id (no compiler)"
        skipped=$((skipped + 1))
    else
        mkdir "$tmp/logs"
        out=$("$BUILD_DIR/x86_64-linux-user/qemu-x86_64" -d strace -D "$tmp/logs/log.%d" "$tmp/fork-wait")
        child=${out% *}
        printf '2 logs\nchild %s: exit_group(3)\nparent: wait4\n' "$child" >"$tmp/want"
        {
            echo "$(ls "$tmp/logs" | wc -l) logs"
            grep -q 'exit_group(3)' "$tmp/logs/log.$child" && echo "child $child: exit_group(3)"
            grep -l 'wait4' "$tmp/logs"/* | grep -qv "log.$child\$" && echo "parent: wait4"
        } >"$tmp/got" 2>&1
        judge_run "$id" 0 0 "$tmp/want" "$tmp/got"
    fi
fi
id=x86_64/options/seed
if selected "$id"; then
    if ! ${TCG_CC:-cc} -O2 -static -o "$tmp/random-bytes" "$SRC_PATH/tests/programs/random-bytes.c"; then
        echo "SKIP $id (no compiler)"
        skipped=$((skipped + 1))
    else
        emu=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
        {
            "$tmp/random-bytes" | head -n 1
            echo "the same seed repeats: yes"
            echo "QEMU_RAND_SEED is -seed: yes"
            echo "another seed differs: yes"
            echo "unseeded runs differ: yes"
        } >"$tmp/want"
        seeded=$("$emu" -seed 7 "$tmp/random-bytes")
        same() { [ "$1" = "$2" ] && echo yes || echo no; }
        differ() { [ "$1" != "$2" ] && echo yes || echo no; }
        {
            echo "$seeded" | head -n 1
            echo "the same seed repeats: $(same "$seeded" "$("$emu" -seed 7 "$tmp/random-bytes")")"
            echo "QEMU_RAND_SEED is -seed: $(same "$seeded" "$(QEMU_RAND_SEED=7 "$emu" "$tmp/random-bytes")")"
            echo "another seed differs: $(differ "$seeded" "$("$emu" -seed 8 "$tmp/random-bytes")")"
            echo "unseeded runs differ: $(differ "$("$emu" "$tmp/random-bytes")" "$("$emu" "$tmp/random-bytes")")"
        } >"$tmp/got" 2>&1
        judge_run "$id" 0 0 "$tmp/want" "$tmp/got"
    fi
fi
if ${TCG_CC:-cc} -O2 -static -o "$tmp/first-fds" "$SRC_PATH/tests/programs/first-fds.c"; then
    "$tmp/first-fds" >"$tmp/want"
    for opts in "-d strace -D $tmp/fds.log" "-perfmap"; do
        id=x86_64/options/first-fds$(echo " $opts" | sed 's/ -D .*//; s/ /_/g')
        selected "$id" || continue
        # shellcheck disable=SC2086  # options and their arguments
        "$BUILD_DIR/x86_64-linux-user/qemu-x86_64" $opts "$tmp/first-fds" >"$tmp/got" 2>/dev/null
        judge_run "$id" 0 $? "$tmp/want" "$tmp/got"
    done
    # the -perfmap run's /tmp/perf-PID.map
    find /tmp -maxdepth 1 -name 'perf-*.map' -newer "$tmp/want" -delete 2>/dev/null
else
    echo "SKIP x86_64/options/first-fds (no compiler)"
    skipped=$((skipped + 1))
fi
report_counts check-options
