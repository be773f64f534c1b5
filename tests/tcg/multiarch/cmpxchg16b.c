/*
 * cmpxchg16b.c: LOCK CMPXCHG16B (include/qemu/host-atomic.h on the host
 * side): a match stores RCX:RBX and sets ZF; a mismatch in either half
 * loads the memory into RDX:RAX, clears ZF and leaves memory alone; and
 * two threads incrementing both halves of one 16-byte counter by
 * compare-and-exchange loops lose no update.  x86_64 only (the i386
 * build says so and exits 0).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __x86_64__
#define ROUNDS 200000

static unsigned __int128 counter __attribute__((aligned(16)));

/* returns ZF; *lo/*hi: RAX/RDX after the instruction */
static int cmpxchg16b(unsigned __int128 *p, uint64_t *lo, uint64_t *hi,
                      uint64_t new_lo, uint64_t new_hi)
{
    unsigned char zf;

    __asm__ volatile("lock cmpxchg16b %1; sete %0"
                     : "=q"(zf), "+m"(*p), "+a"(*lo), "+d"(*hi)
                     : "b"(new_lo), "c"(new_hi) : "cc", "memory");
    return zf;
}

static void show(const char *what, int zf, uint64_t lo, uint64_t hi,
                 unsigned __int128 m)
{
    printf("%s: zf %d rdx:rax %016llx:%016llx memory %016llx:%016llx\n",
           what, zf, (unsigned long long)hi, (unsigned long long)lo,
           (unsigned long long)(uint64_t)(m >> 64),
           (unsigned long long)(uint64_t)m);
}

static void *add_rounds(void *unused)
{
    for (int i = 0; i < ROUNDS; i++) {
        uint64_t lo = (uint64_t)counter, hi = (uint64_t)(counter >> 64);

        while (!cmpxchg16b(&counter, &lo, &hi, lo + 1, hi + 3)) {
            /* lo/hi now hold what memory had: try again from there */
        }
    }
    return unused;
}

int main(void)
{
    static const struct {
        const char *name;
        uint64_t lo, hi;
    } expected[] = {
        { "match", 0x1111, 0x2222 },
        { "low differs", 0x1112, 0x2222 },
        { "high differs", 0x1111, 0x2223 },
    };
    pthread_t other;

    for (unsigned i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
        unsigned __int128 m __attribute__((aligned(16))) =
            (unsigned __int128)0x2222 << 64 | 0x1111;
        uint64_t lo = expected[i].lo, hi = expected[i].hi;
        int zf = cmpxchg16b(&m, &lo, &hi, 0x5555, 0x6666);

        show(expected[i].name, zf, lo, hi, m);
    }
    pthread_create(&other, NULL, add_rounds, NULL);
    add_rounds(NULL);
    pthread_join(other, NULL);
    show("two threads", 1, 0, 0, counter);
    return 0;
}
#else
int main(void)
{
    printf("cmpxchg16b: x86_64 only\n");
    return 0;
}
#endif
