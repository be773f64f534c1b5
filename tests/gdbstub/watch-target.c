/*
 * watch-target.c: the program run-check-gdbstub.sh debugs with gdb's
 * watchpoints (hwwatch.gdb, rwatch.gdb, awatch.gdb).  counter shares its
 * page with neighbours that churn() reads and writes thousands of times,
 * also with rep stosb: a watchpoint on counter must let them through
 * without a stop.  fill() runs rep stosb across counter: x86 traps after
 * the iteration that writes its first byte, with the pc still at the rep
 * instruction (at_rep) and ecx counting the bytes left.  Each other access
 * to counter is one instruction followed by a global label (after_store,
 * after_read, after_add), which is where x86 leaves the pc when a data
 * breakpoint traps, after the instruction: the
 * native reference of the read and access sessions stops there with
 * breakpoints (this machine's hypervisor does not deliver the host's own
 * debug-register traps), the emulated session with watchpoints.
 */
#include <stddef.h>

static struct {
    volatile long before[8];
    volatile int counter;
    volatile int after[8];
    unsigned char block[256];
} g __attribute__((aligned(4096)));
volatile long sink;
/* Rounds of churn: gdb's own watchpoint of the native reference steps
   through every instruction, so hwwatch.gdb makes it few there. */
volatile int rounds = 1000;

__attribute__((noinline)) void churn(int n)
{
    for (int i = 0; i < n; i++) {
        unsigned char *p = g.block;
        size_t len = sizeof(g.block);

        g.before[i & 7] += i;
        g.after[i & 7] = g.before[i & 7];
        sink = g.after[(i + 1) & 7];
        __asm__ volatile("rep stosb" : "+D"(p), "+c"(len) : "a"(i) : "memory");
    }
}

__attribute__((noinline)) void store_counter(int v)
{
    __asm__ volatile("movl %1, %0\n.globl after_store\nafter_store:"
                     : "=m"(g.counter) : "r"(v));
}

__attribute__((noinline)) int read_counter(void)
{
    int v;

    __asm__ volatile("movl %1, %0\n.globl after_read\nafter_read:"
                     : "=r"(v) : "m"(g.counter));
    return v;
}

__attribute__((noinline)) void add_counter(void)
{
    __asm__ volatile("addl $2, %0\n.globl after_add\nafter_add:" : "+m"(g.counter));
}

/* 24 bytes of 0x01 from g.before[6]: counter is bytes 16-19. */
__attribute__((noinline)) void fill(void)
{
    unsigned char *p = (unsigned char *)&g.before[6];
    size_t len = 2 * sizeof(g.before[0]) + sizeof(g.counter) + sizeof(g.after[0]);

    __asm__ volatile(".globl at_rep\nat_rep: rep stosb"
                     : "+D"(p), "+c"(len) : "a"(1) : "memory");
}

int main(void)
{
    churn(rounds);
    store_counter(5);
    churn(rounds);
    store_counter(5);   /* the same value: a write watchpoint does not stop */
    sink = read_counter();
    add_counter();      /* reads and writes: one stop */
    churn(10);
    fill();
    return 0;
}
