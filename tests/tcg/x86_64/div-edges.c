/*
 * div-edges: div and idiv at 32 and 64 bits over dividends and divisors
 * at the edges: a high half of 0, of the low half's sign, or neither (the
 * emulator's one-division paths and its wide one), the smallest integer by
 * -1, zero divisors, quotients just fitting and just not.  Prints the
 * quotient and remainder, or #DE (SIGFPE, FPE_INTDIV).  x86_64 only: the
 * i386 reference where the kernel runs no 32-bit code, Debian's
 * qemu-i386, dies of the SIGFPE; the 32-bit helpers are the same ones.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf jb;
static volatile int got_code;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    got_code = si->si_code;
    siglongjmp(jb, 1);
}

#define DIV_CASE(insn, type, fmt, hi_, lo_, den_)                             \
    do {                                                                      \
        volatile type hi = (hi_), lo = (lo_), den = (den_);                   \
        type q, r;                                                            \
        if (!sigsetjmp(jb, 1)) {                                              \
            q = lo;                                                           \
            r = hi;                                                           \
            __asm__ volatile(insn " %2" : "+a"(q), "+d"(r) : "rm"(den));      \
            printf(insn " %" fmt ":%" fmt " / %" fmt ": %" fmt " r %" fmt "\n", \
                   hi, lo, den, q, r);                                        \
        } else {                                                              \
            printf(insn " %" fmt ":%" fmt " / %" fmt ": #DE code %d\n",       \
                   hi, lo, den, got_code);                                    \
        }                                                                     \
    } while (0)

static const uint32_t lo32[] = {
    0, 1, 7, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    0x12345678, 0xedcba987,
};
static const uint32_t hi32[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x3 };
static const uint32_t den32[] = {
    0, 1, 2, 3, 1000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x12345,
};

static const uint64_t lo64[] = {
    0, 1, 7, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
    0x8000000000000001ULL, 0xfffffffffffffffeULL, 0xffffffffffffffffULL,
    0x123456789abcdef0ULL, 0xedcba98765432110ULL,
};
static const uint64_t hi64[] = {
    0, 1, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0x3,
};
static const uint64_t den64[] = {
    0, 1, 2, 3, 1000, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
    0xfffffffffffffffeULL, 0xffffffffffffffffULL, 0x123456789ULL,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);

    for (volatile size_t h = 0; h < N(hi32); h++) {
        for (volatile size_t l = 0; l < N(lo32); l++) {
            for (volatile size_t d = 0; d < N(den32); d++) {
                /* the sign extension of the low half, as cltd makes it */
                volatile uint32_t sx = (int32_t)lo32[l] < 0 ? 0xffffffff : 0;

                DIV_CASE("divl", uint32_t, "x", hi32[h], lo32[l], den32[d]);
                DIV_CASE("idivl", uint32_t, "x", hi32[h], lo32[l], den32[d]);
                if (h == 0) {
                    DIV_CASE("idivl", uint32_t, "x", sx, lo32[l], den32[d]);
                }
            }
        }
    }
    for (volatile size_t h = 0; h < N(hi64); h++) {
        for (volatile size_t l = 0; l < N(lo64); l++) {
            for (volatile size_t d = 0; d < N(den64); d++) {
                volatile uint64_t sx = (int64_t)lo64[l] < 0 ? ~0ULL : 0;

                DIV_CASE("divq", uint64_t, "lx", hi64[h], lo64[l], den64[d]);
                DIV_CASE("idivq", uint64_t, "lx", hi64[h], lo64[l], den64[d]);
                if (h == 0) {
                    DIV_CASE("idivq", uint64_t, "lx", sx, lo64[l], den64[d]);
                }
            }
        }
    }
    return 0;
}
