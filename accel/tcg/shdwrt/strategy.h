/*
 * strategy.h: what the strategy files share (accel/tcg/shdwrt only).
 */
#ifndef ACCEL_TCG_SHDWRT_STRATEGY_H
#define ACCEL_TCG_SHDWRT_STRATEGY_H

/* strategy-break.c, in every build: the faulting block tb is translated
   again with checked accesses (also what precise protection's shadowed
   pages use in every build). */
void break_block(TranslationBlock *tb, target_ulong pc);

#endif
