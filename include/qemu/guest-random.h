/*
 * guest-random.h: random bytes the guest sees (AT_RANDOM, getrandom).
 * With -seed / QEMU_RAND_SEED they come from a deterministic generator so
 * that runs can be reproduced; otherwise from the host's getrandom().
 */
#ifndef QEMU_GUEST_RANDOM_H
#define QEMU_GUEST_RANDOM_H

/* Parse a seed (any strtoull base-0 number); false if str is not one. */
bool qemu_guest_random_seed_main(const char *str);
void qemu_guest_getrandom_nofail(void *buf, size_t len);
/* Whether a seed was given: the guest's getrandom then reads the stream. */
bool qemu_guest_random_seeded(void);

#endif
