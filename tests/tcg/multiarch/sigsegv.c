/*
 * sigsegv: a fault with no handler.  The process must die of SIGSEGV (shell
 * status 139) under the emulator exactly as natively; what it printed
 * before the fault must still come out, so stdout is flushed first.
 */
#include <stdio.h>

int main(void)
{
    volatile int *p = (volatile int *)8;
    puts("about to fault");
    fflush(stdout);
    *p = 1;
    puts("not reached");
    return 0;
}
