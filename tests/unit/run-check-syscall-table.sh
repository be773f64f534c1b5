#!/bin/sh
# run-check-syscall-table.sh: the syscall tables against the kernel and the
# docs (issue 9, point 1).  For each guest, "target-syscalls --list" (the
# unit test's dump of the emulator's table) must have every number the host
# kernel's headers define (asm/unistd_32.h for i386, asm/unistd_64.h for
# x86_64), under the same name: a call the kernel gained and the table lacks
# fails here, before any program meets it.  Then docs/user/syscall-table.md
# must be what scripts/syscall-table.sh makes of both lists ("make
# syscall-docs" rewrites it).
#
# Environment (set by make): SRC_PATH, BUILD_DIR, TARGETS, TCG_CC, TESTS
# (optional), SUMMARY_FILE (optional).

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
bindir=$BUILD_DIR/tests/unit/build
passed=0 failed=0 skipped=0

. "$SRC_PATH/tests/runner-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-syscall-table.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
skip() { echo "SKIP $1"; skipped=$((skipped + 1)); }

# kernel_numbers T: "number<TAB>name" for each __NR_ of the host's headers.
kernel_numbers() {
    hdr=asm/unistd_64.h
    [ "$1" = i386 ] && hdr=asm/unistd_32.h
    printf '#include <%s>\n' "$hdr" | ${TCG_CC:-cc} -dM -E - 2>/dev/null |
        sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$/\2\t\1/p' | sort -n
}

for t in $TARGETS; do
    id=$t/syscall-table/kernel-numbers
    selected "$id" || continue
    if ! "$bindir/$t/target-syscalls" --list >"$tmp/$t.list" 2>"$tmp/err"; then
        fail "$id (target-syscalls --list failed: not built?)"
        continue
    fi
    kernel_numbers "$t" >"$tmp/$t.kernel"
    if [ ! -s "$tmp/$t.kernel" ]; then
        skip "$id (no kernel headers: install linux-libc-dev)"
        continue
    fi
    cut -f1,2 "$tmp/$t.list" >"$tmp/$t.ours"
    # Lines of the kernel's list that ours lacks (both sorted by number).
    sort "$tmp/$t.kernel" >"$tmp/k" && sort "$tmp/$t.ours" >"$tmp/o"
    comm -23 "$tmp/k" "$tmp/o" >"$tmp/lacking"
    if [ -s "$tmp/lacking" ]; then
        fail "$id ($(wc -l <"$tmp/lacking") of the kernel's numbers have no entry, or another name)"
        sed 's/^/    /' "$tmp/lacking" | head -20
    else
        pass "$id ($(wc -l <"$tmp/$t.kernel") kernel numbers, highest $(tail -1 "$tmp/$t.kernel" | cut -f1))"
    fi
done

id=syscall-table/docs
if selected "$id"; then
    if [ ! -s "$tmp/i386.list" ] || [ ! -s "$tmp/x86_64.list" ]; then
        skip "$id (needs both guests configured and listed)"
    elif ! sh "$SRC_PATH/scripts/syscall-table.sh" "$tmp/i386.list" "$tmp/x86_64.list" >"$tmp/table.md"; then
        fail "$id (scripts/syscall-table.sh failed)"
    elif ! cmp -s "$tmp/table.md" "$SRC_PATH/docs/user/syscall-table.md"; then
        fail "$id (docs/user/syscall-table.md is out of date: run make syscall-docs)"
        diff -u --label docs/user/syscall-table.md --label generated \
            "$SRC_PATH/docs/user/syscall-table.md" "$tmp/table.md" | head -20 | sed 's/^/    /'
    else
        pass "$id"
    fi
fi

report_counts check-syscall-table
