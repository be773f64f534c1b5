/*
 * splitmix64.h: the generator behind -seed (util/guest-random.c), here so
 * that the lockstep checker (tests/lockstep/syscalls.c) can give the
 * native run the bytes a seeded emulator gives the guest.
 */
#ifndef QEMU_SPLITMIX64_H
#define QEMU_SPLITMIX64_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t splitmix64_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* len bytes of the stream, 8 to a number: a partial last one is spent. */
static inline void splitmix64_fill(uint64_t *state, void *buf, size_t len)
{
    uint8_t *p = buf;

    while (len > 0) {
        uint64_t r = splitmix64_next(state);
        size_t n = len < sizeof(r) ? len : sizeof(r);

        memcpy(p, &r, n);
        p += n;
        len -= n;
    }
}

#endif
