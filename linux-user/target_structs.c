/*
 * target_structs.c: field-by-field layouts of the host structures and
 * their guest counterparts (syscall_defs.h), used by the generic
 * converter of uaccess.c.
 */
#include "qemu/osdep.h"
#include <sys/time.h>
#include <sys/times.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/shm.h>
#include <sys/sem.h>
#include <sys/msg.h>
#include <fcntl.h>
#include <time.h>
#include <utime.h>
#include "syscall_impl.h"

#define TS(f) STRUCT_FIELD(struct timespec, struct target_timespec, f)
DEFINE_STRUCT_LAYOUT(timespec_layout, struct timespec, struct target_timespec,
                     TS(tv_sec), TS(tv_nsec));

#define TV(f) STRUCT_FIELD(struct timeval, struct target_timeval, f)
DEFINE_STRUCT_LAYOUT(timeval_layout, struct timeval, struct target_timeval,
                     TV(tv_sec), TV(tv_usec));

#define ITV(f) STRUCT_FIELD(struct itimerval, struct target_itimerval, f)
DEFINE_STRUCT_LAYOUT(itimerval_layout, struct itimerval, struct target_itimerval,
                     ITV(it_interval.tv_sec), ITV(it_interval.tv_usec),
                     ITV(it_value.tv_sec), ITV(it_value.tv_usec));

#define ITS(f) STRUCT_FIELD(struct itimerspec, struct target_itimerspec, f)
DEFINE_STRUCT_LAYOUT(itimerspec_layout, struct itimerspec, struct target_itimerspec,
                     ITS(it_interval.tv_sec), ITS(it_interval.tv_nsec),
                     ITS(it_value.tv_sec), ITS(it_value.tv_nsec));

#define UTB(f) STRUCT_FIELD(struct utimbuf, struct target_utimbuf, f)
DEFINE_STRUCT_LAYOUT(utimbuf_layout, struct utimbuf, struct target_utimbuf,
                     UTB(actime), UTB(modtime));

#define TMS(f) STRUCT_FIELD(struct tms, struct target_tms, f)
DEFINE_STRUCT_LAYOUT(tms_layout, struct tms, struct target_tms,
                     TMS(tms_utime), TMS(tms_stime), TMS(tms_cutime),
                     TMS(tms_cstime));

#define RU(f) STRUCT_FIELD(struct rusage, struct target_rusage, f)
DEFINE_STRUCT_LAYOUT(rusage_layout, struct rusage, struct target_rusage,
                     RU(ru_utime.tv_sec), RU(ru_utime.tv_usec),
                     RU(ru_stime.tv_sec), RU(ru_stime.tv_usec),
                     RU(ru_maxrss), RU(ru_ixrss), RU(ru_idrss), RU(ru_isrss),
                     RU(ru_minflt), RU(ru_majflt), RU(ru_nswap),
                     RU(ru_inblock), RU(ru_oublock), RU(ru_msgsnd),
                     RU(ru_msgrcv), RU(ru_nsignals), RU(ru_nvcsw),
                     RU(ru_nivcsw));

#define FL(f) STRUCT_FIELD(struct flock, struct target_flock, f)
DEFINE_STRUCT_LAYOUT(flock_layout, struct flock, struct target_flock,
                     FL(l_type), FL(l_whence), FL(l_start), FL(l_len),
                     FL(l_pid));

#define FL64(f) STRUCT_FIELD(struct flock, struct target_flock64, f)
DEFINE_STRUCT_LAYOUT(flock64_layout, struct flock, struct target_flock64,
                     FL64(l_type), FL64(l_whence), FL64(l_start), FL64(l_len),
                     FL64(l_pid));

/* The 64-bit time calls of i386 (clock_gettime64, ...) and every time call
   of x86_64 use the kernel's 64-bit timespec: the host's own layout. */
#define TS64(f) STRUCT_FIELD(struct timespec, struct timespec, f)
DEFINE_STRUCT_LAYOUT(timespec64_layout, struct timespec, struct timespec,
                     TS64(tv_sec), TS64(tv_nsec));

#define ITS64(f) STRUCT_FIELD(struct itimerspec, struct itimerspec, f)
DEFINE_STRUCT_LAYOUT(itimerspec64_layout, struct itimerspec, struct itimerspec,
                     ITS64(it_interval.tv_sec), ITS64(it_interval.tv_nsec),
                     ITS64(it_value.tv_sec), ITS64(it_value.tv_nsec));

/*
 * SysV IPC (syscall_ipc.c).  The host structures are glibc's x86_64 ones,
 * which are the kernel's 64-bit ipc64_perm, shmid64_ds, ... .  The guest's
 * "64" forms are the kernel's, with longs of the guest: identical to the
 * host's on x86_64.  i386 also has the old forms (ctl commands without
 * IPC_64), with 16-bit ids and modes.  On i386 each time of shmid64_ds and
 * msqid64_ds is split into a low and a high word: the low word holds the
 * unsigned 32-bit time (good until 2106), the high word stays 0.  Reserved
 * words are left out of the layouts: the converter zeroes them.
 */
struct target_ipc64_perm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode, pad1;        /* x86_64: a 32-bit mode, whose high half is 0 */
    uint16_t seq, pad2;
    abi_ulong unused1, unused2;
};

#ifdef TARGET_X86_64
#define TARGET_IPC_TIME(name) abi_long name
#else
#define TARGET_IPC_TIME(name) abi_ulong name, name##_high
#endif

struct target_shmid64_ds {
    struct target_ipc64_perm shm_perm;
    abi_ulong shm_segsz;
    TARGET_IPC_TIME(shm_atime);
    TARGET_IPC_TIME(shm_dtime);
    TARGET_IPC_TIME(shm_ctime);
    int32_t shm_cpid, shm_lpid;
    abi_ulong shm_nattch, unused4, unused5;
};

/* On x86_64 the word after each time is unused, on i386 it is its high
   word: one definition serves both. */
struct target_semid64_ds {
    struct target_ipc64_perm sem_perm;
    abi_ulong sem_otime, sem_otime_high;
    abi_ulong sem_ctime, sem_ctime_high;
    abi_ulong sem_nsems, unused3, unused4;
};

struct target_msqid64_ds {
    struct target_ipc64_perm msg_perm;
    TARGET_IPC_TIME(msg_stime);
    TARGET_IPC_TIME(msg_rtime);
    TARGET_IPC_TIME(msg_ctime);
    abi_ulong msg_cbytes, msg_qnum, msg_qbytes;
    int32_t msg_lspid, msg_lrpid;
    abi_ulong unused4, unused5;
};

struct target_shminfo64 {
    abi_ulong shmmax, shmmin, shmmni, shmseg, shmall, unused[4];
};

struct target_shm_info {
    int32_t used_ids;
    abi_ulong shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

/* seminfo and msginfo are made of ints: the same for every guest. */
struct target_seminfo {
    int32_t semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz,
            semvmx, semaem;
};

struct target_msginfo {
    int32_t msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
    uint16_t msgseg;
};

/* The old i386 forms. */
struct target_ipc_perm_old {
    int32_t key;
    uint16_t uid, gid, cuid, cgid, mode, seq;
};

struct target_shmid_ds_old {
    struct target_ipc_perm_old shm_perm;
    int32_t shm_segsz;
    int32_t shm_atime, shm_dtime, shm_ctime;
    uint16_t shm_cpid, shm_lpid, shm_nattch, unused;
    uint32_t unused2, unused3;
};

struct target_semid_ds_old {
    struct target_ipc_perm_old sem_perm;
    int32_t sem_otime, sem_ctime;
    uint32_t sem_base, sem_pending, sem_pending_last, undo;
    uint16_t sem_nsems;
};

struct target_msqid_ds_old {
    struct target_ipc_perm_old msg_perm;
    uint32_t msg_first, msg_last;
    int32_t msg_stime, msg_rtime, msg_ctime;
    uint32_t msg_lcbytes, msg_lqbytes;
    uint16_t msg_cbytes, msg_qnum, msg_qbytes, msg_lspid, msg_lrpid;
};

struct target_shminfo_old {
    int32_t shmmax, shmmin, shmmni, shmseg, shmall;
};

_Static_assert(sizeof(struct target_shmid64_ds) == (TARGET_ABI_BITS == 64 ? 112 : 84),
               "shmid64_ds layout");
_Static_assert(sizeof(struct target_semid64_ds) == (TARGET_ABI_BITS == 64 ? 104 : 64),
               "semid64_ds layout");
_Static_assert(sizeof(struct target_msqid64_ds) == (TARGET_ABI_BITS == 64 ? 120 : 88),
               "msqid64_ds layout");
_Static_assert(sizeof(struct target_shmid_ds_old) == 48, "i386 old shmid_ds layout");
_Static_assert(sizeof(struct target_semid_ds_old) == 44, "i386 old semid_ds layout");
_Static_assert(sizeof(struct target_msqid_ds_old) == 56, "i386 old msqid_ds layout");

/* The fields of an ipc_perm member, in either guest form. */
#define IPC_PERM(ht, hp, tt, tp)                                            \
    STRUCT_FIELD2(ht, hp.__key, tt, tp.key), STRUCT_FIELD2(ht, hp.uid, tt, tp.uid), \
    STRUCT_FIELD2(ht, hp.gid, tt, tp.gid), STRUCT_FIELD2(ht, hp.cuid, tt, tp.cuid), \
    STRUCT_FIELD2(ht, hp.cgid, tt, tp.cgid), STRUCT_FIELD2(ht, hp.mode, tt, tp.mode), \
    STRUCT_FIELD2(ht, hp.__seq, tt, tp.seq)

#define SHM(f) STRUCT_FIELD(struct shmid_ds, struct target_shmid64_ds, f)
DEFINE_STRUCT_LAYOUT(shmid64_ds_layout, struct shmid_ds, struct target_shmid64_ds,
                     IPC_PERM(struct shmid_ds, shm_perm, struct target_shmid64_ds, shm_perm),
                     SHM(shm_segsz), SHM(shm_atime), SHM(shm_dtime), SHM(shm_ctime),
                     SHM(shm_cpid), SHM(shm_lpid), SHM(shm_nattch));
#undef SHM
#define SHM(f) STRUCT_FIELD(struct shmid_ds, struct target_shmid_ds_old, f)
DEFINE_STRUCT_LAYOUT(shmid_ds_old_layout, struct shmid_ds, struct target_shmid_ds_old,
                     IPC_PERM(struct shmid_ds, shm_perm, struct target_shmid_ds_old, shm_perm),
                     SHM(shm_segsz), SHM(shm_atime), SHM(shm_dtime), SHM(shm_ctime),
                     SHM(shm_cpid), SHM(shm_lpid), SHM(shm_nattch));
#undef SHM

#define SEM(f) STRUCT_FIELD(struct semid_ds, struct target_semid64_ds, f)
DEFINE_STRUCT_LAYOUT(semid64_ds_layout, struct semid_ds, struct target_semid64_ds,
                     IPC_PERM(struct semid_ds, sem_perm, struct target_semid64_ds, sem_perm),
                     SEM(sem_otime), SEM(sem_ctime), SEM(sem_nsems));
#undef SEM
#define SEM(f) STRUCT_FIELD(struct semid_ds, struct target_semid_ds_old, f)
DEFINE_STRUCT_LAYOUT(semid_ds_old_layout, struct semid_ds, struct target_semid_ds_old,
                     IPC_PERM(struct semid_ds, sem_perm, struct target_semid_ds_old, sem_perm),
                     SEM(sem_otime), SEM(sem_ctime), SEM(sem_nsems));
#undef SEM

#define MSQ(f) STRUCT_FIELD(struct msqid_ds, struct target_msqid64_ds, f)
DEFINE_STRUCT_LAYOUT(msqid64_ds_layout, struct msqid_ds, struct target_msqid64_ds,
                     IPC_PERM(struct msqid_ds, msg_perm, struct target_msqid64_ds, msg_perm),
                     MSQ(msg_stime), MSQ(msg_rtime), MSQ(msg_ctime),
                     STRUCT_FIELD2(struct msqid_ds, __msg_cbytes,
                                   struct target_msqid64_ds, msg_cbytes),
                     MSQ(msg_qnum), MSQ(msg_qbytes), MSQ(msg_lspid), MSQ(msg_lrpid));
#undef MSQ
/* The old form carries the byte counts twice: 16-bit, and in full in the
   words that were pointers once (the kernel fills both). */
#define MSQ(f) STRUCT_FIELD(struct msqid_ds, struct target_msqid_ds_old, f)
DEFINE_STRUCT_LAYOUT(msqid_ds_old_layout, struct msqid_ds, struct target_msqid_ds_old,
                     IPC_PERM(struct msqid_ds, msg_perm, struct target_msqid_ds_old, msg_perm),
                     MSQ(msg_stime), MSQ(msg_rtime), MSQ(msg_ctime),
                     STRUCT_FIELD2(struct msqid_ds, __msg_cbytes,
                                   struct target_msqid_ds_old, msg_lcbytes),
                     STRUCT_FIELD2(struct msqid_ds, msg_qbytes,
                                   struct target_msqid_ds_old, msg_lqbytes),
                     STRUCT_FIELD2(struct msqid_ds, __msg_cbytes,
                                   struct target_msqid_ds_old, msg_cbytes),
                     MSQ(msg_qnum), MSQ(msg_qbytes), MSQ(msg_lspid), MSQ(msg_lrpid));
#undef MSQ

#define SHMI(f) STRUCT_FIELD(struct shminfo, struct target_shminfo64, f)
DEFINE_STRUCT_LAYOUT(shminfo64_layout, struct shminfo, struct target_shminfo64,
                     SHMI(shmmax), SHMI(shmmin), SHMI(shmmni), SHMI(shmseg), SHMI(shmall));
#undef SHMI
#define SHMI(f) STRUCT_FIELD(struct shminfo, struct target_shminfo_old, f)
DEFINE_STRUCT_LAYOUT(shminfo_old_layout, struct shminfo, struct target_shminfo_old,
                     SHMI(shmmax), SHMI(shmmin), SHMI(shmmni), SHMI(shmseg), SHMI(shmall));
#undef SHMI

#define SHMI(f) STRUCT_FIELD(struct shm_info, struct target_shm_info, f)
DEFINE_STRUCT_LAYOUT(shm_info_layout, struct shm_info, struct target_shm_info,
                     SHMI(used_ids), SHMI(shm_tot), SHMI(shm_rss), SHMI(shm_swp),
                     SHMI(swap_attempts), SHMI(swap_successes));
#undef SHMI

#define SEMI(f) STRUCT_FIELD(struct seminfo, struct target_seminfo, f)
DEFINE_STRUCT_LAYOUT(seminfo_layout, struct seminfo, struct target_seminfo,
                     SEMI(semmap), SEMI(semmni), SEMI(semmns), SEMI(semmnu), SEMI(semmsl),
                     SEMI(semopm), SEMI(semume), SEMI(semusz), SEMI(semvmx), SEMI(semaem));
#undef SEMI

#define MSGI(f) STRUCT_FIELD(struct msginfo, struct target_msginfo, f)
DEFINE_STRUCT_LAYOUT(msginfo_layout, struct msginfo, struct target_msginfo,
                     MSGI(msgpool), MSGI(msgmap), MSGI(msgmax), MSGI(msgmnb), MSGI(msgmni),
                     MSGI(msgssz), MSGI(msgtql), MSGI(msgseg));
#undef MSGI
