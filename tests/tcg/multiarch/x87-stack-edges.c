/*
 * x87-stack-edges: what the x87 does at the edges the random-sequence
 * fuzzer found (docs/devel/fuzzing.md): FCHS/FABS on an empty ST0, the
 * undocumented FSTP aliases (D9 D8+i stores without a stack check on this
 * host, DF D0+i / DF D8+i are FSTP) with the invalid exception masked and
 * unmasked, FCMOVcc with an empty register whether or not it moves, and
 * the control and status words as FLDCW, FLDENV and FXRSTOR load them
 * (reserved control bits, ES and B recomputed).  Each case prints the
 * status word, the abridged tag word and the eight registers.
 * check-tcg: word-size neutral
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint8_t fx[512] __attribute__((aligned(16)));
static const uint16_t cw_unmask_ie = 0x37e;

static void dump(const char *name)
{
    printf("%-18s fsw %04x ftw %02x", name, *(uint16_t *)(fx + 2), fx[4]);
    for (int i = 0; i < 8; i++) {
        const uint8_t *r = fx + 32 + 16 * i;
        uint64_t sig;

        memcpy(&sig, r, 8);
        printf(" %04x:%016llx", *(const uint16_t *)(r + 8), (unsigned long long)sig);
    }
    printf("\n");
}

/* The registers start as 1.0 (left by the previous case's fld1s), so
   that an "empty" register's raw contents are the same in both runs. */
#define CASE(name, setup, insn) do {                                          \
    __asm__ volatile("fninit; fld1; fld1; fld1; fld1; fld1; fld1; fld1; fld1;" \
                     "fninit; " setup "; " insn "; fxsave %0; fninit"          \
                     : "=m"(fx) : "m"(cw_unmask_ie) : "eax", "cc");            \
    dump(name);                                                                \
} while (0)

#define EQ "xor %%eax, %%eax"           /* ZF set: fcmove moves */
#define NE "xor %%eax, %%eax; inc %%eax"
#define UNMASK "fldcw %1"

static void stack_cases(void)
{
    CASE("fchs-empty", "", "fchs");
    CASE("fabs-empty", "", "fabs");
    CASE("fchs-unmasked", UNMASK, "fchs");
    CASE("d9de-empty", "", ".byte 0xd9, 0xde");
    CASE("d9de-one", "fldpi", ".byte 0xd9, 0xde");
    CASE("d9d9-two", "fldpi; fldz", ".byte 0xd9, 0xd9");
    CASE("d9de-unmasked", UNMASK, ".byte 0xd9, 0xde");
    CASE("dfd6-empty", "", ".byte 0xdf, 0xd6");
    CASE("dfde-one", "fldpi", ".byte 0xdf, 0xde");
    CASE("dfde-unmasked", UNMASK, ".byte 0xdf, 0xde");
    CASE("fstp-unmasked", UNMASK, "fstp %%st(3)");
    CASE("fst-unmasked", UNMASK, "fst %%st(3)");
    CASE("fcmove-both-empty", EQ, "fcmove %%st(3), %%st");
    CASE("fcmovne-both-empty", EQ, "fcmovne %%st(3), %%st");
    CASE("fcmove-sti-empty", "fldpi; " EQ, "fcmove %%st(3), %%st");
    CASE("fcmovne-sti-empty", "fldpi; " EQ, "fcmovne %%st(3), %%st");
    CASE("fcmove-st0-empty", "fldz; fldpi; ffree %%st(0); " NE, "fcmove %%st(1), %%st");
    CASE("fcmove-full", "fldz; fldpi; " EQ, "fcmove %%st(1), %%st");
    CASE("fcmovne-unmasked", UNMASK "; fldpi; " EQ, "fcmovne %%st(3), %%st");
}

/* Control words, and status words with and without a pending unmasked
   exception, through each way of loading them; read back with fnstcw and
   fnstsw (the environment image's pointer fields are not compared). */
static void control_cases(void)
{
    static const uint16_t cws[] = { 0xffff, 0x0000, 0x0080, 0xe000, 0x1f3f, 0x037f, 0xd6b1 };
    static const uint16_t sws[] = { 0x0000, 0x0080, 0x8000, 0x0001, 0x00ff, 0x7f7f, 0xffff };
    uint16_t cw, sw;

    for (unsigned i = 0; i < sizeof(cws) / sizeof(cws[0]); i++) {
        __asm__ volatile("fninit; fldcw %2; fnstcw %0; fnstsw %1; fninit"
                         : "=m"(cw), "=m"(sw) : "m"(cws[i]));
        printf("fldcw %04x: cw %04x\n", cws[i], cw);
        for (unsigned j = 0; j < sizeof(sws) / sizeof(sws[0]); j++) {
            uint32_t env[7] = { cws[i], sws[j], 0xffff };

            __asm__ volatile("fninit; fldenv %2; fnstcw %0; fnstsw %1; fninit"
                             : "=m"(cw), "=m"(sw) : "m"(env));
            printf("fldenv  %04x %04x: cw %04x sw %04x\n", cws[i], sws[j], cw, sw);
            __asm__ volatile("fxsave %0" : "=m"(fx));
            memcpy(fx, &cws[i], 2);
            memcpy(fx + 2, &sws[j], 2);
            fx[4] = 0;
            __asm__ volatile("fxrstor %2; fnstcw %0; fnstsw %1; fninit"
                             : "=m"(cw), "=m"(sw) : "m"(fx));
            printf("fxrstor %04x %04x: cw %04x sw %04x\n", cws[i], sws[j], cw, sw);
        }
    }
}

int main(void)
{
    stack_cases();
    control_cases();
    return 0;
}
