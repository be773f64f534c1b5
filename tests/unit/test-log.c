/*
 * test-log: the parsers of -d item lists and -dfilter ranges (util/log.c).
 * qemu_str_to_log_mask() returns the OR of the named CPU_LOG_* / LOG_* bits,
 * or 0 when the list is empty or names any unknown item.  A -dfilter that
 * parses limits qemu_log_in_addr_range() to its inclusive ranges; one that
 * does not is refused and changes nothing.
 * Prints one "PASS name" or "FAIL name" line per case.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"

static int failures;

static void check(const char *items, int expected)
{
    int got = qemu_str_to_log_mask(items);
    if (got == expected) {
        printf("PASS log-mask \"%s\"\n", items);
    } else {
        printf("FAIL log-mask \"%s\": got %#x, expected %#x\n", items, got, expected);
        failures++;
    }
}

/* spec: a -dfilter; then "addr:0|1" checks, in_range says which addresses
   the filter must let through. */
static void check_dfilter(const char *spec, bool parses, const uint64_t *addrs,
                          const bool *in_range, int n)
{
    bool ok = qemu_set_dfilter_ranges(spec) == parses;

    for (int i = 0; ok && i < n; i++) {
        ok = qemu_log_in_addr_range(addrs[i]) == in_range[i];
    }
    printf("%s dfilter \"%s\"\n", ok ? "PASS" : "FAIL", spec);
    failures += !ok;
}

int main(void)
{
    static const uint64_t addrs[] = { 0xfff, 0x1000, 0x10ff, 0x1100, 0x4000, 0x4001 };
    static const bool plus[] = { false, true, true, false, false, false };
    static const bool both[] = { false, true, true, false, true, false };
    static const bool minus[] = { true, true, false, false, false, false };

    check_dfilter("0x1000+0x100", true, addrs, plus, 6);
    check_dfilter("0x1000..0x10ff,0x4000+1", true, addrs, both, 6);
    check_dfilter("0x1000-0x1001", true, addrs, minus, 6);
    /* Refused: the previous filter stays. */
    check_dfilter("0x1000+0", false, addrs, minus, 6);
    check_dfilter("junk", false, addrs, minus, 6);
    check_dfilter("0x2000..0x1000", false, addrs, minus, 6);
    check_dfilter("0x1000+0x100,", true, addrs, plus, 6);

    check("op", CPU_LOG_TB_OP);
    check("op_opt", CPU_LOG_TB_OP_OPT);
    check("in_asm", CPU_LOG_TB_IN_ASM);
    check("op,in_asm", CPU_LOG_TB_OP | CPU_LOG_TB_IN_ASM);
    check("out_asm,exec,cpu", CPU_LOG_TB_OUT_ASM | CPU_LOG_EXEC | CPU_LOG_TB_CPU);
    check("int,unimp,strace,page", CPU_LOG_INT | LOG_UNIMP | LOG_STRACE | CPU_LOG_PAGE);
    check("nonsense", 0);
    check("op,nonsense", 0);
    check("", 0);
    return failures != 0;
}
