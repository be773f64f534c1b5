/*
 * helper-fpu.h: the x87 helpers, listed once (see exec/helper-head.h).
 * fmt and op codes are in fpu-ops.h; sti is a stack index (ST(i)).  Helpers
 * that touch guest memory take its address and may fault (precise: GETPC).
 */
/* loads, stores, arithmetic with a memory operand */
DEF_HELPER_FLAGS_3(fld_mem, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(fst_mem, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_4(farith_mem, TCG_CALL_NO_WG, void, env, tl, i32, i32)
/* register forms: ST(dst) = ST(dst) op ST(src) (op: not a compare) */
DEF_HELPER_FLAGS_4(farith_reg, TCG_CALL_NO_RWG, void, env, i32, i32, i32)
DEF_HELPER_FLAGS_3(fcom, TCG_CALL_NO_RWG, void, env, i32, i32)
/* reads the lazy flags when an unmasked exception suppresses it */
DEF_HELPER_FLAGS_3(fcomi, TCG_CALL_NO_WG, i32, env, i32, i32)
DEF_HELPER_FLAGS_2(fld_sti, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(fst_sti, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(fst_sti_nocheck, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(fxch, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(ffree, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_1(fpop, TCG_CALL_NO_RWG, void, env)
/* reads the lazy flags (cc globals) */
DEF_HELPER_FLAGS_3(fcmov, TCG_CALL_NO_WG, void, env, i32, i32)
/* D9 E0..FF by ModRM - 0xe0 */
DEF_HELPER_FLAGS_2(fpu_special, TCG_CALL_NO_RWG, void, env, i32)
/* FWAIT, and the check every waiting x87 and MMX instruction starts with:
   #MF when an unmasked exception is pending */
DEF_HELPER_FLAGS_1(fwait, TCG_CALL_NO_WG, void, env)
/* control and state images */
DEF_HELPER_FLAGS_1(fnstsw, TCG_CALL_NO_RWG_SE, i32, env)
DEF_HELPER_FLAGS_1(fnclex, TCG_CALL_NO_RWG, void, env)
DEF_HELPER_FLAGS_1(fninit, TCG_CALL_NO_RWG, void, env)
DEF_HELPER_FLAGS_2(fldcw, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_3(fnstenv, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(fldenv, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(fnsave, TCG_CALL_NO_WG, void, env, tl, i32)
DEF_HELPER_FLAGS_3(frstor, TCG_CALL_NO_WG, void, env, tl, i32)
/* MMX state: any MMX instruction but EMMS enters it, EMMS leaves it */
DEF_HELPER_FLAGS_1(enter_mmx, TCG_CALL_NO_RWG, void, env)
DEF_HELPER_FLAGS_1(emms, TCG_CALL_NO_RWG, void, env)
