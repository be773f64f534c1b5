#!/bin/sh
#
# cross-build.sh: builds the emulators for another host architecture on a
# Debian 12 machine, from install to `make`:
#
#   scripts/cross-build.sh HOST BUILD_DIR [configure options]
#
# HOST is aarch64 or ppc64le.  The emulators are linked statically unless
# a configure option says --static is not wanted (--no-static, which is
# this script's and not passed on): a static emulator runs in the
# large-page VMs (../shared/vm/large-page-vm), which have no libraries.
#
# The compiler is clang --target=<triple> with lld, over Debian's -cross
# libc and libgcc packages, and the libraries (glib, capstone) come from
# Debian multiarch (dpkg --add-architecture).  Not Debian's
# gcc-<arch>-linux-gnu: on Debian 12 it conflicts with gcc-multilib, and
# installing it would silently take `gcc -m32` (check-tcg's i386 guests)
# away.  What is missing is installed (as root, or through sudo); when
# nothing is, nothing is said.  CROSS_BUILD_INSTALL=no installs nothing:
# then the script says what is missing and exits with status 3.

set -e

usage() {
    echo "usage: $0 aarch64|ppc64le BUILD_DIR [--no-static] [configure options]" >&2
    exit 2
}

[ $# -ge 2 ] || usage
host=$1
build_dir=$2
shift 2

# HOST: Debian's architecture name, the target triple.
case "$host" in
aarch64) deb_arch=arm64; triple=aarch64-linux-gnu ;;
ppc64le) deb_arch=ppc64el; triple=powerpc64le-linux-gnu ;;
*) echo "$0: unknown host '$host' (aarch64 or ppc64le)" >&2; usage ;;
esac

static=--static
for opt do
    [ "$opt" = --no-static ] && static=
done

src=$(cd "$(dirname "$0")/.." && pwd)

# ---- what the build needs ----------------------------------------------------
native_pkgs="clang lld pkg-config make libc6-dev-$deb_arch-cross libgcc-12-dev-$deb_arch-cross"
foreign_pkgs="libglib2.0-dev:$deb_arch libcapstone-dev:$deb_arch"

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "$0: need root (or sudo) to run: $*" >&2
        exit 1
    fi
}

# (a package installed for several architectures answers once for each)
installed() {
    dpkg-query -W -f '${Status}\n' "$1" 2>/dev/null | grep -qx 'install ok installed'
}

# One of these scripts at a time checks and installs: make check-large-page
# cross-builds for its two hosts side by side, and dpkg and apt take no
# second caller (apt also waits for one that is not ours).
lock=${TMPDIR:-/tmp}/cross-build.lock
touch "$lock" 2>/dev/null || true
exec 8<"$lock"
flock 8

missing=
for p in $native_pkgs $foreign_pkgs; do
    installed "$p" || missing="$missing $p"
done
if [ -n "$missing" ] && [ "${CROSS_BUILD_INSTALL:-yes}" = no ]; then
    echo "cross-build: not installed:$missing"
    exit 3
fi
if ! dpkg --print-foreign-architectures | grep -qx "$deb_arch"; then
    echo "cross-build: dpkg --add-architecture $deb_arch"
    as_root dpkg --add-architecture "$deb_arch"
    as_root apt-get -o DPkg::Lock::Timeout=600 update -q
fi
if [ -n "$missing" ]; then
    echo "cross-build: installing$missing"
    # Never gcc-$triple: it would remove gcc-multilib (see above).
    as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing
fi
flock -u 8

# ---- configure and build -------------------------------------------------------
mkdir -p "$build_dir"
cd "$build_dir"

# pkg-config reads only the target's multiarch .pc files (the headers in
# /usr/include are shared between architectures).
PKG_CONFIG_LIBDIR=/usr/lib/$triple/pkgconfig:/usr/share/pkgconfig
export PKG_CONFIG_LIBDIR
unset PKG_CONFIG_PATH

configure_opts=
for opt do
    [ "$opt" = --no-static ] || configure_opts="$configure_opts '$(printf '%s' "$opt" | sed "s/'/'\\\\''/g")'"
done
eval "set -- $configure_opts"

"$src/configure" --cc="clang --target=$triple" --extra-ldflags=-fuse-ld=lld $static "$@"
make -j"${CROSS_BUILD_JOBS:-2}"
