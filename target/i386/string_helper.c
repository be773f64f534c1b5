/*
 * string_helper.c: rep movs and rep stos, many elements per call.
 *
 * The translator calls a helper once per pass through the rep instruction
 * and re-executes the instruction while rCX is not zero (emit-string.c).
 * A call does at most REP_CHUNK_BYTES, so a pending signal is taken within
 * microseconds: the TB entry tests exit_request between calls.  rCX, rSI
 * and rDI always end as a CPU leaves them after the elements done.
 *
 * Fast path, one guest page at a time: the elements that stay inside one
 * page of source and destination are one host memmove or fill at the host
 * addresses the software TLB gives (exec/cputlb.h; a write probe also drops
 * translated code from the page).  Slow path, for an element that crosses
 * a page or a run whose addresses wrap: element by element through the
 * cpu_*_data_ra accessors, with the registers in env advanced after every
 * element.  Either way a refused access becomes a guest fault with exactly
 * the state a CPU shows: eip at the rep instruction, the registers past the
 * elements done, si_addr the first byte refused.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/gdbstub.h"
#include "ldst_sized.h"
#include "tcg/tcg.h"
#include "exec/helper-proto.h"

#define REP_CHUNK_BYTES 65536

/* One call's work: n elements of 1 << ot bytes, stepping by DF. */
typedef struct RepChunk {
    int ot;
    target_ulong mask;          /* of the address size: offsets wrap at it */
    target_ulong n;
    int dir;                    /* DF: 1 or -1 */
} RepChunk;

static RepChunk rep_chunk(CPUX86State *env, int ot, int aflag)
{
    RepChunk c = { .ot = ot, .dir = env->df };

    c.mask = aflag == MO_64 ? (target_ulong)-1
                            : (target_ulong)((UINT64_C(1) << (8 << aflag)) - 1);
    c.n = MIN(env->regs[R_ECX] & c.mask, (target_ulong)REP_CHUNK_BYTES >> ot);
    if (unlikely(gdb_watching)) {
        /* one element per pass, each checked: gdb's watchpoint stops
           after the element that touched it, as x86's trap does */
        c.n = MIN(c.n, 1);
    }
    return c;
}

/* User mode is flat: only an FS or GS override adds a base, as in
   gen_lea_v_seg(). */
static target_ulong seg_base(CPUX86State *env, int seg)
{
    return seg == R_FS || seg == R_GS ? env->segs[seg].base : 0;
}

/* Writes at the address size: a 16-bit register keeps its upper bits, a
   32-bit one is zero-extended, as for any other instruction. */
static void set_reg(CPUX86State *env, int reg, target_ulong v, target_ulong mask)
{
    target_ulong keep = mask == 0xffff ? ~mask : 0;

    env->regs[reg] = (env->regs[reg] & keep) | (v & mask);
}

static void advance(CPUX86State *env, const RepChunk *c, target_ulong k,
                    bool moves_esi)
{
    target_ulong bytes = (k << c->ot) * c->dir;

    set_reg(env, R_ECX, env->regs[R_ECX] - k, c->mask);
    set_reg(env, R_EDI, env->regs[R_EDI] + bytes, c->mask);
    if (moves_esi) {
        set_reg(env, R_ESI, env->regs[R_ESI] + bytes, c->mask);
    }
}

/* The address of the next element through reg, as the generated code of a
   single movs/stos computes it. */
static target_ulong element_addr(CPUX86State *env, const RepChunk *c, int reg,
                                 target_ulong base)
{
    return base + (env->regs[reg] & c->mask);
}

/*
 * The lowest guest address of the chunk's elements through reg, if their
 * bytes are one run that wraps neither the offset (at the address size) nor
 * the address space; the run is n << ot bytes long.
 */
static bool chunk_run(CPUX86State *env, const RepChunk *c, int reg,
                      target_ulong base, target_ulong *lo)
{
    target_ulong off = env->regs[reg] & c->mask;
    target_ulong span = (c->n - 1) << c->ot;    /* first to last element */
    target_ulong len = c->n << c->ot;

    if (c->dir > 0 ? span > c->mask - off : span > off) {
        return false;
    }
    *lo = base + (c->dir > 0 ? off : off - span);
    return *lo + (len - 1) >= *lo;
}

/* p[0, period) is written: repeat it up to len bytes by doubling copies,
   whose source and destination never overlap. */
static void replicate(uint8_t *p, size_t period, size_t len)
{
    size_t done = period;

    while (done < len) {
        size_t part = MIN(done, len - done);

        memcpy(p + done, p, part);
        done += part;
    }
}

/* The slow path: movs loads each element through rSI (src_base: its
   segment's), stos stores EAX. */
static void rep_elements(CPUX86State *env, const RepChunk *c, bool movs,
                         target_ulong src_base, uintptr_t ra)
{
    for (target_ulong k = 0; k < c->n; k++) {
        uint64_t v = movs
            ? x86_load_sized(env, element_addr(env, c, R_ESI, src_base), c->ot, ra)
            : env->regs[R_EAX];

        x86_store_sized(env, element_addr(env, c, R_EDI, 0), v, c->ot, ra);
        advance(env, c, 1, movs);
    }
}

/*
 * A forward copy whose destination starts inside its source re-reads bytes
 * it wrote (the "smear"): with dst = src + d, d >= the element size, every
 * element reads only bytes written by earlier ones, so the result is the
 * source's first d bytes repeated.  With d smaller, an element reads some
 * bytes before it overwrites them; that, and the mirror cases going
 * backwards, are left to the slow path.  Returns false for those.
 */
static bool copy_run(const RepChunk *c, uint8_t *dst, const uint8_t *src)
{
    size_t len = c->n << c->ot;
    intptr_t ahead = (intptr_t)((uintptr_t)dst - (uintptr_t)src) * c->dir;

    if (ahead <= 0 || (size_t)ahead >= len) {
        memmove(dst, src, len);
        return true;
    }
    if (c->dir < 0 || (size_t)ahead < ((size_t)1 << c->ot)) {
        return false;
    }
    memcpy(dst, src, ahead);
    replicate(dst, ahead, len);
    return true;
}

/*
 * How many elements, starting with the next one at a, lie in a's guest
 * page going the chunk's way (0: that element crosses into the next page).
 * The fast path works one page at a time, so that each run is one host
 * range wherever the page map puts the page.
 */
static target_ulong elements_in_page(const RepChunk *c, target_ulong a)
{
    target_ulong in_page = a & ~TARGET_PAGE_MASK;

    if (in_page + (1 << c->ot) > TARGET_PAGE_SIZE) {
        return 0;
    }
    return c->dir > 0 ? (TARGET_PAGE_SIZE - in_page) >> c->ot
                      : (in_page >> c->ot) + 1;
}

/* Host address of the lowest byte of the run whose next element is at a
   (lo: the run's lowest guest address), checked for access through the
   TLB at a, so that a refused page faults where the element would. */
static uint8_t *run_host(CPUX86State *env, const RepChunk *c, target_ulong a,
                         target_ulong lo, int access, uintptr_t ra)
{
    uint8_t *first = tlb_probe(env, a, 1 << c->ot, access, ra);

    return first - (a - lo);
}

/*
 * One part of a chunk of rep movs (c->n elements at most): the elements
 * that stay in one page of source and destination, as one host copy, or a
 * single element through the cpu_*_data_ra accessors when it crosses a
 * page or the run wraps.  Returns the number of elements done; env's
 * registers are past them.
 */
static target_ulong rep_movs_part(CPUX86State *env, RepChunk c,
                                  target_ulong base, uintptr_t ra)
{
    target_ulong src_a = element_addr(env, &c, R_ESI, base);
    target_ulong dst_a = element_addr(env, &c, R_EDI, 0);
    target_ulong src, dst;
    uint8_t *src_host, *dst_host;

    c.n = MIN(c.n, MIN(elements_in_page(&c, src_a),
                       elements_in_page(&c, dst_a)));
    if (c.n == 0 || !chunk_run(env, &c, R_ESI, base, &src)
        || !chunk_run(env, &c, R_EDI, 0, &dst)) {
        c.n = 1;
        rep_elements(env, &c, true, base, ra);
        return 1;
    }
    src_host = run_host(env, &c, src_a, src, PAGE_READ, ra);
    dst_host = run_host(env, &c, dst_a, dst, PAGE_WRITE, ra);
    set_helper_retaddr(ra);
    if (copy_run(&c, dst_host, src_host)) {
        clear_helper_retaddr();
        advance(env, &c, c.n, true);
    } else {
        clear_helper_retaddr();
        rep_elements(env, &c, true, base, ra);
    }
    return c.n;
}

static target_ulong rep_stos_part(CPUX86State *env, RepChunk c, uintptr_t ra)
{
    target_ulong dst_a = element_addr(env, &c, R_EDI, 0);
    target_ulong dst;
    uint64_t v = env->regs[R_EAX];
    uint8_t *p;

    c.n = MIN(c.n, elements_in_page(&c, dst_a));
    if (c.n == 0 || !chunk_run(env, &c, R_EDI, 0, &dst)) {
        c.n = 1;
        rep_elements(env, &c, false, 0, ra);
        return 1;
    }
    p = run_host(env, &c, dst_a, dst, PAGE_WRITE, ra);
    set_helper_retaddr(ra);
    memcpy(p, &v, 1 << c.ot);     /* little-endian host: the low bytes */
    replicate(p, 1 << c.ot, c.n << c.ot);
    clear_helper_retaddr();
    advance(env, &c, c.n, false);
    return c.n;
}

/*
 * Arguments: ot (element size), aflag (address size), the source segment
 * override (-1 none).  A fault on a host access through a TLB entry that
 * went stale (another thread unmapped the page meanwhile) is made a guest
 * fault at the rep instruction by helper_retaddr.
 */
void helper_rep_movs(CPUX86State *env, uint32_t ot, uint32_t aflag, int32_t seg)
{
    uintptr_t ra = GETPC();
    RepChunk c = rep_chunk(env, ot, aflag);
    target_ulong base = seg_base(env, seg);

    while (c.n) {
        c.n -= rep_movs_part(env, c, base, ra);
    }
}

void helper_rep_stos(CPUX86State *env, uint32_t ot, uint32_t aflag)
{
    uintptr_t ra = GETPC();
    RepChunk c = rep_chunk(env, ot, aflag);

    while (c.n) {
        c.n -= rep_stos_part(env, c, ra);
    }
}
