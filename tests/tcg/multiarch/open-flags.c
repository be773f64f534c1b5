/*
 * open-flags: what F_GETFL reports, in x86 numbers, for files opened with
 * the flags other hosts number differently (O_DIRECTORY, O_NOFOLLOW,
 * O_DIRECT, O_LARGEFILE), F_SETFL's O_DIRECT and O_APPEND, and struct stat
 * read field by field (x86_64's layout is not aarch64's: a host struct
 * copied as it is puts st_nlink where st_mode belongs).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* x86 numbers, spelled out: 64-bit glibc defines O_LARGEFILE as 0. */
#define X86_O_LARGEFILE 0100000

static const struct {
    int flag;
    const char *name;
} shown[] = {
    { O_WRONLY, "O_WRONLY" }, { O_RDWR, "O_RDWR" }, { O_APPEND, "O_APPEND" },
    { O_NONBLOCK, "O_NONBLOCK" }, { O_DIRECT, "O_DIRECT" },
    { O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" },
    { X86_O_LARGEFILE, "O_LARGEFILE" }, { O_NOATIME, "O_NOATIME" },
};

static void show_flags(const char *what, int fd)
{
    int flags = fcntl(fd, F_GETFL);

    printf("%s:", what);
    if (flags < 0) {
        printf(" F_GETFL %s\n", strerror(errno));
        return;
    }
    for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
        if (flags & shown[i].flag) {
            printf(" %s", shown[i].name);
            flags &= ~shown[i].flag;
        }
    }
    printf(" rest 0%o\n", (unsigned)flags);
}

int main(void)
{
    char dir[] = "/tmp/open-flags-XXXXXX";
    char file[64], sub[64];
    struct stat st;
    int fd;

    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(file, sizeof(file), "%s/f", dir);
    snprintf(sub, sizeof(sub), "%s/d", dir);
    mkdir(sub, 0750);

    fd = open(dir, O_RDONLY | O_DIRECTORY);
    show_flags("directory", fd);
    if (fstat(fd, &st) == 0) {
        printf("directory: dir %d mode %o nlink %lu\n", S_ISDIR(st.st_mode),
               (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink);
    }
    close(fd);

    fd = open(file, O_WRONLY | O_CREAT | O_NOFOLLOW | O_APPEND, 0640);
    show_flags("nofollow append", fd);
    if (write(fd, "12345", 5) != 5) {
        perror("write");
    }
    if (fstat(fd, &st) == 0) {
        printf("file: reg %d mode %o nlink %lu size %lld blocks>0 %d blksize>0 %d\n",
               S_ISREG(st.st_mode), (unsigned)(st.st_mode & 07777),
               (unsigned long)st.st_nlink, (long long)st.st_size,
               st.st_blocks > 0, st.st_blksize > 0);
    }
    printf("F_SETFL nonblock: %d\n", fcntl(fd, F_SETFL, O_NONBLOCK));
    show_flags("after F_SETFL", fd);
    close(fd);

    /* O_DIRECT: what the file system allows (tmpfs since Linux 6.6) is the
       host's to say; both runs ask the same kernel. */
    fd = open(file, O_RDONLY | O_DIRECT);
    if (fd < 0) {
        printf("O_DIRECT open: %s\n", strerror(errno));
    } else {
        show_flags("direct", fd);
        printf("F_SETFL 0: %d\n", fcntl(fd, F_SETFL, 0));
        show_flags("direct cleared", fd);
        close(fd);
    }

    if (lstat(file, &st) == 0 && stat(dir, &st) == 0) {
        printf("stat dir: dir %d nlink %lu\n", S_ISDIR(st.st_mode),
               (unsigned long)st.st_nlink);
    }
    unlink(file);
    rmdir(sub);
    rmdir(dir);
    return 0;
}
