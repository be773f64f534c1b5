/*
 * modify-ldt: modify_ldt(2) in a 64-bit program, compared with the native
 * kernel: entries read back as the 8-byte descriptors the kernel builds
 * (accessed bit set, AVL cleared by the old interface), the read's length
 * and zero fill, read_default_ldt's zeros, and the results the kernel
 * returns as an unsigned int, so that an error is not negative in rax.
 * (Loading such selectors in 64-bit code is left out: this host's kernel
 * answers lar/lsl on them inconsistently.)
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char data[4096];

static long write_entry(int func, int n, unsigned limit, int contents,
                        int seg_32bit, int pages, int not_present)
{
    struct user_desc d = {
        .entry_number = n, .base_addr = 0x12345678, .limit = limit,
        .seg_32bit = seg_32bit, .contents = contents, .read_exec_only = 0,
        .limit_in_pages = pages, .seg_not_present = not_present, .useable = 1,
    };

    return syscall(SYS_modify_ldt, func, &d, sizeof(d));
}

int main(void)
{
    uint64_t table[6];
    long r;

    memset(table, 0xee, sizeof(table));
    printf("read empty: %ld\n", syscall(SYS_modify_ldt, 0, table, sizeof(table)));
    printf("write 1 (old): %ld\n", write_entry(1, 1, 0xfffff, 0, 1, 1, 0));
    printf("write 2 (code16): %ld\n", write_entry(0x11, 2, 0x26, 2, 0, 0, 0));
    printf("write 4 (absent): %ld\n", write_entry(0x11, 4, 0xff, 0, 1, 0, 1));
    r = write_entry(0x11, 5, 0x10, 0, 1, 0, 0);
    printf("write 5, then again (old, limit 0): %ld %ld\n", r,
           write_entry(1, 5, 0, 0, 0, 0, 0));
    memset(table, 0xee, sizeof(table));
    r = syscall(SYS_modify_ldt, 0, table, sizeof(table) - 4);
    printf("read: %ld\n", r);
    for (int i = 0; i < 6; i++) {
        printf("  %d: %016llx\n", i, (unsigned long long)table[i]);
    }
    memset(table, 0xee, sizeof(table));
    r = syscall(SYS_modify_ldt, 2, table, 12);
    printf("read default: %ld %016llx %016llx\n", r,
           (unsigned long long)table[0], (unsigned long long)table[1]);
    printf("short write: %#lx\n", syscall(SYS_modify_ldt, 1, data, 8));
    printf("entry 8192: %#lx\n", write_entry(1, 8192, 0, 0, 1, 1, 0));
    printf("conforming: %#lx %#lx\n", write_entry(1, 6, 0, 3, 1, 1, 1),
           write_entry(0x11, 6, 0, 3, 1, 1, 0));
    printf("func 7: %#lx\n", syscall(SYS_modify_ldt, 7, table, 8));
    return 0;
}
