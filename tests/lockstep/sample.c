/*
 * sample.c: a small static guest for the lockstep checker (make
 * check-lockstep): integer arithmetic with flags, string functions of the C
 * library and a loop, a few ten thousand instructions after start-up so that
 * stepping it twice takes seconds.  Its output is not compared; it is printed
 * so that the work cannot be optimised away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long mix(unsigned long x, unsigned n)
{
    unsigned long acc = 0x9e3779b97f4a7c15ul;
    unsigned i;

    for (i = 0; i < n; i++) {
        acc ^= x + i;
        acc = (acc << 7 | acc >> 57) * 0xff51afd7ed558ccdul;
        acc += (long)(int)acc / ((i & 7) + 1);
        acc -= acc % 1000003;
        x = x * 3 + (acc >> 33);
    }
    return acc;
}

int main(int argc, char **argv)
{
    char buf[256], copy[256];
    unsigned long sum;
    size_t len;

    snprintf(buf, sizeof(buf), "lockstep sample %d %s", argc, argv[0]);
    len = strlen(buf);
    memcpy(copy, buf, len + 1);
    strcat(copy, " tail");
    sum = mix(len, 2000) + (strcmp(buf, copy) < 0) + (strchr(copy, 't') - copy);
    printf("%s %zu %lu\n", copy, len, sum);
    return (int)(sum & 0x3f);
}
