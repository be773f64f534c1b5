/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-closefrom: closing "every descriptor above 2" (close_range, as
 * closefrom and posix_spawn do) closes the program's own and nothing it
 * did not open: descriptors the emulator keeps for itself (a window's
 * file, with a large host page) do not exist natively, so closing them by
 * number says EBADF, and mappings that rely on them keep working (a page
 * past end of file still raises SIGBUS).
 */
#include "mem-test.h"
#include <errno.h>
#include <sys/syscall.h>

static void read_page(const char *what, unsigned char *map, unsigned char *page)
{
    printf("%s: ", what);
    if (attempt(touch_read, page))
        printf("%s\n", fault_text((uintptr_t)map));
    else
        printf("readable\n");
}

int main(void)
{
    catch_faults();
    int fd = make_file("closefrom", 5000);
    unsigned char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    m[0] = 'w';
    int other = dup(fd);
    printf("close_range(3, ~0): %ld\n", (long)syscall(SYS_close_range, 3, ~0U, 0));
    printf("the program's descriptors closed: %d %d\n",
           fcntl(fd, F_GETFD) < 0 && errno == EBADF, fcntl(other, F_GETFD) < 0 && errno == EBADF);
    int closed_ok = 0;
    for (int n = 3; n < 1024; n++) {
        closed_ok += close(n) == 0;
    }
    printf("close() of 3..1023 that succeeded afterwards: %d\n", closed_ok);
    printf("a new descriptor is the lowest: %d\n", open("/dev/null", O_RDONLY));
    printf("page 0 kept its write: %c\n", m[0]);
    read_page("page 1 (within end of file)", m, m + PAGE);
    read_page("page 2 (past end of file)", m, m + 2 * PAGE);
    return 0;
}
