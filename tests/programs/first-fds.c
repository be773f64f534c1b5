/*
 * first-fds: the numbers the first three opens get (natively 3, 4, 5):
 * the emulator's own descriptors (-D log, -perfmap file) must not take
 * them (run-check-options.sh).
 */
#include <fcntl.h>
#include <stdio.h>

int main(void)
{
    int a = open("/dev/null", O_RDONLY);
    int b = open("/dev/null", O_RDONLY);
    int c = open("/dev/null", O_RDONLY);

    printf("%d %d %d\n", a, b, c);
    return 0;
}
