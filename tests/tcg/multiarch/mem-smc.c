/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-smc: self-modifying code at 4 KiB (issue 5, point 8).  Code written
 * into an RWX page runs, is rewritten and runs anew; data stored next to it
 * (same page, and the other pages of its 64 KiB region) does not break it;
 * an instruction that spans two pages is rewritten in its second page; code
 * is rewritten through a second, writable mapping of the same memfd while
 * it is run from the executable one; the usual JIT dance (write, make it
 * RX, run, make it RW, rewrite, RX, run) works; and a block that rewrites
 * its own next instruction runs the new one (x86 guarantees it), also when
 * that instruction is on the block's second page.
 */
#include "mem-test.h"
#include <sys/syscall.h>

static unsigned call(unsigned char *code)
{
    return ((unsigned (*)(void))(uintptr_t)code)();
}

static void rewrite_and_run(unsigned char *m)
{
    unsigned char *code = m + 2 * PAGE + 0x40;
    put_code(code, 1);
    unsigned a = call(code);
    put_code(code, 2);
    unsigned b = call(code);
    code[1] = 3;                                 /* only the immediate */
    unsigned c = call(code);
    printf("rewritten in place: %u %u %u\n", a, b, c);

    /* Stores to data around the code, in its page and its 64 KiB region. */
    unsigned sum = 0, stores = 0;
    for (unsigned i = 0; i < 3000; i++) {
        m[2 * PAGE + 0x800 + i % 64] = (unsigned char)i;
        m[(i % 16) * PAGE + 0xc00] = (unsigned char)i;
        stores += 2;
        sum += call(code);
    }
    printf("3000 calls with %u stores next to the code: sum %u\n", stores, sum);

    /* Interleave: each call's code is rewritten just before it. */
    sum = 0;
    for (unsigned i = 0; i < 1000; i++) {
        code[1] = (unsigned char)i;
        sum += call(code);
    }
    printf("rewritten before each of 1000 calls: sum %u\n", sum);

    /* mov straddling pages 5 and 6: its immediate is rewritten on page 6. */
    unsigned char *straddle = m + 6 * PAGE - 3;
    put_code(straddle, 0x01010101);
    unsigned d = call(straddle);
    straddle[4] = 0x02;                          /* top byte of the immediate, on page 6 */
    unsigned e = call(straddle);
    printf("straddling: %08x %08x\n", d, e);
}

/*
 *     call 1f; 1: pop %eax/%rax; movb $42, 6(%eax/%rax); mov $1, %eax; ret
 * The movb rewrites the mov's immediate: the same in 32- and 64-bit code.
 */
static const unsigned char rewrites_next[] = {
    0xe8, 0, 0, 0, 0, 0x58, 0xc6, 0x40, 0x06, 0x2a, 0xb8, 1, 0, 0, 0, 0xc3,
};

static void rewrites_itself(unsigned char *m)
{
    /* in one page; and with the movb across the page end, the mov after it */
    unsigned char *places[] = { m + 9 * PAGE + 0x100, m + 11 * PAGE - 8 };
    for (unsigned p = 0; p < 2; p++) {
        unsigned out[3];
        for (unsigned i = 0; i < 3; i++) {
            memcpy(places[p], rewrites_next, sizeof(rewrites_next));
            out[i] = call(places[p]);
        }
        printf("block rewriting its next instruction (%s): %u %u %u\n",
               p ? "on its second page" : "same page", out[0], out[1], out[2]);
    }
}

static void second_mapping(void)
{
    int fd = syscall(SYS_memfd_create, "smc", 0);
    ftruncate(fd, BIG_PAGE);
    unsigned char *rx = mmap(NULL, BIG_PAGE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    unsigned char *rw = mmap(NULL, BIG_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rx == MAP_FAILED || rw == MAP_FAILED) {
        printf("memfd mappings failed\n");
        return;
    }
    unsigned out[4];
    for (unsigned i = 0; i < 4; i++) {
        put_code(rw + 3 * PAGE + 0x10, 10 + i);
        out[i] = call(rx + 3 * PAGE + 0x10);
    }
    printf("through a second mapping: %u %u %u %u\n", out[0], out[1], out[2], out[3]);
    munmap(rx, BIG_PAGE);
    munmap(rw, BIG_PAGE);
    close(fd);
}

static void jit_dance(void)
{
    unsigned char *m = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE);
    unsigned char *code = m + 7 * PAGE;
    unsigned out[3];
    for (unsigned i = 0; i < 3; i++) {
        mprotect(code, PAGE, PROT_READ | PROT_WRITE);
        put_code(code + i * 16, 20 + i);
        put_code(code, 30 + i);
        mprotect(code, PAGE, PROT_READ | PROT_EXEC);
        out[i] = call(code) + call(code + i * 16);
    }
    printf("write, RX, run: %u %u %u\n", out[0], out[1], out[2]);
    munmap(m, BIG_PAGE);
}

int main(void)
{
    unsigned char *m = map_aligned(BIG_PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
    rewrite_and_run(m);
    rewrites_itself(m);
    second_mapping();
    jit_dance();
    return 0;
}
