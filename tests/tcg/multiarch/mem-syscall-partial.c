/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-syscall-partial: system calls whose buffer runs from an accessible
 * page into one the guest may not access (issue 5, point 3): a file read or
 * write copies page by page and returns the bytes done before the bad page,
 * readv the buffers before the bad one.  Built from mem-syscall.c.
 */
#define SHORT_TRANSFERS 1
#include "mem-syscall.c"
