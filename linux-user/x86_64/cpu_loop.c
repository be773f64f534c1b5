/* cpu_loop.c (x86_64 guest): one loop for both x86 guests, in i386/. */
#include "../i386/cpu_loop.c"
