/*
 * helper-head.h: the type vocabulary of helper declarations.  A target lists
 * its helpers once in helper.h as DEF_HELPER_FLAGS_n(name, flags, ret, args...);
 * helper-proto.h turns that list into C prototypes, helper-gen.h into
 * gen_helper_<name>() IR builders, helper-tcg.h into the call-info table.
 * Types: void noreturn i32 s32 int i64 s64 tl env ptr.
 */
#ifndef EXEC_HELPER_HEAD_H
#define EXEC_HELPER_HEAD_H

#define HELPER(name) glue(helper_, name)

/* C type of an argument or return value */
#define dh_ctype_void void
#define dh_ctype_noreturn void QEMU_NORETURN
#define dh_ctype_i32 uint32_t
#define dh_ctype_s32 int32_t
#define dh_ctype_int int
#define dh_ctype_i64 uint64_t
#define dh_ctype_s64 int64_t
#define dh_ctype_tl target_ulong
#define dh_ctype_env CPUArchState *
#define dh_ctype_ptr void *
#define dh_ctype(t) glue(dh_ctype_, t)

/* IR temp kind carrying it */
#define dh_alias_void void
#define dh_alias_noreturn void
#define dh_alias_i32 i32
#define dh_alias_s32 i32
#define dh_alias_int i32
#define dh_alias_i64 i64
#define dh_alias_s64 i64
#if TARGET_LONG_BITS == 64
#define dh_alias_tl i64
#else
#define dh_alias_tl i32
#endif
#define dh_alias_env ptr
#define dh_alias_ptr ptr
#define dh_alias(t) glue(dh_alias_, t)
#define dh_gentype(t) glue(TCGv_, dh_alias(t))

/* sizemask bits: 64-bit and signed, per position n (0 = return) */
#define dh_is_64bit_void 0
#define dh_is_64bit_i32 0
#define dh_is_64bit_i64 1
#define dh_is_64bit_ptr 1
#define dh_is_64bit(t) glue(dh_is_64bit_, dh_alias(t))
#define dh_is_signed_void 0
#define dh_is_signed_noreturn 0
#define dh_is_signed_i32 0
#define dh_is_signed_s32 1
#define dh_is_signed_int 1
#define dh_is_signed_i64 0
#define dh_is_signed_s64 1
#define dh_is_signed_tl 0
#define dh_is_signed_env 0
#define dh_is_signed_ptr 0
#define dh_is_signed(t) glue(dh_is_signed_, t)
#define dh_sizemask(t, n) \
    ((dh_is_64bit(t) << ((n) * 2)) | (dh_is_signed(t) << ((n) * 2 + 1)))

/* return-value parameter of gen_helper_<name> */
#define dh_retvar_decl0_void void
#define dh_retvar_decl0_i32 TCGv_i32 retval
#define dh_retvar_decl0_i64 TCGv_i64 retval
#define dh_retvar_decl0_ptr TCGv_ptr retval
#define dh_retvar_decl0(t) glue(dh_retvar_decl0_, dh_alias(t))
#define dh_retvar_decl_void
#define dh_retvar_decl_i32 TCGv_i32 retval,
#define dh_retvar_decl_i64 TCGv_i64 retval,
#define dh_retvar_decl_ptr TCGv_ptr retval,
#define dh_retvar_decl(t) glue(dh_retvar_decl_, dh_alias(t))
#define dh_retvar_void NULL
#define dh_retvar_i32 ((void *)retval)
#define dh_retvar_i64 ((void *)retval)
#define dh_retvar_ptr ((void *)retval)
#define dh_retvar(t) glue(dh_retvar_, dh_alias(t))

#define dh_arg(t, n) ((void *)glue(arg, n))
#define dh_arg_decl(t, n) dh_gentype(t) glue(arg, n)

#endif
