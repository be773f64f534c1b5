/*
 * helper-int.h: the integer, flags and system helpers of the x86 guest
 * (cc_helper.c, int_helper.c, atomic_helper.c, misc_helper.c,
 * bits_helper.c), listed once for helper.h.
 * Helpers that read or write guest registers or the lazy flags in env take
 * no call flags, so TCG syncs its globals around them.
 */

/* Lazy flags: EFLAGS' arithmetic bits / CF from (cc_dst, cc_src, cc_src2, cc_op). */
DEF_HELPER_FLAGS_4(cc_compute_all, TCG_CALL_NO_RWG_SE, tl, tl, tl, tl, int)
DEF_HELPER_FLAGS_4(cc_compute_c, TCG_CALL_NO_RWG_SE, tl, tl, tl, tl, int)
DEF_HELPER_1(read_eflags, tl, env)
/* Write the bits of update_mask (i32) from the value; CC bits always. */
DEF_HELPER_3(write_eflags, void, env, tl, i32)

/* Rotates through carry and double shifts: (env, value, [src,] count, size);
   they expect cc_op == CC_OP_EFLAGS and update cc_src. */
DEF_HELPER_4(rcl, tl, env, tl, tl, int)
DEF_HELPER_4(rcr, tl, env, tl, tl, int)
DEF_HELPER_5(shld, tl, env, tl, tl, tl, int)
DEF_HELPER_5(shrd, tl, env, tl, tl, tl, int)

/* Divisions on the accumulator pair; raise #DE. */
DEF_HELPER_2(divb_AL, void, env, tl)
DEF_HELPER_2(idivb_AL, void, env, tl)
DEF_HELPER_2(divw_AX, void, env, tl)
DEF_HELPER_2(idivw_AX, void, env, tl)
DEF_HELPER_2(divl_EAX, void, env, tl)
DEF_HELPER_2(idivl_EAX, void, env, tl)
#ifdef TARGET_X86_64
DEF_HELPER_2(divq_EAX, void, env, tl)
DEF_HELPER_2(idivq_EAX, void, env, tl)
#endif

/* atomic_helper.c.  lock_store(env, addr, value, MemOp size): the store of
   a locked read-modify-write, done only if memory still holds
   env->lock_expected, else the instruction restarts.
   cmpxchg8b / cmpxchg16b at the address; cc_op must be CC_OP_EFLAGS. */
DEF_HELPER_4(lock_store, void, env, tl, tl, i32)
DEF_HELPER_2(cmpxchg8b, void, env, tl)
#ifdef TARGET_X86_64
DEF_HELPER_2(cmpxchg16b, void, env, tl)
#endif

/* string_helper.c: one chunk of rep movs / rep stos (env, element size,
   address size[, source segment override or -1]); they read and write
   rCX, rSI, rDI and EAX in env, so take no call flags. */
DEF_HELPER_4(rep_movs, void, env, i32, i32, s32)
DEF_HELPER_3(rep_stos, void, env, i32, i32)

DEF_HELPER_1(cpuid, void, env)
DEF_HELPER_1(rdtsc, void, env)
DEF_HELPER_1(rdtscp, void, env)
/* A full host memory barrier (mfence). */
DEF_HELPER_FLAGS_0(mfence, TCG_CALL_NO_RWG, void)

/* bits_helper.c: pdep / pext (source, mask); crc32c (crc, value, bytes
   of the value) for the crc32 instruction. */
DEF_HELPER_FLAGS_2(pdep, TCG_CALL_NO_RWG_SE, tl, tl, tl)
DEF_HELPER_FLAGS_2(pext, TCG_CALL_NO_RWG_SE, tl, tl, tl)
DEF_HELPER_FLAGS_3(crc32c, TCG_CALL_NO_RWG_SE, tl, i32, tl, i32)

/* Exceptions and exits to cpu_loop. */
DEF_HELPER_2(raise_exception, noreturn, env, int)
/* (env, vector, length of the int instruction) */
DEF_HELPER_3(raise_interrupt, noreturn, env, int, int)
/* (env, length of the syscall instruction) */
DEF_HELPER_2(syscall, noreturn, env, int)
/* mov to a segment register: (env, segment, selector) */
DEF_HELPER_3(load_seg, void, env, int, int)
/* lar, lsl, verr, verw: (env, selector, DESC_QUERY_*) -> rights or limit;
   sets ZF in cc_src */
DEF_HELPER_3(desc_query, tl, env, int, int)
/* far returns and jumps (seg_helper.c): (env, log2 of the slot size,
   bytes released after lret imm16) / (env, selector, eip[, slot size,
   return eip]) */
DEF_HELPER_3(lret, void, env, int, int)
DEF_HELPER_2(iret, void, env, int)
DEF_HELPER_3(ljmp, void, env, int, tl)
DEF_HELPER_5(lcall, void, env, int, tl, int, tl)

/* BCD adjustments (32-bit code only); they fold the flags themselves. */
DEF_HELPER_1(daa, void, env)
DEF_HELPER_1(das, void, env)
DEF_HELPER_1(aaa, void, env)
DEF_HELPER_1(aas, void, env)
/* aam / aad with their base (aam: non-zero, checked by the translator) */
DEF_HELPER_2(aam, void, env, int)
DEF_HELPER_2(aad, void, env, int)
