/*
 * gdbstub.c (target): the guest's registers as gdb numbers them, and the
 * target description (target.xml) that tells gdb so.  The order is gdb's
 * own for i386 and x86-64 (features org.gnu.gdb.i386.core, .sse, .linux,
 * and for x86-64 .segments), so a gdb that ignored the XML would still agree on the
 * core registers.  linux-user/gdbstub.c moves the bytes.
 */
#include "qemu/osdep.h"
#include <glib.h>
#include "cpu.h"
#include "exec/helper-proto.h"
#include "exec/gdbstub.h"
#include "fpu-stack.h"

#define FPU_TOP_SHIFT 11
#define FPU_TOP_BITS  (7 << FPU_TOP_SHIFT)

/* What kind of state a run of registers reaches. */
typedef enum RegKind {
    REG_GPR,          /* regs[index[i]] */
    REG_PC,
    REG_EFLAGS,
    REG_SELECTOR,     /* segs[index[i]].selector */
    REG_ST,           /* st(i), 10 bytes */
    REG_FPU_CONTROL,  /* fctrl fstat ftag fiseg fioff foseg fooff fop */
    REG_XMM,
    REG_MXCSR,
    REG_SEG_BASE,     /* segs[index[i]].base */
    REG_ORIG_AX,      /* Linux's syscall number for restarts: none here */
} RegKind;

/* A run of count registers of one kind, named name0..name<count-1> when
   names is NULL. */
typedef struct RegRun {
    const char *feature;
    RegKind kind;
    int count;
    int bits;
    const char *type;
    const char *group;        /* gdb's register group, or NULL */
    const char *const *names;
    const char *name;
    const int *index;
} RegRun;

#ifdef TARGET_X86_64
#define GDB_ARCH "i386:x86-64"
static const char *const gpr_names[] = {
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const int gpr_index[] = {
    R_EAX, R_EBX, R_ECX, R_EDX, R_ESI, R_EDI, R_EBP, R_ESP,
    8, 9, 10, 11, 12, 13, 14, 15,
};
static const char *const pc_name[] = { "rip" };
static const char *const orig_ax_name[] = { "orig_rax" };
#else
#define GDB_ARCH "i386"
static const char *const gpr_names[] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
};
static const int gpr_index[] = {
    R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI,
};
static const char *const pc_name[] = { "eip" };
static const char *const orig_ax_name[] = { "orig_eax" };
#endif
static const char *const eflags_name[] = { "eflags" };
static const char *const selector_names[] = { "cs", "ss", "ds", "es", "fs", "gs" };
static const int selector_index[] = { R_CS, R_SS, R_DS, R_ES, R_FS, R_GS };
static const char *const fpu_control_names[] = {
    "fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop",
};
static const char *const mxcsr_name[] = { "mxcsr" };
static const char *const seg_base_names[] = { "fs_base", "gs_base" };
static const int seg_base_index[] = { R_FS, R_GS };

#define CORE "org.gnu.gdb.i386.core"
#define SSE "org.gnu.gdb.i386.sse"
#define LINUX "org.gnu.gdb.i386.linux"
#ifdef TARGET_X86_64
#define SEGMENTS "org.gnu.gdb.i386.segments"
#endif

static const RegRun reg_runs[] = {
    { CORE, REG_GPR, CPU_NB_REGS, TARGET_LONG_BITS, "int", NULL, gpr_names, NULL, gpr_index },
    { CORE, REG_PC, 1, TARGET_LONG_BITS, "code_ptr", NULL, pc_name, NULL, NULL },
    { CORE, REG_EFLAGS, 1, 32, "i386_eflags", NULL, eflags_name, NULL, NULL },
    { CORE, REG_SELECTOR, 6, 32, "int32", NULL, selector_names, NULL, selector_index },
#ifndef TARGET_X86_64
    /* gdb knows fs_base and gs_base of i386 Linux by no feature: extra
       registers of the core one, which it shows by name. */
    { CORE, REG_SEG_BASE, 2, 32, "int", NULL, seg_base_names, NULL, seg_base_index },
#endif
    { CORE, REG_ST, 8, 80, "i387_ext", NULL, NULL, "st", NULL },
    { CORE, REG_FPU_CONTROL, 8, 32, "int", "float", fpu_control_names, NULL, NULL },
    { SSE, REG_XMM, CPU_NB_REGS, 128, "vec128", NULL, NULL, "xmm", NULL },
    { SSE, REG_MXCSR, 1, 32, "i386_mxcsr", "vector", mxcsr_name, NULL, NULL },
    { LINUX, REG_ORIG_AX, 1, TARGET_LONG_BITS, "int", "system", orig_ax_name, NULL, NULL },
#ifdef TARGET_X86_64
    { SEGMENTS, REG_SEG_BASE, 2, 64, "int", NULL, seg_base_names, NULL, seg_base_index },
#endif
};

/* The run holding register n, and n's place in it; NULL past the last. */
static const RegRun *find_reg(int n, int *i)
{
    for (size_t r = 0; r < ARRAY_SIZE(reg_runs); r++) {
        if (n >= 0 && n < reg_runs[r].count) {
            *i = n;
            return &reg_runs[r];
        }
        n -= reg_runs[r].count;
    }
    return NULL;
}

int x86_gdb_num_regs(void)
{
    int n = 0;

    for (size_t r = 0; r < ARRAY_SIZE(reg_runs); r++) {
        n += reg_runs[r].count;
    }
    return n;
}

/* fctrl..fop: the x87 environment as FNSTENV's 32-bit form has it. */
static uint32_t fpu_control_read(CPUArchState *env, int i)
{
    uint32_t tags = 0;

    switch (i) {
    case 0:
        return env->fpuc;
    case 1:
        return helper_fnstsw(env);
    case 2:
        for (int r = 0; r < 8; r++) {
            tags |= fpu_full_tag(env, r) << (2 * r);
        }
        return tags;
    case 3:
        return env->fpcs;
    case 4:
        return env->fpip;
    case 5:
        return env->fpds;
    case 6:
        return env->fpdp;
    case 7:
        return env->fpop;
    default:
        return 0;
    }
}

static void fpu_control_write(CPUArchState *env, int i, uint32_t v)
{
    switch (i) {
    case 0:
        env->fpuc = v;
        break;
    case 1:
        env->fpus = v & ~FPU_TOP_BITS;
        env->fpstt = (v & FPU_TOP_BITS) >> FPU_TOP_SHIFT;
        break;
    case 2:
        for (int r = 0; r < 8; r++) {
            env->fptags[r] = ((v >> (2 * r)) & 3) == TAG_EMPTY;
        }
        break;
    case 3:
        env->fpcs = v;
        break;
    case 4:
        env->fpip = v;
        break;
    case 5:
        env->fpds = v;
        break;
    case 6:
        env->fpdp = v;
        break;
    case 7:
        env->fpop = v & 0x7ff;
        break;
    }
}

/* Where register i of run lives, for the kinds that are plain memory. */
static void *reg_storage(CPUArchState *env, const RegRun *run, int i)
{
    switch (run->kind) {
    case REG_GPR:
        return &env->regs[run->index[i]];
    case REG_PC:
        return &env->eip;
    case REG_ST:
        return &env->fpregs[st_index(env, i)].d;
    case REG_XMM:
        return &env->xmm_regs[i];
    case REG_MXCSR:
        return &env->mxcsr;
    case REG_SEG_BASE:
        return &env->segs[run->index[i]].base;
    default:
        return NULL;
    }
}

/* Register n as read_register and write_register need it. */
typedef struct RegPlace {
    const RegRun *run;
    int i;              /* its place in run */
    int size;           /* bytes */
    void *storage;      /* where it lives when that is plain memory */
} RegPlace;

static bool locate_reg(CPUArchState *env, int n, RegPlace *r)
{
    r->run = find_reg(n, &r->i);
    if (!r->run) {
        return false;
    }
    r->size = r->run->bits / 8;
    r->storage = reg_storage(env, r->run, r->i);
    return true;
}

/* gdb's byte order is the target's: little-endian, as the host. */
int x86_gdb_read_register(CPUArchState *env, uint8_t *buf, int n)
{
    RegPlace r;
    uint32_t v32;

    if (!locate_reg(env, n, &r)) {
        return 0;
    }
    switch (r.run->kind) {
    case REG_ORIG_AX:
        memset(buf, 0xff, r.size);   /* -1: not inside a system call */
        return r.size;
    case REG_EFLAGS:
        v32 = cpu_compute_eflags(env);
        break;
    case REG_SELECTOR:
        v32 = env->segs[r.run->index[r.i]].selector;
        break;
    case REG_FPU_CONTROL:
        v32 = fpu_control_read(env, r.i);
        break;
    default:
        memcpy(buf, r.storage, r.size);
        return r.size;
    }
    memcpy(buf, &v32, sizeof(v32));
    return r.size;
}

/* Selectors and orig_ax keep their values: loading a selector would need
   a descriptor, and the stub never stops inside a system call. */
int x86_gdb_write_register(CPUArchState *env, const uint8_t *buf, int n)
{
    RegPlace r;
    uint32_t v32;

    if (!locate_reg(env, n, &r)) {
        return 0;
    }
    if (r.storage) {
        memcpy(r.storage, buf, r.size);
        return r.size;
    }
    memcpy(&v32, buf, sizeof(v32));
    if (r.run->kind == REG_EFLAGS) {
        cpu_load_eflags(env, v32, DF_MASK | TF_MASK | RF_MASK | AC_MASK);
    } else if (r.run->kind == REG_FPU_CONTROL) {
        fpu_control_write(env, r.i, v32);
    }
    return r.size;
}

/* Types the registers name that gdb does not predefine; gdb looks a
   register's type up in its own feature. */
static const char eflags_type[] =
    "<flags id=\"i386_eflags\" size=\"4\">"
    "<field name=\"CF\" start=\"0\" end=\"0\"/><field name=\"\" start=\"1\" end=\"1\"/>"
    "<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>"
    "<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>"
    "<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>"
    "<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>"
    "<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>"
    "<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>"
    "<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>"
    "<field name=\"ID\" start=\"21\" end=\"21\"/></flags>";

static const char sse_types[] =
    "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
    "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
    "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
    "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
    "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
    "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
    "<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/>"
    "<field name=\"v2_double\" type=\"v2d\"/><field name=\"v16_int8\" type=\"v16i8\"/>"
    "<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v4_int32\" type=\"v4i32\"/>"
    "<field name=\"v2_int64\" type=\"v2i64\"/><field name=\"uint128\" type=\"uint128\"/>"
    "</union>"
    "<flags id=\"i386_mxcsr\" size=\"4\">"
    "<field name=\"IE\" start=\"0\" end=\"0\"/><field name=\"DE\" start=\"1\" end=\"1\"/>"
    "<field name=\"ZE\" start=\"2\" end=\"2\"/><field name=\"OE\" start=\"3\" end=\"3\"/>"
    "<field name=\"UE\" start=\"4\" end=\"4\"/><field name=\"PE\" start=\"5\" end=\"5\"/>"
    "<field name=\"DAZ\" start=\"6\" end=\"6\"/><field name=\"IM\" start=\"7\" end=\"7\"/>"
    "<field name=\"DM\" start=\"8\" end=\"8\"/><field name=\"ZM\" start=\"9\" end=\"9\"/>"
    "<field name=\"OM\" start=\"10\" end=\"10\"/><field name=\"UM\" start=\"11\" end=\"11\"/>"
    "<field name=\"PM\" start=\"12\" end=\"12\"/><field name=\"FZ\" start=\"15\" end=\"15\"/>"
    "</flags>";

static const struct {
    const char *feature;
    const char *types;
} feature_types[] = {
    { CORE, eflags_type },
    { SSE, sse_types },
};

/* Built once from reg_runs, so the XML and the packets cannot disagree. */
const char *x86_gdb_target_xml(void)
{
    static char *xml;
    GString *s;
    const char *feature = NULL;

    if (xml) {
        return xml;
    }
    s = g_string_new("<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
                     "<target><architecture>" GDB_ARCH "</architecture>"
                     "<osabi>GNU/Linux</osabi>");
    for (size_t r = 0; r < ARRAY_SIZE(reg_runs); r++) {
        const RegRun *run = &reg_runs[r];

        if (!feature || strcmp(feature, run->feature) != 0) {
            if (feature) {
                g_string_append(s, "</feature>");
            }
            feature = run->feature;
            g_string_append_printf(s, "<feature name=\"%s\">", feature);
            for (size_t t = 0; t < ARRAY_SIZE(feature_types); t++) {
                if (strcmp(feature, feature_types[t].feature) == 0) {
                    g_string_append(s, feature_types[t].types);
                }
            }
        }
        for (int i = 0; i < run->count; i++) {
            if (run->names) {
                g_string_append_printf(s, "<reg name=\"%s\"", run->names[i]);
            } else {
                g_string_append_printf(s, "<reg name=\"%s%d\"", run->name, i);
            }
            g_string_append_printf(s, " bitsize=\"%d\" type=\"%s\"", run->bits, run->type);
            if (run->group) {
                g_string_append_printf(s, " group=\"%s\"", run->group);
            }
            g_string_append(s, "/>");
        }
    }
    g_string_append(s, "</feature></target>");
    xml = g_string_free(s, false);
    return xml;
}
