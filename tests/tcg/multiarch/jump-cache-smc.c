/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * jump-cache-smc: code reached from an indirect call site that is chained
 * to another target, so that an emulator finds it in its jump cache
 * (ours reads that cache in generated code: docs/devel/performance.md,
 * 30), is rewritten between calls; each call must run the code as last
 * written.  The rewritten code sits on a page of its own, on the page of
 * the site's first target (both invalidated at once), and among eight
 * targets taken in turn from one site, rewritten one at a time.
 */
#include "mem-test.h"

/* The one call site of every call below. */
static unsigned __attribute__((noinline)) call(unsigned char *code)
{
    unsigned v = ((unsigned (*)(void))(uintptr_t)code)();
    __asm__ volatile("" : "+r"(v));     /* a call, not a tail jump */
    return v;
}

/* Calls other twice after each rewrite (the second finds it translated);
   counts the calls that ran older code. */
static void rewritten_target(const char *what, unsigned char *first, unsigned char *other)
{
    unsigned stale = 0, sum = 0;

    put_code(first, 7);
    put_code(other, 100);
    sum += call(first);
    for (unsigned i = 0; i < 2000; i++) {
        unsigned a = call(other), b = call(other);
        stale += (a != 100 + i) + (b != 100 + i);
        sum += a + b + call(first);
        put_code(other, 101 + i);
    }
    printf("%s: %u stale calls, sum %u\n", what, stale, sum);
}

static void eight_targets(unsigned char *m)
{
    unsigned char *t[8];
    unsigned stale = 0, sum = 0, want[8];

    for (unsigned k = 0; k < 8; k++) {
        t[k] = m + (8 + k) * PAGE + 0x40 * k;
        want[k] = 1000 * k;
        put_code(t[k], want[k]);
    }
    for (unsigned i = 0; i < 4000; i++) {
        unsigned k = (i * 5) % 8, v = call(t[k]);
        stale += v != want[k];
        sum += v;
        if (i % 3 == 0) {
            unsigned r = (i / 3) % 8;
            want[r] += 1;
            put_code(t[r], want[r]);
        }
    }
    printf("eight targets from one site: %u stale calls, sum %u\n", stale, sum);
}

int main(void)
{
    unsigned char *m = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);

    rewritten_target("own page", m + PAGE, m + 4 * PAGE + 0x80);
    rewritten_target("first target's page", m + 2 * PAGE, m + 2 * PAGE + 0x200);
    eight_targets(m);
    return 0;
}
