/*
 * guest-random.c: the source of the random bytes handed to the guest.
 * Seeded runs use splitmix64, which is enough to make runs reproducible;
 * it is not meant to be cryptographically strong.
 */
#include "qemu/osdep.h"
#include <pthread.h>
#include <sys/random.h>
#include "qemu/guest-random.h"
#include "qemu/splitmix64.h"

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

bool qemu_guest_random_seeded(void)
{
    return seeded;
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
    splitmix64_fill(&seed_state, p, len);
    pthread_mutex_unlock(&seed_lock);
}
