#!/bin/sh
# qemu-binfmt-conf.sh: make the kernel run i386 / x86_64 Linux programs
# through qemu-i386 / qemu-x86_64 (binfmt_misc), so that ./program works
# directly.  By default registers each target this machine cannot run
# natively (on an x86_64 host: i386 when the kernel lacks 32-bit support;
# never the host's own x86_64).
#
#   qemu-binfmt-conf.sh [--qemu-path DIR] [--targets "i386 x86_64"]
#                       [--persistent] [--credential] [--dry-run]
#                       [--systemd DIR] [--remove]
#
# --qemu-path DIR   where the emulators are (default: the directory of this
#                   script's installation, else /usr/local/bin)
# --targets LIST    register exactly these
# --persistent      'F': the kernel opens the emulator now, so it works in
#                   containers and chroots without it
# --credential      'C': credentials (setuid) from the program, not the
#                   emulator ('O' implied)
# --dry-run         print the registration lines instead of writing them
# --systemd DIR     write DIR/qemu-TARGET.conf for systemd-binfmt instead
# --remove          unregister (echo -1 to each entry)
# Needs root and binfmt_misc mounted (it mounts it when missing).

qemu_path=
targets=
flags=P
dry_run=
systemd_dir=
remove=

while [ $# -gt 0 ]; do
    case $1 in
    --qemu-path) qemu_path=$2; shift ;;
    --targets) targets=$2; shift ;;
    --persistent) flags="${flags}F" ;;
    --credential) flags="${flags}OC" ;;
    --dry-run) dry_run=1 ;;
    --systemd) systemd_dir=$2; shift ;;
    --remove) remove=1 ;;
    -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "qemu-binfmt-conf.sh: unknown option '$1' (--help lists them)" >&2; exit 1 ;;
    esac
    shift
done

if [ -z "$qemu_path" ]; then
    here=$(cd "$(dirname "$0")" && pwd)
    for d in "$here" "$here/../bin" /usr/local/bin /usr/bin; do
        [ -x "$d/qemu-x86_64" ] || [ -x "$d/qemu-i386" ] && { qemu_path=$(cd "$d" && pwd); break; }
    done
    qemu_path=${qemu_path:-/usr/local/bin}
fi

# The first 20 bytes of an ELF executable or shared object of the target
# (ident, e_type, e_machine), and which of their bits must match: any
# OS/ABI byte, ET_EXEC or ET_DYN.
elf_mask='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
magic_i386='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
magic_x86_64='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'

# A 93-byte i386 program that exits 0 (ELF header, one PT_LOAD, then
# mov $1,%eax; xor %ebx,%ebx; int $0x80), to ask the kernel whether it runs
# 32-bit code: its configuration does not tell (ia32_emulation= on the
# command line, hypervisors that refuse it).
tiny_i386='\177ELF\001\001\001\000\000\000\000\000\000\000\000\000\002\000\003\000\001\000\000\000\124\200\004\010\064\000\000\000\000\000\000\000\000\000\000\000\064\000\040\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\000\200\004\010\000\200\004\010\135\000\000\000\135\000\000\000\005\000\000\000\000\020\000\000\270\001\000\000\000\061\333\315\200'

# Whether this machine runs target's programs itself (an i386 entry of
# ours already registered would answer for the kernel: then not).
runs_natively() {
    case "$(uname -m):$1" in
    x86_64:x86_64|i?86:i386) return 0 ;;
    x86_64:i386)
        [ -e /proc/sys/fs/binfmt_misc/qemu-i386 ] && return 1
        probe=$(mktemp "${TMPDIR:-/tmp}/binfmt-probe.XXXXXX") || return 1
        # shellcheck disable=SC2059  # the octal escapes are the point
        printf "$tiny_i386" >"$probe" && chmod +x "$probe" && "$probe" 2>/dev/null
        ran=$?
        rm -f "$probe"
        return $ran ;;
    *) return 1 ;;
    esac
}

if [ -z "$targets" ]; then
    for t in i386 x86_64; do
        runs_natively "$t" || targets="$targets $t"
    done
fi

binfmt=/proc/sys/fs/binfmt_misc
if [ -z "$dry_run" ] && [ -z "$systemd_dir" ] && [ ! -w "$binfmt/register" ]; then
    mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null
    if [ ! -w "$binfmt/register" ]; then
        echo "qemu-binfmt-conf.sh: $binfmt/register is not writable (root? binfmt_misc mounted?)" >&2
        exit 1
    fi
fi

status=0
for t in $targets; do
    case $t in
    i386) magic=$magic_i386 ;;
    x86_64) magic=$magic_x86_64 ;;
    *) echo "qemu-binfmt-conf.sh: unknown target '$t' (i386, x86_64)" >&2; exit 1 ;;
    esac
    line=":qemu-$t:M::$magic:$elf_mask:$qemu_path/qemu-$t:$flags"
    if [ -n "$dry_run" ]; then
        if [ -n "$remove" ]; then echo "-1 > $binfmt/qemu-$t"; else echo "$line"; fi
    elif [ -n "$systemd_dir" ]; then
        mkdir -p "$systemd_dir" && echo "$line" >"$systemd_dir/qemu-$t.conf" || status=1
    elif [ -n "$remove" ]; then
        [ -e "$binfmt/qemu-$t" ] && { echo -1 >"$binfmt/qemu-$t" || status=1; }
    else
        [ -e "$binfmt/qemu-$t" ] && echo -1 >"$binfmt/qemu-$t"
        printf '%s\n' "$line" >"$binfmt/register" || { echo "qemu-binfmt-conf.sh: registering qemu-$t failed" >&2; status=1; }
    fi
done
exit $status
