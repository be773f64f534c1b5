/* signal.c (x86_64 guest): the frames are i386/signal.c's 64-bit half. */
#include "../i386/signal.c"
