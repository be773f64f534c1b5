/*
 * native-stack.c: moves the native initial stack to the emulator's address,
 * in the emulator's shape, so that every stack address is the same in both
 * runs: otherwise stack addresses differ, and with them everything computed
 * from them (alignment and page-offset tests in strlen, pointer mangling).
 *
 * The kernel's auxiliary vector has entries the emulator does not give
 * (AT_SYSINFO_EHDR, AT_MINSIGSTKSZ, AT_RSEQ_*...); they are dropped so that
 * argc, argv, envp and auxv sit at the same distance under the strings.  The
 * block is then copied to a fresh mapping at the emulator's place, its
 * pointers moved with it.  The values in the block still differ (hardware
 * capabilities, AT_RANDOM bytes): what the program reads from it is taken
 * from the emulator (see lockstep.c).
 */
#include <elf.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "lockstep.h"

/* The guest stack size the emulator maps by default. */
#define STACK_SIZE (8ull << 20)
#define NR_MMAP 9

/* The auxv types linux-user/initial-stack.c gives. */
static bool emulator_gives(uint64_t type)
{
    switch (type) {
    case AT_HWCAP: case AT_PAGESZ: case AT_CLKTCK: case AT_PHDR: case AT_PHENT:
    case AT_PHNUM: case AT_BASE: case AT_FLAGS: case AT_ENTRY: case AT_UID:
    case AT_EUID: case AT_GID: case AT_EGID: case AT_SECURE: case AT_RANDOM:
    case AT_HWCAP2: case AT_EXECFN: case AT_PLATFORM: case AT_NULL:
        return true;
    default:
        return false;
    }
}

static uint64_t peek64(Native *n, uint64_t addr)
{
    uint64_t v = 0;

    native_peek(n, addr, (uint8_t *)&v, sizeof(v));
    return v;
}

uint64_t native_move_stack(Native *n, GuestState *s, uint64_t emulated_sp)
{
    uint64_t sp = s->gpr[GPR_RSP], top = native_stack_top(n);
    uint64_t nb = (top - sp) / 8, vectors = 1 + peek64(n, sp) + 1, kept, i;
    uint64_t *block = calloc(nb, 8);
    uint64_t end, new_sp, new_top, args[6];

    for (i = 0; i < nb; i++) {
        block[i] = peek64(n, sp + 8 * i);
    }
    /* argc, argv[], NULL, then envp[] up to its NULL. */
    while (vectors < nb && block[vectors++] != 0) {
        continue;
    }
    kept = vectors;
    for (i = vectors; i + 1 < nb; i += 2) {
        if (emulator_gives(block[i])) {
            block[kept++] = block[i];
            block[kept++] = block[i + 1];
        }
        if (block[i] == AT_NULL) {
            i += 2;
            break;
        }
    }
    end = i;
    /* argc..auxv end right under the strings again, as the emulator's do. */
    new_sp = emulated_sp;
    new_top = new_sp + 8 * (kept + nb - end);
    if (new_top & 0xfff) {
        fprintf(stderr, "lockstep: the initial stacks have different shapes: "
                "stack addresses will differ\n");
    }
    for (i = 0; i < kept; i++) {
        if (block[i] >= sp && block[i] < top) {
            block[i] -= (top - new_top);
        }
    }
    args[0] = (new_top - STACK_SIZE) & ~0xfffull;
    args[1] = new_top - args[0];
    args[2] = PROT_READ | PROT_WRITE;
    args[3] = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    args[4] = -1ull;
    args[5] = 0;
    if (native_syscall(n, NR_MMAP, args) != args[0]) {
        fprintf(stderr, "lockstep: cannot map the stack at %#llx natively\n",
                (unsigned long long)args[0]);
        exit(2);
    }
    for (i = 0; i < kept; i++) {
        native_poke(n, new_sp + 8 * i, block[i]);
    }
    for (i = end; i < nb; i++) {
        native_poke(n, new_sp + 8 * (kept + i - end), block[i]);
    }
    free(block);
    s->gpr[GPR_RSP] = new_sp;
    native_set_state(n, s);
    return new_top;
}
