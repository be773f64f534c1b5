/*
 * syscalls.c: makes the native run's system calls give what the emulator's
 * gave where the two may legitimately differ, so that the program goes on
 * the same way in both (the block comparison cannot take a value over at
 * the instruction that reads it, as single-stepping can):
 *
 * - a new mapping is placed where the emulator placed it (mmap without
 *   MAP_FIXED gets MAP_FIXED_NOREPLACE and the emulator's address, a moving
 *   mremap MREMAP_FIXED), so that pointers into it are equal;
 * - getpid, gettid and set_tid_address return the emulator's ids (a
 *   program prints them, glibc compares the thread id in its locks), so do
 *   fork, vfork and clone of a process (the child's id), and the system
 *   calls that take an id to signal or wait for get the native one back;
 * - rseq, which the emulator does not provide, fails natively too: the
 *   kernel would otherwise keep writing the CPU number into the program's
 *   memory, where glibc reads it;
 * - clock_gettime and gettimeofday write the emulator's time (its -d
 *   strace line says what it wrote): the native C library calls them too,
 *   as the auxiliary vector it was given (the emulator's) has no vDSO, and
 *   the time goes into temporary file names, hashes, timeouts;
 * - an exclusive create (O_CREAT | O_EXCL) that made a file under the
 *   emulator is not exclusive natively: the two runs now pick the same
 *   temporary names, and the emulator, running ahead, made it first;
 * - getrandom writes the bytes the emulator wrote: it runs with -seed, so
 *   they are the seed's stream, replayed here (after the 16 bytes of
 *   AT_RANDOM, which the native run has from the emulator's stack);
 * - shmat without an address attaches where the emulator's did;
 * - a read from a signalfd, the siginfo of rt_sigtimedwait and waitid
 *   (and of a handler's frame, lockstep.c) give the sender's id as the
 *   emulator saw it (the kernel wrote the native one: the program
 *   signalled itself, or its child ended).
 *
 * The emulator's result is known in advance: its block ends at the system
 * call, and the log has run ahead to the state after it (l->after).
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "lockstep.h"
#include "../../include/qemu/splitmix64.h"

enum { NR_READ = 0, NR_OPEN = 2, NR_MMAP = 9, NR_MREMAP = 25, NR_SHMAT = 30, NR_GETPID = 39,
       NR_WAIT4 = 61, NR_KILL = 62, NR_GETTIMEOFDAY = 96, NR_RT_SIGTIMEDWAIT = 128,
       NR_RT_SIGQUEUEINFO = 129, NR_GETTID = 186, NR_TKILL = 200, NR_SET_TID_ADDRESS = 218,
       NR_CLOCK_GETTIME = 228, NR_TGKILL = 234, NR_WAITID = 247, NR_OPENAT = 257,
       NR_RT_TGSIGQUEUEINFO = 297, NR_GETRANDOM = 318, NR_RSEQ = 334, NR_PIDFD_OPEN = 434 };

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define MREMAP_MAYMOVE_FLAG 1
#define MREMAP_FIXED_FLAG 2

/* How many leading arguments of each system call are ids of tasks. */
static const struct { uint64_t nr; int ids; } id_args[] = {
    { NR_KILL, 1 }, { NR_TKILL, 1 }, { NR_TGKILL, 2 }, { NR_RT_SIGQUEUEINFO, 1 }, { NR_WAIT4, 1 },
    { NR_RT_TGSIGQUEUEINFO, 2 }, { NR_PIDFD_OPEN, 1 },
};

static bool native_id(Lockstep *l, uint64_t *arg)
{
    int i;

    for (i = 0; i < l->nb_id_pairs; i++) {
        if ((uint32_t)*arg == (uint32_t)l->id_pairs[i][1]) {
            *arg = l->id_pairs[i][0];
            return true;
        }
    }
    return false;
}

void random_stream_start(Lockstep *l)
{
    uint8_t at_random[16];

    l->random_state = LOCKSTEP_SEED;
    splitmix64_fill(&l->random_state, at_random, sizeof(at_random));
}

/* At the exit of a getrandom the emulator made give len bytes: the next
   len of the stream into the native buffer. */
static void same_random(Lockstep *l, uint64_t buf, uint64_t len)
{
    uint8_t *bytes = malloc(len);

    if (bytes) {
        splitmix64_fill(&l->random_state, bytes, len);
        native_write(l->native, buf, bytes, len);
        note(l, "getrandom: the seeded stream's %" PRIu64 " bytes", len);
        free(bytes);
    }
}

/* The emulator's id for native id n, or n. */
static uint32_t emulated_id(const Lockstep *l, uint32_t n)
{
    int i;

    for (i = 0; i < l->nb_id_pairs; i++) {
        if (n == (uint32_t)l->id_pairs[i][0]) {
            return l->id_pairs[i][1];
        }
    }
    return n;
}

/* The 32-bit id at addr in the native run becomes the emulator's. */
static void id_in_memory(Lockstep *l, uint64_t addr, const char *what)
{
    uint32_t id;

    if (native_peek(l->native, addr, (uint8_t *)&id, sizeof(id)) == sizeof(id) &&
        emulated_id(l, id) != id) {
        id = emulated_id(l, id);
        native_write(l->native, addr, &id, sizeof(id));
        note(l, "%s: the emulator's id taken", what);
    }
}

/* x86_64's siginfo_t: si_pid (or, by si_code, another field there) at 16. */
void native_siginfo_ids(Lockstep *l, uint64_t siginfo)
{
    if (siginfo) {
        id_in_memory(l, siginfo + 16, "siginfo");
    }
}

/* At the exit of a read of len bytes into buf from fd: if fd is a
   signalfd, each struct signalfd_siginfo (128 bytes) gets the emulator's
   ssi_pid. */
static void signalfd_ids(Lockstep *l, uint64_t fd, uint64_t buf, uint64_t len)
{
    enum { SSI_SIZE = 128, SSI_PID = 12 };
    char link[64];
    uint64_t at;

    if (!native_fd_link(l->native, fd, link, sizeof(link)) ||
        strcmp(link, "anon_inode:[signalfd]") != 0) {
        return;
    }
    for (at = buf; at + SSI_SIZE <= buf + len; at += SSI_SIZE) {
        id_in_memory(l, at + SSI_PID, "signalfd");
    }
}

static bool entry(Lockstep *l, uint64_t nr, uint64_t args[6], uint64_t emulated)
{
    bool changed = false;
    size_t i;
    int j;

    if (nr == NR_MMAP && !(args[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
        args[0] = emulated;
        args[3] |= MAP_FIXED_NOREPLACE;
        return true;
    }
    if (nr == NR_SHMAT && args[1] == 0) {
        args[1] = emulated;
        return true;
    }
    if (nr == NR_OPEN || nr == NR_OPENAT) {
        uint64_t *flags = &args[nr == NR_OPEN ? 1 : 2];

        if ((*flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
            /* The same exclusive name in both runs (a temporary file):
               the emulator, running ahead, may have made it already. */
            *flags &= ~(uint64_t)O_EXCL;
            return true;
        }
    }
    if (nr == NR_MREMAP && (args[3] & MREMAP_MAYMOVE_FLAG) &&
        !(args[3] & MREMAP_FIXED_FLAG) && emulated != args[0]) {
        args[3] |= MREMAP_FIXED_FLAG;
        args[4] = emulated;
        return true;
    }
    if (nr == NR_WAITID && args[0] == P_PID) {
        changed |= native_id(l, &args[1]);
    }
    for (i = 0; i < sizeof(id_args) / sizeof(id_args[0]); i++) {
        for (j = 0; id_args[i].nr == nr && j < id_args[i].ids; j++) {
            changed |= native_id(l, &args[j]);
        }
    }
    return changed;
}

bool syscall_hooked(uint64_t nr)
{
    static const uint64_t hooked[] = {
        NR_READ, NR_OPEN, NR_MMAP, NR_MREMAP, NR_SHMAT, NR_GETPID, NR_GETTIMEOFDAY, NR_GETTID,
        NR_RT_SIGTIMEDWAIT, NR_SET_TID_ADDRESS, NR_CLOCK_GETTIME, NR_WAITID, NR_OPENAT,
        NR_GETRANDOM, NR_RSEQ,
    };
    size_t i;

    for (i = 0; i < sizeof(hooked) / sizeof(hooked[0]); i++) {
        if (hooked[i] == nr) {
            return true;
        }
    }
    for (i = 0; i < sizeof(id_args) / sizeof(id_args[0]); i++) {
        if (id_args[i].nr == nr) {
            return true;
        }
    }
    return starts_process(nr, 0);
}

/* At the exit of a clock call that succeeded in both: the emulator's time
   into the native run's buffer. */
static void same_time(Lockstep *l, uint64_t nr, const uint64_t args[6])
{
    EmuTime t;
    int64_t v[2];

    if ((nr != NR_CLOCK_GETTIME && nr != NR_GETTIMEOFDAY) || !emulated_time(l->emulated, nr, &t)) {
        return;
    }
    v[0] = t.sec;
    v[1] = t.frac;
    native_write(l->native, args[nr == NR_CLOCK_GETTIME ? 1 : 0], v, sizeof(v));
    note(l, "%s: the emulator's time taken", nr == NR_CLOCK_GETTIME ? "clock_gettime" : "gettimeofday");
}

bool syscall_hook(void *opaque, bool is_entry, uint64_t *nr, uint64_t args[6], uint64_t *ret)
{
    Lockstep *l = opaque;
    uint64_t emulated = l->after->gpr[GPR_RAX];

    if (*nr == NR_RSEQ && emulated > -4096ull) {
        if (is_entry) {
            *nr = -1;  /* no such system call */
        } else {
            *ret = emulated;
        }
        return true;
    }
    if (emulated > -4096ull) {
        return false;  /* it failed under the emulator: nothing to follow */
    }
    if (is_entry) {
        return entry(l, *nr, args, emulated);
    }
    /* (memory only: no register changes) */
    if (*ret == 0) {
        same_time(l, *nr, args);
    }
    if (*nr == NR_READ && *ret < -4096ull) {
        signalfd_ids(l, args[0], args[1], *ret);
    }
    if (*nr == NR_GETRANDOM) {
        same_random(l, args[0], emulated);
    }
    if (*nr == NR_RT_SIGTIMEDWAIT || *nr == NR_WAITID) {
        native_siginfo_ids(l, args[*nr == NR_WAITID ? 2 : 1]);
    }
    if ((*nr == NR_GETPID || *nr == NR_GETTID || *nr == NR_SET_TID_ADDRESS ||
         starts_process(*nr, args[0])) && *ret != emulated) {
        add_id_pair(l, *ret, emulated);
        *ret = emulated;
        return true;
    }
    return false;
}
