/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * ret-predict: what an emulator that chains a ret to the targets it has
 * seen (docs/devel/execution.md) or predicts returns from the calls it saw
 * (the experiment in docs/devel/performance.md) must get right, each run
 * often enough for its blocks to be chained: a callee that changes its
 * return address on the stack; one return site reached with the flags of
 * different callees (cmp, test, add), which it then reads; both from two
 * call sites, so that each ret has more than one target; a recursion deeper
 * than a small return stack; and a return site whose code the callee
 * rewrites before returning to it.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#ifdef __x86_64__
#define SP "%rsp"
/* A call in inline asm must not overwrite the red zone gcc may use; lea
   keeps the flags. */
#define OFF_RED_ZONE "lea -128(%%rsp), %%rsp\n\t"
#define ON_RED_ZONE "lea 128(%%rsp), %%rsp\n\t"
#else
#define SP "%esp"
#define OFF_RED_ZONE ""
#define ON_RED_ZONE ""
#endif

/* skip_mov returns, when ecx is not zero, 5 bytes past its call site, over
   a mov $1, %eax; both its rets leave the flags of the test. */
asm(".text\n"
    "skip_mov:\n\t"
    "test %ecx, %ecx\n\t"
    "jz 1f\n\t"
#ifdef __x86_64__
    "pop %rdx\n\tlea 5(%rdx), %rdx\n\tpush %rdx\n"
#else
    "pop %edx\n\tlea 5(%edx), %edx\n\tpush %edx\n"
#endif
    "1:\tret\n"
    "ret_cmp:\n\tcmp %edx, %ecx\n\tret\n"
    "ret_test:\n\ttest %ecx, %ecx\n\tret\n"
    "ret_add:\n\tadd %edx, %ecx\n\tret\n");
void ret_cmp(void), ret_test(void), ret_add(void);

/* CALL_FROM_TWO_SITES: a call from one of two sites, chosen by %edi: each
   ret of the callees returns to more than one place, so the emulator's
   chaining of a ret to its first target does not serve them all. */
#define CALL_FROM_TWO_SITES(call, after)                                   \
    "test %%edi, %%edi\n\t"                                              \
    "jz 2f\n\t"                                                          \
    call "\n\t" after "\n\t"                                             \
    "jmp 3f\n"                                                           \
    "2:\t" call "\n\t" after "\n"                                        \
    "3:\t"

static unsigned skipped_return(unsigned site, unsigned skip)
{
    unsigned r;

    asm volatile(OFF_RED_ZONE
                 "mov $2, %%eax\n\t"
                 CALL_FROM_TWO_SITES("call skip_mov", "mov $1, %%eax")
                 ON_RED_ZONE
                 : "=a"(r), "+c"(skip) : "D"(site) : "edx", "cc", "memory");
    return r;
}

/* Calls fn and reads the flags it left with setcc, which the translator
   computes from the cc_op the block starts with: CF, ZF, SF, and the low
   byte of ecx. */
static unsigned flags_after(unsigned site, void (*fn)(void), unsigned a, unsigned b)
{
    unsigned r;

    asm volatile(OFF_RED_ZONE
                 CALL_FROM_TWO_SITES("call *%[fn]", "setc %%al\n\tsetz %%ah\n\tsets %%dl")
                 ON_RED_ZONE
                 : "=&a"(r), "+c"(a), "+d"(b)
                 : [fn] "r"(fn), "D"(site)
                 : "cc", "memory");
    return (r & 0xffff) | (b & 0xff) << 16 | (a & 0xff) << 24;
}

static __attribute__((noinline)) unsigned deep(unsigned n)
{
    unsigned r;

    if (n == 0) {
        return 1;
    }
    r = deep(n - 1);
    asm volatile("" : "+r"(r) : : "memory");    /* no tail call */
    return r * 3 + n;
}

/* The return site the patcher rewrites: "mov $imm32, %eax" at ret_site. */
static unsigned char *ret_site;
static unsigned next_value;

static void patcher(void)
{
    if (memcmp(ret_site + 1, &next_value, 4) != 0) {
        memcpy(ret_site + 1, &next_value, 4);
    }
}

/* entry: (sub $8, %rsp;) mov $patcher, %eax/%rax; call *%eax/%rax;
   (add $8, %rsp;) mov $imm32, %eax; ret.  The stack adjustment keeps the
   x86-64 ABI's alignment for patcher. */
static unsigned char *build_code(unsigned char *p)
{
    unsigned char *entry = p;
    uintptr_t target = (uintptr_t)patcher;

#ifdef __x86_64__
    memcpy(p, "\x48\x83\xec\x08\x48\xb8", 6);
    p += 6;
#else
    *p++ = 0xb8;
#endif
    memcpy(p, &target, sizeof(target));
    p += sizeof(target);
    *p++ = 0xff;
    *p++ = 0xd0;
#ifdef __x86_64__
    memcpy(p, "\x48\x83\xc4\x08", 4);
    p += 4;
#endif
    ret_site = p;
    memcpy(p, "\xb8\0\0\0\0\xc3", 6);
    return entry;
}

int main(void)
{
    void (*const fns[3])(void) = { ret_cmp, ret_test, ret_add };
    unsigned sum = 0, i;

    for (i = 0; i < 2000; i++) {
        sum += skipped_return(i % 7 < 3, i % 5 < 2);
    }
    printf("return address changed by the callee 2 times in 5: %u (2800 expected)\n", sum);

    sum = 0;
    for (i = 0; i < 3000; i++) {
        unsigned v = flags_after(i % 7 < 3, fns[i % 3], i * 2654435761u, i * 40503u);
        sum = sum * 31 + v;
        if (i < 6) {
            printf("flags after callee %u: %u\n", i % 3, v);
        }
    }
    printf("3000 returns with three callees' flags: %08x\n", sum);

    sum = 0;
    for (i = 0; i < 100; i++) {
        sum += deep(i % 40);
    }
    printf("recursion to depth 39, 100 times: %08x\n", sum);

    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    unsigned (*entry)(void) = (unsigned (*)(void))(uintptr_t)build_code(code);
    sum = 0;
    for (i = 0; i < 1000; i++) {
        next_value = i % 3 == 0 ? i : 7;         /* rewritten 2 times in 3 */
        sum += entry();
    }
    printf("return site rewritten by the callee: %u\n", sum);
    return 0;
}
