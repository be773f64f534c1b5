/*
 * seed.c: the program tests/elf/elf-mutants.c mutates: a static program
 * with code, initialised data and a large bss it touches at both ends, so
 * that a mutant that loads it wrongly shows in its output or its death.
 */
#include <stdio.h>

static char bss[200000];
int data = 5;

int main(void)
{
    bss[0] = 1;
    bss[sizeof(bss) - 1] = 2;
    printf("seed ran: %d\n", data + bss[0] + bss[sizeof(bss) - 1]);
    return 3;
}
