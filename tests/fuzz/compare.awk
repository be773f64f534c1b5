# compare.awk: compares fuzz-guest's native output with its output under
# the emulator, line by line by sequence number:
#
#   awk -f compare.awk undefined-flags.txt NATIVE EMULATED
#
# Prints one line per sequence that differs:
#
#   INDEX OP KIND BYTES FIELD=NATIVE/EMULATED...
#
# KIND is the first of these that differs: outcome (signal, timeout or
# death), signal (number or si_code), pc, addr (si_addr), gpr, flags, x87,
# sse, mem; "missing" for a sequence the emulated run did not print.  Flags
# that differ only in bits an instruction of the sequence leaves undefined
# (undefined-flags.txt) do not count.  OP is the instruction the difference
# is laid to: for outcome, signal, pc and addr the one at the earlier of the
# two stopping points inside the sequence, otherwise (and when neither is
# inside) the first.

function fields(line, into,    n, i, parts, kv) {
    delete into
    n = split(line, parts, " ")
    for (i = 2; i <= n; i++) {
        if (split(parts[i], kv, "=") == 2 && kv[1] != "killed" && kv[1] != "exit") {
            into[kv[1]] = kv[2]
        } else {
            into["outcome"] = parts[i]
        }
    }
    if (!("outcome" in into)) {
        into["outcome"] = "signal"
    }
}

function kind_of(name) {
    if (name == "sig" || name == "code") return "signal"
    if (name ~ /^(r[a-z][a-z]|r[0-9]+)$/) return "gpr"
    if (name == "fl") return "flags"
    return name
}

function hex(s,    v, i) {
    v = 0
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
    return v
}

# The offset in the code page where a run stopped, or -1; a trap's pc is
# past the int3.
function stop_offset(f,    off) {
    if (f["pc"] !~ /^\+/) return -1
    off = hex(substr(f["pc"], 2))
    return f["sig"] == 5 ? off - 1 : off
}

# The opcode of insns (fuzz-guest's list) the difference is laid to.
function culprit(insns, kind, a, b,    n, i, list, op, at, stop) {
    n = split(insns, list, ",")
    split(list[1], op, "@")
    if (kind != "outcome" && kind != "signal" && kind != "pc" && kind != "addr") return op[1]
    stop = a < 0 || (b >= 0 && b < a) ? b : a
    for (i = n; i >= 1 && stop >= 0; i--) {
        split(list[i], at, "@")
        if (hex(at[2]) <= stop) return at[1]
    }
    return op[1]
}

# Bitwise or, and the bits of a not in b, on flag values (mawk has no
# bitwise operators).
function bit_or(a, b,    r, bit) {
    for (bit = 1; a > 0 || b > 0; bit *= 2) {
        if (a % 2 || b % 2) r += bit
        a = int(a / 2); b = int(b / 2)
    }
    return r + 0
}

function bit_clear(a, b,    r, bit) {
    for (bit = 1; a > 0; bit *= 2) {
        if (a % 2 && !(b % 2)) r += bit
        a = int(a / 2); b = int(b / 2)
    }
    return r + 0
}

# The flag bits some instruction of insns leaves undefined.
function undefined_flags(insns,    n, i, list, at, mask) {
    n = split(insns, list, ",")
    mask = 0
    for (i = 1; i <= n; i++) {
        split(list[i], at, "@")
        mask = bit_or(mask, undefined[at[1]] + 0)
        sub(/\/.*/, "", at[1])
        mask = bit_or(mask, undefined[at[1]] + 0)
    }
    return mask
}

BEGIN {
    # Kinds from the most to the least telling.
    split("outcome signal pc addr gpr flags x87 sse mem", order, " ")
    for (i = 1; i in order; i++) rank[order[i]] = i
}

FNR == 1 { file++ }

file == 1 { if ($0 !~ /^#/ && NF == 2) undefined[$1] = hex($2); next }

file == 2 { native[$1] = $0; next }

{
    emulated[$1] = 1
    if (!($1 in native)) next
    fields(native[$1], want)
    fields($0, got)
    kind = ""
    details = ""
    for (name in want) {
        if (name == "insns" || name == "bytes" || got[name] == want[name]) continue
        if (name == "fl" && bit_clear(bit_or(bit_clear(hex(want[name]), hex(got[name])), bit_clear(hex(got[name]), hex(want[name]))), undefined_flags(want["insns"])) == 0) continue
        k = kind_of(name)
        if (kind == "" || rank[k] < rank[kind]) kind = k
        details = details " " name "=" want[name] "/" got[name]
    }
    for (name in got) {
        if (!(name in want)) details = details " " name "=-/" got[name]
    }
    if (kind != "") print $1, culprit(want["insns"], kind, stop_offset(want), stop_offset(got)), kind, want["bytes"] details
}

END {
    for (i in native) {
        if (!(i in emulated)) {
            fields(native[i], want)
            print i, culprit(want["insns"], "gpr"), "missing", want["bytes"]
        }
    }
}
