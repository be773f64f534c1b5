/*
 * native-stack.c: gives the native run the emulator's initial stack block
 * (argc, argv, envp, the auxiliary vector and the strings and AT_RANDOM
 * bytes above them), at the emulator's address, so that the two runs start
 * with the same bytes at the same addresses.  Otherwise stack addresses
 * differ, and with them everything computed from them (alignment and
 * page-offset tests in strlen, pointer mangling), and so do the values in
 * the block: the kernel gives more auxv entries (AT_SYSINFO_EHDR,
 * AT_MINSIGSTKSZ...), its own hardware capabilities and random bytes.  The
 * copy is made at the first instruction, read from the emulator's memory;
 * 0 when the emulator has ended already (a program of a few blocks).
 */
#include <stdlib.h>
#include <sys/mman.h>
#include "lockstep.h"

/* The guest stack size the emulator maps by default. */
#define STACK_SIZE (8ull << 20)
#define NR_MMAP 9

uint64_t native_copy_stack(Native *n, GuestState *s, Emulated *e)
{
    uint64_t sp = s->gpr[GPR_RSP], top = emulated_mapping_end(e, sp);
    size_t len = top - sp;
    uint8_t *block = malloc(len);
    uint64_t args[6];

    if (!top || emulated_peek(e, sp, block, len) != len) {
        free(block);
        return 0;
    }
    args[0] = (top - STACK_SIZE) & ~0xfffull;
    args[1] = top - args[0];
    args[2] = PROT_READ | PROT_WRITE;
    args[3] = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    args[4] = -1ull;
    args[5] = 0;
    if (native_syscall(n, NR_MMAP, args) != args[0] || native_write(n, sp, block, len) != len) {
        fprintf(stderr, "lockstep: cannot map the stack at %#llx natively\n",
                (unsigned long long)args[0]);
        exit(2);
    }
    free(block);
    native_set_state(n, s);
    return top;
}
