/*
 * fileio: a file written and read back through stdio and raw syscalls:
 * fopen/fwrite/fread/fseek/ftell, fgets, ungetc, pread/pwrite, lseek past
 * the end (a hole reads as zeros), ftruncate, fstat/stat sizes, rename and
 * unlink.  The file lives in /tmp under a name made from the pid, so
 * parallel runs do not collide; nothing path-specific is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
    char path[64], path2[64];
    snprintf(path, sizeof(path), "/tmp/tcg-fileio-%d.dat", (int)getpid());
    snprintf(path2, sizeof(path2), "/tmp/tcg-fileio-%d.moved", (int)getpid());

    FILE *f = fopen(path, "w+");
    if (!f) { perror("fopen"); return 2; }
    for (int i = 0; i < 1000; i++)
        fprintf(f, "line %4d: %08x\n", i, (unsigned)i * 2654435761u);
    unsigned char block[5000];
    for (int i = 0; i < 5000; i++)
        block[i] = (unsigned char)(i * 13 + 7);
    size_t w = fwrite(block, 1, sizeof(block), f);
    long end = ftell(f);
    printf("fwrite %zu, ftell %ld\n", w, end);

    fseek(f, 0, SEEK_SET);
    char line[64];
    fgets(line, sizeof(line), f);
    printf("first line: %s", line);
    fseek(f, 500 * 20, SEEK_SET);
    fgets(line, sizeof(line), f);
    printf("line 500: %s", line);
    int c = fgetc(f);
    ungetc(c, f);
    printf("peek %c then %c\n", c, fgetc(f));
    fseek(f, -5000, SEEK_END);
    unsigned char back[5000];
    size_t r = fread(back, 1, sizeof(back), f);
    printf("fread %zu, same %d, at eof %d\n", r, memcmp(back, block, sizeof(block)) == 0, fgetc(f) == EOF && feof(f));
    fclose(f);

    int fd = open(path, O_RDWR);
    struct stat st;
    fstat(fd, &st);
    printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    char pb[16] = { 0 };
    pread(fd, pb, 9, 20 * 3);
    printf("pread [%s]\n", pb);
    pwrite(fd, "PATCHED", 7, 20 * 3);
    pread(fd, pb, 9, 20 * 3);
    printf("after pwrite [%s]\n", pb);
    off_t hole = lseek(fd, 100000, SEEK_SET);
    write(fd, "tail", 4);
    char zeros[100];
    pread(fd, zeros, sizeof(zeros), 90000);
    int allzero = 1;
    for (int i = 0; i < 100; i++)
        allzero &= zeros[i] == 0;
    fstat(fd, &st);
    printf("hole at %lld reads zeros %d, size %lld\n", (long long)hole, allzero, (long long)st.st_size);
    ftruncate(fd, 1234);
    fstat(fd, &st);
    printf("truncated size %lld, read at end %zd\n", (long long)st.st_size, read(fd, zeros, 10));
    close(fd);

    rename(path, path2);
    printf("old name gone %d, new stat ok %d\n", access(path, F_OK) != 0, stat(path2, &st) == 0);
    unlink(path2);
    printf("unlinked %d\n", access(path2, F_OK) != 0);
    return 0;
}
