/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-fragment-eof: a MAP_FIXED mapping placed inside a file mapping that
 * runs past end of file (as ld.so reserves a library's span with the file,
 * then maps its segments over it).  Under a 16/64 KiB host page the new
 * pages share a host page with file pages wholly past end of file, which
 * the host cannot write: the emulator must still fill the new pages (it
 * crashed with a host SIGBUS under -p 16384 for python3's libraries).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096

int main(void)
{
    char path[] = "/tmp/mem-fragment-eof-XXXXXX";
    int fd = mkstemp(path);
    char data[5000];
    unsigned char *base, *anon, *priv;

    unlink(path);
    memset(data, 'f', sizeof(data));
    if (fd < 0 || write(fd, data, sizeof(data)) != (ssize_t)sizeof(data)) {
        perror("file");
        return 1;
    }
    /* 64 pages of a 2-page file. */
    base = mmap(NULL, 64 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    printf("first byte %c, byte 4999 %c, byte 5000 %d\n", base[0], base[4999], base[5000]);
    /* Anonymous pages over pages 49-50, wholly past end of file. */
    anon = mmap(base + 49 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    /* The file's first page again, privately, over page 53, not congruent. */
    priv = mmap(base + 53 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0);
    if (anon == MAP_FAILED || priv == MAP_FAILED) {
        perror("mmap fixed");
        return 1;
    }
    printf("anon reads %d %d\n", anon[0], anon[2 * PAGE - 1]);
    memset(anon, 'a', 2 * PAGE);
    priv[7] = 'p';
    printf("anon after write %c %c, private file page %c%c\n",
           anon[0], anon[2 * PAGE - 1], priv[0], priv[7]);
    munmap(base, 64 * PAGE);
    close(fd);
    return 0;
}
