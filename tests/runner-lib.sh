# runner-lib.sh: what the test runners share; sourced, not run.

# selected NAME: true when $TESTS is empty or NAME contains one of its words.
selected() {
    [ -z "$TESTS" ] && return 0
    for pat in $TESTS; do
        case "$1" in *"$pat"*) return 0 ;; esac
    done
    return 1
}

# known_failure FILE ID BUILD: when a line of FILE ("[KIND:]PATTERN ISSUE
# REASON...", PATTERN a shell pattern over test ids) matches ID in this
# BUILD (the words that describe it: "default" or "precise", and the
# --shdwrt strategy "none", "break", "interp" or "vtlb"), prints "issue N:
# REASON" and succeeds.  The first matching line counts; blank lines and #
# lines are comments.
known_failure() {
    [ -f "$1" ] || return 1
    while read -r pattern issue reason; do
        case "$pattern" in
        ''|'#'*) continue ;;
        *:*)
            case " $3 " in *" ${pattern%%:*} "*) ;; *) continue ;; esac
            pattern=${pattern#*:} ;;
        esac
        # shellcheck disable=SC2254  # the pattern is meant to match
        case "$2" in $pattern) echo "issue $issue: $reason"; return 0 ;; esac
    done <"$1"
    return 1
}

# report_counts NAME: prints "N passed, N failed[, N skipped]" from
# $passed, $failed and $skipped (prefixed "NAME: " and appended to
# $SUMMARY_FILE under make check); fails if anything failed.
report_counts() {
    line="$passed passed, $failed failed"
    [ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
    if [ -n "$SUMMARY_FILE" ]; then
        echo "$passed $failed $skipped" >>"$SUMMARY_FILE"
        line="$1: $line"
    fi
    echo "$line"
    [ "$failed" -eq 0 ]
}

# judge_run ID WANT GOT EXPECTED OUTPUT: a run that exited GOT and printed
# file OUTPUT, against a reference that exited WANT and printed EXPECTED;
# prints PASS or FAIL (with the first lines of the difference) and counts it
# in $passed or $failed.  A reference that could not be started (126, 127)
# is a FAIL: both sides failing the same way would otherwise pass (the
# busybox runner once passed every case so, its env command misordered).
judge_run() {
    if [ "$2" -eq 126 ] || [ "$2" -eq 127 ]; then
        echo "FAIL $1 (the reference run did not start: exit $2)"
    elif [ "$3" -ne "$2" ]; then
        echo "FAIL $1 (exit $3, expected $2)"
    elif ! cmp -s "$4" "$5"; then
        echo "FAIL $1 (stdout differs)"
        diff -u --label expected --label emulated "$4" "$5" | head -10 | sed 's/^/    /'
    else
        echo "PASS $1"
        passed=$((passed + 1))
        return
    fi
    failed=$((failed + 1))
}

# cross_build_opts: the configure options that give a cross build
# (scripts/cross-build.sh) this build's targets, --shdwrt strategy,
# precise protection and debug log, from $TARGETS and the CONFIG_ variables.
cross_build_opts() {
    opts="--target-list=$(echo "$TARGETS" | sed 's/[^ ]*/&-linux-user/g' | tr ' ' ',')"
    opts="$opts --shdwrt=${CONFIG_SHDWRT:-break}"
    if [ "$CONFIG_PRECISE_PROT" = y ]; then
        opts="$opts --enable-precise-prot"
    else
        opts="$opts --disable-precise-prot"
    fi
    [ "$CONFIG_SHDWRT_DBGMSG" = y ] && opts="$opts --enable-shdwrt-dbgmsg"
    echo "$opts"
}
