# bench-lib.sh: what the benchmark scripts share; sourced, not run.

# best CMD...: the smallest wall time of $REPEAT runs in seconds, "-" if a
# run failed.
best() {
    b=
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1 </dev/null || { echo -; return; }
        e=$(date +%s.%N)
        b=$(echo "$s $e ${b:-1e9}" | awk '{ d = $2 - $1; print (d < $3) ? d : $3 }')
        i=$((i + 1))
    done
    printf '%.3f' "$b"
}

# div A B [SUFFIX]: A / B with two decimals and SUFFIX, "-" if either is.
div() {
    case "$1$2" in *-*) echo -; return ;; esac
    echo "$1 $2 $3" | awk '{ if ($2 > 0) printf "%.2f%s", $1 / $2, $3; else print "-" }'
}

# py_loop N: the python3 loop of issue 7's profile (dict stores, get, str:
# the interpreter's indirect jumps), N iterations, as a -c program.
py_loop() {
    printf '%s\n' '
def work(n):
    d, s = {}, 0
    for i in range(n):
        d[i % 1000] = i
        s += d.get(i % 777, 0) + len(str(i))
    return s' "print(work($1))"
}
