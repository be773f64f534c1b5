#!/bin/sh
# run-check-perfmap.sh: -perfmap and QEMU_PERFMAP (issue 7, point 5).  A
# static x86_64 program run with the option leaves /tmp/perf-<pid>.map
# (the emulator's pid, kept by exec) whose every line is perf's "START SIZE
# NAME" (hexadecimal start and a non-zero size, a name ending in the guest
# pc), with a block named "main [0x<main's address>]" (nm); the variable
# does the same; without either no map is written.  Environment: SRC_PATH,
# BUILD_DIR, TCG_CC, TESTS, SUMMARY_FILE.

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-perfmap.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
qemu=$BUILD_DIR/x86_64-linux-user/qemu-x86_64
prog=$tmp/sieve

# run_map ENV-ASSIGNMENT OPTION: runs the program under the emulator (the
# variable set when the first word is not empty); prints the map's path.
run_map() {
    sh -c 'echo $$ >"$1"; shift; [ -n "$1" ] && export "$1"; shift; exec "$@"' \
        sh "$tmp/pid" "$1" "$qemu" ${2:+"$2"} "$prog" >/dev/null 2>&1
    echo "/tmp/perf-$(cat "$tmp/pid").map"
}

# check_map ID MAP: judges MAP's lines and its block of main.
check_map() {
    if [ ! -f "$2" ]; then
        echo "FAIL $1 (no $2)"
        failed=$((failed + 1))
        return
    fi
    bad=$(grep -cv '^[0-9a-f]\{1,16\} [0-9a-f]*[1-9a-f][0-9a-f]* .*\[0x[0-9a-f]\{8,16\}\]$' "$2")
    main_line=$(awk -v a="$main_addr" '$3 == "main" && $4 == "[" a "]"' "$2" | head -1)
    if [ "$bad" -ne 0 ] || [ ! -s "$2" ]; then
        echo "FAIL $1 ($bad malformed lines in $2)"
        grep -v '^[0-9a-f]* [0-9a-f]* .*\[0x[0-9a-f]*\]$' "$2" | head -3 | sed 's/^/    /'
        failed=$((failed + 1))
    elif [ -z "$main_line" ]; then
        echo "FAIL $1 (no block named main [$main_addr])"
        failed=$((failed + 1))
    else
        echo "PASS $1"
        passed=$((passed + 1))
    fi
    rm -f "$2"
}

if ! ${TCG_CC:-cc} -O2 -static -o "$prog" "$SRC_PATH/tests/tcg/multiarch/sieve.c" 2>/dev/null; then
    echo "SKIP x86_64/perfmap (no static compiler)"
    skipped=$((skipped + 1))
else
    main_addr=0x$(nm "$prog" | awk '$3 == "main" { print $1 }')
    if selected x86_64/perfmap/option; then
        check_map x86_64/perfmap/option "$(run_map "" -perfmap)"
    fi
    if selected x86_64/perfmap/env; then
        check_map x86_64/perfmap/env "$(run_map QEMU_PERFMAP=1 "")"
    fi
    id=x86_64/perfmap/off
    if selected "$id"; then
        map=$(run_map "" "")
        if [ -e "$map" ]; then
            echo "FAIL $id ($map written without the option)"
            failed=$((failed + 1))
            rm -f "$map"
        else
            echo "PASS $id"
            passed=$((passed + 1))
        fi
    fi
fi
report_counts check-perfmap
