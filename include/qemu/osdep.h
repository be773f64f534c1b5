/*
 * osdep.h: the first include of every C file.  System headers, the
 * generated build configuration, and the handful of macros every file uses.
 */
#ifndef QEMU_OSDEP_H
#define QEMU_OSDEP_H

#include "config-host.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <limits.h>
#include <assert.h>
#include <signal.h>
#include <setjmp.h>
#include <sys/types.h>

#define QEMU_NORETURN    __attribute__((noreturn))
#define QEMU_PACKED      __attribute__((packed))
#define QEMU_UNUSED      __attribute__((unused))
#define QEMU_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define likely(x)        __builtin_expect(!!(x), 1)
#define unlikely(x)      __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))
#define QEMU_ALIGN_DOWN(n, m) ((n) / (m) * (m))
#define QEMU_ALIGN_UP(n, m)   QEMU_ALIGN_DOWN((n) + (m) - 1, (m))
#define QEMU_IS_ALIGNED(n, m) (((n) % (m)) == 0)
#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif

/* glue and stringify expand macro arguments first; xglue and tostring do not. */
#define xglue(a, b) a ## b
#define glue(a, b) xglue(a, b)
#define stringify(s) tostring(s)
#define tostring(s) #s

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

/* Abort with a message: for states the emulator itself must never reach. */
QEMU_NORETURN QEMU_PRINTF(1, 2) void cpu_abort_msg(const char *fmt, ...);
#define tcg_abort() cpu_abort_msg("%s:%d: tcg fatal error", __FILE__, __LINE__)
#define qemu_unreachable() \
    cpu_abort_msg("%s:%d: code should not be reached", __FILE__, __LINE__)
#ifdef CONFIG_DEBUG_TCG
#define tcg_debug_assert(x) assert(x)
#else
#define tcg_debug_assert(x) do { if (!(x)) __builtin_unreachable(); } while (0)
#endif

#endif
