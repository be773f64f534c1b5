/*
 * structs: aggregates by value: struct assignment (gcc emits rep movs or
 * vector moves for the big ones), structs passed to and returned from
 * functions (on i386 through a hidden pointer), unions and type punning
 * through memcpy, packed and bit-field layouts, flexible array members,
 * and memcpy/memmove between overlapping array elements.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <stdint.h>
#include <stddef.h>

struct small { char c; short s; };
struct medium { int a, b, c; double d; };
struct big { char name[40]; int vals[50]; struct medium m; long long total; };
struct __attribute__((packed)) packed { char c; int i; short s; long long q; };
struct flex { int n; int data[]; };
union pun { float f; uint32_t u; unsigned char b[4]; };

static struct big make_big(int seed)
{
    struct big b;
    memset(&b, 0, sizeof(b));
    snprintf(b.name, sizeof(b.name), "big-%d", seed);
    for (int i = 0; i < 50; i++) {
        b.vals[i] = seed * i - 7;
        b.total += b.vals[i];
    }
    b.m = (struct medium){ seed, -seed, seed * seed, seed / 3.0 };
    return b;
}

static struct medium combine(struct medium x, struct small y, struct medium z)
{
    struct medium r = { x.a + z.a + y.c, x.b * z.b + y.s, x.c - z.c, x.d * z.d };
    return r;
}

static long long sum_big(struct big b)
{
    long long t = 0;
    b.vals[0] = 1000000;               /* a copy: the caller's stays as it was */
    for (int i = 0; i < 50; i++)
        t += b.vals[i];
    return t + b.m.c;
}

int main(void)
{
    struct big arr[8];
    for (int i = 0; i < 8; i++)
        arr[i] = make_big(i + 1);
    struct big copy = arr[3];
    arr[3].vals[10] = -1;
    printf("%s total %lld copy.vals[10] %d arr[3].vals[10] %d\n", copy.name, copy.total, copy.vals[10],
           arr[3].vals[10]);
    printf("sum_big %lld, vals[0] after %d\n", sum_big(arr[5]), arr[5].vals[0]);

    struct medium m = combine(arr[1].m, (struct small){ 'A', -300 }, arr[2].m);
    printf("combine %d %d %d %.6f\n", m.a, m.b, m.c, m.d);

    memmove(&arr[1], &arr[0], 7 * sizeof(arr[0]));
    for (int i = 0; i < 8; i++)
        printf("%s:%lld ", arr[i].name, arr[i].total);
    putchar('\n');

    printf("sizes %zu %zu %zu %zu offsetof(q) %zu\n", sizeof(struct small), sizeof(struct medium),
           sizeof(struct big), sizeof(struct packed), offsetof(struct packed, q));
    struct packed pk = { 'x', 0x12345678, -2, 0x1122334455667788LL };
    unsigned char raw[sizeof(pk)];
    memcpy(raw, &pk, sizeof(pk));
    for (size_t i = 0; i < sizeof(raw); i++)
        printf("%02x", raw[i]);
    putchar('\n');
    pk.i++;
    pk.q >>= 4;
    printf("packed %d %llx\n", pk.i, (unsigned long long)pk.q);

    union pun u = { .f = -1.5f };
    printf("pun %08x %02x%02x%02x%02x\n", u.u, u.b[0], u.b[1], u.b[2], u.b[3]);

    struct flex *fl = malloc(sizeof(*fl) + 100 * sizeof(int));
    fl->n = 100;
    for (int i = 0; i < fl->n; i++)
        fl->data[i] = i * i;
    int fs = 0;
    for (int i = 0; i < fl->n; i++)
        fs += fl->data[i];
    printf("flex sum %d\n", fs);
    free(fl);

    struct medium grid[4][4];
    for (int i = 0; i < 16; i++)
        grid[i / 4][i % 4] = (struct medium){ i, i * 2, i * 3, i * 0.5 };
    struct medium t = grid[1][2];
    grid[1][2] = grid[2][1];
    grid[2][1] = t;
    printf("swap %d %d %.1f\n", grid[1][2].a, grid[2][1].b, grid[2][1].d);
    return 0;
}
