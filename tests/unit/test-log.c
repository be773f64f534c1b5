/*
 * test-log: the parser of -d item lists (util/log.c).
 * qemu_str_to_log_mask() returns the OR of the named CPU_LOG_* / LOG_* bits,
 * or 0 when the list is empty or names any unknown item.
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

int main(void)
{
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
