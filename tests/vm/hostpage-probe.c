/*
 * hostpage-probe: what a kernel with H-byte pages does with the calls the
 * host-page layer (util/hostpage.c) makes, printed relative to H so that
 * runs for the same H compare line by line.  Built two ways:
 *
 * - natively for a real large-page kernel (tests/vm/run-hostpage-probe.sh
 *   runs it in ../shared/vm/large-page-vm: arm64 16 KiB, ppc64el 64 KiB) -
 *   its output, kept as tests/vm/hostpage-probe-H.txt, is the judge;
 * - with PROBE_HOSTPAGE_LAYER, as a unit test (tests/unit/test-hostpage-vm.c
 *   includes this file): the same calls through hp_* with H simulated by -p
 *   on this 4 KiB machine, compared with the real kernel's output.
 *
 * Each line is one scene; a page map prints one letter per 4 KiB piece:
 * 'd' file data, 'z' reads zero, 'B' SIGBUS, 'S' SIGSEGV, 'w' a byte the
 * probe wrote, 'x' anything else.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef PROBE_HOSTPAGE_LAYER
#define P_MMAP hp_mmap
#define P_MUNMAP hp_munmap
#define P_MPROTECT hp_mprotect
#define P_MADVISE hp_madvise
#define P_RESIZED(base, len, prot, flags, fd, old_size, new_size) \
    hp_follow_file_size(base, len, prot, flags, fd, 0, old_size, new_size)
#else
#define P_MMAP mmap
#define P_MUNMAP munmap
#define P_MPROTECT mprotect
#define P_MADVISE madvise
/* A real kernel needs nothing: its page cache follows the file. */
#define P_RESIZED(base, len, prot, flags, fd, old_size, new_size) ((void)0)
#endif

#define PIECE 4096
#define FILE_BYTES 5000
#define DATA 0xab

static size_t probe_h;
static sigjmp_buf probe_env;
static volatile int probe_signal;

static void probe_fault(int sig)
{
    probe_signal = sig;
    siglongjmp(probe_env, 1);
}

/* The letter for the 4 KiB piece at p (its first and last byte). */
static char piece_letter(volatile unsigned char *p)
{
    unsigned char first, last;

    probe_signal = 0;
    if (sigsetjmp(probe_env, 1)) {
        return probe_signal == SIGBUS ? 'B' : 'S';
    }
    first = p[0];
    last = p[PIECE - 1];
    if (first == DATA) {
        return 'd';
    }
    if (first == 'w') {
        return 'w';
    }
    return first == 0 && last == 0 ? 'z' : 'x';
}

static void print_map(const char *scene, unsigned char *base, size_t len)
{
    printf("%-40s ", scene);
    for (size_t off = 0; off < len; off += PIECE) {
        putchar(piece_letter(base + off));
    }
    putchar('\n');
}

static int data_file(size_t bytes)
{
    char path[] = "/tmp/hostpage-probe-XXXXXX";
    int fd = mkstemp(path);
    unsigned char buf[PIECE];

    if (fd < 0) {
        perror("mkstemp");
        exit(2);
    }
    unlink(path);
    memset(buf, DATA, sizeof(buf));
    for (size_t done = 0; done < bytes; done += PIECE) {
        size_t n = bytes - done < PIECE ? bytes - done : PIECE;
        if (write(fd, buf, n) != (ssize_t)n) {
            perror("write");
            exit(2);
        }
    }
    return fd;
}

/* A file's end inside a page and beyond: zeros to the page end, SIGBUS on
   whole pages past it; ftruncate moves both ways. */
static void scene_eof(int map_type, const char *name)
{
    size_t len = 3 * probe_h;
    int fd = data_file(FILE_BYTES);
    unsigned char *m = P_MMAP(NULL, len, PROT_READ, map_type, fd, 0);
    char scene[64];

    if (m == MAP_FAILED) {
        printf("%s: mmap %s\n", name, strerror(errno));
        close(fd);
        return;
    }
    snprintf(scene, sizeof(scene), "%s 5000 bytes", name);
    print_map(scene, m, len);
    if (ftruncate(fd, probe_h + FILE_BYTES) == 0) {
        unsigned char buf[PIECE];
        memset(buf, DATA, sizeof(buf));
        pwrite(fd, buf, sizeof(buf), probe_h);
        P_RESIZED(m, len, PROT_READ, map_type, fd, FILE_BYTES, probe_h + FILE_BYTES);
        snprintf(scene, sizeof(scene), "%s grown to H+5000", name);
        print_map(scene, m, len);
    }
    if (ftruncate(fd, 100) == 0) {
        P_RESIZED(m, len, PROT_READ, map_type, fd, probe_h + FILE_BYTES, 100);
        snprintf(scene, sizeof(scene), "%s shrunk to 100", name);
        print_map(scene, m, len);
    }
    P_MUNMAP(m, len);
    close(fd);
}

/* A private file page written: how much of the file does the mapping still
   see (a large-page kernel copies the whole page). */
static void scene_private_write(void)
{
    size_t len = 2 * probe_h;
    int fd = data_file(len);
    unsigned char *m = P_MMAP(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    unsigned char zeros[PIECE] = { 0 };

    if (m == MAP_FAILED) {
        printf("private write: mmap %s\n", strerror(errno));
        close(fd);
        return;
    }
    m[0] = 'w';
    for (size_t off = PIECE; off < len; off += PIECE) {
        pwrite(fd, zeros, sizeof(zeros), off);
    }
    print_map("private, piece 0 written, file zeroed", m, len);
    if (P_MADVISE(m, probe_h, MADV_DONTNEED) == 0) {
        print_map("after MADV_DONTNEED of page 0", m, len);
    }
    P_MUNMAP(m, len);
    close(fd);
}

/* Protection and unmapping act on whole pages. */
static void scene_protect(void)
{
    size_t len = 3 * probe_h;
    unsigned char *m = P_MMAP(NULL, len, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED) {
        printf("protect: mmap %s\n", strerror(errno));
        return;
    }
    printf("%-40s %s\n", "anonymous mapping H-aligned",
           ((uintptr_t)m & (probe_h - 1)) == 0 ? "yes" : "no");
    memset(m, 'w', len);
    P_MPROTECT(m + probe_h, probe_h, PROT_NONE);
    print_map("page 1 PROT_NONE", m, len);
    P_MUNMAP(m + 2 * probe_h, probe_h);
    print_map("page 2 unmapped", m, len);
    P_MADVISE(m, probe_h, MADV_DONTNEED);
    print_map("page 0 MADV_DONTNEED", m, 2 * probe_h);
    P_MUNMAP(m, 2 * probe_h);
}

static void probe_run(size_t h)
{
    struct sigaction sa;

    probe_h = h;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = probe_fault;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    printf("H = %zu KiB\n", h / 1024);
    scene_eof(MAP_SHARED, "shared");
    scene_eof(MAP_PRIVATE, "private");
    scene_private_write();
    scene_protect();
    fflush(stdout);
}

#ifndef PROBE_HOSTPAGE_LAYER
int main(void)
{
    probe_run(getpagesize());
    return 0;
}
#endif
