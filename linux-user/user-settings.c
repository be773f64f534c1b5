/*
 * user-settings.c: the settings of the emulated process that main.c fills
 * from the command line and the rest of linux-user reads.  They live in
 * the library rather than in main.c so that unit tests linking parts of
 * linux-user find them.
 */
#include "qemu/osdep.h"
#include "qemu.h"

const char *exec_path;
char *qemu_interp_prefix;
unsigned long guest_stack_size = 8 * 1024 * 1024;
int do_strace;
const char *qemu_uname_release;
