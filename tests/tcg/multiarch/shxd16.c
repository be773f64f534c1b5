/*
 * shxd16: 16-bit shld/shrd by every count 0-31 (the count is masked to
 * 5 bits), the result and CF, SF, ZF, PF.  A count above 16 has no
 * architectural result; this host (AMD) rotates the source by count - 16
 * and clears CF, where Intel fills with the destination.  The flags are
 * all set before each, so a count of 0 shows that it keeps them.  OF and AF are
 * left out: undefined past a count of one, and not what programs read.
 * check-tcg: word-size neutral
 */
#include <stdint.h>
#include <stdio.h>

#define FLAGS_SHOWN 0xc5u   /* CF PF ZF SF */

static uint32_t seed = 12345;

static uint16_t next16(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 16;
}

static void show(const char *name, uint16_t d, uint16_t s, uint8_t c,
                 uint16_t r, unsigned long flags)
{
    printf("%s %04x %04x %2u -> %04x %02lx\n", name, d, s, c, r,
           flags & FLAGS_SHOWN);
}

int main(void)
{
    for (int i = 0; i < 24; i++) {
        uint16_t d = next16(), s = next16();

        for (uint8_t c = 0; c < 32; c++) {
            unsigned long flags = 0x8d5;   /* all arithmetic flags set */
            uint16_t r = d;

            __asm__ volatile("push %1; popf; shldw %%cl, %2, %0; pushf; pop %1"
                             : "+r"(r), "+r"(flags) : "r"(s), "c"(c) : "cc");
            show("shld", d, s, c, r, flags);
            r = d;
            flags = 0x8d5;
            __asm__ volatile("push %1; popf; shrdw %%cl, %2, %0; pushf; pop %1"
                             : "+r"(r), "+r"(flags) : "r"(s), "c"(c) : "cc");
            show("shrd", d, s, c, r, flags);
        }
    }
    return 0;
}
