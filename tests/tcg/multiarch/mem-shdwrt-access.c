/*
 * mem-shdwrt-access: every kind of access to shared memory that a large-page
 * host cannot map in place (issue 6, point 3).  A memfd is mapped MAP_SHARED
 * at the last 4 KiB page of a 64 KiB-aligned region and onwards, so that
 * under a 16 or 64 KiB host page its pages are redirected, with private
 * memory before it in the same host page and after it in the next one:
 * - unaligned and page-crossing loads and stores (one half redirected, the
 *   other not), of every width, SSE included;
 * - REP MOVS/STOS/CMPS/SCAS across redirected pages;
 * - LOCK'd instructions, XCHG, CMPXCHG8B (and CMPXCHG16B on x86_64);
 * - x87 loads and stores, FXSAVE;
 * - a signal frame on a redirected alternate stack;
 * - code fetched from a shared PROT_EXEC mapping, rewritten through it;
 * - system calls whose buffers are redirected (stat, getdents64, recvmsg).
 * Results are compared with a native run.
 */
#include "mem-test.h"
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static unsigned char *region;   /* 3 x 64 KiB, 64 KiB aligned */
static unsigned char *shared;   /* 4 pages from region + 15 pages */

static void setup(void)
{
    region = map_aligned(3 * BIG_PAGE, PROT_READ | PROT_WRITE);
    int fd = (int)syscall(SYS_memfd_create, "access", 0);
    if (fd < 0 || ftruncate(fd, 8 * PAGE)) {
        perror("memfd");
        exit(2);
    }
    shared = mmap(region + 15 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_SHARED | MAP_FIXED, fd, PAGE);
    if (shared == MAP_FAILED) {
        printf("mmap: %s\n", strerror(errno));
        exit(1);
    }
    /* private memory after the shared pages, in the next host page */
    memset(region + 19 * PAGE, 0x5a, PAGE);
    memset(region + 14 * PAGE, 0xa5, PAGE);
}

static unsigned long checksum(const unsigned char *p, size_t n)
{
    unsigned long s = 0;
    for (size_t i = 0; i < n; i++)
        s = s * 31 + p[i];
    return s;
}

static void crossing(void)
{
    /* private page 14 | shared 15: a crossing store from private into shared */
    unsigned char *a = shared - 3;
    __asm__ volatile("movl %1, %0" : "=m"(*(unsigned *)a) : "r"(0x11223344u));
    unsigned char *b = shared + 4 * PAGE - 5;          /* shared 18 | private 19 */
    __asm__ volatile("movups %1, %%xmm0\n\tmovups %%xmm0, %0"
                     : "=m"(*(char (*)[16])b)
                     : "m"(*(const char (*)[16])"0123456789abcdef") : XMM0_CLOBBER "memory");
    unsigned long long q;
    __asm__ volatile("movq %1, %%xmm0\n\tmovq %%xmm0, %0" : "=m"(q) : "m"(*(unsigned long long *)(shared + PAGE - 4)) : XMM0_CLOBBER "memory");
    unsigned short w = *(volatile unsigned short *)(shared + 2 * PAGE - 1);
    printf("crossing: %08x %.16s %016llx %04x\n", *(unsigned *)a, b, q, w);
}

static void strings(void)
{
    unsigned char *p = shared + PAGE - 100, *d = shared + 3 * PAGE - 50;
    size_t n = 300;
    void *dst = p, *src;
    unsigned char v = 0x42;
    __asm__ volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(v) : "memory");
    n = 300;
    dst = d;
    src = p;
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
    d[150] = 0x43;
    n = 300;
    dst = d;
    src = p;
    __asm__ volatile("repe cmpsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory", "cc");
    size_t left_cmps = n;
    n = 300;
    dst = p;
    __asm__ volatile("repne scasb" : "+D"(dst), "+c"(n) : "a"(0x43) : "memory", "cc");
    printf("strings: cmps stopped with %zu left, scas found nothing %d, sum %lx\n",
           left_cmps, n == 0, checksum(d, 300));
}

static void atomics(void)
{
    unsigned *c = (unsigned *)(shared + PAGE + 64);
    *c = 5;
    __asm__ volatile("lock incl %0" : "+m"(*c));
    unsigned x = 100;
    __asm__ volatile("xchg %0, %1" : "+r"(x), "+m"(*c));
    unsigned old = 100;
    __atomic_compare_exchange_n(c, &old, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    unsigned long long *d = (unsigned long long *)(shared + 2 * PAGE + 8);
    *d = 1;
    unsigned long long expect = 1;
    int ok8 = __atomic_compare_exchange_n(d, &expect, 0x100000002ull, 0, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST);
    printf("atomics: xchg got %u, value %u, cmpxchg8b %d -> %llx\n", x, *c, ok8, *d);
#ifdef __x86_64__
    unsigned __int128 *o = (unsigned __int128 *)(shared + 3 * PAGE + 16);
    *o = 3;
    unsigned long lo = 3, hi = 0, nlo = 9, nhi = 8;
    unsigned char ok16;
    __asm__ volatile("lock cmpxchg16b %1; sete %0"
                     : "=q"(ok16), "+m"(*o), "+a"(lo), "+d"(hi) : "b"(nlo), "c"(nhi) : "cc");
    printf("cmpxchg16b %d -> %lx %lx\n", ok16, (unsigned long)*o, (unsigned long)(*o >> 64));
#endif
}

static void fpu(void)
{
    double *dv = (double *)(shared + 2 * PAGE - 4);     /* crosses pages 16|17 */
    *dv = 2.5;
    double r;
    __asm__ volatile("fldl %1\n\tfadd %%st(0), %%st(0)\n\tfstpl %0" : "=m"(r) : "m"(*dv));
    long double *ld = (long double *)(shared + 3 * PAGE + 100);
    __asm__ volatile("fldpi\n\tfstpt %0" : "=m"(*ld));
    static unsigned char area[512 + 16];
    unsigned char *fx = (unsigned char *)(((uintptr_t)shared + 2 * PAGE + 512) & ~15ul);
    __asm__ volatile("fxsave %0" : "=m"(*(unsigned char (*)[512])fx));
    memcpy(area, fx, 32);
    printf("fpu: %g %.6Lf fxsave fcw %04x\n", r, *ld, area[0] | area[1] << 8);
}

static volatile int handled;
static void on_usr1(int sig)
{
    volatile char local[64];
    local[0] = (char)sig;
    handled = local[0];
}

static void altstack(void)
{
    stack_t ss = { .ss_sp = shared + PAGE, .ss_size = 2 * PAGE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    printf("signal on a redirected stack: handled %d\n", handled);
}

static void code(void)
{
    unsigned char *f = shared + 3 * PAGE + 1024;
    f[0] = 0xb8;                        /* mov $imm, %eax; ret */
    *(unsigned *)(f + 1) = 1234;
    f[5] = 0xc3;
    unsigned (*fn)(void) = (unsigned (*)(void))(uintptr_t)f;
    unsigned a = fn();
    *(unsigned *)(f + 1) = 5678;
    unsigned b = fn();
    printf("code from the shared mapping: %u then %u\n", a, b);
}

static void syscalls(void)
{
    struct stat *st = (struct stat *)(shared + PAGE - 40);     /* crosses 15|16 */
    printf("stat: %d, a directory %d\n", stat("/", st), S_ISDIR(st->st_mode));
    int dfd = open("/", O_RDONLY | O_DIRECTORY);
    long n = syscall(SYS_getdents64, dfd, shared + 2 * PAGE - 100, 400);
    printf("getdents64: some %d\n", n > 0);
    close(dfd);
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    send(sv[0], "datagram", 8, 0);
    struct iovec iov = { shared + 3 * PAGE - 4, 8 };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
    printf("recvmsg: %zd %.8s\n", recvmsg(sv[1], &mh, 0), (char *)iov.iov_base);
    close(sv[0]);
    close(sv[1]);
}

int main(void)
{
    setup();
    crossing();
    strings();
    atomics();
    fpu();
    altstack();
    code();
    syscalls();
    printf("private neighbours intact: %d %d\n", region[14 * PAGE] == 0xa5,
           region[19 * PAGE + 100] == 0x5a);
    return 0;
}
