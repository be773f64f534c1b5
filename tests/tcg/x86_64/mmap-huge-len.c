/*
 * mmap-huge-len: munmap and mprotect with lengths that reach past the
 * address space or wrap around it (issue 11): EINVAL and ENOMEM as Linux
 * gives them, never 0.  x86_64 only: the lengths are 64-bit.
 */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
int main(void)
{
    char *p = mmap(0, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
    unsigned long lens[] = { ~0ul, ~0ul - 4095, 1ul << 47, (~0ul) >> 1, 0 };
    for (int i = 0; lens[i]; i++) {
        errno = 0; int r = munmap(p, lens[i]); printf("munmap %d %s\n", r, r ? strerror(errno) : "");
        errno = 0; r = mprotect(p, lens[i], PROT_READ); printf("mprotect %d %s\n", r, r ? strerror(errno) : "");
    }
    errno = 0; int r = munmap(p, 0); printf("munmap0 %d %s\n", r, r ? strerror(errno) : "");
    errno = 0; r = mprotect(p, 0, PROT_READ); printf("mprotect0 %d\n", r);
    return 0;
}
