/*
 * lockstep.c: the lockstep checker.  Usage:
 *
 *     tests/lockstep/lockstep [-s] [-x] [-v] [-n MAX] [-e EMULATOR] PROGRAM [ARGS...]
 *
 * runs a static x86_64 PROGRAM natively under ptrace and under our emulator
 * and compares rip, the GPRs, the arithmetic flags and DF, fs_base (and with
 * -x the x87 state, mxcsr and xmm0-15) at the start of every translation
 * block the emulator runs (with -s: before every instruction), stopping at
 * the first divergence; a divergence between two blocks is then pinned on
 * its instruction by a single-stepped replay.  What may legitimately differ
 * (undefined flags, mmap addresses, what cpuid and the kernel answer) is
 * accepted or taken over from the emulator; docs/user/testing.md says how
 * and why.  Exits 0 when the runs agree to the end or to a point past which
 * they cannot be compared (a thread, an asynchronous signal: it says so),
 * 1 at a divergence, 2 on errors.
 */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lockstep.h"

const char *const gpr_names[NB_GPR] = {
    "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP",
    "R8 ", "R9 ", "R10", "R11", "R12", "R13", "R14", "R15",
};

/* Linux x86_64 syscall numbers whose results are addresses. */
enum { NR_MMAP = 9, NR_BRK = 12, NR_MREMAP = 25 };
/* ... and those whose results are process or thread ids. */
enum { NR_GETPID = 39, NR_GETPPID = 110, NR_GETTID = 186, NR_SET_TID_ADDRESS = 218 };


/* Equal, or the same address or process id in the two runs. */
static bool same_value(const Lockstep *l, uint64_t n, uint64_t e)
{
    int64_t d = n - e;
    int i;

    if (n == e) {
        return true;
    }
    for (i = 0; i < l->nb_map_deltas; i++) {
        if (d == l->map_deltas[i]) {
            return true;
        }
    }
    for (i = 0; i < l->nb_id_pairs; i++) {
        if (n == l->id_pairs[i][0] && e == l->id_pairs[i][1]) {
            return true;
        }
    }
    return false;
}

void note(Lockstep *l, const char *fmt, ...)
{
    va_list ap;

    l->taken_over++;
    if (!l->verbose) {
        return;
    }
    va_start(ap, fmt);
    printf("note: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

static void add_map_delta(Lockstep *l, int64_t d)
{
    int i;

    for (i = 0; i < l->nb_map_deltas; i++) {
        if (l->map_deltas[i] == d) {
            return;
        }
    }
    if (l->nb_map_deltas < (int)(sizeof(l->map_deltas) / sizeof(l->map_deltas[0]))) {
        l->map_deltas[l->nb_map_deltas++] = d;
    }
}

void add_id_pair(Lockstep *l, uint64_t n, uint64_t e)
{
    if (!same_value(l, n, e) &&
        l->nb_id_pairs < (int)(sizeof(l->id_pairs) / sizeof(l->id_pairs[0]))) {
        l->id_pairs[l->nb_id_pairs][0] = n;
        l->id_pairs[l->nb_id_pairs][1] = e;
        l->nb_id_pairs++;
    }
}

/*
 * Brings into the native state *ns, after the instruction *insn (with
 * undefined, the flags left undefined), what the emulator may legitimately
 * have differently; returns whether it changed.
 */
static bool take_over(Lockstep *l, const InsnInfo *insn, uint32_t undefined,
                      uint64_t syscall_nr, GuestState *ns, const GuestState *es)
{
    GuestState before = *ns;
    int i;


    if (insn->is_syscall && ns->gpr[GPR_RAX] != es->gpr[GPR_RAX]) {
        bool failed = ns->gpr[GPR_RAX] > -4096ull || es->gpr[GPR_RAX] > -4096ull;

        if (!failed && (syscall_nr == NR_MMAP || syscall_nr == NR_BRK ||
                        syscall_nr == NR_MREMAP)) {
            add_map_delta(l, ns->gpr[GPR_RAX] - es->gpr[GPR_RAX]);
        } else if (!failed && (syscall_nr == NR_GETPID || syscall_nr == NR_GETPPID ||
                               syscall_nr == NR_GETTID || syscall_nr == NR_SET_TID_ADDRESS)) {
            add_id_pair(l, ns->gpr[GPR_RAX], es->gpr[GPR_RAX]);
        } else {
            note(l, "syscall %" PRIu64 " returned %" PRId64 " natively, %" PRId64
                 " emulated: going on with the emulated result", syscall_nr,
                 (int64_t)ns->gpr[GPR_RAX], (int64_t)es->gpr[GPR_RAX]);
            ns->gpr[GPR_RAX] = es->gpr[GPR_RAX];
        }
    }
    for (i = 0; i < NB_GPR; i++) {
        if (insn->result_gprs & (1u << i)) {
            ns->gpr[i] = es->gpr[i];
        }
    }
    ns->eflags = (ns->eflags & ~undefined) | (es->eflags & undefined);
    return memcmp(&before, ns, sizeof(before)) != 0;
}

static void report_value(bool print, const char *name, uint64_t n, uint64_t e)
{
    if (print) {
        printf("  %-6s native %016" PRIx64 "  emulated %016" PRIx64 "\n", name, n, e);
    }
}

/* The x87 state as FXSAVE shows it (FIP, FDP and FOP excepted): control
   word, status word with TOP and C0-C3, abridged tags, ST(0)-ST(7). */
static int compare_x87(const GuestState *ns, const GuestState *es, bool print)
{
    int i, diffs = 0;

    if (ns->fcw != es->fcw) {
        report_value(print, "FCW", ns->fcw, es->fcw);
        diffs++;
    }
    if (ns->fsw != es->fsw) {
        report_value(print, "FSW", ns->fsw, es->fsw);
        diffs++;
    }
    if (ns->ftw != es->ftw) {
        report_value(print, "FTW", ns->ftw, es->ftw);
        diffs++;
    }
    for (i = 0; i < 8; i++) {
        char name[16];

        if (ns->st[i].mant != es->st[i].mant || ns->st[i].sign_exp != es->st[i].sign_exp) {
            snprintf(name, sizeof(name), "ST%d.se", i);
            report_value(print, name, ns->st[i].sign_exp, es->st[i].sign_exp);
            snprintf(name, sizeof(name), "ST%d.m", i);
            report_value(print, name, ns->st[i].mant, es->st[i].mant);
            diffs++;
        }
    }
    return diffs;
}

/* Prints every difference between *ns and *es; returns how many. */
static int compare(const Lockstep *l, const GuestState *ns, const GuestState *es, bool print)
{
    static const struct { uint32_t bit; const char *name; } flags[] = {
        { FL_CF, "CF" }, { FL_PF, "PF" }, { FL_AF, "AF" }, { FL_ZF, "ZF" },
        { FL_SF, "SF" }, { FL_DF, "DF" }, { FL_OF, "OF" },
    };
    int i, diffs = 0;

    for (i = 0; i < NB_GPR; i++) {
        if (!same_value(l, ns->gpr[i], es->gpr[i])) {
            report_value(print, gpr_names[i], ns->gpr[i], es->gpr[i]);
            diffs++;
        }
    }
    for (i = 0; i < (int)(sizeof(flags) / sizeof(flags[0])); i++) {
        if ((ns->eflags ^ es->eflags) & flags[i].bit) {
            report_value(print, flags[i].name, !!(ns->eflags & flags[i].bit),
                         !!(es->eflags & flags[i].bit));
            diffs++;
        }
    }
    if (!same_value(l, ns->fs_base, es->fs_base)) {
        report_value(print, "FSBASE", ns->fs_base, es->fs_base);
        diffs++;
    }
    if (l->with_sse) {
        diffs += compare_x87(ns, es, print);
        if (ns->mxcsr != es->mxcsr) {
            report_value(print, "MXCSR", ns->mxcsr, es->mxcsr);
            diffs++;
        }
        for (i = 0; i < 16; i++) {
            char name[16];

            if (ns->xmm[i][0] != es->xmm[i][0] || ns->xmm[i][1] != es->xmm[i][1]) {
                snprintf(name, sizeof(name), "XMM%d.h", i);
                report_value(print, name, ns->xmm[i][1], es->xmm[i][1]);
                snprintf(name, sizeof(name), "XMM%d.l", i);
                report_value(print, name, ns->xmm[i][0], es->xmm[i][0]);
                diffs++;
            }
        }
    }
    return diffs;
}

static void report_insn(unsigned long count, uint64_t rip, const InsnInfo *insn)
{
    size_t i;

    printf("lockstep: divergence after instruction %lu at %#" PRIx64 ": ", count, rip);
    for (i = 0; i < insn->len; i++) {
        printf("%02x ", insn->bytes[i]);
    }
    printf(" %s\n", insn->text);
}

static bool same_end(int native_status, int emulated_status)
{
    if (WIFSIGNALED(native_status)) {
        return (WIFSIGNALED(emulated_status) &&
                WTERMSIG(emulated_status) == WTERMSIG(native_status)) ||
               (WIFEXITED(emulated_status) &&
                WEXITSTATUS(emulated_status) == 128 + WTERMSIG(native_status));
    }
    return WIFEXITED(emulated_status) &&
           WEXITSTATUS(emulated_status) == WEXITSTATUS(native_status);
}

static bool step(Lockstep *l, GuestState *ns, int *status)
{
    if (!native_step(l->native)) {
        perror("PTRACE_SINGLESTEP");
        exit(2);
    }
    return native_state(l->native, ns, status);
}

static void stop(Lockstep *l);

static void report_in_handler(const Lockstep *l)
{
    if (l->in_handler) {
        printf("  (in a signal handler, whose frames differ in size: only the path is compared)\n");
    }
}

/* Both started, the native run with the emulator's initial stack: a few
   tries, as a program of a few blocks may end under the emulator before
   its stack can be read (its log fits in the pipe that holds it back). */
static bool start(Lockstep *l, bool blocks, GuestState *ns, GuestState *es)
{
    int nstatus = 0, estatus = 0, tries;
    bool nlive, elive;

    for (tries = 0; tries < 5; tries++) {
        l->nb_map_deltas = l->nb_id_pairs = 0;
        l->taken_over = l->handler_states = 0;
        l->in_handler = false;
        random_stream_start(l);
        l->native = native_start(l->argv, l->envp, l->with_sse);
        l->emulated = emulated_start(l->qemu, l->argv, l->envp, l->with_sse, blocks);
        nlive = native_state(l->native, ns, &nstatus);
        elive = emulated_state(l->emulated, es, &estatus);
        if (!nlive || !elive) {
            fprintf(stderr, "lockstep: the program did not start %s\n",
                    nlive ? "under the emulator" : "natively");
            return false;
        }
        ns->gpr[GPR_RSP] = es->gpr[GPR_RSP];
        if (native_copy_stack(l->native, ns, l->emulated)) {
            emulated_run_ahead(l->emulated);
            return true;
        }
        stop(l);
    }
    fprintf(stderr, "lockstep: the emulator ended each time before its stack could be read\n");
    return false;
}

static void stop(Lockstep *l)
{
    native_kill(l->native);
    emulated_kill(l->emulated);
}

/* Only the first thread is followed: the others run at other points in
   each run. */
#define NEW_TASK "the program starts a thread (clone with CLONE_VM, clone3)"

/* The comparison cannot go on: a pass up to here, said as such. */
static int stop_here(Lockstep *l, unsigned long count, const char *why)
{
    printf("lockstep: %lu instructions, no divergence; stopped: %s, not compared further\n",
           count, why);
    stop(l);
    return 0;
}

static int agreed(Lockstep *l, unsigned long count)
{
    printf("lockstep: %lu instructions, no divergence "
           "(%lu results taken from the emulator, -v lists them", count, l->taken_over);
    if (l->handler_states) {
        printf("; %lu states in signal handlers compared by their path only",
               l->handler_states);
    }
    printf(")\n");
    return 0;
}

/*
 * A signal handler's entry (signal: the one just delivered natively) with
 * the kernel's frame of another size than the emulator's (its XSAVE area
 * is the host CPU's): rsp, the pointers into the frames and what the
 * handler computes from them (their low bits in the flags) differ until
 * it returns (each run's rt_sigreturn restores the interrupted state from
 * its own frame) or leaves by a longjmp.  In between the runs must take
 * the same path; once they meet again (the same rsp, nothing differs) the
 * comparison is whole again.  Returns whether this pair of states is to
 * be compared whole.
 */
static bool compared_whole(Lockstep *l, int signal, const GuestState *ns, const GuestState *es)
{
    if (signal && !l->in_handler && ns->rip == es->rip &&
        ns->gpr[GPR_RSP] != es->gpr[GPR_RSP]) {
        if (l->verbose) {
            printf("note: signal %d's handler entered at %#" PRIx64 ", the kernel's frame "
                   "%+" PRId64 " bytes from the emulator's: its path is compared until the "
                   "runs meet again\n", signal, ns->rip,
                   (int64_t)(ns->gpr[GPR_RSP] - es->gpr[GPR_RSP]));
        }
        l->in_handler = true;
        native_siginfo_ids(l, ns->gpr[GPR_RSI]);
    }
    if (l->in_handler && ns->gpr[GPR_RSP] == es->gpr[GPR_RSP] && !compare(l, ns, es, false)) {
        if (l->verbose) {
            printf("note: the runs meet again at %#" PRIx64 "\n", ns->rip);
        }
        l->in_handler = false;
    }
    l->handler_states += l->in_handler;
    return !l->in_handler;
}

/* The emulator's state after the one in *es; false at the end of its log.
   A block entered and left before its first instruction (its code page
   was written: the emulator translates it again) logs the same state
   twice: the second is no instruction's end. */
static bool emulated_next(Lockstep *l, GuestState *es, int *estatus)
{
    GuestState before = *es;

    do {
        if (!emulated_state(l->emulated, es, estatus)) {
            return false;
        }
    } while (es->rip == before.rip && es->eflags == before.eflags &&
             !memcmp(es->gpr, before.gpr, sizeof(es->gpr)));
    return true;
}

/* Single-steps both to the end (or max instructions); returns the exit status. */
static int run_steps(Lockstep *l, unsigned long max)
{
    GuestState ns, es;
    InsnInfo insn;
    uint64_t rip = 0, syscall_nr = 0;
    unsigned long count = 0;
    int nstatus = 0, estatus = 0, signal;
    bool nlive, elive, whole;

    if (!start(l, false, &ns, &es)) {
        return 2;
    }
    native_set_syscall_hook(l->native, syscall_hook, l);
    nlive = elive = true;
    for (;;) {
        if (count && insn.is_pushf) {
            /* Single-stepping sets TF, which pushf would show the program. */
            uint64_t word;

            if (native_peek(l->native, ns.gpr[GPR_RSP], (uint8_t *)&word, 8) == 8) {
                native_poke(l->native, ns.gpr[GPR_RSP], word & ~0x100ull);
            }
        }
        if (count && take_over(l, &insn, insn.undefined_flags, syscall_nr, &ns, &es)) {
            native_set_state(l->native, &ns);
        }
        signal = native_take_signal(l->native);
        if (ns.rip != es.rip && nlive && elive) {
            /* A jump to code that cannot be fetched: the step's trap comes
               at the target, before the fetch faults; the emulator's next
               state is the handler's (or the end). */
            GuestState at_target = ns;

            nlive = step(l, &ns, &nstatus);
            signal = native_take_signal(l->native);
            if (!signal || ns.rip != es.rip) {
                ns = at_target;
            }
        }
        whole = compared_whole(l, signal, &ns, &es);
        if (ns.rip != es.rip) {
            report_insn(count, rip, &insn);
            report_value(true, "RIP", ns.rip, es.rip);
            report_in_handler(l);
            stop(l);
            return 1;
        }
        if (whole && compare(l, &ns, &es, false)) {
            if (count) {
                report_insn(count, rip, &insn);
            } else {
                printf("lockstep: the initial states differ\n");
            }
            compare(l, &ns, &es, true);
            stop(l);
            return 1;
        }
        if (max && count == max) {
            printf("lockstep: %lu instructions, no divergence (stopped at -n)\n", count);
            stop(l);
            return 0;
        }
        rip = ns.rip;
        syscall_nr = ns.gpr[GPR_RAX];
        insn_decode(l->native, ns.rip, &ns, &insn);
        if (insn.is_syscall && starts_thread(syscall_nr, ns.gpr[GPR_RDI])) {
            return stop_here(l, count, NEW_TASK);
        }
        count++;
        elive = emulated_next(l, &es, &estatus);
        if (insn.is_cpuid) {
            /* Under a hypervisor cpuid traps to it and the single-step trap
               is lost; its results are the emulator's anyway. */
            ns.rip += insn.len;
            native_set_state(l->native, &ns);
        } else if (insn.is_syscall && syscall_hooked(syscall_nr) && elive) {
            /* Run to its return under the hook (a new mapping goes where
               the emulator's went, as from block to block). */
            NativeEvents ev;

            l->after = &es;
            nlive = native_run_to(l->native, rip + insn.len, 1, &ev, &nstatus) == RUN_REACHED &&
                    native_state(l->native, &ns, &nstatus);
        } else {
            nlive = step(l, &ns, &nstatus);
        }
        /* A rep string instruction stops after each iteration natively, and
           may run whole in one step under the emulator, or the other way. */
        while (insn.has_rep && nlive && elive && ns.rip != es.rip) {
            if (ns.rip == rip) {
                nlive = step(l, &ns, &nstatus);
            } else if (es.rip == rip) {
                elive = emulated_next(l, &es, &estatus);
            } else {
                break;
            }
        }
        if (!elive && nlive) {
            /* A signal the program sent itself (abort) stops it natively
               once more, at the next instruction, before it kills it. */
            nlive = step(l, &ns, &nstatus);
        }
        if (!nlive || !elive) {
            break;
        }
    }
    if (nlive || elive) {
        report_insn(count, rip, &insn);
        printf("  the program ended %s only\n", nlive ? "under the emulator" : "natively");
        return 1;
    }
    if (!same_end(nstatus, estatus)) {
        printf("lockstep: wait status %#x natively, %#x under the emulator\n",
               nstatus, estatus);
        return 1;
    }
    return agreed(l, count);
}


/* How many times the native run reaches target running tb: once at the end,
   once more for each of its instructions but the first at that address. */
static unsigned hits_to(const EmuTB *tb, uint64_t target)
{
    unsigned hits = 1;
    int i;

    for (i = 1; i < tb->nb_insns; i++) {
        hits += tb->addrs[i] == target;
    }
    return hits;
}

/* How many of tb's instructions ran on the way to target: all, but when
   the emulator dropped translated code on the way and target is one of
   tb's own instructions: the store to that code's page stopped the block
   (the emulator goes on from the store in a new block). */
static int insns_run(Lockstep *l, const EmuTB *tb, uint64_t target)
{
    int i;

    if (emulated_code_dropped(l->emulated)) {
        for (i = 1; i < tb->nb_insns; i++) {
            if (tb->addrs[i] == target) {
                return i;
            }
        }
    }
    return tb->nb_insns;
}

/*
 * A divergence at the end of a block: runs both again, single-stepped, to
 * the end of that block, to name the instruction.
 */
static int replay(Lockstep *l, unsigned long count)
{
    int ret;

    printf("lockstep: replaying the first %lu instructions single-stepped\n", count);
    ret = run_steps(l, count);
    if (ret == 0) {
        printf("lockstep: single-stepped they agree: the block comparison is wrong "
               "(a shortcoming of the checker)\n");
        return 1;
    }
    return ret;
}

static int block_divergence(Lockstep *l, unsigned long count, const EmuTB *tb,
                            const GuestState *ns, const GuestState *es)
{
    if (!tb) {
        printf("lockstep: the initial states differ\n");
        compare(l, ns, es, true);
        return 1;
    }
    printf("lockstep: divergence after the block at %#" PRIx64 " (%d instructions, "
           "ending at instruction %lu)\n", tb->pc, tb->nb_insns, count);
    report_value(true, "RIP", ns->rip, es->rip);
    compare(l, ns, es, true);
    report_in_handler(l);
    stop(l);
    return replay(l, count);
}

/* The emulator's state after tb; false at the end of its log.  A block
   ending in a rep string instruction may leave it part done, to go on in
   the next (a block of that instruction alone): the native run does the
   whole instruction at once, so the comparison is after the last part. */
static bool next_block(Lockstep *l, const EmuTB *tb, GuestState *es, int *estatus)
{
    uint64_t last = tb->addrs[tb->nb_insns - 1];

    do {
        if (!emulated_next(l, es, estatus)) {
            return false;
        }
    } while (tb->info->last.has_rep && es->rip == last);
    return true;
}

/* Runs both, the native run from block start to block start, to the end
   (or past max instructions); returns the exit status. */
static int run_blocks(Lockstep *l, unsigned long max)
{
    GuestState ns, es;
    NativeEvents ev;
    EmuTB *tb = NULL;
    unsigned long count = 0;
    uint32_t undefined = 0;
    int nstatus = 0, estatus = 0, ret, ran = 0;

    if (!start(l, true, &ns, &es)) {
        return 2;
    }
    native_set_syscall_hook(l->native, syscall_hook, l);
    for (;;) {
        if (tb) {
            /* (a block stopped early: its own flags analysis is of all of
               it, the stores that stopped it leave flags alone) */
            undefined = ran < tb->nb_insns ? undefined
                        : (undefined & ~tb->info->kill) | tb->info->gen;
            if (ran == tb->nb_insns &&
                take_over(l, &tb->info->last, undefined, ev.syscall_nr, &ns, &es)) {
                native_set_state(l->native, &ns);
            }
        }
        if (ns.rip != es.rip ||
            (compared_whole(l, tb ? ev.signal : 0, &ns, &es) && compare(l, &ns, &es, false))) {
            return block_divergence(l, count, tb, &ns, &es);
        }
        if (max && count >= max) {
            printf("lockstep: %lu instructions, no divergence (stopped at -n)\n", count);
            stop(l);
            return 0;
        }
        tb = emulated_tb(l->emulated, es.rip);
        if (!tb) {
            fprintf(stderr, "lockstep: no -d in_asm block for %#" PRIx64 "\n", es.rip);
            return 2;
        }
        if (!tb->info) {
            tb->info = malloc(sizeof(*tb->info));
            insn_block(l->native, tb->addrs, tb->nb_insns, tb->info);
        }
        if (tb->info->mid_machine) {
            fprintf(stderr, "lockstep: the emulator's block at %#" PRIx64 " goes on after the "
                    "instruction at %#" PRIx64 ": its result cannot be taken over\n",
                    tb->pc, tb->info->mid_machine);
            return 2;
        }
        if (!next_block(l, tb, &es, &estatus)) {
            count += tb->nb_insns;
            break;
        }
        ran = insns_run(l, tb, es.rip);
        count += ran;
        l->after = &es;
        ret = native_run_to(l->native, es.rip, ran < tb->nb_insns ? 1 : hits_to(tb, es.rip),
                            &ev, &nstatus);
        if (ret == RUN_STOPPED && ev.new_task) {
            return stop_here(l, count - ran, NEW_TASK);
        }
        if (ret == RUN_STOPPED && ev.async_signal) {
            char why[80];

            snprintf(why, sizeof(why), "signal %d arrived from outside the program",
                     ev.async_signal);
            return stop_here(l, count - ran, why);
        }
        if (ret == RUN_ENDED) {
            printf("lockstep: the native run ended (wait status %#x)\n", nstatus);
            return block_divergence(l, count, tb, &ns, &es);
        }
        if (ret != RUN_REACHED) {
            printf("lockstep: the native run has no code where the emulator went\n");
            return block_divergence(l, count, tb, &ns, &es);
        }
        native_state(l->native, &ns, &nstatus);
    }
    ret = native_run_to(l->native, 0, 0, &ev, &nstatus);
    if (ret == RUN_STOPPED) {
        printf("lockstep: the program ended under the emulator only\n");
        return block_divergence(l, count, tb, &ns, &es);
    }
    if (!same_end(nstatus, estatus)) {
        printf("lockstep: wait status %#x natively, %#x under the emulator\n",
               nstatus, estatus);
        return 1;
    }
    return agreed(l, count);
}

/* Where the build puts the emulator, seen from <build>/tests/lockstep/. */
static char *default_emulator(void)
{
    static char path[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", path, sizeof(path) - 64);
    char *slash;

    if (len <= 0) {
        return NULL;
    }
    path[len] = 0;
    slash = strrchr(path, '/');
    strcpy(slash, "/../../x86_64-linux-user/qemu-x86_64");
    return path;
}

int main(int argc, char **argv)
{
    extern char **environ;
    Lockstep l = { 0 };
    unsigned long max = 0;
    bool steps = false;
    int opt;

    l.qemu = default_emulator();
    while ((opt = getopt(argc, argv, "+e:n:svx")) != -1) {
        switch (opt) {
        case 'e':
            l.qemu = optarg;
            break;
        case 's':
            steps = true;
            break;
        case 'n':
            max = strtoul(optarg, NULL, 0);
            break;
        case 'v':
            l.verbose = true;
            break;
        case 'x':
            l.with_sse = true;
            break;
        default:
            fprintf(stderr, "usage: %s [-s] [-x] [-v] [-n MAX] [-e EMULATOR] PROGRAM [ARGS...]\n",
                    argv[0]);
            return 2;
        }
    }
    if (optind >= argc || !l.qemu) {
        fprintf(stderr, "usage: %s [-s] [-x] [-v] [-n MAX] [-e EMULATOR] PROGRAM [ARGS...]\n",
                argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    insn_init();
    l.argv = argv + optind;
    l.envp = environ;
    return steps ? run_steps(&l, max) : run_blocks(&l, max);
}
