/*
 * sys-insn: the system instructions a 64-bit Linux process may run at
 * CPL 3 (issue 11): lar, lsl, verr, verw against the kernel's GDT; sldt,
 * str, smsw in their register widths and to memory; lldt, ltr, lmsw and
 * clts, which fault; and the DS and ES selectors a process starts with.
 * x86_64 only: Debian's qemu-i386, the i386 reference, has its own GDT.
 * Left out because the host decides them: selector 0x23 (empty on a
 * kernel that runs no 32-bit programs), the limit of the CPU/node segment
 * 0x7b (the CPU number), sgdt and sidt (the tables' addresses).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    siglongjmp(jb, 1);
}

#define ZF(flags) (int)(((flags) >> 6) & 1)

static void query(unsigned long sel)
{
    unsigned long lar = 0x1111222233334444, lsl = 0x5555666677778888;
    unsigned long lar32 = lar, lsl16 = lsl, fl, fl32, fs, fr, fw;

    __asm__ volatile("lar %w2, %0; pushfq; pop %1" : "+r"(lar), "=r"(fl) : "r"(sel));
    __asm__ volatile("lar %w2, %k0; pushfq; pop %1" : "+r"(lar32), "=r"(fl32) : "r"(sel));
    __asm__ volatile("lsl %2, %0; pushfq; pop %1" : "+r"(lsl), "=r"(fs) : "r"(sel));
    __asm__ volatile("lsl %w1, %w0" : "+r"(lsl16) : "r"(sel));
    __asm__ volatile("verr %w1; pushfq; pop %0" : "=r"(fr) : "r"(sel));
    __asm__ volatile("verw %w1; pushfq; pop %0" : "=r"(fw) : "r"(sel));
    if ((sel & 0xfff8) == 0x78) {       /* the CPU/node segment */
        lsl = lsl16 = 0;
    }
    printf("%#6lx lar %#lx/%d lar32 %#lx/%d lsl %#lx/%d lsl16 %#lx verr %d verw %d\n",
           sel, lar, ZF(fl), lar32, ZF(fl32), lsl, ZF(fs), lsl16, ZF(fr), ZF(fw));
}

/* The other flags survive: lar sets only ZF. */
static void flags_kept(void)
{
    unsigned long v = 0, fl;

    __asm__ volatile("stc; mov $0x7f, %%al; add $1, %%al; lar %w2, %0; pushfq; pop %1"
                     : "+r"(v), "=r"(fl) : "r"(0x2bul) : "al", "cc");
    printf("flags after lar %#lx\n", fl & 0x8d5);
}

#define STORE(insn, reg) do { \
    unsigned long v = 0x123456789abcdef0; \
    __asm__ volatile(insn " %" reg "0" : "+r"(v)); \
    printf("%-5s %-2s %#lx\n", insn, reg, v); \
} while (0)

#define STORE_MEM(insn) do { \
    unsigned long m = 0x123456789abcdef0; \
    __asm__ volatile(insn " (%0)" : : "r"(&m) : "memory"); \
    printf("%-5s m  %#lx\n", insn, m); \
} while (0)

#define FAULT(name, ...) do { \
    got_sig = got_code = 0; \
    if (sigsetjmp(jb, 1) == 0) { \
        __asm__ volatile(__VA_ARGS__); \
    } \
    printf("%-12s sig %d code %d\n", name, got_sig, got_code); \
} while (0)

int main(void)
{
    static const unsigned long sels[] = {
        0, 3, 0x8, 0x10, 0x13, 0x18, 0x1b, 0x2b, 0x28, 0x2f, 0x33, 0x30,
        0x3b, 0x40, 0x43, 0x53, 0x63, 0x6b, 0x73, 0x7b, 0x7f, 0x80, 0x2c,
        0x1234, 0xffff, 0x1002b,
    };
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    unsigned short ds, es;

    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);

    __asm__ volatile("mov %%ds, %0; mov %%es, %1" : "=r"(ds), "=r"(es));
    printf("ds %#x es %#x\n", ds, es);
    for (unsigned i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
        query(sels[i]);
    }
    flags_kept();
    STORE("sldt", "q"); STORE("sldt", "k"); STORE("sldt", "w");
    STORE("str", "q"); STORE("str", "k"); STORE("str", "w");
    STORE("smsw", "q"); STORE("smsw", "k"); STORE("smsw", "w");
    STORE_MEM("sldt"); STORE_MEM("str"); STORE_MEM("smsw");
    FAULT("lldt", "lldt %w0" : : "r"(0));
    FAULT("ltr", "ltr %w0" : : "r"(0x40));
    FAULT("lmsw", "lmsw %w0" : : "r"(0x33));
    FAULT("clts", "clts");
    FAULT("lar-unmapped", "lar (%0), %%eax" : : "r"(16ul) : "eax");
    FAULT("verw-unmapped", "verw (%0)" : : "r"(16ul));
    FAULT("str-unmapped", "str (%0)" : : "r"(16ul));
    FAULT("group6-/6", ".byte 0x0f, 0x00, 0xf0");
    return 0;
}
