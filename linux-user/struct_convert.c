/*
 * struct_convert.c: the generic structure converter that syscall_impl.h
 * describes.  A guest structure is built or read in host memory, field by
 * field from its StructLayout, and crosses to the guest in one
 * copy_to_user / copy_from_user (uaccess.h), so it never assumes where the
 * guest's bytes are.
 */
#include "qemu/osdep.h"
#include "syscall_impl.h"

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
    char *t = calloc(n ? n : 1, l->target_size);    /* padding must not leak */
    abi_long err;

    if (!t) {
        return -TARGET_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        convert_fields(t + i * l->target_size,
                       (const char *)host + i * l->host_size, l, true);
    }
    err = copy_to_user(gaddr, t, n * l->target_size);
    free(t);
    return err;
}

abi_long struct_array_from_user(void *host, abi_ulong gaddr, size_t n,
                                const StructLayout *l)
{
    char *t = malloc(n ? n * l->target_size : 1);
    abi_long err = t ? copy_from_user(t, gaddr, n * l->target_size) : -TARGET_ENOMEM;

    if (!err) {
        memset(host, 0, n * l->host_size);
        for (size_t i = 0; i < n; i++) {
            convert_fields((char *)host + i * l->host_size,
                           t + i * l->target_size, l, false);
        }
    }
    free(t);
    return err;
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
