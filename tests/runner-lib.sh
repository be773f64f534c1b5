# runner-lib.sh: what the test runners share; sourced, not run.

# selected NAME: true when $TESTS is empty or NAME contains one of its words.
selected() {
    [ -z "$TESTS" ] && return 0
    for pat in $TESTS; do
        case "$1" in *"$pat"*) return 0 ;; esac
    done
    return 1
}
