/*
 * signal.c (x86 guests): the signal frames the kernel builds on the user
 * stack, for i386 (sigframe and rt_sigframe) and, compiled with
 * TARGET_X86_64 through x86_64/signal.c, for x86_64 (rt_sigframe only).
 * The generic part (which signal, which mask) is linux-user/signal.c.
 * A frame is built in host memory and written with one copy_to_user, and
 * read back with one copy_from_user (uaccess.h); the FXSAVE image is the
 * CPU's own store into guest memory that was just found writable.
 */
#include "qemu/osdep.h"
#include "signal-common.h"
#include "syscall_impl.h"
#include "fpu-stack.h"

#define UC_FP_XSTATE           0x1
#define UC_SIGCONTEXT_SS       0x2
#define UC_STRICT_RESTORE_SS   0x4
#define FXSAVE_SIZE            512

/*
 * With XSAVE the FP state is the XSAVE area (the FXSAVE image, then the
 * header), its software-reserved bytes (FXSAVE image bytes 464-511) saying
 * so, and a second magic word right after it: the kernel's
 * struct _fpx_sw_bytes and FP_XSTATE_MAGIC2.  sigreturn XRSTORs such a
 * frame, and FXRSTORs one whose magic words are gone.
 */
#define TARGET_FP_XSTATE_MAGIC1       0x46505853u
#define TARGET_FP_XSTATE_MAGIC2       0x46505845u
#define FP_SW_BYTES_OFFSET     464
struct target_fpx_sw_bytes {
    uint32_t magic1;
    uint32_t extended_size;     /* the XSAVE area and MAGIC2 */
    uint64_t xfeatures;
    uint32_t xstate_size;       /* the XSAVE area */
    uint32_t padding[7];
};
#define XSTATE_FRAME_SIZE      (XSAVE_AREA_SIZE + 4)

#ifdef TARGET_X86_64
struct target_sigcontext {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;
    uint64_t reserved1[8];
};
/* sigcontext slot of each guest register, in regs[] order */
static const uint8_t sc_reg_offset[CPU_NB_REGS] = {
    [R_EAX] = offsetof(struct target_sigcontext, rax),
    [R_ECX] = offsetof(struct target_sigcontext, rcx),
    [R_EDX] = offsetof(struct target_sigcontext, rdx),
    [R_EBX] = offsetof(struct target_sigcontext, rbx),
    [R_ESP] = offsetof(struct target_sigcontext, rsp),
    [R_EBP] = offsetof(struct target_sigcontext, rbp),
    [R_ESI] = offsetof(struct target_sigcontext, rsi),
    [R_EDI] = offsetof(struct target_sigcontext, rdi),
    [R_R8] = offsetof(struct target_sigcontext, r8),
    [R_R9] = offsetof(struct target_sigcontext, r9),
    [R_R10] = offsetof(struct target_sigcontext, r10),
    [R_R11] = offsetof(struct target_sigcontext, r11),
    [R_R12] = offsetof(struct target_sigcontext, r12),
    [R_R13] = offsetof(struct target_sigcontext, r13),
    [R_R14] = offsetof(struct target_sigcontext, r14),
    [R_R15] = offsetof(struct target_sigcontext, r15),
};
#define sc_ip rip
#define sc_flags eflags
/* x86_64's fpstate is the FXSAVE image (or XSAVE area) itself. */
#define FPSTATE_FXSAVE_OFFSET 0
#else
struct target_sigcontext {
    uint16_t gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip;
    uint16_t cs, __csh;
    uint32_t eflags, esp_at_signal;
    uint16_t ss, __ssh;
    uint32_t fpstate;
    uint32_t oldmask, cr2;
};
static const uint8_t sc_reg_offset[CPU_NB_REGS] = {
    [R_EAX] = offsetof(struct target_sigcontext, eax),
    [R_ECX] = offsetof(struct target_sigcontext, ecx),
    [R_EDX] = offsetof(struct target_sigcontext, edx),
    [R_EBX] = offsetof(struct target_sigcontext, ebx),
    [R_ESP] = offsetof(struct target_sigcontext, esp),
    [R_EBP] = offsetof(struct target_sigcontext, ebp),
    [R_ESI] = offsetof(struct target_sigcontext, esi),
    [R_EDI] = offsetof(struct target_sigcontext, edi),
};
#define sc_ip eip
#define sc_flags eflags
/* i386's fpstate: the old FSAVE environment and registers, a status and
   magic word, then the FXSAVE image (magic 0 says it is there). */
struct target_fpstate_head {
    uint32_t cw, sw, tag, ipoff, cssel, dataoff, datasel;
    struct { uint16_t significand[4]; uint16_t exponent; } st[8];
    uint16_t status, magic;
};
#define FPSTATE_FXSAVE_OFFSET sizeof(struct target_fpstate_head)
_Static_assert(FPSTATE_FXSAVE_OFFSET == 112, "i386 _fpstate layout");
#endif

struct target_ucontext {
    abi_ulong uc_flags;
    abi_ulong uc_link;
    target_stack_t uc_stack;
    struct target_sigcontext uc_mcontext;
    target_sigset_t uc_sigmask;
};

#ifdef TARGET_X86_64
struct rt_sigframe {
    abi_ulong pretcode;
    struct target_ucontext uc;
    target_siginfo_t info;
};
#else
struct sigframe {
    abi_ulong pretcode;
    int32_t sig;
    struct target_sigcontext sc;
    abi_ulong extramask;             /* high half of the blocked set */
    uint8_t retcode[8];
};
struct rt_sigframe {
    abi_ulong pretcode;
    int32_t sig;
    abi_ulong pinfo;
    abi_ulong puc;
    target_siginfo_t info;
    struct target_ucontext uc;
    uint8_t retcode[8];
};
#endif

static bool frame_has_xstate(CPUArchState *env)
{
    return env->cpuid_ext_features & CPUID_EXT_OSXSAVE;
}

/* The FXSAVE image or XSAVE area with MAGIC2 */
static size_t fx_frame_size(CPUArchState *env)
{
    return frame_has_xstate(env) ? XSTATE_FRAME_SIZE : FXSAVE_SIZE;
}

/*
 * Where the FP state and the frame go, as the kernel's get_sigframe and
 * fpu__alloc_mathframe place them: the FXSAVE image or XSAVE area at a
 * 64-byte boundary below the (alternate) stack top, past the x86_64 red
 * zone (i386: the FSAVE header just below it), and the frame below that,
 * aligned so that the handler starts as if called: sp + word size a
 * multiple of 16.
 */
static abi_ulong get_sigframe(CPUArchState *env, const struct target_sigaction *ka,
                              size_t frame_size, abi_ulong *fpstate_addr)
{
#ifdef TARGET_X86_64
    abi_ulong sp = target_sigframe_top(env, ka, 128);
#else
    abi_ulong sp = target_sigframe_top(env, ka, 0);
#endif

    *fpstate_addr = ((sp - fx_frame_size(env)) & ~(abi_ulong)63) - FPSTATE_FXSAVE_OFFSET;
    sp = (*fpstate_addr - frame_size) & ~(abi_ulong)15;
    return sp - sizeof(abi_ulong);
}

/* 0, or -TARGET_EFAULT when the guest may not write there. */
static abi_long save_fpstate(CPUArchState *env, abi_ulong fp_addr)
{
#ifndef TARGET_X86_64
    struct target_fpstate_head head;
    uint64_t fip, fdp;

    /* As an x86-64 kernel writes it for a 32-bit process (convert_from_fxsr):
       the upper halves of the words set, the full tag word, the pointers
       its FXSAVE64 image holds, without the opcode, CS and DS as they are
       now. */
    memset(&head, 0, sizeof(head));
    head.cw = env->fpuc | 0xffff0000u;
    head.sw = (env->fpus & ~0x3800) | (env->fpstt & 7) << 11 | 0xffff0000u;
    head.tag = 0xffff0000u;
    for (int i = 0; i < 8; i++) {
        int reg = (env->fpstt + i) & 7;
        const floatx80 *f = &env->fpregs[reg].d;

        head.tag |= (uint32_t)fpu_full_tag(env, reg) << (2 * reg);
        memcpy(head.st[i].significand, &f->low, 8);
        head.st[i].exponent = f->high;
    }
    cpu_x86_fxsave_pointers(env, &fip, &fdp);
    head.ipoff = fip;
    head.cssel = env->segs[R_CS].selector;
    head.dataoff = fdp;
    head.datasel = env->segs[R_DS].selector | 0xffff0000u;
    head.status = head.sw;
    head.magic = 0;                      /* FXSR data follows */
    if (copy_to_user(fp_addr, &head, sizeof(head))) {
        return -TARGET_EFAULT;
    }
#endif
    abi_ulong fx = fp_addr + FPSTATE_FXSAVE_OFFSET;

    /* the bytes FXSAVE leaves alone, and the XSAVE header, read as zeros */
    if (clear_user(fx, fx_frame_size(env))) {
        return -TARGET_EFAULT;
    }
    if (frame_has_xstate(env)) {
        struct target_fpx_sw_bytes sw = {
            .magic1 = TARGET_FP_XSTATE_MAGIC1, .extended_size = XSTATE_FRAME_SIZE,
            .xfeatures = XCR0_SUPPORTED, .xstate_size = XSAVE_AREA_SIZE,
        };
        uint32_t magic2 = TARGET_FP_XSTATE_MAGIC2;
        uint64_t bv;

        cpu_x86_xsave(env, fx, XCR0_SUPPORTED);
        /* the kernel marks x87 and SSE as saved whatever XSAVE said */
        bv = XCR0_SUPPORTED;
        if (copy_to_user(fx + FP_SW_BYTES_OFFSET, &sw, sizeof(sw)) ||
            copy_to_user(fx + XSAVE_AREA_SIZE, &magic2, sizeof(magic2)) ||
            copy_to_user(fx + FXSAVE_SIZE, &bv, sizeof(bv))) {
            return -TARGET_EFAULT;
        }
    } else {
        cpu_x86_fxsave(env, fx);
    }
    return 0;
}

/* The FXSAVE image or XSAVE area of a sigreturn frame (restore_fpstate). */
static bool restore_fx_image(CPUArchState *env, abi_ulong fp_addr)
{
    abi_ulong fx = fp_addr + FPSTATE_FXSAVE_OFFSET;
    struct target_fpx_sw_bytes sw;
    uint32_t magic2 = 0;

    if (guest_accessible_len(fp_addr, FPSTATE_FXSAVE_OFFSET + FXSAVE_SIZE, GUEST_READ) <
        FPSTATE_FXSAVE_OFFSET + FXSAVE_SIZE || copy_from_user(&sw, fx + FP_SW_BYTES_OFFSET,
                                                             sizeof(sw))) {
        return false;
    }
    if (frame_has_xstate(env) && sw.magic1 == TARGET_FP_XSTATE_MAGIC1 &&
        sw.xstate_size == XSAVE_AREA_SIZE &&
        sw.extended_size == sw.xstate_size + 4 &&
        !copy_from_user(&magic2, fx + sw.xstate_size, sizeof(magic2)) &&
        magic2 == TARGET_FP_XSTATE_MAGIC2) {
        return guest_accessible_len(fx, XSAVE_AREA_SIZE, GUEST_READ) >= XSAVE_AREA_SIZE &&
               cpu_x86_xrstor(env, fx, sw.xfeatures);
    }
    cpu_x86_fxrstor(env, fx);
    return true;
}

/*
 * The FP state of a sigreturn: XRSTOR when the software-reserved bytes and
 * MAGIC2 say the image is an XSAVE area (the components its xfeatures
 * name; a header XRSTOR refuses makes the frame bad), else FXRSTOR and the
 * other components initialised.  On i386 the old FSAVE header then has the
 * last word on the x87 state, as Linux folds it into the image it restores
 * (convert_to_fxsr): a handler may edit either.  False for a bad frame.
 */
static bool restore_fpstate(CPUArchState *env, abi_ulong fp_addr)
{
    if (!restore_fx_image(env, fp_addr)) {
        return false;
    }
#ifndef TARGET_X86_64
    cpu_x86_frstor(env, fp_addr, 1);
    /* the header's FOP, FIP and FDP go through an FXRSTOR64 image, which
       has no selectors */
    env->fpcs = env->fpds = 0;
#endif
    return true;
}

static void setup_sigcontext(struct target_sigcontext *sc, abi_ulong fp_addr,
                             CPUArchState *env, uint64_t mask)
{
    memset(sc, 0, sizeof(*sc));
    for (int i = 0; i < CPU_NB_REGS; i++) {
        memcpy((char *)sc + sc_reg_offset[i], &env->regs[i], sizeof(abi_ulong));
    }
    sc->sc_ip = env->eip;
    sc->sc_flags = cpu_compute_eflags(env);
    sc->cs = env->segs[R_CS].selector;
    sc->gs = env->segs[R_GS].selector;
    sc->fs = env->segs[R_FS].selector;
    sc->ss = env->segs[R_SS].selector;
#ifndef TARGET_X86_64
    sc->es = env->segs[R_ES].selector;
    sc->ds = env->segs[R_DS].selector;
    sc->esp_at_signal = env->regs[R_ESP];
#endif
    /* the last trap, as the kernel reports it */
    sc->trapno = env->exception_index < 32 ? env->exception_index : 0;
    sc->err = env->error_code;
    sc->cr2 = env->cr2;
    sc->oldmask = (abi_ulong)mask;
    sc->fpstate = fp_addr;
}

/* Registers as the handler starts: DF and TF clear, the x87 and SSE state
   initialised (Linux's handle_signal clears the user FPU state once the
   frame holds it: FCW 0x37f, MXCSR 0x1f80, XMM zero), an i386 handler's
   segments the flat user ones (the program may have been running in a
   segment of its LDT).  A 64-bit program cannot have changed CS and SS. */
static void enter_handler(CPUArchState *env, const struct target_sigaction *ka,
                          abi_ulong frame)
{
    target_ulong eflags = cpu_compute_eflags(env) & ~(DF_MASK | TF_MASK | RF_MASK);

    env->regs[R_ESP] = frame;
    env->eip = ka->_sa_handler;
    cpu_load_eflags(env, eflags, DF_MASK | TF_MASK | RF_MASK);
    cpu_x86_fpu_reset(env);
#ifndef TARGET_X86_64
    cpu_x86_load_seg(env, R_CS, TARGET_USER_CS);
    cpu_x86_load_seg(env, R_SS, TARGET_USER_DS);
    cpu_x86_load_seg(env, R_DS, TARGET_USER_DS);
    cpu_x86_load_seg(env, R_ES, TARGET_USER_DS);
#endif
}

static void setup_ucontext(struct target_ucontext *uc, abi_ulong fp_addr,
                           CPUArchState *env, uint64_t mask)
{
    memset(uc, 0, sizeof(*uc));
#ifdef TARGET_X86_64
    uc->uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
#endif
    if (frame_has_xstate(env)) {
        uc->uc_flags |= UC_FP_XSTATE;
    }
    target_save_altstack(&uc->uc_stack, env);
    setup_sigcontext(&uc->uc_mcontext, fp_addr, env, mask);
    uc->uc_sigmask = mask;
}

#ifndef TARGET_X86_64
/* int $0x80 trampolines for handlers without SA_RESTORER */
static void write_retcode(uint8_t *code, bool pop_sig, int nr)
{
    uint8_t *p = code;

    if (pop_sig) {
        *p++ = 0x58;                     /* popl %eax */
    }
    *p++ = 0xb8;                         /* movl $nr, %eax */
    memcpy(p, &nr, 4);
    p += 4;
    *p++ = 0xcd;                         /* int $0x80 */
    *p = 0x80;
}

abi_long setup_frame(int sig, const struct target_sigaction *ka,
                     uint64_t mask, CPUArchState *env)
{
    abi_ulong fp_addr, addr = get_sigframe(env, ka, sizeof(struct sigframe), &fp_addr);
    struct sigframe frame;

    memset(&frame, 0, sizeof(frame));
    frame.sig = sig;
    setup_sigcontext(&frame.sc, fp_addr, env, mask);
    frame.extramask = mask >> 32;
    write_retcode(frame.retcode, true, TARGET_NR_sigreturn);
    frame.pretcode = (ka->sa_flags & TARGET_SA_RESTORER)
                     ? ka->sa_restorer : addr + offsetof(struct sigframe, retcode);
    if (save_fpstate(env, fp_addr) || copy_to_user(addr, &frame, sizeof(frame))) {
        return -TARGET_EFAULT;
    }
    enter_handler(env, ka, addr);
    env->regs[R_EAX] = sig;
    env->regs[R_EDX] = 0;
    env->regs[R_ECX] = 0;
    return 0;
}
#endif

abi_long setup_rt_frame(int sig, const struct target_sigaction *ka,
                        const target_siginfo_t *info, uint64_t mask,
                        CPUArchState *env)
{
    abi_ulong fp_addr, addr = get_sigframe(env, ka, sizeof(struct rt_sigframe),
                                           &fp_addr);
    struct rt_sigframe frame;

    memset(&frame, 0, sizeof(frame));
    frame.info = *info;
    setup_ucontext(&frame.uc, fp_addr, env, mask);
#ifdef TARGET_X86_64
    /* x86_64 has no trampoline on the stack: the restorer is mandatory */
    if (!(ka->sa_flags & TARGET_SA_RESTORER)) {
        return -TARGET_EFAULT;
    }
    frame.pretcode = ka->sa_restorer;
#else
    frame.sig = sig;
    frame.pinfo = addr + offsetof(struct rt_sigframe, info);
    frame.puc = addr + offsetof(struct rt_sigframe, uc);
    write_retcode(frame.retcode, false, TARGET_NR_rt_sigreturn);
    frame.pretcode = (ka->sa_flags & TARGET_SA_RESTORER)
                     ? ka->sa_restorer : addr + offsetof(struct rt_sigframe, retcode);
#endif
    if (save_fpstate(env, fp_addr) || copy_to_user(addr, &frame, sizeof(frame))) {
        return -TARGET_EFAULT;
    }
    enter_handler(env, ka, addr);
#ifdef TARGET_X86_64
    env->regs[R_EDI] = sig;
    env->regs[R_ESI] = addr + offsetof(struct rt_sigframe, info);
    env->regs[R_EDX] = addr + offsetof(struct rt_sigframe, uc);
    env->regs[R_EAX] = 0;
#else
    env->regs[R_EAX] = sig;
    env->regs[R_EDX] = frame.pinfo;
    env->regs[R_ECX] = frame.puc;
#endif
    return 0;
}

/* The flags a sigreturn may change (the kernel's FIX_EFLAGS). */
#define SIGRETURN_EFLAGS (CC_ALL | DF_MASK | TF_MASK | AC_MASK | RF_MASK)

static bool restore_sigcontext(CPUArchState *env, const struct target_sigcontext *sc)
{
    target_ulong eflags;

    for (int i = 0; i < CPU_NB_REGS; i++) {
        abi_ulong v;

        memcpy(&v, (const char *)sc + sc_reg_offset[i], sizeof(v));
        env->regs[i] = v;
    }
    env->eip = sc->sc_ip;
    eflags = (cpu_compute_eflags(env) & ~SIGRETURN_EFLAGS) |
             (sc->sc_flags & SIGRETURN_EFLAGS);
    cpu_load_eflags(env, eflags, TF_MASK | AC_MASK | RF_MASK);
#ifndef TARGET_X86_64
    /* as the kernel's sigreturn: the selectors' RPL forced to 3 */
    cpu_x86_load_seg(env, R_GS, sc->gs);
    cpu_x86_load_seg(env, R_FS, sc->fs);
    cpu_x86_load_seg(env, R_ES, sc->es);
    cpu_x86_load_seg(env, R_DS, sc->ds);
    cpu_x86_load_seg(env, R_CS, sc->cs | 3);
    cpu_x86_load_seg(env, R_SS, sc->ss | 3);
#endif
    return !sc->fpstate || restore_fpstate(env, sc->fpstate);
}

#ifndef TARGET_X86_64
long do_sigreturn(CPUArchState *env)
{
    /* the handler's ret and the trampoline's popl took pretcode and sig */
    abi_ulong addr = env->regs[R_ESP] - 8;
    struct sigframe frame;

    if (copy_from_user(&frame, addr, sizeof(frame))) {
        goto badframe;
    }
    target_restore_sigmask(env, frame.sc.oldmask | (uint64_t)frame.extramask << 32);
    if (!restore_sigcontext(env, &frame.sc)) {
        goto badframe;
    }
    return -TARGET_QEMU_ESIGRETURN;
badframe:
    target_sigreturn_badframe(env);
    return -TARGET_QEMU_ESIGRETURN;
}
#else
long do_sigreturn(CPUArchState *env)
{
    return -TARGET_ENOSYS;          /* x86_64 has only rt_sigreturn */
}
#endif

long do_rt_sigreturn(CPUArchState *env)
{
    /* the handler's ret took pretcode */
    abi_ulong addr = env->regs[R_ESP] - sizeof(abi_ulong);
    struct rt_sigframe frame;

    if (copy_from_user(&frame, addr, sizeof(frame))) {
        goto badframe;
    }
    target_restore_sigmask(env, frame.uc.uc_sigmask);
    /* The frame's alternate stack goes back while the stack pointer is
       still the handler's: a stack the handler set (SS_AUTODISARM let it)
       that holds the handler's frame stays, as natively (sigaltstack-state);
       errors other than EFAULT are ignored, as the kernel ignores them. */
    do_sigaltstack(env, addr + offsetof(struct rt_sigframe, uc.uc_stack), 0);
    if (!restore_sigcontext(env, &frame.uc.uc_mcontext)) {
        goto badframe;
    }
    return -TARGET_QEMU_ESIGRETURN;
badframe:
    target_sigreturn_badframe(env);
    return -TARGET_QEMU_ESIGRETURN;
}
