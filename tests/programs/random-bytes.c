/*
 * random-bytes: what a program gets as random bytes: the 16 at AT_RANDOM
 * and getrandom's (20, then 3, then into a buffer whose end runs into an
 * unmapped page).  The first line, the counts getrandom returned, must
 * match a native run; the second, the bytes, must repeat under one -seed
 * (tests/programs/run-check-options.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

static void print_hex(const unsigned char *p, long len)
{
    for (long i = 0; i < len; i++) {
        printf("%02x", p[i]);
    }
    printf(" ");
}

int main(void)
{
    const unsigned char *at_random = (const unsigned char *)getauxval(AT_RANDOM);
    unsigned char a[20], b[3], *edge;
    long na, nb, nedge;
    long page = sysconf(_SC_PAGESIZE);

    edge = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (edge == MAP_FAILED || munmap(edge + page, page) != 0) {
        return 1;
    }
    na = getrandom(a, sizeof(a), 0);
    nb = getrandom(b, sizeof(b), GRND_NONBLOCK);
    nedge = getrandom(edge + page - 5, 10, 0);
    printf("counts: %ld %ld %ld, bad flags %ld\n", na, nb, nedge,
           getrandom(a, 1, 0x1000) < 0 ? (long)-errno : 0L);
    print_hex(at_random, 16);
    print_hex(a, na > 0 ? na : 0);
    print_hex(b, nb > 0 ? nb : 0);
    print_hex(edge + page - 5, nedge > 0 ? nedge : 0);
    printf("\n");
    return 0;
}
