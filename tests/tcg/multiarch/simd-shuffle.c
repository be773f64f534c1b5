/*
 * simd-shuffle.c: the shuffles by an immediate, pshufd, pshuflw, pshufhw,
 * shufps, shufpd and the mm register's pshufw, over every immediate, with
 * a register source, a memory source, and the destination as its own
 * source (where an emulator that writes lanes while it still reads them
 * goes wrong: pshufd is generated code of its own, not a helper,
 * docs/devel/performance.md lever 32).  One hash line per form
 * (simd-common.h), compared with the host.
 */
#include "simd-common.h"

#define SHUFFLES(X) X(pshufd) X(pshuflw) X(pshufhw) X(shufps) X(shufpd)

#define DEFINE(name) SIMD_IMM_OP(name, #name, IMM_256)
SHUFFLES(DEFINE)
MMX_IMM_OP(pshufw, "pshufw", IMM_256)

/* The destination as the source: NAME_self_reg (its _mem is unused). */
#define DEFINE_SELF(name) \
    OP_FORMS_IMM(name##_self, SIMD_ASM, #name, "%%xmm1", "%%xmm1", IMM_256)
SHUFFLES(DEFINE_SELF)
OP_FORMS_IMM(pshufw_self, MMX_ASM, "pshufw", "%%mm1", "%%mm1", IMM_256)

#define ROW(name) INSN(name),
#define ROW_SELF(name) { #name "_self", name##_self_reg, name##_self_reg },
static const SimdInsn ops[] = { SHUFFLES(ROW) INSN(pshufw) };
static const SimdInsn self_ops[] = { SHUFFLES(ROW_SELF) ROW_SELF(pshufw) };

int main(void)
{
    /* the pool's byte sequences and a random one: every byte different,
       so every choice of lanes shows (its first entries fill all bytes
       alike, which any shuffle leaves as they are) */
    const V128 *distinct = int_pool + 6;

    init_int_pool();
    run_table(ops, sizeof(ops) / sizeof(ops[0]), distinct, 4, imm_range(256), 256);
    run_table(self_ops, sizeof(self_ops) / sizeof(self_ops[0]), distinct, 4,
              imm_range(256), 256);
    return 0;
}
