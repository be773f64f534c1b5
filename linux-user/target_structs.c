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
