#!/bin/sh
# run-check-large-page.sh: `make check-large-page`.  Runs the guest-memory
# programs (tests/tcg/multiarch/mem-*.c, the -O2 build, -m32 and -m64) on
# real large-page kernels: Debian's ppc64el 64 KiB kernel with a ppc64le
# build of the emulator and the arm64 16 KiB kernel with an aarch64 build,
# both booted by ../shared/vm/large-page-vm, and compares every result with
#   - the native run on this 4 KiB machine (for i386, which this kernel
#     cannot run, the x86_64 build of a word-size neutral program, else
#     Debian's qemu-i386, as check-tcg does), and
#   - this build's emulator under -p 65536 / -p 16384 on this machine.
# A real kernel that answers otherwise than -p is a bug of -p (FAIL); a
# difference from the native run is a FAIL unless tests/tcg/known-failures.txt
# lists it for this build (XFAIL), as in check-tcg.
#
# The emulators for the VMs are cross-built (scripts/cross-build.sh, static)
# with this build's --shdwrt, precise-protection and debug-log options into
# tests/large-page/build-<host>/; the backend is configure's choice for that
# host (the interpreter where there is no JIT).  Each VM boots once and runs
# the whole batch through tests/large-page/runner.c.  The hosts' cross builds
# and VMs run side by side (each mostly keeps one core busy: a VM runs one
# program at a time), the native and -p runs here meanwhile; each host's
# lines are printed after all of them, host by host, then its verdicts.
#
# Environment (make check-large-page sets the first ones):
#   SRC_PATH, BUILD_DIR, TARGETS, TCG_CC, CONFIG_PRECISE_PROT, CONFIG_SHDWRT,
#   CONFIG_SHDWRT_DBGMSG, SUMMARY_FILE   as for check-tcg
#   TESTS                  substrings of test ids (i386/multiarch/mem-prot-O2)
#   LARGE_PAGE_HOSTS       hosts to run (default: ppc64le aarch64)
#   LARGE_PAGE_VM          the VM tool (default: ../shared/vm/large-page-vm
#                          beside the source tree)
#   LARGE_PAGE_TIMEOUT     seconds per program inside a VM (default 240)
#   LARGE_PAGE_VM_TIMEOUT  seconds per VM boot (default 780)
#   LARGE_PAGE_VERBOSE=1   keep every program's stdout in the logs
#   LARGE_PAGE_REJUDGE=1   no cross build and no VM: judge the VM's results
#                          of the last run (tests/large-page/HOST.log) again
#                          against new native and -p runs

: "${SRC_PATH:?}" "${BUILD_DIR:?}"
TARGETS=${TARGETS:-i386 x86_64}
HOSTS=${LARGE_PAGE_HOSTS:-ppc64le aarch64}
VM=${LARGE_PAGE_VM:-$(cd "$SRC_PATH/.." && pwd)/shared/vm/large-page-vm}
PER_TEST=${LARGE_PAGE_TIMEOUT:-240}
VM_TIMEOUT=${LARGE_PAGE_VM_TIMEOUT:-780}
VERBOSE=
[ "${LARGE_PAGE_VERBOSE:-}" = 1 ] && VERBOSE=-v
OUT=$BUILD_DIR/tests/tcg/build
LP=$BUILD_DIR/tests/large-page
KNOWN_FAILURES=$SRC_PATH/tests/tcg/known-failures.txt
PROT_KIND=hostpage
[ "$CONFIG_PRECISE_PROT" = y ] && PROT_KIND=precise
[ "$CONFIG_SHDWRT" = vtlb ] && PROT_KIND=precise
BUILD_KIND="$PROT_KIND ${CONFIG_SHDWRT:-none}"

. "$SRC_PATH/tests/runner-lib.sh"

passed=0 failed=0 skipped=0

# host_info HOST: sets vm_arch, page (its size) and triple (clang's) for a
# host this check knows.
host_info() {
    case "$1" in
    ppc64le) vm_arch=ppc64el-64k page=65536 triple=powerpc64le-linux-gnu ;;
    aarch64) vm_arch=arm64-16k page=16384 triple=aarch64-linux-gnu ;;
    *) return 1 ;;
    esac
}

[ -x "$VM" ] || { echo "check-large-page: $VM not found (set LARGE_PAGE_VM)"; exit 1; }
rm -rf "$LP/stage" "$LP/work"
mkdir -p "$LP/stage" "$LP/work" || exit 1

# ---- the programs: one line "ID BINARY STAGED REFERENCE..." each ---------------
# Only these are built (Makefile.tcg, as check-tcg builds what it selects).
: >"$LP/wanted"
for src in "$SRC_PATH"/tests/tcg/multiarch/mem-*.c; do
    name=$(basename "$src" .c)
    for t in $TARGETS; do
        id=$t/multiarch/$name-O2
        selected "$id" || continue
        bin=$OUT/$t/multiarch/$name-O2
        # The native reference: the program itself, or, for i386 (this
        # kernel runs no 32-bit programs), its x86_64 build when its output
        # does not depend on the word size, else Debian's qemu-i386.
        twin=$bin
        if [ "$t" = i386 ]; then
            if grep -q "check-tcg: word-size neutral" "$src"; then
                twin=$OUT/x86_64/multiarch/$name-O2
            else
                twin="$(command -v "${TCG_ORACLE_i386:-qemu-i386}") $bin"
            fi
        fi
        echo "$id $bin $t-$name $twin" >>"$LP/wanted"
    done
done
mkdir -p "$OUT"
# shellcheck disable=SC2046  # one goal per binary
${MAKE:-make} -k -f "$SRC_PATH/tests/tcg/Makefile.tcg" SRC_PATH="$SRC_PATH" OUT="$OUT" \
    TCG_CC="$TCG_CC" TARGETS="$TARGETS" VARIANTS=O2 \
    $(awk '{ print $2; print $NF }' "$LP/wanted" | grep "^$OUT/" | sort -u) \
    >"$OUT/build-large-page.log" 2>&1 ||
    echo "NOTE: some test programs did not build: see tests/tcg/build/build-large-page.log"
: >"$LP/programs"
while read -r id bin staged twin; do
    if [ ! -x "$bin" ] || [ ! -x "${twin##* }" ]; then
        echo "SKIP $id (not built: see tests/tcg/build/build-large-page.log)"
        skipped=$((skipped + 1))
        continue
    fi
    cp "$bin" "$LP/stage/$staged" || exit 1
    echo "$id $bin $staged $twin" >>"$LP/programs"
done <"$LP/wanted"
[ -s "$LP/programs" ] || { echo "check-large-page: no program selected"; exit 1; }

# result LOG ID: "STATUS BYTES HASH" of ID in a runner's log.
result() {
    awk -v id="$2" '$1 == "RESULT" && $2 == id { print $3, $4, $5; exit }' "$1"
}
seconds() {
    awk '$1 == "RESULT" { s += $6 } END { printf "%.0f", s }' "$1"
}

# vm_batch HOST: cross-builds the emulators for HOST with this build's
# options and runs the batch in its VM (results in $LP/HOST.log); fails if
# the cross build does.  Run in a subshell (it sets the host's variables).
vm_batch() {
    host=$1
    host_info "$host"
    opts=$(cross_build_opts)
    echo "  CROSS   $host ($opts)"
    start=$(date +%s)
    # shellcheck disable=SC2086  # opts is a list of options
    if ! "$SRC_PATH/scripts/cross-build.sh" "$host" "$LP/build-$host" $opts \
            >"$LP/build-$host.log" 2>&1; then
        echo "FAIL $host: the cross build failed: see $LP/build-$host.log"
        return 1
    fi
    echo "  CROSS   $host: $(($(date +%s) - start)) s"
    backend=$(sed -n 's/^TCG_BACKEND=//p' "$LP/build-$host/config-host.mak")
    clang --target="$triple" -fuse-ld=lld -static -O2 -o "$LP/runner-$host" \
        "$SRC_PATH/tests/large-page/runner.c" || return 1

    echo "  VM      $vm_arch: $(wc -l <"$LP/programs") programs, tcg/$backend"
    # One boot runs the batch.  A boot that dies (qemu-system-ppc64 7.2
    # aborts on an assertion of its own when the guest's CMPXCHG16B
    # reaches the host's lqarx/stqcx., docs/devel/large-page.md) loses
    # the program that was running, which is marked; the others go in
    # another boot.
    : >"$LP/$host.log"
    cp "$LP/programs" "$LP/left-$host"
    start=$(date +%s)
    while [ -s "$LP/left-$host" ]; do
        files="-f $LP/runner-$host -f $LP/plan-$host"
        while read -r id bin staged twin; do
            echo "$id /bin/qemu-${id%%/*} /bin/$staged"
            files="$files -f $LP/stage/$staged"
        done <"$LP/left-$host" >"$LP/plan-$host"
        for t in $TARGETS; do
            files="$files -f $LP/build-$host/$t-linux-user/qemu-$t"
        done
        # shellcheck disable=SC2086  # files is a list of -f options
        "$VM" --arch "$vm_arch" -t "$VM_TIMEOUT" $files -- \
            "runner-$host $VERBOSE -t $PER_TEST /bin/plan-$host /tmp/w" >"$LP/$host.boot.log" 2>&1
        vm_status=$?
        cat "$LP/$host.boot.log" >>"$LP/$host.log"
        grep -q '^RUNNER DONE' "$LP/$host.boot.log" && break
        lost=
        while read -r id bin staged twin; do
            if [ -z "$lost" ] && [ -z "$(result "$LP/$host.boot.log" "$id")" ]; then
                lost=$id
                echo "RESULT $id vm-died-$vm_status - - -" >>"$LP/$host.log"
            elif [ -n "$lost" ]; then
                echo "$id $bin $staged $twin"
            fi
        done <"$LP/left-$host" >"$LP/left-$host.new"
        mv "$LP/left-$host.new" "$LP/left-$host"
        echo "  VM      $vm_arch: the VM died (exit $vm_status) during $lost;" \
             "$(wc -l <"$LP/left-$host") programs left for another boot"
    done
    echo "  VM      $vm_arch: $(($(date +%s) - start)) s ($(seconds "$LP/$host.log") s in programs)"
}

# ---- the VMs, side by side, in the background ------------------------------------
for host in $HOSTS; do
    host_info "$host" || { echo "check-large-page: unknown host $host"; exit 1; }
done
for host in $HOSTS; do
    host_info "$host"
    if [ "${LARGE_PAGE_REJUDGE:-}" = 1 ] && [ -s "$LP/$host.log" ]; then
        echo "  VM      $vm_arch: the results of the last run ($LP/$host.log)" >"$LP/$host.out"
    else
        vm_batch "$host" >"$LP/$host.out" 2>&1 &
        eval "pid_$host=$!"
    fi
done

# ---- the native reference and -p, on this machine meanwhile ----------------------
$TCG_CC -O2 -static -o "$LP/runner-host" "$SRC_PATH/tests/large-page/runner.c" || exit 1
while read -r id bin staged twin; do echo "$id $twin"; done <"$LP/programs" >"$LP/plan-native"
"$LP/runner-host" $VERBOSE -t "$PER_TEST" "$LP/plan-native" "$LP/work/native" >"$LP/native.log"
for host in $HOSTS; do
    host_info "$host"
    while read -r id bin staged twin; do
        echo "$id $BUILD_DIR/${id%%/*}-linux-user/qemu-${id%%/*} -p $page $bin"
    done <"$LP/programs" >"$LP/plan-p$page"
    "$LP/runner-host" $VERBOSE -t "$PER_TEST" "$LP/plan-p$page" "$LP/work/p$page" >"$LP/p$page.log"
done

# ---- the verdicts, host by host ---------------------------------------------------
for host in $HOSTS; do
    host_info "$host"
    eval "pid=\${pid_$host:-}"
    batch_status=0
    [ -n "$pid" ] && { wait "$pid" || batch_status=$?; }
    cat "$LP/$host.out"
    echo "  HERE    -p $page: $(seconds "$LP/p$page.log") s in programs; native: $(seconds "$LP/native.log") s"
    if [ "$batch_status" != 0 ]; then
        failed=$((failed + 1))
        continue
    fi

    while read -r id bin staged twin; do
        native=$(result "$LP/native.log" "$id")
        simulated=$(result "$LP/p$page.log" "$id")
        real=$(result "$LP/$host.log" "$id")
        tid=$host/$id
        if [ -z "$real" ]; then
            echo "FAIL $tid (no result from the VM: see $LP/$host.log)"
            failed=$((failed + 1))
        elif [ "$real" != "$simulated" ]; then
            echo "FAIL $tid (-p $page differs from the real $page-byte kernel:" \
                 "real $real, -p $simulated, native $native)"
            failed=$((failed + 1))
        elif [ "$real" != "$native" ]; then
            if reason=$(known_failure "$KNOWN_FAILURES" "$id/p$page" "$BUILD_KIND"); then
                echo "XFAIL $tid (differs from native as under -p; known: $reason)"
                skipped=$((skipped + 1))
            else
                echo "FAIL $tid (differs from native: real $real, native $native)"
                failed=$((failed + 1))
            fi
        else
            echo "PASS $tid"
            passed=$((passed + 1))
        fi
    done <"$LP/programs"
done

echo "check-large-page: $passed passed, $failed failed, $skipped skipped"
[ -n "${SUMMARY_FILE:-}" ] && echo "$passed $failed $skipped" >>"$SUMMARY_FILE"
[ "$failed" = 0 ]
