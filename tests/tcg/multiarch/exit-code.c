/*
 * exit-code: exit(42) from inside nested calls, after atexit handlers that
 * run in reverse order and buffered output that exit must flush.
 */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { puts("atexit: registered first, runs last"); }
static void second(void) { puts("atexit: registered second, runs first"); }

static void leave(int depth)
{
    if (depth == 0) {
        printf("leaving with 42 (unflushed)");
        exit(42);
    }
    leave(depth - 1);
}

int main(void)
{
    atexit(first);
    atexit(second);
    leave(10);
    return 0;
}
