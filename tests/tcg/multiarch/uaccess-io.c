/*
 * uaccess-io: read/write-like system calls on buffers that end in a page
 * the program may not access (PROT_NONE, unmapped) or lie in one it may
 * only read.  The kernel moves the bytes before the bad page and returns
 * the short count, or EFAULT when it could move nothing, or another answer
 * first (EAGAIN, end of file, /dev/null never looking): which one depends
 * on the call and the kind of file, so each is printed, with a digest of
 * the bytes that arrived.
 * check-tcg: word-size neutral (uaccess-test.h).
 */
#include "uaccess-test.h"
#include <fcntl.h>
#include <dirent.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>

#define FILE_NAME "uaccess-io.tmp"
#define FILE_SIZE (3 * PAGE)

/* Read into dst, then show the count and what arrived. */
static void show_read(const char *what, long ret, const char *dst)
{
    char line[96];

    show(what, ret);
    if (ret > 0) {
        snprintf(line, sizeof(line), "  bytes %x", digest(dst, ret));
        puts(line);
    }
}

static int data_file(void)
{
    int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0600);
    char buf[FILE_SIZE];

    for (int i = 0; i < FILE_SIZE; i++) {
        buf[i] = '0' + i % 71;
    }
    if (fd < 0 || write(fd, buf, sizeof(buf)) != sizeof(buf)) {
        perror(FILE_NAME);
        exit(1);
    }
    unlink(FILE_NAME);
    return fd;
}

static void file_reads(int fd)
{
    char *tail = page(P_NONE) - 100;

    show_read("pread: tail in PROT_NONE", pread(fd, tail, 300, 0), tail);
    show_read("pread: tail in PROT_NONE, 2 pages", pread(fd, tail - PAGE, 6000, 0),
              tail - PAGE);
    show_read("pread: tail unmapped", pread(fd, page(P_HOLE) - 10, 50, 7),
              page(P_HOLE) - 10);
    show("pread: head in PROT_NONE", pread(fd, page(P_NONE), 300, 0));
    show("pread: into PROT_READ", pread(fd, page(P_RO), 300, 0));
    show("pread: into PROT_READ, tail", pread(fd, page(P_RO) - 8, 300, 0));
    show("pread: into unmapped", pread(fd, page(P_HOLE) + 8, 30, 0));
    show("pread: at end of file, bad buffer", pread(fd, page(P_NONE), 300, FILE_SIZE));
    lseek(fd, 10, SEEK_SET);
    show_read("read: tail in PROT_NONE", read(fd, tail, 300), tail);
    show("read: file offset after it", lseek(fd, 0, SEEK_CUR));
    show("read: wholly bad", read(fd, page(P_NONE), 300));
    show("read: file offset after it", lseek(fd, 0, SEEK_CUR));
    show("read: NULL", read(fd, NULL, 10));
    show("read: zero bytes at a bad address", read(fd, page(P_NONE), 0));
}

static void file_writes(int fd)
{
    char check[FILE_SIZE];
    int null_fd = open("/dev/null", O_WRONLY);

    show("pwrite: tail in PROT_NONE", pwrite(fd, page(P_NONE) - 100, 300, 0));
    show("pwrite: tail in PROT_NONE, 2 pages",
         pwrite(fd, page(P_NONE) - 5000, 6000, 100));
    show("pwrite: from PROT_READ", pwrite(fd, page(P_RO), 200, 0));
    show("pwrite: tail unmapped", pwrite(fd, page(P_HOLE) - 1, 2, 0));
    show("pwrite: wholly bad", pwrite(fd, page(P_HOLE), 10, 0));
    show("write: NULL, 0 bytes", write(fd, NULL, 0));
    show("write to /dev/null: tail bad", write(null_fd, page(P_NONE) - 100, 300));
    show("write to /dev/null: wholly bad", write(null_fd, page(P_HOLE), 300));
    show("write: bad address, 0 bytes", write(fd, page(P_HOLE), 0));
    show("pread: file after the writes", pread(fd, check, sizeof(check), 0));
    printf("  bytes %x\n", digest(check, sizeof(check)));
    close(null_fd);
}

static void vector_calls(int fd)
{
    struct iovec tail[2] = {
        { page(P_NONE) - 100, 50 }, { page(P_NONE) - 50, 100 },
    };
    struct iovec second_bad[3] = {
        { page(P_DATA), 40 }, { page(P_HOLE), 100 }, { page(P_MORE), 40 },
    };
    struct iovec first_bad[2] = {
        { page(P_RO), 40 }, { page(P_DATA), 40 },
    };

    show_read("preadv: second segment's tail bad", preadv(fd, tail, 2, 0),
              page(P_NONE) - 100);
    show_read("preadv: second segment bad", preadv(fd, second_bad, 3, 0),
              page(P_DATA));
    show("preadv: first segment PROT_READ", preadv(fd, first_bad, 2, 0));
    show("preadv: iovec array unmapped",
         preadv(fd, (struct iovec *)page(P_HOLE), 2, 0));
    show("preadv: iovec array's tail unmapped",
         preadv(fd, (struct iovec *)(page(P_HOLE) - sizeof(struct iovec)), 2, 0));
    show("readv: bad fd, bad iovec array",
         readv(-1, (struct iovec *)page(P_HOLE), 2));
    lseek(fd, 0, SEEK_SET);
    show_read("readv: second segment bad", readv(fd, second_bad, 3), page(P_DATA));
    show("pwritev: second segment bad", pwritev(fd, second_bad, 3, 0));
    show("pwritev: tail bad", pwritev(fd, tail, 2, 0));
}

static void pipe_calls(void)
{
    int p[2], nb[2];

    if (pipe(p) || pipe2(nb, O_NONBLOCK)) {
        perror("pipe");
        exit(1);
    }
    show("pipe write: tail in PROT_NONE", write(p[1], page(P_NONE) - 100, 300));
    show("pipe write: tail in PROT_NONE, 2 pages",
         write(p[1], page(P_NONE) - 5000, 6000));
    show("pipe write: wholly bad", write(p[1], page(P_HOLE), 30));
    show_read("pipe read: tail in PROT_NONE", read(p[0], page(P_NONE) - 100, 300),
              page(P_NONE) - 100);
    show_read("pipe read: the rest", read(p[0], page(P_DATA), 8192), page(P_DATA));
    show("pipe read: empty, non-blocking, bad buffer", read(nb[0], page(P_NONE), 10));
    close(nb[1]);
    show("pipe read: at end, bad buffer", read(nb[0], page(P_NONE), 10));
    close(nb[0]);
    close(p[0]);
    close(p[1]);
}

static void socket_calls(int type, const char *kind)
{
    int sv[2];
    char what[80];

    if (socketpair(AF_UNIX, type, 0, sv)) {
        perror("socketpair");
        exit(1);
    }
#define SOCK_SHOW(call, text) \
    (snprintf(what, sizeof(what), "%s %s", kind, text), show(what, call))
    SOCK_SHOW(send(sv[0], page(P_NONE) - 100, 300, 0), "send: tail bad");
    SOCK_SHOW(send(sv[0], page(P_HOLE), 30, 0), "send: wholly bad");
    SOCK_SHOW(sendto(sv[0], page(P_DATA), 30, 0, (void *)page(P_HOLE), 16),
              "sendto: bad address");
    SOCK_SHOW(send(sv[0], page(P_DATA), 300, 0), "send: good");
    SOCK_SHOW(recv(sv[1], page(P_NONE) - 100, 300, 0), "recv: tail bad");
    SOCK_SHOW(send(sv[0], page(P_DATA) + 8, 300, 0), "send: good");
    SOCK_SHOW(recv(sv[1], page(P_RO), 300, 0), "recv: into PROT_READ");
    SOCK_SHOW(recv(sv[1], page(P_MORE), 300, MSG_DONTWAIT), "recv: what is left");
    SOCK_SHOW(recv(sv[1], page(P_NONE), 300, MSG_DONTWAIT), "recv: none left, bad");
#undef SOCK_SHOW
    close(sv[0]);
    close(sv[1]);
}

/* A directory of its own, whose records all have one length (names of
   one character): how many fit does not depend on their order. */
#define DIR_NAME "uaccess-io.dir"
static const char *const dir_files[] = { DIR_NAME "/a", DIR_NAME "/b", DIR_NAME "/c" };

static void name_calls(void)
{
    char link_name[] = "uaccess-io.link";
    int dir;

    mkdir(DIR_NAME, 0700);
    for (size_t i = 0; i < sizeof(dir_files) / sizeof(dir_files[0]); i++) {
        close(open(dir_files[i], O_CREAT | O_WRONLY, 0600));
    }
    dir = open(DIR_NAME, O_RDONLY | O_DIRECTORY);

    if (symlink("/a/link/target/of/some/length", link_name)) {
        perror("symlink");
        exit(1);
    }
    show("readlink: tail bad", readlink(link_name, page(P_NONE) - 8, 100));
    show("readlink: room before the bad page",
         readlink(link_name, page(P_NONE) - 40, 100));
    show("readlink: PROT_READ", readlink(link_name, page(P_RO), 100));
    unlink(link_name);
    show("getcwd: tail bad", syscall(SYS_getcwd, page(P_NONE) - 2, 100));
    show("getcwd: PROT_READ", syscall(SYS_getcwd, page(P_RO), 100));
    show("getdents64: tail bad", syscall(SYS_getdents64, dir, page(P_NONE) - 40, 4000));
    show("getdents64: PROT_READ", syscall(SYS_getdents64, dir, page(P_RO), 4000));
    show("getdents64: the rest", syscall(SYS_getdents64, dir, page(P_MORE), 4000) > 0);
    close(dir);
    for (size_t i = 0; i < sizeof(dir_files) / sizeof(dir_files[0]); i++) {
        unlink(dir_files[i]);
    }
    rmdir(DIR_NAME);
}

int main(void)
{
    int fd;

    region_init();
    fd = data_file();
    file_reads(fd);
    vector_calls(fd);
    file_writes(fd);
    close(fd);
    pipe_calls();
    socket_calls(SOCK_STREAM, "stream");
    socket_calls(SOCK_DGRAM, "dgram");
    name_calls();
    return 0;
}
