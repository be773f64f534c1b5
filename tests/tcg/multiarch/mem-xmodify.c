/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-xmodify: cross-modifying code (issue 5, point 8).  One thread spins
 * calling a function on an RWX page; another thread, once the first is
 * running it, stores data on the other pages of the same 64 KiB region and
 * then rewrites the function's immediate with one aligned 4-byte store.
 * The spinning thread must see the new code run eventually, and only ever
 * the old or the new value.  Done for the immediate on the same page as the
 * rest of the function and for one on the next page.
 *
 * The spinner gives up 5 s after the rewrite, not after its own start: an
 * emulator that takes a host fault for every access to these globals (the
 * interp strategy with precise protection, docs/devel/large-page.md) made
 * fewer than 10000 calls in 5 s in the arm64 VM, and the writer, waiting
 * for 10000, spun for ever.  Before the rewrite it waits at most a minute,
 * and the writer stops waiting once it gave up: every run prints its lines.
 */
#include "mem-test.h"
#include <pthread.h>
#include <time.h>

#define OLD 0x11111111u
#define NEW 0x22222222u

static unsigned char *code;
static volatile unsigned *imm;
static volatile unsigned long calls;
static volatile int saw_new, saw_other, gave_up, rewritten;
static volatile long rewritten_sec;
static unsigned char *region;

static void *spinner(void *unused)
{
    (void)unused;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        unsigned v = ((unsigned (*)(void))(uintptr_t)code)();
        calls++;
        if (v == NEW) {
            saw_new = 1;
            return NULL;
        }
        if (v != OLD)
            saw_other = 1;
        if ((calls & 0xfff) == 0) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (rewritten ? now.tv_sec - rewritten_sec > 5 : now.tv_sec - start.tv_sec > 60) {
                gave_up = 1;
                return NULL;
            }
        }
    }
}

/* run: the function starts at CODE_AT, so that its immediate (CODE_AT + 1)
 * is 4-byte aligned. */
static void run(const char *what, unsigned long code_at)
{
    code = region + code_at;
    imm = (volatile unsigned *)(code + 1);
    code[0] = 0xb8;
    *imm = OLD;
    code[5] = 0xc3;
    calls = 0;
    saw_new = saw_other = gave_up = rewritten = 0;

    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    while (calls < 10000 && !gave_up)
        ;
    for (unsigned i = 0; i < 10000; i++)
        region[(i % 16) * PAGE + 0x800] = (unsigned char)i;   /* never the code bytes */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    rewritten_sec = now.tv_sec;
    rewritten = 1;      /* (x86 keeps the two stores in order) */
    *imm = NEW;
    pthread_join(t, NULL);
    printf("%s: new code ran %d, only old or new values %d, gave up %d\n", what, saw_new, !saw_other, gave_up);
}

int main(void)
{
    region = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
    run("immediate on the same page", 5 * PAGE + 0x103);
    run("immediate on the next page", 8 * PAGE - 1);
    return 0;
}
