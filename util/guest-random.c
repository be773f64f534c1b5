/*
 * guest-random.c: the source of the random bytes handed to the guest.
 * Seeded runs use splitmix64, which is enough to make runs reproducible;
 * it is not meant to be cryptographically strong.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sys/random.h>
#include "qemu/guest-random.h"

static bool seeded;
static uint64_t seed_state;
static pthread_mutex_t seed_lock = PTHREAD_MUTEX_INITIALIZER;

bool qemu_guest_random_seed_main(const char *str)
{
    char *end;
    unsigned long long value;

    errno = 0;
    value = strtoull(str, &end, 0);
    if (errno || end == str || *end) {
        return false;
    }
    seed_state = value;
    seeded = true;
    return true;
}

static uint64_t splitmix64_next(void)
{
    uint64_t z = (seed_state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void qemu_guest_getrandom_nofail(void *buf, size_t len)
{
    uint8_t *p = buf;

    if (!seeded) {
        while (len > 0) {
            ssize_t n = getrandom(p, len, 0);

            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                cpu_abort_msg("getrandom: %s", strerror(errno));
            }
            p += n;
            len -= n;
        }
        return;
    }
    pthread_mutex_lock(&seed_lock);
    while (len > 0) {
        uint64_t r = splitmix64_next();
        size_t n = MIN(len, sizeof(r));

        memcpy(p, &r, n);
        p += n;
        len -= n;
    }
    pthread_mutex_unlock(&seed_lock);
}
