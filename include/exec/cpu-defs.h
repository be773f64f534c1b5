/*
 * cpu-defs.h: guest word size and guest page geometry, fixed per target at
 * compile time (TARGET_X86_64 or plain TARGET_I386).
 */
#ifndef EXEC_CPU_DEFS_H
#define EXEC_CPU_DEFS_H

#ifdef TARGET_X86_64
#define TARGET_LONG_BITS 64
typedef uint64_t target_ulong;
typedef int64_t target_long;
#define TARGET_FMT_lx "%016" PRIx64
#define TARGET_FMT_ld "%" PRId64
#define TARGET_ABI_BITS 64
typedef uint64_t abi_ulong;
typedef int64_t abi_long;
#define TARGET_ABI_FMT_lx "%" PRIx64
#define TARGET_ABI_FMT_ld "%" PRId64
#else
#define TARGET_LONG_BITS 32
typedef uint32_t target_ulong;
typedef int32_t target_long;
#define TARGET_FMT_lx "%08x"
#define TARGET_FMT_ld "%d"
#define TARGET_ABI_BITS 32
typedef uint32_t abi_ulong;
typedef int32_t abi_long;
#define TARGET_ABI_FMT_lx "%x"
#define TARGET_ABI_FMT_ld "%d"
#endif
#define TARGET_LONG_SIZE (TARGET_LONG_BITS / 8)

/* The guest page: always 4 KiB.  The host page (H) lives in qemu/hostpage.h. */
#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1 << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK ((target_long)-1 << TARGET_PAGE_BITS)
#define TARGET_PAGE_ALIGN(a) (((a) + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK)

#endif
