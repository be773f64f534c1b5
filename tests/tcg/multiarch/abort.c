/*
 * abort: abort() raises SIGABRT after unblocking it; with no handler the
 * process dies with shell status 134.  Also checks that an atexit handler
 * does not run on abort (its output would show).
 */
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { puts("atexit ran (wrong)"); }

int main(void)
{
    atexit(bye);
    puts("calling abort");
    fflush(stdout);
    abort();
}
