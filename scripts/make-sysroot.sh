#!/bin/sh
# make-sysroot.sh: makes a sysroot of Debian packages for `-L`, without
# root: apt-get, with its lists, cache and state in DIR/.apt instead of the
# machine's, fetches the packages named and everything they depend on for
# the guest's architecture, and unpacks each into DIR (dpkg-deb's files).  No
# maintainer script runs (no alternatives, no ld.so.cache: the dynamic
# loader finds the libraries in its default directories).  /bin, /sbin and
# /lib are links into /usr, as on an installed system.  Absolute
# symbolic links are made relative, so that they stay inside DIR when the
# host follows them for a guest that opened a redirected path.
#
#   scripts/make-sysroot.sh [-a ARCH] [-s SOURCES] DIR PACKAGE...
#     -a ARCH     Debian architecture: i386 (default) or amd64
#     -s SOURCES  apt sources file (deb822 .sources or one-line .list);
#                 default: the machine's own (/etc/apt/sources.list{,.d})
#   then: qemu-i386 -L DIR DIR/bin/bash -c 'ls /'
#
# Running it again on the same DIR adds packages (and fetches the lists
# again).  Exit status 0 on success; 1 with a message when the packages
# cannot be fetched (no network, unknown package); 2 for bad usage.

arch=i386
sources=
while getopts a:s: opt; do
    case $opt in
    a) arch=$OPTARG ;;
    s) sources=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [ $# -lt 2 ]; then
    echo "usage: $0 [-a i386|amd64] [-s SOURCES] DIR PACKAGE..." >&2
    exit 2
fi
case $arch in
i386|amd64) ;;
*) echo "$0: architecture '$arch': i386 or amd64" >&2; exit 2 ;;
esac
for tool in apt-get apt-cache dpkg-deb; do
    if ! command -v $tool >/dev/null; then
        echo "$0: $tool is missing (a Debian or Ubuntu host is needed)" >&2
        exit 1
    fi
done

root=$1
shift
mkdir -p "$root/.apt/lists/partial" "$root/.apt/archives/partial" "$root/.apt/debs" || exit 1
root=$(cd "$root" && pwd) || exit 1
state=$root/.apt
: >"$state/status"

# apt's configuration: the guest's architecture only, private directories.
# The machine's keyrings and sources stay as they are.
apt_opts="-o APT::Architecture=$arch -o APT::Architectures::=$arch
 -o Dir::State=$state -o Dir::State::Lists=$state/lists
 -o Dir::State::status=$state/status -o Dir::Cache=$state
 -o Dir::Cache::archives=$state/archives -o Debug::NoLocking=1
 -o APT::Get::List-Cleanup=0 -o Acquire::Languages=none"
if [ -n "$sources" ]; then
    case $sources in
    *.sources|*.list) ;;
    *) echo "$0: $sources: a .sources or .list file" >&2; exit 2 ;;
    esac
    rm -rf "$state/sources.d" && mkdir "$state/sources.d" &&
        cp "$sources" "$state/sources.d/" || exit 1
    apt_opts="$apt_opts -o Dir::Etc::SourceList=/dev/null
 -o Dir::Etc::SourceParts=$state/sources.d"
fi

# shellcheck disable=SC2086  # apt_opts is a list of words
apt() { "$@" $apt_opts; }

echo "make-sysroot: package lists for $arch" >&2
if ! apt apt-get -q update >"$state/update.log" 2>&1 ||
   grep -q '^\(W\|E\): Failed to fetch' "$state/update.log"; then
    echo "$0: cannot fetch the package lists (see $state/update.log)" >&2
    exit 1
fi

# The packages and their dependencies (Depends and Pre-Depends), each
# architecture-qualified name once; virtual packages are left to a real
# one that provides them being in the list already.
if ! apt apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
        --no-breaks --no-replaces --no-enhances "$@" >"$state/depends.txt" 2>"$state/depends.err"; then
    echo "$0: cannot resolve $* for $arch:" >&2
    sed 's/^/    /' "$state/depends.err" >&2
    exit 1
fi
grep -v '^[ <]' "$state/depends.txt" | sed 's/:.*//' | sort -u >"$state/packages.txt"
echo "make-sysroot: $(wc -l <"$state/packages.txt") packages" >&2

# shellcheck disable=SC2046  # one word per package
if ! (cd "$state/debs" && apt apt-get -q download $(sed "s/\$/:$arch/" "$state/packages.txt")) \
        >"$state/download.log" 2>&1; then
    echo "$0: cannot download the packages (see $state/download.log)" >&2
    exit 1
fi
# The merged /usr of a Debian 12 system (debootstrap's default): /bin, /sbin
# and /lib are links into /usr, so /usr/bin/ls and /bin/ls are one file.
for dir in bin sbin lib; do
    [ -e "$root/$dir" ] || { mkdir -p "$root/usr/$dir" && ln -s "usr/$dir" "$root/$dir"; } || exit 1
done
for deb in "$state"/debs/*.deb; do
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$root" --keep-directory-symlink ||
        { echo "$0: cannot unpack $deb" >&2; exit 1; }
    rm -f "$deb"
done

# Absolute links become relative to their own directory inside the root.
find "$root" -path "$state" -prune -o -type l -print | while read -r link; do
    target=$(readlink "$link")
    case $target in
    /*) dir=$(dirname "$link")
        rel=$(realpath -m --relative-to="$dir" "$root$target")
        ln -sfn "$rel" "$link" ;;
    esac
done
echo "make-sysroot: $root is ready" >&2
