/*
 * ldt-segments: segments a 32-bit program makes itself with modify_ldt(2)
 * and uses as the CPU does: data segments with a base through FS, GS, DS
 * and ES (explicit, implicit and string operands), lfs, lar/lsl/verr/verw
 * on them, a far call into a 16-bit code segment (its operand and address
 * size, a near call and pushes inside it, far calls within it, data32
 * lret back), the table read back, a signal taken while DS holds an LDT
 * selector (the handler runs with the flat one, sigreturn restores it),
 * and modify_ldt's refusals.  i386 only; the reference here is QEMU 7.2,
 * which predates the kernel's setting the accessed bit in every LDT
 * descriptor (Linux 4.15), so that bit is not shown (x86_64/modify-ldt
 * checks it against the native kernel).
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LDT_SEL(n) ((n) << 3 | 7)
#define ACCESSED (1u << 8)      /* in the descriptor's high word, lar's */
enum { DATA_ENTRY = 1, CODE16_ENTRY = 2, ABSENT_ENTRY = 3, DEST_ENTRY = 4 };

static uint8_t data_seg[4096] __attribute__((aligned(4096)));
static uint8_t dest_seg[64];

/* The 16-bit code segment: entry points are offsets from code16_start. */
extern char code16_start[], code16_sum[], code16_far[], code16_end[];
__asm__(".pushsection .text\n"
        "code16_start:\n"
        ".code16\n"
        /* ax = 0x1234 + 1 via push/pop and a near call; ecx = bytes
           pushed by a 16-bit push (sp delta) */
        "code16_sum:\n"
        "mov $0x1234, %ax\n"
        "movl %esp, %ecx\n"
        "push %ax\n"
        "subl %esp, %ecx\n"
        "pop %bx\n"
        "call 1f\n"
        "mov %bx, %ax\n"
        "data32 lret\n"
        "1: add $1, %bx\n"
        "ret\n"
        /* a far call and return within the segment (16-bit slots) */
        "code16_far:\n"
        "xor %eax, %eax\n"
        "lcall $" "0x17" ", $(2f - code16_start)\n"
        "add $0x100, %ax\n"
        "data32 lret\n"
        "2: add $0x22, %ax\n"
        "lret\n"
        "code16_end:\n"
        ".code32\n"
        ".popsection\n");

static long modify_ldt(int func, void *ptr, unsigned long bytecount)
{
    return syscall(SYS_modify_ldt, func, ptr, bytecount);
}

static long write_entry(int func, int n, void *base, unsigned limit,
                        int contents, int seg_32bit, int pages, int not_present)
{
    struct user_desc d = {
        .entry_number = n, .base_addr = (uintptr_t)base, .limit = limit,
        .seg_32bit = seg_32bit, .contents = contents, .read_exec_only = 0,
        .limit_in_pages = pages, .seg_not_present = not_present, .useable = 1,
    };

    return modify_ldt(func, &d, sizeof(d));
}

static void show_query(const char *name, uint16_t sel)
{
    uint32_t rights = 0x12345678, limit = 0x12345678;
    uint8_t zl, zs, zr, zw;

    __asm__ volatile("lar %4, %0; setz %2; lsl %4, %1; setz %3"
                     : "+r"(rights), "+r"(limit), "=q"(zl), "=q"(zs)
                     : "r"((uint32_t)sel) : "cc");
    __asm__ volatile("verr %2; setz %0; verw %2; setz %1"
                     : "=q"(zr), "=q"(zw) : "r"(sel) : "cc");
    printf("%-8s lar %d %08x lsl %d %08x verr %d verw %d\n", name, zl,
           zl ? rights & 0x00f0ff00 & ~ACCESSED : rights, zs, limit, zr, zw);
}

static volatile uint16_t handler_ds;

static void on_usr1(int sig)
{
    uint16_t ds;

    (void)sig;
    __asm__ volatile("mov %%ds, %0" : "=r"(ds));
    handler_ds = ds;
}

int main(void)
{
    uint64_t table[5];
    uint32_t v, w, sum, spdec;
    uint16_t sel;
    struct { uint32_t off; uint16_t sel; } __attribute__((packed)) far;
    long r;

    for (int i = 0; i < 64; i++) {
        data_seg[i] = 0x40 + i;
    }
    printf("write data: %ld\n",
           write_entry(1, DATA_ENTRY, data_seg, 0, 0, 1, 1, 0));
    printf("write code16: %ld\n",
           write_entry(0x11, CODE16_ENTRY, code16_start,
                       code16_end - code16_start - 1, 2, 0, 0, 0));
    printf("write absent: %ld\n",
           write_entry(0x11, ABSENT_ENTRY, data_seg, 0xff, 0, 1, 0, 1));
    printf("write dest: %ld\n",
           write_entry(0x11, DEST_ENTRY, dest_seg, sizeof(dest_seg) - 1, 0, 1, 0, 0));
    memset(table, 0xee, sizeof(table));
    r = modify_ldt(0, table, sizeof(table));
    printf("read: %ld\n", r);
    for (int i = 0; i < 5; i++) {
        uint64_t e = table[i];

        /* the base is an address: show the rest of the descriptor */
        e &= ~(0xff000000ULL << 32 | 0xffULL << 32 | 0xffffULL << 16 |
               (uint64_t)ACCESSED << 32);
        printf("  entry %d: %016llx\n", i, (unsigned long long)e);
    }

    __asm__ volatile("mov %1, %%fs; movzbl %%fs:5, %0" : "=r"(v) : "r"(LDT_SEL(DATA_ENTRY)));
    printf("fs:5 = %02x\n", v);
    __asm__ volatile("push %%gs; mov %2, %%gs; movzbl %%gs:6, %0; mov %%gs, %1; pop %%gs"
                     : "=r"(v), "=r"(w) : "r"(LDT_SEL(DATA_ENTRY)));
    printf("gs:6 = %02x, gs = %04x\n", v, w);
    /* DS: an absolute address, and a string load; SS-relative (ebp) stays flat */
    __asm__ volatile("push %%ds; mov %2, %%ds; movzbl 7, %0; mov $8, %%esi; lodsb; movzbl %%al, %1; pop %%ds"
                     : "=r"(v), "=a"(w) : "r"(LDT_SEL(DATA_ENTRY)) : "esi", "memory");
    printf("ds:7 = %02x, lodsb ds:8 = %02x\n", v, w);
    /* ES: the destination of rep movsb (DS flat) and of stosb */
    __asm__ volatile("push %%es; mov %0, %%es; mov $4, %%ecx; xor %%edi, %%edi; rep movsb; mov $0x7a, %%al; stosb; pop %%es"
                     : : "r"(LDT_SEL(DEST_ENTRY)), "S"(data_seg + 9) : "eax", "ecx", "edi", "memory");
    printf("es copy: %02x %02x %02x %02x %02x\n", dest_seg[0], dest_seg[1],
           dest_seg[2], dest_seg[3], dest_seg[4]);
    far.off = 0x11223344;
    far.sel = LDT_SEL(DATA_ENTRY);
    __asm__ volatile("push %%fs; lfs %2, %0; mov %%fs, %1; pop %%fs" : "=r"(v), "=r"(w) : "m"(far));
    printf("lfs: %04x:%08x\n", w, v);

    show_query("data", LDT_SEL(DATA_ENTRY));
    show_query("code16", LDT_SEL(CODE16_ENTRY));
    show_query("absent", LDT_SEL(ABSENT_ENTRY));
    show_query("unused", LDT_SEL(7));

    far.off = code16_sum - code16_start;
    far.sel = LDT_SEL(CODE16_ENTRY);
    __asm__ volatile("lcall *%2" : "=a"(sum), "=c"(spdec) : "m"(far) : "ebx", "memory", "cc");
    printf("code16 sum: ax %04x, a push took %u bytes\n", sum & 0xffff, spdec);
    far.off = code16_far - code16_start;
    __asm__ volatile("lcall *%1" : "=a"(sum) : "m"(far) : "memory", "cc");
    printf("code16 far: ax %04x\n", sum & 0xffff);

    signal(SIGUSR1, on_usr1);
    r = SYS_kill;
    __asm__ volatile("push %%ds; mov %2, %%ds; int $0x80; mov %%ds, %0; pop %%ds"
                     : "=r"(sel), "+a"(r)
                     : "r"(LDT_SEL(DATA_ENTRY)), "b"(getpid()), "c"(SIGUSR1)
                     : "memory");
    printf("signal: handler ds %04x, after return ds %04x\n", handler_ds, sel);

    errno = 0;
    r = modify_ldt(1, table, 8);
    printf("short write: %ld %s\n", r, strerror(errno));
    errno = 0;
    r = write_entry(1, 8192, data_seg, 0, 0, 1, 1, 0);
    printf("entry 8192: %ld %s\n", r, strerror(errno));
    errno = 0;
    r = write_entry(1, 5, data_seg, 0, 3, 1, 1, 1);
    printf("conforming, old mode: %ld %s\n", r, strerror(errno));
    errno = 0;
    r = modify_ldt(7, table, sizeof(table));
    printf("func 7: %ld %s\n", r, strerror(errno));
    return 0;
}
