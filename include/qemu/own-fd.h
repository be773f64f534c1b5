/*
 * own-fd.h: descriptors the emulator holds for itself (the -D log file, the
 * gdb connection, the files of shared-writable windows).  A native process
 * would not have them, so the guest's close and close_range leave them
 * alone: close says EBADF, close_range closes around them.
 */
#ifndef QEMU_OWN_FD_H
#define QEMU_OWN_FD_H

/* Where the emulator's own descriptors go: far above those a guest
   counts on (natively its files are numbered from 3 up, lowest free). */
#define OWN_FD_MIN 512

void own_fd_add(int fd);
/* fd moved to OWN_FD_MIN or above (close-on-exec) and added; returns its
   number (fd itself, added, if it cannot move). */
int own_fd_take(int fd);
void own_fd_remove(int fd);
bool own_fd_is(int fd);
/* The lowest own descriptor in [first, last], or -1. */
int own_fd_first_in(unsigned first, unsigned last);

#endif
