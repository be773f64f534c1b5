#!/bin/sh
# make-man.sh EMULATOR TARGET: print a man page (troff) for qemu-TARGET, made
# from EMULATOR's own -h output, so that the page lists exactly the options
# and variables the binary takes.  Used by "make install".

emu=${1:?usage: make-man.sh EMULATOR TARGET}
target=${2:?usage: make-man.sh EMULATOR TARGET}

cat <<END
.TH QEMU-$(echo "$target" | tr 'a-z_' 'A-Z_') 1 "" "qemu-$target" "User Commands"
.SH NAME
qemu-$target \\- run a Linux $target program on this machine
.SH SYNOPSIS
.B qemu-$target
[\\fIoptions\\fR] \\fIprogram\\fR [\\fIarguments\\fR...]
.SH DESCRIPTION
Runs a statically or dynamically linked Linux program built for $target,
translating its code and passing its system calls to the host kernel.
Guest memory is exact at 4 KiB pages also on hosts whose pages are 16 or 64
KiB (see \\fB-p\\fR).  Each option can also be given through its environment
variable; an option on the command line wins.
.SH OPTIONS
END
# The -h table: "-opt arg", the variable, the description, in columns
# that start where the header's words do.
"$emu" -h | awk '
/^Argument/ { env_col = index($0, "Env-variable"); desc_col = index($0, "Description"); table = 1; next }
table && /^-/ {
    opt = substr($0, 1, env_col - 1); sub(/ +$/, "", opt)
    var = substr($0, env_col, desc_col - env_col); sub(/ +$/, "", var)
    desc = substr($0, desc_col)
    n = split(opt, w, " ")
    printf ".TP\n\\fB%s\\fR", w[1]
    for (i = 2; i <= n; i++) printf " \\fI%s\\fR", w[i]
    printf "\n%s", desc
    if (var != "") printf " (environment: \\fB%s\\fR)", var
    printf "\n"
    next
}
table && /^$/ { table = 0 }
'
cat <<END
.SH SEE ALSO
The project's docs/user/options.md (every option in detail, large-page
behaviour), and \\fBqemu-binfmt-conf.sh\\fR(8) to run $target programs
directly.
END
