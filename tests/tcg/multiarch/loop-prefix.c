/*
 * loop-prefix: loopne, loope and loop with F2 and F3 prefixes, the last
 * of several counting.  On this host the prefix replaces the condition of
 * loopne/loope (F2: loop while ZF = 0, F3: while ZF = 1); the random
 * sequence fuzzer found it.  Each case prints whether the branch is taken
 * with ZF clear and with ZF set (the count starts at 2).
 * check-tcg: word-size neutral
 */
#include <stdio.h>

#define LOOP_CASE(name, prefix, insn)                                      \
    static int name(long zf)                                               \
    {                                                                      \
        long count = 2;                                                    \
        int taken;                                                         \
                                                                           \
        __asm__ volatile("cmp $1, %2\n\t" prefix "\n\t" insn " 2f\n\t"     \
                         "mov $0, %0\n\tjmp 1f\n"                          \
                         "2:\tmov $1, %0\n1:"                              \
                         : "=&r"(taken), "+c"(count) : "r"(zf) : "cc");    \
        return taken;                                                      \
    }

LOOP_CASE(plain_ne, "", "loopne")
LOOP_CASE(plain_e, "", "loope")
LOOP_CASE(plain, "", "loop")
LOOP_CASE(f2_ne, ".byte 0xf2", "loopne")
LOOP_CASE(f2_e, ".byte 0xf2", "loope")
LOOP_CASE(f2, ".byte 0xf2", "loop")
LOOP_CASE(f3_ne, ".byte 0xf3", "loopne")
LOOP_CASE(f3_e, ".byte 0xf3", "loope")
LOOP_CASE(f3, ".byte 0xf3", "loop")
LOOP_CASE(f2f3_ne, ".byte 0xf2, 0xf3", "loopne")
LOOP_CASE(f3f2_e, ".byte 0xf3, 0xf2", "loope")

static const struct {
    const char *name;
    int (*run)(long zf);
} cases[] = {
    { "loopne", plain_ne }, { "loope", plain_e }, { "loop", plain },
    { "f2 loopne", f2_ne }, { "f2 loope", f2_e }, { "f2 loop", f2 },
    { "f3 loopne", f3_ne }, { "f3 loope", f3_e }, { "f3 loop", f3 },
    { "f2 f3 loopne", f2f3_ne }, { "f3 f2 loope", f3f2_e },
};

int main(void)
{
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        printf("%-13s taken with zf 0: %d, zf 1: %d\n", cases[i].name,
               cases[i].run(0), cases[i].run(1));
    }
    return 0;
}
