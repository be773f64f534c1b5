#!/bin/sh
# run-hostpage-probe.sh: records what real large-page kernels answer to
# tests/vm/hostpage-probe.c, as tests/vm/hostpage-probe-16384.txt (Debian's
# arm64 16 KiB kernel) and hostpage-probe-65536.txt (ppc64el, 64 KiB), which
# the unit test test-hostpage-vm compares the -p simulation with.  Needs
# ../shared/vm/large-page-vm (or LARGE_PAGE_VM=path) and, on its first run
# per architecture, root and network (it installs clang, lld, qemu-system
# and the cross C libraries).  Run it again when the probe changes.
set -e
here=$(cd "$(dirname "$0")" && pwd)
vm=${LARGE_PAGE_VM:-$here/../../../shared/vm/large-page-vm}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# record ARCH CLANG-TARGET PAGE-SIZE
record() {
    clang --target="$2" -fuse-ld=lld -static -O2 -o "$tmp/probe-$1" "$here/hostpage-probe.c"
    "$vm" --arch "$1" -f "$tmp/probe-$1" -- "probe-$1" >"$tmp/out-$1"
    sed -n '/^H = /,/^=== EXIT/p' "$tmp/out-$1" | grep -v '^===' >"$here/hostpage-probe-$3.txt"
    echo "hostpage-probe-$3.txt: from $(grep '^kernel:' "$tmp/out-$1" || echo "$1")"
}

record arm64-16k aarch64-linux-gnu 16384
record ppc64el-64k powerpc64le-linux-gnu 65536
