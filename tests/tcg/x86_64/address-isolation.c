/*
 * address-isolation: every address this process can read is one that its
 * own /proc/self/maps lists (issue 11: an emulator whose guest shares the
 * address space with it must not let a guest pointer reach the emulator's
 * memory).  A child reads the parent's maps from outside, /proc/PPID/maps:
 * the kernel's view of the whole process, which under an emulator also
 * lists the emulator's own memory.  The parent then reads the first and
 * last byte of every readable range of that view and compares with its
 * own view: natively the two views are one, so the program prints
 * "isolation ok"; under an emulator a range that only the outside view
 * lists must fault.  Each byte is read three ways: through a pointer, by
 * code with the address as an immediate, and by code indexing a constant
 * base with a zero-extended byte (an emulator that knows an address's
 * range at translation may skip its check: that must not let these
 * through).  x86_64 only: an i386 guest cannot name the addresses.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define MAPS_BYTES (1 << 20)

static char outside[MAPS_BYTES], inside[MAPS_BYTES];
static sigjmp_buf jb;

static void on_fault(int sig)
{
    (void)sig;
    siglongjmp(jb, 1);
}

static size_t read_all(int fd, char *buf)
{
    size_t n = 0;
    ssize_t r;

    while (n < MAPS_BYTES - 1 && (r = read(fd, buf + n, MAPS_BYTES - 1 - n)) > 0) {
        n += r;
    }
    buf[n] = 0;
    return n;
}

/* The parent's maps as the kernel sees the process, read by a child. */
static void read_outside_view(void)
{
    int fds[2];
    pid_t pid;

    if (pipe(fds) != 0 || (pid = fork()) < 0) {
        perror("pipe/fork");
        exit(2);
    }
    if (pid == 0) {
        char path[64];
        static char buf[MAPS_BYTES];
        int fd;
        size_t n;

        snprintf(path, sizeof(path), "/proc/%d/maps", (int)getppid());
        fd = open(path, O_RDONLY);
        n = fd < 0 ? 0 : read_all(fd, buf);
        if (write(fds[1], buf, n) != (ssize_t)n) {
            _exit(1);
        }
        _exit(0);
    }
    close(fds[1]);
    read_all(fds[0], outside);
    close(fds[0]);
    waitpid(pid, NULL, 0);
}

/* Whether the maps text lists addr in a readable range. */
static int listed_readable(const char *maps, unsigned long addr)
{
    const char *line = maps;

    while (*line) {
        unsigned long start, end;
        char perms[8];

        if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) == 3
            && addr >= start && addr < end) {
            return perms[0] == 'r';
        }
        line = strchr(line, '\n');
        if (!line) {
            break;
        }
        line++;
    }
    return 0;
}

enum { BY_POINTER, BY_IMMEDIATE, BY_BYTE_INDEX, READ_WAYS };
static const char *const way_name[READ_WAYS] = { "pointer", "immediate", "byte index" };
static unsigned char *code;

#define INDEX 200

/* Code reading the byte at addr the way given, returning it in %eax. */
static void put_reader(int way, unsigned long addr)
{
    unsigned char *p = code;

    *p++ = 0x48;                            /* movabs $imm64, %rax */
    *p++ = 0xb8;
    if (way == BY_IMMEDIATE) {
        memcpy(p, &addr, 8);
        p += 8;
        memcpy(p, "\x0f\xb6\x00", 3);        /* movzbl (%rax), %eax */
        p += 3;
    } else {
        unsigned long base = addr - 8 * INDEX;

        memcpy(p, &base, 8);
        p += 8;
        memcpy(p, "\x40\x0f\xb6\xff", 4);    /* movzbl %dil, %edi */
        p += 4;
        memcpy(p, "\x0f\xb6\x04\xf8", 4);    /* movzbl (%rax,%rdi,8), %eax */
        p += 4;
    }
    *p = 0xc3;
}

static int can_read(int way, unsigned long addr)
{
    if (sigsetjmp(jb, 1)) {
        return 0;
    }
    if (way == BY_POINTER) {
        (void)*(volatile const char *)addr;
    } else {
        put_reader(way, addr);
        ((int (*)(int))code)(INDEX);
    }
    return 1;
}

int main(void)
{
    struct sigaction sa;
    const char *line;
    int fd, bad = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_fault;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    read_outside_view();
    fd = open("/proc/self/maps", O_RDONLY);
    if (fd < 0 || read_all(fd, inside) == 0) {
        perror("/proc/self/maps");
        return 2;
    }
    close(fd);

    for (line = outside; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        unsigned long start, end, probe[2];
        char perms[8];

        int len = strchrnul(line, '\n') - line;

        /* [vvar] (and [vvar_vclock]) hold pages that fault even natively. */
        if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) != 3 || perms[0] != 'r'
            || memmem(line, len, "[vvar", 5)) {
            continue;
        }
        probe[0] = start;
        probe[1] = end - 1;
        for (int i = 0; i < 2; i++) {
            for (int way = 0; way < READ_WAYS; way++) {
                int readable = can_read(way, probe[i]);

                if (readable != listed_readable(inside, probe[i])) {
                    printf("0x%lx by %s: %s, but /proc/self/maps %s it [%.*s]\n",
                           probe[i], way_name[way], readable ? "readable" : "not readable",
                           readable ? "does not list" : "lists", len, line);
                    bad++;
                }
            }
        }
    }
    printf(bad ? "isolation broken at %d addresses\n" : "isolation ok\n", bad);
    return bad != 0;
}
