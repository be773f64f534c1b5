/*
 * cpu-dump.c: x86_cpu_dump_state(), the register dump of -d cpu, in QEMU's
 * layout line for line so that logs compare with QEMU's.  State user mode
 * does not model (LDT, TR, GDT, IDT, control and debug registers, EFER) is
 * printed with the values a Linux process would have.
 */
#include "qemu/osdep.h"
#include "cpu.h"

static const char *const cc_op_names[CC_OP_NB] = {
    [CC_OP_DYNAMIC] = "DYNAMIC", [CC_OP_EFLAGS] = "EFLAGS",
    "MULB", "MULW", "MULL", "MULQ",
    "ADDB", "ADDW", "ADDL", "ADDQ",
    "ADCB", "ADCW", "ADCL", "ADCQ",
    "SUBB", "SUBW", "SUBL", "SUBQ",
    "SBBB", "SBBW", "SBBL", "SBBQ",
    "LOGICB", "LOGICW", "LOGICL", "LOGICQ",
    "INCB", "INCW", "INCL", "INCQ",
    "DECB", "DECW", "DECL", "DECQ",
    "SHLB", "SHLW", "SHLL", "SHLQ",
    "SARB", "SARW", "SARL", "SARQ",
    "BMILGB", "BMILGW", "BMILGL", "BMILGQ",
    [CC_OP_CLR] = "CLR", [CC_OP_POPCNT] = "POPCNT",
    [CC_OP_ADCX] = "ADCX", [CC_OP_ADOX] = "ADOX", [CC_OP_ADCOX] = "ADCOX",
    [CC_OP_ADCOX_INC] = "ADCOX_INC", [CC_OP_ADCOX_DEC] = "ADCOX_DEC",
};

static const char seg_names[6][4] = { "ES", "CS", "SS", "DS", "FS", "GS" };

/* Descriptor flag bits (the high dword of a segment descriptor). */
#define DESC_L   (1 << 21)
#define DESC_B   (1 << 22)
#define DESC_P   (1 << 15)
#define DESC_CS  (1 << 11)
#define DESC_C_E (1 << 10)  /* conforming (code) / expand-down (data) */
#define DESC_R_W (1 << 9)   /* readable (code) / writable (data) */
#define DESC_A   (1 << 8)

static bool long_mode(CPUX86State *env)
{
    return (env->hflags & HF_LMA_MASK) != 0;
}

static void dump_seg(CPUX86State *env, FILE *f, const char *name,
                     const SegmentCache *sc)
{
    uint32_t fl = sc->flags;

    if (long_mode(env)) {
        fprintf(f, "%-3s=%04x %016" PRIx64 " %08x %08x", name, sc->selector,
                (uint64_t)sc->base, sc->limit, fl & 0x00ffff00);
    } else {
        fprintf(f, "%-3s=%04x %08x %08x %08x", name, sc->selector,
                (uint32_t)sc->base, sc->limit, fl & 0x00ffff00);
    }
    if (fl & DESC_P) {
        fprintf(f, " DPL=%d ", (fl >> 13) & 3);
        if (fl & DESC_CS) {
            fprintf(f, "%s [%c%c", (fl & DESC_L) ? "CS64" :
                    (fl & DESC_B) ? "CS32" : "CS16",
                    (fl & DESC_C_E) ? 'C' : '-', (fl & DESC_R_W) ? 'R' : '-');
        } else {
            fprintf(f, "%s [%c%c", (fl & DESC_B) || long_mode(env) ? "DS  " : "DS16",
                    (fl & DESC_C_E) ? 'E' : '-', (fl & DESC_R_W) ? 'W' : '-');
        }
        fprintf(f, "%c]", (fl & DESC_A) ? 'A' : '-');
    }
    fprintf(f, "\n");
}

static void dump_fpu(CPUX86State *env, FILE *f)
{
    int i, fptag = 0;
    int nb_xmm = (env->hflags & HF_CS64_MASK) ? 16 : 8;

    for (i = 0; i < 8; i++) {
        fptag |= (!env->fptags[i]) << i;
    }
    fprintf(f, "FCW=%04x FSW=%04x [ST=%d] FTW=%02x MXCSR=%08x\n",
            env->fpuc, (env->fpus & ~0x3800) | (env->fpstt & 7) << 11,
            env->fpstt, fptag, env->mxcsr);
    for (i = 0; i < 8; i++) {
        fprintf(f, "FPR%d=%016" PRIx64 " %04x%s", i, env->fpregs[i].d.low,
                env->fpregs[i].d.high, (i & 1) ? "\n" : " ");
    }
    for (i = 0; i < nb_xmm && i < CPU_NB_REGS; i++) {
        const XMMReg *x = &env->xmm_regs[i].xmm;

        fprintf(f, "XMM%02d=%08x%08x%08x%08x%s", i, x->XMM_L(3), x->XMM_L(2),
                x->XMM_L(1), x->XMM_L(0), (i & 1) ? "\n" : " ");
    }
}

static void dump_state(CPUX86State *env, FILE *f, int flags)
{
    uint32_t eflags = cpu_compute_eflags(env);
    char flag_letters[8];
    char cc_op_name[16];
    int i;

    snprintf(flag_letters, sizeof(flag_letters), "%c%c%c%c%c%c%c",
             eflags & DF_MASK ? 'D' : '-', eflags & CC_O ? 'O' : '-',
             eflags & CC_S ? 'S' : '-', eflags & CC_Z ? 'Z' : '-',
             eflags & CC_A ? 'A' : '-', eflags & CC_P ? 'P' : '-',
             eflags & CC_C ? 'C' : '-');
#ifdef TARGET_X86_64
    if (env->hflags & HF_CS64_MASK) {
        static const char *const names[16] = {
            "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP",
            "R8 ", "R9 ", "R10", "R11", "R12", "R13", "R14", "R15",
        };
        static const int order[16] = {
            R_EAX, R_EBX, R_ECX, R_EDX, R_ESI, R_EDI, R_EBP, R_ESP,
            8, 9, 10, 11, 12, 13, 14, 15,
        };

        for (i = 0; i < 16; i++) {
            fprintf(f, "%s=%016" PRIx64 "%s", names[i],
                    (uint64_t)env->regs[order[i]], (i & 3) == 3 ? "\n" : " ");
        }
        fprintf(f, "RIP=%016" PRIx64 " RFL=%08x [%s] CPL=%d II=0 A20=1 SMM=0 HLT=0\n",
                (uint64_t)env->eip, eflags, flag_letters, env->hflags & HF_CPL_MASK);
    } else
#endif
    {
        fprintf(f, "EAX=%08x EBX=%08x ECX=%08x EDX=%08x\n"
                "ESI=%08x EDI=%08x EBP=%08x ESP=%08x\n"
                "EIP=%08x EFL=%08x [%s] CPL=%d II=0 A20=1 SMM=0 HLT=0\n",
                (uint32_t)env->regs[R_EAX], (uint32_t)env->regs[R_EBX],
                (uint32_t)env->regs[R_ECX], (uint32_t)env->regs[R_EDX],
                (uint32_t)env->regs[R_ESI], (uint32_t)env->regs[R_EDI],
                (uint32_t)env->regs[R_EBP], (uint32_t)env->regs[R_ESP],
                (uint32_t)env->eip, eflags, flag_letters,
                env->hflags & HF_CPL_MASK);
    }

    for (i = 0; i < 6; i++) {
        dump_seg(env, f, seg_names[i], &env->segs[i]);
    }
    if (long_mode(env)) {
        fprintf(f, "LDT=0000 0000000000000000 0000ffff 00008200 DPL=0 LDT\n"
                "TR =0000 0000000000000000 0000ffff 00008b00 DPL=0 TSS64-busy\n"
                "GDT=     0000000000000000 0000007f\n"
                "IDT=     0000000000000000 000001ff\n"
                "CR0=80010001 CR2=%016" PRIx64 " CR3=0000000000000000 CR4=00000220\n"
                "DR0=0000000000000000 DR1=0000000000000000 "
                "DR2=0000000000000000 DR3=0000000000000000 \n"
                "DR6=00000000ffff0ff0 DR7=0000000000000400\n",
                (uint64_t)env->cr2);
    } else {
        fprintf(f, "LDT=0000 00000000 0000ffff 00008200 DPL=0 LDT\n"
                "TR =0000 00000000 0000ffff 00008b00 DPL=0 TSS32-busy\n"
                "GDT=     00000000 0000007f\n"
                "IDT=     00000000 000001ff\n"
                "CR0=80010001 CR2=%08x CR3=00000000 CR4=00000200\n"
                "DR0=00000000 DR1=00000000 DR2=00000000 DR3=00000000 \n"
                "DR6=ffff0ff0 DR7=00000400\n", (uint32_t)env->cr2);
    }
    if (flags & CPU_DUMP_CCOP) {
        if (env->cc_op < CC_OP_NB && cc_op_names[env->cc_op]) {
            snprintf(cc_op_name, sizeof(cc_op_name), "%s", cc_op_names[env->cc_op]);
        } else {
            snprintf(cc_op_name, sizeof(cc_op_name), "[%d]", env->cc_op);
        }
#ifdef TARGET_X86_64
        if (env->hflags & HF_CS64_MASK) {
            fprintf(f, "CCS=%016" PRIx64 " CCD=%016" PRIx64 " CCO=%-8s\n",
                    (uint64_t)env->cc_src, (uint64_t)env->cc_dst, cc_op_name);
        } else
#endif
        {
            fprintf(f, "CCS=%08x CCD=%08x CCO=%-8s\n", (uint32_t)env->cc_src,
                    (uint32_t)env->cc_dst, cc_op_name);
        }
    }
    fprintf(f, "EFER=%016" PRIx64 "\n", (uint64_t)(long_mode(env) ? 0x500 : 0));
    if (flags & CPU_DUMP_FPU) {
        dump_fpu(env, f);
    }
}

/*
 * The dump is built in memory and written at once: on stderr, which is
 * unbuffered, its ~40 fprintf calls were as many write(2)s, the bulk of the
 * cost of "-singlestep -d cpu" (the lockstep checker's emulated side), and
 * a dump in one piece does not interleave with the guest's writes.
 */
void x86_cpu_dump_state(CPUX86State *env, FILE *f, int flags)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);

    if (!mem) {
        dump_state(env, f, flags);
        return;
    }
    dump_state(env, mem, flags);
    fclose(mem);
    fwrite(text, 1, len, f);
    free(text);
}

/* Names for -d int: CPU vectors, then the emulator's own exits. */
static const struct {
    int excp;
    const char *name;
} exception_names[] = {
    { EXCP00_DIVZ, "#DE divide error" },
    { EXCP01_DB, "#DB debug" },
    { EXCP03_INT3, "#BP int3" },
    { EXCP04_INTO, "#OF into" },
    { EXCP05_BOUND, "#BR bound" },
    { EXCP06_ILLOP, "#UD invalid opcode" },
    { EXCP07_PREX, "#NM device not available" },
    { EXCP0B_NOSEG, "#NP segment not present" },
    { EXCP0C_STACK, "#SS stack fault" },
    { EXCP0D_GPF, "#GP general protection" },
    { EXCP0E_PAGE, "#PF page fault" },
    { EXCP10_COPR, "#MF x87 error" },
    { EXCP11_ALGN, "#AC alignment check" },
    { EXCP13_XMM, "#XM SIMD error" },
    { EXCP_INT80, "int $0x80 syscall" },
    { EXCP_SYSCALL, "syscall" },
    { EXCP_INTERRUPT, "interrupt (exit request)" },
    { EXCP_HLT, "hlt" },
    { EXCP_DEBUG, "debug" },
};

const char *x86_exception_name(int excp)
{
    for (size_t i = 0; i < ARRAY_SIZE(exception_names); i++) {
        if (exception_names[i].excp == excp) {
            return exception_names[i].name;
        }
    }
    return "unknown";
}
