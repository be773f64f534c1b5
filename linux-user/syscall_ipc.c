/*
 * syscall_ipc.c: SysV IPC for the guest: shared memory (shmget, shmat,
 * shmdt, shmctl), semaphores (semget, semop, semtimedop, semctl) and
 * message queues (msgget, msgsnd, msgrcv, msgctl), as x86_64 and the newer
 * i386 kernels number them, and i386's ipc(2) multiplexer, which glibc
 * still uses there for some of them.
 *
 * The objects are the host kernel's; this file converts what differs for
 * the guest: the ctl structures (layouts in target_structs.c; i386 has an
 * old form besides the IPC_64 one), the long mtype of a message, the
 * timespec of semtimedop, and where a segment is attached.  A segment is
 * attached by the host at its guest address (g2h), so the guest, the host
 * kernel and every other attachment share its pages directly.  Where that
 * cannot be (the address is not host-page aligned, or the segment's last
 * host page holds other pages), the segment is attached out of bound and
 * its guest pages redirected there (exec/shdwrt.h); --shdwrt=none refuses
 * a writable one with EINVAL, as QEMU does (docs/devel/linux-user.md,
 * "SysV IPC").
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/sem.h>
#include <sys/msg.h>
#include "qemu/log.h"
#include "exec/shdwrt.h"
#include "mmap-internal.h"
#include "syscall_impl.h"

/* The guests' values of the flags are the host's. */
#define TARGET_SHMLBA TARGET_PAGE_SIZE
#define TARGET_IPC_64 0x100

/* ---- ctl commands ------------------------------------------------------ */

/* What a ctl command's last argument is. */
typedef enum IpcArg {
    IPC_ARG_NONE,         /* unused */
    IPC_ARG_VALUE,        /* an int (SETVAL) */
    IPC_ARG_STRUCT_OUT,   /* a structure the kernel fills */
    IPC_ARG_STRUCT_IN,    /* a structure the kernel reads (IPC_SET) */
    IPC_ARG_SEMS_OUT,     /* GETALL: the set's values, one unsigned short each */
    IPC_ARG_SEMS_IN,      /* SETALL */
} IpcArg;

typedef struct IpcCtlCmd {
    int cmd;
    IpcArg arg;
    const StructLayout *layout64, *layout_old;
    bool has_perm;        /* the structure starts with an ipc_perm */
} IpcCtlCmd;

/* One of shmctl, semctl, msgctl: the host call and its commands. */
typedef struct IpcCtl {
    long host_nr;
    bool has_semnum;      /* semctl(id, semnum, cmd, arg) */
    size_t ncmds;
    const IpcCtlCmd *cmds;
} IpcCtl;

#define STAT_CMD(c, dir, l) { c, dir, &l##64_ds_layout, &l##_ds_old_layout, true }
#define INFO_CMD(c, l64, lold) { c, IPC_ARG_STRUCT_OUT, &l64, &lold, false }
#define PLAIN_CMD(c, arg) { c, arg, NULL, NULL, false }

static const IpcCtlCmd shm_cmds[] = {
    STAT_CMD(IPC_STAT, IPC_ARG_STRUCT_OUT, shmid),
    STAT_CMD(SHM_STAT, IPC_ARG_STRUCT_OUT, shmid),
    STAT_CMD(SHM_STAT_ANY, IPC_ARG_STRUCT_OUT, shmid),
    STAT_CMD(IPC_SET, IPC_ARG_STRUCT_IN, shmid),
    INFO_CMD(IPC_INFO, shminfo64_layout, shminfo_old_layout),
    INFO_CMD(SHM_INFO, shm_info_layout, shm_info_layout),
    PLAIN_CMD(IPC_RMID, IPC_ARG_NONE),
    PLAIN_CMD(SHM_LOCK, IPC_ARG_NONE),
    PLAIN_CMD(SHM_UNLOCK, IPC_ARG_NONE),
};

static const IpcCtlCmd sem_cmds[] = {
    STAT_CMD(IPC_STAT, IPC_ARG_STRUCT_OUT, semid),
    STAT_CMD(SEM_STAT, IPC_ARG_STRUCT_OUT, semid),
    STAT_CMD(SEM_STAT_ANY, IPC_ARG_STRUCT_OUT, semid),
    STAT_CMD(IPC_SET, IPC_ARG_STRUCT_IN, semid),
    INFO_CMD(IPC_INFO, seminfo_layout, seminfo_layout),
    INFO_CMD(SEM_INFO, seminfo_layout, seminfo_layout),
    PLAIN_CMD(IPC_RMID, IPC_ARG_NONE),
    PLAIN_CMD(GETVAL, IPC_ARG_NONE),
    PLAIN_CMD(GETPID, IPC_ARG_NONE),
    PLAIN_CMD(GETNCNT, IPC_ARG_NONE),
    PLAIN_CMD(GETZCNT, IPC_ARG_NONE),
    PLAIN_CMD(SETVAL, IPC_ARG_VALUE),
    PLAIN_CMD(GETALL, IPC_ARG_SEMS_OUT),
    PLAIN_CMD(SETALL, IPC_ARG_SEMS_IN),
};

static const IpcCtlCmd msg_cmds[] = {
    STAT_CMD(IPC_STAT, IPC_ARG_STRUCT_OUT, msqid),
    STAT_CMD(MSG_STAT, IPC_ARG_STRUCT_OUT, msqid),
    STAT_CMD(MSG_STAT_ANY, IPC_ARG_STRUCT_OUT, msqid),
    STAT_CMD(IPC_SET, IPC_ARG_STRUCT_IN, msqid),
    INFO_CMD(IPC_INFO, msginfo_layout, msginfo_layout),
    INFO_CMD(MSG_INFO, msginfo_layout, msginfo_layout),
    PLAIN_CMD(IPC_RMID, IPC_ARG_NONE),
};

static const IpcCtl shm_ctl = { SYS_shmctl, false, ARRAY_SIZE(shm_cmds), shm_cmds };
static const IpcCtl sem_ctl = { SYS_semctl, true, ARRAY_SIZE(sem_cmds), sem_cmds };
static const IpcCtl msg_ctl = { SYS_msgctl, false, ARRAY_SIZE(msg_cmds), msg_cmds };

/* Every structure a host ctl call reads or fills. */
typedef union HostIpcBuffer {
    struct ipc_perm perm;       /* the start of the three *id_ds */
    struct shmid_ds shm;
    struct semid_ds sem;
    struct msqid_ds msg;
    struct shminfo shminfo;
    struct shm_info shm_info;
    struct seminfo seminfo;
    struct msginfo msginfo;
} HostIpcBuffer;

/*
 * Whether the command asks for the 64 form of its structure.  i386 says so
 * with IPC_64 in cmd, which is taken out.  x86_64 has one form and its
 * kernel refuses IPC_64, so cmd goes to the host as it is.
 */
static bool parse_ipc_version(int *cmd)
{
#ifdef TARGET_X86_64
    (void)cmd;
    return true;
#else
    bool ipc64 = *cmd & TARGET_IPC_64;

    *cmd &= ~TARGET_IPC_64;
    return ipc64;
#endif
}

static abi_long host_ctl(const IpcCtl *ctl, int id, int semnum, int cmd,
                         unsigned long arg)
{
    return get_errno(ctl->has_semnum ? syscall(ctl->host_nr, id, semnum, cmd, arg)
                                     : syscall(ctl->host_nr, id, cmd, arg));
}

/* GETALL/SETALL: the guest's array has one unsigned short per semaphore,
   as the host's; an unusable one goes to the host as NULL, for the host
   kernel to give EFAULT where Linux would. */
static abi_long do_sem_array(int id, int cmd, abi_ulong garray, bool out)
{
    struct semid_ds ds;
    size_t len;
    GuestBuf b;
    abi_long ret;

    if (syscall(SYS_semctl, id, 0, IPC_STAT, &ds) != 0) {
        return -errno;
    }
    len = ds.sem_nsems * sizeof(unsigned short);
    ret = guest_buf_begin(&b, garray, len, out ? GUEST_WRITE : GUEST_READ);
    if (ret == 0) {
        ret = get_errno(syscall(SYS_semctl, id, 0, cmd, b.host));
    }
    guest_buf_end(&b, ret == 0 && out ? (abi_long)len : 0);
    return ret;
}

/* The old form's ids are 16 bits: larger ones read as the overflow id. */
static void narrow_perm_ids(struct ipc_perm *perm)
{
    perm->uid = high2low_id(perm->uid);
    perm->gid = high2low_id(perm->gid);
    perm->cuid = high2low_id(perm->cuid);
    perm->cgid = high2low_id(perm->cgid);
}

static abi_long do_ipc_ctl(const IpcCtl *ctl, int id, int semnum, int cmd,
                           abi_ulong garg)
{
    bool ipc64 = parse_ipc_version(&cmd);
    const IpcCtlCmd *c = NULL;
    const StructLayout *layout;
    HostIpcBuffer buf;
    abi_long ret;

    for (size_t i = 0; i < ctl->ncmds && !c; i++) {
        c = ctl->cmds[i].cmd == cmd ? &ctl->cmds[i] : NULL;
    }
    if (!c) {
        return -TARGET_EINVAL;
    }
    layout = ipc64 ? c->layout64 : c->layout_old;
    switch (c->arg) {
    case IPC_ARG_NONE:
        return host_ctl(ctl, id, semnum, cmd, 0);
    case IPC_ARG_VALUE:
        return host_ctl(ctl, id, semnum, cmd, (int)garg);
    case IPC_ARG_STRUCT_IN:
        if (struct_from_user(&buf, garg, layout)) {
            return -TARGET_EFAULT;
        }
        return host_ctl(ctl, id, semnum, cmd, (uintptr_t)&buf);
    case IPC_ARG_STRUCT_OUT:
        memset(&buf, 0, sizeof(buf));
        ret = host_ctl(ctl, id, semnum, cmd, (uintptr_t)&buf);
        if (ret >= 0 && !ipc64 && c->has_perm) {
            narrow_perm_ids(&buf.perm);
        }
        if (ret >= 0 && struct_to_user(garg, &buf, layout)) {
            ret = -TARGET_EFAULT;
        }
        return ret;
    default:
        return do_sem_array(id, cmd, garg, c->arg == IPC_ARG_SEMS_OUT);
    }
}

/* ---- shared memory -------------------------------------------------------- */

/*
 * The guest's attachments, for shmdt: where each starts and its size in
 * whole guest pages; it takes whole host pages (HOST_PAGE_ALIGN of that).
 * Under mmap_lock.  A forked child inherits the table with the host
 * attachments themselves.
 */
typedef struct ShmAttachment {
    abi_ulong start;
    uint64_t len;
    bool redirected;    /* attached out of bound (exec/shdwrt.h) */
} ShmAttachment;

static ShmAttachment *attachments;
static size_t n_attachments, attachments_room;

static ShmAttachment *find_attachment(abi_ulong start)
{
    for (size_t i = 0; i < n_attachments; i++) {
        if (attachments[i].start == start) {
            return &attachments[i];
        }
    }
    return NULL;
}

static void forget_attachment(ShmAttachment *a)
{
    *a = attachments[--n_attachments];
}

/* Attachments that [start, end) replaced (SHM_REMAP) are gone. */
static void forget_attachments_in(uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < n_attachments;) {
        uint64_t a_end = attachments[i].start + HOST_PAGE_ALIGN(attachments[i].len);

        if (attachments[i].start < end && a_end > start) {
            forget_attachment(&attachments[i]);
        } else {
            i++;
        }
    }
}

/* Room for one more attachment, made before attaching so that a
   successful host shmat cannot fail afterwards. */
static bool attachment_room(void)
{
    ShmAttachment *grown;

    if (n_attachments < attachments_room) {
        return true;
    }
    grown = realloc(attachments, (attachments_room * 2 + 8) * sizeof(*grown));
    if (!grown) {
        return false;
    }
    attachments = grown;
    attachments_room = attachments_room * 2 + 8;
    return true;
}

/* Host pages of [start, end) that hold no guest page go back. */
static void release_unused_host_pages(uint64_t start, uint64_t end)
{
    for (uint64_t h = start; h < end; h += qemu_host_page_size) {
        if (!(flags_union(h, h + qemu_host_page_size) & PAGE_VALID)) {
            host_release(h, h + qemu_host_page_size);
        }
    }
}

/* Precise protection: a segment that ends inside a host page must leave
   the rest of that page unmapped at 4 KiB, which needs the host page
   shadowed, and a shadowed host page cannot hold the host's attachment. */
static bool precise_needs_redirect(uint64_t len)
{
#ifdef CONFIG_PRECISE_PROT
    return (len & ~qemu_host_page_mask) != 0;
#else
    (void)len;
    return false;
#endif
}

/*
 * The guest asked for addr: Linux's checks, then ours.  The host attaches
 * the segment at g2h(addr) itself, which takes whole host pages: addr must
 * be host-page aligned and the rest of the last host page free.
 */
static abi_long place_at(uint64_t addr, uint64_t len, uint64_t host_len, int shmflg,
                         bool *redirect)
{
    if (addr < mmap_min_addr) {
        return -TARGET_EPERM;
    }
    if (addr + len > guest_space_end()) {
        return -TARGET_ENOMEM;
    }
    if (!(shmflg & SHM_REMAP) && (flags_union(addr, addr + len) & PAGE_VALID)) {
        return -TARGET_EINVAL;
    }
    *redirect = (addr & ~qemu_host_page_mask) || addr + host_len > guest_space_end()
                || (flags_union(addr + len, addr + host_len) & PAGE_VALID);
    if (!*redirect) {
        *redirect = precise_needs_redirect(len);
        return claim_host_range(addr, addr + (*redirect ? len : host_len));
    }
    if (!(shmflg & SHM_RDONLY) && !shdwrt_enabled()) {
        qemu_log_mask(LOG_UNIMP, "shmat: 0x%" PRIx64 " is not host-page aligned "
                      "or shares its last host page: EINVAL (--shdwrt=none)\n", addr);
        return -TARGET_EINVAL;
    }
    return claim_host_range(addr, addr + len);
}

/* Attach out of bound and redirect the guest pages [at, at + len) there. */
static abi_long attach_redirected(int shmid, uint64_t at, uint64_t len, int shmflg)
{
    void *p = hp_shmat(shmid, NULL, shmflg & (SHM_RDONLY | SHM_EXEC));
    abi_long ret;

    if (p == (void *)-1) {
        return -errno;
    }
    redirect_unmap(at, at + len);
    ret = redirect_shm(at, at + len, p, HOST_PAGE_ALIGN(len));
    if (ret) {
        hp_shmdt(p);
    }
    return ret;
}

static abi_long do_shmat(int shmid, abi_ulong addr, int shmflg)
{
    int prot = PAGE_READ | (shmflg & SHM_RDONLY ? 0 : PAGE_WRITE)
               | (shmflg & SHM_EXEC ? PAGE_EXEC : 0);
    struct shmid_ds ds;
    uint64_t at, len, host_len;
    bool redirect = false;
    abi_long ret;
    void *p;

    if (addr & (TARGET_SHMLBA - 1)) {
        if (!(shmflg & SHM_RND) || addr < TARGET_SHMLBA) {
            return -TARGET_EINVAL;
        }
        addr &= ~(abi_ulong)(TARGET_SHMLBA - 1);
    } else if (!addr && (shmflg & SHM_REMAP)) {
        return -TARGET_EINVAL;
    }
    /* Also Linux's checks of the id and of read permission, which every
       shmat needs. */
    if (syscall(SYS_shmctl, shmid, IPC_STAT, &ds) != 0) {
        return -errno;
    }
    len = TARGET_PAGE_ALIGN((uint64_t)ds.shm_segsz);
    host_len = HOST_PAGE_ALIGN(len);

    mmap_lock();
    if (!attachment_room()) {
        ret = -TARGET_ENOMEM;
    } else if (addr) {
        ret = place_at(addr, len, host_len, shmflg, &redirect);
        at = addr;
    } else {
        at = find_free_range(0, host_len, false);
        ret = at == (abi_ulong)-1 ? -TARGET_ENOMEM : 0;
        redirect = precise_needs_redirect(len);
    }
    if (ret == 0 && redirect) {
        ret = attach_redirected(shmid, at, len, shmflg);
        if (ret) {
            release_unused_host_pages(at & qemu_host_page_mask, HOST_PAGE_ALIGN(at + len));
        }
    } else if (ret == 0) {
        redirect_unmap(at, at + host_len);
        p = hp_shmat(shmid, g2h(at), (shmflg & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP);
        if (p == (void *)-1) {
            ret = -errno;
            release_unused_host_pages(at, at + host_len);
        }
    }
    if (ret == 0) {
        /* What was there is gone, and code translated from it. */
        page_set_flags(at, at + len, 0);
        page_set_flags(at, at + len, PAGE_VALID | prot | PAGE_ANON | PAGE_FILE_SHARED);
        page_map_sync(at, at + len);
        forget_attachments_in(at, at + (redirect ? len : host_len));
        attachments[n_attachments++] = (ShmAttachment){ at, len, redirect };
        ret = at;
    }
    mmap_unlock();
    return ret;
}

static abi_long do_shmdt(abi_ulong addr)
{
    ShmAttachment *a;
    abi_long ret = -TARGET_EINVAL;

    if (addr & ~TARGET_PAGE_MASK) {
        return -TARGET_EINVAL;
    }
    mmap_lock();
    a = find_attachment(addr);
    if (a) {
        uint64_t len = a->len;

        bool redirected = a->redirected;

        forget_attachment(a);
        /* The host refuses when the guest unmapped the attachment itself. */
        if (redirected && !(page_get_flags(addr) & PAGE_REDIRECTED)) {
            ret = -TARGET_EINVAL;
        } else if (redirected) {
            page_set_flags(addr, addr + len, 0);
            redirect_unmap(addr, addr + len);
            page_map_sync(addr, addr + len);
            release_unused_host_pages(addr & qemu_host_page_mask,
                                      HOST_PAGE_ALIGN(addr + len));
            ret = 0;
        } else if (hp_shmdt(g2h(addr)) != 0) {
            ret = -errno;
        } else {
            /* A read-only attachment's last host page may have been
               privatised for a mapping placed after it (mmap.c's
               fragments): that host page stays. */
            page_set_flags(addr, addr + len, 0);
            release_unused_host_pages(addr, addr + HOST_PAGE_ALIGN(len));
            ret = 0;
        }
    }
    mmap_unlock();
    return ret;
}

SYSCALL(shmget)
{
    return get_errno(syscall(SYS_shmget, (int)arg[0], (size_t)(abi_ulong)arg[1], (int)arg[2]));
}

SYSCALL(shmat)
{
    return do_shmat(arg[0], arg[1], arg[2]);
}

SYSCALL(shmdt)
{
    return do_shmdt(arg[0]);
}

SYSCALL(shmctl)
{
    return do_ipc_ctl(&shm_ctl, arg[0], 0, arg[1], arg[2]);
}

/* ---- semaphores ------------------------------------------------------------ */

/* struct sembuf is three shorts for every guest.  timeout is a guest
   timespec of ts_layout, or 0. */
static abi_long do_semtimedop(int id, abi_ulong gsops, unsigned nsops,
                              abi_ulong gtimeout, const StructLayout *ts_layout)
{
    uint64_t bytes = (uint64_t)nsops * sizeof(struct sembuf);
    struct timespec ts;
    GuestBuf b = { 0 };
    abi_long ret = 0;

    if (gtimeout && struct_from_user(&ts, gtimeout, ts_layout)) {
        return -TARGET_EFAULT;
    }
    /* Unusable operations reach the host as an address it cannot read: its
       kernel checks the count first (EINVAL, E2BIG), then gives EFAULT, as
       Linux does. */
    if (bytes <= (abi_ulong)-1) {
        ret = guest_buf_begin(&b, gsops, bytes, GUEST_READ);
    }
    if (ret == 0) {
        ret = get_errno(safe_syscall(SYS_semtimedop, id, b.host, nsops,
                                     gtimeout ? &ts : NULL));
    }
    guest_buf_end(&b, 0);
    return ret;
}

SYSCALL(semget)
{
    return get_errno(syscall(SYS_semget, (int)arg[0], (int)arg[1], (int)arg[2]));
}

SYSCALL(semop)
{
    return do_semtimedop(arg[0], arg[1], arg[2], 0, NULL);
}

SYSCALL(semtimedop)
{
    return do_semtimedop(arg[0], arg[1], arg[2], arg[3], &timespec_layout);
}

SYSCALL(semtimedop_time64)
{
    return do_semtimedop(arg[0], arg[1], arg[2], arg[3], &timespec64_layout);
}

/* The semun argument comes by value: a pointer or an int. */
SYSCALL(semctl)
{
    return do_ipc_ctl(&sem_ctl, arg[0], arg[1], arg[2], arg[3]);
}

/* ---- message queues -------------------------------------------------------- */

/* A message as the host takes it: the guest's mtype is a guest long. */
typedef struct HostMsg {
    long mtype;
    char mtext[];
} HostMsg;

/* The longest message the host takes; it bounds the bounce buffers. */
static long host_msgmax(void)
{
    struct msginfo info = { .msgmax = 0 };

    syscall(SYS_msgctl, 0, IPC_INFO, &info);    /* needs no permission */
    return info.msgmax;
}

static abi_long do_msgsnd(int id, abi_ulong gmsg, abi_long size, int flags)
{
    abi_long mtype, ret;
    HostMsg *m;

    /* Linux's order: the type is read first, then the size is judged. */
    if (get_user(mtype, gmsg, abi_long)) {
        return -TARGET_EFAULT;
    }
    if (size < 0 || size > host_msgmax() || mtype < 1) {
        return -TARGET_EINVAL;
    }
    m = malloc(sizeof(*m) + size);
    if (!m) {
        return -TARGET_ENOMEM;
    }
    m->mtype = mtype;
    if (copy_from_user(m->mtext, gmsg + sizeof(abi_long), size)) {
        ret = -TARGET_EFAULT;
    } else {
        ret = get_errno(safe_syscall(SYS_msgsnd, id, m, (size_t)size, flags));
    }
    free(m);
    return ret;
}

/*
 * The host receives into a buffer of the guest's size, bounded by the
 * longest message there can be; the message is then copied out.  As in
 * Linux, a message received into a bad buffer is lost (EFAULT).
 */
static abi_long do_msgrcv(int id, abi_ulong gmsg, abi_long size, abi_long type,
                          int flags)
{
    long room;
    HostMsg *m;
    abi_long ret;

    if (size < 0) {
        return -TARGET_EINVAL;
    }
    room = MIN((long)size, host_msgmax());
    m = malloc(sizeof(*m) + room);
    if (!m) {
        return -TARGET_ENOMEM;
    }
    ret = get_errno(safe_syscall(SYS_msgrcv, id, m, (size_t)room, (long)type, flags));
    if (ret >= 0 && (put_user(m->mtype, gmsg, abi_long)
                     || copy_to_user(gmsg + sizeof(abi_long), m->mtext, ret))) {
        ret = -TARGET_EFAULT;
    }
    free(m);
    return ret;
}

SYSCALL(msgget)
{
    return get_errno(syscall(SYS_msgget, (int)arg[0], (int)arg[1]));
}

SYSCALL(msgsnd)
{
    return do_msgsnd(arg[0], arg[1], arg[2], arg[3]);
}

SYSCALL(msgrcv)
{
    return do_msgrcv(arg[0], arg[1], arg[2], arg[3], arg[4]);
}

SYSCALL(msgctl)
{
    return do_ipc_ctl(&msg_ctl, arg[0], 0, arg[1], arg[2]);
}

/* ---- i386's ipc(call, first, second, third, ptr, fifth) ------------------- */

/* ipc's arguments by position; IPC_VERSION is the high half of call. */
enum { IPC_FIRST = 1, IPC_SECOND, IPC_THIRD, IPC_PTR, IPC_FIFTH, IPC_VERSION };

/* The call numbers (linux/ipc.h, which cannot be included with sys/ipc.h). */
enum {
    SEMOP = 1, SEMGET, SEMCTL, SEMTIMEDOP,
    MSGSND = 11, MSGRCV, MSGGET, MSGCTL,
    SHMAT = 21, SHMDT, SHMGET, SHMCTL,
};

/* SEMCTL passes the semun by reference. */
static abi_long ipc_semctl(CPUArchState *env, const abi_long *a)
{
    abi_ulong semun;

    if (!a[3]) {
        return -TARGET_EINVAL;
    }
    if (get_user_ual(semun, a[3])) {
        return -TARGET_EFAULT;
    }
    return do_ipc_ctl(&sem_ctl, a[0], a[1], a[2], semun);
}

/* MSGRCV version 0 passes the buffer and the type in a block at ptr. */
static abi_long ipc_msgrcv(CPUArchState *env, const abi_long *a)
{
    struct {
        abi_ulong msgp;
        abi_long msgtyp;
    } kludge;

    if (a[5] != 0) {
        return do_msgrcv(a[0], a[3], a[1], a[4], a[2]);
    }
    if (!a[3]) {
        return -TARGET_EINVAL;
    }
    if (copy_from_user(&kludge, a[3], sizeof(kludge))) {
        return -TARGET_EFAULT;
    }
    return do_msgrcv(a[0], kludge.msgp, a[1], kludge.msgtyp, a[2]);
}

/* SHMAT returns the address through third; version 1 was iBCS2's. */
static abi_long ipc_shmat(CPUArchState *env, const abi_long *a)
{
    abi_long addr;

    if (a[4] == 1) {
        return -TARGET_EINVAL;
    }
    addr = do_shmat(a[0], a[3], a[1]);
    return target_mmap_failed(addr) ? addr : put_user_ual(addr, a[2]);
}

/* Each call number: the handler, and which ipc argument becomes its
   argument 0, 1, ... (the kernel's ipc/syscall.c). */
typedef struct IpcCall {
    SyscallFn *fn;
    uint8_t from[6];
} IpcCall;

static const IpcCall ipc_calls[] = {
    [SEMOP] = { sys_semop, { IPC_FIRST, IPC_PTR, IPC_SECOND } },
    [SEMGET] = { sys_semget, { IPC_FIRST, IPC_SECOND, IPC_THIRD } },
    [SEMCTL] = { ipc_semctl, { IPC_FIRST, IPC_SECOND, IPC_THIRD, IPC_PTR } },
    [SEMTIMEDOP] = { sys_semtimedop, { IPC_FIRST, IPC_PTR, IPC_SECOND, IPC_FIFTH } },
    [MSGSND] = { sys_msgsnd, { IPC_FIRST, IPC_PTR, IPC_SECOND, IPC_THIRD } },
    [MSGRCV] = { ipc_msgrcv, { IPC_FIRST, IPC_SECOND, IPC_THIRD, IPC_PTR, IPC_FIFTH,
                               IPC_VERSION } },
    [MSGGET] = { sys_msgget, { IPC_FIRST, IPC_SECOND } },
    [MSGCTL] = { sys_msgctl, { IPC_FIRST, IPC_SECOND, IPC_PTR } },
    [SHMAT] = { ipc_shmat, { IPC_FIRST, IPC_SECOND, IPC_THIRD, IPC_PTR, IPC_VERSION } },
    [SHMDT] = { sys_shmdt, { IPC_PTR } },
    [SHMGET] = { sys_shmget, { IPC_FIRST, IPC_SECOND, IPC_THIRD } },
    [SHMCTL] = { sys_shmctl, { IPC_FIRST, IPC_SECOND, IPC_PTR } },
};

SYSCALL(ipc)
{
    abi_ulong call = (abi_ulong)arg[0] & 0xffff;
    const IpcCall *c = call < ARRAY_SIZE(ipc_calls) ? &ipc_calls[call] : NULL;
    abi_long a[6] = { 0 };

    if (!c || !c->fn) {
        return -TARGET_ENOSYS;
    }
    for (size_t i = 0; i < ARRAY_SIZE(a) && c->from[i]; i++) {
        a[i] = c->from[i] == IPC_VERSION ? (abi_ulong)arg[0] >> 16 : arg[c->from[i]];
    }
    return c->fn(env, a);
}

const SyscallImpl syscalls_ipc[] = {
    { "shmget", sys_shmget, "duo" },
    { "shmat", sys_shmat, "dxo=x" },
    { "shmdt", sys_shmdt, "x" },
    { "shmctl", sys_shmctl, "ddx" },
    { "semget", sys_semget, "ddo" },
    { "semop", sys_semop, "dxu", SC_EINTR_IF_HANDLED },
    { "semtimedop", sys_semtimedop, "dxux", SC_EINTR_IF_HANDLED },
    { "semtimedop_time64", sys_semtimedop_time64, "dxux", SC_EINTR_IF_HANDLED },
    { "semctl", sys_semctl, "dddx" },
    { "msgget", sys_msgget, "do" },
    { "msgsnd", sys_msgsnd, "dxuo", SC_EINTR_IF_HANDLED },
    { "msgrcv", sys_msgrcv, "dxulo", SC_EINTR_IF_HANDLED },
    { "msgctl", sys_msgctl, "ddx" },
    { "ipc", sys_ipc, "udddxl", SC_EINTR_IF_HANDLED },
    { NULL }
};
