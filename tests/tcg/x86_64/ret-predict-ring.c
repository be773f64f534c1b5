/*
 * ret-predict-ring: returns that an emulator may predict from the call
 * that pushed their return address (a ret whose target differs from the
 * first one it took; multiarch/ret-predict has more of the same).  Each
 * ret here first returns to one call site, then to others, and must land
 * where the stack says with the flags it left:
 * - flags: a function with two rets that leave different flags (a cmp's,
 *   an add's) returns to one call site, whose code reads them;
 * - moved: a callee that overwrites its return address returns elsewhere;
 * - smc: the code at a return address is rewritten between calls, in a
 *   page of its own (the call's code stays);
 * - many: one leaf called from 64 call sites, and a recursion deeper than
 *   any ring of predictions.
 * Every call follows an xor, so that the callee's code is entered with the
 * same flags state (an emulator's block key) from each call site.  An
 * emulator may predict returns only in a program whose indirect jumps miss
 * its cache of recent targets (ours: performance.md, 29), so the test
 * first calls 20,000 functions made at run time, each once, through one
 * call site.
 * Printed: what each returned.  x86_64 only.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* flags_ret(rdi): rdi 0 leaves the flags of 0 - 1, 1 those of -1 + 1, 2
   those of 3 >> 1 (each read as another's gives another CF or ZF): three
   flags states, more than an emulator may predict for one return site.
   flags_site1/2 call it and return the flags they find after the call,
   read by setcc (which an emulator translates for the flags it expects
   there, where pushf may read them whole) as CF | ZF << 1 | SF << 2 |
   OF << 3 | PF << 4. */
extern uint64_t flags_site1(uint64_t which), flags_site2(uint64_t which);
__asm__(".text\n"
        "flags_ret: cmp $1, %rdi\n"
        "  je 1f\n"
        "  ja 2f\n"
        "  xor %eax, %eax\n"
        "  cmp $1, %rax\n"
        "  ret\n"
        "1: mov $-1, %rax\n"
        "  add $1, %rax\n"
        "  ret\n"
        "2: mov $3, %eax\n"
        "  sar $1, %rax\n"
        "  ret\n"
        ".macro flags_site\n"
        "  xor %eax, %eax\n"
        "  call flags_ret\n"
        "  setc %al\n"
        "  setz %cl\n"
        "  sets %dl\n"
        "  seto %r8b\n"
        "  setp %r9b\n"
        "  movzbl %al, %eax\n"
        "  movzbl %cl, %ecx\n"
        "  movzbl %dl, %edx\n"
        "  movzbl %r8b, %r8d\n"
        "  movzbl %r9b, %r9d\n"
        "  lea (%rax,%rcx,2), %rax\n"
        "  lea (%rax,%rdx,4), %rax\n"
        "  lea (%rax,%r8,8), %rax\n"
        "  shl $4, %r9d\n"
        "  or %r9, %rax\n"
        "  ret\n"
        ".endm\n"
        "flags_site1: flags_site\n"
        "flags_site2: flags_site\n");

/* moved_callee(rdi): rdi 0 returns normally (the caller returns 1), else
   to moved_other (the caller returns 2). */
extern uint64_t moved_site1(uint64_t how), moved_site2(uint64_t how);
__asm__(".text\n"
        "moved_callee: test %rdi, %rdi\n"
        "  jz 1f\n"
        "  lea moved_other(%rip), %rax\n"
        "  mov %rax, (%rsp)\n"
        "1: ret\n"
        "moved_other: mov $2, %eax\n"
        "  ret\n"
        "moved_site1: xor %eax, %eax\n"
        "  call moved_callee\n"
        "  mov $1, %eax\n"
        "  ret\n"
        "moved_site2: xor %eax, %eax\n"
        "  call moved_callee\n"
        "  mov $1, %eax\n"
        "  ret\n");

static void test_flags(void)
{
    printf("flags: site1 %#lx %#lx %#lx\n", (unsigned long)flags_site1(0),
           (unsigned long)flags_site1(1), (unsigned long)flags_site1(2));
    for (int i = 0; i < 60; i++) {
        uint64_t f = flags_site2((i * 7 + i / 5) % 3);

        if (i < 12 || i % 10 == 0) {
            printf("flags: site2 %d %#lx\n", i, (unsigned long)f);
        }
    }
}

static void test_moved(void)
{
    unsigned long sum = moved_site1(0);

    for (int i = 0; i < 40; i++) {
        sum = sum * 3 + moved_site2(i % 4 == 1);
    }
    printf("moved: %lu\n", sum);
}

/*
 * Machine code in two writable pages: two callers of one ret, the first's
 * call ending the first page, so that its return address starts the second
 * and rewriting the code there leaves the call's own code alone.
 */
static void test_smc(void)
{
    enum { CALLER2 = 0x100, CALLEE = 0x200, CALLER1 = 4096 - 7, R1 = 4096 };
    uint8_t *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int32_t rel;
    unsigned long sum = 0;

    if (page == MAP_FAILED) {
        perror("mmap");
        return;
    }
    memcpy(page + CALLER1, "\x31\xc0\xe8", 3);          /* xor; call callee */
    rel = CALLEE - R1;
    memcpy(page + CALLER1 + 3, &rel, 4);
    page[R1] = 0xb8;                                /* mov $imm, %eax */
    memcpy(page + R1 + 1, &(int32_t){ 7 }, 4);
    page[R1 + 5] = 0xc3;                            /* ret */
    memcpy(page + CALLER2, "\x31\xc0\xe8", 3);
    rel = CALLEE - (CALLER2 + 7);
    memcpy(page + CALLER2 + 3, &rel, 4);
    page[CALLER2 + 7] = 0xc3;
    page[CALLEE] = 0xc3;

    ((void (*)(void))(page + CALLER2))();
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 30; i++) {
            sum = sum * 5 + ((uint32_t (*)(void))(page + CALLER1))();
        }
        page[R1 + 1] = (uint8_t)(11 + round);
        sum = sum * 5 + ((uint32_t (*)(void))(page + CALLER1))();
        printf("smc: round %d %lu\n", round, sum);
    }
    munmap(page, 8192);
}

static unsigned __attribute__((noinline)) leaf(unsigned x)
{
    __asm__ volatile("" : "+r"(x));
    return x * 2654435761u >> 7;
}

#define CALL4(n) s = s * 31 + leaf(n); s = s * 31 + leaf(n + 1); \
    s = s * 31 + leaf(n + 2); s = s * 31 + leaf(n + 3);
#define CALL16(n) CALL4(n) CALL4(n + 4) CALL4(n + 8) CALL4(n + 12)

static unsigned __attribute__((noinline)) many_sites(unsigned s)
{
    CALL16(0) CALL16(16) CALL16(32) CALL16(48)
    return s;
}

/* Two call sites of one recursive function. */
static unsigned __attribute__((noinline)) deep(unsigned n)
{
    if (n == 0) {
        return 1;
    }
    if (n & 1) {
        return deep(n - 1) * 3 + n;
    }
    return deep(n - 1) ^ (n << 2);
}

static void test_many(void)
{
    unsigned s = 0;

    for (int i = 0; i < 200; i++) {
        s = many_sites(s);
    }
    printf("many: sites %u\n", s);
    for (unsigned n = 1000; n < 1010; n++) {
        s = s * 7 + deep(n);
    }
    printf("many: deep %u\n", s);
}

/* 20,000 functions `mov $i, %eax; ret`, called through one pointer. */
static void test_many_targets(void)
{
    enum { N = 20000, STRIDE = 8 };
    uint8_t *code = mmap(NULL, N * STRIDE, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned long sum = 0;

    if (code == MAP_FAILED) {
        perror("mmap");
        return;
    }
    memset(code, 0xcc, N * STRIDE);
    for (uint32_t i = 0; i < N; i++) {
        uint32_t value = i * 2654435761u;

        code[i * STRIDE] = 0xb8;
        memcpy(code + i * STRIDE + 1, &value, 4);
        code[i * STRIDE + 5] = 0xc3;
    }
    for (int i = 0; i < N; i++) {
        sum = sum * 3 + ((uint32_t (*)(void))(code + i * STRIDE))();
    }
    printf("targets: %lu\n", sum);
    munmap(code, N * STRIDE);
}

int main(void)
{
    test_many_targets();
    test_flags();
    test_moved();
    test_smc();
    test_many();
    return 0;
}
