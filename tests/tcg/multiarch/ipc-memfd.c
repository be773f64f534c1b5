/*
 * ipc-memfd: shared memory through files: a memfd_create file and a POSIX
 * shm_open object (a file in /dev/shm), each mapped MAP_SHARED twice.  A
 * store through one mapping is seen through the other, by read(), and by
 * a forked child's mapping; write() to the file is seen through both
 * mappings; a mapping at a file offset sees the data of that offset;
 * ftruncate growing the file makes the new pages usable.  The shm_open
 * name is unlinked however the test ends.
 */
#include "ipc-common.h"
#include <fcntl.h>

#define PAGE 4096
#define FILE_SIZE (4 * PAGE)

static void exercise(const char *kind, int fd)
{
    unsigned char *a, *b, *off;
    unsigned char buf[16];
    pid_t pid;

    printf("%s:\n", kind);
    report("  ftruncate", ftruncate(fd, FILE_SIZE));
    a = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    b = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    off = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 2 * PAGE);
    report("  mmap a", (long)a == (long)MAP_FAILED ? -1 : 0);
    report("  mmap b", (long)b == (long)MAP_FAILED ? -1 : 0);
    report("  mmap at offset 2 pages", (long)off == (long)MAP_FAILED ? -1 : 0);
    if (a == MAP_FAILED || b == MAP_FAILED || off == MAP_FAILED) {
        return;
    }
    memcpy(a + 10, "via a", 6);
    memcpy(a + 2 * PAGE + 3, "page two", 9);
    printf("  b sees a's store: %s\n", b + 10);
    printf("  the offset mapping sees it: %s\n", off + 3);
    pread(fd, buf, 6, 10);
    printf("  read() sees it: %s\n", buf);
    pwrite(fd, "via write", 10, PAGE + 1);
    printf("  a and b see write(): %s, %s\n", a + PAGE + 1, b + PAGE + 1);

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        unsigned char *c = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

        memcpy(c + 3 * PAGE, "from a child", 13);
        memcpy(a + 100, "through the inherited mapping", 30);
        _exit(0);
    }
    report_child("  child", pid);
    printf("  parent sees: %s; %s\n", b + 3 * PAGE, b + 100);

    /* Growing the file: a mapping longer than the file gets its new pages
       once the file covers them. */
    munmap(b, FILE_SIZE);
    b = mmap(NULL, 2 * FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    report("  ftruncate grow", ftruncate(fd, 2 * FILE_SIZE));
    memcpy(b + FILE_SIZE + 7, "grown", 6);
    pread(fd, buf, 6, FILE_SIZE + 7);
    printf("  the grown part: %s\n", buf);
    munmap(a, FILE_SIZE);
    munmap(b, 2 * FILE_SIZE);
    munmap(off, PAGE);
}

int main(void)
{
    char name[64];
    int fd;

    ipc_cleanup_init();
    setvbuf(stdout, NULL, _IOFBF, 0);

    fd = memfd_create("ipc-memfd", MFD_CLOEXEC);
    report("memfd_create", fd);
    if (fd >= 0) {
        exercise("memfd", fd);
        close(fd);
    }

    snprintf(name, sizeof(name), "/ipc-memfd-test-%d", (int)getpid());
    fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    ipc_track(IPC_KIND_SHM_NAME, -1, name);
    report("shm_open", fd);
    if (fd >= 0) {
        exercise("shm_open", fd);
        close(fd);
    }
    report("shm_unlink", shm_unlink(name));
    report("shm_open after unlink", shm_open(name, O_RDWR, 0));
    return 0;
}
