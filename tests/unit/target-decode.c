/*
 * target-decode.c: the x86 decoder against capstone, for the code this
 * target runs (built once per target: 64-bit code for x86_64, 32-bit code
 * for i386).  Instructions go through the real translator, tb_gen_code()
 * with a one-instruction TB, so the length we compare is the one the
 * emulator would execute, and tb->insn_rejected tells a decoded instruction
 * from one we turn into #UD.
 *
 *   corpus-lengths  every distinct instruction capstone finds by linear sweep
 *                   of real code (the C library, libm, and for x86_64 this
 *                   program itself): where we decode it, our length must be
 *                   capstone's.  What we reject is listed as information, the
 *                   mnemonics that capstone files under the ISA we claim in
 *                   CPUID (integer, x87, CMOV, SSE to SSE4.2, AES, PCLMULQDQ,
 *                   the BMI/ADX/MOVBE/POPCNT/LZCNT/RDTSCP extensions) apart.
 *   extensions      each form of those integer extensions (register and
 *                   memory operands, SIB, displacements, prefixes, both VEX
 *                   forms), of SSE3..SSE4.2/AES/PCLMULQDQ (mm and xmm forms,
 *                   immediates after RIP-relative operands) and of the hint
 *                   space: decoded, at the length of
 *                   the listed bytes, which is capstone's where capstone
 *                   knows the form; and encodings beside them the CPU
 *                   refuses: rejected.
 *   fuzz-insn       random bytes, random prefix/REX/escape/ModRM/SIB
 *                   combinations, mutated real instructions and real ones
 *                   behind long prefix runs, one instruction each: never a
 *                   crash; when we decode, at most 15 bytes, and capstone's
 *                   length when capstone decodes.
 *   fuzz-tb         whole TBs of such bytes (default length), through
 *                   tcg_gen_code: never a crash, and every instruction
 *                   boundary agrees with capstone.
 *
 * The random streams have fixed seeds, so a failure reproduces; for longer
 * runs DECODE_FUZZ_SEED=N picks another stream and DECODE_FUZZ_SCALE=K
 * runs K times as many sequences and TBs (make check runs scale 1, about
 * 160,000 single instructions and 5,000 TBs).  Guest
 * addresses are host addresses (guest_base is 0); the code pages are mapped
 * below 2 GiB so the i386 target can address them too.
 */
#include "qemu/osdep.h"
#include <glib.h>
#include <glob.h>
#include <sys/mman.h>
#include <capstone/capstone.h>
#include "cpu.h"
#include "exec/exec-all.h"
#include "qemu/hostpage.h"

#include "elf-text.c.inc"

#define MAX_INSN 15
/* Instructions under test go at CODE_SLOT, followed by nops (valid code,
   so a decoder that reads too far sees a defined byte, not a page end).
   fuzz-tb fills page 0; page 1 stays nops, for a first insn that crosses. */
#define CODE_PAGES 2
#define CODE_SLOT (TARGET_PAGE_SIZE / 2)
#define NOP 0x90
/* Bytes capstone sees after an instruction's start: all we may read. */
#define WINDOW 32

#define FUZZ_PER_KIND 40000
#define FUZZ_TBS 5000
static unsigned long fuzz_scale = 1;
/* Details printed per kind of problem; the counts are always complete. */
#define SHOW_MAX 20

static CPUX86State *env;
static uint8_t *code;
static csh cs, cs_full;
static int failures;

/* The bytes being translated, for the crash report. */
static const uint8_t *current;
static size_t current_len;

/* ---- the translator as a length decoder ---- */

static TranslationBlock *translate_at(uint8_t *host, int max_insns)
{
    target_ulong pc, cs_base;
    uint32_t flags;
    TranslationBlock *tb;

    env->eip = h2g(host);
    cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
    for (;;) {
        uint64_t wait_generation;

        mmap_lock();
        tb = tb_gen_code(env, pc, cs_base, flags, max_insns, &wait_generation);
        mmap_unlock();
        if (tb) {
            return tb;
        }
        /* A writable page just became code (only this thread runs: no TLB
           to wait for), or the code buffer is full: empty it, as cpu_exec
           does. */
        if (!wait_generation) {
            tb_flush();
        }
    }
}

/* Our length of the instruction at the start of bytes, or -1 when the
   translator rejects it (#UD or overlong #GP). */
static int our_length(const uint8_t *bytes, size_t n)
{
    uint8_t *slot = code + CODE_SLOT;
    TranslationBlock *tb;

    memcpy(slot, bytes, n);
    current = slot;
    current_len = n;
    tb = translate_at(slot, 1);
    memset(slot, NOP, n);
    return tb->insn_rejected ? -1 : tb->size;
}

static void crash_handler(int sig)
{
    printf("FAIL translator crashed (signal %d) on bytes:", sig);
    for (size_t i = 0; i < current_len; i++) {
        printf(" %02x", current[i]);
    }
    printf("\n");
    fflush(stdout);
    _exit(1);
}

static void engine_init(void)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
    size_t len = CODE_PAGES * TARGET_PAGE_SIZE;
    void *p;

    hostpage_init(0);
    tcg_exec_init(0);
    env = cpu_x86_init();
    thread_cpu = env;
    p = mmap(NULL, len, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    code = p;
    memset(code, NOP, len);
    page_set_flags(h2g(code), h2g(code) + len, PAGE_VALID | PAGE_READ | PAGE_EXEC);
    for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
        signal(sigs[i], crash_handler);
    }
}

/* ---- capstone ---- */

static void capstone_init(void)
{
    cs_mode mode = env->hflags & HF_CS64_MASK ? CS_MODE_64 : CS_MODE_32;

    if (cs_open(CS_ARCH_X86, mode, &cs) != CS_ERR_OK
        || cs_open(CS_ARCH_X86, mode, &cs_full) != CS_ERR_OK) {
        printf("FAIL capstone cannot open x86 mode %d\n", mode);
        exit(1);
    }
    cs_option(cs_full, CS_OPT_DETAIL, CS_OPT_ON);
}

/* Capstone's length of the instruction at the start of bytes, -1 if it
   rejects it; insn receives it when not NULL. */
static int cs_length(csh h, const uint8_t *bytes, size_t n, cs_insn *insn)
{
    cs_insn *out;
    int len;

    if (cs_disasm(h, bytes, n, h2g(code + CODE_SLOT), 1, &out) != 1) {
        return -1;
    }
    len = out->size;
    if (insn) {
        *insn = *out;
    }
    cs_free(out, 1);
    return len;
}

/*
 * The length of the instruction as the emulated CPU's vendor decodes it,
 * where capstone 4 gets a few immediates wrong: a 0x66-prefixed near
 * call/jmp/jcc in 64-bit mode it sizes as AMD does (rel16), right for the
 * default model, where Intel ignores the prefix (SDM vol. 2, CALL/JMP/Jcc);
 * 0x67 with REX.W shortens the same
 * branches, REX.W lengthens ret imm16, and an F2 (BND) prefix makes it
 * ignore 0x66 on call and push imm.  For those opcodes the length is
 * recomputed from where capstone says the immediate starts; any other keeps
 * capstone's length.  Only asked where the lengths differ, as it needs
 * capstone's detail.
 */
static int sdm_length(const uint8_t *bytes, size_t n, int cs_len)
{
    bool code64 = env->hflags & HF_CS64_MASK;
    cs_insn *insn;
    const cs_x86 *x;
    bool o16;
    int imm = 0, len = cs_len;

    if (cs_disasm(cs_full, bytes, n, 0, 1, &insn) != 1) {
        return cs_len;
    }
    x = &insn->detail->x86;
    o16 = x->prefix[2] == 0x66 && !(x->rex & 8);
    if (x->opcode[0] == 0xe8 || x->opcode[0] == 0xe9
        || (x->opcode[0] == 0x0f && (x->opcode[1] & 0xf0) == 0x80)) {
        imm = o16 && (!code64 || x86_cpu_is_amd(env)) ? 2 : 4;
    } else if (x->opcode[0] == 0xc2 || x->opcode[0] == 0xca) {
        imm = 2;
    } else if (x->opcode[0] == 0x68) {
        imm = o16 ? 2 : 4;
    }
    if (imm && x->encoding.imm_offset) {
        len = x->encoding.imm_offset + imm;
    }
    cs_free(insn, 1);
    return len;
}

/* Extension instructions capstone 4 files under no extension group, and
   which CPUID does not claim. */
static const unsigned untagged_extensions[] = {
    X86_INS_RDRAND, X86_INS_RDSEED,
    X86_INS_XGETBV, X86_INS_XSETBV,                         /* XSAVE */
    X86_INS_XSAVE, X86_INS_XSAVE64, X86_INS_XSAVEC, X86_INS_XSAVEC64,
    X86_INS_XSAVEOPT, X86_INS_XSAVEOPT64, X86_INS_XSAVES, X86_INS_XSAVES64,
    X86_INS_XRSTOR, X86_INS_XRSTOR64, X86_INS_XRSTORS, X86_INS_XRSTORS64,
    X86_INS_XBEGIN, X86_INS_XEND, X86_INS_XABORT, X86_INS_XTEST, /* RTM */
};

/* Whether the instruction belongs to nothing but what our CPUID claims
   (target/i386/cpu.c): base integer, x87, CMOV, SSE to SSE4.2, AES,
   PCLMULQDQ, BMI1, BMI2, ADX, and the untagged MOVBE, POPCNT, LZCNT,
   TZCNT, RDTSCP, FISTTP, CRC32.  Capstone's groups below 128 are branch
   kinds, not extensions. */
static bool in_claimed_isa(const cs_insn *insn)
{
    for (size_t i = 0; i < ARRAY_SIZE(untagged_extensions); i++) {
        if (insn->id == untagged_extensions[i]) {
            return false;
        }
    }
    if (insn->id == X86_INS_CRC32) {
        return true;
    }
    for (int i = 0; i < insn->detail->groups_count; i++) {
        switch (insn->detail->groups[i]) {
        case X86_GRP_MODE32: case X86_GRP_MODE64: case X86_GRP_NOT64BITMODE:
        case X86_GRP_CMOV: case X86_GRP_FPU: case X86_GRP_SSE1: case X86_GRP_SSE2:
        case X86_GRP_SSE3: case X86_GRP_SSSE3: case X86_GRP_SSE41: case X86_GRP_SSE42:
        case X86_GRP_AES: case X86_GRP_PCLMUL:
        case X86_GRP_BMI: case X86_GRP_BMI2: case X86_GRP_ADX:
            break;
        default:
            if (insn->detail->groups[i] >= 128) {
                return false;
            }
        }
    }
    return true;
}

static void print_bytes(const uint8_t *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        printf(" %02x", bytes[i]);
    }
}

/* One disagreement: the instruction's bytes (from a WINDOW), what
   capstone makes of it, both lengths. */
static void show_mismatch(const char *what, const uint8_t *bytes, int cs_len,
                          int our_len)
{
    cs_insn insn;

    printf("#  %s:", what);
    print_bytes(bytes, MAX(cs_len, our_len) > 0 ? MIN(MAX(cs_len, our_len), WINDOW) : 1);
    if (cs_length(cs_full, bytes, WINDOW, &insn) > 0) {
        printf("  capstone \"%s %s\" %d bytes, ours %d\n", insn.mnemonic,
               insn.op_str, cs_len, our_len);
    } else {
        printf("  capstone rejects, ours %d bytes\n", our_len);
    }
}

/* ---- instructions we reject, by mnemonic ---- */

typedef struct Rejected {
    const char *mnemonic;
    unsigned count;
    bool claimed;
    uint8_t example[MAX_INSN];
    int example_len;
} Rejected;

static GHashTable *rejected;

static void note_rejected(const uint8_t *bytes, int len)
{
    cs_insn *insn;
    Rejected *r;

    if (cs_disasm(cs_full, bytes, len, 0, 1, &insn) != 1) {
        return;
    }
    /* #UD is what these are for. */
    if (insn->id == X86_INS_UD0 || insn->id == X86_INS_UD2 || insn->id == X86_INS_UD2B) {
        cs_free(insn, 1);
        return;
    }
    r = g_hash_table_lookup(rejected, insn->mnemonic);
    if (!r) {
        r = g_new0(Rejected, 1);
        r->mnemonic = g_strdup(insn->mnemonic);
        r->claimed = in_claimed_isa(insn);
        memcpy(r->example, bytes, len);
        r->example_len = len;
        g_hash_table_insert(rejected, (gpointer)r->mnemonic, r);
    }
    r->count++;
    cs_free(insn, 1);
}

static gint by_count(gconstpointer a, gconstpointer b)
{
    const Rejected *ra = a, *rb = b;

    return ra->count != rb->count ? (ra->count < rb->count ? 1 : -1)
                                  : strcmp(ra->mnemonic, rb->mnemonic);
}

static void show_rejected_entry(const Rejected *r)
{
    printf("#  %7u %-12s e.g.", r->count, r->mnemonic);
    print_bytes(r->example, r->example_len);
    printf("\n");
}

static void show_rejected(void)
{
    GList *all = g_list_sort(g_hash_table_get_values(rejected), by_count);
    unsigned shown = 0;

    printf("# rejected by us, decoded by capstone (%u mnemonics); most frequent:\n",
           g_hash_table_size(rejected));
    for (GList *l = all; l && shown < SHOW_MAX; l = l->next, shown++) {
        show_rejected_entry(l->data);
    }
    printf("# of those, in the ISA our CPUID claims (integer, x87, CMOV, SSE..SSE4.2, AES, BMI...):\n");
    for (GList *l = all; l; l = l->next) {
        if (((Rejected *)l->data)->claimed) {
            show_rejected_entry(l->data);
        }
    }
    g_list_free(all);
}

/* ---- corpus-lengths ---- */

/* A distinct instruction: its length and bytes, as a hash key. */
typedef struct Insn {
    uint8_t len;
    uint8_t bytes[MAX_INSN];
} Insn;

static guint insn_hash(gconstpointer p)
{
    const Insn *k = p;
    guint h = 2166136261u;

    for (int i = 0; i < k->len; i++) {
        h = (h ^ k->bytes[i]) * 16777619u;
    }
    return h ^ k->len;
}

static gboolean insn_equal(gconstpointer a, gconstpointer b)
{
    const Insn *x = a, *y = b;

    return x->len == y->len && !memcmp(x->bytes, y->bytes, x->len);
}

static GHashTable *corpus_set;
static GArray *corpus;      /* of Insn, in order found: seeds for the fuzzer */
static size_t corpus_total;

/* Linear sweep: where capstone cannot decode, step one byte. */
static void collect_text(const uint8_t *text, size_t len, void *opaque)
{
    cs_insn *insn = cs_malloc(cs);
    const uint8_t *p = text;
    size_t left = len;
    uint64_t addr = 0;

    while (left) {
        if (!cs_disasm_iter(cs, &p, &left, &addr, insn)) {
            p++, left--, addr++;
            continue;
        }
        Insn k = { .len = insn->size };

        memcpy(k.bytes, insn->bytes, insn->size);
        corpus_total++;
        if (!g_hash_table_contains(corpus_set, &k)) {
            g_array_append_val(corpus, k);
            g_hash_table_add(corpus_set, g_memdup2(&k, sizeof(k)));
        }
    }
    cs_free(insn, 1);
}

/* The check-tcg guest programs (built before check-unit by "make check";
   the test runs in <build>/tests/unit/build/<target>/), then libc.  Of the
   multiarch programs only the dynamically linked builds: the static ones
   add a copy of libc each (36 million instructions, minutes on a loaded
   machine) and nothing the dynamic ones and libc.a do not have. */
static const char *const corpus_files[] = {
    "../../../tcg/build/" TARGET_NAME "/multiarch/*-dyn",
    "../../../tcg/build/" TARGET_NAME "/asm/*",
    "../../../tcg/build/" TARGET_NAME "/arch/*",
#ifdef TARGET_X86_64
    "/proc/self/exe",
    "/usr/lib/x86_64-linux-gnu/libc.a",
    "/usr/lib/x86_64-linux-gnu/libm-*.a",
#else
    "/usr/lib32/libc.a",
    "/usr/lib32/libm.a",
#endif
};

static int collect_corpus(void)
{
    int files = 0;

    corpus_set = g_hash_table_new_full(insn_hash, insn_equal, g_free, NULL);
    corpus = g_array_new(false, false, sizeof(Insn));
    for (size_t i = 0; i < ARRAY_SIZE(corpus_files); i++) {
        size_t before = corpus_total;
        int pattern_files = 0;
        glob_t g;

        if (glob(corpus_files[i], 0, NULL, &g)) {
            continue;
        }
        for (size_t j = 0; j < g.gl_pathc; j++) {
            size_t file_before = corpus_total;

            if (file_for_each_text(g.gl_pathv[j], collect_text, NULL)
                && corpus_total > file_before) {
                pattern_files++;
            }
        }
        globfree(&g);
        if (pattern_files) {
            printf("# corpus: %s: %d files, %zu instructions\n", corpus_files[i],
                   pattern_files, corpus_total - before);
            files += pattern_files;
        }
    }
    return files;
}

static void test_corpus_lengths(void)
{
    unsigned accepted = 0, nrejected = 0, bad = 0;

    if (!collect_corpus()) {
        printf("SKIP corpus-lengths (no " TARGET_NAME " code found in");
        for (size_t i = 0; i < ARRAY_SIZE(corpus_files); i++) {
            printf(" %s", corpus_files[i]);
        }
        printf("; the i386 libraries come with gcc-multilib)\n");
        return;
    }
    for (guint i = 0; i < corpus->len; i++) {
        const Insn *k = &g_array_index(corpus, Insn, i);
        int ours = our_length(k->bytes, k->len);

        if (ours < 0) {
            nrejected++;
            note_rejected(k->bytes, k->len);
        } else if (ours == k->len || ours == sdm_length(k->bytes, k->len, k->len)) {
            accepted++;
        } else {
            uint8_t window[WINDOW];

            if (bad++ < SHOW_MAX) {
                memset(window, NOP, sizeof(window));
                memcpy(window, k->bytes, k->len);
                show_mismatch("length", window, k->len, ours);
            }
        }
    }
    show_rejected();
    printf("%s corpus-lengths: %zu instructions, %u distinct: %u same length, "
           "%u rejected by us, %u different length\n", bad ? "FAIL" : "PASS",
           corpus_total, corpus->len, accepted, nrejected, bad);
    failures += bad != 0;
}

static bool code64(void)
{
    return env->hflags & HF_CS64_MASK;
}

/* ---- extensions ---- */

typedef struct Encoding {
    const char *hex;
    bool only64;        /* REX or VEX bits that mean something else in 32-bit code */
} Encoding;

/* Forms of the integer extensions: each must decode, at capstone's length. */
static const Encoding extension_forms[] = {
    { "f3 0f b8 c1" }, { "66 f3 0f b8 08" }, { "f3 0f b8 4c 24 08" },
    { "f3 48 0f b8 c1", true }, { "f3 0f bc c1" }, { "66 f3 0f bc 04 8d 00 10 00 00" },
    { "f3 0f bd 80 00 01 00 00" }, { "f3 4c 0f bd 05 10 00 00 00", true },
    { "f2 f3 0f bc c1" }, { "f3 f2 0f bc c1" }, { "0f bc c1" }, { "66 0f bd 08" },
    { "0f 38 f0 08" }, { "66 0f 38 f0 48 10" }, { "0f 38 f1 0c 24" },
    { "48 0f 38 f1 05 00 00 00 00", true },
    { "f2 0f 38 f0 c1" }, { "f2 0f 38 f1 c1" }, { "66 f2 0f 38 f1 08" },
    { "f2 48 0f 38 f1 c1", true }, { "f2 0f 38 f0 44 24 04" },
    { "66 0f 38 f6 c1" }, { "f3 0f 38 f6 08" }, { "66 48 0f 38 f6 c1", true },
    { "66 f3 0f 38 f6 c1" }, { "f3 0f 38 f6 84 88 00 00 00 01" },
    { "c4 e2 70 f2 c2" }, { "c4 e2 f0 f2 c2", true }, { "c4 62 70 f2 08", true },
    { "c4 e2 70 f7 c2" }, { "c4 e2 78 f7 44 24 10" }, { "c4 e2 70 f3 c8" },
    { "c4 e2 70 f3 d0" }, { "c4 e2 70 f3 18" }, { "c4 c2 70 f3 d9", true },
    { "c4 e2 70 f5 c2" }, { "c4 e2 72 f5 c2" }, { "c4 e2 73 f5 00" },
    { "c4 e2 73 f6 c2" }, { "c4 e2 f3 f6 04 24", true },
    { "c4 e2 71 f7 c2" }, { "c4 e2 72 f7 c2" }, { "c4 e2 73 f7 80 00 10 00 00" },
    { "c4 e3 7b f0 c1 05" }, { "c4 e3 fb f0 08 3f", true },
    { "c4 e3 7b f0 05 00 00 00 00 07" },
    { "0f 01 f9" }, { "0f 1f 00" }, { "66 2e 0f 1f 84 00 00 00 00 00" },
    { "0f 18 c0" }, { "0f 1e c8" }, { "0f 0d 08" }, { "0f 0d 4c 24 40" },
    { "0f ae e8" }, { "0f ae f0" }, { "0f ae f8" }, { "f3 90" }, { "9e" }, { "9f" },
    /* SSE3 (and its x87 fisttp) */
    { "f2 0f 12 c1" }, { "f2 0f 12 08" }, { "f3 0f 12 c1" }, { "f3 0f 16 44 24 10" },
    { "66 0f 7c c1" }, { "f2 0f 7c 08" }, { "66 0f 7d c1" }, { "f2 0f 7d 80 00 01 00 00" },
    { "66 0f d0 c1" }, { "f2 0f d0 0c 24" }, { "f2 0f f0 08" },
    { "db 08" }, { "dd 48 10" }, { "df 0c 24" },
    /* SSSE3, mm and xmm forms; immediates after RIP-relative operands */
    { "0f 38 00 c1" }, { "66 0f 38 00 c1" }, { "66 0f 38 04 44 24 08" }, { "0f 38 0b 08" },
    { "66 0f 38 1c c1" }, { "66 0f 38 1e 05 00 00 00 00" }, { "0f 3a 0f c1 03" },
    { "66 0f 3a 0f 05 10 00 00 00 07" }, { "66 44 0f 38 00 c9", true },
    /* SSE4.1 */
    { "66 0f 38 10 c1" }, { "66 0f 38 17 08" }, { "66 0f 38 20 c1" }, { "66 0f 38 22 08" },
    { "66 0f 38 2a 08" }, { "66 0f 38 2b c1" }, { "66 0f 38 41 c1" }, { "66 0f 3a 08 c1 04" },
    { "66 0f 3a 0b 08 01" }, { "66 0f 3a 0e c1 aa" }, { "66 0f 3a 14 c0 05" },
    { "66 0f 3a 14 00 05" }, { "66 0f 3a 15 c0 03" }, { "66 0f 3a 16 c0 01" },
    { "66 48 0f 3a 16 c0 01", true }, { "66 0f 3a 17 08 02" }, { "66 0f 3a 20 c0 07" },
    { "66 0f 3a 21 c1 50" }, { "66 0f 3a 22 c0 02" }, { "66 48 0f 3a 22 08 01", true },
    { "66 0f 3a 40 c1 ff" }, { "66 0f 3a 41 08 31" }, { "66 0f 3a 42 c1 05" },
    /* SSE4.2, AES-NI, PCLMULQDQ */
    { "66 0f 38 37 c1" }, { "66 0f 3a 60 c1 0c" }, { "66 0f 3a 61 08 00" },
    { "66 0f 3a 62 44 24 04 40" }, { "66 0f 3a 63 05 00 00 00 00 0c" },
    { "66 48 0f 3a 61 c1 00", true }, { "66 0f 38 db c1" }, { "66 0f 38 dc 08" },
    { "66 0f 38 dd c1" }, { "66 0f 38 de c1" }, { "66 0f 38 df 08" },
    { "66 0f 3a df c1 01" }, { "66 0f 3a 44 c1 11" }, { "66 0f 3a 44 08 00" },
};

/* Encodings beside them that the CPU refuses: each must be rejected. */
static const Encoding refused[] = {
    { "0f b8 c1" }, { "0f 38 f0 c1" }, { "f3 0f 38 f0 08" }, { "0f 38 f6 c1" },
    { "0f 0d c1" }, { "f0 f3 0f b8 08" }, { "c4 e2 78 f3 c1" },
    { "c4 e2 7c f2 c2" }, { "c4 e3 73 f0 c1 05" }, { "c4 e3 03 f0 c1 05" },
    { "66 c4 e2 70 f2 c2" }, { "c4 e1 70 f2 c2" }, { "c4 e2 79 f6 c2" },
    { "c5 f8 77" }, { "48 c4 e2 70 f2 c2", true },
    /* SIMD: no mm form, wrong or missing mandatory prefix, register form of
       a memory-only instruction, LOCK, VEX (no AVX) */
    { "0f 38 10 c1" }, { "f3 0f 38 00 c1" }, { "0f 3a 08 c1 00" }, { "0f 38 17 c1" },
    { "66 0f 38 2a c1" }, { "f2 0f f0 c1" }, { "f0 66 0f 38 00 08" },
    { "c4 e2 79 00 c1" }, { "66 0f 38 18 c1" }, { "f3 0f 7c c1" },
};

/* hex into a WINDOW of bytes padded with nops; returns the length. */
static int encoding_bytes(const char *hex, uint8_t *b)
{
    unsigned v;
    int n = 0, k;

    memset(b, NOP, WINDOW);
    while (sscanf(hex, "%x%n", &v, &k) == 1) {
        b[n++] = v;
        hex += k;
    }
    return n;
}

static void test_extensions(void)
{
    unsigned checked = 0, bad = 0;
    uint8_t b[WINDOW];

    for (size_t i = 0; i < ARRAY_SIZE(extension_forms); i++) {
        int len, ours, theirs;

        if (extension_forms[i].only64 && !code64()) {
            continue;
        }
        len = encoding_bytes(extension_forms[i].hex, b);
        ours = our_length(b, WINDOW);
        theirs = cs_length(cs, b, WINDOW, NULL);
        checked++;
        /* The listed bytes are the instruction; capstone 4 lacks a few
           forms (0F 18 and 0F 1E with a register), which it may reject. */
        if (ours != len || (theirs >= 0 && theirs != len)) {
            bad++;
            printf("#  %s: ours %d, capstone %d, expected %d\n",
                   extension_forms[i].hex, ours, theirs, len);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
        if (refused[i].only64 && !code64()) {
            continue;
        }
        encoding_bytes(refused[i].hex, b);
        checked++;
        if (our_length(b, WINDOW) >= 0) {
            bad++;
            printf("#  %s: decoded, but the CPU refuses it\n", refused[i].hex);
        }
    }
    printf("%s extensions: %u encodings, %u wrong\n", bad ? "FAIL" : "PASS",
           checked, bad);
    failures += bad != 0;
}

/* ---- fuzzing ---- */

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const uint8_t legacy_prefixes[] = {
    0x66, 0x67, 0xf2, 0xf3, 0xf0, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65,
};

static void random_bytes(uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        b[i] = rng();
    }
}

/* Fuzz inputs fill a whole WINDOW: the decoder reads what it needs. */
static void gen_random(uint8_t *b)
{
    random_bytes(b, WINDOW);
}

/* Prefixes (few, mostly the SSE-selecting ones), REX, an opcode map, then
   random opcode, ModRM, SIB and displacement/immediate bytes. */
static void gen_structured(uint8_t *b)
{
    static const uint8_t sse_prefixes[] = { 0x66, 0xf2, 0xf3 };
    int n = 0;

    random_bytes(b, WINDOW);
    for (int i = rng() % 4; i > 0; i--) {
        b[n++] = rng() % 2 ? sse_prefixes[rng() % ARRAY_SIZE(sse_prefixes)]
                           : legacy_prefixes[rng() % ARRAY_SIZE(legacy_prefixes)];
    }
    if (code64() && rng() % 2) {
        b[n++] = 0x40 | (rng() & 15);
    }
    switch (rng() % 6) {
    case 1:
        b[n++] = 0x0f;
        break;
    case 2:
        b[n++] = 0x0f;
        b[n++] = 0x38;
        break;
    case 3:
        b[n++] = 0x0f;
        b[n++] = 0x3a;
        break;
    case 4:
        b[n++] = 0xc4;
        /* VEX, three bytes, mostly naming a map that exists; in 32-bit
           code R and X must be set (else it is les). */
        b[n] = rng();
        if (rng() % 4) {
            b[n] = (b[n] & 0xe0) | (1 + rng() % 3);
        }
        if (!code64()) {
            b[n] |= 0xc0;
        }
        n++;
        b[n++] = rng();                 /* W, vvvv, L, pp */
        b[n++] = rng() % 2 ? 0xf0 + rng() % 8 : rng();
        break;
    case 5:
        b[n++] = 0xc5;
        b[n++] = rng() | (code64() ? 0 : 0xc0);
        break;
    }
    /* The opcode (but after VEX), ModRM and SIB stay random. */
}

/* A real instruction with prefixes added, bytes replaced, bits flipped or
   bytes inserted; nops after it. */
static void gen_mutated(uint8_t *b)
{
    const Insn *k = &g_array_index(corpus, Insn, rng() % corpus->len);
    int n = k->len;

    memset(b, NOP, WINDOW);
    memcpy(b, k->bytes, n);
    for (int m = 1 + rng() % 2; m > 0; m--) {
        int at = rng() % n;

        switch (rng() % 4) {
        case 0:     /* a prefix or REX in front */
            memmove(b + 1, b, n++);
            b[0] = code64() && rng() % 2
                   ? 0x40 | (rng() & 15)
                   : legacy_prefixes[rng() % ARRAY_SIZE(legacy_prefixes)];
            break;
        case 1:
            b[at] = rng();
            break;
        case 2:
            b[at] ^= 1 << (rng() % 8);
            break;
        default:
            memmove(b + at + 1, b + at, n++ - at);
            b[at] = rng();
            break;
        }
        if (n > MAX_INSN) {
            n = MAX_INSN;
        }
    }
}

/* Long runs of prefixes before a real instruction: around the 15-byte
   limit, past which the CPU raises #GP however the bytes decode. */
static void gen_prefix_run(uint8_t *b)
{
    int n = 5 + rng() % 10;

    for (int i = 0; i < n; i++) {
        b[i] = legacy_prefixes[rng() % ARRAY_SIZE(legacy_prefixes)];
    }
    if (corpus->len) {
        const Insn *k = &g_array_index(corpus, Insn, rng() % corpus->len);

        memset(b + n, NOP, WINDOW - n);
        memcpy(b + n, k->bytes, k->len);
    } else {
        random_bytes(b + n, WINDOW - n);
    }
}

typedef struct FuzzCounts {
    unsigned both, ours_only, cs_only, neither, overlong, bad;
} FuzzCounts;

/* The single-instruction checks, on the instruction at the start of b. */
static void check_one(const uint8_t *b, FuzzCounts *c)
{
    int ours = our_length(b, WINDOW);
    int theirs = cs_length(cs, b, WINDOW, NULL);

    if (ours < 0) {
        if (theirs < 0) {
            c->neither++;
        } else {
            c->cs_only++;
        }
        return;
    }
    if (ours > MAX_INSN) {
        if (c->overlong++ < SHOW_MAX) {
            show_mismatch("over 15 bytes", b, theirs, ours);
        }
    } else if (theirs < 0) {
        c->ours_only++;
    } else if (theirs != ours && sdm_length(b, WINDOW, theirs) != ours) {
        if (c->bad++ < SHOW_MAX) {
            show_mismatch("length", b, theirs, ours);
        }
    } else {
        c->both++;
    }
}

static void test_fuzz_insn(void)
{
    static void (*const gens[])(uint8_t *) = {
        gen_random, gen_structured, gen_mutated, gen_prefix_run,
    };
    FuzzCounts c = { 0 };
    unsigned total = 0;
    uint8_t b[WINDOW];

    for (size_t g = 0; g < ARRAY_SIZE(gens); g++) {
        if (gens[g] == gen_mutated && !corpus->len) {
            continue;
        }
        for (unsigned long i = 0; i < FUZZ_PER_KIND * fuzz_scale; i++, total++) {
            gens[g](b);
            check_one(b, &c);
        }
    }
    printf("%s fuzz-insn: %u sequences: %u same length, %u rejected by both, "
           "%u only capstone decodes, %u only we decode, %u over 15 bytes, "
           "%u different length\n", c.overlong || c.bad ? "FAIL" : "PASS",
           total, c.both, c.neither, c.cs_only, c.ours_only, c.overlong, c.bad);
    failures += c.overlong || c.bad;
}

/* A page of generated instructions back to back, translated as TBs from
   random offsets (near the end, the first one crosses into the next page):
   each instruction boundary the TB records (tb->pc + insn[i].pc_off is the guest pc
   of instruction i) must be capstone's. */
static void test_fuzz_tb(void)
{
    static void (*const gens[])(uint8_t *) = {
        gen_random, gen_structured, gen_mutated,
    };
    uint8_t *page = code;
    unsigned insns = 0, bad = 0, cs_rejects = 0;

    for (unsigned long t = 0; t < FUZZ_TBS * fuzz_scale; t++) {
        uint8_t b[WINDOW];
        size_t off = 0;
        TranslationBlock *tb;

        while (off < TARGET_PAGE_SIZE) {
            int n;

            gens[rng() % (corpus->len ? 3 : 2)](b);
            n = 1 + rng() % 8;
            memcpy(page + off, b, MIN((size_t)n, TARGET_PAGE_SIZE - off));
            off += n;
        }
        off = rng() % TARGET_PAGE_SIZE;
        current = page + off;
        current_len = TARGET_PAGE_SIZE - off;
        tb = translate_at(page + off, 0);
        for (int i = 0; i < tb->icount; i++) {
            target_ulong start = tb->pc + tb->insn[i].pc_off;
            target_ulong end = i + 1 < tb->icount ? tb->pc + tb->insn[i + 1].pc_off
                                                  : tb->pc + tb->size;
            const uint8_t *p = g2h(start);
            int theirs;

            if (i + 1 == tb->icount && tb->insn_rejected) {
                break;
            }
            insns++;
            theirs = cs_length(cs, p, WINDOW, NULL);
            if (theirs < 0) {
                cs_rejects++;
            } else if (theirs != (int)(end - start)
                       && sdm_length(p, WINDOW, theirs) != (int)(end - start)
                       && bad++ < SHOW_MAX) {
                show_mismatch("in TB", p, theirs, end - start);
            }
        }
    }
    memset(page, NOP, TARGET_PAGE_SIZE);
    printf("%s fuzz-tb: %lu TBs, %u instructions decoded, %u of them capstone "
           "rejects, %u different length\n", bad ? "FAIL" : "PASS", FUZZ_TBS * fuzz_scale,
           insns, cs_rejects, bad);
    failures += bad != 0;
}

int main(int argc, char **argv)
{
    const char *seed = getenv("DECODE_FUZZ_SEED"), *scale = getenv("DECODE_FUZZ_SCALE");

    if (seed && strtoull(seed, NULL, 0)) {
        rng_state = strtoull(seed, NULL, 0);
    }
    if (scale && strtoul(scale, NULL, 0)) {
        fuzz_scale = strtoul(scale, NULL, 0);
    }
    engine_init();
    capstone_init();
    rejected = g_hash_table_new(g_str_hash, g_str_equal);
    test_extensions();
    test_corpus_lengths();
    test_fuzz_insn();
    test_fuzz_tb();
    return failures != 0;
}
