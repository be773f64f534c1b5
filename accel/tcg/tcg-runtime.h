/*
 * tcg-runtime.h: helpers that belong to the engine, not to a guest.
 * lookup_tb_ptr: host code address of the TB for env's current pc, or the
 * epilogue when none is translated yet (tcg_gen_lookup_and_goto_ptr).
 * lookup_tb_ptr_site: the same, also giving the jump site it is passed its
 * chained pc if it has none (tcg_gen_lookup_and_goto_ptr_cached).
 * lookup_tb_ptr_ret: the same for a ret, also giving the return record it
 * found (struct RetSite, or NULL) its key if it is its call's and has none.
 */
DEF_HELPER_FLAGS_1(lookup_tb_ptr, TCG_CALL_NO_WG_SE, ptr, env)
DEF_HELPER_FLAGS_2(lookup_tb_ptr_site, TCG_CALL_NO_WG, ptr, env, ptr)
DEF_HELPER_FLAGS_3(lookup_tb_ptr_ret, TCG_CALL_NO_WG, ptr, env, ptr, ptr)
