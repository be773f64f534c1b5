/*
 * initial-stack.c: the stack a Linux x86 process starts on, as
 * fs/binfmt_elf.c builds it.  From the top down: a NULL word, the
 * AT_EXECFN string, the environment strings, the argument strings; then,
 * 16-byte aligned, the AT_PLATFORM string and the 16 AT_RANDOM bytes; then
 * argc, argv[], NULL, envp[], NULL and the auxiliary vector, placed so that
 * the stack pointer (at argc) is 16-byte aligned.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "qemu/guest-random.h"
#include "loader.h"
#include "mmap-internal.h"

/* The stack goes just under here when that space is free. */
#ifdef TARGET_X86_64
#define STACK_TOP 0x7ffff7fff000ULL
#else
#define STACK_TOP 0xffffe000ULL
#endif

typedef struct AuxEntry {
    abi_ulong type;
    abi_ulong value;
} AuxEntry;

/* Room Linux leaves below the arguments when it sets the stack up
   (setup_arg_pages), whatever the stack limit. */
#define STACK_EXPAND (128 * 1024)

/* Map the stack, at least needed bytes plus STACK_EXPAND; returns the
   top, or -errno.  Nothing is mapped under it: running off its end is an
   access to an unmapped page (SEGV_MAPERR), as past Linux's stack limit
   (it is MAP_GROWSDOWN, as the kernel's: it grows no further than
   RLIMIT_STACK, growsdown.c, and takes mprotect's PROT_GROWSDOWN). */
static abi_long map_stack(bool exec, uint64_t needed, abi_ulong *limit)
{
    uint64_t size = HOST_PAGE_ALIGN(MAX((uint64_t)guest_stack_size, needed + STACK_EXPAND));
    uint64_t top = MIN(STACK_TOP, guest_space_end());
    int prot = PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0);
    abi_long at = -ENOMEM;

    top &= qemu_host_page_mask;
    if (top > size) {
        at = target_mmap(top - size, size, prot,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE,
                         -1, 0);
    }
    if (target_mmap_failed(at)) {
        at = target_mmap(0, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
    }
    if (target_mmap_failed(at)) {
        return at;
    }
    *limit = at;
    guest_space_keep_free(*limit > STACK_GUARD_GAP ? *limit - STACK_GUARD_GAP : 0, *limit);
    return at + size;
}

static abi_ulong push_bytes(abi_ulong *sp, const void *data, size_t len)
{
    *sp -= len;
    copy_to_user(*sp, data, len);
    return *sp;
}

static abi_ulong push_string(abi_ulong *sp, const char *s)
{
    return push_bytes(sp, s, strlen(s) + 1);
}

static void put_word(abi_ulong *addr, abi_ulong value)
{
    copy_to_user(*addr, &value, sizeof(value));
    *addr += sizeof(value);
}

static size_t count_strings(char **v, size_t *bytes)
{
    size_t n = 0;

    for (; v[n]; n++) {
        *bytes += strlen(v[n]) + 1;
    }
    return n;
}

/* Push the strings of v last first, so that v[0] ends lowest; their guest
   addresses go to addrs. */
static void push_strings(abi_ulong *sp, char **v, size_t n, abi_ulong *addrs)
{
    for (size_t i = n; i-- > 0;) {
        addrs[i] = push_string(sp, v[i]);
    }
}

static void put_pointer_array(abi_ulong *at, const abi_ulong *addrs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        put_word(at, addrs[i]);
    }
    put_word(at, 0);
}

abi_long setup_initial_stack(char **argv, char **envp, const char *execfn,
                             CPUArchState *env, const LoadedImage *exe,
                             const LoadedImage *interp, struct image_info *info)
{
    size_t string_bytes = strlen(execfn) + 1;
    size_t argc = count_strings(argv, &string_bytes);
    size_t envc = count_strings(envp, &string_bytes);
    abi_ulong *arg_addrs, *env_addrs;
    abi_ulong sp, limit, execfn_addr, platform_addr, random_addr, at;
    uint8_t random_bytes[16];
    abi_long top;
    size_t words;

    /* Linux's bound (bprm_stack_limits): the strings and their pointers
       take at most a quarter of the stack limit, but always 128 KiB and
       never more than 6 MiB. */
    size_t pointer_bytes = (argc + envc + 2) * sizeof(abi_ulong);
    size_t bound = MAX(MIN(6 * 1024 * 1024, guest_stack_size / 4), 32 * 4096);

    if (string_bytes + pointer_bytes > bound) {
        return -E2BIG;
    }
    top = map_stack(exe->exec_stack, string_bytes + pointer_bytes + 4096, &limit);
    if (target_mmap_failed(top)) {
        return top;
    }
    arg_addrs = calloc(argc + 1, sizeof(abi_ulong));
    env_addrs = calloc(envc + 1, sizeof(abi_ulong));
    if (!arg_addrs || !env_addrs) {
        free(arg_addrs);
        free(env_addrs);
        return -ENOMEM;
    }

    sp = at = top - sizeof(abi_ulong);
    put_word(&at, 0);
    execfn_addr = push_string(&sp, execfn);
    info->env_end = execfn_addr;
    push_strings(&sp, envp, envc, env_addrs);
    info->env_start = info->arg_end = sp;
    push_strings(&sp, argv, argc, arg_addrs);
    info->arg_start = sp;

    sp &= ~(abi_ulong)15;
    platform_addr = push_string(&sp, ELF_PLATFORM);
    qemu_guest_getrandom_nofail(random_bytes, sizeof(random_bytes));
    random_addr = push_bytes(&sp, random_bytes, sizeof(random_bytes));

    {
        const AuxEntry auxv[] = {
            { AT_HWCAP, env->cpuid_features },
            { AT_PAGESZ, TARGET_PAGE_SIZE },
            { AT_CLKTCK, sysconf(_SC_CLK_TCK) },
            { AT_PHDR, exe->phdr },
            { AT_PHENT, sizeof(ElfPhdr) },
            { AT_PHNUM, exe->phnum },
            { AT_BASE, interp ? interp->bias : 0 },
            { AT_FLAGS, 0 },
            { AT_ENTRY, exe->entry },
            { AT_UID, getuid() },
            { AT_EUID, geteuid() },
            { AT_GID, getgid() },
            { AT_EGID, getegid() },
            { AT_SECURE, 0 },
            { AT_RANDOM, random_addr },
            { AT_HWCAP2, 0 },
            { AT_EXECFN, execfn_addr },
            { AT_PLATFORM, platform_addr },
            { AT_NULL, 0 },
        };

        words = 1 + (argc + 1) + (envc + 1) + 2 * ARRAY_SIZE(auxv);
        sp = (sp - words * sizeof(abi_ulong)) & ~(abi_ulong)15;
        at = sp;
        put_word(&at, argc);
        put_pointer_array(&at, arg_addrs, argc);
        put_pointer_array(&at, env_addrs, envc);
        info->saved_auxv = at;
        info->auxv_len = sizeof(auxv);
        for (size_t i = 0; i < ARRAY_SIZE(auxv); i++) {
            put_word(&at, auxv[i].type);
            put_word(&at, auxv[i].value);
        }
    }
    free(arg_addrs);
    free(env_addrs);
    info->start_stack = sp;
    info->stack_limit = limit;
    return sp;
}
