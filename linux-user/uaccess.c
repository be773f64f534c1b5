/*
 * uaccess.c: how the syscall layer reaches guest memory safely.  Every
 * guest pointer is checked against the guest page flags before it is
 * touched, so a bad pointer from the guest yields -EFAULT instead of a
 * fault inside the emulator.  Also the generic structure converter that
 * syscall_impl.h describes.
 */
#include "qemu/osdep.h"
#include <sys/uio.h>
#include "syscall_impl.h"

char *lock_user_string(abi_ulong addr)
{
    abi_ulong page_addr = addr & TARGET_PAGE_MASK;
    abi_ulong scan = addr;

    /* Check one guest page at a time: the string may end before a hole. */
    for (;;) {
        abi_ulong page_end = page_addr + TARGET_PAGE_SIZE;

        if (page_check_range(page_addr, TARGET_PAGE_SIZE, PAGE_READ) != 0) {
            return NULL;
        }
        if (memchr(g2h(scan), 0, page_end - scan)) {
            return g2h(addr);
        }
        if (page_end == 0) {
            return NULL;            /* wrapped around the guest space */
        }
        scan = page_addr = page_end;
    }
}

abi_long copy_from_user(void *hptr, abi_ulong gaddr, size_t len)
{
    if (!access_ok(VERIFY_READ, gaddr, len)) {
        return -TARGET_EFAULT;
    }
    memcpy(hptr, g2h(gaddr), len);
    return 0;
}

abi_long copy_to_user(abi_ulong gaddr, const void *hptr, size_t len)
{
    if (!access_ok(VERIFY_WRITE, gaddr, len)) {
        return -TARGET_EFAULT;
    }
    memcpy(g2h(gaddr), hptr, len);
    return 0;
}

static uint64_t load_int(const void *p, unsigned size, bool is_signed)
{
    switch (size) {
    case 1: return is_signed ? (uint64_t)*(const int8_t *)p : *(const uint8_t *)p;
    case 2: { int16_t s; uint16_t u; memcpy(&u, p, 2); s = u;
              return is_signed ? (uint64_t)s : u; }
    case 4: { int32_t s; uint32_t u; memcpy(&u, p, 4); s = u;
              return is_signed ? (uint64_t)s : u; }
    default: { uint64_t u; memcpy(&u, p, 8); return u; }
    }
}

/* Little-endian host and guest: narrowing keeps the low bytes. */
static void store_int(void *p, unsigned size, uint64_t v)
{
    memcpy(p, &v, size);
}

static void convert_fields(void *dst, const void *src, const StructLayout *l,
                           bool to_target)
{
    for (size_t i = 0; i < l->nfields; i++) {
        const StructField *f = &l->fields[i];
        unsigned src_off = to_target ? f->host_off : f->target_off;
        unsigned src_size = to_target ? f->host_size : f->target_size;
        unsigned dst_off = to_target ? f->target_off : f->host_off;
        unsigned dst_size = to_target ? f->target_size : f->host_size;

        store_int((char *)dst + dst_off, dst_size,
                  load_int((const char *)src + src_off, src_size, f->is_signed));
    }
}

abi_long struct_array_to_user(abi_ulong gaddr, const void *host, size_t n,
                              const StructLayout *l)
{
    char *t;

    if (!access_ok(VERIFY_WRITE, gaddr, n * l->target_size)) {
        return -TARGET_EFAULT;
    }
    t = g2h(gaddr);
    memset(t, 0, n * l->target_size);       /* padding must not leak */
    for (size_t i = 0; i < n; i++) {
        convert_fields(t + i * l->target_size,
                       (const char *)host + i * l->host_size, l, true);
    }
    return 0;
}

abi_long struct_array_from_user(void *host, abi_ulong gaddr, size_t n,
                                const StructLayout *l)
{
    const char *t;

    if (!access_ok(VERIFY_READ, gaddr, n * l->target_size)) {
        return -TARGET_EFAULT;
    }
    t = g2h(gaddr);
    memset(host, 0, n * l->host_size);
    for (size_t i = 0; i < n; i++) {
        convert_fields((char *)host + i * l->host_size,
                       t + i * l->target_size, l, false);
    }
    return 0;
}

abi_long struct_to_user(abi_ulong gaddr, const void *host, const StructLayout *l)
{
    return struct_array_to_user(gaddr, host, 1, l);
}

abi_long struct_from_user(void *host, abi_ulong gaddr, const StructLayout *l)
{
    return struct_array_from_user(host, gaddr, 1, l);
}

void *struct_from_user_opt(void *host, abi_ulong gaddr, const StructLayout *l,
                           abi_long *err)
{
    *err = 0;
    if (!gaddr) {
        return NULL;
    }
    *err = struct_from_user(host, gaddr, l);
    return *err ? NULL : host;
}

struct iovec *lock_iovec(int type, abi_ulong target_iov, int count, abi_long *err)
{
    struct iovec *vec;

    if (count < 0 || count > IOV_MAX) {
        *err = -TARGET_EINVAL;
        return NULL;
    }
    vec = calloc(count ? count : 1, sizeof(*vec));
    *err = struct_array_from_user(vec, target_iov, count, &iovec_layout);
    for (int i = 0; !*err && i < count; i++) {
        abi_ulong base = (abi_ulong)(uintptr_t)vec[i].iov_base;

        if (!access_ok(type, base, vec[i].iov_len)) {
            *err = -TARGET_EFAULT;
        }
        vec[i].iov_base = g2h(base);
    }
    if (*err) {
        free(vec);
        return NULL;
    }
    return vec;
}
