/*
 * stat-layouts.h: the StructLayouts (syscall_impl.h) from the host's
 * struct stat and struct statfs to a guest's, whose field names are the
 * same in every guest layout (the kernel's): one list for all of them.
 * Each guest still declares its own target structures (syscall_defs.h).
 */
#ifndef LINUX_USER_STAT_LAYOUTS_H
#define LINUX_USER_STAT_LAYOUTS_H

#include <sys/stat.h>
#include <sys/vfs.h>
#include "syscall_impl.h"

/* Every field of struct stat but the inode, which a guest may hold twice. */
#define STAT_FIELD(ttype, h, t) STRUCT_FIELD2(struct stat, h, ttype, t)
#define STAT_FIELDS_BUT_INO(ttype)                                           \
    STAT_FIELD(ttype, st_dev, st_dev),                                       \
    STAT_FIELD(ttype, st_mode, st_mode), STAT_FIELD(ttype, st_nlink, st_nlink), \
    STAT_FIELD(ttype, st_uid, st_uid), STAT_FIELD(ttype, st_gid, st_gid),   \
    STAT_FIELD(ttype, st_rdev, st_rdev), STAT_FIELD(ttype, st_size, st_size), \
    STAT_FIELD(ttype, st_blksize, st_blksize),                               \
    STAT_FIELD(ttype, st_blocks, st_blocks),                                 \
    STAT_FIELD(ttype, st_atim.tv_sec, st_atime_),                            \
    STAT_FIELD(ttype, st_atim.tv_nsec, st_atime_nsec),                       \
    STAT_FIELD(ttype, st_mtim.tv_sec, st_mtime_),                            \
    STAT_FIELD(ttype, st_mtim.tv_nsec, st_mtime_nsec),                       \
    STAT_FIELD(ttype, st_ctim.tv_sec, st_ctime_),                            \
    STAT_FIELD(ttype, st_ctim.tv_nsec, st_ctime_nsec)

#define STATFS_FIELD(ttype, f) STRUCT_FIELD(struct statfs, ttype, f)
#define STATFS_FSID(ttype, i) STRUCT_FIELD2(struct statfs, f_fsid.__val[i], ttype, f_fsid[i])
#define DEFINE_STATFS_LAYOUT(var, ttype)                                     \
    DEFINE_STRUCT_LAYOUT(var, struct statfs, ttype,                          \
        STATFS_FIELD(ttype, f_type), STATFS_FIELD(ttype, f_bsize),           \
        STATFS_FIELD(ttype, f_blocks), STATFS_FIELD(ttype, f_bfree),         \
        STATFS_FIELD(ttype, f_bavail), STATFS_FIELD(ttype, f_files),         \
        STATFS_FIELD(ttype, f_ffree), STATFS_FSID(ttype, 0),                 \
        STATFS_FSID(ttype, 1), STATFS_FIELD(ttype, f_namelen),               \
        STATFS_FIELD(ttype, f_frsize), STATFS_FIELD(ttype, f_flags))

#endif
